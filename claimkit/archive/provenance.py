"""Quote provenance: one quotation printed by several articles is one quote with its appearances, and each
appearance is held against the earliest one as ``claimkit check`` holds a quotation against its source.

A quotation (the words inside quotation marks of a claim) joins a quote already in the archive only when both
have the same archive speaker and their words match: the shorter one's words stand in the longer one, in order,
at least ``ALTERED_AT`` of them (the matcher of ``check``), and at least ``_LEAST_WORDS`` words. Candidates come
from the quotes' full-text index (phrases of three words of the quotation), never from a bag of topic words.

Each appearance's ``status``: ``earliest`` (the first printed: the earliest date, then the first indexed),
``verbatim``, ``altered`` (with the changed words), ``elided`` (as ``check``), or ``fragment`` (a verbatim part of
the earliest wording, or the earliest is a verbatim part of it).
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from ..check import check_quotation
from ..records import Claim, QuoteCheck
from ..text.matching import ALTERED_AT, IndexedText, words_of
from ..text.spans import find_quotes, trim

__all__ = ["Quotation", "add_appearance", "drop_article", "quotations"]

_HAS_WORD: Final = re.compile(r"\w")
_MARKS: Final = "\"'“”„«»‘’‚‹›"
_LEAST_WORDS: Final = 2
"""A quotation of one word ('blowback') is a quote of its own: one word says nothing about where it came from."""
_PHRASES: Final = 8
"""At most this many phrases of the quotation are looked up in the full-text index."""
_CANDIDATES: Final = 20


@dataclass(frozen=True)
class Quotation:
    """Quoted words of a claim, with their offsets in the article."""

    text: str
    start: int
    end: int


def quotations(claim: Claim) -> list[Quotation]:
    """The quoted words of a claim (inside their marks); a direct claim without marks is one quotation."""
    quote = claim.quote
    pieces = claim.parts or [quote]
    found: list[Quotation] = []
    for start, end in find_quotes(quote.text):
        absolute = quote.start + start
        if not any(p.start <= absolute < p.end for p in pieces):
            continue
        inner = _trailing_comma_off(quote.text, *trim(quote.text, start, end, _MARKS))
        if _HAS_WORD.search(quote.text, *inner):
            found.append(Quotation(quote.text[inner[0] : inner[1]], quote.start + inner[0], quote.start + inner[1]))
    if not found and claim.attribution == "direct":
        inner = trim(quote.text, 0, len(quote.text), _MARKS)
        if _HAS_WORD.search(quote.text, *inner):
            found.append(Quotation(quote.text[inner[0] : inner[1]], quote.start + inner[0], quote.start + inner[1]))
    return found


def _trailing_comma_off(text: str, start: int, end: int) -> tuple[int, int]:
    """'the West,' → 'the West': a comma before the closing mark belongs to the sentence around the quotation."""
    while end > start and text[end - 1] in ",;:":
        end -= 1
    return start, end


@dataclass(frozen=True)
class Placed:
    """Where an appearance stands: its article, claim, outlet and date."""

    article_id: str
    claim_id: str
    outlet: str | None
    published: str | None


def add_appearance(connection: sqlite3.Connection, quotation: Quotation, speaker_id: int | None, placed: Placed) -> int:
    """Record ``quotation`` as an appearance of its quote (found or made); the quote's id."""
    quote_id = _matching_quote(connection, quotation.text, speaker_id)
    new = quote_id is None
    if quote_id is None:
        cursor = connection.execute(
            "INSERT INTO quotes (speaker_id, text, words_key, first_article_id, first_published, first_outlet,"
            " appearances, altered) VALUES (?, ?, ?, ?, ?, ?, 1, 0)",
            [speaker_id, quotation.text, words_key(_words(quotation.text)), placed.article_id, placed.published,
             placed.outlet],
        )  # fmt: skip
        quote_id = int(cursor.lastrowid or 0)
    cursor = connection.execute(
        "INSERT INTO appearances (quote_id, article_id, claim_id, outlet, published, text, start, end, status,"
        " similarity, changes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [quote_id, placed.article_id, placed.claim_id, placed.outlet, placed.published, quotation.text,
         quotation.start, quotation.end, "earliest" if new else "new", 1.0 if new else None, "[]" if new else None],
    )  # fmt: skip
    if not new:
        _place(connection, quote_id, int(cursor.lastrowid or 0), quotation.text, placed.published)
    return quote_id


def _place(connection: sqlite3.Connection, quote_id: int, appearance_id: int, text: str, published: str | None) -> None:
    """A new appearance held against the earliest (the quote's wording); when it is earlier (a date before the
    earliest's, or a date where the earliest has none), every appearance is held against it instead."""
    earliest, first_published = connection.execute(
        "SELECT text, first_published FROM quotes WHERE id = ?", [quote_id]
    ).fetchone()
    if published is not None and (first_published is None or published < first_published):
        compare_appearances(connection, quote_id)
        return
    result = _status(text, str(earliest))
    connection.execute(
        "UPDATE appearances SET status = ?, similarity = ?, changes = ? WHERE id = ?",
        [result.status, result.similarity, json.dumps(_changes(result)), appearance_id],
    )
    connection.execute(
        "UPDATE quotes SET appearances = appearances + 1, altered = altered + ? WHERE id = ?",
        [int(result.status == "altered"), quote_id],
    )


def drop_article(connection: sqlite3.Connection, article_id: str) -> None:
    """Remove an article's appearances; a quote left with none goes, the others are compared again."""
    touched = [
        r[0] for r in connection.execute("SELECT DISTINCT quote_id FROM appearances WHERE article_id = ?", [article_id])
    ]
    connection.execute("DELETE FROM appearances WHERE article_id = ?", [article_id])
    for quote_id in touched:
        compare_appearances(connection, quote_id)


def _matching_quote(connection: sqlite3.Connection, text: str, speaker_id: int | None) -> int | None:
    words = _words(text)
    if speaker_id is None or len(words) < _LEAST_WORDS:
        return None
    same = connection.execute(
        "SELECT id FROM quotes WHERE speaker_id = ? AND words_key = ? LIMIT 1", [speaker_id, words_key(words)]
    ).fetchone()
    if same is not None:
        return int(same[0])  # printed again word for word: the commonest case, found by an index
    rows = connection.execute(
        "SELECT id, text FROM quotes WHERE speaker_id = ? LIMIT ?", [speaker_id, _CANDIDATES + 1]
    ).fetchall()
    if len(rows) <= _CANDIDATES:
        return _best(words, rows)  # a speaker's few quotes, all compared
    query = _phrase_query(words)
    # CROSS JOIN: the full-text index first, then each hit's quote (the planner would probe the index per quote)
    rows = connection.execute(
        "SELECT q.id, q.text FROM quotes_fts CROSS JOIN quotes q ON q.id = quotes_fts.rowid"
        " WHERE quotes_fts MATCH ? LIMIT ?",
        [f"speaker_key : s{int(speaker_id)} AND text : ({query})", _CANDIDATES],
    ).fetchall()
    return _best(words, rows)


def _runs(words: list[str], size: int) -> Iterator[tuple[str, ...]]:
    return zip(*(words[k:] for k in range(size)), strict=False)


def words_key(words: list[str]) -> str:
    """The folded words of a wording, hashed: two wordings with the same words have the same key."""
    return hashlib.sha256(" ".join(words).encode()).hexdigest()[:16]


def _best(words: list[str], rows: list[tuple[int, str]]) -> int | None:
    """The quote among ``rows`` whose words match ``words`` best, when they match (see the module's docstring)."""
    size = 3 if len(words) >= 3 else 2  # a run of three in common, or the two words of a short quotation
    runs = set(_runs(words, size))
    words = list(words)
    best: tuple[float, int | None] = (0.0, None)
    for quote_id, known in rows:
        other = _words(str(known))
        if other == words:
            return int(quote_id)  # printed again word for word: the commonest case, and no alignment needed
        if runs.isdisjoint(_runs(other, size)):
            continue  # no run in common: not the same words (the alignment would be spent on a stranger)
        best = max(best, (_overlap(words, other), int(quote_id)), key=lambda b: b[0])
    return best[1] if best[0] >= ALTERED_AT else None


def _phrase_query(words: list[str]) -> str:
    """An FTS5 query: any of a few runs of three words of the quotation (two for a two-word one), as phrases."""
    size = min(3, len(words))
    runs = [words[i : i + size] for i in range(len(words) - size + 1)]
    step = max(1, len(runs) // _PHRASES)
    phrases = ['"' + " ".join(w.replace('"', "") for w in run) + '"' for run in runs[::step][:_PHRASES]]
    return " OR ".join(phrases)


@lru_cache(maxsize=4096)
def _words_cached(text: str) -> tuple[str, ...]:
    return tuple(words_of(text)[0])


def _words(text: str) -> list[str]:
    """A wording's folded words (a quote's wording is read again for every quotation that may join it)."""
    return list(_words_cached(text))


def _overlap(words: list[str], other: list[str]) -> float:
    """The share of the shorter wording's words that stand in the longer one, in order (0 when too few)."""
    short, long = (words, other) if len(words) <= len(other) else (other, words)
    if len(short) < _LEAST_WORDS:
        return 0.0
    alignment = IndexedText(" ".join(long)).find(short)
    return alignment.similarity if alignment is not None else 0.0


def compare_appearances(connection: sqlite3.Connection, quote_id: int) -> None:
    """The earliest appearance of a quote, and every other one held against it; the quote's summary columns."""
    rows = connection.execute(
        "SELECT id, article_id, outlet, published, text, status FROM appearances WHERE quote_id = ?"
        " ORDER BY published IS NULL, published, id",
        [quote_id],
    ).fetchall()
    if not rows:
        connection.execute("DELETE FROM quotes WHERE id = ?", [quote_id])
        return
    first = rows[0]
    earliest_changed = first[5] != "earliest"
    connection.execute(
        "UPDATE appearances SET status = 'earliest', similarity = 1.0, changes = '[]' WHERE id = ?", [first[0]]
    )
    for appearance_id, _, _, _, text, status in rows[1:]:
        if status == "new" or earliest_changed:
            result = _status(str(text), str(first[4]))
            connection.execute(
                "UPDATE appearances SET status = ?, similarity = ?, changes = ? WHERE id = ?",
                [result.status, result.similarity, json.dumps(_changes(result)), appearance_id],
            )
    altered = connection.execute(
        "SELECT count(*) FROM appearances WHERE quote_id = ? AND status = 'altered'", [quote_id]
    ).fetchone()[0]
    connection.execute(
        "UPDATE quotes SET text = ?, words_key = ?, first_article_id = ?, first_outlet = ?, first_published = ?,"
        " appearances = ?, altered = ? WHERE id = ?",
        [first[4], words_key(_words(str(first[4]))), first[1], first[2], first[3], len(rows), altered, quote_id],
    )


@dataclass(frozen=True)
class _Result:
    status: str
    similarity: float
    check: QuoteCheck | None
    reversed: bool = False
    """The check held the earliest wording against this one (a longer appearance): its sides are swapped."""


def _status(text: str, earliest: str) -> _Result:
    """An appearance's words against the earliest wording: as ``check`` says, or a fragment of it."""
    if _words(text) == _words(earliest):
        return _Result("verbatim", 1.0, None)  # the same words: what check would say, without the search
    held = check_quotation(text, earliest, name="earliest")
    if held.status != "not_found":
        is_fragment = held.status == "verbatim" and len(_words(text)) < len(_words(earliest))
        return _Result("fragment" if is_fragment else held.status, held.similarity, held)
    reverse = check_quotation(earliest, text, name="appearance")
    if reverse.status == "verbatim":
        return _Result("fragment", reverse.similarity, None)  # the earliest printed a part of these words
    if reverse.status != "not_found":  # longer than the earliest, and its words changed
        return _Result(reverse.status, reverse.similarity, reverse, reversed=True)
    return _Result(held.status, held.similarity, held)


_FLIPPED: Final = {"added": "dropped", "dropped": "added", "substituted": "substituted"}


def _changes(result: _Result) -> list[dict[str, str | None]]:
    """Each change as this appearance's words (``here``) against the earliest's."""
    if result.check is None or result.status != "altered":
        return []
    found = []
    for change in result.check.changes:
        article = change.article.text if change.article else None
        source = change.source.text if change.source else None
        if result.reversed:
            found.append({"kind": _FLIPPED[change.kind], "here": source, "earliest": article})
        else:
            found.append({"kind": change.kind, "here": article, "earliest": source})
    return found
