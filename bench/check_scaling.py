"""CPU time of `claimkit check`: an article of 20 quotations against a source of several megabytes.

python bench/check_scaling.py [--eval-dir ../shared/eval] [--megabytes 5] [--repeats 3]

The source is the PolNeAR DEV2 texts, repeated up to the size; the article quotes 20 passages of it, a third
verbatim, a third with a word changed, a third with words elided. Each run (index the source, find the article's
quotations, hold each against the source) is timed in CPU time (``time.process_time``): min / median / max.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from pathlib import Path

import claimkit

DEFAULT_EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"


def _inputs(eval_dir: Path, size: int) -> tuple[str, str]:
    path = eval_dir / "polnear.dev2.jsonl"
    if not path.exists():
        raise SystemExit(f"no evaluation data at {path}: pass --eval-dir")
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    joined = "\n\n".join(texts)
    source = (joined + "\n\n") * (size // len(joined) + 1)
    rng = random.Random(7)
    quotes = []
    for n in range(20):
        words = rng.choice(texts).split()
        start = rng.randrange(max(1, len(words) - 16))
        quote = words[start : start + 15]
        if n % 3 == 1:
            quote[5] = "banana"
        elif n % 3 == 2:
            quote = [*quote[:5], "…", *quote[9:]]
        quotes.append(" ".join(quote))
    article = "The story.\n\n" + "\n\n".join(f"“{quote},” the senator said." for quote in quotes)
    return article, source[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    article, source = _inputs(args.eval_dir, int(args.megabytes * 1_000_000))
    times = []
    for _ in range(args.repeats):
        started = time.process_time()
        report = claimkit.check_quotes(article, [source], engine="embedded")
        times.append(time.process_time() - started)
    counts = ", ".join(f"{report.count(s)} {s}" for s in ("verbatim", "altered", "elided", "not_found"))
    print(f"{len(report.checks)} quotations against {len(source):,} characters: {counts}")
    print(f"CPU s: min {min(times):.2f}  median {statistics.median(times):.2f}  max {max(times):.2f}")


if __name__ == "__main__":
    main()
