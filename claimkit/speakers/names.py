"""The grammar of names, pure and table-tested: a title and an affiliation around a name ('Pakistan’s Defence
Minister Khawaja Asif'), a name inside a description ('Apple spokesman Tom Neumayr'), a role in an apposition, spelling
variants of one name, and the kind of speaker a name is."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from rapidfuzz import fuzz

from ..lang.en.grammar import PERSONAL_RELATIVES, POSSESSIVE_ENDINGS, RELATIVE_WORDS
from ..lang.en.names import (
    CALENDAR_WORDS,
    FUNCTION_WORDS,
    GROUP_NOUNS,
    HONORIFICS,
    LEADING_FUNCTION_WORDS,
    NAME_PARTICLE_WORDS,
    NAME_PARTICLES,
    NOT_NAME_OPENERS,
    NOT_ROLES,
    OPENING_DETERMINERS,
    ORGANISATION_WORDS,
    PLACES,
    PLACES_CAPITALISED,
    ROLE_ENDINGS,
    ROLE_NOUNS,
    STATEMENT_NOUNS,
    TITLE_WORDS,
    TITLE_WORDS_WITHOUT_DOTS,
)
from ..records import SpeakerKind

__all__ = [
    "NAME_RE",
    "PLACES_CAPITALISED",
    "SAME_WORD",
    "Range",
    "apposition_role",
    "described_name",
    "is_common_noun_phrase",
    "name_kind",
    "parse_titled_name",
    "same_name",
    "statement_owner",
    "strip_possessive",
    "title_before",
    "without_nested",
    "without_titles",
]

Range = tuple[int, int]


# A capital first, then the look-behind (no letter or apostrophe before it): the engine jumps from capital to capital.
# One group around the whole, for ``matches_with_offsets``.
NAME_RE: Final = re.compile(
    r"([A-Z](?<![\w’'\-][A-Z])(?:[\w’'\-]*[a-z][\w’'\-]*|\.)"
    r"(?:\s(?:[A-Z][\w’'\-]*[a-z][\w’'\-]*|[A-Z]\.|(?:" + "|".join(NAME_PARTICLE_WORDS) + r")\b))*)"
)


_POSSESSIVE_RE: Final = re.compile(r"[’']s?$")


_PARTY_RE: Final = re.compile(r"[RDI]-[\w.]+|[A-ZÄÖÜ]{2,5}")  # '(R-Ky.)', '(D-N.Y.)', '(CDU)'


def _is_role_noun(word: str) -> bool:
    """'spokesman', 'strategist', 'nominee', 'analyst': a lower-case noun that names what someone does."""
    return (
        word.islower()
        and word not in NOT_ROLES
        and (word in TITLE_WORDS or word in ROLE_NOUNS or word.endswith(ROLE_ENDINGS))
    )


def described_name(words: list[str]) -> tuple[str, str | None, str | None] | None:
    """A name inside a description, with the role and affiliation the phrase gives it.

    'Apple spokesman Tom Neumayr' → ('Tom Neumayr', 'Apple spokesman', None);
    'Rosette Pambakian, a Tinder spokeswoman' → ('Rosette Pambakian', 'Tinder spokeswoman', None);
    'Sen. Mitch McConnell (R-Ky.)' → ('Mitch McConnell', 'Sen.', 'R-Ky.');
    'The outgoing U.N. envoy to Iraq, Nikolay Mladenov' → ('Nikolay Mladenov', 'outgoing U.N. envoy to Iraq', None).
    None when the phrase names no one ('Several fact checkers, including The Washington Post').
    """
    while words and words[0] in LEADING_FUNCTION_WORDS:
        words = words[1:]  # 'which Senator Ted Cruz': a speaker phrase that took a word too many
    phrase = " ".join(words)
    head, _, apposition = phrase.partition(", ")
    head_words, party = _without_brackets(head.split())
    if not head_words or head_words[-1].lower() in GROUP_NOUNS or is_common_noun_phrase(head_words):
        return None  # 'Analysts', 'Many prominent Republicans': a group
    if not CALENDAR_WORDS.isdisjoint(w.lower() for w in head_words):
        return None  # 'Thursday of Al-Baghdadi': a speaker phrase that took a date
    of_place = next((n for n in range(len(head_words) - 2, 0, -1) if head_words[n] == "of"), None)
    if of_place is not None and all(w[:1].isupper() for w in head_words[of_place + 1 :]):
        party = party or " ".join(head_words[of_place + 1 :])  # 'Senator John Cornyn of Texas'
        head_words = head_words[:of_place]
    pieces = [p.strip() for p in apposition.split(",")] if apposition else []
    if not head_words:
        return None
    if head_words[0][:1].isupper() and all(w[:1].isupper() or w in NAME_PARTICLES for w in head_words):
        role, affiliation, name = parse_titled_name(head_words)
        inner = _split_at_inner_title(head_words) if role is None else None
        if inner is not None:
            role, name = inner
        if name is None or name_kind(name) != "person":
            return None
        role_after = apposition_role(pieces)
        if role_after is not None and (role is None or role.lower().rstrip(".") in HONORIFICS):
            role = role_after  # 'Dr Nye, an Ocean and Earth Science researcher': the apposition says more
        if not pieces or role_after is not None or _relative_or_age(pieces[0]):
            return name, role, affiliation or party
        return None
    if pieces and all(w[:1].isupper() for w in pieces[0].split()):
        # 'The outgoing U.N. envoy to Iraq, Nikolay Mladenov': the description comes first
        role = _role_of(head_words)
        named = parse_titled_name(pieces[0].split())[2]
        if role is not None and named is not None and name_kind(named) == "person":
            return named, role, party
        return None
    return _descriptor_and_name(head_words, party)


def _descriptor_and_name(words: list[str], party: str | None) -> tuple[str, str | None, str | None] | None:
    """'Democratic strategist Simon Rosenberg', 'the Post's senior politics editor Steven Ginsberg'."""
    k = len(words)
    while k > 0 and (words[k - 1][:1].isupper() or (words[k - 1] in NAME_PARTICLES and k < len(words))):
        k -= 1
    if k == 0 or k == len(words) or not _is_role_noun(words[k - 1]):
        return None
    title, affiliation, name = parse_titled_name(words[k:])
    if name is None or name_kind(name) != "person":
        return None
    before = words[:k]
    while before and before[0].lower() in OPENING_DETERMINERS:
        before = before[1:]
    if before and before[0].endswith(POSSESSIVE_ENDINGS) and before[0][:1].isupper() and len(before) > 1:
        affiliation = affiliation or strip_possessive(before[0])
        before = before[1:]
    return name, " ".join(before) or title, affiliation or party


def _split_at_inner_title(words: list[str]) -> tuple[str, str] | None:
    """'Oversight Chairman Jason Chaffetz' → ('Oversight Chairman', 'Jason Chaffetz'): a title word inside."""
    for n in range(len(words) - 2, 0, -1):
        if words[n].lower().rstrip(".") in TITLE_WORDS:
            return " ".join(words[: n + 1]), " ".join(words[n + 1 :])
    return None


def _without_brackets(words: list[str]) -> tuple[list[str], str | None]:
    """The words without '(R-Ky.)' or '(right)', and the party when the brackets give one."""
    if not words or not words[-1].endswith(")"):
        return words, None
    opening = next((n for n in range(len(words) - 1, -1, -1) if words[n].startswith("(")), None)
    if opening is None:
        return words, None
    inside = " ".join(words[opening:])[1:-1]
    return words[:opening], inside if _PARTY_RE.fullmatch(inside) else None


def apposition_role(pieces: list[str]) -> str | None:
    """'a Tinder spokeswoman' → 'Tinder spokeswoman'; '27, a Tinder user in New York' → 'Tinder user in New York'."""
    for piece in pieces:
        if piece.isdigit():
            continue  # an age
        words = piece.split()
        for n, word in enumerate(words):
            if word in RELATIVE_WORDS:
                words = words[:n]
                break
        if words and words[0].lower() in OPENING_DETERMINERS:
            words = words[1:]
        role = " ".join(words)
        return role if any(_is_role_noun(w.strip(",.")) for w in words) else None
    return None


def _relative_or_age(piece: str) -> bool:
    """'Khoza, who said …', 'Tridevil, 21': what follows a name, not a description of a thing."""
    return piece.isdigit() or piece.split()[0] in PERSONAL_RELATIVES


def _role_of(words: list[str]) -> str | None:
    """'The outgoing U.N. envoy to Iraq' → 'outgoing U.N. envoy to Iraq', when a role noun is in it."""
    while words and words[0].lower() in OPENING_DETERMINERS:
        words = words[1:]
    return " ".join(words) if any(_is_role_noun(w) for w in words) else None


def is_common_noun_phrase(words: list[str]) -> bool:
    """'Analysts', 'Critics': capitalised only because they open the sentence."""
    return len(words) <= 3 and words[-1].lower() in GROUP_NOUNS


def strip_possessive(name: str) -> str:
    return _POSSESSIVE_RE.sub("", name) if name.endswith(("’s", "'s", "’", "'")) else name


SAME_WORD: Final = 80
"""The least ``fuzz.ratio`` of two last words for their names to be one ('Khwaja' and 'Khawaja')."""


@lru_cache(maxsize=4096)
def same_name(a: str, b: str) -> bool:
    """Spelling variants of one name: 'Khwaja Asif' and 'Khawaja Asif'."""
    if a == b:
        return True
    pa, pb = a.split(), b.split()
    if len(pa) < 2 or len(pb) < 2 or (pa[-1] != pb[-1] and fuzz.ratio(pa[-1], pb[-1]) < SAME_WORD):
        return False
    return fuzz.ratio(a, b) >= 85


def without_titles(name: str) -> str:
    words = name.split()
    while words and (words[0].lower() in TITLE_WORDS or words[0].endswith(POSSESSIVE_ENDINGS)):
        words.pop(0)
    return " ".join(words)


def without_nested(ranges: list[Range]) -> list[Range]:
    kept: list[Range] = []
    for start, end in ranges:
        if kept and start < kept[-1][1]:
            if end - start > kept[-1][1] - kept[-1][0]:
                kept[-1] = (start, end)
            continue
        kept.append((start, end))
    return kept


def statement_owner(words: list[str]) -> str | None:
    """'Asif’s statement' → 'Asif': the words belong to their owner."""
    for n, word in enumerate(words[:-1]):
        if word.endswith(POSSESSIVE_ENDINGS) and words[n + 1].lower().strip(",") in STATEMENT_NOUNS:
            owner = [w for w in words[: n + 1] if w.lower() not in FUNCTION_WORDS]
            name = strip_possessive(" ".join(owner))
            return without_titles(name) or name if name[:1].isupper() else None
    return None


def parse_titled_name(words: list[str]) -> tuple[str | None, str | None, str | None]:
    """'Pakistan’s Defence Minister Khawaja Asif' → ('Defence Minister', 'Pakistan', 'Khawaja Asif')."""
    return _parse_titled_name(tuple(words))  # a name recurs through an article: parsed once


@lru_cache(maxsize=4096)
def _parse_titled_name(given: tuple[str, ...]) -> tuple[str | None, str | None, str | None]:
    words = [w for w in given if w not in {"(", ")"}]
    while len(words) > 1 and words[0] in NOT_NAME_OPENERS:
        words = words[1:]  # 'Like Corker', 'Despite Santilli': the sentence's opening word, not the name's
    affiliation = None
    if words and words[0].lower() in {"the"}:
        words = words[1:]
    owner = next((k for k, w in enumerate(words[:4]) if w.endswith(POSSESSIVE_ENDINGS) and w[:1].isupper()), None)
    if owner is not None and owner < len(words) - 1 and all(w[:1].isupper() for w in words[: owner + 1]):
        affiliation = strip_possessive(" ".join(words[: owner + 1]))  # 'The Washington Post's Ed O'Keefe'
        words = words[owner + 1 :]
    role_words: list[str] = []
    if len(words) > 3 and words[0].lower() in ORGANISATION_WORDS and words[1].lower().rstrip(".") in TITLE_WORDS:
        role_words.append(words.pop(0))  # 'Police Chief Robert Luna', 'Fire Chief Mike Duree'
    elif len(words) >= 3 and (words[0].lower() in ROLE_NOUNS or words[0].lower().endswith(("ist", "yst"))):
        role_words.append(words.pop(0))  # 'Lobbyist Jack Abramoff', 'Analyst Brent Thill' opening a sentence
    while words and (words[0].lower() in TITLE_WORDS or words[0].lower().rstrip(".") in TITLE_WORDS):
        role_words.append(words.pop(0))
    if len(role_words) >= 1 and affiliation is None and words and not words[0][:1].isupper():
        return None, None, None
    place_words = next(  # a place of several words only before a title: 'New Jersey Gov.', not 'New York Times'
        (
            n
            for n in (3, 2)
            if len(words) > n and " ".join(words[:n]).lower() in PLACES and words[n].lower().rstrip(".") in TITLE_WORDS
        ),
        0,
    )
    if not place_words and words and words[0] in PLACES_CAPITALISED:
        place_words = 1
    titled_after = len(words) > place_words and words[place_words].lower().rstrip(".") in TITLE_WORDS
    if affiliation is None and place_words and titled_after:
        # 'New Jersey Gov. Chris Christie', 'Former Pennsylvania Gov. Ed Rendell'; not 'The Washington Post'
        affiliation = " ".join(words[:place_words])
        del words[:place_words]
        while words and (words[0].lower() in TITLE_WORDS or words[0].lower().rstrip(".") in TITLE_WORDS):
            role_words.append(words.pop(0))
    name_words = [w for w in words if w[:1].isupper() or w in NAME_PARTICLES]
    if len(name_words) != len(words) or not name_words:
        if role_words and not words:
            return " ".join(role_words), affiliation, None
        return None, None, None
    name = " ".join(name_words)
    if role_words and " " not in name and name_kind(name) == "organisation":
        whole = [w for w in given if w not in {"(", ")"} and w.lower() != "the"]
        return None, None, strip_possessive(" ".join(whole))  # 'The United Nations Security Council'
    if affiliation is None and len(role_words) >= 2 and role_words[0][:1].isupper() and _is_place(role_words[0]):
        affiliation = role_words.pop(0)
    return (" ".join(role_words) or None), affiliation, strip_possessive(name)


def _is_place(word: str) -> bool:
    return word in PLACES_CAPITALISED


def title_before(text: str, start: int) -> tuple[str | None, str | None]:
    """The capitalised title words right before a name: 'Defence Minister Khawaja Asif'."""
    words = text[max(0, start - 60) : start].split()
    role: list[str] = []
    while words and words[-1].lower().rstrip(".") in TITLE_WORDS_WITHOUT_DOTS:
        if not words[-1][:1].isupper():
            break
        role.insert(0, words.pop())
    affiliation = strip_possessive(words[-1]) if role and words and words[-1].endswith(POSSESSIVE_ENDINGS) else None
    return (" ".join(role) or None), affiliation


def name_kind(name: str) -> SpeakerKind:
    words = name.split()
    lowered = {w.lower().strip(".") for w in words}
    if lowered & ORGANISATION_WORDS or name.lower() in PLACES or (len(words) == 1 and name.isupper() and len(name) > 1):
        return "organisation"
    return "person"
