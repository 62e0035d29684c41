"""Growth of CPU time on pathological texts: each shape at two sizes, and the ratio (linear is 10× per 10×).

python bench/hostile_shapes.py [--sizes 100000 1000000] [--cap 5000000] [--shape NAME …] [--markdown]

Each shape is one unit repeated to the size (no full stop, unbalanced quotation marks, cue words in a row,
runs of capitals, hyphens, blanks, doubled apostrophes, parentheses …), summarised end to end by the embedded
engine and timed in CPU time (``time.process_time``). A growth above 12× per 10× says a rule rescans. With
``--cap`` each shape is also summarised at that size in UTF-8 bytes, under the default settings but ``max_bytes``
(the deadline, the claim cap),
and the peak memory of that run is given. Every run has a process of its own, so each peak is its own.
"""

from __future__ import annotations

import argparse
import resource
import time
from concurrent.futures import ProcessPoolExecutor

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


def _run(unit: str, size: int, settings: Settings) -> tuple[float, float, str]:
    """CPU seconds, peak memory in MB (of this process) and the outcome of one text of ``size`` characters."""
    text = (unit * (size // len(unit) + 1))[:size]
    claimkit.summarise("The mayor said the bridge would reopen.", settings=settings)  # rules loaded, not timed
    started = time.process_time()
    outcome = "valid summary"
    try:
        claimkit.summarise(text, settings=settings)
    except claimkit.ClaimkitError as e:  # an input error is an answer too; its time counts
        outcome = type(e).__name__
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return time.process_time() - started, peak, outcome


def _in_own_process(unit: str, size: int, settings: Settings) -> tuple[float, float, str]:
    with ProcessPoolExecutor(max_workers=1, max_tasks_per_child=1) as pool:
        return pool.submit(_run, unit, size, settings).result()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[100_000, 1_000_000])
    parser.add_argument("--cap", type=int, default=0, help="also summarise each shape at this size (0: do not)")
    parser.add_argument("--shape", nargs="*", choices=sorted(SHAPES), default=sorted(SHAPES))
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table (for docs/FAULTS.md)")
    args = parser.parse_args()
    small, large = args.sizes
    unbounded = Settings(engine="embedded", max_bytes=large * 4)
    heads = ["shape", f"{small:,} chars", f"{large:,} chars", "growth per 10×"]
    heads += [f"{args.cap:,} bytes", "peak memory", "outcome"] if args.cap else []
    print("| " + " | ".join(heads) + " |\n|" + "---|" * len(heads) if args.markdown else "  ".join(heads))
    for name in args.shape:
        unit = SHAPES[name]
        (cpu_small, _, _), (cpu_large, _, _) = (_in_own_process(unit, size, unbounded) for size in (small, large))
        cells = [name, f"{cpu_small:.3f} s", f"{cpu_large:.3f} s", f"{cpu_large / max(cpu_small, 1e-6):.1f}×"]
        if args.cap:
            chars = (args.cap - 4 * len(unit)) * len(unit) // len(unit.encode())  # the cap counts UTF-8 bytes
            cpu_cap, peak, outcome = _in_own_process(unit, chars, Settings(engine="embedded", max_bytes=args.cap))
            cells += [f"{cpu_cap:.1f} s", f"{peak:.0f} MB", outcome]
        print("| " + " | ".join(cells) + " |" if args.markdown else "  ".join(cells), flush=True)


if __name__ == "__main__":
    main()
