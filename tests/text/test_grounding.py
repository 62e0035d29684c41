from __future__ import annotations

import pytest

from claimkit.text.grounding import locate

ARTICLE = "“For 30 years, we did the dirty work,” Asif said — in a televised  interview.\nCritics disagree."


@pytest.mark.parametrize(
    ("words", "expected", "method"),
    [
        ("we did the dirty work", "we did the dirty work", "exact"),
        ("“For 30 years, we did the dirty work,”", "For 30 years, we did the dirty work", "exact"),
        ('"For 30 years, we did the dirty work"', "For 30 years, we did the dirty work", "exact"),
        ("Asif said - in a televised interview", "Asif said — in a televised  interview", "normalised"),
        ("ASIF SAID", "Asif said", "normalised"),
        ("For 30 years we did the dirty work", "For 30 years, we did the dirty work", "fuzzy"),
        ("the minister invented this sentence entirely", None, None),
        ("Critics", "Critics", "exact"),
        ("", None, None),
        ("work", "work", "exact"),
    ],
)
def test_locate(words: str, expected: str | None, method: str | None) -> None:
    found = locate(ARTICLE, words)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert ARTICLE[found.start : found.end] == expected
    assert found.method == method


def test_locate_inside_a_window_only() -> None:
    text = "He said yes. Later he said yes again."
    found = locate(text, "he said yes", start=13)
    assert found is not None and found.start > 13


def test_fuzzy_match_never_cuts_a_word() -> None:
    text = "The committee concluded that the programme had failed badly in every region."
    found = locate(text, "the programme had faild badly in every regio")
    assert found is not None
    assert text[found.start : found.end] == "the programme had failed badly in every region"
