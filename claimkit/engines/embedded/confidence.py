"""The confidence of a rule's claim: the measured precision of the rule that found it and of the way its speaker
was resolved, read from ``precision.tsv`` (written by ``scripts/calibrate.py`` from the annotated news data, with
the counts behind each number; regenerate it when the rules change).

A rule is measured at several depths: the rule ('verb after'), then by the kind of its cue ('verb after / speech'),
the length of its content and its cue's lemma; a claim takes the figure of the deepest one the table holds (each
drawn toward the one above it, so a rare case leans on its rule's figure).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Final

from ...lang.en.cues import ATTITUDE_LEMMAS, COGNITION_LEMMAS, EVIDENCE_LEMMAS, SPEECH_LEMMAS

__all__ = ["PRECISION_TABLE", "measured_precision", "rule_path", "speaker_precision"]

PRECISION_TABLE: Final = Path(__file__).with_name("precision.tsv")
OVERALL: Final = "(all)"
"""The row of a part that stands for any name the table lacks."""

_SPEECH: Final = frozenset(SPEECH_LEMMAS)
_COGNITION: Final = frozenset(COGNITION_LEMMAS)
_ATTITUDE: Final = frozenset(ATTITUDE_LEMMAS) - _SPEECH
_SHORT: Final = 3
_MEDIUM: Final = 8


def cue_kind(lemma: str | None) -> str:
    """'speech' ('said'), 'cognition' ('believes'), 'attitude' ('endorsed'), 'evidence' ('shows'), else 'other'."""
    if lemma in _COGNITION:
        return "cognition"
    if lemma in _ATTITUDE:
        return "attitude"
    if lemma in _SPEECH:
        return "speech"
    return "evidence" if lemma in EVIDENCE_LEMMAS else "other"


def rule_path(rule: str, lemma: str | None, content: str) -> tuple[str, ...]:
    """The depths at which a claim's rule is measured: the rule, its cue's kind, its content's length, its lemma."""
    words = len(content.split())
    length = f"{_SHORT} words or fewer" if words <= _SHORT else f"{_MEDIUM} or fewer" if words <= _MEDIUM else "longer"
    return (rule, cue_kind(lemma), length, lemma or "no cue")


@cache
def _table() -> dict[tuple[str, str], float]:
    if not PRECISION_TABLE.exists():
        return {}
    with PRECISION_TABLE.open(encoding="utf-8", newline="") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {(row["part"], row["name"]): float(row["precision"]) for row in rows}


def _deepest(part: str, path: tuple[str, ...]) -> float:
    table = _table()
    for depth in range(len(path), 0, -1):
        found = table.get((part, " / ".join(path[:depth])))
        if found is not None:
            return found
    return table.get((part, OVERALL), 1.0)


def speaker_precision(speaker_way: str) -> float:
    """How often a speaker resolved by ``speaker_way`` was the right one."""
    return _deepest("speaker", tuple(speaker_way.split(", ")))


def measured_precision(path: tuple[str, ...], speaker_way: str) -> float:
    """How often a claim found as ``path`` had the right content, times how often a speaker resolved by
    ``speaker_way`` was the right one ('name', 'pronoun', 'description unresolved', …)."""
    return round(_deepest("rule", path) * _deepest("speaker", tuple(speaker_way.split(", "))), 3)
