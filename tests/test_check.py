"""`claimkit check`: every quotation verbatim, altered (with its changes), elided or not found, with evidence."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import claimkit
from claimkit import errors
from claimkit.check import check_quotes
from claimkit.cli import EXIT_CODES, STRICT_EXIT, app
from claimkit.errors import BinaryInput, EmptyInput, InputNotFound
from claimkit.records import QuoteCheckReport

TRANSCRIPT = """Transcript of the press conference, Monday.

MINISTER: We did the dirty work for the United States for three decades, and we were used and then
abandoned. Nobody should forget that. The alliance failed us and our people paid the price. I will not
resign over this matter, and I will keep serving the people of this country.
"""
SPEECH = """Speech to parliament, Tuesday.

We will build ten new hospitals before the end of the year. That is a promise to every family.
"""


def _check(article: str, *sources: str) -> QuoteCheckReport:
    names = [f"source {n}" for n in range(1, len(sources) + 1)]
    return claimkit.check_quotes(f"Minister speaks.\n\n{article}", list(sources), names=names, engine="embedded")


# (article sentence, status, changes as (kind, article words, source words), words left out)
CASES = [
    (
        "“We did the dirty work for the United States for three decades,” the minister said.",
        "verbatim",
        [],
        [],
    ),
    (  # straight marks, a capital, a dash and a final full stop are typography
        '"we did the dirty work for the United States for three decades." the minister said.',
        "verbatim",
        [],
        [],
    ),
    (  # across a line break in the source, and in the article
        "“We were used and then\nabandoned,” the minister said.",
        "verbatim",
        [],
        [],
    ),
    (
        "“The alliance failed us and our people paid a heavy price,” the minister said.",
        "altered",
        [("substituted", "a heavy", "the")],
        [],
    ),
    (
        "“The alliance failed us and our brave people paid the price,” the minister said.",
        "altered",
        [("added", "brave", None)],
        [],
    ),
    (
        "“The alliance failed us and people paid the price,” the minister said.",
        "altered",
        [("dropped", None, "our")],
        [],
    ),
    (
        "“I will not resign … I will keep serving the people of this country,” the minister said.",
        "elided",
        [],
        ["over this matter, and"],
    ),
    (
        "“I will not resign [...] I will keep serving the people of this country,” the minister said.",
        "elided",
        [],
        ["over this matter, and"],
    ),
    (
        "“We never asked anybody for help,” the minister said.",
        "not_found",
        [],
        [],
    ),
]


@pytest.mark.parametrize(("sentence", "status", "changes", "omitted"), CASES)
def test_each_quotation_gets_its_status_and_changes(
    sentence: str, status: str, changes: list[tuple[str, str | None, str | None]], omitted: list[str]
) -> None:
    report = _check(sentence, TRANSCRIPT)
    [check] = report.checks
    assert check.status == status
    found = [
        (c.kind, c.article.text if c.article else None, c.source.text if c.source else None) for c in check.changes
    ]
    assert found == changes
    assert [o.text for o in check.omitted] == omitted
    if status != "not_found":
        assert check.source == "source 1" and check.passage is not None
        assert check.passage.text == TRANSCRIPT[check.passage.start : check.passage.end]
    assert check.speaker == "the minister"


def test_an_elision_whose_parts_stand_in_the_wrong_order_is_not_elided() -> None:
    report = _check("“I will keep serving the people … I will not resign,” the minister said.", TRANSCRIPT)
    assert report.checks[0].status != "elided"


def test_a_quote_found_in_the_second_source_names_it() -> None:
    report = _check("“We will build ten new hospitals before the end of the year,” she said.", TRANSCRIPT, SPEECH)
    [check] = report.checks
    assert (check.status, check.source) == ("verbatim", "source 2")
    assert (
        check.passage is not None and check.passage.text == "We will build ten new hospitals before the end of the year"
    )


def test_quoted_fragments_inside_reported_speech_are_checked() -> None:
    report = _check(
        "The minister said the alliance had been a “grave mistake” and his people “paid the price”.", TRANSCRIPT
    )
    assert [(c.quote.text, c.status) for c in report.checks] == [
        ("grave mistake", "not_found"),
        ("paid the price", "verbatim"),
    ]


def test_the_best_candidate_is_given_for_a_quotation_that_is_not_found() -> None:
    report = _check("“The alliance betrayed every single person in this nation,” the minister said.", TRANSCRIPT)
    [check] = report.checks
    assert check.status == "not_found" and check.changes == []
    assert 0 < check.similarity < 0.5 and check.passage is not None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from("we did the dirty work for us and people paid price never help … , .".split()), max_size=14
    )
)
def test_every_reported_span_is_an_exact_slice(words: list[str]) -> None:
    article = f"Minister speaks.\n\n“{' '.join(words)}” the minister said."
    report = claimkit.check_quotes(article, [TRANSCRIPT], engine="embedded")
    for check in report.checks:
        assert check.quote.text == article[check.quote.start : check.quote.end]
        for span in [check.passage, *check.omitted, *(c.source for c in check.changes)]:
            if span is not None:
                assert span.text == TRANSCRIPT[span.start : span.end]
        for change in check.changes:
            if change.article is not None:
                assert change.article.text == article[change.article.start : change.article.end]


# --- the command line --------------------------------------------------------------------------------------


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "article": tmp_path / "article.txt",
        "altered": tmp_path / "altered.txt",
        "transcript": tmp_path / "transcript.txt",
        "speech": tmp_path / "speech.txt",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "binary.bin",
    }
    paths["article"].write_text(
        "Minister speaks.\n\n“We will build ten new hospitals before the end of the year,” she said.\n"
    )
    paths["altered"].write_text(
        "Minister speaks.\n\n“We will build twenty new hospitals before the end of the year,” she said.\n"
    )
    paths["transcript"].write_text(TRANSCRIPT)
    paths["speech"].write_text(SPEECH)
    paths["empty"].write_text("  \n")
    paths["binary"].write_bytes(bytes(range(256)) * 4)
    return paths


@pytest.mark.parametrize("fmt", ["json", "md", "html", "table"])
def test_the_command_writes_every_format(files: dict[str, Path], fmt: str) -> None:
    result = CliRunner().invoke(
        app, ["check", str(files["article"]), "-s", str(files["transcript"]), "-s", str(files["speech"]), "-f", fmt]
    )
    assert result.exit_code == 0, result.output
    assert "ten new hospitals" in result.output
    if fmt == "json":
        report = QuoteCheckReport.model_validate_json(result.output)
        assert [c.status for c in report.checks] == ["verbatim"]
        assert [s.name for s in report.sources] == [str(files["transcript"]), str(files["speech"])]


def test_strict_exits_non_zero_when_a_quotation_is_altered(files: dict[str, Path]) -> None:
    runner = CliRunner()
    ok = runner.invoke(app, ["check", str(files["article"]), "-s", str(files["speech"]), "--strict", "-f", "json"])
    altered = runner.invoke(app, ["check", str(files["altered"]), "-s", str(files["speech"]), "--strict", "-f", "md"])
    assert ok.exit_code == 0
    assert altered.exit_code == STRICT_EXIT
    assert "**twenty**" in altered.output and "**ten**" in altered.output


@pytest.mark.parametrize(
    ("source", "error"), [("empty", EmptyInput), ("binary", BinaryInput), ("missing", InputNotFound)]
)
def test_bad_sources_give_their_exit_codes(files: dict[str, Path], source: str, error: type[Exception]) -> None:
    path = files.get(source, files["article"].parent / "missing.txt")
    result = CliRunner().invoke(app, ["check", str(files["article"]), "-s", str(path)])
    assert result.exit_code == EXIT_CODES[error]  # type: ignore[index]
    assert "Traceback" not in result.output


def test_compare_says_when_two_outlets_quote_one_statement_in_different_words() -> None:
    one = claimkit.summarise(
        "Minister quits.\n\n“We did the dirty work for the United States for three decades,” Khawaja Asif said.",
        engine="embedded",
        source="a.txt",
    )
    other = claimkit.summarise(
        "Asif speaks out.\n\n“We did dirty work for America for three decades,” Khawaja Asif said.",
        engine="embedded",
        source="b.txt",
    )
    differences = [d for cluster in claimkit.compare([one, other]).clusters for d in cluster.differences]
    assert any(
        d.startswith("quoted in different words (a.txt / b.txt)") and "“the United States” / “America”" in d
        for d in differences
    )


def _alternating(words: int, seed: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice("ab") for _ in range(words))


def _check_cpu(words: int) -> float:
    article = f"The mayor spoke.\n\n“{_alternating(words, 1)},” said the mayor."
    started = time.process_time()
    check_quotes(article, [_alternating(words, 2) + "."], engine="embedded", max_bytes=10**8)
    return time.process_time() - started


def test_a_long_quotation_is_checked_in_time_linear_in_its_length(hostile_row: Callable[..., None]) -> None:
    small, large = _check_cpu(400), _check_cpu(4_000)
    assert large < 25 * max(small, 0.005)  # difflib whole: 100× to 1000× per 10× (2,000 words: 2.9 CPU-s)
    hostile_row("time", "`check`: a 4,000-word quotation against a 4,000-word source", f"{large:.2f} CPU-s, linear")


def test_check_holds_the_articles_deadline(hostile_row: Callable[..., None]) -> None:
    quotes = " ".join(f"“{_alternating(150, n)},” said Tom {n}." for n in range(300))
    source = _alternating(60_000, 0)
    started = time.process_time()
    with pytest.raises(errors.ArticleTimeout):
        check_quotes(f"The story.\n\n{quotes}", [source], engine="embedded", deadline=0.5)
    assert time.process_time() - started < 3
    hostile_row("time", "`check` past the deadline", "failed clearly: ArticleTimeout (exit 18)")
