"""Facts about one resume that scoring and suggestions both use (computed once)."""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.models.document import Document
from analyzer.models.findings import Findings

_SETTING_OBJECT = {
    "inpatient": "charts",
    "risk adjustment": "charts",
    "emergency medicine": "charts",
    "radiology": "studies",
    "professional fee": "encounters",
    "outpatient": "encounters",
    "ambulatory surgery": "cases",
}
_SETTINGS = ["inpatient", "risk adjustment", "outpatient", "professional fee", "ambulatory surgery"]


@dataclass(frozen=True)
class Context:
    """What the assessment needs beyond raw findings."""

    level: str
    metric_kinds: frozenset[str]
    coding_metrics: int
    outside_lines: frozenset[int]
    bullets: tuple[int, ...]
    quantified_bullets: frozenset[int]
    setting: str
    specialty: str
    object: str
    tool: str
    experience_lines: frozenset[int]

    @classmethod
    def build(cls, doc: Document, f: Findings, level: str) -> Context:
        # Lines of jobs that are not coding/HIM work (retail, front desk, bedside nursing): their
        # results are still reported, but they neither earn nor excuse coding metrics.
        outside = {
            i
            for p in f.experience.positions
            if not p.coding_related and p.line is not None
            for i in range(p.line, (p.end_line if p.end_line is not None else p.line) + 1)
        }
        bullets = tuple(
            ln.index
            for ln in doc.lines
            if ln.section == "experience" and ln.bullet and ln.index not in outside
        )
        coding_metrics = [m for m in f.metrics if not any(e.line in outside for e in m.evidence)]
        metric_lines = {e.line for m in coding_metrics for e in m.evidence}
        spec_ids = [s.id for s in f.specialties]
        setting = next((s for s in _SETTINGS if s in spec_ids), "")
        specialty = next(
            (s for s in spec_ids if s not in _SETTINGS and s not in ("telehealth",)), ""
        )
        obj = _SETTING_OBJECT.get(specialty) or _SETTING_OBJECT.get(setting, "encounters")
        ehr = next((t.id for t in f.tools if t.category == "ehr"), "your EHR")
        return cls(
            level=level,
            metric_kinds=frozenset(m.kind for m in coding_metrics),
            coding_metrics=len(coding_metrics),
            outside_lines=frozenset(outside),
            bullets=bullets,
            quantified_bullets=frozenset(i for i in bullets if i in metric_lines),
            setting=f"{setting} " if setting else "",
            specialty=f"{specialty} " if specialty else "",
            object=obj,
            tool=ehr,
            experience_lines=frozenset(ln.index for ln in doc.lines if ln.section == "experience"),
        )
