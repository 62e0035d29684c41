"""The LLM engine: a prompt template, a structured call with re-asks, and the grounding guard.

One call per article (per chunk for long articles). The reply is held to ``ModelExtraction`` by the
strongest means the server offers (see ``STRUCTURED_MODES``); a reply that does not validate is sent
back with its errors, a bounded number of times (tenacity). Transport failures are retried by the
OpenAI SDK alone. Every quote the model returns is located in the article by ``grounding.locate``;
one that is not there is dropped and named in the warnings.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import Any, Literal

import openai
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt

from ..errors import ModelOutputError, ModelUnavailable
from ..grounding import locate
from ..prompts import Prompt
from ..records import SpeakerKind, StanceLabel, Usage
from ..settings import Settings
from ..store import CallLog
from ..text import windows
from .base import Candidate, Range, SpeakerHint

__all__ = [
    "SCHEMA_SHA256",
    "STRUCTURED_MODES",
    "LLMEngine",
    "LLMResult",
    "ModelClaim",
    "ModelExtraction",
    "ModelSpeaker",
]

StructuredMode = Literal["json_schema", "json_object_schema", "json_object"]
STRUCTURED_MODES: tuple[StructuredMode, ...] = ("json_schema", "json_object_schema", "json_object")
"""Strongest first: strict json_schema (OpenAI, Azure, vLLM, Ollama); json_object with a schema
(llama-cpp-python's server, which answers HTTP 500 to json_schema); plain json_object, schema in the prompt."""

_USAGE_KEYS = ("prompt_tokens", "completion_tokens", "total_tokens")
_REFUSED_STATUSES = frozenset({400, 404, 422, 500, 501})
_NEAR = 300
"""How far from its quote a speaker mention or a cue may stand, in characters."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelSpeaker(_Strict):
    name: str
    role: str | None
    affiliation: str | None
    kind: SpeakerKind


class ModelClaim(_Strict):
    speaker: str
    speaker_mention: str | None
    cue: str | None
    quote: str
    attribution: Literal["direct", "indirect", "mixed"]
    statement: str
    stance: StanceLabel
    responds_to: str | None


class ModelExtraction(_Strict):
    """What the model must return. No defaults, no offsets: optional fields are required and nullable."""

    summary: str
    speakers: list[ModelSpeaker] = Field(max_length=40)
    claims: list[ModelClaim] = Field(max_length=60)


SCHEMA_SHA256 = hashlib.sha256(json.dumps(ModelExtraction.model_json_schema(), sort_keys=True).encode()).hexdigest()
"""Part of the cache key: a change to the model-facing schema invalidates cached summaries."""


@dataclass
class LLMResult:
    candidates: list[Candidate]
    summary: str
    warnings: list[str]
    usage: Usage
    request_ids: list[str]
    mode: StructuredMode


@dataclass
class _Reply:
    content: str | None
    finish_reason: str | None
    request_id: str | None
    usage: dict[str, int]
    refusal: str | None = None
    parse_error: Exception | None = None


class _InvalidReply(Exception):
    def __init__(self, raw: str | None, reason: str) -> None:
        super().__init__(reason)
        self.raw = raw
        self.reason = reason


@dataclass
class _Tally:
    usage: dict[str, int] = field(
        default_factory=lambda: {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0}
    )
    calls: int = 0
    request_ids: list[str] = field(default_factory=list)

    def add(self, reply: _Reply) -> None:
        self.calls += 1
        for key in self.usage:
            self.usage[key] += int(reply.usage.get(key) or 0)
        if reply.request_id:
            self.request_ids.append(reply.request_id)

    def as_usage(self) -> Usage:
        return Usage(calls=self.calls, **self.usage)


class LLMEngine:
    """Extraction through one OpenAI-compatible endpoint. The client is the caller's."""

    def __init__(self, client: openai.OpenAI, settings: Settings, prompt: Prompt, log: CallLog | None = None) -> None:
        self.client = client
        self.settings = settings
        self.prompt = prompt
        self.log = log
        self.mode: StructuredMode | None = None if settings.structured_output == "auto" else settings.structured_output

    def extract(self, text: str, hints: list[dict[str, str]] | None = None) -> LLMResult:
        tally = _Tally()
        candidates: list[Candidate] = []
        warnings: list[str] = []
        summaries: list[str] = []
        for start, end in windows(text, self.settings.chunk_chars, self.settings.chunk_overlap):
            chunk_hints = [h for h in hints or [] if h["quote"] in text[start:end]]
            extraction = self._extract_chunk(text[start:end], chunk_hints, tally)
            summaries.append(extraction.summary.strip())
            found, dropped = ground(text, extraction, start, end)
            candidates.extend(found)
            warnings.extend(dropped)
        assert self.mode is not None
        return LLMResult(
            candidates=_merge(candidates),
            summary=" ".join(s for s in summaries[:1] if s),
            warnings=warnings,
            usage=tally.as_usage(),
            request_ids=tally.request_ids,
            mode=self.mode,
        )

    # --- one chunk ------------------------------------------------------------------------------

    def _extract_chunk(self, chunk: str, hints: list[dict[str, str]], tally: _Tally) -> ModelExtraction:
        if self.mode is not None:
            return self._ask(chunk, hints, self.mode, tally, probe=False)
        for mode in STRUCTURED_MODES:
            try:
                result = self._ask(chunk, hints, mode, tally, probe=mode != STRUCTURED_MODES[-1])
            except ModelUnavailable as e:
                if e.status in _REFUSED_STATUSES and mode != STRUCTURED_MODES[-1]:
                    continue  # the server does not take this response_format: try the next one
                raise
            self.mode = mode
            return result
        raise AssertionError("unreachable: the last mode raises or returns")

    def _ask(
        self, chunk: str, hints: list[dict[str, str]], mode: StructuredMode, tally: _Tally, probe: bool
    ) -> ModelExtraction:
        schema = json.dumps(ModelExtraction.model_json_schema()) if mode == "json_object" else ""
        messages: list[dict[str, str]] = [
            {"role": "user", "content": self.prompt.render(article=chunk, hints=hints, schema=schema)}
        ]
        retrying = Retrying(
            stop=stop_after_attempt(self.settings.max_reasks + 1),
            retry=retry_if_exception_type(_InvalidReply),
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    reply = self._send(messages, mode, probe and attempt.retry_state.attempt_number == 1)
                    tally.add(reply)
                    self.mode = self.mode or mode
                    return self._validated(reply, messages)
        except _InvalidReply as e:
            raise ModelOutputError(
                f"the model's reply was still invalid after {self.settings.max_reasks + 1} attempts: {e.reason}",
                model=self.settings.model,
                endpoint=self.settings.endpoint_host,
                attempts=self.settings.max_reasks + 1,
                last_reply=e.raw,
                usage=dict(tally.usage),
            ) from e
        raise AssertionError("unreachable: tenacity returns or raises")

    def _validated(self, reply: _Reply, messages: list[dict[str, str]]) -> ModelExtraction:
        """The parsed reply, or ``_InvalidReply`` after adding the re-ask to ``messages``."""
        try:
            if reply.refusal:
                raise ValueError(f"the model refused: {reply.refusal}")
            if reply.finish_reason == "length":
                raise ValueError("the reply was cut off at the token limit; answer with fewer, shorter items")
            if reply.parse_error is not None:
                raise reply.parse_error
            return ModelExtraction.model_validate_json(reply.content or "")
        except (ValidationError, ValueError) as e:
            reason = _describe(e)
            messages.append({"role": "assistant", "content": reply.content or ""})
            messages.append(
                {
                    "role": "user",
                    "content": f"Your reply was not valid: {reason}\nReply again with only the corrected JSON object.",
                }
            )
            raise _InvalidReply(reply.content, reason) from e

    def _send(self, messages: list[dict[str, str]], mode: StructuredMode, probe: bool) -> _Reply:
        client = self.client.with_options(max_retries=0) if probe else self.client
        common: dict[str, Any] = {
            "model": self.settings.model,
            "messages": messages,
            "temperature": self.settings.temperature,
            "max_tokens": self.settings.max_tokens,
        }
        if self.settings.seed is not None:
            common["seed"] = self.settings.seed
        started = time.time()
        try:
            reply = self._request(client, common, mode)
        except ModelUnavailable as e:
            self._log(started, mode, common, e.status, None, {})
            raise
        self._log(started, mode, common, 200, reply.content, reply.usage)
        return reply

    def _log(
        self,
        started: float,
        mode: str,
        request: dict[str, Any],
        status: int | None,
        content: str | None,
        usage: dict[str, int],
    ) -> None:
        if self.log is None:
            return
        self.log.add(
            started=started,
            model=self.settings.model,
            endpoint=self.settings.endpoint_host,
            prompt_sha256=self.prompt.sha256,
            mode=mode,
            status=status,
            latency_ms=(time.time() - started) * 1000,
            prompt_tokens=usage.get("prompt_tokens"),
            completion_tokens=usage.get("completion_tokens"),
            request=json.dumps({**request, "response_format": mode}),
            response=content,
        )

    def _request(self, client: openai.OpenAI, common: dict[str, Any], mode: StructuredMode) -> _Reply:
        try:
            if mode == "json_schema":
                raw = client.chat.completions.with_raw_response.parse(response_format=ModelExtraction, **common)
            else:
                response_format: dict[str, Any] = {"type": "json_object"}
                if mode == "json_object_schema":
                    response_format["schema"] = ModelExtraction.model_json_schema()
                # The SDK's types know no "schema" key in response_format; llama-cpp-python's server reads it.
                create: Any = client.chat.completions.with_raw_response.create
                raw = create(response_format=response_format, **common)
        except openai.APIStatusError as e:
            raise ModelUnavailable(
                f"{self.settings.endpoint_host} answered HTTP {e.status_code} ({mode})",
                model=self.settings.model,
                endpoint=self.settings.endpoint_host,
                status=e.status_code,
            ) from e
        except openai.APIError as e:
            raise ModelUnavailable(
                f"cannot reach the model at {self.settings.endpoint_host}: {type(e).__name__}",
                model=self.settings.model,
                endpoint=self.settings.endpoint_host,
            ) from e
        return _reply_from(raw, parse=mode == "json_schema")


def _reply_from(raw: Any, *, parse: bool) -> _Reply:
    body = raw.http_response.json()
    choice = (body.get("choices") or [{}])[0]
    message = choice.get("message") or {}
    reply = _Reply(
        content=message.get("content"),
        finish_reason=choice.get("finish_reason"),
        request_id=raw.http_response.headers.get("x-request-id") or body.get("id"),
        usage={k: v for k, v in (body.get("usage") or {}).items() if isinstance(v, int)},
        refusal=message.get("refusal"),
    )
    if parse:
        try:
            raw.parse()
        except (ValidationError, openai.LengthFinishReasonError, openai.ContentFilterFinishReasonError) as e:
            reply.parse_error = e if isinstance(e, ValidationError) else ValueError(str(e))
    return reply


def _describe(error: Exception) -> str:
    if isinstance(error, ValidationError):
        problems = [f"{'.'.join(str(p) for p in e['loc']) or 'reply'}: {e['msg']}" for e in error.errors()[:8]]
        return "; ".join(problems)
    return str(error)


# --- grounding --------------------------------------------------------------------------------


def ground(text: str, extraction: ModelExtraction, start: int, end: int) -> tuple[list[Candidate], list[str]]:
    """Candidates for the claims whose quotes are in the article; a warning for each one that is not."""
    speakers = {s.name: s for s in extraction.speakers}
    found: list[Candidate] = []
    warnings: list[str] = []
    for claim in extraction.claims:
        where = locate(text, claim.quote, start=start, end=end) or locate(text, claim.quote)
        if where is None:
            warnings.append(f"dropped a quote that is not in the article: “{_short(claim.quote)}” ({claim.speaker})")
            continue
        content = (where.start, where.end)
        near = (max(0, where.start - _NEAR), min(len(text), where.end + _NEAR))
        speaker = speakers.get(claim.speaker)
        found.append(
            Candidate(
                content=content,
                speaker=_span_near(text, claim.speaker_mention, near, content),
                cue=_span_near(text, claim.cue, near, content),
                kind=claim.attribution,
                confidence={"exact": 0.8, "normalised": 0.7, "fuzzy": 0.55}[where.method],
                sentence=near,
                cue_lemma=(claim.cue or "").lower() or None,
                speaker_hint=SpeakerHint(
                    name=claim.speaker,
                    role=speaker.role if speaker else None,
                    affiliation=speaker.affiliation if speaker else None,
                    kind=speaker.kind if speaker else None,
                ),
                statement=claim.statement,
                stance=claim.stance,
                responds_to=_span_of(text, claim.responds_to),
            )
        )
    return found, warnings


def _span_near(text: str, words: str | None, near: Range, content: Range) -> Range | None:
    """A mention or cue close to its quote and outside it, located in the article, or None."""
    if not words:
        return None
    where = locate(text, words, start=near[0], end=near[1])
    if where is None or (where.start < content[1] and content[0] < where.end):
        return None
    return (where.start, where.end)


def _span_of(text: str, words: str | None) -> Range | None:
    where = locate(text, words) if words else None
    return (where.start, where.end) if where else None


def _merge(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per content span; chunks overlap, so the same quote can come twice."""
    seen: dict[Range, Candidate] = {}
    for candidate in candidates:
        seen.setdefault(candidate.content, candidate)
    return sorted(seen.values(), key=lambda c: c.content)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
