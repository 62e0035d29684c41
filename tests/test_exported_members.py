from __future__ import annotations

import claimkit


def test_public_api_is_pinned() -> None:
    assert claimkit.__all__ == [
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
    for name in claimkit.__all__:
        assert hasattr(claimkit, name)
