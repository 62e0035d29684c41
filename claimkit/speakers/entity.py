"""A speaker of one article as the index builds it: its name and variants, kind, role, where it is mentioned and
named, and its gender as far as the article tells it."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..records import SpeakerKind
from .names import Range

__all__ = ["SpeakerEntity"]


@dataclass
class SpeakerEntity:
    name: str
    kind: SpeakerKind
    role: str | None = None
    affiliation: str | None = None
    variants: set[str] = field(default_factory=set)
    mentions: set[Range] = field(default_factory=set)
    first: int = 0
    named_at: list[int] = field(default_factory=list)
    """Where the entity's name, a variant or its surname stands in the text, sorted."""
    occurrences: list[int] = field(default_factory=list)
    """The places of ``named_at`` outside what speakers say and outside other speakers' descriptions: where a later
    pronoun may find it."""
    mention_starts: list[int] = field(default_factory=list)
    """The starts of ``mentions``, sorted."""
    number: int = -1
    """The order in which the index created it."""
    gender: tuple[int, str | None] = (-1, None)
    """'m', 'f' or None (untold), and the number of places it was read from (read again as they grow).
    (Pronouns resolved to it are no evidence: one wrong resolution would then mislead every later one.)"""

    def mention(self, at: Range) -> None:
        if at not in self.mentions:
            self.mentions.add(at)
            bisect.insort(self.mention_starts, at[0])

    def last_before(self, position: int) -> int | None:
        """The last place before ``position`` where the entity is mentioned or named, if any."""
        n = bisect.bisect_left(self.mention_starts, position)
        k = bisect.bisect_left(self.occurrences, position)
        candidates = ([self.mention_starts[n - 1]] if n else []) + ([self.occurrences[k - 1]] if k else [])
        return max(candidates, default=None)
