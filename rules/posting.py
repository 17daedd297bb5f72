"""Reading a job posting: what it asks for (credentials, years, code sets, tools, settings, education,
metric standards), how strongly (required / preferred), and which credentials are alternatives."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.models.document import Document
from analyzer.models.findings import Metric
from analyzer.rules.numbers import words_to_number
from analyzer.rules.pack import RulePack

_CLAUSE = re.compile(r"[;,.]\s+|\s+[–—-]\s+|\(|\)")
_SECTION_STRENGTH = {
    "required": "required",
    "preferred": "preferred",
    "duties": "preferred",
    "profile": "preferred",
}


@dataclass(frozen=True)
class Ask:
    """One thing the posting asks for; ``ids`` holds alternatives (any one satisfies it)."""

    kind: str
    ids: tuple[str, ...]
    strength: str
    line: int
    text: str
    years: float | None = None
    qualifiers: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    metric: Metric | None = None


class PostingReader:
    """Turns a parsed posting into ``Ask``s using the resume engine's own detectors."""

    def __init__(self, engine, pack: RulePack) -> None:
        rules = pack.postings
        self.engine = engine
        self.rules = rules
        # Metric kinds a posting can set as a standard to meet ("95% accuracy", "25 charts/hour").
        self.standards = {k for k, info in pack.metrics.registry.items() if info.standard}
        c = lambda pats: [re.compile(p) for p in pats]  # noqa: E731
        self.required, self.preferred = c(rules.cues.required), c(rules.cues.preferred)
        self.either, self.both = c(rules.cues.either), c(rules.cues.both)
        self.accepted = c(rules.cues.accepted)
        self.years = re.compile(rules.years.pattern)
        self.exp_words, self.not_exp = (
            c(rules.years.experience_words),
            c(rules.years.not_experience),
        )
        self.phrase_end = re.compile(rules.years.phrase_end)
        self.roles = [(r.id, c(r.phrase)) for r in rules.roles]
        self.levels = [("entry", c(rules.levels.entry)), ("senior", c(rules.levels.senior))]
        self.education = [(lvl.id, c(lvl.posting)) for lvl in rules.education]

    def _strength(self, doc: Document, line: int, start: int, end: int) -> str | None:
        """The clause's own cue; else a requirements/preferred section; else a cue elsewhere on the
        line; else the section's default. ``None`` for company and benefits text."""
        text = doc.lines[line].text
        lo = max((m.end() for m in _CLAUSE.finditer(text) if m.end() <= start), default=0)
        hi = min((m.start() for m in _CLAUSE.finditer(text) if m.start() >= end), default=len(text))
        section = doc.lines[line].section
        for scope in (text[lo:hi], None, text):
            if scope is None:
                if section in ("required", "preferred"):
                    return section
                continue
            has_pref = any(p.search(scope) for p in self.preferred)
            has_req = any(p.search(scope) for p in self.required)
            if has_pref != has_req:
                return "preferred" if has_pref else "required"
        return _SECTION_STRENGTH.get(section)

    def _alternatives(self, text: str, hits: list) -> list[list]:
        """Group a line's hits: "CPC or CCS" -> one group (any satisfies); "RHIT and CCS" -> two;
        "(CPC-A considered)" joins the group before it as an accepted alternative."""
        groups: list[list] = []
        for h in hits:
            if groups:
                gap = text[groups[-1][-1].end : h.start]
                after = text[h.end : h.end + 40]
                if (
                    len(gap) < 40
                    and any(p.search(gap) for p in self.either)
                    and not any(p.search(gap) for p in self.both)
                ):
                    groups[-1].append(h)
                    continue
                if (
                    len(gap) < 6
                    and re.fullmatch(r"[\s,]*", gap)
                    and any(p.search(after) for p in self.either)
                ):
                    groups[-1].append(h)  # "CPC, CCS or CIC"
                    continue
                if any(p.search(after) for p in self.accepted) and not any(
                    p.search(after) for p in self.required
                ):
                    groups[-1].append(h)  # "(CPC-A considered)"
                    continue
            groups.append([h])
        return groups

    def read(self, doc: Document) -> list[Ask]:
        tokens = list(self.engine.nlp.tokenizer.pipe(line.text for line in doc.lines))
        lines = [ln for ln in doc.lines if ln.section != "about" and not ln.heading]
        keep = {ln.index for ln in lines}
        found: dict[tuple[str, tuple[str, ...]], Ask] = {}
        for family, matcher in (
            ("credential", self.engine.credentials),
            ("code_set", self.engine.code_sets),
            ("tool", self.engine.tools),
            ("specialty", self.engine.specialties),
        ):
            by_line: dict[int, list] = {}
            for h in matcher.find(doc, tokens):
                if h.line in keep:
                    by_line.setdefault(h.line, []).append(h)
            for line, hits in sorted(by_line.items()):
                for group in self._alternatives(doc.lines[line].text, hits):
                    strength = self._strength(doc, line, group[0].start, group[-1].end)
                    ids = tuple(dict.fromkeys(h.rule.id for h in group))
                    key = (family, ids)
                    if strength and (
                        key not in found
                        or (strength == "required" and found[key].strength != "required")
                    ):
                        found[key] = Ask(family, ids, strength, line, doc.lines[line].text)
        # A weaker mention of something a required item already covers adds nothing.
        required = [a for a in found.values() if a.strength == "required"]
        asks = [
            a
            for a in found.values()
            if a.strength == "required"
            or not any(r.kind == a.kind and set(r.ids) & set(a.ids) for r in required)
        ]
        specialty_ids = {i for a in asks if a.kind == "specialty" for i in a.ids}
        for ln in lines:
            years = self._years(doc, ln.index, specialty_ids)
            # The setting of "2+ years of inpatient coding" is checked with the years, not twice.
            qualified = {q for y in years for q in y.qualifiers}
            asks = [
                a
                for a in asks
                if not (a.kind == "specialty" and a.line == ln.index and set(a.ids) <= qualified)
            ]
            asks.extend(years)
            asks.extend(self._education(doc, ln.index))
            for m in self.engine.metrics._line_metrics(ln.text, ln.index):
                if m.kind in self.standards:
                    strength = (
                        self._strength(doc, ln.index, m.evidence[0].start, m.evidence[0].end)
                        or "preferred"
                    )
                    asks.append(Ask("metric", (m.kind,), strength, ln.index, ln.text, metric=m))
        asks.extend(self._level(doc))
        return sorted(asks, key=lambda a: (a.line, a.kind))

    def _level(self, doc: Document) -> list[Ask]:
        """The level stated in the posting's title or opening lines (entry or senior), if any."""
        for ln in doc.lines[: self.rules.levels.opening_lines]:
            for level, patterns in self.levels:
                if any(p.search(ln.text) for p in patterns):
                    return [Ask("level", (level,), "required", ln.index, ln.text)]
        return []

    def _years(self, doc: Document, line: int, specialty_ids: set[str]) -> list[Ask]:
        text = doc.lines[line].text
        out = []
        for m in self.years.finditer(text):
            rest = m.group("rest")
            if end := self.phrase_end.search(rest):
                rest = rest[: end.start()]
            if any(p.search(rest) for p in self.not_exp) or not any(
                p.search(rest) for p in self.exp_words
            ):
                continue
            n = m.group("n")
            value = float(n) if n.isdigit() else words_to_number(n)
            if not value:
                continue
            qualifiers = tuple(
                s for s in specialty_ids if s in rest.lower() or s.replace(" ", "-") in rest.lower()
            )
            roles = tuple(rid for rid, pats in self.roles if any(p.search(rest) for p in pats))
            strength = self._strength(doc, line, m.start(), m.end()) or "required"
            label = f"{value:g}+ years" + (f" {'/'.join(roles)}" if roles else "")
            out.append(
                Ask(
                    "years",
                    (label,),
                    strength,
                    line,
                    text,
                    years=value,
                    qualifiers=qualifiers,
                    roles=roles,
                )
            )
        return out

    def _education(self, doc: Document, line: int) -> list[Ask]:
        text = doc.lines[line].text
        if not re.search(r"(?i)\b(?:degree|diploma|GED|graduate|education|certificate)\b", text):
            return []
        out = []
        for level, patterns in self.education:
            for p in patterns:
                if m := p.search(text):
                    strength = self._strength(doc, line, m.start(), m.end())
                    if strength:
                        out.append(Ask("education", (level,), strength, line, text))
                    break
        return out
