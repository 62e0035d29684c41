"""An article's stance toward a claim: supports, opposes, neutral (reports it) or unrelated.

The embedded method reads no model weights: relatedness is the share of the claim's content words
(stemmed, proper nouns counted twice) that the article uses; evidence is the article's sentences that
share most of them; the label comes from refutation and hedging cues in those sentences, compared with
the claim's own polarity (a claim that something is fake is supported by an article calling it a hoax; a claim that
something never happened is opposed by an article that tells it plainly).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .lang.en.stance import HEDGING, NEGATED_CLAIM_WORDS, REFUTING, REFUTING_PHRASES
from .records import ArticleStance, ArticleStanceLabel, Span
from .settings import Settings
from .text.spans import find_quotes, split_sentences
from .text.words import content_words, stem, words

if TYPE_CHECKING:
    import openai

__all__ = ["RELATED_AT", "stance"]


RELATED_AT = 0.28
"""Least share of the claim's weighted content words the article must use to count as related."""


@dataclass(frozen=True)
class _Cues:
    refuting: float
    hedging: float


def _stem(word: str) -> str:
    return stem(word, shortest=3)


def _content(text: str) -> dict[str, float]:
    """Stemmed content words with weights: a capitalised word (a name) counts twice."""
    weights: dict[str, float] = {}
    for word in content_words(text):
        stem = _stem(word)
        weights[stem] = max(weights.get(stem, 0.0), 2.0 if word[0].isupper() else 1.0)
    return weights


def _overlap(claim: dict[str, float], words: set[str]) -> float:
    total = sum(claim.values())
    return sum(w for stem, w in claim.items() if stem in words) / total if total else 0.0


def _cues(text: str) -> _Cues:
    found = [w.lower().replace("’", "'") for w in words(text)]
    lowered = text.lower().replace("’", "'")
    refuting = sum(w in REFUTING for w in found) + sum(lowered.count(p) for p in REFUTING_PHRASES)
    hedging = sum(w in HEDGING for w in found)
    size = max(len(found), 1)
    return _Cues(refuting=refuting / size * 100, hedging=hedging / size * 100)


def _negative(claim: str) -> bool:
    """Whether the claim itself says something is false or did not happen."""
    return any(w.lower().replace("’", "'") in NEGATED_CLAIM_WORDS for w in words(claim)) or "n't" in claim


def stance(
    claim: str,
    text: str,
    *,
    settings: Settings | None = None,
    client: openai.OpenAI | None = None,
    evidence_sentences: int = 3,
    **options: Any,
) -> ArticleStance:
    """The stance of ``text`` (an article) toward ``claim``, with the sentences that show it.

    Settings are found as for ``summarise``: ``settings``, else ``options`` (``Settings`` fields such as
    ``model=`` or ``engine=``) looked up with the environment and the config file. With a model configured
    (``settings.chosen_engine`` other than embedded) the model decides, through the ``article_stance``
    prompt, and its evidence is located in the article or dropped.

    >>> import claimkit
    >>> result = claimkit.stance("The bridge will reopen.", "The mayor said the bridge will reopen in May.")
    >>> result.label in {"supports", "opposes", "neutral", "unrelated"}
    True
    """
    settings = settings or Settings.resolve(**options)
    if settings.chosen_engine != "embedded":
        return _model_stance(claim, text, settings, client)
    return _embedded_stance(claim, text, evidence_sentences)


def _model_stance(claim: str, text: str, settings: Settings, client: openai.OpenAI | None) -> ArticleStance:
    from .engines.llm import Tally, load_prompt, structured_caller  # the SDK loads only when a model is used
    from .engines.llm.guard import located_or_warned
    from .engines.llm.schema import ModelStance

    caller = structured_caller(settings, client)
    prompt = load_prompt("article_stance")
    reply = caller.call(prompt, {"claim": claim, "article": text}, ModelStance, Tally())
    evidence: list[Span] = []
    warnings: list[str] = []
    for passage in reply.evidence:
        where = located_or_warned(text, passage, "evidence", warnings)
        if where is not None:
            evidence.append(Span(text=text[where.start : where.end], start=where.start, end=where.end))
    return ArticleStance(
        claim=claim,
        label=reply.label,
        score=reply.score,
        relatedness=_overlap(_content(claim), set(_content(text))),
        evidence=evidence,
        engine="llm",
        model=settings.model,
        prompt=prompt.info,
        warnings=[*warnings, *caller.log_problems],
    )


def _embedded_stance(claim: str, text: str, evidence_sentences: int) -> ArticleStance:
    claim_words = _content(claim)
    sentences = split_sentences(text, find_quotes(text))
    scored = sorted(
        ((_overlap(claim_words, set(_content(text[s:e]))), s, e) for s, e in sentences),
        key=lambda x: (-x[0], x[1]),
    )
    relatedness = _overlap(claim_words, set(_content(text)))
    evidence = [(s, e) for score, s, e in scored[:evidence_sentences] if score > 0]
    spans = [Span(text=text[s:e], start=s, end=e) for s, e in sorted(evidence)]
    if relatedness < RELATED_AT:
        return ArticleStance(
            claim=claim, label="unrelated", score=1 - relatedness, relatedness=relatedness, evidence=[]
        )
    body = _cues(text)
    near = _cues(" ".join(text[s:e] for s, e in evidence))
    refuting = body.refuting + near.refuting
    label: ArticleStanceLabel
    if refuting >= 1.2:
        label = "supports" if _negative(claim) else "opposes"
        score = min(1.0, refuting / 4)
    elif body.hedging >= 1.4:
        label, score = "neutral", min(1.0, body.hedging / 4)
    else:
        label, score = ("opposes" if _negative(claim) else "supports"), 0.5  # the article says it, plainly
    return ArticleStance(claim=claim, label=label, score=score, relatedness=relatedness, evidence=spans)
