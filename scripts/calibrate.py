"""Measure the precision of each rule and each way of resolving a speaker on annotated news, and write the table the
embedded engine's confidence is read from (claimkit/engines/embedded/precision.tsv).

    python scripts/calibrate.py [GOLD.jsonl ...] [--write] [--thresholds]

Default gold: ../shared/eval/polnear.dev.jsonl and polnear.dev2.jsonl. A rule's precision is the share of its claims
whose content matches a gold attribution (IoU >= 0.3); a speaker way's, the share of matched claims whose speaker is
the gold speaker's entity, where the gold resolves one. Both are drawn toward the part's overall figure by
``PRIOR_WEIGHT`` claims, so a rare rule is not judged on a handful. ``--thresholds`` prints precision, recall and
resolved-speaker accuracy per file at several confidence floors, with the table measured on all files and, to see
what carries over, with a table measured on the other files only.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import claimkit
from claimkit.engines.embedded.confidence import OVERALL, PRECISION_TABLE
from claimkit.evaluate import GoldRecord, _names_entity, match, read_gold
from claimkit.records import ArticleSummary

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
DEFAULT_GOLD = [EVAL / "polnear.dev.jsonl", EVAL / "polnear.dev2.jsonl"]
PRIOR_WEIGHT = 10
FEWEST = 4
"""Rules measured on fewer claims are not written: such a claim takes the figure of the row above, nearly the same.
(Every speaker way is written: there are few, and one seen rarely, such as an unresolved pronoun, is a doubtful one.)"""
THRESHOLD_IOU = 0.3
FLOORS = (0.0, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75)


@dataclass
class Observed:
    """One claim of the rules: its rule's path and speaker way, whether its content matched, its speaker judged."""

    path: tuple[str, ...]
    way: str
    matched: bool
    speaker_right: bool | None  # None: not matched, or the gold resolves no entity
    gold_index: int | None


@dataclass
class Counts:
    """Right and total per (part, name), a name for each depth of a path ('verb after', 'verb after / speech')."""

    right: Counter[tuple[str, str]] = field(default_factory=Counter)
    total: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, part: str, path: tuple[str, ...], right: bool) -> None:
        for key in [(part, OVERALL)] + [(part, " / ".join(path[:depth])) for depth in range(1, len(path) + 1)]:
            self.total[key] += 1
            self.right[key] += right

    def precision(self, key: tuple[str, str]) -> float:
        """Right over total, drawn toward the figure of the depth above by ``PRIOR_WEIGHT`` claims."""
        if key[1] == OVERALL:
            return self.right[key] / max(1, self.total[key])
        above = (key[0], key[1].rsplit(" / ", 1)[0]) if " / " in key[1] else (key[0], OVERALL)
        return (self.right[key] + PRIOR_WEIGHT * self.precision(above)) / (self.total[key] + PRIOR_WEIGHT)

    def deepest(self, part: str, path: tuple[str, ...]) -> float:
        for depth in range(len(path), 0, -1):
            key = (part, " / ".join(path[:depth]))
            if key in self.total:
                return self.precision(key)
        return self.precision((part, OVERALL))


def observe(record: GoldRecord, summary: ArticleSummary) -> list[Observed]:
    claims = summary.claims
    pairs = dict(match([(c.quote.start, c.quote.end) for c in claims], [a.content for a in record.attributions], 0.3))
    observed = []
    for n, claim in enumerate(claims):
        if claim.found_by is None:
            continue
        rule, way = claim.found_by.split("; ")
        path = tuple(rule.split(" / "))
        gold = pairs.get(n)
        right = _names_entity(claim, record.attributions[gold], summary) if gold is not None else None
        observed.append(Observed(path, way, gold is not None, right, gold))
    return observed


def count(observations: list[Observed]) -> Counts:
    counts = Counts()
    for o in observations:
        counts.add("rule", o.path, o.matched)
        if o.speaker_right is not None:
            counts.add("speaker", tuple(o.way.split(", ")), o.speaker_right)
    return counts


def write_table(counts: Counts, sources: list[Path]) -> None:
    lines = [
        f"# written by scripts/calibrate.py from {', '.join(p.name for p in sources)}; regenerate when rules change",
        f"# precision = (right + {PRIOR_WEIGHT} x the precision of the row above) / (total + {PRIOR_WEIGHT})",
        "part\tname\tright\ttotal\tprecision",
    ]
    for key in sorted(counts.total, key=lambda k: (k[0], -counts.total[k], k[1])):
        if counts.total[key] < FEWEST and key[0] == "rule" and key[1] != OVERALL:
            continue
        lines.append(f"{key[0]}\t{key[1]}\t{counts.right[key]}\t{counts.total[key]}\t{counts.precision(key):.3f}")
    PRECISION_TABLE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def confidence(counts: Counts, o: Observed) -> float:
    return counts.deepest("rule", o.path) * counts.deepest("speaker", tuple(o.way.split(", ")))


def report(name: str, observations: list[list[Observed]], gold: int, counts: Counts) -> None:
    """Precision at IoU 0.3, recall and resolved speakers per floor (the rules' claims only; a floor drops claims
    without re-matching the rest, which the real eval does: its figures may differ by a little)."""
    print(f"{name}: gold {gold}")
    for floor in FLOORS:
        kept = [o for article in observations for o in article if confidence(counts, o) >= floor]
        matched = sum(o.matched for o in kept)
        judged = [o.speaker_right for o in kept if o.speaker_right is not None]
        precision = matched / max(1, len(kept))
        print(
            f"  floor {floor:.2f}: claims {len(kept):5d}  P@0.3 {precision:.3f}  R {matched / max(1, gold):.3f}"
            f"  resolved speakers {sum(judged) / max(1, len(judged)):.3f} ({len(judged)})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--write", action="store_true", help="write the table")
    parser.add_argument("--thresholds", action="store_true", help="print figures per confidence floor")
    args = parser.parse_args()
    per_file: dict[Path, list[list[Observed]]] = {}
    gold_counts: dict[Path, int] = {}
    for path in args.gold:
        records = [r for r in read_gold(path) if r.attributions]
        summaries = [claimkit.summarise(r.text, engine="embedded", min_confidence=0.0) for r in records]
        per_file[path] = [observe(r, s) for r, s in zip(records, summaries, strict=True)]
        gold_counts[path] = sum(len(r.attributions) for r in records)
    every = count([o for articles in per_file.values() for article in articles for o in article])
    for key in sorted(every.total, key=lambda k: (k[0], -every.total[k])):
        if key[1].count(" / ") < 2 or key[0] == "speaker":
            print(f"{key[0]:8s} {key[1]:40s} {every.right[key]:5d} / {every.total[key]:5d}  {every.precision(key):.3f}")
    if args.write:
        write_table(every, args.gold)
        print(f"wrote {PRECISION_TABLE}")
    if args.thresholds:
        for path, observations in per_file.items():
            report(f"{path.name}, table of all files", observations, gold_counts[path], every)
            others = [o for p, arts in per_file.items() if p != path for article in arts for o in article]
            if others:
                report(f"{path.name}, table of the other files", observations, gold_counts[path], count(others))
    return 0


if __name__ == "__main__":
    sys.exit(main())
