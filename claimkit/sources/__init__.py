"""Load an article from a path, standard input, a URL, or a string; plain text or HTML."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import deadline
from ..errors import BinaryInput, EmptyInput, InputIsDirectory, InputNotFound, InputTooLarge, MissingDependency
from ..settings import Settings
from .decoding import decode, sniff
from .fetch import fetch, redact_url

__all__ = ["LoadedArticle", "from_text", "load", "redact_url"]

_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class LoadedArticle:
    text: str
    source: str | None
    title: str | None = None
    url: str | None = None
    published: str | None = None

    @property
    def id(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()[:16]


def load(spec: str, settings: Settings | None = None) -> LoadedArticle:
    """Read the article named by ``spec``: ``-`` for stdin, an http(s) URL, or a file path."""
    settings = settings or Settings()
    with deadline.within(settings.deadline, memory=settings.max_memory):  # HTML extraction is in the budget
        return _load(spec, settings)


def _load(spec: str, settings: Settings) -> LoadedArticle:
    if spec == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
        _check_size(data, spec, settings.max_bytes)
        return _from_bytes(data, source="-", html_hint=False)
    if "://" in spec:
        return _fetch(spec, settings)
    return _read_file(Path(spec), settings)


def from_text(
    text: str, *, source: str | None = None, html: bool | None = None, settings: Settings | None = None
) -> LoadedArticle:
    """An article from a string already in memory (HTML is detected unless ``html`` says); HTML is read under the
    budget of ``settings`` (deadline, max_memory), else of the settings resolved from the environment."""
    text = _normalise_newlines(text)
    if html or (html is None and _looks_like_html(text)):
        budget = settings or Settings.resolve()
        with deadline.within(budget.deadline, memory=budget.max_memory):
            return _extract_html(text, source=source, url=None)
    _check_text(text, source or "<text>")
    return LoadedArticle(text=text, source=source)


def _read_file(path: Path, settings: Settings) -> LoadedArticle:
    spec = str(path)
    if path.is_dir():
        raise InputIsDirectory(f"{spec} is a directory, not an article file", source=spec)
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise InputTooLarge(
                f"{spec} is {size:,} bytes, over the limit of {settings.max_bytes:,}",
                source=spec,
                limit=settings.max_bytes,
                size=size,
            )
        data = path.read_bytes()
        sniff(data, spec, BinaryInput)
    except FileNotFoundError as e:
        raise InputNotFound(f"no such file: {spec}", source=spec) from e
    except PermissionError as e:
        raise InputNotFound(f"cannot read {spec}: permission denied", source=spec) from e
    return _from_bytes(data, source=spec, html_hint=path.suffix.lower() in _HTML_SUFFIXES)


def _fetch(url: str, settings: Settings) -> LoadedArticle:
    fetched = fetch(url, settings)
    article = _from_bytes(fetched.data, source=fetched.source, html_hint=fetched.html, charset=fetched.charset)
    return LoadedArticle(article.text, fetched.source, article.title, fetched.url, article.published)


def _check_size(data: bytes, source: str, limit: int) -> None:
    if len(data) > limit:
        raise InputTooLarge(f"{source} is over the limit of {limit:,} bytes", source=source, limit=limit, size=None)


def _from_bytes(data: bytes, *, source: str, html_hint: bool, charset: str | None = None) -> LoadedArticle:
    text = decode(data, source, charset)
    if html_hint or _looks_like_html(text):
        return _extract_html(_normalise_newlines(text), source=source, url=None)
    text = _normalise_newlines(text)
    _check_text(text, source)
    return LoadedArticle(text=text, source=source)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_text(text: str, source: str) -> None:
    if not text.strip():
        raise EmptyInput(f"{source} holds no text", source=source)


def _extract_html(html: str, *, source: str | None, url: str | None) -> LoadedArticle:
    try:
        import trafilatura
    except ImportError as e:  # lxml without lxml_html_clean, as an old pip installs it
        raise MissingDependency(
            f"reading HTML needs {e.name or 'a module'} ({e}); reinstall claimkit with a current pip", module=e.name
        ) from e

    label = source or "<html>"
    deadline.check()
    with deadline.guard():  # trafilatura reads a 5 MB page in 16 CPU-s, and cannot look at the deadline itself
        text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
        metadata = trafilatura.extract_metadata(html)
    title = metadata.title if metadata is not None else None
    published = metadata.date if metadata is not None else None
    if not text or not text.strip():
        raise EmptyInput(f"{label} is HTML with no article text in it", source=label)
    text = _normalise_newlines(text)
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return LoadedArticle(text=text, source=source, title=title, url=url, published=published)
