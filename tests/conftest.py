from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_000 = SEEDS / "000_dfd1fb36f96fa095.txt"
SEED_002 = SEEDS / "002_4cc666bf275705eb.txt"
EVAL_DIR = Path(os.environ.get("CLAIMKIT_EVAL_DIR", ROOT.parent / "shared" / "eval"))


_RECORDING_VARIABLES = {"CLAIMKIT_RECORD", "CLAIMKIT_RECORD_BASE_URL", "CLAIMKIT_RECORD_MODEL"}
if os.environ.get("CLAIMKIT_RECORD", "none") != "none":
    _RECORDING_VARIABLES.add("OPENAI_API_KEY")  # the canary key planted while recording
_LOOPBACK = ("127.", "::1", "localhost")


@pytest.fixture(autouse=True)
def _loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests reach 127.0.0.1 and nothing else: cassettes replay, faults come from local servers."""
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def check(address: object) -> None:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not host.startswith(_LOOPBACK) and "/" not in host:
            raise OSError(f"the tests may not reach {host}: only the loopback address is allowed")

    def connect(self: socket.socket, address: object) -> None:
        check(address)
        real_connect(self, address)  # type: ignore[arg-type]

    def connect_ex(self: socket.socket, address: object) -> int:
        check(address)
        return real_connect_ex(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests see no claimkit or OpenAI settings from the machine they run on."""
    for name in list(os.environ):
        if name.startswith(("CLAIMKIT_", "OPENAI_")) and name not in _RECORDING_VARIABLES:
            monkeypatch.delenv(name)
    monkeypatch.setenv("CLAIMKIT_CONFIG", os.devnull)
    monkeypatch.setenv("CLAIMKIT_CACHE_DIR", str(tmp_path / "claimkit-cache"))


@pytest.fixture
def eval_dir() -> Path:
    """The third-party gold data beside the project; tests that need it skip when it is absent."""
    if not (EVAL_DIR / "polnear.dev.jsonl").exists():
        pytest.skip(f"evaluation data not found in {EVAL_DIR}")
    return EVAL_DIR
