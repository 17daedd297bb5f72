"""Character-level clean-up shared by every format: mojibake, ligatures, soft hyphens, spacing,
bullets."""

from __future__ import annotations

import re
import unicodedata

import ftfy

_TRANSLATE = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\t": " | ",
        "\u2011": "-",  # non-breaking hyphen
        "\u2010": "-",
        "\u2212": "-",
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\uf0b7": "\u2022",  # Symbol-font bullet from Word exports
        "\uf0a7": "\u2022",
        "\uf076": "\u2022",
        "\uf0d8": "\u2022",
    }
)

_BULLET = re.compile(
    r"^\s*(?:[•·▪■□◦●○‣⁃∙►▸▹▶➢➤➣→›»✓✔◆◇♦❖*]|>(?=\s)|[-–—](?=\s)|o(?=\s+[A-Z0-9$]))[\s|]*"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # C0, DEL and C1
_SPACES = re.compile(r"[ ]{2,}")
_LETTER_SPACED = re.compile(r"^(?:\S ){3,}\S$")
_RULE_LINE = re.compile(r"^[\s\-_=~*#.•·|]{3,}$")


# UTF-8 read as Windows-1252 ("â€™", "Ã©", "Â "): a lead character of a UTF-8 sequence followed by
# what a continuation byte becomes in Windows-1252. Only lines with such a pair go to ftfy.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6"
    "\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_STRAY_A = re.compile("\u00c2(?=\\s)")  # a no-break space's lead byte left before a plain space


def repair_mojibake(text: str) -> str:
    """Undo copy-paste mojibake with ftfy: ``"Coderâ€™s"`` -> ``"Coder’s"``, ``"CafÃ©"`` ->
    ``"Café"``; a stray ``"Â"`` before a space is dropped. Clean text is returned unchanged."""
    if _MOJIBAKE.search(text):
        text = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    return _STRAY_A.sub("", text)


def clean_chars(text: str) -> str:
    """Repair mojibake, replace ligatures, drop soft hyphens and control characters, normalise
    spaces."""
    text = unicodedata.normalize("NFC", repair_mojibake(text)).translate(_TRANSLATE)
    return _CONTROL.sub("", text)


def join_letter_spacing(text: str) -> str:
    """Join a letter-spaced heading: ``"P R O F E S S I O N A L   E X P"`` -> ``"PROFESSIONAL EXP"``."""
    stripped = text.strip()
    words = re.split(r"\s{2,}", stripped)
    if all(_LETTER_SPACED.match(w) or len(w) == 1 for w in words) and any(
        _LETTER_SPACED.match(w) for w in words
    ):
        return " ".join(w.replace(" ", "") for w in words)
    return text


def split_bullet(text: str) -> tuple[bool, str]:
    """Return ``(had_bullet, text_without_bullet)``."""
    m = _BULLET.match(text)
    if m and m.end() < len(text):
        return True, text[m.end() :]
    return False, text


def is_rule_line(text: str) -> bool:
    """A decorative line of dashes, underscores or equals signs (TXT heading rules)."""
    return bool(_RULE_LINE.match(text)) and not any(ch.isalnum() for ch in text)


# Dot leaders between a header's fields ("Medical Coder, Lakeside ........ Jun 2025 - present"): four
# or more dots, or three set apart by spaces before a date; read as the field break they draw.
_LEADER = re.compile(
    r"(?<=\S)\s*(?:\.\s?){4,}\s*(?=\S)"
    r"|(?<=\S)\s+\.{3}\s+(?=\d|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer"
    r"|fall|autumn|winter|present|current)\b)"
)


def leaders_to_fields(text: str) -> str:
    """Dot leaders replaced by the field separator " | "."""
    return _LEADER.sub(" | ", text)


def tidy(text: str) -> str:
    """Collapse runs of spaces and strip the ends."""
    return _SPACES.sub(" ", text).strip()
