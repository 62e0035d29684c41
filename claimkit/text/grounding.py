"""Locate words a model returned in the article, and return the article's own offsets, or nothing.

Three steps, each tried only when the one before finds nothing: the exact string; the string with
quotation marks, dashes, white space and case normalised on both sides; and a bounded fuzzy match
(rapidfuzz) whose result is the article's own substring. Offsets always come from the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz

__all__ = ["Located", "locate", "normalise", "occurrences"]

Method = Literal["exact", "normalised", "fuzzy"]

_EDGE_MARKS = "\"'“”‘’„«»`.,;: \n\t"
_FOLD = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "`": "'",
        "—": "-",
        "–": "-",
        "‐": "-",
        "‑": "-",
        "\u00a0": " ",
    }
)
_RUN_RE = re.compile(r"\s+|\S+")
_SPACE_RE = re.compile(r"\s+")
FUZZY_MIN_CHARS = 25
FUZZY_MAX_CHARS = 3000
FUZZY_MIN_SCORE = 92.0


@dataclass(frozen=True)
class Located:
    start: int
    end: int
    method: Method


@lru_cache(maxsize=64)
def normalise(text: str) -> tuple[str, list[int]]:
    """Text with quotes, dashes, white space and case folded, and for each of its characters the index in ``text``."""
    pieces: list[str] = []
    origin: list[int] = []
    for run in _RUN_RE.finditer(text.translate(_FOLD)):
        word = run.group()
        if word[0].isspace():
            pieces.append(" ")
            origin.append(run.start())
            continue
        lowered = word.lower()
        if len(lowered) == len(word):
            pieces.append(lowered)
            origin.extend(range(run.start(), run.end()))
        else:  # a letter whose lower case is longer ('İ'): keep the map one character at a time
            for offset, ch in enumerate(word):
                pieces.append(ch.lower())
                origin.extend([run.start() + offset] * len(ch.lower()))
    return "".join(pieces), origin


def locate(article: str, words: str, *, start: int = 0, end: int | None = None) -> Located | None:
    """Where ``words`` stand in ``article[start:end]``: the article's offsets, or None."""
    end = len(article) if end is None else end
    needle = words.strip().strip(_EDGE_MARKS).strip()
    if not needle:
        return None
    found = article.find(needle, start, end)
    if found >= 0:
        return Located(found, found + len(needle), "exact")
    window = article[start:end]
    folded = _fold(window)
    folded_needle = _fold(needle)
    at = folded.find(folded_needle)
    if at >= 0:
        return _from_folded(article, start, normalise(window)[1], at, at + len(folded_needle), "normalised")
    return _fuzzy(article, start, window, folded, folded_needle)


def _fuzzy(article: str, start: int, window: str, folded: str, folded_needle: str) -> Located | None:
    """The bounded fuzzy match of a folded needle in the folded ``window`` (which starts at ``start``)."""
    if not FUZZY_MIN_CHARS <= len(folded_needle) <= FUZZY_MAX_CHARS:
        return None
    alignment = fuzz.partial_ratio_alignment(folded_needle, folded, score_cutoff=FUZZY_MIN_SCORE)
    if alignment is None or alignment.dest_end - alignment.dest_start < 0.8 * len(folded_needle):
        return None
    origin = normalise(window)[1]
    return _from_folded(article, start, origin, alignment.dest_start, alignment.dest_end, "fuzzy")


@lru_cache(maxsize=64)
def _fold(text: str) -> str:
    """``normalise(text)[0]``, without the offset map: the map is built only when a match needs it."""
    collapsed = _SPACE_RE.sub(" ", text.translate(_FOLD))
    lowered = collapsed.lower()
    return lowered if len(lowered) == len(collapsed) else normalise(text)[0]


def _from_folded(article: str, offset: int, origin: list[int], start: int, end: int, method: Method) -> Located | None:
    first = offset + origin[start]
    last = offset + origin[end - 1] + 1
    if method == "fuzzy":
        first, last = _to_word_edges(article, first, last)
    while first < last and article[first].isspace():
        first += 1
    while last > first and article[last - 1].isspace():
        last -= 1
    return Located(first, last, method) if first < last else None


def _to_word_edges(article: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy match to whole words, so no word is cut in half."""
    while start > 0 and article[start - 1].isalnum() and article[start].isalnum():
        start -= 1
    while end < len(article) and article[end].isalnum() and article[end - 1].isalnum():
        end += 1
    return start, end


def occurrences(
    article: str, words: str, *, start: int = 0, end: int | None = None, every: bool = False
) -> list[Located]:
    """Every place where ``words`` stand in ``article[start:end]`` as whole words ('he' is not in 'the'): exact
    matches, else matches with quotation marks, dashes, white space and case normalised, else the one fuzzy match
    ``locate`` would give. With ``every``, the normalised matches beside the exact ones (each once, by start),
    for a caller that lets them compete on other evidence. Offsets are the article's own."""
    end = len(article) if end is None else end
    needle = words.strip().strip(_EDGE_MARKS).strip()
    if not needle:
        return []
    found = [
        Located(m.start(), m.end(), "exact")
        for m in re.compile(re.escape(needle)).finditer(article, start, end)
        if _whole(article, m.start(), m.end())
    ]
    if found and not every:
        return found
    exact = {place.start for place in found}
    window = article[start:end]
    folded, folded_needle = _fold(window), _fold(needle)
    at = folded.find(folded_needle)
    if at < 0 and found:
        return found
    if at < 0:  # not even inside other words: the fuzzy match, as ``locate`` would give it
        fuzzy = _fuzzy(article, start, window, folded, folded_needle)
        return [fuzzy] if fuzzy is not None else []
    origin = normalise(window)[1]
    while at >= 0:
        located = _from_folded(article, start, origin, at, at + len(folded_needle), "normalised")
        if located is not None and located.start not in exact and _whole(article, located.start, located.end):
            found.append(located)
        at = folded.find(folded_needle, at + 1)
    return sorted(found, key=lambda place: place.start) if exact else found


def _whole(article: str, start: int, end: int) -> bool:
    """Whether ``article[start:end]`` neither begins nor ends inside a word."""
    inside_before = start > 0 and article[start - 1].isalnum() and article[start].isalnum()
    inside_after = end < len(article) and article[end].isalnum() and article[end - 1].isalnum()
    return not inside_before and not inside_after
