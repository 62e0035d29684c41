"""English cue words: speech, cognition and attitude verbs with their forms, speech nouns, attitude adjectives,
and the cues of particular shapes (headlines, passives, infinitives, particles, quotations).

Kept apart from the rules so that the rules read as rules, and the lists can grow without touching them.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ATTITUDE_ADJECTIVES",
    "ATTITUDE_LEMMAS",
    "CUE_FORMS",
    "CUE_NOUNS",
    "CUE_WORDS",
    "EVIDENCE_LEMMAS",
    "EVIDENCE_NOUNS",
    "FREE_BASE_FORMS",
    "HEADLINE_CUES",
    "LISTENER_CUES",
    "NAMED_INFINITIVE_CUES",
    "NOUN_LIKE",
    "NOUN_PHRASE_CUES",
    "OBJECT_TAKING",
    "PARTICLE_ONLY_CUES",
    "PASSIVE_CUES",
    "PHRASAL_CUES",
    "PREPOSITION_TAKING_CUES",
    "QUESTION_CUES",
    "QUOTE_NEIGHBOUR_CUES",
    "QUOTE_ONLY_CUES",
    "REFUSALS",
    "REFUSED_SPEECH",
    "past_tense",
]

_IRREGULAR: Final = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "think": ("thinks", "thought", "thinking"),
    "feel": ("feels", "felt", "feeling"),
    "know": ("knows", "knew", "known", "knowing"),
    "speak": ("speaks", "spoke", "spoken", "speaking"),
    "refer": ("refers", "referred", "referring"),
    "tweet": ("tweets", "tweeted", "tweeting"),
    "seek": ("seeks", "sought", "seeking"),
    "show": ("shows", "showed", "shown", "showing"),
    "find": ("finds", "found", "finding"),
}
_DOUBLED: Final = {"admit", "regret", "concur", "quip", "rebut", "commit", "refer"}

SPEECH_LEMMAS: Final = """
    say tell add claim argue admit acknowledge explain note state insist warn report write ask announce
    declare assert contend maintain stress emphasize emphasise tweet predict confirm reveal recall
    conclude respond reply deny suggest allege complain concede caution observe remark urge vow promise
    pledge threaten boast joke quip testify answer agree disagree describe accuse blame criticize
    criticise praise propose recommend speculate estimate project forecast signal indicate mention
    underscore underline echo counter retort lament cite reiterate hint assure inform remind dismiss
    reject dispute refute rebut call demand question charge concur admit insist caution acknowledge brag
    scoff complain tout hail slam condemn applaud welcome
""".split()
COGNITION_LEMMAS: Final = """
    believe think feel fear hope expect know worry doubt suspect assume wonder want
""".split()
ATTITUDE_LEMMAS: Final = """
    endorse support oppose back advocate denounce attack challenge ignore decline refuse seek pressure
    propose question cite dismiss reject praise criticize criticise accuse blame urge demand pledge vow
    promise document chronicle highlight deride insult assail mourn favor favour embrace champion defend
""".split()
"""Predicates of stance toward an object ('endorsed Mrs. Clinton'): attributions in the wide sense."""
EVIDENCE_LEMMAS: Final = frozenset("show find".split())
"""Verbs by which a poll, a record or a study says something ('The latest poll shows Cruz has fallen'): cues only
with one of ``EVIDENCE_NOUNS`` in their subject."""
EVIDENCE_NOUNS: Final = frozenset(
    """poll polls polling survey surveys study studies report reports record records data analysis figures numbers
    footage video videos document documents results outcome investigation review audit tally count projection
    estimates research averages count""".split()
)

QUOTE_NEIGHBOUR_CUES: Final = frozenset("continue".split())
"""Lemmas that are cues only with a quotation right before or after them ('“…,” Manafort continued',
'She continued, “For us …”'), not 'continued to push for …'."""


def _nouns(links: frozenset[str], pairs: str) -> dict[str, tuple[str, frozenset[str]]]:
    """'claim:claim claims:claim' → each noun with its verb and the words that may link it to its content."""
    return {noun: (verb, links) for noun, verb in (pair.split(":") for pair in pairs.split())}


_THAT: Final = frozenset({"that"})
_TO_DO: Final = frozenset({"to"})
CUE_NOUNS: Final[dict[str, tuple[str, frozenset[str]]]] = {
    **_nouns(
        _THAT,
        "claim:claim claims:claim suggestion:suggest assertion:assert argument:argue insistence:insist "
        "belief:believe hope:hope",
    ),
    **_nouns(
        _THAT | {"of"},
        "allegation:allege allegations:allege accusation:accuse accusations:accuse warning:warn fear:fear "
        "fears:fear admission:admit denial:deny",
    ),
    **_nouns(_TO_DO, "promise:promise pledge:pledge vow:vow threat:threaten refusal:refuse decision:decide"),
    **_nouns(_TO_DO | {"for"}, "demand:demand demands:demand call:call calls:call proposal:propose"),
    **_nouns(frozenset({"of"}), "criticism:criticize endorsement:endorse"),
    "support": ("support", frozenset({"for"})),
    "opposition": ("oppose", frozenset({"to"})),
}
"""Nouns that attribute content to their possessor ('her claim that …', 'Warren's criticism of …'): the verb
that says the same, and the words that may link the noun to its content ('to' opens an infinitive, as in
'refusal to answer', except after 'opposition': 'opposition to the deal')."""

NOUN_PHRASE_CUES: Final = frozenset(
    [*ATTITUDE_LEMMAS, *"echo reiterate accuse slam condemn applaud welcome tout hail mention deny announce".split()]
)
"""Lemmas whose content, when it does not open with 'that', is the noun phrase after them, not the clause."""


def _forms(lemma: str) -> tuple[str, ...]:
    if lemma in _IRREGULAR:
        return (lemma, *_IRREGULAR[lemma])
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    if lemma in _DOUBLED:
        stem = lemma + lemma[-1]
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return (lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing")
    third = lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "o")) else "s")
    return (lemma, third, stem + "ed", stem + "ing")


ATTITUDE_ADJECTIVES: Final = frozenset(
    """
    angry furious outraged upset frustrated unhappy happy passionate enthusiastic lukewarm uncomfortable
    concerned worried skeptical sceptical critical wary supportive confident optimistic pessimistic hopeful
    doubtful adamant convinced certain sure aware shy
    """.split()
)
"""Adjectives that attribute a stance after a form of 'be': 'Sanders was less shy about Wall Street'."""

PARTICLE_ONLY_CUES: Final = frozenset("talk speak refer point press push focus worry".split()) | ATTITUDE_ADJECTIVES
"""Lemmas that are cues only with a particle of ``PHRASAL_CUES`` after them ('talked about')."""
CUE_FORMS: Final[dict[str, str]] = {
    form: lemma
    for lemma in [
        *sorted(PARTICLE_ONLY_CUES - ATTITUDE_ADJECTIVES),
        *ATTITUDE_LEMMAS,
        *SPEECH_LEMMAS,
        *COGNITION_LEMMAS,
        *EVIDENCE_LEMMAS,
        *QUOTE_NEIGHBOUR_CUES,
    ]
    for form in _forms(lemma)
} | {adjective: adjective for adjective in ATTITUDE_ADJECTIVES}
"""Every inflected form of a cue verb (and each attitude adjective), mapped to its lemma."""

CUE_WORDS: Final = frozenset(CUE_FORMS) | frozenset(CUE_NOUNS) | {"according"}
"""Every word that may be a cue, or open one ('according to')."""


def past_tense(lemma: str) -> str:
    """'admit' → 'admitted', 'say' → 'said', 'confident' → 'was confident'."""
    if lemma in ATTITUDE_ADJECTIVES:
        return f"was {lemma}"
    forms = _forms(lemma)
    return forms[2]


PHRASAL_CUES: Final[dict[str, frozenset[str]]] = {
    "talk": frozenset({"about"}),
    "speak": frozenset({"about", "of", "to", "out"}),
    "refer": frozenset({"to"}),
    "point": frozenset({"to", "out"}),
    "press": frozenset({"for"}),
    "push": frozenset({"for"}),
    "focus": frozenset({"on"}),
    "worry": frozenset({"about"}),
    "complain": frozenset({"about"}),
    "joke": frozenset({"about"}),
    "warn": frozenset({"of", "about", "that"}),
} | {adjective: frozenset({"about", "with", "on", "of", "over", "that"}) for adjective in ATTITUDE_ADJECTIVES}
"""Verbs that are cues only with their particle ('talked about', 'pointed to'): the particle is required."""

NOUN_LIKE: Final = frozenset(
    """state report note claim document question call charge remark attack support back hope fear doubt demand
    pledge promise answer reply estimate forecast project echo counter praise blame concern comment tweet joke
    advocate challenge cite quip boast vow urge want""".split()
)
"""Lemmas whose bare and -s forms are nouns as often as verbs ('swing states', 'a report')."""

FREE_BASE_FORMS: Final = frozenset(
    """say tell think believe argue contend insist warn suggest claim acknowledge admit deny agree fear
    expect predict maintain know worry doubt suspect hope assert allege complain note""".split()
)
"""Lemmas whose bare form ("critics say") is a cue without 'that' or a quotation after it."""

QUOTE_ONLY_CUES: Final = frozenset(
    """
    call describe echo question charge project counter hail slam tout
    """.split()
)
"""Lemmas that are cues only when a quotation follows closely ('called it a "bombshell"')."""

OBJECT_TAKING: Final = frozenset(
    """
    tell ask inform remind assure urge warn
    """.split()
)
"""Lemmas that put a listener between the cue and the content ('told Politico that …')."""

HEADLINE_CUES: Final = frozenset("say claim admit call deny tell accuse slam".split())
"""Lemmas that stay cues capitalised in a headline ('Asif Says Pakistan …')."""


NAMED_INFINITIVE_CUES: Final = frozenset([*ATTITUDE_LEMMAS, "announce", "confirm", "deny", "reveal"])
"""Lemmas that are cues in an infinitive whose subject is named ('prompted Sanders to announce …')."""


PASSIVE_CUES: Final = frozenset(SPEECH_LEMMAS) - {"write", "call", "describe", "tell", "ask", "urge", "remind"}
"""Lemmas whose passive names the speaker after 'by' ('Tinder's ban was first reported by BuzzFeed')."""


REFUSALS: Final = frozenset({"refuse", "decline"})
"""Lemmas that, before 'to' and a speech verb, say that nothing was said ('refused to discuss whether …')."""

REFUSED_SPEECH: Final = frozenset(
    "discuss comment say answer confirm deny elaborate speculate disclose reveal explain identify name specify detail"
    " respond address".split()
)
"""Verbs of speech after 'refused to', 'declined to': what the speaker would not say."""

PREPOSITION_TAKING_CUES: Final = frozenset({"write", "report", "explain"})
"""Lemmas whose content may open with a preposition ('wrote in a letter that …', 'reported on Monday the …')."""

LISTENER_CUES: Final = frozenset({"tell", "inform", "assure", "remind"})
"""Lemmas that need their listener in a sentence ('told reporters that …'; never 'told that …')."""


QUESTION_CUES: Final = frozenset({"ask", "wonder", "question", "inquire"})
"""Lemmas whose content after a question word is a question, not a claim ('asked why he …')."""
