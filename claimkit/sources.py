"""Load an article from a path, standard input, a URL, or a string; plain text or HTML."""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import socket
import sys
import time
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
    """Read a URL as a careful client: public addresses only (unless ``allow_private_urls``), checked when the
    connection is made and on every redirect; one deadline for the whole response; text types only; the declared
    length and charset honoured; credentials in the URL never repeated in a message."""
    shown = redact_url(url)
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"only http and https URLs are read, not {url.split('://')[0]}://", source=shown)
    try:
        request = urllib.request.Request(url, headers={"User-Agent": "claimkit"})
        opener = urllib.request.build_opener(_SameHostRedirects(), _GuardedHTTP(settings), _GuardedHTTPS(settings))
        with opener.open(request, timeout=settings.timeout) as response:
            data = _read_within(response, settings, shown)
            content_type = response.headers.get("Content-Type", "")
            charset = response.headers.get_content_charset()
            final_url = response.geturl()
    except urllib.error.HTTPError as e:
        detail = f" ({e.msg})" if "refused" in str(e.msg) else ""
        raise FetchError(f"{shown} answered HTTP {e.code}{detail}", source=shown) from e
    except FetchError:
        raise
    except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException, ValueError) as e:
        reason = e.reason if isinstance(e, urllib.error.URLError) else (str(e) or type(e).__name__)
        raise FetchError(f"cannot fetch {shown}: {reason}", source=shown) from e
    _check_type(content_type, shown)
    article = _from_bytes(data, source=shown, html_hint="html" in content_type.lower(), charset=charset)
    final = redact_url(final_url)
    return LoadedArticle(text=article.text, source=shown, title=article.title, url=final, published=article.published)


def redact_url(url: str) -> str:
    """The URL with any user name and password replaced by '***' (for messages, records and logs)."""
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return url.split("@", 1)[-1] if "@" in url else url
    if parts.username is None and parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[-1]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"***@{host}"))


_TEXT_TYPES = (
    "text/",
    "application/xhtml",
    "application/xml",
    "application/json",
    "application/rss",
    "application/atom",
)


def _check_type(content_type: str, source: str) -> None:
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind and not kind.startswith(_TEXT_TYPES):
        raise FetchError(f"{source} is {kind}, not text or HTML", source=source)


def _read_within(response: Any, settings: Settings, source: str) -> bytes:
    """The body, read against one deadline for the whole response (``timeout``), the size cap, and the declared
    Content-Length: a server that drips bytes, or ends early, gives an error, not a truncated article."""
    deadline = time.monotonic() + settings.timeout
    declared = response.headers.get("Content-Length")
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = response.read1(65_536)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > settings.max_bytes:
            raise InputTooLarge(f"{source} is over the limit of {settings.max_bytes:,} bytes", source=source,
                                limit=settings.max_bytes, size=None)  # fmt: skip
        if time.monotonic() > deadline:
            raise FetchError(f"{source} took longer than {settings.timeout:g} s to send", source=source)
    if declared is not None and declared.isdigit() and size < int(declared):
        raise FetchError(f"{source} ended after {size:,} of the {int(declared):,} bytes it announced", source=source)
    return b"".join(chunks)


def _public_only(settings: Settings) -> Any:
    """``socket.create_connection`` that refuses a peer that is not a public address (unless allowed)."""

    def create_connection(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        sock = socket.create_connection(address, *args, **kwargs)
        if not settings.allow_private_urls:
            peer = ipaddress.ip_address(sock.getpeername()[0])
            mapped = getattr(peer, "ipv4_mapped", None)
            if not (mapped or peer).is_global:
                sock.close()
                raise FetchError(
                    f"{address[0]} is a private, loopback or reserved address ({peer}); "
                    "set allow_private_urls (CLAIMKIT_ALLOW_PRIVATE_URLS=1) to read intranet pages",
                    source=address[0],
                )
        return sock

    return create_connection


def _guarded(base: type[http.client.HTTPConnection], connect: Any) -> type[http.client.HTTPConnection]:
    """``base`` (HTTP or HTTPS) connecting through ``connect``: checked when the connection is made."""

    class Connection(base):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = connect

    return Connection


class _GuardedHTTP(urllib.request.HTTPHandler):
    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self._connection = _guarded(http.client.HTTPConnection, _public_only(settings))

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _GuardedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self._connection = _guarded(http.client.HTTPSConnection, _public_only(settings))

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow at most five redirects, and only to the host and port the user named, over http or https."""

    max_redirections = 5

    def redirect_request(
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> urllib.request.Request | None:
        named = urllib.parse.urlsplit(req.full_url)
        target = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, newurl))
        same_place = target.hostname == named.hostname and target.port == named.port
        if target.scheme not in ("http", "https") or not same_place:
            where = f"{target.scheme}://{target.hostname}" + (f":{target.port}" if target.port else "")
            raise urllib.error.HTTPError(req.full_url, code, f"redirect to {where} refused", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _check_size(data: bytes, source: str, limit: int) -> None:
    if len(data) > limit:
        raise InputTooLarge(f"{source} is over the limit of {limit:,} bytes", source=source, limit=limit, size=None)


def _from_bytes(data: bytes, *, source: str, html_hint: bool, charset: str | None = None) -> LoadedArticle:
    text = _decode(data, source, charset)
    if html_hint or _looks_like_html(text):
        return _extract_html(_normalise_newlines(text), source=source, url=None)
    text = _normalise_newlines(text)
    _check_text(text, source)
    return LoadedArticle(text=text, source=source)


def _decode(data: bytes, source: str, charset: str | None = None) -> str:
    """UTF-16 with a BOM, the charset the server declared, UTF-8 (with or without BOM), else the best guess of
    charset-normalizer."""
    if not data.strip():
        raise EmptyInput(f"{source} is empty", source=source)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if charset is not None and not data.startswith(b"\xef\xbb\xbf"):
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a charset the data does not fit: guess
        else:
            if _looks_binary(text):
                raise BinaryInput(f"{source} looks like binary data, not text", source=source)
            return text
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
