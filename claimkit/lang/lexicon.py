"""What a language gives the rules: the words that differ from one language to the next, as one object.

A sentence carries the ``Lexicon`` of its article's language; a rule asks it for words, and never reads
another language's lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Final

__all__ = ["Lexicon"]


@dataclass(frozen=True)
class Lexicon:
    code: str
    """ISO 639-1: 'en', 'de'."""
    markers: frozenset[str]
    """The commonest function words, by which the language of an article is told."""
    cue_words: frozenset[str]
    """Every word that may be (or open) a cue: a sentence with none of them is not read further."""
    complementizers: frozenset[str]
    """Words that open reported content after a cue: 'that', 'dass'."""
    cue_skips: frozenset[str]
    """Auxiliaries and adverbs between a speaker and a cue, besides the shared ones ('hat bereits eingeräumt')."""
    speaker_stops: frozenset[str]
    """Words that end a speaker phrase after its cue ('sagte der Sprecher am Montag')."""
    speaker_boundaries: frozenset[str]
    """Words that begin no speaker phrase before a cue ('Wie der Weltverband FIFA bekanntgegeben hat')."""
    clause_particles: frozenset[str]
    """Particles that close a separable cue at the end of its clause ('teilte … mit')."""
    articles: frozenset[str]
    """Articles that may open a name in quotation marks ('der „Ermittlungsausschuss Frankfurt“')."""
    object_articles: frozenset[str]
    """Articles that, after the subject that follows a verb, open its object ('fordert der Staat die Rückgabe');
    none in English, where the subject after a cue is followed by no object."""
    leading_articles: frozenset[str]
    """Articles dropped before a name taken as a pronoun's antecedent ('The Reverend …')."""
    pronouns: dict[str, str]
    """Pronouns that may be a speaker mention, with what they refer to: 'person', 'plural', 'thing', 'relative'."""
    antecedent_pronouns: frozenset[str]
    """Pronouns that may take the nearest person named before them when no speaker came earlier (none in
    German, which capitalises every noun)."""
    genders: dict[str, str]
    """Words that tell a person's gender, 'm' or 'f': pronouns, titles, role nouns ('spokeswoman'). A pronoun
    listed here refers only to a person of its gender, as far as the article tells it."""
    non_person_nouns: frozenset[str]
    """Nouns before a name that make it a thing's, not a person's ('the shop Doki Doki')."""
    gender_titles: frozenset[str]
    """Titles before a name that tell its gender ('Mrs. Clinton'); their gender is in ``genders``."""
    gender_verbs: frozenset[str]
    """Verbs of 'Clinton said she …', after which a gendered pronoun tells the gender of the name before."""
    reads_descriptions: bool
    """Whether a capitalised phrase can be told apart as 'descriptor + Name' ('Apple spokesman Tom Neumayr'):
    not in German, where every noun is capitalised."""
    first_names: Path | None = None
    """A file of first names with the gender nearly all their bearers have ('Hillary\tf'), the weakest evidence
    of a person's gender, read on first use (``first_name_gender``); None when the language has none."""

    def first_name_gender(self, name: str) -> str | None:
        """'m' or 'f' when nearly everyone with this first name is of that gender ('Hillary'), else None."""
        if self.first_names is None:
            return None
        genders = _FIRST_NAMES.get(self.code)
        if genders is None:
            words = self.first_names.read_text(encoding="utf-8").partition("\n")[2].split()  # after its header
            genders = _FIRST_NAMES[self.code] = dict(zip(words[::2], words[1::2], strict=True))
        return genders.get(name)


_FIRST_NAMES: Final[dict[str, dict[str, str]]] = {}
"""The first names of each language whose file has been read, by its code."""
