"""Plain-text reader with encoding detection and hard-wrap repair (HTML: ``parsing.html``)."""

from __future__ import annotations

import codecs
import re

from analyzer.errors import AnalyzerError, Corrupt, Empty, UnsupportedFormat
from analyzer.parsing.cleanup import split_bullet
from analyzer.parsing.raw import RawLine

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


def decode(data: bytes) -> str:
    """Decode bytes: BOM, then UTF-8, then BOM-less UTF-16, then Windows-1252 / Latin-1.

    Raises:
        UnsupportedFormat: The bytes look binary rather than text.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None and len(data) >= 4:
        even, odd = data[0::2].count(0), data[1::2].count(0)
        if odd > len(data) / 4 and even < len(data) / 40:
            text = data.decode("utf-16-le", errors="replace")
        elif even > len(data) / 4 and odd < len(data) / 40:
            text = data.decode("utf-16-be", errors="replace")
    if text is None:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    bad = sum(1 for ch in text[:20000] if (ord(ch) < 32 and ch not in "\r\n\t\f") or ch == "\ufffd")
    if bad > max(8, len(text[:20000]) // 50):
        raise UnsupportedFormat("the file is neither PDF, DOCX nor readable text (it looks binary)")
    return text


# A rule of "=", "-", "*", "_", "~" or "#" (a plain-text heading's decoration, "==== WORK ====", or
# a divider): such a line is never a wrapped continuation, and nothing wraps onto it.
_RULE = re.compile(r"^[=*_~#-]{3,}|[=*_~#-]{3,}$")
_HEADINGISH = re.compile(r"^\W*[A-Z][A-Za-z &/]{2,40}\W*:?$")
_CONNECTOR_END = re.compile(
    r"(?:[,&/+(-]|\b(?:and|or|of|the|for|with|in|to|a|an|at|on|by|from|between|during|since|until"
    r"|through))$",
    re.I,
)
_SMALL = {"a", "an", "and", "the", "of", "for", "in", "at", "to", "on", "with", "&", "by", "or"}


def _title_line(text: str, prev: str) -> bool:
    """A short Title Case line ("AR Follow-Up Specialist", "Coder II") after a line that ends a
    phrase: a new header, not the wrapped end of the line before."""
    words = [w for w in text.split() if w.lower() not in _SMALL]
    if not words or len(words) > 6 or text.endswith((".", ",", ";")):
        return False
    if _CONNECTOR_END.search(prev.rstrip()):
        return False
    return all(w[0].isupper() or w[0].isdigit() for w in words)


def _ends_unit(prev: str, text: str) -> bool:
    """``text`` starts anew with a capital after ``prev`` ends a sentence, a job header's dates or
    a Title Case header line, or with a date range ("2014 – 2016  Billing Clerk, ...", a job of a
    list) after a line that does not end in a connecting word."""
    from analyzer.rules.dates import ends_with_dates, starts_with_dates

    prev = prev.rstrip()
    if starts_with_dates(text) and not _CONNECTOR_END.search(prev):
        return True
    if not text[:1].isupper():
        return False
    if prev.endswith((".", "!", "?")) or ends_with_dates(prev):
        return True
    # A header line ("Billing Specialist Company Name - City , State") is not a wrapped sentence.
    words = [w for w in prev.split() if w[:1].isalpha() and w.lower() not in _SMALL]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def read_text(text: str, max_chars: int) -> list[RawLine]:
    """Split text into logical lines, re-joining hard-wrapped paragraphs and bullets."""
    text = text[:max_chars].replace("\r\n", "\n").replace("\r", "\n").expandtabs(4)
    physical = text.split("\n")
    if not any(p.strip() for p in physical):
        raise Empty("the file contains no text")
    lengths = sorted(len(p.rstrip()) for p in physical if p.strip())
    width = lengths[int(len(lengths) * 0.95)] if lengths else 0
    wrapped = 50 <= width <= 110 and sum(1 for n in lengths if n >= width - 15) >= 3
    out: list[str] = []
    text_indent = 0
    can_continue = False
    for raw in physical:
        stripped = raw.strip()
        if not stripped:
            can_continue = False
            out.append("")
            continue
        had_bullet, rest = split_bullet(stripped)
        prev = out[-1] if out else ""
        indented = _indent(raw) >= text_indent
        ruled = bool(_RULE.search(stripped))  # a rule opens or closes the line
        joins = (
            wrapped
            and can_continue
            and not had_bullet
            and not ruled
            # an indented continuation joins even when it looks like a heading ("HIM")
            and (
                stripped[0].islower()
                or (
                    indented
                    and (_indent(raw) > 0 or not _HEADINGISH.match(stripped))
                    and not (_indent(raw) == 0 and _title_line(stripped, prev))
                    and not _ends_unit(prev, stripped)
                )
            )
        )
        if joins:
            out[-1] = prev.rstrip() + " " + stripped
        else:
            out.append(raw.rstrip())
            text_indent = _indent(raw) + (len(stripped) - len(rest) if had_bullet else 0)
        can_continue = len(raw.rstrip()) >= width - 18 and not ruled
    return [RawLine(text=t) for t in out]


def rtf_text(rtf: str) -> str:
    """The text of an RTF document (striprtf: control words dropped, paragraphs kept as lines).

    Raises:
        Corrupt: the RTF cannot be read.
    """
    from striprtf.striprtf import rtf_to_text

    try:
        return rtf_to_text(rtf, errors="ignore")
    except (AnalyzerError, MemoryError):  # a time limit or memory cap, not a bad file
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of the third-party reader is a bad file
        raise Corrupt(f"the RTF file cannot be read ({type(exc).__name__})") from exc
