"""A batch's JSONL output: resumable, read as a stream, and never lost or destroyed.

Resuming reads the output line by line and keeps only an 8-byte hash of each finished id (``IdSet``): a
200,000-line output costs about 3 MB to resume, not the size of its records.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import stat
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import OutputError

__all__ = ["IdSet", "OutputFile", "is_record", "same_file"]


class IdSet:
    """A set of strings kept as 64-bit hashes in 4,096 arrays, by the hash's low bits: about 8 bytes an id (a
    200,000-id set takes under 2 MB), a lookup a scan of one short array in C.

    Two different ids share a hash with a chance of about n²/2⁶⁵ (under 10⁻⁹ for 200,000 ids)."""

    _BUCKETS = 4096

    def __init__(self) -> None:
        self._buckets: list[array[int] | None] = [None] * self._BUCKETS
        self._count = 0

    @staticmethod
    def _hash(value: str) -> int:
        digest = hashlib.blake2b(value.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        return int.from_bytes(digest, "little")

    def add(self, value: str) -> None:
        key = self._hash(value)
        bucket = self._buckets[key % self._BUCKETS]
        if bucket is None:
            self._buckets[key % self._BUCKETS] = array("Q", (key,))
            self._count += 1
        elif key not in bucket:
            bucket.append(key)
            self._count += 1

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, str):
            return False
        key = self._hash(value)
        bucket = self._buckets[key % self._BUCKETS]
        return bucket is not None and key in bucket

    def __len__(self) -> int:
        return self._count


class OutputFile:
    """A JSONL output that can be resumed, and that never loses or destroys what it holds.

    On resume: ids with a record are done; failed records are dropped so that their ids run again; a damaged
    or torn line is set aside in ``OUT.damaged`` with the rest kept. A file that holds a line of JSON that is no
    claimkit record, or no record at all, is refused (it is not this output), and so is a file another run is
    writing (an exclusive lock). A rewritten output keeps its permissions.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.done = IdSet()
        self.retried = 0
        """Failed records of an earlier run, dropped so that their ids run again."""
        self.damaged = 0
        """Damaged lines set aside in ``OUT.damaged``."""
        self._handle = _open_for_append(path)
        try:
            fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            self._handle.close()
            raise OutputError(f"{path} is being written by another claimkit batch", path=str(path)) from e
        if os.fstat(self._handle.fileno()).st_size:
            try:
                self._recover()
            except BaseException:
                self._handle.close()
                raise

    def _recover(self) -> None:
        records = 0
        for kind, line, identifier in self._lines():
            if kind == "foreign":
                raise OutputError(
                    f"{self.path} is not a claimkit batch output (it holds a line that is no claimkit record: "
                    f"{line[:60].decode('utf-8', 'replace').strip()!r}); choose another file",
                    path=str(self.path),
                )
            if kind == "done":
                records += 1
                self.done.add(identifier)
            elif kind == "failed":
                records += 1
                self.retried += 1
            else:
                self.damaged += 1
        if not records:
            raise OutputError(
                f"{self.path} is not a claimkit batch output (it holds no claimkit record); choose another file",
                path=str(self.path),
            )
        if self.damaged or self.retried:
            self._rewrite()

    def _lines(self) -> Iterator[tuple[str, bytes, str]]:
        """Each line of the file with what it is ('done', 'failed', 'damaged' or 'foreign') and its record's id."""
        with self.path.open("rb") as handle:
            for line in handle:
                if not line.strip():
                    continue
                if not line.endswith(b"\n"):  # a line torn by a kill
                    yield "damaged", line + b"\n", ""
                    continue
                try:
                    value = json.loads(line)
                except ValueError:
                    yield "damaged", line, ""
                    continue
                kind = is_record(value)
                yield ("foreign" if kind is None else kind), line, value["id"] if kind else ""

    def _rewrite(self) -> None:
        """The file without its damaged and failed lines, streamed into a new file with the old one's
        permissions, which then takes its place; the damaged lines are appended to ``OUT.damaged``."""
        mode = stat.S_IMODE(os.fstat(self._handle.fileno()).st_mode)
        replacement = self.path.with_name(self.path.name + ".tmp")
        aside = self.path.with_name(self.path.name + ".damaged")
        with replacement.open("wb") as kept, contextlib.ExitStack() as stack:
            os.fchmod(kept.fileno(), mode)
            damaged: BinaryIO | None = None
            for kind, line, _ in self._lines():
                if kind == "done":
                    kept.write(line)
                elif kind == "damaged":
                    damaged = damaged or stack.enter_context(aside.open("ab"))
                    damaged.write(line)
            kept.flush()
            os.fsync(kept.fileno())
        os.replace(replacement, self.path)  # the lock is on the old file: take it on the new one
        self._handle.close()
        self._handle = self.path.open("ab")
        fcntl.flock(self._handle, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def write(self, record: dict[str, Any]) -> None:
        """Append one line in one write, and flush it to the operating system at once. A lone surrogate (from a
        model reply) is written as its JSON escape, so the line stays valid UTF-8 and reads back the same."""
        try:
            self._handle.write(json.dumps(record, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n")
            self._handle.flush()
        except OSError as e:
            raise OutputError(f"cannot write {self.path}: {e.strerror or e}", path=str(self.path)) from e

    def fileno(self) -> int:
        return self._handle.fileno()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._handle.close()


def _open_for_append(path: Path) -> BinaryIO:
    """The output opened to append; every way that fails is an ``OutputError`` with one line that says why."""
    try:
        if path.is_dir():
            raise OutputError(f"{path} is a directory: name a file for the output", path=str(path))
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open("ab")
    except OutputError:
        raise
    except OSError as e:
        reason = {
            errno.EROFS: "the file system is read-only",
            errno.EACCES: "permission denied",
            errno.EPERM: "permission denied",
            errno.ENOTDIR: "a part of its path is a file, not a folder",
            errno.EEXIST: "a part of its path is a file, not a folder",
            errno.EISDIR: "it is a directory: name a file for the output",
            errno.ENOSPC: "the disk is full",
        }.get(e.errno or 0, e.strerror or str(e))
        raise OutputError(f"cannot write {path}: {reason}", path=str(path)) from e


def is_record(value: object) -> str | None:
    """'done' or 'failed' for a claimkit record (a finished summary, or an error with a reason); None otherwise."""
    if not isinstance(value, dict) or not isinstance(value.get("id"), str) or not isinstance(value.get("ok"), bool):
        return None
    if value["ok"]:
        return "done" if isinstance(value.get("summary"), dict) else None
    return "failed" if isinstance(value.get("error"), dict) else None


def same_file(output: Path, source: str | None) -> bool:
    """Whether ``source`` (a path, '-' or a URL) is the file ``output``: the same path, or a hard link to it."""
    if not source or source == "-" or "://" in source:
        return False
    try:
        if output.exists() and Path(source).exists():
            return os.path.samefile(output, source)
        return output.resolve() == Path(source).resolve()
    except OSError:
        return False
