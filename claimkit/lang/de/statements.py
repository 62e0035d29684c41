"""The words of a claim's statement in German ('Anna Schmidt sagte: „…“', 'Laut dem Ministerium …')."""

from __future__ import annotations

from typing import Final

__all__ = ["ACCORDING_TO", "STATEMENT_VERBS", "UNNAMED_SOURCE"]

STATEMENT_VERBS: Final[dict[str, str]] = {
    "say": "sagte",
    "explain": "erklärte",
    "stress": "betonte",
    "write": "schrieb",
    "warn": "warnte",
    "demand": "forderte",
    "criticize": "kritisierte",
    "confirm": "bestätigte",
    "claim": "behauptete",
    "deny": "bestritt",
    "fear": "befürchtete",
    "believe": "glaubte",
    "hope": "hoffte",
    "announce": "teilte mit",
    "report": "berichtete",
    "admit": "räumte ein",
    "propose": "schlug vor",
}
"""A cue's English lemma (as ``lang.de.cues.GERMAN_CUE_FORMS`` maps it) to the German third person past; any
other cue reads 'sagte'."""
ACCORDING_TO: Final = "Laut"
UNNAMED_SOURCE: Final = "Eine ungenannte Quelle"
