"""``claimkit summarise``, ``compare``, ``stance`` and ``schema``: one article or a few, read and summarised."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Literal

import typer

from .. import errors
from ..render import Format
from .common import (
    ApiKeyFileOption,
    ApiKeyOption,
    BaseUrlOption,
    CompareFormat,
    EngineOption,
    JsonOption,
    MaxBytesOption,
    MaxReasksOption,
    MaxRetriesOption,
    MinConfidenceOption,
    ModelOption,
    NoCacheOption,
    NoLogOption,
    StructuredOutputOption,
    TextFormatOption,
    TimeoutOption,
    fail,
    read_key,
    resolve,
    terminal_width,
    text_format,
)

__all__ = ["register"]


def summarise_command(
    source: Annotated[str, typer.Argument(help="Article file, '-' for standard input, or an http(s) URL.")],
    fmt: Annotated[
        Format | None, typer.Option("--format", "-f", help="The output (default: a table on a terminal, else json).")
    ] = None,
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    api_key_file: ApiKeyFileOption = None,
    structured_output: StructuredOutputOption = None,
    max_reasks: MaxReasksOption = None,
    max_retries: MaxRetriesOption = None,
    max_bytes: MaxBytesOption = None,
    timeout: TimeoutOption = None,
    no_cache: NoCacheOption = False,
    no_log: NoLogOption = False,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Find the speakers, claims and stances of one article."""
    from ..pipeline import summarise_article
    from ..render.text import render
    from ..sources import load

    chosen: Format = fmt or ("table" if sys.stdout.isatty() else "json")
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
        min_confidence=min_confidence,
    )
    try:
        article = load(source, settings)
        summary = summarise_article(article, settings=settings)
    except errors.ClaimkitError as e:
        fail(e)
    width = terminal_width() if chosen == "table" else None
    typer.echo(render(summary, chosen, text=article.text, width=width))
    for warning in summary.warnings:
        typer.echo(f"claimkit: warning: {warning}", err=True)


def compare_command(
    sources: Annotated[list[str], typer.Argument(help="Two or more articles: files, '-' or URLs.")],
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f", help="The output.")] = "md",
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
) -> None:
    """Compare articles on one story: shared speakers, claims clustered across outlets, framing."""
    from ..comparison import compare
    from ..pipeline import summarise_article
    from ..render.text import render_comparison
    from ..sources import load

    settings = resolve(engine=engine, model=model, base_url=base_url)
    try:
        summaries = [summarise_article(load(source, settings), settings=settings) for source in sources]
    except errors.ClaimkitError as e:
        fail(e)
    typer.echo(render_comparison(compare(summaries), fmt))


def stance_command(
    source: Annotated[str, typer.Argument(help="Article file, '-' or an http(s) URL.")],
    claim: Annotated[str, typer.Option("--claim", "-c", help="The claim to check the article against.")],
    fmt: TextFormatOption = "text",
    as_json: JsonOption = False,
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
) -> None:
    """The article's stance toward a claim: supports, opposes, neutral or unrelated, with evidence."""
    from ..article_stance import stance
    from ..sources import load

    settings = resolve(engine=engine, model=model, base_url=base_url)
    try:
        article = load(source, settings)
        result = stance(claim, article.text, settings=settings)
    except errors.ClaimkitError as e:
        fail(e)
    if text_format(fmt, as_json) == "json":
        typer.echo(result.model_dump_json(indent=2))
        return
    typer.echo(f"{result.label} (score {result.score:.2f}, relatedness {result.relatedness:.2f})")
    for span in result.evidence:
        typer.echo(f"  {span.start}–{span.end}: {' '.join(span.text.split())}")


def schema_command(
    fmt: Annotated[Literal["json"], typer.Option("--format", "-f", help="JSON, the only format.")] = "json",
) -> None:
    """Print the JSON Schema of the ArticleSummary record."""
    from ..records import ArticleSummary

    typer.echo(json.dumps(ArticleSummary.model_json_schema(), indent=2))


def register(app: typer.Typer) -> None:
    app.command("summarise")(summarise_command)
    app.command("compare")(compare_command)
    app.command("stance")(stance_command)
    app.command("schema")(schema_command)
