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
        list[str], typer.Argument(help="Files, directories, glob patterns, URLs, or JSONL files of {id, text}.")
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
    scheduler: Annotated[
        str | None,
        typer.Option(help="A dask.distributed scheduler (tcp://host:8786): -o is then a folder of output parts."),
    ] = None,
    partitions: Annotated[int | None, typer.Option(help="With --scheduler: how many parts (4 a worker).")] = None,
    parquet: Annotated[bool, typer.Option("--parquet", help="With --scheduler: write Parquet parts too.")] = False,
    provider_batch: Annotated[
        bool, typer.Option("--provider-batch", "--collect", help="Through the provider's Batch API (half price).")
    ] = False,
    no_wait: Annotated[bool, typer.Option("--no-wait", help="With --provider-batch: submit, or look once.")] = False,
    poll: Annotated[float, typer.Option(help="With --provider-batch: seconds between looks at the batch.")] = 30.0,
) -> None:
    """Summarise many articles: one JSON line each, resumable, with a progress bar on standard error.

    The counts at the end go to standard error as a line of text, or to standard output as JSON (-f json)."""
    from ..batch import OutputFile, cost_line, count_items, iter_items, same_file, summarise_many
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
        if provider_batch:
            from ..batch.provider import BatchPending, summarise_through_batch_api

            try:
                report = summarise_through_batch_api(
                    inputs,
                    output,
                    settings=settings,
                    wait=not no_wait,
                    poll_seconds=poll,
                    concurrency=concurrency,
                    on_status=lambda message: typer.echo(f"claimkit: {message}", err=True),
                )
            except BatchPending as pending:
                typer.echo(f"claimkit: {pending}", err=True)
                return
        elif scheduler is not None:
            from ..batch.dask import summarise_on_cluster

            report = summarise_on_cluster(
                inputs, output, scheduler, settings=settings, partitions=partitions, parquet=parquet
            )
        else:
            sink = OutputFile(output)  # before the bar: an output that cannot be written is one line, alone
            with batch_progress(count_items(inputs)) as on_record:
                report = summarise_many(
                    iter_items(inputs), settings=settings, output=sink, concurrency=concurrency, on_record=on_record
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
            f"{report.skipped} already in {output}, {report.retried} failed before and tried again"
            + (f", {report.damaged} damaged lines set aside in {output}.damaged" if report.damaged else "")
            + f"; {report.seconds:.1f} s",
            err=True,
        )
        if settings.chosen_engine != "embedded":
            typer.echo(f"claimkit: {cost_line(report, settings)}", err=True)
    if report.failed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("batch")(batch_command)
