"""A batch on Dask (its local multiprocessing scheduler), mapping claimkit's pure per-article step.

    pip install 'claimkit[dask]'
    python examples/dask_batch.py ARTICLES.jsonl OUT.jsonl [--engine embedded|llm|hybrid]

``claimkit.batch.process(settings, item)`` depends on nothing but its arguments, so any engine that maps a
function over records can run it: the same line works with ``ray.data`` (``ds.map(lambda r: process(...))``)
or a Dask cluster's ``Client``. For LLM engines, keep the number of partitions running at once near the
concurrency your endpoint allows; the cache and call log are SQLite files that several processes share.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import dask.bag as db

from claimkit.batch import iter_items, process
from claimkit.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles")
    parser.add_argument("output", type=Path)
    parser.add_argument("--engine", default="embedded")
    parser.add_argument("--partitions", type=int, default=4)
    args = parser.parse_args()
    settings = Settings.resolve(engine=args.engine)
    items = list(iter_items([args.articles]))
    bag = db.from_sequence(items, npartitions=args.partitions)
    records = bag.map(lambda item: process(settings, item)).compute(scheduler="processes")
    with args.output.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    failed = sum(not r["ok"] for r in records)
    print(f"{len(records)} records, {failed} failed, written to {args.output}")


if __name__ == "__main__":
    main()
