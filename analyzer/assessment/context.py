"""Facts about one resume that scoring, credibility and suggestions share (computed once)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.models.document import Document
from analyzer.models.findings import Findings, Metric

_WORD = re.compile(r"[A-Za-z][A-Za-z'/-]*")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_LIST_SECTIONS = frozenset({"skills", "certifications", "languages", "references", "affiliations"})


def _prose_duty(text: str) -> bool:
    """A sentence about work rather than a title, employer or date line: six or more words, most
    of them not capitalised, no year in it."""
    words = _WORD.findall(text)
    if len(words) < 6 or _YEAR.search(text):
        return False
    return sum(w[0].islower() for w in words) / len(words) >= 0.4


@dataclass(frozen=True)
class Context:
    """What the assessment needs beyond raw findings.

    Attributes:
        anchored: Each result with the weight its place earns (``scoring.toml [anchors]``): in a
            dated coding/HIM job, in a summary or other section, in a job that is not coding work.
            Results a credibility check rejected are left out.
        duty_lines: Experience lines that describe duties (bullets, and prose sentences under a
            job), outside jobs that are not coding work.
        familiar_lines: Lines that only claim familiarity ("familiar with Epic, CRC guidelines").
    """

    level: str
    track: str | None
    anchored: tuple[tuple[Metric, float], ...]
    outside_lines: frozenset[int]
    job_lines: frozenset[int]
    duty_lines: tuple[int, ...]
    quantified_lines: frozenset[int]
    familiar_lines: frozenset[int]
    setting: str
    specialty: str
    object: str
    tool: str

    @classmethod
    def build(
        cls,
        doc: Document,
        f: Findings,
        level: str,
        track: str | None,
        anchors,
        familiar: re.Pattern,
        specialties,
        rejected: frozenset[int] = frozenset(),
    ) -> Context:
        """``anchors`` is ``ScoringRules.anchors``; ``specialties`` the pack's ``specialties.toml``
        rules (which are care settings, what one codes in each); ``rejected`` are indexes into
        ``f.metrics`` that a credibility check found implausible."""

        def span(p) -> range:
            return range(p.line, (p.end_line if p.end_line is not None else p.line) + 1)

        positions = [p for p in f.experience.positions if p.line is not None]
        outside = {i for p in positions if not p.coding_related for i in span(p)}
        job = {i for p in positions if p.coding_related for i in span(p)} - outside
        headers = {p.line for p in positions}
        duty = tuple(
            ln.index
            for ln in doc.lines
            if ln.section == "experience"
            and not ln.heading
            and ln.index not in outside
            and ln.index not in headers
            and (ln.bullet or _prose_duty(ln.text))
        )
        anchored = []
        for n, m in enumerate(f.metrics):
            if n in rejected:
                continue
            line = m.evidence[0].line if m.evidence else -1
            weight = (
                anchors.outside
                if line in outside
                else anchors.job
                if line in job
                else anchors.summary
            )
            anchored.append((m, weight))
        metric_lines = {e.line for m, w in anchored if w > 0 for e in m.evidence}
        shown = {s.id for s in f.specialties}
        rules = {r.id: r for r in specialties.rules}
        setting = next(
            (r.id for r in specialties.rules if r.category == "setting" and r.id in shown), ""
        )
        specialty = next(
            (s.id for s in f.specialties if s.id in rules and rules[s.id].category is None), ""
        )
        obj = next(
            (rules[s].work_object for s in (specialty, setting) if s and rules[s].work_object),
            "encounters",
        )
        ehr = next((t.id for t in f.tools if t.category == "ehr"), "your EHR")
        return cls(
            level=level,
            track=track,
            anchored=tuple(anchored),
            outside_lines=frozenset(outside),
            job_lines=frozenset(job),
            duty_lines=duty,
            quantified_lines=frozenset(i for i in duty if i in metric_lines),
            familiar_lines=frozenset(ln.index for ln in doc.lines if familiar.search(ln.text)),
            setting=f"{setting} " if setting else "",
            specialty=f"{specialty} " if specialty else "",
            object=obj,
            tool=ehr,
        )

    def shown_in_work(self, doc: Document, lines) -> float:
        """How well a finding's evidence lines show it in work: 1 in a job or experience line, 0.5
        in a summary or profile line, 0 when only in a list section (skills, certifications) or a
        "familiar with" line."""
        best = 0.0
        for i in lines:
            if i in self.familiar_lines or i in self.outside_lines:
                continue
            section = doc.lines[i].section
            if i in self.job_lines or section == "experience":
                return 1.0
            if section not in _LIST_SECTIONS:
                best = 0.5
        return best
