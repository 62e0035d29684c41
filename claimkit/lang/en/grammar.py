"""English function words and word classes the phrase rules read: prepositions, subordinators, auxiliaries,
clause boundaries, time words, determiners, verbs that take an infinitive, and the like."""

from __future__ import annotations

from typing import Final

__all__ = [
    "ABBREVIATIONS",
    "ADJECTIVE_MARKERS",
    "APPOSITIVES",
    "ARGUMENT_PREPOSITIONS",
    "ARTICLES",
    "ASIDES",
    "AUXILIARIES",
    "BEFORE_AN_ADJECTIVE",
    "BE_FORMS",
    "CLAUSE_BOUNDARIES",
    "COMPLEMENTISERS",
    "CONDITIONALS",
    "CONTRASTING_CONJUNCTIONS",
    "CONTROL_VERBS",
    "COORDINATORS",
    "COPULAS",
    "DAY_WORDS",
    "DEFINITE_DETERMINERS",
    "DEGREE_WORDS",
    "DETERMINERS",
    "FINITE_AUXILIARIES",
    "GERUND_LINKS",
    "GERUND_OPENERS",
    "GERUND_TAKING",
    "HANDOVER_WORDS",
    "INDEFINITE_ARTICLES",
    "INDEFINITE_DETERMINERS",
    "INFINITIVE_TAKING",
    "IRREGULAR_PAST",
    "JOINING_CONJUNCTIONS",
    "LINKING_VERBS",
    "LOWER_IN_STATEMENT",
    "LY_NOUNS",
    "MODALS",
    "NEGATIVE_CONTRACTIONS",
    "NON_NOUNS",
    "NOT_A_SPEAKER",
    "NOT_SPEAKERS",
    "NOT_SUBJECT_PRONOUNS",
    "OPENING_ADJUNCTS",
    "PARTICIPLE_PREPOSITIONS",
    "PARTITIVE_RELATIVES",
    "PERSONAL_RELATIVES",
    "PHRASE_BREAK_WORDS",
    "PHRASE_OPENERS",
    "POSSESSIVES",
    "POSSESSIVE_ENDINGS",
    "PREPOSITIONS",
    "QUESTION_WORDS",
    "RELATIVE_PRONOUNS",
    "RELATIVE_TIME_DETERMINERS",
    "RELATIVE_WORDS",
    "SENTENCE_LINKS",
    "STATEMENT_PARTICLES",
    "SUBJECT_PRONOUNS",
    "SUBORDINATORS",
    "THIRD_SINGULAR_PRONOUNS",
    "TIME_ADJUNCT_OPENERS",
    "TIME_CLAUSE_OPENERS",
    "TIME_UNITS",
    "TIME_WORDS",
    "TOPIC_PREPOSITIONS",
    "VERB_PRECEDERS",
]


ASIDES: Final = frozenset(
    """meanwhile however though too moreover nonetheless nevertheless also instead therefore thus""".split()
)


PREPOSITIONS: Final = frozenset(
    """in on at during to from after before while about with despite for of by into over under since amid""".split()
)


SUBORDINATORS: Final = frozenset(
    """
    while although though because as if when since whereas unless
    """.split()
)


COPULAS: Final = frozenset("is are was were has have had be been will would can could".split())


CONTROL_VERBS: Final = frozenset(
    """want wants wanted continue continues continued decline declines declined refuse refuses refused
    threaten threatens threatened seek seeks sought plan plans planned hope hopes hoped try tries tried
    vow vows vowed promise promises promised pledge pledges pledged expect expects expected move moved
    went go goes appear appears appeared seem seems seemed began begin begins""".split()
)


INFINITIVE_TAKING: Final = frozenset(
    "decline refuse threaten vow pledge promise want seek urge ask hope expect demand agree propose".split()
)


DAY_WORDS: Final = frozenset("monday tuesday wednesday thursday friday saturday sunday yesterday today tonight".split())


TIME_WORDS: Final = DAY_WORDS | {"recently", "earlier", "later"}


DETERMINERS: Final = frozenset(
    """
    the a an his her their its our my your this that these those
    """.split()
)

APPOSITIVES: Final = DETERMINERS | {"which", "who", "whose", "where"}
"""Words that open a phrase describing the name before them ('CrowdTangle, a social analytics tool')."""


TIME_UNITS: Final = frozenset(
    "week month year morning afternoon evening weekend spring summer fall autumn winter".split()
)


NOT_SPEAKERS: Final = frozenset("there ever you here this".split()) | PREPOSITIONS


# Words in -ly that are nouns or adjectives before one ('the daily wrote', 'an ally said').
LY_NOUNS: Final = frozenset("daily weekly monthly quarterly ally assembly family rally italy july only early".split())


LINKING_VERBS: Final = frozenset("is are was were be been remain remains remained seem seems seemed 's ’s".split())


VERB_PRECEDERS: Final = frozenset("he she it they we i who also both several many some most others still".split())


POSSESSIVES: Final = frozenset("his her their its our".split())


NEGATIONS: Final = frozenset("not never".split())
"""Words that deny the verb after them: 'had not announced', 'never said' (and any word ending in n't)."""


HANDOVER_WORDS: Final = frozenset("first then by also again later and , : he she they it we i".split())


GERUND_OPENERS: Final = frozenset("by after while before when without".split())  # 'by pointing out that …'


BE_FORMS: Final = frozenset("is are was were be been being".split())


DEGREE_WORDS: Final = frozenset("less more very so too deeply".split())


GERUND_TAKING: Final = frozenset("start starts started keep keeps kept stop stops stopped began begun".split())


SUBJECT_PRONOUNS: Final = frozenset("he she they we i it".split())


NON_NOUNS: Final = frozenset(
    """the a an this that these those his her their its our my your of in on at to for with by""".split()
)


SENTENCE_LINKS: Final = frozenset("but and yet still however meanwhile instead ,".split())


OPENING_ADJUNCTS: Final = frozenset("like unlike ever even just once so".split())  # 'Like Corker, Menendez …'


FINITE_AUXILIARIES: Final = frozenset(
    "do does did is are was were has have had will would could should can may might must".split()
)


PHRASE_BREAK_WORDS: Final = frozenset("after before but because while since when which who whose where".split())


IRREGULAR_PAST: Final = frozenset(
    """took made gave went came got put left kept held led began brought sent spent won lost met ran became chose
    drew fell grew rose stood threw built caught fought paid sold taught bought struck""".split()
)


STATEMENT_PARTICLES: Final = frozenset("about with on of over to for against out".split())


LOWER_IN_STATEMENT: Final = frozenset(
    """
    The A An This That These Those It There Its Our We Their They He She His Her
    """.split()
)


PHRASE_OPENERS: Final = (PREPOSITIONS - {"while", "despite"}) | {"against"}
"""Words that open a phrase which is no speaker ('In a statement', 'Against the odds')."""


NOT_A_SPEAKER: Final = frozenset("instead well sometimes off also still then".split())


# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS: Final = frozenset(
    """mr mrs ms dr prof sen rep reps gov gen lt col maj capt sgt adm cmdr st mt jr sr no vs jan feb mar
    apr jun jul aug sep sept oct nov dec inc corp ltd co dept est fig ft u.s u.k u.n e.g i.e a.m p.m d.c""".split()
)


AUXILIARIES: Final = frozenset(
    """has have had having is are was were be been being will would could should may might must can do does
    did not n't never also further later again previously repeatedly recently publicly privately
    reportedly long once often frequently still already then now just even even earlier first last then
    subsequently separately immediately quickly openly flatly explicitly bluntly angrily meanwhile
    simply only clearly always twice""".split()
)
"""Words that may stand between a speaker and the cue ('has long argued', 'also said')."""


CLAUSE_BOUNDARIES: Final = frozenset(
    """that which because but and or when while as if so after before since though although whereas where
    whether unless until than what how why then for nor yet""".split()
)


POSSESSIVE_ENDINGS: Final = ("’s", "'s")
"""The endings of a possessive ('Carson’s'), for ``str.endswith``."""


NEGATIVE_CONTRACTIONS: Final = ("n't", "n’t")
"""The endings of a negated auxiliary ('hasn’t'), for ``str.endswith``."""


CONTRASTING_CONJUNCTIONS: Final = frozenset({"but", "yet"})
"""Conjunctions that open a clause of its own after a comma ('…, but said')."""


JOINING_CONJUNCTIONS: Final = frozenset({"and", "or"})
"""Conjunctions that join two words of one phrase ('Clinton and Sanders')."""


COORDINATORS: Final = JOINING_CONJUNCTIONS | {"but"}
"""Conjunctions that leave a phrase unfinished when they end it."""


COMPLEMENTISERS: Final = frozenset({"that", "whether"})
"""Words that open a reported clause ('said that …', 'asked whether …')."""


TOPIC_PREPOSITIONS: Final = frozenset({"about", "for", "against"})
"""Prepositions that give a cue its topic ('spoke about', 'argued for', 'warned against')."""


ARGUMENT_PREPOSITIONS: Final = TOPIC_PREPOSITIONS | {"to", "of", "with"}
"""Prepositions that open a cue's argument ('told to', 'spoke of'), not an adjunct ('on Thursday')."""


RELATIVE_TIME_DETERMINERS: Final = frozenset({"last", "this", "next"})
"""Words that make a time unit a time adjunct ('last week', 'this morning')."""


TIME_ADJUNCT_OPENERS: Final = RELATIVE_TIME_DETERMINERS | {"on"}
"""Words that open a time adjunct ('on Tuesday', 'last week')."""


PARTICIPLE_PREPOSITIONS: Final = frozenset("by to in at as for with from on".split())
"""Prepositions after which an -ed word is a participle, not a main verb ('the laws passed by')."""


GERUND_LINKS: Final = frozenset({"and", "or", "of", "for", "in"})
"""Words before which an -ing word is a gerund, no cue ('the work of funding and supporting')."""


BEFORE_AN_ADJECTIVE: Final = DEGREE_WORDS | {"not"}
"""Words between 'be' and an attitude adjective ('is not happy with')."""


THIRD_SINGULAR_PRONOUNS: Final = frozenset({"he", "she", "it"})
"""Subject pronouns in the third person singular."""


ARTICLES: Final = frozenset({"a", "an", "the"})
"""The articles."""


INDEFINITE_ARTICLES: Final = frozenset({"a", "an"})
"""The indefinite articles."""


INDEFINITE_DETERMINERS: Final = INDEFINITE_ARTICLES | {"one", "another"}
"""Words that make a description someone not met before ('a spokesman', 'another witness')."""


DEFINITE_DETERMINERS: Final = frozenset({"the", "this", "that"})
"""Words that make a description someone met before ('the spokesman')."""


RELATIVE_PRONOUNS: Final = frozenset({"who", "which"})
"""Relative pronouns that can be a clause's subject."""


PARTITIVE_RELATIVES: Final = frozenset({"whom", "which"})
"""Relative pronouns after 'of' in a partitive ('both of whom', 'many of which')."""


NOT_SUBJECT_PRONOUNS: Final = RELATIVE_PRONOUNS | {"him", "them"}
"""Pronouns that are no speaker after a cue ('said him' is no attribution)."""


RELATIVE_WORDS: Final = frozenset({"who", "which", "whose", "where", "that"})
"""Words that open a relative clause."""


PERSONAL_RELATIVES: Final = frozenset({"who", "whose"})
"""Relative words that refer to a person."""


ADJECTIVE_MARKERS: Final = frozenset({"the", "a", "an", "so", "so-"})
"""Words after which an -ed form is an adjective, not a verb ('the alleged', 'so-called')."""


MODALS: Final = frozenset("will would could might may should must can shall".split())
"""Modal verbs: before a bare cue ('would say', 'will announce') what is said is a plan or a supposition, not said."""


CONDITIONALS: Final = frozenset({"if", "unless", "whether"})
"""Words that open a clause of what may or may not be ('if the mayor agrees to', 'whether she thinks')."""


TIME_CLAUSE_OPENERS: Final = frozenset({"when", "while", "until", "after", "before", "once"})
"""Words that open a clause of time, which is never what a cue's speaker said ('was joking when he said')."""


QUESTION_WORDS: Final = frozenset("why how what whether who whom which where when if".split())
"""Words that open a reported question ('asked why', 'wondered whether')."""
