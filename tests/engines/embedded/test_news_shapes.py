"""Sentence shapes of wire copy and features, each written for its row: who said it, and which words.

Each row is (article, quote, speaker name); a speaker of None means the claim is there with no speaker named, and a
quote of None means no claim may be made of the article at all. Rows read every claim (min_confidence 0) unless they
test the floor.
"""

from __future__ import annotations

import pytest

import claimkit


def _said(article: str, floor: float = 0.0) -> list[tuple[str, str | None]]:
    summary = claimkit.summarise(article, engine="embedded", min_confidence=floor)
    pairs = []
    for claim in summary.claims:
        speaker = summary.speaker(claim.speaker_id)
        pairs.append((claim.quote.text, speaker.name if speaker else None))
    return pairs


@pytest.mark.parametrize(
    ("article", "quote", "speaker"),
    [
        # a middle initial does not end the name after the cue
        ("“The plan is legal,” said Marcia J. Lowell, the city lawyer.", "“The plan is legal,”", "Marcia J. Lowell"),
        ("Benjamin J. Rhodes said the talks were over.", "the talks were over", "Benjamin J. Rhodes"),
        # an opening adjunct is no part of the name after it
        (
            "Like Corker, Menendez said the bill would pass. Corker said it would not.",
            "it would not",
            "Corker",
        ),
        (
            "Despite Santilli's claims, he was jailed. Santilli said he was a journalist.",
            "he was a journalist",
            "Santilli",
        ),
    ],
)
def test_names(article: str, quote: str, speaker: str | None) -> None:
    assert (quote, speaker) in _said(article)


@pytest.mark.parametrize("article", ["Many said the plan would fail.", "Besides, Many said the plan would fail."])
def test_a_sentence_opener_alone_is_no_name(article: str) -> None:
    [claim] = claimkit.summarise(article, min_confidence=0).claims
    assert claim.found_by is not None and claim.found_by.endswith("; description, no speaker noun")
