"""Self-contained HTML reports: no network, no external assets, no script.

The summary report shows the article with each claim's quote highlighted in its speaker's colour, and a
side list of speakers, claims and stances. Quotes that overlap a highlighted one (a claim nested in
another) are listed but not highlighted twice.
"""

from __future__ import annotations

from html import escape

from ..records import ArticleSummary, Claim, Comparison

__all__ = ["comparison_html", "summary_html"]

_PALETTE = (
    "#fde68a",
    "#bfdbfe",
    "#bbf7d0",
    "#fecaca",
    "#ddd6fe",
    "#fed7aa",
    "#a5f3fc",
    "#f5d0fe",
    "#d9f99d",
    "#e5e7eb",
    "#fbcfe8",
    "#c7d2fe",
)
_STYLE = """
body{font:16px/1.55 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#111;background:#fafafa}
header{padding:16px 24px;background:#1f2937;color:#f9fafb}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;font-size:13px;color:#d1d5db}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(280px,2fr);gap:24px;padding:24px}
article{background:#fff;padding:20px 28px;border:1px solid #e5e7eb;border-radius:8px;white-space:pre-wrap}
aside section{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:12px 16px;margin-bottom:16px}
aside h2,main h2{font-size:16px;margin:4px 0 8px}
mark{padding:1px 2px;border-radius:3px}
.swatch{display:inline-block;width:12px;height:12px;border-radius:3px;margin-right:6px;vertical-align:middle}
ol,ul{padding-left:20px;margin:0}li{margin:6px 0}
.meta{color:#6b7280;font-size:12px}
.cluster{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:12px 16px;margin:0 0 16px}
table{border-collapse:collapse;width:100%}
td,th{border-top:1px solid #e5e7eb;padding:6px;text-align:left;vertical-align:top;font-size:14px}
"""


def _page(title: str, subtitle: str, body: str) -> str:
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
        f"<style>{_STYLE}</style></head><body><header><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header>"
        f"{body}</body></html>\n"
    )


def _colours(summary: ArticleSummary) -> dict[str, str]:
    return {s.id: _PALETTE[n % len(_PALETTE)] for n, s in enumerate(summary.speakers)}


def _highlighted(claims: list[Claim]) -> list[Claim]:
    """The claims to highlight: longest first, none overlapping another."""
    chosen: list[Claim] = []
    for claim in sorted(claims, key=lambda c: (-(c.quote.end - c.quote.start), c.quote.start)):
        if all(claim.quote.end <= o.quote.start or o.quote.end <= claim.quote.start for o in chosen):
            chosen.append(claim)
    return sorted(chosen, key=lambda c: c.quote.start)


def _article_html(text: str, summary: ArticleSummary) -> str:
    colours = _colours(summary)
    names = {s.id: s.name for s in summary.speakers}
    pieces = []
    at = 0
    for claim in _highlighted(summary.claims):
        pieces.append(escape(text[at : claim.quote.start]))
        colour = colours.get(claim.speaker_id or "", "#e5e7eb")
        who = names.get(claim.speaker_id or "", "unknown speaker")
        pieces.append(
            f'<mark class="claim" id="{claim.id}" data-claim="{claim.id}"'
            f' data-speaker="{escape(claim.speaker_id or "")}"'
            f' data-start="{claim.quote.start}" data-end="{claim.quote.end}" style="background:{colour}"'
            f' title="{escape(claim.id)}: {escape(who)} ({claim.attribution})">{escape(claim.quote.text)}</mark>'
        )
        at = claim.quote.end
    pieces.append(escape(text[at:]))
    return "".join(pieces)


def summary_html(summary: ArticleSummary, text: str) -> str:
    """One self-contained HTML page for an article and its summary."""
    colours = _colours(summary)
    names = {s.id: s.name for s in summary.speakers}
    speakers = "".join(
        f'<li data-speaker="{s.id}"><span class="swatch" style="background:{colours[s.id]}"></span>'
        f'<strong>{escape(s.name)}</strong> <span class="meta">{escape(s.kind)}'
        f"{' · ' + escape(s.role) if s.role else ''}{' · ' + escape(s.affiliation) if s.affiliation else ''}"
        f" · {len(s.mentions)} mentions</span></li>"
        for s in summary.speakers
    )
    claims = "".join(
        f'<li data-claim-item="{c.id}"><a href="#{c.id}">{c.id}</a> {escape(c.statement)} '
        f'<span class="meta">{escape(names.get(c.speaker_id or "", "unknown"))} · {c.attribution} · {c.stance}'
        f" · chars {c.quote.start}–{c.quote.end}</span></li>"
        for c in summary.claims
    )
    stances = "".join(
        f"<li>{escape(names.get(s.speaker_id or '', 'unknown'))} <strong>{s.label}</strong> {escape(s.target)}</li>"
        for s in summary.stances
    )
    provenance = summary.provenance
    subtitle = f"{summary.article.source or summary.article.id} · {provenance.engine} engine"
    if provenance.model:
        subtitle += f" · {provenance.model}"
    warnings = "".join(f"<li>{escape(w)}</li>" for w in summary.warnings)
    aside = (
        f"<aside><section><h2>Summary</h2><p>{escape(summary.summary)}</p></section>"
        f"<section><h2>Speakers</h2><ul>{speakers}</ul></section>"
        f"<section><h2>Claims</h2><ol>{claims}</ol></section>"
        + (f"<section><h2>Stances</h2><ul>{stances}</ul></section>" if stances else "")
        + (f"<section><h2>Warnings</h2><ul>{warnings}</ul></section>" if warnings else "")
        + "</aside>"
    )
    body = f'<div class="layout"><main><article>{_article_html(text, summary)}</article></main>{aside}</div>'
    return _page(summary.article.title or "claimkit report", subtitle, body)


def comparison_html(comparison: Comparison) -> str:
    """One self-contained HTML page for a comparison: shared speakers and claim clusters."""
    sources = {a.id: a.source or a.title or a.id for a in comparison.articles}
    speaker_names = {s.id: s.name for s in comparison.speakers}
    speakers = "".join(
        f'<li><strong>{escape(s.name)}</strong> <span class="meta">{escape(s.kind)}'
        f"{' · ' + escape(s.role) if s.role else ''}"
        f" · in {len(s.appearances)} of {len(comparison.articles)}</span></li>"
        for s in comparison.speakers
    )
    clusters = []
    for cluster in comparison.clusters:
        rows = "".join(
            f"<tr><td>{escape(sources.get(q.article_id, q.article_id))}</td>"
            f"<td>{escape(speaker_names.get(q.speaker_id or '', 'unknown'))}</td>"
            f"<td>{escape(q.quote.text)}</td><td>{q.quote.start}–{q.quote.end}</td>"
            f"<td>{escape(q.cue or '')} · {q.attribution} · {q.stance}</td></tr>"
            for q in cluster.quotes
        )
        differences = "".join(f"<li>{escape(d)}</li>" for d in cluster.differences)
        clusters.append(
            f'<section class="cluster" data-cluster="{cluster.id}"><h2>{cluster.id} · in {len(cluster.articles)}'
            f" article(s)</h2><p>{escape(cluster.statement)}</p><table><tr><th>outlet</th><th>speaker</th>"
            f"<th>quote</th><th>chars</th><th>framing</th></tr>{rows}</table>"
            + (f"<ul>{differences}</ul>" if differences else "")
            + "</section>"
        )
    body = (
        f'<div class="layout"><main>{"".join(clusters)}</main>'
        f"<aside><section><h2>Speakers</h2><ul>{speakers}</ul></section></aside></div>"
    )
    return _page("claimkit comparison", " · ".join(sources.values()), body)
