"""English page furniture: the openings of lines that are no part of an article (credits, share and subscribe
prompts, bylines), and the words a headline label uses that name no source ('Update:', 'Watch:')."""

from __future__ import annotations

from typing import Final

__all__ = [
    "BOILERPLATE_STARTS",
    "NOT_HEADLINE_SOURCES",
]


BOILERPLATE_STARTS: Final = (
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
    "correction:",
    "corrections:",
    "clarification:",
    "editor's note:",
    "editor’s note:",
    "an earlier version of this",
    "this story has been updated",
    "this article has been updated",
    "this story has been corrected",
    "this article has been corrected",
)


NOT_HEADLINE_SOURCES: Final = frozenset(
    """update updated updates watch video videos photo photos breaking exclusive opinion analysis editorial
    live tags note contributing correction corrections related read see listen q a faq quiz poll fact
    timeline transcript more source sources credit special""".split()
)
