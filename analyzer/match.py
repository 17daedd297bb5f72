"""Fit of one resume to one job posting: requirements met / partly met / missing, with evidence on
both sides, what to feature, and honest guidance. Rules in ``rules/postings.toml``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from analyzer.limits import DEFAULT_LIMITS, Limits
from analyzer.parsing import read_bytes, read_file
from analyzer.parsing.sections import Sectioner
from analyzer.models.document import Document
from analyzer.models.findings import Evidence, Metric, metric_value
from analyzer.models.match import Feature, Match, PostingLine, Requirement
from analyzer.models.report import Report
from analyzer.rules.dates import merged_years, position_span
from analyzer.rules.posting import Ask, PostingReader
from analyzer.rules.pack import RulePack

_PER_DAY = {
    "hour": 8.0,
    "day": 1.0,
    "week": 1 / 5,
    "month": 1 / 21,
    "quarter": 1 / 63,
    "year": 1 / 250,
}


@dataclass(frozen=True)
class Posting:
    """A parsed job posting and what it asks for."""

    source: str
    document: Document
    asks: list[Ask]


def _ev(doc: Document | None, line: int | None, rule: str, why: str) -> list[Evidence]:
    if doc is None or line is None or line >= len(doc.lines):
        return []
    text = doc.lines[line].text
    return [Evidence(line=line, start=0, end=len(text), text=text, rule=rule, explanation=why)]


def _per_day(m: Metric) -> float | None:
    return m.value * _PER_DAY[m.period] if m.period in _PER_DAY else None


class Matcher:
    """Reads postings and scores resumes against them."""

    def __init__(self, engine, pack: RulePack, limits: Limits = DEFAULT_LIMITS) -> None:
        self.rules = pack.postings
        # A held credential that satisfies a requirement for another id (renames, supersets).
        self.satisfies = pack.satisfies()
        self.directions = {k: info.direction for k, info in pack.metrics.registry.items()}
        self.labels = {k: info.label for k, info in pack.metrics.registry.items()}
        self.sectioner = Sectioner(self.rules.sections())
        self.reader = PostingReader(engine, pack)
        self.limits = limits
        self.education = [
            (lvl.id, [re.compile(p) for p in lvl.resume]) for lvl in self.rules.education
        ]
        self.roles = {r.id: [re.compile(p) for p in r.work] for r in self.rules.roles}

    def read_posting(self, path: str, data: bytes | None = None) -> Posting:
        """Parse a posting file (or bytes read from stdin). Raises ``AnalyzerError`` like a resume."""
        raw = data if data is not None else read_file(path, self.limits)
        doc = read_bytes(raw, path, self.sectioner, self.limits)
        return Posting(path, doc, self.reader.read(doc))

    # -- one requirement ------------------------------------------------------------------------
    def _credential(self, ask: Ask, r: Report) -> tuple[str, list[Evidence], str, bool]:
        by_id = {c.id: c for c in r.credentials}
        wanted = set(ask.ids)
        for cid, cred in by_id.items():
            if cred.status in ("held", "apprentice") and (
                cid in wanted or self.satisfies.get(cid, set()) & wanted
            ):
                return (
                    "met",
                    cred.evidence,
                    f"holds {cid}"
                    + (" (accepted by this posting)" if cred.status == "apprentice" else ""),
                    False,
                )
        for cid in wanted:
            cred = by_id.get(cid)
            if cred and cred.status == "in_progress":
                return "partial", cred.evidence, f"{cid} is in progress, not yet held", False
            apprentice = by_id.get(f"{cid}-A")
            if apprentice and apprentice.status == "apprentice":
                return (
                    "missing",
                    apprentice.evidence,
                    f"{cid}-A does not satisfy '{cid} required': the apprentice designation must be removed first",
                    False,
                )
            if cred and cred.status == "lapsed":
                return (
                    "missing",
                    cred.evidence,
                    f"{cid} has lapsed; reinstating it would meet this",
                    False,
                )
        return "missing", [], "not held", False

    def _role_years(self, role: str, r: Report, doc: Document | None) -> tuple[float, list[int]]:
        """Merged years of counted positions whose title or bullets show ``role`` work."""
        patterns = self.roles[role]
        as_of = date.fromisoformat(r.as_of)
        spans, lines = [], []
        for p in r.experience.positions:
            if not (p.counted and p.start and p.line is not None):
                continue
            last = p.end_line if p.end_line is not None else p.line
            body = " ".join(ln.text for ln in doc.lines[p.line : last + 1]) if doc else ""
            if any(pat.search(p.title) or pat.search(body) for pat in patterns):
                spans.append(position_span(p.start, p.end, p.current, as_of))
                lines.append(p.line)
        return merged_years(spans), lines

    def _years(
        self, ask: Ask, r: Report, doc: Document | None
    ) -> tuple[str, list[Evidence], str, bool]:
        if ask.roles:
            role = ask.roles[0]
            years, lines = self._role_years(role, r, doc)
            evidence = [
                e
                for line in lines[:3]
                for e in _ev(doc, line, f"experience.{role}", f"a position with {role} work")
            ]
            if years >= ask.years:
                return "met", evidence, f"{years:g} years in positions with {role} work", False
            if years > 0:
                return (
                    "partial",
                    evidence,
                    f"{years:g} years of {role} work; the posting asks for {ask.years:g}+",
                    False,
                )
            return "missing", [], f"no position shows {role} work", False
        years = r.experience.years
        have = {s.id for s in r.specialties}
        lines = [p.line for p in r.experience.positions if p.counted and p.line is not None]
        evidence = [
            e
            for line in lines[:3]
            for e in _ev(doc, line, "experience.years", "a counted position")
        ]
        setting = ", ".join(ask.qualifiers)
        if years >= ask.years:
            if ask.qualifiers and not set(ask.qualifiers) & have:
                return (
                    "partial",
                    evidence,
                    f"{years:g} years of coding/HIM work, but no {setting} work shown",
                    True,
                )
            shown = ", ".join(q for q in ask.qualifiers if q in have)
            return (
                "met",
                evidence,
                f"{years:g} years of coding/HIM work" + (f" including {shown}" if shown else ""),
                False,
            )
        if ask.years - years < 1.0:
            return "partial", evidence, f"{years:g} years, just short of {ask.years:g}", False
        return (
            "missing",
            evidence,
            f"{years:g} years of coding/HIM work; the posting asks for {ask.years:g}+",
            False,
        )

    def _listed(self, ask: Ask, items: list, noun: str) -> tuple[str, list[Evidence], str, bool]:
        found = next((x for x in items if x.id in ask.ids), None)
        if found:
            return "met", found.evidence, f"{noun} {found.id} shown", False
        return (
            "missing",
            [],
            f"{' or '.join(ask.ids)} not named; add it only if you have really used it",
            True,
        )

    def _level(self, ask: Ask, r: Report) -> tuple[str, list[Evidence], str, bool]:
        order = {"entry": 0, "mid": 1, "senior": 2}
        have = r.stage.level if r.stage else "entry"
        gap = order[have] - order[ask.ids[0]]
        if abs(gap) <= 1 and not (ask.ids[0] == "entry" and gap == 2):
            if gap == 1 and ask.ids[0] == "entry":
                return "met", [], f"a {have}-level candidate for an entry-level role", False
            if gap == -1 and ask.ids[0] == "senior":
                return "partial", [], f"a {have}-level candidate for a senior role", False
            return "met", [], f"{have}-level candidate", False
        if gap > 0:
            return (
                "partial",
                [],
                f"a {have}-level candidate for an {ask.ids[0]}-level role: likely overqualified for its pay band",
                False,
            )
        return "missing", [], f"an {have}-level candidate for a {ask.ids[0]}-level role", False

    def _education(self, ask: Ask, doc: Document | None) -> tuple[str, list[Evidence], str, bool]:
        levels = [lvl for lvl, _ in self.education]
        wanted = levels.index(ask.ids[0])
        lines = [
            ln for ln in (doc.lines if doc else []) if ln.section in ("education", "certifications")
        ]
        best, best_line = -1, None
        for ln in lines:
            for i, (_, patterns) in enumerate(self.education):
                if i > best and any(p.search(ln.text) for p in patterns):
                    best, best_line = i, ln.index
        if best >= wanted:
            return (
                "met",
                _ev(doc, best_line, "education", f"{levels[best]} level"),
                f"{levels[best]} education shown",
                False,
            )
        if best >= 0:
            return (
                "missing",
                _ev(doc, best_line, "education", levels[best]),
                f"shows {levels[best]}; the posting asks for {ask.ids[0]}",
                False,
            )
        return "missing", [], f"no {ask.ids[0]} education shown", False

    def _metric(self, ask: Ask, r: Report) -> tuple[str, list[Evidence], str, bool]:
        want = ask.metric
        mine = [m for m in r.metrics if m.kind == want.kind]
        if not mine:
            return (
                "missing",
                [],
                f"no {self.labels.get(want.kind, want.kind)} figure on the resume; add yours if you have it",
                True,
            )
        if self.directions.get(want.kind) == "lower":
            best = min(mine, key=lambda m: m.value)
            ok = best.value <= want.value
        elif want.kind == "volume":
            want_day = _per_day(want)
            comparable = [(m, _per_day(m)) for m in mine if _per_day(m) is not None]
            if want_day is None or not comparable:
                return (
                    "partial",
                    mine[0].evidence,
                    f"shows {metric_value(mine[0])}, not directly comparable",
                    True,
                )
            best, rate = max(comparable, key=lambda mr: mr[1])
            ok = rate >= want_day
        else:
            best = max(mine, key=lambda m: m.value)
            ok = best.value >= want.value
        note = f"resume shows {metric_value(best)} against the posting's {metric_value(want)}"
        return ("met" if ok else "partial"), best.evidence, note, not ok

    # -- the whole posting ----------------------------------------------------------------------
    def match(self, report: Report, doc: Document | None, posting: Posting) -> Match:
        reqs: list[Requirement] = []
        seen: set[tuple] = set()
        for ask in posting.asks:
            key = (ask.kind, ask.ids, ask.years, ask.roles)
            if key in seen:
                continue
            seen.add(key)
            if ask.kind == "credential":
                status, ev, note, fixable = self._credential(ask, report)
                label = " or ".join(ask.ids)
            elif ask.kind == "years":
                status, ev, note, fixable = self._years(ask, report, doc)
                label = ask.ids[0] + (f" ({', '.join(ask.qualifiers)})" if ask.qualifiers else "")
            elif ask.kind == "level":
                status, ev, note, fixable = self._level(ask, report)
                label = f"{ask.ids[0]}-level role"
            elif ask.kind == "education":
                status, ev, note, fixable = self._education(ask, doc)
                label = f"{ask.ids[0]} education"
            elif ask.kind == "metric":
                status, ev, note, fixable = self._metric(ask, report)
                label = f"{self.labels.get(ask.metric.kind, ask.metric.kind)} {metric_value(ask.metric)}"
            else:
                items = {
                    "code_set": report.code_sets,
                    "tool": report.tools,
                    "specialty": report.specialties,
                }[ask.kind]
                status, ev, note, fixable = self._listed(ask, items, ask.kind.replace("_", " "))
                label = " or ".join(ask.ids)
            reqs.append(
                Requirement(
                    id=f"{ask.kind}.{'|'.join(ask.ids)}",
                    kind=ask.kind,
                    label=label,
                    strength=ask.strength,
                    status=status,
                    alternatives=list(ask.ids) if ask.kind == "credential" else [],
                    posting=PostingLine(line=ask.line, text=ask.text),
                    resume=ev,
                    note=note,
                    fixable=fixable,
                )
            )
        return Match(
            score=self._score(reqs),
            job=posting.source,
            requirements=reqs,
            missing=[f"{q.label} ({q.strength})" for q in reqs if q.status == "missing"],
            feature=self._features(reqs),
            guidance=self._guidance(reqs),
        )

    def _score(self, reqs: list[Requirement]) -> int:
        s = self.rules.scoring
        credit = {"met": 1.0, "partial": s.partial_credit, "missing": 0.0}
        must = [q for q in reqs if q.strength == "required"]
        pref = [q for q in reqs if q.strength == "preferred"]
        must_part = sum(credit[q.status] for q in must) / len(must) if must else 1.0
        pref_part = sum(credit[q.status] for q in pref) / len(pref) if pref else must_part
        score = 100 * (s.required_share * must_part + (1 - s.required_share) * pref_part)
        missing = sum(q.status == "missing" for q in must)
        if missing:
            score = min(score, s.missing_cap - s.missing_step * (missing - 1))
        elif any(q.status == "partial" for q in must):
            score = min(score, s.partial_cap)
        return max(0, min(100, round(score)))

    def _features(self, reqs: list[Requirement]) -> list[Feature]:
        out = []
        for q in reqs:
            if q.kind == "metric" and q.status == "met" and q.resume:
                shown = q.resume[0]
                out.append(
                    Feature(
                        kind=q.id.split(".", 1)[1],
                        posting=q.posting,
                        resume=shown,
                        note=f"The posting asks for {q.label}; line {shown.line + 1} answers it "
                        f'("{shown.text}"): lead with it in your summary.',
                    )
                )
        return out

    def _guidance(self, reqs: list[Requirement]) -> list[str]:
        out = []
        hard = [q for q in reqs if q.status != "met" and not q.fixable and q.strength == "required"]
        soft = [q for q in reqs if q.status == "missing" and q.fixable]
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
