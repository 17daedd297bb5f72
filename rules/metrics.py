"""Quantified-achievement detector: numbers -> typed metrics with value, unit, period, object."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from analyzer.models.document import Document
from analyzer.models.findings import Evidence, Metric
from analyzer.rules.numbers import Number, find_numbers
from analyzer.rules.schema import MetricRules

_CLAUSE_BREAK = re.compile(
    r";|\s\|\s|(?<!\d)\.(?!\d)|\.(?=\s+[A-Z])|\s[–—]\s|\bwhile\b|\bwhile\s|,\s(?=(?:and\s)?(?:[a-z]+ed|cut|led|kept|held|won)\b)"
)
_FROM_TO = re.compile(r"(?i)\bfrom\s*$")
_TO = re.compile(
    r"(?i)^\s*(?:%|percent|pct|days?|business days?|hours?)?\s*(?:to|down to|up to|->|→)\s*"
)
_RANGE_SEP = re.compile(r"\s*(?:[-–—]|to)\s*\$?(?=\d|[a-z])")
_PERCENT = re.compile(
    r"(?i)^\s*(?:%|percent\b|pct\b|per cent\b|percentage points?\b|pp\b|points?\b(?=.*%))"
)
_DAYS = re.compile(r"(?i)^\s*(?:\+\s*)?(?:business |calendar |working )?(days?)\b")
_HOURS = re.compile(r"(?i)^\s*(?:\+\s*)?(hours?|hrs?)\b(?!\s*/\s*(?:wk|week))")
_PLUS = re.compile(r"^\s*\+")
_APPROX_WORDS = re.compile(
    r"(?i)(?:more than|over|nearly|almost|about|approximately|approx\.?|~|roughly|up to|at least)\s*$"
)
_DATE_CONTEXT = re.compile(
    r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s*$"
)
_YEAR = re.compile(r"^(?:19|20)\d\d$")
_PHONE = re.compile(r"\(?\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}")
_ZIP = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b")
_CONSECUTIVE = re.compile(r"(?i)^\s*consecutive\b")
_GPA = re.compile(r"(?i)\bGPA\b")
_GPA_AFTER = re.compile(r"(?i)\s*(?:/\s*4(?:\.0+)?\s*)?(?:cumulative\s+)?GPA\b")
# A count, a plural noun (or "of them") and a period right after it; nouns of time are a schedule.
_THING_PER = re.compile(
    r"(?i)\s*(?:\+\s*)?(?:of\s+)?(?!(?:nights?|days?|shifts?|weekends?|hours?|weeks?|months?|years?|times?)\b)"
    r"(?P<noun>[a-z][a-z-]*s|them|those|these)\b[^.;,]{0,20}"
)
_TEAM_OF = re.compile(r"(?i)\b(?:team|staff|crew) of\s*$")  # "a group of 40 radiologists" is scope
# The object named before a count: "Claims, 150-170 daily", "Operative notes: 40 per day".
_NOUN_BEFORE = re.compile(r"(?i)(?P<noun>[a-z][a-z-]*)\s*[,:–—-]\s*(?:about\s+|around\s+|~\s*)?$")
# The object named before a word for an amount: "chart volume 25/day", "claims count: 400 a week".
_NOUN_AMOUNT_BEFORE = re.compile(
    r"(?i)(?P<noun>[a-z][a-z-]*)\s+(?:volume|count|output|productivity|total)\s*[:,–—-]?\s*"
    r"(?:of\s+)?(?:about\s+|around\s+|~\s*)?$"
)
# A version right after a product name: "Meditech 6.1", "Cerner v28", "Epic version 2.4".
_VERSION_GAP = re.compile(r"(?i)\s*(?:v\.?\s*|ver\.?\s*|version\s+)?")
# Nothing more in the clause after a count: "onboarded 5", "trained 12." (a number of people).
_BARE_END = re.compile(r"\s*(?:[.;,)]|$)")
_LAST_WORD = re.compile(r"[a-z]+\s*$")
# Contact-line separators, and what marks a line as a claim (a percent, a rate per period).
_CONTACT_SEPARATORS = re.compile(r"[|•·@/]")
_CLAIM_MARK = re.compile(r"(?i)%|\bper (?:day|hour|week|month)\b")
# Words that make a percent in a course context a work result after all.
_WORK_RESULT = re.compile(
    r"(?i)audit|review(?!\s+(?:class|course|program|session|book))|validation|\bqa\b|quality|accura"
    r"|pass rate|completion rate"
    r"|\bof (?:my|our|the|his|her)?\s*(?:students|trainees|learners|coders|staff|class|cohorts?)\b"
)
_SLASH_DATE = re.compile(r"^\s*/\s*\d")
_DOT_LETTER = re.compile(r"^\.[A-Za-z]")
_PAREN = re.compile(r"[()]")
_WORD = re.compile(r"[A-Za-z][A-Za-z/&'-]*")
_STOP_WORD = re.compile(
    r"(?i)(?:per|a|an|each|in|at|for|across|with|from|to|by|on|daily|monthly|during|through|using|of|them|those|which|who|that)\b"
)
_FROM_PAREN = re.compile(r"(?i)\s*(?:\(\s*from|[^.;()]{0,25}?,?\s*(?P<word>up|down)\s+from)\s+\$?")
_CLOSES = re.compile(r"\s*(?:%|percent|days?|[KMB])?\s*\)")
_ENDS = re.compile(r"\s*(?:%|percent|days?|[KMB])?(?!\w)")
_DURATION_BEFORE = re.compile(
    r"(?i)\b(?:in|within|over|after|for|during|every)\s+(?:the\s+(?:first|last)\s+)?$"
)
_WITHIN_BEFORE = re.compile(r"(?i)\bwithin\s+$")  # a posting's turnaround standard
_THRESHOLD_BEFORE = re.compile(r"[<>≥≤]\s*$")
_DAYS_BEFORE = re.compile(r"(?i)\bdays\b[^.;%$]{0,25}$")
_OF_STANDARD = re.compile(
    r"(?i)\s*of\s+(?:the\s+|my\s+|our\s+)?(?:[a-z]+\s+)?(?:standard|target|goal|quota|expected|expectations?|benchmark|plan)\b"
)
# "per", "/" or "each" after a count: per a period (metrics.toml [periods]) or per a thing.
_PER = re.compile(r"(?i)\s*(?:per|/|for each|each)\s*(?=[a-z0-9])")
_REMOTE = re.compile(r"(?i)\s*remote")
_PERSON_COMPOUND = re.compile(r"-(?:person|member|coder|FTE)\b", re.I)
_PLURAL_AFTER = re.compile(r"\s*(?:\+\s*)?(?:new\s+|junior\s+|senior\s+)?[A-Za-z-]+s\b")
_WINDOW = 80  # characters around a number that decide what it is (keeps long lines linear)


def _is_sentence(text: str) -> bool:
    """A summary sentence (six or more words between contact separators, or a percent or rate),
    not a name, title or contact line. Linear in the line's length."""
    runs = _CONTACT_SEPARATORS.split(text)
    return bool(_CLAIM_MARK.search(text)) or max(len(r.split()) for r in runs) >= 6


@dataclass(frozen=True)
class _LineView:
    """One line with what every number on it consults: spans that are phones or zips, and where
    clauses break."""

    text: str
    protected: list[tuple[int, int]]  # sorted
    break_ends: list[int]
    break_starts: list[int]
    names_end: frozenset[int] = frozenset()  # where product and code-set names end

    @classmethod
    def of(cls, text: str, names: list[tuple[int, int]] = ()) -> _LineView:
        """``names``: spans of product and code-set names on the line ("3M 360", "CMS-1450")."""
        breaks = list(_CLAUSE_BREAK.finditer(text))
        protected = [m.span() for pat in (_PHONE, _ZIP) for m in pat.finditer(text)]
        protected = sorted(protected + list(names))
        return cls(
            text,
            protected,
            [m.end() for m in breaks],
            [m.start() for m in breaks],
            frozenset(hi for _, hi in names),
        )


@dataclass
class _Candidate:
    number: Number
    unit: str | None = None
    end: int = 0
    value_max: float | None = None
    baseline: float | None = None


class MetricDetector:
    """Finds and types quantified outcomes in a document, rules from ``rules/metrics.toml``."""

    def __init__(self, rules: MetricRules) -> None:
        self.rules = rules
        obj_alts = []
        self.obj_names: list[tuple[str, re.Pattern[str]]] = []
        for name, pats in rules.objects.items():
            pat = re.compile(r"(?i)^(?:" + "|".join(pats) + r")(?![\w-])")
            self.obj_names.append((name, pat))
            obj_alts.extend(pats)
        self.people = re.compile(r"(?i)^(?:" + "|".join(rules.people) + r")\b")
        self.scope = re.compile(
            r"(?i)^\s*(?:\+\s*)?(?:[A-Za-z-]+\s+)?(?:" + "|".join(rules.scope_nouns) + r")\b"
        )
        self.place_head = re.compile(r"(?i)\s+(?:" + "|".join(rules.scope_nouns) + r")\b")
        self.team_verbs = re.compile("|".join(f"(?:{p})" for p in rules.team_verbs), re.I)
        self.periods = [
            (period, re.compile("|".join(pats), re.I)) for period, pats in rules.periods.items()
        ]
        # One pattern per kind (its cues as alternatives): one scan of the clause per kind.
        self.kinds = [
            (k, [re.compile("|".join(f"(?:{c})" for c in k.cues), re.I)]) for k in rules.kinds
        ]
        ex = rules.exclude
        self.before = [re.compile(p) for p in ex.before]
        self.after = [re.compile(p) for p in ex.after]
        self.goal_before = [re.compile(p) for p in ex.goal_before]
        self.goal_after = [re.compile(p) for p in ex.goal_after]
        self.goal_lines = [re.compile(p) for p in ex.goal_lines]
        self.money_threshold = [re.compile(p) for p in ex.money_threshold]
        self.money_other = [re.compile(p, re.I) for p in ex.money_other]
        self.plain_ratio = [re.compile(p, re.I) for p in ex.plain_ratio]
        self.course = re.compile("|".join(ex.course), re.I) if ex.course else None
        self.change_verbs = [re.compile(p, re.I) for p in ex.change_verbs]

    # -- helpers ----------------------------------------------------------------------------
    @staticmethod
    def _clause(view: _LineView, start: int, end: int) -> tuple[int, int]:
        """The clause around a number: between clause breaks, and at most a few words either side."""
        i = bisect_right(view.break_ends, start)
        lo = view.break_ends[i - 1] if i else 0
        j = bisect_left(view.break_starts, end)
        hi = view.break_starts[j] if j < len(view.break_starts) else len(view.text)
        return max(lo, start - 3 * _WINDOW), min(hi, end + 3 * _WINDOW)

    def _excluded(self, view: _LineView, n: Number, goals: bool) -> bool:
        text = view.text
        before, after = text[max(0, n.start - _WINDOW) : n.start], text[n.end : n.end + _WINDOW]
        if not goals and (
            any(p.match(text, 0, n.start) for p in self.goal_lines)
            or any(p.search(before) for p in self.goal_before)
            or any(p.search(after) for p in self.goal_after)
        ):
            return True
        if n.money:
            return any(p.search(before) for p in self.money_threshold)
        raw_int = n.raw.replace(",", "")
        if not n.words and _YEAR.match(raw_int) and not n.comma:
            return True
        if not n.words and not n.comma and not n.decimal and len(raw_int) == 5:
            return True  # a CPT/zip-like code: counts this large are written with a separator
        if _SLASH_DATE.match(after) and not _GPA.search(before[-20:]):
            return True  # dates 04/2025, fractions
        if _DOT_LETTER.match(after) or _DATE_CONTEXT.search(before):
            return True
        if any(p.search(before) for p in self.before) or any(p.search(after) for p in self.after):
            return True
        # Spans sorted by start (phones, zips, product names): those starting at or before it.
        i = bisect_right(view.protected, (n.start, len(view.text)))
        nearby = view.protected[max(0, i - 4) : i]
        if any(lo <= n.start and n.end <= hi for lo, hi in nearby):
            return True
        # A decimal or "v"-marked number right after a product name is its version.
        for _, hi in nearby:
            gap = _VERSION_GAP.fullmatch(text, hi, n.start) if hi <= n.start else None
            if gap and (n.decimal or gap.group(0).strip()) and hi in view.names_end:
                return True
        return False

    def _change(self, view: _LineView, n: Number, cand: _Candidate, nxt: Number) -> bool:
        """Whether ``n`` "to" ``nxt`` is a before-and-after pair: a verb of change earlier in the
        clause, the same unit on both ("$750K to below $300K", "92% to 97%")."""
        text = view.text
        gap = text[cand.end : nxt.start]
        if not _TO.match(gap) or len(gap) > 30 or "-" in gap.strip()[:1]:
            return False
        if n.money != nxt.money or (cand.unit == "percent") != bool(_PERCENT.match(text[nxt.end :])):
            return False
        lo, _ = self._clause(view, n.start, n.end)
        before = text[max(lo, n.start - 60) : n.start]
        return any(p.search(before) for p in self.change_verbs)

    def _period(self, clause: str) -> str | None:
        found = [(m.start(), period) for period, pat in self.periods if (m := pat.search(clause))]
        return min(found)[1] if found else None

    def _object(self, text: str, pos: int, limit: int) -> tuple[str | None, bool, int]:
        """The work object or people noun within a few words after ``pos``: (object, is_people, end).

        A people word directly before a work object modifies it ("provider encounters")."""
        tail = text[pos:limit]
        stop = _PAREN.search(tail)
        if stop:
            tail = tail[: stop.start()]
        words = list(_WORD.finditer(tail))
        people_at: int | None = None
        for i, w in enumerate(words[:7]):
            rest = tail[w.start() :]
            if i and _STOP_WORD.match(w.group(0)):
                break
            for name, pat in self.obj_names:
                if m := pat.match(rest):
                    end = pos + w.start() + m.end()
                    if self.place_head.match(text, end):
                        return None, False, pos  # "two procedure rooms": a place, not work
                    # A work word naming people's job: "patient access representatives".
                    for later in words[i + 1 : i + 3]:
                        if _STOP_WORD.fullmatch(later.group(0)):
                            break
                        if self.people.match(tail[later.start() :]):
                            return None, True, pos + later.end()
                    return name, False, end
            if people_at is None and self.people.match(rest):
                people_at = pos + w.end()
            elif people_at is not None:
                break
        if people_at is not None:
            return None, True, people_at
        return None, False, pos

    def _kind(self, clause: str, unit: str, at: int | None = None) -> str | None:
        """The kind whose cue is nearest to position ``at`` in the clause (any cue if ``at`` is None);
        cues before the number count slightly more than cues after it."""
        best: tuple[float, int, str] | None = None
        for order, (rule, cues) in enumerate(self.kinds):
            if unit not in rule.units:
                continue
            for cue in cues:
                for m in cue.finditer(clause):
                    if at is None:
                        dist = 0.0
                    elif m.end() <= at:
                        dist = at - m.end()
                    elif m.start() >= at:
                        dist = 1.5 * (m.start() - at) + 5
                    else:
                        dist = 0.0
                    if best is None or (dist, order) < best[:2]:
                        best = (dist, order, rule.kind)
        return best[2] if best else None

    def _count_kind(
        self, view: _LineView, cand: _Candidate, lo: int, hi: int
    ) -> tuple[str, str | None, str | None, str | None] | None:
        """(kind, unit, object, period) of a plain count, or ``None`` if it is no metric: people
        led (team_size), a work volume (the object after the number, before it as in "Claims,
        150-170 daily", or any plural noun with a period: "250 prescriptions a day"), a GPA."""
        text, n = view.text, cand.number
        if _CONSECUTIVE.match(text[n.end : n.end + _WINDOW]):
            return None
        gpa = _GPA.search(text[max(0, n.start - 12) : n.start]) or _GPA_AFTER.match(text, n.end)
        if gpa and n.value <= 5:
            return "other", None, None, None
        obj_name, people, obj_end = self._object(text, n.end, hi)
        before = text[max(lo, n.start - _WINDOW) : n.start].lower()
        person_compound = _PERSON_COMPOUND.match(text, n.end, n.end + _WINDOW) or _TEAM_OF.search(
            text[max(0, n.start - _WINDOW) : n.start]
        )
        team_verb = bool(self.team_verbs.search(before))
        plural_after = _PLURAL_AFTER.match(text, n.end, n.end + _WINDOW)
        scope = self.scope.match(text[n.end : n.end + _WINDOW])
        period = self._period(text[n.end : hi])
        # "onboarded 5", "mentored 3.": the verb right before a count that ends the clause.
        last_word = _LAST_WORD.search(before)
        bare = (
            last_word is not None
            and self.team_verbs.search(last_word.group(0))
            and not obj_name
            and not period
            and cand.baseline is None
            and cand.value_max is None
            and _BARE_END.match(text, cand.end)
        )
        if people or person_compound or bare or (
            team_verb and not obj_name and plural_after and not scope
        ):
            if not (team_verb or person_compound):
                return None  # scope ("for six providers"), not people led
            cand.end = max(cand.end, obj_end)
            return "team_size", "people", None, None
        if obj_name is None and period:
            obj_name = self._object_before(text, n.start, lo)
            # "250 prescriptions a day", "25 of them per day": a count of things per period.
            near = _THING_PER.match(text, n.end, n.end + _WINDOW)
            if obj_name is None and near and not scope and self._period(near.group(0)):
                noun = near.group("noun").lower()
                if noun in ("them", "those", "these"):
                    return "volume", "count", None, period
                obj_name = noun.rstrip("s")
        if obj_name and self._per_thing(text, obj_end):
            cand.end = max(cand.end, obj_end)
            return "other", "count", obj_name, None  # "4.2 diagnoses per chart": a ratio
        if obj_name:
            cand.end = max(cand.end, obj_end)
            kind = "volume"
            if obj_name == "denial" and self._kind(text[lo:hi].lower(), "count") == "denial_reduction":
                kind = "denial_reduction"
            return kind, "count", obj_name, period
        if cand.baseline is not None and any(p.search(text[lo:hi]) for p in self.plain_ratio):
            return "other", None, None, None
        return None

    def _per_thing(self, text: str, at: int) -> bool:
        """Whether a count is per a thing ("5.3 diagnoses per episode", "1.8 HCCs / member"): the
        word after "per" is a work object or a people noun of metrics.toml, not a period or
        anything else ("per business day")."""
        per = _PER.match(text, at)
        if per is None:
            return False
        word = text[per.end() : per.end() + 30]
        return bool(self.people.match(word)) or any(pat.match(word) for _, pat in self.obj_names)

    def _object_before(self, text: str, start: int, lo: int) -> str | None:
        """A work object named just before the number: "Claims, 150-170 daily", "Notes: 40"."""
        for before in (_NOUN_BEFORE, _NOUN_AMOUNT_BEFORE):
            m = before.search(text, max(lo, start - 40), start)
            for name, pat in self.obj_names if m else ():
                if pat.match(m.group("noun")):
                    return name
        return None

    # -- detection --------------------------------------------------------------------------
    def line_metrics(
        self, text: str, line: int, names: list[tuple[int, int]] = (), goals: bool = False
    ) -> list[Metric]:
        """The metrics in one line. ``goals``: read goals, targets and standards too (a job
        posting states its standards that way; a resume's are not results)."""
        numbers = find_numbers(text)
        view = _LineView.of(text, names)
        used: set[int] = set()
        out: list[Metric] = []
        for i, n in enumerate(numbers):
            if i in used or self._excluded(view, n, goals):
                continue
            cand = _Candidate(number=n, end=n.end)
            after = text[n.end : n.end + _WINDOW]
            if n.money:
                cand.unit = "usd"
            elif m := _PERCENT.match(after):
                cand.unit, cand.end = "percent", n.end + m.end()
            elif m := _DAYS.match(after):
                cand.unit, cand.end = "days", n.end + m.end()
            elif m := _HOURS.match(after):
                cand.unit, cand.end = "hours", n.end + m.end()
            # "cut $750K to below $300K", "raised accuracy 92% to 97%": a change without "from".
            changed = i + 1 < len(numbers) and self._change(view, n, cand, numbers[i + 1])
            # Range "25-30" / "25 to 30" (the second number takes the first one's unit).
            rng = _RANGE_SEP.match(text, cand.end) if i + 1 < len(numbers) else None
            if rng and rng.end() == numbers[i + 1].start and not changed:
                nxt = numbers[i + 1]
                if (
                    not _FROM_TO.search(text[max(0, n.start - _WINDOW) : n.start])
                    and nxt.value > n.value
                ):
                    cand.value_max = nxt.value
                    used.add(i + 1)
                    after2 = text[nxt.end :]
                    if not cand.unit:
                        if m := _PERCENT.match(after2):
                            cand.unit = "percent"
                        elif m := _DAYS.match(after2):
                            cand.unit = "days"
                    cand.end = nxt.end + (m.end() if cand.unit in ("percent", "days") and m else 0)
            # "from X to Y" and "to Y (from X)".
            from_to = _FROM_TO.search(text[max(0, n.start - _WINDOW) : n.start])
            if (from_to or changed) and i + 1 < len(numbers):
                nxt = numbers[i + 1]
                gap = text[cand.end : nxt.start]
                if _TO.match(gap) and len(gap) < 30:
                    used.add(i + 1)
                    cand.baseline = n.value
                    nxt_unit_end = nxt.end
                    after2 = text[nxt.end :]
                    if m := _PERCENT.match(after2):
                        cand.unit, nxt_unit_end = "percent", nxt.end + m.end()
                    elif m := _DAYS.match(after2):
                        cand.unit, nxt_unit_end = cand.unit or "days", nxt.end + m.end()
                    elif not cand.unit and _DAYS_BEFORE.search(
                        text[max(0, n.start - 20) : n.start].replace("from", "")
                    ):
                        cand.unit = "days"
                    cand.number = Number(
                        nxt.value, n.start, nxt_unit_end, money=nxt.money or n.money
                    )
                    cand.end = nxt_unit_end
                    if n.money:
                        cand.unit = "usd"
            if cand.baseline is None:
                m = _FROM_PAREN.match(text, cand.end, cand.end + _WINDOW)
                if m:
                    for j in range(i + 1, len(numbers)):
                        closes = (_ENDS if m.group("word") else _CLOSES).match(text, numbers[j].end)
                        if m.end() - 1 <= numbers[j].start <= m.end() + 1 and closes:
                            cand.baseline = numbers[j].value
                            used.add(j)
                            break
            metric = self._classify(view, line, cand, goals)
            if metric:
                out.append(metric)
        return out

    def _classify(
        self, view: _LineView, line: int, cand: _Candidate, goals: bool = False
    ) -> Metric | None:
        text = view.text
        n = cand.number
        lo, hi = self._clause(view, n.start, cand.end)
        clause = text[lo:hi]
        lc = clause.lower()
        value = n.value
        kind: str | None = None
        period = obj = None
        unit = cand.unit
        if unit == "usd":
            kind = self._kind(lc, "usd", n.start - lo) or "revenue"
            if kind == "revenue" and any(p.search(lc) for p in self.money_other):
                # A budget or spend is not revenue, but cutting it is a saving, which is.
                if not any(p.search(text[max(lo, n.start - 60) : n.start]) for p in self.change_verbs):
                    kind = "other"
        elif unit == "percent":
            if value > 100 and cand.baseline is None and not _OF_STANDARD.match(text, cand.end):
                return None  # a relative change ("up 150%"); a share of a standard stays
            kind = self._kind(lc, "percent", n.start - lo) or "other"
            if kind == "denial_rate" and cand.baseline is not None:
                kind = "denial_reduction"  # a denial rate going down
            if _REMOTE.match(text, cand.end, cand.end + _WINDOW):
                return None
            if self.course and self.course.search(lc) and not _WORK_RESULT.search(lc):
                return None  # a course, exam or training score, not a work result
        elif unit in ("days", "hours"):
            before = text[max(0, n.start - 30) : n.start]
            within = _WITHIN_BEFORE.search(before)
            if cand.baseline is None and (
                (_DURATION_BEFORE.search(before) and not (goals and within))
                or _THRESHOLD_BEFORE.search(before)
            ):
                return None  # "in 90 days", "A/R > 90 days": a duration or a bucket, not a result
            kind = self._kind(lc, unit, n.start - lo)
            if goals and within and kind in (None, "other"):
                kind = "turnaround"  # a posting's "coded within 3 business days of the op note"
            if kind == "other":
                kind = None
            if kind is None and cand.baseline is None:
                return None
            kind = kind or "turnaround"
        else:
            counted = self._count_kind(view, cand, lo, hi)
            if counted is None:
                return None
            kind, unit, obj, period = counted
        if kind is None:
            return None
        span_text = clause.strip()
        start = lo + (len(clause) - len(clause.lstrip()))
        evidence = Evidence(
            line=line,
            start=start,
            end=start + len(span_text),
            text=span_text,
            rule=f"metrics.{kind}",
            explanation=f"{n.raw or value:} read as {kind.replace('_', ' ')}"
            + (f" ({unit}" + (f" per {period}" if period else "") + ")" if unit else ""),
        )
        return Metric(
            kind=kind,
            value=value,
            value_max=cand.value_max,
            baseline=cand.baseline,
            unit=unit,
            period=period,
            object=obj,
            text=span_text,
            evidence=[evidence],
        )

    def find(
        self, doc: Document, names: dict[int, list[tuple[int, int]]] | None = None
    ) -> list[Metric]:
        """Every metric in the document, in line order. ``names``: per line, the spans of
        product and code-set names, whose numbers are never metrics ("3M 360", "Office 365")."""
        metrics: list[Metric] = []
        names = names or {}
        for line in doc.lines:
            # The name and contact block carries no results (a phone, a zip, a street number); a
            # summary sentence under the name, headed or not, can.
            if line.heading or (
                line.section == "profile" and line.index < 6 and not line.bullet
                and not _is_sentence(line.text)
            ):
                continue
            metrics.extend(self.line_metrics(line.text, line.index, names.get(line.index, [])))
        return metrics
