"""What a model must return: the model-facing reply schemas, held apart from the user's record contract.

No defaults, no offsets, no bounds a server may refuse (``maxItems``): optional fields are required and
nullable. Code places every piece of text in the article; nothing here is trusted as it stands.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ...records import ArticleStanceLabel, SpeakerKind, StanceLabel

__all__ = ["SCHEMA_SHA256", "ModelClaim", "ModelExtraction", "ModelSpeaker", "ModelStance"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelSpeaker(_Strict):
    name: str
    role: str | None
    affiliation: str | None
    kind: SpeakerKind


class ModelClaim(_Strict):
    """One claim, in as few tokens as it can be told: short keys, a long quote by its first and last words."""

    speaker: str | None
    """None: the article gives the statement no source."""
    mention: str | None
    cue: str | None
    quote: str
    kind: Literal["direct", "indirect", "mixed"]
    stance: StanceLabel
    answers: str | None
    """The first words of the claim this one answers (a stance that is not neutral)."""


class ModelExtraction(_Strict):
    """What the model must return: only what code cannot find. No defaults, no offsets, no bounds a server may
    refuse (``maxItems``): optional fields are required and nullable."""

    speakers: list[ModelSpeaker]
    claims: list[ModelClaim]


class ModelStance(_Strict):
    """What the model must return for a stance: no offsets, evidence as words to locate."""

    label: ArticleStanceLabel
    score: float = Field(ge=0.0, le=1.0)
    evidence: list[str] = Field(max_length=3)


SCHEMA_SHA256 = hashlib.sha256(json.dumps(ModelExtraction.model_json_schema(), sort_keys=True).encode()).hexdigest()
"""Part of the cache key: a change to the model-facing schema invalidates cached summaries."""
