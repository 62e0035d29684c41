"""The embedded, model-free engine: attributions found by rules over quotations and cues.

One stage per module, in the order an article meets them: ``walk`` (paragraphs, sentences, quotations with no
cue), ``headline``, ``cues`` (is this word a cue here?), ``attributions`` (a speaker and a content around each
cue), ``speaker_phrases`` and ``content`` (where each phrase begins and ends); ``sentence`` holds what they share
and ``german`` the German cue rules. Every word they read comes from ``claimkit.lang``. Offsets are always those
of the article text; nothing is rewritten.
"""

from __future__ import annotations

from .walk import extract

__all__ = ["extract"]
