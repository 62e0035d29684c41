"""The archive's answers as text: a table for people, JSON for programs, Markdown for notes."""

from __future__ import annotations

import json
from typing import Any, Final, Literal

__all__ = ["ARCHIVE_FORMATS", "ArchiveFormat", "render_quote", "render_search", "render_speakers"]

ArchiveFormat = Literal["table", "json", "md"]
ARCHIVE_FORMATS: Final = ("table", "json", "md")

_SEARCH_COLUMNS: Final = ("published", "outlet", "speaker", "attribution", "stance", "quote", "quotes")
_TIMELINE_COLUMNS: Final = ("published", "attribution", "stance", "quote", "quotes")
_APPEARANCE_COLUMNS: Final = ("published", "outlet", "status", "similarity", "article_id", "start", "end", "changed")
_WIDTH: Final = 90


def render_search(rows: list[dict[str, Any]], fmt: ArchiveFormat) -> str:
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2)
    return _grid(rows, _SEARCH_COLUMNS, fmt) if rows else "no claim found"


def render_speakers(speakers: list[dict[str, Any]], fmt: ArchiveFormat) -> str:
    if fmt == "json":
        return json.dumps(speakers, ensure_ascii=False, indent=2)
    return "\n\n".join(_speaker(s, fmt) for s in speakers)


def _speaker(speaker: dict[str, Any], fmt: ArchiveFormat) -> str:
    heading = "## " if fmt == "md" else ""
    lines = [f"{heading}{speaker['name']} (speaker {speaker['id']}, {speaker['kind']}): {speaker['claims']} claims"]
    lines.append(f"names: {', '.join(speaker['aliases'])}")
    for role in speaker["roles"]:
        stated = ", ".join(x for x in (role["role"], role["affiliation"]) if x)
        lines.append(f"role: {stated} (as stated {role['published'] or 'undated'}, {role['outlet'] or 'no outlet'})")
    for outlet, claims in speaker["outlets"].items():
        lines += [
            "",
            f"{'### ' if fmt == 'md' else ''}{outlet}: {len(claims)} claims",
            _grid(claims, _TIMELINE_COLUMNS, fmt),
        ]
    return "\n".join(lines)


def render_quote(quote: dict[str, Any], fmt: ArchiveFormat) -> str:
    if fmt == "json":
        return json.dumps(quote, ensure_ascii=False, indent=2)
    heading = "## " if fmt == "md" else ""
    lines = [
        f"{heading}quote {quote['id']}: “{quote['text']}”",
        f"speaker: {quote['speaker'] or 'unknown'}; first printed {quote['first_published'] or 'undated'}"
        f" by {quote['first_outlet'] or 'an unnamed outlet'};"
        f" {quote['printed']} appearances, {quote['altered']} altered",
        "",
    ]
    rows = [{**a, "changed": _changed(a["changes"])} for a in quote["appearances"]]
    lines.append(_grid(rows, _APPEARANCE_COLUMNS, fmt))
    return "\n".join(lines)


def _changed(changes: list[dict[str, str | None]]) -> str:
    """'“used” for “abandoned”; added “and”': each change, the words here against the earliest words."""
    shown = []
    for change in changes:
        here, earliest = change.get("here"), change.get("earliest")
        if change["kind"] == "substituted":
            shown.append(f"“{here}” for “{earliest}”")
        elif change["kind"] == "added":
            shown.append(f"added “{here}”")
        else:
            shown.append(f"dropped “{earliest}”")
    return "; ".join(shown)


def _grid(rows: list[dict[str, Any]], columns: tuple[str, ...], fmt: ArchiveFormat) -> str:
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    if fmt == "md":
        head = "| " + " | ".join(columns) + " |\n|" + "---|" * len(columns)
        return head + "".join("\n| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in cells)
    widths = [max([len(c), *(len(r[n]) for r in cells)]) for n, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    text = "" if value is None else ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    text = " ".join(text.split())
    return text if len(text) <= _WIDTH else text[: _WIDTH - 1] + "…"
