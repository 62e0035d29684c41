"""A claim that denies what another speaker said opposes it: negation and denial in the embedded claim stance."""

from __future__ import annotations

import pytest

import claimkit

_BEFORE = "Security talks\n\nIndian officials said Pakistan had supported militant groups for decades. "


@pytest.mark.parametrize(
    ("sentence", "words", "stance"),
    [
        ("Pakistan’s foreign ministry said Pakistan never supported militant groups.", "never supported", "opposes"),
        ("A ministry spokesman said Pakistan had not supported militant groups.", "not supported", "opposes"),
        ("A ministry spokesman said Pakistan didn't support militant groups.", "didn't support", "opposes"),
        ("A spokesman denied that Pakistan had supported militant groups.", "had supported", "opposes"),
        ("A ministry spokesman said Pakistan would never sign the trade deal.", "never sign", "neutral"),
        ("A ministry spokesman said Pakistan supported militant groups in the 1990s.", "supported", "neutral"),
    ],
)
def test_a_denial_of_anothers_words_opposes_them(sentence: str, words: str, stance: str) -> None:
    summary = claimkit.summarise(_BEFORE + sentence + "\n", engine="embedded")
    [claim] = [c for c in summary.claims if words in c.quote.text and c.quote.start > len(_BEFORE)]
    assert claim.stance == stance
    if stance == "opposes":
        [target] = [s for s in summary.stances if s.evidence == claim.quote]
        answered = next(c for c in summary.claims if c.id == target.target)
        assert answered.quote.text.startswith("Pakistan had supported militant groups")


@pytest.mark.parametrize(
    ("claim", "label"),
    [("Pakistan never supported militant groups", "opposes"), ("Pakistan supported militant groups", "supports")],
)
def test_an_article_that_tells_it_plainly_opposes_the_claim_that_it_never_happened(claim: str, label: str) -> None:
    text = (
        "Minister admits support\n\nPakistan's Defence Minister Khawaja Asif admitted that Pakistan had supported "
        "militant groups for three decades. Pakistan funded militant groups in Kashmir, he said.\n"
    )
    assert claimkit.stance(claim, text, engine="embedded").label == label
