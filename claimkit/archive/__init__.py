"""A quote archive of many articles in one SQLite file: who said what, when, in which outlets, and who changed
the words. ``Archive(path)`` is the entry point; docs/ARCHIVE.md describes the tables.

The archive needs the ``archive`` extra (sqlite-utils); without it, the command line still starts, and opening an
archive raises ``MissingDependency``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import Archive
    from .indexer import IndexReport

__all__ = ["Archive", "IndexReport"]


def __getattr__(name: str) -> Any:
    if name == "Archive":
        from .api import Archive

        return Archive
    if name == "IndexReport":
        from .indexer import IndexReport

        return IndexReport
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
