"""Are the article's quotations what the source said? Each one verbatim, altered (with the changes), elided or
not found, with the passage in the source as evidence.

The quotations are those of the article's claims (direct quotes, and quoted fragments inside reported speech),
found by whichever engine runs, with the speaker the article gives. Each source is indexed once
(``text.matching.IndexedText``); a quotation is sought in every source and judged against its best passage:

- ``verbatim``: the same words in the same order; quotation marks, dashes, white space, case and punctuation
  are typography, not words;
- ``altered``: a passage holds at least half of the quotation's words in order (``ALTERED_AT``), with the words
  the article substituted, added or dropped;
- ``elided``: '…', '...' or '[…]' joins parts that each stand verbatim in one source, in this order; ``omitted``
  holds what was left out (a part that is itself changed makes the quotation ``altered``);
- ``not_found``: nothing comes close; the best candidate and its similarity are still given.

``similarity`` is the share of the quotation's words that the passage holds in the same order.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .pipeline import summarise_article
from .records import (
    ArticleSummary,
    CheckedSource,
    QuoteChange,
    QuoteCheck,
    QuoteCheckReport,
    QuoteStatus,
    Span,
)
from .settings import Settings
from .sources import LoadedArticle, from_text
from .text.matching import ALTERED_AT, Alignment, IndexedText, words_of
from .text.spans import find_quotes, trim

if TYPE_CHECKING:
    import openai

__all__ = ["ALTERED_AT", "check_articles", "check_quotation", "check_quotes"]


_ELLIPSIS_RE = re.compile(r"\s*(?:\[\s*(?:…|\.\s?\.\s?\.)\s*\]|…|\.\s?\.\s?\.)\s*")
_MARKS = "\"'“”„«»‘’‚‹›"


def check_quotes(
    article: str,
    sources: Sequence[str],
    *,
    names: Sequence[str] | None = None,
    settings: Settings | None = None,
    client: openai.OpenAI | None = None,
    **options: Any,
) -> QuoteCheckReport:
    """Hold every quotation of ``article`` (text or HTML) against ``sources`` (texts or HTML).

    ``names`` name the sources in the report (default 'source 1', 'source 2' …); ``options`` are ``Settings``
    fields, as for ``summarise``: the engine that finds the article's quotations is chosen the same way.

    >>> import claimkit
    >>> sources = ['She said: "The bridge is safe and open."']
    >>> report = claimkit.check_quotes('The mayor said: "The bridge is safe."', sources)
    >>> [(c.quote.text, c.status) for c in report.checks]
    [('The bridge is safe.', 'verbatim')]
    """
    settings = settings or Settings.resolve(**options)
    names = list(names) if names is not None else [f"source {n}" for n in range(1, len(sources) + 1)]
    loaded = [from_text(text, source=name) for text, name in zip(sources, names, strict=True)]
    return check_articles(from_text(article), loaded, settings=settings, client=client)


def check_articles(
    article: LoadedArticle,
    sources: Sequence[LoadedArticle],
    *,
    settings: Settings | None = None,
    client: openai.OpenAI | None = None,
) -> QuoteCheckReport:
    """``check_quotes`` for inputs already read (``claimkit.sources.load``): the command line's path."""
    settings = settings or Settings.resolve()
    summary = summarise_article(article, settings=settings, client=client)
    indexed = [
        _Source(source.source or f"source {n}", source.id, IndexedText(source.text))
        for n, source in enumerate(sources, 1)
    ]
    checks = [
        _check(f"q{n}", quote, claim_id, speaker, indexed, article.text)
        for n, (quote, claim_id, speaker) in enumerate(_quotations(summary, article.text), start=1)
    ]
    return QuoteCheckReport(
        article=summary.article,
        sources=[CheckedSource(name=s.name, id=s.id, chars=len(s.index.text)) for s in indexed],
        checks=checks,
        provenance=summary.provenance,
    )


@dataclass(frozen=True)
class _Source:
    name: str
    id: str
    index: IndexedText


def _quotations(summary: ArticleSummary, text: str) -> list[tuple[Span, str | None, str | None]]:
    """The quoted words of every claim (inside their marks), with the claim's id and speaker, in text order."""
    found: dict[tuple[int, int], tuple[Span, str | None, str | None]] = {}
    quotes = find_quotes(text)
    for claim in summary.claims:
        speaker = summary.speaker(claim.speaker_id)
        pieces = claim.parts or [claim.quote]
        for start, end in quotes:
            if not any(p.start <= start < p.end for p in pieces):
                continue  # a claim can end inside its last quotation ('was a “grave mistake,”'): it opens inside
            inner = _inside_marks(text, start, end)
            if inner is not None and inner not in found:
                span = Span(text=text[inner[0] : inner[1]], start=inner[0], end=inner[1])
                found[inner] = (span, claim.id, speaker.name if speaker else None)
    return [found[key] for key in sorted(found)]


def _inside_marks(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The words of a quotation without its marks and the white space inside them; None when no word is left."""
    start, end = trim(text, start, end, _MARKS)
    return (start, end) if words_of(text, start, end)[0] else None


def _check(
    check_id: str, quote: Span, claim_id: str | None, speaker: str | None, sources: list[_Source], article: str
) -> QuoteCheck:
    pieces = _pieces(quote, article)
    best: _Found | None = None
    for source in sources:
        found = _find(pieces, source, article)
        if found is not None and (best is None or found.similarity > best.similarity):
            best = found
    if best is None:
        return QuoteCheck(
            id=check_id, quote=quote, claim_id=claim_id, speaker=speaker, status="not_found", similarity=0.0,
            source=None, passage=None,
        )  # fmt: skip
    found = best
    changes = found.changes if found.status != "not_found" else []  # a far passage's differences say nothing
    return QuoteCheck(
        id=check_id,
        quote=quote,
        claim_id=claim_id,
        speaker=speaker,
        status=found.status,
        similarity=round(found.similarity, 3),
        source=found.source.name,
        passage=_span(found.source.index.text, *found.passage),
        changes=changes,
        omitted=[_span(found.source.index.text, a, b) for a, b in found.omitted],
    )


@dataclass(frozen=True)
class _Piece:
    """A part of the quotation between ellipses: its words, and their offsets in the article."""

    words: list[str]
    offsets: list[tuple[int, int]]


@dataclass(frozen=True)
class _Found:
    source: _Source
    status: QuoteStatus
    similarity: float
    passage: tuple[int, int]
    changes: list[QuoteChange]
    omitted: list[tuple[int, int]]


def _pieces(quote: Span, article: str) -> list[_Piece]:
    """The quotation's parts between ellipses (one part when it has none), as words with article offsets."""
    cuts = [quote.start, *(x for m in _ELLIPSIS_RE.finditer(article, quote.start, quote.end) for x in m.span())]
    bounds = list(zip(cuts[::2], [*cuts[1::2], quote.end], strict=True))
    pieces = [_Piece(*words_of(article, start, end)) for start, end in bounds]
    return [piece for piece in pieces if piece.words] or [_Piece(*words_of(article, quote.start, quote.end))]


def _find(pieces: list[_Piece], source: _Source, article: str) -> _Found | None:
    """The quotation in one source: each part (one, or those between ellipses) in order, each after the one
    before."""
    alignments: list[Alignment] = []
    after = 0
    for piece in pieces:
        alignment = source.index.find(piece.words, after=after)
        if alignment is None or alignment.matched == 0:
            return None
        alignments.append(alignment)
        after = alignment.last
    words = sum(len(p.words) for p in pieces)
    similarity = sum(a.matched for a in alignments) / words
    changes = [c for a, p in zip(alignments, pieces, strict=True) for c in _changes(a, p, source, article)]
    gaps = [(a.last, b.first) for a, b in itertools.pairwise(alignments) if b.first > a.last]
    status: QuoteStatus = "altered" if changes else "elided" if len(pieces) > 1 else "verbatim"
    if similarity < ALTERED_AT:
        status = "not_found"
    passage = source.index.span(alignments[0].first, alignments[-1].last)
    return _Found(source, status, similarity, passage, changes, [source.index.span(a, b) for a, b in gaps])


def _changes(alignment: Alignment, piece: _Piece, source: _Source, article: str) -> list[QuoteChange]:
    found = []
    for change in alignment.changes:
        (i1, i2), (j1, j2) = change.quote_words, change.text_words
        in_article = _span(article, piece.offsets[i1][0], piece.offsets[i2 - 1][1]) if i2 > i1 else None
        in_source = _span(source.index.text, *source.index.span(j1, j2)) if j2 > j1 else None
        found.append(QuoteChange(kind=change.kind, article=in_article, source=in_source))
    return found


def _span(text: str, start: int, end: int) -> Span:
    return Span(text=text[start:end], start=start, end=end)


def check_quotation(quotation: str, source: str, *, name: str = "source") -> QuoteCheck:
    """One quotation's words held against one text, as an article's quotations are against their sources:
    verbatim, altered (with the changes), elided or not found. Offsets of ``quote`` and of each change's ``article``
    side are into ``quotation``; those of ``passage`` and each change's ``source`` side are into ``source``."""
    quote = Span(text=quotation, start=0, end=len(quotation))
    return _check("q1", quote, None, None, [_Source(name, "", IndexedText(source))], quotation)
