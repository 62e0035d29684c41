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

from ... import deadline
from ...errors import ModelOutputError
from ...lang import lexicon_for
from ...records import Usage
from ...settings import Settings
from ...text.spans import windows
from ..candidate import Candidate, without_duplicates
from .evidence import ArticleEvidence
from .grounded import MAX_CLAIMS, ground
from .prompts import Prompt
from .schema import ModelClaim, ModelExtraction, ModelSpeaker
from .structured import StructuredCaller, StructuredMode, Tally

__all__ = ["LLMEngine", "LLMResult", "hints"]


QUOTE_WORDS = 12
"""A quote longer than this many words is written by its first and last ``QUOTE_ENDS`` words (prompt and bench)."""
QUOTE_ENDS = 5
_MAX_HINTS = 40


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

    def extract(
        self, text: str, rules: list[Candidate], *, hybrid: bool = False, language: str | None = None
    ) -> LLMResult:
        """The model's claims, each checked against the article's evidence and the rules' reading (``rules``,
        the embedded engine's candidates for the same text; with ``hybrid`` also the prompt's hints), in the
        words of the article's language (its code, as detected once for the article)."""
        tally = Tally()
        candidates: list[Candidate] = []
        warnings: list[str] = []
        pieces = windows(text, self.settings.chunk_chars, self.settings.chunk_overlap)
        failures: list[ModelOutputError] = []
        evidence = ArticleEvidence(text, rules, lexicon_for(language))
        given = hints(text, rules) if hybrid else []
        cap = min(MAX_CLAIMS, self.settings.max_claims)
        for start, end in pieces:
            chunk_hints = [h for h in given if h["quote"] in text[start:end]]
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
            with deadline.within(self.settings.deadline):
                found, dropped = ground(text, extraction, (start, end), evidence, cap=cap)
            candidates.extend(found)
            warnings.extend(dropped)
            if len(candidates) >= self.settings.max_claims:
                warnings.append(
                    f"the article holds more than {self.settings.max_claims:,} claims (max_claims): "
                    "the rest were not read"
                )
                break
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


def hints(text: str, rules: list[Candidate]) -> list[dict[str, str]]:
    """The rules' attributions, as hints for the model (hybrid): who, and the words."""
    found = []
    for candidate in rules[:_MAX_HINTS]:
        origin = candidate.continues or candidate
        who = text[origin.speaker[0] : origin.speaker[1]] if origin.speaker else "unknown"
        found.append({"speaker": " ".join(who.split()), "quote": " ".join(text[slice(*candidate.content)].split())})
    return found
