"""Words as comparison and stance match them: whole words of any alphabet, never cut at a letter outside ASCII."""

from __future__ import annotations

import pytest

from claimkit.text.words import content_words, stem, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Asif’s well-known claim in 2011", ["Asif’s", "well-known", "claim", "in", "2011"]),
        ("Die Bürgermeisterin sagte, Österreich zahle", ["Die", "Bürgermeisterin", "sagte", "Österreich", "zahle"]),
        ("Łódź and São Paulo", ["Łódź", "and", "São", "Paulo"]),
        ("a_b 3rd", ["3", "rd"]),
    ],
)
def test_words(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_content_words_keep_a_german_word_whole() -> None:
    assert content_words("Die Bürgermeisterin von München") == ["Die", "Bürgermeisterin", "von", "München"]


def test_stem_of_a_german_word_keeps_its_umlaut() -> None:
    assert stem("Bürgermeisterin") == "bürgermeisterin"
