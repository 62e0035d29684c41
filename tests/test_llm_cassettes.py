"""The LLM engine against recorded replies of a real server (llama-cpp-python with Gemma 3 270M).

Replayed offline by default; see the README ("Recording cassettes") to record them again. The model is
a small base model: it returns schema-valid JSON with mostly invented quotes, which is what these
tests need to show the grounding guard at work.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest

import claimkit
from claimkit.engines.llm.placement import place
from claimkit.engines.llm.prompts import load_prompt
from claimkit.records import ArticleSummary
from claimkit.settings import Settings
from claimkit.text.spans import windows

from .conftest import SEED_002

Cassette = Callable[..., AbstractContextManager[Any]]
_DROPPED_RE = re.compile(r"dropped a quote not in the article: “(.*)” \(")
_OTHER_WARNINGS = (
    "dropped a quote",
    "the model named a speaker the article never names",
    "the model attributes",
    "characters ",  # a chunk whose reply stayed invalid: its complete claims kept, or none
)


def _check_grounded(summary: ArticleSummary, text: str) -> None:
    """Every span is an exact slice; every quote dropped as absent really is; every other warning is one of the
    guard's; nothing in the output is a model's own text."""
    assert all(text[s.start : s.end] == s.text for s in summary.spans())
    for warning in summary.warnings:
        match = _DROPPED_RE.match(warning)
        if match is None:
            assert warning.startswith(_OTHER_WARNINGS), warning
            continue
        quote = match.group(1)
        if not quote.endswith("…"):
            assert place(text, quote, None, None, (0, len(text)))[0] is None, quote
    assert summary.provenance.model_written == []


def _check_provenance(summary: ArticleSummary, settings: Settings, engine: str, mode: str) -> None:
    provenance = summary.provenance
    prompt = load_prompt("extract_claims")
    assert provenance.engine == engine
    assert provenance.model == settings.model
    assert provenance.endpoint == "127.0.0.1"
    assert provenance.prompt is not None and provenance.prompt.sha256 == prompt.sha256
    assert provenance.structured_output == mode
    assert provenance.usage is not None and provenance.usage.total_tokens > 0
    assert provenance.request_ids and all(provenance.request_ids)


def test_extraction_with_json_object_schema(claimkit_cassette: Cassette, claimkit_settings: Settings) -> None:
    text = SEED_002.read_text()
    settings = dataclasses.replace(claimkit_settings, structured_output="json_object_schema", max_tokens=1024)
    with claimkit_cassette() as cassette:
        summary = claimkit.summarise_source(str(SEED_002), settings=settings)
    assert summary.provenance.usage is not None
    assert len(cassette.requests) == summary.provenance.usage.calls >= 1  # one chunk: one request, and re-asks
    _check_grounded(summary, text)
    _check_provenance(summary, settings, "llm", "json_object_schema")
    assert summary.warnings, "the base model invents quotes; the guard must drop them"


def test_auto_mode_probes_json_schema_then_falls_back(claimkit_cassette: Cassette, claimkit_settings: Settings) -> None:
    text = SEED_002.read_text()
    settings = dataclasses.replace(claimkit_settings, max_tokens=1024)  # a CPU server under a grammar is slow
    with claimkit_cassette() as cassette:
        summary = claimkit.summarise(text, settings=settings)
    requests = cassette.requests
    assert summary.provenance.usage is not None
    assert len(requests) == 1 + summary.provenance.usage.calls  # the refused probe, then the calls (re-asks too)
    assert cassette.responses[0]["status"]["code"] == 500  # llama-cpp-python refuses json_schema
    assert b'"json_schema"' in requests[0].body
    assert all(b'"json_object"' in r.body for r in requests[1:])
    _check_grounded(summary, text)
    _check_provenance(summary, settings, "llm", "json_object_schema")


def test_plain_json_object_with_the_schema_in_the_prompt(
    claimkit_cassette: Cassette, claimkit_settings: Settings
) -> None:
    text = SEED_002.read_text()
    settings = dataclasses.replace(claimkit_settings, structured_output="json_object", max_reasks=2, max_tokens=600)
    with claimkit_cassette() as cassette:
        try:
            summary = claimkit.summarise(text, settings=settings)
        except claimkit.ModelOutputError as e:
            assert e.attempts == 3 and e.last_reply is not None
            return
    assert b"follows this JSON Schema" in cassette.requests[0].body
    _check_grounded(summary, text)
    _check_provenance(summary, settings, "llm", "json_object")


def test_validation_failure_is_reasked(claimkit_cassette: Cassette, claimkit_settings: Settings) -> None:
    """A token limit too small for the reply: the real server cuts it off, claimkit asks again."""
    text = SEED_002.read_text()
    settings = dataclasses.replace(
        claimkit_settings, structured_output="json_object_schema", max_tokens=96, max_reasks=1
    )
    with claimkit_cassette() as cassette, pytest.raises(claimkit.ModelOutputError) as caught:
        claimkit.summarise(text, settings=settings)
    assert len(cassette.requests) == 2
    assert b"token limit" in cassette.requests[1].body
    assert caught.value.attempts == 2
    assert caught.value.usage["completion_tokens"] > 0


def test_hybrid_sends_the_embedded_engine_hints(claimkit_cassette: Cassette, claimkit_settings: Settings) -> None:
    """Plain json_object here: under llama.cpp's grammar, this prompt's reply took minutes and gigabytes."""
    text = SEED_002.read_text()
    settings = dataclasses.replace(
        claimkit_settings, engine="hybrid", structured_output="json_object", max_tokens=600, max_reasks=0
    )
    with claimkit_cassette() as cassette:
        try:
            summary = claimkit.summarise(text, settings=settings)
        except claimkit.ModelOutputError as e:
            summary = None
            assert e.attempts == 1 and e.last_reply
    body = cassette.requests[0].body.decode()
    assert "A rule-based reader found these candidate attributions" in body
    assert "a senior Indian security expert" in body
    if summary is not None:
        _check_grounded(summary, text)
        _check_provenance(summary, settings, "hybrid", "json_object")


def test_long_article_goes_in_overlapping_chunks(claimkit_cassette: Cassette, claimkit_settings: Settings) -> None:
    """One call per chunk, each with its own piece of the article; a chunk that stays invalid is named, not fatal.

    With this base model every chunk's reply ran past the token limit when recorded, so the run ends in
    the error that says so; the requests still show the chunking.
    """
    text = SEED_002.read_text()
    settings = dataclasses.replace(
        claimkit_settings,
        structured_output="json_object",
        chunk_chars=1100,
        chunk_overlap=200,
        max_tokens=400,
        max_reasks=0,
    )
    summary = None
    with claimkit_cassette() as cassette:
        try:
            summary = claimkit.summarise(text, settings=settings)
        except claimkit.ModelOutputError as e:
            assert e.attempts == 1  # every chunk's reply stayed invalid, and the error says so
    chunks = windows(text, 1100, 200)
    assert [_article_in(request.body) for request in cassette.requests] == [text[a:b] for a, b in chunks]
    assert len(chunks) == 4 and chunks[1][0] < chunks[0][1]  # the second chunk repeats the first one's last paragraph
    if summary is not None:
        assert summary.provenance.usage is not None and summary.provenance.usage.calls == 4
        _check_grounded(summary, text)


def _article_in(body: bytes) -> str:
    content = json.loads(body)["messages"][0]["content"]
    return str(content.split("<article>\n", 1)[1].rsplit("\n</article>", 1)[0])
