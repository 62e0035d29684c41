"""The speakers of one article: speaker mentions resolved to entities (names, surnames, titles, pronouns,
descriptions), spelling variants merged, and ``Speaker`` records with every mention.

Shared by every engine: an engine gives mention offsets; ``SpeakerIndex.resolve_all`` turns them into entities.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import Final

from .. import deadline
from ..engines.candidate import SpeakerHint
from ..lang import Lexicon, lexicon_for
from ..lang.en.grammar import DEFINITE_DETERMINERS, INDEFINITE_ARTICLES, INDEFINITE_DETERMINERS, PARTITIVE_RELATIVES
from ..lang.en.names import (
    BUSINESS_NOUNS,
    CALENDAR_WORDS,
    FUNCTION_WORDS,
    GROUP_NOUNS,
    NEWS_WORDS,
    OPENING_DETERMINERS,
    ORDINALS,
    ORGANISATION_WORDS,
    PERSON_DESCRIPTIONS,
    PLACES,
    ROLE_NOISE,
    SENTENCE_STARTERS,
    STATEMENT_NOUNS,
    SUBJECT_FORMS,
    TITLE_WORDS,
    holds_a_role,
    is_city,
)
from ..records import Speaker, SpeakerKind, span_fields
from ..text.language import detect
from .entity import SpeakerEntity
from .names import (
    Range,
    apposition_role,
    described_name,
    is_common_noun_phrase,
    name_kind,
    parse_titled_name,
    same_name,
    statement_owner,
)
from .occurrences import NameOccurrences, is_plural_noun

__all__ = ["SpeakerEntity", "SpeakerIndex"]


def _whole_word_at(text: str, words: str) -> int | None:
    found = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text)
    return found.start() if found else None


_CONTRACTION_RE: Final = re.compile(r"[’'](?:d|ll|s|ve|re)$")

_DESCRIBED: Final[dict[SpeakerKind, str]] = {
    "group": "a group",
    "organisation": "an organisation",
    "unnamed": "someone unnamed",
    "person": "a person",
}


def _same_role(wanted: set[str], role: str) -> bool:
    """Whether a role ('Police Chief') is the one a description asks for: they share a word, and neither holds a
    word of its own that the other lacks ('the fire chief' is not the police chief; 'the chief' may be)."""
    held = {w.lower() for w in role.split()} - ROLE_NOISE
    return bool(wanted & held) and (wanted <= held or held <= wanted)


def _may_be_a_name(word: str) -> bool:
    """A capitalised word alone that may name someone: not a sentence's opening word ('Many', 'Besides') or a day."""
    return word not in SENTENCE_STARTERS and word.lower() not in CALENDAR_WORDS


def _a_speaker_noun(head: str) -> bool:
    """Whether a description's last word can name someone who speaks ('spokesman', 'officials'), not a thing or
    an action ('op-eds', 'released', 'running a TV spot')."""
    return head in PERSON_DESCRIPTIONS or head in TITLE_WORDS or holds_a_role(head) or head in GROUP_NOUNS


_KINDS_BY_PRONOUN: Final[dict[str, tuple[SpeakerKind, ...]]] = {
    "person": ("person",),
    "plural": ("group", "organisation"),
    "thing": ("organisation",),
}


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
        self._places = NameOccurrences(text, self.lexicon, read_to=read_to, reported=reported)
        self._entities: list[SpeakerEntity] = []
        # The same entities, looked up without a scan of them all (an article can have thousands):
        self._of_kind: dict[SpeakerKind, list[SpeakerEntity]] = {}
        self._named: dict[str, list[SpeakerEntity]] = {}
        """By lower-case name, in the order of creation."""
        self._role_holders: list[SpeakerEntity] = []
        """The entities with a role, in the order of creation."""
        self._way = ""
        """How the last mention was resolved ('pronoun, last speaker', 'description, latest person', …)."""
        self._ways: dict[Range, str] = {}

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
        self._places.not_subjects(
            self._places.quotes_and_reported + [mention for mention, _ in sites if mention is not None]
        )
        for n in sorted(range(len(sites)), key=lambda n: self._resolution_order(*sites[n])):
            deadline.check()
            mention, hint = sites[n]
            self._way = ""
            if hint is not None:
                entities[n] = self.resolve_hint(hint, mention)
            elif mention is not None:
                entities[n] = self.resolve(mention)
            if mention is not None and self._way:
                self._ways[mention] = self._way
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
        if len(words) == 1 and (words[0].lower() in self.lexicon.pronouns or not _may_be_a_name(words[0])):
            return False
        return parse_titled_name(words)[2] is not None and not is_common_noun_phrase(words)

    def way(self, mention: Range | None, entity: SpeakerEntity | None) -> str:
        """How a mention was resolved, by which the precision of a speaker is measured: 'name', 'pronoun, last
        speaker', 'description, latest person', 'relative, name before', … ('none' for no mention); a pronoun or
        relative 'unresolved' when the entity is no one the article names."""
        if mention is None or entity is None:
            return "none"
        way = self._ways.get(mention, "hint")
        if entity.kind == "unnamed" and way.startswith(("pronoun", "relative")):
            return f"{way.split(',')[0]}, unresolved"
        return way

    def resolve(self, mention: Range) -> SpeakerEntity:
        """The entity a speaker mention refers to, created if new."""
        raw = self.text[mention[0] : mention[1]]
        words = raw.split()
        lowered = raw.lower()
        bare = _CONTRACTION_RE.sub("", lowered) if "’" in lowered or "'" in lowered else lowered  # 'who’d', 'he’ll'
        if bare in self.lexicon.pronouns:
            return self._resolve_pronoun(bare, mention)
        if len(words) == 3 and words[1].lower() == "of" and words[2].lower() in PARTITIVE_RELATIVES:
            return self._resolve_partitive(mention)
        owner = statement_owner(words)
        self._way = "name"
        if owner is not None:
            return self._resolve_name(owner, mention, role=None, affiliation=None)
        role, affiliation, name = parse_titled_name(words)
        if name and not is_common_noun_phrase(words) and (len(words) > 1 or _may_be_a_name(name)):
            return self._resolve_name(name, mention, role, affiliation)
        if role is not None:
            found = self._by_role(role, mention[0])
            if found is not None:
                found.mention(mention)
                self._way = "title, its holder"
                return found
        described = None
        if self.lexicon.reads_descriptions:
            described = described_name(words) or self._apposition_of_a_name(mention)
        if described is not None and (" " in described[0] or _may_be_a_name(described[0])):
            entity = self._resolve_name(described[0], mention, described[1], described[2])
            self._way = "name in a description"
            return entity
        return self._resolve_description(raw, mention)

    def _apposition_of_a_name(self, mention: Range) -> tuple[str, str | None, str | None] | None:
        """'Rachel Berg, a philanthropist from Monsey, …, said': the mention is the apposition of the name before it."""
        description = self.text[mention[0] : mention[1]].split(", ")[0]
        role = apposition_role([description])
        if role is None or description.split()[0].lower() not in INDEFINITE_ARTICLES:
            return None
        named = self._places.last_name_ending_by(mention[0] - 2)
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
        self._way = "hint"
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
        told = self._places.gender(entity) if entity is not None and gender is not None else None
        if gender is not None and entity is not None and told == gender:
            # A person of its gender who opens a sentence since the last speaker: the subject the story moved to
            since = entity.last_before(mention[0])
            subject = self._places.nearest_named(gender, mention[0], after=-1 if since is None else since, subject=True)
            if subject is not None and self._find_name(subject, gender) is not entity:
                found = self._resolve_name(subject, mention, None, None)
                self._way = "pronoun, subject named since"
                return found
        if gender is not None and (entity is None or told != gender):
            # The last speaker is of the other gender, or of a gender untold: a person named since then whose
            # gender agrees ('… by communications director Jennifer Palmieri to Podesta … she wrote')
            last = entity.last_before(mention[0]) if entity is not None and told is None else None
            nearer = self._places.nearest_named(gender, mention[0], after=-1 if last is None else last)
            if nearer is not None:
                entity = self._resolve_name(nearer, mention, None, None)
                self._way = "pronoun, nearer name of its gender"
                return entity
        if wanted == "plural":
            group = self._places.nearest_group_name(
                mention[0], -1 if entity is None else entity.last_before(mention[0])
            )
            if group is not None:  # 'As Republicans scrambled …, they proposed …'
                entity = self._resolve_description(group, mention)
                self._way = "pronoun, group named before"
                return entity
        if entity is None and pronoun in self.lexicon.antecedent_pronouns:
            antecedent = self._places.nearest_person_name(mention[0])
            if antecedent is not None:
                entity = self._resolve_name(antecedent, mention, None, None)
                self._way = "pronoun, name before"
                return entity
        if entity is None:
            self._way = "pronoun"
            raw = self.text[mention[0] : mention[1]]
            name = SUBJECT_FORMS.get(pronoun, pronoun)  # 'his refusal' with no antecedent: 'he'
            name = name.capitalize() if raw[:1].isupper() else name
            entity = self._add(SpeakerEntity(name, "unnamed", first=mention[0]))
        elif gender is None:
            self._way = "pronoun, last speaker"
        else:
            self._way = (
                "pronoun, last speaker of its gender" if told == gender else "pronoun, last speaker of no told gender"
            )
        entity.mention(mention)
        return entity

    def _resolve_relative(self, mention: Range) -> SpeakerEntity:
        """'Collins, who …', 'the AP, which …': the phrase before the comma ('who' a person's, 'which' not)."""
        who = self.text[mention[0] : mention[1]].lower().startswith("who")
        before = self.text[max(0, mention[0] - 80) : mention[0]].rstrip().rstrip(",").rstrip()
        names = self._places.names_ending_within(mention[0] - 80, mention[0])
        if names and self.text[names[-1][1] : mention[0]].strip(" ,’'s") == "":
            name = names[-1][2]
            person = (
                self._places.nearest_person_name(mention[0], reach=80) if who and name_kind(name) != "person" else None
            )
            self._way = "relative, name before"
            if person is not None:
                return self._resolve_name(person, mention, None, None)  # 'John Bentel, a staffer at the State
                # Department who told …'
            if not (who and name.lower() in PLACES) and name.lower() not in CALENDAR_WORDS:
                return self._resolve_name(name, mention, None, None)  # not 'from Englewood, New Jersey, who'
        noun = before.split()[-1] if before else ""
        if is_plural_noun(noun) or noun in GROUP_NOUNS:  # 'idealists who wanted …', 'bankers who concluded …'
            group = self._resolve_description(noun, mention)
            self._way = "relative, plural before"
            return group
        if not who and noun.isupper() and len(noun) > 1:
            self._way = "relative, name before"
            return self._resolve_name(noun, mention, None, None)  # 'the AP, which first reported'
        entity = self._latest(("person", "group", "organisation") if who else ("organisation", "group"), mention[0])
        self._way = "relative, latest speaker"
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
        entity = self._resolve_description(phrase, mention)
        self._way = "partitive"
        return entity

    def _resolve_name(self, name: str, mention: Range, role: str | None, affiliation: str | None) -> SpeakerEntity:
        title = (role or "").lower().rstrip(".")
        gender = self.lexicon.genders.get(title) if title in self.lexicon.gender_titles else None
        entity = self._find_name(name, gender)
        if entity is None:
            kind = name_kind(name)
            full = self._places.fullest_form(name) if kind == "person" else name
            entity = self._find_name(full, gender) or self._add(SpeakerEntity(full, kind, first=mention[0]))
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
        definite = bool(words) and words[0] in DEFINITE_DETERMINERS and not ORDINALS & set(words)
        if definite and (head in PERSON_DESCRIPTIONS or head in TITLE_WORDS):
            holder = self._by_role(head, mention[0])
            named = self._places.named_with_role(head, mention[0]) if holder is None else None
            if named is not None:
                self._way = "description, named with its role"
                return self._resolve_name(named, mention, None, None)  # 'Democratic nominee Hillary Clinton'
            found = holder or self._latest(("person",), mention[0])
            if found is not None:
                self._way = "description, role holder" if holder else "description, latest person"
                found.mention(mention)
                return found
        elif definite and head in ORGANISATION_WORDS and head not in STATEMENT_NOUNS and len(words) <= 3:
            found = self._latest_organisation(words, mention[0])  # 'Northwind Records … But the company says'
            if found is not None and found.name.lower() != raw.lower():
                self._way = "description, latest organisation"
                found.mention(mention)
                return found
        elif definite and head.islower() and holds_a_role(head):  # (its titles are the branch above)
            named = self._places.named_with_role(head, mention[0], earlier_only=True)
            if named is not None:
                self._way = "description, named with its role"
                return self._resolve_name(named, mention, None, None)  # 'campaign manager Barry Bennett'
        kind: SpeakerKind
        indefinite = bool(words) and words[0] in INDEFINITE_DETERMINERS
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
        self._way = (
            f"description, {_DESCRIBED[kind] if kind != 'unnamed' or _a_speaker_noun(head) else 'no speaker noun'}"
        )
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
            self._places.index_occurrences(entity)
        return entity

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

    def _find_name(self, name: str, gender: str | None = None) -> SpeakerEntity | None:
        """The entity that bears ``name`` or a spelling of it, else the person of that surname (of ``gender`` when
        a title tells it: 'Mr. Netanyahu' is not Sara Netanyahu), else of that first name."""
        for entity in self._of_kinds(("person", "organisation")):
            agrees = gender is None or self._places.gender(entity) in (gender, None)
            if agrees and (name in entity.variants or any(same_name(name, v) for v in entity.variants)):
                return entity
        people = self._of_kind.get("person", ())
        surname_matches = [e for e in people if e.name.split()[-1] == name]
        if gender is not None:
            surname_matches = [e for e in surname_matches if self._places.gender(e) in (gender, None)]
        if surname_matches:
            return surname_matches[-1]
        if " " not in name and (name.lower() in NEWS_WORDS or name.lower() not in ORGANISATION_WORDS):
            # 'The Washington Post reported … the Post said': one organisation whose name ends with it
            ending = [e for e in self._of_kind.get("organisation", ()) if e.name.split()[-1] == name]
            if len(ending) == 1:
                return ending[0]
        if " " not in name and not name.isupper():  # 'Chris Anderson said … Chris said': a first name, when
            # one person of two or three words bears it ('BCBS' is an acronym, not a first name)
            first_name_matches = [e for e in people if 2 <= len(e.name.split()) <= 3 and e.name.split()[0] == name]
            return first_name_matches[0] if len(first_name_matches) == 1 else None
        return None

    def _latest(self, kinds: tuple[SpeakerKind, ...], before: int, gender: str | None = None) -> SpeakerEntity | None:
        """The entity of these kinds named or mentioned last before ``before``; of ``gender`` or of a gender the
        article does not tell, when one is given."""
        named: list[tuple[int, SpeakerEntity]] = []
        for entity in self._of_kinds(kinds):
            if gender is not None and self._a_city(entity):
                continue  # '… families in Orlando. He said': a place is no 'he'
            last = entity.last_before(before)
            if last is not None:
                named.append((last, entity))
        best = max(named, key=lambda pair: pair[0], default=None)  # of two at one place, the first created
        if best is None or gender is None or self._places.gender(best[1]) in (gender, None):
            return best[1] if best else None
        # The last one named is of the other gender: the last one of this gender, else the last one whose name is
        # a full name of untold gender (a single capitalised word is too often a place, a show or a month).
        named.sort(key=lambda pair: -pair[0])
        agreeing = [e for _, e in named if self._places.gender(e) == gender]
        untold = [e for _, e in named if self._places.gender(e) is None and len(e.name.split()) >= 2]
        return (agreeing or untold or [best[1]])[0]

    def _a_city(self, entity: SpeakerEntity) -> bool:
        """A one-word 'person' the article gives no gender, which names a city ('Orlando')."""
        return " " not in entity.name and is_city(entity.name) and self._places.gender(entity) is None

    def _latest_organisation(self, words: list[str], before: int) -> SpeakerEntity | None:
        """The organisation named last before ``before`` that a definite description fits: its words other than the
        head stand in the name ('the police department' is no fire department), and a company is no news outlet."""
        head, own = words[-1], set(words[1:-1]) - FUNCTION_WORDS
        for entity in sorted(self._of_kind.get("organisation", ()), key=lambda e: -(e.last_before(before) or -1)):
            if entity.last_before(before) is None:
                continue
            name = set(entity.name.lower().split())
            if own <= name and not (head in BUSINESS_NOUNS and name & NEWS_WORDS):
                return entity
        return None

    def _by_role(self, role: str, before: int) -> SpeakerEntity | None:
        role_words = {w.lower() for w in role.split()} - ROLE_NOISE
        matches = [e for e in self._role_holders if e.role and _same_role(role_words, e.role)]
        earlier = [e for e in matches if e.first < before]
        return (earlier or matches)[-1] if matches else None

    # --- output --------------------------------------------------------------------------------

    # --- output --------------------------------------------------------------------------------

    def speakers(self, used: list[SpeakerEntity]) -> tuple[list[Speaker], dict[int, str]]:
        """Speaker records for the entities in ``used`` (ids in order of first mention)."""
        unique = list({id(e): e for e in used}.values())
        ranges = {id(e): self._places.mention_ranges(e) for e in unique}
        order = sorted(unique, key=lambda e: min(ranges[id(e)], default=(e.first, 0)))
        ids: dict[int, str] = {}
        records = []
        for n, entity in enumerate(order, start=1):
            ids[id(entity)] = f"s{n}"
            self._places.fill_role(entity)
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
