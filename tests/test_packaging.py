"""The package installs and reads HTML with the pip that `python3 -m venv` ships, not only with a current one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE = """<html><head><title>Minister resigns over leak</title></head><body><article>
<h1>Minister resigns over leak</h1>
<p>The defence minister resigned on Monday after a week of pressure over the leaked report.</p>
<p>“I take full responsibility for what happened,” the minister said in a statement to parliament.</p>
<p>Opposition leader Jane Smith said the resignation came far too late and demanded an inquiry.</p>
</article></body></html>
"""


def _index_unreachable() -> str | None:
    """Why the package index cannot be reached (no network), or None when it can. Asked in a child process: this
    suite's own processes reach nothing but 127.0.0.1."""
    index = os.environ.get("PIP_INDEX_URL", "https://pypi.org/simple")
    probe = f"import urllib.request; urllib.request.urlopen({index.rstrip('/') + '/pip/'!r}, timeout=5).read(1)"
    try:
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=30)
    except subprocess.TimeoutExpired:
        return f"the package index {index} did not answer in 30 s"
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no answer"])[-1]
        return f"the package index {index} cannot be reached ({last}); installing needs it"
    return None


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("CLAIMKIT_EXPECT_COMPILED") == "1", reason="the pure suite installs the package once; enough"
)
@pytest.mark.skipif(shutil.which("python3") is None, reason="no python3 on PATH to make a venv with")
def test_pip_install_with_the_venv_pip_reads_html(tmp_path: Path) -> None:
    offline = _index_unreachable()
    if offline is not None:
        pytest.skip(offline)
    venv = tmp_path / "venv"
    subprocess.run(["python3", "-m", "venv", str(venv)], check=True)  # its own pip, not upgraded
    subprocess.run(
        [str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    done = subprocess.run(
        [str(venv / "bin" / "claimkit"), "summarise", str(page), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "CLAIMKIT_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "I take full responsibility" in done.stdout
