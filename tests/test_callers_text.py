"""Every span indexes the caller's own string (CR, CRLF, a BOM, tabs, characters beyond the BMP), and for a file,
standard input or HTML the text the summary carries in ``article.text``."""

from __future__ import annotations

import html
import tempfile
import warnings
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import claimkit

_PIECES = st.sampled_from(
    [
        "The mayor said ",
        "“",
        "”",
        '"',
        "according to ",
        "the bridge would reopen",
        ", ",
        ". ",
        "\r\n",
        "\r\n\r\n",
        "\r",
        "\n",
        "\t",
        "\ufeff",
        "😀",
        "𝔘𝔫𝔦",
        "Anna Schmidt ",
        "told reporters ",
        "that ",
        "é",
    ]
)
_TEXT = st.lists(st.one_of(_PIECES, st.text(min_size=1, max_size=6)), min_size=1, max_size=30).map("".join)


def _quiet(function: object, *args: object) -> claimkit.ArticleSummary:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a random text may read as another language
        return function(*args)  # type: ignore[operator,no-any-return]


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_a_string_is_indexed_as_given(text: str) -> None:
    if not text.strip():
        return
    summary = _quiet(claimkit.summarise, text)
    assert summary.article.text == text
    assert summary.article.chars == len(text)
    for span in summary.spans():
        assert text[span.start : span.end] == span.text


@settings(max_examples=40, deadline=None)
@given(_TEXT)
def test_a_file_is_indexed_by_the_text_the_summary_carries(text: str) -> None:
    if not text.strip() or "\x00" in text:
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_bytes(text.encode("utf-8"))
        try:
            summary = _quiet(claimkit.summarise_source, path)
        except claimkit.InputError:
            return  # empty or binary-looking: refused, with its own error
    carried = summary.article.text
    assert carried is not None
    for span in summary.spans():
        assert carried[span.start : span.end] == span.text


def test_crlf_quote_offsets_hold_on_the_form_text() -> None:
    """What a web form sends: CRLF line ends; the quote is found at its place in that very string."""
    text = 'Budget vote\r\n\r\nThe mayor said the bridge would reopen in May.\r\n"It is safe," said Anna Schmidt.'
    summary = claimkit.summarise(text)
    assert [(c.quote.start, text[c.quote.start : c.quote.end]) for c in summary.claims] == [
        (text.index("the bridge"), "the bridge would reopen in May"),
        (text.index('"It is'), '"It is safe,"'),
    ]


def test_html_spans_index_the_article_text() -> None:
    html = (
        "<html><head><title>Bridge</title></head><body><article><p>The mayor said the bridge would reopen"
        " in May, after months of repairs to its deck and cables.</p><p>&ldquo;It is safe,&rdquo; said Anna"
        " Schmidt, the city engineer, on Tuesday.</p></article></body></html>"
    )
    summary = claimkit.summarise(html)
    carried = summary.article.text
    assert carried is not None and "<p>" not in carried
    assert summary.claims
    for span in summary.spans():
        assert carried[span.start : span.end] == span.text


@settings(max_examples=30, deadline=None)
@given(_TEXT, _TEXT)
def test_html_is_indexed_by_the_text_the_summary_carries(first: str, second: str) -> None:
    page = (
        "<html><head><title>Bridge</title></head><body><article>"
        f"<p>{html.escape(first)}</p><p>The mayor said the bridge would reopen in May, after months of repairs.</p>"
        f"<p>{html.escape(second)}</p></article></body></html>"
    )
    try:
        summary = _quiet(claimkit.summarise, page)
    except claimkit.InputError:
        return  # no article text in the page: refused, with its own error
    carried = summary.article.text
    assert carried is not None
    for span in summary.spans():
        assert carried[span.start : span.end] == span.text
