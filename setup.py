"""An optional compiled build: ``CLAIMKIT_COMPILE=1 pip install --no-build-isolation .`` with mypy installed.

mypyc compiles the embedded engine's modules (the same type-checked sources) to C extensions, about
twice as fast; nothing else changes. Without ``CLAIMKIT_COMPILE=1`` the package is pure Python, as in
an editable install, where a compiled module would shadow the source under edit (``make compiled``
builds into its own environment instead).
"""

from __future__ import annotations

import os

from setuptools import setup

COMPILED_MODULES = [
    "claimkit/lang/lexicon.py",
    "claimkit/lang/en/cues.py",
    "claimkit/lang/en/grammar.py",
    "claimkit/lang/en/furniture.py",
    "claimkit/lang/de/cues.py",
    "claimkit/text/spans.py",
    "claimkit/text/language.py",
    "claimkit/text/boilerplate.py",
    "claimkit/lang/en/names.py",
    "claimkit/speakers/names.py",
    "claimkit/speakers/entity.py",
    "claimkit/speakers/occurrences.py",
    "claimkit/speakers/index.py",
    "claimkit/claim_stance.py",
    "claimkit/engines/candidate.py",
    "claimkit/engines/embedded/sentence.py",
    "claimkit/engines/embedded/german.py",
    "claimkit/engines/embedded/cues.py",
    "claimkit/engines/embedded/speaker_phrases.py",
    "claimkit/engines/embedded/content.py",
    "claimkit/engines/embedded/attributions.py",
    "claimkit/engines/embedded/headline.py",
    "claimkit/engines/embedded/walk.py",
    "claimkit/statements.py",
    "claimkit/assemble.py",
    "claimkit/pipeline.py",
]


def _ext_modules() -> list[object]:
    if os.environ.get("CLAIMKIT_COMPILE") != "1":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError as error:
        raise SystemExit("CLAIMKIT_COMPILE=1 needs mypy installed, and pip install --no-build-isolation") from error
    return list(mypycify(COMPILED_MODULES, opt_level="3"))


setup(ext_modules=_ext_modules())
