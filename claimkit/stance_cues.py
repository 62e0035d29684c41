"""Stance cues: which claims answer an earlier claim, and how (opposes or supports)."""

from __future__ import annotations

import re

from .engines.candidate import Candidate
from .lang.en.stance import CONTRAST_OPENERS, CRITICAL_SPEAKERS, OPPOSING_CUES, SUPPORTING_CUES, TARGETS_ITS_CONTENT
from .records import StanceLabel

__all__ = ["TARGETS_ITS_CONTENT", "stance_label", "target_of"]

_WORD_RE = re.compile(r"[A-Za-z]{4,}")


def stance_label(text: str, candidate: Candidate, speaker_name: str) -> StanceLabel:
    """The label a claim's own cues give: a denial or a contrast opposes, agreement supports."""
    if candidate.cue_lemma in OPPOSING_CUES:
        return "opposes"
    if candidate.cue_lemma in SUPPORTING_CUES:
        return "supports"
    opener = text[candidate.sentence[0] : candidate.sentence[0] + 30].split(" ")[0].strip(",").lower()
    if opener in CONTRAST_OPENERS or speaker_name.lower().startswith(CRITICAL_SPEAKERS):
        return "opposes"
    return "neutral"


def target_of(text: str, index: int, candidates: list[Candidate], speakers: list[str | None]) -> int | None:
    """The earlier claim, by another speaker, that claim ``index`` answers: most shared words, else latest.

    Participle clauses (', arguing that …') are passed over when a main claim is at hand.
    """
    if candidates[index].cue_lemma in TARGETS_ITS_CONTENT:
        return None  # 'criticised the promotion of …': the target is its own content
    own = speakers[index]
    earlier = [n for n in range(index) if speakers[n] != own and speakers[n] is not None]
    if not earlier:
        return None
    words = _content_words(text, candidates[index])
    overlap = {n: len(words & _content_words(text, candidates[n])) for n in earlier}
    best = max(earlier, key=lambda n: (overlap[n], n))
    if overlap[best] >= 2:
        return best
    prominent = max({speakers[n] for n in earlier}, key=lambda s: (speakers.count(s), -speakers.index(s)))
    main = [n for n in earlier if speakers[n] == prominent and not _is_participle(text, candidates[n])]
    return (main or earlier)[-1]


def _content_words(text: str, candidate: Candidate) -> set[str]:
    return {w.lower() for w in _WORD_RE.findall(text[candidate.content[0] : candidate.content[1]])}


def _is_participle(text: str, candidate: Candidate) -> bool:
    return candidate.cue is not None and text[candidate.cue[0] : candidate.cue[1]].endswith("ing")
