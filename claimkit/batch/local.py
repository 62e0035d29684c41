"""The local runner: bounded concurrency on this machine, one JSON line per article, resumable after any stop.

``process(settings, item)`` is a pure function of its arguments, so a distributed engine (``batch.dask``) maps
it over partitions; ``summarise_many`` runs it here: threads for model calls, a process per core for the embedded
engine. Memory stays flat at any size: items are read as slots free (at most twice the workers in flight), each
record is written as soon as it is made, and a resume keeps only a hash of each finished id.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import os
import signal
import sys
import time
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ClaimkitError, OutputError
from ..pipeline import summarise_article
from ..settings import Settings
from ..sources import from_text, load, redact_url
from .items import BatchItem
from .output import IdSet, OutputFile, same_file
from .report import BatchReport, Progress

if TYPE_CHECKING:
    import openai

__all__ = ["asummarise_many", "process", "summarise_many"]

WORKER_DIED = "WorkerDied"
"""The error type of an article whose worker process died (killed, or out of memory) twice while it ran."""


def process(settings: Settings, item: BatchItem, client: openai.OpenAI | None = None) -> dict[str, Any]:
    """One output record for one article: its summary, or an error with a reason. Never raises a ClaimkitError.
    ``client`` is an ``openai.OpenAI`` for the model calls instead of the one the settings make."""
    started = time.perf_counter()
    try:
        if item.text is not None:
            article = from_text(item.text, source=item.id)
        elif item.path is not None:
            article = load(item.path, settings)
        else:
            raise ClaimkitError("not a JSON object with 'id' and 'text'")
        summary = summarise_article(article, settings=settings, client=client)
    except ClaimkitError as e:
        return failure(item, type(e).__name__, str(e))
    except Exception as e:  # a bug in one article must not stop the batch; the record says what happened
        return failure(item, type(e).__name__, f"internal error: {e}")
    return {
        "id": item.id,
        "ok": True,
        "seconds": round(time.perf_counter() - started, 4),
        "summary": summary.model_dump(mode="json"),
    }


def failure(item: BatchItem, kind: str, message: str) -> dict[str, Any]:
    """A failed record; a URL's credentials are taken out of the message."""
    if item.path and "://" in item.path and item.path != item.id:
        message = message.replace(item.path, redact_url(item.path))
    return {"id": item.id, "ok": False, "error": {"type": kind, "message": message}}


def summarise_many(
    items: Iterable[BatchItem],
    *,
    settings: Settings | None = None,
    output: Path | OutputFile | None = None,
    concurrency: int = 8,
    on_record: Progress | None = None,
    client: openai.OpenAI | None = None,
) -> BatchReport:
    """Summarise every item; write each record to ``output`` as soon as it is made; return the counts.

    Model calls run ``concurrency`` at a time in threads; the embedded engine uses a process per core, and a
    worker process that dies (the OOM killer, kill -9) is replaced: its articles run again one at a time, and
    one that kills its worker again is recorded as failed while the batch goes on. Items whose id is already
    in ``output`` are skipped, so an interrupted run resumes where it stopped; items that failed in an earlier
    run are tried again. ``output`` may not be one of the items' own files (nor a hard link to one); it may be
    given opened (an ``OutputFile``), and is closed at the end. ``client`` (model engines only) is an
    ``openai.OpenAI`` for the model calls.
    """
    settings = settings or Settings()
    report = BatchReport()
    started = time.perf_counter()
    sink = OutputFile(output) if isinstance(output, Path) else output
    if sink is not None:
        report.retried, report.damaged = sink.retried, sink.damaged
    if on_record is not None:
        on_record(None, report)
    pending = _pending(items, sink.path if sink else None, sink.done if sink else IdSet(), report)
    try:
        with _Pool(settings, concurrency, (sink.fileno(),) if sink is not None else (), client) as pool:
            for record in pool.run(pending):
                if sink is not None:
                    sink.write(record)
                report.count(record)
                if on_record is not None:
                    on_record(record, report)
    finally:
        if sink is not None:
            sink.close()
        report.seconds = time.perf_counter() - started
    return report


def _pending(items: Iterable[BatchItem], output: Path | None, done: IdSet, report: BatchReport) -> Iterator[BatchItem]:
    """The items not yet done, read one at a time; an item that is the output file stops the batch."""
    origins: set[str] = set()  # a JSONL file of a million items is compared with the output once
    for item in items:
        if output is not None and item.origin is not None and item.origin not in origins:
            if same_file(output, item.origin):
                raise OutputError(f"{output} is one of the inputs: writing it would erase them", path=str(output))
            origins.add(item.origin)
        if output is not None and same_file(output, item.path):
            raise OutputError(f"{output} is one of the inputs: writing it would erase an article", path=str(output))
        if item.id in done:
            report.skipped += 1
        else:
            yield item


class _Pool:
    """The workers: threads for model calls, processes for the embedded engine, replaced when one dies."""

    def __init__(
        self,
        settings: Settings,
        concurrency: int,
        inherited: tuple[int, ...],
        client: openai.OpenAI | None = None,
        work: Callable[..., dict[str, Any]] | None = None,
    ) -> None:
        self.settings = settings
        self.client = client
        self.work = work or process
        """The step run per article (``process``; a test gives one that kills its worker)."""
        self.processes = settings.chosen_engine == "embedded"
        self.workers = (os.cpu_count() or 1) if self.processes else max(1, concurrency)
        self.inherited = inherited
        self.executor = self._start()

    def _start(self) -> Executor:
        if self.processes:
            return ProcessPoolExecutor(self.workers, initializer=_start_worker, initargs=(self.inherited,))
        return ThreadPoolExecutor(self.workers)

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *failure: object) -> None:
        # A finished batch waits for its workers (a pool left running at exit can print "Bad file descriptor");
        # a stopped one (an error, Ctrl-C) leaves at once and cancels what has not started.
        self.executor.shutdown(wait=failure[0] is None, cancel_futures=True)

    def run(self, items: Iterator[BatchItem]) -> Iterator[dict[str, Any]]:
        """Records in the order they finish, with at most twice the workers' number of articles in flight."""
        limit = self.workers * 2
        running: dict[Future[dict[str, Any]], BatchItem] = {}
        suspects: deque[BatchItem] = deque()
        """Articles in flight when a worker died: each runs again alone, to learn which one kills its worker."""
        suspect: BatchItem | None = None
        while True:
            while suspect is None and suspects and not running:
                suspect = suspects.popleft()
                running[self._submit(suspect)] = suspect
            while suspect is None and not suspects and len(running) < limit:
                following = next(items, None)
                if following is None:
                    break
                running[self._submit(following)] = following
            if not running:
                return
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                item = running.pop(future)
                try:
                    record = future.result()
                except BrokenProcessPool:
                    if item is suspect:  # it killed its worker alone: the article is the cause
                        record = failure(
                            item,
                            WORKER_DIED,
                            "the worker process died while reading this article (killed, or out of memory), twice",
                        )
                    else:
                        suspects.append(item)
                        continue
                if item is suspect:
                    suspect = None
                yield record
            if self._broken():
                suspects.extend(running.values())
                running.clear()
                suspect = None
                self.executor.shutdown(wait=True, cancel_futures=True)  # its manager has ended: nothing to race
                self.executor = self._start()

    def _submit(self, item: BatchItem) -> Future[dict[str, Any]]:
        if self.client is None:
            return self.executor.submit(self.work, self.settings, item)
        return self.executor.submit(self.work, self.settings, item, self.client)

    def _broken(self) -> bool:
        return isinstance(self.executor, ProcessPoolExecutor) and bool(getattr(self.executor, "_broken", False))


def _start_worker(inherited: tuple[int, ...]) -> None:
    """A new worker process: close the output file it inherited (its lock must end with the batch), and die with
    the batch process."""
    for descriptor in inherited:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    _die_with_parent()


def _die_with_parent() -> None:
    """On Linux, ask the kernel to end this worker when the batch process dies (a kill -9 leaves no orphans)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # 1 is PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


async def asummarise_many(
    items: Iterable[BatchItem], *, settings: Settings | None = None, concurrency: int = 8
) -> AsyncIterator[dict[str, Any]]:
    """The records of ``items`` as they finish, for asyncio callers; ``concurrency`` calls at a time, and no
    more items than that read ahead."""
    settings = settings or Settings()
    limit = max(1, concurrency)
    source = iter(items)
    running: set[asyncio.Task[dict[str, Any]]] = set()
    try:
        while True:
            while len(running) < limit:
                following = next(source, None)
                if following is None:
                    break
                running.add(asyncio.create_task(asyncio.to_thread(process, settings, following)))
            if not running:
                return
            finished, running = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
            for task in finished:
                yield task.result()
    finally:
        for task in running:
            task.cancel()
