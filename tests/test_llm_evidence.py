"""A model's claims checked against the article's own attribution evidence, through a real local server."""

from __future__ import annotations

import json
from typing import Any

import pytest

import claimkit
from claimkit.records import ArticleSummary
from claimkit.settings import Settings

from .openai_server import Step, scripted_server


def _claim(quote: str, speaker: str | None, mention: str | None = None, cue: str | None = None) -> dict[str, Any]:
    return {
        "speaker": speaker,
        "mention": mention,
        "cue": cue,
        "quote": quote,
        "kind": "indirect",
        "stance": "neutral",
        "answers": None,
    }


def _summary(article: str, *claims: dict[str, Any]) -> ArticleSummary:
    names = {c["speaker"] for c in claims if c["speaker"]}
    reply = {
        "speakers": [{"name": n, "role": None, "affiliation": None, "kind": "person"} for n in sorted(names)],
        "claims": list(claims),
    }
    with scripted_server([Step(content=json.dumps(reply))]) as (_, url):
        settings = Settings(
            model="m", base_url=url, structured_output="json_object", cache=False, log_calls=False, api_key="sk-t"
        )
        return claimkit.summarise(article, settings=settings)


def _speaker_of(summary: ArticleSummary, quote: str) -> str | None:
    claim = next(c for c in summary.claims if quote in c.quote.text)
    speaker = summary.speaker(claim.speaker_id)
    return speaker.name if speaker else None


@pytest.mark.parametrize(
    ("article", "quote", "pronoun", "cue"),
    [
        (
            "Angela Merkel came to Paris on Monday. Olaf Scholz stayed in Berlin.\n\n"
            "He said the situation was serious.",
            "the situation was serious",
            "He",
            "said",
        ),
        (
            "Angela Merkel kam am Montag nach Paris. Olaf Scholz blieb in Berlin.\n\nEr sagte, die Lage sei ernst.",
            "die Lage sei ernst",
            "Er",
            "sagte",
        ),
    ],
    ids=["en", "de"],
)
def test_a_pronoun_the_rules_read_is_no_disagreement_in_the_articles_language(
    article: str, quote: str, pronoun: str, cue: str
) -> None:
    summary = _summary(article, _claim(quote, "Angela Merkel", cue=cue))
    assert not [w for w in summary.warnings if f"the text reads {pronoun}" in w]
    assert _speaker_of(summary, quote) == "Angela Merkel"


ARTICLE = (
    "Senator Jane Smith spoke in Dover on Monday. The bridge has been closed since March.\n\n"
    "She said the repairs would end in May. Tom Reyes, the contractor, admitted the work was late."
)


def test_a_pronoun_as_the_speaker_is_resolved_never_kept_as_a_name() -> None:
    summary = _summary(ARTICLE, _claim("the repairs would end in May", "She", "She", "said"))
    assert _speaker_of(summary, "repairs") == "Jane Smith"
    assert all(s.name.lower() != "she" for s in summary.speakers)


def test_an_authorial_sentence_is_dropped_with_a_warning() -> None:
    summary = _summary(
        ARTICLE,
        _claim("the repairs would end in May", "Jane Smith", "She", "said"),
        _claim("The bridge has been closed since March", "Jane Smith"),
    )
    assert [c.quote.text for c in summary.claims] == ["the repairs would end in May"]
    assert any("attributes to no one" in w and "bridge has been closed" in w for w in summary.warnings)


def test_a_name_at_the_site_decides_against_the_models_name() -> None:
    summary = _summary(ARTICLE, _claim("the work was late", "Jane Smith", "Tom Reyes", "admitted"))
    assert _speaker_of(summary, "the work was late") == "Tom Reyes"
    assert any("the text reads Tom Reyes: the claim is given to the text's speaker" in w for w in summary.warnings)


def test_the_statement_verb_comes_from_the_article_not_the_model() -> None:
    summary = _summary(ARTICLE, _claim("the work was late", "Tom Reyes", "Tom Reyes", "denied"))
    claim = next(c for c in summary.claims if "the work was late" in c.quote.text)
    assert "denied" not in claim.statement
    assert claim.cue is None or claim.cue.text != "denied"


def test_a_head_only_quote_is_extended_to_the_sentence_end() -> None:
    summary = _summary(ARTICLE, _claim("the repairs would …", "Jane Smith", "She", "said"))
    assert [c.quote.text for c in summary.claims] == ["the repairs would end in May"]


def test_the_rules_run_once_per_article_on_the_model_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from claimkit import pipeline

    runs: list[int] = []
    rules = pipeline.extract

    def counted(text: str, **options: Any) -> Any:
        runs.append(len(text))
        return rules(text, **options)

    monkeypatch.setattr(pipeline, "extract", counted)
    reply = {"speakers": [], "claims": [_claim("the repairs would end in May", "Jane Smith", "She", "said")]}
    with scripted_server([Step(content=json.dumps(reply))]) as (server, url):
        settings = Settings(
            engine="hybrid", model="m", base_url=url, structured_output="json_object", cache=False, log_calls=False
        )
        summary = claimkit.summarise(ARTICLE, settings=settings)
    assert runs == [len(ARTICLE)]
    assert "the repairs would end in May" in server.requests[0]["messages"][0]["content"]  # the hints, from that run
    assert summary.claims
