"""Where a model's claim stands in the article: its quote, speaker mention and cue placed together, by evidence.

A model returns words, never offsets. Each piece of a quote (pieces are joined by "..." where the model
shortened the quote or skipped the words that interrupt it) is found as whole words, in order, inside the chunk
the model read; the speaker mention and the cue are found as whole words near the quote. Where the quote stands
more than once, the place with its mention and cue beside it wins, else the tightest (exact and case-folded places
compete alike), else the first. Outside the chunk, the
whole article is searched, and a place there is taken only when it is the only one.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ...text.grounding import Located, occurrences
from ..candidate import Range

__all__ = ["NEAR", "Placement", "nearest", "place"]

NEAR = 300
"""How far from its quote a speaker mention or a cue may stand, in characters."""
_LONGEST_GAP = 3_000
"""The most characters between two pieces of one quote."""
_PIECES_RE = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*")


@dataclass(frozen=True)
class Placement:
    content: Range
    """From the first piece's start to the last piece's end."""
    parts: list[Range]
    """The parts of a quote its attribution interrupts ('"A," he said, "B."'), else empty. Pieces with other
    words between them (a long quote the model gave by its first and last words) make one part."""
    speaker: Range | None
    cue: Range | None
    method: str
    """How the quote was found: 'exact', 'normalised' or 'fuzzy'."""


def place(
    text: str, quote: str, mention: str | None, cue: str | None, chunk: Range
) -> tuple[Placement | None, str | None]:
    """The placement of a claim, or None with the reason it has none."""
    pieces = [p for p in _PIECES_RE.split(quote) if p.strip(" \"'“”‘’„«».,;:")]
    if not pieces:
        return None, "an empty quote"
    inside = _sequences(text, pieces, chunk)
    if inside:
        return _best(text, inside, mention, cue), None
    anywhere = _sequences(text, pieces, (0, len(text)))
    if len(anywhere) == 1:
        return _best(text, anywhere, mention, cue), None
    return None, "not in the article" if not anywhere else f"in {len(anywhere)} places outside the part the model read"


def _sequences(text: str, pieces: list[str], window: Range) -> list[list[Located]]:
    """Every run of the pieces' places in order, each piece the first place after the one before."""
    found = [occurrences(text, piece, start=window[0], end=window[1], every=True) for piece in pieces]
    runs = []
    for first in found[0]:
        run = [first]
        for places in found[1:]:
            after = next((p for p in places if run[-1].end <= p.start <= run[-1].end + _LONGEST_GAP), None)
            if after is None:
                break
            run.append(after)
        if len(run) == len(pieces):
            runs.append(run)
    return runs


def _best(text: str, runs: list[list[Located]], mention: str | None, cue: str | None) -> Placement:
    placements = [_with_evidence(text, run, mention, cue) for run in runs]
    # Equally supported: the tightest (a repeated head must not reach over other people's words), then exact
    # over case-folded words, then the first.
    return min(placements, key=lambda p: (-_found(p), _distance(p), _length(p), p.method != "exact", p.content[0]))


def _length(placement: Placement) -> int:
    return placement.content[1] - placement.content[0]


def _found(placement: Placement) -> int:
    return (placement.speaker is not None) + (placement.cue is not None)


def _distance(placement: Placement) -> int:
    """How far the mention and the cue stand from the quote, together: the nearer, the likelier its place."""
    found = [r for r in (placement.speaker, placement.cue) if r is not None]
    return sum(_gap(placement.content, r) for r in found)


def _gap(content: Range, other: Range) -> int:
    """Characters between a quote and a range outside it."""
    return max(content[0] - other[1], other[0] - content[1], 0)


def _with_evidence(text: str, run: list[Located], mention: str | None, cue: str | None) -> Placement:
    content = (run[0].start, run[-1].end)
    gaps = [(a.end, b.start) for a, b in itertools.pairwise(run)]
    speaker = nearest(text, mention, content, gaps)
    cue_at = nearest(text, cue, content, gaps)
    parts = [(run[0].start, run[0].end)]
    for (gap_start, gap_end), piece in zip(gaps, run[1:], strict=True):
        attribution = any(at is not None and gap_start <= at[0] and at[1] <= gap_end for at in (speaker, cue_at))
        if attribution:
            parts.append((piece.start, piece.end))  # '"A," he said, "B."': a part of its own
        else:
            parts[-1] = (parts[-1][0], piece.end)  # words the model left out of a long quote: the same part
    parts = parts if len(parts) > 1 else []
    method = max((p.method for p in run), key=("exact", "normalised", "fuzzy").index)
    return Placement(content, parts, speaker, cue_at, method)


def nearest(text: str, words: str | None, content: Range, gaps: list[Range]) -> Range | None:
    """The place of ``words`` nearest to the quote, outside its pieces, within ``NEAR`` characters."""
    if not words:
        return None
    near = (max(0, content[0] - NEAR), min(len(text), content[1] + NEAR))
    places = [
        (p.start, p.end)
        for p in occurrences(text, words, start=near[0], end=near[1])
        if p.end <= content[0] or p.start >= content[1] or any(g[0] <= p.start and p.end <= g[1] for g in gaps)
    ]
    return min(places, key=lambda r: _gap(content, r), default=None)
