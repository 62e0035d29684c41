"""The archive's tables, created with sqlite-utils: typed columns, foreign keys, indexes, and FTS5 indexes kept
in step by triggers (``<table>_fts``, the layout Datasette finds by itself). docs/ARCHIVE.md describes them.

The database runs in WAL mode with a busy timeout, so readers never wait and a second writer waits for the first
one's transaction instead of failing.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ..errors import MissingDependency

if TYPE_CHECKING:
    import sqlite_utils

__all__ = ["BUSY_TIMEOUT_MS", "SCHEMA_VERSION", "connect", "create_schema"]

SCHEMA_VERSION: Final = 1
BUSY_TIMEOUT_MS: Final = 60_000
"""How long a writer waits for another writer's transaction before giving up."""

_TABLES: Final[dict[str, dict[str, Any]]] = {
    "articles": {
        "columns": {
            "id": str, "source": str, "outlet": str, "url": str, "title": str, "published": str, "chars": int,
            "summary": str, "engine": str, "model": str, "prompt_sha256": str, "fingerprint": str,
            "version": int, "claimkit_version": str, "indexed_at": str,
        },
        "pk": "id",
        "not_null": {"fingerprint", "version", "engine", "indexed_at"},
    },
    "article_versions": {
        "columns": {"article_id": str, "version": int, "fingerprint": str, "engine": str, "indexed_at": str},
        "pk": ("article_id", "version"),
        "foreign_keys": [("article_id", "articles", "id")],
    },
    "speakers": {
        "columns": {"id": int, "name": str, "kind": str, "created_at": str},
        "pk": "id",
        "not_null": {"name", "kind"},
    },
    "speaker_aliases": {
        "columns": {"alias": str, "speaker_id": int, "name": str, "first_word": str, "last_word": str, "origin": str},
        "pk": "alias",
        "foreign_keys": [("speaker_id", "speakers", "id")],
        "not_null": {"speaker_id", "origin"},
    },
    "speaker_roles": {
        "columns": {"speaker_id": int, "article_id": str, "role": str, "affiliation": str, "published": str},
        "pk": ("speaker_id", "article_id"),
        "foreign_keys": [("speaker_id", "speakers", "id"), ("article_id", "articles", "id")],
    },
    "claims": {
        "columns": {
            "id": str, "article_id": str, "claim": str, "speaker_id": int, "speaker_name": str, "speaker_alias": str,
            "statement": str, "quote": str, "quote_start": int, "quote_end": int, "cue": str, "attribution": str,
            "stance": str, "confidence": float, "outlet": str, "published": str,
        },
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id"), ("speaker_id", "speakers", "id")],
        "not_null": {"article_id", "claim", "quote", "attribution"},
    },
    "quotes": {
        "columns": {
            "id": int, "speaker_id": int, "text": str, "words_key": str, "first_article_id": str,
            "first_published": str, "first_outlet": str, "appearances": int, "altered": int,
        },
        "pk": "id",
        "foreign_keys": [("speaker_id", "speakers", "id"), ("first_article_id", "articles", "id")],
        "not_null": {"text"},
    },
    "appearances": {
        "columns": {
            "id": int, "quote_id": int, "article_id": str, "claim_id": str, "outlet": str, "published": str,
            "text": str, "start": int, "end": int, "status": str, "similarity": float, "changes": str,
        },
        "pk": "id",
        "foreign_keys": [
            ("quote_id", "quotes", "id"), ("article_id", "articles", "id"), ("claim_id", "claims", "id"),
        ],
        "not_null": {"quote_id", "article_id", "claim_id", "text", "start", "end", "status"},
    },
}  # fmt: skip

_INDEXES: Final = [
    ("speaker_aliases", ["speaker_id"]),
    ("speaker_aliases", ["last_word"]),
    ("speaker_aliases", ["first_word"]),
    ("speaker_roles", ["article_id"]),
    ("claims", ["article_id"]),
    ("claims", ["speaker_id", "published"]),
    ("quotes", ["speaker_id", "words_key"]),
    ("appearances", ["quote_id", "published", "id"]),
    ("appearances", ["article_id"]),
    ("appearances", ["claim_id"]),
]

_FTS: Final = {"quotes": ["text", "speaker_key"], "claims": ["quote", "speaker_key"]}
_FTS_SOURCES: Final = {"quotes": ["text", "speaker_id"], "claims": ["quote", "speaker_id"]}
"""The columns whose change changes a row's full-text entry: other updates (a quote's counts) leave it alone."""

_GENERATED: Final = [("quotes", "speaker_key", "'s' || speaker_id"), ("claims", "speaker_key", "'s' || speaker_id")]
"""A speaker as a word of the full-text indexes ('s12'): one speaker's quotes or claims that hold a phrase are found
by the index alone, however many others hold it."""


def connect(path: str | Path) -> sqlite_utils.Database:
    """The archive at ``path`` (created when missing), in WAL mode, with foreign keys on."""
    try:
        import sqlite_utils
    except ImportError as e:
        raise MissingDependency(
            "the quote archive needs sqlite-utils: pip install 'claimkit[archive]'", module="sqlite_utils"
        ) from e
    connection = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")  # WAL: a crash loses no committed transaction's integrity
    connection.execute("PRAGMA foreign_keys = ON")
    db = sqlite_utils.Database(connection)
    create_schema(db)
    return db


def create_schema(db: sqlite_utils.Database) -> None:
    """Every table, index and full-text index the archive needs; what exists already is left as it is.

    sqlite-utils creates a full-text index with a script (which commits as it goes), so the schema is not made in
    one transaction: every step is skipped when done, and a step that loses a race with another writer is retried.
    """
    for attempt in range(5):
        if db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
            return
        try:
            _create(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            return
        except sqlite3.OperationalError:
            if attempt == 4:
                raise
            time.sleep(0.2)


def _create(db: sqlite_utils.Database) -> None:
    for name, spec in _TABLES.items():
        db[name].create(  # type: ignore[union-attr]
            spec["columns"],
            pk=spec["pk"],
            foreign_keys=spec.get("foreign_keys"),
            not_null=spec.get("not_null"),
            if_not_exists=True,
        )
    for table, column, expression in _GENERATED:
        if column not in {row[1] for row in db.execute(f"PRAGMA table_xinfo({table})")}:  # generated ones too
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} TEXT GENERATED ALWAYS AS ({expression}) VIRTUAL")
    for table, columns in _INDEXES:
        db[table].create_index(columns, if_not_exists=True)  # type: ignore[union-attr]
    for table, columns in _FTS.items():  # replace=True: made again if a stop left it without its triggers
        db[table].enable_fts(  # type: ignore[union-attr]
            columns, fts_version="FTS5", create_triggers=True, tokenize="porter", replace=True
        )
        _narrow_update_trigger(db, table, columns)


def _narrow_update_trigger(db: sqlite_utils.Database, table: str, columns: list[str]) -> None:
    """sqlite-utils' update trigger fires on any update; this one only when an indexed column's source changes."""
    old = ", ".join(f"old.{c}" for c in columns)
    new = ", ".join(f"new.{c}" for c in columns)
    listed = ", ".join(columns)
    db.execute(f"DROP TRIGGER IF EXISTS {table}_au")
    db.execute(
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF {', '.join(_FTS_SOURCES[table])} ON {table} BEGIN"
        f" INSERT INTO {table}_fts ({table}_fts, rowid, {listed}) VALUES ('delete', old.rowid, {old});"
        f" INSERT INTO {table}_fts (rowid, {listed}) VALUES (new.rowid, {new}); END"
    )
