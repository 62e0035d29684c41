"""The article's own attribution evidence around a model's claim: what decides, where the model and the text differ.

A model's claim stands only where the article attributes the words: a cue in the quote's sentence, a speaker
mention beside a quotation, or the rules' own reading of the same words. Its kind comes from where the quote
stands (inside quotation marks or not), its cue from the article's words at that site, and a speaker the rules
read otherwise with high confidence is the rules' speaker.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

from ...lang.lexicon import Lexicon
from ...text.spans import article_sentences, find_quotes
from ..candidate import Candidate, Kind, Range

__all__ = ["SURE", "ArticleEvidence", "overlap"]

SURE: Final = 0.75
"""A rule reading at least this confident is evidence enough to overrule a model's speaker."""
_BESIDE: Final = 80
"""Characters beside a quote within which a cue or mention attributes it, across a sentence end."""
_NEAR_START: Final = 10
"""Characters by which the rules' reading may start after a head ('that …') and still give its end."""
_ARTICLE_WORDS: Final = frozenset({"the", "a", "an"})
_WORD_RE: Final = re.compile(r"\w+")
_CLOSING_MARKS: Final = "\"'”’»«“‘„"
_TRAILING: Final = " ,;:.\n\t"
_CLAUSE_END_RE: Final = re.compile(r"[;(]|\s[—–-]\s|—|,")
"""Where reported speech's clause ends, at the latest: a comma, a semicolon, a colon, a parenthesis, a dash."""


def overlap(a: Range, b: Range) -> float:
    """The share of the shorter range that the two ranges share."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return max(0, shared) / max(1, min(a[1] - a[0], b[1] - b[0]))


class ArticleEvidence:
    """The quotations, sentences and rule readings of one article, asked about each model claim."""

    def __init__(self, text: str, rules: list[Candidate], lexicon: Lexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self.quotes = find_quotes(text)
        self._quote_starts = [s for s, _ in self.quotes]
        self._quote_ends = [e for _, e in self.quotes]
        self.sentences = article_sentences(text)
        self._sentence_starts = [s for s, _ in self.sentences]
        self.rules = sorted(rules, key=lambda r: r.content)
        self._rule_starts = [r.content[0] for r in self.rules]

    # --- what the text shows at a site -----------------------------------------------------------

    def kind(self, content: Range) -> Kind:
        """'direct' inside quotation marks, 'mixed' when partly inside, else 'indirect'."""
        inside = sum(max(0, min(content[1], b) - max(content[0], a)) for a, b in self._quotes_near(content))
        length = max(1, content[1] - content[0])
        if inside >= length * 0.9:
            return "direct"
        return "mixed" if inside > 0 else "indirect"

    def rule_at(self, content: Range) -> Candidate | None:
        """The rules' reading of the same words (sharing half the shorter span), the most confident."""
        k = bisect.bisect_left(self._rule_starts, content[0] - 3_000)
        best = None
        for rule in self.rules[k:]:
            if rule.content[0] >= content[1]:
                break
            if overlap(rule.content, content) >= 0.5 and (best is None or rule.confidence > best.confidence):
                best = rule
        return best

    def attributed(self, content: Range, speaker: Range | None, cue: Range | None) -> bool:
        """Whether the article attributes the words: the rules read them, a cue stands in their sentence (or
        beside them), or a quotation has its speaker's mention beside it."""
        if self.rule_at(content) is not None:
            return True
        if cue is not None and self._beside(content, cue):
            return True
        return speaker is not None and self.kind(content) != "indirect" and self._beside(content, speaker)

    def is_pronoun(self, words: str) -> bool:
        return words.strip().lower() in self.lexicon.pronouns

    def is_a_name(self, words: str) -> bool:
        """Whether a speaker phrase is a proper name alone ('Jim Jordan', 'Reuters'): every word capitalised but
        'of', not a pronoun, and not opening with an article ('The retired neurosurgeon' describes)."""
        found = _WORD_RE.findall(words)
        if not found or self.is_pronoun(words) or found[0].lower() in _ARTICLE_WORDS or len(found) > 5:
            return False
        return all(w[:1].isupper() or w in ("of", "de", "von", "van") for w in found)

    def gender_differs(self, pronoun: str, name: str) -> bool:
        """Whether a gendered pronoun ('she') cannot refer to a name whose first name nearly always belongs to
        the other gender ('Donald Trump'), as far as the language's first names tell."""
        wanted = self.lexicon.genders.get(pronoun.strip().lower())
        if wanted is None:
            return False
        found = next((g for w in _WORD_RE.findall(name) if (g := self.lexicon.first_name_gender(w))), None)
        return found is not None and found != wanted

    def shares_a_name(self, a: str, b: str) -> bool:
        """Whether two speaker phrases share a word beyond articles ('the senator', 'Senator Jane Smith')."""
        first = {w.lower() for w in _WORD_RE.findall(a)} - _ARTICLE_WORDS
        return bool(first & {w.lower() for w in _WORD_RE.findall(b)})

    def extended(self, content: Range) -> Range | None:
        """A quote the model gave only by its head, to the end the article shows: the quotation's closing mark
        where it opens inside one, else the rules' reading of the same words, else its sentence's end."""
        for start, end in self._quotes_near(content):
            if start <= content[0] < end and content[1] < end - 1:
                return content[0], self._trimmed(content[0], end - 1)
        rule = self.rule_at(content)
        if rule is not None and rule.content[0] <= content[0] + _NEAR_START and content[1] < rule.content[1]:
            return content[0], rule.content[1]
        sentence = self._sentence(content[0])
        clause = _CLAUSE_END_RE.search(self.text, content[1], sentence[1])
        end = self._trimmed(content[0], clause.start() if clause else sentence[1])
        return (content[0], end) if end > content[1] else None

    # --- helpers ---------------------------------------------------------------------------------

    def _quotes_near(self, content: Range) -> list[Range]:
        """The quotations that share characters with ``content`` (top-level ones do not nest: both ends sorted)."""
        first = bisect.bisect_right(self._quote_ends, content[0])
        last = bisect.bisect_left(self._quote_starts, content[1])
        return self.quotes[first:last]

    def _sentence(self, position: int) -> Range:
        k = bisect.bisect_right(self._sentence_starts, position) - 1
        return self.sentences[k] if k >= 0 else (0, len(self.text))

    def _beside(self, content: Range, other: Range) -> bool:
        """Whether ``other`` stands in a sentence of the quote, or within a few words of it."""
        if max(content[0] - other[1], other[0] - content[1]) <= _BESIDE:
            return True
        first, last = self._sentence(content[0]), self._sentence(max(content[0], content[1] - 1))
        return first[0] <= other[0] and other[1] <= last[1]

    def _trimmed(self, start: int, end: int) -> int:
        while end > start and (self.text[end - 1] in _TRAILING or self.text[end - 1] in _CLOSING_MARKS):
            end -= 1
        return end
