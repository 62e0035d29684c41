"""Fetch a URL as a careful client: the network half of ``claimkit.sources``.

- Addresses: public ones only unless ``allow_private_urls``; the name is resolved here and a refused address is
  never connected to (one message, whatever listens there); through a proxy (``http_proxy``, ``https_proxy``)
  the proxy is reached as configured and the target's own addresses are checked by name.
- Time: one deadline (``timeout``) over the whole exchange (connection, headers, redirects, body).
- Redirects: at most five, to the same host and port, over http or https; loops and other schemes named.
- Content: text types only, and bytes that are a PDF, an image or SVG refused whatever their declared type.
- Credentials: a URL with a user name or password is refused, and never repeated in a message.
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from ..errors import FetchError, InputTooLarge
from ..settings import Settings
from .decoding import sniff

__all__ = ["Fetched", "fetch", "redact_url"]


@dataclass(frozen=True)
class Fetched:
    """A page as the server sent it: its bytes, declared type and charset, and the URL after redirects."""

    data: bytes
    content_type: str
    charset: str | None
    url: str
    source: str
    """The URL as shown in messages and records (credentials never in it)."""

    @property
    def html(self) -> bool:
        return "html" in self.content_type.lower()


def fetch(url: str, settings: Settings) -> Fetched:
    """Read a URL as a careful client: public addresses only (unless ``allow_private_urls``), checked before any
    connection is made (through a proxy, the target's address) and on every redirect; one deadline for the whole
    exchange (``timeout``); text types only, sniffed as well as declared; the declared length honoured, the
    charset from the bytes, the header and the page's own ``<meta>``; credentials in a URL refused, never
    repeated in a message."""
    shown = redact_url(url)
    target = _target(url, shown)
    proxy = _proxy_for(target)
    if proxy is not None and not settings.allow_private_urls:
        _check_through_proxy(target, shown)
    with _Exchange(settings.timeout, shown) as exchange:
        try:
            request = urllib.request.Request(url, headers={"User-Agent": "claimkit"})
            opener = urllib.request.build_opener(
                urllib.request.ProxyHandler({target.scheme: proxy} if proxy else {}),
                _SameHostRedirects(),
                _GuardedHTTP(settings, exchange, proxy),
                _GuardedHTTPS(settings, exchange, proxy),
            )
            with opener.open(request, timeout=settings.timeout) as response:
                data = _read_within(response, settings, shown, exchange)
                content_type = response.headers.get("Content-Type", "")
                charset = response.headers.get_content_charset()
                final_url = response.geturl()
        except (FetchError, InputTooLarge):
            raise
        except urllib.error.HTTPError as e:
            raise exchange.failed(e) or FetchError(f"{shown} answered HTTP {e.code}", source=shown) from e
        except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException, ValueError) as e:
            reason = e.reason if isinstance(e, urllib.error.URLError) else (str(e) or type(e).__name__)
            raise exchange.failed(e) or FetchError(f"cannot fetch {shown}: {reason}", source=shown) from e
    _check_type(content_type, shown)
    sniff(data, shown, FetchError, served_as=content_type.split(";", 1)[0].strip() or None)
    return Fetched(data, content_type, charset, redact_url(final_url), shown)


def _target(url: str, shown: str) -> urllib.parse.SplitResult:
    """The URL's parts, once checked: http or https, a host, no user name or password."""
    try:
        target = urllib.parse.urlsplit(url)
        target.port  # noqa: B018 -- a port that is no number raises here, not deep in the connection
    except ValueError as e:
        raise FetchError(f"{shown} is not a valid URL ({e})", source=shown) from e
    if target.scheme.lower() not in ("http", "https"):
        raise FetchError(f"only http and https URLs are read, not {target.scheme}://", source=shown)
    if target.username is not None or target.password is not None:
        raise FetchError(
            f"{shown} holds a user name or password: claimkit sends no credentials; "
            "save the page with a tool you trust and pass the file",
            source=shown,
        )
    if not target.hostname:
        raise FetchError(f"{shown} names no host", source=shown)
    return target


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


class _Exchange:
    """One deadline over a whole HTTP exchange: connecting, the headers, every redirect and the body.

    A socket's own timeout bounds a single read; a server that sends one byte just inside it, again and again,
    would hold the client for ever. A timer shuts every socket of the exchange down at the deadline, and what
    fails after it is reported as the deadline it is.
    """

    def __init__(self, seconds: float, source: str) -> None:
        self.seconds = seconds
        self.source = source
        self.expires = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Exchange:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def remaining(self) -> float:
        left = self.expires - time.monotonic()
        if left <= 0:
            raise self.timeout()
        return left

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            expired = self.expired
        if expired:
            _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def timeout(self) -> FetchError:
        return FetchError(
            f"{self.source} took longer than {self.seconds:g} s to answer (timeout, over the whole exchange)",
            source=self.source,
        )

    def failed(self, error: BaseException) -> FetchError | None:
        """The deadline's error when ``error`` came of it (a socket shut at the deadline), else None."""
        return self.timeout() if self.expired or time.monotonic() >= self.expires else None


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # closed already
        sock.shutdown(socket.SHUT_RDWR)


def _read_within(response: Any, settings: Settings, source: str, exchange: _Exchange) -> bytes:
    """The body, against the exchange's deadline, the size cap and the declared Content-Length: a server that
    drips bytes, or ends early, gives an error, not a truncated article."""
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
        exchange.remaining()
    if exchange.expired:  # the socket was shut mid-body: what came is not the page
        raise exchange.timeout()
    if declared is not None and declared.isdigit() and size < int(declared):
        raise FetchError(f"{source} ended after {size:,} of the {int(declared):,} bytes it announced", source=source)
    return b"".join(chunks)


def _proxy_for(target: urllib.parse.SplitResult) -> str | None:
    """The proxy the environment names for this URL (``http_proxy``, ``https_proxy``, ``no_proxy``), if any."""
    proxy = urllib.request.getproxies().get(target.scheme.lower())
    if proxy is None or urllib.request.proxy_bypass(target.netloc):
        return None
    return proxy


def _check_through_proxy(target: urllib.parse.SplitResult, shown: str) -> None:
    """Through a proxy the connection is the proxy's, so the target's own addresses are checked here, by name:
    a name that does not resolve here cannot be checked, and is refused."""
    host = target.hostname or ""
    try:
        addresses = {str(info[4][0]) for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)}
    except (OSError, UnicodeError) as e:
        raise FetchError(
            f"cannot check the address of {host} before asking the proxy for {shown} ({e}); "
            "set allow_private_urls (CLAIMKIT_ALLOW_PRIVATE_URLS=1) to let the proxy resolve it",
            source=shown,
        ) from e
    private = sorted(a for a in addresses if not _is_public(a))
    if private:
        raise _private(host, private[0])


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    mapped = getattr(ip, "ipv4_mapped", None)
    return bool((mapped or ip).is_global)


def _private(host: str, address: str) -> FetchError:
    """One message for a refused address, whatever listens on it: nothing was sent there."""
    return FetchError(
        f"{host} is a private, loopback or reserved address ({address}); "
        "set allow_private_urls (CLAIMKIT_ALLOW_PRIVATE_URLS=1) to read intranet pages",
        source=host,
    )


def _public_only(settings: Settings, exchange: _Exchange, proxy: str | None) -> Any:
    """``socket.create_connection`` that resolves the name itself and connects only to addresses it allows (every
    one with ``allow_private_urls``; public ones otherwise), so a refused address is never touched. The proxy the
    user configured is theirs to choose: it is reached whatever its address."""
    proxy_place = _host_port(proxy) if proxy else None

    def create_connection(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        host, port = address
        if settings.allow_private_urls or (host, port) == proxy_place:
            sock = socket.create_connection(address, exchange.remaining())
        else:
            sock = _connect_public(host, port, exchange)
        sock.settimeout(min(settings.timeout, exchange.remaining()))
        exchange.watch(sock)
        return sock

    return create_connection


def _connect_public(host: str, port: int, exchange: _Exchange) -> socket.socket:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    allowed = [info for info in infos if _is_public(str(info[4][0]))]
    if not allowed:
        raise _private(host, str(infos[0][4][0]))
    error: OSError | None = None
    for family, kind, protocol, _, place in allowed:
        sock = socket.socket(family, kind, protocol)
        try:
            sock.settimeout(exchange.remaining())
            sock.connect(place)
        except OSError as e:
            sock.close()
            error = e
            continue
        return sock
    assert error is not None
    raise error


def _host_port(url: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(url if "://" in url else f"http://{url}")
    return parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)


def _guarded(
    base: type[http.client.HTTPConnection], connect: Any, exchange: _Exchange
) -> type[http.client.HTTPConnection]:
    """``base`` (HTTP or HTTPS) connecting through ``connect``; its socket (after TLS) watched by the deadline."""

    class Connection(base):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = connect

        def connect(self) -> None:
            super().connect()
            exchange.watch(self.sock)

    return Connection


class _GuardedHTTP(urllib.request.HTTPHandler):
    def __init__(self, settings: Settings, exchange: _Exchange, proxy: str | None) -> None:
        super().__init__()
        connect = _public_only(settings, exchange, proxy)
        self._connection = _guarded(http.client.HTTPConnection, connect, exchange)

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _GuardedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, settings: Settings, exchange: _Exchange, proxy: str | None) -> None:
        super().__init__()
        connect = _public_only(settings, exchange, proxy)
        self._connection = _guarded(http.client.HTTPSConnection, connect, exchange)

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(self._connection, req)


class _SameHostRedirects(urllib.request.HTTPRedirectHandler):
    """Follow at most five redirects, and only to the host and port the user named, over http or https; say
    which rule a refused redirect broke."""

    max_redirections = 5

    def http_error_302(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any) -> Any:
        location = headers.get("location") or headers.get("uri")
        if location:
            self._check(req, urllib.parse.urljoin(req.full_url, location.strip()), code)
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    def _check(self, req: urllib.request.Request, newurl: str, code: int) -> None:
        shown = redact_url(req.full_url)
        try:
            target = urllib.parse.urlsplit(newurl)
            named = urllib.parse.urlsplit(req.full_url)
            same_place = target.hostname == named.hostname and target.port == named.port
        except ValueError as e:
            raise FetchError(f"{shown} redirects (HTTP {code}) to a URL that is not valid", source=shown) from e
        if target.scheme.lower() not in ("http", "https"):
            raise FetchError(
                f"{shown} redirects (HTTP {code}) to a {target.scheme or 'relative'}: URL; only http and https "
                "redirects are followed",
                source=shown,
            )
        if not same_place:
            where = f"{target.scheme}://{target.hostname}" + (f":{target.port}" if target.port else "")
            raise FetchError(f"{shown}: redirect to {where} refused (another host or port)", source=shown)
        visited: dict[str, int] = getattr(req, "redirect_dict", {})
        if newurl in visited or urllib.parse.urlunsplit(target) == req.full_url:
            raise FetchError(f"{shown} redirects in a loop (HTTP {code} back to {redact_url(newurl)})", source=shown)
        if len(visited) >= self.max_redirections:
            raise FetchError(f"{shown} redirects more than {self.max_redirections} times", source=shown)
