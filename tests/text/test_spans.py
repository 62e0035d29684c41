from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimkit.text.spans import find_quotes, split_sentences, tokenize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said “we did the dirty work” today.", ["“we did the dirty work”"]),
        ('He said "we did it" and "we stopped".', ['"we did it"', '"we stopped"']),
        ("Calls US Alliance ' Grave Mistake ', Links It", ["' Grave Mistake '"]),
        ("She said ‘we don’t know’ twice.", ["‘we don’t know’"]),
        ("The analysts’ view is that Trump’s plan won’t work.", []),
        ("„Wir schaffen das“, sagte Merkel.", ["„Wir schaffen das“"]),
        ("«Non», dit-il.", ["«Non»"]),
        ("''Working full time is hard,'' she said.", ["''Working full time is hard,''"]),
        ("“Outer ‘inner’ words,” he said.", ["“Outer ‘inner’ words,”"]),
        (
            "“First paragraph of a long quote.\n\n“Second paragraph,” he said.",
            ["“First paragraph of a long quote.\n\n“Second paragraph,”"],
        ),
        ("An “unbalanced quote runs to the end", ["“unbalanced quote runs to the end"]),
        # PolNeAR: an opening mark typed where the closing one belongs
        (
            "“Apparently not,“ he said. “A leopard doesn’t change its spots.”",
            ["“Apparently not,“", "“A leopard doesn’t change its spots.”"],
        ),
    ],
)
def test_find_quotes(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in find_quotes(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two three.", ["One.", "Two three."]),
        ("Sen. Ted Cruz spoke. Then he left.", ["Sen. Ted Cruz spoke.", "Then he left."]),
        ("The U.S. Army said so. Fine.", ["The U.S. Army said so.", "Fine."]),
        ("“Stop. Now,” he said. Next.", ["“Stop. Now,” he said.", "Next."]),
        ("Headline\nBody one. Body two.", ["Headline", "Body one.", "Body two."]),
        ("Wait... What?! No.", ["Wait...", "What?!", "No."]),
        ("He paused .... and went on. Done.", ["He paused .... and went on.", "Done."]),
        ("“Really?” Yes.", ["“Really?”", "Yes."]),
    ],
)
def test_split_sentences_respects_quotes_and_abbreviations(text: str, expected: list[str]) -> None:
    spans = split_sentences(text, find_quotes(text))
    assert [text[a:b] for a, b in spans] == expected


def test_tokens_carry_exact_offsets() -> None:
    text = "Asif’s U.S.-led plan, he said."
    assert all(text[t.start : t.end] == t.text for t in tokenize(text))
    assert [t.text for t in tokenize(text)][:2] == ["Asif’s", "U.S."]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZ1 .’'-&“,\n\t\u00a0é", max_size=40), st.integers(0, 45), st.integers(0, 45))
def test_tokens_cover_every_mark_of_the_window_once(text: str, start: int, end: int) -> None:
    start, end = min(start, len(text)), min(max(start, end), len(text))
    tokens = tokenize(text, start, end)
    covered = "".join(" " * (t.start - (tokens[n - 1].end if n else start)) + t.text for n, t in enumerate(tokens))
    assert covered.ljust(end - start) == "".join(" " if c.isspace() else c for c in text[start:end])
    assert all(start <= t.start < t.end <= end and t.lower == t.text.lower() for t in tokens)
