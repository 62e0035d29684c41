"""Asking the archive: claims by words (full-text), a speaker's claims across outlets over time, a quote's
appearances and what each one changed. Every answer is plain data (lists and dicts), ready for JSON."""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Final

from ..speakers.names import same_name
from .identity import fold

__all__ = ["find_speaker", "quote_history", "search_claims", "speaker_timeline"]

_RANKED: Final = 200
"""At most this many matching claims are ranked by relevance; more are listed latest indexed first."""

_CLAIM_COLUMNS: Final = (
    "c.id AS claim, c.published, c.outlet, s.name AS speaker, c.speaker_id, c.attribution, c.stance, c.statement,"
    " c.quote, c.article_id, a.title,"
    " (SELECT group_concat(DISTINCT p.quote_id) FROM appearances p WHERE p.claim_id = c.id) AS quotes"
)


def search_claims(
    connection: sqlite3.Connection,
    text: str,
    *,
    speaker_ids: list[int] | None = None,
    outlet: str | None = None,
    since: str | None = None,
    limit: int = 50,
) -> list[dict[str, Any]]:
    """Claims whose words, statement or speaker name hold ``text``: as a phrase first, else all its words."""
    for query in (_phrase(text), _all_words(text)):
        if not query:
            continue
        rows = _search(connection, query, speaker_ids, outlet, since, limit)
        if rows:
            return rows
    return []


def _phrase(text: str) -> str:
    words = text.replace('"', " ").split()
    return '"' + " ".join(words) + '"' if words else ""


def _all_words(text: str) -> str:
    return " ".join(f'"{w}"' for w in text.replace('"', " ").split())


def _search(
    connection: sqlite3.Connection,
    query: str,
    speaker_ids: list[int] | None,
    outlet: str | None,
    since: str | None,
    limit: int,
) -> list[dict[str, Any]]:
    """Claims matching ``query``: best first (bm25) when at most ``_RANKED`` match, else the latest indexed first
    (ranking every match of a common phrase in a large archive takes longer than a search should)."""
    match = f"quote : ({query})"
    if speaker_ids is not None:
        if not speaker_ids:
            return []
        match += f" AND speaker_key : ({' OR '.join(f's{int(i)}' for i in speaker_ids)})"
    where, values = ["claims_fts MATCH ?"], [match]
    if outlet is not None:
        where.append("c.outlet = ? COLLATE NOCASE")
        values.append(outlet)
    if since is not None:
        where.append("c.published >= ?")
        values.append(since)
    matches = connection.execute(
        "SELECT count(*) FROM (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ? LIMIT ?)", [match, _RANKED + 1]
    ).fetchone()[0]
    ranked = matches <= _RANKED
    order = "claims_fts.rank" if ranked else "claims_fts.rowid DESC"  # the index's own order: no sort
    # The hits first, from the full-text index (CROSS JOIN: the planner would otherwise probe it once per claim);
    # the columns, and the quotes each claim holds, only for the hits kept.
    sql = (
        f"WITH hits AS (SELECT c.rowid AS hit, {'claims_fts.rank' if ranked else '-c.rowid'} AS place"
        " FROM claims_fts CROSS JOIN claims c"
        f" ON c.rowid = claims_fts.rowid WHERE {' AND '.join(where)} ORDER BY {order} LIMIT {int(limit)})"
        f" SELECT {_CLAIM_COLUMNS} FROM hits CROSS JOIN claims c ON c.rowid = hits.hit"
        " JOIN articles a ON a.id = c.article_id LEFT JOIN speakers s ON s.id = c.speaker_id"
        " ORDER BY hits.place, c.published"
    )
    return _dicts(connection.execute(sql, values))


def find_speaker(connection: sqlite3.Connection, name: str) -> list[int]:
    """The archive speakers ``name`` names: its alias, else the spelling variants of a full name, else the
    speakers whose name holds it (a surname alone: every one, never one picked)."""
    if name.strip().isdigit():
        row = connection.execute("SELECT id FROM speakers WHERE id = ?", [int(name)]).fetchone()
        return [int(row[0])] if row is not None else []
    alias = fold(name)
    row = connection.execute("SELECT speaker_id FROM speaker_aliases WHERE alias = ?", [alias]).fetchone()
    if row is not None:
        return [int(row[0])]
    words = alias.split()
    if len(words) >= 2:
        rows = connection.execute(
            "SELECT alias, speaker_id FROM speaker_aliases WHERE last_word = ? OR first_word = ?", [words[-1], words[0]]
        ).fetchall()
        found = sorted({int(s) for known, s in rows if " " in known and same_name(alias, known)})
        if found:
            return found
    rows = connection.execute(
        "SELECT DISTINCT speaker_id FROM speaker_aliases WHERE ' ' || alias || ' ' LIKE ? ORDER BY speaker_id",
        [f"% {alias} %"],
    ).fetchall()
    return [int(r[0]) for r in rows]


def speaker_timeline(connection: sqlite3.Connection, speaker_id: int) -> dict[str, Any] | None:
    """A speaker: names, roles as stated with their dates, and claims by outlet in date order, with stance."""
    row = connection.execute("SELECT id, name, kind FROM speakers WHERE id = ?", [speaker_id]).fetchone()
    if row is None:
        return None
    aliases = [r[0] for r in connection.execute("SELECT name FROM speaker_aliases WHERE speaker_id = ?", [speaker_id])]
    roles = _dicts(
        connection.execute(
            "SELECT r.role, r.affiliation, r.published, a.outlet, r.article_id FROM speaker_roles r"
            " JOIN articles a ON a.id = r.article_id WHERE r.speaker_id = ? ORDER BY r.published",
            [speaker_id],
        )
    )
    claims = _dicts(
        connection.execute(
            f"SELECT {_CLAIM_COLUMNS} FROM claims c JOIN articles a ON a.id = c.article_id"
            " LEFT JOIN speakers s ON s.id = c.speaker_id WHERE c.speaker_id = ?"
            " ORDER BY c.outlet IS NULL, c.outlet, c.published, c.article_id, c.quote_start",
            [speaker_id],
        )
    )
    by_outlet: dict[str, list[dict[str, Any]]] = {}
    for claim in claims:
        by_outlet.setdefault(claim["outlet"] or "(no outlet)", []).append(claim)
    return {
        "id": row[0],
        "name": row[1],
        "kind": row[2],
        "aliases": sorted(set(aliases)),
        "roles": roles,
        "claims": len(claims),
        "outlets": by_outlet,
    }


def quote_history(connection: sqlite3.Connection, quote_id: int) -> dict[str, Any] | None:
    """A quote: its earliest wording and speaker, and each appearance with what it changed."""
    quote = _dicts(
        connection.execute(
            "SELECT q.id, q.text, s.name AS speaker, q.speaker_id, q.first_outlet, q.first_published,"
            " q.appearances AS printed, q.altered FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id"
            " WHERE q.id = ?",
            [quote_id],
        )
    )
    if not quote:
        return None
    appearances = _dicts(
        connection.execute(
            "SELECT p.outlet, p.published, p.article_id, a.title, p.claim_id, p.start, p.end, p.status, p.similarity,"
            " p.changes, p.text FROM appearances p JOIN articles a ON a.id = p.article_id WHERE p.quote_id = ?"
            " ORDER BY p.published IS NULL, p.published, p.id",
            [quote_id],
        )
    )
    for appearance in appearances:
        appearance["changes"] = json.loads(appearance["changes"] or "[]")
    return {**quote[0], "appearances": appearances}


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    if "quotes" in names:  # the quote ids a claim's quotations belong to, as a list
        for row in rows:
            row["quotes"] = sorted(int(q) for q in row["quotes"].split(",")) if row["quotes"] else []
    return rows
