"""Bytes to text: the encoding (byte order mark, strict UTF-8, the page's ``<meta>``, the declared charset,
a guess), and documents that are no text at all (PDF, images, SVG, archives) told by their first bytes."""

from __future__ import annotations

import codecs
import contextlib
import re

from ..errors import BinaryInput, EmptyInput, InputError

__all__ = ["decode", "sniff"]


_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"BM", None),  # a BMP only with its header's size field: see _kind_of
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
)
_SVG_RE = re.compile(rb"\A(?:\s|<\?xml[^>]*>|<!--.*?-->|<!doctype[^>]*>)*<svg[\s>/]", re.IGNORECASE | re.DOTALL)


def _kind_of(data: bytes) -> str | None:
    """What the bytes are when they are a known kind of document that is no text: PDF, images, SVG, archives."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind is not None:
                return kind
            if len(data) >= 6 and int.from_bytes(data[2:6], "little") == len(data):
                return "a BMP image"
    if head[8:12] == b"WEBP" and head.startswith(b"RIFF"):
        return "a WebP image"
    if _SVG_RE.match(head):
        return "an SVG image"
    return None


def sniff(data: bytes, source: str, error: type[InputError], served_as: str | None = None) -> None:
    """Refuse bytes that are a PDF, an image, SVG or an archive, whatever they were declared to be."""
    kind = _kind_of(data)
    if kind is not None:
        served = f" (served as {served_as})" if served_as else ""
        raise error(f"{source} is {kind}{served}, not text or HTML", source=source)


def decode(data: bytes, source: str, charset: str | None = None) -> str:
    """The bytes as text. A byte order mark settles it; else bytes that are valid UTF-8 are UTF-8, whatever their
    label says (a Latin-1 label on UTF-8 is a common server default; no Latin-1 text of any length is also valid
    UTF-8); else the charsets the page's ``<meta>`` and the server declare, those the bytes fit, the likelier
    first when they differ (charset-normalizer judges); else charset-normalizer's best guess."""
    if not data.strip():
        raise EmptyInput(f"{source} is empty", source=source)
    text = _decoded(data, source, charset)
    if _looks_binary(text):
        raise BinaryInput(f"{source} looks like binary data, not text", source=source)
    return text


def _decoded(data: bytes, source: str, charset: str | None) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    declared = [name for name in dict.fromkeys((_meta_charset(data), _codec(charset))) if name is not None]
    wide = [name for name in declared if name.startswith(("utf-16", "utf-32"))]
    for name in wide:  # UTF-16 without a byte order mark can be valid UTF-8 too: its label decides
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode(name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    fitting = [name for name in declared if _fits(data, name)]
    if len(fitting) > 1:
        return _likelier(data, fitting)
    if fitting:
        return data.decode(fitting[0])
    return _guess_decoding(data, source)


_META_CHARSET_RE = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE)


def _meta_charset(data: bytes) -> str | None:
    """The charset a page's ``<meta charset>`` or ``<meta http-equiv content=…charset=…>`` names (first 4 kB)."""
    found = _META_CHARSET_RE.search(data, 0, 4096)
    return _codec(found.group(1).decode("ascii", "replace")) if found else None


def _codec(label: str | None) -> str | None:
    """Python's name for an encoding label, or None for one it does not know."""
    if not label:
        return None
    try:
        return codecs.lookup(label.strip()).name
    except LookupError:
        return None


def _fits(data: bytes, name: str) -> bool:
    try:
        data.decode(name)
    except UnicodeDecodeError:
        return False
    return True


def _likelier(data: bytes, names: list[str]) -> str:
    """The bytes in whichever declared charset reads as language rather than mojibake (KOI8-R labelled
    windows-1252); the page's own ``<meta>`` when charset-normalizer cannot tell."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=names).best()
    return str(best) if best is not None else data.decode(names[0])


def _guess_decoding(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise BinaryInput(f"{source} is not text in any encoding claimkit recognises", source=source)
    return str(best)


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return "\x00" in sample or controls > len(sample) * 0.05
