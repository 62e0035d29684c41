"""The record contract: what claimkit returns, validated by Pydantic.

Field names here are a public contract: integrators rely on them. Fields may be added, never renamed.
Every ``Span`` points into the article text that claimkit read (newlines normalised to ``\\n``), and
``span.text == article_text[span.start:span.end]`` always holds.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "Article",
    "ArticleStance",
    "ArticleStanceLabel",
    "ArticleSummary",
    "Attribution",
    "ChangeKind",
    "CheckedSource",
    "Claim",
    "ClaimCluster",
    "ClusterQuote",
    "Comparison",
    "PromptInfo",
    "Provenance",
    "QuoteChange",
    "QuoteCheck",
    "QuoteCheckReport",
    "QuoteStatus",
    "SharedSpeaker",
    "Span",
    "Speaker",
    "SpeakerKind",
    "Stance",
    "StanceLabel",
    "Usage",
    "span_fields",
]

SpeakerKind = Literal["person", "organisation", "group", "unnamed"]
Attribution = Literal["direct", "indirect", "mixed", "authorial"]
StanceLabel = Literal["supports", "opposes", "neutral"]
ArticleStanceLabel = Literal["supports", "opposes", "neutral", "unrelated"]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Record):
    """A piece of the article: ``text == article[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _length_matches(self) -> Span:
        if self.end - self.start != len(self.text):
            raise ValueError(f"span [{self.start}, {self.end}) does not have the length of its text")
        return self


def span_fields(text: str, start: int, end: int) -> dict[str, str | int]:
    """The fields of the ``Span`` of ``text[start:end]``: a record validated with its spans as such fields, in one
    call, costs a third fewer instructions than one built from a ``Span`` object each."""
    return {"text": text[start:end], "start": start, "end": end}


class Speaker(_Record):
    """Someone (or something) to whom the article attributes words."""

    id: str
    name: str = Field(description="The fullest name the article gives, or the description of an unnamed speaker.")
    role: str | None = Field(default=None, description="Role or title as the article states it.")
    affiliation: str | None = Field(default=None, description="Country, party or organisation as stated.")
    kind: SpeakerKind
    mentions: list[Span] = Field(default_factory=list)


class Claim(_Record):
    """One attributed statement: who said it, in which words, where."""

    id: str
    statement: str = Field(description="A readable, self-contained sentence stating the claim.")
    quote: Span = Field(description="The quoted or reported words in the article.")
    speaker_id: str | None
    speaker_mention: Span | None = Field(description="The mention of the speaker at the attribution site.")
    cue: Span | None = Field(description="The speech or cognition cue, such as 'said' or 'according to'.")
    attribution: Attribution
    stance: StanceLabel = "neutral"
    confidence: float = Field(ge=0.0, le=1.0)
    parts: list[Span] = Field(
        default_factory=list,
        description="For a quote interrupted by its attribution, each quoted fragment; empty otherwise.",
    )
    within: str | None = Field(
        default=None,
        description="The id of the claim whose words hold this one ('Smith said Jones told him the plan had failed':"
        " Jones's claim is within Smith's); None for a claim of the article's own telling.",
    )
    found_by: str | None = Field(
        default=None,
        description="The embedded engine's rule and how it found the speaker ('verb after; pronoun'): the confidence"
        " is their measured precision. None for a model's claim.",
    )


class Stance(_Record):
    """A speaker's stance toward a claim (by id) or a short target phrase."""

    speaker_id: str | None
    target: str
    label: StanceLabel
    evidence: Span


class Article(_Record):
    id: str
    title: str | None = None
    source: str | None = Field(default=None, description="Where the text came from: a path, '-' or a URL.")
    url: str | None = None
    language: str | None = None
    chars: int = Field(ge=0)
    published: str | None = Field(default=None, description="Publication date, when the source states it.")
    text: str | None = Field(
        default=None,
        description="The text every span indexes (text[start:end] == span.text): the caller's own string for a "
        "string, the text read from a file, standard input, a URL or HTML.",
    )


class PromptInfo(_Record):
    """Which prompt template produced an output: its name, version and the SHA-256 of its file."""

    name: str
    version: str
    sha256: str


class Usage(_Record):
    """Tokens the model calls used, summed over every call for the article (re-asks and chunks included)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    calls: int = 0


class Provenance(_Record):
    claimkit_version: str
    engine: str
    model: str | None = None
    prompt: PromptInfo | None = None
    created_at: datetime
    endpoint: str | None = Field(default=None, description="Host of the model endpoint; never a key.")
    structured_output: str | None = Field(default=None, description="How the model was held to the schema.")
    usage: Usage | None = None
    request_ids: list[str] = Field(default_factory=list)
    cached: bool = Field(default=False, description="Whether this summary came from the cache, with no model call.")
    model_written: list[str] = Field(
        default_factory=list,
        description="Fields whose text a model wrote, not code from the article's words: 'statement', 'summary'.",
    )


class ArticleSummary(_Record):
    """Everything claimkit found in one article."""

    article: Article
    summary: str
    speakers: list[Speaker] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    stances: list[Stance] = Field(default_factory=list)
    provenance: Provenance
    warnings: list[str] = Field(default_factory=list)

    def spans(self) -> list[Span]:
        """Every span in the summary, for checking them against the article."""
        found: list[Span] = []
        for speaker in self.speakers:
            found.extend(speaker.mentions)
        for claim in self.claims:
            found.append(claim.quote)
            found.extend(s for s in (claim.speaker_mention, claim.cue) if s is not None)
            found.extend(claim.parts)
        found.extend(stance.evidence for stance in self.stances)
        return found

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        """The speaker with this id, or None."""
        return next((s for s in self.speakers if s.id == speaker_id), None)


# --- an article's stance toward a claim (claimkit.stance) ---------------------------------------


class ArticleStance(_Record):
    """An article's stance toward a claim, with the sentences that show it."""

    claim: str
    label: ArticleStanceLabel
    score: float = Field(ge=0.0, le=1.0, description="Confidence in the label.")
    relatedness: float = Field(ge=0.0, le=1.0, description="Share of the claim's content words the article uses.")
    evidence: list[Span] = Field(default_factory=list)
    engine: str = "embedded"
    model: str | None = None
    prompt: PromptInfo | None = None
    warnings: list[str] = Field(default_factory=list)


# --- several articles on one story (claimkit.compare) --------------------------------------------


class SharedSpeaker(_Record):
    id: str
    name: str
    role: str | None
    affiliation: str | None
    kind: str
    appearances: dict[str, str] = Field(description="Article id → that article's speaker id.")


class ClusterQuote(_Record):
    article_id: str
    source: str | None
    claim_id: str
    speaker_id: str | None = Field(description="The shared speaker id.")
    quote: Span
    cue: str | None
    attribution: str
    stance: StanceLabel


class ClaimCluster(_Record):
    id: str
    statement: str
    speakers: list[str]
    articles: list[str]
    quotes: list[ClusterQuote]
    differences: list[str]


class Comparison(_Record):
    articles: list[Article]
    speakers: list[SharedSpeaker]
    clusters: list[ClaimCluster]
    created_at: datetime
    claimkit_version: str


# --- the article's quotations against their sources (claimkit.check_quotes) ---------------------------------

QuoteStatus = Literal["verbatim", "altered", "elided", "not_found"]
ChangeKind = Literal["substituted", "added", "dropped"]


class QuoteChange(_Record):
    """One difference between a quotation and its source: words the article substituted, added or dropped."""

    kind: ChangeKind
    article: Span | None = Field(description="The article's words (none for a dropped word).")
    source: Span | None = Field(description="The source's words, offsets into that source (none for an added word).")


class QuoteCheck(_Record):
    """One quotation of the article, held against the sources."""

    id: str
    quote: Span = Field(description="The quoted words in the article, inside their quotation marks.")
    claim_id: str | None = Field(description="The claim of the article summary that holds the quotation.")
    speaker: str | None = Field(description="Who the article says spoke the words.")
    status: QuoteStatus
    similarity: float = Field(
        ge=0.0, le=1.0, description="The share of the quotation's words that the passage has, in the same order."
    )
    source: str | None = Field(description="The name of the source that holds the passage.")
    passage: Span | None = Field(
        description="The passage in that source (offsets into the source's text); for not_found, the best candidate."
    )
    changes: list[QuoteChange] = Field(default_factory=list)
    omitted: list[Span] = Field(
        default_factory=list, description="For an elided quotation: the source's words left out between its parts."
    )


class CheckedSource(_Record):
    name: str = Field(description="A path, '-' or a URL, as given.")
    id: str = Field(description="The first 16 hex digits of the SHA-256 of the source's text.")
    chars: int = Field(ge=0)


class QuoteCheckReport(_Record):
    """Every quotation of an article, each verbatim, altered, elided or not found in the sources."""

    article: Article
    sources: list[CheckedSource]
    checks: list[QuoteCheck] = Field(default_factory=list)
    provenance: Provenance

    def count(self, status: QuoteStatus) -> int:
        return sum(check.status == status for check in self.checks)
