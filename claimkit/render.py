"""Render an ``ArticleSummary`` for people (a terminal table, Markdown) or programs (JSON, JSON Lines)."""

from __future__ import annotations

import io
from typing import Literal

from rich.console import Console
from rich.table import Table

from .records import ArticleSummary

__all__ = ["FORMATS", "Format", "render"]

Format = Literal["table", "json", "jsonl", "md"]
FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "md")


def render(summary: ArticleSummary, fmt: Format, *, width: int | None = None) -> str:
    """The summary as text in ``fmt``; a table uses rich and fits ``width`` columns."""
    if fmt == "json":
        return summary.model_dump_json(indent=2)
    if fmt == "jsonl":
        return summary.model_dump_json()
    if fmt == "md":
        return markdown(summary)
    return table(summary, width=width)


def table(summary: ArticleSummary, *, width: int | None = None) -> str:
    buffer = io.StringIO()
    console = Console(file=buffer, width=width or 120, force_terminal=False, highlight=False)
    title = summary.article.title or summary.article.source or summary.article.id
    console.print(f"[bold]{title}[/bold]")
    if summary.summary:
        console.print(summary.summary, style="dim")
    speakers = Table(title="Speakers", show_lines=False, expand=True)
    for column in ("id", "name", "role", "affiliation", "kind", "mentions"):
        speakers.add_column(column, overflow="fold")
    for s in summary.speakers:
        speakers.add_row(s.id, s.name, s.role or "", s.affiliation or "", s.kind, str(len(s.mentions)))
    console.print(speakers)
    claims = Table(title="Claims", show_lines=True, expand=True)
    for column, ratio in (("id", 1), ("speaker", 3), ("quote", 10), ("kind", 2), ("stance", 2), ("at", 2)):
        claims.add_column(column, ratio=ratio, overflow="fold")
    names = {s.id: s.name for s in summary.speakers}
    for c in summary.claims:
        at = f"{c.quote.start}–{c.quote.end}"
        claims.add_row(c.id, names.get(c.speaker_id or "", "?"), c.quote.text, c.attribution, c.stance, at)
    console.print(claims)
    for stance in summary.stances:
        who = names.get(stance.speaker_id or "", "?")
        console.print(f"{who} [bold]{stance.label}[/bold] {stance.target}: “{_short(stance.evidence.text)}”")
    for warning in summary.warnings:
        console.print(f"warning: {warning}", style="yellow")
    return buffer.getvalue().rstrip("\n")


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


def _short(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
