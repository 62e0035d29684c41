"""Scoring against gold JSONL (the format of the evaluation data's README).

Attribution lines: a predicted claim matches a gold attribution when the character IoU of the claim's
``quote`` span and the gold content's covering span reaches the threshold; pairs are matched greedily,
one to one, highest IoU first. On the pairs matched at the lower threshold:

- **resolved-speaker accuracy**, over gold attributions whose speaker is resolved to an entity
  (``speaker_entity``, ``speaker_aliases``): the claim's speaker record names that entity when its name, with
  case, "the", the titles Mr./Mrs./Ms./Dr. and a possessive "'s" ignored, equals the entity or one of its
  aliases, or holds the entity's full name as whole words ("President Donald Trump" for "Donald Trump"; holding only
  an alias is not enough: "Bill Clinton" holds "Clinton"). A claim with no speaker record names nobody.
- **mention accuracy**, over gold attributions with a speaker span: the claim's speaker mention overlaps it.

**Exact match per role** (content, source, cue), the measure of the published PolNeAR results: a predicted span
is right when, trimmed of white space, punctuation and quotation marks, it is exactly a gold span of that role
in the article (one to one). The gold gives no offsets for cues: a gold cue is placed at the whole-word
occurrence of its text nearest to its content (a cue whose text is not in the article is not scored).
Figures by kind use the dataset's ``kind``, else its ``kind_heuristic``.

**A confidence floor**: articles are summarised with every claim (``min_confidence=0``); the figures are those of
the claims at or above the floor (the rules' claims below it are left out, as a summary at that floor leaves them),
and a curve gives precision, recall and resolved speakers at other floors from the same summaries.
"""

from __future__ import annotations

import json
import re
import string
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import GoldFileError
from .records import ArticleSummary, Claim, Span
from .text.spans import trim

__all__ = [
    "GOLD_STANCE",
    "KINDS",
    "ROLES",
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
CURVE_FLOORS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
"""Confidence floors of the precision–recall curve."""
ROLES = ("content", "source", "cue")
KINDS = ("direct", "mixed", "indirect")
Range = tuple[int, int]
_ROLE_TRIM = string.punctuation + "“”‘’„‚«»‹›"
"""Characters trimmed from both ends of a span before exact matching."""
_TITLES_RE = re.compile(r"\b(?:the|mr|mrs|ms|dr)\b\.?|['’]s\b")
_NON_WORD_RE = re.compile(r"[^\w]+")
_USAGE = ("calls", "prompt_tokens", "completion_tokens")


@dataclass(frozen=True)
class GoldAttribution:
    content: Range
    speaker: str | None
    speaker_spans: tuple[Range, ...]
    cue: Range | None = None
    """The gold cue, placed in the text (see the module's notes); None when it has none or is not found."""
    kind: str | None = None
    entity: str | None = None
    """The entity the speaker mention refers to, where the gold resolves it."""
    aliases: tuple[str, ...] = ()

    @property
    def source(self) -> Range | None:
        """One span covering every fragment of the speaker mention."""
        return _covering(list(self.speaker_spans)) if self.speaker_spans else None


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
        text = raw["text"]
        attributions = tuple(_gold_attribution(text, a) for a in raw.get("attributions") or [])
        return GoldRecord(id=str(raw["id"]), text=text, attributions=attributions, stance=raw.get("stance"))
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
        raise GoldFileError(f"{path}:{number}: not a gold record ({e})", path=path, line=number) from e


def _gold_attribution(text: str, raw: dict[str, Any]) -> GoldAttribution:
    content = _covering(raw["content_spans"])
    return GoldAttribution(
        content=content,
        speaker=raw.get("speaker"),
        speaker_spans=tuple((int(s), int(e)) for s, e in raw.get("speaker_spans") or []),
        cue=_placed(text, raw.get("cue"), content),
        kind=raw.get("kind") or raw.get("kind_heuristic"),
        entity=raw.get("speaker_entity"),
        aliases=tuple(raw.get("speaker_aliases") or ()),
    )


def _covering(spans: list[list[int]] | list[Range]) -> Range:
    """One span covering every fragment of a discontinuous span."""
    return min(s for s, _ in spans), max(e for _, e in spans)


def _placed(text: str, cue: str | None, content: Range) -> Range | None:
    """The whole-word occurrence of ``cue`` nearest to ``content``."""
    if not cue:
        return None
    found = [m.span() for m in re.finditer(rf"(?<!\w){re.escape(cue)}(?!\w)", text)]
    return min(found, key=lambda r: max(content[0] - r[1], r[0] - content[1], 0), default=None)


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
    """Matched pairs whose claim names the gold speaker's entity."""
    speakers_judged: int
    """Matched pairs whose gold speaker is resolved to an entity."""
    mentions_correct: int
    mentions_judged: int
    spans: int
    exact_spans: int
    engine: str = ""
    usage: dict[str, int] = field(default_factory=dict)
    """The model calls of the summary: calls, prompt and completion tokens (empty for the embedded engine)."""
    roles: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    """Per role: (exactly right, predicted, gold)."""
    kinds: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)
    """Per gold kind: (gold, matched at the lower threshold, speakers judged, speakers right)."""
    curve: dict[float, tuple[int, int, int, int]] = field(default_factory=dict)
    """Per confidence floor: (predicted, matched at the lower threshold, speakers right, speakers judged)."""


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
    floor: float = 0.0
    """The confidence floor of the figures (``min_confidence``)."""

    def totals(self) -> dict[str, Any]:
        predicted = sum(a.predicted for a in self.articles)
        gold = sum(a.gold for a in self.articles)
        result: dict[str, Any] = {"articles": len(self.articles), "predicted": predicted, "gold": gold}
        result["min_confidence"] = self.floor
        result["curve"] = [self._curve_point(floor, gold) for floor in CURVE_FLOORS]
        result["engines"] = sorted({a.engine for a in self.articles})
        result["usage"] = {k: sum(a.usage.get(k, 0) for a in self.articles) for k in _USAGE}
        for threshold in THRESHOLDS:
            result[f"iou>={threshold}"] = _prf(sum(a.matched[threshold] for a in self.articles), predicted, gold)
        judged = sum(a.speakers_judged for a in self.articles)
        correct = sum(a.speakers_correct for a in self.articles)
        result["resolved_speaker_accuracy"] = correct / judged if judged else None
        result["speakers_judged"] = judged
        judged = sum(a.mentions_judged for a in self.articles)
        result["mention_accuracy"] = sum(a.mentions_correct for a in self.articles) / judged if judged else 0.0
        result["mentions_judged"] = judged
        result["exact"] = {}
        for role in ROLES:
            right, predicted_role, gold_role = (sum(a.roles[role][k] for a in self.articles) for k in range(3))
            result["exact"][role] = _prf(right, predicted_role, gold_role)
        result["by_kind"] = {}
        for kind in KINDS:
            gold_kind, matched, judged, correct = (sum(a.kinds[kind][k] for a in self.articles) for k in range(4))
            result["by_kind"][kind] = {
                "gold": gold_kind,
                "recall": matched / gold_kind if gold_kind else 0.0,
                "resolved_speaker_accuracy": correct / judged if judged else None,
            }
        spans = sum(a.spans for a in self.articles)
        result["exact_span_share"] = sum(a.exact_spans for a in self.articles) / spans if spans else 1.0
        result["skipped_records"] = self.skipped
        if self.stance.total:
            result["stance"] = self.stance.figures()
        return result

    def _curve_point(self, floor: float, gold: int) -> dict[str, Any]:
        points = [a.curve.get(floor, (0, 0, 0, 0)) for a in self.articles]
        predicted, matched, right, judged = (sum(p[k] for p in points) for k in range(4))
        point = {"min_confidence": floor, "predicted": predicted, **_prf(matched, predicted, gold)}
        point["resolved_speaker_accuracy"] = right / judged if judged else None
        return point


def _prf(right: int, predicted: int, gold: int) -> dict[str, Any]:
    p = right / predicted if predicted else 0.0
    r = right / gold if gold else 0.0
    return {"matched": right, "precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate(
    gold: list[GoldRecord],
    summarise: Callable[[str], ArticleSummary],
    stance: Callable[[str, str], str] | None = None,
    *,
    floor: float = 0.0,
) -> EvalReport:
    """Score ``summarise`` on the attribution records and ``stance(claim, text) -> label`` on the stance records;
    the claims of the rules below ``floor`` are not counted (``summarise`` should keep every claim)."""
    report = EvalReport(floor=floor)
    for record in gold:
        if record.stance and stance is not None:
            gold_label = GOLD_STANCE.get(str(record.stance.get("label")), str(record.stance.get("label")))
            report.stance.add(gold_label, stance(str(record.stance["claim"]), record.text))
        elif record.attributions:
            report.articles.append(score_article(record, summarise(record.text), floor))
        else:
            report.skipped += 1
    return report


def _above(summary: ArticleSummary, floor: float) -> list[Claim]:
    """The claims a summary at ``floor`` keeps: the rules' at or above it, and every claim of a model."""
    return [c for c in summary.claims if c.found_by is None or c.confidence >= floor]


def _curve_point(record: GoldRecord, summary: ArticleSummary, floor: float) -> tuple[int, int, int, int]:
    claims = _above(summary, floor)
    pairs = match([(c.quote.start, c.quote.end) for c in claims], [a.content for a in record.attributions], 0.3)
    resolved = [_names_entity(claims[i], record.attributions[j], summary) for i, j in pairs]
    return len(claims), len(pairs), sum(r is True for r in resolved), sum(r is not None for r in resolved)


def score_article(record: GoldRecord, summary: ArticleSummary, floor: float = 0.0) -> ArticleScore:
    claims = _above(summary, floor)
    predicted = [(c.quote.start, c.quote.end) for c in claims]
    gold = [a.content for a in record.attributions]
    matched = {t: match(predicted, gold, t) for t in THRESHOLDS}
    resolved = {j: _names_entity(claims[i], record.attributions[j], summary) for i, j in matched[THRESHOLDS[0]]}
    mentions = [
        _mention_overlaps(claims[i].speaker_mention, record.attributions[j])
        for i, j in matched[THRESHOLDS[0]]
        if record.attributions[j].speaker_spans
    ]
    kinds = {}
    for kind in KINDS:
        of_kind = [j for j, a in enumerate(record.attributions) if a.kind == kind]
        judged = [resolved[j] for j in of_kind if resolved.get(j) is not None]
        kinds[kind] = (len(of_kind), sum(j in resolved for j in of_kind), len(judged), sum(map(bool, judged)))
    spans = summary.spans()
    return ArticleScore(
        id=record.id,
        predicted=len(predicted),
        gold=len(gold),
        matched={t: len(m) for t, m in matched.items()},
        speakers_correct=sum(r is True for r in resolved.values()),
        speakers_judged=sum(r is not None for r in resolved.values()),
        mentions_correct=sum(mentions),
        mentions_judged=len(mentions),
        spans=len(spans),
        exact_spans=sum(record.text[s.start : s.end] == s.text for s in spans),
        roles=_exact_roles(record, claims),
        curve={f: _curve_point(record, summary, f) for f in CURVE_FLOORS},
        engine=summary.provenance.engine,
        usage=summary.provenance.usage.model_dump(include=set(_USAGE)) if summary.provenance.usage else {},
        kinds=kinds,
    )


def _mention_overlaps(mention: Span | None, gold: GoldAttribution) -> bool:
    return mention is not None and any(mention.start < e and s < mention.end for s, e in gold.speaker_spans)


def _names_entity(claim: Claim, gold: GoldAttribution, summary: ArticleSummary) -> bool | None:
    """Whether the claim's speaker record names the gold entity; None when the gold resolves no entity."""
    if gold.entity is None:
        return None
    speaker = summary.speaker(claim.speaker_id)
    if speaker is None:
        return False
    name = _name_key(speaker.name)
    entity = _name_key(gold.entity)
    if name == entity or (entity and f" {entity} " in f" {name} "):
        return True  # 'President Donald Trump' names Donald Trump
    # an alias only as a whole: 'Bill Clinton', 'Trump aides' contain the alias 'Clinton', 'Trump' of someone else
    return name in {_name_key(alias) for alias in gold.aliases}


def _name_key(name: str) -> str:
    """A name with case, "the", titles, a possessive and punctuation ignored."""
    return " ".join(_NON_WORD_RE.sub(" ", _TITLES_RE.sub(" ", name.lower())).split())


def _exact_roles(record: GoldRecord, claims: list[Claim]) -> dict[str, tuple[int, int, int]]:
    """Per role: predicted spans exactly equal to a gold span of that role (one to one), predicted, gold."""
    text = record.text
    predicted: dict[str, list[Range]] = {
        "content": [(c.quote.start, c.quote.end) for c in claims],
        "source": [(c.speaker_mention.start, c.speaker_mention.end) for c in claims if c.speaker_mention],
        "cue": [(c.cue.start, c.cue.end) for c in claims if c.cue],
    }
    gold: dict[str, list[Range]] = {
        "content": [a.content for a in record.attributions],
        "source": [a.source for a in record.attributions if a.source is not None],
        "cue": [a.cue for a in record.attributions if a.cue is not None],
    }
    scores = {}
    for role in ROLES:
        mine = Counter(trim(text, s, e, _ROLE_TRIM) for s, e in predicted[role])
        theirs = Counter(trim(text, s, e, _ROLE_TRIM) for s, e in gold[role])
        scores[role] = (sum((mine & theirs).values()), len(predicted[role]), len(gold[role]))
    return scores
