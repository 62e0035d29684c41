"""A rule's claim carries the measured precision of its rule and speaker resolution; claims below the floor go."""

from __future__ import annotations

import csv

import pytest

import claimkit
from claimkit.engines.embedded.confidence import PRECISION_TABLE, cue_kind, measured_precision, rule_path


def test_a_claim_is_as_confident_as_its_rule_and_speaker_were_measured() -> None:
    summary = claimkit.summarise("Maria Reyes said the council had lied about the budget.", min_confidence=0)
    [claim] = summary.claims
    assert claim.found_by == "verb after / speech / 8 or fewer / say; name"
    path = rule_path("verb after", "say", claim.quote.text)
    assert claim.confidence == measured_precision(path, "name")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Maria Reyes said the council had lied about the budget for three years running.", True),
        ("He said it would rain.", False),  # a pronoun that nobody named before: a speaker no one can tell
    ],
)
def test_the_default_floor_leaves_doubtful_claims_out(text: str, kept: bool) -> None:
    assert bool(claimkit.summarise(text).claims) == kept
    assert claimkit.summarise(text, min_confidence=0).claims


def test_a_rule_the_table_lacks_takes_the_overall_figure() -> None:
    overall = measured_precision(("a rule the table lacks",), "a way it lacks")
    assert 0.5 < overall < 0.9
    assert measured_precision(("verb quotation", "speech"), "name") > overall


@pytest.mark.parametrize(
    ("lemma", "kind"),
    [("say", "speech"), ("believe", "cognition"), ("endorse", "attitude"), ("show", "evidence"), (None, "other")],
)
def test_cue_kinds(lemma: str | None, kind: str) -> None:
    assert cue_kind(lemma) == kind


def test_the_table_holds_its_counts() -> None:
    with PRECISION_TABLE.open(encoding="utf-8") as f:
        rows = list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))
    assert {row["part"] for row in rows} == {"rule", "speaker"}
    for row in rows:
        right, total, precision = int(row["right"]), int(row["total"]), float(row["precision"])
        assert 0 <= right <= total and 0.0 <= precision <= 1.0
