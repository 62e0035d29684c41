"""``claimkit batch``: many articles, one JSON line each, resumable."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import errors
from ..settings import ENGINES, STRUCTURED_OUTPUTS
from .common import BaseUrlOption, EngineOption, ModelOption, check_choice, fail, resolve

__all__ = ["register"]


def batch_command(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, directories, glob patterns, or JSONL files of {id, text}.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="JSONL output; re-running skips ids already in it.")],
    concurrency: Annotated[int, typer.Option(help="Model calls at a time (the embedded engine uses every core).")] = 8,
    engine: EngineOption = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    structured_output: Annotated[str | None, typer.Option(help="Structured-output mode (default auto).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the summary cache.")] = False,
    no_log: Annotated[bool, typer.Option("--no-log", help="Keep no record of the model calls.")] = False,
) -> None:
    """Summarise many articles: one JSON line each, resumable, with a progress bar on standard error."""
    from ..batch import iter_items, same_file, summarise_many
    from ..progress import batch_progress

    check_choice("engine", engine, ENGINES)
    check_choice("structured output", structured_output, STRUCTURED_OUTPUTS)
    settings = resolve(
        engine=engine,
        model=model,
        base_url=base_url,
        structured_output=structured_output,
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
