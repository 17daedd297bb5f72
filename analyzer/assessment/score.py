"""The 0-100 resume score: named components with weights and reasons, from ``rules/scoring.toml``."""

from __future__ import annotations

from analyzer.assessment.context import Context
from analyzer.models.document import Document
from analyzer.models.findings import Findings
from analyzer.models.report import Component, Score
from analyzer.rules.pack import RulePack
from analyzer.rules.schema import ScoreComponent


def _clamp(x: float) -> int:
    return max(0, min(100, round(x)))


class Scorer:
    """Scores a resume: each component of ``scoring.toml`` is computed by its named measure."""

    def __init__(self, pack: RulePack) -> None:
        self.rules = pack.scoring
        self.core_credentials = set(pack.credential_ids(core=True, apprentice=False))
        self.senior_credentials = set(pack.credential_ids(stage="senior"))
        self.specialty_credentials = set(pack.credential_ids(specialty=True))

    def _m_quantified_impact(self, doc: Document, f: Findings, ctx: Context) -> Component:
        kinds = set(ctx.metric_kinds)
        target = self.rules.target_metric_kinds[ctx.level]
        kinds_part = min(1.0, len(kinds - {"other"}) / target + (0.25 if "other" in kinds else 0))
        share = (
            len(ctx.quantified_bullets) / len(ctx.bullets)
            if ctx.bullets
            else (1.0 if ctx.coding_metrics else 0.0)
        )
        share_part = min(1.0, share / self.rules.target_quantified_share)
        reasons = [
            f"{ctx.coding_metrics} quantified result(s) of {len(kinds)} kind(s): "
            + (", ".join(sorted(kinds)) or "none")
        ]
        if len(f.metrics) > ctx.coding_metrics:
            reasons.append(
                f"{len(f.metrics) - ctx.coding_metrics} more from jobs that are not coding/HIM work, not counted"
            )
        if ctx.bullets:
            reasons.append(
                f"{len(ctx.quantified_bullets)} of {len(ctx.bullets)} experience bullets carry a number"
            )
        return Component(
            score=_clamp(100 * (0.6 * kinds_part + 0.4 * share_part)) if ctx.coding_metrics else 0,
            reasons=reasons,
        )

    def _m_credentials(self, doc: Document, f: Findings, ctx: Context) -> Component:
        held = {c.id for c in f.credentials if c.status == "held"}
        apprentice = {c.id for c in f.credentials if c.status == "apprentice"}
        progress = {c.id for c in f.credentials if c.status == "in_progress"}
        core = self.core_credentials & held
        senior = self.senior_credentials & held
        reasons: list[str] = []
        if ctx.level == "entry":
            score = 100 if core else 80 if apprentice else 40 if progress else 0
        elif ctx.level == "mid":
            score = (
                (70 + min(30, 15 * (len(held) - 1)))
                if core
                else 40
                if apprentice
                else 20
                if progress
                else 0
            )
        else:
            score = (
                (60 + (40 if senior else min(20, 10 * (len(held) - 1))))
                if (core or senior)
                else 20
                if held
                else 0
            )
        reasons.append("held: " + (", ".join(sorted(held | apprentice)) or "none"))
        if progress:
            reasons.append("in progress: " + ", ".join(sorted(progress)))
        reasons.append(f"judged for the {ctx.level} stage")
        return Component(
            score=_clamp(score), reasons=reasons
        )

    def _m_code_sets_and_tools(self, doc: Document, f: Findings, ctx: Context) -> Component:
        core = [c for c in f.code_sets if c.id in self.rules.core_code_sets]
        in_work = [c for c in core if any(e.line in ctx.experience_lines for e in c.evidence)]
        sets_part = min(
            1.0, (len(in_work) + 0.5 * (len(core) - len(in_work))) / self.rules.target_code_sets
        )
        ehr = any(t.category == "ehr" for t in f.tools)
        encoder = any(t.category in ("encoder", "cac") for t in f.tools)
        reasons = [
            f"{len(core)} code set(s), {len(in_work)} shown in experience bullets",
            f"EHR named: {'yes' if ehr else 'no'}; encoder/CAC named: {'yes' if encoder else 'no'}",
        ]
        return Component(
            score=_clamp(50 * sets_part + 25 * ehr + 25 * encoder),
            reasons=reasons,
        )

    def _m_specialty_depth(self, doc: Document, f: Findings, ctx: Context) -> Component:
        n = len(f.specialties)
        specialty_creds = [
            c.id for c in f.credentials if c.status == "held" and c.id in self.specialty_credentials
        ]
        score = (0 if n == 0 else 60 if n == 1 else 85) + (15 if specialty_creds else 0)
        reasons = [
            f"{n} specialty/setting(s): " + (", ".join(s.id for s in f.specialties) or "none")
        ]
        if specialty_creds:
            reasons.append("specialty credential: " + ", ".join(specialty_creds))
        return Component(
            score=_clamp(score), reasons=reasons
        )

    def _m_structure(self, doc: Document, f: Findings, ctx: Context) -> Component:
        c = f.candidate
        names = {s.name for s in doc.sections}
        positions = f.experience.positions
        score = 0.0
        reasons = []
        score += 12.5 * bool(c.email) + 12.5 * bool(c.phone)
        if not (c.email and c.phone):
            reasons.append("contact details incomplete")
        if "experience" in names and positions:
            score += 25
        else:
            reasons.append("no dated positions found in an experience section")
        found = {"experience", "education", "skills", "certifications"} & names
        score += 5 * len(found)
        reasons.append(
            "sections an ATS reads: " + ", ".join(sorted(found))
            if found
            else "no standard section headers found"
        )
        if len(doc.lines) <= self.rules.max_lines[ctx.level]:
            score += 15
        else:
            reasons.append(f"{len(doc.lines)} lines: long for the {ctx.level} stage")
        if positions:
            score += 10
        return Component(
            score=_clamp(score), reasons=reasons
        )

    def _m_evidence(self, doc: Document, f: Findings, c: ScoreComponent) -> Component:
        """A rule pack's own component: the share of ``target`` of ``ids`` the resume shows."""
        if c.family == "metrics":
            shown = {m.kind for m in f.metrics}
        elif c.family == "credentials":
            shown = {x.id for x in f.credentials if x.status in ("held", "apprentice")}
        else:
            shown = {x.id for x in getattr(f, c.family)}
        found = [i for i in c.ids if i in shown]
        return Component(
            score=_clamp(100 * min(1.0, len(found) / c.target)),
            reasons=[f"{c.label or c.id}: " + (", ".join(found) or "none shown")],
        )

    def _component(self, doc: Document, f: Findings, ctx: Context, c: ScoreComponent) -> Component:
        if c.measure == "evidence":
            part = self._m_evidence(doc, f, c)
        else:
            part = getattr(self, f"_m_{c.measure}")(doc, f, ctx)
        label = c.label or c.id.replace("_", " ").capitalize()
        return part.model_copy(update={"weight": c.weight, "label": label})

    def score(self, doc: Document, f: Findings, ctx: Context) -> Score:
        components = {c.id: self._component(doc, f, ctx, c) for c in self.rules.components}
        overall = sum(c.score * c.weight for c in components.values())
        if not ctx.coding_metrics:
            overall = min(overall, self.rules.no_metrics_cap)
            components.get("quantified_impact", next(iter(components.values()))).reasons.append(
                f"no quantified results: overall capped at {self.rules.no_metrics_cap}"
            )
        if f.domain and not f.domain.medical_coding:
            overall = min(overall, self.rules.off_domain_cap)
            components.get("structure", next(iter(components.values()))).reasons.append(
                f"not a medical-coding resume: overall capped at {self.rules.off_domain_cap}"
            )
        return Score(overall=_clamp(overall), version=self.rules.version, components=components)
