"""One sentence as the embedded engine reads it, and how a found attribution becomes a ``Candidate``.

Shared by the English rules (``embedded``) and the German ones (``german``).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...lang import Lexicon, en
from ...lang.en.grammar import NOT_A_SPEAKER, PHRASE_OPENERS
from ...text.spans import Token, trim
from ..candidate import Candidate, Kind, Range

__all__ = [
    "CLAUSE_PUNCT",
    "ENDING_PUNCT",
    "MAX_SPEAKER_TOKENS",
    "PHRASE_BREAKS",
    "QUOTE_MARKS",
    "Sentence",
    "make_candidate",
    "trimmed",
]

QUOTE_MARKS = "\"“”„«»‘’'"
ENDING_PUNCT = ".!?…"
CLAUSE_PUNCT = frozenset(",;:—–()[]")
PHRASE_BREAKS = frozenset(",;:—–()")
MAX_SPEAKER_TOKENS = 9
"""The longest speaker phrase, in tokens."""


@dataclass
class Sentence:
    start: int
    end: int
    tokens: list[Token]
    quotes: list[Range]
    lexicon: Lexicon = en.LEXICON
    """The words of the article's language, which every rule reads."""

    @property
    def german(self) -> bool:
        return self.lexicon.code == "de"

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
    if speaker is not None and not sentence.german and not _can_be_speaker(text[speaker[0] : speaker[1]]):
        # 'In a YouTube clip Tridevil said': the name at the end; 'on solid ground attacking …': no one
        speaker = _name_at_end(sentence, speaker)
    kind = _kind(parts or [content], sentence.quotes)
    if kind == "direct":
        confidence = max(confidence, 0.85)
    return Candidate(content, speaker, cue, kind, confidence, (sentence.start, sentence.end), lemma, parts)


def _can_be_speaker(phrase: str) -> bool:
    """Not a prepositional phrase ('in stories'), a clause cut at 'and' ('her out of pocket and'), or an adverb."""
    words = phrase.lower().split()
    if not words or words[0] in PHRASE_OPENERS or words[-1] in {"and", "or", "but"}:
        return False
    return not (len(words) == 1 and (words[0] in NOT_A_SPEAKER or words[0].endswith("ing")))


def _name_at_end(sentence: Sentence, speaker: Range) -> Range | None:
    """The capitalised words that end ``speaker``, when they follow a lower-case word."""
    tokens = [t for t in sentence.tokens if speaker[0] <= t.start and t.end <= speaker[1]]
    n = len(tokens)
    while n > 0 and tokens[n - 1].text[:1].isupper():
        n -= 1
    if n == len(tokens) or n == 0:
        return None
    return tokens[n].start, tokens[-1].end


def _kind(pieces: list[Range], quotes: list[Range]) -> Kind:
    """Direct when every piece is a whole quotation, mixed when a quotation is inside, else indirect."""
    if all(piece in quotes for piece in pieces):
        return "direct"
    if any(a <= q[0] and q[1] <= b for a, b in pieces for q in quotes):
        return "mixed"
    return "indirect"
