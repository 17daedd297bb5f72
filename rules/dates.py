"""Date ranges as resumes write them: ``Jan 2019 – Present``, ``03/2018 - 06/2021``, ``2016–2019``,
``Sept. '19 – today``, ``7/16 – 2/20``, ``2015 through 2018``, ``May'23 – ongoing``, ``Starting 2021``,
``Summer 2025``. Month-only starts are the 1st, month-only ends the last day; year-only ranges are
read mid-year (Jul 1 - Jun 30), seasons as Jun-Aug etc. (design.md).

Regexes find where a date range stands and how its two ends are joined; each end is read by
python-dateutil's parser (month names, abbreviations with or without a period, ``Jan-2019``,
ISO ``2019-03``), with the numeric ``M/YY`` forms and seasons read here (dateutil would take
``7/16`` as July 16th).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from dateutil import parser as dateutil_parser

_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "fall": (9, 11),
    "autumn": (9, 11),
    "winter": (12, 2),
}
_MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_YEAR2 = r"(?:'|’|‘)\s?\d{2}(?!\d)"  # '19
_MONTH_YEAR = rf"{_MONTH_RE}(?:\s*,?\s*|\s*[-/]\s*)(?:\d{{4}}|{_YEAR2})|{_MONTH_RE}\s?{_YEAR2}"
_NUMERIC = r"\d{1,2}/\d{1,2}/\d{4}|\d{1,2}[/.]\d{4}|\d{1,2}/\d{2}(?!\d)|(?:19|20)\d\d-(?:0[1-9]|1[0-2])(?![\d-])"
_SEASON = r"(?:Spring|Summer|Fall|Autumn|Winter)\s+(?:\d{4}|" + _YEAR2 + ")"
_DATE = rf"(?:{_MONTH_YEAR}|{_NUMERIC}|{_SEASON}|(?<![\d/.])(?:19|20)\d\d(?![\d/]))"
# Every way of saying "still there".
_OPEN = (
    r"(?:present(?:\s+day)?|current(?:ly)?(?:\s+employed)?|now|today|to\s+date|till\s+date|date|"
    r"ongoing|on-going|continuing|still(?:\s+(?:here|there|employed|working|active|going))?|active|in\s+progress)"
)
_JOIN = r"\s*(?:\|\s*)?(?:[-–—‒~]+|to|through|thru|until|till|[-–—]\s*to)(?:\s*\|)?\s*"
RANGE = re.compile(rf"(?i)\b(?P<start>{_DATE}){_JOIN}(?P<end>{_DATE}|{_OPEN})(?![\w/])")
# "2021 –" with nothing after it, "Starting 2021", "Since March 2020": open-ended, still there.
OPEN_START = re.compile(
    rf"(?i)(?:\b(?:starting|started|since|beginning|began|from)\s+(?:in\s+)?(?P<start>{_DATE})(?!{_JOIN}(?:{_DATE}))"
    rf"|\b(?P<start2>{_DATE})\s*(?:[-–—]+\s*$|\s(?:onwards?|and on)\b))"
)
SINGLE = re.compile(
    rf"(?i)\b(?P<start>(?:{_MONTH_RE}|Spring|Summer|Fall|Autumn|Winter)\s*,?\s*(?:\d{{4}}|{_YEAR2})|\d{{1,2}}/\d{{4}})"
)
_DEFAULT = datetime(2000, 1, 1)


@dataclass(frozen=True)
class Span:
    """One date range in a line: its dates, whether it runs to now, and where it stands.

    ``kind`` is ``range`` (two ends), ``open`` ("Starting 2021") or ``single`` ("Summer 2025")."""

    start: date
    end: date
    current: bool
    text: str
    begin: int
    finish: int
    kind: str = "range"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year(text: str) -> int:
    year = int(text)
    if year < 100:
        year += 2000 if year < 50 else 1900
    return year


@lru_cache(maxsize=2048)
def _month_year(token: str) -> tuple[int, int] | None:
    """(year, month) of a month-name date read by dateutil; ``None`` if it is not one."""
    token = re.sub(r"\s*['’‘]\s*(\d{2})$", lambda m: f" {_year(m.group(1))}", token)
    try:
        parsed = dateutil_parser.parse(token, default=_DEFAULT)
    except (ValueError, OverflowError):
        return None
    return parsed.year, parsed.month


def _parse(token: str, is_end: bool) -> date | None:
    t = token.strip().lower().rstrip(",.")
    if m := re.fullmatch(r"(\d{1,2})/\d{1,2}/(\d{4})", t):
        month, year = int(m.group(1)), int(m.group(2))
    elif m := re.fullmatch(r"(\d{1,2})[/.](\d{2}|\d{4})", t):
        month, year = int(m.group(1)), _year(m.group(2))
    elif m := re.fullmatch(r"(\d{4})-(\d{2})", t):
        year, month = int(m.group(1)), int(m.group(2))
    elif re.fullmatch(r"\d{4}", t):
        year = int(t)
        return date(year, 6, 30) if is_end else date(year, 7, 1)
    elif (parts := t.split()) and parts[0] in _SEASONS:
        year = _year(parts[-1].strip("'’‘"))
        first, last = _SEASONS[parts[0]]
        if is_end:
            return _month_end(year + 1 if first > last else year, last)
        return date(year, first, 1)
    elif found := _month_year(token.strip()):
        year, month = found
    else:
        return None
    if not 1 <= month <= 12 or not 1950 <= year <= 2100:
        return None
    return _month_end(year, month) if is_end else date(year, month, 1)


def _is_open(token: str) -> bool:
    return re.fullmatch(_OPEN, token.strip().lower()) is not None


# Every date form holds a year: four digits, or two after a slash, dot or apostrophe.
_HAS_YEAR = re.compile(r"(?:19|20)\d\d|\d[/.]\d\d|['’‘]\s?\d\d")


def find_spans(text: str, as_of: date) -> list[Span]:
    """Date ranges and open-ended starts ("Starting 2021", "2021 –", "2018 onward") in ``text``;
    failing those, a single season/month date (as a span of that season/month)."""
    out: list[Span] = []
    if not _HAS_YEAR.search(text):
        return out
    for m in RANGE.finditer(text):
        start = _parse(m.group("start"), False)
        end_token = m.group("end")
        current = _is_open(end_token)
        end = as_of if current else _parse(end_token, True)
        if start and end and start <= end and start.year >= 1950 and start <= as_of:
            out.append(Span(start, min(end, as_of), current, m.group(0), m.start(), m.end()))
    for m in OPEN_START.finditer(text):
        token = m.group("start") or m.group("start2")
        start = _parse(token, False)
        inside = any(s.begin < m.end() and m.start() < s.finish for s in out)
        if start and 1950 <= start.year and start <= as_of and not inside:
            out.append(Span(start, as_of, True, m.group(0), m.start(), m.end(), "open"))
    if out:
        return out
    for m in SINGLE.finditer(text):
        start, end = _parse(m.group("start"), False), _parse(m.group("start"), True)
        if start and end and start <= as_of:
            out.append(
                Span(start, min(end, as_of), False, m.group(0), m.start(), m.end(), "single")
            )
    return out


_DATE_LINE = re.compile(
    rf"(?i)^\W*(?:{_DATE}|{_MONTH_RE})(?:{_JOIN}(?:{_DATE}|{_OPEN}))?\W*$"
)


def is_date_line(text: str) -> bool:
    """Whether a line holds nothing but a date or a date range ("Spring 2020", "Jan 2019 -")."""
    return _DATE_LINE.match(text.strip()) is not None


_ONE_DATE = re.compile(rf"(?i){_DATE}")


@dataclass(frozen=True)
class Mention:
    """One date written in a text, where it stands, and the day it means as the start and as the
    end of a period (a year alone: July 1st and June 30th, read mid-year; a month: its first and
    last day)."""

    begin: int
    finish: int
    as_start: date
    as_end: date


def dates_in(text: str) -> list[Mention]:
    """Each date written in ``text``, in order."""
    out = []
    for m in _ONE_DATE.finditer(text):
        first, last = _parse(m.group(0), False), _parse(m.group(0), True)
        if first and last:
            out.append(Mention(m.start(), m.end(), first, last))
    return out


_ENDS_WITH_RANGE = re.compile(rf"(?i)(?:{_DATE}){_JOIN}(?:{_DATE}|{_OPEN})\W*$")
_STARTS_WITH_RANGE = re.compile(rf"(?i)^\W*(?:{_DATE}){_JOIN}(?:{_DATE}|{_OPEN})(?![\w/])")


def ends_with_dates(text: str) -> bool:
    """Whether a line ends with a date range (a job header's dates)."""
    return _ENDS_WITH_RANGE.search(text[-60:]) is not None


def starts_with_dates(text: str) -> bool:
    """Whether a line starts with a date range ("2016 – 2019  Coding Intern, ...")."""
    return _STARTS_WITH_RANGE.match(text) is not None


def position_span(start: str, end: str | None, current: bool, as_of: date) -> tuple[date, date]:
    """The dates a reported position covers: ``start``/``end`` are ``YYYY-MM`` (the first and the
    last day of those months); an open or current position runs to ``as_of``."""
    s = date(int(start[:4]), int(start[5:7]), 1)
    if current or not end:
        return s, as_of
    year, month = int(end[:4]), int(end[5:7])
    return s, _month_end(year, month)


def merged_years(spans: list[tuple[date, date]]) -> float:
    """Total years covered by ``spans`` (inclusive days / 365.25), overlaps counted once."""
    total = 0
    cur_start = cur_end = None
    for start, end in sorted(spans):
        if cur_end is None or start > cur_end:
            if cur_end is not None:
                total += (cur_end - cur_start).days + 1
            cur_start, cur_end = start, end
        else:
            cur_end = max(cur_end, end)
    if cur_end is not None:
        total += (cur_end - cur_start).days + 1
    return round(total / 365.25, 1)
