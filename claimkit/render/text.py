"""Render an ``ArticleSummary`` for people (a terminal table, Markdown) or programs (JSON, JSON Lines)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from ..records import ArticleSummary, Comparison
from ..text.words import shorten
from . import COMPARE_FORMATS, FORMATS, Format
from .html import comparison_html, summary_html
from .jsonld import render_jsonld

__all__ = [
    "COMPARE_FORMATS",
    "FORMATS",
    "Format",
    "render",
    "render_comparison",
    "to_html",
    "to_jsonld",
    "to_markdown",
    "to_table",
]


def render(summary: ArticleSummary, fmt: Format, *, text: str | None = None, width: int | None = None) -> str:
    """The summary as text in ``fmt``; a table uses rich and fits ``width`` columns; html needs the article text."""
    if fmt == "html":
        if text is None:
            raise ValueError("the HTML report needs the article text")
        return summary_html(summary, text)
    if fmt == "jsonld":
        return render_jsonld(summary)
    if fmt == "json":
        return summary.model_dump_json(indent=2)
    if fmt == "jsonl":
        return summary.model_dump_json()
    if fmt == "md":
        return markdown(summary)
    return table(summary, width=width)


def to_markdown(summary: ArticleSummary) -> str:
    """The summary as Markdown: speakers as a table, claims as a list with their offsets, stances, warnings.

    >>> import claimkit
    >>> print(claimkit.to_markdown(claimkit.summarise("The mayor said the bridge would reopen.")).splitlines()[0])
    # The mayor said the bridge would reopen
    """
    return markdown(summary)


def to_html(summary: ArticleSummary, text: str | None = None) -> str:
    """A self-contained HTML page: the article with every claim highlighted, and the claims beside it.

    ``text`` is the text the spans index: by default ``summary.article.text``.

    >>> import claimkit
    >>> claimkit.to_html(claimkit.summarise("The mayor said the bridge would reopen.")).startswith("<!doctype html>")
    True
    """
    return render(summary, "html", text=text if text is not None else summary.article.text)


def to_jsonld(summary: ArticleSummary) -> str:
    """The claims as schema.org JSON-LD (``Claim`` items with their author and appearance).

    >>> import claimkit, json
    >>> json.loads(claimkit.to_jsonld(claimkit.summarise("The mayor said the bridge would reopen.")))["@context"]
    'https://schema.org'
    """
    return render_jsonld(summary)


def to_table(summary: ArticleSummary, *, width: int | None = None) -> str:
    """The summary as the terminal tables of ``claimkit summarise -f table``, ``width`` columns wide (120 unless
    given; the command line uses the terminal's own).

    >>> import claimkit
    >>> "Claims" in claimkit.to_table(claimkit.summarise("The mayor said the bridge would reopen."), width=80)
    True
    """
    return table(summary, width=width)


def table(summary: ArticleSummary, *, width: int | None = None) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width or 120, force_terminal=False, highlight=False)
    title = summary.article.title or summary.article.source or summary.article.id
    console.print(f"[bold]{title}[/bold]")
    if summary.summary:
        console.print(summary.summary, style="dim")
    speakers = Table(title="Speakers", show_lines=False, expand=True)
    for column in ("id", "name", "role", "affiliation"):
        speakers.add_column(column, overflow="fold", no_wrap=column == "id")
    for column in ("kind", "mentions"):
        speakers.add_column(column, no_wrap=True)
    for s in summary.speakers:
        speakers.add_row(s.id, s.name, s.role or "", s.affiliation or "", s.kind, str(len(s.mentions)))
    console.print(speakers)
    names = {s.id: s.name for s in summary.speakers}
    console.print(_claims_table(summary, names, narrow=console.width < _NARROW))
    for stance in summary.stances:
        who = names.get(stance.speaker_id or "", "?")
        console.print(f"{who} [bold]{stance.label}[/bold] {stance.target}: “{shorten(stance.evidence.text, 100)}”")
    for warning in summary.warnings:
        console.print(f"warning: {warning}", style="yellow")
    return buffer.getvalue().rstrip("\n")


_NARROW = 100
"""Below this many columns the claims table stacks kind, stance and offsets in one column."""


def _claims_table(summary: ArticleSummary, names: dict[str, str], *, narrow: bool) -> Table:
    """One row per claim; the short fields never fold mid-word, the speaker and the quote take the rest."""
    claims = Table(title="Claims", show_lines=True, expand=True)
    claims.add_column("id", no_wrap=True)
    claims.add_column("speaker", ratio=1, overflow="fold")
    claims.add_column("quote", ratio=3, overflow="fold")
    short = ("kind\nstance\nat",) if narrow else ("kind", "stance", "at")
    for column in short:
        claims.add_column(column, no_wrap=True)
    for c in summary.claims:
        fields = (c.attribution, c.stance, f"{c.quote.start}–{c.quote.end}")
        cells = ("\n".join(fields),) if narrow else fields
        claims.add_row(c.id, names.get(c.speaker_id or "", "?"), c.quote.text, *cells)
    return claims


def markdown(summary: ArticleSummary) -> str:
    names = {s.id: s.name for s in summary.speakers}
    lines = [f"# {summary.article.title or summary.article.id}", ""]
    if summary.summary:
        lines += [summary.summary, ""]
    lines += ["## Speakers", "", "| id | name | role | affiliation | kind |", "|---|---|---|---|---|"]
    lines += [
        f"| {s.id} | {_cell(s.name)} | {_cell(s.role)} | {_cell(s.affiliation)} | {s.kind} |" for s in summary.speakers
    ]
    lines += ["", "## Claims", ""]
    for c in summary.claims:
        who = names.get(c.speaker_id or "", "unknown")
        lines.append(f"- **{c.id}** {who} ({c.attribution}, {c.stance}, chars {c.quote.start}–{c.quote.end}):")
        lines.append(f"  > {' '.join(c.quote.text.split())}")
    if summary.stances:
        lines += ["", "## Stances", ""]
        for s in summary.stances:
            lines.append(f"- {names.get(s.speaker_id or '', 'unknown')} **{s.label}** {s.target}")
    if summary.warnings:
        lines += ["", "## Warnings", ""] + [f"- {w}" for w in summary.warnings]
    return "\n".join(lines)


def _cell(value: str | None) -> str:
    return (value or "").replace("|", "\\|")


def render_comparison(comparison: Comparison, fmt: str) -> str:
    """A comparison as json, html, or Markdown (the table format is Markdown too: it reads in a terminal)."""
    if fmt == "json":
        return comparison.model_dump_json(indent=2)
    if fmt == "html":
        return comparison_html(comparison)
    return comparison_markdown(comparison)


def comparison_markdown(comparison: Comparison) -> str:
    sources = {a.id: a.source or a.title or a.id for a in comparison.articles}
    names = {s.id: s.name for s in comparison.speakers}
    lines = ["# Comparison", "", "## Speakers", ""]
    for s in comparison.speakers:
        where = ", ".join(sources[a] for a in s.appearances)
        lines.append(f"- **{s.name}** ({s.kind}{', ' + s.role if s.role else ''}) — {where}")
    lines += ["", "## Claims across outlets", ""]
    for cluster in comparison.clusters:
        if len(cluster.articles) < 2:
            continue
        lines.append(f"### {cluster.id}: {cluster.statement}")
        for q in cluster.quotes:
            who = names.get(q.speaker_id or "", "unknown")
            words = " ".join(q.quote.text.split())
            lines.append(f"- {sources[q.article_id]} · {who} · chars {q.quote.start}–{q.quote.end}: “{words}”")
        lines += [f"  - {d}" for d in cluster.differences]
        lines.append("")
    single = [c for c in comparison.clusters if len(c.articles) < 2]
    lines += ["## Claims in one outlet only", ""]
    for cluster in single:
        q = cluster.quotes[0]
        lines.append(f"- {sources[q.article_id]} · {names.get(q.speaker_id or '', 'unknown')}: {cluster.statement}")
    return "\n".join(lines)
