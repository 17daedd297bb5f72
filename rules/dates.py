"""Date ranges as resumes write them: ``Jan 2019 – Present``, ``03/2018 - 06/2021``, ``2016–2019``,
``2021 - current``, ``Summer 2025``. Month-only starts are the 1st, month-only ends the last day;
year-only ranges are read mid-year (Jul 1 - Jun 30), seasons as Jun-Aug etc. (design.md)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_name) if m})
_MONTHS["sept"] = 9
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "fall": (9, 11),
    "autumn": (9, 11),
    "winter": (12, 2),
}
_MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
_DATE = rf"(?:{_MONTH_RE}\s*,?\s*\d{{4}}|\d{{1,2}}/\d{{4}}|\d{{1,2}}/\d{{2}}(?!\d)|(?:Spring|Summer|Fall|Autumn|Winter)\s+\d{{4}}|(?:19|20)\d\d)"
_OPEN = r"(?:present|current(?:ly)?|now|today|date|ongoing)"
RANGE = re.compile(
    rf"(?i)(?P<start>{_DATE})\s*(?:[-–—‒]+|to|through|until|till)\s*(?P<end>{_DATE}|{_OPEN})\b"
)
SINGLE = re.compile(
    rf"(?i)(?P<start>(?:{_MONTH_RE}|Spring|Summer|Fall|Autumn|Winter)\s*,?\s*\d{{4}}|\d{{1,2}}/\d{{4}})"
)


@dataclass(frozen=True)
class Span:
    start: date
    end: date
    current: bool
    text: str
    begin: int
    finish: int


def _parse(token: str, is_end: bool) -> date | None:
    t = token.strip().lower().replace(",", " ").replace(".", "")
    if m := re.fullmatch(r"(\d{1,2})/(\d{2,4})", t):
        month, year = int(m.group(1)), int(m.group(2))
        year += 2000 if year < 100 else 0
        if not 1 <= month <= 12:
            return None
        return (
            date(year, month, calendar.monthrange(year, month)[1])
            if is_end
            else date(year, month, 1)
        )
    parts = t.split()
    if len(parts) == 2 and parts[0] in _SEASONS:
        year = int(parts[1])
        first, last = _SEASONS[parts[0]]
        if is_end:
            end_year = year + 1 if first > last else year
            return date(end_year, last, calendar.monthrange(end_year, last)[1])
        return date(year, first, 1)
    if len(parts) == 2 and parts[0][:3] in _MONTHS and parts[1].isdigit():
        month = _MONTHS.get(parts[0], _MONTHS.get(parts[0][:3]))
        year = int(parts[1])
        return (
            date(year, month, calendar.monthrange(year, month)[1])
            if is_end
            else date(year, month, 1)
        )
    if re.fullmatch(r"\d{4}", t):
        year = int(t)
        return date(year, 6, 30) if is_end else date(year, 7, 1)
    return None


def find_spans(text: str, as_of: date) -> list[Span]:
    """Date ranges (and single season/month dates, as a span of that season/month) in ``text``."""
    out: list[Span] = []
    for m in RANGE.finditer(text):
        start = _parse(m.group("start"), False)
        end_token = m.group("end")
        current = bool(re.fullmatch(_OPEN, end_token.strip().lower()))
        end = as_of if current else _parse(end_token, True)
        if start and end and start <= end and start.year >= 1950:
            out.append(Span(start, min(end, as_of), current, m.group(0), m.start(), m.end()))
    if not out:
        for m in SINGLE.finditer(text):
            start, end = _parse(m.group("start"), False), _parse(m.group("start"), True)
            if start and end and start <= as_of:
                out.append(Span(start, min(end, as_of), False, m.group(0), m.start(), m.end()))
    return out


def position_span(start: str, end: str | None, current: bool, as_of: date) -> tuple[date, date]:
    """The dates a reported position covers: ``start``/``end`` are ``YYYY-MM`` (the first and the
    last day of those months); an open or current position runs to ``as_of``."""
    s = date(int(start[:4]), int(start[5:7]), 1)
    if current or not end:
        return s, as_of
    year, month = int(end[:4]), int(end[5:7])
    return s, date(year, month, calendar.monthrange(year, month)[1])


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
