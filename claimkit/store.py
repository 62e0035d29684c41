"""SQLite stores beside each other: a cache of summaries and a log of model calls.

Both live in one folder: ``$CLAIMKIT_CACHE_DIR``, else ``~/.cache/claimkit``. The cache key is a hash of
everything that determines an answer (engine, model, endpoint, prompt name, version and SHA-256, the
schema, the parameters, the article text), so an unchanged re-run makes no model call. The log keeps
every model call: time, model, endpoint host, prompt SHA-256, request and response bodies, usage and
latency. No API key is ever stored: requests are logged as the body claimkit sent, which holds none.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .records import ArticleSummary

__all__ = ["CallLog", "SummaryCache", "default_folder"]


def default_folder() -> Path:
    named = os.environ.get("CLAIMKIT_CACHE_DIR")
    return Path(named) if named else Path.home() / ".cache" / "claimkit"


_THREAD = threading.local()
"""One connection per database and thread: opening one costs more than the insert it serves."""
_READY: set[tuple[type, Path]] = set()
"""Databases whose tables this process has already created."""
_CREATING = threading.Lock()
_CREATE_ATTEMPTS = 20
_FROZEN: set[Path] = set()
"""Databases on a read-only file system or in a folder this process cannot write: read as immutable snapshots."""


class _Database:
    """One SQLite file, opened per call (safe across threads and processes), WAL for concurrent readers."""

    schema = ""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        with _CREATING:  # threads of one batch open the same new file at once: one creates it
            if (type(self), path) in _READY:
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._create()
            except sqlite3.OperationalError:
                if not _unwritable(path):
                    raise
                _FROZEN.add(path)  # a shared, read-only cache is still read; writing it fails, and is reported
            _READY.add((type(self), path))

    @classmethod
    def recreate(cls, path: Path) -> None:
        """A new, empty file in place of a damaged one (its write-ahead log and shared memory go with it)."""
        with _CREATING:
            _READY.discard((cls, path))
        connection = getattr(_THREAD, str(path), None)
        if connection is not None:
            connection.close()
            delattr(_THREAD, str(path))
        for damaged in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            damaged.unlink(missing_ok=True)
        cls(path)

    def _create(self) -> None:
        """WAL mode and the tables. Switching to WAL answers 'database is locked' at once, without waiting,
        while another process is doing the same: try again for a few seconds."""
        for attempt in range(_CREATE_ATTEMPTS):
            try:
                with self._connect() as db:
                    db.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
                    db.executescript(self.schema)
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or attempt == _CREATE_ATTEMPTS - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """This thread's connection (opened once), inside a transaction."""
        connection: sqlite3.Connection | None = getattr(_THREAD, str(self.path), None)
        if connection is None and self.path in _FROZEN:
            connection = sqlite3.connect(f"{self.path.resolve().as_uri()}?immutable=1", uri=True)
            setattr(_THREAD, str(self.path), connection)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=30)
            connection.execute("PRAGMA synchronous=NORMAL")  # with WAL: no fsync per commit, still consistent
            setattr(_THREAD, str(self.path), connection)
        connection.row_factory = None
        with connection:
            yield connection


def _unwritable(path: Path) -> bool:
    """Whether ``path`` exists where it cannot be written: a read-only mount, or a folder without write access."""
    try:
        read_only_mount = bool(os.statvfs(path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False
    return path.exists() and (read_only_mount or not os.access(path.parent, os.W_OK))


class SummaryCache(_Database):
    """Summaries by the hash of everything that determines them (``key``)."""

    schema = """
    CREATE TABLE IF NOT EXISTS summaries (
        key TEXT PRIMARY KEY,
        created REAL NOT NULL,
        engine TEXT NOT NULL,
        model TEXT,
        summary TEXT NOT NULL
    );
    """

    @staticmethod
    def key(parts: dict[str, Any], text: str) -> str:
        """A SHA-256 of the parts that determine the answer and of the article text."""
        material = json.dumps(parts, sort_keys=True, default=str) + "\0" + text
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    def get(self, key: str) -> ArticleSummary | None:
        with self._connect() as db:
            row = db.execute("SELECT summary FROM summaries WHERE key = ?", (key,)).fetchone()
        return ArticleSummary.model_validate_json(row[0]) if row else None

    def put(self, key: str, summary: ArticleSummary) -> None:
        with self._lock, self._connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO summaries VALUES (?, ?, ?, ?, ?)",
                (key, time.time(), summary.provenance.engine, summary.provenance.model, summary.model_dump_json()),
            )

    def stats(self) -> dict[str, Any]:
        with self._connect() as db:
            count, oldest, newest = db.execute("SELECT COUNT(*), MIN(created), MAX(created) FROM summaries").fetchone()
            engines = dict(db.execute("SELECT engine, COUNT(*) FROM summaries GROUP BY engine").fetchall())
        size = self.path.stat().st_size if self.path.exists() else 0
        return {
            "path": str(self.path),
            "entries": count,
            "bytes": size,
            "engines": engines,
            "oldest": oldest,
            "newest": newest,
        }

    def clear(self) -> int:
        with self._lock, self._connect() as db:
            removed = db.execute("DELETE FROM summaries").rowcount
        return int(removed)


class CallLog(_Database):
    schema = """
    CREATE TABLE IF NOT EXISTS calls (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started REAL NOT NULL,
        model TEXT,
        endpoint TEXT,
        prompt_sha256 TEXT,
        mode TEXT,
        status INTEGER,
        latency_ms REAL,
        prompt_tokens INTEGER,
        completion_tokens INTEGER,
        request TEXT NOT NULL,
        response TEXT
    );
    """

    def add(self, **call: Any) -> None:
        columns = ", ".join(call)
        marks = ", ".join("?" for _ in call)
        with self._lock, self._connect() as db:
            db.execute(f"INSERT INTO calls ({columns}) VALUES ({marks})", tuple(call.values()))

    def list(self, limit: int = 50) -> list[dict[str, Any]]:
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            rows = db.execute(
                "SELECT id, started, model, endpoint, prompt_sha256, mode, status, latency_ms, prompt_tokens,"
                " completion_tokens FROM calls ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [dict(r) for r in rows]

    def show(self, call_id: int) -> dict[str, Any] | None:
        with self._connect() as db:
            db.row_factory = sqlite3.Row
            row = db.execute("SELECT * FROM calls WHERE id = ?", (call_id,)).fetchone()
        return dict(row) if row else None

    def count(self) -> int:
        with self._connect() as db:
            return int(db.execute("SELECT COUNT(*) FROM calls").fetchone()[0])
