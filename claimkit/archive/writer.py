"""One article's summary into the archive, in one transaction.

An article is known by its id (the first 16 hex digits of the SHA-256 of its text). Adding it again with the same
engine, model and prompt changes nothing; with another one, its rows are replaced and its version goes up (each
version is listed in ``article_versions``). ``BEGIN IMMEDIATE`` takes the write lock before anything is read, so
two writers never decide on the same stale state: the second waits (the busy timeout) and then sees the first's.
``claimkit index add`` writes a few articles per transaction (``write_one``), each one whole or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from ..records import ArticleSummary, Claim
from .identity import fold, resolve
from .provenance import Placed, add_appearance, drop_article, quotations

__all__ = ["Outcome", "fingerprint", "immediate", "write_one", "write_summary"]

Outcome = Literal["added", "unchanged", "new version"]


@dataclass(frozen=True)
class Placement:
    """What the summary does not say about an article: where it was printed and when."""

    outlet: str | None
    published: str | None
    source: str | None


def fingerprint(summary: ArticleSummary) -> str:
    """What made the summary: engine, model and prompt (its SHA-256)."""
    provenance = summary.provenance
    return "|".join((provenance.engine, provenance.model or "", provenance.prompt.sha256 if provenance.prompt else ""))


@contextmanager
def immediate(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction that holds the write lock from its start; rolled back on any error."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield connection
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")


def write_summary(connection: sqlite3.Connection, summary: ArticleSummary, placement: Placement) -> Outcome:
    """Put one summary into the archive in a transaction of its own (see the module's docstring)."""
    with immediate(connection):
        return write_one(connection, summary, placement)


def write_one(connection: sqlite3.Connection, summary: ArticleSummary, placement: Placement) -> Outcome:
    """Put one summary into the archive inside the caller's write transaction (``immediate``); what happened."""
    article_id = summary.article.id
    made_by = fingerprint(summary)
    row = connection.execute("SELECT fingerprint, version FROM articles WHERE id = ?", [article_id]).fetchone()
    if row is not None and row[0] == made_by:
        return "unchanged"
    version = 1 if row is None else int(row[1]) + 1
    if row is not None:
        _drop_rows(connection, article_id)
    _write_article(connection, summary, placement, made_by, version)
    _write_claims(connection, summary, placement)
    return "added" if row is None else "new version"


def _drop_rows(connection: sqlite3.Connection, article_id: str) -> None:
    drop_article(connection, article_id)
    connection.execute("DELETE FROM claims WHERE article_id = ?", [article_id])
    connection.execute("DELETE FROM speaker_roles WHERE article_id = ?", [article_id])


def _write_article(
    connection: sqlite3.Connection, summary: ArticleSummary, placement: Placement, made_by: str, version: int
) -> None:
    article, provenance = summary.article, summary.provenance
    now = datetime.now(UTC).isoformat(timespec="seconds")
    connection.execute(
        "INSERT INTO articles (id, source, outlet, url, title, published, chars, summary, engine, model, prompt_sha256,"
        " fingerprint, version, claimkit_version, indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET source = excluded.source, outlet = excluded.outlet, url = excluded.url,"
        " title = excluded.title, published = excluded.published, chars = excluded.chars, summary = excluded.summary,"
        " engine = excluded.engine, model = excluded.model, prompt_sha256 = excluded.prompt_sha256,"
        " fingerprint = excluded.fingerprint, version = excluded.version,"
        " claimkit_version = excluded.claimkit_version, indexed_at = excluded.indexed_at",
        [article.id, placement.source or article.source, placement.outlet, article.url, article.title,
         placement.published, article.chars, summary.summary, provenance.engine, provenance.model,
         provenance.prompt.sha256 if provenance.prompt else None, made_by, version, provenance.claimkit_version, now],
    )  # fmt: skip
    connection.execute(
        "INSERT INTO article_versions (article_id, version, fingerprint, engine, indexed_at) VALUES (?, ?, ?, ?, ?)",
        [article.id, version, made_by, provenance.engine, now],
    )


def _write_claims(connection: sqlite3.Connection, summary: ArticleSummary, placement: Placement) -> None:
    article_id = summary.article.id
    speakers = _resolve_speakers(connection, summary, placement)
    by_id = {speaker.id: speaker for speaker in summary.speakers}
    found: list[tuple[Claim, int | None]] = []
    for claim in summary.claims:
        said_by = by_id.get(claim.speaker_id or "")
        archive_id = speakers.get(claim.speaker_id or "")
        connection.execute(
            "INSERT INTO claims (id, article_id, claim, speaker_id, speaker_name, speaker_alias, statement, quote,"
            " quote_start, quote_end, cue, attribution, stance, confidence, outlet, published)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [f"{article_id}/{claim.id}", article_id, claim.id, archive_id, said_by.name if said_by else None,
             fold(said_by.name) if said_by else None, claim.statement, claim.quote.text, claim.quote.start,
             claim.quote.end, claim.cue.text if claim.cue else None, claim.attribution, claim.stance,
             claim.confidence, placement.outlet, placement.published],
        )  # fmt: skip
        found.append((claim, archive_id))
    _write_quotations(connection, article_id, found, placement)


def _resolve_speakers(
    connection: sqlite3.Connection, summary: ArticleSummary, placement: Placement
) -> dict[str, int | None]:
    """Each of the article's speakers as an archive speaker (``identity``), with the role the article states."""
    speakers: dict[str, int | None] = {}
    for speaker in summary.speakers:
        archive_id = speakers[speaker.id] = resolve(connection, speaker.name, speaker.kind)
        if archive_id is not None and (speaker.role or speaker.affiliation):
            connection.execute(
                "INSERT OR IGNORE INTO speaker_roles (speaker_id, article_id, role, affiliation, published)"
                " VALUES (?, ?, ?, ?, ?)",
                [archive_id, summary.article.id, speaker.role, speaker.affiliation, placement.published],
            )
    return speakers


def _write_quotations(
    connection: sqlite3.Connection, article_id: str, claims: list[tuple[Claim, int | None]], placement: Placement
) -> None:
    """The longest quotations first: a fragment quoted again in reported speech then finds the full quotation."""
    pending = [(q, claim, speaker) for claim, speaker in claims for q in quotations(claim)]
    seen: set[tuple[int, int]] = set()
    for quotation, claim, speaker in sorted(pending, key=lambda p: (-len(p[0].text), p[0].start)):
        if (quotation.start, quotation.end) in seen:
            continue  # two claims of one sentence can hold one quotation: it appears once
        seen.add((quotation.start, quotation.end))
        where = Placed(article_id, f"{article_id}/{claim.id}", placement.outlet, placement.published)
        add_appearance(connection, quotation, speaker, where)
