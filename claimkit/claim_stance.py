"""A claim's own stance: how it answers an earlier claim of the article (opposes or supports), and which one."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Final

from .engines.candidate import Candidate
from .lang.en.stance import (
    CONTRAST_OPENERS,
    CRITICAL_SPEAKERS,
    NEGATED_CLAIM_WORDS,
    OPPOSING_CUES,
    SUPPORTING_CUES,
    TARGETS_ITS_CONTENT,
)
from .records import StanceLabel

__all__ = ["ClaimStance", "claim_stances"]

_ANSWER_WINDOW: Final = 200
_DENIED_SHARE: Final = 0.6
"""The share of a denial's content words that the claim it denies must hold: the same statement, not the story."""
_NEGATION_STEMS: Final = NEGATED_CLAIM_WORDS | {w.partition("'")[0] for w in NEGATED_CLAIM_WORDS}
"""The negation words as the content-word pattern reads them ('wasn' of "wasn't"): not words a denial shares."""
_DENIAL_REACH: Final = 6
"""A negation among a claim's first words denies its verb; one further on belongs to a clause inside it."""

_WORD_RE: Final = re.compile(r"[A-Za-z]{4,}")


@dataclass(frozen=True)
class ClaimStance:
    """A claim's stance label and, unless neutral, the index of the earlier claim it answers (None: none found)."""

    label: StanceLabel
    target: int | None


def claim_stances(
    text: str, candidates: list[Candidate], speakers: list[str | None], names: dict[str, str]
) -> list[ClaimStance]:
    """Each claim's stance, in the order of ``candidates``, whose speakers' ids are ``speakers``."""
    targets = StanceTargets(text, candidates, speakers)
    stances = []
    for n, (candidate, speaker) in enumerate(zip(candidates, speakers, strict=True)):
        label = candidate.stance or stance_label(text, candidate, names.get(speaker or "", ""))
        target = None
        if label == "neutral" and denies(text, candidate):
            target = targets.contradicted(n)
            label = "opposes" if target is not None else label
        elif label != "neutral":
            target = _answered(candidates, n) if candidate.responds_to else None
            if target is None:
                target = targets.target_of(n)
        stances.append(ClaimStance(label, target))
    return stances


def _answered(candidates: list[Candidate], n: int) -> int | None:
    """The claim whose words the engine said claim ``n`` answers."""
    wanted = candidates[n].responds_to
    assert wanted is not None
    return next(
        (m for m, c in enumerate(candidates) if m != n and c.content[0] < wanted[1] and wanted[0] < c.content[1]),
        None,
    )


def denies(text: str, candidate: Candidate) -> bool:
    """Whether the claim's own words deny what they name: a negation among its first words ('Pakistan never
    supported militant groups', 'that Islamabad had not funded …', "it wasn't a deal")."""
    start, end = candidate.content
    first = text[start:end].replace("’", "'").lower().split()[:_DENIAL_REACH]
    return any(w.strip(',.;:"“”') in NEGATED_CLAIM_WORDS or w.endswith("n't") for w in first)


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


class StanceTargets:
    """Which earlier claim each claim of one article answers; words and speaker counts are computed once."""

    def __init__(self, text: str, candidates: list[Candidate], speakers: list[str | None]) -> None:
        self._text = text
        self._candidates = candidates
        self._speakers = speakers
        self._words: dict[int, set[str]] = {}
        self._counts = Counter(speakers)
        self._first: dict[str | None, int] = {}
        for n, speaker in enumerate(speakers):
            self._first.setdefault(speaker, n)

    def target_of(self, index: int) -> int | None:
        """The earlier claim, by another speaker, that claim ``index`` answers: most shared words, else latest.

        Participle clauses (', arguing that …') are passed over when a main claim is at hand. Only the
        ``_ANSWER_WINDOW`` claims before it are candidates: any claim of a real article, and a bounded number in a
        text of any length.
        """
        candidates, speakers = self._candidates, self._speakers
        if candidates[index].cue_lemma in TARGETS_ITS_CONTENT:
            return None  # 'criticised the promotion of …': the target is its own content
        own = speakers[index]
        window = range(max(0, index - _ANSWER_WINDOW), index)
        earlier = [n for n in window if speakers[n] != own and speakers[n] is not None]
        if not earlier:
            return None
        words = self._content_words(index)
        overlap = {n: len(words & self._content_words(n)) for n in earlier}
        best = max(earlier, key=lambda n: (overlap[n], n))
        if overlap[best] >= 2:
            return best
        prominent = max({speakers[n] for n in earlier}, key=lambda s: (self._counts[s], -self._first[s]))
        main = [n for n in earlier if speakers[n] == prominent and not _is_participle(self._text, candidates[n])]
        return (main or earlier)[-1]

    def contradicted(self, index: int) -> int | None:
        """The earlier claim, by another speaker and not itself a denial, whose words claim ``index`` denies: at
        least two content words shared and ``_DENIED_SHARE`` of the denial's own, the most shared (then the
        latest); None when no claim says them."""
        own = self._speakers[index]
        words = self._content_words(index) - _NEGATION_STEMS
        window = range(max(0, index - _ANSWER_WINDOW), index)
        overlap = {
            n: len(words & self._content_words(n))
            for n in window
            if self._speakers[n] != own and not denies(self._text, self._candidates[n])
        }
        best = max(overlap, key=lambda n: (overlap[n], n), default=None)
        if best is None or overlap[best] < max(2, _DENIED_SHARE * len(words)):
            return None
        return best

    def _content_words(self, n: int) -> set[str]:
        if n not in self._words:
            start, end = self._candidates[n].content
            self._words[n] = {w.lower() for w in _WORD_RE.findall(self._text[start:end])}
        return self._words[n]


def _is_participle(text: str, candidate: Candidate) -> bool:
    return candidate.cue is not None and text[candidate.cue[0] : candidate.cue[1]].endswith("ing")
