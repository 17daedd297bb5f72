"""File names as data: a printable form for people, and short safe names for files we write.

A name on disk is bytes. Python hands undecodable bytes to us as surrogate escapes
(``"Jos\\udce9.txt"`` for Latin-1 ``Jos\\xe9.txt``), which cannot be encoded as UTF-8 JSON or
printed; a name may also hold terminal escape sequences. Reports, tables and messages show
``display_name``: invalid bytes as U+FFFD, control characters (C0, DEL and C1) as ``\\xNN``.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def printable(text: str) -> str:
    """``text`` with every C0/C1 control character (and DEL) shown as ``\\xNN``, and lone
    surrogates as U+FFFD: safe to print on a terminal and to encode as UTF-8."""
    if not _CONTROL.search(text) and text.isprintable():
        return text
    text = text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def display_name(path: str | os.PathLike) -> str:
    """A path as people should see it: undecodable bytes as U+FFFD, control characters visible.

    Example:
        >>> display_name("d/Jos\\udce9.txt")
        'd/Jos\\ufffd.txt'
        >>> display_name("a\\x1b]0;pwned\\x07.txt")
        'a\\\\x1b]0;pwned\\\\x07.txt'
    """
    raw = os.fsencode(path)
    return printable(raw.decode("utf-8", "replace"))


def safe_stem(name: str, limit: int = 40) -> str:
    """ASCII letters, digits, ``.``, ``_`` and ``-`` only (accents folded), at most ``limit``
    characters, never empty and never hidden (no leading dot)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    stem = _UNSAFE.sub("_", folded).strip("._-")[:limit].rstrip("._-")
    return stem or "file"


def report_name(label: str, index: int, ext: str) -> str:
    """The file name of one candidate's report: input position, a short safe stem of the input's
    name and a hash of the whole name, so no length or byte in an input name can fail the write
    and two names that fold to the same stem never collide. At most about 70 bytes."""
    base = os.path.basename(label) or label
    stem, _ = os.path.splitext(base)
    digest = hashlib.sha256(os.fsencode(label)).hexdigest()[:8]
    return f"{index + 1:04d}-{safe_stem(stem)}-{digest}.{ext}"
