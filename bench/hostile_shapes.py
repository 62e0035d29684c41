"""Growth of CPU time on pathological texts: each shape at two sizes, and the ratio (linear is 10× per 10×).

python bench/hostile_shapes.py [--sizes 100000 1000000] [--shape NAME …]

Each shape is one unit repeated to the size (no full stop, unbalanced quotation marks, cue words in a row,
runs of capitals, hyphens, blanks, doubled apostrophes, parentheses …), summarised end to end by the embedded
engine and timed in CPU time (``time.process_time``). A growth above 12× per 10× says a rule rescans.
"""

from __future__ import annotations

import argparse
import contextlib
import time

import claimkit
from claimkit.settings import Settings

SHAPES = {
    "quotes, no full stop": "“Yes,” said Tom, ",
    "unbalanced quotation marks": "He said “this never closes. And ” she said ‘no. ",
    "one sentence, cues in a row": "the minister said that officials argued and critics claimed, ",
    "mixed marks, runs of dots": "“a ‘b” c’ d „e » f « ... ",
    "said said said": "said ",
    "A-A-A": "A-",
    "a line of blanks": "x" + " " * 60,
    "doubled apostrophes": "''x ",
    "capitalised words, apostrophes": "Mr O'Neil's Big 'Plan' Said ",
    "one speaker, many claims": "He said the plan would work for everyone in the town. ",
    "nested parentheses": "(",
}


def _cpu_seconds(text: str, settings: Settings) -> float:
    started = time.process_time()
    with contextlib.suppress(claimkit.ClaimkitError):  # an input error is an answer too; its time counts
        claimkit.summarise(text, settings=settings)
    return time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[100_000, 1_000_000])
    parser.add_argument("--shape", nargs="*", choices=sorted(SHAPES), default=sorted(SHAPES))
    args = parser.parse_args()
    small, large = args.sizes
    settings = Settings(engine="embedded", max_bytes=large * 4)
    print(f"{'shape':<32} {f'{small:,} chars':>14} {f'{large:,} chars':>16} {'growth':>8}")
    for name in args.shape:
        unit = SHAPES[name]
        times = [_cpu_seconds((unit * (size // len(unit) + 1))[:size], settings) for size in (small, large)]
        print(f"{name:<32} {times[0]:>12.3f} s {times[1]:>14.3f} s {times[1] / max(times[0], 1e-6):>7.1f}×")


if __name__ == "__main__":
    main()
