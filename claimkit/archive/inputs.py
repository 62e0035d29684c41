"""What ``claimkit index add`` reads: article files and directories, URLs, and JSONL files, each either a
``claimkit batch`` output (``{"id", "ok", "summary"}`` lines, indexed as they are) or articles to summarise
(``{"id", "text"}`` lines, with optional ``outlet``, ``url``, ``title`` and ``published`` or ``date``, or PolNeAR's
``meta.publisher`` and ``meta.publication_date``).

Dates come from the input (the HTML's metadata, read by trafilatura; a field of a JSONL line), else from
``--date``; outlets from the input (a field; a URL's host), else from ``--outlet``. A date is kept as
``YYYY-MM-DD``.
"""

from __future__ import annotations

import glob
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Final
from urllib.parse import urlsplit

from ..errors import ClaimkitError, InputNotFound
from ..records import ArticleSummary
from ..settings import Settings
from ..sources import LoadedArticle, from_text, load

__all__ = ["Incoming", "read_inputs"]

_ARTICLE_SUFFIXES: Final = (".txt", ".html", ".htm", ".md")


@dataclass(frozen=True)
class Incoming:
    """One input: an article to summarise, a summary made already, or why it could not be read."""

    name: str
    article: LoadedArticle | None = None
    summary: ArticleSummary | None = None
    outlet: str | None = None
    published: str | None = None
    error: str | None = None


def read_inputs(
    specs: list[str], settings: Settings, *, outlet: str | None = None, published: str | None = None
) -> Iterator[Incoming]:
    """Each input named by ``specs`` (see the module's docstring), in order; a bad one is an ``Incoming`` with an
    error, never an exception, so the others are still indexed."""
    for spec in specs:
        for path in _expand(spec):
            for incoming in _read(path, settings):
                yield replace(
                    incoming,
                    outlet=incoming.outlet or outlet,
                    published=_day(incoming.published) or _day(published),
                )


def _expand(spec: str) -> Iterator[str]:
    if "://" in spec:
        yield spec
    elif any(ch in spec for ch in "*?["):
        paths = sorted(glob.glob(spec, recursive=True))
        if not paths:
            raise InputNotFound(f"no file matches {spec}", source=spec)
        yield from paths
    elif Path(spec).is_dir():
        for child in sorted(Path(spec).rglob("*")):
            if child.is_file() and child.suffix.lower() in _ARTICLE_SUFFIXES:
                yield str(child)
    else:
        yield spec


def _read(spec: str, settings: Settings) -> Iterator[Incoming]:
    if spec.lower().endswith(".jsonl") and "://" not in spec:
        yield from _jsonl(spec)
        return
    try:
        article = load(spec, settings)
    except ClaimkitError as e:
        yield Incoming(spec, error=str(e))
        return
    host = urlsplit(spec).hostname if "://" in spec else None
    outlet = host.removeprefix("www.") if host else None
    yield Incoming(spec, article=article, outlet=outlet, published=article.published)


def _jsonl(path: str) -> Iterator[Incoming]:
    try:
        handle = open(path, encoding="utf-8")  # noqa: SIM115 (closed below; lines read one at a time)
    except OSError as e:
        raise InputNotFound(f"cannot read {path}: {e.strerror}", source=path) from e
    with handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield _line(f"{path}:{number}", line)


def _line(name: str, line: str) -> Incoming:
    try:
        record = json.loads(line)
        if not isinstance(record, dict):
            raise ValueError("not an object")
        given = record.get("meta")
        meta: dict[str, Any] = given if isinstance(given, dict) else {}
        outlet = record.get("outlet") or meta.get("publisher") or meta.get("outlet")
        published = record.get("published") or record.get("date") or meta.get("publication_date") or meta.get("date")
        if "summary" in record or "ok" in record:
            return _batch_record(name, record, outlet, published)
        article = from_text(str(record["text"]), source=str(record.get("id") or name))
        title = record.get("title") or meta.get("title")
        article = replace(article, title=article.title or title, url=record.get("url") or article.url)
        return Incoming(name, article=article, outlet=outlet, published=published or article.published)
    except ClaimkitError as e:
        return Incoming(name, error=str(e))
    except (ValueError, KeyError, TypeError) as e:
        return Incoming(name, error=f"not a claimkit batch record or an {{id, text}} line ({e})")


def _batch_record(name: str, record: dict[str, Any], outlet: Any, published: Any) -> Incoming:
    if not record.get("ok", True) or "summary" not in record:
        return Incoming(name, error=f"the batch failed on {record.get('id', name)}: no summary to index")
    summary = ArticleSummary.model_validate(record["summary"])
    return Incoming(
        str(record.get("id") or name),
        summary=summary,
        outlet=outlet,
        published=published or summary.article.published,
    )


def _day(value: Any) -> str | None:
    """``YYYY-MM-DD`` from a date or a timestamp that starts with one; None for anything else."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None
