"""A quote archive of many articles in one SQLite file: who said what, when, in which outlets, and who changed
the words. ``Archive(path)`` is the entry point; docs/ARCHIVE.md describes the tables."""

from __future__ import annotations

from .api import Archive
from .indexer import IndexReport

__all__ = ["Archive", "IndexReport"]
