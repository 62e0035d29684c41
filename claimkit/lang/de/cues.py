"""German words the rules read: cue verbs (mapped to the English lemma that says the same), separable cues and
their particles, the nouns of 'nach Angaben', articles, and the words that bound a speaker phrase."""

from __future__ import annotations

from typing import Final

__all__ = [
    "GERMAN_ACCORDING_TO",
    "GERMAN_ARTICLES",
    "GERMAN_BOUNDARIES",
    "GERMAN_CUE_FORMS",
    "GERMAN_CUE_WORDS",
    "GERMAN_FRONTED",
    "GERMAN_MARKERS",
    "GERMAN_PREPOSITIONS",
    "GERMAN_SEPARABLE_CUES",
    "GERMAN_SKIPPED",
    "GERMAN_SOURCE_NOUNS",
    "GERMAN_STOPS",
    "SEPARABLE_PARTICLES",
]

GERMAN_CUE_FORMS: Final[dict[str, str]] = {
    form: lemma
    for lemma, forms in {
        "say": "sagte sagten sagt gesagt meinte meinten meint",
        "explain": "erklärte erklärten erklärt",
        "stress": "betonte betonten betont",
        "write": "schrieb schrieben schreibt",
        "warn": "warnte warnten warnt",
        "demand": "forderte forderten fordert",
        "criticize": "kritisierte kritisierten kritisiert",
        "confirm": "bestätigte bestätigten bestätigt",
        "claim": "behauptete behaupteten behauptet",
        "deny": "bestritt bestritten bestreitet dementierte dementierten dementiert abgestritten",
        "fear": "befürchtet befürchten befürchtete befürchteten",
        "believe": "glaubt glauben glaubte glaubten",
        "hope": "hofft hoffen hoffte hofften",
        "call": "bezeichnete bezeichneten bezeichnet",
        "announce": "verkündete verkündeten verkündet mitteilte mitteilten mitgeteilt bekanntgegeben bekanntgab",
        "report": "berichtete berichteten berichtet meldete meldeten meldet",
        "admit": "eingeräumt",
        "propose": "vorgeschlagen",
    }.items()
    for form in forms.split()
}
"""German cue verbs, mapped to the English lemma that says the same ('sagte' → 'say')."""

GERMAN_SEPARABLE_CUES: Final[dict[str, tuple[str, str]]] = {
    form: (lemma, particle)
    for lemma, particle, forms in [
        ("announce", "mit", "teilte teilten teilt"),
        ("admit", "ein", "räumte räumten räumt"),
        ("state", "an", "gab gaben gibt"),
        ("add", "hinzu", "fügte fügten fügt"),
        ("announce", "an", "kündigte kündigten kündigt"),
        ("reject", "zurück", "wies wiesen weist"),
        ("propose", "vor", "schlug schlugen schlägt"),
        ("speak", "von", "sprach sprachen spricht"),
    ]
    for form in forms.split()
}
"""German verbs whose particle closes the clause ('teilte das Unternehmen heute mit'): a cue only with it."""

GERMAN_SOURCE_NOUNS: Final = frozenset(
    "Angaben Einschätzung Aussagen Ansicht Meinung Auffassung Informationen Berichten".split()
)
"""'nach Angaben des Sprechers': nouns after 'nach' that make it mean 'according to'."""


GERMAN_CUE_WORDS: Final = (
    frozenset(GERMAN_CUE_FORMS) | frozenset(GERMAN_SEPARABLE_CUES) | {"laut", "zufolge", "nach", "so"}
)
GERMAN_ARTICLES: Final = frozenset("der die das des dem den ein eine eines einer einem von vom".split())
GERMAN_STOPS: Final = frozenset(
    "am im zum zur mit bei gegenüber auf vor nach und dass heute gestern zudem auch jedoch zu".split()
)
"""Words that end a speaker phrase after the cue ('sagte der Sprecher am Montag')."""
SEPARABLE_PARTICLES: Final = frozenset(particle for _, particle in GERMAN_SEPARABLE_CUES.values())
GERMAN_SKIPPED: Final = frozenset(
    "hat haben hatte hatten ist sind war waren wurde wurden bereits auch jedoch nun inzwischen zudem schon".split()
)
"""Auxiliaries and adverbs between a speaker and a German cue ('Das Komitee hat bereits eingeräumt')."""
GERMAN_BOUNDARIES: Final = frozenset(
    "wie dass und oder aber sondern denn weil da ob obwohl als wenn nachdem während".split()
)
"""Words that begin no speaker phrase: 'Wie der Weltverband FIFA bekanntgegeben hat, …'."""

GERMAN_MARKERS: Final = frozenset("der die das und nicht ist sich mit dem den sagte auch".split())
"""The commonest German words: an article that uses them more than twice as often as English ones is German."""


GERMAN_PREPOSITIONS: Final = frozenset(
    "auf im in am an nach bei beim mit seit vor zu zum zur für über unter gegen ohne um aus von vom".split()
)
"""Prepositions that open a phrase put before the verb ('Auf weitere Nachfrage sagte er')."""
GERMAN_FRONTED: Final = frozenset(
    "das dies dazu so dann nun heute gestern damals zudem außerdem daher deshalb hierzu später".split()
)
"""Words that stand before the verb with the subject after it ('Das berichtet das Magazin …')."""


GERMAN_ACCORDING_TO: Final = frozenset({"laut", "zufolge"})
"""Prepositions that attribute what follows or precedes them ('laut Polizei', 'der Polizei zufolge')."""
