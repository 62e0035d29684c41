from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_000 = SEEDS / "000_dfd1fb36f96fa095.txt"
SEED_002 = SEEDS / "002_4cc666bf275705eb.txt"
EVAL_DIR = Path(os.environ.get("CLAIMKIT_EVAL_DIR", ROOT.parent / "shared" / "eval"))


_RECORDING_VARIABLES = {"CLAIMKIT_RECORD", "CLAIMKIT_RECORD_BASE_URL", "CLAIMKIT_RECORD_MODEL"}


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests see no claimkit or OpenAI settings from the machine they run on."""
    for name in list(os.environ):
        if name.startswith(("CLAIMKIT_", "OPENAI_")) and name not in _RECORDING_VARIABLES:
            monkeypatch.delenv(name)
    monkeypatch.setenv("CLAIMKIT_CONFIG", os.devnull)


@pytest.fixture
def eval_dir() -> Path:
    """The third-party gold data beside the project; tests that need it skip when it is absent."""
    if not (EVAL_DIR / "polnear.dev.jsonl").exists():
        pytest.skip(f"evaluation data not found in {EVAL_DIR}")
    return EVAL_DIR
