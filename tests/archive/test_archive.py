"""The quote archive on the two seeds and on articles written for the test: one speaker across outlets, search,
quote provenance with the changed words, versions, merge and split."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimkit.archive import Archive
from claimkit.cli import app
from claimkit.errors import ArchiveError

from ..conftest import SEED_000, SEED_002


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("archive") / "quotes.db"
    with Archive(db) as archive:
        archive.add([str(SEED_000)], outlet="Outlet A", published="2025-09-20", workers=1)
        archive.add([str(SEED_002)], outlet="Outlet B", published="2025-09-25", workers=1)
    return db


def test_one_khawaja_asif_with_claims_from_both_outlets_and_their_dates(seeded: Path) -> None:
    with Archive(seeded) as archive:
        [asif] = archive.speaker("Khawaja Asif")
        assert archive.speaker("Khwaja Asif") == [asif]  # a spelling variant names the same person
    assert asif["name"] == "Khawaja Asif"
    assert set(asif["outlets"]) == {"Outlet A", "Outlet B"}
    assert {c["published"] for c in asif["outlets"]["Outlet A"]} == {"2025-09-20"}
    assert {c["published"] for c in asif["outlets"]["Outlet B"]} == {"2025-09-25"}
    assert {(r["role"], r["affiliation"]) for r in asif["roles"]} == {("Defence Minister", "Pakistan")}


def test_search_dirty_work_finds_the_quotation_of_002(seeded: Path) -> None:
    with Archive(seeded) as archive:
        found = archive.search("dirty work")
        assert any(r["quote"].startswith("“For 30 years, we did the dirty work") for r in found)
        assert {r["outlet"] for r in found} == {"Outlet B"}
        assert archive.search("dirty work", outlet="Outlet A") == []
        assert archive.search("dirty work", since="2025-09-26") == []
        assert archive.search("dirty work", speaker="Khawaja Asif")


def test_the_fragment_in_reported_speech_links_to_the_full_quotation(seeded: Path) -> None:
    with Archive(seeded) as archive:
        [row] = [r for r in archive.search("For 30 years") if r["quotes"]]
        quote = archive.quote(row["quotes"][0])
    statuses = sorted((a["status"], a["text"]) for a in quote["appearances"])
    assert statuses[0] == ("earliest", quote["text"])
    assert ("fragment", "dirty work") in statuses


def test_the_commands_answer_from_the_archive(seeded: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["speaker", "Khawaja Asif", "--db", str(seeded)])
    assert result.exit_code == 0, result.output
    assert "Outlet A: 11 claims" in result.output or "Outlet A:" in result.output
    assert "Outlet B:" in result.output
    result = runner.invoke(app, ["search", "dirty work", "--db", str(seeded), "-f", "json"])
    assert result.exit_code == 0
    assert any("dirty work" in r["quote"] for r in json.loads(result.output))
    result = runner.invoke(app, ["speaker", "Nobody Atall", "--db", str(seeded)])
    assert result.exit_code == 19
    assert "Traceback" not in result.output


def _article(tmp_path: Path, name: str, quotation: str) -> Path:
    path = tmp_path / name
    path.write_text(
        "Minister warns on grain deal\n\n"
        f"Agriculture Minister Maria Okonkwo said on Monday: “{quotation}” She spoke to reporters in Abuja.\n",
        encoding="utf-8",
    )
    return path


def test_an_altered_quotation_is_reported_with_the_changed_words(tmp_path: Path) -> None:
    first = _article(tmp_path, "first.txt", "We will never sign a deal that starves our farmers.")
    second = _article(tmp_path, "second.txt", "We will never sign a deal that hurts our farmers.")
    with Archive(tmp_path / "q.db") as archive:
        archive.add([str(second)], outlet="The Later Post", published="2025-03-04", workers=1)
        archive.add([str(first)], outlet="Daily Early", published="2025-03-03", workers=1)
        [row] = [r for r in archive.search("sign a deal") if r["outlet"] == "The Later Post"]
        quote = archive.quote(row["quotes"][0])
    assert quote["first_outlet"] == "Daily Early"  # the earliest by date, though indexed second
    later = next(a for a in quote["appearances"] if a["outlet"] == "The Later Post")
    assert later["status"] == "altered"
    assert later["changes"] == [{"kind": "substituted", "here": "hurts", "earliest": "starves"}]
    result = CliRunner().invoke(app, ["quote", str(quote["id"]), "--db", str(tmp_path / "q.db")])
    assert "“hurts” for “starves”" in result.output


def test_another_speakers_same_words_are_another_quote(tmp_path: Path) -> None:
    first = _article(tmp_path, "first.txt", "We will never sign a deal that starves our farmers.")
    other = tmp_path / "other.txt"
    other.write_text(
        "Opposition answers\n\nOpposition leader Tunde Bakare said: “We will never sign a deal that starves our"
        " farmers.”\n",
        encoding="utf-8",
    )
    with Archive(tmp_path / "q.db") as archive:
        archive.add([str(first), str(other)], workers=1)
        quotes = archive.connection.execute("SELECT count(*) FROM quotes").fetchone()[0]
    assert quotes == 2


def test_adding_again_is_a_no_op_and_another_engine_is_a_new_version(tmp_path: Path) -> None:
    with Archive(tmp_path / "q.db") as archive:
        first = archive.add([str(SEED_002)], workers=1)
        again = archive.add([str(SEED_002)], workers=1)
        counts = _counts(archive)
        summary = json.loads(json.dumps(_one_summary(archive)))
        summary["provenance"]["engine"] = "hybrid"
        from claimkit.records import ArticleSummary

        outcome = archive.add_summary(ArticleSummary.model_validate(summary))
        versions = archive.connection.execute("SELECT version FROM article_versions ORDER BY version").fetchall()
        assert _counts(archive) == counts
    assert (first.added, again.skipped, outcome) == (1, 1, "new version")
    assert versions == [(1,), (2,)]


def _one_summary(archive: Archive) -> dict[str, object]:
    import claimkit

    return claimkit.summarise_source(str(SEED_002)).model_dump(mode="json")


def _counts(archive: Archive) -> dict[str, int]:
    tables = ("articles", "claims", "quotes", "appearances", "speakers", "speaker_aliases")
    return {t: archive.connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def test_a_surname_alone_never_merges_two_people(tmp_path: Path) -> None:
    texts = {
        "a.txt": "Talks\n\nFinance Minister Ishaq Dar said the budget “will hold”. Dar spoke in Lahore.\n",
        "b.txt": "Talks\n\nOpposition leader Ahmed Dar said the budget “will collapse”. Dar spoke in Karachi.\n",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    with Archive(tmp_path / "q.db") as archive:
        archive.add([str(tmp_path / n) for n in texts], workers=1)
        assert len(archive.speaker("Dar")) == 2  # ambiguous: both, never one picked
        assert len(archive.speaker("Ishaq Dar")) == 1
        with pytest.raises(ArchiveError, match="2 speakers"):
            archive.merge("Dar", "Ishaq Dar")


def test_merge_and_split_are_reversible(seeded: Path, tmp_path: Path) -> None:
    db = tmp_path / "q.db"
    db.write_bytes(seeded.read_bytes())
    with Archive(db) as archive:
        [asif] = archive.speaker("Khawaja Asif")
        [islamabad] = archive.speaker("Islamabad")
        archive.merge("Khawaja Asif", "Islamabad")
        [merged] = archive.speaker("Islamabad")
        assert merged["id"] == asif["id"] and merged["claims"] == asif["claims"] + islamabad["claims"]
        archive.split("Islamabad")
        [back] = archive.speaker("Islamabad")
        assert back["claims"] == islamabad["claims"]
        assert archive.speaker("Khawaja Asif")[0]["claims"] == asif["claims"]


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["index", "add", "nowhere/*.txt"], 3, "no file matches"),
        (["index", "add", "missing.jsonl"], 3, "cannot read missing.jsonl"),
        (["index", "add", str(SEED_002), "--date", "25 September"], 11, "--date must be YYYY-MM-DD"),
        (["search", "dirty work", "--db", "absent.db"], 19, "no archive at absent.db"),
        (["quote", "999"], 19, "no quote 999"),
    ],
)
def test_bad_input_is_one_line_and_its_own_exit_code(
    arguments: list[str], code: int, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeded: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "quotes.db").write_bytes(seeded.read_bytes())
    result = CliRunner().invoke(app, arguments)
    assert result.exit_code == code, result.output
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_an_unreadable_input_is_reported_and_the_others_are_indexed(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    result = CliRunner().invoke(app, ["index", "add", str(tmp_path / "empty.txt"), str(SEED_002), "--db",
                                      str(tmp_path / "q.db")])  # fmt: skip
    assert result.exit_code == 0
    assert "1 added" in result.output and "1 failed" in result.output
    assert "not indexed" in result.output and "empty.txt is empty" in result.output


def test_an_html_articles_date_comes_from_its_metadata(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Grain deal</title>"
        '<meta property="article:published_time" content="2024-05-06T08:00:00Z"></head><body><article>'
        "<h1>Grain deal</h1><p>Agriculture Minister Maria Okonkwo said on Monday: “We will never sign a deal that"
        " starves our farmers.” She spoke to reporters in Abuja after a long meeting with the traders.</p>"
        "<p>The traders said they would answer the minister next week, after their own meeting in Lagos.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    with Archive(tmp_path / "q.db") as archive:
        archive.add([str(page)], published="2030-01-01", workers=1)  # --date only for inputs without one
        [row] = archive.search("starves our farmers")
    assert row["published"] == "2024-05-06"


def test_without_sqlite_utils_the_command_line_starts_and_the_archive_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sqlite_utils", None)  # as if the archive extra were not installed
    result = CliRunner().invoke(app, ["index", "add", str(SEED_002), "--db", str(tmp_path / "q.db")])
    assert result.exit_code == 15
    assert "pip install 'claimkit[archive]'" in result.output
    assert CliRunner().invoke(app, ["version"]).exit_code == 0


def test_a_longer_altered_printing_reports_its_changes_from_its_own_side(tmp_path: Path) -> None:
    first = _article(tmp_path, "first.txt", "We will never sign that deal.")
    second = _article(tmp_path, "second.txt", "We will never sign that bad deal, not this year and not next year.")
    with Archive(tmp_path / "q.db") as archive:
        archive.add([str(first)], outlet="Daily Early", published="2025-03-03", workers=1)
        archive.add([str(second)], outlet="The Later Post", published="2025-03-04", workers=1)
        [row] = [r for r in archive.search("never sign") if r["outlet"] == "The Later Post"]
        quote = archive.quote(row["quotes"][0])
    later = next(a for a in quote["appearances"] if a["outlet"] == "The Later Post")
    assert later["status"] == "altered"
    assert {"kind": "added", "here": "bad", "earliest": None} in later["changes"]
