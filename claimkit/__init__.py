"""claimkit: who claimed what in a news article, in which words, with which stance.

The functions, the records, ``Settings``, the errors and ``__version__`` are here. Documented submodules:
``claimkit.batch`` (many articles, resumable), ``claimkit.testing`` (a pytest plugin for cassettes),
``claimkit.engines.llm`` (the LLM engine), ``claimkit.records`` (the contract), ``claimkit.errors`` (the error tree),
``claimkit.settings`` and ``claimkit.evaluate``. ``docs/ARCHITECTURE.md`` maps the rest.
"""

import typing as _typing

from ._version import __version__
from .errors import (
    ArticleTimeout,
    BinaryInput,
    ClaimkitError,
    ConfigurationError,
    EmptyInput,
    FetchError,
    GoldFileError,
    GroundingError,
    InputError,
    InputIsDirectory,
    InputNotFound,
    InputTooLarge,
    MissingDependency,
    ModelError,
    ModelOutputError,
    ModelUnavailable,
    OutputError,
    PromptError,
)
from .settings import Settings

__all__ = [
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


if _typing.TYPE_CHECKING:
    from .article_stance import stance
    from .check import check_quotes
    from .comparison import compare
    from .engines.llm.client import make_client
    from .pipeline import summarise, summarise_source
    from .records import (
        Article,
        ArticleStance,
        ArticleSummary,
        Claim,
        Comparison,
        PromptInfo,
        Provenance,
        QuoteCheck,
        QuoteCheckReport,
        Span,
        Speaker,
        Stance,
        Usage,
    )

# Imported on first use: `import claimkit` (and so `claimkit --help`) loads neither Pydantic's models nor the
# rules, and the model-free path never loads the openai SDK.
_LAZY = {
    "stance": "article_stance",
    "check_quotes": "check",
    "compare": "comparison",
    "make_client": "engines.llm.client",
    "summarise": "pipeline",
    "summarise_source": "pipeline",
    **dict.fromkeys(
        """Article ArticleStance ArticleSummary Claim Comparison PromptInfo Provenance QuoteCheck QuoteCheckReport
        Span Speaker Stance Usage""".split(),
        "records",
    ),
}


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module 'claimkit' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
