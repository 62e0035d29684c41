"""Words as the comparison and stance code matches them: a crude stem, and text cut short for display."""

from __future__ import annotations

__all__ = ["shorten", "stem"]


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
