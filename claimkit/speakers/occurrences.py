"""Where the names of one article stand, and what the text beside them tells: which names are said by a speaker
(no antecedents), which spell the same name, the gender a title, a pronoun or a first name gives, the role an
apposition or a title gives. Read by ``SpeakerIndex``; it keeps no entity of its own."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Final

from rapidfuzz import fuzz, process

from ..lang import Lexicon
from ..lang.en.names import FUNCTION_WORDS, PLACES, SENTENCE_STARTERS, SUBJECT_LEADS
from ..text.spans import find_quotes, matches_with_offsets
from .entity import SpeakerEntity
from .names import (
    NAME_RE,
    SAME_WORD,
    Range,
    apposition_role,
    name_kind,
    parse_titled_name,
    same_name,
    strip_possessive,
    title_before,
    without_nested,
    without_titles,
)

__all__ = ["NameOccurrences", "is_plural_noun"]

_GENDER_EVIDENCE: Final = 50
"""Occurrences of a name read for its gender: enough for any article, bounded for any text."""
_PRONOUN_AFTER_RE: Final = re.compile(r"(?:['’]s)?,?\s+(\w+),?\s+(?:that\s+)?(\w+)\b")
"""'Clinton said she', 'Müller sagte, er': the verb and the word after it."""


def is_plural_noun(word: str) -> bool:
    """A lower-case word that reads as a plural noun ('centrists'), not a function word ('those', 'his')."""
    return (
        word.isalpha()
        and word.islower()
        and len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word not in FUNCTION_WORDS
    )


def _merged(ranges: list[Range]) -> list[Range]:
    """Sorted ``ranges`` with those that overlap joined into one."""
    merged: list[Range] = []
    for start, end in ranges:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def majority(told: list[str]) -> str | None:
    """'m' or 'f' when more of ``told`` say so than the other, else None."""
    male, female = told.count("m"), told.count("f")
    return "m" if male > female else "f" if female > male else None


class NameOccurrences:
    """The capitalised names of one article with their places, and the evidence read beside them."""

    def __init__(
        self, text: str, lexicon: Lexicon, *, read_to: int | None = None, reported: Sequence[Range] = ()
    ) -> None:
        """``read_to``: the end of the part of ``text`` that was read; names after it are not looked for.
        ``reported``: the contents of the article's attributions (what speakers say, as are quotations)."""
        self.text = text
        self.lexicon = lexicon
        # the ends increase (the matches do not overlap): the names before a place are found by bisection
        names, self._name_starts, self._name_ends = matches_with_offsets(NAME_RE, text, 0, read_to)
        self._names = list(zip(self._name_starts, self._name_ends, map(strip_possessive, names), strict=True))
        self._title_genders: dict[str, tuple[str | None, str | None]] = {}
        """Per name: the bare name and the gender its titles tell (None: not a person, or untold)."""
        self._role_names: dict[str, list[tuple[int, str]]] = {}
        """Per role word, the people named right after it ('nominee' → 'Hillary Clinton'), built on first use."""
        quotes = without_nested(find_quotes(text))
        self._quote_starts = [start for start, _ in quotes]
        self._quote_ends = [end for _, end in quotes]
        self.quotes_and_reported = [*quotes, *reported]
        """Quotations and reported contents: what speakers say."""
        self._said_starts: list[int] | None = None  # built on first use (``_not_subjects``)
        self._said_ends: list[int] = []
        self._positions: dict[str, list[int]] = {}
        """Where each capitalised name stands in the text."""
        self._ends: dict[str, list[int]] = {}
        for start, end, name in self._names:
            self._positions.setdefault(name, []).append(start)
            self._ends.setdefault(name, []).append(end)
        self._by_last_word: dict[str, list[str]] = {}
        """The distinct names by their last word: spelling variants are looked up among a few words, not every name."""
        for name in self._positions:
            self._by_last_word.setdefault(name.split()[-1], []).append(name)
        self._last_words = list(self._by_last_word)
        self._spelt_like: dict[str, list[str]] = {}
        """Per word, the last words of ``_last_words`` spelt like it."""

    def last_name_ending_by(self, position: int) -> tuple[int, int, str] | None:
        """The last name (start, end, name) that ends at or before ``position``."""
        k = bisect.bisect_right(self._name_ends, position)
        return self._names[k - 1] if k else None

    def names_ending_within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The names (start, end, name) that end between ``start`` and ``end``, in text order."""
        return self._names[bisect.bisect_left(self._name_ends, start) : bisect.bisect_right(self._name_ends, end)]

    def nearest_group_name(self, before: int, after: int | None) -> str | None:
        """A capitalised plural ('Republicans', 'Democrats') in the 200 characters before ``before`` and after
        ``after``, outside what is said: the group a plural pronoun refers to."""
        for n in range(bisect.bisect_right(self._name_ends, before) - 1, -1, -1):
            start, _, name = self._names[n]
            if start < before - 200 or (after is not None and start <= after):
                return None
            if " " not in name and is_plural_noun(name.lower()) and not self.said(start):
                longer = self._by_last_word.get(name, ())
                surname = any(other != name and name_kind(other) == "person" for other in longer)  # 'Bernie Sanders'
                common = name.lower() not in PLACES and name not in SENTENCE_STARTERS and not name.endswith("ics")
                return name if common and not surname else None  # not 'Sanders', 'Sometimes', 'Economics'
        return None

    def nearest_person_name(self, before: int, reach: int = 300) -> str | None:
        """The closest full name (two words or more) in the ``reach`` characters before ``before``, if a person's."""
        for n in range(bisect.bisect_right(self._name_ends, before) - 1, -1, -1):
            start, _, name = self._names[n]
            if start < before - reach:
                return None
            if self.said(start):
                continue  # a name a speaker says
            words = name.split()
            while words and (words[0].lower() in self.lexicon.leading_articles or words[0] in SENTENCE_STARTERS):
                words.pop(0)  # 'Der Minister Hans Müller', 'The Reverend …', '“Maybe Donald Trump has …'
            _, _, bare = parse_titled_name(words)
            if self._word_before(start, 20) in self.lexicon.non_person_nouns:
                continue  # 'the shop Doki Doki', 'the restaurant Chez Panisse': not a person
            if bare and len(bare.split()) >= 2 and name_kind(bare) == "person":
                return bare
        return None

    def index_occurrences(self, entity: SpeakerEntity) -> None:
        surname = entity.name.split()[-1]
        for name in self._names_ending_like([surname]):
            if name == surname or name.endswith(" " + surname) or (" " in name and same_name(name, entity.name)):
                entity.named_at.extend(self._positions[name])
        entity.named_at.sort()
        entity.occurrences = [p for p in entity.named_at if not self.said(p)]

    def _quoted(self, position: int) -> bool:
        """Whether ``position`` is inside a quotation: a name a speaker says is no antecedent for the narrator's
        'he' ('“Dr. Carson is back in charge,” he told the AP')."""
        k = bisect.bisect_right(self._quote_starts, position) - 1
        return k >= 0 and position < self._quote_ends[k]

    def not_subjects(self, ranges: list[Range]) -> None:
        """Take ``ranges`` as the places whose names are no antecedents (``_said``)."""
        said = _merged(sorted(ranges))
        self._said_starts = [start for start, _ in said]
        self._said_ends = [end for _, end in said]

    def said(self, position: int) -> bool:
        """Whether ``position`` is inside a quotation or the reported content of an attribution: 'Bennett denied …,
        explaining that he was unaware of Carson’s interview … He pointed to …' (he is Bennett)."""
        if self._said_starts is None:
            self.not_subjects(self.quotes_and_reported)
        k = bisect.bisect_right(self._said_starts or [], position) - 1
        return k >= 0 and position < self._said_ends[k]

    def _names_ending_like(self, words: list[str]) -> list[str]:
        """The names whose last word is one of ``words`` or spelt like it: the only ones ``same_name`` can match."""
        last_words: set[str] = set()
        for word in words:
            if word not in self._spelt_like:  # asked again for each speaker's mentions
                found = process.extract(word, self._last_words, scorer=fuzz.ratio, score_cutoff=SAME_WORD, limit=None)
                self._spelt_like[word] = [choice for choice, _, _ in found]
            last_words.update(self._spelt_like[word])
        return [name for word in last_words for name in self._by_last_word[word]]

    def fullest_form(self, name: str) -> str:
        """The longest name in the article that ends with ``name`` ('Asif' → 'Khawaja Asif')."""
        if " " in name:
            return name
        longer = [n for n in self._by_last_word.get(name, ()) if n.endswith(" " + name)]
        counts: dict[str, int] = {}  # in the order of first occurrence, so that ties go to the earliest
        for longer_name in sorted(longer, key=lambda n: self._positions[n][0]):
            # 'Prime Minister Benjamin Netanyahu', 'Lobbyist Jack Abramoff': three words or fewer once bare
            bare = parse_titled_name(longer_name.split())[2] or without_titles(longer_name)
            if bare.endswith(" " + name) and len(bare.split()) <= 3 and bare.split()[0] not in SENTENCE_STARTERS:
                counts[bare] = counts.get(bare, 0) + len(self._positions[longer_name])
        return max(counts, key=lambda n: (counts[n], len(n)), default=name)

    def gender(self, entity: SpeakerEntity) -> str | None:
        """The gender the article tells for a person (its role noun, a title or pronoun beside its name), else the
        gender nearly everyone with its first name has."""
        if len(entity.named_at) == entity.gender[0]:
            return entity.gender[1]
        told = [self.lexicon.genders.get(word, "") for word in (entity.role or "").lower().split()]
        gender = majority(told + self._genders_at(entity.named_at))
        if gender is None and entity.kind == "person":
            gender = self._first_name_gender(entity.name)
        entity.gender = (len(entity.named_at), gender)
        return gender

    def _first_name_gender(self, name: str) -> str | None:
        """The gender of the first name before a surname ('Hillary Rodham Clinton', 'FBI Director James B. Comey');
        of a surname alone, of the fuller names the article gives it ('Comey'); None when untold or both."""
        if " " not in name:
            fuller = [n for n in self._by_last_word.get(name, ()) if n.endswith(" " + name)]
            return majority([self._first_name_gender(n) or "" for n in fuller])
        words = name.split()[:-1]
        gender = self.lexicon.first_name_gender(words[0])  # 'Donna Sampson Rawlings': not 'Sampson'
        for word in reversed(words[1:]):
            if gender is not None or not word[:1].isupper():
                break  # 'nominee': a description before the name
            gender = self.lexicon.first_name_gender(word)  # an initial ('B.') or a middle name ('Rodham') is none
        return gender

    def _genders_at(self, starts: list[int], *, titles_only: bool = False) -> list[str]:
        """What the words beside a name tell of its gender at each of ``starts`` ('Mrs. Clinton', 'Trump said he';
        only the titles with ``titles_only``)."""
        genders = self.lexicon.genders
        told = []
        for start in starts[:_GENDER_EVIDENCE]:
            title = self._word_before(start, 8)
            if title in self.lexicon.gender_titles:
                told.append(genders[title])
            k = bisect.bisect_left(self._name_starts, start)
            end = self._names[k][1] if k < len(self._names) and self._names[k][0] == start else start
            after = None if titles_only else _PRONOUN_AFTER_RE.match(self.text, end, end + 40)
            if after is not None and after.group(1).lower() in self.lexicon.gender_verbs:
                told.append(genders.get(after.group(2).lower(), ""))
        return told

    def nearest_named(self, gender: str, before: int, after: int = -1, *, subject: bool = False) -> str | None:
        """The last person's name in the 600 characters before ``before`` (and after ``after``) whose title (else
        its first name) tells its gender as ``gender``: 'Mrs. Clinton sees … she said'. (A pronoun after a word is
        no evidence here: 'They said he', 'on Tuesday said he'.) With ``subject``, only a name that opens its
        sentence and is no speaker's words ('Mark Holden, the group's counsel, called … He said')."""
        for n in range(bisect.bisect_right(self._name_ends, before) - 1, -1, -1):
            start, _, name = self._names[n]
            if start < before - 600 or start <= after:
                return None
            if subject and (self.said(start) or not self._opens_its_sentence(start)):
                continue
            if name not in self._title_genders:
                bare = parse_titled_name(name.split())[2]
                person = bare is not None and name.lower() not in self.lexicon.pronouns and name_kind(bare) == "person"
                told = majority(self._genders_at(self._positions[name], titles_only=True)) if person else None
                if person and told is None and bare is not None and " " in bare:
                    told = self._first_name_gender(bare)
                self._title_genders[name] = (bare, told)
            bare, told = self._title_genders[name]
            if told == gender:
                return bare
        return None

    def _opens_its_sentence(self, start: int) -> bool:
        """Whether the name at ``start`` is the first words of its sentence (its titles aside)."""
        lead = self.text[max(0, start - 80) : start]
        cut = max(lead.rfind(". "), lead.rfind("\n"), lead.rfind("? "), lead.rfind("! "), lead.rfind("” "))
        if cut < 0 and start > 80:
            return False
        words = lead[cut + 1 :].split()
        return all(w[:1].isupper() or w.lower() in SUBJECT_LEADS for w in words)

    def _word_before(self, start: int, reach: int, *, dot: bool = True) -> str:
        """The lower-case word right before a name at ``start`` (within ``reach`` characters), a dot after it
        allowed with ``dot`` ('Mrs. Clinton'); '' when there is none."""
        lead = self.text[max(0, start - reach) : start]  # a slice and a split: cheaper than a regex per name
        words = lead.split()
        if not words or not lead[-1:].isspace():
            return ""
        word = words[-1].lower()
        if word.endswith("."):
            return word[:-1] if dot else ""
        return word

    def named_with_role(self, role: str, before: int, *, earlier_only: bool = False) -> str | None:
        """The person the article names right after ``role`` ('presidential nominee Hillary Clinton'): the last
        one before ``before``, else (unless ``earlier_only``) the first after it."""
        if role not in self._role_names:  # per role word, one pass over the names: a few roles an article
            places = self._role_names[role] = []
            for start, _, name in self._names:
                if self._word_before(start, 20, dot=False) != role or self._quoted(start):
                    continue  # 'nominee Hillary Clinton'; 'the president. His' ends in a full stop
                bare = parse_titled_name(name.split())[2]
                if bare is not None and name_kind(bare) == "person":
                    places.append((start, bare))
        places = self._role_names.get(role, [])  # in text order: found by bisection, for texts of any length
        k = bisect.bisect_left(places, before, key=lambda place: place[0])
        return places[k - 1][1] if k else (places[0][1] if places and not earlier_only else None)

    def mention_ranges(self, entity: SpeakerEntity) -> list[Range]:
        ranges = set(entity.mentions)
        if entity.kind in ("person", "organisation"):
            surname = entity.name.split()[-1]
            last_words = {v.split()[-1] for v in entity.variants if v.strip()} | {surname}
            for name in self._names_ending_like(sorted(last_words)):
                starts = self._positions[name]
                if name in entity.variants or (" " in name and any(same_name(name, v) for v in entity.variants)):
                    ranges.update((start, start + len(name)) for start in starts)
                elif entity.kind == "person" and (name == surname or name.endswith(" " + surname)):
                    offset = name.rfind(surname) if name != surname else 0
                    ranges.update((start + offset, start + offset + len(surname)) for start in starts)
        return without_nested(sorted(ranges))

    def fill_role(self, entity: SpeakerEntity) -> None:
        if entity.kind != "person" or entity.role is not None:
            return
        for start, name in self._names_ending_with(entity.name):
            if name != entity.name:
                role, affiliation, rest = parse_titled_name(name.split())
                if rest and same_name(rest, entity.name) and role:
                    entity.role, entity.affiliation = role, entity.affiliation or affiliation
                    return
            if name == entity.name:
                role, affiliation = title_before(self.text, start)
                if role:
                    entity.role, entity.affiliation = role, entity.affiliation or affiliation
                    return
        if self.lexicon.reads_descriptions:
            ends = self._ends.get(entity.name, [])
            entity.role = next(filter(None, map(self._apposition_after, ends)), None)

    def _names_ending_with(self, words: str) -> list[tuple[int, str]]:
        """Every name in the text ending with ``words`` ('Khawaja Asif' for 'Asif'), with its start, in text order."""
        last = words.split()[-1] if words.strip() else words
        found = [
            (start, name)
            for last_word in self._last_words
            if last_word.endswith(last)
            for name in self._by_last_word[last_word]
            if name.endswith(words)
            for start in self._positions[name]
        ]
        return sorted(found)

    def _apposition_after(self, end: int) -> str | None:
        """'said Alan Berger, a gynecologist from …': the role an apposition gives the name ending at ``end``."""
        following = self.text[end : end + 200]
        if not following.startswith(", a ") and not following.startswith(", an "):
            return None
        piece = re.split(r"[,.;:!?—–()\n]", following[2:], maxsplit=1)[0]
        return apposition_role([piece])
