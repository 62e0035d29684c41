"""Phrases that address a language model rather than a reader: text in an article that tries to steer the model
that reads it ('Ignore all previous instructions …')."""

from __future__ import annotations

from typing import Final

__all__ = ["ADDRESSED_TO_A_MODEL"]

ADDRESSED_TO_A_MODEL: Final = (
    r"ignore (?:all |any |the )?(?:previous|prior|above|earlier) (?:instructions|prompts?|rules)",
    r"disregard (?:all |any |the )?(?:previous|prior|above) (?:instructions|prompts?)",
    r"you are now (?:in )?(?:an? )?(?:ai|assistant|developer mode|unrestricted)",
    r"developer mode",
    r"as an ai(?: language model)?",
    r"(?:^|\s)(?:system|assistant)\s*:",
    r"</?(?:article|system|instructions?|prompt)>",
    r"(?:invent|fabricate) (?:\w+ ){0,3}quotes?",
    r"attribute (?:them|it|these quotes) to",
    r"(?:note|message|instructions?) (?:for|to) (?:ai|llms?|ai models?|ai assistants?|language models?|chatbots?)\b",
    r"ignore (?:your|all your|any of your) (?:\w+ )?(?:instructions|prompts?|rules)",
)
