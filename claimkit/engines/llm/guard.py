"""The grounding guard for model text: words are located in the article by code, or dropped with a warning."""

from __future__ import annotations

from ...text.grounding import Located, locate
from ...text.words import shorten

__all__ = ["located_or_warned"]


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
