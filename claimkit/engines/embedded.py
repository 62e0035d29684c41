"""The embedded, model-free engine: attributions found by rules over quotations and cue verbs.

It reads one sentence at a time. A cue is a speech, cognition or stance verb ('said', 'admitted',
'believes', 'endorsed'), an attitude adjective after 'be' ('was uncomfortable on'), a speech noun with
its possessor ('her claim that'), or 'according to'. Around each cue it looks for a speaker (the phrase
before the cue, after it in 'said the minister', or the sentence's subject for ', adding that …') and
the content (a quotation next to the cue, the clause after it, the object phrase of a stance verb, or
the clause before ', he said'). Quotations with no cue of their own continue the previous speaker's
quote. German articles get German cues (``german``). Offsets are always those of the article text;
nothing is rewritten.
"""

from __future__ import annotations

import re

from ..lexicon import (
    ATTITUDE_ADJECTIVES,
    ATTITUDE_LEMMAS,
    AUXILIARIES,
    CLAUSE_BOUNDARIES,
    CUE_FORMS,
    CUE_NOUNS,
    FREE_BASE_FORMS,
    NOUN_LIKE,
    NOUN_PHRASE_CUES,
    OBJECT_TAKING,
    PARTICLE_ONLY_CUES,
    PHRASAL_CUES,
    PLACES,
    QUOTE_ONLY_CUES,
    SPEECH_LEMMAS,
    TITLE_WORDS,
)
from ..text.spans import Token, article_sentences, find_quotes, paragraphs, tokenize
from . import german
from .candidate import Candidate, Range, without_duplicates
from .german import (
    GERMAN_ARTICLES,
    GERMAN_BOUNDARIES,
    GERMAN_CUE_WORDS,
    GERMAN_SKIPPED,
    GERMAN_STOPS,
    SEPARABLE_PARTICLES,
)
from .sentence import ENDING_PUNCT, QUOTE_MARKS, Sentence, make_candidate, trimmed

__all__ = ["Candidate", "extract", "is_boilerplate"]


_HEADLINE_CUES = frozenset("say claim admit call deny tell accuse slam".split())
_CLAUSE_PUNCT = frozenset(",;:—–()[]")
_MAX_SPEAKER_TOKENS = 9
_ASIDES = frozenset(
    """meanwhile however though too moreover nonetheless nevertheless also instead therefore thus""".split()
)
_PREPOSITIONS = frozenset(
    """in on at during to from after before while about with despite for of by into over under since amid""".split()
)
_SUBORDINATORS = frozenset(
    """
    while although though because as if when since whereas unless
    """.split()
)
_COPULAS = frozenset("is are was were has have had be been will would can could".split())
_CONTROL_VERBS = frozenset(
    """want wants wanted continue continues continued decline declines declined refuse refuses refused
    threaten threatens threatened seek seeks sought plan plans planned hope hopes hoped try tries tried
    vow vows vowed promise promises promised pledge pledges pledged expect expects expected move moved
    went go goes appear appears appeared seem seems seemed began begin begins""".split()
)
_INFINITIVE_TAKING = frozenset(
    "decline refuse threaten vow pledge promise want seek urge ask hope expect demand agree propose".split()
)
_DAY_WORDS = frozenset("monday tuesday wednesday thursday friday saturday sunday yesterday today tonight".split())
_TIME_WORDS = _DAY_WORDS | {"recently", "earlier", "later"}
_DETERMINERS = frozenset(
    """
    the a an his her their its our my your this that these those
    """.split()
)
_CUE_WORDS = frozenset(CUE_FORMS) | frozenset(CUE_NOUNS) | {"according"}
_THAT = frozenset({"that", "dass", "daß"})
_TIME_UNITS = frozenset("week month year morning afternoon evening weekend spring summer fall autumn winter".split())
_WORD_RE = re.compile(r"[a-zäöüß]+")
_NOT_SPEAKERS = frozenset("there ever you here this".split()) | _PREPOSITIONS
# Words in -ly that are nouns or adjectives before one ('the daily wrote', 'an ally said').
_LY_NOUNS = frozenset("daily weekly monthly quarterly ally assembly family rally italy july only early".split())


def _adverb(word: str) -> bool:
    """A lower-case word in -ly that is an adverb ('recently', 'publicly'), not 'the daily' or 'an ally'."""
    return word.endswith("ly") and word not in _LY_NOUNS


def extract(text: str) -> list[Candidate]:
    """All attributions in ``text``, in the order of their content."""
    quotes = find_quotes(text)
    sentences = _with_attribution_tails(text, article_sentences(text), quotes)
    in_german = german.is_german(text)
    cue_words = GERMAN_CUE_WORDS if in_german else _CUE_WORDS
    candidates: list[Candidate] = []
    n = 0  # sentences and paragraphs both run in text order: walk them together
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        in_paragraph = []
        while n < len(sentences) and sentences[n][0] < p_end:
            if sentences[n][0] >= p_start:
                in_paragraph.append(sentences[n])
            n += 1
        if is_boilerplate(text[p_start:p_end]):
            continue
        found: list[Candidate] = []
        orphans: list[tuple[Range, Range]] = []
        for start, end in in_paragraph:
            inside = [q for q in quotes if q[0] < end and q[1] > start]
            has_cue = not cue_words.isdisjoint(_WORD_RE.findall(text[start:end].lower()))
            sentence = Sentence(start, end, tokenize(text, start, end) if has_cue else [], inside, in_german)
            attributed = _attributions_in(text, sentence) if has_cue else []
            orphans += [(q, (start, end)) for q in _orphan_quotes(text, sentence, attributed)]
            found += attributed
        if number == 0 and not found:
            headline = _headline_attribution(text, p_start, p_end, quotes, in_german)
            found += [headline] if headline is not None else []
        candidates += _attach_orphans(orphans, found, candidates[-1] if candidates else None)
    return without_duplicates(candidates)


def _with_attribution_tails(text: str, sentences: list[Range], quotes: list[Range]) -> list[Range]:
    """Join '“… small hands?”' and 'Trump said.' when a quotation ending in ?, ! or . is split from its cue."""
    joined: list[Range] = []
    quote_ends = {end: start for start, end in quotes}
    for start, end in sentences:
        if joined and _short_cue_clause(text[start:end]):
            p_start, p_end = joined[-1]
            q_start = quote_ends.get(p_end)
            if q_start is not None and q_start - p_start <= 2 and "\n" not in text[p_end:start]:
                joined[-1] = (p_start, end)
                continue
        joined.append((start, end))
    return joined


def _short_cue_clause(words: str) -> bool:
    if len(words) > 120:
        return False  # eight words at most
    lowered = _WORD_RE.findall(words.lower())
    return 2 <= len(lowered) <= 8 and not _CUE_WORDS.isdisjoint(lowered) and words[:1] not in QUOTE_MARKS


# --- headlines --------------------------------------------------------------------------------

# 'Carly Fiorina: 'Bill Clinton's fair game.'', 'Report: Walker to speak at …': a name, a colon, the words.
_HEADLINE_RE = re.compile(r"([A-Z][\w’'.\-]*(?: [A-Z][\w’'.\-]*){0,3}): +(?=\S)")
_NOT_HEADLINE_SOURCES = frozenset(
    """update updated updates watch video videos photo photos breaking exclusive opinion analysis editorial
    live tags note contributing correction corrections related read see listen q a faq quiz poll fact
    timeline transcript more source sources credit special""".split()
)
_LONGEST_HEADLINE = 25  # words


def _headline_attribution(text: str, start: int, end: int, quotes: list[Range], in_german: bool) -> Candidate | None:
    """A title that names its source before a colon: the words after the colon are that source's.

    Only the article's first line: further down, 'MORE: …' and 'Source: Getty Images' are page furniture.
    """
    line = text[start:end]
    match = _HEADLINE_RE.match(line)
    if match is None or len(line.split()) > _LONGEST_HEADLINE:
        return None
    source = match.group(1)
    words = source.lower().replace(".", "").split()
    if words[0] in _NOT_HEADLINE_SOURCES or source.lower() in PLACES or "editor" in words[0]:
        return None  # 'UPDATE: …', 'Washington: …' (a dateline)
    content = trimmed(text, start + match.end(), end)
    if len(text[content[0] : content[1]].split()) < 3:
        return None  # 'Contributing: Grant Miller.'
    colon = start + len(source)
    inside = [q for q in quotes if q[0] < end and q[1] > start]
    sentence = Sentence(start, end, tokenize(text, start, end), inside, in_german)
    return make_candidate(text, sentence, content, (start, colon), (colon, colon + 1), None, 0.6)


# --- boilerplate ------------------------------------------------------------------------------

_BOILERPLATE_STARTS = (
    "image credit",
    "photo:",
    "photo credit",
    "picture:",
    "author-image",
    "new update",
    "follow ",
    "read more",
    "also read",
    "advertisement",
    "subscribe",
    "share this",
    "copyright",
    "©",
    "all rights reserved",
    "this image is taken from",
    "image:",
    "file photo",
    "watch:",
    "click here",
    "sign up",
    "tags:",
    "additional reporting by",
    "reporting by",
    "editing by",
    "writing by",
)


def is_boilerplate(line: str) -> bool:
    """Bylines, credits, tag lists and other lines that are not article prose."""
    lowered = line.strip().lstrip("([").lower()  # '(Additional reporting by …)'
    if lowered.startswith(_BOILERPLATE_STARTS) or (lowered.startswith("by ") and len(lowered.split()) <= 6):
        return True
    return "image is taken from" in lowered or "on twitter @" in lowered


# --- cues -------------------------------------------------------------------------------------


def _cue_lemma(sentence: Sentence, i: int, text: str) -> str | None:
    """The cue lemma of token ``i``, or None when it is not used as a cue here."""
    tokens = sentence.tokens
    word = tokens[i].lower
    if sentence.german:
        return german.cue_lemma(sentence, i)
    if word == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to":
        return "according to"
    lemma = CUE_FORMS.get(word)
    if lemma is None or sentence.in_quote(tokens[i]):
        return None
    if tokens[i].text[0].isupper() and i > 0 and not (_headline(tokens) and lemma in _HEADLINE_CUES):
        return None  # 'the United States', 'Hope Hicks
    after = tokens[i + 1 : i + 7]
    if lemma in ATTITUDE_ADJECTIVES and not _after_be(tokens, i):
        return None  # 'a confident leader'; 'Sanders is uncomfortable on foreign policy' is a cue
    if lemma in PARTICLE_ONLY_CUES:
        infinitive = i > 1 and tokens[i - 1].lower == "to" and tokens[i - 2].lower not in _CONTROL_VERBS
        return lemma if after and after[0].lower in PHRASAL_CUES[lemma] and not infinitive else None
    if lemma in QUOTE_ONLY_CUES:
        if _quote_follows(after, 5) or (after and after[0].lower == "for"):
            return lemma
        # 'Perez slams the recent Supreme Court deadlock', 'Warren echoed similar liberal themes'
        return lemma if lemma in NOUN_PHRASE_CUES and word != lemma and _verb_position(tokens, i) else None
    if word == lemma and lemma not in FREE_BASE_FORMS:
        # A bare form like 'add' or 'report' is usually a noun or an infinitive: ask for a complement,
        # or a subject before a stance verb ('several oppose the deal', 'supporters threaten to …').
        if after and (after[0].lower == "that" or after[0].text in ":" + QUOTE_MARKS):
            return lemma
        if i > 2 and tokens[i - 1].lower == "to" and tokens[i - 2].text[:1].isupper():
            return lemma if lemma in _NAMED_INFINITIVE_CUES else None  # 'led Schultz to announce her resignation'
        return lemma if lemma in ATTITUDE_LEMMAS and _plural_subject_before(tokens, i) else None
    previous = tokens[i - 1] if i > 0 else None
    noun_or_infinitive = previous is not None and (
        previous.lower in _DETERMINERS
        or (previous.lower == "to" and not (i > 1 and _infinitive_with_subject(tokens, i, lemma)))
        or previous.lower.endswith(("’s", "'s"))
    )
    bare_or_s = word in (lemma, lemma + "s", lemma + "es")
    if bare_or_s and lemma in NOUN_LIKE and not _verb_position(tokens, i):
        return None  # 'swing states', 'a report', 'calls for accountability'
    if noun_or_infinitive and bare_or_s:
        return None  # 'the remarks', 'Asif’s remarks', 'to say'
    if word.endswith("ed") and i > 0 and tokens[i - 1].lower in {"the", "a", "an", "so", "so-"}:
        return None
    if word.endswith("ing") and previous is not None and previous.lower in {"and", "or", "of", "for", "in"}:
        return None  # 'the dirty work of funding and supporting terrorist groups'

    return lemma


def _infinitive_with_subject(tokens: list[Token], i: int, lemma: str) -> bool:
    """'declined to endorse', 'prompted Sanders to advocate for …': an infinitive whose subject is named."""
    before_to = tokens[i - 2]
    named = before_to.text[:1].isupper() and i > 2 and lemma in _NAMED_INFINITIVE_CUES
    return before_to.lower in _CONTROL_VERBS or named


_LINKING_VERBS = frozenset("is are was were be been remain remains remained seem seems seemed 's ’s".split())


def _after_be(tokens: list[Token], i: int) -> bool:
    """'is uncomfortable', 'was less shy', 'has long been lukewarm', 'remains confident'."""
    j = i - 1
    while j >= 0 and (
        tokens[j].lower in {"less", "more", "very", "so", "too", "not", "deeply"} or _adverb(tokens[j].lower)
    ):
        j -= 1
    return j >= 0 and tokens[j].lower in _LINKING_VERBS


def _verb_position(tokens: list[Token], i: int) -> bool:
    """A bare or -s form reads as a verb after a pronoun or a name, or before 'that' or a quotation."""
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    if after is not None and (after.lower == "that" or after.text in QUOTE_MARKS + ":"):
        return True
    previous = tokens[i - 1] if i > 0 else None
    if previous is None:
        return False
    return (
        previous.lower in _VERB_PRECEDERS
        or previous.text[:1].isupper()
        or previous.text in QUOTE_MARKS  # 'DuVernay’s “13th” documents how …'
        or (_adverb(previous.lower) and previous.text.islower())  # 'currently back'
    )


def _plural_subject_before(tokens: list[Token], i: int) -> bool:
    """'several oppose the deal', 'Only two Democrats currently back …': a plural subject before a bare verb."""
    k = i - 1
    while k > 0 and _adverb(tokens[k].lower) and tokens[k].text.islower():
        k -= 1
    previous = tokens[k] if k >= 0 else None
    if previous is None or previous.lower in _DETERMINERS or previous.lower == "to":
        return False
    plural_noun = previous.lower.endswith("s") and not previous.lower.endswith(("ss", "'s", "’s"))
    return plural_noun or previous.lower in _VERB_PRECEDERS - {"he", "she", "it"}


_VERB_PRECEDERS = frozenset("he she it they we i who also both several many some most others still".split())


def _headline(tokens: list[Token]) -> bool:
    words = [t.text for t in tokens if t.text[:1].isalpha() and len(t.text) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _quote_follows(tokens: list[Token], within: int) -> bool:
    return any(t.text in QUOTE_MARKS for t in tokens[:within])


# --- attributions with a cue ------------------------------------------------------------------


def _attributions_in(text: str, sentence: Sentence) -> list[Candidate]:
    found: list[Candidate] = []
    tokens = sentence.tokens
    cue_words = GERMAN_CUE_WORDS if sentence.german else _CUE_WORDS
    cues = [
        (i, lemma)
        for i in range(len(tokens))
        if tokens[i].lower in cue_words and (lemma := _cue_lemma(sentence, i, text))
    ]
    for n, (i, lemma) in enumerate(cues):
        next_cue = cues[n + 1][0] if n + 1 < len(cues) else None
        if lemma == "according to" and sentence.german:
            candidate = german.according_to(text, sentence, i)
        elif lemma == "according to":
            candidate = _according_to(text, sentence, i)
        else:
            candidate = _verb_attribution(text, sentence, i, lemma, next_cue)
        gerund = tokens[i].lower.endswith("ing") and i > 0 and tokens[i - 1].lower in _GERUND_OPENERS
        if gerund and any(c.content[0] <= tokens[i].start < c.content[1] for c in found):
            continue  # '… distance itself by calling it a job': the gerund's subject is inside the content
        if candidate is not None:
            found.append(candidate)
    for i in range(1, len(tokens) - 2):
        if tokens[i].lower in CUE_NOUNS and not sentence.in_quote(tokens[i]):
            candidate = _noun_attribution(text, sentence, i)
            if candidate is not None and all(c.content != candidate.content for c in found):
                found.append(candidate)
    return found


_POSSESSIVES = frozenset("his her their its our".split())


def _noun_attribution(text: str, sentence: Sentence, i: int) -> Candidate | None:
    """'her claim that she “never sent …”', 'Warren's criticism of the developer', 'His refusal to act'."""
    tokens = sentence.tokens
    lemma, links = CUE_NOUNS[tokens[i].lower]
    link = tokens[i + 1].lower
    if link not in links:
        return None
    infinitive = link == "to" and lemma != "oppose"  # 'refusal to answer', but 'opposition to the deal'
    owner = i - 1
    while owner > 0 and owner >= i - 2 and tokens[owner].text.islower() and tokens[owner].lower not in _POSSESSIVES:
        owner -= 1  # 'Carson’s renewed endorsement of'
    word = tokens[owner]
    if word.lower in _POSSESSIVES:
        speaker = (word.start, word.end)
    elif word.lower.endswith(("’s", "'s")) and word.text[:1].isupper():
        name = _speaker_before(tokens, owner)
        if name is None:
            return None
        speaker = (name[0], word.end - 2)  # the name without its "’s"
    else:
        return None
    first = i + 1 if link == "that" or infinitive else i + 2
    clause = link == "that"
    end = (
        _clause_end(text, sentence, tokens[first].start, None)
        if clause
        else _noun_phrase_end(tokens, first, before_verb=True)  # 'criticism of the developer | was echoed'
    )
    content = trimmed(text, tokens[first].start, end)
    return make_candidate(text, sentence, content, speaker, (tokens[i].start, tokens[i].end), lemma, 0.5)


def _according_to(text: str, sentence: Sentence, i: int) -> Candidate | None:
    tokens = sentence.tokens
    cue = (tokens[i].start, tokens[i + 1].end)
    speaker_end = i + 2
    while speaker_end < len(tokens) and tokens[speaker_end].text not in _CLAUSE_PUNCT | set(ENDING_PUNCT):
        speaker_end += 1
    if speaker_end == i + 2:
        return None
    speaker = (tokens[i + 2].start, tokens[speaker_end - 1].end)
    if speaker_end < len(tokens) and tokens[speaker_end].text == "," and speaker_end + 2 < len(tokens):
        content = trimmed(text, tokens[speaker_end + 1].start, sentence.end)
    elif i > 1 and tokens[i - 1].text == ",":
        content = trimmed(text, sentence.start, tokens[i - 1].start)
    else:
        return None
    return make_candidate(text, sentence, content, speaker, cue, "according to", 0.8)


def _verb_attribution(text: str, sentence: Sentence, i: int, lemma: str, next_cue: int | None) -> Candidate | None:
    tokens = sentence.tokens
    if i + 2 < len(tokens) and tokens[i + 1].lower == "by" and tokens[i].lower != lemma:
        # 'was first reported by BuzzFeed'; 'was written by lobbyists' names an author, not a source
        return _passive(text, sentence, i, lemma) if lemma in _PASSIVE_CUES else None
    if tokens[i].lower != lemma and i > 0 and tokens[i - 1].lower in _BE_FORMS and tokens[i].lower.endswith("ed"):
        return None  # 'No deal was announced', 'is expected to': a passive with no source
    cue = (tokens[i].start, tokens[i].end)
    if lemma == "point" and i + 1 < len(tokens) and tokens[i + 1].lower == "out":
        cue = (tokens[i].start, tokens[i + 1].end)
    subject_at = _skip_back(tokens, i - 1)
    participle = tokens[i].lower.endswith("ing") and (
        _after_comma(tokens, subject_at) or (i > 0 and tokens[i - 1].lower in _GERUND_OPENERS)
    )
    german_so = sentence.german and tokens[i].lower == "so"  # '…, so der Ausschuss.' names its source after
    speaker = None if participle or german_so else _speaker_before(tokens, subject_at)
    closing = not participle and speaker is None and _closing_clause(tokens, subject_at, i)
    inverted = speaker is None and not participle and (_after_quote(tokens, subject_at) or closing or german_so)
    if inverted:
        speaker = _speaker_after(tokens, i + 1)
    elif speaker is None and not participle and subject_at > 0 and tokens[subject_at].text == ",":
        speaker = _appositive_speaker(tokens, subject_at)
    if participle or (speaker is None and _coordinated(tokens, subject_at, i)):
        # ', saying that …', 'joked about X, declined to affirm Y, and told his audience …'
        speaker = _sentence_subject(tokens, sentence.quotes)
    if speaker is None:
        return None

    if not inverted and not participle and _parenthetical(sentence, cue[1]) and _comma_before(sentence, speaker[0]):
        before = _content_before(text, sentence, speaker[0])
        if before is not None:
            after = trimmed(text, _next_token_start(sentence, cue[1], skip=","), sentence.end)
            return make_candidate(text, sentence, (before[0], after[1]), speaker, cue, lemma, 0.75, [before, after])

    quote_before = None if participle else _quote_ending_before(sentence, min(speaker[0], cue[0]))
    if quote_before is not None:
        parts = [_with_lead_in(sentence, quote_before)]
        quote_after = _quote_after_clause(text, sentence, max(speaker[1], cue[1]))
        if quote_after is not None:
            parts.append(quote_after)
        return make_candidate(text, sentence, (parts[0][0], parts[-1][1]), speaker, cue, lemma, 0.9, parts)

    if closing or german_so:
        content = _content_before(text, sentence, cue[0])
        return None if content is None else make_candidate(text, sentence, content, speaker, cue, lemma, 0.75)

    clause_start = speaker[1] if inverted else cue[1]
    particle = german.separable_particle(sentence, i)
    if particle is not None and not inverted:
        clause_start = particle.end  # 'Die Post teilte am Wochenende mit, dass …'
    content = _content_after(text, sentence, clause_start, lemma, next_cue)
    if content is not None and particle is not None and content[0] < particle.start < content[1]:
        content = trimmed(text, content[0], particle.start)  # 'wies Vorwürfe … zurück'

    if content is None and speaker[0] > sentence.start:
        content = _content_before(text, sentence, min(speaker[0], cue[0]))
    if content is None:
        return None
    return make_candidate(text, sentence, content, speaker, cue, lemma, 0.5 if lemma in ATTITUDE_LEMMAS else 0.75)


_NAMED_INFINITIVE_CUES = frozenset([*ATTITUDE_LEMMAS, "announce", "confirm", "deny", "reveal"])
_HANDOVER_WORDS = frozenset("first then by also again later and , : he she they it we i".split())
_GERUND_OPENERS = frozenset("by after while before when without".split())  # 'by pointing out that …'
_PASSIVE_CUES = frozenset(SPEECH_LEMMAS) - {"write", "call", "describe", "tell", "ask", "urge", "remind"}
_BE_FORMS = frozenset("is are was were be been being".split())


def _passive(text: str, sentence: Sentence, i: int, lemma: str) -> Candidate | None:
    """'Tinder's ban was first reported by BuzzFeed.', '…, as first reported by the New York Times.'"""
    tokens = sentence.tokens
    speaker = _speaker_after(tokens, i + 2)
    j = i - 1
    while j > 0 and tokens[j].lower not in _BE_FORMS and tokens[j].lower != "as" and tokens[j].lower in AUXILIARIES:
        j -= 1  # 'was first reported by', 'as previously reported by'
    if speaker is None or j < 1:
        return None
    cue = (tokens[i].start, tokens[i + 1].end)
    if tokens[j].lower == "as" and tokens[j - 1].text == ",":
        content = trimmed(text, sentence.start, tokens[j - 1].start)
    elif tokens[j].lower in _BE_FORMS and tokens[0].lower not in _SUBORDINATORS:
        content = trimmed(text, sentence.start, tokens[j].start)
    else:
        return None
    return make_candidate(text, sentence, content, speaker, cue, lemma, 0.6)


_DEGREE_WORDS = frozenset("less more very so too deeply".split())
_GERUND_TAKING = frozenset("start starts started keep keeps kept stop stops stopped began begun".split())


def _skip_back(tokens: list[Token], j: int) -> int:
    """Index of the first token before ``j`` (inclusive) that is not an auxiliary or an adverb."""
    while j >= 0:
        word = tokens[j].lower
        if word in AUXILIARIES or word in _TIME_WORDS or (_adverb(word) and tokens[j].text.islower()):
            j -= 1
        elif word in _DEGREE_WORDS or word in _GERUND_TAKING or word in GERMAN_SKIPPED:
            j -= 1  # 'was less shy about', 'just starts talking about'

        elif word == "on" and j + 1 < len(tokens) and tokens[j + 1].lower in _TIME_WORDS:
            j -= 1  # 'Obama on Sunday said'
        elif word == "to" and j > 0 and tokens[j - 1].lower in _CONTROL_VERBS:
            j -= 2  # 'continued to warn', 'declined to endorse'
        elif word == "to" and j > 1 and tokens[j - 1].text[:1].isupper():
            j -= 1  # 'prompted Sanders to advocate': the name is the subject
        else:
            break
    # ', meanwhile,' between the speaker and the cue
    if j >= 2 and tokens[j].text == "," and tokens[j - 1].lower in _ASIDES and tokens[j - 2].text == ",":
        j -= 3
    return j


def _coordinated(tokens: list[Token], j: int, i: int) -> bool:
    """Whether the cue at ``i`` is a finite verb after 'and' or a comma, sharing the sentence's subject."""
    if j < 1 or tokens[j].lower not in {"and", "but", ","} or tokens[i].lower.endswith("ing"):
        return False
    if not tokens[i].text.islower():
        return False  # a capitalised cue is a headline's, whose subject is rarely the speaker
    lemma = CUE_FORMS.get(tokens[i].lower)
    return tokens[i].lower != lemma or lemma in ATTITUDE_ADJECTIVES  # 'told', 'slams', 'but was shy', not 'say'


def _after_comma(tokens: list[Token], j: int) -> bool:
    """Whether token ``j`` ends a clause with a comma: '…campaign,' or '…together,"'."""
    if j >= 1 and tokens[j].text in QUOTE_MARKS and tokens[j - 1].text == ",":
        return True
    return j >= 0 and tokens[j].text == ","


def _after_quote(tokens: list[Token], j: int) -> bool:
    """Whether token ``j`` closes a quotation: '"…," said the minister'."""
    if j < 0:
        return False
    if tokens[j].text in QUOTE_MARKS:
        return True
    return tokens[j].text == "," and j > 0 and tokens[j - 1].text in QUOTE_MARKS


def _closing_clause(tokens: list[Token], comma: int, i: int) -> bool:
    """', said one GOP source in the room.': a comma before the cue and only the speaker after it."""
    if comma < 3 or tokens[comma].text != ",":
        return False
    speaker = _speaker_after(tokens, i + 1)
    if speaker is None or any(t.lower in AUXILIARIES for t in tokens[i + 1 :] if t.end <= speaker[1]):
        return False  # ', said the chamber will vote …' has a verb: it is the content
    rest = [t for t in tokens[i + 1 :] if t.start >= speaker[1] and t.text not in ENDING_PUNCT]
    if not rest:
        return True
    # ', said one GOP source in the room.', ', said a spokesman on Sunday.'
    adjunct = rest[0].lower in _PREPOSITIONS or rest[0].lower in _TIME_WORDS or rest[0].lower in GERMAN_STOPS
    if rest[-1].lower in SEPARABLE_PARTICLES and len(rest) <= 4:
        return True  # ', teilte das Unternehmen heute mit.'
    return adjunct and len(rest) <= 8 and not any(t.text in _CLAUSE_PUNCT or t.text in QUOTE_MARKS for t in rest)


def _appositive_speaker(tokens: list[Token], comma: int) -> Range | None:
    """'Senator John Cornyn of Texas, the No. 2 Republican in the Senate, said': name and apposition."""
    j: int | None = comma
    for _ in range(2):  # 'Jillian Chase, 27, a Tinder user in New York, said'
        j = _previous_comma(tokens, j) if j is not None else None
        if j is None:
            return None
        name = _speaker_before(tokens, j - 1)
        if name is not None and any(t.text[:1].isupper() for t in tokens[:j] if t.start >= name[0]):
            return (name[0], tokens[comma - 1].end)
    return None


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
    return j > 0 and (
        _is_title_dot(tokens, j) or tokens[j - 1].lower in {"no", "st", "jr", "sr", "mr", "mrs", "ms", "dr"}
    )


def _is_title_dot(tokens: list[Token], j: int) -> bool:
    return tokens[j].text == "." and j > 0 and (tokens[j - 1].lower + ".") in TITLE_WORDS


def _speaker_before(tokens: list[Token], j: int) -> Range | None:
    """The noun phrase ending at token ``j``: the speaker in 'X said'."""
    end = j
    while j >= 0 and end - j < _MAX_SPEAKER_TOKENS:
        token = tokens[j]
        if token.text == ")":
            opening = next((k for k in range(j - 1, max(-1, j - 10), -1) if tokens[k].text == "("), None)
            if opening is not None:
                j = opening - 1  # 'Sen. Mitch McConnell (R-Ky.)'
                continue
        if token.text in QUOTE_MARKS or (token.text in ENDING_PUNCT and not _is_title_dot(tokens, j)):
            break
        if token.text in _CLAUSE_PUNCT and not _inside_parentheses(tokens, j, end):
            break
        if token.lower in ("who", "which") and token.text.islower():
            j -= 1  # 'Collins, who …': the relative pronoun is the mention
            break
        boundary = token.lower in CLAUSE_BOUNDARIES or token.lower in GERMAN_BOUNDARIES
        if boundary and (token.text.islower() or j == 0):
            if token.lower == "and" and _joins_modifiers(tokens, j):
                j -= 1
                continue
            break
        if j != end and token.text.islower() and (token.lower in CUE_FORMS or _finite_verb(tokens, j)):
            if j >= 2 and tokens[j - 1].lower == "who" and tokens[j - 2].text not in _CLAUSE_PUNCT:
                # 'Some supporters who traveled to Philadelphia … say': the noun the relative clause describes
                return _speaker_before(tokens, j - 2)
            break
        j -= 1
    start = j + 1
    if start > end or not _has_noun(tokens[start : end + 1]):
        return None
    if start == end and tokens[start].lower in _NOT_SPEAKERS:
        return None
    if start < end and tokens[end].lower in _SUBJECT_PRONOUNS and tokens[end - 1].lower not in {"and", "or"}:
        start = end  # 'Just an hour earlier she wrote', 'the legislation he wrote': the pronoun speaks
    return (tokens[start].start, tokens[end].end)


_SUBJECT_PRONOUNS = frozenset("he she they we i it".split())


def _finite_verb(tokens: list[Token], j: int) -> bool:
    """'Labor Secretary Thomas Perez stopped': a verb, so the speaker phrase begins after it."""
    word = tokens[j].lower
    if word in _COPULAS or word in _IRREGULAR_PAST:
        return True
    previous = tokens[j - 1].lower if j > 0 else ""
    return word.endswith("ed") and previous not in _DETERMINERS and not _adverb(previous)


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
    single = j >= 1 and (j == 1 or tokens[j - 2].text in _CLAUSE_PUNCT or tokens[j - 2].lower in _PREPOSITIONS)
    return single and tokens[j - 1].text.isalpha() and not tokens[j - 1].lower.endswith("ed")


_NON_NOUNS = frozenset(
    """the a an this that these those his her their its our my your of in on at to for with by""".split()
)


def _has_noun(tokens: list[Token]) -> bool:
    words = [t for t in tokens if t.text[:1].isalnum()]
    return bool(words) and words[-1].lower not in _NON_NOUNS | AUXILIARIES and not _adverb(words[-1].lower)


def _speaker_after(tokens: list[Token], i: int) -> Range | None:
    """The noun phrase right after the cue: the speaker in '"…," said the minister.'"""
    j = i
    while j < len(tokens) and j - i < _MAX_SPEAKER_TOKENS:
        token = tokens[j]
        named_in_quotes = token.text in QUOTE_MARKS and j > i and tokens[j - 1].lower in GERMAN_ARTICLES
        if (
            token.text in _CLAUSE_PUNCT
            or (token.text in QUOTE_MARKS and not named_in_quotes)  # 'so der „Ermittlungsausschuss Frankfurt“'
            or (token.text in ENDING_PUNCT and not _is_title_dot(tokens, j))
        ):
            break
        if token.text.islower() and (
            token.lower in _PREPOSITIONS or token.lower in CLAUSE_BOUNDARIES or token.lower in GERMAN_STOPS
        ):
            break
        j += 1
    if j == i or not _has_noun(tokens[i:j]):
        return None
    opened = sum(t.text in "„“" for t in tokens[i:j]) % 2 == 1
    if opened and j < len(tokens) and tokens[j].text in "“”":
        j += 1  # the closing mark of 'der „Ermittlungsausschuss Frankfurt“'
    return (tokens[i].start, tokens[j - 1].end)


_SENTENCE_LINKS = frozenset("but and yet still however meanwhile instead ,".split())
_OPENING_ADJUNCTS = frozenset("like unlike ever even just once so".split())  # 'Like Corker, Menendez …'


def _sentence_subject(tokens: list[Token], quotes: list[Range]) -> Range | None:
    """The phrase that opens the sentence, up to its verb: the speaker of ', adding that …'."""
    j = 0
    opening_quote = next((q for q in quotes if tokens and q[0] == tokens[0].start), None)
    if opening_quote is not None:  # '“Everything is on the table,” Carson told the AP after hinting …'
        while j < len(tokens) and (tokens[j].start < opening_quote[1] or tokens[j].text == ","):
            j += 1
    while j < len(tokens) and (tokens[j].text in QUOTE_MARKS or tokens[j].lower in _SENTENCE_LINKS):
        j += 1  # 'But she …', 'And, critics say …'
    opener = tokens[j].lower if j < len(tokens) else ""
    if opener in _PREPOSITIONS | _SUBORDINATORS | _OPENING_ADJUNCTS or opener.endswith(("ed", "ing")):
        # 'In a rare moment of candour, Pakistan’s Defence Minister … has acknowledged …, admitting …'
        comma = next((k for k in range(j + 1, min(len(tokens), j + 30)) if tokens[k].text == ","), None)
        if comma is None:
            return None
        j = comma + 1
    start = j
    while j < len(tokens) and j - start < _MAX_SPEAKER_TOKENS:
        token = tokens[j]
        lowered = token.lower
        if token.text in _CLAUSE_PUNCT or lowered in AUXILIARIES or lowered in CUE_FORMS:
            break
        if lowered.endswith(("n't", "n’t")):
            break  # 'she hasn't outlined'

        after_determiner = j > start and tokens[j - 1].lower in _DETERMINERS  # 'The retired neurosurgeon'
        verb_like = (lowered.endswith("ed") and not after_determiner) or _adverb(lowered) or lowered in _IRREGULAR_PAST
        if token.text.islower() and (verb_like or lowered in CLAUSE_BOUNDARIES - {"and"}):
            break
        j += 1
    if j == start or not _has_noun(tokens[start:j]):
        return None
    return (tokens[start].start, tokens[j - 1].end)


def _quote_ending_before(sentence: Sentence, position: int) -> Range | None:
    """A quotation that ends just before ``position`` (only a comma or nothing between)."""
    for q_start, q_end in sentence.quotes:
        gap = [t for t in sentence.tokens if q_end <= t.start < position]
        if q_end <= position and all(t.text in ",:—–-" for t in gap):
            return q_start, q_end
    return None


def _with_lead_in(sentence: Sentence, quote: Range) -> Range:
    """'Mills "got an immunity agreement," Jordan said': the words that lead into the quotation belong to it."""
    lead = [t for t in sentence.tokens if t.end <= quote[0]]
    cue_verb = [t for t in lead if t.lower in _CUE_WORDS and t.lower not in NOUN_LIKE]  # not 'secretary of state'
    if not lead or cue_verb or any(t.text in QUOTE_MARKS or t.text in ".!?" for t in lead):
        return quote
    return sentence.start, quote[1]


def _quote_after_clause(text: str, sentence: Sentence, position: int) -> Range | None:
    """In '"A," he said, "B."': the quotation B that resumes after the attribution clause.

    Words before B belong to it ('…," Jordan said, and still "got to sit in …"').
    """
    tail = [t for t in sentence.tokens if t.start >= position]
    for n, token in enumerate(tail[:8]):
        if token.text in ".!?":
            return None
        if token.text == ",":
            rest = tail[n + 1 :]
            for q in sentence.quotes:
                if rest and q[0] == rest[0].start:
                    return q
                if (
                    rest
                    and any(q[0] == t.start for t in rest[1:5])
                    and not _CUE_WORDS.intersection(t.lower for t in rest[:5])
                ):
                    return trimmed(text, rest[0].start, sentence.end)
            return None
    return None


def _content_after(text: str, sentence: Sentence, position: int, lemma: str, next_cue: int | None) -> Range | None:
    """The content that follows the cue: a quotation, or the clause up to the end of the sentence."""
    tokens = [t for t in sentence.tokens if t.start >= position]
    if len(tokens) > 2 and tokens[0].lower in GERMAN_SKIPPED and tokens[1].text == ",":
        tokens = tokens[1:]  # 'Wie die FIFA bekanntgegeben hat, wird …'
    if not tokens or tokens[0].text in "—–(":
        return None  # 'Such a move could alienate his backers, Clinton allies believe — backers …'
    handover = next(
        (n for n, t in enumerate(tokens[:3]) if next_cue is not None and t.start == sentence.tokens[next_cue].start),
        None,
    )
    if handover is not None and all(t.lower in _HANDOVER_WORDS for t in tokens[:handover]):
        return None  # 'responded first by saying he …': the next cue's content is this one's
    # A quotation right after the cue and its listener ('told reporters: "…"')
    for n, token in enumerate(tokens[:7]):
        if token.lower in _THAT or token.text in ".!?":
            break
        quote = next((q for q in sentence.quotes if q[0] == token.start), None)
        if quote is not None:
            if n == 0 or tokens[n - 1].text in ",:" or lemma in OBJECT_TAKING:
                return quote
            break
    start_token = 0
    that_at = next((n for n, t in enumerate(tokens[:10]) if t.lower in _THAT), None)
    if that_at is not None and _complement_starts_at_that(tokens, that_at, lemma):
        start_token = that_at
    elif tokens[0].lower in _TIME_WORDS:
        return None  # 'said Sunday in Virginia': an adjunct, the content is elsewhere
    elif tokens[0].text in ",:" and len(tokens) > 1:
        start_token = 1
    elif lemma in OBJECT_TAKING and (subject := _subject_after_listener(tokens)) is not None:
        start_token = subject  # 'told his audience they wouldn’t back him'
    elif len(tokens) > 2 and (
        tokens[0].lower in {"about", "for", "against"} or tokens[0].lower in PHRASAL_CUES.get(lemma, ())
    ):
        start_token = 1  # 'joked about …', 'advocated for …', 'pointed to …'
    elif tokens[0].lower == "to" and lemma in _INFINITIVE_TAKING and len(tokens) > 2:
        start_token = 0  # 'declined to affirm his support', 'threatened to tear it up'
    elif tokens[0].lower in _PREPOSITIONS and lemma not in {"write", "report", "explain"}:
        return None
    end = _clause_end(text, sentence, tokens[start_token].start, next_cue)
    after_particle = start_token == 1 and tokens[0].text.isalpha()  # 'warning of accidents …', 'pointed to …'
    after_comma = start_token == 1 and tokens[0].text == ","  # 'schlug vor, zu prüfen, ob …': a clause
    object_phrase = (lemma in NOUN_PHRASE_CUES and not after_comma) or after_particle
    if object_phrase and tokens[start_token].lower not in ("that", "whether"):
        end = min(end, _noun_phrase_end(tokens, start_token))
    content = trimmed(text, tokens[start_token].start, end)
    words = sum(1 for t in tokens[start_token:] if content[0] <= t.start < content[1])
    if words < (1 if after_particle else 2):
        return None  # one word is content only as an object: 'talking about baseball'
    return content


_PHRASE_BREAKS = frozenset(",;:—–()")
_FINITE_AUXILIARIES = frozenset(
    "do does did is are was were has have had will would could should can may might must".split()
)
_PHRASE_BREAK_WORDS = frozenset("after before but because while since when which who whose where".split())


def _noun_phrase_end(tokens: list[Token], first: int, *, before_verb: bool = False) -> int:
    """Where the object that starts at ``tokens[first]`` ends: 'endorsed Mrs. Clinton | this month, …'.

    It ends at clause punctuation, at a conjunction or relative word, at 'by' + gerund ('by pointing out'),
    and at 'and' + verb ('and visiting', 'and dismissed').
    """
    subordinate = False  # 'to speculate on a plan if he is not able …': the clause's own verb
    for n in range(first + 1, len(tokens)):
        token = tokens[n]
        following = tokens[n + 1].lower if n + 1 < len(tokens) else ""
        subordinate = subordinate or token.lower in _SUBORDINATORS
        initial = len(tokens[n - 1].text) == 1 and tokens[n - 1].text.isupper()  # 'George W. Bush'
        ends = token.text in ENDING_PUNCT and not _is_title_dot(tokens, n) and not initial
        if token.text in _PHRASE_BREAKS or ends:
            return token.start
        if not token.text.islower():
            continue
        time_adjunct = token.lower in ("on", "this", "last", "next") and (
            following in _TIME_UNITS or following in _TIME_WORDS
        )
        if token.lower in _PHRASE_BREAK_WORDS or time_adjunct:
            return token.start  # '… this month', '… on Sunday'
        if token.lower in _DAY_WORDS and n > first + 1 and tokens[n - 1].lower not in _PREPOSITIONS:
            return token.start  # '… Monday', but not '… during earlier eras'

        if token.lower == "by" and following.endswith("ing"):
            return token.start
        main_verb = token.lower in _FINITE_AUXILIARIES and not subordinate
        if main_verb and n > first + 1 and (before_verb or tokens[first].lower == "to"):
            return token.start  # 'refusal to answer fully | did not go over well'
        if token.lower == "and" and _verb_form(following):
            return token.start  # 'and took the stage', 'and dismissed criticism'
        past = token.lower.endswith("ed") or token.lower in _IRREGULAR_PAST
        if n > first + 1 and past and tokens[n - 1].text.isalpha() and _verb_after_noun(tokens, n):
            return token.start  # 'allegiance to various groups | carried out the shooting'
    return tokens[-1].end


_SUBJECT_PRONOUNS = frozenset("he she they we i it".split())


def _subject_after_listener(tokens: list[Token]) -> int | None:
    """The index of the clause's subject pronoun after a short listener phrase ('his audience they …')."""
    for n, token in enumerate(tokens[1:5], start=1):
        if token.text in _CLAUSE_PUNCT or token.text in QUOTE_MARKS:
            return None
        if token.lower in _SUBJECT_PRONOUNS:
            return n
    return None


_IRREGULAR_PAST = frozenset(
    """took made gave went came got put left kept held led began brought sent spent won lost met ran""".split()
)


def _verb_form(word: str) -> bool:
    """A lower-case word that reads as a verb: 'dismissed', 'visiting', 'took'."""
    return (word.endswith(("ed", "ing")) and word not in NOUN_LIKE) or word in _IRREGULAR_PAST or word in CUE_FORMS


def _verb_after_noun(tokens: list[Token], n: int) -> bool:
    """Whether the -ed word at ``n`` is a main verb after a noun, not a participle ('the laws passed by')."""
    previous = tokens[n - 1].lower
    following = tokens[n + 1].lower if n + 1 < len(tokens) else ""
    if "-" in tokens[n].text or previous in _DEGREE_WORDS:
        return False  # 'a very well-documented dark side'
    if previous in _DETERMINERS or previous in AUXILIARIES or previous in _PREPOSITIONS or previous in _COPULAS:
        return False
    return following not in {"by", "to", "in", "at", "as", "for", "with", "from", "on"}


def _complement_starts_at_that(tokens: list[Token], that_at: int, lemma: str) -> bool:
    """'said that …', 'told Politico on Wednesday that …', 'said in a statement that …'."""
    if that_at == 0:
        return True
    if tokens[that_at].lower != "that" and tokens[that_at - 1].text == ",":
        return not any(t.text in ",;" for t in tokens[: that_at - 1])  # German: 'sagte in der Zeitung, dass …'
    if any(t.text in ",;" for t in tokens[:that_at]):
        return False
    if all(
        t.lower in _TIME_WORDS or t.lower in _TIME_UNITS or t.lower in {"last", "this", "next"}
        for t in tokens[:that_at]
    ):
        return True  # 'stated last month that …'

    return lemma in OBJECT_TAKING or tokens[0].lower in _PREPOSITIONS


def _clause_end(text: str, sentence: Sentence, start: int, next_cue: int | None) -> int:
    """Where the content ends: before ', adding that …' or ', he said', else at the sentence end."""
    end = sentence.end
    semicolon = next((t for t in sentence.tokens if t.start > start and t.text == ";"), None)
    if semicolon is not None and not any(a < semicolon.start < b for a, b in sentence.quotes):
        end = semicolon.start
    for token in sentence.tokens:
        if token.start <= start or any(a < token.start < b for a, b in sentence.quotes):
            continue
        if token.text in "—–-" and text[token.start - 1 : token.start].isspace():
            end = min(end, token.start)  # '… - as many Republicans as Democrats': the writer's aside
            break
    opener = sentence.tokens[0].lower if sentence.tokens else ""
    if opener in _SUBORDINATORS:
        # 'While Islamabad has denied such allegations, Asif’s words …': the content ends with the clause
        comma = next((t for t in sentence.tokens if t.start >= start and t.text == ","), None)
        if comma is not None:
            end = min(end, comma.start)
    if next_cue is not None:
        tokens = sentence.tokens
        j = _skip_back(tokens, next_cue - 1)
        k = j
        while k >= 0 and tokens[k].start > start and tokens[k].text != ",":
            k -= 1
        if k >= 0 and tokens[k].start > start and next_cue - k <= _MAX_SPEAKER_TOKENS:
            end = min(end, tokens[k].start)
    return end


def _content_before(text: str, sentence: Sentence, position: int) -> Range | None:
    """In 'The plan will fail, he said.': the clause before the comma that precedes the speaker."""
    before = [t for t in sentence.tokens if t.end <= position]
    if len(before) < 3 or before[-1].text != ",":
        return None
    return trimmed(text, sentence.start, before[-1].start)


def _comma_before(sentence: Sentence, position: int) -> bool:
    before = [t for t in sentence.tokens if t.end <= position]
    return bool(before) and before[-1].text == ","


def _parenthetical(sentence: Sentence, position: int) -> bool:
    after = [t for t in sentence.tokens if t.start >= position]
    return len(after) > 3 and after[0].text == ","


def _next_token_start(sentence: Sentence, position: int, skip: str) -> int:
    after = [t for t in sentence.tokens if t.start >= position and t.text not in skip]
    return after[0].start if after else position


# --- quotations with no cue -------------------------------------------------------------------


def _orphan_quotes(text: str, sentence: Sentence, found: list[Candidate]) -> list[Range]:
    """Quotations that make up their sentence, have four words or more, and no attribution of their own."""
    used = [c.content for c in found]
    orphans = []
    for q_start, q_end in sentence.quotes:
        if any(a <= q_start and q_end <= b for a, b in used) or q_start < sentence.start:
            continue
        covers_sentence = q_start - sentence.start <= 2 and sentence.end - q_end <= 2
        if covers_sentence and len(text[q_start:q_end].split()) >= 4:
            orphans.append((q_start, q_end))
    return orphans


def _attach_orphans(
    orphans: list[tuple[Range, Range]], found: list[Candidate], previous: Candidate | None
) -> list[Candidate]:
    """Give each orphan quotation a speaker: a quote of the same paragraph, else the previous paragraph's.

    Within a paragraph the orphan joins that quote as one more part ('"A," she said. "B."' is one
    attribution); an orphan that opens a paragraph after a quoted speaker continues that speaker.
    """
    result = list(found)
    quoted = [c for c in found if c.kind in ("direct", "mixed")]
    for quote, sentence in orphans:
        before = [c for c in quoted if c.content[1] <= quote[0]]
        after = [c for c in quoted if c.content[0] >= quote[1]]
        host = _nearest(before, quote[0]) if before else after[0] if after else None
        if host is not None:
            pieces = sorted([*(host.parts or [host.content]), quote])
            host.parts = pieces
            host.content = (pieces[0][0], pieces[-1][1])
        elif previous is not None and previous.kind in ("direct", "mixed"):
            result.append(Candidate(quote, None, None, "direct", 0.6, sentence, None, [], previous))
    return sorted(result, key=lambda c: c.content)


def _nearest(candidates: list[Candidate], position: int) -> Candidate:
    """The quote of the latest sentence before ``position``; in that sentence, a direct one before a mixed one."""
    return max(candidates, key=lambda c: (c.sentence[1] <= position, c.sentence[1], c.kind == "direct", c.content[1]))
