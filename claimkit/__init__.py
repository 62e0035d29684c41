"""claimkit: who claimed what in a news article, in which words, with which stance.

The functions, the records, ``Settings``, the errors and ``__version__`` are here. Documented submodules:
``claimkit.batch`` (many articles, resumable), ``claimkit.testing`` (a pytest plugin for cassettes),
``claimkit.engines.llm`` (the LLM engine), ``claimkit.records`` (the contract), ``claimkit.errors`` (the error tree),
``claimkit.settings`` and ``claimkit.evaluate``. ``docs/ARCHITECTURE.md`` maps the rest.
"""

import typing as _typing

from ._version import __version__
from .article_stance import stance
from .comparison import compare
from .errors import (
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
    ModelError,
    ModelOutputError,
    ModelUnavailable,
    PromptError,
)
from .pipeline import summarise, summarise_source
from .records import (
    Article,
    ArticleStance,
    ArticleSummary,
    Claim,
    Comparison,
    PromptInfo,
    Provenance,
    Span,
    Speaker,
    Stance,
    Usage,
)
from .settings import Settings

__all__ = [
    "Article",
    "ArticleStance",
    "ArticleSummary",
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
    "ModelError",
    "ModelOutputError",
    "ModelUnavailable",
    "PromptError",
    "PromptInfo",
    "Provenance",
    "Settings",
    "Span",
    "Speaker",
    "Stance",
    "Usage",
    "__version__",
    "compare",
    "make_client",
    "stance",
    "summarise",
    "summarise_source",
]


if _typing.TYPE_CHECKING:
    from .engines.llm.client import make_client


def __getattr__(name: str) -> object:
    """``make_client`` is imported on first use: the model-free path never loads the openai SDK."""
    if name == "make_client":
        from .engines.llm.client import make_client

        return make_client
    raise AttributeError(f"module 'claimkit' has no attribute {name!r}")
