"""The public surface: ``__all__`` pinned, and nothing else public at the top, even with every module imported."""

from __future__ import annotations

import importlib
import pkgutil
import types

import claimkit

# Every module and package under claimkit, each with what it is for. A new one fails the test until it is
# listed here (and, where users may import it, documented in the README).
MODULES = {
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
    "store": "the summary cache and the call log",
    "testing": "documented: the pytest plugin for cassettes",
    "text": "text primitives with exact offsets",
}


def test_public_api_is_pinned() -> None:
    assert claimkit.__all__ == [
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
        "summarise_source",
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
