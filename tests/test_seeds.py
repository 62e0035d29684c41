"""The two seed articles: the same story from two outlets."""

from __future__ import annotations

import pytest

import claimkit
from claimkit.records import ArticleSummary, Claim

from .conftest import SEED_000, SEED_002


@pytest.fixture(scope="module")
def seed_000() -> ArticleSummary:
    return claimkit.summarise_source(str(SEED_000))


@pytest.fixture(scope="module")
def seed_002() -> ArticleSummary:
    return claimkit.summarise_source(str(SEED_002))


def _speaker_name(summary: ArticleSummary, claim: Claim) -> str:
    speaker = summary.speaker(claim.speaker_id)
    assert speaker is not None
    return speaker.name


def _claim_containing(summary: ArticleSummary, words: str) -> Claim:
    return next(c for c in summary.claims if words in c.quote.text)


def test_002_direct_quote_is_khawaja_asif_the_defence_minister(seed_002: ArticleSummary) -> None:
    claim = _claim_containing(seed_002, "For 30 years, we did the dirty work")
    assert claim.attribution == "direct"
    speaker = seed_002.speaker(claim.speaker_id)
    assert speaker is not None
    assert (speaker.name, speaker.role, speaker.affiliation) == ("Khawaja Asif", "Defence Minister", "Pakistan")


def test_002_both_quotes_of_the_security_expert(seed_002: ArticleSummary) -> None:
    first = _claim_containing(seed_002, "It’s not just an admission")
    second = _claim_containing(seed_002, "the world can no longer pretend")
    for claim in (first, second):
        speaker = seed_002.speaker(claim.speaker_id)
        assert speaker is not None
        assert (speaker.name, speaker.kind) == ("a senior Indian security expert", "unnamed")


def test_002_spelling_variant_is_not_a_separate_speaker(seed_002: ArticleSummary) -> None:
    names = [s.name for s in seed_002.speakers]
    assert "Khwaja Asif" not in names
    asif = next(s for s in seed_002.speakers if s.name == "Khawaja Asif")
    assert "Khwaja Asif" in [m.text for m in asif.mentions]


def test_002_no_claim_from_byline_or_tags(seed_002: ArticleSummary) -> None:
    text = SEED_002.read_text()
    boilerplate_end = text.index("In a startling and unusually candid interview", text.index("Image Credit"))
    tags_start = text.rindex("Khwaja Asif")
    for claim in seed_002.claims:
        assert not text.index("author-image") <= claim.quote.start < boilerplate_end
        assert claim.quote.end <= tags_start


def test_000_pronoun_according_to_and_surname_resolve_to_asif(seed_000: ArticleSummary) -> None:
    for words in (
        "Pakistan’s participation in US-led efforts",
        "the terrorism Pakistan faces today",
        "“used and abandoned”",
    ):
        claim = _claim_containing(seed_000, words)
        assert _speaker_name(seed_000, claim) == "Khawaja Asif", words
    mentions = {
        _claim_containing(seed_000, w).speaker_mention.text
        for w in ("Pakistan’s participation", "the terrorism Pakistan")
    }  # type: ignore[union-attr]
    assert mentions == {"He", "him"}


def test_000_analysts_and_critics_are_groups(seed_000: ArticleSummary) -> None:
    kinds = {s.name.lower(): s.kind for s in seed_000.speakers}
    assert kinds["analysts"] == "group"
    assert kinds["critics"] == "group"


def test_000_critics_oppose_the_minister(seed_000: ArticleSummary) -> None:
    critics = next(s for s in seed_000.speakers if s.name.lower() == "critics")
    stance = next(s for s in seed_000.stances if s.speaker_id == critics.id)
    assert stance.label == "opposes"
    target = next(c for c in seed_000.claims if c.id == stance.target)
    assert _speaker_name(seed_000, target) == "Khawaja Asif"
    assert "Islamabad cannot deflect responsibility" in stance.evidence.text


@pytest.mark.parametrize("seed", [SEED_000, SEED_002])
def test_every_span_is_an_exact_slice(seed: object) -> None:
    text = SEED_000.read_text() if seed == SEED_000 else SEED_002.read_text()
    summary = claimkit.summarise_source(str(seed))
    assert summary.spans()
    assert all(text[s.start : s.end] == s.text for s in summary.spans())
    assert summary.provenance.engine == "embedded" and summary.provenance.model is None
