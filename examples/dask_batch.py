"""A batch on a Dask cluster: each partition a task on a worker, each task its own output part.

    pip install 'claimkit[dask]'
    python examples/dask_batch.py ARTICLES.jsonl OUT_FOLDER [--scheduler tcp://host:8786] [--workers 2]

With no ``--scheduler`` a ``LocalCluster`` of ``--workers`` processes is started here, and its dashboard
shows the tasks; with one, the work goes to that cluster (Kubernetes, YARN, SSH: see docs/BATCH.md), and
ARTICLES.jsonl and OUT_FOLDER must be on storage every worker sees. Nothing but counts comes back to this
process; the records are in OUT_FOLDER/part-*.jsonl (and .parquet with ``--parquet``). Run it again to resume.
The command line does the same: ``claimkit batch ARTICLES.jsonl -o OUT_FOLDER --scheduler tcp://host:8786``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import distributed

from claimkit.batch.dask import summarise_on_cluster
from claimkit.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="+")
    parser.add_argument("output", type=Path)
    parser.add_argument("--scheduler", help="the address of a running scheduler; none: a LocalCluster here")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--partitions", type=int)
    parser.add_argument("--engine", default="embedded")
    parser.add_argument("--parquet", action="store_true")
    args = parser.parse_args()
    settings = Settings.resolve(engine=args.engine)
    if args.scheduler:
        client = distributed.Client(args.scheduler)
    else:
        client = distributed.Client(distributed.LocalCluster(n_workers=args.workers, threads_per_worker=1))
    with client:
        print(f"dashboard: {client.dashboard_link}")
        report = summarise_on_cluster(
            args.articles,
            args.output,
            client=client,
            settings=settings,
            partitions=args.partitions,
            parquet=args.parquet,
        )
    print(
        f"{report.done} done, {report.failed} failed, {report.skipped} already in {args.output}; "
        f"parts in {args.output}/part-*.jsonl"
    )


if __name__ == "__main__":
    main()
