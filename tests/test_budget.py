"""One budget per article: every stage linear or bounded, the deadline and the claim cap held inside it."""

from __future__ import annotations

import copy
import random
import time

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
    started = time.process_time()
    with pytest.raises(errors.ArticleTimeout):
        claimkit.summarise(text, settings=Settings(engine="embedded", deadline=2))
    assert time.process_time() - started < 5  # checked between paragraphs only, it ran for 9 s
