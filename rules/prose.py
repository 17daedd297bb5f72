"""Positions told in sentences, for resumes written as first-person paragraphs that date their jobs
only inside prose ("I joined Valley Clinic in March 2016 as an outpatient coder and I am still
there", "From 2011 to 2014 I coded pro-fee claims for a cardiology group"). The experience
detector asks for them only when no job header is dated, so a resume with dated headers never
changes.

Text outside education, certifications and list sections is read as paragraphs, paragraphs as
sentences, and sentences as clauses: split at ";", commas and "and"/"but"/"then", then joined back
while a piece adds neither a date nor a new start, so each clause holds one date. A clause is a
position when it ties work (a role, an activity, a start or work verb) to a date:

- a date range ("from 2011 to 2014", "(2010-2014)"), an open start ("since 2019"), or a duration
  that ends now ("for the last five years": it starts that many years before ``as_of``);
- a single date with a start verb ("joined ... in March 2016", "promoted to ... in 2015"); such a
  position ends the day before the next one starts, and runs to ``as_of`` when none does or when
  the text says it is still held ("I am still there"), as an open "2016 –" header does;
- a start verb with no date right after a position whose end is known ("After four years at X
  (2010-2014) I moved to Y": Y starts when X ended).

A date with an end cue before it ("left in August 2019") ends the open position before it.
Schooling, credentials earned or held, and events whose subject is not the candidate ("in 2020 our
clinic moved to Epic") are never positions, and a clause counts only when it is the candidate's: an
"I" in its sentence, or a clause that opens with its verb ("Joined Riverside Orthopedics in 2019
as ..."). Undated sentences after a position are its duties, up to the next dated sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta

from analyzer.models.document import Document, Line
from analyzer.models.findings import Position
from analyzer.rules.dates import dates_in, find_spans, is_date_line
from analyzer.rules.numbers import words_to_number
from analyzer.rules.schema import ProseRules
from analyzer.rules.work import WorkKinds

# Grammar, not vocabulary: where a sentence or a clause ends, what may stand before a clause's verb
# or subject ("Before that, worked as ...", "in 2020 our clinic ..."), and where a role phrase ends.
ABBREVIATION_END = re.compile(
    r"(?:\b(?:Inc|Co|Corp|Ltd|LLC|Jr|Sr|St|Dr|Mt|Ft|Assn|Mr|Mrs|Ms)|\b[A-Z])\.$"
)  # a period that ends an abbreviation or an initial, not a sentence
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_PIECE_END = re.compile(
    r";\s*|,\s*(?:(?:and|but|then|so)\s+)?|\s+(?:and|but|then)\s+"
    r"|\s+(?:before|after|when|until)\s+(?=\w+ing\b|I\b)"  # "... before joining Mercy in 2015"
)
_LEAD_WORDS = {
    "in", "on", "from", "to", "since", "until", "before", "after", "that", "then", "later", "next",
    "also", "and", "but", "so", "for", "during", "over", "the", "last", "past", "year", "years",
    "of", "early", "late", "mid", "this", "those", "these",
}  # fmt: skip
_ROLE_END = {
    "at", "for", "in", "with", "and", "where", "when", "until", "since", "from", "to", "on", "of",
    "by", "who", "which", "before", "after", "while", "then", "but", "during", "through", "i",
    "we", "there", "here", "still", "now", "today",
}  # fmt: skip
_DETERMINER = r"(?:a|an|the|our|its|their|my)\s+"
_ROLE = re.compile(
    rf"\b(?:(?:as|promoted\s+to|moved\s+up\s+to)\s+(?:{_DETERMINER})?"
    rf"|(?:was|am|been|became|become)\s+{_DETERMINER})"
    r"(?P<role>[A-Za-z][\w/&'’-]*(?:\s+[\w/&'’.,;()-]+){0,5})",
    re.I,
)
# A name in capitals after "at", "joined", "for", "by", "to" or "been with": "Valley Clinic",
# "St. Anne's Hospital".
_EMPLOYER = re.compile(
    r"\b(?i:at|join(?:ed|ing)?|for|by|to|been\s+with)\s+"
    r"(?P<name>[A-Z][\w'’.&-]*(?:\s+(?:(?:of|and|&|the|for|de)\s+)?[A-Z][\w'’.&-]*)*)"
)
_OPEN_WORDS = {"present", "current", "now", "today", "date", "i"}
_UNTITLED = "(untitled position)"
_WORD = re.compile(r"[A-Za-z][\w'’/-]*")


@dataclass
class _Piece:
    """A paragraph, a sentence or a clause: its text and the document line of each character."""

    text: str
    lines: list[int]

    def part(self, start: int, end: int) -> _Piece:
        text = self.text[start:end]
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        return _Piece(text, self.lines[start + lead : start + lead + len(text)] or self.lines[:1])


@dataclass
class _Told:
    """A position as the text tells it, before its end is settled."""

    title: str
    role: str
    employer: str | None
    start: date
    end: date | None
    current: bool
    clause: str
    sentence: str
    line: int
    end_line: int
    body: list[str] = field(default_factory=list)

    @property
    def open(self) -> bool:
        """A start with no end told yet."""
        return self.end is None and not self.current


@dataclass
class _Reading:
    """What a dated clause tells: a position, the end of the open one before it, or both."""

    position: _Told | None = None
    ends: date | None = None


class ProseReader:
    """Builds positions from sentences (see the module docstring).

    Args:
        rules: ``experience.toml [prose]``.
        kinds: Whether a job is coding work, and paid; its role words.
        credential_ids: Every credential id of the rule pack ("CPC", "CCS", ...): a clause that
            earns or holds one is not a position.
    """

    def __init__(self, rules: ProseRules, kinds: WorkKinds, credential_ids: list[str]) -> None:
        c = lambda pats: re.compile("|".join(pats), re.I)  # noqa: E731
        self.rules = rules
        self.kinds = kinds
        self.start = c(rules.start)
        self.same_employer = c(rules.same_employer)
        self.work = c(rules.work)
        self.end = c(rules.end)
        self.current = c(rules.current)
        self.recent = [re.compile(p, re.I) for p in rules.recent_years]
        self.education = c(rules.education)
        self.credential_acts = c(rules.credential_acts)
        ids = "|".join(re.escape(i) for i in sorted(credential_ids, key=len, reverse=True))
        self.credential = re.compile(
            "|".join(rules.credential_words) + (rf"|(?-i:\b(?:{ids})\b)" if ids else ""), re.I
        )
        self.first_person = c(rules.first_person)
        self.event_subjects = c(rules.event_subjects)
        self.activities = [(re.compile(a.pattern, re.I), a.title) for a in rules.activities]

    # -- text -------------------------------------------------------------------------------
    def _paragraphs(self, doc: Document) -> list[_Piece]:
        """Runs of lines outside headings and skipped sections; a line that starts in lower case
        after one that does not end a sentence continues it (a wrapped line)."""
        runs: list[list[Line]] = []
        prev: Line | None = None
        for line in doc.lines:
            if line.heading or line.section in self.rules.skip_sections or not line.text.strip():
                prev = None
                continue
            if (
                prev is not None
                and prev.section == line.section
                and not line.bullet
                and not re.search(r"[.!?;:]\W*$", prev.text)
                and line.text.strip()[:1].islower()
            ):
                runs[-1].append(line)
            else:
                runs.append([line])
            prev = line
        out = []
        for run in runs:
            texts = [ln.text.strip() for ln in run]
            lines = [i for ln, t in zip(run, texts, strict=True) for i in [ln.index] * (len(t) + 1)]
            out.append(_Piece(" ".join(texts), lines[:-1]))
        return out

    @staticmethod
    def _sentences(par: _Piece) -> list[_Piece]:
        out, start = [], 0
        for m in _SENTENCE_END.finditer(par.text):
            if not ABBREVIATION_END.search(par.text[max(start, m.start() - 8) : m.start() + 1]):
                out.append(par.part(start, m.start() + 1))
                start = m.end()
        out.append(par.part(start, len(par.text)))
        return [s for s in out if s.text]

    def _dated(self, text: str) -> bool:
        return bool(dates_in(text)) or any(r.search(text) for r in self.recent)

    def _clauses(self, sentence: _Piece) -> list[_Piece]:
        """The sentence's pieces joined back into clauses: a piece starts a new clause when it
        holds a date and the clause already has one (or a start of its own: "After the merger I
        moved to Y, and in 2016 I joined Z"), or when it holds an undated start after a date range
        ("..., I moved to Y")."""
        text = sentence.text
        bounds = [0, *(i for m in _PIECE_END.finditer(text) for i in m.span()), len(text)]
        clauses: list[list[int]] = []
        dated = starts = ranged = False  # what the clause being built holds
        for start, end in zip(bounds[::2], bounds[1::2], strict=True):
            piece = text[start:end]
            p_dated, p_starts = self._dated(piece), bool(self.start.search(piece))
            p_ranged = p_dated and any(s.kind == "range" for s in find_spans(piece, date.max))
            if clauses and not (
                (p_dated and (dated or (p_starts and starts)))
                or (not p_dated and p_starts and ranged)
            ):
                clauses[-1][1] = end
                dated, starts, ranged = dated or p_dated, starts or p_starts, ranged or p_ranged
                continue
            clauses.append([start, end])
            dated, starts, ranged = p_dated, p_starts, p_ranged
        return [sentence.part(s, e) for s, e in clauses]

    # -- a clause ---------------------------------------------------------------------------
    def _role(self, text: str) -> str:
        """The role a clause names ("as an outpatient coder", "was a shift lead", "promoted to
        coding specialist"): its words up to the first that ends a role, naming a job."""
        for m in _ROLE.finditer(text):
            words = []
            for word in m.group("role").split():
                bare = word.strip(",;.()")
                if not bare or bare.lower() in _ROLE_END:
                    break
                words.append(bare)
                if bare != word:
                    break
            phrase = " ".join(words)
            if phrase and self.kinds.names_role(phrase):
                return phrase
        return ""

    def _title(self, text: str, role: str) -> str:
        """The role as written, else the title the clause's activity stands for."""
        if role:
            return role[:1].upper() + role[1:]
        return next((title for pattern, title in self.activities if pattern.search(text)), "")

    @staticmethod
    def _employer(text: str) -> str | None:
        for m in _EMPLOYER.finditer(text):
            name = re.sub(r"['’]s$", "", m.group("name"))
            if not ABBREVIATION_END.search(name):
                name = name.rstrip(".")
            if name.lower() not in _OPEN_WORDS and not is_date_line(name):
                return name
        return None

    def _recent_start(self, text: str, as_of: date) -> date | None:
        """The start of "the last five years": that many years before ``as_of``."""
        for pattern in self.recent:
            if m := pattern.search(text):
                n = m.groupdict().get("n")
                years = 1 if not n else int(n) if n.isdigit() else words_to_number(n)
                if years and 0 < years < 60:
                    return date(as_of.year - int(years), as_of.month, min(as_of.day, 28))
        return None

    @staticmethod
    def _opening(clause: str) -> str:
        """The clause from its first word that is neither a lead word nor part of a date."""
        text = clause
        for m in reversed(dates_in(clause)):
            text = text[: m.begin] + " " * (m.finish - m.begin) + text[m.finish :]
        for m in _WORD.finditer(text):
            if m.group().lower() not in _LEAD_WORDS:
                return text[m.start() :]
        return ""

    def _opens_with_verb(self, text: str) -> bool:
        verb = _WORD.match(self._opening(text))
        return verb is not None and any(
            p.match(verb.group()) for p in (self.start, self.work, *(a for a, _ in self.activities))
        )

    def _mine(self, sentence: str) -> bool:
        """A sentence of the candidate's: it says "I", "my" or "me", or opens with its verb."""
        return bool(self.first_person.search(sentence)) or self._opens_with_verb(sentence)

    def _not_work(self, clause: str, role: str) -> bool:
        """Schooling, a credential earned or held, or an event told of someone else."""
        if self.education.search(clause) and not (role or self.start.search(clause)):
            return True
        act = self.credential_acts.search(clause)
        if act and self.credential.search(clause, act.end()):
            return True
        return bool(self.event_subjects.match(self._opening(clause)))

    def _told(self, clause: _Piece, sentence: str, as_of: date, prev: _Told | None) -> _Reading:
        """What a dated clause of the candidate's tells (an empty reading when it is not work)."""
        text = clause.text
        role = self._role(text)
        if self._not_work(text, role):
            return _Reading()
        spans = find_spans(text, as_of)
        ranges = [s for s in spans if s.kind == "range"]
        opens = [s for s in spans if s.kind == "open"]
        recent = self._recent_start(text, as_of)
        ends = None
        current = False
        end: date | None = None
        if ranges:
            start, current = ranges[0].start, ranges[0].current
            end = None if current else ranges[0].end
        elif opens:
            start, current = opens[0].start, opens[0].text.lower().startswith("since")
        elif recent:
            start, current = recent, True
        else:
            written = dates_in(text)
            if not written:  # "for the last several years": a duration with no number to count
                return _Reading()
            first = written[0]
            if self.end.search(text[: first.begin]):
                ends = first.as_end
                if not self.start.search(text[first.finish :]):
                    return _Reading(ends=ends)
            elif not self.start.search(text):
                return _Reading()
            start = first.as_start
        if start > as_of:  # a start still to come ("to start a coding career in 2027")
            return _Reading(ends=ends)
        title = self._title(text, role)
        employer = self._employer(text)
        if employer is None and prev is not None and self.same_employer.search(text):
            employer = prev.employer
        works = role or title or self.start.search(text) or self.work.search(text)
        if not (works and (role or title or employer)):
            return _Reading(ends=ends)
        told = _Told(
            title=title or _UNTITLED,
            role=role,
            employer=employer,
            start=start,
            end=end,
            current=current or (end is None and bool(self.current.search(text))),
            clause=text,
            sentence=sentence,
            line=clause.lines[0],
            end_line=clause.lines[-1],
        )
        return _Reading(told, ends)

    def _chained(self, clause: _Piece, sentence: str, prev: _Told) -> _Told | None:
        """An undated start right after a position whose end is known: it starts the next day
        ("After four years at X (2010-2014), I moved to Y")."""
        text = clause.text
        role = self._role(text)
        employer = self._employer(text)
        if not (self.start.search(text) and (role or employer)) or self._not_work(text, role):
            return None
        return _Told(
            title=self._title(text, role) or _UNTITLED,
            role=role,
            employer=employer,
            start=prev.end + timedelta(days=1),
            end=None,
            current=bool(self.current.search(text)),
            clause=text,
            sentence=sentence,
            line=clause.lines[0],
            end_line=clause.lines[-1],
        )

    # -- the resume -------------------------------------------------------------------------
    def read(self, doc: Document, as_of: date) -> list[Position]:
        """Positions told in the resume's sentences, the latest start first (the order a resume
        lists its jobs in, which the track and the exports read)."""
        told: list[_Told] = []
        last: _Told | None = None  # the position the next undated sentences belong to
        for par in self._paragraphs(doc):
            for sentence in self._sentences(par):
                mine = self._mine(sentence.text)
                for clause in self._clauses(sentence):
                    if not self._dated(clause.text):
                        chained = None
                        if mine and last is not None and last.end is not None:
                            chained = self._chained(clause, sentence.text, last)
                        if chained is not None:
                            told.append(chained)
                            last = chained
                        elif last is not None:
                            last.body.append(clause.text)
                            last.end_line = max(last.end_line, clause.lines[-1])
                            if last.end is None and self.current.search(clause.text):
                                last.current = True
                        continue
                    if not mine:
                        last = None
                        continue
                    reading = self._told(clause, sentence.text, as_of, told[-1] if told else None)
                    last = reading.position
                    if reading.ends is not None:
                        opened = next((t for t in reversed(told) if t.open), None)
                        if opened is not None and reading.ends >= opened.start:
                            opened.end = reading.ends
                            last = last or opened  # "... and stayed until 2018. After that I ..."
                    if reading.position is not None:
                        told.append(reading.position)
        starts = sorted(t.start for t in told)
        latest = sorted(told, key=lambda t: t.start, reverse=True)
        return [self._position(t, starts, as_of) for t in latest]

    def _position(self, t: _Told, starts: list[date], as_of: date) -> Position:
        """The reported position: an open start ends the day before the next start (``starts``:
        every position's, in order), or runs to ``as_of`` when no later one is told."""
        end, current = t.end, t.current
        if t.open:
            later = bisect_right(starts, t.start)
            if later < len(starts):
                end = starts[later] - timedelta(days=1)
            else:
                current = True
        body = " ".join([t.clause, *t.body])
        if t.role:
            related = self.kinds.coding_related(t.role, f"{t.role} {t.employer or ''}", [body])
        else:
            # A title that stands for an activity ("Coder" for "I coded ...") is no title: the job
            # is coding work only in a healthcare setting, its sentence's when it names no employer
            # ("in coding since 2014 and in auditing for the last five years").
            setting = t.sentence if t.employer is None else ""
            activity = t.title if t.title != _UNTITLED else ""
            related = self.kinds.in_healthcare(f"{t.employer or ''} {body} {setting}") and (
                self.kinds.coding_related(activity, t.employer or "", [body], setting)
            )
        return Position(
            title=t.title,
            employer=t.employer,
            start=f"{t.start:%Y-%m}",
            end=None if current or end is None else f"{min(end, as_of):%Y-%m}",
            current=current,
            coding_related=related,
            counted=related and not self.kinds.unpaid(t.clause),
            line=t.line,
            end_line=t.end_line,
        )
