"""``claimkit check``: an article's quotations against their sources."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .. import errors
from ..render import CheckFormat
from .common import (
    STRICT_EXIT,
    BaseUrlOption,
    EngineOption,
    ModelOption,
    fail,
    resolve,
    terminal_width,
)

__all__ = ["register"]


def check_command(
    article: Annotated[str, typer.Argument(help="The article: a file, '-' for standard input, or an http(s) URL.")],
    sources: Annotated[
        list[str], typer.Option("--source", "-s", help="A source to check the quotations against (repeatable).")
    ],
    fmt: Annotated[
        CheckFormat | None,
        typer.Option("--format", "-f", help="The output (default: a table on a terminal, else json)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help=f"Exit {STRICT_EXIT} when any quotation is altered or not found.")
    ] = False,
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest input accepted, in bytes.")] = None,
) -> None:
    """Are the article's quotations what the sources say? Verbatim, altered (with the changes), elided or not found."""
    from ..check import check_articles
    from ..render.check import render_check
    from ..sources import load

    chosen: CheckFormat = fmt or ("table" if sys.stdout.isatty() else "json")
    settings = resolve(engine=engine, model=model, base_url=base_url, max_bytes=max_bytes)
    try:
        loaded = load(article, settings)
        report = check_articles(loaded, [load(source, settings) for source in sources], settings=settings)
    except errors.ClaimkitError as e:
        fail(e)
    width = terminal_width() if chosen == "table" else None
    typer.echo(render_check(report, chosen, width=width, color=sys.stdout.isatty()))
    if strict and (report.count("altered") or report.count("not_found")):
        raise typer.Exit(STRICT_EXIT)


def register(app: typer.Typer) -> None:
    app.command("check")(check_command)
