"""German cues for the embedded engine: 'sagte', separable 'teilte … mit', 'laut X', 'X zufolge',
'nach Angaben X' and '…, so X'. An article is read with these instead of the English cues when its
commonest words are German; the phrase rules of ``embedded`` do the rest ('dass' counts as 'that').
"""

from __future__ import annotations

from ...lang.de.cues import (
    GERMAN_ACCORDING_TO,
    GERMAN_ARTICLES,
    GERMAN_CUE_FORMS,
    GERMAN_FRONTED,
    GERMAN_PREPOSITIONS,
    GERMAN_SEPARABLE_CUES,
    GERMAN_SOURCE_NOUNS,
)
from ...text.spans import Token
from ..candidate import Candidate
from .sentence import Sentence, make_candidate, trimmed

__all__ = ["according_to", "cue_lemma", "fronted", "separable_particle"]


def fronted(sentence: Sentence, phrase: tuple[int, int]) -> bool:
    """Whether the phrase before a German verb is no subject but what verb-second order puts first: a
    prepositional phrase ('Auf weitere Nachfrage sagte er', 'Im März 2020 sagte …') or an adverb or
    demonstrative ('Das berichtet das Magazin …'); the subject then follows the verb."""
    words = [t.lower for t in sentence.tokens if phrase[0] <= t.start < phrase[1]]
    return bool(words) and (words[0] in GERMAN_PREPOSITIONS or (len(words) == 1 and words[0] in GERMAN_FRONTED))


def separable_particle(sentence: Sentence, i: int) -> Token | None:
    """The particle that closes a German separable cue ('teilte … mit'), if the cue at ``i`` is one."""
    if not sentence.german or sentence.tokens[i].lower not in GERMAN_SEPARABLE_CUES:
        return None
    particle = GERMAN_SEPARABLE_CUES[sentence.tokens[i].lower][1]
    return next((t for t in sentence.tokens[i + 1 :] if t.lower == particle), None)


def cue_lemma(sentence: Sentence, i: int) -> str | None:
    """'sagte', 'teilte … mit' (with its particle), 'laut', 'zufolge', 'nach Angaben', '„…“, so X'."""
    tokens = sentence.tokens
    word = tokens[i].lower
    if sentence.in_quote(i):
        return None
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    if word in GERMAN_ACCORDING_TO:
        return "according to"
    if word == "nach":
        return "according to" if following is not None and following.text in GERMAN_SOURCE_NOUNS else None
    if word == "so":  # '„…“, so Vereinschef Corny Littmann', '…, so der Ausschuss.'
        after_comma = i >= 2 and tokens[i - 1].text == ","
        names = following is not None and (following.text[:1].isupper() or following.lower in GERMAN_ARTICLES)
        return "say" if after_comma and names and len(tokens) - i <= 10 else None
    if word in GERMAN_SEPARABLE_CUES:
        lemma, particle = GERMAN_SEPARABLE_CUES[word]
        return lemma if any(t.lower == particle for t in tokens[i + 1 :]) else None
    if tokens[i].text[:1].isupper() and i > 0:
        return None
    return GERMAN_CUE_FORMS.get(word)


def according_to(text: str, sentence: Sentence, i: int) -> Candidate | None:
    """'Laut Polizei wurden drei Menschen verletzt', 'nach Angaben des Sprechers, Roland Eichhorn, …',
    'Der Polizei zufolge …': the source is the run of nouns, articles and names around the cue."""
    tokens = sentence.tokens
    cue = (tokens[i].start, tokens[i].end)
    if tokens[i].lower == "zufolge":
        first = i - 1
        while first > 0 and (tokens[first - 1].text[:1].isupper() or tokens[first - 1].lower in GERMAN_ARTICLES):
            first -= 1
        if first < 0 or first == i:
            return None
        speaker = (tokens[first].start, tokens[i - 1].end)
        before, after = (sentence.start, tokens[first].start), (tokens[i].end, sentence.end)
    else:
        last = i + 1
        while last + 1 < len(tokens) and (
            tokens[last + 1].text[:1].isupper() or tokens[last + 1].lower in GERMAN_ARTICLES
        ):
            last += 1
        if last + 1 < len(tokens) and tokens[last + 1].text == "," and _apposition_closes(tokens, last + 1):
            last = _apposition_closes(tokens, last + 1)  # 'des Sprechers, Roland Eichhorn, …'
        if last >= len(tokens) or not tokens[last].text[:1].isalnum():
            return None
        speaker = (tokens[i + 1].start, tokens[last].end)
        before, after = (sentence.start, tokens[i].start), (tokens[last].end, sentence.end)
    parts = [p for p in (trimmed(text, *before), trimmed(text, *after)) if p[1] - p[0] > 2]
    if not parts:
        return None
    return make_candidate(
        text, sentence, (parts[0][0], parts[-1][1]), speaker, cue, "according to", 0.8, parts, rule="according to"
    )


def _apposition_closes(tokens: list[Token], comma: int) -> int:
    """The index of the name that ends an apposition opened at ``comma`` ('…, Roland Eichhorn,'), else 0."""
    j = comma + 1
    while j < len(tokens) and tokens[j].text[:1].isupper():
        j += 1
    return j - 1 if j > comma + 1 and j < len(tokens) and tokens[j].text == "," else 0
