"""Number mentions in text: digits with separators, suffixes and ranges, and numbers written as words."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
WORD_NUMBER = re.compile(rf"(?i)\b(?:{_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_WORD}))*\b")
DIGIT_NUMBER = re.compile(r"(?<![\w.,/])(?<![A-Za-z]-)(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(\.\d+)?(?!\d)")
# "96,8 %": a decimal comma (a thousands separator has three digits), before a percent sign only.
_DECIMAL_COMMA = re.compile(r",(\d{1,2})(?=\s?(?:%|percent\b))")
_DOLLARS = re.compile(r"(?i)\s+(?:us\s+)?dollars\b")
_TO_WORD = re.compile(r"(?i)\b(?:from\s+\w+(?:\s+\w+)?\s+)(?:down\s+)?to\s+$")
_SUFFIX = re.compile(r"^\s*(k|m|mm|b|thousand|million|billion|bn)\b", re.I)
_SUFFIX_MULT = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
}


def words_to_number(text: str) -> float | None:
    """``"two hundred fifty"`` -> 250; ``"ninety-eight"`` -> 98; ``None`` if not a number."""
    total = current = 0
    seen = False
    for word in re.split(r"[\s-]+", text.lower()):
        if word == "and" or not word:
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


@dataclass(frozen=True)
class Number:
    """A number in a line: its value, character span and how it was written."""

    value: float
    start: int
    end: int
    words: bool = False
    money: bool = False
    comma: bool = False
    decimal: bool = False
    raw: str = ""


def find_numbers(text: str) -> list[Number]:
    """All numbers in ``text`` (a ``$`` prefix and K/M/B suffixes applied), in order."""
    out: list[Number] = []
    for m in DIGIT_NUMBER.finditer(text):
        value = float(m.group(1).replace(",", "") + (m.group(2) or ""))
        end = m.end()
        decimal_comma = None if m.group(2) or "," in m.group(1) else _DECIMAL_COMMA.match(text, end)
        if decimal_comma:
            value = float(f"{m.group(1)}.{decimal_comma.group(1)}")
            end = decimal_comma.end()
        money = text[max(0, m.start() - 4) : m.start()].rstrip().endswith("$")
        suffix = _SUFFIX.match(text[end:]) if money or text[end : end + 1].isalpha() else None
        if suffix and (money or suffix.group(1).lower() in ("k", "m", "mm", "b", "bn")):
            value = round(value * _SUFFIX_MULT[suffix.group(1).lower()], 2)
            end += suffix.end()
        start = m.start()
        if money:
            start = text.rindex("$", 0, m.start())
        elif _DOLLARS.match(text, end):
            money = True
        out.append(
            Number(
                value,
                start,
                end,
                money=money,
                comma="," in m.group(1),
                decimal=bool(m.group(2) or decimal_comma),
                raw=text[start:end],
            )
        )
    for m in WORD_NUMBER.finditer(text):
        phrase = m.group(0)
        # "one" and "zero" are numbers only as the end of a change: "from four days to one".
        if phrase.lower() in ("one", "a", "zero") and not _TO_WORD.search(text, 0, m.start()):
            continue
        value = words_to_number(phrase)
        if value is not None:
            money = bool(_DOLLARS.match(text, m.end()))
            out.append(Number(value, m.start(), m.end(), words=True, money=money, raw=phrase))
    return sorted(out, key=lambda n: n.start)
