"""Load an article from a path, standard input, a URL, or a string; plain text or HTML."""

from __future__ import annotations

import hashlib
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import (
    BinaryInput,
    EmptyInput,
    FetchError,
    InputIsDirectory,
    InputNotFound,
    InputTooLarge,
    MissingDependency,
)
from .settings import Settings

__all__ = ["LoadedArticle", "from_text", "load"]

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
    if spec == "-":
        data = sys.stdin.buffer.read(settings.max_bytes + 1)
        _check_size(data, spec, settings.max_bytes)
        return _from_bytes(data, source="-", html_hint=False)
    if "://" in spec:
        return _fetch(spec, settings)
    return _read_file(Path(spec), settings)


def from_text(text: str, *, source: str | None = None, html: bool | None = None) -> LoadedArticle:
    """An article from a string already in memory (HTML is detected unless ``html`` says)."""
    text = _normalise_newlines(text)
    if html or (html is None and _looks_like_html(text)):
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
    except FileNotFoundError as e:
        raise InputNotFound(f"no such file: {spec}", source=spec) from e
    except PermissionError as e:
        raise InputNotFound(f"cannot read {spec}: permission denied", source=spec) from e
    return _from_bytes(data, source=spec, html_hint=path.suffix.lower() in _HTML_SUFFIXES)


def _fetch(url: str, settings: Settings) -> LoadedArticle:
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"only http and https URLs are read, not {url.split('://')[0]}://", source=url)
    request = urllib.request.Request(url, headers={"User-Agent": "claimkit"})
    try:
        with urllib.request.build_opener(_SameHostRedirects()).open(request, timeout=settings.timeout) as response:
            data = response.read(settings.max_bytes + 1)
            content_type = response.headers.get("Content-Type", "")
            final_url = response.geturl()
    except urllib.error.HTTPError as e:
        detail = f" ({e.msg})" if "refused" in str(e.msg) else ""
        raise FetchError(f"{url} answered HTTP {e.code}{detail}", source=url) from e
    except (urllib.error.URLError, TimeoutError, OSError) as e:
        reason = e.reason if isinstance(e, urllib.error.URLError) else e
        raise FetchError(f"cannot fetch {url}: {reason}", source=url) from e
    _check_size(data, url, settings.max_bytes)
    article = _from_bytes(data, source=url, html_hint="html" in content_type.lower())
    return LoadedArticle(text=article.text, source=url, title=article.title, url=final_url, published=article.published)


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow at most five redirects, and only to the host the user named, over http or https."""

    max_redirections = 5

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        named = urllib.parse.urlsplit(req.full_url)
        target = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, newurl))
        if target.scheme not in ("http", "https") or target.hostname != named.hostname:
            raise urllib.error.HTTPError(
                req.full_url, code, f"redirect to {target.scheme}://{target.hostname} refused", headers, fp
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _check_size(data: bytes, source: str, limit: int) -> None:
    if len(data) > limit:
        raise InputTooLarge(f"{source} is over the limit of {limit:,} bytes", source=source, limit=limit, size=None)


def _from_bytes(data: bytes, *, source: str, html_hint: bool) -> LoadedArticle:
    text = _decode(data, source)
    if html_hint or _looks_like_html(text):
        return _extract_html(_normalise_newlines(text), source=source, url=None)
    text = _normalise_newlines(text)
    _check_text(text, source)
    return LoadedArticle(text=text, source=source)


def _decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else the best guess of charset-normalizer."""
    if not data.strip():
        raise EmptyInput(f"{source} is empty", source=source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _guess_decoding(data, source)
    if _looks_binary(text):
        raise BinaryInput(f"{source} looks like binary data, not text", source=source)
    return text


def _guess_decoding(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BinaryInput(f"{source} is not text in any encoding claimkit recognises", source=source)
    return str(best)


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return "\x00" in sample or controls > len(sample) * 0.05


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
