"""Positions from the experience sections, whether each is coding/HIM work, and merged years."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from analyzer.models.document import Document, Line
from analyzer.models.findings import Experience, Position
from analyzer.rules.dates import Span, find_spans, merged_years
from analyzer.rules.schema import ExperienceRules

_SEP = re.compile(r"\s+\|\s+|\s+[–—-]\s+|\s*[()]\s*|,\s+(?=[A-Z])|\s+at\s+|\s+@\s+")
_LOCATION = re.compile(
    r"^(?:[A-Z][a-z]+(?:\s[A-Z][a-z]+)*,?\s*)?(?!II$|IV$|VI$)[A-Z]{2}(?:\s+\d{5})?$|^(?i:remote|hybrid|on-?site)$"
)
_STATE = re.compile(r"^[A-Z]{2}$")
_FIELD_SEP = re.compile(r"\s+\|\s+|\s+[–—-]\s+|\s*[()]\s*|\s+@\s+")
_TRAILING_LOCATION = re.compile(
    r",\s*(?:[A-Z][a-z]+\.?(?:\s[A-Z][a-z]+)*,\s*)?(?!II\b|IV\b)[A-Z]{2}(?:\s+\d{5})?\s*$|,\s*(?i:remote|hybrid)\s*$"
)
_DESCRIPTORS = {
    "unpaid",
    "paid",
    "contract",
    "part-time",
    "full-time",
    "per",
    "diem",
    "temporary",
    "remote",
    "hybrid",
    "on-site",
    "onsite",
    "seasonal",
    "volunteer",
    "internship",
    "temp",
    "prn",
    "freelance",
    "team",
    "practicum",
    "externship",
    "summer",
    "position",
    "role",
    "w2",
    "1099",
}


@dataclass
class _Entry:
    header: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # header lines with their dates taken out


class ExperienceDetector:
    """Builds ``Experience`` from lines in the ``experience`` section."""

    def __init__(self, rules: ExperienceRules) -> None:
        c = lambda pats: re.compile("|".join(pats), re.I)  # noqa: E731
        self.coding_titles = c(rules.coding_titles)
        self.other_titles = c(rules.other_titles)
        self.coding_work = c(rules.coding_work)
        self.billing_work = c(rules.billing_work)
        self.unpaid = c(rules.unpaid)
        self.paid = c(rules.paid)
        self.role = c(rules.role_words)

    def _entries(self, lines: list[Line], as_of: date) -> list[_Entry]:
        entries: list[_Entry] = []
        cur = _Entry()
        for line in lines:
            spans = find_spans(line.text, as_of)
            starts_new = ((not line.bullet or spans) and cur.body) or (spans and cur.spans)
            if starts_new:
                entries.append(cur)
                cur = _Entry()
            # A line with a date range is a job header even when it carries a bullet glyph.
            if (line.bullet and not spans) or (cur.spans and len(line.text) > 90):
                cur.body.append(line)
            else:
                cur.header.append(line)
                cur.spans.extend(spans)
                text = line.text
                for span in spans:
                    text = text.replace(span.text, " ")
                cur.fields.append(text)
        entries.append(cur)
        return [e for e in entries if e.spans]

    def _parts(self, text: str, split_commas: bool) -> list[str]:
        """The fields of a header line (dates already removed): title, employer, ..."""
        text = _TRAILING_LOCATION.sub("", text.strip(" |,–—-"))
        pieces = _SEP.split(text) if split_commas else _FIELD_SEP.split(text)
        out = []
        for piece in pieces:
            piece = _TRAILING_LOCATION.sub("", piece.strip(" ,|–—-:"))
            if (
                piece
                and len(piece) > 1
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
        return title, (rest[0] if rest else None)

    def _unpaid(self, entry: _Entry) -> bool:
        """An unpaid externship, practicum or volunteer role (coding work that does not count as years)."""
        header = " ".join(ln.text for ln in entry.header)
        return bool(self.unpaid.search(header)) and not self.paid.search(header)

    def _coding_related(self, entry: _Entry, title: str) -> bool:
        header = " ".join(ln.text for ln in entry.header)
        body = " ".join(ln.text for ln in entry.body)
        if self.coding_titles.search(title):
            return not re.search(
                r"(?i)\bbill(?:er|ing) (?:assistant|clerk|representative)\b", title
            )
        if self.other_titles.search(title) or self.other_titles.search(header):
            return False
        coding = len(self.coding_work.findall(body))
        billing = len(self.billing_work.findall(body))
        return coding > billing and coding > 0

    def find(self, doc: Document, as_of: date) -> Experience:
        """Positions in order, each marked ``coding_related`` (coding/HIM work) and ``counted`` (paid
        coding/HIM work, which is what experience years add up), and the merged years."""
        lines = [ln for ln in doc.lines if ln.section == "experience" and not ln.heading]
        positions: list[Position] = []
        spans: list[tuple[date, date]] = []
        for entry in self._entries(lines, as_of):
            title, employer = self._title_employer(entry)
            related = self._coding_related(entry, title)
            counted = related and not self._unpaid(entry)
            first = entry.spans[0]
            start = min(s.start for s in entry.spans)
            end = max(s.end for s in entry.spans)
            current = any(s.current for s in entry.spans)
            positions.append(
                Position(
                    title=title,
                    employer=employer,
                    start=f"{start:%Y-%m}",
                    end=None if current else f"{end:%Y-%m}",
                    current=current,
                    coding_related=related,
                    counted=counted,
                    line=entry.header[0].index if entry.header else first.begin,
                    end_line=max(ln.index for ln in entry.header + entry.body),
                )
            )
            if counted:
                spans.append((start, end))
        return Experience(years=merged_years(spans), positions=positions)
