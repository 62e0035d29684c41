"""A deadline for one article: the rules check it as they go, and past it the article ends with ``ArticleTimeout``.

The rules take time in proportion to an article's length (milliseconds for news; about 20 CPU-seconds for the
worst text of ``bench/hostile_shapes.py`` at the 5 MB cap), so the deadline is a guard against the unforeseen,
not a limit real articles meet. A context variable carries it: threads and worker processes each have their own.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import ArticleTimeout

__all__ = ["check", "within"]

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("claimkit_deadline", default=None)


@contextmanager
def within(seconds: float | None) -> Iterator[None]:
    """Run the block against a deadline ``seconds`` from now (none for None or 0); inside another, the earlier of
    the two holds, so that the stages of one article (rules, check, extraction) share one budget."""
    outer = _DEADLINE.get()
    inner = (time.monotonic() + seconds, seconds) if seconds else None
    token = _DEADLINE.set(outer if outer is not None and (inner is None or outer[0] <= inner[0]) else inner)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check() -> None:
    """Raise ``ArticleTimeout`` when the current article is past its deadline."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline[0]:
        raise ArticleTimeout(f"the article took longer than {deadline[1]:g} s (deadline)", seconds=deadline[1])
