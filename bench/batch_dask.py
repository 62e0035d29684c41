"""Throughput of a batch on a dask.distributed cluster at 1 and 2 workers: articles per CPU-second and per second.

A ``LocalCluster`` of N worker processes (one thread each) runs ``claimkit.batch.dask.summarise_on_cluster`` over
the PolNeAR DEV2 texts of the evaluation data, repeated under new ids. CPU time is read in every worker process
(``client.run``) before and after, so the figure counts the work where it is done, not the driver's waiting. The
worker counts alternate (1, 2, 1, 2 …) so that the machine's load falls on both alike.

    python bench/batch_dask.py [--eval-dir ../shared/eval] [--articles 600] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

import distributed

from claimkit.batch.dask import summarise_on_cluster
from claimkit.settings import Settings

DEFAULT_EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _inputs(path: Path, count: int, eval_dir: Path) -> None:
    source = eval_dir / "polnear.dev2.jsonl"
    if not source.exists():
        raise SystemExit(f"no evaluation data at {source}: pass --eval-dir")
    texts = [json.loads(line)["text"] for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps({"id": f"r{n}", "text": texts[n % len(texts)]}) + "\n")


def _round(workers: int, inputs: Path, folder: Path) -> tuple[float, float, int]:
    """Seconds, worker CPU-seconds and tasks run, for one batch on a new cluster of ``workers`` processes."""
    cluster = distributed.LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, worker_dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        client.run(lambda: __import__("claimkit.pipeline"))  # imports are not the batch's work
        before = sum(client.run(_cpu_seconds).values())
        started = time.perf_counter()
        with distributed.get_task_stream(client) as stream:
            report = summarise_on_cluster(
                [str(inputs)], folder, client=client, settings=Settings(engine="embedded"), partitions=workers * 4
            )
        seconds = time.perf_counter() - started
        cpu = sum(client.run(_cpu_seconds).values()) - before
        tasks = sum(1 for t in stream.data if str(t["key"]).startswith("claimkit-part-"))
    assert report.done > 0 and report.failed == 0, report
    return seconds, cpu, tasks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores; {args.articles} articles a run")
    results: dict[int, list[tuple[float, float, int]]] = {1: [], 2: []}
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "in.jsonl"
        _inputs(inputs, args.articles, args.eval_dir)
        for number in range(args.rounds):
            for workers in (1, 2):
                measured = _round(workers, inputs, Path(folder) / f"out-{workers}-{number}")
                results[workers].append(measured)
                seconds, cpu, tasks = measured
                print(
                    f"round {number + 1}, {workers} worker(s): {tasks} tasks on the scheduler, {seconds:6.1f} s, "
                    f"{cpu:6.1f} worker CPU-s: {args.articles / cpu:6.1f} articles per CPU-second, "
                    f"{args.articles / seconds:6.1f} per second",
                    flush=True,
                )
    for workers, rows in results.items():
        cpu = sorted(r[1] for r in rows)[len(rows) // 2]
        seconds = sorted(r[0] for r in rows)[len(rows) // 2]
        print(
            f"{workers} worker(s), median: {args.articles / cpu:6.1f} articles per CPU-second, "
            f"{args.articles / seconds:6.1f} articles per second"
        )


if __name__ == "__main__":
    main()
