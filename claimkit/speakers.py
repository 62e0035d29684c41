"""Who is speaking: classify speaker mentions, resolve pronouns, surnames and titles, merge variants.

Shared by every engine: an engine gives mention offsets; this module turns them into ``Speaker``
records with the fullest name the article gives, a role and an affiliation, and every mention.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from .engines.base import SpeakerHint
from .lexicon import GROUP_NOUNS, ORGANISATION_WORDS, PLACES, PRONOUNS, TITLE_WORDS
from .records import Span, Speaker, SpeakerKind

__all__ = ["SpeakerEntity", "SpeakerIndex", "same_name"]

Range = tuple[int, int]

# A capital first, then the look-behind (no letter or apostrophe before it): the engine jumps from capital to capital.
_NAME_RE = re.compile(
    r"[A-Z](?<![\w’'][A-Z])(?:[\w’'\-]*[a-z][\w’'\-]*|\.)"
    r"(?:\s(?:[A-Z][\w’'\-]*[a-z][\w’'\-]*|[A-Z]\.|de|van|von|bin|al|da))*"
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
        return self._resolve_description(raw, mention)

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
        if names and self.text[names[-1][1] : mention[0]].strip(" ,’'s") == "":
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
        words = [w for w in re.findall(r"[\w’'\-]+", raw.lower())]
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
        elif any(w in GROUP_NOUNS for w in words) or (head.endswith("s") and not head.endswith("ss") and raw.islower()):
            kind = "group"
        elif head in ORGANISATION_WORDS or not raw.islower():
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
