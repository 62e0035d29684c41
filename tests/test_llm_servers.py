"""What real servers do, on a real local server: 429 on the probe, reasoning models' 400s under concurrency, a
short key, a slow or dripped reply, Azure's paths, a prompt cut to the server's context, hostile reply bodies."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import claimkit
from claimkit import ClaimkitError, ModelUnavailable
from claimkit.engines.llm.structured import forget_endpoints
from claimkit.settings import Settings

from .openai_server import Step, completion, scripted_server
from .test_llm_transport import ARTICLE, VALID


@pytest.fixture(autouse=True)
def _fresh_endpoints() -> None:
    forget_endpoints()


def _settings(url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "engine": "llm",
        "model": "test-model",
        "base_url": url,
        "api_key": "sk-test-servers-key-123456",
        "max_retries": 2,
        "max_reasks": 1,
        "timeout": 5.0,
        "cache": False,
        "log_calls": False,
    }
    values.update(overrides)
    return Settings(**values)


def test_a_429_with_retry_after_on_the_probe_is_waited_out() -> None:
    steps = [Step(status=429, headers={"Retry-After": "0"}), Step(content=VALID)]
    with scripted_server(steps) as (server, url):
        summary = claimkit.summarise(ARTICLE, settings=_settings(url))  # structured output 'auto': a probe
    assert server.count == 2
    assert summary.claims


def _reasoning_model(body: dict[str, Any]) -> Step:
    """A reasoning model: 400 on max_tokens, 400 on temperature, as OpenAI words them."""
    if "max_tokens" in body:
        message = "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens'"
        return Step(status=400, body=json.dumps({"error": {"message": message}}).encode())
    if "temperature" in body:
        message = "Unsupported value: 'temperature' does not support 0.0 with this model."
        return Step(status=400, body=json.dumps({"error": {"message": message}}).encode())
    return Step(content=VALID)


@pytest.mark.parametrize("threads", [4, 16])
def test_a_reasoning_model_at_concurrency_loses_no_article(threads: int) -> None:
    with scripted_server([], respond=_reasoning_model) as (_, url):
        settings = _settings(url, structured_output="json_object")
        with ThreadPoolExecutor(threads) as pool:
            outcomes = list(pool.map(lambda _: _outcome(settings), range(threads * 3)))
    assert outcomes.count("ok") == threads * 3, outcomes


def _outcome(settings: Settings) -> str:
    try:
        claimkit.summarise(ARTICLE, settings=settings)
    except ClaimkitError as e:
        return str(e)
    return "ok"


def test_a_short_key_alters_nothing_but_the_key() -> None:
    from claimkit.engines.llm.structured import redacted

    assert redacted("Unsupported parameter: 'max_tokens'; key x", "x") == "Unsupported parameter: 'max_tokens'; key ***"
    with scripted_server([], respond=_reasoning_model) as (server, url):
        summary = claimkit.summarise(ARTICLE, settings=_settings(url, api_key="x", structured_output="json_object"))
    assert summary.claims
    assert "max_completion_tokens" in server.requests[-1]


def test_a_slow_reply_is_named_a_timeout() -> None:
    with scripted_server([Step(content=VALID, delay=3)]) as (_, url), pytest.raises(ModelUnavailable, match="timeout"):
        claimkit.summarise(ARTICLE, settings=_settings(url, timeout=1.0, max_retries=0))


def test_a_dripped_reply_ends_at_the_total_timeout() -> None:
    with scripted_server([Step(content=VALID, drip=0.05)]) as (_, url):  # about 60 s for the whole body
        started = time.monotonic()
        with pytest.raises(ModelUnavailable, match="timeout"):
            claimkit.summarise(
                ARTICLE, settings=_settings(url, timeout=1.0, max_retries=0, structured_output="json_object")
            )
    assert time.monotonic() - started < 10


def test_azure_openai_calls_the_deployment_with_its_api_version() -> None:
    with scripted_server([Step(content=VALID)]) as (server, url):
        settings = _settings(url.removesuffix("/v1"), api_version="2024-10-21", model="claims-deployment")
        summary = claimkit.summarise(
            ARTICLE, settings=settings.__class__(**{**settings.__dict__, "structured_output": "json_object"})
        )
    assert summary.claims
    assert server.paths == ["/openai/deployments/claims-deployment/chat/completions?api-version=2024-10-21"]
    assert server.headers[0].get("api-key") == "sk-test-servers-key-123456"


def test_a_prompt_cut_to_the_servers_context_is_warned_naming_the_setting() -> None:
    body = json.dumps(completion(VALID, prompt_tokens=300)).encode()  # far fewer than the prompt sent
    article = "\n\n".join([ARTICLE] * 40)  # about 900 tokens of article alone
    with scripted_server([Step(body=body)]) as (_, url):
        summary = claimkit.summarise(article, settings=_settings(url, structured_output="json_object"))
    assert any("cut the prompt to its context" in w and "num_ctx" in w for w in summary.warnings)


def _body(**changes: Any) -> bytes:
    answer = completion(VALID, prompt_tokens=500)
    answer["choices"][0]["message"].update(changes.pop("message", {}))
    answer.update(changes)
    return json.dumps(answer).encode()


@pytest.mark.parametrize(
    "body",
    [
        _body(message={"content": json.loads(VALID)}),  # nested JSON: an object, not a string
        _body(message={"content": [{"type": "text", "text": VALID}]}),  # content as a list of parts
        _body(message={"content": 42}),
        _body(usage="lots"),
        _body(usage=[1, 2]),
        _body(message={"content": VALID.replace("The mayor", "The mayor \\udc80")}),
    ],
    ids=["nested-json", "content-list", "content-number", "usage-string", "usage-list", "lone-surrogate"],
)
def test_a_hostile_reply_body_is_a_summary_or_a_clear_error(body: bytes, tmp_path: Path) -> None:
    settings = _settings(url="", structured_output="json_object", cache=True, log_calls=True, cache_dir=str(tmp_path))
    with scripted_server([Step(body=body)]) as (_, url):
        try:
            summary = claimkit.summarise(ARTICLE, settings=replace(settings, base_url=url))
        except ClaimkitError as e:
            assert "\n" not in str(e)
            return
    json.dumps(summary.model_dump(mode="json"), ensure_ascii=False).encode("utf-8")  # writable everywhere


_HUGE = """
import json, resource, sys
import claimkit
from claimkit.settings import Settings
try:
    claimkit.summarise("The mayor said the bridge would reopen in May.", settings=Settings(
        engine="llm", model="m", base_url=sys.argv[1], api_key="sk-x", structured_output="json_object",
        cache=False, log_calls=False, max_retries=0, max_reasks=0))
    print("no error")
except claimkit.ClaimkitError as e:
    print(type(e).__name__, e)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


@pytest.mark.parametrize("shape", ["50 MB", "100,000 claims"])
def test_a_huge_reply_is_a_clear_error_within_500_mb(shape: str) -> None:
    claim = json.loads(VALID)["claims"][0]
    if shape == "50 MB":
        content = json.dumps({"speakers": [], "claims": [{**claim, "quote": "x" * 50_000_000}]})
    else:
        content = json.dumps({"speakers": [], "claims": [claim] * 100_000})
    with scripted_server([Step(body=json.dumps(completion(content)).encode())]) as (_, url):
        out = subprocess.run([sys.executable, "-c", _HUGE, url], capture_output=True, text=True, timeout=120)
    error, peak = out.stdout.strip().splitlines()
    assert error.startswith("ModelOutputError") and "refused unread" in error, out.stderr[-2000:]
    assert int(peak) <= 500, f"peak {peak} MB"


def test_the_rules_pass_of_the_model_path_keeps_the_deadline_before_any_call() -> None:
    article = " ".join(f'"Quote number {n} is here," one said.' for n in range(8_000))  # a long, dense text
    with scripted_server([Step(content=VALID)]) as (server, url), pytest.raises(claimkit.ArticleTimeout):
        claimkit.summarise(article, settings=_settings(url, structured_output="json_object", deadline=0.05))
    assert server.count == 0  # nothing paid for an article already past its deadline


def test_the_model_path_keeps_the_claim_cap() -> None:
    article = " ".join(f"Officer {n} said the road number {n} was closed." for n in range(40))
    claims = [
        {
            "speaker": None,
            "mention": f"Officer {n}",
            "cue": "said",
            "quote": f"the road number {n} was closed",
            "kind": "indirect",
            "stance": "neutral",
            "answers": None,
        }
        for n in range(40)
    ]
    reply = json.dumps({"speakers": [], "claims": claims})
    with scripted_server([Step(content=reply)]) as (_, url):
        summary = claimkit.summarise(article, settings=_settings(url, structured_output="json_object", max_claims=10))
    assert len(summary.claims) == 10
    assert any("the first 10 were read" in w for w in summary.warnings)
