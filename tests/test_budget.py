"""One budget per article: every stage linear or bounded, the deadline and the claim cap held inside it."""

from __future__ import annotations

import copy
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import claimkit
from claimkit import errors
from claimkit.engines.candidate import Candidate
from claimkit.engines.embedded import walk
from claimkit.settings import Settings

SPEAKER = "“We will build the bridge,” said the mayor. "
ORPHAN = "“These are the words of a quotation nobody said.” "


def _random_paragraph(rng: random.Random) -> tuple[list[Candidate], list[tuple[tuple[int, int], tuple[int, int]]]]:
    """Quotes and orphans laid out in text order, as the walk finds them in one paragraph."""
    quoted, orphans, position = [], [], 0
    for _ in range(rng.randint(1, 30)):
        start, length = position + rng.randint(1, 5), rng.randint(3, 20)
        sentence = (start - rng.randint(0, 2), start + length + rng.randint(0, 30))
        if rng.random() < 0.4:
            content = (start, start + length)
            parts = [] if rng.random() < 0.5 else [(start, start + 2), (start + 3, start + length)]
            kind = "direct" if rng.random() < 0.7 else "mixed"
            quoted.append(Candidate(content, None, None, kind, 0.9, sentence, None, parts))
        else:
            orphans.append(((start, start + length), sentence))
        position = start + length + rng.randint(0, 3)
    return quoted, orphans


def _attach_by_the_rule(orphans: list, found: list[Candidate], previous: Candidate) -> list[Candidate]:
    """The orphan pass as first written (every quote of the paragraph read for every orphan): the reference."""
    result = list(found)
    quoted = [c for c in found if c.kind in ("direct", "mixed")]
    for quote, sentence in orphans:
        host = walk._host(quoted, quote)
        if host is not None:
            pieces = sorted([*(host.parts or [host.content]), quote])
            host.parts = pieces
            host.content = (pieces[0][0], pieces[-1][1])
        elif previous.kind in ("direct", "mixed"):
            result.append(Candidate(quote, None, None, "direct", 0.6, sentence, None, [], previous))
    return sorted(result, key=lambda c: c.content)


@pytest.mark.parametrize("seed", range(300))
def test_the_fast_orphan_pass_gives_what_the_rule_gives(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    quoted, orphans = _random_paragraph(random.Random(seed))
    assert walk._Hosts.apply(orphans, quoted)
    monkeypatch.setattr(walk, "_FEW_ORPHANS", 0)
    previous = Candidate((0, 1), None, None, "direct", 0.9, (0, 1))
    fast = walk._attach_orphans(orphans, copy.deepcopy(quoted), previous)
    slow = _attach_by_the_rule(orphans, copy.deepcopy(quoted), previous)
    assert [(c.content, c.parts, c.sentence, c.kind) for c in fast] == [
        (c.content, c.parts, c.sentence, c.kind) for c in slow
    ]


def _cpu(text: str) -> float:
    started = time.process_time()
    claimkit.summarise(text, settings=Settings(engine="embedded", max_bytes=10**8, deadline=0))
    return time.process_time() - started


@pytest.mark.parametrize("unit", [ORPHAN, SPEAKER + ORPHAN], ids=["after one speaker", "after each speaker"])
def test_a_paragraph_of_orphan_quotations_is_linear(unit: str) -> None:
    small, large = (SPEAKER + unit * (n // len(unit)) for n in (30_000, 300_000))
    _cpu(small)  # rules loaded
    assert _cpu(large) < 25 * max(_cpu(small), 0.01)  # quadratic was 100× per 10× (sorted parts, every quote read)


def test_the_deadline_holds_inside_one_paragraph() -> None:
    text = SPEAKER + "“Yes,” said Tom, " * 200_000  # 4.2 MB in one paragraph with no full stop
    started = time.thread_time()  # this thread's: no other thread of the test process counts
    with pytest.raises(errors.ArticleTimeout):
        claimkit.summarise(text, settings=Settings(engine="embedded", deadline=2, max_claims=10**7))
    assert time.thread_time() - started < 5  # checked between paragraphs only, it ran for 9 s


def _page(unit: str, size: int) -> str:
    body = unit * (size // len(unit))
    return f"<!doctype html><html><head><title>T</title></head><body><article>{body}</article></body></html>"


@pytest.mark.parametrize(
    "unit",
    [
        "<p>The mayor said the bridge would reopen in May, and critics said it was too late.</p>\n",
        '<a href="/x">a link</a> ',
    ],
    ids=["paragraphs", "links"],
)
def test_html_extraction_holds_the_deadline(unit: str, hostile_row: Callable[..., None]) -> None:
    page = _page(unit, 4_900_000)  # 16 and 47 CPU-s in trafilatura, which never looks at a deadline
    started = time.monotonic()
    with pytest.raises(errors.ArticleTimeout):
        claimkit.summarise(page, settings=Settings(engine="embedded", deadline=1))
    elapsed = time.monotonic() - started
    assert elapsed < 6
    hostile_row(
        "time",
        f"a 4.9 MB HTML page of {'paragraphs' if 'p>' in unit else 'links'}, deadline 1 s",
        f"ArticleTimeout after {elapsed:.1f} s",
    )


def test_a_library_that_swallows_exceptions_is_still_interrupted() -> None:
    from claimkit import deadline

    def stubborn() -> None:
        while True:
            try:
                sum(range(10_000))
            except Exception:  # what a careless library does
                continue

    with pytest.raises(errors.ArticleTimeout), deadline.within(0.2), deadline.guard():
        stubborn()


_PAST_THE_CEILING = """
import claimkit
from claimkit.settings import Settings
text = "“Yes,” said Tom, " * 150_000  # 3 MB of claims: about 200 MB at its peak
try:
    claimkit.summarise(text, settings=Settings(engine="embedded", max_memory=40_000_000, deadline=0))
except claimkit.ClaimkitError as e:
    print(type(e).__name__, e)
"""


def test_an_article_past_its_memory_ceiling_ends_with_a_clear_error(hostile_row: Callable[..., None]) -> None:
    # A process of its own: in a long test run, memory freed by earlier tests is reused without the resident set
    # growing, and the ceiling (growth over the article's start) would not be reached.
    done = subprocess.run([sys.executable, "-P", "-c", _PAST_THE_CEILING], capture_output=True, text=True, timeout=120)
    assert done.stdout.startswith("MemoryCeiling") and "max_memory" in done.stdout, done.stdout + done.stderr[-2000:]
    hostile_row("memory", "3 MB of claims under `max_memory` 40 MB", "failed clearly: MemoryCeiling (exit 21)")


def test_the_command_line_gives_the_budgets_exit_codes(tmp_path: Path) -> None:
    from claimkit.cli import EXIT_CODES

    article = tmp_path / "a.txt"
    article.write_text("“Yes,” said Tom, " * 150_000, encoding="utf-8")
    for env, error in (
        ({"CLAIMKIT_DEADLINE": "0.3"}, errors.ArticleTimeout),
        ({"CLAIMKIT_MAX_MEMORY": "40000000"}, errors.MemoryCeiling),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "claimkit", "summarise", str(article), "-f", "json"],
            env={**os.environ, **env}, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert done.returncode == EXIT_CODES[error], done.stderr
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1
