"""Datasette's view of an archive: labels, descriptions, facets on speaker and outlet, and full-text search on
quotes and claims. ``claimkit index metadata --db quotes.db > metadata.json`` writes it;
``datasette quotes.db -m metadata.json`` serves it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

__all__ = ["datasette_metadata"]


def datasette_metadata(db: str | Path) -> dict[str, Any]:
    """The metadata for the archive at ``db`` (Datasette names a database after its file's stem)."""
    return {
        "title": "claimkit quote archive",
        "description": "Who said what, when, in which outlets, and who changed the words.",
        "databases": {Path(db).stem: {"tables": _TABLES}},
    }


_TABLES: dict[str, dict[str, Any]] = {
    "claims": {
        "description": "Every attributed statement of every article: the speaker's words (quote) and a sentence.",
        "label_column": "statement",
        "facets": ["speaker_id", "outlet", "stance", "attribution"],
        "fts_table": "claims_fts",
        "fts_pk": "rowid",
        "sort_desc": "published",
        "columns": {
            "speaker_id": "The speaker across the archive (see speakers)",
            "speaker_name": "The speaker's name as this article gives it",
            "quote": "The quoted or reported words, as printed",
            "published": "The article's date",
        },
    },
    "quotes": {
        "description": "One quotation however often it was printed; its earliest wording.",
        "label_column": "text",
        "facets": ["speaker_id", "first_outlet"],
        "fts_table": "quotes_fts",
        "fts_pk": "id",
        "sort_desc": "appearances",
        "columns": {"appearances": "How many times it was printed", "altered": "How many of them changed words"},
    },
    "appearances": {
        "description": "Each printing of a quote, compared with the earliest: verbatim, altered, elided, fragment.",
        "facets": ["status", "outlet"],
        "sort": "published",
        "columns": {"changes": "For an altered one: the words changed against the earliest (JSON)"},
    },
    "speakers": {"description": "One person or body across the archive.", "label_column": "name", "facets": ["kind"]},
    "speaker_aliases": {
        "description": "Names that go to a speaker: edit a row (origin 'user') to merge or split speakers.",
        "label_column": "name",
        "facets": ["origin"],
    },
    "speaker_roles": {"description": "A speaker's role and affiliation as an article stated them, with its date."},
    "articles": {
        "description": "Indexed articles, with the engine that read them and their version.",
        "label_column": "title",
        "facets": ["outlet", "engine"],
        "sort_desc": "published",
    },
    "article_versions": {"description": "Each time an article was indexed by another engine, model or prompt."},
}
