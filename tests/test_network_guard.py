"""The URL reader against hostile servers and networks: real servers on 127.0.0.1, started and stopped here."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from claimkit import errors
from claimkit.settings import Settings
from claimkit.sources import load

ARTICLE = "The mayor said the bridge would reopen in May. “We are ready,” she said."
INTRANET = Settings(allow_private_urls=True)
RUSSIAN = 'Мэр сказал, что мост будет вновь открыт в мае. "Мы готовы", - сказала она.'
PUBLIC = "93.184.216.34"
"""A public address no test ever reaches: only the proxy below is asked for it, and the proxy answers itself."""


def test_tests_cannot_leave_the_machine() -> None:
    with pytest.raises(OSError, match="only the loopback"), socket.socket() as s:
        s.connect((PUBLIC, 80))


def _page(body: bytes, kind: str) -> Callable[[http.server.BaseHTTPRequestHandler], None]:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def _redirect(where: str) -> Callable[[http.server.BaseHTTPRequestHandler], None]:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", where)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def _html(body: str, meta: str) -> str:
    return (
        f'<!doctype html><html><head><meta charset="{meta}"><title>Мост</title></head>'
        f"<body><article><p>{body}</p><p>{body}</p><p>{body}</p></article></body></html>"
    )


PAGES: dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]] = {
    "/article": _page(ARTICLE.encode(), "text/plain; charset=utf-8"),
    "/koi8": _page(_html(RUSSIAN, "koi8-r").encode("koi8-r"), "text/html; charset=windows-1252"),
    "/utf8-as-latin1": _page(_html(RUSSIAN, "utf-8").encode(), "text/html; charset=iso-8859-1"),
    "/pdf-as-text": _page(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" * 20, "text/plain"),
    "/png-as-html": _page(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200, "text/html"),
    "/svg-as-xml": _page(
        b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><text>The mayor said so.</text></svg>',
        "application/xml",
    ),
    "/to-file": _redirect("file:///etc/passwd"),
    "/ping": _redirect("/pong"),
    "/pong": _redirect("/ping"),
}


class _Handler(http.server.BaseHTTPRequestHandler):
    seen: list[str]

    def do_GET(self) -> None:
        self.seen.append(self.path)
        answer = PAGES.get(self.path)
        if answer is None and self.path.startswith("http://"):  # a proxy's request: the absolute URL
            answer = _page(ARTICLE.encode(), "text/plain; charset=utf-8")
        if answer is None:
            self.send_error(404)
            return
        answer(self)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on 127.0.0.1 (its URL, and the paths it was asked for): a web server and a proxy both."""
    seen: list[str] = []
    handler = type("Handler", (_Handler,), {"seen": seen})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", seen
    httpd.shutdown()
    httpd.server_close()


def test_through_a_proxy_the_target_is_checked_not_the_proxy(
    server: tuple[str, list[str]], monkeypatch: pytest.MonkeyPatch, hostile_row: Callable[..., None]
) -> None:
    proxy, seen = server
    monkeypatch.setenv("http_proxy", proxy)
    monkeypatch.setenv("no_proxy", "")
    for private in ("http://127.0.0.1:9/article", "http://localhost/article", "http://[::1]/article"):
        with pytest.raises(errors.FetchError, match="private, loopback or reserved"):
            load(private)
    assert seen == []  # the proxy was never asked for a private page
    assert load(f"http://{PUBLIC}/article").text == ARTICLE  # a public page comes through the user's proxy
    assert seen == [f"http://{PUBLIC}/article"]
    hostile_row("network", "a private URL through `http_proxy`", "refused: FetchError (exit 8), the proxy never asked")


def _listener() -> socket.socket:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    return sock


def test_a_refused_address_is_never_connected_to_and_open_and_closed_ports_read_alike(
    hostile_row: Callable[..., None],
) -> None:
    listening = _listener()
    closed = _listener()
    closed_port = closed.getsockname()[1]
    closed.close()
    messages = []
    for port in (listening.getsockname()[1], closed_port):
        with pytest.raises(errors.FetchError) as caught:
            load(f"http://127.0.0.1:{port}/")
        messages.append(str(caught.value))
    with pytest.raises(BlockingIOError):
        listening.accept()  # no connection was ever made to it
    listening.close()
    assert messages[0] == messages[1] and "private, loopback or reserved" in messages[0]
    hostile_row("network", "a loopback port, open or closed", "refused before connecting; one message for both")


def _slowloris(stop: threading.Event) -> tuple[socket.socket, threading.Thread]:
    """A server that sends its status line and headers a byte every half second (inside any per-read timeout),
    for 15 s."""
    sock = _listener()
    sock.setblocking(True)
    sock.settimeout(0.2)

    def serve() -> None:
        while not stop.is_set():
            try:
                client, _ = sock.accept()
            except TimeoutError:
                continue
            with client:
                for byte in b"HTTP/1.1 200 OK\r\nX-Padding: aaaaaaaaa":
                    if stop.is_set():
                        break
                    try:
                        client.sendall(bytes([byte]))
                    except OSError:
                        break
                    time.sleep(0.5)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return sock, thread


def test_a_slowloris_server_is_held_to_one_deadline(hostile_row: Callable[..., None]) -> None:
    stop = threading.Event()
    sock, thread = _slowloris(stop)
    started = time.monotonic()
    try:
        with pytest.raises(errors.FetchError, match=r"took longer than 2 s .*whole exchange"):
            load(f"http://127.0.0.1:{sock.getsockname()[1]}/", Settings(timeout=2, allow_private_urls=True))
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        thread.join()
        sock.close()
    assert elapsed < 4  # per read, the timeout held it for as long as the server dripped (31 s and more)
    hostile_row(
        "network", "headers dripped a byte every 0.5 s under `--timeout 2`", f"FetchError after {elapsed:.1f} s"
    )


@pytest.mark.parametrize(
    ("path", "case"), [("/koi8", "KOI8-R labelled windows-1252"), ("/utf8-as-latin1", "UTF-8 labelled ISO-8859-1")]
)
def test_a_pages_meta_charset_is_honoured_when_the_header_is_wrong(
    server: tuple[str, list[str]], path: str, case: str, hostile_row: Callable[..., None]
) -> None:
    article = load(server[0] + path, INTRANET)
    assert "Мэр сказал, что мост будет вновь открыт в мае." in article.text
    assert article.title == "Мост"
    hostile_row("network", f"a page in {case}", "recovered: decoded by its bytes and its `<meta>` charset")


@pytest.mark.parametrize(
    ("path", "kind"),
    [("/pdf-as-text", "a PDF document"), ("/png-as-html", "a PNG image"), ("/svg-as-xml", "an SVG image")],
)
def test_documents_that_are_no_text_are_refused_whatever_their_type(
    server: tuple[str, list[str]], path: str, kind: str, hostile_row: Callable[..., None]
) -> None:
    with pytest.raises(errors.FetchError, match=f"is {kind} \\(served as [a-z/]+\\), not text"):
        load(server[0] + path, INTRANET)
    served = {"/pdf-as-text": "text/plain", "/png-as-html": "text/html", "/svg-as-xml": "application/xml"}[path]
    hostile_row("network", f"{kind} served as `{served}`", "refused: FetchError (exit 8), sniffed")


def test_a_url_with_credentials_is_refused_with_its_reason(
    server: tuple[str, list[str]], hostile_row: Callable[..., None]
) -> None:
    url, seen = server
    with pytest.raises(errors.FetchError, match="user name or password") as caught:
        load(url.replace("http://", "http://user:s3cret@") + "/article", INTRANET)
    assert "s3cret" not in str(caught.value) and "***@127.0.0.1" in str(caught.value)
    assert seen == []
    hostile_row("network", "`user:pass@` in a URL", "refused: FetchError (exit 8), why said, never sent")


def test_redirect_loops_and_other_schemes_are_named(
    server: tuple[str, list[str]], hostile_row: Callable[..., None]
) -> None:
    with pytest.raises(errors.FetchError, match="redirects in a loop"):
        load(server[0] + "/ping", INTRANET)
    with pytest.raises(errors.FetchError, match="to a file: URL; only http and https"):
        load(server[0] + "/to-file", INTRANET)
    hostile_row("network", "a redirect loop; a redirect to `file://`", "refused: FetchError (exit 8), named")
