"""What the model-free path loads: never the openai SDK, rich or jinja2 (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SEED = Path(__file__).parent.parent / "seeds" / "002_4cc666bf275705eb.txt"

_PROGRAM = """
import sys
import claimkit
claimkit.summarise(open(sys.argv[1], encoding="utf-8").read(), engine="embedded")
claimkit.stance("The minister resigned.", "The minister said he would not resign.", engine="embedded")
print(" ".join(sorted(m for m in ("openai", "rich", "jinja2", "httpx") if m in sys.modules)))
"""


def test_the_model_free_path_never_imports_the_sdk() -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", _PROGRAM, str(SEED)], capture_output=True, text=True, check=True
    ).stdout.split()
    assert loaded == []


def test_make_client_is_still_at_the_top() -> None:
    import claimkit

    assert callable(claimkit.make_client)
    assert "make_client" in claimkit.__all__
