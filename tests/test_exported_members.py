"""The public surface: ``__all__`` pinned, and nothing else public at the top, even with every module imported."""

from __future__ import annotations

import ast
import doctest
import importlib
import pkgutil
import tempfile
import types
import warnings
from pathlib import Path

import pytest

import claimkit

# Every module and package under claimkit, each with what it is for. A new one fails the test until it is
# listed here (and, where users may import it, documented in the README).
MODULES = {
    "archive": "documented: the quote archive (docs/ARCHIVE.md)",
    "article_stance": "an article's stance toward a claim (claimkit.stance)",
    "assemble": "candidates and speakers into an ArticleSummary",
    "batch": "documented: many articles, resumable",
    "check": "the article's quotations against their sources (claimkit.check_quotes)",
    "cli": "the command line",
    "comparison": "several outlets on one story (claimkit.compare)",
    "deadline": "a deadline for one article",
    "engines": "the embedded and the LLM engine; documented: claimkit.engines.llm",
    "errors": "documented: the error tree",
    "evaluate": "documented: scoring against gold data",
    "lang": "every word the rules read, by language",
    "pipeline": "the entry points (claimkit.summarise)",
    "progress": "the batch progress bar",
    "prompt_files": "the prompt templates (prompts/ in the source tree)",
    "records": "documented: the record contract",
    "render": "output formats",
    "settings": "documented: Settings and their lookup order",
    "sources": "reading an article from a path, stdin or a URL",
    "speakers": "who is speaking",
    "claim_stance": "a claim's own stance",
    "statements": "a claim's statement line",
    "store": "the summary cache and the call log",
    "testing": "documented: the pytest plugin for cassettes",
    "text": "text primitives with exact offsets",
}


def test_public_api_is_pinned() -> None:
    assert claimkit.__all__ == [
        "Archive",
        "ArchiveError",
        "Article",
        "ArticleStance",
        "ArticleSummary",
        "ArticleTimeout",
        "BinaryInput",
        "Claim",
        "ClaimkitError",
        "Comparison",
        "ConfigurationError",
        "EmptyInput",
        "FetchError",
        "GoldFileError",
        "GroundingError",
        "InputError",
        "InputIsDirectory",
        "InputNotFound",
        "InputTooLarge",
        "MissingDependency",
        "ModelError",
        "ModelOutputError",
        "ModelUnavailable",
        "OutputError",
        "PromptError",
        "PromptInfo",
        "Provenance",
        "QuoteCheck",
        "QuoteCheckReport",
        "Settings",
        "Span",
        "Speaker",
        "Stance",
        "Usage",
        "__version__",
        "check_quotes",
        "compare",
        "make_client",
        "stance",
        "summarise",
        "summarise_many",
        "summarise_source",
        "to_html",
        "to_jsonld",
        "to_markdown",
        "to_table",
    ]
    for name in claimkit.__all__:
        assert hasattr(claimkit, name)


def test_nothing_else_is_public_at_the_top() -> None:
    """A name imported into claimkit/__init__.py and left public, or a module nobody listed, fails here."""
    for module in pkgutil.walk_packages(claimkit.__path__, "claimkit."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    importlib.import_module("claimkit.prompt_files")  # mapped from prompts/, which an editable install does not walk
    for name in claimkit.__all__:
        getattr(claimkit, name)  # most are imported on first use
    # pytest's assertion rewriting adds '@py_builtins' to a plugin's package: not a name Python code can use
    public = {n: v for n, v in vars(claimkit).items() if n.isidentifier() and not n.startswith("_")}
    assert {n for n, v in public.items() if not isinstance(v, types.ModuleType)} == set(claimkit.__all__) - {
        "__version__"
    }
    assert {n for n, v in public.items() if isinstance(v, types.ModuleType)} == set(MODULES)


def test_every_public_function_has_a_docstring_with_an_example_that_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The examples in the docstrings of ``claimkit``'s functions run as written (from the project folder)."""
    monkeypatch.chdir(Path(__file__).parent.parent)
    monkeypatch.setenv("CLAIMKIT_CACHE_DIR", str(Path(tempfile.mkdtemp())))
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    functions = [n for n in claimkit.__all__ if callable(getattr(claimkit, n)) and n[0].islower()]
    assert len(functions) == 11
    for name in ["claimkit", *functions]:
        value = claimkit if name == "claimkit" else getattr(claimkit, name)
        test = doctest.DocTestParser().get_doctest(_docstring(value, name), {}, name, None, 0)
        assert test.examples, f"{name} has no example"
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            runner.run(test)
    assert runner.failures == 0


def _docstring(value: object, name: str) -> str:
    """The docstring; for a function of a module compiled by mypyc (which keeps none), read from its source file."""
    if getattr(value, "__doc__", None):
        return str(value.__doc__)
    module = importlib.import_module(str(getattr(value, "__module__", "")))
    source = Path(str(module.__file__)).with_name(module.__name__.rsplit(".", 1)[-1] + ".py")
    tree = ast.parse(source.read_text(encoding="utf-8"))
    found = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == name)
    return ast.get_docstring(found) or ""
