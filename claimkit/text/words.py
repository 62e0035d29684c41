"""Words as the comparison and stance code matches them: words, content words, a crude stem; text cut short."""

from __future__ import annotations

import re
from typing import Final

from ..lang.en.stance import STOPWORDS

__all__ = ["content_words", "shorten", "stem", "words"]

_WORD_RE: Final = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-])+|\d+")
"""A letter of any alphabet ('Bürgermeisterin', 'Łódź'), then letters, apostrophes and hyphens; or a number."""


def words(text: str) -> list[str]:
    """The words and numbers of ``text``, as written ('Asif’s', 'well-known', '2011')."""
    return _WORD_RE.findall(text)


def content_words(text: str) -> list[str]:
    """The words of ``text`` that carry content: no stop words, three letters or more, and every number."""
    return [w for w in _WORD_RE.findall(text) if (len(w) > 2 or w.isdigit()) and w.lower() not in STOPWORDS]


def stem(word: str, shortest: int = 3) -> str:
    """A crude stem for matching words ('admitted' → 'admitt', 'claims' → 'claim'); keeps ``shortest`` letters."""
    word = word.lower().replace("’", "'")
    for suffix in ("'s", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest:
            return word[: -len(suffix)]
    return word


def shorten(text: str, limit: int = 80) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis, for messages and tables."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
