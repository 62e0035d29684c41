"""What every engine hands to the pipeline: attribution candidates with article offsets; one duplicate policy."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from ..records import SpeakerKind, StanceLabel

__all__ = ["Candidate", "Kind", "Range", "SpeakerHint", "without_duplicates"]

Kind = Literal["direct", "indirect", "mixed"]
Range = tuple[int, int]


@dataclass(frozen=True)
class SpeakerHint:
    """What a model said of a speaker, for speakers with no mention that can be located."""

    name: str
    role: str | None = None
    affiliation: str | None = None
    kind: SpeakerKind | None = None


@dataclass
class Candidate:
    """One attribution found in the text: offsets into the article, and what an engine knows beyond them."""

    content: Range
    speaker: Range | None
    cue: Range | None
    kind: Kind
    confidence: float
    sentence: Range
    cue_lemma: str | None = None
    parts: list[Range] = field(default_factory=list)
    continues: Candidate | None = None
    """For a quotation with no cue of its own: the attribution whose speaker it continues."""
    speaker_hint: SpeakerHint | None = None
    statement: str | None = None
    stance: StanceLabel | None = None
    responds_to: Range | None = None
    """The content of the earlier claim this one answers, when the engine knows it."""
    rule: str = ""
    """The rule that found it (the embedded engine's), by which its confidence is measured; '' for a model's."""
    found_by: str | None = None
    """The rule and how its speaker was resolved, once the speakers are (``assemble``)."""


def without_duplicates(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per content span, the more confident (the first of equals), in the order of their content.

    The rules can read one clause through two cues; a model's chunks overlap, so one quote can come twice.
    """
    best: dict[Range, Candidate] = {}
    for candidate in candidates:
        kept = best.get(candidate.content)
        if kept is None or candidate.confidence > kept.confidence:
            best[candidate.content] = candidate
    return sorted(best.values(), key=lambda c: c.content)
