"""From an engine's candidates to an ``ArticleSummary``: speakers resolved, repeats dropped, claims with statements
and stances, the extractive summary, and every span checked against the article."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Final

from .claim_stance import ClaimStance, claim_stances
from .engines.candidate import Candidate
from .engines.embedded.confidence import measured_precision, rule_path
from .errors import GroundingError
from .lang import lexicon_for
from .records import Article, ArticleSummary, Claim, Provenance, Stance, StanceLabel, span_fields
from .sources import LoadedArticle
from .speakers import SpeakerEntity, SpeakerIndex
from .statements import statement, who_says
from .text.boilerplate import is_boilerplate
from .text.language import detect
from .text.spans import article_sentences, paragraphs

__all__ = ["EngineOutput", "assemble_summary", "check_spans"]

_SUMMARY_SENTENCES: Final = 3
_SHORTEST_REPEAT: Final = 5
_REPEAT_WINDOW: Final = 200


@dataclass
class EngineOutput:
    """What an engine found in one article, and how: the candidates, the provenance, a summary and warnings."""

    candidates: list[Candidate]
    provenance: Provenance
    summary: str = ""
    warnings: list[str] = field(default_factory=list)
    read_to: int | None = None
    """Where the engine stopped reading (at the claim cap); None: the whole article was read."""


def assemble_summary(
    article: LoadedArticle, output: EngineOutput, language: str | None = None, *, min_confidence: float = 0.0
) -> ArticleSummary:
    """The summary of ``article`` from what an engine found in it; ``language``: the article's, as the pipeline
    detected it (None: detected here); the rules' claims below ``min_confidence`` (their measured precision) are
    left out."""
    text = article.text
    language = language if language is not None else detect(text)
    candidates = output.candidates
    index = SpeakerIndex(text, lexicon_for(language), read_to=output.read_to, reported=[c.content for c in candidates])
    entities = _resolve_speakers(index, candidates)
    candidates = [_measured(text, c, _way(index, c, e)) for c, e in zip(candidates, entities, strict=True)]
    confident = [n for n, c in enumerate(candidates) if not c.rule or c.confidence >= min_confidence]
    candidates, entities = [candidates[n] for n in confident], [entities[n] for n in confident]
    speakers, ids = index.speakers([e for e in entities if e is not None])
    names = {s.id: s.name for s in speakers}
    speaker_ids = [ids[id(e)] if e is not None else None for e in entities]
    keep = _without_repeats(text, candidates, speaker_ids)
    candidates = [candidates[n] for n in keep]
    speaker_ids = [speaker_ids[n] for n in keep]
    stances = claim_stances(text, candidates, speaker_ids, names)
    holders = _holders(candidates)
    claims = []
    for n, (candidate, speaker_id, stance) in enumerate(zip(candidates, speaker_ids, stances, strict=True), start=1):
        claim = _claim(
            text,
            f"c{n}",
            candidate,
            speaker_id,
            who_says(text, candidate, names.get(speaker_id or "")),
            stance.label,
            language,
        )
        holder = holders[n - 1]
        claims.append(claim if holder is None else claim.model_copy(update={"within": f"c{holder + 1}"}))
    used = set(speaker_ids)
    headline = _title(text)
    summary = ArticleSummary(
        article=Article(
            id=article.id,
            title=article.title or headline,
            source=article.source,
            url=article.url,
            language=language,
            chars=len(text),
            text=text,
            published=article.published,
        ),
        summary=output.summary or _summary(text, claims, headline),
        speakers=[s for s in speakers if s.id in used],
        claims=claims,
        stances=_stances(claims, stances),
        provenance=output.provenance,
        warnings=output.warnings,
    )
    check_spans(summary, text)
    return summary


def _way(index: SpeakerIndex, candidate: Candidate, entity: SpeakerEntity | None) -> str:
    if candidate.speaker is None and candidate.continues is not None:
        return "continued"
    return index.way(candidate.speaker, entity)


def _measured(text: str, candidate: Candidate, way: str) -> Candidate:
    """A rule's candidate with the measured precision of its rule and speaker resolution as its confidence."""
    if not candidate.rule:
        return candidate  # a model's claim keeps the engine's confidence
    path = rule_path(candidate.rule, candidate.cue_lemma, text[candidate.content[0] : candidate.content[1]])
    candidate.confidence = measured_precision(path, way)  # (the engine's output is read here only)
    candidate.found_by = f"{' / '.join(path)}; {way}"
    return candidate


def check_spans(summary: ArticleSummary, text: str) -> None:
    """Raise ``GroundingError`` unless every span of ``summary`` is an exact slice of ``text``."""
    for span in summary.spans():
        if text[span.start : span.end] != span.text:
            raise GroundingError(f"span {span.start}-{span.end} {span.text!r} is not in the article there")


def _resolve_speakers(index: SpeakerIndex, candidates: list[Candidate]) -> list[SpeakerEntity | None]:
    """The entity of each candidate: its own speaker mention, or the one of the quote it continues."""
    resolved: dict[int, SpeakerEntity | None] = {}
    entities = index.resolve_all([(c.speaker, c.speaker_hint) for c in candidates])
    for candidate, entity in zip(candidates, entities, strict=True):
        if entity is None and candidate.continues is not None:
            entity = resolved.get(id(candidate.continues))  # a continued quote comes after the one it continues
        resolved[id(candidate)] = entity
    return list(resolved.values())


def _holders(candidates: list[Candidate]) -> list[int | None]:
    """For each candidate, the index of the narrowest other candidate whose content holds its content (the
    attribution it is nested in), else None."""
    holders: list[int | None] = [None] * len(candidates)
    holding: list[int] = []  # the contents that may still hold the next one, each inside the one before it
    for n in sorted(range(len(candidates)), key=lambda n: (candidates[n].content[0], -candidates[n].content[1])):
        start, end = candidates[n].content
        while holding and candidates[holding[-1]].content[1] < end:
            holding.pop()
        if holding and candidates[holding[-1]].content != (start, end):
            holders[n] = holding[-1]
        holding.append(n)
    return holders


def _span(text: str, span: tuple[int, int] | None) -> dict[str, str | int] | None:
    return None if span is None else span_fields(text, *span)


def _claim(
    text: str,
    claim_id: str,
    candidate: Candidate,
    speaker_id: str | None,
    name: str | None,
    label: StanceLabel,
    language: str | None = None,
) -> Claim:
    record = {
        "id": claim_id,
        "statement": candidate.statement or statement(text, candidate, name, language),
        "quote": span_fields(text, *candidate.content),
        "speaker_id": speaker_id,
        "speaker_mention": _span(text, candidate.speaker),
        "cue": _span(text, candidate.cue),
        "attribution": candidate.kind,
        "stance": label,
        "confidence": candidate.confidence,
        "parts": [span_fields(text, a, b) for a, b in candidate.parts],
        "found_by": candidate.found_by,
    }
    return Claim.model_validate(record)


def _without_repeats(text: str, candidates: list[Candidate], speaker_ids: list[str | None]) -> list[int]:
    """Indices of the claims to keep: one whose words repeat a longer claim of its speaker elsewhere goes.

    A claim is held against the ``_REPEAT_WINDOW`` claims of its speaker on either side of it: every claim of a
    speaker in any real article, and a bounded number in a text of any length.
    """
    words = [" ".join(text[c.content[0] : c.content[1]].split()) for c in candidates]
    by_speaker: dict[str | None, list[int]] = {}
    for n, speaker_id in enumerate(speaker_ids):
        by_speaker.setdefault(speaker_id, []).append(n)
    keep = []
    for n, candidate in enumerate(candidates):
        if words[n].count(" ") + 1 < _SHORTEST_REPEAT:
            keep.append(n)  # 'endorsed Mrs. Clinton' is not a repeat of a longer claim that names her
            continue
        same_speaker = by_speaker[speaker_ids[n]]
        at = bisect.bisect_left(same_speaker, n)
        if not any(
            _repeats(candidate, candidates[m], words[n], words[m], m < n)
            for m in same_speaker[max(0, at - _REPEAT_WINDOW) : at + _REPEAT_WINDOW + 1]
            if m != n
        ):
            keep.append(n)
    return keep


def _repeats(candidate: Candidate, other: Candidate, words: str, other_words: str, other_first: bool) -> bool:
    """Whether ``candidate``'s words repeat ``other``'s, said elsewhere: within them, and longer or earlier."""
    if other.sentence == candidate.sentence:
        return False
    if other.content[0] < candidate.content[1] and candidate.content[0] < other.content[1]:
        return False  # nested, not repeated
    return words in other_words and (len(other_words) > len(words) or other_first)


def _stances(claims: list[Claim], stances: list[ClaimStance]) -> list[Stance]:
    return [
        Stance(
            speaker_id=claim.speaker_id,
            target=claims[stance.target].id if stance.target is not None else _phrase(claim.quote.text),
            label=claim.stance,
            evidence=claim.quote,
        )
        for claim, stance in zip(claims, stances, strict=True)
        if claim.stance != "neutral"
    ]


def _phrase(words: str, limit: int = 80) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[: limit - 1].rsplit(" ", 1)[0] + "…"


def _title(text: str) -> str | None:
    """The first line that reads as a headline: short, not boilerplate, not a lone section word."""
    for start, end in paragraphs(text)[:3]:
        line = text[start:end]
        words = line.split()
        if 3 <= len(words) <= 30 and not is_boilerplate(line):
            return line.rstrip(".")
    return None


def _summary(text: str, claims: list[Claim], title: str | None) -> str:
    """A short extractive summary: the lead sentence, then the sentences of the strongest claims (``title`` is the
    headline, which is no summary sentence)."""
    sentences = article_sentences(text)
    starts = [s for s, _ in sentences]

    judged: dict[tuple[int, int], bool] = {}  # a sentence is judged once, however many claims it holds

    def summary_sentence(s: int, e: int) -> bool:
        if (s, e) not in judged:
            words = text[s:e]
            judged[s, e] = (
                len(words.split()) >= 12
                and words.rstrip("”’\"' ")[-1:] in ".!?"
                and not is_boilerplate(words)
                and words.rstrip(".") != title
            )
        return judged[s, e]

    def sentence_of(position: int) -> tuple[int, int] | None:
        n = bisect.bisect_right(starts, position) - 1
        found = sentences[n] if n >= 0 and position < sentences[n][1] else None
        return found if found is not None and summary_sentence(*found) else None

    lead = next((span for span in sentences if summary_sentence(*span)), None)
    chosen = [lead] if lead is not None else []
    ranked = sorted(claims, key=lambda c: (-c.confidence, c.stance == "neutral", c.quote.start))
    for claim in ranked:
        if len(chosen) >= _SUMMARY_SENTENCES:
            break
        sentence = sentence_of(claim.quote.start)
        if sentence is not None and sentence not in chosen:
            chosen.append(sentence)
    if len(chosen) < _SUMMARY_SENTENCES:
        opposing = next((c for c in claims if c.stance == "opposes"), None)
        sentence = sentence_of(opposing.quote.start) if opposing is not None else None
        if sentence is not None and sentence not in chosen:
            chosen.append(sentence)
    return " ".join(" ".join(text[s:e].split()) for s, e in sorted(chosen))
