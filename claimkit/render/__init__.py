"""Output formats: a table, JSON, JSONL and Markdown (``text``), a self-contained HTML page (``html``),
schema.org JSON-LD (``jsonld``). The format names are here, so that the command line can offer them without
loading a renderer."""

from __future__ import annotations

from typing import Literal

__all__ = ["CHECK_FORMATS", "COMPARE_FORMATS", "FORMATS", "CheckFormat", "Format"]

Format = Literal["table", "json", "jsonl", "md", "html", "jsonld"]
FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "md", "html", "jsonld")
COMPARE_FORMATS: tuple[str, ...] = ("table", "json", "md", "html")
CheckFormat = Literal["table", "json", "md", "html"]
CHECK_FORMATS: tuple[str, ...] = ("table", "json", "md", "html")
