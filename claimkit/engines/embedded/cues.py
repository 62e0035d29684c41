"""Cue recognition: whether a word is used as a speech, cognition or stance cue here, and its lemma."""

from __future__ import annotations

from ...lang.en.cues import (
    ATTITUDE_ADJECTIVES,
    ATTITUDE_LEMMAS,
    CUE_FORMS,
    EVIDENCE_LEMMAS,
    EVIDENCE_NOUNS,
    FREE_BASE_FORMS,
    HEADLINE_CUES,
    NAMED_INFINITIVE_CUES,
    NOUN_LIKE,
    NOUN_PHRASE_CUES,
    PARTICLE_ONLY_CUES,
    PHRASAL_CUES,
    QUOTE_NEIGHBOUR_CUES,
    QUOTE_ONLY_CUES,
    REFUSALS,
    REFUSED_SPEECH,
)
from ...lang.en.grammar import (
    ADJECTIVE_MARKERS,
    AUXILIARIES,
    BE_FORMS,
    BEFORE_AN_ADJECTIVE,
    CONDITIONALS,
    CONTROL_VERBS,
    COPULAS,
    DETERMINERS,
    GERUND_LINKS,
    LINKING_VERBS,
    LY_NOUNS,
    MODALS,
    NEGATIONS,
    NEGATIVE_CONTRACTIONS,
    POSSESSIVE_ENDINGS,
    THIRD_SINGULAR_PRONOUNS,
    VERB_PRECEDERS,
)
from ...text.spans import Token
from . import german
from .sentence import QUOTE_MARKS, Sentence

__all__ = ["adverb", "cue_lemma"]


def adverb(word: str) -> bool:
    """A lower-case word in -ly that is an adverb ('recently', 'publicly'), not 'the daily' or 'an ally'."""
    return word.endswith("ly") and word not in LY_NOUNS


def cue_lemma(sentence: Sentence, i: int, text: str) -> str | None:
    """The cue lemma of token ``i``, or None when it is not used as a cue here."""
    tokens = sentence.tokens
    word = tokens[i].lower
    if sentence.german:
        return german.cue_lemma(sentence, i)
    if word == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to":
        return "according to"
    lemma = CUE_FORMS.get(word)
    if lemma is None or sentence.in_quote(i):
        return None
    if lemma in QUOTE_NEIGHBOUR_CUES:
        before, after = tokens[max(0, i - 4) : i], tokens[i + 1 : i + 3]
        return lemma if _quote_follows(after, 2) or _quote_follows(before, 4) else None
    if lemma in EVIDENCE_LEMMAS:  # 'Records show UBS paid …'; not 'showed up', 'was found dead'
        return lemma if _evidence_subject(tokens, i) else None
    shouted = (  # '“We won,” SAID Smith.' (but a line all in capitals is a headline: its words are no cues)
        tokens[i].text.isupper() and len(tokens[i].text) > 1 and not tokens[i - 1].text.isupper()
    )
    if tokens[i].text[0].isupper() and i > 0 and not shouted and not (sentence.is_headline and lemma in HEADLINE_CUES):
        return None  # 'the United States', 'Hope Hicks
    after = tokens[i + 1 : i + 7]
    if lemma in ATTITUDE_ADJECTIVES and not _after_be(tokens, i):
        return None  # 'a confident leader'; 'Sanders is uncomfortable on foreign policy' is a cue
    if lemma in PARTICLE_ONLY_CUES or lemma in QUOTE_ONLY_CUES or (word == lemma and lemma not in FREE_BASE_FORMS):
        return _restricted_cue(tokens, i, lemma, after)
    return lemma if _used_as_verb(tokens, i, lemma, after) else None


def _restricted_cue(tokens: list[Token], i: int, lemma: str, after: list[Token]) -> str | None:
    """A lemma that is a cue only with a particle, a quotation or a complement after it."""
    word = tokens[i].lower
    if lemma in PARTICLE_ONLY_CUES:
        infinitive = i > 1 and tokens[i - 1].lower == "to" and tokens[i - 2].lower not in CONTROL_VERBS
        return lemma if after and after[0].lower in PHRASAL_CUES[lemma] and not infinitive else None
    if lemma in QUOTE_ONLY_CUES:
        if _quote_follows(after, 5) or (after and after[0].lower == "for"):
            return lemma
        # 'Perez slams the recent Supreme Court deadlock', 'Warren echoed similar liberal themes'
        return lemma if lemma in NOUN_PHRASE_CUES and word != lemma and _verb_position(tokens, i) else None
    # A bare form like 'add' or 'report' is usually a noun or an infinitive: ask for a complement,
    # or a subject before a stance verb ('several oppose the deal', 'supporters threaten to …').
    if after and (after[0].lower == "that" or after[0].text in ":" + QUOTE_MARKS):
        return lemma
    if i > 2 and tokens[i - 1].lower == "to" and tokens[i - 2].text[:1].isupper():
        return lemma if lemma in NAMED_INFINITIVE_CUES else None  # 'led Schultz to announce her resignation'
    return lemma if lemma in ATTITUDE_LEMMAS and _plural_subject_before(tokens, i) else None


def _used_as_verb(tokens: list[Token], i: int, lemma: str, after: list[Token]) -> bool:
    """Whether a form of a cue verb is used as a verb here, not as a noun, an infinitive, an adjective or negated."""
    word = tokens[i].lower
    previous = tokens[i - 1] if i > 0 else None
    noun_or_infinitive = previous is not None and (
        previous.lower in DETERMINERS
        or (previous.lower == "to" and not (i > 1 and _infinitive_with_subject(tokens, i, lemma)))
        or previous.lower.endswith(POSSESSIVE_ENDINGS)
    )
    bare_or_s = word in (lemma, lemma + "s", lemma + "es")
    if bare_or_s and lemma in NOUN_LIKE and (not _verb_position(tokens, i) or _noun_before_verb(after)):
        return False  # 'swing states', 'a report', 'calls for accountability', 'states that voted Tuesday'
    if noun_or_infinitive and bare_or_s:
        return False  # 'the remarks', 'Asif’s remarks', 'to say'
    if word.endswith("ed") and previous is not None and previous.lower in ADJECTIVE_MARKERS:
        return False  # 'the alleged', 'so-called'
    if word.endswith("ing") and previous is not None and previous.lower in GERUND_LINKS:
        return False  # 'the dirty work of funding and supporting terrorist groups'
    if _negated_before(tokens, i):
        return False  # 'had not announced any layoffs', 'critics don't say', 'have not always supported'
    if word == lemma and previous is not None and previous.lower in MODALS:
        return False  # 'As the chair would say', 'will announce': a supposition or a plan, not what was said
    if _in_a_condition(tokens, i):
        return False  # 'It could grow if the mayor agrees to …', 'whether she thinks it will help'
    if lemma in REFUSALS and len(after) > 1 and after[0].lower == "to" and after[1].lower in REFUSED_SPEECH:
        return False  # 'Officials refused to discuss whether …': nothing was said
    if bare_or_s and lemma in NOUN_LIKE and previous is not None and previous.lower.endswith("ed"):
        return False  # 'we received reports that …': the object of a verb, a noun
    # 'the group, known as XDA Developers': a name, not a claim
    return not (word == "known" and after and after[0].lower == "as")


def _negated(word: str) -> bool:
    return word in NEGATIONS or word.endswith(NEGATIVE_CONTRACTIONS)


def _negated_before(tokens: list[Token], i: int) -> bool:
    """Whether a negation stands among the auxiliaries and adverbs right before the cue at ``i``."""
    j = i - 1
    while j >= 0 and (tokens[j].lower in AUXILIARIES or adverb(tokens[j].lower)):
        if _negated(tokens[j].lower):
            return True
        j -= 1
    return j >= 0 and _negated(tokens[j].lower)


def _in_a_condition(tokens: list[Token], i: int) -> bool:
    """Whether the cue at ``i`` stands in a clause opened by 'if', 'unless' or 'whether' (back to a comma)."""
    for j in range(i - 1, max(-1, i - 12), -1):
        if tokens[j].text in ",;:":
            return False
        if tokens[j].lower in CONDITIONALS:
            return True
    return False


def _infinitive_with_subject(tokens: list[Token], i: int, lemma: str) -> bool:
    """'declined to endorse', 'prompted Sanders to advocate for …': an infinitive whose subject is named."""
    before_to = tokens[i - 2]
    named = before_to.text[:1].isupper() and i > 2 and lemma in NAMED_INFINITIVE_CUES
    went_on = before_to.lower == "on" and i > 2 and tokens[i - 3].lower in CONTROL_VERBS  # 'She went on to say'
    return before_to.lower in CONTROL_VERBS or named or went_on


def _after_be(tokens: list[Token], i: int) -> bool:
    """'is uncomfortable', 'was less shy', 'has long been lukewarm', 'remains confident'."""
    j = i - 1
    while j >= 0 and (tokens[j].lower in BEFORE_AN_ADJECTIVE or adverb(tokens[j].lower)):
        j -= 1
    return j >= 0 and tokens[j].lower in LINKING_VERBS


def _verb_position(tokens: list[Token], i: int) -> bool:
    """A bare or -s form reads as a verb after a pronoun or a name, or before 'that' or a quotation."""
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if after is not None and (after.lower == "that" or after.text in QUOTE_MARKS + ":"):
        return True
    previous = tokens[i - 1] if i > 0 else None
    if previous is None:
        return False
    return (
        previous.lower in VERB_PRECEDERS
        or previous.text[:1].isupper()
        or previous.text in QUOTE_MARKS  # 'DuVernay’s “13th” documents how …'
        or (adverb(previous.lower) and previous.text.islower())  # 'currently back'
    )


def _evidence_subject(tokens: list[Token], i: int) -> bool:
    """A poll, a record or a study among the words of the clause before ``i``, not in the passive: 'A University
    of New Hampshire poll out this week shows …', 'FEC records from the 2008 cycle show …'."""
    if i == 0 or tokens[i - 1].lower in BE_FORMS:
        return False
    for k in range(i - 1, max(-1, i - 12), -1):
        word = tokens[k]
        if word.text in ",;:" or word.text in QUOTE_MARKS:
            return False
        if word.lower in EVIDENCE_NOUNS:
            return True
    return False


def _noun_before_verb(after: list[Token]) -> bool:
    """The words after a noun-like form are a verb of its own ('Most states have passed') or a relative clause
    ('the three states that voted', 'reports that have surfaced'): the form is a noun, its subject."""
    if after and after[0].lower in COPULAS:
        return True
    if len(after) > 1 and after[0].lower == "that":
        word = after[1].lower
        return word in COPULAS or word.endswith("ed")
    return False


def _plural_subject_before(tokens: list[Token], i: int) -> bool:
    """'several oppose the deal', 'Only two Democrats currently back …': a plural subject before a bare verb."""
    k = i - 1
    while k > 0 and adverb(tokens[k].lower) and tokens[k].text.islower():
        k -= 1
    previous = tokens[k] if k >= 0 else None
    if previous is None or previous.lower in DETERMINERS or previous.lower == "to":
        return False
    plural_noun = previous.lower.endswith("s") and not previous.lower.endswith(("ss", "'s", "’s"))
    return plural_noun or (previous.lower in VERB_PRECEDERS and previous.lower not in THIRD_SINGULAR_PRONOUNS)


def _quote_follows(tokens: list[Token], within: int) -> bool:
    return any(t.text in QUOTE_MARKS for t in tokens[:within])
