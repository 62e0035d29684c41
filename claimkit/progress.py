"""The batch progress bar, on standard error: done, failed, cached, rate and time left (rich)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

from .batch import BatchReport
from .batch import Progress as OnRecord

__all__ = ["batch_progress"]


@contextmanager
def batch_progress(total: int) -> Iterator[OnRecord]:
    """A callback for ``summarise_many`` that drives a progress bar on standard error."""
    console = Console(stderr=True)
    columns = (
        TextColumn("[bold]claimkit"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("failed {task.fields[failed]} · cached {task.fields[cached]} · {task.fields[rate]}/s"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("batch", total=total, failed=0, cached=0, rate="0.0")

        def on_record(record: dict[str, Any] | None, report: BatchReport) -> None:
            finished = report.done + report.failed
            elapsed = progress.tasks[task].elapsed or 0.0
            rate = f"{finished / elapsed:.1f}" if elapsed else "0.0"
            progress.update(
                task,
                completed=finished + report.skipped,
                failed=report.failed,
                cached=report.cached,
                rate=rate,
            )

        yield on_record
