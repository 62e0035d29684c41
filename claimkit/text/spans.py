"""Text primitives with exact offsets: tokens, quotations, paragraphs and sentences.

Nothing here changes the article: every function returns offsets into the string it was given.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import accumulate, repeat
from typing import Final, NamedTuple

from ..lang.en.grammar import ABBREVIATIONS

__all__ = [
    "Token",
    "article_sentences",
    "find_quotes",
    "matches_with_offsets",
    "paragraphs",
    "split_sentences",
    "tokenize",
    "trim",
    "windows",
]

# Opening and closing double quotation marks. '“' closes a German '„' quote and opens an English one.
_DOUBLE_OPEN: Final = "“„«"
_DOUBLE_CLOSE: Final = "”“»"
_STRAIGHT_DOUBLE: Final = '"'
_CLOSING_MARKS: Final = {"„": "“”", "«": "»", "»": "«", "“": "”", '"': '"”'}
"""The marks that close a quotation opened by each mark (a straight mark may be closed by a curly one: "…”)."""
_DOUBLE_MARK_RE: Final = re.compile('[“”„«»"]')

# An initialism ('U.S.'), a word with inner apostrophes, hyphens or ampersands, or one mark; one group around the
# whole, for ``matches_with_offsets``. Possessive repeats: a token once matched is never given back.
_TOKEN_RE: Final = re.compile(r"([A-Z]\.(?:[A-Z]\.)++|\w++(?:[’'\-&]\w++)*+|[^\w\s])")


class Token(NamedTuple):
    text: str
    start: int
    end: int
    lower: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Words and punctuation marks of ``text[start:end]``, with offsets into ``text``."""
    # Tokenising is the engine's hottest loop: every column is built by C code, with no Python code per token.
    words, starts, ends = matches_with_offsets(_TOKEN_RE, text, start, end)
    columns = zip(words, starts, ends, map(str.lower, words), strict=True)
    return list(map(tuple.__new__, repeat(Token), columns))


def matches_with_offsets(
    pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> tuple[list[str], list[int], list[int]]:
    """What ``pattern`` (one group around the whole) matches in ``text[start:end]``, with the starts and ends in
    ``text``: one split, whose pieces alternate the text between matches and the matches, and the running sum of
    the pieces' lengths gives every offset (no match object per match)."""
    pieces = pattern.split(text[start:end])
    offsets = list(accumulate(map(len, pieces), initial=start))
    return pieces[1::2], offsets[1:-1:2], offsets[2::2]


def trim(text: str, start: int, end: int, chars: str = "") -> tuple[int, int]:
    """Shrink ``[start, end)`` past white space and ``chars`` on both sides."""
    strip = set(chars)
    while start < end and (text[start].isspace() or text[start] in strip):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in strip):
        end -= 1
    return start, end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines of ``text`` as ``(start, end)``, trimmed of white space."""
    return list(_paragraphs(text))


@lru_cache(maxsize=16)
def _paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    found = []
    position = 0
    for line in text.split("\n"):
        start, end = trim(text, position, position + len(line))
        if start < end:
            found.append((start, end))
        position += len(line) + 1
    return tuple(found)


def _is_opening(text: str, i: int) -> bool:
    """Whether an ambiguous mark at ``i`` opens a quotation (by the characters around it)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isspace() or before in "([{—–-/" + _DOUBLE_OPEN:
        return not after.isspace() or (after == " " and i + 2 < len(text) and text[i + 2].isupper())
    return False


def _typed_as_closing(text: str, i: int, end: int) -> bool:
    """'“Apparently not,“ he said.': an opening mark after punctuation and before a space closes a quotation."""
    return text[i - 1] in ",.!?" and (i + 1 == end or text[i + 1].isspace())


def _double_quotes_in(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], int | None]:
    """Top-level double quotations in one paragraph, and the start of one left open at its end."""
    found: list[tuple[int, int]] = []
    open_at: int | None = None
    opener = ""
    for mark in _DOUBLE_MARK_RE.finditer(text, start, end):
        i = mark.start()
        ch = text[i]
        if open_at is None:
            if ch in _DOUBLE_OPEN or (ch in _STRAIGHT_DOUBLE + "»" and _is_opening(text, i)):
                open_at, opener = i, ch  # '»' opens the German »…«
            elif ch == "”" and not found and not text[i - 1 : i].isspace():
                # A closing mark with no opening one: the quotation began with the paragraph.
                found.append((start, i + 1))
            continue
        closes = _CLOSING_MARKS.get(opener, _DOUBLE_CLOSE)
        if (
            (ch in closes and (ch != "“" or opener == "„"))
            or (ch == _STRAIGHT_DOUBLE and opener != '"' and not _is_opening(text, i))
            or (ch == "“" and _typed_as_closing(text, i, end))
        ):
            found.append((open_at, i + 1))
            open_at = None
    return found, open_at


def _doubled_apostrophes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """''Quoted'' with two apostrophes for each mark: an opening pair before a non-space, closed by the next pair
    after a non-space, in one pass (a paragraph of pairs that never close costs no more than its length)."""
    found = []
    opening = text.find("''", start, end)
    while opening >= 0:
        if opening + 2 < end and not text[opening + 2].isspace():
            closing = text.find("''", opening + 3, end)
            while closing >= 0 and text[closing - 1].isspace():
                closing = text.find("''", closing + 1, end)
            if closing < 0:
                break  # no pair closes this one, and none can close a later one
            found.append((opening, closing + 2))
            opening = text.find("''", closing + 2, end)
        else:
            opening = text.find("''", opening + 1, end)
    return found


# The mark comes first and the look-behind after it (is the character before the mark a letter or an
# apostrophe?): a pattern that opens with a literal set lets the regex engine jump from mark to mark.
_SINGLE_QUOTE_RE: Final = re.compile(
    r"([‘'])(?<![\w’'][‘'])(?=\s?[\w“\"])([^\n]{1,300}?)(?<=[\w.,!?…])\s?([’'])(?![\w])"
)


def _single_quotes_in(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    found = []
    taken_starts = [a for a, _ in taken]  # the double quotations of one paragraph: in order, none inside another
    for match in _SINGLE_QUOTE_RE.finditer(text, start, end):
        if (match.group(1) == "'") != (match.group(3) == "'"):
            continue
        s, e = match.start(), match.end()
        before_s = bisect.bisect_right(taken_starts, s) - 1
        before_e = bisect.bisect_left(taken_starts, e) - 1
        if (before_s >= 0 and s < taken[before_s][1]) or (before_e >= 0 and e <= taken[before_e][1]):
            continue  # nested inside a double quotation
        inner = match.group(2)
        if inner.count("’") > inner.count("‘") + 2:
            continue  # apostrophes, not a quotation
        found.append((s, e))
    return found


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Top-level quotations as ``(start, end)`` spans that include their quotation marks (see ``_find_quotes``)."""
    return list(_find_quotes(text))


@lru_cache(maxsize=16)
def _find_quotes(text: str) -> tuple[tuple[int, int], ...]:
    """Top-level quotations as ``(start, end)`` spans that include their quotation marks.

    Handles straight, curly, German and guillemet double quotes, single quotes that are not
    apostrophes, and quotations that run across paragraphs: when a paragraph ends inside a quotation
    and the next one opens with a quotation mark, the quotation goes on (the newspaper convention).
    """
    quotes: list[tuple[int, int]] = []
    carried: int | None = None
    for start, end in paragraphs(text):
        found, open_at = _double_quotes_in(text, start, end)
        doubled = _doubled_apostrophes(text, start, end)
        if doubled and not found:
            # ''Quoted'' with two apostrophes for each mark (a newspaper archive convention)
            found, open_at = doubled, None
        if carried is not None:
            if found and found[0][0] == start:
                found[0] = (carried, found[0][1])
            elif open_at == start and not found:
                open_at = carried
            else:
                quotes.append((carried, _paragraph_end_before(text, start)))
        quotes.extend(found)
        quotes.extend(_single_quotes_in(text, start, end, found))
        carried = open_at
    if carried is not None:
        quotes.append((carried, len(text.rstrip())))
    return tuple(sorted(quotes))


def _paragraph_end_before(text: str, start: int) -> int:
    return len(text[:start].rstrip())


# A run of end marks, then closing quotes or brackets, before a capital or the paragraph's end. The pattern opens
# with the mark's set, so the regex engine jumps from mark to mark (3.4× fewer instructions than opening with the
# look-behind); the look-behind after the first mark starts a match only at a run's first mark (linear on '....').
_SENTENCE_END_RE: Final = re.compile(r"[.!?…](?<![.!?…][.!?…])[.!?…]*[”’\"')\]]*(?=\s+[\"“‘'(\[]{0,2}[A-Z0-9]|\s*$)")


def split_sentences(text: str, protected: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sentences as ``(start, end)``: never split inside a protected span, always split at a line end."""
    protected = sorted(protected or [])
    sentences = []
    for p_start, p_end in paragraphs(text):
        start = p_start
        for match in _SENTENCE_END_RE.finditer(text, p_start, p_end):
            cut = match.end()
            if _inside(cut, protected) or _after_abbreviation(text, match.start(), start):
                continue
            sentences.append((start, cut))
            start, _ = trim(text, cut, p_end)
        if start < p_end:
            sentences.append((start, p_end))
    return sentences


def article_sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of an article, never split inside a quotation (computed once per text)."""
    return list(_article_sentences(text))


@lru_cache(maxsize=16)
def _article_sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(split_sentences(text, find_quotes(text)))


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``position`` falls strictly inside one of ``spans`` (sorted by start, not nested)."""
    n = bisect.bisect_left(spans, (position,)) - 1
    return n >= 0 and spans[n][0] < position < spans[n][1] - 1


def _after_abbreviation(text: str, dot: int, sentence_start: int) -> bool:
    if text[dot] != ".":
        return False
    word_start = dot
    while word_start > sentence_start and (text[word_start - 1].isalnum() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start:dot].lower()
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def windows(text: str, size: int, overlap: int) -> list[tuple[int, int]]:
    """Pieces of about ``size`` characters that end at paragraph ends and overlap by about ``overlap``."""
    if len(text) <= size:
        return [(0, len(text))]
    ends = [end for _, end in paragraphs(text)]
    found: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        limit = start + size
        cut = max((e for e in ends if start < e <= limit), default=min(limit, len(text)))
        if cut >= len(text.rstrip()) or limit >= len(text):
            found.append((start, len(text)))
            break
        found.append((start, cut))
        following = [s for s, _ in paragraphs(text) if cut - overlap <= s < cut]
        start = following[0] if following and following[0] > start else cut
    return found
