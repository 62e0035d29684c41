"""A pytest plugin to test code that calls claimkit's model offline: record once, replay always.

Installed with ``pip install 'claimkit[testing]'`` and loaded by pytest on its own. Use it so::

    def test_my_tool(claimkit_cassette, claimkit_settings):
        with claimkit_cassette():
            summary = claimkit.summarise(text, settings=claimkit_settings)

The cassette is ``cassettes/<test module>/<test name>.yaml`` under pytest's root directory (the ini
option ``claimkit_cassette_dir`` changes it). By default it only replays (``record_mode="none"``): an
unrecorded request fails the test and never reaches the network. To record, run pytest with
``--claimkit-record=once`` (or ``CLAIMKIT_RECORD=once``) and ``CLAIMKIT_RECORD_BASE_URL`` /
``CLAIMKIT_RECORD_MODEL`` / ``OPENAI_API_KEY`` naming a real server. Cassettes are clean by
construction: authorisation and other secret headers are dropped, any key is cut from URLs and bodies,
compressed bodies are decoded, and requests are matched on their JSON body too.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pytest

from .settings import Settings

__all__ = ["REPLAY_API_KEY", "SECRET_HEADERS", "cassette", "recorded_endpoint", "scrub_request", "scrub_response"]

REPLAY_API_KEY = "sk-replay-not-a-real-key"
SECRET_HEADERS = (
    "authorization",
    "api-key",
    "x-api-key",
    "openai-organization",
    "openai-project",
    "cookie",
    "set-cookie",
    "x-goog-api-key",
)
_KEY_RE = re.compile(r"\b(sk-[A-Za-z0-9_\-]{8,}|Bearer\s+[A-Za-z0-9_.\-]{8,})")
_DEFAULT_BASE_URL = "http://127.0.0.1:8765/v1"
_DEFAULT_MODEL = "gemma3-270m"


def _scrub_text(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if secret:
            text = text.replace(secret, "<filtered>")
    return _KEY_RE.sub("<filtered>", text)


def _secrets() -> list[str]:
    return [os.environ.get(name, "") for name in ("OPENAI_API_KEY", "CLAIMKIT_API_KEY", "AZURE_OPENAI_API_KEY")]


def scrub_request(request: Any) -> Any:
    """Drop secret headers, and any key in the URL or body, before a request is written."""
    for header in list(request.headers):
        if header.lower() in SECRET_HEADERS:
            del request.headers[header]
    request.uri = _scrub_text(request.uri, _secrets())
    if isinstance(request.body, bytes):
        request.body = _scrub_text(request.body.decode("utf-8", "replace"), _secrets()).encode("utf-8")
    return request


def scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    """Drop secret headers from a response before it is written."""
    headers = response.get("headers", {})
    for header in list(headers):
        if header.lower() in SECRET_HEADERS:
            del headers[header]
    body = response.get("body", {}).get("string")
    if isinstance(body, bytes):
        response["body"]["string"] = _scrub_text(body.decode("utf-8", "replace"), _secrets()).encode("utf-8")
    return response


def _json_body(request: Any) -> Any:
    try:
        return json.loads(request.body or b"null")
    except ValueError:
        return request.body


def _same_json_body(r1: Any, r2: Any) -> None:
    assert _json_body(r1) == _json_body(r2), "request bodies differ"


def cassette(path: Path, record_mode: str = "none") -> AbstractContextManager[Any]:
    """A vcrpy cassette at ``path`` with claimkit's scrubbing and matching."""
    import vcr

    recorder = vcr.VCR(
        record_mode=record_mode,
        decode_compressed_response=True,
        filter_headers=list(SECRET_HEADERS),
        before_record_request=scrub_request,
        before_record_response=scrub_response,
        match_on=("method", "scheme", "host", "port", "path", "query", "json_body"),
    )
    recorder.register_matcher("json_body", _same_json_body)
    # Re-recording ('all') keeps only this run's interactions: a stale reply must not linger in the file.
    context: AbstractContextManager[Any] = recorder.use_cassette(str(path), drop_unused_requests=record_mode == "all")
    return context


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("claimkit")
    group.addoption(
        "--claimkit-record",
        default=None,
        choices=("none", "once", "new_episodes", "all"),
        help="vcrpy record mode for claimkit cassettes (default: none, replay only; env CLAIMKIT_RECORD)",
    )
    parser.addini("claimkit_cassette_dir", "folder of claimkit cassettes, relative to the root", default="cassettes")


def _record_mode(config: pytest.Config) -> str:
    return str(config.getoption("--claimkit-record") or os.environ.get("CLAIMKIT_RECORD") or "none")


@pytest.fixture
def claimkit_record_mode(request: pytest.FixtureRequest) -> str:
    """'none' when replaying (the default), else the record mode asked for."""
    return _record_mode(request.config)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "claimkit_vcr: run the test inside its claimkit cassette (as pytest-recording's vcr marker)"
    )


def _cassette_path(request: pytest.FixtureRequest, name: str | None = None) -> Path:
    folder = Path(str(request.config.rootpath)) / str(request.config.getini("claimkit_cassette_dir"))
    module = request.node.module.__name__.rsplit(".", 1)[-1] if request.node.module else "tests"
    return folder / module / f"{name or request.node.name}.yaml"


@pytest.fixture
def claimkit_cache_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder for claimkit's cache and call log, also set as ``CLAIMKIT_CACHE_DIR``: the user's own cache
    never answers in a test (a warm cache would record no cassette, and an edited cassette would still pass)."""
    folder = tmp_path_factory.mktemp("claimkit-cache")
    monkeypatch.setenv("CLAIMKIT_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def claimkit_cassette(
    request: pytest.FixtureRequest, claimkit_record_mode: str, claimkit_cache_dir: Path
) -> Iterator[Callable[..., AbstractContextManager[Any]]]:
    """A factory of cassettes for this test: ``with claimkit_cassette(): …`` or ``claimkit_cassette("name")``."""

    def open_cassette(name: str | None = None) -> AbstractContextManager[Any]:
        from .engines.llm.structured import forget_endpoints

        forget_endpoints()  # the recorded requests include the probe of the structured-output mode
        path = _cassette_path(request, name)
        if claimkit_record_mode == "none" and not path.exists():
            pytest.fail(f"no cassette at {path}: record it with --claimkit-record=once against a real server")
        return cassette(path, claimkit_record_mode)

    yield open_cassette


@pytest.fixture(autouse=True)
def _claimkit_vcr_marker(request: pytest.FixtureRequest) -> Iterator[None]:
    """``@pytest.mark.claimkit_vcr``: the whole test runs inside its cassette."""
    if request.node.get_closest_marker("claimkit_vcr") is None:
        yield
        return
    open_cassette = request.getfixturevalue("claimkit_cassette")
    with open_cassette():
        yield


def recorded_endpoint(path: Path) -> tuple[str, str] | None:
    """The base URL and model of a cassette's first model call: what a replay must ask for to match it."""
    import yaml

    try:
        recorded = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    for interaction in (recorded or {}).get("interactions", []):
        request = interaction.get("request", {})
        uri, body = str(request.get("uri", "")), request.get("body")
        try:
            model = json.loads(body).get("model") if body else None
        except (ValueError, AttributeError):
            model = None
        if model and "/chat/completions" in uri:
            return uri.split("/chat/completions", 1)[0], str(model)
    return None


@pytest.fixture
def claimkit_settings(request: pytest.FixtureRequest, claimkit_record_mode: str, claimkit_cache_dir: Path) -> Settings:
    """Settings that match the recorded requests: the recording server's URL and model (read from the cassette on
    replay, so no variable is needed then), a dummy key on replay, and a cache of this test's own."""
    recording = claimkit_record_mode != "none"
    recorded = None if recording else recorded_endpoint(_cassette_path(request))
    base_url = os.environ.get("CLAIMKIT_RECORD_BASE_URL") or (recorded[0] if recorded else _DEFAULT_BASE_URL)
    model = os.environ.get("CLAIMKIT_RECORD_MODEL") or (recorded[1] if recorded else _DEFAULT_MODEL)
    key = os.environ.get("OPENAI_API_KEY") if recording else None
    return Settings(
        engine="llm",
        model=model,
        base_url=base_url,
        api_key=key or REPLAY_API_KEY,
        cache_dir=str(claimkit_cache_dir),
        max_retries=0,
        # A CPU server is slow (CLAIMKIT_RECORD_TIMEOUT when recording); the timeout is not part of the request.
        timeout=float(os.environ.get("CLAIMKIT_RECORD_TIMEOUT") or 300.0) if recording else 30.0,
    )
