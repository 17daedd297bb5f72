"""Positions from the experience sections, whether each is coding/HIM work, and merged years.

Job headers come in many layouts: one delimited line ("Coder II · Lakeside Clinic · Tulsa, OK ·
2019 – Present"), a title line over an employer-and-dates line, a title line, a date line and an
"Employer City , State" line, employer first, a date range broken over lines ("October 2013" /
"to" / "Current"), or several jobs on one line ("Work History: Coder, Acme (2019-2021); Intern,
Lakeside (2016-2019)"). The detector reads the layout from the first entry (how many header lines
stand above its dates) and applies it to every entry. Duties are bullets or prose: a line of 8 or
more words, or one ending in a period, is a duty and never a header. A resume that dates no job in
a header is read for positions told in sentences (``analyzer.rules.prose``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from analyzer.models.document import Document, Line
from analyzer.models.findings import Experience, Position
from analyzer.rules.dates import RANGE, Span, find_spans, merged_years, position_span
from analyzer.rules.prose import ABBREVIATION_END, ProseReader
from analyzer.rules.schema import ExperienceRules
from analyzer.rules.work import WorkKinds

_DESCRIPTORS = {
    "unpaid", "paid", "contract", "part-time", "full-time", "per", "diem", "temporary", "remote",
    "hybrid", "on-site", "onsite", "seasonal", "volunteer", "internship", "temp", "prn",
    "freelance", "team", "practicum", "externship", "summer", "position", "role", "w2", "1099",
}  # fmt: skip
# "City , State" (a space before the comma, as templates write it) between fields is a boundary;
# so is a comma before a capital or a descriptor ("Lakeside Surgery Center, paid").
_PLACE = r"\s+[A-Z][a-z]+\s+,\s+(?:[A-Z]{2}|State)\b\s*"
_DESCRIPTOR = "|".join(sorted(_DESCRIPTORS, key=len, reverse=True))
_SEP = re.compile(
    rf"{_PLACE}|\s+\|\s+|\s+[–—－-]\s+|\s*[()·•]\s*|\s{{3,}}|,\s+(?=[A-Z])"
    rf"|,\s+(?=(?i:{_DESCRIPTOR})\b)|\s+at\s+|\s+@\s+"
)
# An experience heading written inline before the jobs it lists ("Work History: Coder, Acme ...").
_LABEL = re.compile(r"^(?P<label>[A-Za-z][A-Za-z &'’]{0,40}):\s+")
_FIELD_SEP = re.compile(rf"{_PLACE}|\s+\|\s+|\s+[–—－-]\s+|\s*[()·•]\s*|\s{{3,}}|\s+@\s+")
_LOCATION = re.compile(
    r"^(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+)*,?\s*)?(?!II$|IV$|VI$)[A-Z]{2}(?:\s+\d{5})?$"
    r"|^(?i:remote|hybrid|on-?site)$|^City\s*,\s*State$"
)
_STATE = re.compile(r"^[A-Z]{2}$")
# ", Tulsa, OK", " Tulsa , OK", " City , State" (the anonymised form) at the end of a field.
_TRAILING_LOCATION = re.compile(
    r"(?:,\s*(?:[A-Z][a-z]+\.?(?:\s[A-Z][a-z]+)*\s*,\s*)?(?!II\b|IV\b)[A-Z]{2}(?:\s+\d{5})?"
    r"|\s+[A-Z][a-z]+\s+,\s*(?:[A-Z]{2}|State)"
    r"|\s+City\s*,\s*State|,\s*(?i:remote|hybrid))\s*$"
)
_DATE_FRAGMENT = 32  # a line of a date range broken over lines is short
_STOP = {"a", "an", "and", "the", "of", "for", "in", "at", "to", "on", "with", "&", "by"}
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z])")  # where a duty in a paragraph ends


def _title_case(words: list[str]) -> bool:
    significant = [w for w in words if w.lower() not in _STOP]
    return bool(significant) and sum(w[0].isupper() for w in significant) >= 0.8 * len(significant)


def is_duty(text: str, dated: bool = False) -> bool:
    """A duty written as prose: 8 or more words, or a sentence ending in a period. A line that
    holds a date range is read field by field (``|``, ``·``, dashes; commas too when ``dated``);
    a place at the end does not count, and a name in Title Case may run to 11 words."""
    text = text.strip()
    if text.endswith(".") and not ABBREVIATION_END.search(text):
        return True
    fields = re.split(r",\s+|" + _FIELD_SEP.pattern, text) if dated else _FIELD_SEP.split(text)
    for f in fields:
        words = re.findall(r"[A-Za-z][\w'/&.-]*", _TRAILING_LOCATION.sub("", f))
        if len(words) >= (12 if _title_case(words) else 8):
            return True
    return False


@dataclass
class _Unit:
    """One logical line of the section, or several when a date range is broken over lines."""

    lines: list[Line]
    text: str
    spans: list[Span]
    duty: bool


@dataclass
class _Entry:
    header: list[_Unit] = field(default_factory=list)
    body: list[_Unit] = field(default_factory=list)

    @property
    def spans(self) -> list[Span]:
        """The job's dates: those of its first dated header line (later ones, such as a promotion
        history inside it, lie within them)."""
        return next((u.spans for u in self.header if u.spans), [])

    @property
    def fields(self) -> list[str]:
        """Header texts with their dates taken out."""
        out = []
        for u in self.header:
            text = u.text
            for span in u.spans:
                text = text.replace(span.text, " ")
            out.append(text)
        return out

    def lines(self, part: str) -> list[Line]:
        return [ln for u in getattr(self, part) for ln in u.lines]


def _duties(entry: _Entry) -> list[str]:
    """The job's duties: each body line, a paragraph cut into its sentences, so a work pattern
    never runs from one duty into the next."""
    return [d for u in entry.body for d in _SENTENCE_END.split(u.text) if d.strip()]


_BARE_YEAR = re.compile(r"^\W*(?:19|20)\d\d\b")  # a span starting with a year alone


def _within(inner: list[Span], outer: list[Span]) -> bool:
    """Whether every span of ``inner`` lies inside the range ``outer`` covers. A year-only date is
    read mid-year, so where either side starts with a bare year ("2013" may stand for an October
    2013 start) a start up to a year earlier still counts as inside; with months on both sides it
    does not ("Jan 2025 - May 2025" is the job before "Jun 2025 - present", not a part of it)."""
    lo, hi = min(s.start for s in outer), max(s.end for s in outer)
    first = min(outer, key=lambda s: s.start)
    slack = 366 if any(_BARE_YEAR.match(s.text) for s in (first, *inner)) else 0
    return all((lo - s.start).days <= slack and s.end <= hi for s in inner)


class ExperienceDetector:
    """Builds ``Experience`` from lines in the ``experience`` section (or, failing dated job
    headers, from sentences).

    Args:
        rules: ``experience.toml``.
        credential_ids: Every credential id (credentials.toml): a credential earned in a sentence
            is not a job.
        headings: The experience headings of sections.toml: one written inline before a list of
            jobs ("Work History: Coder, Acme (2019-2021); ...") is not part of the first job.
    """

    def __init__(
        self,
        rules: ExperienceRules,
        credential_ids: list[str] | None = None,
        headings: list[str] | None = None,
    ) -> None:
        self.headings = {" ".join(h.lower().split()) for h in headings or []}
        self.kinds = WorkKinds(rules)
        self.role = self.kinds.role
        self.prose = ProseReader(rules.prose, self.kinds, credential_ids or [])

    # -- layout -----------------------------------------------------------------------------
    def _units(self, lines: list[Line], as_of: date) -> list[_Unit]:
        """Lines as units, a date range broken over two or three short lines joined into one."""
        units: list[_Unit] = []
        i = 0
        while i < len(lines):
            line = lines[i]
            spans = find_spans(line.text, as_of)
            if not any(s.kind == "range" for s in spans):
                joined = self._joined_range(lines, i, as_of)
                if joined:
                    units.append(joined)
                    i += len(joined.lines)
                    continue
            # A line with a date range is a job header even with a bullet glyph, unless the
            # rest of it is a sentence; a start or season alone dates only a header-like line.
            rest = line.text
            for s in spans:
                rest = rest.replace(s.text, "")
            rest = re.sub(r"\s+", " ", rest)
            duty = (line.bullet and not spans) or is_duty(rest, bool(spans)) or (
                bool(spans) and is_duty(line.text) and spans[0].kind != "range"
            )
            if duty:
                spans = []
            units.extend(self._jobs_on_one_line(line, spans, duty, as_of))
            i += 1
        return units

    @staticmethod
    def _jobs_on_one_line(line: Line, spans: list[Span], duty: bool, as_of: date) -> list[_Unit]:
        """A line that lists several jobs, each with its own date range, between semicolons
        ("Coder, Acme (2019-2021); Intern, Lakeside (2016-2019)"): one unit per job."""
        ranges = [s for s in spans if s.kind == "range"]
        pieces = line.text.split(";")
        if len(ranges) < 2 or len(pieces) != len(ranges):
            return [_Unit([line], line.text, spans, duty)]
        out = []
        for piece in pieces:
            found = [s for s in find_spans(piece, as_of) if s.kind == "range"]
            if len(found) != 1:
                return [_Unit([line], line.text, spans, duty)]
            out.append(_Unit([line], piece.strip(), found, duty))
        return out

    @staticmethod
    def _joined_range(lines: list[Line], i: int, as_of: date) -> _Unit | None:
        for k in (2, 3):
            pieces = lines[i : i + k]
            if len(pieces) < k or any(
                len(p.text) > _DATE_FRAGMENT or (p.bullet and j) for j, p in enumerate(pieces)
            ):
                return None
            text = " ".join(p.text for p in pieces)
            m = RANGE.search(text)
            if not m:
                continue
            first, last = len(pieces[0].text), len(text) - len(pieces[-1].text)
            if m.start() < first and m.end() > last:
                spans = [s for s in find_spans(text, as_of) if s.kind == "range"]
                if spans:
                    return _Unit(pieces, text, spans, False)
        return None

    def _header_like(self, unit: _Unit) -> bool:
        """A short line that reads as a title, employer or place rather than a duty."""
        if unit.duty:
            return False
        text = unit.text
        if unit.spans or self.role.search(text) or _TRAILING_LOCATION.search(text):
            return True
        if re.search(r"\s[|·•–—－]\s", text):
            return True
        words = [w for w in re.findall(r"[A-Za-z][\w'&.-]*", text) if w.lower() not in _STOP]
        return bool(words) and sum(w[0].isupper() for w in words) >= 0.6 * len(words)

    def _entries(self, lines: list[Line], as_of: date) -> list[_Entry]:
        units = self._units(lines, as_of)
        dated = [i for i, u in enumerate(units) if u.spans]
        if not dated:
            return []
        above = 0  # header lines above the dates in the first entry: the layout of every entry
        while above < 3 and dated[0] - above - 1 >= 0:
            if not self._header_like(units[dated[0] - above - 1]):
                break
            above += 1
        entries: list[_Entry] = []
        claimed = 0  # units before this index belong to earlier entries
        for n, d in enumerate(dated):
            nxt = dated[n + 1] if n + 1 < len(dated) else len(units)
            if entries and claimed == d and _within(units[d].spans, entries[-1].spans):
                # "Employer | 2013 - Current" over "Senior Coder (2018 - now); Coder (2013 - 2018)":
                # dates inside the header just above belong to the same job.
                header = entries[-1].header
            else:
                header = None
            pre = d
            while (
                header is None and pre > claimed and d - pre < above
                and self._header_like(units[pre - 1])
            ):
                pre -= 1
            if entries:  # what lies between the previous entry's header and this one is its body
                entries[-1].body.extend(units[claimed:pre])
            # After the dates: employer/title lines up to the first duty or the next header.
            nxt_pre = nxt
            if nxt < len(units):
                while nxt_pre > d + 1 and nxt - nxt_pre < above and self._header_like(
                    units[nxt_pre - 1]
                ):
                    nxt_pre -= 1
            post = d + 1
            while post < nxt_pre and post - d <= max(1, 3 - above) and self._header_like(
                units[post]
            ):
                post += 1
            if header is not None:
                header.extend(units[pre:post])
            else:
                entries.append(_Entry(header=units[pre:post]))
            claimed = post
        entries[-1].body.extend(units[claimed:])
        return entries

    # -- fields -----------------------------------------------------------------------------
    def _parts(self, text: str, split_commas: bool) -> list[str]:
        """The fields of a header line (dates already removed): title, employer, ..."""
        text = text.strip(" |,–—-·•")
        label = _LABEL.match(text)
        if label and " ".join(label.group("label").lower().split()) in self.headings:
            text = text[label.end() :]
        text = _TRAILING_LOCATION.sub("", text)
        pieces = _SEP.split(text) if split_commas else _FIELD_SEP.split(text)
        out = []
        for piece in pieces:
            piece = _TRAILING_LOCATION.sub("", piece.strip(" ,|–—－-:·•"))
            if (
                piece
                and len(piece) > 1
                and not is_duty(piece)
                and not _LOCATION.match(piece)
                and not _STATE.match(piece)
                and not set(piece.lower().split()) <= _DESCRIPTORS
            ):
                out.append(piece)
        return out

    def _title_employer(self, entry: _Entry) -> tuple[str, str | None]:
        fields = [self._parts(t, False) for t in entry.fields]
        # One header line: "Title, Employer, City, ST (dates)"; several: one field per line.
        if sum(1 for f in fields if f) <= 1:
            fields = [self._parts(t, True) for t in entry.fields]
        parts = [p for f in fields for p in f]
        if not parts:
            return "(untitled position)", None
        title_idx = next((i for i, p in enumerate(parts) if self.role.search(p)), 0)
        title = parts[title_idx]
        rest = [p for i, p in enumerate(parts) if i != title_idx]
        title, employer = self._split_run_on(title)
        if employer:
            rest.insert(0, employer)
        return title, (rest[0] if rest else None)

    def _split_run_on(self, text: str) -> tuple[str, str | None]:
        """"Medical Billing Specialist Company Name" (no separator): the title ends at its last
        role word when two or more capitalised words follow it."""
        words = text.split()
        last = max((i for i, w in enumerate(words) if self.role.fullmatch(w)), default=None)
        if last is None or last == 0:
            return text, None
        tail = words[last + 1 :]
        if len(tail) >= 2 and all(w[:1].isupper() for w in tail):
            return " ".join(words[: last + 1]), " ".join(tail)
        return text, None

    def _job_start(self, lines: list[Line], i: int, as_of: date) -> int | None:
        """Where a job begins when line ``i`` is a dated job header outside an experience section
        (its title on it or on the line above); ``None`` if it is not one."""
        line = lines[i]
        spans = [s for s in find_spans(line.text, as_of) if s.kind != "single"]
        if not spans or line.bullet or is_duty(line.text, True):
            return None
        if self.role.search(line.text):
            return i
        prev = lines[i - 1] if i else None
        if prev and not prev.heading and self.role.search(prev.text) and not is_duty(prev.text):
            return i - 1
        return None

    def _work_lines(self, doc: Document, as_of: date) -> list[Line]:
        """The experience section's lines, and jobs written under a summary or profile heading
        ("Where I work now", no heading at all): from a dated job header to the next heading."""
        out: list[Line] = []
        lines = doc.lines
        taking = False
        for i, line in enumerate(lines):
            if line.heading:
                taking = False
            elif line.section == "experience":
                out.append(line)
            elif line.section in ("summary", "profile"):
                if not taking and (start := self._job_start(lines, i, as_of)) is not None:
                    taking = True
                    out.extend(lines[start:i])
                if taking:
                    out.append(line)
        return sorted(out, key=lambda ln: ln.index)

    def find(self, doc: Document, as_of: date) -> Experience:
        """Positions in order, each marked ``coding_related`` (coding/HIM work) and ``counted``
        (paid coding/HIM work, which is what experience years add up), and the merged years. A
        resume with no dated job header is read for positions told in sentences."""
        lines = self._work_lines(doc, as_of)
        positions: list[Position] = []
        spans: list[tuple[date, date]] = []
        for entry in self._entries(lines, as_of):
            title, employer = self._title_employer(entry)
            header = " ".join(u.text for u in entry.header)
            related = self.kinds.coding_related(title, header, _duties(entry))
            counted = related and not self.kinds.unpaid(header)
            entry_spans = entry.spans
            start = min(s.start for s in entry_spans)
            end = max(s.end for s in entry_spans)
            current = any(s.current for s in entry_spans)
            all_lines = entry.lines("header") + entry.lines("body")
            positions.append(
                Position(
                    title=title,
                    employer=employer,
                    start=f"{start:%Y-%m}",
                    end=None if current else f"{end:%Y-%m}",
                    current=current,
                    coding_related=related,
                    counted=counted,
                    line=all_lines[0].index,
                    end_line=max(ln.index for ln in all_lines),
                )
            )
            if counted:
                spans.append((start, end))
        if not positions:
            positions = self.prose.read(doc, as_of)
            spans = [
                position_span(p.start, p.end, p.current, as_of) for p in positions if p.counted
            ]
        return Experience(years=merged_years(spans), positions=positions)
