"""The one language detector: the record's ``article.language`` and the rules' lexicon both come from it."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from ..lang import de, en

__all__ = ["detect"]

_WORD_RE: Final = re.compile(r"\w+")
_HEAD: Final = 1500
"""Characters read: the opening of an article tells its language."""
_FEWEST_ENGLISH: Final = 3


@lru_cache(maxsize=16)
def detect(text: str) -> str | None:
    """'de' when German function words in the article's opening are more than twice the English ones; 'en'
    with three English ones or more; None when there are too few to tell (the rules then read English)."""
    words = _WORD_RE.findall(text[:_HEAD].lower())
    german = sum(map(de.LEXICON.markers.__contains__, words))
    english = sum(map(en.LEXICON.markers.__contains__, words))
    if german >= 1 and german > 2 * english:
        return "de"
    return "en" if english >= _FEWEST_ENGLISH else None
