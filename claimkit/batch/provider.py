"""A batch through a provider's Batch API (OpenAI, Azure OpenAI): the same requests at half the price, a day later.

    claimkit batch ARTICLES... -o OUT.jsonl --model gpt-4o-mini --provider-batch [--no-wait]

1. **Requests.** Each article not yet in ``OUT`` nor in the summary cache goes through the LLM engine with a
   transport that keeps the request it sends and answers it with an empty extraction (nothing is cached or
   logged on this pass): the requests are exactly those a direct call would send, chunks included. They are
   written to ``OUT.batch-requests.jsonl``, each under a ``custom_id`` that is the hash of its body, and the ids
   of the articles they cover to ``OUT.batch-items.jsonl`` (50,000 requests a batch at most; the rest wait).
2. **Submit.** The file is uploaded (``files.create``) and the batch created; each step is recorded in
   ``OUT.provider-batch.json`` before the next, so a run killed between them finds its upload and its batch
   again (a batch made but not recorded is found by its input file in ``batches.list``): nothing paid is lost.
3. **Collect.** A later run (or this one, polling) waits for the batch, downloads its results to
   ``OUT.<batch id>.results.jsonl`` (kept: they were paid for), and runs every article through the LLM engine
   again, now with a transport that answers each request from the results. The grounding, placement, records,
   summary cache and call log are those of a direct call, because the code is. A request the batch failed or
   let expire, or a re-ask the engine makes of an invalid reply, goes to the endpoint as a direct call.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

import httpx2 as httpx  # the HTTP client the openai SDK is built on
import openai

from ..errors import ClaimkitError, ConfigurationError, ModelUnavailable
from ..pipeline import cache_parts, summarise_article
from ..settings import Settings
from ..sources import from_text, load
from ..store import SummaryCache
from .items import BatchItem, iter_items
from .local import summarise_many
from .output import IdSet, OutputFile
from .report import BatchReport, Progress

__all__ = ["BatchPending", "custom_id", "summarise_through_batch_api"]

TERMINAL = ("completed", "failed", "expired", "cancelled")
MAX_REQUESTS = 50_000
"""Requests in one batch file at most (OpenAI's limit); the articles past it wait for the next batch."""
_EMPTY = json.dumps({"speakers": [], "claims": []})


class BatchPending(ClaimkitError):
    """The batch is still running at the provider (``wait=False``): run again later to collect it."""

    def __init__(self, message: str, *, batch_id: str, status: str) -> None:
        super().__init__(message)
        self.batch_id = batch_id
        self.status = status


def custom_id(body: bytes | dict[str, Any]) -> str:
    """The id of a request in a batch: a hash of its body, the same when the engine sends it again."""
    value = json.loads(body) if isinstance(body, bytes) else body
    canonical = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:40]


def summarise_through_batch_api(
    specs: Sequence[str],
    output: Path,
    *,
    settings: Settings,
    client: openai.OpenAI | None = None,
    wait: bool = True,
    poll_seconds: float = 30.0,
    concurrency: int = 8,
    on_record: Progress | None = None,
    on_status: Callable[[str], None] | None = None,
    max_requests: int = MAX_REQUESTS,
) -> BatchReport:
    """Summarise the articles of ``specs`` into ``output`` through the provider's Batch API (see the module).

    ``client`` is the provider's client (``openai.AzureOpenAI`` for Azure); by default one is made from
    ``settings``. With ``wait=False`` a batch still running raises ``BatchPending`` and a later call collects it.
    One batch holds ``max_requests`` requests at most; the articles past them are left for the next call.
    """
    settings = _batch_settings(settings)
    if client is None:
        from ..engines.llm import make_client

        client = make_client(settings)
    say = on_status or (lambda message: None)
    sink = OutputFile(output)
    try:
        run = _Run(specs, sink, settings, client, say)
        state = run.state()
        if state is None:
            written = run.write_requests(max_requests)
            if not written:
                say("every article is done or cached: no batch needed")
                return summarise_many(
                    iter_items(specs), settings=settings, output=sink, concurrency=concurrency, on_record=on_record
                )
            state = run.submit()
        elif state.get("stage") == "uploaded":
            state = run.submit()
        batch = run.wait(state, wait, poll_seconds)
        results = run.download(state, batch)
        report = run.collect(results, concurrency, on_record)
        run.finish()
        if state.get("more"):
            say(
                f"this batch held the first {MAX_REQUESTS if max_requests == MAX_REQUESTS else max_requests} requests;"
                " run the same command again for the articles after them"
            )
        return report
    finally:
        sink.close()


def _batch_settings(settings: Settings) -> Settings:
    if settings.chosen_engine == "embedded":
        raise ConfigurationError("--provider-batch sends model calls: name a model (--model) or --engine llm")
    if settings.structured_output == "auto":  # a batch cannot probe: OpenAI and Azure both take json_schema
        return dataclasses.replace(settings, structured_output="json_schema")
    return settings


class _Run:
    def __init__(
        self,
        specs: Sequence[str],
        sink: OutputFile,
        settings: Settings,
        client: openai.OpenAI,
        say: Callable[[str], None],
    ) -> None:
        self.specs = specs
        self.sink = sink
        self.settings = settings
        self.client = client
        self.say = say
        self.state_path = sink.path.with_name(sink.path.name + ".provider-batch.json")
        self.requests_path = sink.path.with_name(sink.path.name + ".batch-requests.jsonl")
        self.items_path = sink.path.with_name(sink.path.name + ".batch-items.jsonl")
        self.more = False
        """Whether articles were left for a later batch (``max_requests``)."""
        self.azure = isinstance(client, openai.AzureOpenAI)
        self.url = "/chat/completions" if self.azure else "/v1/chat/completions"

    # -- the state beside the output ----------------------------------------------------------------------

    def state(self) -> dict[str, Any] | None:
        try:
            value = json.loads(self.state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as e:
            raise ConfigurationError(f"{self.state_path} cannot be read ({e}); it names a paid batch: repair it") from e
        return value if isinstance(value, dict) else None

    def _save(self, state: dict[str, Any]) -> None:
        temporary = self.state_path.with_name(self.state_path.name + ".tmp")
        with temporary.open("w", encoding="utf-8") as handle:
            json.dump(state, handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.state_path)

    def finish(self) -> None:
        """Every article has its record: the next run starts a new batch (the results file stays)."""
        self.state_path.unlink(missing_ok=True)

    # -- 1. requests --------------------------------------------------------------------------------------

    def write_requests(self, max_requests: int) -> int:
        """The batch input file of the articles not yet done or cached, up to ``max_requests`` requests; the ids of
        the articles it covers (in ``OUT.batch-items.jsonl``: the later ones wait for the next batch). Returns
        how many requests it holds."""
        capture = _Capture()
        capturing = self.client.with_options(http_client=httpx.Client(transport=capture), max_retries=0)
        quiet = dataclasses.replace(self.settings, cache=False, log_calls=False)
        cache = _cache(self.settings)
        parts = cache_parts(self.settings)
        written: set[str] = set()
        unready = 0
        with _Replacing(self.requests_path) as requests, _Replacing(self.items_path) as covered:
            for item in iter_items(self.specs):
                if item.id in self.sink.done:
                    continue
                capture.bodies.clear()
                try:
                    article = from_text(item.text, source=item.id) if item.text is not None else _load(item, quiet)
                    if cache is None or cache.get(SummaryCache.key(parts, article.text)) is None:
                        summarise_article(article, settings=quiet, client=capturing)
                except Exception:  # an article that cannot be read fails on the collecting pass, with its reason
                    unready += 1
                    capture.bodies.clear()
                fresh = {custom_id(body): body for body in capture.bodies if custom_id(body) not in written}
                if len(written) + len(fresh) > max_requests:
                    self.more = True
                    break
                for key, body in fresh.items():
                    written.add(key)
                    line = {"custom_id": key, "method": "POST", "url": self.url, "body": json.loads(body)}
                    requests.write(json.dumps(line, ensure_ascii=False).encode("utf-8", "backslashreplace") + b"\n")
                covered.write(json.dumps(item.id).encode("utf-8", "backslashreplace") + b"\n")
        if unready:
            self.say(f"{unready} articles could not be prepared: they are recorded with their errors")
        self.say(f"{len(written)} requests written to {self.requests_path}")
        return len(written)

    def covered(self) -> IdSet:
        """The ids of the articles the batch covers."""
        ids = IdSet()
        with self.items_path.open("rb") as handle:
            for line in handle:
                ids.add(json.loads(line))
        return ids

    # -- 2. submit ----------------------------------------------------------------------------------------

    def submit(self) -> dict[str, Any]:
        state = self.state() or {}
        if "input_file_id" not in state:
            with self.requests_path.open("rb") as handle:
                uploaded = self._api(lambda: self.client.files.create(file=handle, purpose="batch"))
            state = {"stage": "uploaded", "input_file_id": uploaded.id, "more": self.more}
            self._save(state)
            self.say(f"uploaded {self.requests_path.name} as {uploaded.id}")
        batch = self._existing(state["input_file_id"])
        if batch is None:
            endpoint: Any = self.url.removeprefix("/v1") if self.azure else self.url
            batch = self._api(
                lambda: self.client.batches.create(
                    input_file_id=state["input_file_id"], endpoint=endpoint, completion_window="24h"
                )
            )
        state = {**state, "stage": "submitted", "batch_id": batch.id}
        self._save(state)
        self.say(f"batch {batch.id} submitted; its id is kept in {self.state_path}")
        return state

    def _existing(self, input_file_id: str) -> Any:
        """A batch already made of this upload (a run killed before it could record it), or None."""
        listed = self._api(lambda: self.client.batches.list(limit=100))
        return next((b for b in listed.data if b.input_file_id == input_file_id), None)

    # -- 3. collect ---------------------------------------------------------------------------------------

    def wait(self, state: dict[str, Any], wait: bool, poll_seconds: float) -> Any:
        while True:
            batch = self._api(lambda: self.client.batches.retrieve(state["batch_id"]))
            if batch.status in TERMINAL:
                self.say(f"batch {batch.id} is {batch.status}")
                return batch
            if not wait:
                raise BatchPending(
                    f"batch {batch.id} is {batch.status}; run the same command again to collect it",
                    batch_id=batch.id,
                    status=batch.status,
                )
            self.say(f"batch {batch.id} is {batch.status}; asking again in {poll_seconds:g} s")
            time.sleep(poll_seconds)

    def download(self, state: dict[str, Any], batch: Any) -> Path | None:
        """The batch's results on disk (downloaded once; kept), or None when it has none."""
        path = self.sink.path.with_name(f"{self.sink.path.name}.{batch.id}.results.jsonl")
        if path.exists() or not batch.output_file_id:
            return path if path.exists() else None
        temporary = path.with_name(path.name + ".tmp")
        content = self._api(lambda: self.client.files.content(batch.output_file_id))
        with temporary.open("wb") as handle:
            for chunk in content.iter_bytes():
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        self._save({**state, "stage": "downloaded", "results": str(path)})
        return path

    def collect(self, results: Path | None, concurrency: int, on_record: Progress | None) -> BatchReport:
        replay = _Replay(results, httpx.HTTPTransport())
        answering = self.client.with_options(http_client=httpx.Client(transport=replay))
        covered = self.covered()
        report = summarise_many(
            (item for item in iter_items(self.specs) if item.id in covered),
            settings=self.settings,
            output=self.sink,
            concurrency=concurrency,
            on_record=on_record,
            client=answering,
        )
        report.batch_requests = replay.answered
        report.batch_prompt_tokens = replay.prompt_tokens
        report.batch_completion_tokens = replay.completion_tokens
        if replay.direct:
            self.say(
                f"{replay.direct} requests went to the endpoint directly (failed or expired in the batch, or re-asks)"
            )
        return report

    def _api(self, call: Callable[[], Any]) -> Any:
        try:
            return call()
        except openai.APIStatusError as e:
            raise ModelUnavailable(
                f"{self.settings.endpoint_host} answered HTTP {e.status_code} to a Batch API request",
                model=self.settings.model,
                endpoint=self.settings.endpoint_host,
                status=e.status_code,
            ) from e
        except openai.APIError as e:
            raise ModelUnavailable(
                f"cannot reach the Batch API at {self.settings.endpoint_host}: {type(e).__name__}",
                model=self.settings.model,
                endpoint=self.settings.endpoint_host,
            ) from e


class _Replacing:
    """A file written under a temporary name that takes the place of ``path`` when it is complete."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.temporary = path.with_name(path.name + ".tmp")

    def __enter__(self) -> BinaryIO:
        self.handle = self.temporary.open("wb")
        return self.handle

    def __exit__(self, *failure: object) -> None:
        self.handle.close()
        if failure[0] is None:
            os.replace(self.temporary, self.path)


def _load(item: BatchItem, settings: Settings) -> Any:
    if item.path is None:
        raise ClaimkitError("not a JSON object with 'id' and 'text'")
    return load(item.path, settings)


def _cache(settings: Settings) -> SummaryCache | None:
    if not settings.cache:
        return None
    try:
        return SummaryCache(settings.store_folder / "cache.sqlite")
    except Exception:  # the cache is best effort: without it every article gets a request
        return None


class _Capture(httpx.BaseTransport):
    """Keeps each chat request's body and answers it with an empty extraction."""

    def __init__(self) -> None:
        self.bodies: list[bytes] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()
        self.bodies.append(body)
        completion = {
            "id": "captured",
            "object": "chat.completion",
            "created": 0,
            "model": json.loads(body).get("model", ""),
            "choices": [{"index": 0, "message": {"role": "assistant", "content": _EMPTY}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
        }
        return httpx.Response(200, json=completion)


class _Replay(httpx.BaseTransport):
    """Answers each chat request from the batch's results, by the hash of its body; sends the others on."""

    def __init__(self, results: Path | None, forward: httpx.BaseTransport) -> None:
        self.results = results
        self.forward = forward
        self.offsets: dict[str, int] = {}
        self.answered = self.direct = self.prompt_tokens = self.completion_tokens = 0
        self._lock = threading.Lock()
        if results is not None:
            self._index(results)

    def _index(self, results: Path) -> None:
        """Where each successful response starts in the results file (the file is read again per request)."""
        with results.open("rb") as handle:
            offset = 0
            for line in handle:
                with contextlib.suppress(ValueError, KeyError, TypeError, AttributeError):
                    row = json.loads(line)
                    if row["response"]["status_code"] == 200 and isinstance(row["response"]["body"], dict):
                        self.offsets[str(row["custom_id"])] = offset
                offset += len(line)

    def _row(self, offset: int) -> dict[str, Any]:
        assert self.results is not None
        with self.results.open("rb") as handle:
            handle.seek(offset)
            row: dict[str, Any] = json.loads(handle.readline())
        return row

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and request.url.path.endswith("/chat/completions"):
            try:
                key = custom_id(request.read())
            except ValueError:
                key = ""
            offset = self.offsets.get(key)
            if offset is not None:
                response = self._row(offset)["response"]
                usage = response["body"].get("usage") or {}
                with self._lock:
                    self.answered += 1
                    self.prompt_tokens += int(usage.get("prompt_tokens") or 0)
                    self.completion_tokens += int(usage.get("completion_tokens") or 0)
                headers = {"x-request-id": str(response.get("request_id") or "")}
                return httpx.Response(200, json=response["body"], headers=headers)
            with self._lock:
                self.direct += 1
        return self.forward.handle_request(request)

    def close(self) -> None:
        self.forward.close()
