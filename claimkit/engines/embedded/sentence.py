"""One sentence as the embedded engine reads it, and how a found attribution becomes a ``Candidate``.

Shared by the English rules (``embedded``) and the German ones (``german``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Final

from ...lang import Lexicon, en
from ...lang.en.grammar import COORDINATORS, IRREGULAR_PAST, NOT_A_SPEAKER, PHRASE_OPENERS
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

QUOTE_MARKS: Final = "\"“”„«»‘’'"
ENDING_PUNCT: Final = ".!?…"
CLAUSE_PUNCT: Final = frozenset(",;:—–()[]")
PHRASE_BREAKS: Final = frozenset(",;:—–()")
MAX_SPEAKER_TOKENS: Final = 9
"""The longest speaker phrase, in tokens."""


@dataclass
class Sentence:
    """A sentence's tokens and quotations, with positions the rules look up by bisection (not by a scan of every
    token or quotation per cue: a sentence of any length costs time in proportion to its length)."""

    start: int
    end: int
    tokens: list[Token]
    quotes: list[Range]
    lexicon: Lexicon = en.LEXICON
    """The words of the article's language, which every rule reads."""
    _index: _Index | None = field(init=False, repr=False, compare=False)
    _headline: bool | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Set here, not as field defaults: mypyc leaves an init=False field with a default undefined
        self._index = None  # built on first use: most sentences hold no cue and are never looked into
        self._headline = None

    @property
    def german(self) -> bool:
        return self.lexicon.code == "de"

    @property
    def index(self) -> _Index:
        if self._index is None:
            self._index = _Index(self.tokens, self.quotes)
        return self._index

    def in_quote(self, i: int) -> bool:
        """Whether token ``i`` stands inside a quotation (its opening mark included)."""
        return self.index.inside[i]

    def first_at(self, position: int) -> int:
        """The index of the first token that starts at ``position`` or later."""
        return bisect.bisect_left(self.index.starts, position)

    def count_before(self, position: int) -> int:
        """How many tokens end at ``position`` or before."""
        return bisect.bisect_right(self.index.ends, position)

    def quote_at(self, position: int) -> Range | None:
        """The quotation that opens at ``position``, if one does."""
        return self.index.quote_starts.get(position)

    def quote_within(self, start: int, end: int) -> bool:
        """Whether a whole quotation stands between ``start`` and ``end``."""
        starts = self.index.sorted_quote_starts
        for n in range(bisect.bisect_left(starts, (start, -1)), len(starts)):
            quote_start, quote_end = starts[n]
            if quote_start >= end:
                return False
            if quote_end <= end:
                return True
        return False

    @property
    def is_headline(self) -> bool:
        """Most words of four letters or more capitalised: a headline, whose capitalised cues are cues."""
        if self._headline is None:
            words = [t.text for t in self.tokens if t.text[:1].isalpha() and len(t.text) > 3]
            self._headline = len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)
        return self._headline

    def semicolons(self) -> list[int]:
        """The indices of the semicolons (built on first use: most sentences never ask)."""
        index = self.index
        if index.semicolons is None:
            index.semicolons = [k for k, t in enumerate(self.tokens) if t.text == ";"]
        return index.semicolons

    def aside_dashes(self, text: str) -> list[int]:
        """The indices of the dashes after a space outside quotations: each opens the writer's aside."""
        index = self.index
        if index.asides is None:
            index.asides = [
                k
                for k, t in enumerate(self.tokens)
                if t.text in "—–-" and not index.strictly_inside[k] and text[t.start - 1 : t.start].isspace()
            ]
        return index.asides


_START: Final = attrgetter("start")
_END: Final = attrgetter("end")


class _Index:
    def __init__(self, tokens: list[Token], quotes: list[Range]) -> None:
        self.starts = list(map(_START, tokens))
        self.ends = list(map(_END, tokens))
        self.inside = [False] * len(tokens)
        """Token i starts inside a quotation, its opening mark included."""
        self.strictly_inside = [False] * len(tokens)
        """Token i starts inside a quotation after its opening mark."""
        for a, b in quotes:
            first, last = bisect.bisect_left(self.starts, a), bisect.bisect_left(self.starts, b)
            self.inside[first:last] = [True] * (last - first)
            after_mark = first + 1 if first < last and self.starts[first] == a else first
            self.strictly_inside[after_mark:last] = [True] * (last - after_mark)
        self.quote_starts: dict[int, Range] = {}
        for quote in quotes:
            self.quote_starts.setdefault(quote[0], quote)
        self.quote_ends = sorted((b, n) for n, (_, b) in enumerate(quotes))
        self.sorted_quote_starts = sorted(quotes)
        self.semicolons: list[int] | None = None
        self.asides: list[int] | None = None


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
    *,
    rule: str,
) -> Candidate | None:
    """A candidate with its kind told by the quotations it covers; None when it cannot be one. ``rule`` names the
    rule that found it; ``confidence`` orders two readings of one content (the measured one is given later)."""
    if content[1] <= content[0]:
        return None
    parts = parts if parts and len(parts) > 1 else []
    if speaker is not None and any(a < speaker[1] and speaker[0] < b for a, b in parts or [content]):
        return None  # a speaker inside its own content is a misreading
    if speaker is not None and not sentence.german and _opens_with_a_verb(text[speaker[0] : speaker[1]]):
        return None  # 'a loss that topped Wall Street forecasts': a verb and its object, no speaker and no cue
    if speaker is not None and not sentence.german and not _can_be_speaker(text[speaker[0] : speaker[1]]):
        # 'In a YouTube clip Tridevil said': the name at the end; 'on solid ground attacking …': no one
        speaker = _name_at_end(sentence, speaker)
    kind = _kind(parts or [content], sentence)
    if kind == "direct":
        confidence = max(confidence, 0.85)
    return Candidate(content, speaker, cue, kind, confidence, (sentence.start, sentence.end), lemma, parts, rule=rule)


def _opens_with_a_verb(phrase: str) -> bool:
    word = phrase.split(" ", 1)[0]
    return word.islower() and (word.endswith("ed") or word in IRREGULAR_PAST)


def _can_be_speaker(phrase: str) -> bool:
    """Not a prepositional phrase ('in stories'), a clause cut at 'and' ('her out of pocket and'), or an adverb."""
    words = phrase.lower().split()
    if not words or words[0] in PHRASE_OPENERS or words[-1] in COORDINATORS:
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


def _kind(pieces: list[Range], sentence: Sentence) -> Kind:
    """Direct when every piece is a whole quotation, mixed when a quotation is inside, else indirect."""
    if all(sentence.quote_at(piece[0]) == piece for piece in pieces):
        return "direct"
    if any(sentence.quote_within(a, b) for a, b in pieces):
        return "mixed"
    return "indirect"
