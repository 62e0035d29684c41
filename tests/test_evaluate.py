from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import claimkit
from claimkit.evaluate import GoldRecord, evaluate, iou, match, read_gold, score_article


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
    assert totals["mention_accuracy"] >= 0.85
    assert totals["resolved_speaker_accuracy"] >= 0.78
    assert totals["exact"]["content"]["f1"] >= 0.5


ARTICLE = (
    "Donald Trump said the wall would be built. “It will be beautiful,” he said. "
    "The Trump campaign said polls were wrong, according to Mr. Smith's aide."
)


def _gold(*attributions: dict[str, object]) -> GoldRecord:
    """A gold record of ``ARTICLE``, read as the evaluation reads a line of a gold file."""
    from claimkit.evaluate import _gold_record

    line = json.dumps({"id": "t", "text": ARTICLE, "stance": None, "attributions": list(attributions)})
    return _gold_record(line, "gold.jsonl", 1)


def _attribution(content: str, speaker: str, cue: str, entity: str | None, aliases: list[str]) -> dict[str, object]:
    start = ARTICLE.index(content)
    speaker_start = re.search(rf"\b{speaker}\b", ARTICLE).start()  # type: ignore[union-attr]
    return {
        "speaker": speaker,
        "content": content,
        "cue": cue,
        "content_spans": [[start, start + len(content)]],
        "speaker_spans": [[speaker_start, speaker_start + len(speaker)]],
        "speaker_entity": entity,
        "speaker_aliases": aliases,
        "kind_heuristic": "direct" if content.startswith("“") else "indirect",
    }


@pytest.mark.parametrize(
    ("speaker", "right"),
    [
        ("Donald Trump", True),  # the entity itself
        ("Mr. Trump", True),  # an alias, a title ignored
        ("President Donald Trump", True),  # holds the entity's full name as whole words
        ("the Trump campaign", False),  # holds only an alias: the campaign is not Trump (the gold's README)
        ("Ivanka Trump", False),  # someone else whose name holds the alias
        ("Trumpet", False),  # a word that starts like the name is not the name
        ("Mike Pence", False),
    ],
)
def test_a_speaker_is_right_when_it_names_the_gold_entity(speaker: str, right: bool) -> None:
    gold = _gold(_attribution("“It will be beautiful,”", "he", "said", "Donald Trump", ["Trump", "Mr. Trump"]))
    summary = claimkit.summarise(ARTICLE)
    claim = next(c for c in summary.claims if "beautiful" in c.quote.text)
    speaker_record = summary.speaker(claim.speaker_id)
    assert speaker_record is not None
    renamed = summary.model_copy(
        update={
            "speakers": [s.model_copy(update={"name": speaker}) if s is speaker_record else s for s in summary.speakers]
        }
    )
    score = score_article(gold, renamed)
    assert (score.speakers_correct, score.speakers_judged) == (int(right), 1)
    assert (score.mentions_correct, score.mentions_judged) == (1, 1)  # "he" overlaps the gold "he" either way


def test_exact_match_per_role_trims_marks_and_places_the_cue_near_its_content() -> None:
    gold = _gold(
        _attribution("“It will be beautiful,”", "he", "said", "Donald Trump", []),
        _attribution("the wall would be built", "Donald Trump", "said", "Donald Trump", []),
    )
    assert gold.attributions[0].cue == (ARTICLE.index("he said") + 3, ARTICLE.index("he said") + 7)
    assert gold.attributions[1].cue == (13, 17)
    summary = claimkit.summarise(ARTICLE)
    roles = score_article(gold, summary).roles
    right, _, wanted = roles["content"]
    assert wanted == 2 and right >= 2  # “It will be beautiful,” equals It will be beautiful once trimmed
    assert roles["cue"][0] == 2 and roles["source"][0] == 2
