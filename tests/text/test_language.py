"""One language detector, for the record and the rules alike."""

from __future__ import annotations

import pytest

import claimkit
from claimkit.text.language import detect

GERMAN = "Der Minister sagte, dass die Gespräche gescheitert seien und die Armee nicht reagieren werde."
ENGLISH = "The minister said the talks had failed and that the army would respond to the attack."


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (GERMAN, "de"),
        (ENGLISH, "en"),
        (f"{GERMAN} {ENGLISH}", "en"),  # mixed, English words about as common: English
        (f"{GERMAN} {GERMAN} {GERMAN} {ENGLISH}", "de"),  # German words more than twice the English ones
        ("Merkel: Ja.", None),  # too few words to tell
    ],
)
def test_detect(text: str, language: str | None) -> None:
    assert detect(text) == language


@pytest.mark.parametrize("text", [GERMAN, ENGLISH, f"{GERMAN} {ENGLISH}", f"{GERMAN} {GERMAN} {GERMAN} {ENGLISH}"])
def test_the_record_names_the_language_the_rules_read(text: str) -> None:
    summary = claimkit.summarise(text, engine="embedded")
    cues = {c.cue.text for c in summary.claims if c.cue is not None}
    expected = {"de": {"sagte"}, "en": {"said"}}[summary.article.language or ""]
    assert summary.article.language == detect(text)
    assert cues == expected
