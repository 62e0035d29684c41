"""A model's claims grounded in the article: each quote placed, each field taken from the article's own words.

The model writes words, never offsets, and nothing it writes is kept as it stands: the quote is placed by
``placement.place`` (a quote given only by its head is extended to the end the article shows), the kind is read
from the quotation marks, the cue from the article's word at the site, and a claim the article attributes to no
one is dropped. A speaker that is a pronoun, a description or a single name goes to the speaker index as the
mention it is (resolved there as the rules' mentions are, or left unresolved), never as a name; where the mention
at the site or the rules' confident reading names someone else, the article's evidence decides.
"""

from __future__ import annotations

import re
from typing import Final

from ... import deadline
from ...lang.en.cues import CUE_FORMS
from ...text.grounding import locate, normalise
from ...text.words import shorten
from ..candidate import Candidate, Kind, Range, SpeakerHint
from .evidence import SURE, ArticleEvidence
from .placement import NEAR, Placement, nearest, place
from .schema import ModelClaim, ModelExtraction, ModelSpeaker

__all__ = ["MAX_CLAIMS", "ground"]

MAX_CLAIMS: Final = 200
"""Claims read from one reply, at most (a bound in code: some servers refuse ``maxItems`` in a schema)."""
_CONFIDENCE: Final = {"exact": 0.8, "normalised": 0.7, "fuzzy": 0.55}
_ELLIPSIS_RE: Final = re.compile(r"(?:\.\.\.|…|\[\.\.\.\]|\[…\])\W*$")


def ground(
    text: str, extraction: ModelExtraction, chunk: Range, evidence: ArticleEvidence, *, cap: int = MAX_CLAIMS
) -> tuple[list[Candidate], list[str]]:
    """Candidates for the claims placed in the article and attributed there; a warning for each one dropped, each
    speaker the evidence gives otherwise, and each name the article never uses."""
    start, end = chunk
    speakers = {s.name: s for s in extraction.speakers}
    found: list[Candidate] = []
    warnings: list[str] = []
    if len(extraction.claims) > cap:
        warnings.append(
            f"the reply for characters {start}–{end} held {len(extraction.claims)} claims: the first {cap} were read"
        )
    unnamed: set[str] = set()
    for claim in extraction.claims[:cap]:
        deadline.check()
        placement, reason = place(text, claim.quote, claim.mention, claim.cue, chunk)
        if placement is None:
            warnings.append(f"dropped a quote {reason}: “{shorten(claim.quote)}” ({claim.speaker or 'no source'})")
            continue
        candidate = _candidate(text, claim, placement, speakers, evidence, warnings, unnamed)
        if candidate is not None:
            found.append(candidate)
    return found, warnings


def _candidate(
    text: str,
    claim: ModelClaim,
    placement: Placement,
    speakers: dict[str, ModelSpeaker],
    evidence: ArticleEvidence,
    warnings: list[str],
    unnamed: set[str],
) -> Candidate | None:
    content, parts = _content(text, claim.quote, placement, evidence, warnings)
    mention, hint = _speaker(text, claim, placement, content, speakers, evidence, warnings, unnamed)
    if not evidence.attributed(content, mention, placement.cue):
        warnings.append(
            f"dropped a claim the article attributes to no one (no cue, speaker or quotation beside it): "
            f"“{shorten(text[slice(*content)])}” ({claim.speaker or 'no source'})"
        )
        return None
    return Candidate(
        content=content,
        speaker=mention,
        cue=placement.cue,
        kind=evidence.kind(content) if not parts else _kind_of_parts(parts, evidence),
        confidence=_CONFIDENCE[placement.method],
        sentence=(max(0, content[0] - NEAR), min(len(text), content[1] + NEAR)),
        cue_lemma=_lemma(text[slice(*placement.cue)] if placement.cue else None),
        speaker_hint=hint,
        stance=None,  # read from the article's own cue words at the site, as for the rules
        responds_to=_span_of(text, claim.answers),
        parts=parts,
    )


def _content(
    text: str, quote: str, placement: Placement, evidence: ArticleEvidence, warnings: list[str]
) -> tuple[Range, list[Range]]:
    """The quote's place; a quote the model ended with '…' extended to the end the article shows, or warned."""
    content = placement.content
    if placement.parts or not _ELLIPSIS_RE.search(quote.strip()):
        return content, placement.parts
    extended = evidence.extended(content)
    if extended is None:
        warnings.append(f"the model gave only the head of a quote, and the text shows no end: “{shorten(quote)}”")
        return content, []
    return extended, []


def _speaker(
    text: str,
    claim: ModelClaim,
    placement: Placement,
    content: Range,
    speakers: dict[str, ModelSpeaker],
    evidence: ArticleEvidence,
    warnings: list[str],
    unnamed: set[str],
) -> tuple[Range | None, SpeakerHint | None]:
    """The speaker mention at the site and the model's name for it, as far as the article's evidence bears it."""
    described = speakers.get(claim.speaker or "")
    name = " ".join((claim.speaker or "").split())
    mention = placement.speaker
    hint = None
    if not name:
        pass  # a statement with no source: its speaker is the mention's, if any
    elif _is_a_mention(name, claim.mention, evidence):  # 'he', 'the senator': resolved as the rules' mentions are
        mention = mention or nearest(text, name, content, [])
    elif _in_article(text, name):
        hint = SpeakerHint(
            name=name,
            role=described.role if described and _in_article(text, described.role) else None,
            affiliation=described.affiliation if described and _in_article(text, described.affiliation) else None,
            kind=described.kind if described else None,
        )
    elif name not in unnamed:
        unnamed.add(name)
        warnings.append(
            f"the model named a speaker the article never names, “{shorten(name, 60)}”: "
            "its claims are given to the speaker their mention names, or to no one"
        )
    return _decided(text, content, mention, hint, evidence, warnings)


def _decided(
    text: str,
    content: Range,
    mention: Range | None,
    hint: SpeakerHint | None,
    evidence: ArticleEvidence,
    warnings: list[str],
) -> tuple[Range | None, SpeakerHint | None]:
    """The article's speaker where it and the model differ: a name at the site, or the rules' confident reading
    of one, decides; a pronoun or a description at the site cannot refer to a name the article gives only after
    it (the index resolves the mention); the rules' description is named in a warning."""
    rule = evidence.rule_at(content)
    read = rule.speaker if rule is not None and rule.confidence >= SURE else None
    if hint is None:
        return (mention or read), None  # the model gave no speaker the article shows; the rules may read one
    for other in (mention, read):
        words = text[other[0] : other[1]] if other is not None else ""
        if other is None or evidence.is_pronoun(words) or evidence.shares_a_name(words, hint.name):
            continue
        said = f"the model attributes “{shorten(text[slice(*content)], 60)}” to {hint.name}; "
        said += f"the text reads {' '.join(words.split())}"
        if evidence.is_a_name(words):
            warnings.append(said + ": the claim is given to the text's speaker")
            return other, None
        warnings.append(said)
        break
    if mention is not None and _cannot_refer(text[mention[0] : mention[1]], hint.name, evidence):
        return mention, None  # the index resolves the mention
    return mention, hint


def _cannot_refer(site: str, name: str, evidence: ArticleEvidence) -> bool:
    """Whether a gendered pronoun at the site cannot refer to ``name``: 'she said' to a Donald. (Whether the
    article named the person before was measured too, and cost more on exact answers than it gained.)"""
    return not evidence.is_a_name(site) and evidence.gender_differs(site, name)


def _is_a_mention(name: str, mention: str | None, evidence: ArticleEvidence) -> bool:
    """Whether a model's speaker is words the speaker index resolves, not a name to keep: a pronoun, a single
    name ('Asif'), or the description the model read at the site ('the senator'; a description it gave for a
    pronoun, 'a spokesman for the ministry' for 'he', is the unnamed speaker's own)."""
    if evidence.is_pronoun(name) or (len(name.split()) == 1 and name[:1].isupper()):
        return True
    return not evidence.is_a_name(name) and (mention is None or " ".join(mention.split()) == name)


def _kind_of_parts(parts: list[Range], evidence: ArticleEvidence) -> Kind:
    kinds = {evidence.kind(part) for part in parts}
    return kinds.pop() if len(kinds) == 1 else "mixed"


def _lemma(cue: str | None) -> str | None:
    """The lemma of the article's cue at the site ('said' → 'say'), for the statement's verb; None when it is no
    verb the rules know (the statement then says 'said')."""
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
