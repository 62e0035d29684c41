"""The speakers of one article: speaker mentions resolved to entities (names, surnames, titles, pronouns,
descriptions), spelling variants merged, and ``Speaker`` records with every mention.

Shared by every engine: an engine gives mention offsets; ``SpeakerIndex.resolve_all`` turns them into entities.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from rapidfuzz import fuzz, process

from .. import deadline
from ..engines.candidate import SpeakerHint
from ..lang import Lexicon, lexicon_for
from ..lang.en.names import (
    CALENDAR_WORDS,
    FUNCTION_WORDS,
    GROUP_NOUNS,
    OPENING_DETERMINERS,
    ORDINALS,
    ORGANISATION_WORDS,
    PERSON_DESCRIPTIONS,
    PLACES,
    SENTENCE_STARTERS,
    SUBJECT_FORMS,
    TITLE_WORDS,
    holds_a_role,
)
from ..records import Speaker, SpeakerKind, span_fields
from ..text.language import detect
from ..text.spans import find_quotes, matches_with_offsets
from .names import (
    NAME_RE,
    SAME_WORD,
    Range,
    apposition_role,
    described_name,
    is_common_noun_phrase,
    name_kind,
    parse_titled_name,
    same_name,
    statement_owner,
    strip_possessive,
    title_before,
    without_nested,
    without_titles,
)

__all__ = ["SpeakerEntity", "SpeakerIndex"]


_GENDER_EVIDENCE: Final = 50
"""Occurrences of a name read for its gender: enough for any article, bounded for any text."""
_PRONOUN_AFTER_RE: Final = re.compile(r"(?:['’]s)?,?\s+(\w+),?\s+(?:that\s+)?(\w+)\b")
"""'Clinton said she', 'Müller sagte, er': the verb and the word after it."""


def _is_plural_noun(word: str) -> bool:
    """A lower-case word that reads as a plural noun ('centrists'), not a function word ('those', 'his')."""
    return (
        word.isalpha()
        and word.islower()
        and len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word not in FUNCTION_WORDS
    )


def _whole_word_at(text: str, words: str) -> int | None:
    found = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text)
    return found.start() if found else None


_CONTRACTION_RE: Final = re.compile(r"[’'](?:d|ll|s|ve|re)$")


def _merged(ranges: list[Range]) -> list[Range]:
    """Sorted ``ranges`` with those that overlap joined into one."""
    merged: list[Range] = []
    for start, end in ranges:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _majority(told: list[str]) -> str | None:
    male, female = told.count("m"), told.count("f")
    return "m" if male > female else "f" if female > male else None


_KINDS_BY_PRONOUN: Final[dict[str, tuple[SpeakerKind, ...]]] = {
    "person": ("person",),
    "plural": ("group", "organisation"),
    "thing": ("organisation",),
}


@dataclass
class SpeakerEntity:
    name: str
    kind: SpeakerKind
    role: str | None = None
    affiliation: str | None = None
    variants: set[str] = field(default_factory=set)
    mentions: set[Range] = field(default_factory=set)
    first: int = 0
    named_at: list[int] = field(default_factory=list)
    """Where the entity's name, a variant or its surname stands in the text, sorted."""
    occurrences: list[int] = field(default_factory=list)
    """The places of ``named_at`` outside what speakers say and outside other speakers' descriptions: where a later
    pronoun may find it."""
    mention_starts: list[int] = field(default_factory=list)
    """The starts of ``mentions``, sorted."""
    number: int = -1
    """The order in which the index created it."""
    gender: tuple[int, str | None] = (-1, None)
    """'m', 'f' or None (untold), and the number of places it was read from (read again as they grow).
    (Pronouns resolved to it are no evidence: one wrong resolution would then mislead every later one.)"""

    def mention(self, at: Range) -> None:
        if at not in self.mentions:
            self.mentions.add(at)
            bisect.insort(self.mention_starts, at[0])

    def last_before(self, position: int) -> int | None:
        """The last place before ``position`` where the entity is mentioned or named, if any."""
        n = bisect.bisect_left(self.mention_starts, position)
        k = bisect.bisect_left(self.occurrences, position)
        candidates = ([self.mention_starts[n - 1]] if n else []) + ([self.occurrences[k - 1]] if k else [])
        return max(candidates, default=None)


class SpeakerIndex:
    """The speakers of one article, built as attribution sites are resolved one by one."""

    def __init__(
        self,
        text: str,
        language: Lexicon | None = None,
        *,
        read_to: int | None = None,
        reported: Sequence[Range] = (),
    ) -> None:
        """``read_to``: the end of the part of ``text`` that was read (a text cut at the claim cap); names after it
        are not looked for. ``reported``: the contents of the article's attributions, whose names are what a speaker
        says (as are those in quotation marks): no antecedent for a later pronoun."""
        self.text = text
        self.lexicon = language or lexicon_for(detect(text))
        """The article's language: its pronouns, and whether descriptions can be told from names."""
        self._entities: list[SpeakerEntity] = []
        # The same entities, looked up without a scan of them all (an article can have thousands):
        self._of_kind: dict[SpeakerKind, list[SpeakerEntity]] = {}
        self._named: dict[str, list[SpeakerEntity]] = {}
        """By lower-case name, in the order of creation."""
        self._role_holders: list[SpeakerEntity] = []
        """The entities with a role, in the order of creation."""
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
        self._quotes_and_reported = [*quotes, *reported]
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

    # --- building ------------------------------------------------------------------------------

    def resolve_all(self, sites: Sequence[tuple[Range | None, SpeakerHint | None]]) -> list[SpeakerEntity | None]:
        """The entity of every attribution site (a speaker mention, a model's hint, or both), None for a site with
        neither; the same answer whatever the order of ``sites``.

        Names are resolved first, so that a title or a pronoun before the full name still finds it ('The minister
        said … Defence Minister Khawaja Asif said' is one speaker); then the rest, each group in text order.
        """
        entities: list[SpeakerEntity | None] = [None] * len(sites)
        # A name inside another speaker's description is not what a later pronoun refers to ('Armstrong
        # Williams, Carson’s longtime friend and adviser, … he told the AP'): the mentions join what is said.
        self._not_subjects(self._quotes_and_reported + [mention for mention, _ in sites if mention is not None])
        for n in sorted(range(len(sites)), key=lambda n: self._resolution_order(*sites[n])):
            deadline.check()
            mention, hint = sites[n]
            if hint is not None:
                entities[n] = self.resolve_hint(hint, mention)
            elif mention is not None:
                entities[n] = self.resolve(mention)
        return entities

    def _resolution_order(self, mention: Range | None, hint: SpeakerHint | None) -> tuple[bool, int, int, str]:
        named = hint is not None or self.is_name(mention)
        start, end = mention or (-1, -1)
        return (not named, start, end, hint.name if hint is not None else "")

    def is_name(self, mention: Range | None) -> bool:
        """Whether a mention carries a proper name (resolved before pronouns and titles)."""
        if mention is None:
            return False
        words = self.text[mention[0] : mention[1]].split()
        if len(words) == 1 and words[0].lower() in self.lexicon.pronouns:
            return False
        return parse_titled_name(words)[2] is not None and not is_common_noun_phrase(words)

    def resolve(self, mention: Range) -> SpeakerEntity:
        """The entity a speaker mention refers to, created if new."""
        raw = self.text[mention[0] : mention[1]]
        words = raw.split()
        lowered = raw.lower()
        bare = _CONTRACTION_RE.sub("", lowered) if "’" in lowered or "'" in lowered else lowered  # 'who’d', 'he’ll'
        if bare in self.lexicon.pronouns:
            return self._resolve_pronoun(bare, mention)
        if len(words) == 3 and words[1].lower() == "of" and words[2].lower() in ("whom", "which"):
            return self._resolve_partitive(mention)
        owner = statement_owner(words)
        if owner is not None:
            return self._resolve_name(owner, mention, role=None, affiliation=None)
        role, affiliation, name = parse_titled_name(words)
        if name and not is_common_noun_phrase(words):
            return self._resolve_name(name, mention, role, affiliation)
        if role is not None:
            found = self._by_role(role, mention[0])
            if found is not None:
                found.mention(mention)
                return found
        described = None
        if self.lexicon.reads_descriptions:
            described = described_name(words) or self._apposition_of_a_name(mention)
        if described is not None:
            return self._resolve_name(described[0], mention, described[1], described[2])
        return self._resolve_description(raw, mention)

    def _apposition_of_a_name(self, mention: Range) -> tuple[str, str | None, str | None] | None:
        """'Rachel Berg, a philanthropist from Monsey, …, said': the mention is the apposition of the name before it."""
        description = self.text[mention[0] : mention[1]].split(", ")[0]
        role = apposition_role([description])
        if role is None or description.split()[0].lower() not in ("a", "an"):
            return None
        k = bisect.bisect_right(self._name_ends, mention[0] - 2)
        named = self._names[k - 1] if k else None
        if named is None or self.text[named[1] : mention[0]] != ", ":
            return None
        name = parse_titled_name(named[2].split())[2]
        if name is None or len(name.split()) < 2 or name_kind(name) != "person":
            return None  # 'on Thursday, a Democratic senator said', 'told the Mirror, a hospital spokesman said'
        if name.split()[0] in SENTENCE_STARTERS:
            return None
        return name, role, None

    def resolve_hint(self, hint: SpeakerHint, mention: Range | None) -> SpeakerEntity:
        """The entity an engine named ('Khawaja Asif', 'critics'), with the mention at the attribution site."""
        name = " ".join(hint.name.split())
        if not name:
            return self.resolve(mention) if mention else self._add(SpeakerEntity("unknown", "unnamed"))
        kind = hint.kind or name_kind(name)
        entity: SpeakerEntity | None
        if kind in ("person", "organisation"):
            entity = self._find_name(name)
        else:
            entity = next(iter(self._named.get(name.lower(), ())), None)
        if entity is None:
            first = mention[0] if mention else max(self.text.find(name), 0)
            entity = self._add(SpeakerEntity(name, kind, role=hint.role, affiliation=hint.affiliation, first=first))
        self._give_role(entity, hint.role)
        entity.affiliation = entity.affiliation or hint.affiliation
        if mention is not None:
            entity.mention(mention)
        elif not entity.mentions and (at := _whole_word_at(self.text, name)) is not None:
            entity.mention((at, at + len(name)))  # named by an engine with no mention: where the article names it
        return entity

    def _resolve_pronoun(self, pronoun: str, mention: Range) -> SpeakerEntity:
        wanted = self.lexicon.pronouns[pronoun]
        if wanted == "relative":
            return self._resolve_relative(mention)
        gender = self.lexicon.genders.get(pronoun)
        entity = self._latest(_KINDS_BY_PRONOUN[wanted], mention[0], gender)
        told = self._gender(entity) if entity is not None and gender is not None else None
        if gender is not None and (entity is None or told != gender):
            # The last speaker is of the other gender, or of a gender untold: a person named since then whose
            # gender agrees ('… by communications director Jennifer Palmieri to Podesta … she wrote')
            last = entity.last_before(mention[0]) if entity is not None and told is None else None
            nearer = self._nearest_named(gender, mention[0], after=-1 if last is None else last)
            if nearer is not None:
                return self._resolve_name(nearer, mention, None, None)
        if wanted == "plural":
            group = self._nearest_group_name(mention[0], -1 if entity is None else entity.last_before(mention[0]))
            if group is not None:  # 'As Republicans scrambled …, they proposed …'
                return self._resolve_description(group, mention)
        if entity is None and pronoun in self.lexicon.antecedent_pronouns:
            antecedent = self._nearest_person_name(mention[0])
            if antecedent is not None:
                return self._resolve_name(antecedent, mention, None, None)
        if entity is None:
            raw = self.text[mention[0] : mention[1]]
            name = SUBJECT_FORMS.get(pronoun, pronoun)  # 'his refusal' with no antecedent: 'he'
            name = name.capitalize() if raw[:1].isupper() else name
            entity = self._add(SpeakerEntity(name, "unnamed", first=mention[0]))
        entity.mention(mention)
        return entity

    def _nearest_group_name(self, before: int, after: int | None) -> str | None:
        """A capitalised plural ('Republicans', 'Democrats') in the 200 characters before ``before`` and after
        ``after``, outside what is said: the group a plural pronoun refers to."""
        for n in range(bisect.bisect_right(self._name_ends, before) - 1, -1, -1):
            start, _, name = self._names[n]
            if start < before - 200 or (after is not None and start <= after):
                return None
            if " " not in name and _is_plural_noun(name.lower()) and not self._said(start):
                longer = self._by_last_word.get(name, ())
                surname = any(other != name and name_kind(other) == "person" for other in longer)  # 'Bernie Sanders'
                common = name.lower() not in PLACES and name not in SENTENCE_STARTERS and not name.endswith("ics")
                return name if common and not surname else None  # not 'Sanders', 'Sometimes', 'Economics'
        return None

    def _nearest_person_name(self, before: int, reach: int = 300) -> str | None:
        """The closest full name (two words or more) in the ``reach`` characters before ``before``, if a person's."""
        for n in range(bisect.bisect_right(self._name_ends, before) - 1, -1, -1):
            start, _, name = self._names[n]
            if start < before - reach:
                return None
            if self._said(start):
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

    def _resolve_relative(self, mention: Range) -> SpeakerEntity:
        """'Collins, who …', 'the AP, which …': the phrase before the comma ('who' a person's, 'which' not)."""
        who = self.text[mention[0] : mention[1]].lower().startswith("who")
        before = self.text[max(0, mention[0] - 80) : mention[0]].rstrip().rstrip(",").rstrip()
        first, last = (
            bisect.bisect_left(self._name_ends, mention[0] - 80),
            bisect.bisect_right(self._name_ends, mention[0]),
        )
        names = self._names[first:last]
        if names and self.text[names[-1][1] : mention[0]].strip(" ,’'s") == "":
            name = names[-1][2]
            person = self._nearest_person_name(mention[0], reach=80) if who and name_kind(name) != "person" else None
            if person is not None:
                return self._resolve_name(person, mention, None, None)  # 'John Bentel, a staffer at the State
                # Department who told …'
            if not (who and name.lower() in PLACES) and name.lower() not in CALENDAR_WORDS:
                return self._resolve_name(name, mention, None, None)  # not 'from Englewood, New Jersey, who'
        noun = before.split()[-1] if before else ""
        if _is_plural_noun(noun) or noun in GROUP_NOUNS:  # 'idealists who wanted …', 'bankers who concluded …'
            return self._resolve_description(noun, mention)
        if not who and noun.isupper() and len(noun) > 1:
            return self._resolve_name(noun, mention, None, None)  # 'the AP, which first reported'
        entity = self._latest(("person", "group", "organisation") if who else ("organisation", "group"), mention[0])
        if entity is None:
            entity = self._add(SpeakerEntity(noun or "who", "unnamed", first=mention[0]))
        entity.mention(mention)
        return entity

    def _resolve_partitive(self, mention: Range) -> SpeakerEntity:
        """'only two Democrats, both of whom …': the phrase before the comma, from the clause's last comma."""
        before = self.text[max(0, mention[0] - 120) : mention[0]].rstrip().rstrip(",")
        phrase = re.split(r"[,;:.!?]\s", before)[-1].strip()
        if not phrase or len(phrase.split()) > 5:
            phrase = self.text[mention[0] : mention[1]]  # a clause, not a noun phrase: 'many of whom' stays so
        return self._resolve_description(phrase, mention)

    def _resolve_name(self, name: str, mention: Range, role: str | None, affiliation: str | None) -> SpeakerEntity:
        entity = self._find_name(name)
        if entity is None:
            kind = name_kind(name)
            full = self._fullest_form(name) if kind == "person" else name
            entity = self._find_name(full) or self._add(SpeakerEntity(full, kind, first=mention[0]))
        if len(name) > len(entity.name) and entity.kind == "person" and len(name.split()) <= 4:
            entity.variants.add(entity.name)
            self._rename(entity, name)
        entity.variants.add(name)
        self._give_role(entity, role)
        entity.affiliation = entity.affiliation or affiliation
        entity.mention(mention)
        return entity

    def _resolve_description(self, raw: str, mention: Range) -> SpeakerEntity:
        raw = raw.split(", ")[0]  # 'The man, who sustained cuts', 'Several fact checkers, including …': the head
        words = [w for w in re.findall(r"[\w’'\-]+", raw.lower())]
        # 'The teacher' is capitalised because it opens the sentence, not because it is a name
        cased = raw[:1].lower() + raw[1:] if words and words[0] in OPENING_DETERMINERS else raw
        head = words[-1] if words else raw.lower()
        # 'the second official', 'the other aide' is someone else than the one named or met before
        definite = bool(words) and words[0] in {"the", "this", "that"} and not ORDINALS & set(words)
        if definite and (head in PERSON_DESCRIPTIONS or head in TITLE_WORDS):
            holder = self._by_role(head, mention[0])
            named = self._named_with_role(head, mention[0]) if holder is None else None
            if named is not None:
                return self._resolve_name(named, mention, None, None)  # 'Democratic nominee Hillary Clinton'
            found = holder or self._latest(("person",), mention[0])
            if found is not None:
                found.mention(mention)
                return found
        elif definite and head.islower() and holds_a_role(head):  # (its titles are the branch above)
            named = self._named_with_role(head, mention[0], earlier_only=True)
            if named is not None:
                return self._resolve_name(named, mention, None, None)  # 'campaign manager Barry Bennett'
        kind: SpeakerKind
        indefinite = bool(words) and words[0] in {"a", "an", "one", "another"}
        if indefinite and head not in GROUP_NOUNS:
            kind = "unnamed"
        elif any(w in GROUP_NOUNS for w in words) or (
            head.endswith("s") and not head.endswith("ss") and cased.islower()
        ):
            kind = "group"
        elif head in ORGANISATION_WORDS or not cased.islower():
            kind = "organisation"
        else:
            kind = "unnamed"
        name = (
            re.sub(r"^(?:the|these|those)\s+", "", raw.strip(), flags=re.IGNORECASE) if kind == "group" else raw.strip()
        )
        role = re.sub(r"^(?:a|an|one|another)\s+", "", raw.strip(), flags=re.IGNORECASE) if kind == "unnamed" else None
        entity = next((e for e in self._named.get(name.lower(), ()) if e.kind == kind), None)
        if entity is None:
            entity = self._add(SpeakerEntity(name, kind, role=role if role != name else None, first=mention[0]))
        entity.mention(mention)
        return entity

    # --- lookup --------------------------------------------------------------------------------

    def _add(self, entity: SpeakerEntity) -> SpeakerEntity:
        entity.variants.add(entity.name)
        entity.number = len(self._entities)
        self._entities.append(entity)
        self._of_kind.setdefault(entity.kind, []).append(entity)
        self._named.setdefault(entity.name.lower(), []).append(entity)
        if entity.role:
            self._role_holders.append(entity)
        if entity.kind in ("person", "organisation"):
            self._index_occurrences(entity)
        return entity

    def _index_occurrences(self, entity: SpeakerEntity) -> None:
        surname = entity.name.split()[-1]
        for name in self._names_ending_like([surname]):
            if name == surname or name.endswith(" " + surname) or (" " in name and same_name(name, entity.name)):
                entity.named_at.extend(self._positions[name])
        entity.named_at.sort()
        entity.occurrences = [p for p in entity.named_at if not self._said(p)]

    def _quoted(self, position: int) -> bool:
        """Whether ``position`` is inside a quotation: a name a speaker says is no antecedent for the narrator's
        'he' ('“Dr. Carson is back in charge,” he told the AP')."""
        k = bisect.bisect_right(self._quote_starts, position) - 1
        return k >= 0 and position < self._quote_ends[k]

    def _not_subjects(self, ranges: list[Range]) -> None:
        """Take ``ranges`` as the places whose names are no antecedents (``_said``)."""
        said = _merged(sorted(ranges))
        self._said_starts = [start for start, _ in said]
        self._said_ends = [end for _, end in said]

    def _said(self, position: int) -> bool:
        """Whether ``position`` is inside a quotation or the reported content of an attribution: 'Bennett denied …,
        explaining that he was unaware of Carson’s interview … He pointed to …' (he is Bennett)."""
        if self._said_starts is None:
            self._not_subjects(self._quotes_and_reported)
        k = bisect.bisect_right(self._said_starts or [], position) - 1
        return k >= 0 and position < self._said_ends[k]

    def _of_kinds(self, kinds: tuple[SpeakerKind, ...]) -> list[SpeakerEntity]:
        """The entities of these kinds, in the order of creation."""
        found = [entity for kind in kinds for entity in self._of_kind.get(kind, ())]
        return sorted(found, key=lambda e: e.number) if len(kinds) > 1 else found

    def _give_role(self, entity: SpeakerEntity, role: str | None) -> None:
        if entity.role or not role:
            return
        entity.role = role
        bisect.insort(self._role_holders, entity, key=lambda e: e.number)

    def _rename(self, entity: SpeakerEntity, name: str) -> None:
        same = self._named[entity.name.lower()]
        del same[next(n for n, e in enumerate(same) if e is entity)]
        entity.name = name
        bisect.insort(self._named.setdefault(name.lower(), []), entity, key=lambda e: e.number)

    def _names_ending_like(self, words: list[str]) -> list[str]:
        """The names whose last word is one of ``words`` or spelt like it: the only ones ``same_name`` can match."""
        last_words: set[str] = set()
        for word in words:
            if word not in self._spelt_like:  # asked again for each speaker's mentions
                found = process.extract(word, self._last_words, scorer=fuzz.ratio, score_cutoff=SAME_WORD, limit=None)
                self._spelt_like[word] = [choice for choice, _, _ in found]
            last_words.update(self._spelt_like[word])
        return [name for word in last_words for name in self._by_last_word[word]]

    def _find_name(self, name: str) -> SpeakerEntity | None:
        for entity in self._of_kinds(("person", "organisation")):
            if name in entity.variants or any(same_name(name, v) for v in entity.variants):
                return entity
        people = self._of_kind.get("person", ())
        surname_matches = [e for e in people if e.name.split()[-1] == name]
        if surname_matches:
            return surname_matches[-1]
        if " " not in name and not name.isupper():  # 'Chris Anderson said … Chris said': a first name, when
            # one person of two or three words bears it ('BCBS' is an acronym, not a first name)
            first_name_matches = [e for e in people if 2 <= len(e.name.split()) <= 3 and e.name.split()[0] == name]
            return first_name_matches[0] if len(first_name_matches) == 1 else None
        return None

    def _fullest_form(self, name: str) -> str:
        """The longest name in the article that ends with ``name`` ('Asif' → 'Khawaja Asif')."""
        if " " in name:
            return name
        longer = [n for n in self._by_last_word.get(name, ()) if n.endswith(" " + name) and len(n.split()) <= 3]
        counts: dict[str, int] = {}  # in the order of first occurrence, so that ties go to the earliest
        for longer_name in sorted(longer, key=lambda n: self._positions[n][0]):
            bare = without_titles(longer_name)
            if bare.endswith(" " + name) and bare.split()[0] not in SENTENCE_STARTERS:
                counts[bare] = counts.get(bare, 0) + len(self._positions[longer_name])
        return max(counts, key=lambda n: (counts[n], len(n)), default=name)

    def _latest(self, kinds: tuple[SpeakerKind, ...], before: int, gender: str | None = None) -> SpeakerEntity | None:
        """The entity of these kinds named or mentioned last before ``before``; of ``gender`` or of a gender the
        article does not tell, when one is given."""
        named: list[tuple[int, SpeakerEntity]] = []
        for entity in self._of_kinds(kinds):
            last = entity.last_before(before)
            if last is not None:
                named.append((last, entity))
        best = max(named, key=lambda pair: pair[0], default=None)  # of two at one place, the first created
        if best is None or gender is None or self._gender(best[1]) in (gender, None):
            return best[1] if best else None
        # The last one named is of the other gender: the last one of this gender, else the last one whose name is
        # a full name of untold gender (a single capitalised word is too often a place, a show or a month).
        named.sort(key=lambda pair: -pair[0])
        agreeing = [e for _, e in named if self._gender(e) == gender]
        untold = [e for _, e in named if self._gender(e) is None and len(e.name.split()) >= 2]
        return (agreeing or untold or [best[1]])[0]

    def _gender(self, entity: SpeakerEntity) -> str | None:
        """The gender the article tells for a person (its role noun, a title or pronoun beside its name), else the
        gender nearly everyone with its first name has."""
        if len(entity.named_at) == entity.gender[0]:
            return entity.gender[1]
        told = [self.lexicon.genders.get(word, "") for word in (entity.role or "").lower().split()]
        gender = _majority(told + self._genders_at(entity.named_at))
        if gender is None and entity.kind == "person":
            gender = self._first_name_gender(entity.name)
        entity.gender = (len(entity.named_at), gender)
        return gender

    def _first_name_gender(self, name: str) -> str | None:
        """The gender of the first name before a surname ('Hillary Rodham Clinton', 'FBI Director James B. Comey');
        of a surname alone, of the fuller names the article gives it ('Comey'); None when untold or both."""
        if " " not in name:
            fuller = [n for n in self._by_last_word.get(name, ()) if n.endswith(" " + name)]
            return _majority([self._first_name_gender(n) or "" for n in fuller])
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

    def _nearest_named(self, gender: str, before: int, after: int = -1) -> str | None:
        """The last person's name in the 600 characters before ``before`` (and after ``after``) whose title (else
        its first name) tells its gender as ``gender``: 'Mrs. Clinton sees … she said'. (A pronoun after a word is
        no evidence here: 'They said he', 'on Tuesday said he'.)"""
        for n in range(bisect.bisect_right(self._name_ends, before) - 1, -1, -1):
            start, _, name = self._names[n]
            if start < before - 600 or start <= after:
                return None
            if name not in self._title_genders:
                bare = parse_titled_name(name.split())[2]
                person = bare is not None and name.lower() not in self.lexicon.pronouns and name_kind(bare) == "person"
                told = _majority(self._genders_at(self._positions[name], titles_only=True)) if person else None
                if person and told is None and bare is not None and " " in bare:
                    told = self._first_name_gender(bare)
                self._title_genders[name] = (bare, told)
            bare, told = self._title_genders[name]
            if told == gender:
                return bare
        return None

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

    def _named_with_role(self, role: str, before: int, *, earlier_only: bool = False) -> str | None:
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

    def _by_role(self, role: str, before: int) -> SpeakerEntity | None:
        role_words = {w.lower() for w in role.split()} - {"the", "former"}
        matches = [e for e in self._role_holders if e.role and role_words & {w.lower() for w in e.role.split()}]
        earlier = [e for e in matches if e.first < before]
        return (earlier or matches)[-1] if matches else None

    # --- output --------------------------------------------------------------------------------

    def speakers(self, used: list[SpeakerEntity]) -> tuple[list[Speaker], dict[int, str]]:
        """Speaker records for the entities in ``used`` (ids in order of first mention)."""
        unique = list({id(e): e for e in used}.values())
        ranges = {id(e): self._mention_ranges(e) for e in unique}
        order = sorted(unique, key=lambda e: min(ranges[id(e)], default=(e.first, 0)))
        ids: dict[int, str] = {}
        records = []
        for n, entity in enumerate(order, start=1):
            ids[id(entity)] = f"s{n}"
            self._fill_role(entity)
            record = {
                "id": f"s{n}",
                "name": entity.name,
                "role": entity.role,
                "affiliation": entity.affiliation,
                "kind": entity.kind,
                "mentions": [span_fields(self.text, a, b) for a, b in ranges[id(entity)]],
            }
            records.append(Speaker.model_validate(record))
        return records, ids

    def _mention_ranges(self, entity: SpeakerEntity) -> list[Range]:
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

    def _fill_role(self, entity: SpeakerEntity) -> None:
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
