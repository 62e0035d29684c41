"""The statement line of a claim: a sentence a reader can print, built from the article's own words.

'Khawaja Asif said: “…”', 'The minister claimed that …', 'According to a spokesperson, …'; in German 'Anna Schmidt
sagte: „…“'. The speaker is named as resolved, or as the article mentions them when the way they were resolved is
doubtful ('he said'), never by a guessed name.
"""

from __future__ import annotations

from typing import Final

from .engines.candidate import Candidate
from .engines.embedded.confidence import speaker_precision
from .lang.de import statements as german
from .lang.en.cues import CUE_FORMS, LISTENER_CUES, OBJECT_TAKING, past_tense
from .lang.en.grammar import LOWER_IN_STATEMENT, STATEMENT_PARTICLES
from .lang.en.names import SUBJECT_FORMS

__all__ = ["statement", "who_says"]

_DOUBTFUL_SPEAKER: Final = 0.7
"""A speaker resolved by a way measured less often right is named in a statement as the article mentions it."""
_LONGEST_LISTENER: Final = 5
_MID_SENTENCE: Final = frozenset("abcdefghijklmnopqrstuvwxyz,;")
"""What stands before the space before a word in the middle of a sentence."""


def statement(text: str, candidate: Candidate, name: str | None, language: str | None = None) -> str:
    """The claim's statement in the article's language (German or English)."""
    return _german_statement(text, candidate, name) if language == "de" else _statement(text, candidate, name)


def who_says(text: str, candidate: Candidate, name: str | None) -> str | None:
    """The speaker as the statement names them: the resolved ``name``, or the mention as written when the way it
    was resolved is doubtful ('He said …', never a guessed name)."""
    way = candidate.found_by.split("; ")[-1] if candidate.found_by else None
    if way is not None and candidate.speaker is not None and speaker_precision(way) < _DOUBTFUL_SPEAKER:
        mention = text[candidate.speaker[0] : candidate.speaker[1]]
        return SUBJECT_FORMS.get(mention.lower(), mention)  # 'her claim that …': 'she claimed'
    return name


def _statement(text: str, candidate: Candidate, name: str | None) -> str:
    """A readable sentence: 'Khawaja Asif said: “…”' or 'Khawaja Asif claimed that …'."""
    who = name[:1].upper() + name[1:] if name else "An unnamed source"
    pieces = candidate.parts or [candidate.content]
    joint = " … " if candidate.kind == "direct" else " "  # quotations cut by their cue; a clause around it
    words = joint.join(" ".join(text[a:b].split()) for a, b in pieces)
    first = words.split(" ", 1)[0]
    if first in LOWER_IN_STATEMENT or _a_common_word(text, first):
        words = first.lower() + words[len(first) :]  # 'said three people escaped', not 'said Three people'
    if candidate.cue_lemma == "according to" and who.split(" ", 1)[0] in LOWER_IN_STATEMENT:
        who = who[:1].lower() + who[1:]  # 'According to a fire department spokesperson, …'
    verb = "said"
    if candidate.cue_lemma is not None and candidate.cue_lemma != "according to":
        listener = _listener(text, candidate)
        verb = past_tense(candidate.cue_lemma) + (listener or _particle(text, candidate))
        if not listener and candidate.cue_lemma in LISTENER_CUES:
            verb = "said"  # 'told that …' is no sentence: with no listener, the statement says 'said'
    if candidate.cue_lemma == "according to":
        sentence = f"According to {who}, {words}"
    elif candidate.kind == "direct":
        sentence = f"{who} {verb}: {words}"
    else:
        sentence = f"{who} {verb} {words}"
    if sentence.endswith((",”", ',"')):
        sentence = sentence[:-2] + "." + sentence[-1]  # '“We will appeal,” the lawyer said': a sentence's end
    return sentence if sentence.endswith((".", "!", "?", "”", '"', "’", "'")) else sentence + "."


def _german_statement(text: str, candidate: Candidate, name: str | None) -> str:
    """'Anna Schmidt sagte: „…“', 'Der Sprecher teilte mit, dass …', 'Laut dem Ministerium ist …'."""
    who = name or german.UNNAMED_SOURCE
    joint = " … " if candidate.kind == "direct" else " "  # quotations cut by their cue; a clause around it
    words = joint.join(" ".join(text[a:b].split()) for a, b in candidate.parts or [candidate.content])
    verb = german.STATEMENT_VERBS.get(candidate.cue_lemma or "say", "sagte")
    if candidate.cue_lemma == "according to":
        sentence = f"{german.ACCORDING_TO} {who} {words}"
    elif candidate.kind == "direct":
        sentence = f"{who[:1].upper()}{who[1:]} {verb}: {words}"
    else:
        sentence = f"{who[:1].upper()}{who[1:]} {verb}, {words}"
    return sentence if sentence.endswith((".", "!", "?", "“", "”", '"', "‘", "’", "'", "«", "»")) else sentence + "."


def _a_common_word(text: str, word: str) -> bool:
    """Whether a capitalised word is capitalised only where a sentence opens ('Three', 'Responding'), not a name."""
    if not word[:1].isupper() or not word[1:].islower():
        return False
    at = text.find(" " + word)
    while at > 0:
        if text[at - 1] in _MID_SENTENCE and not text[at + 1 + len(word) : at + 2 + len(word)].isalpha():
            return False  # 'said Trump', ', Trump': a name
        at = text.find(" " + word, at + 1)
    return True


def _listener(text: str, candidate: Candidate) -> str:
    """' reporters' in 'told reporters nothing had changed': the listener between the cue and its content."""
    if candidate.cue_lemma not in OBJECT_TAKING or candidate.cue is None or candidate.cue[1] > candidate.content[0]:
        return ""
    between = " ".join(text[candidate.cue[1] : candidate.content[0]].split()).rstrip(":,")
    fits = 0 < len(between.split()) <= _LONGEST_LISTENER and not any(mark in between for mark in '.;!?“”"')
    return f" {between}" if fits else ""


def _particle(text: str, candidate: Candidate) -> str:
    """' about' in 'talked about baseball': the word between the cue and its content, when it is a particle."""
    if candidate.cue is None or candidate.cue[1] > candidate.content[0]:
        return ""
    if text[candidate.cue[0] : candidate.cue[1]].lower() not in CUE_FORMS:
        return ""  # a noun cue: 'Warren's criticism of the developer' reads 'Warren criticized the developer'
    between = text[candidate.cue[1] : candidate.content[0]].strip()
    return f" {between}" if between.lower() in STATEMENT_PARTICLES else ""
