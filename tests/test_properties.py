"""Property-based checks of span arithmetic on arbitrary text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import claimkit
from claimkit.records import ArticleSummary
from claimkit.text.spans import find_quotes, split_sentences

_PIECES = st.sampled_from(
    [
        "He said ",
        "“",
        "”",
        '"',
        "'",
        "‘",
        "’",
        "according to ",
        "critics say ",
        ", ",
        ". ",
        "\n\n",
        "Khawaja Asif ",
        "that ",
        "the plan failed",
        "é",
        "\u200b",
        "\u202e",
        "Mr. ",
        "U.S. ",
        " — ",
        "told reporters ",
        "„",
        "«",
        "»",
    ]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(min_size=1, max_size=8)), min_size=1, max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_every_emitted_span_is_its_slice_and_survives_json(text: str) -> None:
    if not text.strip():
        return
    summary = claimkit.summarise(text)
    for span in summary.spans():
        assert text[span.start : span.end] == span.text
    again = ArticleSummary.model_validate_json(summary.model_dump_json())
    assert again.spans() == summary.spans()


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_quotes_and_sentences_stay_inside_the_text(text: str) -> None:
    quotes = find_quotes(text)
    for start, end in quotes + split_sentences(text, quotes):
        assert 0 <= start < end <= len(text)
