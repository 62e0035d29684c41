"""No cassette holds a secret. Cassettes are recorded with a canary key planted in OPENAI_API_KEY."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .conftest import ROOT

CANARY_PREFIX = "sk-canary-claimkit-"
_SECRET_RE = re.compile(rb"(?im)sk-[A-Za-z0-9_\-]{12,}|Bearer\s+\S{8,}|^\s*-?\s*authorization:|api-key:")


def _cassettes() -> list[os.PathLike[str]]:
    return sorted((ROOT / "cassettes").rglob("*.yaml"))


def test_cassettes_exist() -> None:
    assert len(_cassettes()) >= 6


@pytest.mark.parametrize("path", _cassettes(), ids=lambda p: os.fspath(p).rsplit("cassettes/", 1)[-1])
def test_no_cassette_holds_a_secret(path: os.PathLike[str]) -> None:
    data = Path(path).read_bytes()
    assert CANARY_PREFIX.encode() not in data
    assert _SECRET_RE.search(data) is None
    assert b"!!binary" not in data, "compressed bodies must be decoded before they are written"


def test_recording_plants_the_canary() -> None:
    """When recording, the key in use is the canary, so the check above would find a leak."""
    if os.environ.get("CLAIMKIT_RECORD", "none") == "none":
        pytest.skip("replaying: no key is in use")
    assert os.environ.get("OPENAI_API_KEY", "").startswith(CANARY_PREFIX)
