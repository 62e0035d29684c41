"""Where the content begins and ends: a quotation beside the cue, the clause after it, the object phrase of a
stance verb, or the clause before ', he said'."""

from __future__ import annotations

import bisect
from typing import Final

from ...lang.en.cues import (
    ATTITUDE_LEMMAS,
    CUE_FORMS,
    CUE_WORDS,
    NOUN_LIKE,
    NOUN_PHRASE_CUES,
    OBJECT_TAKING,
    PHRASAL_CUES,
    PREPOSITION_TAKING_CUES,
)
from ...lang.en.grammar import (
    ARGUMENT_PREPOSITIONS,
    AUXILIARIES,
    COMPLEMENTISERS,
    COPULAS,
    DAY_WORDS,
    DEGREE_WORDS,
    DETERMINERS,
    FINITE_AUXILIARIES,
    HANDOVER_WORDS,
    INFINITIVE_TAKING,
    IRREGULAR_PAST,
    PARTICIPLE_PREPOSITIONS,
    PHRASE_BREAK_WORDS,
    PREPOSITIONS,
    RELATIVE_TIME_DETERMINERS,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    TIME_ADJUNCT_OPENERS,
    TIME_CLAUSE_OPENERS,
    TIME_UNITS,
    TIME_WORDS,
    TOPIC_PREPOSITIONS,
)
from ...text.spans import Token
from ..candidate import Range
from .sentence import (
    CLAUSE_PUNCT,
    ENDING_PUNCT,
    MAX_SPEAKER_TOKENS,
    PHRASE_BREAKS,
    QUOTE_MARKS,
    Sentence,
    trimmed,
)
from .speaker_phrases import after_dateline, is_title_dot, skip_back

_LISTENER_REACH: Final = 10
"""Tokens after the cue in which a quotation may follow its listener ('told Forbes in an article published
Tuesday, “…”')."""
_SHORTEST_QUOTATION: Final = 3
"""Words a quotation after a listener has at least to be a quotation of speech, not a quoted word."""

__all__ = [
    "clause_end",
    "comma_before",
    "content_after",
    "content_before",
    "next_token_start",
    "noun_phrase_end",
    "parenthetical",
    "quote_after_clause",
    "quote_ending_before",
    "with_lead_in",
]


def quote_ending_before(sentence: Sentence, position: int) -> Range | None:
    """A quotation that ends just before ``position`` (only a comma or nothing between)."""
    tokens = sentence.tokens
    k = sentence.first_at(position) - 1
    while k >= 0 and tokens[k].text in ",:—–-":
        k -= 1
    after = tokens[k].start if k >= 0 else -1  # the quotation must end after the last word before the gap
    ends = sentence.index.quote_ends
    candidates = ends[bisect.bisect_right(ends, (after, len(ends))) : bisect.bisect_right(ends, (position, len(ends)))]
    if not candidates:
        return None
    return sentence.quotes[min(n for _, n in candidates)]  # the first of them in the sentence's order


def with_lead_in(sentence: Sentence, quote: Range) -> Range:
    """'Mills "got an immunity agreement," Jordan said': the words that lead into the quotation belong to it."""
    lead = sentence.count_before(quote[0])
    if not lead or any(_closes_a_lead_in(t) for t in sentence.tokens[:lead]):
        return quote
    return sentence.start, quote[1]


def _closes_a_lead_in(token: Token) -> bool:
    """A cue verb ('said', not 'secretary of state'), a quotation mark or a full stop before the quotation."""
    cue_verb = token.lower in CUE_WORDS and token.lower not in NOUN_LIKE
    return cue_verb or token.text in QUOTE_MARKS or token.text in ".!?"


def quote_after_clause(text: str, sentence: Sentence, position: int) -> Range | None:
    """In '"A," he said, "B."': the quotation B that resumes after the attribution clause.

    Words before B belong to it ('…," Jordan said, and still "got to sit in …"').
    """
    first = sentence.first_at(position)
    tail = sentence.tokens[first : first + 8]
    for n, token in enumerate(tail):
        if token.text in ".!?":
            return None
        if token.text == ",":
            rest = sentence.tokens[first + n + 1 : first + n + 6]
            if not rest or not sentence.quotes:
                return None
            quote = sentence.quote_at(rest[0].start)
            if quote is not None:
                return quote
            opens_soon = any(sentence.quote_at(t.start) is not None for t in rest[1:5])
            if opens_soon and not CUE_WORDS.intersection(t.lower for t in rest[:5]):
                return trimmed(text, rest[0].start, sentence.end)
            return None
    return None


def content_after(text: str, sentence: Sentence, position: int, lemma: str, next_cue: int | None) -> Range | None:
    """The content that follows the cue: a quotation, or the clause up to the end of the sentence."""
    tokens = sentence.tokens[sentence.first_at(position) :]
    if len(tokens) > 2 and tokens[0].lower in sentence.lexicon.cue_skips and tokens[1].text == ",":
        tokens = tokens[1:]  # 'Wie die FIFA bekanntgegeben hat, wird …'
    if not tokens or tokens[0].text in "—–(":
        return None  # 'Such a move could alienate his backers, Clinton allies believe — backers …'
    if tokens[0].lower in TIME_CLAUSE_OPENERS:
        return None  # 'was just joking when he said …': a time clause, not what was said
    if tokens[0].lower in COPULAS or (len(tokens) > 1 and _verb_and_object(tokens[0], tokens[1])):
        return (
            None  # 'which the Post said is Rep. Ney', 'that officials say appears to be arson': its subject is before
        )
    handover = next(
        (n for n, t in enumerate(tokens[:3]) if next_cue is not None and t.start == sentence.tokens[next_cue].start),
        None,
    )
    stance = handover is not None and CUE_FORMS.get(tokens[handover].lower) in ATTITUDE_LEMMAS
    if handover is not None and not stance and all(t.lower in HANDOVER_WORDS for t in tokens[:handover]):
        return None  # 'responded first by saying he …': the next cue's content is this one's (but 'said he backed …')
    # A quotation right after the cue and its listener ('told reporters: "…"')
    for n, token in enumerate(tokens[:_LISTENER_REACH]):
        if token.lower in sentence.lexicon.complementizers or token.text in ".!?":
            break
        quote = sentence.quote_at(token.start)
        if quote is not None:
            # ('told the panel it was her “obligation” to …': a word in quotation marks is no quotation of speech)
            spoken = len(text[quote[0] : quote[1]].split()) >= _SHORTEST_QUOTATION
            if n == 0 or tokens[n - 1].text in ",:" or (lemma in OBJECT_TAKING and spoken):
                return quote
            break
    start_token = 0
    that_at = next((n for n, t in enumerate(tokens[:10]) if t.lower in sentence.lexicon.complementizers), None)
    if that_at is not None and _complement_starts_at_that(tokens, that_at, lemma):
        start_token = that_at
    elif (adjunct := _adjunct_before_clause(tokens)) is not None:
        start_token = adjunct  # 'said on Thursday the company would …', 'said in a statement the plan …'
    elif tokens[0].lower in TIME_WORDS:
        return None  # 'said Sunday in Virginia': an adjunct, the content is elsewhere
    elif tokens[0].text in ",:" and len(tokens) > 1:
        start_token = 1
    elif lemma in OBJECT_TAKING and (subject := _subject_after_listener(tokens)) is not None:
        start_token = subject  # 'told his audience they wouldn’t back him'
    elif len(tokens) > 2 and (tokens[0].lower in TOPIC_PREPOSITIONS or tokens[0].lower in PHRASAL_CUES.get(lemma, ())):
        start_token = 1  # 'joked about …', 'advocated for …', 'pointed to …'
    elif tokens[0].lower == "to" and lemma in INFINITIVE_TAKING and len(tokens) > 2:
        start_token = 0  # 'declined to affirm his support', 'threatened to tear it up'
    elif tokens[0].lower in PREPOSITIONS and lemma not in PREPOSITION_TAKING_CUES:
        return None
    end = clause_end(text, sentence, tokens[start_token].start, next_cue)
    after_particle = start_token == 1 and tokens[0].text.isalpha()  # 'warning of accidents …', 'pointed to …'
    after_comma = start_token == 1 and tokens[0].text == ","  # 'schlug vor, zu prüfen, ob …': a clause
    object_phrase = (lemma in NOUN_PHRASE_CUES and not after_comma) or after_particle
    if object_phrase and tokens[start_token].lower not in COMPLEMENTISERS:
        end = min(end, noun_phrase_end(tokens, start_token))
    content = trimmed(text, tokens[start_token].start, end)
    first = len(sentence.tokens) - len(tokens) + start_token  # (``tokens`` ends the sentence's tokens)
    words = sentence.first_at(content[1]) - max(sentence.first_at(content[0]), first)
    if words < (1 if after_particle else 2):
        return None  # one word is content only as an object: 'talking about baseball'
    return content


def noun_phrase_end(tokens: list[Token], first: int, *, before_verb: bool = False) -> int:
    """Where the object that starts at ``tokens[first]`` ends: 'endorsed Mrs. Clinton | this month, …'.

    It ends at clause punctuation, at a conjunction or relative word, at 'by' + gerund ('by pointing out'),
    and at 'and' + verb ('and visiting', 'and dismissed').
    """
    subordinate = False  # 'to speculate on a plan if he is not able …': the clause's own verb
    for n in range(first + 1, len(tokens)):
        token = tokens[n]
        following = tokens[n + 1].lower if n + 1 < len(tokens) else ""
        subordinate = subordinate or token.lower in SUBORDINATORS
        initial = len(tokens[n - 1].text) == 1 and tokens[n - 1].text.isupper()  # 'George W. Bush'
        decimal = tokens[n - 1].text.isdigit() and following[:1].isdigit() and tokens[n - 1].end == token.start
        ends = token.text in ENDING_PUNCT and not is_title_dot(tokens, n) and not initial and not decimal
        if token.text in PHRASE_BREAKS or ends:
            return token.start
        if not token.text.islower():
            continue
        time_adjunct = token.lower in TIME_ADJUNCT_OPENERS and (following in TIME_UNITS or following in TIME_WORDS)
        if token.lower in PHRASE_BREAK_WORDS or time_adjunct:
            return token.start  # '… this month', '… on Sunday'
        if token.lower in DAY_WORDS and n > first + 1 and tokens[n - 1].lower not in PREPOSITIONS:
            return token.start  # '… Monday', but not '… during earlier eras'

        if token.lower == "by" and following.endswith("ing"):
            return token.start
        main_verb = token.lower in FINITE_AUXILIARIES and not subordinate
        if main_verb and n > first + 1 and (before_verb or tokens[first].lower == "to"):
            return token.start  # 'refusal to answer fully | did not go over well'
        if token.lower == "and" and _verb_form(following):
            return token.start  # 'and took the stage', 'and dismissed criticism'
        past = token.lower.endswith("ed") or token.lower in IRREGULAR_PAST
        if n > first + 1 and past and tokens[n - 1].text.isalpha() and _verb_after_noun(tokens, n):
            return token.start  # 'allegiance to various groups | carried out the shooting'
    return tokens[-1].end


def _adjunct_before_clause(tokens: list[Token]) -> int | None:
    """The index of a clause's first word after a time or place adjunct that opens the words after a cue, with no
    'that' ('Tuesday', 'last week', 'on Thursday', 'in a statement'); None when no clause follows it."""
    first = tokens[0].lower
    if first in RELATIVE_TIME_DETERMINERS and len(tokens) > 1 and tokens[1].lower in TIME_UNITS:
        candidates = [2]
    elif first in TIME_WORDS:
        candidates = [1]
    elif first in PREPOSITIONS and first not in ARGUMENT_PREPOSITIONS:
        candidates = [2, 3, 4]  # the preposition's object: 'on Thursday', 'in a statement', 'at the time'
    else:
        return None
    return next((n for n in candidates if n < len(tokens) and _opens_clause(tokens, n)), None)


def _opens_clause(tokens: list[Token], n: int) -> bool:
    """Whether a clause with a subject and a finite verb starts at ``n`` ('the company would', 'Trump is')."""
    word = tokens[n]
    if not (word.lower in DETERMINERS or word.lower in SUBJECT_PRONOUNS or word.text[:1].isupper()):
        return False
    if word.text[:1].isupper() and tokens[n - 1].text[:1].isupper():
        return False  # 'in New Hampshire he …': the name goes on
    if any(t.text in CLAUSE_PUNCT for t in tokens[: n + 1]):
        return False
    return any(t.lower in FINITE_AUXILIARIES for t in tokens[n + 1 : n + 6])


def _verb_and_object(first: Token, second: Token) -> bool:
    """'appears to be arson', 'involved a limousine': a clause that opens with its verb, its subject before the cue."""
    if not first.text.islower():
        return False
    if first.lower.endswith("s") and second.lower == "to":
        return True
    past = first.lower.endswith("ed") or first.lower in IRREGULAR_PAST
    return past and (second.lower in DETERMINERS or second.lower in PREPOSITIONS)


def _subject_after_listener(tokens: list[Token]) -> int | None:
    """The index of the clause's subject after a short listener phrase: a pronoun ('told his audience they …'), else
    the word or determiner and noun before the clause's finite verb ('told reporters nothing had changed', 'told
    the panel the plan was dead')."""
    for n, token in enumerate(tokens[1:5], start=1):
        if token.text in CLAUSE_PUNCT or token.text in QUOTE_MARKS:
            return None
        if token.lower.split("’")[0].split("'")[0] in SUBJECT_PRONOUNS:  # 'they', 'he’ll'
            return n  # 'told POLITICO he’ll work …'
    for v, token in enumerate(tokens[2:7], start=2):
        if token.text in CLAUSE_PUNCT or token.text in QUOTE_MARKS or token.lower in COMPLEMENTISERS:
            return None
        if token.lower in FINITE_AUXILIARIES or token.lower in IRREGULAR_PAST:
            subject = v - 1
            if subject >= 2 and tokens[subject - 1].lower in DETERMINERS:
                subject -= 1
            return subject
    return None


def _verb_form(word: str) -> bool:
    """A lower-case word that reads as a verb: 'dismissed', 'visiting', 'took'."""
    return (word.endswith(("ed", "ing")) and word not in NOUN_LIKE) or word in IRREGULAR_PAST or word in CUE_FORMS


def _verb_after_noun(tokens: list[Token], n: int) -> bool:
    """Whether the -ed word at ``n`` is a main verb after a noun, not a participle ('the laws passed by')."""
    previous = tokens[n - 1].lower
    following = tokens[n + 1].lower if n + 1 < len(tokens) else ""
    if "-" in tokens[n].text or previous in DEGREE_WORDS:
        return False  # 'a very well-documented dark side'
    if previous in DETERMINERS or previous in AUXILIARIES or previous in PREPOSITIONS or previous in COPULAS:
        return False
    return following not in PARTICIPLE_PREPOSITIONS


def _complement_starts_at_that(tokens: list[Token], that_at: int, lemma: str) -> bool:
    """'said that …', 'told Politico on Wednesday that …', 'said in a statement that …'."""
    if that_at == 0:
        return True
    if tokens[that_at].lower != "that" and tokens[that_at - 1].text == ",":
        return not any(t.text in ",;" for t in tokens[: that_at - 1])  # German: 'sagte in der Zeitung, dass …'
    if any(t.text in ",;" for t in tokens[:that_at]):
        return False
    if all(
        t.lower in TIME_WORDS or t.lower in TIME_UNITS or t.lower in RELATIVE_TIME_DETERMINERS for t in tokens[:that_at]
    ):
        return True  # 'stated last month that …'

    return lemma in OBJECT_TAKING or tokens[0].lower in PREPOSITIONS


def clause_end(text: str, sentence: Sentence, start: int, next_cue: int | None) -> int:
    """Where the content ends: before ', adding that …' or ', he said', else at the sentence end."""
    end = sentence.end
    tokens, inside = sentence.tokens, sentence.index.strictly_inside
    after = sentence.first_at(start + 1)
    semicolons = sentence.semicolons()
    at = bisect.bisect_left(semicolons, after)
    if at < len(semicolons) and not inside[semicolons[at]]:
        end = tokens[semicolons[at]].start
    asides = sentence.aside_dashes(text)
    at = bisect.bisect_left(asides, after)
    if at < len(asides):
        end = min(end, tokens[asides[at]].start)  # '… - as many Republicans as Democrats': the writer's aside
    opener = tokens[0].lower if tokens else ""
    if opener in SUBORDINATORS:
        # 'While Islamabad has denied such allegations, Asif’s words …': the content ends with the clause
        comma = next((t for t in tokens[sentence.first_at(start) :] if t.text == ","), None)
        if comma is not None:
            end = min(end, comma.start)
    if next_cue is not None:
        tokens = sentence.tokens
        j = skip_back(tokens, next_cue - 1, sentence.lexicon)
        k = j
        while k >= 0 and tokens[k].start > start and tokens[k].text != ",":
            k -= 1
        if k >= 0 and tokens[k].start > start and next_cue - k <= MAX_SPEAKER_TOKENS:
            end = min(end, tokens[k].start)
    return end


def content_before(text: str, sentence: Sentence, position: int) -> Range | None:
    """In 'The plan will fail, he said.': the clause before the comma that precedes the speaker."""
    count = sentence.count_before(position)
    if count < 3 or sentence.tokens[count - 1].text != ",":
        return None
    first = after_dateline(sentence.tokens)  # 'BIDDEFORD (AP) – The filing should …, a spokeswoman said.'
    start = sentence.tokens[first].start if first < count - 1 else sentence.start
    return trimmed(text, start, sentence.tokens[count - 1].start)


def comma_before(sentence: Sentence, position: int) -> bool:
    count = sentence.count_before(position)
    return count > 0 and sentence.tokens[count - 1].text == ","


def parenthetical(sentence: Sentence, position: int) -> bool:
    first = sentence.first_at(position)
    return len(sentence.tokens) - first > 3 and sentence.tokens[first].text == ","


def next_token_start(sentence: Sentence, position: int, skip: str) -> int:
    following = (t for t in sentence.tokens[sentence.first_at(position) :] if t.text not in skip)
    return next((t.start for t in following), position)
