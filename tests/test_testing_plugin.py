"""A fresh project tests its own code with claimkit's pytest plugin: it records a cassette against a local server,
then replays it with the server gone, no network and no recording variable."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .openai_server import Step, scripted_server

_TOY_TEST = """
import claimkit
import pytest

TEXT = "Anna Schmidt said the bridge would reopen in May."


@pytest.mark.claimkit_vcr
def test_the_bridge(claimkit_settings):
    summary = claimkit.summarise(TEXT, settings=claimkit_settings)
    assert [(c.quote.text, summary.speaker(c.speaker_id).name) for c in summary.claims] == [
        ("the bridge would reopen in May", "Anna Schmidt")
    ]
    assert not summary.provenance.cached
"""

_REPLY = {
    "speakers": [{"name": "Anna Schmidt", "role": None, "affiliation": None, "kind": "person"}],
    "claims": [
        {
            "speaker": "Anna Schmidt",
            "mention": "Anna Schmidt",
            "cue": "said",
            "quote": "the bridge would reopen in May",
            "kind": "indirect",
            "stance": "neutral",
            "answers": None,
        }
    ],
}
_CANARY = "sk-canary-toyproject-0123456789abcdef"


def _pytest(project: Path, env: dict[str, str], *arguments: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CLAIMKIT_", "OPENAI_"))}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *arguments]
    return subprocess.run(command, cwd=project, env={**clean, **env}, capture_output=True, text=True, timeout=300)


def test_a_fresh_project_records_then_replays_with_no_variables(tmp_path: Path) -> None:
    project = tmp_path / "toy"
    (project / "tests").mkdir(parents=True)
    (project / "pytest.ini").write_text("[pytest]\ntestpaths = tests\n")
    (project / "tests" / "test_toy.py").write_text(_TOY_TEST)
    home = {"HOME": str(tmp_path / "home")}
    with scripted_server([Step(content=json.dumps(_REPLY))]) as (server, base_url):
        recorded = _pytest(
            project,
            {
                **home,
                "CLAIMKIT_RECORD_BASE_URL": base_url,
                "CLAIMKIT_RECORD_MODEL": "toy-model",
                "OPENAI_API_KEY": _CANARY,
            },
            "--claimkit-record=once",
        )
        assert recorded.returncode == 0, recorded.stdout + recorded.stderr
        asked = server.count
    assert asked >= 1
    cassette = project / "cassettes" / "test_toy" / "test_the_bridge.yaml"
    assert cassette.exists()
    assert _CANARY not in cassette.read_text()
    assert not (tmp_path / "home" / ".cache" / "claimkit").exists()  # the user's cache was never touched
    # Replay: the server is gone, no variable names it, and (where the machine allows) no network at all.
    replay = [sys.executable, "-m", "pytest"]
    no_network = (
        shutil.which("unshare") is not None
        and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0
    )
    replayed = (
        subprocess.run(
            ["unshare", "-n", *replay, "-q", "-p", "no:cacheprovider"],
            cwd=project,
            env={k: v for k, v in os.environ.items() if not k.startswith(("CLAIMKIT_", "OPENAI_"))} | home,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if no_network
        else _pytest(project, home)
    )
    assert replayed.returncode == 0, replayed.stdout + replayed.stderr
    assert "1 passed" in replayed.stdout
