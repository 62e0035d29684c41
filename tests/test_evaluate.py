from __future__ import annotations

import json
from pathlib import Path

import pytest

import claimkit
from claimkit.evaluate import evaluate, iou, match, read_gold


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [((0, 10), (0, 10), 1.0), ((0, 10), (5, 15), 5 / 15), ((0, 10), (10, 20), 0.0), ((0, 4), (0, 10), 0.4)],
)
def test_iou(a: tuple[int, int], b: tuple[int, int], expected: float) -> None:
    assert iou(a, b) == pytest.approx(expected)


def test_matching_is_greedy_and_one_to_one() -> None:
    predicted = [(0, 10), (0, 9)]
    gold = [(0, 10)]
    assert match(predicted, gold, 0.3) == [(0, 0)]
    assert match([(0, 10)], [(0, 10), (0, 9)], 0.3) == [(0, 0)]
    assert match([(0, 2)], [(0, 10)], 0.3) == []


def test_every_span_is_an_exact_slice_on_all_eval_texts(eval_dir: Path) -> None:
    texts = 0
    for path in sorted(eval_dir.glob("*.dev.jsonl")):
        for line in path.open(encoding="utf-8"):
            text = json.loads(line)["text"]
            summary = claimkit.summarise(text)
            assert all(text[s.start : s.end] == s.text for s in summary.spans()), path
            texts += 1
    assert texts >= 100


def test_polnear_dev_scores(eval_dir: Path) -> None:
    """The figures the README reports; the floor is where the engine stands, so a regression fails."""
    report = evaluate(list(read_gold(eval_dir / "polnear.dev.jsonl")), lambda t: claimkit.summarise(t))
    totals = report.totals()
    assert totals["exact_span_share"] == 1.0
    assert totals["iou>=0.3"]["precision"] >= 0.75
    assert totals["iou>=0.3"]["f1"] >= 0.58
    assert totals["speaker_accuracy"] >= 0.85
