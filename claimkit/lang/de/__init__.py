"""German: the lexicon (``LEXICON``) and the words of the German cue rules (``cues``)."""

from __future__ import annotations

from typing import Final

from ..lexicon import Lexicon
from .cues import (
    GERMAN_ARTICLES,
    GERMAN_BOUNDARIES,
    GERMAN_CUE_WORDS,
    GERMAN_MARKERS,
    GERMAN_SKIPPED,
    GERMAN_STOPS,
    SEPARABLE_PARTICLES,
)

__all__ = ["LEXICON"]

LEXICON: Final = Lexicon(
    code="de",
    markers=GERMAN_MARKERS,
    cue_words=GERMAN_CUE_WORDS,
    complementizers=frozenset({"dass", "daß"}),
    cue_skips=GERMAN_SKIPPED,
    speaker_stops=GERMAN_STOPS,
    speaker_boundaries=GERMAN_BOUNDARIES,
    clause_particles=SEPARABLE_PARTICLES,
    articles=GERMAN_ARTICLES,
    leading_articles=frozenset("der die das".split()),
    object_articles=frozenset("die den das ein eine einen".split()),  # not 'der', 'des', 'dem': genitive, dative
    pronouns={"er": "person", "sie": "person"},
    antecedent_pronouns=frozenset(),
    genders={"er": "m", "herr": "m", "frau": "f"},  # 'sie' is also 'they'
    non_person_nouns=frozenset(),
    gender_titles=frozenset({"herr", "frau"}),
    gender_verbs=frozenset({"sagte", "sagt", "erklärte"}),
    reads_descriptions=False,
)
