"""``claimkit batch``: many articles, one JSON line each, resumable."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Annotated

import typer

from .. import errors
from .common import (
    ApiKeyFileOption,
    BaseUrlOption,
    EngineOption,
    JsonOption,
    MaxBytesOption,
    MaxReasksOption,
    MaxRetriesOption,
    ModelOption,
    NoCacheOption,
    NoLogOption,
    StructuredOutputOption,
    TextFormatOption,
    TimeoutOption,
    fail,
    read_key,
    resolve,
    text_format,
)

__all__ = ["register"]


def batch_command(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, directories, glob patterns, or JSONL files of {id, text}.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="JSONL output; re-running skips ids already in it.")],
    concurrency: Annotated[int, typer.Option(help="Model calls at a time (the embedded engine uses every core).")] = 8,
    fmt: TextFormatOption = "text",
    as_json: JsonOption = False,
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    api_key_file: ApiKeyFileOption = None,
    structured_output: StructuredOutputOption = None,
    max_reasks: MaxReasksOption = None,
    max_retries: MaxRetriesOption = None,
    max_bytes: MaxBytesOption = None,
    timeout: TimeoutOption = None,
    no_cache: NoCacheOption = False,
    no_log: NoLogOption = False,
) -> None:
    """Summarise many articles: one JSON line each, resumable, with a progress bar on standard error.

    The counts at the end go to standard error as a line of text, or to standard output as JSON (-f json)."""
    from ..batch import iter_items, same_file, summarise_many
    from ..progress import batch_progress

    settings = resolve(
        engine=engine,
        model=model,
        base_url=base_url,
        api_key=read_key(api_key_file),
        structured_output=structured_output,
        max_reasks=max_reasks,
        max_retries=max_retries,
        max_bytes=max_bytes,
        timeout=timeout,
        cache=False if no_cache else None,
        log_calls=False if no_log else None,
    )
    try:
        if any(same_file(output, spec) for spec in inputs):
            raise errors.OutputError(f"{output} is one of the inputs: writing it would erase them", path=str(output))
        items = list(iter_items(inputs))
        with batch_progress(len(items)) as on_record:
            report = summarise_many(
                items, settings=settings, output=output, concurrency=concurrency, on_record=on_record
            )
    except errors.ClaimkitError as e:
        fail(e)
    except KeyboardInterrupt:
        typer.echo(f"claimkit: interrupted; finished records are in {output}; run again to resume", err=True)
        raise typer.Exit(130) from None
    if text_format(fmt, as_json) == "json":
        typer.echo(json.dumps({"output": str(output), **dataclasses.asdict(report)}, indent=2))
    else:
        typer.echo(
            f"claimkit: {report.done} done ({report.cached} from the cache), {report.failed} failed, "
            f"{report.skipped} already in {output}, {report.retried} failed before and tried again; "
            f"tokens {report.prompt_tokens} in, {report.completion_tokens} out; "
            f"{report.seconds:.1f} s",
            err=True,
        )
    if report.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("batch")(batch_command)
