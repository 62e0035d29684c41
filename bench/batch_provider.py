"""`--provider-batch` on the PolNeAR DEV2 articles against the local Batch API server of the tests.

The server answers every request, direct or in a batch, with the same function of the request (the article's
first words as a claim). The bench runs the articles directly, then through the Batch API, and prints how many
records are identical, the requests each way, and the cost at the prices given; then it kills a Batch API run
(kill -9) after its upload and again after its batch is made, runs it again, and prints what the server was paid
for: uploads, batches, batch lines and direct calls.

    python bench/batch_provider.py [--eval-dir ../shared/eval] [--price-in 0.15] [--price-out 0.60]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimkit.batch import cost_line, iter_items, summarise_many  # noqa: E402
from claimkit.batch.provider import summarise_through_batch_api  # noqa: E402
from claimkit.settings import Settings  # noqa: E402
from tests.batch.openai_batch_server import BatchServer, batch_server  # noqa: E402

DEFAULT_EVAL_DIR = ROOT.parent / "shared" / "eval"
KEY = "sk-bench-0123456789"


def _comparable(path: Path) -> dict[str, Any]:
    records = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        record.pop("seconds", None)
        for name in ("created_at", "request_ids"):
            record["summary"]["provenance"].pop(name, None)
        records[record["id"]] = record
    return records


def _settings(url: str, store: Path, args: argparse.Namespace) -> Settings:
    return Settings(
        engine="llm",
        model="test-model",
        base_url=url,
        api_key=KEY,
        structured_output="json_schema",
        cache_dir=str(store),
        price_in=args.price_in,
        price_out=args.price_out,
    )


def _killed_then_resumed(source: Path, work: Path, moment: str) -> str:
    output, state = work / f"killed-{moment}.jsonl", work / f"killed-{moment}.jsonl.provider-batch.json"
    server = BatchServer(polls_before_done=10**9, create_delay=30.0 if moment == "upload" else 0.0)
    with batch_server(server) as (_, url):
        command = [sys.executable, "-m", "claimkit", "batch", str(source), "-o", str(output), "--model", "test-model"]
        command += ["--base-url", url, "--structured-output", "json_schema", "--provider-batch", "--poll", "0.1"]
        env = {**os.environ, "OPENAI_API_KEY": KEY, "CLAIMKIT_CACHE_DIR": str(work / f"store-{moment}")}
        first = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        wanted = "uploaded" if moment == "upload" else "submitted"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not (state.exists() and json.loads(state.read_text())["stage"] == wanted):
            time.sleep(0.02)
        while moment == "upload" and time.monotonic() < deadline and not server.batches:
            time.sleep(0.02)
        first.send_signal(signal.SIGKILL)
        first.wait()
        server.create_delay, server.polls_before_done = 0.0, 0
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    ids = [json.loads(line)["id"] for line in output.read_text().splitlines()]
    return (
        f"kill -9 after the {'upload' if moment == 'upload' else 'batch was made'}, then a re-run: "
        f"{len(ids)} records ({len(set(ids))} distinct); the server saw {server.uploads} upload(s), "
        f"{len(server.batches)} batch(es), {server.batch_lines} batch lines, {len(server.direct)} direct calls"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--price-in", type=float, default=0.15, help="dollars per million prompt tokens")
    parser.add_argument("--price-out", type=float, default=0.60, help="dollars per million completion tokens")
    args = parser.parse_args()
    source = args.eval_dir / "polnear.dev2.jsonl"
    if not source.exists():
        raise SystemExit(f"no evaluation data at {source}: pass --eval-dir")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        with batch_server() as (server, url):
            started = time.perf_counter()
            direct = summarise_many(
                iter_items([str(source)]), settings=_settings(url, work / "d", args), output=work / "direct.jsonl"
            )
            direct_seconds, asked = time.perf_counter() - started, len(server.direct)
            started = time.perf_counter()
            settings = _settings(url, work / "b", args)
            batched = summarise_through_batch_api([str(source)], work / "out.jsonl", settings=settings, poll_seconds=0)
            batch_seconds = time.perf_counter() - started
            during = len(server.direct) - asked
        one, other = _comparable(work / "direct.jsonl"), _comparable(work / "out.jsonl")
        same = sum(one[k] == other.get(k) for k in one)
        print(f"{len(one)} articles: direct {direct.done} done, {direct.failed} failed ({direct_seconds:.1f} s)")
        print(f"  direct:     {cost_line(direct, settings)}")
        print(f"  Batch API:  {cost_line(batched, settings)} ({batch_seconds:.1f} s)")
        print(f"  records identical to the direct run's: {same} of {len(one)}; direct calls during the batch: {during}")
        for moment in ("upload", "batch"):
            print("  " + _killed_then_resumed(source, work, moment), flush=True)


if __name__ == "__main__":
    main()
