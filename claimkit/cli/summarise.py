"""``claimkit summarise``, ``compare``, ``stance`` and ``schema``: one article or a few, read and summarised."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .. import errors
from ..render import COMPARE_FORMATS, FORMATS
from ..settings import ENGINES, STRUCTURED_OUTPUTS
from .common import BaseUrlOption, EngineOption, ModelOption, as_format, check_choice, fail, read_key, resolve

__all__ = ["register"]


def summarise_command(
    source: Annotated[str, typer.Argument(help="Article file, '-' for standard input, or an http(s) URL.")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help=f"One of {', '.join(FORMATS)}; a table on a terminal, else json."),
    ] = None,
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            help="API key: visible to other users in the process list; prefer --api-key-file or OPENAI_API_KEY."
        ),
    ] = None,
    api_key_file: Annotated[
        Path | None, typer.Option(help="A file holding the API key ('-' for standard input: the first line).")
    ] = None,
    structured_output: Annotated[
        str | None, typer.Option(help=f"One of {', '.join(STRUCTURED_OUTPUTS)} (default auto).")
    ] = None,
    max_reasks: Annotated[int | None, typer.Option(help="Re-asks after an invalid model reply.")] = None,
    max_retries: Annotated[int | None, typer.Option(help="Transport retries, done by the OpenAI SDK.")] = None,
    max_bytes: Annotated[int | None, typer.Option(help="Largest input accepted, in bytes.")] = None,
    timeout: Annotated[float | None, typer.Option(help="Seconds to wait for a URL or a model reply.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the summary cache.")] = False,
    no_log: Annotated[bool, typer.Option("--no-log", help="Keep no record of the model calls.")] = False,
) -> None:
    """Find the speakers, claims and stances of one article."""
    from ..pipeline import summarise_article
    from ..render.text import render
    from ..sources import load

    chosen = fmt or ("table" if sys.stdout.isatty() else "json")
    check_choice("format", chosen, FORMATS)
    check_choice("engine", engine, ENGINES)
    check_choice("structured output", structured_output, STRUCTURED_OUTPUTS)
    settings = resolve(
        engine=engine,
        model=model,
        base_url=base_url,
        api_key=api_key or read_key(api_key_file),
        structured_output=structured_output,
        max_reasks=max_reasks,
        max_retries=max_retries,
        max_bytes=max_bytes,
        timeout=timeout,
        cache=False if no_cache else None,
        log_calls=False if no_log else None,
    )
    try:
        article = load(source, settings)
        summary = summarise_article(article, settings=settings)
    except errors.ClaimkitError as e:
        fail(e)
    typer.echo(render(summary, as_format(chosen), text=article.text))
    for warning in summary.warnings:
        typer.echo(f"claimkit: warning: {warning}", err=True)


def compare_command(
    sources: Annotated[list[str], typer.Argument(help="Two or more articles: files, '-' or URLs.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(COMPARE_FORMATS)}.")] = "md",
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
) -> None:
    """Compare articles on one story: shared speakers, claims clustered across outlets, framing."""
    from ..comparison import compare
    from ..pipeline import summarise_article
    from ..render.text import render_comparison
    from ..sources import load

    check_choice("format", fmt, COMPARE_FORMATS)
    check_choice("engine", engine, ENGINES)
    settings = resolve(engine=engine, model=model, base_url=base_url)
    try:
        summaries = [summarise_article(load(source, settings), settings=settings) for source in sources]
    except errors.ClaimkitError as e:
        fail(e)
    typer.echo(render_comparison(compare(summaries), fmt))


def stance_command(
    source: Annotated[str, typer.Argument(help="Article file, '-' or an http(s) URL.")],
    claim: Annotated[str, typer.Option("--claim", "-c", help="The claim to check the article against.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
) -> None:
    """The article's stance toward a claim: supports, opposes, neutral or unrelated, with evidence."""
    from ..article_stance import stance
    from ..sources import load

    check_choice("engine", engine, ENGINES)
    settings = resolve(engine=engine, model=model, base_url=base_url)
    try:
        article = load(source, settings)
        result = stance(claim, article.text, settings=settings)
    except errors.ClaimkitError as e:
        fail(e)
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    typer.echo(f"{result.label} (score {result.score:.2f}, relatedness {result.relatedness:.2f})")
    for span in result.evidence:
        typer.echo(f"  {span.start}–{span.end}: {' '.join(span.text.split())}")


def schema_command() -> None:
    """Print the JSON Schema of the ArticleSummary record."""
    from ..records import ArticleSummary

    typer.echo(json.dumps(ArticleSummary.model_json_schema(), indent=2))


def register(app: typer.Typer) -> None:
    app.command("summarise")(summarise_command)
    app.command("compare")(compare_command)
    app.command("stance")(stance_command)
    app.command("schema")(schema_command)
