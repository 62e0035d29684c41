"""English stance words: cues that oppose or support an earlier claim, the words of refutation and hedging
that give an article's stance toward a claim, kinds of speech act, and the stop words of content-word matching."""

from __future__ import annotations

from typing import Final

from .grammar import NEGATIONS

__all__ = [
    "CONTRAST_OPENERS",
    "CRITICAL_SPEAKERS",
    "HEDGING",
    "NEGATED_CLAIM_WORDS",
    "OPPOSING_CUES",
    "REFUTING",
    "REFUTING_PHRASES",
    "SPEECH_ACTS",
    "STOPWORDS",
    "SUPPORTING_CUES",
    "TARGETS_ITS_CONTENT",
]


STOPWORDS: Final = frozenset(
    """a an the and or but if of in on at to for from by with about as into over after before than then that this
    these those it its is are was were be been being has have had do does did not no so such can could will would
    should may might must just only also very more most much many some any all each every he she they we you i his
    her their our your him them who whom which what when where why how says said say new now up out off told
    according""".split()
)
"""Words that carry no content of their own, for matching a claim's words with an article's or another claim's."""


REFUTING: Final = frozenset(
    """fake fakes faked hoax hoaxes false falsely debunk debunked debunks deny denies denied denial untrue
    fabricated fabrication myth satire satirical rumor rumour baseless unfounded bogus lie lies lying
    misleading doctored photoshopped prank never retract retracted retraction""".split()
)


REFUTING_PHRASES: Final = (
    "not true",
    "no evidence",
    "did not",
    "didn't",
    "does not",
    "doesn't",
    "is not",
    "isn't",
    "was not",
    "wasn't",
    "not real",
    "no truth",
    "turned out",
    "in fact",
    "actually",
)


HEDGING: Final = frozenset(
    """reportedly allegedly alleged claims claimed claim purportedly apparently unconfirmed unverified rumored
    rumoured reports reported report may might could possibly appears appear seems supposedly suggests according
    sources speculation speculated""".split()
)


NEGATED_CLAIM_WORDS: Final = NEGATIONS | frozenset(
    "no isn't aren't wasn't weren't didn't doesn't don't won't fake hoax false".split()
)
"""Words that make a claim a denial of what it names ('not true', "didn't happen", 'a hoax')."""


SPEECH_ACTS: Final = {
    "admission": {
        "admit",
        "admitted",
        "admits",
        "admitting",
        "acknowledge",
        "acknowledged",
        "acknowledges",
        "acknowledging",
        "concede",
        "conceded",
        "confess",
        "confessed",
    },
    "accusation": {"accuse", "accused", "blame", "blamed", "criticise", "criticised", "criticize", "criticized"},
    "denial": {"deny", "denied", "denies", "reject", "rejected", "dismiss", "dismissed"},
    "claim": {"claim", "claimed", "claims", "argue", "argued", "argues", "arguing", "contend", "insist"},
}


TARGETS_ITS_CONTENT: Final = frozenset(
    """
    criticize criticise slam condemn accuse praise welcome applaud hail
    """.split()
)


CRITICAL_SPEAKERS: Final = ("critic", "opponent", "skeptic", "sceptic", "detractor")


CONTRAST_OPENERS: Final = frozenset(
    """
    however but yet still nevertheless nonetheless instead conversely
    """.split()
)


OPPOSING_CUES: Final = frozenset(
    """deny dismiss reject dispute refute rebut counter criticize criticise slam condemn accuse question""".split()
)


SUPPORTING_CUES: Final = frozenset(
    """
    agree concur echo praise welcome applaud hail confirm
    """.split()
)
