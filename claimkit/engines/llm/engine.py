"""The LLM engine: a prompt template, a structured call with re-asks, and the grounding guard.

One call per article (per chunk for long articles). The reply is held to ``ModelExtraction`` by the
strongest means the server offers (see ``STRUCTURED_MODES``); a reply that does not validate is sent
back with its errors, a bounded number of times (tenacity). Transport failures are retried by the
OpenAI SDK alone.

The model writes only what code cannot: who, which words (a long quote by its first and last words), which
cue, the kind and the stance. Every quote, mention and cue is placed in the article by ``placement.place``;
a quote that is not there is dropped and named in the warnings. A speaker name, role or affiliation the
article never uses is not kept (the speaker is then named from its mention), with a warning. Statements and
the summary are built by code from the article's own words.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TypeVar

from pydantic import ValidationError

from ...errors import ModelOutputError
from ...lang.en.cues import CUE_FORMS
from ...records import Usage
from ...settings import Settings
from ...text.grounding import locate, normalise
from ...text.spans import windows
from ...text.words import shorten
from ..candidate import Candidate, Range, SpeakerHint, without_duplicates
from .placement import NEAR, place
from .prompts import Prompt
from .schema import ModelClaim, ModelExtraction, ModelSpeaker
from .structured import StructuredCaller, StructuredMode, Tally

__all__ = ["LLMEngine", "LLMResult"]


QUOTE_WORDS = 12
"""A quote longer than this many words is written by its first and last ``QUOTE_ENDS`` words (prompt and bench)."""
QUOTE_ENDS = 5
_MAX_CLAIMS = 200
"""Claims read from one reply, at most (a bound in code: some servers refuse ``maxItems`` in a schema)."""


_Item = TypeVar("_Item", ModelSpeaker, ModelClaim)


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
        pieces = windows(text, self.settings.chunk_chars, self.settings.chunk_overlap)
        failures: list[ModelOutputError] = []
        for start, end in pieces:
            chunk_hints = [h for h in hints or [] if h["quote"] in text[start:end]]
            variables = {
                "article": text[start:end],
                "hints": chunk_hints,
                "quote_words": QUOTE_WORDS,
                "quote_ends": QUOTE_ENDS,
            }
            try:
                extraction = self.caller.call(self.prompt, variables, ModelExtraction, tally)
            except ModelOutputError as e:
                salvaged = salvage(e.last_reply)
                if salvaged is not None:  # what the model got right before its reply went wrong is kept
                    extraction = salvaged
                    warnings.append(
                        f"characters {start}–{end} gave no valid reply after {e.attempts} attempts ({e}): the "
                        f"{len(salvaged.claims)} complete claims of the last reply were read, the rest is lost"
                    )
                elif len(pieces) == 1:
                    raise
                else:  # one bad chunk of a long article must not lose the others' claims
                    failures.append(e)
                    warnings.append(f"characters {start}–{end} gave no valid reply after {e.attempts} attempts: {e}")
                    continue
            found, dropped = ground(text, extraction, start, end)
            candidates.extend(found)
            warnings.extend(dropped)
        if len(failures) == len(pieces):
            raise failures[-1]
        assert self.mode is not None
        return LLMResult(
            candidates=without_duplicates(candidates),
            summary="",
            warnings=[*warnings, *self.caller.log_problems],
            usage=tally.as_usage(),
            request_ids=tally.request_ids,
            mode=self.mode,
        )


def salvage(raw: str | None) -> ModelExtraction | None:
    """The complete, valid speakers and claims of a reply that is not valid as a whole (cut at the token limit,
    or one bad item); None when it holds no claim."""
    if not raw:
        return None
    claims = _complete_items(raw, "claims", ModelClaim)
    if not claims:
        return None
    return ModelExtraction(speakers=_complete_items(raw, "speakers", ModelSpeaker), claims=claims)


def _complete_items(raw: str, key: str, model: type[_Item]) -> list[_Item]:
    """The items of the list ``key`` in ``raw``, each a whole JSON object valid as ``model``, in order."""
    opened = re.search(rf'"{key}"\s*:\s*\[', raw)
    if opened is None:
        return []
    decoder = json.JSONDecoder()
    items: list[_Item] = []
    at = opened.end()
    while True:
        while at < len(raw) and raw[at] in " \t\r\n,":
            at += 1
        if at >= len(raw) or raw[at] != "{":
            return items
        try:
            value, at = decoder.raw_decode(raw, at)
            items.append(model.model_validate(value))
        except (ValueError, ValidationError):
            return items  # a cut or broken item: those before it stand


# --- grounding --------------------------------------------------------------------------------


def ground(text: str, extraction: ModelExtraction, start: int, end: int) -> tuple[list[Candidate], list[str]]:
    """Candidates for the claims placed in the article; a warning for each one that is not, and for each name,
    role or affiliation the article never uses."""
    speakers = {s.name: s for s in extraction.speakers}
    found: list[Candidate] = []
    warnings: list[str] = []
    if len(extraction.claims) > _MAX_CLAIMS:
        warnings.append(
            f"the reply for characters {start}–{end} held {len(extraction.claims)} claims: the first "
            f"{_MAX_CLAIMS} were read"
        )
    unnamed: set[str] = set()
    for claim in extraction.claims[:_MAX_CLAIMS]:
        placement, reason = place(text, claim.quote, claim.mention, claim.cue, (start, end))
        if placement is None:
            warnings.append(f"dropped a quote {reason}: “{shorten(claim.quote)}” ({claim.speaker or 'no source'})")
            continue
        content = placement.content
        speaker = speakers.get(claim.speaker or "")
        hint = None
        if claim.speaker is None:
            pass  # a statement with no source: its speaker is the mention's, if any
        elif _in_article(text, claim.speaker):
            hint = SpeakerHint(
                name=claim.speaker,
                role=speaker.role if speaker and _in_article(text, speaker.role) else None,
                affiliation=speaker.affiliation if speaker and _in_article(text, speaker.affiliation) else None,
                kind=speaker.kind if speaker else None,
            )
        elif claim.speaker not in unnamed:
            unnamed.add(claim.speaker)
            warnings.append(
                f"the model named a speaker the article never names, “{shorten(claim.speaker, 60)}”: "
                "its claims are given to the speaker their mention names, or to no one"
            )
        found.append(
            Candidate(
                content=content,
                speaker=placement.speaker,
                cue=placement.cue,
                kind=claim.kind,
                confidence={"exact": 0.8, "normalised": 0.7, "fuzzy": 0.55}[placement.method],
                sentence=(max(0, content[0] - NEAR), min(len(text), content[1] + NEAR)),
                cue_lemma=_lemma(claim.cue),
                speaker_hint=hint,
                stance=claim.stance,
                responds_to=_span_of(text, claim.answers),
                parts=placement.parts,
            )
        )
    return found, warnings


def _lemma(cue: str | None) -> str | None:
    """The lemma of a cue the model copied ('said' → 'say'), for the statement's verb; None when it is no verb
    the rules know (the statement then says 'said')."""
    words = (cue or "").lower().split()
    if words[:2] == ["according", "to"]:
        return "according to"
    return next((CUE_FORMS[w] for w in words if w in CUE_FORMS), None)


def _in_article(text: str, words: str | None) -> bool:
    """Whether the article uses ``words`` (case, quotation marks and white space aside), or its last word: a
    name the article writes 'Clinton' is still the article's."""
    if not words or not words.strip():
        return False
    folded = normalise(text)[0]
    wanted = normalise(words.strip())[0]
    last = wanted.split()[-1]
    return any(
        re.search(rf"(?<!\w){re.escape(w)}(?!\w)", folded) is not None
        for w in (wanted, last)
        if w == wanted or len(w) > 2
    )


def _span_of(text: str, words: str | None) -> Range | None:
    where = locate(text, words) if words else None
    return (where.start, where.end) if where else None
