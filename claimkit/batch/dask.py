"""A batch on a ``dask.distributed`` cluster: one task per partition, one output part per task, on shared storage.

    claimkit batch ARTICLES... -o OUT_FOLDER --scheduler tcp://scheduler:8786 [--partitions 64] [--parquet]

The driver sends each worker only the input specs, the settings and a partition number. A task reads the inputs
itself (so they must be on storage every worker sees), keeps the items whose id hashes to its partition, and
writes their records to ``OUT/part-NNNNN.jsonl`` as they are made; it returns counts, never records, so nothing
of the results passes through the driver. An id belongs to one partition for as long as the number of partitions
stays the same (it is kept in ``OUT/_claimkit.json``), so a re-run, or a task the scheduler runs again on another
worker after one died, resumes its part and writes every id once. ``--parquet`` also writes ``part-NNNNN.parquet``
(the summary as a JSON text column) when a part is complete, for Spark, DuckDB or pandas.
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ConfigurationError, MissingDependency, OutputError
from ..settings import Settings
from .items import BatchItem, iter_items
from .local import process
from .output import OutputFile
from .report import BatchReport

if TYPE_CHECKING:
    import distributed

__all__ = ["MANIFEST", "partition_of", "run_part", "summarise_on_cluster"]

MANIFEST = "_claimkit.json"
PARTS_PER_WORKER = 4
"""Partitions a worker gets by default: enough that a slow part does not leave the others idle at the end."""


def partition_of(identifier: str, partitions: int) -> int:
    """The partition of an id: a stable hash, the same on every machine and in every run."""
    digest = hashlib.blake2b(identifier.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little") % partitions


def summarise_on_cluster(
    specs: Sequence[str],
    folder: Path,
    scheduler: str | None = None,
    *,
    settings: Settings | None = None,
    partitions: int | None = None,
    parquet: bool = False,
    concurrency: int = 8,
    client: distributed.Client | None = None,
) -> BatchReport:
    """Summarise the articles of ``specs`` on the cluster at ``scheduler`` (or ``client``), one part per
    partition in ``folder``; the counts of every part summed."""
    settings = settings or Settings()
    try:
        import distributed
    except ImportError as e:
        message = "a Dask cluster needs dask.distributed: pip install 'claimkit[dask]'"
        raise MissingDependency(message, module="distributed") from e
    owned = client is None
    try:
        client = client or distributed.Client(scheduler, timeout=settings.timeout)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as e:
        raise ConfigurationError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from e
    try:
        workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        parts = _manifest(folder, list(specs), partitions or workers * PARTS_PER_WORKER)
        report = BatchReport()
        run = uuid.uuid4().hex[:8]
        futures = [
            client.submit(
                run_part,
                list(specs),
                folder,
                part,
                parts,
                settings,
                parquet,
                concurrency,
                key=f"claimkit-part-{part:05d}-{run}",
                retries=3,
                pure=False,
            )
            for part in range(parts)
        ]
        for future in distributed.as_completed(futures):  # type: ignore[no-untyped-call]
            report.merge(BatchReport(**future.result()))
            future.release()
        return report
    finally:
        if owned:
            client.close()  # type: ignore[no-untyped-call]


def _manifest(folder: Path, specs: list[str], partitions: int) -> int:
    """The number of partitions of this output folder: the one it was made with, or ``partitions`` for a new one."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"cannot make the output folder {folder}: {e.strerror or e}", path=str(folder)) from e
    path = folder / MANIFEST
    if path.exists():
        try:
            known = json.loads(path.read_text(encoding="utf-8"))
            return int(known["partitions"])
        except (ValueError, KeyError, TypeError) as e:
            raise OutputError(f"{path} is damaged; remove it only with the parts beside it", path=str(path)) from e
    if any(folder.glob("part-*.jsonl")):
        raise OutputError(f"{folder} holds parts but no {MANIFEST}: not a claimkit output folder", path=str(folder))
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps({"partitions": partitions, "inputs": specs}), encoding="utf-8")
    os.replace(temporary, path)
    return partitions


def run_part(
    specs: list[str],
    folder: Path,
    part: int,
    partitions: int,
    settings: Settings,
    parquet: bool = False,
    concurrency: int = 8,
) -> dict[str, Any]:
    """One partition, on a worker: its items' records appended to its part as they are made (resuming what an
    earlier run of the same part wrote); the counts returned."""
    path = folder / f"part-{part:05d}.jsonl"
    sink = OutputFile(path)
    report = BatchReport(retried=sink.retried, damaged=sink.damaged)
    try:
        mine = (i for i in iter_items(specs) if partition_of(i.id, partitions) == part)
        for record in _records(_pending(mine, sink, report), settings, concurrency):
            sink.write(record)
            report.count(record)
    finally:
        sink.close()
    if parquet:
        write_parquet(path, path.with_suffix(".parquet"))
    return asdict(report)


def _pending(items: Iterator[BatchItem], sink: OutputFile, report: BatchReport) -> Iterator[BatchItem]:
    for item in items:
        if item.id in sink.done:
            report.skipped += 1
        else:
            yield item


def _records(items: Iterator[BatchItem], settings: Settings, concurrency: int) -> Iterator[dict[str, Any]]:
    """The records of ``items``: one after the other for the embedded engine (a task is one worker thread),
    ``concurrency`` model calls at a time in threads for the others."""
    if settings.chosen_engine == "embedded":
        for item in items:
            yield process(settings, item)
        return
    with ThreadPoolExecutor(max(1, concurrency)) as threads:
        running: set[Future[dict[str, Any]]] = set()
        while True:
            while len(running) < concurrency:
                following = next(items, None)
                if following is None:
                    break
                running.add(threads.submit(process, settings, following))
            if not running:
                return
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                yield future.result()


def write_parquet(source: Path, target: Path, rows_per_group: int = 1000) -> None:
    """The records of a JSONL part as Parquet, streamed a row group at a time: id, ok, seconds, the error's type
    and message, and the summary as JSON text."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped]
        import pyarrow.parquet as pq  # type: ignore[import-untyped]
    except ImportError as e:
        raise MissingDependency("Parquet parts need pyarrow: pip install 'claimkit[dask]'", module="pyarrow") from e
    schema = pa.schema(
        [
            ("id", pa.string()),
            ("ok", pa.bool_()),
            ("seconds", pa.float64()),
            ("error_type", pa.string()),
            ("error_message", pa.string()),
            ("summary", pa.string()),
        ]
    )
    temporary = target.with_name(target.name + ".tmp")
    with pq.ParquetWriter(temporary, schema) as writer, source.open("rb") as lines:
        rows: list[dict[str, Any]] = []
        for line in lines:
            record = json.loads(line)
            error = record.get("error") or {}
            summary = record.get("summary")
            rows.append(
                {
                    "id": record["id"],
                    "ok": record["ok"],
                    "seconds": record.get("seconds"),
                    "error_type": error.get("type"),
                    "error_message": error.get("message"),
                    "summary": json.dumps(summary, ensure_ascii=False) if summary is not None else None,
                }
            )
            if len(rows) >= rows_per_group:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                rows = []
        if rows:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    os.replace(temporary, target)
