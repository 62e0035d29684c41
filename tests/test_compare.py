"""Comparing the two seed articles: one story, two outlets."""

from __future__ import annotations

import pytest

import claimkit
from claimkit.comparison import compare
from claimkit.records import ArticleSummary, Comparison

from .conftest import SEED_000, SEED_002


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    summaries = [claimkit.summarise_source(str(p), engine="embedded") for p in (SEED_000, SEED_002)]
    return compare(summaries)


def test_khawaja_asif_is_listed_once_across_outlets(comparison: Comparison) -> None:
    asif = [s for s in comparison.speakers if "Asif" in s.name]
    assert len(asif) == 1
    assert asif[0].name == "Khawaja Asif" and len(asif[0].appearances) == 2


def test_no_cluster_of_different_statements_is_shared(comparison: Comparison) -> None:
    """The seeds quote Asif in different words ('grave mistake', 'dirty work'): no claim is shared by both."""
    assert [c for c in comparison.clusters if len(c.articles) > 1] == []
    assert not any(d.startswith("only ") for c in comparison.clusters for d in c.differences)  # no word bags


def test_claims_of_one_outlet_stay_alone(comparison: Comparison) -> None:
    critics = [c for c in comparison.clusters if any("deflect responsibility" in q.quote.text for q in c.quotes)]
    assert len(critics) == 1 and len(critics[0].articles) == 1


def _summary(text: str, source: str) -> ArticleSummary:
    return claimkit.summarise(text, source=source, engine="embedded")


_SAID = "Agriculture Minister Maria Okonkwo said on Monday: “{}” She also said: “{}”\n"


def test_one_quotation_in_two_outlets_is_one_cluster_with_the_changed_words() -> None:
    first = _summary(
        "Grain\n\n" + _SAID.format("We will never sign a deal that starves our farmers.", "Prices must fall soon."),
        "a",
    )
    second = _summary(
        "Deal\n\n" + _SAID.format("We will never sign a deal that hurts our farmers.", "Rain came late this year."),
        "b",
    )
    comparison = compare([first, second])
    [shared] = [c for c in comparison.clusters if len(c.articles) == 2]
    assert {" ".join(q.quote.text.split()) for q in shared.quotes} == {
        "“We will never sign a deal that starves our farmers.”",
        "“We will never sign a deal that hurts our farmers.”",
    }
    assert any("“starves” / “hurts”" in d for d in shared.differences)


def test_the_same_words_from_another_speaker_are_not_linked() -> None:
    words = "We will never sign a deal that starves our farmers."
    first = _summary(f"Grain\n\nAgriculture Minister Maria Okonkwo said: “{words}”\n", "a")
    second = _summary(f"Grain\n\nOpposition leader Tunde Bakare said: “{words}”\n", "b")
    assert all(len(c.articles) == 1 for c in compare([first, second]).clusters)


def test_a_surname_alone_never_merges_two_people() -> None:
    first = _summary("Budget\n\nFinance Minister Ishaq Dar said the budget “will hold”. Dar spoke in Lahore.\n", "a")
    second = _summary("Budget\n\nOpposition leader Ahmed Dar said it “will fail”. Dar spoke in Karachi.\n", "b")
    names = sorted(s.name for s in compare([first, second]).speakers if "Dar" in s.name)
    assert names == ["Ahmed Dar", "Ishaq Dar"]
