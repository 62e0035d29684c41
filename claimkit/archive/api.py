"""``Archive(path)``: the quote archive from Python, with the methods of the ``claimkit index``, ``search``,
``speaker`` and ``quote`` commands."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ..errors import ArchiveError
from ..records import ArticleSummary
from ..settings import Settings
from . import identity, query
from .indexer import IndexReport, Progress, index_incoming
from .inputs import read_inputs
from .schema import connect
from .writer import Outcome, Placement, immediate, write_summary

if TYPE_CHECKING:
    import sqlite_utils

__all__ = ["Archive"]


class Archive:
    """A quote archive in one SQLite file (made when missing). Safe to open from several processes at once."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.db: sqlite_utils.Database = connect(self.path)
        except sqlite3.DatabaseError as e:
            raise ArchiveError(f"{self.path} is not a claimkit archive ({e})", path=self.path) from e
        self.connection: sqlite3.Connection = self.db.conn

    def add(
        self,
        inputs: list[str],
        *,
        outlet: str | None = None,
        published: str | None = None,
        settings: Settings | None = None,
        workers: int | None = None,
        on_article: Progress | None = None,
        **options: Any,
    ) -> IndexReport:
        """Index articles (paths, directories, URLs, JSONL files; see ``claimkit.archive.inputs``)."""
        settings = settings or Settings.resolve(**options)
        incoming = read_inputs(inputs, settings, outlet=outlet, published=published)
        return index_incoming(self.connection, incoming, settings=settings, workers=workers, on_article=on_article)

    def add_summary(
        self, summary: ArticleSummary, *, outlet: str | None = None, published: str | None = None
    ) -> Outcome:
        """Index one summary made already."""
        return write_summary(self.connection, summary, Placement(outlet, published, summary.article.source))

    def search(
        self,
        text: str,
        *,
        speaker: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        limit: int = 50,
    ) -> list[dict[str, Any]]:
        """Claims that hold ``text`` (a phrase, else all its words), best first."""
        speaker_ids = query.find_speaker(self.connection, speaker) if speaker is not None else None
        return query.search_claims(
            self.connection, text, speaker_ids=speaker_ids, outlet=outlet, since=since, limit=limit
        )

    def speaker(self, name: str) -> list[dict[str, Any]]:
        """Each speaker ``name`` names (one, unless it is ambiguous): roles and claims by outlet over time."""
        found = [query.speaker_timeline(self.connection, i) for i in query.find_speaker(self.connection, name)]
        if not found:
            raise ArchiveError(f"no speaker called {name!r} in {self.path}", path=self.path)
        return [f for f in found if f is not None]

    def quote(self, quote_id: int) -> dict[str, Any]:
        """A quote: its earliest wording and every appearance, each compared with the earliest."""
        found = query.quote_history(self.connection, quote_id)
        if found is None:
            raise ArchiveError(f"no quote {quote_id} in {self.path}", path=self.path)
        return found

    def merge(self, keep: str, other: str) -> None:
        """The speaker ``other`` names is the one ``keep`` names (each must name exactly one speaker)."""
        with immediate(self.connection):
            identity.merge(self.connection, self._one(keep), self._one(other))

    def split(self, alias: str) -> int:
        """The name ``alias`` becomes a speaker of its own, with its claims; the new speaker's id."""
        with immediate(self.connection):
            new = identity.split(self.connection, alias)
        if new is None:
            raise ArchiveError(f"no speaker name {alias!r} in {self.path}", path=self.path)
        return new

    def _one(self, name: str) -> int:
        found = query.find_speaker(self.connection, name)
        if len(found) != 1:
            which = "no speaker" if not found else f"{len(found)} speakers"
            raise ArchiveError(f"{name!r} names {which} in {self.path}: give the full name or the id", path=self.path)
        return found[0]

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
