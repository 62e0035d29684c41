"""The grounding guard for model text: words are located in the article by code, or dropped with a warning."""

from __future__ import annotations

import re

from ...lang.en.injection import ADDRESSED_TO_A_MODEL
from ...text.grounding import Located, locate
from ...text.spans import article_sentences
from ...text.words import shorten
from ..candidate import Candidate

__all__ = ["addressed_to_a_model", "located_or_warned", "speaker_disagreements"]

_ADDRESSED_RE = re.compile("|".join(ADDRESSED_TO_A_MODEL), re.IGNORECASE)
_PRONOUNS = frozenset("he she they it i we you him her them his its their who".split())


def located_or_warned(
    text: str,
    words: str,
    what: str,
    warnings: list[str],
    *,
    window: tuple[int, int] | None = None,
    who: str | None = None,
) -> Located | None:
    """Where ``words`` stand in ``text`` (inside ``window`` first, then anywhere); else None and a warning.

    ``what`` names the words in the warning ('a quote', 'evidence'), ``who`` the speaker the model gave.
    """
    where = locate(text, words, start=window[0], end=window[1]) if window is not None else None
    where = where or locate(text, words)
    if where is None:
        warnings.append(f"dropped {what} that is not in the article: “{shorten(words)}”" + (f" ({who})" if who else ""))
    return where


def addressed_to_a_model(text: str) -> list[str]:
    """A warning for each sentence of the article that addresses a language model ('Ignore all previous
    instructions …'): a model that read it may have been steered, so its claims near there deserve a look."""
    warnings = []
    for start, end in article_sentences(text):
        if _ADDRESSED_RE.search(text, start, end):
            warnings.append(
                f"characters {start}–{end} address a language model, not a reader (“{shorten(text[start:end])}”): "
                "claims from a model may have been steered by them"
            )
    return warnings


def speaker_disagreements(text: str, found: list[Candidate], read: list[Candidate]) -> list[str]:
    """A warning for each claim whose speaker, as the model names it (``found``), shares no word with the speaker
    the rules read at the same words (``read``, the embedded engine's candidates): an attribution to check."""
    warnings = []
    for candidate in found:
        if candidate.speaker_hint is None:
            continue
        rule = next((r for r in read if _overlap(r.content, candidate.content) >= 0.5 and r.speaker), None)
        if rule is None or rule.speaker is None:
            continue
        words = {w.lower() for w in re.findall(r"\w+", text[rule.speaker[0] : rule.speaker[1]])}
        named = {w.lower() for w in re.findall(r"\w+", candidate.speaker_hint.name)}
        if words <= _PRONOUNS or words & named - {"the", "a", "an"}:
            continue  # a pronoun the rules cannot name, or the same speaker
        warnings.append(
            f"the model attributes “{shorten(text[slice(*candidate.content)], 60)}” to {candidate.speaker_hint.name}; "
            f"the text reads {' '.join(text[rule.speaker[0] : rule.speaker[1]].split())}"
        )
    return warnings


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> float:
    """The share of the shorter range that the two ranges share."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, shared) / max(1, min(a[1] - a[0], b[1] - b[0]))
