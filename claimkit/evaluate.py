"""Scoring against gold JSONL (the format of the evaluation data's README).

Attribution lines: a predicted claim matches a gold attribution when the character IoU of the claim's
``quote`` span and the gold content's covering span reaches the threshold; pairs are matched greedily,
one to one, highest IoU first. Speaker accuracy is measured on the pairs matched at the lower threshold,
over gold attributions that name a speaker.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GoldFileError
from .records import ArticleSummary, Claim

__all__ = [
    "GOLD_STANCE",
    "STANCE_LABELS",
    "ArticleScore",
    "EvalReport",
    "GoldAttribution",
    "GoldRecord",
    "StanceScore",
    "evaluate",
    "iou",
    "match",
    "read_gold",
]

THRESHOLDS = (0.3, 0.8)
Range = tuple[int, int]


@dataclass(frozen=True)
class GoldAttribution:
    content: Range
    speaker: str | None
    speaker_spans: tuple[Range, ...]


@dataclass(frozen=True)
class GoldRecord:
    id: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    stance: dict[str, Any] | None


def read_gold(path: str | Path) -> Iterator[GoldRecord]:
    """Records of a gold JSONL file; ``GoldFileError`` names the first bad line."""
    path = Path(path)
    try:
        handle = path.open(encoding="utf-8")
    except OSError as e:
        raise GoldFileError(f"cannot read gold file {path}: {e.strerror}", path=str(path)) from e
    with handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield _gold_record(line, str(path), number)


def _gold_record(line: str, path: str, number: int) -> GoldRecord:
    try:
        raw = json.loads(line)
        attributions = tuple(
            GoldAttribution(
                content=_covering(a["content_spans"]),
                speaker=a.get("speaker"),
                speaker_spans=tuple((int(s), int(e)) for s, e in a.get("speaker_spans") or []),
            )
            for a in raw.get("attributions") or []
        )
        return GoldRecord(id=str(raw["id"]), text=raw["text"], attributions=attributions, stance=raw.get("stance"))
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
        raise GoldFileError(f"{path}:{number}: not a gold record ({e})", path=path, line=number) from e


def _covering(spans: list[list[int]]) -> Range:
    """One span covering every fragment of a discontinuous content."""
    return min(s for s, _ in spans), max(e for _, e in spans)


def iou(a: Range, b: Range) -> float:
    """Character intersection over union of two half-open ranges."""
    overlap = min(a[1], b[1]) - max(a[0], b[0])
    if overlap <= 0:
        return 0.0
    return overlap / (max(a[1], b[1]) - min(a[0], b[0]))


def match(predicted: list[Range], gold: list[Range], threshold: float) -> list[tuple[int, int]]:
    """Greedy one-to-one matching, highest IoU first: pairs of (predicted index, gold index)."""
    pairs = sorted(
        ((iou(p, g), i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold)),
        key=lambda x: (-x[0], x[1], x[2]),
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for score, i, j in pairs:
        if score < threshold:
            break
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((i, j))
    return matched


@dataclass
class ArticleScore:
    id: str
    predicted: int
    gold: int
    matched: dict[float, int]
    speakers_correct: int
    speakers_judged: int
    spans: int
    exact_spans: int


STANCE_LABELS = ("supports", "opposes", "neutral", "unrelated")
GOLD_STANCE = {"agree": "supports", "disagree": "opposes", "discuss": "neutral", "unrelated": "unrelated"}
"""FNC-1's labels, mapped to claimkit's."""


@dataclass
class StanceScore:
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)
    """(gold, predicted) → count."""

    def add(self, gold: str, predicted: str) -> None:
        self.confusion[(gold, predicted)] = self.confusion.get((gold, predicted), 0) + 1

    @property
    def total(self) -> int:
        return sum(self.confusion.values())

    def figures(self) -> dict[str, Any]:
        per_class: dict[str, dict[str, float]] = {}
        for label in STANCE_LABELS:
            tp = self.confusion.get((label, label), 0)
            fp = sum(self.confusion.get((g, label), 0) for g in STANCE_LABELS if g != label)
            fn = sum(self.confusion.get((label, p), 0) for p in STANCE_LABELS if p != label)
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            per_class[label] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
        correct = sum(self.confusion.get((label, label), 0) for label in STANCE_LABELS)
        return {
            "pairs": self.total,
            "accuracy": correct / self.total if self.total else 0.0,
            "macro_f1": sum(c["f1"] for c in per_class.values()) / len(STANCE_LABELS),
            "per_class": per_class,
            "confusion": {g: {p: self.confusion.get((g, p), 0) for p in STANCE_LABELS} for g in STANCE_LABELS},
        }


@dataclass
class EvalReport:
    articles: list[ArticleScore] = field(default_factory=list)
    skipped: int = 0
    """Records with neither attributions nor a stance."""
    stance: StanceScore = field(default_factory=StanceScore)

    def totals(self) -> dict[str, Any]:
        predicted = sum(a.predicted for a in self.articles)
        gold = sum(a.gold for a in self.articles)
        result: dict[str, Any] = {"articles": len(self.articles), "predicted": predicted, "gold": gold}
        for threshold in THRESHOLDS:
            matched = sum(a.matched[threshold] for a in self.articles)
            p = matched / predicted if predicted else 0.0
            r = matched / gold if gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            result[f"iou>={threshold}"] = {"matched": matched, "precision": p, "recall": r, "f1": f}
        judged = sum(a.speakers_judged for a in self.articles)
        correct = sum(a.speakers_correct for a in self.articles)
        result["speaker_accuracy"] = correct / judged if judged else 0.0
        result["speakers_judged"] = judged
        spans = sum(a.spans for a in self.articles)
        result["exact_span_share"] = sum(a.exact_spans for a in self.articles) / spans if spans else 1.0
        result["skipped_records"] = self.skipped
        if self.stance.total:
            result["stance"] = self.stance.figures()
        return result


def evaluate(
    gold: list[GoldRecord],
    summarise: Callable[[str], ArticleSummary],
    stance: Callable[[str, str], str] | None = None,
) -> EvalReport:
    """Score ``summarise`` on the attribution records and ``stance(claim, text) -> label`` on the stance records."""
    report = EvalReport()
    for record in gold:
        if record.stance and stance is not None:
            gold_label = GOLD_STANCE.get(str(record.stance.get("label")), str(record.stance.get("label")))
            report.stance.add(gold_label, stance(str(record.stance["claim"]), record.text))
        elif record.attributions:
            report.articles.append(score_article(record, summarise(record.text)))
        else:
            report.skipped += 1
    return report


def score_article(record: GoldRecord, summary: ArticleSummary) -> ArticleScore:
    claims = summary.claims
    predicted = [(c.quote.start, c.quote.end) for c in claims]
    gold = [a.content for a in record.attributions]
    matched = {t: match(predicted, gold, t) for t in THRESHOLDS}
    judged = correct = 0
    for i, j in matched[THRESHOLDS[0]]:
        attribution = record.attributions[j]
        if attribution.speaker is None:
            continue
        judged += 1
        correct += _speaker_correct(claims[i], attribution, summary)
    spans = summary.spans()
    return ArticleScore(
        id=record.id,
        predicted=len(predicted),
        gold=len(gold),
        matched={t: len(m) for t, m in matched.items()},
        speakers_correct=correct,
        speakers_judged=judged,
        spans=len(spans),
        exact_spans=sum(record.text[s.start : s.end] == s.text for s in spans),
    )


def _speaker_correct(claim: Claim, gold: GoldAttribution, summary: ArticleSummary) -> bool:
    mention = claim.speaker_mention
    if mention is not None and any(mention.start < e and s < mention.end for s, e in gold.speaker_spans):
        return True
    speaker = summary.speaker(claim.speaker_id)
    if speaker is None or gold.speaker is None:
        return False
    wanted = gold.speaker.lower()
    return wanted in speaker.name.lower() or any(wanted in m.text.lower() for m in speaker.mentions)
