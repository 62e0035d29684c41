"""One structured call to an OpenAI-compatible endpoint: a prompt, a Pydantic model, re-asks, a log entry.

The reply is held to the model by the strongest means the server offers (see ``STRUCTURED_MODES``); a
reply that does not validate is sent back with its errors, a bounded number of times (tenacity).
Transport failures are retried by the OpenAI SDK alone, never by this loop.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, TypeVar

import openai
from pydantic import BaseModel, ValidationError
from tenacity import Retrying, retry_if_exception_type, stop_after_attempt

from ...errors import ModelOutputError, ModelUnavailable
from ...records import Usage
from ...settings import Settings
from ...store import CallLog
from .prompts import Prompt

__all__ = ["STRUCTURED_MODES", "StructuredCaller", "StructuredMode", "Tally", "forget_endpoints", "redacted"]

StructuredMode = Literal["json_schema", "json_object_schema", "json_object"]
STRUCTURED_MODES: tuple[StructuredMode, ...] = ("json_schema", "json_object_schema", "json_object")
"""Strongest first: strict json_schema (OpenAI, Azure, vLLM, Ollama); json_object with a schema
(llama-cpp-python's server, which answers HTTP 500 to json_schema); plain json_object, schema in the prompt."""

_USAGE_KEYS = ("prompt_tokens", "completion_tokens", "total_tokens")
MAX_REPLY_CHARS = 1_000_000
"""A reply's content longer than this is sent back (an enormous reply would only fill memory and output)."""
MAX_REPLY_BYTES = 4_000_000
"""A reply body larger than this is refused before it is parsed (a legitimate one is tens of kilobytes)."""
_BACKOFF = 0.5
"""Seconds before a probe's first retry when the server names no wait; doubled at each retry."""
_LONGEST_WAIT = 60.0
_CHARS_PER_TOKEN = 4
"""A rough count of English text's characters per token, for telling a cut prompt: never for billing."""
_SMALLEST_CONTEXT = 256
"""No server's context is shorter: a prompt-token count below it tells nothing of a cut."""
_CUT_SHARE = 0.5
"""A server that read fewer than this share of the prompt tokens sent has cut the prompt."""
_ESCAPED_SURROGATE_RE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_ECHO_CHARS = 20_000
"""How much of an invalid reply is sent back with the re-ask."""
_REFUSED_STATUSES = frozenset({400, 404, 422, 500, 501})
_FORMAT_WORDS = ("response_format", "json_schema", "schema", "grammar", "structured output", "format")
"""An error that names one of these is a refusal of the structured-output mode: the next mode is tried."""
_REASON_CHARS = 300
"""How much of a server's error message goes into the raised error."""
_accepted: dict[tuple[str, str | None], StructuredMode] = {}
"""The structured-output mode each endpoint and model accepted, for the life of the process: probed once."""
_adapted: dict[tuple[str, str | None], set[str]] = {}
"""What each endpoint and model refused and was given otherwise: 'max_completion_tokens', 'no temperature'."""
_LOCK = threading.Lock()
"""Guards ``_accepted`` and ``_adapted``, shared by the threads of a batch."""
Reply = TypeVar("Reply", bound=BaseModel)


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
class Tally:
    """Token usage, calls and request ids, summed over the calls for one article."""

    usage: dict[str, int] = field(default_factory=lambda: dict.fromkeys(_USAGE_KEYS, 0))
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


class StructuredCaller:
    """Structured calls through one client; remembers the first structured-output mode the server accepts."""

    def __init__(self, client: openai.OpenAI, settings: Settings, log: CallLog | None = None) -> None:
        self.client = client
        self.settings = settings
        self.log = log
        self.log_problems: list[str] = []
        self._cut_warned = False
        self._probing = False
        self._retry_after: float | None = None
        """Why calls went unlogged (a broken or full call log), for the output's warnings."""
        self._endpoint = (settings.base_url or "", settings.model)
        self.mode: StructuredMode | None = (
            _accepted.get(self._endpoint) if settings.structured_output == "auto" else settings.structured_output
        )

    def call(self, prompt: Prompt, variables: dict[str, Any], model: type[Reply], tally: Tally) -> Reply:
        """The model's reply to ``prompt`` rendered with ``variables``, validated as ``model``."""
        if self.mode is not None:
            return self._ask(prompt, variables, model, self.mode, tally)
        for mode in STRUCTURED_MODES:
            self._probing = mode != STRUCTURED_MODES[-1]
            try:
                result = self._ask(prompt, variables, model, mode, tally)
            except ModelUnavailable as e:
                refused = e.status in _REFUSED_STATUSES and _names_a_format(e.reason)
                if refused and mode != STRUCTURED_MODES[-1]:
                    continue  # the server names this response_format as what it refuses: try the next one
                raise
            finally:
                self._probing = False
            self.mode = mode
            with _LOCK:
                _accepted[self._endpoint] = mode
            return result
        raise AssertionError("unreachable: the last mode raises or returns")

    def _ask(
        self,
        prompt: Prompt,
        variables: dict[str, Any],
        model: type[Reply],
        mode: StructuredMode,
        tally: Tally,
    ) -> Reply:
        schema = json.dumps(_schema(model)) if mode == "json_object" else ""
        messages: list[dict[str, str]] = [{"role": "user", "content": prompt.render(**variables, schema=schema)}]
        retrying = Retrying(
            stop=stop_after_attempt(self.settings.max_reasks + 1),
            retry=retry_if_exception_type(_InvalidReply),
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    reply = self._send(prompt, messages, model, mode)
                    tally.add(reply)
                    self.mode = self.mode or mode
                    return _validated(reply, messages, model)
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

    def _send(
        self, prompt: Prompt, messages: list[dict[str, str]], model: type[BaseModel], mode: StructuredMode
    ) -> _Reply:
        started = time.time()
        for _ in range(len(_ADAPTATIONS) + 1):
            common = self._parameters(messages)
            try:
                if self._probing:
                    reply = self._probe(common, model, mode)
                else:
                    reply = self._completion(self.client, common, model, mode)
            except ModelUnavailable as e:
                self._log(prompt, started, mode, common, e.status, e.reason or None, {})
                if e.status == 400 and self._adapt(e.reason, common):
                    continue  # 'use max_completion_tokens instead', 'temperature is not supported': asked again
                raise
            self._log(prompt, started, mode, common, 200, reply.content, reply.usage)
            self._check_context(messages, reply.usage)
            return reply
        raise AssertionError("unreachable: every adaptation is made once, then the error is raised")

    def _probe(self, common: dict[str, Any], model: type[BaseModel], mode: StructuredMode) -> _Reply:
        """A probe's request keeps the transport retries, by hand: a 429 or a 5xx that names no format is waited out
        (``Retry-After``, else a short backoff) and sent again, up to ``max_retries``; a 5xx that names the format
        (llama-cpp-python's answer to json_schema) is a refusal, sent once."""
        client = self.client.with_options(max_retries=0)
        for attempt in range(self.settings.max_retries + 1):
            try:
                return self._completion(client, common, model, mode)
            except ModelUnavailable as e:
                transient = e.status == 429 or (
                    e.status is not None and e.status >= 500 and not _names_a_format(e.reason)
                )
                if not transient or attempt == self.settings.max_retries:
                    raise
                time.sleep(self._retry_after if self._retry_after is not None else _BACKOFF * 2**attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _parameters(self, messages: list[dict[str, str]]) -> dict[str, Any]:
        with _LOCK:
            adapted = set(_adapted.get(self._endpoint, ()))
        token_key = "max_completion_tokens" if "max_completion_tokens" in adapted else "max_tokens"
        common: dict[str, Any] = {"model": self.settings.model, "messages": messages}
        if self.settings.temperature is not None and "no temperature" not in adapted:
            common["temperature"] = self.settings.temperature
        common[token_key] = self.settings.completion_budget
        if self.settings.seed is not None:
            common["seed"] = self.settings.seed
        return common

    def _adapt(self, reason: str, sent: dict[str, Any]) -> bool:
        """Whether a 400's message names a parameter this endpoint wants otherwise, and the request ``sent`` did
        not yet have it so: remembered for the endpoint, for every thread (another thread may have learnt it
        while this one's request was on its way: then it is simply asked again)."""
        for adaptation, words in _ADAPTATIONS.items():
            if all(w in reason.lower() for w in words) and not _applied(adaptation, sent):
                with _LOCK:
                    _adapted.setdefault(self._endpoint, set()).add(adaptation)
                return True
        return False

    def _check_context(self, messages: list[dict[str, str]], usage: dict[str, int]) -> None:
        """A warning when the server read far fewer prompt tokens than were sent: it cut the prompt to its context
        (Ollama's 4k default), so the model never saw the article's end or the instructions' start."""
        sent = sum(len(m["content"]) for m in messages) // _CHARS_PER_TOKEN
        read = usage.get("prompt_tokens")
        if read is None or read < _SMALLEST_CONTEXT or read >= sent * _CUT_SHARE or self._cut_warned:
            return  # (a count below any real context is no cut: a test server's placeholder)
        self._cut_warned = True
        self.log_problems.append(
            f"the server read {read:,} prompt tokens of about {sent:,} sent: it cut the prompt to its context "
            "length; raise the server's context setting (llama.cpp --n_ctx, Ollama num_ctx / OLLAMA_CONTEXT_LENGTH) "
            "or lower chunk_chars"
        )

    def _log(
        self,
        prompt: Prompt,
        started: float,
        mode: str,
        request: dict[str, Any],
        status: int | None,
        content: str | None,
        usage: dict[str, int],
    ) -> None:
        if self.log is None:
            return
        try:
            self.log.add(
                started=started,
                model=self.settings.model,
                endpoint=self.settings.endpoint_host,
                prompt_sha256=prompt.sha256,
                mode=mode,
                status=status,
                latency_ms=(time.time() - started) * 1000,
                prompt_tokens=usage.get("prompt_tokens"),
                completion_tokens=usage.get("completion_tokens"),
                request=json.dumps({**request, "response_format": mode}),
                response=content,
            )
        except (sqlite3.Error, OSError) as e:  # best effort: a full disk must not lose a reply that was paid for
            self.log = None
            self.log_problems.append(f"the call log could not be written ({e}); later calls are not logged")

    def _completion(
        self, client: openai.OpenAI, common: dict[str, Any], model: type[BaseModel], mode: StructuredMode
    ) -> _Reply:
        """A reply that is a completion: a 200 whose body is none (a proxy's error page, ``{"choices": "oops"}``)
        is a transport fault, asked again like one (``max_retries``), then named."""
        for attempt in range(self.settings.max_retries + 1):
            try:
                return self._request(client, common, model, mode)
            except _NotACompletion as e:
                if attempt == self.settings.max_retries:
                    raise ModelUnavailable(
                        f"{self.settings.endpoint_host} answered 200 with no completion ({e}) {attempt + 1} time(s)",
                        model=self.settings.model,
                        endpoint=self.settings.endpoint_host,
                        status=200,
                    ) from e
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _request(
        self, client: openai.OpenAI, common: dict[str, Any], model: type[BaseModel], mode: StructuredMode
    ) -> _Reply:
        try:
            if mode == "json_schema":
                raw = client.chat.completions.with_raw_response.parse(response_format=model, **common)
            else:
                response_format: dict[str, Any] = {"type": "json_object"}
                if mode == "json_object_schema":
                    response_format["schema"] = _schema(model)
                # The SDK's types know no "schema" key in response_format; llama-cpp-python's server reads it.
                create: Any = client.chat.completions.with_raw_response.create
                raw = create(response_format=response_format, **common)
        except openai.APIStatusError as e:
            self._retry_after = _retry_after(e)
            reason = redacted(_reason(e), self.settings.api_key)  # a server that echoes the request
            raise ModelUnavailable(
                f"{self.settings.endpoint_host} answered HTTP {e.status_code} ({mode})"
                + (f": {reason[:_REASON_CHARS]}" if reason else ""),
                model=self.settings.model,
                endpoint=self.settings.endpoint_host,
                status=e.status_code,
                reason=reason,
            ) from e
        except openai.APITimeoutError as e:
            raise ModelUnavailable(
                f"the model at {self.settings.endpoint_host} did not answer within {self.settings.timeout:g} s "
                "(timeout): raise --timeout for a slow model",
                model=self.settings.model,
                endpoint=self.settings.endpoint_host,
            ) from e
        except openai.APIError as e:
            raise ModelUnavailable(
                f"cannot reach the model at {self.settings.endpoint_host}: {type(e).__name__}",
                model=self.settings.model,
                endpoint=self.settings.endpoint_host,
            ) from e
        try:
            return _reply_from(raw, parse=mode == "json_schema")
        except _Oversized as e:
            raise ModelOutputError(
                f"the model's reply is {e.size:,} bytes, over the limit of {MAX_REPLY_BYTES:,}: refused unread",
                model=self.settings.model,
                endpoint=self.settings.endpoint_host,
                attempts=1,
                last_reply=None,
                usage={},
            ) from e


def _names_a_format(reason: str) -> bool:
    return any(w in reason.lower() for w in _FORMAT_WORDS)


def _retry_after(error: openai.APIStatusError) -> float | None:
    """The seconds a server asked to wait (``Retry-After`` in seconds, ``retry-after-ms``), at most a minute."""
    headers = error.response.headers
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        try:
            return min(_LONGEST_WAIT, max(0.0, float(headers.get(name, "")) * scale))
        except ValueError:
            continue
    return None


def redacted(message: str, key: str | None) -> str:
    """``message`` with the API key, standing as a token of its own, replaced by '***'; nothing else altered (a
    short key such as 'x' is no part of 'max_tokens')."""
    if not key:
        return message
    return re.sub(rf"(?<![\w-]){re.escape(key)}(?![\w-])", "***", message)


def forget_endpoints() -> None:
    """Forget what endpoints accepted and refused (each is probed again): for tests that replay recorded calls,
    whose requests must not depend on the tests run before them."""
    _accepted.clear()
    _adapted.clear()


def _applied(adaptation: str, sent: dict[str, Any]) -> bool:
    """Whether a request already had an adaptation."""
    if adaptation == "max_completion_tokens":
        return "max_completion_tokens" in sent
    return "temperature" not in sent


_ADAPTATIONS = {
    "max_completion_tokens": ("max_tokens", "max_completion_tokens"),
    "no temperature": ("temperature",),
}
"""What a 400 may ask for, by the words its message holds (newer OpenAI models: 'Unsupported parameter:
'max_tokens' … Use 'max_completion_tokens' instead', 'Unsupported value: 'temperature' …')."""


def _reason(error: openai.APIStatusError) -> str:
    """The server's message in an error body (OpenAI's ``{"error": {"message": …}}``, or the body's text)."""
    body = error.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        message = inner.get("message") if isinstance(inner, dict) else inner
        if message:
            return " ".join(str(message).split())
    try:
        return " ".join(error.response.text.split())[:2_000]
    except Exception:  # a body that cannot be read is no reason
        return ""


@lru_cache(maxsize=16)
def _schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()


def _validated(reply: _Reply, messages: list[dict[str, str]], model: type[Reply]) -> Reply:
    """The parsed reply, or ``_InvalidReply`` after adding the re-ask to ``messages``."""
    try:
        if reply.refusal:
            raise ValueError(f"the model refused: {reply.refusal}")
        if reply.finish_reason == "length":
            raise ValueError("the reply was cut off at the token limit; answer with fewer, shorter items")
        if reply.content is not None and len(reply.content) > MAX_REPLY_CHARS:
            raise ValueError(f"the reply has {len(reply.content):,} characters; answer in at most {MAX_REPLY_CHARS:,}")
        if reply.parse_error is not None:
            raise reply.parse_error
        if _ESCAPED_SURROGATE_RE.search(reply.content or ""):  # '\\udc80' decodes to text no file can hold
            return model.model_validate(_without_surrogates(json.loads(reply.content or "")))
        return model.model_validate_json(reply.content or "")
    except (ValidationError, ValueError) as e:
        reason = _describe(e)
        messages.append({"role": "assistant", "content": (reply.content or "")[:_ECHO_CHARS]})
        messages.append(
            {
                "role": "user",
                "content": f"Your reply was not valid: {reason}\nReply again with only the corrected JSON object.",
            }
        )
        raise _InvalidReply(reply.content, reason) from e


class _NotACompletion(Exception):
    """A 200 reply whose body is no chat completion."""


class _Oversized(Exception):
    def __init__(self, size: int) -> None:
        super().__init__(f"{size:,} bytes")
        self.size = size


def _reply_from(raw: Any, *, parse: bool) -> _Reply:
    size = len(raw.http_response.content)
    if size > MAX_REPLY_BYTES:  # refused before it is parsed: a huge reply would only fill memory
        raise _Oversized(size)
    try:
        body = raw.http_response.json()
    except ValueError as e:
        kind = raw.http_response.headers.get("content-type", "no content type")
        raise _NotACompletion(f"a body that is not JSON, {kind}") from e
    choices = body.get("choices") if isinstance(body, dict) else None
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        raise _NotACompletion("JSON without a list of choices")
    choice = choices[0]
    message = choice.get("message") or {}
    if not isinstance(message, dict):
        raise _NotACompletion("a choice without a message")
    usage = body.get("usage")
    identifier = body.get("id")
    reply = _Reply(
        content=_text(message.get("content")),
        finish_reason=choice.get("finish_reason") if isinstance(choice.get("finish_reason"), str) else None,
        request_id=raw.http_response.headers.get("x-request-id")
        or (identifier if isinstance(identifier, str) else None),
        usage={k: v for k, v in usage.items() if type(v) is int} if isinstance(usage, dict) else {},
        refusal=_text(message.get("refusal")),
    )
    if parse:
        try:
            raw.parse()
        except (ValidationError, openai.LengthFinishReasonError, openai.ContentFilterFinishReasonError) as e:
            reply.parse_error = e if isinstance(e, ValidationError) else ValueError(str(e))
    return reply


def _text(content: Any) -> str | None:
    """A message's content as text: a list of parts joined by their text, any other value as its JSON (then
    invalid, and asked again), lone surrogates replaced (they cannot be written anywhere)."""
    if content is None:
        return None
    if isinstance(content, list):
        content = "".join(str(p.get("text") or "") if isinstance(p, dict) else str(p) for p in content)
    elif not isinstance(content, str):
        content = json.dumps(content)
    return _SURROGATE_RE.sub("\ufffd", content)


def _without_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _SURROGATE_RE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value


def _describe(error: Exception) -> str:
    if isinstance(error, ValidationError):
        problems = [f"{'.'.join(str(p) for p in e['loc']) or 'reply'}: {e['msg']}" for e in error.errors()[:8]]
        return "; ".join(problems)
    return str(error)
