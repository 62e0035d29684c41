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
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ...errors import ModelOutputError
from ...records import SpeakerKind, StanceLabel, Usage
from ...settings import Settings
from ...text.grounding import locate
from ...text.spans import windows
from ..candidate import Candidate, Range, SpeakerHint, without_duplicates
from .guard import located_or_warned
from .prompts import Prompt
from .structured import StructuredCaller, StructuredMode, Tally

__all__ = [
    "SCHEMA_SHA256",
    "LLMEngine",
    "LLMResult",
    "ModelClaim",
    "ModelExtraction",
    "ModelSpeaker",
]


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


class LLMEngine:
    """Extraction through one OpenAI-compatible endpoint, by the caller ``session.structured_caller`` sets up."""

    def __init__(self, caller: StructuredCaller, settings: Settings, prompt: Prompt) -> None:
        self.caller = caller
        self.settings = settings
        self.prompt = prompt

    @property
    def mode(self) -> StructuredMode | None:
        return self.caller.mode

    def extract(self, text: str, hints: list[dict[str, str]] | None = None) -> LLMResult:
        tally = Tally()
        candidates: list[Candidate] = []
        warnings: list[str] = []
        summaries: list[str] = []
        pieces = windows(text, self.settings.chunk_chars, self.settings.chunk_overlap)
        failures: list[ModelOutputError] = []
        for start, end in pieces:
            chunk_hints = [h for h in hints or [] if h["quote"] in text[start:end]]
            variables = {"article": text[start:end], "hints": chunk_hints}
            try:
                extraction = self.caller.call(self.prompt, variables, ModelExtraction, tally)
            except ModelOutputError as e:
                if len(pieces) == 1:
                    raise
                # One bad chunk of a long article must not lose the others' claims.
                failures.append(e)
                warnings.append(f"characters {start}–{end} gave no valid reply after {e.attempts} attempts: {e}")
                continue
            summaries.append(extraction.summary.strip())
            found, dropped = ground(text, extraction, start, end)
            candidates.extend(found)
            warnings.extend(dropped)
        if len(failures) == len(pieces):
            raise failures[-1]
        assert self.mode is not None
        return LLMResult(
            candidates=without_duplicates(candidates),
            summary=" ".join(s for s in summaries[:1] if s),
            warnings=[*warnings, *self.caller.log_problems],
            usage=tally.as_usage(),
            request_ids=tally.request_ids,
            mode=self.mode,
        )


# --- grounding --------------------------------------------------------------------------------


def ground(text: str, extraction: ModelExtraction, start: int, end: int) -> tuple[list[Candidate], list[str]]:
    """Candidates for the claims whose quotes are in the article; a warning for each one that is not."""
    speakers = {s.name: s for s in extraction.speakers}
    found: list[Candidate] = []
    warnings: list[str] = []
    for claim in extraction.claims:
        where = located_or_warned(text, claim.quote, "a quote", warnings, window=(start, end), who=claim.speaker)
        if where is None:
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
