"""Character-level clean-up shared by every format: ligatures, soft hyphens, spacing, bullets."""

from __future__ import annotations

import re
import unicodedata

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

BULLET_GLYPHS = "•·▪■□◦●○‣⁃∙►▸▹▶➢➤➣→›»✓✔✗◆◇♦❖*-–—o"
_BULLET = re.compile(
    r"^\s*(?:[•·▪■□◦●○‣⁃∙►▸▹▶➢➤➣→›»✓✔◆◇♦❖*]|>(?=\s)|[-–—](?=\s)|o(?=\s+[A-Z0-9$]))[\s|]*"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ ]{2,}")
_LETTER_SPACED = re.compile(r"^(?:\S ){3,}\S$")
_RULE_LINE = re.compile(r"^[\s\-_=~*#.•·|]{3,}$")


def clean_chars(text: str) -> str:
    """Replace ligatures, drop soft hyphens and control characters, normalise spaces."""
    text = unicodedata.normalize("NFC", text).translate(_TRANSLATE)
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


def tidy(text: str) -> str:
    """Collapse runs of spaces and strip the ends."""
    return _SPACES.sub(" ", text).strip()
