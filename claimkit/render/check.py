"""A quotation check for people: a terminal table with the changes marked, Markdown, or an HTML page with each
quotation beside its passage in the source; JSON for programs."""

from __future__ import annotations

import io
from html import escape

from ..records import QuoteChange, QuoteCheck, QuoteCheckReport, Span
from ..text.words import shorten
from . import CheckFormat

__all__ = ["render_check"]

_STATUS_STYLE = {"verbatim": "green", "elided": "cyan", "altered": "yellow", "not_found": "red"}


def render_check(report: QuoteCheckReport, fmt: CheckFormat, *, width: int | None = None, color: bool = False) -> str:
    """The report as text in ``fmt``; the table marks changed words in colour when ``color`` (a terminal)."""
    if fmt == "json":
        return report.model_dump_json(indent=2)
    if fmt == "md":
        return _markdown(report)
    if fmt == "html":
        return _html(report)
    return _table(report, width=width, color=color)


def _counts(report: QuoteCheckReport) -> str:
    counts = {status: report.count(status) for status in ("verbatim", "elided", "altered", "not_found")}
    return ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in counts.items())


def _marked(check: QuoteCheck, side: str, opening: str, closing: str, escape_text: bool = False) -> str:
    """The quotation (``side='article'``) or the passage (``'source'``) with the changed words between marks."""
    whole = check.quote if side == "article" else check.passage
    if whole is None:
        return ""
    changed = sorted((span.start, span.end) for change in check.changes if (span := _side(change, side)) is not None)
    out, at = [], whole.start
    for start, end in changed:
        out += [
            whole.text[at - whole.start : start - whole.start],
            opening,
            whole.text[start - whole.start : end - whole.start],
            closing,
        ]
        at = end
    out.append(whole.text[at - whole.start :])
    if not escape_text:
        return "".join(out)
    return "".join(piece if piece in (opening, closing) else escape(piece) for piece in out)


def _side(change: QuoteChange, side: str) -> Span | None:
    return change.article if side == "article" else change.source


def _table(report: QuoteCheckReport, *, width: int | None, color: bool) -> str:
    from rich.console import Console
    from rich.markup import escape as rich_escape
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(file=buffer, width=width or 120, force_terminal=color, highlight=False)
    console.print(f"[bold]{rich_escape(report.article.title or report.article.source or report.article.id)}[/bold]")
    console.print(_counts(report), style="dim")
    table = Table(show_lines=True, expand=True)
    for column, ratio in (("id", 1), ("speaker", 3), ("status", 2), ("similarity", 2), ("quotation", 8), ("source", 8)):
        table.add_column(column, ratio=ratio, overflow="fold", no_wrap=column in ("id", "similarity"))
    for check in report.checks:
        quote = (
            rich_escape(_marked(check, "article", "\x00", "\x01")).replace("\x00", "[bold red]").replace("\x01", "[/]")
        )
        passage = (
            rich_escape(_marked(check, "source", "\x00", "\x01")).replace("\x00", "[bold green]").replace("\x01", "[/]")
        )
        style = _STATUS_STYLE[check.status]
        source = f"{rich_escape(check.source or '')}: {passage}" if check.passage else ""
        if check.omitted:
            source += "\n[dim]left out: " + " | ".join(rich_escape(shorten(o.text, 60)) for o in check.omitted) + "[/]"
        table.add_row(
            check.id,
            rich_escape(check.speaker or "?"),
            f"[{style}]{check.status}[/]",
            f"{check.similarity:.2f}",
            quote,
            source,
        )
    console.print(table)
    return buffer.getvalue().rstrip()


def _markdown(report: QuoteCheckReport) -> str:
    lines = [
        f"# Quotations of {report.article.title or report.article.source or report.article.id}",
        "",
        _counts(report),
        "",
    ]
    lines += ["| id | speaker | status | similarity | quotation | source |", "|---|---|---|---|---|---|"]
    for check in report.checks:
        quote = _cell(_marked(check, "article", "**", "**"))
        passage = _cell(_marked(check, "source", "**", "**"))
        source = f"{check.source}: {passage}" if check.passage else ""
        lines.append(
            f"| {check.id} | {check.speaker or '?'} | {check.status} | {check.similarity:.2f} | {quote} | {source} |"
        )
    for check in report.checks:
        if check.changes or check.omitted:
            lines += ["", f"## {check.id}: {check.status}"]
            for change in check.changes:
                article = f"“{change.article.text}”" if change.article else "nothing"
                source = f"“{change.source.text}”" if change.source else "nothing"
                lines.append(f"- {change.kind}: the article has {article} where the source has {source}")
            lines += [f"- left out: “{o.text}”" for o in check.omitted]
    return "\n".join(lines)


def _cell(text: str) -> str:
    """Text that stays inside one cell of a Markdown table."""
    return " ".join(text.split()).replace("|", "\\|")


_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
td, th { border-top: 1px solid #ddd; padding: .5rem; vertical-align: top; }
th { text-align: left; } .verbatim { color: #1a7f37; } .elided { color: #0969da; } .altered { color: #9a6700; }
.not_found { color: #cf222e; } mark.article { background: #ffd8d3; } mark.source { background: #d3f5d9; }
.omitted { color: #666; font-size: .9em; } .meta { color: #666; }
"""


def _html(report: QuoteCheckReport) -> str:
    title = escape(report.article.title or report.article.source or report.article.id)
    rows = []
    for check in report.checks:
        quote = _marked(check, "article", '<mark class="article">', "</mark>", escape_text=True)
        passage = _marked(check, "source", '<mark class="source">', "</mark>", escape_text=True)
        omitted = "".join(f'<div class="omitted">left out: “{escape(o.text)}”</div>' for o in check.omitted)
        where = (
            f'<div class="meta">{escape(check.source)} {check.passage.start}–{check.passage.end}</div>'
            if check.passage and check.source
            else ""
        )
        rows.append(
            f"<tr><td>{check.id}</td><td>{escape(check.speaker or '?')}</td>"
            f'<td class="{check.status}">{check.status.replace("_", " ")}<br>{check.similarity:.2f}</td>'
            f"<td>“{quote}”</td><td>{passage}{omitted}{where}</td></tr>"
        )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Quotations: {title}</title>'
        f"<style>{_STYLE}</style></head><body><h1>Quotations: {title}</h1><p>{escape(_counts(report))}</p>"
        "<table><thead><tr><th>id</th><th>speaker</th><th>status</th><th>in the article</th><th>in the source</th>"
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></body></html>"
    )
