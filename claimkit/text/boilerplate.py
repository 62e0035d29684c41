"""Page furniture: bylines, credits, tag lists and other lines that are not article prose."""

from __future__ import annotations

from ..lang.en.furniture import BOILERPLATE_STARTS

__all__ = ["is_boilerplate"]


def is_boilerplate(line: str) -> bool:
    """Bylines, credits, tag lists and other lines that are not article prose."""
    lowered = line.strip().lstrip("([").lower()  # '(Additional reporting by …)'
    if lowered.startswith(BOILERPLATE_STARTS) or (lowered.startswith("by ") and len(lowered.split()) <= 6):
        return True
    return "image is taken from" in lowered or "on twitter @" in lowered
