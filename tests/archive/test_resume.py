"""The 200 DEV2 articles indexed twice, and after a kill -9 in the middle of a run: no row twice, nothing lost.
Two writers at once. The data stays outside the project: the tests skip when it is absent."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from claimkit.archive import Archive

from ..conftest import EVAL_DIR

DEV2 = EVAL_DIR / "polnear.dev2.jsonl"
pytestmark = pytest.mark.skipif(not DEV2.exists(), reason="the DEV2 file (../shared/eval) is not here")

_UNIQUE = {
    "articles": "id",
    "claims": "id",
    "appearances": 'claim_id, start, "end"',
    "speaker_aliases": "alias",
    "article_versions": "article_id, version",
}


def _index(db: Path, *extra: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "claimkit", "index", "add", str(DEV2), "--db", str(db), *extra]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        tables = ("articles", "claims", "appearances", "quotes", "speakers", "speaker_aliases", "article_versions")
        return {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _duplicates(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as connection:
        return {
            table: connection.execute(
                f"SELECT count(*) FROM (SELECT {key} FROM {table} GROUP BY {key} HAVING count(*) > 1)"
            ).fetchone()[0]
            for table, key in _UNIQUE.items()
        }


def _articles(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # not made yet


@pytest.fixture(scope="module")
def clean_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("clean") / "quotes.db"
    run = _index(db)
    out, err = run.communicate(timeout=900)
    assert run.returncode == 0, err.decode()
    assert b"200 added" in out
    return db


@pytest.fixture(scope="module")
def clean(clean_db: Path) -> dict[str, int]:
    return _counts(clean_db)


def test_dev2_indexed_twice_has_no_duplicate_rows(clean_db: Path, clean: dict[str, int]) -> None:
    run = _index(clean_db)
    out, err = run.communicate(timeout=900)
    assert run.returncode == 0, err.decode()
    assert b"0 added" in out and b"200 skipped" in out
    assert _counts(clean_db) == clean
    assert clean["articles"] == 200 and clean["claims"] > 2000
    assert set(_duplicates(clean_db).values()) == {0}


def test_a_kill_9_in_the_middle_and_a_rerun_lose_nothing_and_double_nothing(
    tmp_path: Path, clean: dict[str, int]
) -> None:
    db = tmp_path / "quotes.db"
    run = _index(db)
    deadline = time.monotonic() + 600
    while _articles(db) < 60 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(run.pid)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    killed_at = _articles(db)
    assert 0 < killed_at < 200, "the run was not stopped in the middle"
    rerun = _index(db)
    out, err = rerun.communicate(timeout=900)
    assert rerun.returncode == 0, err.decode()
    assert f"{200 - killed_at} added".encode() in out
    counts = _counts(db)
    assert (counts["articles"], counts["claims"], counts["appearances"]) == (
        200, clean["claims"], clean["appearances"],
    )  # fmt: skip
    assert set(_duplicates(db).values()) == {0}
    assert workers and not [pid for pid in workers if _alive(pid)], "a worker outlived the killed run"


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1][:1]
    except OSError:
        return False
    return state != "Z"


def test_two_writers_at_once_index_each_article_once(tmp_path: Path, clean: dict[str, int]) -> None:
    db = tmp_path / "quotes.db"
    runs = [_index(db, "--workers", "1") for _ in range(2)]
    for run in runs:
        _, err = run.communicate(timeout=900)
        assert run.returncode == 0, err.decode()
    counts = _counts(db)
    assert (counts["articles"], counts["claims"], counts["appearances"]) == (
        200, clean["claims"], clean["appearances"],
    )  # fmt: skip
    assert counts["article_versions"] == 200
    assert set(_duplicates(db).values()) == {0}
    with Archive(db) as archive:
        assert archive.search("Trump")
