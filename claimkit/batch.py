"""Many articles at once: bounded concurrency, one JSON line per article, resumable after any stop.

``process(settings, item)`` is a pure function of its arguments, so a distributed engine (Ray Data,
Dask) can map it over records; ``summarise_many`` is the local runner: threads for model calls, all
cores for the embedded engine, each result appended and flushed as soon as it is made.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import fcntl
import glob
import json
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ClaimkitError, InputNotFound, OutputError
from .pipeline import summarise_article
from .settings import Settings
from .sources import from_text, load

__all__ = [
    "BatchItem",
    "BatchReport",
    "OutputFile",
    "asummarise_many",
    "iter_items",
    "process",
    "same_file",
    "summarise_many",
]

_ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md")


@dataclass(frozen=True)
class BatchItem:
    id: str
    text: str | None = None
    """The article text (JSONL input); None means read it from ``path``."""
    path: str | None = None


def iter_items(specs: Iterable[str]) -> Iterator[BatchItem]:
    """Articles named by files, directories, glob patterns, or JSONL files of ``{"id", "text"}`` lines."""
    for spec in specs:
        if any(ch in spec for ch in "*?["):
            paths = sorted(glob.glob(spec, recursive=True))
            if not paths:
                raise InputNotFound(f"no file matches {spec}", source=spec)
            for path in paths:
                yield from _items_of(Path(path))
        else:
            yield from _items_of(Path(spec))


def _items_of(path: Path) -> Iterator[BatchItem]:
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and child.suffix.lower() in _ARTICLE_SUFFIXES:
                yield BatchItem(id=str(child), path=str(child))
    elif path.suffix.lower() == ".jsonl":
        yield from _jsonl_items(path)
    else:
        yield BatchItem(id=str(path), path=str(path))


def _jsonl_items(path: Path) -> Iterator[BatchItem]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as e:
        raise InputNotFound(f"cannot read {path}: {e.strerror}", source=str(path)) from e
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                yield BatchItem(id=str(record["id"]), text=str(record["text"]))
            except (ValueError, KeyError, TypeError):
                yield BatchItem(id=f"{path}:{number}", text=None, path=None)


def process(settings: Settings, item: BatchItem) -> dict[str, Any]:
    """One output record for one article: its summary, or an error with a reason. Never raises a ClaimkitError."""
    started = time.perf_counter()
    try:
        if item.text is not None:
            article = from_text(item.text, source=item.id)
        elif item.path is not None:
            article = load(item.path, settings)
        else:
            raise ClaimkitError("not a JSON object with 'id' and 'text'")
        summary = summarise_article(article, settings=settings)
    except ClaimkitError as e:
        return {"id": item.id, "ok": False, "error": {"type": type(e).__name__, "message": str(e)}}
    except Exception as e:  # a bug in one article must not stop the batch; the record says what happened
        return {"id": item.id, "ok": False, "error": {"type": type(e).__name__, "message": f"internal error: {e}"}}
    return {
        "id": item.id,
        "ok": True,
        "seconds": round(time.perf_counter() - started, 4),
        "summary": summary.model_dump(mode="json"),
    }


class OutputFile:
    """A JSONL output that can be resumed, and that never loses or destroys what it holds.

    On resume: ids with a record are done; failed records are dropped so that their ids run again; a damaged
    or torn line is set aside in ``OUT.damaged`` with the rest kept. A file whose first line is no claimkit
    record is refused (it is not this output), and so is a file another run is writing (an exclusive lock).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.done: set[str] = set()
        self.retried = 0
        """Failed records of an earlier run, dropped so that their ids run again."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = path.open("ab")
        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            self._handle.close()
            raise OutputError(f"{path} is being written by another claimkit batch", path=str(path)) from e
        if path.stat().st_size:
            self._recover()

    def _recover(self) -> None:
        data = self.path.read_bytes()
        lines = data.splitlines(keepends=True)
        if _record(lines[0]) is None:
            self.close()
            raise OutputError(
                f"{self.path} is not a claimkit batch output (its first line is no record); choose another file",
                path=str(self.path),
            )
        kept: list[bytes] = []
        damaged: list[bytes] = []
        for line in lines:
            record = _record(line) if line.endswith(b"\n") else None  # a line torn by a kill is damaged
            if record is None:
                damaged.append(line if line.endswith(b"\n") else line + b"\n")
            elif not record.get("ok", True):
                self.retried += 1
            else:
                self.done.add(str(record["id"]))
                kept.append(line)
        if damaged or self.retried:
            if damaged:
                with self.path.with_name(self.path.name + ".damaged").open("ab") as aside:
                    aside.write(b"".join(damaged))
            replacement = self.path.with_name(self.path.name + ".tmp")
            replacement.write_bytes(b"".join(kept))
            os.replace(replacement, self.path)  # the lock is on the old file: take it on the new one
            self._handle.close()
            self._handle = self.path.open("ab")
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def write(self, record: dict[str, Any]) -> None:
        """Append one line in one write, and flush it to the operating system at once."""
        self._handle.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        self._handle.flush()
        if record.get("ok", True):
            self.done.add(str(record["id"]))

    def fileno(self) -> int:
        return self._handle.fileno()

    def close(self) -> None:
        self._handle.close()


def same_file(output: Path, source: str | None) -> bool:
    """Whether ``source`` (a path, '-' or a URL) names the file ``output``."""
    if not source or source == "-" or "://" in source:
        return False
    try:
        return output.resolve() == Path(source).resolve()
    except OSError:
        return False


def _record(line: bytes) -> dict[str, Any] | None:
    """The claimkit record on a line: a JSON object with an id and an ok flag; None for anything else."""
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) and "id" in record and "ok" in record else None


@dataclass
class BatchReport:
    done: int = 0
    failed: int = 0
    cached: int = 0
    skipped: int = 0
    """Articles already in the output file from an earlier run."""
    retried: int = 0
    """Articles that failed in an earlier run, tried again."""
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def count(self, record: dict[str, Any]) -> None:
        if not record["ok"]:
            self.failed += 1
            self.errors.append({"id": record["id"], **record["error"]})
            return
        self.done += 1
        provenance = record["summary"]["provenance"]
        if provenance.get("cached"):
            self.cached += 1
        elif provenance.get("usage"):
            self.prompt_tokens += provenance["usage"]["prompt_tokens"]
            self.completion_tokens += provenance["usage"]["completion_tokens"]


Progress = Callable[[dict[str, Any] | None, BatchReport], None]
"""Called with each record as it is written (None once at the start, to show the totals)."""


def summarise_many(
    items: Iterable[BatchItem],
    *,
    settings: Settings | None = None,
    output: Path | None = None,
    concurrency: int = 8,
    on_record: Progress | None = None,
) -> BatchReport:
    """Summarise every item; write each record to ``output`` as soon as it is made; return the counts.

    Model calls run ``concurrency`` at a time in threads; the embedded engine uses a process per core.
    Items whose id is already in ``output`` are skipped, so an interrupted run resumes where it stopped; items
    that failed in an earlier run are tried again. ``output`` may not be one of the items' own files.
    """
    settings = settings or Settings()
    report = BatchReport()
    started = time.perf_counter()
    items = list(items)
    if output is not None and any(same_file(output, item.path) for item in items):
        raise OutputError(f"{output} is one of the inputs: writing it would erase an article", path=str(output))
    sink = OutputFile(output) if output is not None else None
    report.retried = sink.retried if sink is not None else 0
    done_before = sink.done if sink is not None else set()
    pending_items = []
    for item in items:
        if item.id in done_before:
            report.skipped += 1
        else:
            pending_items.append(item)
    if on_record is not None:
        on_record(None, report)
    executor = _executor(settings, concurrency, (sink.fileno(),) if sink is not None else ())
    try:
        for record in _run(executor, settings, pending_items, limit=_workers(settings, concurrency) * 2):
            if sink is not None:
                sink.write(record)
            report.count(record)
            if on_record is not None:
                on_record(record, report)
    finally:
        executor.shutdown(wait=False, cancel_futures=True)
        if sink is not None:
            sink.close()
        report.seconds = time.perf_counter() - started
    return report


def _workers(settings: Settings, concurrency: int) -> int:
    return os.cpu_count() or 1 if settings.chosen_engine == "embedded" else max(1, concurrency)


def _executor(settings: Settings, concurrency: int, inherited: tuple[int, ...] = ()) -> Executor:
    if settings.chosen_engine == "embedded":
        workers = _workers(settings, concurrency)
        return ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(inherited,))
    return ThreadPoolExecutor(max_workers=_workers(settings, concurrency))


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


def _run(executor: Executor, settings: Settings, items: list[BatchItem], limit: int) -> Iterator[dict[str, Any]]:
    """Results in the order they finish, with at most ``limit`` articles in flight."""
    queue = iter(items)
    running: set[Future[dict[str, Any]]] = set()
    for item in queue:
        running.add(executor.submit(process, settings, item))
        if len(running) >= limit:
            break
    while running:
        finished, running = wait(running, return_when=FIRST_COMPLETED)
        for future in finished:
            yield future.result()
            following = next(queue, None)
            if following is not None:
                running.add(executor.submit(process, settings, following))


async def asummarise_many(
    items: Iterable[BatchItem], *, settings: Settings | None = None, concurrency: int = 8
) -> AsyncIterator[dict[str, Any]]:
    """The records of ``items`` as they finish, for asyncio callers; ``concurrency`` calls at a time."""
    settings = settings or Settings()
    gate = asyncio.Semaphore(max(1, concurrency))

    async def one(item: BatchItem) -> dict[str, Any]:
        async with gate:
            return await asyncio.to_thread(process, settings, item)

    tasks = [asyncio.create_task(one(item)) for item in items]
    try:
        for finished in asyncio.as_completed(tasks):
            yield await finished
    finally:
        for task in tasks:
            task.cancel()
