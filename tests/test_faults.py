"""Faults of an OpenAI-compatible endpoint, each injected by a real local server, each with its outcome.

Every fault runs through the API and the CLI: either claimkit recovers (after a counted number of
requests) or it stops with a named error and its own exit code, never a traceback. The suite writes
the table of figures to tests/output/faults.md (docs/FAULTS.md holds a copy of it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

import claimkit
from claimkit.batch import BatchItem, summarise_many
from claimkit.cli import EXIT_CODES, app
from claimkit.settings import Settings

from .conftest import ROOT
from .openai_server import Step, scripted_server
from .test_llm_transport import ARTICLE, VALID

CANARY = "sk-canary-faults-0123456789abcdef"
_HANG = 2.5
_TIMEOUT = 1.0


@dataclass(frozen=True)
class Fault:
    name: str
    steps: list[Step]
    requests: int
    """Requests the server must see."""
    error: type[claimkit.ClaimkitError] | None = None
    """None: claimkit recovers."""


INVALID_SCHEMA = json.dumps({"speakers": [], "claims": [{"speaker": "Mayor"}]})
INVENTED = json.dumps(
    {
        "speakers": [],
        "claims": [
            {
                "speaker": "The mayor",
                "mention": None,
                "cue": None,
                "quote": "the city will be renamed Atlantis",
                "kind": "indirect",
                "stance": "neutral",
                "answers": None,
            }
        ],
    }
)
ENORMOUS = json.dumps(
    {"speakers": [{"name": "x" * 2_000_000, "role": None, "affiliation": None, "kind": "person"}], "claims": []}
)

FAULTS = [
    Fault(
        "429 with Retry-After, then success", [Step(status=429, headers={"Retry-After": "0"}), Step(content=VALID)], 2
    ),
    Fault("500, then success", [Step(status=500), Step(content=VALID)], 2),
    Fault("502, 503, then success", [Step(status=502), Step(status=503), Step(content=VALID)], 3),
    Fault("hang past the timeout, then success", [Step(content=VALID, delay=_HANG), Step(content=VALID)], 2),
    Fault("dropped connection, then success", [Step(drop=True), Step(content=VALID)], 2),
    Fault("truncated JSON, then success", [Step(content=VALID[:120]), Step(content=VALID)], 2),
    Fault("JSON that violates the schema, then success", [Step(content=INVALID_SCHEMA), Step(content=VALID)], 2),
    Fault(
        "finish_reason=length, then success", [Step(content=VALID[:80], finish_reason="length"), Step(content=VALID)], 2
    ),
    Fault("quotes not in the article", [Step(content=INVENTED)], 1),
    Fault("refusal, every time", [Step(refusal="I can't help with that.")], 3, claimkit.ModelOutputError),
    Fault("enormous reply, every time", [Step(content=ENORMOUS)], 3, claimkit.ModelOutputError),
    Fault("503 every time", [Step(status=503)], 3, claimkit.ModelUnavailable),
    Fault("hang every time", [Step(content=VALID, delay=_HANG)], 3, claimkit.ModelUnavailable),
    Fault("fail, fail, succeed", [Step(status=500), Step(status=500), Step(content=VALID)], 3),
    Fault(
        "200 with a proxy's HTML page, then success", [Step(body=b"<html>Bad gateway</html>"), Step(content=VALID)], 2
    ),
    Fault(
        '200 with {"choices": "oops"}, every time', [Step(body=b'{"choices": "oops"}')], 3, claimkit.ModelUnavailable
    ),
]
_RESULTS: dict[str, dict[str, object]] = {}


def _settings(url: str) -> Settings:
    return Settings(
        engine="llm",
        model="test-model",
        base_url=url,
        api_key=CANARY,
        structured_output="json_object",
        max_retries=2,
        max_reasks=2,
        timeout=_TIMEOUT,
        cache=False,
    )


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_fault_through_the_api(fault: Fault) -> None:
    with scripted_server(fault.steps) as (server, url):
        if fault.error is None:
            summary = claimkit.summarise(ARTICLE, settings=_settings(url))
            assert all(ARTICLE[s.start : s.end] == s.text for s in summary.spans())
            outcome = "recovered"
        else:
            with pytest.raises(fault.error) as caught:
                claimkit.summarise(ARTICLE, settings=_settings(url))
            assert CANARY not in str(caught.value)
            outcome = f"{type(caught.value).__name__} (exit {EXIT_CODES[type(caught.value)]})"
        assert server.count == fault.requests
    if fault.name == "quotes not in the article":
        assert summary.claims == [] and "Atlantis" in summary.warnings[0]
        outcome = "recovered: quote dropped, named in warnings"
    _RESULTS[fault.name] = {"outcome": outcome, "requests": fault.requests, "error": fault.error is not None}


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.name)
def test_fault_through_the_cli(fault: Fault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("OPENAI_API_KEY", CANARY)
    with scripted_server(fault.steps) as (_, url):
        result = CliRunner().invoke(
            app,
            [
                "summarise",
                str(article),
                "-f",
                "json",
                "--engine",
                "llm",
                "--model",
                "test-model",
                "--base-url",
                url,
                "--structured-output",
                "json_object",
                "--timeout",
                str(_TIMEOUT),
            ],
        )
    assert "Traceback" not in result.output and CANARY not in result.output
    if fault.error is None:
        assert result.exit_code == 0
        claimkit.ArticleSummary.model_validate_json(result.stdout)
    else:
        assert result.exit_code == EXIT_CODES[fault.error]
        assert result.stderr.startswith("claimkit: error: ") and result.stderr.count("\n") == 1


def test_a_batch_through_faults_loses_nothing_and_leaks_nothing(tmp_path: Path) -> None:
    """Ten articles through a server that, after each success, fails three times in a row: every id gets a record."""
    steps = [Step(content=VALID), Step(status=500), Step(status=500), Step(status=500)] * 10
    items = [BatchItem(id=f"a{n}", text=f"{ARTICLE} Item {n}.") for n in range(10)]
    output = tmp_path / "out.jsonl"
    with scripted_server(steps) as (_, url):
        settings = Settings(**{**_settings(url).__dict__, "cache": True, "cache_dir": str(tmp_path / "store")})
        report = summarise_many(items, settings=settings, output=output, concurrency=1)
    records = [json.loads(line) for line in output.read_text().splitlines()]
    assert sorted(r["id"] for r in records) == sorted(i.id for i in items)
    lost = len(items) - len(records)
    leaked = [p.name for p in tmp_path.rglob("*") if p.is_file() and CANARY.encode() in p.read_bytes()]
    assert lost == 0 and leaked == []
    _RESULTS["batch of 10 through repeated faults"] = {
        "outcome": f"{report.done} done, {report.failed} failed with error records",
        "requests": None,
        "error": False,
        "lost": lost,
        "leaked": len(leaked),
    }


def test_write_the_table(request: pytest.FixtureRequest) -> None:
    """Runs last in this module: the figures of the faults above, as Markdown."""
    faults = [r for name, r in _RESULTS.items() if not name.startswith("batch")]
    if len(faults) < len(FAULTS):
        pytest.skip("run the whole module to write the table")
    recovered = sum(not r["error"] for r in faults)
    lines = [
        "## The model endpoint",
        "",
        "Generated by `pytest tests/test_faults.py` (a real HTTP server on 127.0.0.1 scripts each fault;",
        f"max_retries 2, max_reasks 2, timeout {_TIMEOUT} s). Every fault also runs through the CLI: no traceback,",
        "a one-line error and the exit code below.",
        "",
        "| fault | outcome | requests seen |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {r['outcome']} | {r['requests'] or ''} |" for name, r in _RESULTS.items()]
    batch = _RESULTS.get("batch of 10 through repeated faults", {})
    lines += [
        "",
        f"Faults tried: {len(faults)}. Recovered: {recovered}. Failed clearly (named error, own exit code):"
        f" {len(faults) - recovered}. Results lost: {batch.get('lost', 0)}. Secrets found in outputs, cache,"
        f" log and error messages: {batch.get('leaked', 0)}.",
    ]
    out = ROOT / "tests" / "output"
    out.mkdir(parents=True, exist_ok=True)
    (out / "faults.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
