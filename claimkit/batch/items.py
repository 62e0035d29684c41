"""What a batch reads: articles named by files, directories, glob patterns, URLs, or JSONL files of
``{"id", "text"}`` lines, one at a time (a JSONL file of a million lines is never held in memory)."""

from __future__ import annotations

import glob
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputNotFound
from ..sources import redact_url

__all__ = ["BatchItem", "count_items", "iter_items"]

_ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".md")
_URL_SCHEMES = ("http://", "https://")


@dataclass(frozen=True)
class BatchItem:
    id: str
    text: str | None = None
    """The article text (JSONL input); None means read it from ``path``."""
    path: str | None = None
    """A file or an http(s) URL; a URL's credentials are in ``path`` only, never in ``id``."""
    origin: str | None = None
    """The JSONL file the item came from (so that an output can be told apart from its inputs)."""


def iter_items(specs: Iterable[str]) -> Iterator[BatchItem]:
    """The articles of ``specs``, read lazily, in order."""
    for spec in specs:
        if spec.lower().startswith(_URL_SCHEMES):
            yield BatchItem(id=redact_url(spec), path=spec)
        elif any(ch in spec for ch in "*?["):
            paths = sorted(glob.glob(spec, recursive=True))
            if not paths:
                raise InputNotFound(f"no file matches {spec}", source=spec)
            for path in paths:
                yield from _items_of(Path(path))
        else:
            yield from _items_of(Path(spec))


def count_items(specs: Iterable[str]) -> int:
    """How many items ``iter_items(specs)`` yields, counted without parsing a JSONL line or keeping an item."""
    total = 0
    for spec in specs:
        if spec.lower().startswith(_URL_SCHEMES):
            total += 1
            continue
        paths = sorted(glob.glob(spec, recursive=True)) if any(ch in spec for ch in "*?[") else [spec]
        for path in map(Path, paths):
            if path.suffix.lower() == ".jsonl" and path.is_file():
                total += _lines_of(path)
            else:
                total += sum(1 for _ in _items_of(path))
    return total


def _lines_of(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError as e:
        raise InputNotFound(f"cannot read {path}: {e.strerror}", source=str(path)) from e


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
        handle = path.open("rb")
    except OSError as e:
        raise InputNotFound(f"cannot read {path}: {e.strerror}", source=str(path)) from e
    origin = str(path)
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line.decode("utf-8"))  # invalid UTF-8: a bad line, not a stopped batch
                yield BatchItem(id=str(record["id"]), text=str(record["text"]), origin=origin)
            except (ValueError, KeyError, TypeError):
                yield BatchItem(id=f"{path}:{number}", text=None, path=None, origin=origin)
