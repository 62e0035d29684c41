"""One speaker across the archive: an article's speaker name resolved to an archive speaker through the
``speaker_aliases`` table, with the same name grammar as inside one article (``speakers.names``).

- An alias is a folded name (no title, no possessive, lower case): 'Defence Minister Khawaja Asif' and
  'Khawaja Asif's' are both 'khawaja asif'. A name whose alias is known goes to that alias's speaker, whoever
  wrote the alias (claimkit, or a user editing the table or running ``claimkit index merge/split``).
- A person's name of two words or more also joins a person whose alias is a spelling variant of it
  (``same_name``: 'Khwaja Asif' = 'Khawaja Asif'); the variant becomes an alias of its own.
- A name of one word (a surname alone, 'Asif') never joins a speaker by similarity: only its exact alias.
- An unnamed speaker ('a senior official') is no one across articles: it gets no archive speaker.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import UTC, datetime
from typing import Final

from ..speakers.names import same_name, strip_possessive, without_titles

__all__ = ["fold", "merge", "resolve", "split"]

_SPACE_RE: Final = re.compile(r"\s+")


def fold(name: str) -> str:
    """The alias of a name: titles and possessive off, apostrophes straight, lower case, single spaces."""
    bare = without_titles(strip_possessive(name.strip())) or name.strip()
    return _SPACE_RE.sub(" ", bare.replace("’", "'")).strip().lower()


def resolve(connection: sqlite3.Connection, name: str, kind: str) -> int | None:
    """The archive speaker of an article's speaker ``name`` (made when new); None for an unnamed speaker."""
    alias = fold(name)
    if kind == "unnamed" or not alias:
        return None
    row = connection.execute("SELECT speaker_id FROM speaker_aliases WHERE alias = ?", [alias]).fetchone()
    if row is not None:
        return int(row[0])
    speaker_id = _variant_of(connection, alias) if kind == "person" else None
    if speaker_id is None:
        shown = without_titles(strip_possessive(name.strip())) or name.strip()
        cursor = connection.execute(
            "INSERT INTO speakers (name, kind, created_at) VALUES (?, ?, ?)",
            [shown, kind, datetime.now(UTC).isoformat(timespec="seconds")],
        )
        speaker_id = int(cursor.lastrowid or 0)
    _add_alias(connection, alias, name, speaker_id, "auto")
    return speaker_id


def _variant_of(connection: sqlite3.Connection, alias: str) -> int | None:
    """A person whose alias is a spelling variant of ``alias`` (two words or more on both sides)."""
    words = alias.split()
    if len(words) < 2:
        return None  # a surname alone never merges two people
    rows = connection.execute(
        "SELECT a.alias, a.speaker_id FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id"
        " WHERE s.kind = 'person' AND (a.last_word = ? OR a.first_word = ?) ORDER BY a.speaker_id",
        [words[-1], words[0]],
    ).fetchall()
    return next((int(speaker) for known, speaker in rows if " " in known and same_name(alias, known)), None)


def _add_alias(connection: sqlite3.Connection, alias: str, name: str, speaker_id: int, origin: str) -> None:
    words = alias.split()
    connection.execute(
        "INSERT INTO speaker_aliases (alias, speaker_id, name, first_word, last_word, origin) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(alias) DO UPDATE SET speaker_id = excluded.speaker_id, origin = excluded.origin",
        [alias, speaker_id, name, words[0], words[-1], origin],
    )


def merge(connection: sqlite3.Connection, keep: int, other: int) -> None:
    """Speaker ``other`` is ``keep``: its aliases (now a user's decision), claims, quotes and roles move over."""
    if keep == other:
        return
    connection.execute("UPDATE speaker_aliases SET speaker_id = ?, origin = 'user' WHERE speaker_id = ?", [keep, other])
    connection.execute("UPDATE claims SET speaker_id = ? WHERE speaker_id = ?", [keep, other])
    connection.execute("UPDATE quotes SET speaker_id = ? WHERE speaker_id = ?", [keep, other])
    connection.execute("UPDATE OR IGNORE speaker_roles SET speaker_id = ? WHERE speaker_id = ?", [keep, other])
    connection.execute("DELETE FROM speaker_roles WHERE speaker_id = ?", [other])
    connection.execute("DELETE FROM speakers WHERE id = ?", [other])


def split(connection: sqlite3.Connection, name: str) -> int | None:
    """The alias of ``name`` becomes a speaker of its own (a user's decision), with the claims made under it and
    the quotes only those claims hold; its id, or None when no such alias exists."""
    alias = fold(name)
    row = connection.execute(
        "SELECT a.speaker_id, a.name, s.kind FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id"
        " WHERE a.alias = ?",
        [alias],
    ).fetchone()
    if row is None:
        return None
    old, written, kind = int(row[0]), str(row[1]), str(row[2])
    cursor = connection.execute(
        "INSERT INTO speakers (name, kind, created_at) VALUES (?, ?, ?)",
        [without_titles(strip_possessive(written)) or written, kind, datetime.now(UTC).isoformat(timespec="seconds")],
    )
    new = int(cursor.lastrowid or 0)
    _add_alias(connection, alias, written, new, "user")
    connection.execute("UPDATE claims SET speaker_id = ? WHERE speaker_id = ? AND speaker_alias = ?", [new, old, alias])
    connection.execute(
        "UPDATE quotes SET speaker_id = ? WHERE speaker_id = ? AND NOT EXISTS (SELECT 1 FROM appearances p"
        " JOIN claims c ON c.id = p.claim_id WHERE p.quote_id = quotes.id AND c.speaker_id = ?)",
        [new, old, old],
    )
    connection.execute(
        "UPDATE speaker_roles SET speaker_id = ? WHERE speaker_id = ? AND article_id IN"
        " (SELECT article_id FROM claims WHERE speaker_id = ?) AND article_id NOT IN"
        " (SELECT article_id FROM claims WHERE speaker_id = ?)",
        [new, old, new, old],
    )
    return new
