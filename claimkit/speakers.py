"""Who is speaking: classify speaker mentions, resolve pronouns, surnames and titles, merge variants.

Shared by every engine: an engine gives mention offsets; this module turns them into ``Speaker``
records with the fullest name the article gives, a role and an affiliation, and every mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from .engines.candidate import SpeakerHint
from .engines.embedded import german
from .lang.en.cues import GROUP_NOUNS, ORGANISATION_WORDS, PLACES, PRONOUNS, TITLE_WORDS
from .records import Span, Speaker, SpeakerKind

__all__ = ["SpeakerEntity", "SpeakerIndex", "same_name"]

Range = tuple[int, int]

_NAME_PARTICLE_WORDS = ("de", "van", "von", "bin", "al", "da")  # 'Lula da Silva', 'Osama bin Laden'
_NAME_PARTICLES = frozenset(_NAME_PARTICLE_WORDS)
# A capital first, then the look-behind (no letter or apostrophe before it): the engine jumps from capital to capital.
_NAME_RE = re.compile(
    r"[A-Z](?<![\w’'][A-Z])(?:[\w’'\-]*[a-z][\w’'\-]*|\.)"
    r"(?:\s(?:[A-Z][\w’'\-]*[a-z][\w’'\-]*|[A-Z]\.|" + "|".join(_NAME_PARTICLE_WORDS) + "))*"
)
_POSSESSIVE_RE = re.compile(r"[’']s?$")
_STATEMENT_NOUNS = frozenset(
    """statement statements remarks remark comments comment words tweet tweets letter admission post op-ed
    speech""".split()
)
_FUNCTION_WORDS = frozenset(
    """the a an this that these those some many most several other others one two three his her their its""".split()
)
_SENTENCE_STARTERS = frozenset(
    """The A An In On At For But And However After Before When While Since As If This That These Those It
    He She They We I His Her Their Its Our Despite Although Though Whether Meanwhile Still Yet Now Then
    So Also Many Some Most Both Even Only According Asked Earlier Later Last Next Mr Mrs Ms""".split()
)
_PERSON_DESCRIPTIONS = frozenset(
    """minister president senator governor candidate businessman billionaire mogul spokesman spokeswoman
    leader""".split()
)


_KINDS_BY_PRONOUN: dict[str, tuple[SpeakerKind, ...]] = {
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


_OPENING_DETERMINERS = frozenset(
    "the a an this that these those his her their its our one another several many some most few both all".split()
)
"""Words that open a description ('The teacher', 'a Tinder spokeswoman') and are no part of a name or a role."""
_ENGLISH_PERSONAL = frozenset("he she him her his".split())
_LEADING_ARTICLES = frozenset("the der die das".split())
_SUBJECT_FORMS = {"him": "he", "her": "she", "his": "he", "them": "they", "their": "they", "its": "it"}


class SpeakerIndex:
    """The speakers of one article, built as attribution sites are resolved one by one."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._entities: list[SpeakerEntity] = []
        self._names = [(m.start(), m.end(), _strip_possessive(m.group())) for m in _NAME_RE.finditer(text)]
        self._occurrences: list[tuple[int, SpeakerEntity]] = []
        self._is_german: bool | None = None
        self._positions: dict[str, list[int]] = {}
        """Where each capitalised name stands in the text."""
        for start, _, name in self._names:
            self._positions.setdefault(name, []).append(start)
        self._by_last_word: dict[str, list[str]] = {}
        """The distinct names by their last word: spelling variants are looked up among a few words, not every name."""
        for name in self._positions:
            self._by_last_word.setdefault(name.split()[-1], []).append(name)
        self._last_words = list(self._by_last_word)

    # --- building ------------------------------------------------------------------------------

    def is_name(self, mention: Range | None) -> bool:
        """Whether a mention carries a proper name (resolved before pronouns and titles)."""
        if mention is None:
            return False
        words = self.text[mention[0] : mention[1]].split()
        if len(words) == 1 and words[0].lower() in PRONOUNS:
            return False
        return _parse_titled_name(words)[2] is not None and not _is_common_noun_phrase(words)

    def resolve(self, mention: Range) -> SpeakerEntity:
        """The entity a speaker mention refers to, created if new."""
        raw = self.text[mention[0] : mention[1]]
        words = raw.split()
        lowered = raw.lower()
        if lowered in PRONOUNS:
            return self._resolve_pronoun(lowered, mention)
        owner = _statement_owner(words)
        if owner is not None:
            return self._resolve_name(owner, mention, role=None, affiliation=None)
        role, affiliation, name = _parse_titled_name(words)
        if name and not _is_common_noun_phrase(words):
            return self._resolve_name(name, mention, role, affiliation)
        if role is not None:
            found = self._by_role(role, mention[0])
            if found is not None:
                found.mentions.add(mention)
                return found
        described = None if self._german() else _described_name(words) or self._apposition_of_a_name(mention)
        if described is not None:
            return self._resolve_name(described[0], mention, described[1], described[2])
        return self._resolve_description(raw, mention)

    def _apposition_of_a_name(self, mention: Range) -> tuple[str, str | None, str | None] | None:
        """'Rachel Berg, a philanthropist from Monsey, …, said': the mention is the apposition of the name before it."""
        description = self.text[mention[0] : mention[1]].split(", ")[0]
        role = _apposition_role([description])
        if role is None or description.split()[0].lower() not in ("a", "an"):
            return None
        named = next((n for n in reversed(self._names) if n[1] <= mention[0] - 2), None)
        if named is None or self.text[named[1] : mention[0]] != ", ":
            return None
        name = _parse_titled_name(named[2].split())[2]
        if name is None or len(name.split()) < 2 or _name_kind(name) != "person":
            return None  # 'on Thursday, a Democratic senator said', 'told the Mirror, a hospital spokesman said'
        if name.split()[0] in _SENTENCE_STARTERS:
            return None
        return name, role, None

    def _german(self) -> bool:
        """Whether the article is German, where every noun is capitalised and a name is harder to tell."""
        if self._is_german is None:
            self._is_german = german.is_german(self.text)
        return self._is_german

    def resolve_hint(self, hint: SpeakerHint, mention: Range | None) -> SpeakerEntity:
        """The entity an engine named ('Khawaja Asif', 'critics'), with the mention at the attribution site."""
        name = " ".join(hint.name.split())
        if not name:
            return self.resolve(mention) if mention else self._add(SpeakerEntity("unknown", "unnamed"))
        kind = hint.kind or _name_kind(name)
        entity: SpeakerEntity | None
        if kind in ("person", "organisation"):
            entity = self._find_name(name)
        else:
            entity = next((e for e in self._entities if e.name.lower() == name.lower()), None)
        if entity is None:
            first = mention[0] if mention else max(self.text.find(name), 0)
            entity = self._add(SpeakerEntity(name, kind, role=hint.role, affiliation=hint.affiliation, first=first))
        entity.role = entity.role or hint.role
        entity.affiliation = entity.affiliation or hint.affiliation
        if mention is not None:
            entity.mentions.add(mention)
        return entity

    def _resolve_pronoun(self, pronoun: str, mention: Range) -> SpeakerEntity:
        wanted = PRONOUNS[pronoun]
        if wanted == "relative":
            return self._resolve_relative(mention)
        entity = self._latest(_KINDS_BY_PRONOUN[wanted], mention[0])
        if entity is None and pronoun in _ENGLISH_PERSONAL:  # German capitalises every noun: no guessing there
            antecedent = self._nearest_person_name(mention[0])
            if antecedent is not None:
                return self._resolve_name(antecedent, mention, None, None)
        if entity is None:
            raw = self.text[mention[0] : mention[1]]
            name = _SUBJECT_FORMS.get(pronoun, pronoun)  # 'his refusal' with no antecedent: 'he'
            name = name.capitalize() if raw[:1].isupper() else name
            entity = self._add(SpeakerEntity(name, "unnamed", first=mention[0]))
        entity.mentions.add(mention)
        return entity

    def _nearest_person_name(self, before: int) -> str | None:
        """The closest full name (two words or more) in the 300 characters before ``before``, if a person's."""
        for start, end, name in reversed(self._names):
            if end > before:
                continue
            if start < before - 300:
                return None
            words = name.split()
            while words and words[0].lower() in _LEADING_ARTICLES:
                words.pop(0)  # 'Der Minister Hans Müller', 'The Reverend …'
            _, _, bare = _parse_titled_name(words)
            if bare and len(bare.split()) >= 2 and _name_kind(bare) == "person":
                return bare
        return None

    def _resolve_relative(self, mention: Range) -> SpeakerEntity:
        """'Collins, who …': the phrase before the comma."""
        before = self.text[max(0, mention[0] - 80) : mention[0]].rstrip().rstrip(",").rstrip()
        names = [n for n in self._names if mention[0] - 80 <= n[1] <= mention[0]]
        place = bool(names) and names[-1][2].lower() in PLACES  # 'a gynecologist from Englewood, New Jersey, who'
        if names and not place and self.text[names[-1][1] : mention[0]].strip(" ,’'s") == "":
            return self._resolve_name(names[-1][2], mention, None, None)
        entity = self._latest(("person", "group", "organisation"), mention[0])
        if entity is None:
            entity = self._add(SpeakerEntity(before.split()[-1] if before else "who", "unnamed", first=mention[0]))
        entity.mentions.add(mention)
        return entity

    def _resolve_name(self, name: str, mention: Range, role: str | None, affiliation: str | None) -> SpeakerEntity:
        entity = self._find_name(name)
        if entity is None:
            kind = _name_kind(name)
            full = self._fullest_form(name) if kind == "person" else name
            entity = self._find_name(full) or self._add(SpeakerEntity(full, kind, first=mention[0]))
        if len(name) > len(entity.name) and entity.kind == "person" and len(name.split()) <= 4:
            entity.variants.add(entity.name)
            entity.name = name
        entity.variants.add(name)
        entity.role = entity.role or role
        entity.affiliation = entity.affiliation or affiliation
        entity.mentions.add(mention)
        return entity

    def _resolve_description(self, raw: str, mention: Range) -> SpeakerEntity:
        raw = raw.split(", ")[0]  # 'The man, who sustained cuts', 'Several fact checkers, including …': the head
        words = [w for w in re.findall(r"[\w’'\-]+", raw.lower())]
        # 'The teacher' is capitalised because it opens the sentence, not because it is a name
        cased = raw[:1].lower() + raw[1:] if words and words[0] in _OPENING_DETERMINERS else raw
        head = words[-1] if words else raw.lower()
        definite = bool(words) and words[0] in {"the", "this", "that"}
        if definite and head in _PERSON_DESCRIPTIONS | TITLE_WORDS:
            found = self._by_role(head, mention[0]) or self._latest(("person",), mention[0])
            if found is not None:
                found.mentions.add(mention)
                return found
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
        entity = next((e for e in self._entities if e.name.lower() == name.lower() and e.kind == kind), None)
        if entity is None:
            entity = self._add(SpeakerEntity(name, kind, role=role if role != name else None, first=mention[0]))
        entity.mentions.add(mention)
        return entity

    # --- lookup --------------------------------------------------------------------------------

    def _add(self, entity: SpeakerEntity) -> SpeakerEntity:
        entity.variants.add(entity.name)
        self._entities.append(entity)
        if entity.kind in ("person", "organisation"):
            self._index_occurrences(entity)
        return entity

    def _index_occurrences(self, entity: SpeakerEntity) -> None:
        surname = entity.name.split()[-1]
        for name in self._names_ending_like([surname]):
            if name == surname or name.endswith(" " + surname) or (" " in name and same_name(name, entity.name)):
                self._occurrences.extend((start, entity) for start in self._positions[name])
        self._occurrences.sort(key=lambda o: o[0])

    def _names_ending_like(self, words: list[str]) -> list[str]:
        """The names whose last word is one of ``words`` or spelt like it: the only ones ``same_name`` can match."""
        last_words: set[str] = set()
        for word in words:
            found = process.extract(word, self._last_words, scorer=fuzz.ratio, score_cutoff=_SAME_WORD, limit=None)
            last_words.update(choice for choice, _, _ in found)
        return [name for word in last_words for name in self._by_last_word[word]]

    def _find_name(self, name: str) -> SpeakerEntity | None:
        for entity in self._entities:
            if entity.kind not in ("person", "organisation"):
                continue
            if name in entity.variants or any(same_name(name, v) for v in entity.variants):
                return entity
        surname_matches = [e for e in self._entities if e.kind == "person" and e.name.split()[-1] == name]
        return surname_matches[-1] if surname_matches else None

    def _fullest_form(self, name: str) -> str:
        """The longest name in the article that ends with ``name`` ('Asif' → 'Khawaja Asif')."""
        if " " in name:
            return name
        fuller = [n for _, _, n in self._names if n.endswith(" " + name) and len(n.split()) <= 3]
        fuller = [_without_titles(n) for n in fuller]
        fuller = [n for n in fuller if n.endswith(" " + name) and n.split()[0] not in _SENTENCE_STARTERS]
        return max(fuller, key=lambda n: (fuller.count(n), len(n)), default=name)

    def _latest(self, kinds: tuple[SpeakerKind, ...], before: int) -> SpeakerEntity | None:
        best: tuple[int, SpeakerEntity] | None = None
        for entity in self._entities:
            if entity.kind not in kinds:
                continue
            positions = [m[0] for m in entity.mentions if m[0] < before]
            positions += [p for p, e in self._occurrences if e is entity and p < before]
            if positions and (best is None or max(positions) > best[0]):
                best = (max(positions), entity)
        return best[1] if best else None

    def _by_role(self, role: str, before: int) -> SpeakerEntity | None:
        role_words = {w.lower() for w in role.split()} - {"the", "former"}
        matches = [e for e in self._entities if e.role and role_words & {w.lower() for w in e.role.split()}]
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
            mentions = [Span(text=self.text[a:b], start=a, end=b) for a, b in ranges[id(entity)]]
            records.append(
                Speaker(
                    id=f"s{n}",
                    name=entity.name,
                    role=entity.role,
                    affiliation=entity.affiliation,
                    kind=entity.kind,
                    mentions=mentions,
                )
            )
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
        return _without_nested(sorted(ranges))

    def _fill_role(self, entity: SpeakerEntity) -> None:
        if entity.kind != "person" or entity.role is not None:
            return
        for start, _, name in self._names:
            if name.endswith(entity.name) and name != entity.name:
                role, affiliation, rest = _parse_titled_name(name.split())
                if rest and same_name(rest, entity.name) and role:
                    entity.role, entity.affiliation = role, entity.affiliation or affiliation
                    return
            if name == entity.name:
                role, affiliation = _title_before(self.text, start)
                if role:
                    entity.role, entity.affiliation = role, entity.affiliation or affiliation
                    return
        if not self._german():
            ends = [end for _, end, name in self._names if name == entity.name]
            entity.role = next(filter(None, map(self._apposition_after, ends)), None)

    def _apposition_after(self, end: int) -> str | None:
        """'said Alan Berger, a gynecologist from …': the role an apposition gives the name ending at ``end``."""
        following = self.text[end : end + 200]
        if not following.startswith(", a ") and not following.startswith(", an "):
            return None
        piece = re.split(r"[,.;:!?—–()\n]", following[2:], maxsplit=1)[0]
        return _apposition_role([piece])


_ROLE_NOUNS = frozenset(
    """expert official aide attorney candidate nominee envoy chief head deputy executive counsel staffer
    mum mom mother father wife husband son daughter friend neighbour neighbor activist""".split()
)
_ROLE_ENDINGS = ("ist", "yst", "er", "or", "man", "woman", "person", "ee", "ent", "ant", "ian")
_NOT_ROLES = frozenset("and or but of to by with in at on for from as than after over under other".split())
_LEADING_FUNCTION_WORDS = frozenset("which who whom by with to on like from for of at in".split())
_PARTY_RE = re.compile(r"[RDI]-[\w.]+|[A-ZÄÖÜ]{2,5}")  # '(R-Ky.)', '(D-N.Y.)', '(CDU)'


def _is_role_noun(word: str) -> bool:
    """'spokesman', 'strategist', 'nominee', 'analyst': a lower-case noun that names what someone does."""
    return (
        word.islower()
        and word not in _NOT_ROLES
        and (word in TITLE_WORDS or word in _ROLE_NOUNS or word.endswith(_ROLE_ENDINGS))
    )


def _described_name(words: list[str]) -> tuple[str, str | None, str | None] | None:
    """A name inside a description, with the role and affiliation the phrase gives it.

    'Apple spokesman Tom Neumayr' → ('Tom Neumayr', 'Apple spokesman', None);
    'Rosette Pambakian, a Tinder spokeswoman' → ('Rosette Pambakian', 'Tinder spokeswoman', None);
    'Sen. Mitch McConnell (R-Ky.)' → ('Mitch McConnell', 'Sen.', 'R-Ky.');
    'The outgoing U.N. envoy to Iraq, Nikolay Mladenov' → ('Nikolay Mladenov', 'outgoing U.N. envoy to Iraq', None).
    None when the phrase names no one ('Several fact checkers, including The Washington Post').
    """
    while words and words[0] in _LEADING_FUNCTION_WORDS:
        words = words[1:]  # 'which Senator Ted Cruz': a speaker phrase that took a word too many
    phrase = " ".join(words)
    head, _, apposition = phrase.partition(", ")
    head_words, party = _without_brackets(head.split())
    if not head_words or head_words[-1].lower() in GROUP_NOUNS or _is_common_noun_phrase(head_words):
        return None  # 'Analysts', 'Many prominent Republicans': a group
    if not _CALENDAR_WORDS.isdisjoint(w.lower() for w in head_words):
        return None  # 'Thursday of Al-Baghdadi': a speaker phrase that took a date
    of_place = next((n for n in range(len(head_words) - 2, 0, -1) if head_words[n] == "of"), None)
    if of_place is not None and all(w[:1].isupper() for w in head_words[of_place + 1 :]):
        party = party or " ".join(head_words[of_place + 1 :])  # 'Senator John Cornyn of Texas'
        head_words = head_words[:of_place]
    pieces = [p.strip() for p in apposition.split(",")] if apposition else []
    if not head_words:
        return None
    if head_words[0][:1].isupper() and all(w[:1].isupper() or w in _NAME_PARTICLES for w in head_words):
        role, affiliation, name = _parse_titled_name(head_words)
        inner = _split_at_inner_title(head_words) if role is None else None
        if inner is not None:
            role, name = inner
        if name is None or _name_kind(name) != "person":
            return None
        role_after = _apposition_role(pieces)
        if role_after is not None and (role is None or role.lower().rstrip(".") in _HONORIFICS):
            role = role_after  # 'Dr Nye, an Ocean and Earth Science researcher': the apposition says more
        if not pieces or role_after is not None or _relative_or_age(pieces[0]):
            return name, role, affiliation or party
        return None
    if pieces and all(w[:1].isupper() for w in pieces[0].split()):
        # 'The outgoing U.N. envoy to Iraq, Nikolay Mladenov': the description comes first
        role = _role_of(head_words)
        named = _parse_titled_name(pieces[0].split())[2]
        if role is not None and named is not None and _name_kind(named) == "person":
            return named, role, party
        return None
    return _descriptor_and_name(head_words, party)


def _descriptor_and_name(words: list[str], party: str | None) -> tuple[str, str | None, str | None] | None:
    """'Democratic strategist Simon Rosenberg', 'the Post's senior politics editor Steven Ginsberg'."""
    k = len(words)
    while k > 0 and (words[k - 1][:1].isupper() or (words[k - 1] in _NAME_PARTICLES and k < len(words))):
        k -= 1
    if k == 0 or k == len(words) or not _is_role_noun(words[k - 1]):
        return None
    title, affiliation, name = _parse_titled_name(words[k:])
    if name is None or _name_kind(name) != "person":
        return None
    before = words[:k]
    while before and before[0].lower() in _OPENING_DETERMINERS:
        before = before[1:]
    if before and before[0].endswith(("’s", "'s")) and before[0][:1].isupper() and len(before) > 1:
        affiliation = affiliation or _strip_possessive(before[0])
        before = before[1:]
    return name, " ".join(before) or title, affiliation or party


_CALENDAR_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december""".split()
)
_HONORIFICS = frozenset("mr mrs ms dr prof".split())


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


def _apposition_role(pieces: list[str]) -> str | None:
    """'a Tinder spokeswoman' → 'Tinder spokeswoman'; '27, a Tinder user in New York' → 'Tinder user in New York'."""
    for piece in pieces:
        if piece.isdigit():
            continue  # an age
        words = piece.split()
        for n, word in enumerate(words):
            if word in {"who", "which", "whose", "where", "that"}:
                words = words[:n]
                break
        if words and words[0].lower() in _OPENING_DETERMINERS:
            words = words[1:]
        role = " ".join(words)
        return role if any(_is_role_noun(w.strip(",.")) for w in words) else None
    return None


def _relative_or_age(piece: str) -> bool:
    """'Khoza, who said …', 'Tridevil, 21': what follows a name, not a description of a thing."""
    return piece.isdigit() or piece.split()[0] in {"who", "whose"}


def _role_of(words: list[str]) -> str | None:
    """'The outgoing U.N. envoy to Iraq' → 'outgoing U.N. envoy to Iraq', when a role noun is in it."""
    while words and words[0].lower() in _OPENING_DETERMINERS:
        words = words[1:]
    return " ".join(words) if any(_is_role_noun(w) for w in words) else None


def _is_common_noun_phrase(words: list[str]) -> bool:
    """'Analysts', 'Critics': capitalised only because they open the sentence."""
    return len(words) <= 3 and words[-1].lower() in GROUP_NOUNS


def _strip_possessive(name: str) -> str:
    return _POSSESSIVE_RE.sub("", name) if name.endswith(("’s", "'s", "’", "'")) else name


_SAME_WORD = 80
"""The least ``fuzz.ratio`` of two last words for their names to be one ('Khwaja' and 'Khawaja')."""


@lru_cache(maxsize=4096)
def same_name(a: str, b: str) -> bool:
    """Spelling variants of one name: 'Khwaja Asif' and 'Khawaja Asif'."""
    if a == b:
        return True
    pa, pb = a.split(), b.split()
    if len(pa) < 2 or len(pb) < 2 or (pa[-1] != pb[-1] and fuzz.ratio(pa[-1], pb[-1]) < _SAME_WORD):
        return False
    return fuzz.ratio(a, b) >= 85


def _without_titles(name: str) -> str:
    words = name.split()
    while words and (words[0].lower() in TITLE_WORDS or words[0].endswith(("’s", "'s"))):
        words.pop(0)
    return " ".join(words)


def _without_nested(ranges: list[Range]) -> list[Range]:
    kept: list[Range] = []
    for start, end in ranges:
        if kept and start < kept[-1][1]:
            if end - start > kept[-1][1] - kept[-1][0]:
                kept[-1] = (start, end)
            continue
        kept.append((start, end))
    return kept


def _statement_owner(words: list[str]) -> str | None:
    """'Asif’s statement' → 'Asif': the words belong to their owner."""
    for n, word in enumerate(words[:-1]):
        if word.endswith(("’s", "'s")) and words[n + 1].lower().strip(",") in _STATEMENT_NOUNS:
            owner = [w for w in words[: n + 1] if w.lower() not in _FUNCTION_WORDS]
            name = _strip_possessive(" ".join(owner))
            return _without_titles(name) or name if name[:1].isupper() else None
    return None


def _parse_titled_name(words: list[str]) -> tuple[str | None, str | None, str | None]:
    """'Pakistan’s Defence Minister Khawaja Asif' → ('Defence Minister', 'Pakistan', 'Khawaja Asif')."""
    words = [w for w in words if w not in {"(", ")"}]
    affiliation = None
    if words and words[0].lower() in {"the"}:
        words = words[1:]
    if len(words) > 1 and words[0].endswith(("’s", "'s")) and words[0][:1].isupper():
        affiliation = _strip_possessive(words[0])
        words = words[1:]
    role_words: list[str] = []
    while words and (words[0].lower() in TITLE_WORDS or words[0].lower().rstrip(".") in TITLE_WORDS):
        role_words.append(words.pop(0))
    if len(role_words) >= 1 and affiliation is None and words and not words[0][:1].isupper():
        return None, None, None
    if affiliation is None and not role_words and words and words[0] in PLACES_CAPITALISED and len(words) > 1:
        affiliation = words.pop(0)
        while words and words[0].lower() in TITLE_WORDS:
            role_words.append(words.pop(0))
    name_words = [w for w in words if w[:1].isupper() or w in {"de", "van", "von", "bin", "al"}]
    if len(name_words) != len(words) or not name_words:
        if role_words and not words:
            return " ".join(role_words), affiliation, None
        return None, None, None
    name = " ".join(name_words)
    if affiliation is None and len(role_words) >= 2 and role_words[0][:1].isupper() and _is_place(role_words[0]):
        affiliation = role_words.pop(0)
    return (" ".join(role_words) or None), affiliation, _strip_possessive(name)


PLACES_CAPITALISED = frozenset(p.capitalize() for p in PLACES) | {"US", "U.S.", "UK", "U.K.", "UN", "EU"}


def _is_place(word: str) -> bool:
    return word in PLACES_CAPITALISED


def _title_before(text: str, start: int) -> tuple[str | None, str | None]:
    """The capitalised title words right before a name: 'Defence Minister Khawaja Asif'."""
    words = text[max(0, start - 60) : start].split()
    role: list[str] = []
    while words and words[-1].lower().rstrip(".") in TITLE_WORDS | {w.rstrip(".") for w in TITLE_WORDS}:
        if not words[-1][:1].isupper():
            break
        role.insert(0, words.pop())
    affiliation = _strip_possessive(words[-1]) if role and words and words[-1].endswith(("’s", "'s")) else None
    return (" ".join(role) or None), affiliation


def _name_kind(name: str) -> SpeakerKind:
    words = name.split()
    lowered = {w.lower().strip(".") for w in words}
    if lowered & ORGANISATION_WORDS or name.lower() in PLACES or (len(words) == 1 and name.isupper() and len(name) > 1):
        return "organisation"
    return "person"
