"""The command line, through Typer's CliRunner: formats, schema, eval and exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimkit._version import __version__
from claimkit.cli import EXIT_CODES, app
from claimkit.errors import BinaryInput, ConfigurationError, EmptyInput, InputIsDirectory, InputNotFound, InputTooLarge
from claimkit.records import ArticleSummary

from .conftest import SEED_002

runner = CliRunner()


def test_json_output_is_a_valid_summary() -> None:
    result = runner.invoke(app, ["summarise", str(SEED_002), "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = ArticleSummary.model_validate_json(result.stdout)
    assert any(s.name == "Khawaja Asif" for s in summary.speakers)


def test_json_is_the_default_when_stdout_is_not_a_terminal() -> None:
    result = runner.invoke(app, ["summarise", str(SEED_002)])
    assert result.exit_code == 0
    ArticleSummary.model_validate_json(result.stdout)


def test_stdin() -> None:
    result = runner.invoke(app, ["summarise", "-", "-f", "jsonl"], input="The mayor said the bridge would reopen.")
    assert result.exit_code == 0
    [line] = result.stdout.splitlines()
    assert json.loads(line)["claims"][0]["quote"]["text"] == "the bridge would reopen"


@pytest.mark.parametrize(("fmt", "expected"), [("table", "Khawaja Asif"), ("md", "## Claims")])
def test_human_formats(fmt: str, expected: str) -> None:
    result = runner.invoke(app, ["summarise", str(SEED_002), "-f", fmt])
    assert result.exit_code == 0
    assert expected in result.stdout


def test_schema_names_the_contract_fields() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert set(schema["properties"]) >= {
        "article",
        "summary",
        "speakers",
        "claims",
        "stances",
        "provenance",
        "warnings",
    }
    assert set(schema["$defs"]["Claim"]["properties"]) >= {
        "id",
        "statement",
        "quote",
        "speaker_id",
        "speaker_mention",
        "cue",
        "attribution",
        "stance",
        "confidence",
    }


def _bad_inputs(tmp_path: Path) -> list[tuple[list[str], type[Exception]]]:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    blank = tmp_path / "blank.txt"
    blank.write_text("  \n\n\t")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    big = tmp_path / "big.txt"
    big.write_text("The mayor said so. " * 200)
    return [
        ([str(tmp_path / "missing.txt")], InputNotFound),
        ([str(tmp_path)], InputIsDirectory),
        ([str(empty)], EmptyInput),
        ([str(blank)], EmptyInput),
        ([str(binary)], BinaryInput),
        ([str(big), "--max-bytes", "1000"], InputTooLarge),
    ]


def test_bad_input_gets_one_line_and_a_distinct_exit_code(tmp_path: Path) -> None:
    seen = set()
    for arguments, error in _bad_inputs(tmp_path):
        result = runner.invoke(app, ["summarise", *arguments])
        assert result.exit_code == EXIT_CODES[error], (arguments, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        assert result.stderr.startswith("claimkit: error: ") and result.stderr.count("\n") == 1
        seen.add(result.exit_code)
    assert len(seen) == 5  # empty and whitespace-only share one code


def test_unreachable_url_exit_code() -> None:
    result = runner.invoke(app, ["summarise", "http://127.0.0.1:9/article", "--timeout", "2"])
    assert result.exit_code == 8
    assert "cannot fetch" in result.stderr


def test_eval_on_a_small_gold_file(tmp_path: Path) -> None:
    text = "The mayor said the bridge would reopen in May. Critics say the repairs are too slow."
    gold = {
        "id": "t:1",
        "text": text,
        "attributions": [
            {
                "speaker": "The mayor",
                "content": "the bridge would reopen in May",
                "content_spans": [[15, 45]],
                "speaker_spans": [[0, 9]],
            },
            {
                "speaker": "Critics",
                "content": "the repairs are too slow",
                "content_spans": [[59, 83]],
                "speaker_spans": [[47, 54]],
            },
        ],
        "stance": None,
    }
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n")
    result = runner.invoke(app, ["eval", str(path), "--json", "--details"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["iou>=0.3"]["f1"] == 1.0
    assert report["mention_accuracy"] == 1.0
    assert report["resolved_speaker_accuracy"] is None  # this gold resolves no speaker
    assert report["per_article"][0]["id"] == "t:1"
    assert report["engines"] == ["embedded"] and report["usage"]["calls"] == 0


def test_eval_with_a_model_runs_the_llm_engine_against_its_server(tmp_path: Path) -> None:
    from .openai_server import Step, scripted_server
    from .test_llm_transport import ARTICLE, VALID

    start = ARTICLE.index("the bridge")
    content = "the bridge would reopen in May"
    attribution = {"speaker": "The mayor", "content": content, "content_spans": [[start, start + len(content)]]}
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "t:1", "text": ARTICLE, "attributions": [attribution], "stance": None}) + "\n")
    with scripted_server([Step(content=VALID)]) as (server, url):
        arguments = ["eval", str(path), "--model", "m", "--base-url", url, "--structured-output", "json_object"]
        result = runner.invoke(app, [*arguments, "--no-cache"], env={"OPENAI_API_KEY": "sk-test"})
        assert server.count == 1
    assert result.exit_code == 0, result.output
    assert "engine llm" in result.stdout and "per article: requests 1.0" in result.stdout


def test_eval_refuses_a_bad_gold_file(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "x"}\n')
    result = runner.invoke(app, ["eval", str(path)])
    assert result.exit_code == EXIT_CODES[__import__("claimkit").GoldFileError]
    assert "gold.jsonl:1" in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full to write to")
def test_a_full_disk_under_the_output_is_an_error_not_a_success(hostile_row: Callable[..., None]) -> None:
    import subprocess
    import sys

    seed = Path(__file__).parent.parent / "seeds" / "002_4cc666bf275705eb.txt"
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "claimkit", "summarise", str(seed), "-f", "json"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert done.returncode == 17
    assert "could not be written" in done.stderr and "Traceback" not in done.stderr
    hostile_row("durability", "`summarise -f json` to a full disk", "failed clearly: OutputError (exit 17)")


_FRENCH = (
    "Le président a déclaré mardi que la réforme des retraites serait adoptée avant l'été, "
    "selon le porte-parole du gouvernement, qui a ajouté que le calendrier restait inchangé."
)


def test_a_french_article_is_named_and_the_llm_engine_suggested() -> None:
    result = runner.invoke(app, ["summarise", "-", "-f", "json"], input=_FRENCH)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["article"]["language"] == "fr"
    assert "French (fr)" in result.stderr
    assert "the LLM engine reads any language" in result.stderr


def test_version_short_help_and_choices() -> None:
    assert runner.invoke(app, ["--version"]).stdout.strip() == __version__
    assert runner.invoke(app, ["version", "-f", "json"]).stdout.strip() == json.dumps({"version": __version__})
    short = runner.invoke(app, ["summarise", "-h"], env={"COLUMNS": "200"})
    assert short.exit_code == 0
    assert "table|json|jsonl|md|html|jsonld" in short.stdout
    assert "auto|embedded|llm|hybrid" in short.stdout
    wrong = runner.invoke(app, ["summarise", str(SEED_002), "-f", "xml"])
    assert wrong.exit_code == 2


def test_completion_is_offered() -> None:
    assert "--show-completion" in runner.invoke(app, ["-h"], env={"COLUMNS": "200"}).stdout


@pytest.mark.parametrize("width", [80, 120])
def test_the_table_fits_the_terminal(width: int) -> None:
    result = runner.invoke(app, ["summarise", str(SEED_002), "-f", "table"], env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) == width
    assert ("┃ kind     ┃ stance  ┃" in result.stdout) == (width >= 100)


@pytest.mark.parametrize(
    "arguments",
    [
        ["stance", str(SEED_002), "-c", "Pakistan funded terrorist groups."],
        ["logs"],
        ["cache", "stats"],
        ["cache", "clear"],
        ["schema"],
        ["version"],
    ],
)
def test_json_on_every_command_with_json_as_an_alias(arguments: list[str]) -> None:
    result = runner.invoke(app, [*arguments, "-f", "json"])
    assert result.exit_code == 0, result.output
    json.loads(result.stdout)
    if arguments[0] in {"stance", "logs"}:
        assert runner.invoke(app, [*arguments, "--json"]).stdout == result.stdout


def test_an_unknown_setting_in_the_environment_names_the_nearest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMKIT_ENGINE", "embeded")
    result = runner.invoke(app, ["summarise", str(SEED_002), "-f", "json"])
    assert result.exit_code == EXIT_CODES[ConfigurationError]
    assert result.stderr.strip() == (
        "claimkit: error: CLAIMKIT_ENGINE: unknown engine 'embeded'; did you mean 'embedded'?"
    )


def test_batch_takes_the_model_options(tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.write_text("not-a-real-key\n")
    result = runner.invoke(
        app,
        [
            "batch",
            str(SEED_002),
            "-o",
            str(tmp_path / "out.jsonl"),
            "--api-key-file",
            str(key),
            "--timeout",
            "5",
            "--max-reasks",
            "1",
            "-f",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["done"] == 1


def test_the_missing_key_message_points_to_the_key_file(monkeypatch: pytest.MonkeyPatch) -> None:
    result = runner.invoke(app, ["summarise", str(SEED_002), "--model", "gpt-4o-mini", "--no-cache"])
    assert result.exit_code == EXIT_CODES[ConfigurationError]
    assert "--api-key-file" in result.stderr
    assert "pass --api-key " not in result.stderr


def test_python_names_keywords_and_accepts_paths() -> None:
    import warnings

    import claimkit

    with pytest.raises(
        ConfigurationError, match="'enigne' is not a keyword argument claimkit knows; did you mean 'engine'"
    ):
        claimkit.summarise("The mayor said the bridge would reopen.", enigne="llm")
    assert claimkit.summarise(SEED_002).claims == claimkit.summarise_source(SEED_002).claims
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        claimkit.summarise(str(SEED_002))
    assert any("summarise_source(" in str(w.message) for w in caught)


def test_min_confidence_leaves_out_the_rules_less_sure_claims() -> None:
    def claims(*options: str) -> list[float]:
        result = runner.invoke(app, ["summarise", str(SEED_002), "-f", "json", *options])
        assert result.exit_code == 0, result.output
        return [c["confidence"] for c in json.loads(result.output)["claims"]]

    every = claims("--min-confidence", "0")
    sure = claims("--min-confidence", "0.8")
    assert sure == [c for c in every if c >= 0.8] and len(sure) < len(every)
