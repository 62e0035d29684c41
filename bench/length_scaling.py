"""CPU time per character of the embedded engine as one article grows: 1×, 16×, 64× and up to the size cap.

python bench/length_scaling.py [--eval-dir ../shared/eval] [--article N] [--repeats 3]

One PolNeAR DEV article (the one with the most attributions unless ``--article`` says which) is repeated, paragraphs
apart, and summarised end to end; each size is timed ``--repeats`` times in CPU time (``time.process_time``). The
last column is the cost per character against the article alone: 1.0 means linear.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import claimkit
from claimkit.settings import Settings

DEFAULT_EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
SIZES = (1, 16, 64)


def _article(eval_dir: Path, number: int | None) -> str:
    path = eval_dir / "polnear.dev.jsonl"
    if not path.exists():
        raise SystemExit(f"no evaluation data at {path}: pass --eval-dir")
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    if number is None:
        number = max(range(len(records)), key=lambda n: len(records[n]["attributions"]))
    return str(records[number]["text"])


def _cpu_seconds(text: str, repeats: int) -> list[float]:
    settings = Settings(engine="embedded")
    times = []
    for _ in range(repeats):
        started = time.process_time()
        claimkit.summarise(text, settings=settings)
        times.append(time.process_time() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--article", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    article = _article(args.eval_dir, args.article)
    cap = Settings().max_bytes
    copies = max(1, (cap - 1) // len((article + "\n\n").encode("utf-8")))
    print(f"one article of {len(article):,} characters; the cap ({cap:,} bytes) holds {copies} copies")
    print(f"{'copies':>7} {'characters':>11} {'CPU s min':>10} {'median':>8} {'max':>8} {'µs/char':>8} {'× 1 copy':>9}")
    base = None
    for n in (*SIZES, copies):
        text = "\n\n".join([article] * n)
        times = _cpu_seconds(text, args.repeats * 10 if n == 1 else args.repeats if n < copies else 1)
        per_char = statistics.median(times) / len(text) * 1e6
        base = base or per_char
        print(
            f"{n:>7} {len(text):>11,} {min(times):>10.3f} {statistics.median(times):>8.3f} {max(times):>8.3f} "
            f"{per_char:>8.2f} {per_char / base:>9.2f}"
        )


if __name__ == "__main__":
    main()
