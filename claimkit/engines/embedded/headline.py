"""A title that names its source before a colon ('Carly Fiorina: …', 'Report: …'): an attribution."""

from __future__ import annotations

import re
from typing import Final

from ...lang import Lexicon
from ...lang.en.cues import CUE_FORMS
from ...lang.en.furniture import NOT_HEADLINE_SOURCES
from ...lang.en.names import PLACES
from ...text.spans import tokenize
from ..candidate import Candidate, Range
from .sentence import Sentence, make_candidate, trimmed

__all__ = ["headline_attribution"]


# 'Carly Fiorina: 'Bill Clinton's fair game.'', 'Report: Walker to speak at …': a name, a colon, the words.
_HEADLINE_RE: Final = re.compile(r"([A-Z][\w’'.\-]*(?: [A-Z][\w’'.\-]*){0,3}): +(?=\S)")


_LONGEST_HEADLINE: Final = 25  # words


def _finite_cue(word: str) -> bool:
    """A cue verb with a tense ('says', 'said', 'warns'), not its base form ('Walker to speak') or a gerund.
    Only lower-case words are read: in a title-case headline 'Attacks' is as likely a noun."""
    lemma = CUE_FORMS.get(word)
    return lemma is not None and word != lemma and not word.endswith("ing")


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
    words_after = text[content[0] : content[1]].split()
    if len(words_after) < 3:
        return None  # 'Contributing: Grant Miller.'
    if any(w.islower() and _finite_cue(w.strip(".,;:!?")) for w in words_after[1:3]):
        return None  # 'Brexit: May says deal is dead': a rubric; the words after it name their own source
    colon = start + len(source)
    inside = [q for q in quotes if q[0] < end and q[1] > start]
    sentence = Sentence(start, end, tokenize(text, start, end), inside, lexicon)
    return make_candidate(text, sentence, content, (start, colon), (colon, colon + 1), None, 0.6, rule="headline")
