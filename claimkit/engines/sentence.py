"""One sentence as the embedded engine reads it, and how a found attribution becomes a ``Candidate``.

Shared by the English rules (``embedded``) and the German ones (``german``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..text import Token, trim
from .base import Candidate, Kind, Range

__all__ = ["ENDING_PUNCT", "QUOTE_MARKS", "Sentence", "make_candidate", "trimmed"]

QUOTE_MARKS = "\"“”„«»‘’'"
ENDING_PUNCT = ".!?…"


@dataclass
class Sentence:
    start: int
    end: int
    tokens: list[Token]
    quotes: list[Range]
    german: bool = False

    def in_quote(self, token: Token) -> bool:
        return any(a <= token.start < b for a, b in self.quotes)


def trimmed(text: str, start: int, end: int) -> Range:
    """Trim white space and the sentence's closing punctuation, keeping closing quotation marks."""
    start, end = trim(text, start, end)
    while end > start and text[end - 1] in ".,;:" and not text[start:end].endswith(".."):
        end -= 1
        start, end = trim(text, start, end)
    return start, end


def make_candidate(
    text: str,
    sentence: Sentence,
    content: Range,
    speaker: Range | None,
    cue: Range | None,
    lemma: str | None,
    confidence: float,
    parts: list[Range] | None = None,
) -> Candidate | None:
    """A candidate with its kind told by the quotations it covers; None when it cannot be one."""
    if content[1] <= content[0]:
        return None
    parts = parts if parts and len(parts) > 1 else []
    if speaker is not None and any(a < speaker[1] and speaker[0] < b for a, b in parts or [content]):
        return None  # a speaker inside its own content is a misreading
    kind = _kind(parts or [content], sentence.quotes)
    if kind == "direct":
        confidence = max(confidence, 0.85)
    return Candidate(content, speaker, cue, kind, confidence, (sentence.start, sentence.end), lemma, parts)


def _kind(pieces: list[Range], quotes: list[Range]) -> Kind:
    """Direct when every piece is a whole quotation, mixed when a quotation is inside, else indirect."""
    if all(piece in quotes for piece in pieces):
        return "direct"
    if any(a <= q[0] and q[1] <= b for a, b in pieces for q in quotes):
        return "mixed"
    return "indirect"
