"""Datasette serves the archive with full-text search and facets on speaker and outlet (its own Python API)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from claimkit.archive import Archive
from claimkit.archive.datasette import datasette_metadata

from ..conftest import SEED_000, SEED_002

datasette_app = pytest.importorskip("datasette.app")


def _get(db: Path, path: str) -> Any:
    async def fetch() -> Any:
        ds = datasette_app.Datasette([str(db)], metadata=datasette_metadata(db))
        try:
            response = await ds.client.get(path)
        finally:  # no thread of Datasette's outlives the test: a later fork of this process would inherit its locks
            for database in ds.databases.values():
                database.close()
            if ds.executor is not None:
                ds.executor.shutdown(wait=True)
        assert response.status_code == 200, response.text
        return response.json()

    return asyncio.run(fetch())


@pytest.fixture(scope="module")
def quotes_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("datasette") / "quotes.db"
    with Archive(db) as archive:
        archive.add([str(SEED_000)], outlet="Outlet A", published="2025-09-20", workers=1)
        archive.add([str(SEED_002)], outlet="Outlet B", published="2025-09-25", workers=1)
    return db


def test_search_on_quotes_finds_the_dirty_work_quotation(quotes_db: Path) -> None:
    found = _get(quotes_db, "/quotes/quotes.json?_search=dirty+work&_shape=objects&_labels=on")
    assert [row["text"][:35] for row in found["rows"]] == ["For 30 years, we did the dirty work"]
    assert found["rows"][0]["speaker_id"]["label"] == "Khawaja Asif"


def test_claims_are_faceted_by_speaker_and_outlet(quotes_db: Path) -> None:
    found = _get(quotes_db, "/quotes/claims.json?_search=Pakistan&_shape=objects")
    facets = found["facet_results"]
    facets = facets.get("results", facets)  # Datasette 1.0 nests them
    outlets = {f["value"]: f["count"] for f in facets["outlet"]["results"]}
    speakers = {f["label"]: f["count"] for f in facets["speaker_id"]["results"]}
    assert set(outlets) == {"Outlet A", "Outlet B"}
    assert "Khawaja Asif" in speakers
    assert sum(outlets.values()) == found.get("filtered_table_rows_count", len(found["rows"]))
