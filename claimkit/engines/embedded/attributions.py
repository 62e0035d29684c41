"""Attribution building: around each cue, a speaker and a content, as a ``Candidate``.

A cue is a speech, cognition or stance verb ('said', 'admitted', 'believes', 'endorsed'), an attitude adjective
after 'be' ('was uncomfortable on'), a speech noun with its possessor ('her claim that'), or 'according to'. Around
each cue the speaker is the phrase before the cue, after it in 'said the minister', or the sentence's subject for
', adding that …' (``speaker_phrases``); the content is a quotation next to the cue, the clause after it, the object
phrase of a stance verb, or the clause before ', he said' (``content``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ...lang.en.cues import ATTITUDE_LEMMAS, CUE_NOUNS, PASSIVE_CUES, QUESTION_CUES
from ...lang.en.grammar import (
    APPOSITIVES,
    ARTICLES,
    AUXILIARIES,
    BE_FORMS,
    CONTRASTING_CONJUNCTIONS,
    DETERMINERS,
    GERUND_OPENERS,
    IRREGULAR_PAST,
    POSSESSIVE_ENDINGS,
    POSSESSIVES,
    PREPOSITIONS,
    QUESTION_WORDS,
    SUBORDINATORS,
)
from ...lang.en.names import WORK_TITLE_SMALL_WORDS
from ..candidate import Candidate, Range
from . import german
from .content import (
    clause_end,
    comma_before,
    content_after,
    content_before,
    next_token_start,
    noun_phrase_end,
    parenthetical,
    quote_after_clause,
    quote_ending_before,
    with_lead_in,
)
from .cues import cue_lemma
from .sentence import CLAUSE_PUNCT, ENDING_PUNCT, Sentence, make_candidate, trimmed
from .speaker_phrases import (
    after_comma,
    after_quote,
    appositive_speaker,
    closing_clause,
    coordinated,
    is_title_dot,
    sentence_subject,
    skip_back,
    speaker_after,
    speaker_before,
)

__all__ = ["attributions_in"]

_ACCORDING: Final = "according to"


def attributions_in(text: str, sentence: Sentence) -> list[Candidate]:
    found: list[Candidate] = []
    tokens = sentence.tokens
    cue_words = sentence.lexicon.cue_words
    cues = [
        (i, lemma)
        for i in range(len(tokens))
        if tokens[i].lower in cue_words and (lemma := cue_lemma(sentence, i, text))
    ]
    for n, (i, lemma) in enumerate(cues):
        next_cue = cues[n + 1][0] if n + 1 < len(cues) else None
        if lemma == "according to" and sentence.german:
            candidate = german.according_to(text, sentence, i)
        elif lemma == "according to":
            candidate = _according_to(text, sentence, i)
        else:
            candidate = _verb_attribution(text, sentence, i, lemma, next_cue, found[-1] if found else None)
        gerund = tokens[i].lower.endswith("ing") and i > 0 and tokens[i - 1].lower in GERUND_OPENERS
        if gerund and any(c.content[0] <= tokens[i].start < c.content[1] for c in found):
            continue  # '… distance itself by calling it a job': the gerund's subject is inside the content
        if candidate is not None:
            found.append(candidate)
    for i in range(1, len(tokens) - 2):
        if tokens[i].lower in CUE_NOUNS and not sentence.in_quote(i):
            candidate = _noun_attribution(text, sentence, i)
            if candidate is not None and candidate.content not in {c.content for c in found}:
                found.append(candidate)
    return found


def _last_clause_at(sentence: Sentence, i: int) -> int:
    """Where the last main clause before token ``i`` opens: after ', but' outside quotation marks ('It’s a big if,
    but Sanders was in San Diego …, emphasizing …' is Sanders's), else the sentence's start."""
    tokens = sentence.tokens
    for k in range(i - 1, 1, -1):
        if tokens[k].lower in CONTRASTING_CONJUNCTIONS and tokens[k - 1].text == "," and not sentence.in_quote(k):
            return k + 1
    return 0


def _noun_attribution(text: str, sentence: Sentence, i: int) -> Candidate | None:
    """'her claim that she “never sent …”', 'Warren's criticism of the developer', 'His refusal to act'."""
    tokens = sentence.tokens
    lemma, links = CUE_NOUNS[tokens[i].lower]
    link = tokens[i + 1].lower
    if link not in links:
        return None
    infinitive = link == "to" and lemma != "oppose"  # 'refusal to answer', but 'opposition to the deal'
    owner = i - 1
    while owner > 0 and owner >= i - 2 and tokens[owner].text.islower() and tokens[owner].lower not in POSSESSIVES:
        owner -= 1  # 'Carson’s renewed endorsement of'
    word = tokens[owner]
    if word.lower in POSSESSIVES:
        speaker = (word.start, word.end)
    elif word.lower.endswith(POSSESSIVE_ENDINGS) and word.text[:1].isupper():
        name = speaker_before(tokens, owner, sentence.lexicon)
        if name is None:
            return None
        speaker = (name[0], word.end - 2)  # the name without its "’s"
    else:
        return None
    first = i + 1 if link == "that" or infinitive else i + 2
    clause = link == "that"
    end = (
        clause_end(text, sentence, tokens[first].start, None)
        if clause
        else noun_phrase_end(tokens, first, before_verb=True)  # 'criticism of the developer | was echoed'
    )
    content = trimmed(text, tokens[first].start, end)
    cue = (tokens[i].start, tokens[i].end)
    return make_candidate(text, sentence, content, speaker, cue, lemma, 0.5, rule="speech noun")


def _according_to(text: str, sentence: Sentence, i: int) -> Candidate | None:
    tokens = sentence.tokens
    cue = (tokens[i].start, tokens[i + 1].end)
    speaker_end = i + 2
    while speaker_end < len(tokens) and (
        tokens[speaker_end].text not in CLAUSE_PUNCT | set(ENDING_PUNCT) or is_title_dot(tokens, speaker_end)
    ):
        speaker_end += 1  # 'according to Mr. Smith', 'According to Dr. Jane Smith, …': a title's dot ends nothing
    if speaker_end == i + 2:
        return None
    speaker = (tokens[i + 2].start, tokens[speaker_end - 1].end)
    if i > 4 and tokens[i - 1].text == ",":
        # 'Only one person was killed …, according to the National Police Agency, and there were …': both sides;
        # '… since June, according to CrowdTangle, a social analytics tool': what follows describes the source;
        # 'In addition, according to …, the …': an adjunct before, the content after (the next branch)
        content = trimmed(text, sentence.start, tokens[i - 1].start)
        rest = speaker_end + 1
        if speaker_end < len(tokens) - 2 and tokens[speaker_end].text == "," and tokens[rest].lower not in APPOSITIVES:
            after = trimmed(text, tokens[rest].start, sentence.end)
            return make_candidate(
                text,
                sentence,
                (content[0], after[1]),
                speaker,
                cue,
                "according to",
                0.8,
                [content, after],
                rule=_ACCORDING,
            )
    elif speaker_end < len(tokens) and tokens[speaker_end].text == "," and speaker_end + 2 < len(tokens):
        content = trimmed(text, tokens[speaker_end + 1].start, sentence.end)
    else:
        return None
    return make_candidate(text, sentence, content, speaker, cue, "according to", 0.8, rule=_ACCORDING)


def _verb_attribution(
    text: str, sentence: Sentence, i: int, lemma: str, next_cue: int | None, previous: Candidate | None
) -> Candidate | None:
    """``previous``: the attribution found last in the sentence, whose speaker a participle after it shares."""
    tokens = sentence.tokens
    if i + 2 < len(tokens) and tokens[i + 1].lower == "by" and tokens[i].lower != lemma:
        # 'was first reported by BuzzFeed'; 'was written by lobbyists' names an author, not a source
        return _passive(text, sentence, i, lemma) if lemma in PASSIVE_CUES else None
    if tokens[i].lower != lemma and i > 0 and tokens[i - 1].lower in BE_FORMS and tokens[i].lower.endswith("ed"):
        return None  # 'No deal was announced', 'is expected to': a passive with no source
    cue = (tokens[i].start, tokens[i].end)
    if lemma == "point" and i + 1 < len(tokens) and tokens[i + 1].lower == "out":
        cue = (tokens[i].start, tokens[i + 1].end)
    subject = _verb_subject(text, sentence, i, previous)
    if subject is None:
        return None
    return _verb_content(text, sentence, i, lemma, cue, subject, next_cue)


@dataclass(frozen=True)
class _Subject:
    """Who says what a verb cue attributes, and how the sentence names them."""

    speaker: Range
    participle: bool
    """', saying that …': the speaker is another attribution's or the sentence's subject."""
    inverted: bool
    """'said the minister', '“…,” said Smith': the speaker after the cue, the content before or after it."""
    closing: bool
    """'…, the minister said.', '…, so der Ausschuss.': the content is before the cue."""
    shared: bool
    """The speaker is the attribution's before in the sentence ('…, the Post reported, citing …')."""
    interrupting: bool = False
    """'This pathway, says Omar Lindqvist, a biologist …, drives the response': the cue and speaker interrupt the
    content, which is on both sides of them."""

    def rule(self, content: str) -> str:
        """The rule's name: how the subject was read, and where the content is ('verb after', 'participle before')."""
        subject = (
            "shared" if self.shared else "participle" if self.participle else "inverted" if self.inverted else "verb"
        )
        return f"{subject} {content}"


def _verb_subject(text: str, sentence: Sentence, i: int, previous: Candidate | None) -> _Subject | None:
    """The speaker of the verb cue at ``i``: the phrase before it, after it (inverted), an apposition, or for a
    participle or a joined verb, the speaker of the attribution before or the sentence's subject."""
    tokens = sentence.tokens
    subject_at = skip_back(tokens, i - 1, sentence.lexicon)
    participle = tokens[i].lower.endswith("ing") and (
        after_comma(tokens, subject_at) or (i > 0 and tokens[i - 1].lower in GERUND_OPENERS)
    )
    german_so = sentence.german and tokens[i].lower == "so"  # '…, so der Ausschuss.' names its source after
    speaker = None if participle or german_so else speaker_before(tokens, subject_at, sentence.lexicon)
    if speaker is not None and tokens[i].lower.endswith("ing") and _object_before(sentence, speaker):
        participle, speaker = True, None  # 'released a note warning that …': the note is the object, not who warns
    if speaker is not None and text[speaker[0] : speaker[0] + 7].lower().startswith(("like ", "unlike ")):
        # '…, and like Trump has spoken about …': an adjunct, the subject is before it
        subject_at, speaker = sentence.first_at(speaker[0]) - 1, None
    fronted = sentence.german and speaker is not None and german.fronted(sentence, speaker)
    if fronted:
        speaker = None  # 'Auf Nachfrage sagte er, …': verb second, the subject after the verb, then the content
    closing = not participle and speaker is None and closing_clause(tokens, subject_at, i, sentence.lexicon)
    inverted = (
        speaker is None and not participle and (after_quote(tokens, subject_at) or closing or german_so or fronted)
    )
    interrupting = False
    if inverted:
        speaker = speaker_after(tokens, i + 1, sentence.lexicon)
    elif speaker is None and not participle and subject_at > 0 and tokens[subject_at].text == ",":
        interrupting = _interrupts(sentence, subject_at, i)
        if interrupting:  # 'This pathway, says Omar Lindqvist, a biologist …, drives the response.'
            speaker, inverted = speaker_after(tokens, i + 1, sentence.lexicon), True
        else:
            speaker = appositive_speaker(tokens, subject_at, sentence.lexicon)
    joined = participle or (speaker is None and coordinated(tokens, subject_at, i))
    # The speaker of the attribution before: '…, the Post reported, citing another anonymous source', 'he joked
    # about X, cited Y'; not for a progressive ('…, both of whom opposed the deal, are backing …'), whose subject
    # is before
    shared = None
    if joined and previous is not None and not any(tokens[k].lower in BE_FORMS for k in range(subject_at + 1, i)):
        shared = previous.speaker
    if shared is not None:
        speaker = shared
    elif joined:
        # ', saying that …', 'joked about X, declined to affirm Y, and told his audience …'
        clause = tokens[_last_clause_at(sentence, i) :]  # '…, but Sanders was …, emphasizing'; not '…, but said'
        speaker = sentence_subject(clause, sentence.quotes) or sentence_subject(tokens, sentence.quotes)
    if speaker is None:
        return None
    return _Subject(speaker, participle, inverted, closing or german_so, shared is not None, interrupting)


def _a_question(text: str, content: Range) -> bool:
    """Whether a content opens with a question word, or follows one ('asked Trump why | he did not …')."""
    first = text[content[0] : content[0] + 12].split(" ", 1)[0].lower()
    before = text[max(0, content[0] - 12) : content[0]].split()
    return first in QUESTION_WORDS or (bool(before) and before[-1].lower() in QUESTION_WORDS)


def _a_quoted_word(text: str, sentence: Sentence, quote: Range) -> bool:
    """A quotation of a word or two inside a clause: a word the writer quotes, not the speaker's quotation."""
    return quote[0] > sentence.start + 2 and len(text[quote[0] : quote[1]].split()) < 3


def _interrupts(sentence: Sentence, comma: int, i: int) -> bool:
    """Whether the cue at ``i``, after a comma, and the name after it interrupt a clause that goes on after them."""
    tokens = sentence.tokens
    if i + 2 >= len(tokens) or not tokens[i + 1].text[:1].isupper() or comma < 2:
        return False
    after = _after_apposition(sentence, i + 1)
    return after is not None and after < len(tokens) - 2 and tokens[after].text.islower()


def _after_apposition(sentence: Sentence, first: int) -> int | None:
    """The token after the comma that closes a name from ``first`` and the apposition after it, if any."""
    tokens = sentence.tokens
    commas = [k for k in range(first, min(len(tokens), first + 25)) if tokens[k].text == ","]
    if not commas:
        return None
    after = commas[0] + 1
    if after < len(tokens) and tokens[after].lower in ARTICLES and len(commas) > 1:
        after = commas[1] + 1  # ', a biologist at the University of Leeds,'
    return after


def _object_before(sentence: Sentence, phrase: Range) -> bool:
    """Whether ``phrase`` is the object of a verb or preposition before it ('released a note', 'posted on
    Facebook'), not a subject: after a verb, a phrase with its determiner."""
    tokens = sentence.tokens
    first, last = sentence.first_at(phrase[0]), sentence.first_at(phrase[1])
    for k in range(max(first - 1, 0), last - 1):  # the word before the phrase, or one inside a clause read as it
        word, following = tokens[k], tokens[k + 1]
        verb = (word.lower.endswith("ed") or word.lower in IRREGULAR_PAST) and following.lower in DETERMINERS
        if word.text.islower() and (verb or word.lower in PREPOSITIONS):
            return True  # not 'A married couple pledging …'
    return False


def _verb_content(
    text: str, sentence: Sentence, i: int, lemma: str, cue: Range, subject: _Subject, next_cue: int | None
) -> Candidate | None:
    """The content of the verb cue at ``i`` whose speaker is ``subject``: a quotation before the speaker, the
    clause before a closing cue, the clause after the cue, else the clause before the speaker."""
    speaker, inverted, participle = subject.speaker, subject.inverted, subject.participle
    if subject.interrupting:
        before = content_before(text, sentence, cue[0])
        after_at = _after_apposition(sentence, sentence.first_at(speaker[0]))
        if before is None or after_at is None:
            return None
        after = trimmed(text, sentence.tokens[after_at].start, sentence.end)
        span, parts = (before[0], after[1]), [before, after]
        return make_candidate(text, sentence, span, speaker, cue, lemma, 0.75, parts, rule="inverted around")
    if not inverted and not participle and parenthetical(sentence, cue[1]) and comma_before(sentence, speaker[0]):
        before = content_before(text, sentence, speaker[0])
        if before is not None:
            after = trimmed(text, next_token_start(sentence, cue[1], skip=","), sentence.end)
            span, parts = (before[0], after[1]), [before, after]
            return make_candidate(text, sentence, span, speaker, cue, lemma, 0.75, parts, rule=subject.rule("around"))

    # (a quotation before a speaker shared with the attribution before is that attribution's content)
    quote_before = None if participle or subject.shared else quote_ending_before(sentence, min(speaker[0], cue[0]))
    if quote_before is not None and _title_before(text, quote_before, min(speaker[0], cue[0])):
        quote_before = None  # '“Parasite” director Bong Joon Ho said …': a title in quotation marks
    if quote_before is not None and _a_quoted_word(text, sentence, quote_before):
        quote_before = None  # 'called the president a “moron,” Trump told Forbes, “I think …”': someone else's word
    if quote_before is not None:
        parts = [with_lead_in(sentence, quote_before)]
        quote_after = quote_after_clause(text, sentence, max(speaker[1], cue[1]))
        if quote_after is not None:
            parts.append(quote_after)
        span = (parts[0][0], parts[-1][1])
        return make_candidate(text, sentence, span, speaker, cue, lemma, 0.9, parts, rule=subject.rule("quotation"))

    if subject.closing:
        content = content_before(text, sentence, cue[0])
        if content is None:
            return None
        return make_candidate(text, sentence, content, speaker, cue, lemma, 0.75, rule=subject.rule("before"))

    clause_start = speaker[1] if inverted else cue[1]
    particle = german.separable_particle(sentence, i)
    if particle is not None and not inverted:
        clause_start = particle.end  # 'Die Post teilte am Wochenende mit, dass …'
    content = content_after(text, sentence, clause_start, lemma, next_cue)
    if content is not None and lemma in QUESTION_CUES and _a_question(text, content):
        return None  # 'The press asked Trump why he did not respond': a question is no claim
    if content is not None and particle is not None and content[0] < particle.start < content[1]:
        content = trimmed(text, content[0], particle.start)  # 'wies Vorwürfe … zurück'

    where = "after"
    if content is None and speaker[0] > sentence.start:
        content, where = content_before(text, sentence, min(speaker[0], cue[0])), "before"
    if content is None:
        return None
    confidence = 0.5 if lemma in ATTITUDE_LEMMAS else 0.75
    return make_candidate(text, sentence, content, speaker, cue, lemma, confidence, rule=subject.rule(where))


def _title_before(text: str, quote: Range, speaker_start: int) -> bool:
    """Whether a quotation right before the speaker names a work: a few capitalised words with no punctuation
    closing them ('“Parasite” director …', '“The Irishman” star …')."""
    words = text[quote[0] + 1 : quote[1] - 1].split()
    return (
        text[quote[1] : speaker_start].strip() == ""
        and text[quote[1] - 2 : quote[1] - 1].isalnum()
        and 1 <= len(words) <= 4
        and all(w[:1].isupper() or w.lower() in WORK_TITLE_SMALL_WORDS for w in words)
    )


def _passive(text: str, sentence: Sentence, i: int, lemma: str) -> Candidate | None:
    """'Tinder's ban was first reported by BuzzFeed.', '…, as first reported by the New York Times.'"""
    tokens = sentence.tokens
    speaker = speaker_after(tokens, i + 2, sentence.lexicon)
    j = i - 1
    while j > 0 and tokens[j].lower not in BE_FORMS and tokens[j].lower != "as" and tokens[j].lower in AUXILIARIES:
        j -= 1  # 'was first reported by', 'as previously reported by'
    if speaker is None or j < 1:
        return None
    cue = (tokens[i].start, tokens[i + 1].end)
    if tokens[j].lower == "as" and tokens[j - 1].text == ",":
        content = trimmed(text, sentence.start, tokens[j - 1].start)
    elif tokens[j].lower in BE_FORMS and tokens[0].lower not in SUBORDINATORS:
        content = trimmed(text, sentence.start, tokens[j].start)
    else:
        return None
    return make_candidate(text, sentence, content, speaker, cue, lemma, 0.6, rule="passive")
