"""Where a quotation's words stand in a long text, and how they differ: the matcher behind ``claimkit check``.

A text is indexed once (``IndexedText``): its words (letters, digits and inner apostrophes or hyphens), folded
to lower case with typographic apostrophes made straight, each with its offsets in the text, and joined by single
spaces into one string. A quotation is sought by anchors, runs of three of its words (then two, then single long
words), found with ``str.find`` at word boundaries: no quotation is compared with every window of the text.
Each anchor votes for where the quotation would start; the best few places are aligned word by word
(``difflib.SequenceMatcher``), and the alignment gives the similarity and the changes.

Quotation marks, dashes, white space, case and punctuation are not words, so they never count as changes.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

__all__ = ["ALTERED_AT", "Alignment", "Change", "IndexedText", "align", "words_of"]

ChangeKind = Literal["substituted", "added", "dropped"]
Range = tuple[int, int]

ALTERED_AT = 0.5
"""The least similarity for a passage to count as a quotation's, altered; below it the quotation is not found."""
_APOSTROPHE = operator.methodcaller("replace", "’", "'")
_KINDS: dict[str, ChangeKind] = {"replace": "substituted", "delete": "added", "insert": "dropped"}
"""difflib's opcodes, from the quotation to the passage: words the article substituted, added, dropped."""
_WORD_RE = re.compile(r"\w+(?:[’'\-]\w+)*")
_ANCHORS = 12
"""At most this many anchors are looked up per quotation (spread over it)."""
_HITS_PER_ANCHOR = 64
"""Occurrences of one anchor that may vote: a phrase found more often says little about where the quote stands."""
_PLACES = 3
"""How many of the best-voted places are aligned word by word."""
_MARGIN = 4
"""Words of context on either side of a place, so that an added or dropped word at an edge is still seen."""


def _go_on() -> None:
    """No pace: the alignment runs to its end."""


def words_of(text: str, start: int = 0, end: int | None = None) -> tuple[list[str], list[Range]]:
    """The folded words of ``text[start:end]`` and, for each, its offsets in ``text``."""
    # A source can hold a million words: each column is built by C-level maps, no Python code per word.
    matches = list(_WORD_RE.finditer(text, start, len(text) if end is None else end))
    folded = list(map(_APOSTROPHE, map(str.lower, map(re.Match.group, matches))))
    return folded, list(zip(map(re.Match.start, matches), map(re.Match.end, matches), strict=True))


@dataclass(frozen=True)
class Change:
    """One difference between a quotation and the passage: word ranges (indices) on each side."""

    kind: ChangeKind
    quote_words: Range
    """Indices into the quotation's words; empty (i, i) for a dropped word."""
    text_words: Range
    """Indices into the indexed text's words; empty (j, j) for an added word."""


@dataclass(frozen=True)
class Alignment:
    """The best passage for a quotation: where it is (word indices), how much of the quotation it holds, how."""

    first: int
    last: int
    """The passage is the indexed text's words ``first`` to ``last`` (exclusive)."""
    matched: int
    similarity: float
    """The share of the quotation's words found in the passage in the same order (0 to 1)."""
    changes: tuple[Change, ...]


class IndexedText:
    """One text, indexed once to be searched many times."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.words, self.offsets = words_of(text)
        self._joined = " " + " ".join(self.words) + " "
        self._starts = list(itertools.accumulate(map((1).__add__, map(len, self.words[:-1])), initial=1))
        self._starts = self._starts if self.words else []
        """Where each word starts in ``_joined``: a character position back to a word index, by bisection."""

    def span(self, first: int, last: int) -> Range:
        """The character offsets in ``text`` of the words ``first`` to ``last`` (exclusive, ``last > first``)."""
        return self.offsets[first][0], self.offsets[last - 1][1]

    def find(self, quote: list[str], *, after: int = 0, pace: Callable[[], None] = _go_on) -> Alignment | None:
        """The best passage for the words ``quote``, starting at word ``after`` or later; None when no anchor hits.
        ``pace`` is called between two pieces of a long quotation's alignment (a deadline's check)."""
        if not quote:
            return None
        votes = self._votes(quote, after)
        if not votes:
            return None
        places = [place for place, _ in votes.most_common(_PLACES if len(quote) <= _ALIGN_AT_ONCE else 1)]
        return max(
            (
                align(quote, self.words, max(after, place - _MARGIN), place + len(quote) + _MARGIN, pace)
                for place in places
            ),
            key=lambda a: (a.similarity, -len(a.changes), -a.first),
        )

    def _votes(self, quote: list[str], after: int) -> Counter[int]:
        """For each place the quotation could start, how many of its anchors stand there."""
        for size in (3, 2, 1):
            if len(quote) < size:
                continue
            anchors = [(i, quote[i : i + size]) for i in range(len(quote) - size + 1)]
            if size == 1:
                anchors = [(i, words) for i, words in anchors if len(words[0]) >= 5]  # 'the' says nothing
            step = max(1, len(anchors) // _ANCHORS)
            votes: Counter[int] = Counter()
            for i, words in anchors[::step][:_ANCHORS]:
                for word_index in self._occurrences(words, after):
                    votes[word_index - i] += 1
            if votes:
                return votes
        return Counter()

    def _occurrences(self, words: list[str], after: int) -> list[int]:
        """Word indices, from ``after`` on, where the run ``words`` stands (at most ``_HITS_PER_ANCHOR``)."""
        needle = " " + " ".join(words) + " "
        found: list[int] = []
        position = self._starts[after] - 1 if after < len(self._starts) else len(self._joined)
        while len(found) < _HITS_PER_ANCHOR:
            position = self._joined.find(needle, position)
            if position < 0:
                break
            found.append(bisect.bisect_left(self._starts, position + 1))
            position += 1
        return found


def align(quote: list[str], words: list[str], start: int, end: int, pace: Callable[[], None] = _go_on) -> Alignment:
    """The quotation's words aligned with ``words[start:end]``, trimmed to the matched passage."""
    start, end = max(0, start), min(len(words), end)
    window = words[start:end]
    if len(quote) > _ALIGN_AT_ONCE:
        return _align_in_pieces(quote, window, start, pace)
    blocks = [b for b in SequenceMatcher(None, quote, window, autojunk=False).get_matching_blocks() if b.size]
    matched = sum(b.size for b in blocks)
    if not blocks:
        return Alignment(start, start, 0, 0.0, ())
    first, last = blocks[0].b, blocks[-1].b + blocks[-1].size  # the passage: first to last matched word
    passage = window[first:last]
    changes = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, quote, passage, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        changes.append(Change(_KINDS[tag], (i1, i2), (start + first + j1, start + first + j2)))
    return Alignment(start + first, start + last, matched, matched / len(quote), tuple(changes))


_ALIGN_AT_ONCE = 200
"""Quotations up to this many words are aligned whole. difflib's matcher takes time between the square and the
cube of the length (a 2,000-word quotation of two alternating words: 2.9 CPU-s); a longer quotation is aligned at
its best-voted place only, ``_PIECE`` words at a time, each against the stretch of the text after the piece
before, so the time grows with its length. No quotation of the evaluation data comes near it."""
_PIECE = 64


def _align_in_pieces(quote: list[str], window: list[str], start: int, pace: Callable[[], None]) -> Alignment:
    """``align`` for a long quotation: matching blocks found piece by piece, in order, and the changes read from
    them as difflib reads its own (``get_opcodes``)."""
    blocks: list[tuple[int, int, int]] = []
    cursor = 0
    for i0 in range(0, len(quote), _PIECE):
        pace()
        piece = quote[i0 : i0 + _PIECE]
        stretch = window[cursor : cursor + len(piece) + _PIECE]
        found = [b for b in SequenceMatcher(None, piece, stretch, autojunk=False).get_matching_blocks() if b.size]
        blocks += [(i0 + b.a, cursor + b.b, b.size) for b in found]
        cursor = blocks[-1][1] + blocks[-1][2] if found else min(len(window), cursor + len(piece))
    if not blocks:
        return Alignment(start, start, 0, 0.0, ())
    matched = sum(size for _, _, size in blocks)
    first, last = blocks[0][1], blocks[-1][1] + blocks[-1][2]
    changes = []
    i = j = 0
    for a, b, size in [*((a, b - first, size) for a, b, size in blocks), (len(quote), last - first, 0)]:
        tag = "replace" if i < a and j < b else "delete" if i < a else "insert" if j < b else ""
        if tag:
            changes.append(Change(_KINDS[tag], (i, a), (start + first + j, start + first + b)))
        i, j = a + size, b + size
    return Alignment(start + first, start + last, matched, matched / len(quote), tuple(changes))
