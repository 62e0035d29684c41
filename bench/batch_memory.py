"""Peak memory of a batch at growing sizes: flat, or not.

Each case runs in a fresh process (peak RSS is per process) with the embedded engine: 2k, 20k and 200k tiny
items (a sentence each), 2k real articles (the PolNeAR DEV2 texts of the evaluation data, repeated under new
ids), and a resume on a 200k-line output whose every id is done (compared with one of 2k lines). It prints the
batch process's peak RSS, the largest worker's, and the seconds each took.

    python bench/batch_memory.py [--eval-dir ../shared/eval] [--sizes 2000 20000 200000] [--skip-real]
                                 [--resume-only]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
TINY = "The mayor said the bridge would reopen in May."


def _write_tiny(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps({"id": f"t{n}", "text": f"{TINY} Item {n}."}) + "\n")


def _write_real(path: Path, count: int, eval_dir: Path) -> None:
    source = eval_dir / "polnear.dev2.jsonl"
    if not source.exists():
        raise SystemExit(f"no evaluation data at {source}: pass --eval-dir, or --skip-real")
    texts = [json.loads(line)["text"] for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps({"id": f"r{n}", "text": texts[n % len(texts)]}) + "\n")


def _write_done_output(path: Path, count: int) -> None:
    """An output whose every line is a finished record (one real record of a tiny item, under each id)."""
    from claimkit.batch import BatchItem, process
    from claimkit.settings import Settings

    record = process(Settings(engine="embedded"), BatchItem(id="x", text=TINY))
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            handle.write(json.dumps({**record, "id": f"t{n}"}) + "\n")


def _one(inputs: Path, output: Path) -> None:
    """The measured run, in its own process: prints its peaks and time as JSON."""
    from claimkit.batch import iter_items, summarise_many
    from claimkit.settings import Settings

    started = time.perf_counter()
    report = summarise_many(iter_items([str(inputs)]), settings=Settings(engine="embedded"), output=output)
    print(
        json.dumps(
            {
                "driver_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                "seconds": time.perf_counter() - started,
                "done": report.done,
                "skipped": report.skipped,
            }
        )
    )


def _measure(inputs: Path, output: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, __file__, "--one", str(inputs), str(output)], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000, 200000])
    parser.add_argument("--skip-real", action="store_true")
    parser.add_argument("--resume-only", action="store_true", help="only the resumes (and the smallest batch)")
    parser.add_argument("--one", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        _one(*args.one)
        return
    rows: list[tuple[str, dict[str, float]]] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for size in [min(args.sizes)] if args.resume_only else args.sizes:
            _write_tiny(work / f"tiny{size}.jsonl", size)
            rows.append((f"{size:,} tiny items", _measure(work / f"tiny{size}.jsonl", work / f"out{size}.jsonl")))
            print(_row(*rows[-1]), flush=True)
        if not (args.skip_real or args.resume_only):
            _write_real(work / "real.jsonl", 2000, args.eval_dir)
            rows.append(("2,000 real articles", _measure(work / "real.jsonl", work / "out-real.jsonl")))
            print(_row(*rows[-1]), flush=True)
        for size in (min(args.sizes), max(args.sizes)):
            _write_tiny(work / f"resume-in{size}.jsonl", size)
            _write_done_output(work / f"resume{size}.jsonl", size)
            measured = _measure(work / f"resume-in{size}.jsonl", work / f"resume{size}.jsonl")
            rows.append((f"resume, {size:,}-line output", measured))
            print(_row(*rows[-1]), flush=True)
    by_name = dict(rows)
    small, large = min(args.sizes), max(args.sizes)
    base = by_name[f"{small:,} tiny items"]["driver_mb"]
    if f"{large:,} tiny items" in by_name:
        top = by_name[f"{large:,} tiny items"]["driver_mb"]
        print(f"batch process, {large:,} against {small:,} tiny items: {100 * (top / base - 1):+.1f} %")
    resumed = by_name[f"resume, {large:,}-line output"]["driver_mb"]
    print(f"resume of a {large:,}-line output against {small:,} tiny items: {100 * (resumed / base - 1):+.1f} %")


def _row(name: str, measured: dict[str, float]) -> str:
    return (
        f"{name:>28}: batch process {measured['driver_mb']:6.1f} MB, largest worker {measured['worker_mb']:6.1f} MB, "
        f"{measured['seconds']:7.1f} s ({int(measured['done'])} done, {int(measured['skipped'])} skipped)"
    )


if __name__ == "__main__":
    main()
