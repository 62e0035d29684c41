"""Comparing the two seed articles: one story, two outlets."""

from __future__ import annotations

import pytest

import claimkit
from claimkit.comparison import compare
from claimkit.records import Comparison

from .conftest import SEED_000, SEED_002


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    summaries = [claimkit.summarise_source(str(p), engine="embedded") for p in (SEED_000, SEED_002)]
    return compare(summaries)


def test_khawaja_asif_is_listed_once_across_outlets(comparison: Comparison) -> None:
    asif = [s for s in comparison.speakers if "Asif" in s.name]
    assert len(asif) == 1
    assert asif[0].name == "Khawaja Asif" and len(asif[0].appearances) == 2


def test_the_admission_is_one_cluster_with_each_outlets_own_quote(comparison: Comparison) -> None:
    texts = {str(SEED_000): SEED_000.read_text(), str(SEED_002): SEED_002.read_text()}
    cluster = next(c for c in comparison.clusters if any("dirty work" in q.quote.text for q in c.quotes))
    sources = {q.source for q in cluster.quotes}
    assert sources == set(texts)
    assert any("grave mistake" in q.quote.text for q in cluster.quotes)
    for quote in cluster.quotes:
        assert quote.source is not None
        assert texts[quote.source][quote.quote.start : quote.quote.end] == quote.quote.text
    assert any(d.startswith("cue differs") for d in cluster.differences)


def test_claims_of_one_outlet_stay_alone(comparison: Comparison) -> None:
    critics = [c for c in comparison.clusters if any("deflect responsibility" in q.quote.text for q in c.quotes)]
    assert len(critics) == 1 and len(critics[0].articles) == 1
