"""The eval report as text: the figures of ``evaluate.EvalReport``, one line each, and a line per article."""

from __future__ import annotations

from typing import Any, Protocol

__all__ = ["eval_text"]


class EvalReport(Protocol):
    """What the text reads of ``evaluate.EvalReport`` (rendering sits below scoring: it does not import it)."""

    @property
    def articles(self) -> list[Any]: ...

    def totals(self) -> dict[str, Any]: ...


def _thresholds(totals: dict[str, Any]) -> list[float]:
    """The IoU thresholds the report scored at, from its ``iou>=T`` figures, lowest first."""
    return sorted(float(key.removeprefix("iou>=")) for key in totals if key.startswith("iou>="))


def eval_text(report: EvalReport, details: bool) -> str:
    """The report's figures as lines of text; with ``details``, a line per article."""
    totals = report.totals()
    lines = _attribution_lines(report, totals) if report.articles else []
    if "stance" in totals:
        lines += _stance_lines(totals["stance"])
    if totals["skipped_records"]:
        lines.append(f"{totals['skipped_records']} records with neither attributions nor a stance were not scored")
    if details and report.articles:
        lines += _article_lines(report)
    return "\n".join(lines)


def _attribution_lines(report: EvalReport, totals: dict[str, Any]) -> list[str]:
    lines = [f"articles {totals['articles']}   predicted {totals['predicted']}   gold {totals['gold']}"]
    lines.append(f"engine {', '.join(totals['engines'])}   min_confidence {totals['min_confidence']:g}")
    if totals["usage"]["calls"]:
        usage = {k: v / totals["articles"] for k, v in totals["usage"].items()}
        lines.append(
            f"per article: requests {usage['calls']:.1f}   prompt tokens {usage['prompt_tokens']:,.0f}"
            f"   completion tokens {usage['completion_tokens']:,.0f}"
        )
    thresholds = _thresholds(totals)
    for threshold in thresholds:
        t = totals[f"iou>={threshold}"]
        lines.append(
            f"IoU ≥ {threshold}:  precision {t['precision']:.3f}   recall {t['recall']:.3f}   F1 {t['f1']:.3f}"
            f"   ({t['matched']} matched)"
        )
    if totals["resolved_speaker_accuracy"] is not None:
        lines.append(
            f"resolved speakers {totals['resolved_speaker_accuracy']:.3f} over {totals['speakers_judged']}"
            " matched pairs (the claim's speaker is the gold speaker's entity)"
        )
    lines.append(
        f"speaker mentions {totals['mention_accuracy']:.3f} over {totals['mentions_judged']} matched pairs"
        " (the claim's speaker mention overlaps the gold's)"
    )
    lines.append(
        "exact match    "
        + "   ".join(
            f"{role} P {f['precision']:.3f} R {f['recall']:.3f} F1 {f['f1']:.3f}" for role, f in totals["exact"].items()
        )
    )
    for kind, f in totals["by_kind"].items():
        speakers = f["resolved_speaker_accuracy"]
        lines.append(
            f"{kind:<9}      gold {f['gold']:>5}   recall @{thresholds[0]} {f['recall']:.3f}"
            + (f"   resolved speakers {speakers:.3f}" if speakers is not None else "")
        )
    lines.append(f"exact-slice spans {totals['exact_span_share']:.1%}")
    lines += _curve_lines(totals["curve"])
    return lines


def _curve_lines(curve: list[dict[str, Any]]) -> list[str]:
    lines = ["min_confidence   claims   P@0.3   R@0.3   resolved speakers"]
    for point in curve:
        speakers = point["resolved_speaker_accuracy"]
        lines.append(
            f"{point['min_confidence']:>14g}   {point['predicted']:>6}"
            f"   {point['precision']:.3f}   {point['recall']:.3f}   {'' if speakers is None else f'{speakers:.3f}'}"
        )
    return lines


def _article_lines(report: EvalReport) -> list[str]:
    lines = ["", f"{'article':60} {'pred':>5} {'gold':>5} {'@0.3':>5} {'@0.8':>5} {'spk':>7}"]
    for a in report.articles:
        lines.append(
            f"{a.id[:60]:60} {a.predicted:5} {a.gold:5} {a.matched[0.3]:5} {a.matched[0.8]:5} "
            f"{a.speakers_correct:3}/{a.speakers_judged:<3}"
        )
    return lines


def _stance_lines(figures: dict[str, Any]) -> list[str]:
    lines = [
        f"stance pairs {figures['pairs']}   accuracy {figures['accuracy']:.3f}   macro-F1 {figures['macro_f1']:.3f}"
    ]
    for label, c in figures["per_class"].items():
        lines.append(f"  {label:10} precision {c['precision']:.3f}   recall {c['recall']:.3f}   F1 {c['f1']:.3f}")
    labels = list(figures["confusion"])
    lines.append("  gold \\ predicted " + " ".join(f"{p:>10}" for p in labels))
    for gold in labels:
        lines.append(f"  {gold:17}" + " ".join(f"{figures['confusion'][gold][p]:>10}" for p in labels))
    return lines
