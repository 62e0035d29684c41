"""Batch throughput against a local OpenAI-compatible server with a fixed latency.

The server (another process, on 127.0.0.1) answers every request with a response body recorded from
a real model (a cassette of tests/test_llm_cassettes.py) after LATENCY seconds. For 200 articles at
each concurrency it prints the wall time against the ideal N·latency/C, claimkit's own CPU time per
article (this process only: the server's is not counted), and peak memory; then an unchanged re-run
with the cache, counting the requests on the server.

    python bench/batch_throughput.py [--articles 200] [--latency 0.3] [--concurrency 1 4 16 64]
"""

from __future__ import annotations

import argparse
import http.server
import json
import multiprocessing
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from claimkit.batch import BatchItem, summarise_many
from claimkit.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CASSETTE = ROOT / "cassettes" / "test_llm_cassettes" / "test_extraction_with_json_object_schema.yaml"
SEED = ROOT / "seeds" / "002_4cc666bf275705eb.txt"


def _recorded_body() -> bytes:
    interactions = yaml.safe_load(CASSETTE.read_text(encoding="utf-8"))["interactions"]
    body = interactions[-1]["response"]["body"]["string"]
    return body.encode("utf-8") if isinstance(body, str) else bytes(body)


def _serve(port: int, latency: float, body: bytes, counter: multiprocessing.Value) -> None:  # type: ignore[valid-type]
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go in two writes: no 40 ms delayed-ACK stall

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            with counter.get_lock():  # type: ignore[attr-defined]
                counter.value += 1  # type: ignore[attr-defined]
            time.sleep(latency)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    http.server.ThreadingHTTPServer.request_queue_size = 256
    http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _sdk_cpu_per_call(settings: Settings, text: str, calls: int = 100) -> float:
    """CPU per call of the bare SDK request claimkit makes, so that claimkit's own share can be told apart."""
    import openai

    from claimkit.engines.llm import ModelExtraction
    from claimkit.engines.llm.prompts import load_prompt

    client = openai.OpenAI(api_key="sk-bench-not-a-key", base_url=settings.base_url, max_retries=0)
    content = load_prompt("extract_claims").render(article=text, hints=[], schema="")
    response_format = {"type": "json_object", "schema": ModelExtraction.model_json_schema()}
    create: Any = client.chat.completions.with_raw_response.create
    started = time.process_time()
    for _ in range(calls):
        raw = create(
            model=settings.model,
            messages=[{"role": "user", "content": content}],
            response_format=response_format,
            temperature=0.0,
            max_tokens=settings.max_tokens,
            seed=settings.seed,
        )
        raw.http_response.json()
    return (time.process_time() - started) / calls * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--latency", type=float, default=0.3)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 16, 64])
    args = parser.parse_args()
    port = _free_port()
    counter = multiprocessing.Value("i", 0)
    server = multiprocessing.Process(target=_serve, args=(port, args.latency, _recorded_body(), counter), daemon=True)
    server.start()
    time.sleep(0.5)
    text = SEED.read_text(encoding="utf-8")
    items = [BatchItem(id=f"a{n}", text=f"{text}\nArticle {n}.") for n in range(args.articles)]
    store = tempfile.mkdtemp(prefix="claimkit-bench-")
    base = Settings(
        engine="llm",
        model="gemma3-270m",
        base_url=f"http://127.0.0.1:{port}/v1",
        api_key="sk-bench-not-a-key",
        structured_output="json_object_schema",
        max_retries=0,
        cache=False,
        cache_dir=store,
    )
    summarise_many(items[:16], settings=base, concurrency=16)  # warm up: client, imports, caches
    print(f"{args.articles} articles, server latency {args.latency * 1000:.0f} ms, recorded reply of {CASSETTE.name}")
    print(f"{'concurrency':>11} {'wall s':>8} {'ideal s':>8} {'of ideal':>9} {'cpu ms/article':>15} {'peak MiB':>9}")
    for concurrency in args.concurrency:
        cpu = time.process_time()
        wall = time.perf_counter()
        report = summarise_many(items, settings=base, concurrency=concurrency)
        wall = time.perf_counter() - wall
        cpu = time.process_time() - cpu
        ideal = args.articles * args.latency / concurrency
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        assert report.failed == 0, report.errors[:3]
        print(
            f"{concurrency:>11} {wall:>8.2f} {ideal:>8.2f} {ideal / wall:>9.1%} "
            f"{cpu / args.articles * 1000:>15.2f} {peak:>9.0f}"
        )
    sdk = _sdk_cpu_per_call(base, text)
    print(
        f"the OpenAI SDK alone, same request, same server: {sdk:.2f} ms CPU per call (subtract it for claimkit's own)"
    )
    cached = Settings(**{**base.__dict__, "cache": True})
    first = summarise_many(items, settings=cached, concurrency=16)
    assert first.failed == 0, first.errors[:3]
    before = counter.value
    report = summarise_many(items, settings=cached, concurrency=16)
    print(f"unchanged re-run with the cache: {counter.value - before} requests on the server, {report.cached} cached")
    server.terminate()
    print(json.dumps({"store": store}))


if __name__ == "__main__":
    main()
