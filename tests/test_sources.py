"""Reading articles: files, stdin, HTML, encodings, and every kind of bad input."""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import claimkit
from claimkit import errors
from claimkit.settings import Settings
from claimkit.sources import load

ARTICLE = "The mayor said the bridge would reopen in May. “We are ready,” she said."


def test_plain_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert load(str(path)).text == ARTICLE


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_other_encodings_are_decoded(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    assert load(str(path)).text == ARTICLE


def test_windows_newlines_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Title\r\n\r\nThe mayor said it.\r\n")
    assert load(str(path)).text == "Title\n\nThe mayor said it.\n"


def test_html_is_reduced_to_the_article_and_keeps_its_title(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{ARTICLE} Paragraph {n} adds more words to the story.</p>" for n in range(4))
    html = (
        "<!doctype html><html><head><title>Bridge to reopen</title><style>p{color:red}</style>"
        "<script>var said = 'x';</script></head><body><nav>Home | News</nav>"
        f"<article><h1>Bridge to reopen</h1>{paragraphs}</article><footer>© Paper</footer></body></html>"
    )
    path = tmp_path / "a.html"
    path.write_text(html, encoding="utf-8")
    article = load(str(path))
    assert article.title == "Bridge to reopen"
    assert "The mayor said the bridge would reopen in May." in article.text
    assert "var said" not in article.text and "color:red" not in article.text


@pytest.mark.parametrize(
    ("content", "error"),
    [
        (b"", errors.EmptyInput),
        (b"   \n\t  \n", errors.EmptyInput),
        (bytes(range(256)) * 8, errors.BinaryInput),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, errors.BinaryInput),
    ],
)
def test_bad_file_content(tmp_path: Path, content: bytes, error: type[Exception]) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(error):
        load(str(path))


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(errors.InputNotFound):
        load(str(tmp_path / "nope.txt"))
    with pytest.raises(errors.InputIsDirectory):
        load(str(tmp_path))


def test_over_the_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE * 100)
    with pytest.raises(errors.InputTooLarge) as caught:
        load(str(path), Settings(max_bytes=1000))
    assert caught.value.limit == 1000


def test_summarise_refuses_empty_text() -> None:
    with pytest.raises(errors.EmptyInput):
        claimkit.summarise("  \n ")


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        port = self.server.server_address[1]
        redirects = {
            "/moved": f"http://127.0.0.1:{port}/article",
            "/elsewhere": f"http://localhost:{port}/article",  # another host name than the one the user named
            "/loop": f"http://127.0.0.1:{port}/loop",
        }
        if self.path in redirects:
            self.send_response(302)
            self.send_header("Location", redirects[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/drip":  # one byte at a time, for longer than the deadline
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for byte in ARTICLE.encode()[:40]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
            return
        if self.path == "/short":  # announces more than it sends
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(ARTICLE) * 2))
            self.end_headers()
            self.wfile.write(ARTICLE.encode())
            return
        if self.path == "/garbage":  # not HTTP at all
            self.wfile.write(b"HELLO\r\n\r\n")
            return
        if self.path in ("/article", "/big", "/cp1252", "/pdf"):
            body = ARTICLE.encode() * (1000 if self.path == "/big" else 1)
            kind = "text/plain; charset=utf-8"
            if self.path == "/cp1252":
                body, kind = (
                    "Le maire a dit : « très bien », et il est parti.".encode("cp1252"),
                    "text/plain; charset=cp1252",
                )
            if self.path == "/pdf":
                body, kind = b"%PDF-1.7 not an article", "application/pdf"
            self.send_response(200)
            self.send_header("Content-Type", kind)
        else:
            body = b"not here"
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


INTRANET = Settings(allow_private_urls=True)


def test_private_addresses_are_refused_unless_allowed(local_server: str, hostile_row: Callable[..., None]) -> None:
    with pytest.raises(errors.FetchError, match="private, loopback or reserved"):
        load(f"{local_server}/article")
    assert load(f"{local_server}/article", INTRANET).text == ARTICLE
    hostile_row("network", "a loopback URL", "refused: FetchError (exit 8) unless `allow_private_urls`")


def test_url_is_fetched(local_server: str) -> None:
    article = load(f"{local_server}/article", INTRANET)
    assert article.text == ARTICLE
    assert article.url == f"{local_server}/article"


def test_url_errors(local_server: str) -> None:
    with pytest.raises(errors.FetchError, match="HTTP 404"):
        load(f"{local_server}/missing", INTRANET)
    port = local_server.rsplit(":", 1)[1]
    with pytest.raises(errors.FetchError):
        load(f"http://127.0.0.1:{int(port) + 1 if int(port) < 65535 else 1}/closed", Settings(timeout=2))
    with pytest.raises(errors.FetchError, match="not a valid URL"):
        load("http://[::1/", INTRANET)
    with pytest.raises(errors.FetchError, match="only http and https"):
        load("file:///etc/passwd")


def test_redirects_stay_on_the_named_host_and_are_bounded(local_server: str, hostile_row: Callable[..., None]) -> None:
    assert load(f"{local_server}/moved", INTRANET).text == ARTICLE
    with pytest.raises(errors.FetchError, match=r"redirect to http://localhost:[0-9]+ refused"):
        load(f"{local_server}/elsewhere", INTRANET)
    with pytest.raises(errors.FetchError, match="redirects in a loop"):
        load(f"{local_server}/loop", INTRANET)
    hostile_row("network", "a redirect to another host or port", "refused: FetchError (exit 8)")


def test_url_over_the_size_cap(local_server: str) -> None:
    with pytest.raises(errors.InputTooLarge):
        load(f"{local_server}/big", Settings(max_bytes=10_000, allow_private_urls=True))


def test_a_careful_client(local_server: str, hostile_row: Callable[..., None]) -> None:
    with pytest.raises(errors.FetchError, match="took longer than 1 s"):
        load(f"{local_server}/drip", Settings(timeout=1, allow_private_urls=True))
    with pytest.raises(errors.FetchError, match="ended after"):
        load(f"{local_server}/short", INTRANET)
    with pytest.raises(errors.FetchError, match="application/pdf, not text"):
        load(f"{local_server}/pdf", INTRANET)
    with pytest.raises(errors.FetchError, match="cannot fetch"):
        load(f"{local_server}/garbage", INTRANET)
    assert "« très bien »" in load(f"{local_server}/cp1252", INTRANET).text  # the declared charset
    hostile_row("network", "a server dripping one byte a second", "failed clearly: FetchError within the deadline")
    hostile_row("network", "a body shorter than its Content-Length", "failed clearly: FetchError (exit 8)")
    hostile_row("network", "a PDF served as the article", "refused: FetchError (exit 8), not text")
    hostile_row("network", "a server that answers no HTTP", "failed clearly: FetchError (exit 8)")
    hostile_row("network", "a page in cp1252 that declares it", "recovered: decoded by its declared charset")


def test_credentials_in_a_url_are_never_repeated(local_server: str, hostile_row: Callable[..., None]) -> None:
    url = local_server.replace("http://", "http://user:s3cret@") + "/missing"
    with pytest.raises(errors.FetchError) as caught:
        load(url, INTRANET)
    assert "s3cret" not in str(caught.value) and "***@127.0.0.1" in str(caught.value)
    hostile_row("network", "a URL's password in a message", "redacted in every message")


def test_the_command_line_refuses_a_loopback_url_unless_allowed(
    local_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from claimkit.cli import EXIT_CODES, app

    refused = CliRunner().invoke(app, ["summarise", f"{local_server}/article", "-f", "json"])
    assert refused.exit_code == EXIT_CODES[errors.FetchError]
    assert "allow_private_urls" in refused.output
    monkeypatch.setenv("CLAIMKIT_ALLOW_PRIVATE_URLS", "1")
    allowed = CliRunner().invoke(app, ["summarise", f"{local_server}/article", "-f", "json"])
    assert allowed.exit_code == 0, allowed.output
