"""Where a speaker phrase begins and ends: before the cue ('X said'), after it ('said the minister'), in an
apposition ('Senator John Cornyn of Texas, the No. 2 Republican, said'), or the sentence's subject."""

from __future__ import annotations

import bisect
import itertools
from typing import Final

from ...lang import Lexicon
from ...lang.en.cues import ATTITUDE_ADJECTIVES, CUE_FORMS
from ...lang.en.grammar import (
    ARTICLES,
    ASIDES,
    AUXILIARIES,
    CLAUSE_BOUNDARIES,
    CONTROL_VERBS,
    COPULAS,
    DEGREE_WORDS,
    DETERMINERS,
    GERUND_TAKING,
    IRREGULAR_PAST,
    JOINING_CONJUNCTIONS,
    NEGATIVE_CONTRACTIONS,
    NON_NOUNS,
    NOT_SPEAKERS,
    NOT_SUBJECT_PRONOUNS,
    OPENING_ADJUNCTS,
    POSSESSIVES,
    PREPOSITIONS,
    RELATIVE_PRONOUNS,
    RELATIVE_TIME_DETERMINERS,
    SENTENCE_LINKS,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    TIME_WORDS,
)
from ...lang.en.names import NAME_ABBREVIATIONS, TITLE_WORDS, holds_a_role
from ...text.spans import Token
from ..candidate import Range
from .cues import adverb
from .sentence import CLAUSE_PUNCT, ENDING_PUNCT, MAX_SPEAKER_TOKENS, QUOTE_MARKS

__all__ = [
    "after_comma",
    "after_dateline",
    "after_quote",
    "appositive_speaker",
    "closing_clause",
    "coordinated",
    "is_title_dot",
    "sentence_subject",
    "skip_back",
    "speaker_after",
    "speaker_before",
]


def skip_back(tokens: list[Token], j: int, lexicon: Lexicon) -> int:
    """Index of the first token before ``j`` (inclusive) that is not an auxiliary or an adverb."""
    while j >= 0:
        word = tokens[j].lower
        if word in AUXILIARIES or word in TIME_WORDS or (adverb(word) and tokens[j].text.islower()):
            j -= 1
        elif word in DEGREE_WORDS or word in GERUND_TAKING or word in lexicon.cue_skips:
            j -= 1  # 'was less shy about', 'just starts talking about'

        elif word == "on" and j + 1 < len(tokens) and tokens[j + 1].lower in TIME_WORDS:
            j -= 1  # 'Obama on Sunday said'
        elif word == "to" and j > 0 and tokens[j - 1].lower in CONTROL_VERBS:
            j -= 2  # 'continued to warn', 'declined to endorse'
        elif word == "to" and j > 1 and tokens[j - 1].lower == "on" and tokens[j - 2].lower in CONTROL_VERBS:
            j -= 3  # 'She went on to say'
        elif word == "to" and j > 1 and tokens[j - 1].text[:1].isupper():
            j -= 1  # 'prompted Sanders to advocate': the name is the subject
        else:
            break
    # ', meanwhile,' between the speaker and the cue
    if j >= 2 and tokens[j].text == "," and tokens[j - 1].lower in ASIDES and tokens[j - 2].text == ",":
        j -= 3
    return j


def coordinated(tokens: list[Token], j: int, i: int) -> bool:
    """Whether the cue at ``i`` is a finite verb after 'and' or a comma, sharing the sentence's subject."""
    if j < 1 or tokens[j].lower not in {"and", "but", ","} or tokens[i].lower.endswith("ing"):
        return False
    if not tokens[i].text.islower():
        return False  # a capitalised cue is a headline's, whose subject is rarely the speaker
    lemma = CUE_FORMS.get(tokens[i].lower)
    return tokens[i].lower != lemma or lemma in ATTITUDE_ADJECTIVES  # 'told', 'slams', 'but was shy', not 'say'


def after_comma(tokens: list[Token], j: int) -> bool:
    """Whether token ``j`` ends a clause with a comma: '…campaign,' or '…together,"'."""
    if j >= 1 and tokens[j].text in QUOTE_MARKS and tokens[j - 1].text == ",":
        return True
    return j >= 0 and tokens[j].text == ","


def after_quote(tokens: list[Token], j: int) -> bool:
    """Whether token ``j`` closes a quotation: '"…," said the minister'."""
    if j < 0:
        return False
    if tokens[j].text in QUOTE_MARKS:
        return True
    return tokens[j].text == "," and j > 0 and tokens[j - 1].text in QUOTE_MARKS


def closing_clause(tokens: list[Token], comma: int, i: int, lexicon: Lexicon) -> bool:
    """', said one GOP source in the room.': a comma before the cue and only the speaker after it."""
    if comma < 3 or tokens[comma].text != ",":
        return False
    speaker = speaker_after(tokens, i + 1, lexicon)
    if speaker is None:
        return False
    phrase = list(itertools.takewhile(lambda t: t.end <= speaker[1], tokens[i + 1 :]))
    if any(t.lower in AUXILIARIES for t in phrase):
        return False  # ', said the chamber will vote …' has a verb: it is the content
    after = i + 1 + len(phrase)
    if len(tokens) - after > _LONGEST_TAIL:
        return False  # more than a few words follow the speaker: they are no adjunct
    rest = [t for t in tokens[after:] if t.text not in ENDING_PUNCT]
    if not rest:
        return True
    if _apposition(rest):
        return True  # ', said Jason Kersten, a spokesman for the Department of Correction.'
    # ', said one GOP source in the room.', ', said a spokesman on Sunday.'
    adjunct = rest[0].lower in PREPOSITIONS or rest[0].lower in TIME_WORDS or rest[0].lower in lexicon.speaker_stops
    if rest[-1].lower in lexicon.clause_particles and len(rest) <= 4:
        return True  # ', teilte das Unternehmen heute mit.'
    return adjunct and len(rest) <= 8 and not any(t.text in CLAUSE_PUNCT or t.text in QUOTE_MARKS for t in rest)


def _apposition(rest: list[Token]) -> bool:
    """', a spokesman for the Department of Correction': a comma, an article and a noun phrase with no verb."""
    return (
        len(rest) >= 3
        and rest[0].text == ","
        and rest[1].lower in ARTICLES
        and not any(t.lower in AUXILIARIES or t.text in QUOTE_MARKS or t.text in CLAUSE_PUNCT for t in rest[1:])
    )


_LONGEST_TAIL: Final = 12
"""Tokens after the speaker of a closing clause, at most: an adjunct ('in the room') and the full stop."""


def appositive_speaker(tokens: list[Token], comma: int, lexicon: Lexicon) -> Range | None:
    """'Senator John Cornyn of Texas, the No. 2 Republican in the Senate, said': name and apposition; 'The firm
    that runs the festival, Brightline Events, denies': the name that the apposition gives a description."""
    j: int | None = comma
    for _ in range(2):  # 'Jillian Chase, 27, a Tinder user in New York, said'
        j = _previous_comma(tokens, j) if j is not None else None
        if j is None:
            return None
        if _a_name(tokens[j + 1 : comma]) and not any(t.text[:1].isupper() for t in tokens[1:j]):
            return (tokens[j + 1].start, tokens[comma - 1].end)
        name = speaker_before(tokens, j - 1, lexicon)
        if name is not None and any(t.text[:1].isupper() for t in tokens[:j] if t.start >= name[0]):
            return (name[0], tokens[comma - 1].end)
    return None


def _a_name(words: list[Token]) -> bool:
    """Whether ``words`` are a proper name of two words or more ('Brightline Events', 'Bank of America')."""
    capitalised = [t for t in words if t.text[:1].isupper()]
    return len(capitalised) >= 2 and all(t.text[:1].isupper() or t.lower in _NAME_JOINERS for t in words)


def _named_after(tokens: list[Token], comma: int) -> Range | None:
    """', former aide Dana Whitfield.' after a description: the role and name that close the sentence."""
    k = comma + 1
    while k < len(tokens) and tokens[k].text not in CLAUSE_PUNCT and tokens[k].text not in ENDING_PUNCT:
        k += 1
    phrase = tokens[comma + 1 : k]
    if not 2 <= len(phrase) <= MAX_SPEAKER_TOKENS or (k < len(tokens) and tokens[k].text not in ENDING_PUNCT):
        return None
    name = list(itertools.dropwhile(lambda t: t.text.islower(), phrase))
    if not _a_name(name) or any(t.text in QUOTE_MARKS for t in phrase):
        return None
    return (phrase[0].start, phrase[-1].end)


def _previous_comma(tokens: list[Token], comma: int) -> int | None:
    """The comma that opens the apposition closed by ``comma``, if the words between can be one."""
    j = comma - 1
    while j >= 0 and comma - j <= 35 and tokens[j].text != ",":
        if (
            tokens[j].text in QUOTE_MARKS
            or tokens[j].text in "!?;"
            or (tokens[j].text == "." and not _is_abbreviation(tokens, j))
        ):
            return None
        j -= 1
    if j <= 0 or tokens[j].text != "," or j == comma - 1:
        return None
    return j


def _is_abbreviation(tokens: list[Token], j: int) -> bool:
    return j > 0 and (is_title_dot(tokens, j) or tokens[j - 1].lower in NAME_ABBREVIATIONS)


def is_title_dot(tokens: list[Token], j: int) -> bool:
    return tokens[j].text == "." and j > 0 and (tokens[j - 1].lower + ".") in TITLE_WORDS


def _inside_a_name(tokens: list[Token], j: int) -> bool:
    """A full stop that ends a title ('Sen.') or a middle initial before the rest of a name ('Marcia J. Lowell')."""
    if is_title_dot(tokens, j):
        return True
    initial = (
        j > 1 and len(tokens[j - 1].text) == 1 and tokens[j - 1].text.isupper() and tokens[j - 2].text[:1].isupper()
    )
    return initial and j + 1 < len(tokens) and tokens[j + 1].text[:1].isupper()


def speaker_before(tokens: list[Token], j: int, lexicon: Lexicon) -> Range | None:
    """The noun phrase ending at token ``j``: the speaker in 'X said'."""
    end = j
    while j >= 0 and end - j < MAX_SPEAKER_TOKENS:
        token = tokens[j]
        if token.text == ")":
            opening = next((k for k in range(j - 1, max(-1, j - 10), -1) if tokens[k].text == "("), None)
            if opening is not None:
                j = opening - 1  # 'Sen. Mitch McConnell (R-Ky.)'
                continue
        if token.text in QUOTE_MARKS and _possessive_mark(tokens, j, end):
            j -= 1  # 'Sanders’ aides'
            continue
        if token.text in QUOTE_MARKS or (token.text in ENDING_PUNCT and not _inside_a_name(tokens, j)):
            break
        if _after_a_dateline(tokens, j):
            break  # '2025 - Mayor James Wilson said', 'WASHINGTON -- President Obama said'
        if token.text in CLAUSE_PUNCT and not _inside_parentheses(tokens, j, end) and not _in_a_number(tokens, j):
            break
        if token.lower in RELATIVE_PRONOUNS and token.text.islower():
            if j == end or not _opens_a_subject(tokens[j + 1]):
                j -= 1  # 'Collins, who …', 'who last year said': the relative pronoun is the mention
            break  # '…, which organizers said …': the words after it are the subject
        boundary = token.lower in CLAUSE_BOUNDARIES or token.lower in lexicon.speaker_boundaries
        if boundary and (token.text.islower() or j == 0):
            if token.lower == "for" and _role_for_name(tokens, j, end):
                j -= 1  # 'a spokesman for Senator Smith', 'a top adviser for President Obama'
                continue
            if token.lower == "and" and j < end and (_joins_modifiers(tokens, j) or _name_and_own(tokens, j, end)):
                # ('… in October and said': an 'and' right before the cue joins two verbs)
                j -= 1
                continue
            break
        if j != end and token.text.islower() and (token.lower in CUE_FORMS or _finite_verb(tokens, j)):
            if j >= 2 and tokens[j - 1].lower == "who" and tokens[j - 2].text not in CLAUSE_PUNCT:
                # 'Some supporters who traveled to Philadelphia … say': the noun the relative clause describes
                return speaker_before(tokens, j - 2, lexicon)
            break
        j -= 1
    start = j + 1
    if end - start >= 2 and tokens[end].lower in TIME_WORDS and tokens[end - 1].lower == "on":
        end -= 2  # 'The Washington Post on Thursday became …': the time is no part of the subject
    if start > end or not _has_noun(tokens[start : end + 1]):
        return None
    if start == end and tokens[start].lower in NOT_SPEAKERS:
        return None
    if start < end and tokens[end].lower in SUBJECT_PRONOUNS and tokens[end - 1].lower not in JOINING_CONJUNCTIONS:
        start = end  # 'Just an hour earlier she wrote', 'the legislation he wrote': the pronoun speaks
    return (tokens[start].start, tokens[end].end)


def _in_a_number(tokens: list[Token], j: int) -> bool:
    """A comma between the digits of a number ('About 12,500 said')."""
    before, after = tokens[j - 1] if j > 0 else None, tokens[j + 1] if j + 1 < len(tokens) else None
    return (
        before is not None
        and after is not None
        and before.text.isdigit()
        and after.text.isdigit()
        and before.end == tokens[j].start
        and tokens[j].end == after.start
    )


def _role_for_name(tokens: list[Token], j: int, end: int) -> bool:
    """'for' between a role and a name: 'a spokesman for Senator Smith' is the spokesman."""
    return (
        0 < j < end
        and tokens[j - 1].text.islower()
        and holds_a_role(tokens[j - 1].lower)
        and tokens[j + 1].text[:1].isupper()
    )


def _name_and_own(tokens: list[Token], j: int, end: int) -> bool:
    """'and' between a name and what is its own: 'Sanders and his aides'."""
    return 0 < j < end and tokens[j - 1].text[:1].isupper() and tokens[j + 1].lower in POSSESSIVES


def _possessive_mark(tokens: list[Token], j: int, end: int) -> bool:
    """An apostrophe after a plural or a name in -s, before a lower-case noun: 'Sanders’ aides' (not the closing
    mark of '‘… the votes’ Smith said')."""
    return (
        tokens[j].text in "’'"
        and 0 < j < end
        and tokens[j - 1].end == tokens[j].start
        and tokens[j - 1].lower.endswith("s")
        and tokens[j + 1].text.islower()
    )


def _opens_a_subject(token: Token) -> bool:
    """Whether a word after 'which' or 'who' opens the clause's subject ('which organizers said'), not an
    adjunct of a relative pronoun that is the subject itself ('who last year said', 'who through his office')."""
    word = token.lower
    if word in PREPOSITIONS or word in TIME_WORDS or word in RELATIVE_TIME_DETERMINERS or adverb(word):
        return False
    return word.isalpha() or token.text[:1].isupper()  # 'organizers', 'the department', 'U.S. officials'


def _after_a_dateline(tokens: list[Token], j: int) -> bool:
    """Whether token ``j`` is the dash (one or two, with a space before them) after a dateline of digits or
    capitals; the speaker starts after it ('a U.S.-born gunman' has no dateline)."""
    if tokens[j].text not in "-–—":
        return False
    k = j
    while k > 0 and tokens[k - 1].text in "-–—" and tokens[k - 1].end == tokens[k].start:
        k -= 1
    if k == 0 or tokens[k - 1].end == tokens[k].start:
        return False
    if tokens[k - 1].text.isdigit() or tokens[k - 1].text.isupper():
        return True
    # 'BROOKLYN CENTER, Minn. —': a place in capitals and its state, opening the sentence
    return tokens[k - 1].text == "." and k <= 8 and tokens[0].text.isupper() and len(tokens[0].text) > 1


def _present_verb_after_name(tokens: list[Token], j: int, start: int) -> bool:
    """A present-tense verb after a name, with its object after it: 'Hunter represents a district' (not
    'Clinton aides said', a name and a plural noun)."""
    word = tokens[j].lower
    return (
        start < j < len(tokens) - 1
        and tokens[j].text.islower()
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and tokens[j - 1].text[:1].isupper()
        and (tokens[j + 1].lower in DETERMINERS or tokens[j + 1].lower == "that")
    )


def after_dateline(tokens: list[Token], j: int = 0) -> int:
    """The first token after a dateline that opens the sentence at ``j`` ('BIDDEFORD (AP) –'), else ``j``."""
    dateline = next((k for k in range(j, min(len(tokens), j + 12)) if _ends_a_dateline(tokens, k)), None)
    return j if dateline is None else dateline + 1


def _ends_a_dateline(tokens: list[Token], k: int) -> bool:
    """The dash after a dateline: '2025 -', 'WASHINGTON --', 'ORLANDO, Fla. (Reuters) -'."""
    if _after_a_dateline(tokens, k):
        return True
    return tokens[k].text in "-–—" and k > 0 and tokens[k - 1].text == ")" and tokens[k - 1].end < tokens[k].start


def _finite_verb(tokens: list[Token], j: int) -> bool:
    """'Labor Secretary Thomas Perez stopped': a verb, so the speaker phrase begins after it."""
    word = tokens[j].lower
    if word in COPULAS or word in IRREGULAR_PAST:
        return True
    previous = tokens[j - 1].lower if j > 0 else ""
    return word.endswith("ed") and previous not in DETERMINERS and not adverb(previous)


def _inside_parentheses(tokens: list[Token], j: int, end: int) -> bool:
    """Whether token ``j`` is a bracket of '(R-N.Y.)' inside the phrase that ends at ``end``."""
    if tokens[j].text == ")":
        return any(t.text == "(" for t in tokens[max(0, j - 8) : j])
    if tokens[j].text == "(":
        return any(t.text == ")" for t in tokens[j : end + 1])
    return False


def _joins_names(tokens: list[Token], j: int) -> bool:
    return 0 < j < len(tokens) - 1 and tokens[j - 1].text[:1].isupper() and tokens[j + 1].text[:1].isupper()


def _joins_modifiers(tokens: list[Token], j: int) -> bool:
    """'and' inside one phrase: 'Collins and Hunter', 'strategic and defence analysts'."""
    if _joins_names(tokens, j):
        return True
    single = j >= 1 and (j == 1 or tokens[j - 2].text in CLAUSE_PUNCT or tokens[j - 2].lower in PREPOSITIONS)
    return single and tokens[j - 1].text.isalpha() and not tokens[j - 1].lower.endswith("ed")


def _has_noun(tokens: list[Token]) -> bool:
    words = [t for t in tokens if t.text[:1].isalnum()]
    return (
        bool(words)
        and words[-1].lower not in NON_NOUNS
        and words[-1].lower not in AUXILIARIES
        and not adverb(words[-1].lower)
    )


_NAME_JOINERS: Final = frozenset({"of", "and"})
"""A lower-case word that may stand between capitalised words in a speaker after a cue ('Bank of America',
'Burton and Nick')."""


def speaker_after(tokens: list[Token], i: int, lexicon: Lexicon) -> Range | None:
    """The noun phrase right after the cue: the speaker in '"…," said the minister.'"""
    word = tokens[i].lower if i < len(tokens) else ""
    if word in lexicon.pronouns and word not in DETERMINERS and word not in NOT_SUBJECT_PRONOUNS:
        return (tokens[i].start, tokens[i].end)  # '…, sagt er nervös', '…, said he': the pronoun alone
    j = i
    while j < len(tokens) and j - i < MAX_SPEAKER_TOKENS:
        token = tokens[j]
        named_in_quotes = token.text in QUOTE_MARKS and j > i and tokens[j - 1].lower in lexicon.articles
        if token.text == "," and j > i and not any(t.text[:1].isupper() for t in tokens[i + 1 : j]):
            named = _named_after(tokens, j)  # 'said another witness, former aide Dana Whitfield.'
            if named is not None:
                return named
        if (
            token.text in CLAUSE_PUNCT
            or (token.text in QUOTE_MARKS and not named_in_quotes)  # 'so der „Ermittlungsausschuss Frankfurt“'
            or (token.text in ENDING_PUNCT and not _inside_a_name(tokens, j))
        ):
            break
        inside_a_name = (  # 'Department of Correction spokesman Jason Kersten', 'Bank of America'
            token.lower in _NAME_JOINERS
            and i < j < len(tokens) - 1
            and tokens[j - 1].text[:1].isupper()
            and tokens[j + 1].text[:1].isupper()
        )
        if j > i and token.text in lexicon.object_articles:
            break  # 'fordert der mexikanische Staat | die Rückgabe …': an object's article ends the subject
        if (
            token.text.islower()
            and not inside_a_name
            and (
                token.lower in PREPOSITIONS or token.lower in CLAUSE_BOUNDARIES or token.lower in lexicon.speaker_stops
            )
        ):
            break
        j += 1
    if j == i or not _has_noun(tokens[i:j]):
        return None
    opened = sum(t.text in "„“" for t in tokens[i:j]) % 2 == 1
    if opened and j < len(tokens) and tokens[j].text in "“”":
        j += 1  # the closing mark of 'der „Ermittlungsausschuss Frankfurt“'
    return (tokens[i].start, tokens[j - 1].end)


def sentence_subject(tokens: list[Token], quotes: list[Range]) -> Range | None:
    """The phrase that opens the sentence, up to its verb: the speaker of ', adding that …'."""
    j = 0
    opening_quote = next((q for q in quotes if tokens and q[0] == tokens[0].start), None)
    if opening_quote is not None:  # '“Everything is on the table,” Carson told the AP after hinting …'
        j = bisect.bisect_left(tokens, opening_quote[1], key=lambda t: t.start)
        while j < len(tokens) and tokens[j].text == ",":
            j += 1
    j = after_dateline(tokens, j)  # 'ORLANDO, Fla. (Reuters) - President Barack Obama met … and said …'
    while j < len(tokens) and (tokens[j].text in QUOTE_MARKS or tokens[j].lower in SENTENCE_LINKS):
        j += 1  # 'But she …', 'And, critics say …'
    opener = tokens[j].lower if j < len(tokens) else ""
    if (
        opener in PREPOSITIONS
        or opener in SUBORDINATORS
        or opener in OPENING_ADJUNCTS
        or opener.endswith(("ed", "ing"))
    ):
        # 'In a rare moment of candour, Pakistan’s Defence Minister … has acknowledged …, admitting …'
        comma = next((k for k in range(j + 1, min(len(tokens), j + 30)) if tokens[k].text == ","), None)
        if comma is None:
            return None
        j = comma + 1
    start = j
    while j < len(tokens) and j - start < MAX_SPEAKER_TOKENS:
        token = tokens[j]
        lowered = token.lower
        if token.text in CLAUSE_PUNCT or lowered in AUXILIARIES or lowered in CUE_FORMS:
            break
        if lowered.endswith(NEGATIVE_CONTRACTIONS):
            break  # 'she hasn't outlined'

        if _present_verb_after_name(tokens, j, start):
            break  # 'Hunter represents a district …'
        if lowered == "on" and j + 1 < len(tokens) and tokens[j + 1].lower in TIME_WORDS:
            break  # 'The Washington Post on Thursday became …'
        after_determiner = j > start and tokens[j - 1].lower in DETERMINERS  # 'The retired neurosurgeon'
        verb_like = (lowered.endswith("ed") and not after_determiner) or adverb(lowered) or lowered in IRREGULAR_PAST
        if token.text.islower() and (verb_like or (lowered in CLAUSE_BOUNDARIES and lowered != "and")):
            break
        j += 1
    if j == start or not _has_noun(tokens[start:j]):
        return None
    return (tokens[start].start, tokens[j - 1].end)
