"""Fit of one resume to one job posting: requirements met / partly met / missing, weighted by kind,
with evidence on both sides; the posting's metric standards compared; what to feature; honest
guidance; and the evidence that breaks ties between equal fits. Rules in ``rules/postings.toml``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from analyzer.limits import DEFAULT_LIMITS, Limits
from analyzer.parsing import read_bytes, read_file
from analyzer.parsing.sections import Sectioner
from analyzer.models.document import Document
from analyzer.models.findings import Evidence, Metric, Position, metric_value
from analyzer.models.match import (
    Feature,
    Match,
    PostingLine,
    Requirement,
    Standard,
    TieBreak,
)
from analyzer.models.report import LEVELS, Report
from analyzer.rules.dates import merged_years, position_span
from analyzer.rules.pack import RulePack
from analyzer.rules.posting import Ask, PostingReader, StandardAsk
_PER_DAY = {
    "hour": 8.0,
    "day": 1.0,
    "week": 1 / 5,
    "month": 1 / 21,
    "quarter": 1 / 63,
    "year": 1 / 250,
}
_MAX_STRENGTH = 1.5

# (status, evidence, note, fixable, credit)
Verdict = tuple[str, list[Evidence], str, bool, float]


@dataclass(frozen=True)
class Posting:
    """A parsed job posting, what it asks for and the metric standards it states."""

    source: str
    document: Document
    asks: tuple[Ask, ...]
    standards: tuple[StandardAsk, ...] = ()


def _ev(doc: Document | None, line: int | None, rule: str, why: str) -> list[Evidence]:
    if doc is None or line is None or line >= len(doc.lines):
        return []
    text = doc.lines[line].text
    return [Evidence(line=line, start=0, end=len(text), text=text, rule=rule, explanation=why)]


def _per_day(m: Metric) -> float | None:
    return m.value * _PER_DAY[m.period] if m.period in _PER_DAY else None


def _a(word: str) -> str:
    return ("an " if word[:1] in "aeiou" else "a ") + word


def _years(value: float) -> str:
    return f"{value:g} year" + ("" if value == 1 else "s")


_NOTHING_READ = (
    "No requirement could be read from this posting (no credential, years, code set, tool, setting "
    "or education ask), so the fit is 0: check that the file is the job posting."
)


class Matcher:
    """Reads postings and scores resumes against them."""

    def __init__(self, engine, pack: RulePack, limits: Limits = DEFAULT_LIMITS) -> None:
        self.rules = pack.postings
        # A held credential that satisfies a requirement for another id (renames, supersets).
        self.satisfies = pack.satisfies()
        registry = pack.metrics.registry
        self.labels = {k: info.label for k, info in registry.items()}
        self.lower_is_better = {k for k, info in registry.items() if info.direction == "lower"}
        self.sectioner = Sectioner(self.rules.sections())
        self.reader = PostingReader(engine, pack)
        self.limits = limits
        self.education = [
            (lvl.id, [re.compile(p) for p in lvl.resume]) for lvl in self.rules.education
        ]
        self.roles = {
            r.id: ([re.compile(p) for p in r.work], [re.compile(p) for p in r.not_work])
            for r in self.rules.roles
        }
        self.category_labels = {c.id: c.label for c in self.rules.categories}
        self.settings = {k: {k, *v.implied_by} for k, v in self.rules.settings.items()}
        self.setting_words = set().union(*self.settings.values())

    def read_posting(self, path: str, data: bytes | None = None) -> Posting:
        """Parse a posting file (or bytes read from stdin). Raises ``AnalyzerError`` like a resume."""
        raw = data if data is not None else read_file(path, self.limits)
        doc = read_bytes(raw, path, self.sectioner, self.limits)
        reading = self.reader.read(doc)
        return Posting(path, doc, reading.asks, reading.standards)

    # -- credentials ------------------------------------------------------------------------------
    def _credential(self, ask: Ask, r: Report, equiv_years: float) -> Verdict:
        by_id = {c.id: c for c in r.credentials}
        wanted = set(ask.ids)
        for cred in r.credentials:
            if cred.status in ("held", "apprentice") and (
                cred.id in wanted or self.satisfies.get(cred.id, set()) & wanted
            ):
                accepted = " (accepted by this posting)" if cred.status == "apprentice" else ""
                return "met", cred.evidence, f"holds {cred.id}{accepted}", False, 1.0
        if ask.equivalent and r.experience.years >= (ask.equivalent_years or equiv_years):
            note = (
                f"no {' or '.join(ask.ids)}, but {_years(r.experience.years)} of coding/HIM work:"
                f" the posting accepts equivalent experience"
            )
            return "met", [], note, False, 1.0
        for cid in ask.ids:
            cred = by_id.get(cid)
            if cred and cred.status == "in_progress":
                note = f"{cid} is in progress, not yet held"
                return "partial", cred.evidence, note, False, self.rules.scoring.partial_credit
            apprentice = by_id.get(f"{cid}-A")
            if apprentice and apprentice.status == "apprentice":
                note = f"{cid}-A does not satisfy '{cid} required': the apprentice designation must be removed first"
                return "missing", apprentice.evidence, note, False, 0.0
            if cred and cred.status == "lapsed":
                note = f"{cid} has lapsed; reinstating it would meet this"
                return "missing", cred.evidence, note, False, 0.0
        return "missing", [], "not held", False, 0.0

    # -- years ------------------------------------------------------------------------------------
    def _positions_years(
        self, r: Report, test: Callable[[Position, int, int], bool]
    ) -> tuple[float, list[int]]:
        """Merged years of the counted positions that pass ``test(position, first, last line)``."""
        as_of = date.fromisoformat(r.as_of)
        spans, lines = [], []
        for p in r.experience.positions:
            if not (p.counted and p.start and p.line is not None):
                continue
            last = p.end_line if p.end_line is not None else p.line
            if test(p, p.line, last):
                spans.append(position_span(p.start, p.end, p.current, as_of))
                lines.append(p.line)
        return merged_years(spans), lines

    def _relevant_years(self, ask: Ask, r: Report, doc: Document | None) -> tuple[float, list[int], str]:
        """Years that count for ``ask``: positions showing its setting and work, else all counted
        coding/HIM work. Also the lines of those positions and what they were counted as."""
        if not (ask.settings or ask.roles):
            lines = [p.line for p in r.experience.positions if p.counted and p.line is not None]
            return r.experience.years, lines, "coding/HIM work"
        spans = [
            (p.line, p.end_line if p.end_line is not None else p.line)
            for p in r.experience.positions
            if p.line is not None
        ]
        shown: dict[int, set[str]] = {}
        elsewhere: set[str] = set()
        for s in r.specialties:
            for e in s.evidence:
                inside = [first for first, last in spans if first <= e.line <= last]
                for first in inside:
                    shown.setdefault(first, set()).add(s.id)
                if not inside:
                    elsewhere.add(s.id)
        wanted = {x for s in ask.settings for x in self.settings.get(s, {s})}

        def counts(p: Position, first: int, last: int) -> bool:
            lines = [ln.text for ln in doc.lines[first : last + 1]] if doc else [p.title]
            if not all(any(self._shows_role(role, t) for t in lines) for role in ask.roles):
                return False
            here = shown.get(first, set())
            if not ask.settings or here & wanted:
                return True
            unstated = not here & self.setting_words
            return unstated and bool(elsewhere & wanted)

        years, lines = self._positions_years(r, counts)
        what = " or ".join(ask.settings)
        return years, lines, " ".join(filter(None, (what, *ask.roles))) + " work"

    def _shows_role(self, role: str, text: str) -> bool:
        """Whether a line describes ``role`` work: a ``work`` match not inside a ``not_work`` one
        ("audited 40 charts a week", not "96% accuracy on monthly audits")."""
        work, not_work = self.roles[role]
        spans = [m.span() for p in not_work for m in p.finditer(text)]
        return any(
            not any(a <= m.start() < b for a, b in spans) for p in work for m in p.finditer(text)
        )

    def _years(self, ask: Ask, r: Report, doc: Document | None) -> Verdict:
        years, lines, what = self._relevant_years(ask, r, doc)
        evidence = [
            e for line in lines[:3] for e in _ev(doc, line, "experience.years", f"a position with {what}")
        ]
        if years >= ask.years:
            return "met", evidence, f"{_years(years)} of {what}", False, 1.0
        if years > 0 and ask.years - years < 1.0:
            note = f"{_years(years)} of {what}, just short of {ask.years:g}"
            return "partial", evidence, note, False, self.rules.scoring.partial_credit
        if years == 0 and (ask.settings or ask.roles):
            other = f"; {_years(r.experience.years)} in other work" if r.experience.years else ""
            return "missing", [], f"no position shows {what}{other}", False, 0.0
        return "missing", evidence, f"{_years(years)} of {what}; the posting asks for {ask.years:g}+", False, 0.0

    # -- code sets, tools, settings ---------------------------------------------------------------
    def _listed(self, ask: Ask, r: Report) -> Verdict:
        items = {"code_set": r.code_sets, "tool": r.tools, "specialty": r.specialties}[ask.kind]
        shown = [x for x in items if x.id in ask.ids]
        noun = ask.kind.replace("_", " ")
        if ask.group == "all" and shown:
            credit = round(len(shown) / len(ask.ids), 3)
            ids = ", ".join(x.id for x in shown)
            if len(shown) == len(ask.ids):
                return "met", shown[0].evidence, f"shows {ids}", False, 1.0
            lacking = ", ".join(i for i in ask.ids if i not in {x.id for x in shown})
            note = f"shows {ids}; not {lacking} (add only if you have really used it)"
            return "partial", shown[0].evidence, note, True, credit
        if shown:
            return "met", shown[0].evidence, f"{noun} {shown[0].id} shown", False, 1.0
        if ask.group == "example":
            same = [x for x in r.tools if x.category in ask.categories]
            if same:
                note = f"uses {same[0].id}, {self._kind_label(ask)} like the posting's examples"
                return "met", same[0].evidence, note, False, 1.0
        what = " or ".join(ask.ids)
        return "missing", [], f"{what} not named; add it only if you have really used it", True, 0.0

    def _kind_label(self, ask: Ask) -> str:
        return " / ".join(self.category_labels.get(c, c) for c in ask.categories) or "one"

    # -- level and education ----------------------------------------------------------------------
    def _level(self, ask: Ask, r: Report) -> Verdict:
        have = r.stage.level if r.stage else "entry"
        want = ask.ids[0]
        gap = LEVELS.index(have) - LEVELS.index(want)
        half = self.rules.scoring.partial_credit
        if gap == 0:
            return "met", [], f"{_a(have)}-level candidate for {_a(want)}-level role", False, 1.0
        if gap == 1 and want == "entry":
            note = f"{_a(have)}-level candidate for an entry-level role: one level above it"
            return "met", [], note, False, self.rules.scoring.over_level_credit
        if gap == -1:
            return "partial", [], f"{_a(have)}-level candidate for {_a(want)}-level role", False, half
        if gap > 0:
            note = f"{_a(have)}-level candidate for {_a(want)}-level role: likely overqualified for its pay band"
            return "partial", [], note, False, half
        return "missing", [], f"{_a(have)}-level candidate for {_a(want)}-level role", False, 0.0

    def _education(self, ask: Ask, r: Report, doc: Document | None, equiv_years: float) -> Verdict:
        levels = [lvl for lvl, _ in self.education]
        wanted = levels.index(ask.ids[0])
        best, best_line = -1, None
        for ln in doc.lines if doc else []:
            if ln.section not in ("education", "certifications"):
                continue
            for i, (_, patterns) in enumerate(self.education):
                if i > best and any(p.search(ln.text) for p in patterns):
                    best, best_line = i, ln.index
        if best >= wanted:
            ev = _ev(doc, best_line, "education", f"{levels[best]} level")
            return "met", ev, f"{levels[best]} education shown", False, 1.0
        if ask.equivalent and r.experience.years >= (ask.equivalent_years or equiv_years):
            note = f"{_years(r.experience.years)} of coding/HIM work: the posting accepts equivalent experience"
            return "met", [], note, False, 1.0
        if best >= 0:
            ev = _ev(doc, best_line, "education", levels[best])
            return "missing", ev, f"shows {levels[best]}; the posting asks for {ask.ids[0]}", False, 0.0
        return "missing", [], f"no {ask.ids[0]} education shown", False, 0.0

    # -- standards --------------------------------------------------------------------------------
    def _standard(self, std: StandardAsk, r: Report) -> Standard:
        want = std.metric
        mine = [m for m in r.metrics if m.kind == want.kind]
        name = self.labels.get(want.kind, want.kind)
        label = f"{name} {metric_value(want)}"
        posting = PostingLine(line=std.line, text=std.text)
        if want.kind == "volume":
            goal = _per_day(want)
            mine = [m for m in mine if _per_day(m) is not None] if goal else []
            value = _per_day
        else:
            goal, value = want.value, (lambda m: m.value)
        if not mine or not goal:
            note = f"no comparable {name} figure on the resume; add yours if you have it"
            return Standard(kind=want.kind, label=label, posting=posting, status="not_shown", strength=0.0, note=note)
        lower = want.kind in self.lower_is_better
        best = (min if lower else max)(mine, key=value)
        v = value(best)
        ratio = (goal / v if v else _MAX_STRENGTH) if lower else v / goal
        strength = round(min(ratio, _MAX_STRENGTH), 3)
        met = v <= goal if lower else v >= goal
        note = f"resume shows {metric_value(best)} against the posting's {metric_value(want)}"
        return Standard(
            kind=want.kind,
            label=label,
            posting=posting,
            status="met" if met else "below",
            strength=strength,
            resume=best.evidence,
            note=note,
        )

    # -- the whole posting ------------------------------------------------------------------------
    def _requirement(
        self, ask: Ask, report: Report, doc: Document | None, equiv_years: float
    ) -> Requirement:
        if ask.kind == "credential":
            verdict = self._credential(ask, report, equiv_years)
        elif ask.kind == "years":
            verdict = self._years(ask, report, doc)
        elif ask.kind == "level":
            verdict = self._level(ask, report)
        elif ask.kind == "education":
            verdict = self._education(ask, report, doc, equiv_years)
        else:
            verdict = self._listed(ask, report)
        status, evidence, note, fixable, credit = verdict
        return Requirement(
            id=f"{ask.kind}.{'|'.join(ask.ids)}",
            kind=ask.kind,
            label=self._label(ask),
            strength=ask.strength,
            status=status,
            weight=self.rules.scoring.kinds[ask.kind].weight,
            group=ask.group,
            items=list(ask.ids),
            credit=credit,
            alternatives=list(ask.ids) if ask.group in ("any", "example") else [],
            posting=PostingLine(line=ask.line, text=ask.text),
            resume=evidence,
            note=note,
            fixable=fixable,
        )

    def _label(self, ask: Ask) -> str:
        or_equivalent = " (or equivalent experience)" if ask.equivalent else ""
        if ask.kind == "years":
            within = f" (of the {ask.within})" if ask.within else ""
            return ask.ids[0] + within
        if ask.kind == "level":
            return f"{ask.ids[0]}-level role"
        if ask.kind == "education":
            return f"{ask.ids[0]} education{or_equivalent}"
        if ask.group == "all":
            return ", ".join(ask.ids[:-1]) + f" and {ask.ids[-1]}"
        if ask.group == "example" and ask.categories:
            kind = self._kind_label(ask)
            return kind if ask.ids == (kind,) else f"{kind} such as {' or '.join(ask.ids)}"
        if ask.group == "example":
            return " or ".join(ask.ids) + " (examples: any one)"
        return " or ".join(ask.ids) + or_equivalent

    def _equivalent_years(self, posting: Posting) -> float:
        """The years "equivalent experience" means: the posting's main years ask, else the rules'."""
        asked = [a.years for a in posting.asks if a.kind == "years" and not a.within]
        return max(asked, default=self.rules.scoring.equivalent_years)

    def match(self, report: Report, doc: Document | None, posting: Posting) -> Match:
        equiv_years = self._equivalent_years(posting)
        reqs = [self._requirement(a, report, doc, equiv_years) for a in posting.asks]
        standards = [self._standard(s, report) for s in posting.standards]
        order = {"required": 0, "preferred": 1}
        missing = sorted(
            (q for q in reqs if q.status == "missing"), key=lambda q: order[q.strength]
        )
        # A posting with nothing read from it (a benefits blurb, the wrong file) fits nobody.
        guidance = self._guidance(reqs) if reqs else [_NOTHING_READ]
        return Match(
            score=self._score(reqs) if reqs else 0,
            job=posting.source,
            requirements=reqs,
            missing=[f"{q.label} ({q.strength})" for q in missing],
            standards=standards,
            feature=self._features(standards),
            guidance=guidance,
            tiebreak=self._tiebreak(reqs, standards, posting, report, doc),
        )

    def _score(self, reqs: list[Requirement]) -> int:
        s = self.rules.scoring

        def part(qs: list[Requirement]) -> float | None:
            total = sum(q.weight for q in qs)
            return sum(q.weight * q.credit for q in qs) / total if total else None

        must = [q for q in reqs if q.strength == "required"]
        must_part = part(must)
        must_part = 1.0 if must_part is None else must_part
        pref_part = part([q for q in reqs if q.strength == "preferred"])
        pref_part = must_part if pref_part is None else pref_part
        score = 100 * (s.required_share * must_part + (1 - s.required_share) * pref_part)
        hard_missing = sum(q.status == "missing" and s.kinds[q.kind].hard for q in must)
        if hard_missing:
            score = min(score, s.missing_cap - s.missing_step * (hard_missing - 1))
        elif any(
            q.status == "missing" or (q.status == "partial" and s.kinds[q.kind].hard) for q in must
        ):
            score = min(score, s.partial_cap)
        return max(0, min(100, round(score)))

    def _tiebreak(
        self,
        reqs: list[Requirement],
        standards: list[Standard],
        posting: Posting,
        report: Report,
        doc: Document | None,
    ) -> TieBreak:
        main = next(
            (a for a in posting.asks if a.kind == "years" and a.strength == "required" and not a.within),
            None,
        )
        gap = None
        if main is not None:
            years = self._relevant_years(main, report, doc)[0]
            gap = round(abs(years - main.years), 1)
        return TieBreak(
            preferred_met=round(sum(q.credit for q in reqs if q.strength == "preferred"), 3),
            standards=round(sum(s.strength for s in standards), 3),
            years_gap=gap,
        )

    def _features(self, standards: list[Standard]) -> list[Feature]:
        out = []
        for s in standards:
            if s.status == "met" and s.resume:
                shown = s.resume[0]
                out.append(
                    Feature(
                        kind=s.kind,
                        posting=s.posting,
                        resume=shown,
                        note=f"The posting asks for {s.label}; line {shown.line + 1} answers it "
                        f'("{shown.text}"): lead with it in your summary.',
                    )
                )
        return out

    def _guidance(self, reqs: list[Requirement]) -> list[str]:
        out = []
        hard = [q for q in reqs if q.status != "met" and not q.fixable and q.strength == "required"]
        soft = [q for q in reqs if q.status != "met" and q.fixable]
        for q in hard:
            out.append(f"No wording fixes '{q.label}': {q.note}.")
        if soft:
            out.append(
                "Name these only where they are true of your work: "
                + ", ".join(q.label for q in soft)
                + "."
            )
        if not out:
            out.append(
                "Every requirement found in the posting is met; lead with the results listed under 'feature'."
            )
        return out
