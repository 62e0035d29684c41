"""Growth of CPU time on pathological texts: each shape at two sizes, and the ratio (linear is 10× per 10×).

python bench/hostile_shapes.py [--sizes 100000 1000000] [--cap 5000000] [--deadline 2] [--shape NAME …] [--markdown]

Each shape is one unit repeated to the size (no full stop, unbalanced quotation marks, cue words in a row,
runs of capitals, hyphens, blanks, doubled apostrophes, parentheses, quotations no one is said to have said …),
or a text made to the size (a new speaker in every sentence), summarised end to end by the embedded engine and
timed in CPU time (``time.process_time``); an HTML shape is a page of the unit, read as HTML first; a ``check``
shape is one quotation of the size held against a source of the size by ``claimkit check``. A growth above 12×
per 10× says a stage rescans. With ``--cap`` each shape is also run at that size in UTF-8 bytes, under the default
settings but ``max_bytes`` and ``deadline`` (``--deadline``; with 2 s, a shape that needs longer must end with
ArticleTimeout, exit 18, in about that time), and the peak memory of that run is given. Every run has a process
of its own, so each peak is its own.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import claimkit
from claimkit.settings import Settings


def _speakers(size: int) -> str:
    """A new speaker in every sentence: distinct two-part names (the speaker lookup's worst case)."""
    syllables = ["ka", "lo", "mi", "ren", "tos", "vu", "zel", "dra", "pim", "sor", "ul", "bex"]
    names = ("".join(p).title() for n in itertools.count(2) for p in itertools.product(syllables, repeat=n))
    parts, length = [], 0
    for first, last in zip(names, names, strict=False):
        sentence = f"“We will build the bridge,” said {first} {last}. "
        parts.append(sentence)
        length += len(sentence)
        if length >= size:
            break
    return "".join(parts)[:size]


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
    "orphan quotations after one speaker": "“These are the words of a quotation no one said.” ",
    "orphan quotations after each speaker": "“We will build it,” said Tom. “These are words no one said here.” ",
}
MADE: dict[str, Callable[[int], str]] = {"a new speaker in every sentence": _speakers}
"""Shapes that are no unit repeated: made to the size."""
HTML = {"HTML page of paragraphs": "<p>The mayor said the bridge would reopen, and critics said it was late.</p>\n"}
"""Shapes read as HTML: a page of the unit."""
CHECK = {"check: one long quotation": "we will build the bridge and the road "}
"""Shapes run through ``claimkit check``: a quotation of the size against a source of the size, a word in seven
changed."""


def _text(name: str, size: int) -> str:
    if name in MADE:
        return MADE[name](size)
    unit = {**SHAPES, **HTML}[name]
    body = (unit * (size // len(unit) + 1))[:size]
    return f"<!doctype html><html><body><article>{body}</article></body></html>" if name in HTML else body


def _check_inputs(name: str, size: int) -> tuple[str, str]:
    words = (CHECK[name] * (size // len(CHECK[name]) + 1))[:size].split()
    changed = [w if n % 7 else "banana" for n, w in enumerate(words)]
    return f"The mayor spoke.\n\n“{' '.join(words)},” said the mayor.", " ".join(changed) + "."


def _run(name: str, size: int, settings: Settings) -> tuple[float, float, str]:
    """CPU seconds, peak memory in MB (of this process) and the outcome of one text of ``size`` characters."""
    claimkit.summarise("The mayor said the bridge would reopen.", settings=settings)  # rules loaded, not timed
    inputs = _check_inputs(name, size) if name in CHECK else None
    text = _text(name, size) if inputs is None else ""
    started = time.process_time()
    outcome = "valid summary" if inputs is None else "valid report"
    try:
        if inputs is None:
            claimkit.summarise(text, settings=settings)
        else:
            claimkit.check_quotes(inputs[0], [inputs[1]], settings=settings)
    except claimkit.ClaimkitError as e:  # an input error is an answer too; its time counts
        outcome = type(e).__name__
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return time.process_time() - started, peak, outcome


def _in_own_process(name: str, size: int, settings: Settings) -> tuple[float, float, str]:
    with ProcessPoolExecutor(max_workers=1, max_tasks_per_child=1) as pool:
        return pool.submit(_run, name, size, settings).result()


def _unit(name: str) -> str:
    return {**SHAPES, **HTML, **CHECK}.get(name, "“We will build the bridge,” said Kalo Mika. ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[100_000, 1_000_000])
    parser.add_argument("--cap", type=int, default=0, help="also summarise each shape at this size (0: do not)")
    parser.add_argument("--deadline", type=float, default=None, help="the deadline at the cap (default: the setting's)")
    every = sorted([*SHAPES, *MADE, *HTML, *CHECK])
    parser.add_argument("--shape", nargs="*", choices=every, default=every)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table (for docs/FAULTS.md)")
    args = parser.parse_args()
    small, large = args.sizes
    unbounded = Settings(engine="embedded", max_bytes=large * 4, deadline=0, max_memory=0)
    heads = ["shape", f"{small:,} chars", f"{large:,} chars", "growth per 10×"]
    heads += [f"{args.cap:,} bytes", "peak memory", "outcome"] if args.cap else []
    print("| " + " | ".join(heads) + " |\n|" + "---|" * len(heads) if args.markdown else "  ".join(heads))
    capped = Settings(engine="embedded", max_bytes=args.cap) if args.cap else None
    if capped is not None and args.deadline is not None:
        capped = Settings(engine="embedded", max_bytes=args.cap, deadline=args.deadline)
    for name in args.shape:
        unit = _unit(name)
        (cpu_small, _, _), (cpu_large, _, _) = (_in_own_process(name, size, unbounded) for size in (small, large))
        cells = [name, f"{cpu_small:.3f} s", f"{cpu_large:.3f} s", f"{cpu_large / max(cpu_small, 1e-6):.1f}×"]
        if capped is not None:
            chars = (args.cap - 4 * len(unit) - 100) * len(unit) // len(unit.encode())  # the cap counts UTF-8 bytes
            cpu_cap, peak, outcome = _in_own_process(name, chars, capped)
            cells += [f"{cpu_cap:.1f} s", f"{peak:.0f} MB", outcome]
        print("| " + " | ".join(cells) + " |" if args.markdown else "  ".join(cells), flush=True)


if __name__ == "__main__":
    main()
