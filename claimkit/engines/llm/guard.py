"""The grounding guard for model text: words are located in the article by code, or dropped with a warning."""

from __future__ import annotations

import re

from ...lang.en.injection import ADDRESSED_TO_A_MODEL
from ...text.grounding import Located, locate
from ...text.spans import article_sentences
from ...text.words import shorten

__all__ = ["addressed_to_a_model", "located_or_warned"]

_ADDRESSED_RE = re.compile("|".join(ADDRESSED_TO_A_MODEL), re.IGNORECASE)


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
