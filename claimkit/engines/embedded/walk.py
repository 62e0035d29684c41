"""The walk over an article: paragraphs and sentences in order, cues read sentence by sentence, quotations
with no cue of their own given to the speaker before them, the headline read last.

The entry point of the embedded engine (``extract``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import repeat
from typing import Final

from ... import deadline
from ...lang import lexicon_for
from ...lang.en.cues import (
    CUE_WORDS,
)
from ...text.boilerplate import is_boilerplate
from ...text.language import detect
from ...text.spans import article_sentences, find_quotes, paragraphs, tokenize, trim
from ..candidate import Candidate, Range, without_duplicates
from .attributions import attributions_in
from .headline import headline_attribution
from .sentence import QUOTE_MARKS, Sentence

__all__ = ["extract"]


_WORD_RE: Final = re.compile(r"[a-zäöüß]+")
_MARKS: Final = "\"'“”‘’„«»()[]{}.,;:!?…—–-/*"
"""Marks around a word, stripped before it is looked up (no letters: a word stripped of them stays whole)."""
_LONGEST_SENTENCE: Final = 2_000
"""Characters the rules read at once (the longest sentence of the PolNeAR and Wikinews data has 1,395)."""


def extract(text: str, *, limit: int | None = None, language: str | None = None) -> list[Candidate]:
    """All attributions in ``text``, in the order of their content; the first ``limit`` or so when one is given
    (the walk stops after the paragraph that reaches it). ``language``: the article's, as detected by the caller
    (None: detected here)."""
    quotes = find_quotes(text)
    quotes_at = _QuotesAt(quotes)
    sentences = list(_bounded(text, _with_attribution_tails(text, article_sentences(text), quotes)))
    words = lexicon_for(language if language is not None else detect(text))
    cue_words = words.cue_words
    candidates: list[Candidate] = []
    n = 0  # sentences and paragraphs both run in text order: walk them together
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        in_paragraph = []
        while n < len(sentences) and sentences[n][0] < p_end:
            if sentences[n][0] >= p_start:
                in_paragraph.append(sentences[n])
            n += 1
        deadline.check()
        if is_boilerplate(text[p_start:p_end]):
            continue
        found: list[Candidate] = []
        orphans: list[tuple[Range, Range]] = []
        for start, end in in_paragraph:
            inside = quotes_at.sentence(start, end)
            attributed = []
            if _holds_a_cue_word(text[start:end].lower(), cue_words):
                attributed = attributions_in(text, Sentence(start, end, tokenize(text, start, end), inside, words))
            if inside:
                orphans += [(q, (start, end)) for q in _orphan_quotes(text, start, end, inside, attributed)]
            found += attributed
        if number == 0 and not found:
            headline = headline_attribution(text, p_start, p_end, quotes, words)
            found += [headline] if headline is not None else []
        candidates += _attach_orphans(orphans, found, candidates[-1] if candidates else None)
        if limit is not None and len(candidates) >= limit:
            break
    return without_duplicates(candidates)[:limit]


def _holds_a_cue_word(lowered: str, cue_words: frozenset[str]) -> bool:
    """Whether one of the words of a lower-cased sentence (its runs of letters) is a cue word.

    Most sentences that hold one are told by C code alone: the sentence split at white space, each piece stripped
    of marks (which are no letters); a piece that is then a cue word is one of its words. Only a sentence where
    none is reads its words with the pattern (three times the instructions).
    """
    if not cue_words.isdisjoint(map(str.strip, lowered.split(), repeat(_MARKS))):
        return True
    return not cue_words.isdisjoint(_WORD_RE.findall(lowered))


class _QuotesAt:
    """The quotations that overlap each sentence, for sentences met in text order: each quotation is looked at
    a bounded number of times, not once per sentence."""

    def __init__(self, quotes: list[Range]) -> None:
        self._quotes = quotes  # sorted by start; a quotation may overlap the next
        self._next = 0
        self._open: list[Range] = []

    def sentence(self, start: int, end: int) -> list[Range]:
        while self._next < len(self._quotes) and self._quotes[self._next][0] < end:
            self._open.append(self._quotes[self._next])
            self._next += 1
        self._open = [q for q in self._open if q[1] > start]
        return [q for q in self._open if q[0] < end]


def _bounded(text: str, sentences: list[Range]) -> Iterator[Range]:
    """The sentences, a sentence longer than ``_LONGEST_SENTENCE`` characters read in pieces cut after a comma,
    semicolon or colon (else a space) near the limit: no rule ever reads more than that at once, so a text with
    no full stop costs time in proportion to its length. No sentence of the evaluation data comes near it."""
    for start, end in sentences:
        while end - start > _LONGEST_SENTENCE:
            low, high = start + _LONGEST_SENTENCE // 2, start + _LONGEST_SENTENCE
            cut = max(text.rfind(mark, low, high) for mark in ",;:")
            cut = cut if cut >= 0 else text.rfind(" ", low, high)
            cut = cut + 1 if cut >= 0 else high
            piece = trim(text, start, cut)
            if piece[0] < piece[1]:
                yield piece
            start = trim(text, cut, end)[0]
        if start < end:
            yield start, end


def _with_attribution_tails(text: str, sentences: list[Range], quotes: list[Range]) -> list[Range]:
    """Join '“… small hands?”' and 'Trump said.' when a quotation ending in ?, ! or . is split from its cue."""
    joined: list[Range] = []
    quote_ends = {end: start for start, end in quotes}
    for start, end in sentences:
        p_start, p_end = joined[-1] if joined else (-1, -1)
        q_start = quote_ends.get(p_end)
        after_quote = q_start is not None and q_start - p_start <= 2 and "\n" not in text[p_end:start]
        if after_quote and _short_cue_clause(text[start:end]):  # (the words are read only after a quotation)
            joined[-1] = (p_start, end)
            continue
        joined.append((start, end))
    return joined


def _short_cue_clause(words: str) -> bool:
    if len(words) > 120:
        return False  # eight words at most
    lowered = _WORD_RE.findall(words.lower())
    return 2 <= len(lowered) <= 8 and not CUE_WORDS.isdisjoint(lowered) and words[:1] not in QUOTE_MARKS


def _orphan_quotes(text: str, start: int, end: int, quotes: list[Range], found: list[Candidate]) -> list[Range]:
    """Quotations that make up their sentence (``start``, ``end``, with ``quotes`` inside), have four words or
    more, and no attribution of their own."""
    used = [c.content for c in found]
    orphans = []
    for q_start, q_end in quotes:
        covers_sentence = q_start - start <= 2 and end - q_end <= 2
        if not covers_sentence or q_start < start:
            continue
        if any(a <= q_start and q_end <= b for a, b in used):
            continue
        if len(text[q_start:q_end].split()) >= 4:
            orphans.append((q_start, q_end))
    return orphans


def _attach_orphans(
    orphans: list[tuple[Range, Range]], found: list[Candidate], previous: Candidate | None
) -> list[Candidate]:
    """Give each orphan quotation a speaker: a quote of the same paragraph, else the previous paragraph's.

    Within a paragraph the orphan joins that quote as one more part ('"A," she said. "B."' is one
    attribution); an orphan that opens a paragraph after a quoted speaker continues that speaker.
    """
    result = list(found)
    quoted = [c for c in found if c.kind in ("direct", "mixed")]
    for quote, sentence in orphans:
        before = [c for c in quoted if c.content[1] <= quote[0]]
        after = [c for c in quoted if c.content[0] >= quote[1]]
        host = _nearest(before, quote[0]) if before else after[0] if after else None
        if host is not None:
            pieces = sorted([*(host.parts or [host.content]), quote])
            host.parts = pieces
            host.content = (pieces[0][0], pieces[-1][1])
        elif previous is not None and previous.kind in ("direct", "mixed"):
            result.append(Candidate(quote, None, None, "direct", 0.6, sentence, None, [], previous, rule="continued"))
    return sorted(result, key=lambda c: c.content)


def _nearest(candidates: list[Candidate], position: int) -> Candidate:
    """The quote of the latest sentence before ``position``; in that sentence, a direct one before a mixed one."""
    return max(candidates, key=lambda c: (c.sentence[1] <= position, c.sentence[1], c.kind == "direct", c.content[1]))
