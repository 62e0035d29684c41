"""``claimkit cache`` and ``claimkit logs``: what claimkit keeps on disk, the summary cache and the call log."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Annotated, Any

import typer

from .common import JsonOption, TextFormatOption, resolve, text_format

__all__ = ["register"]

cache_app = typer.Typer(help="The summary cache.", no_args_is_help=True)


@cache_app.command("stats")
def cache_stats(fmt: TextFormatOption = "json", as_json: JsonOption = False) -> None:
    """Entries, size and location of the cache."""
    from ..store import SummaryCache

    stats = SummaryCache(resolve().store_folder / "cache.sqlite").stats()
    if text_format(fmt, as_json) == "json":
        typer.echo(json.dumps(stats, indent=2))
        return
    for name, value in stats.items():
        typer.echo(f"{name}: {value}")


@cache_app.command("clear")
def cache_clear(fmt: TextFormatOption = "text", as_json: JsonOption = False) -> None:
    """Remove every cached summary."""
    from ..store import SummaryCache

    path = resolve().store_folder / "cache.sqlite"
    try:
        removed = SummaryCache(path).clear()
    except (sqlite3.Error, OSError) as e:  # a damaged file: a new, empty one in its place
        SummaryCache.recreate(path)
        typer.echo(f"the cache was damaged ({e}); a new, empty one was made", err=True)
        removed = None
    if text_format(fmt, as_json) == "json":
        typer.echo(json.dumps({"removed": removed, "path": str(path)}))
    elif removed is not None:
        typer.echo(f"removed {removed} cached summaries", err=True)


def logs_command(
    show: Annotated[int | None, typer.Option(help="Show one call in full, with its bodies.")] = None,
    limit: Annotated[int, typer.Option(help="How many recent calls to list.")] = 20,
    fmt: TextFormatOption = "text",
    as_json: JsonOption = False,
) -> None:
    """The model calls claimkit made: time, model, endpoint, prompt, status, usage, latency (times in ISO 8601)."""
    from ..store import CallLog

    log = CallLog(resolve().store_folder / "calls.sqlite")
    if show is not None:
        call = log.show(show)
        if call is None:
            typer.echo(f"claimkit: error: no call {show} in the log", err=True)
            raise typer.Exit(1)
        typer.echo(json.dumps(_iso(call), indent=2))
        return
    calls = [_iso(c) for c in log.list(limit)]
    if text_format(fmt, as_json) == "json":
        typer.echo(json.dumps(calls, indent=2))
        return
    for c in calls:
        typer.echo(
            f"{c['id']:>5}  {c['started']}  {c['model']}  {c['endpoint']}  {c['mode']}  status {c['status']}  "
            f"{c['latency_ms']:.0f} ms  tokens {c['prompt_tokens']}/{c['completion_tokens']}"
            f"  prompt {str(c['prompt_sha256'])[:12]}"
        )


def _iso(call: dict[str, Any]) -> dict[str, Any]:
    """The call with its start as an ISO 8601 time in UTC, to the second, instead of seconds since 1970."""
    started = datetime.fromtimestamp(call["started"], UTC).isoformat(timespec="seconds")
    return {**call, "started": started}


def register(app: typer.Typer) -> None:
    app.add_typer(cache_app, name="cache")
    app.command("logs")(logs_command)
