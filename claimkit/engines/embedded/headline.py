"""A title that names its source before a colon ('Carly Fiorina: …', 'Report: …'): an attribution."""

from __future__ import annotations

import re

from ...lang import Lexicon
from ...lang.en.grammar import NOT_HEADLINE_SOURCES
from ...lang.en.names import PLACES
from ...text.spans import tokenize
from ..candidate import Candidate, Range
from .sentence import Sentence, make_candidate, trimmed

__all__ = ["headline_attribution"]


# 'Carly Fiorina: 'Bill Clinton's fair game.'', 'Report: Walker to speak at …': a name, a colon, the words.
_HEADLINE_RE = re.compile(r"([A-Z][\w’'.\-]*(?: [A-Z][\w’'.\-]*){0,3}): +(?=\S)")


_LONGEST_HEADLINE = 25  # words


def headline_attribution(text: str, start: int, end: int, quotes: list[Range], lexicon: Lexicon) -> Candidate | None:
    """A title that names its source before a colon: the words after the colon are that source's.

    Only the article's first line: further down, 'MORE: …' and 'Source: Getty Images' are page furniture.
    """
    line = text[start:end]
    match = _HEADLINE_RE.match(line)
    if match is None or len(line.split()) > _LONGEST_HEADLINE:
        return None
    source = match.group(1)
    words = source.lower().replace(".", "").split()
    if words[0] in NOT_HEADLINE_SOURCES or source.lower() in PLACES or "editor" in words[0]:
        return None  # 'UPDATE: …', 'Washington: …' (a dateline)
    content = trimmed(text, start + match.end(), end)
    if len(text[content[0] : content[1]].split()) < 3:
        return None  # 'Contributing: Grant Miller.'
    colon = start + len(source)
    inside = [q for q in quotes if q[0] < end and q[1] > start]
    sentence = Sentence(start, end, tokenize(text, start, end), inside, lexicon)
    return make_candidate(text, sentence, content, (start, colon), (colon, colon + 1), None, 0.6)
