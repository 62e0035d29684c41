"""claimkit: who claimed what in a news article, in which words, with which stance."""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import (
    BinaryInput,
    ClaimkitError,
    EmptyInput,
    FetchError,
    GoldFileError,
    GroundingError,
    InputError,
    InputIsDirectory,
    InputNotFound,
    InputTooLarge,
)
from .pipeline import summarise, summarise_source
from .records import Article, ArticleSummary, Claim, Provenance, Span, Speaker, Stance
from .settings import Settings

__all__ = [
    "Article",
    "ArticleSummary",
    "BinaryInput",
    "Claim",
    "ClaimkitError",
    "EmptyInput",
    "FetchError",
    "GoldFileError",
    "GroundingError",
    "InputError",
    "InputIsDirectory",
    "InputNotFound",
    "InputTooLarge",
    "Provenance",
    "Settings",
    "Span",
    "Speaker",
    "Stance",
    "__version__",
    "summarise",
    "summarise_source",
]
