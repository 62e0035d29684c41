"""`--provider-batch` against a local server with a Batch API: the same records as direct calls on the same
replies, the cache and call log as after direct calls, failed and expired requests asked directly, and a run
killed between upload and collection that loses nothing paid for."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pytest

from claimkit.batch import iter_items, summarise_many
from claimkit.batch.provider import BatchPending, summarise_through_batch_api
from claimkit.settings import Settings
from claimkit.store import CallLog, SummaryCache

from .openai_batch_server import BatchServer, batch_server

KEY = "sk-provider-batch-secret-0123456789"
SENTENCES = [
    "The mayor said the bridge would reopen in May.",
    "“We are ready,” said Maria Lopez, the city engineer.",
    "Critics say the repairs are too slow and too costly.",
]


def _articles(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for n in range(count):
            text = f"Article {n} begins here today. " + " ".join(SENTENCES[(n + k) % 3] for k in range(3))
            handle.write(json.dumps({"id": f"a{n}", "text": text}) + "\n")
    return path


def _settings(url: str, store: Path) -> Settings:
    return Settings(
        engine="llm",
        model="test-model",
        base_url=url,
        api_key=KEY,
        structured_output="json_schema",
        max_retries=0,
        cache_dir=str(store),
    )


def _comparable(path: Path) -> dict[str, Any]:
    """The records by id, without what differs between two runs of the same replies (time, request ids)."""
    records = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        record.pop("seconds", None)
        provenance = record["summary"]["provenance"]
        for name in ("created_at", "request_ids"):
            provenance.pop(name, None)
        records[record["id"]] = record
    return records


def test_batch_results_are_the_records_of_direct_calls(tmp_path: Path) -> None:
    source = _articles(tmp_path / "in.jsonl", 30)
    with batch_server() as (server, url):
        direct = summarise_many(
            iter_items([str(source)]), settings=_settings(url, tmp_path / "d"), output=tmp_path / "direct.jsonl"
        )
        asked_directly = len(server.direct)
        report = summarise_through_batch_api(
            [str(source)], tmp_path / "out.jsonl", settings=_settings(url, tmp_path / "b"), poll_seconds=0
        )
        assert len(server.direct) == asked_directly  # every reply came from the batch
    assert direct.done == report.done == 30 and report.failed == 0
    assert report.batch_requests == 30 and report.batch_prompt_tokens == report.prompt_tokens > 0
    records = _comparable(tmp_path / "out.jsonl")
    assert records == _comparable(tmp_path / "direct.jsonl")
    assert all(r["summary"]["provenance"]["usage"]["calls"] == 1 for r in records.values())  # each reply was read
    batch_calls, direct_calls = (
        CallLog(tmp_path / "b" / "calls.sqlite").list(100),
        CallLog(tmp_path / "d" / "calls.sqlite").list(100),
    )
    assert len(batch_calls) == len(direct_calls) == 30
    assert sorted(c["prompt_tokens"] for c in batch_calls) == sorted(c["prompt_tokens"] for c in direct_calls)
    assert SummaryCache(tmp_path / "b" / "cache.sqlite").stats()["entries"] == 30
    assert not (tmp_path / "out.jsonl.provider-batch.json").exists()  # finished: the next run starts anew
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert KEY.encode() not in path.read_bytes(), path


def test_failed_and_expired_requests_are_asked_directly(tmp_path: Path) -> None:
    source = _articles(tmp_path / "in.jsonl", 12)
    with batch_server(BatchServer(fail={0, 5}, expire={3})) as (server, url):
        report = summarise_through_batch_api(
            [str(source)], tmp_path / "out.jsonl", settings=_settings(url, tmp_path / "b"), poll_seconds=0
        )
        assert len(server.direct) == 3 and server.batch_lines == 11
    assert report.done == 12 and report.failed == 0 and report.batch_requests == 9
    assert len(list(tmp_path.glob("out.jsonl.batch_*.results.jsonl"))) == 1  # paid results kept


def test_a_pending_batch_is_collected_by_a_later_run(tmp_path: Path) -> None:
    source = _articles(tmp_path / "in.jsonl", 5)
    with batch_server(BatchServer(polls_before_done=2)) as (server, url):
        settings = _settings(url, tmp_path / "b")
        with pytest.raises(BatchPending):
            summarise_through_batch_api([str(source)], tmp_path / "out.jsonl", settings=settings, wait=False)
        state = json.loads((tmp_path / "out.jsonl.provider-batch.json").read_text())
        assert state["batch_id"] == "batch_1"
        with pytest.raises(BatchPending):
            summarise_through_batch_api([str(source)], tmp_path / "out.jsonl", settings=settings, wait=False)
        report = summarise_through_batch_api([str(source)], tmp_path / "out.jsonl", settings=settings, wait=False)
        assert report.done == 5 and server.uploads == 1 and len(server.batches) == 1


def _cli(source: Path, output: Path, url: str, store: Path, *more: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "claimkit", "batch", str(source), "-o", str(output), "--model", "test-model"]
    command += ["--base-url", url, "--structured-output", "json_schema", "--provider-batch", "--poll", "0.1", *more]
    env = {
        **os.environ,
        "OPENAI_API_KEY": KEY,
        "CLAIMKIT_CACHE_DIR": str(store),
        "CLAIMKIT_PRICE_IN": "0.15",
        "CLAIMKIT_PRICE_OUT": "0.6",
    }
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tempfile.gettempdir()
    )


@pytest.mark.parametrize("moment", ["between upload and batch", "while the batch runs"])
def test_kill_9_between_upload_and_collection_loses_nothing_paid(tmp_path: Path, moment: str) -> None:
    source = _articles(tmp_path / "in.jsonl", 20)
    output = tmp_path / "out.jsonl"
    state = tmp_path / "out.jsonl.provider-batch.json"
    server = BatchServer(polls_before_done=10**9, create_delay=30.0 if moment == "between upload and batch" else 0.0)
    with batch_server(server) as (_, url):
        running = _cli(source, output, url, tmp_path / "store")
        deadline = time.monotonic() + 60
        wanted = "uploaded" if moment == "between upload and batch" else "submitted"
        while time.monotonic() < deadline and not (state.exists() and json.loads(state.read_text())["stage"] == wanted):
            time.sleep(0.02)
        if moment == "between upload and batch":
            while time.monotonic() < deadline and not server.batches:
                time.sleep(0.02)  # the batch is made; the killed run never hears its id
        running.send_signal(signal.SIGKILL)
        running.wait()
        server.create_delay, server.polls_before_done = 0.0, 0
        again = _cli(source, output, url, tmp_path / "store")
        _, stderr = again.communicate(timeout=120)
        assert again.returncode == 0, stderr
        assert server.uploads == 1 and len(server.batches) == 1  # the paid batch found again, none made twice
        assert server.direct == [] and server.batch_lines == 20
    ids = [json.loads(line)["id"] for line in output.read_text().splitlines()]
    assert sorted(ids) == sorted(f"a{n}" for n in range(20))
    assert "Traceback" not in stderr and KEY not in stderr
    assert (
        "20 requests through the Batch API" in stderr
        and "estimated cost $" in stderr
        and "without the Batch API" in stderr
    )


def test_azure_openai_the_same_way(tmp_path: Path) -> None:
    import openai

    source = _articles(tmp_path / "in.jsonl", 6)
    with batch_server() as (server, url):
        azure = openai.AzureOpenAI(
            azure_endpoint=url.removesuffix("/v1"), api_key=KEY, api_version="2024-10-21", max_retries=0
        )
        settings = _settings(url, tmp_path / "b")
        direct = summarise_many(
            iter_items([str(source)]),
            settings=_settings(url, tmp_path / "d"),
            output=tmp_path / "direct.jsonl",
            client=azure,
        )
        asked_directly = len(server.direct)
        report = summarise_through_batch_api(
            [str(source)], tmp_path / "out.jsonl", settings=settings, client=azure, poll_seconds=0
        )
        assert len(server.direct) == asked_directly and report.batch_requests == 6
        [batch] = server.batches.values()
        assert batch["endpoint"] == "/chat/completions"  # Azure's batch endpoint has no /v1
        lines = [json.loads(line) for line in server.files[batch["input_file_id"]].splitlines()]
        assert {line["url"] for line in lines} == {"/chat/completions"}
    assert direct.done == report.done == 6
    assert _comparable(tmp_path / "out.jsonl") == _comparable(tmp_path / "direct.jsonl")


def test_articles_past_the_request_limit_wait_for_the_next_batch(tmp_path: Path) -> None:
    source = _articles(tmp_path / "in.jsonl", 10)
    output = tmp_path / "out.jsonl"
    with batch_server() as (server, url):
        settings = _settings(url, tmp_path / "b")
        done = [
            summarise_through_batch_api([str(source)], output, settings=settings, poll_seconds=0, max_requests=4).done
            for _ in range(3)
        ]
        assert done == [4, 4, 2] and len(server.batches) == 3 and server.batch_lines == 10
        assert server.direct == []  # no article past the limit was asked directly at full price
    assert sorted(json.loads(line)["id"] for line in output.read_text().splitlines()) == sorted(
        f"a{n}" for n in range(10)
    )
