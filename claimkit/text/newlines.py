"""Offsets between a caller's text with CR or CRLF line ends and the same text with LF ends, which the rules read.

The rules read ``\\n`` line ends; a string with ``\\r\\n`` (what a web form sends) or ``\\r`` is read with them
replaced, and every offset found is moved back to the caller's string, so that ``text[start:end]`` holds there.
"""

from __future__ import annotations

import bisect
import re
from typing import Final

__all__ = ["OriginalOffsets", "with_lf"]

_CRLF: Final = re.compile(r"\r\n")


def with_lf(text: str) -> str:
    """``text`` with every CRLF and lone CR made LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


class OriginalOffsets:
    """Moves an offset in ``with_lf(original)`` to the same place in ``original``."""

    def __init__(self, original: str) -> None:
        # each CRLF loses its CR: where each lost CR would stand in the LF text, in order
        self._dropped = [m.start() - n for n, m in enumerate(_CRLF.finditer(original))]

    def __call__(self, offset: int) -> int:
        """A span boundary: after a CRLF's LF, past both; at the LF, before the CR (the span holds both)."""
        return offset + bisect.bisect_left(self._dropped, offset)

    @property
    def identity(self) -> bool:
        """Whether no offset moves (no CRLF in the original)."""
        return not self._dropped
