"""Every word the rules read, by language: ``en`` and ``de``, each exposed as one ``Lexicon``.

A new language is a folder here with a ``LEXICON``, its marker words for the detector
(``claimkit.text.language``), and, where its cues differ in form, a rule module beside
``claimkit.engines.embedded.german``.
"""

from __future__ import annotations

from typing import Final

from . import de, en
from .lexicon import Lexicon

__all__ = ["LEXICONS", "Lexicon", "lexicon_for"]

LEXICONS: Final[dict[str, Lexicon]] = {"en": en.LEXICON, "de": de.LEXICON}


def lexicon_for(code: str | None) -> Lexicon:
    """The lexicon of a language by its code; English when the language is unknown (``None``)."""
    return LEXICONS.get(code or "en", en.LEXICON)
