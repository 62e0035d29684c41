"""Who is speaking: the grammar of names (``names``) and the speakers of one article (``index``)."""

from __future__ import annotations

from .index import SpeakerEntity, SpeakerIndex
from .names import same_name

__all__ = ["SpeakerEntity", "SpeakerIndex", "same_name"]
