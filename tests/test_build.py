"""Which build of claimkit the suite runs: pure Python in .venv, compiled with mypyc in .venv-compiled."""

from __future__ import annotations

import importlib
import os
import re
from pathlib import Path

SETUP = Path(__file__).resolve().parent.parent / "setup.py"
EXPECT_COMPILED = os.environ.get("CLAIMKIT_EXPECT_COMPILED") == "1"  # read before the fixtures clear CLAIMKIT_*


def test_the_suite_runs_the_build_it_was_asked_to() -> None:
    """`make test-compiled` sets CLAIMKIT_EXPECT_COMPILED=1; elsewhere no compiled module may shadow a source file."""
    modules = [m.group(1).replace("/", ".") for m in re.finditer(r'"claimkit/([\w/]+)\.py"', SETUP.read_text())]
    assert "engines.embedded.walk" in modules
    files = {name: importlib.import_module(f"claimkit.{name}").__file__ or "" for name in modules}
    compiled = {name for name, path in files.items() if not path.endswith(".py")}
    expected = set(modules) if EXPECT_COMPILED else set()
    assert compiled == expected, files
