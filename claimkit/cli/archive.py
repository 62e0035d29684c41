"""The quote archive's commands: ``claimkit index add|merge|split|metadata``, ``claimkit search``,
``claimkit speaker``, ``claimkit quote`` (claimkit.archive; docs/ARCHIVE.md)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from .. import errors
from ..archive.render import ARCHIVE_FORMATS, ArchiveFormat
from .common import fail

if TYPE_CHECKING:
    from ..archive.api import Archive
    from ..archive.indexer import IndexReport

__all__ = ["register"]

DbOption = Annotated[Path, typer.Option("--db", help="The archive: an SQLite file (default quotes.db).")]
FormatOption = Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(ARCHIVE_FORMATS)}.")]
_DEFAULT_DB = Path("quotes.db")
_T = TypeVar("_T")


def register(app: typer.Typer) -> None:
    """Add the archive's commands to ``app``."""
    index_app = typer.Typer(no_args_is_help=True, help="Put articles into a quote archive; merge or split speakers.")
    app.add_typer(index_app, name="index")

    @index_app.command("add")
    def add_command(
        inputs: Annotated[list[str], typer.Argument(help="Article files, directories, URLs, or JSONL files.")],
        db: DbOption = _DEFAULT_DB,
        outlet: Annotated[str | None, typer.Option(help="Outlet of inputs that do not name one.")] = None,
        date: Annotated[str | None, typer.Option(help="Date (YYYY-MM-DD) of inputs that do not give one.")] = None,
        engine: Annotated[str | None, typer.Option(help="Engine for articles to summarise (default auto).")] = None,
        model: Annotated[str | None, typer.Option(help="Model name; with one, the LLM engine runs.")] = None,
        workers: Annotated[int | None, typer.Option(help="Articles summarised at once (default: cores).")] = None,
    ) -> None:
        """Index articles: summarised (or read from a `claimkit batch` output) into the archive."""
        from ..settings import Settings

        if date is not None and not _is_day(date):
            fail(errors.ConfigurationError(f"--date must be YYYY-MM-DD, not {date!r}"))
        try:
            settings = Settings.resolve(engine=engine, model=model)
            with _open(db, create=True) as archive:
                report = archive.add(inputs, outlet=outlet, published=date, settings=settings, workers=workers)
        except errors.ClaimkitError as e:
            fail(e)
        typer.echo(_report_line(report, db))
        for failure in report.failed:
            typer.echo(f"claimkit: warning: not indexed: {failure}", err=True)

    @index_app.command("merge")
    def merge_command(
        keep: Annotated[str, typer.Argument(help="The speaker to keep: a name or an id.")],
        other: Annotated[str, typer.Argument(help="The speaker that is the same person: a name or an id.")],
        db: DbOption = _DEFAULT_DB,
    ) -> None:
        """Two speakers are one person: OTHER's names, claims and quotes go to KEEP."""
        with _open(db) as archive:
            _run(lambda: archive.merge(keep, other))
        typer.echo(f"merged {other!r} into {keep!r}")

    @index_app.command("split")
    def split_command(
        name: Annotated[str, typer.Argument(help="A name of a speaker that is someone else.")],
        db: DbOption = _DEFAULT_DB,
    ) -> None:
        """A name merged into a speaker is someone else: it becomes a speaker of its own, with its claims."""
        with _open(db) as archive:
            new = _run(lambda: archive.split(name))
        typer.echo(f"{name!r} is now speaker {new}")

    @index_app.command("metadata")
    def metadata_command(db: DbOption = _DEFAULT_DB) -> None:
        """Datasette metadata for the archive: `datasette quotes.db -m metadata.json`."""
        import json

        from ..archive.datasette import datasette_metadata

        typer.echo(json.dumps(datasette_metadata(db), indent=2))

    @app.command("search")
    def search_command(
        text: Annotated[str, typer.Argument(help="Words to find in claims: a phrase, else all of its words.")],
        db: DbOption = _DEFAULT_DB,
        speaker: Annotated[str | None, typer.Option(help="Only this speaker's claims.")] = None,
        outlet: Annotated[str | None, typer.Option(help="Only this outlet's claims.")] = None,
        since: Annotated[str | None, typer.Option(help="Only claims printed on or after this date.")] = None,
        limit: Annotated[int, typer.Option(help="At most this many claims.")] = 50,
        fmt: FormatOption = "table",
    ) -> None:
        """Search the archive's claims and quotations."""
        chosen = _format(fmt)
        from ..archive.render import render_search

        with _open(db) as archive:
            rows = _run(lambda: archive.search(text, speaker=speaker, outlet=outlet, since=since, limit=limit))
        typer.echo(render_search(rows, chosen))

    @app.command("speaker")
    def speaker_command(name: Annotated[str, typer.Argument(help="A name or an id.")], db: DbOption = _DEFAULT_DB,
                        fmt: FormatOption = "table") -> None:  # fmt: skip
        """A speaker's claims across outlets, in date order, with stance and the roles stated."""
        chosen = _format(fmt)
        from ..archive.render import render_speakers

        with _open(db) as archive:
            found = _run(lambda: archive.speaker(name))
        typer.echo(render_speakers(found, chosen))

    @app.command("quote")
    def quote_command(quote_id: Annotated[int, typer.Argument(help="The quote's id.")], db: DbOption = _DEFAULT_DB,
                      fmt: FormatOption = "table") -> None:  # fmt: skip
        """A quote's appearances, each compared with the earliest: verbatim, altered (what changed), elided."""
        chosen = _format(fmt)
        from ..archive.render import render_quote

        with _open(db) as archive:
            found = _run(lambda: archive.quote(quote_id))
        typer.echo(render_quote(found, chosen))


def _run(action: Callable[[], _T]) -> _T:
    try:
        return action()
    except errors.ClaimkitError as e:
        fail(e)


def _open(db: Path, *, create: bool = False) -> Archive:
    from ..archive.api import Archive

    if not create and not db.is_file():
        fail(errors.ArchiveError(f"no archive at {db} (make one with `claimkit index add … --db {db}`)", path=str(db)))
    try:
        return Archive(db)
    except errors.ClaimkitError as e:
        fail(e)


def _format(name: str) -> ArchiveFormat:
    if name not in ARCHIVE_FORMATS:
        fail(errors.ConfigurationError(f"unknown format {name!r}: use one of {', '.join(ARCHIVE_FORMATS)}"))
    return name  # type: ignore[return-value]


def _is_day(value: str) -> bool:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _report_line(report: IndexReport, db: Path) -> str:
    parts = [f"{report.added} added", f"{report.new_versions} new versions", f"{report.unchanged} unchanged",
             f"{report.skipped} skipped (known)", f"{len(report.failed)} failed"]  # fmt: skip
    return f"{db}: {', '.join(parts)}"
