"""``claimkit index add``: inputs summarised (a process per core for the embedded engine, threads for a model)
and written to the archive one article per transaction, as each summary is made.

Resumable: an article whose id is in the archive, made by the engine and model asked for, is skipped before it is
summarised; a stop at any moment loses at most the articles in flight and those of the open transaction (at most
``_PER_TRANSACTION`` articles or ``_TRANSACTION_SECONDS``; each article is committed whole or not at all).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

from ..errors import ClaimkitError
from ..pipeline import summarise_article
from ..records import ArticleSummary
from ..settings import Settings
from ..sources import LoadedArticle
from .inputs import Incoming
from .writer import Outcome, Placement, immediate, write_one

__all__ = ["IndexReport", "index_incoming"]

_IN_FLIGHT = 16
"""Articles given to each worker ahead: the workers keep summarising while this process writes."""
_PER_TRANSACTION = 32
_TRANSACTION_SECONDS = 1.0
"""A transaction is committed after this many articles or seconds: fewer commits, and another writer still
gets its turn within a second."""


@dataclass
class IndexReport:
    added: int = 0
    unchanged: int = 0
    new_versions: int = 0
    skipped: int = 0
    """Known articles not summarised again (same id, engine and model)."""
    failed: list[str] = field(default_factory=list)
    """``name: reason`` for each input that could not be read or summarised."""

    def count(self, outcome: Outcome) -> None:
        if outcome == "added":
            self.added += 1
        elif outcome == "unchanged":
            self.unchanged += 1
        else:
            self.new_versions += 1


Progress = Callable[[str, str, IndexReport], None]
"""Called with an input's name, what happened to it, and the counts so far."""


def index_incoming(
    connection: sqlite3.Connection,
    incoming: Iterable[Incoming],
    *,
    settings: Settings,
    workers: int | None = None,
    on_article: Progress | None = None,
) -> IndexReport:
    """Summarise what needs it and write every summary to the archive behind ``connection``."""
    report = IndexReport()

    def done(name: str, what: str) -> None:
        if on_article is not None:
            on_article(name, what, report)

    pending: list[Incoming] = []
    ready: list[tuple[Incoming, ArticleSummary | str]] = []
    for item in incoming:
        if item.error is not None:
            report.failed.append(f"{item.name}: {item.error}")
            done(item.name, "failed")
        elif item.summary is not None:
            ready.append((item, item.summary))
        elif item.article is not None and _known(connection, item.article, settings):
            report.skipped += 1
            done(item.name, "skipped")
        else:
            pending.append(item)
    _write_all(connection, iter(ready), report, done)
    if pending:
        _summarise_all(connection, pending, settings, workers, report, done)
    return report


def _write_all(
    connection: sqlite3.Connection,
    results: Iterator[tuple[Incoming, ArticleSummary | str]],
    report: IndexReport,
    done: Callable[[str, str], None],
) -> None:
    while True:
        with immediate(connection):
            if not _write_some(connection, results, report, done):
                return


def _summarise_all(
    connection: sqlite3.Connection,
    pending: list[Incoming],
    settings: Settings,
    workers: int | None,
    report: IndexReport,
    done: Callable[[str, str], None],
) -> None:
    if workers == 1:  # one at a time, in this process: no pool to start or to leave behind
        _write_all(connection, ((item, summarise_one(settings, _article(item))) for item in pending), report, done)
        return
    executor = _executor(settings, workers)
    results = _results(executor, settings, pending, limit=_IN_FLIGHT * (workers or os.cpu_count() or 1))
    try:
        _write_all(connection, results, report, done)
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)  # every worker idle: they end at once, none is left running


def _write_some(
    connection: sqlite3.Connection,
    results: Iterator[tuple[Incoming, ArticleSummary | str]],
    report: IndexReport,
    done: Callable[[str, str], None],
) -> bool:
    """Write summaries as they come, up to one transaction's worth; False when none are left."""
    started = time.monotonic()
    for written, (item, result) in enumerate(results, start=1):
        if isinstance(result, str):
            report.failed.append(f"{item.name}: {result}")
            done(item.name, "failed")
        else:
            outcome = write_one(connection, result, _placement(item))
            report.count(outcome)
            done(item.name, outcome)
        if written >= _PER_TRANSACTION or time.monotonic() - started >= _TRANSACTION_SECONDS:
            return True
    return False


def _placement(item: Incoming) -> Placement:
    return Placement(outlet=item.outlet, published=item.published, source=item.name)


def _known(connection: sqlite3.Connection, article: LoadedArticle, settings: Settings) -> bool:
    row = connection.execute("SELECT engine, model FROM articles WHERE id = ?", [article.id]).fetchone()
    return row is not None and row[0] == settings.chosen_engine and (row[1] or None) == (settings.model or None)


def _executor(settings: Settings, workers: int | None) -> Executor:
    if settings.chosen_engine == "embedded":
        return ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1, initializer=_die_with_parent)
    return ThreadPoolExecutor(max_workers=workers or 8)


def _die_with_parent() -> None:
    """A worker ends when the indexing process dies (Linux): a kill -9 of ``index add`` leaves no orphan waiting
    for work forever."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 is PR_SET_PDEATHSIG


def _article(item: Incoming) -> LoadedArticle:
    assert item.article is not None
    return item.article


def summarise_one(settings: Settings, article: LoadedArticle) -> ArticleSummary | str:
    """One article's summary, or why it failed (a worker never raises a claimkit error)."""
    try:
        return summarise_article(article, settings=settings)
    except ClaimkitError as e:
        return str(e)


def _results(
    executor: Executor, settings: Settings, items: list[Incoming], limit: int
) -> Iterator[tuple[Incoming, ArticleSummary | str]]:
    """Summaries in the order they finish, with at most ``limit`` articles in flight."""
    queue = iter(items)
    running: dict[Future[ArticleSummary | str], Incoming] = {}

    def submit(item: Incoming) -> None:
        running[executor.submit(summarise_one, settings, _article(item))] = item

    for item in queue:
        submit(item)
        if len(running) >= limit:
            break
    while running:
        finished, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in finished:
            item = running.pop(future)
            yield item, future.result()
            following = next(queue, None)
            if following is not None:
                submit(following)
