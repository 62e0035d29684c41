"""English: the lexicon (``LEXICON``), cue words (``cues``), the function words of the phrase rules
(``grammar``), names and titles (``names``), stance words (``stance``) and page furniture (``page``)."""

from __future__ import annotations

from typing import Final

from ..lexicon import Lexicon
from .cues import CUE_WORDS
from .names import FIRST_NAMES, GENDERS, NON_PERSON_NOUNS, PRONOUNS

__all__ = ["LEXICON"]

LEXICON: Final = Lexicon(
    code="en",
    markers=frozenset("the and of to that is was for with said".split()),  # not 'in': German too
    cue_words=CUE_WORDS,
    complementizers=frozenset({"that"}),
    cue_skips=frozenset(),
    speaker_stops=frozenset(),
    speaker_boundaries=frozenset(),
    clause_particles=frozenset(),
    articles=frozenset(),
    leading_articles=frozenset({"the"}),
    object_articles=frozenset(),
    pronouns=PRONOUNS,
    antecedent_pronouns=frozenset("he she him her his".split()),
    genders=GENDERS,
    non_person_nouns=NON_PERSON_NOUNS,
    gender_titles=frozenset("mr mrs ms miss".split()),
    gender_verbs=frozenset("said says told tells added adds wrote writes explained insisted noted argued".split()),
    reads_descriptions=True,
    first_names=FIRST_NAMES,
)
