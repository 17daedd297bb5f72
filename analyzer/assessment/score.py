"""The 0-100 resume score: how strong the resume makes the candidate look to a hiring manager for
the stage it shows. Named components with weights and reasons (``rules/scoring.toml``), each
continuous, minus the credibility penalties listed in the report."""

from __future__ import annotations

from analyzer.assessment.context import Context
from analyzer.assessment.results import ResumeResults
from analyzer.models.document import Document
from analyzer.models.findings import Findings
from analyzer.models.report import Component, Credibility, Score
from analyzer.rules.pack import RulePack
from analyzer.rules.schema import ScoreComponent

_KIND_GROUP = {"denial_rate": "denials", "denial_reduction": "denials"}
_CREDENTIAL_SECTIONS = frozenset(
    {"certifications", "profile", "summary", "experience", "education", "affiliations"}
)


def _clamp(x: float) -> int:
    return max(0, min(100, round(x)))


def _names(items) -> str:
    return ", ".join(items) or "none"


class Scorer:
    """Scores a resume: each component of ``scoring.toml`` is computed by its named measure, and
    the credibility findings' penalty comes off the weighted sum."""

    def __init__(self, pack: RulePack) -> None:
        self.rules = pack.scoring
        self.stages = pack.stages
        self.core = set(pack.credential_ids(core=True, apprentice=False))
        self.senior = set(pack.credential_ids(stage="senior"))
        self.specialty = set(pack.credential_ids(specialty=True))

    def _m_quantified_impact(self, doc, f, ctx: Context, found: ResumeResults) -> Component:
        credit = self.rules.credit
        by_kind: dict[str, list[float]] = {}
        for m, w in ctx.anchored:
            if w > 0:
                by_kind.setdefault(_KIND_GROUP.get(m.kind, m.kind), []).append(w)
        points = 0.0
        for kind, weights in sorted(by_kind.items()):
            weights.sort(reverse=True)
            p = sum(c * w for c, w in zip(credit.repeat, weights))
            points += p * (credit.other if kind == "other" else 1.0)
        target = credit.target[ctx.level]
        wanted = self.stages.results_for(ctx.track, ctx.level)
        got = {r: found.credit(r) for r in wanted}
        wanted_part = sum(got.values()) / len(wanted) if wanted else 0.0
        score = 100 * (
            (1 - credit.wanted_share) * min(1.0, points / target)
            + credit.wanted_share * wanted_part
        )
        in_job = sum(1 for _, w in ctx.anchored if w == self.rules.anchors.job)
        elsewhere = sum(1 for _, w in ctx.anchored if 0 < w < self.rules.anchors.job)
        outside = sum(1 for _, w in ctx.anchored if w == 0)
        reasons = [
            f"{in_job} result(s) in dated coding/HIM jobs, {elsewhere} elsewhere (count "
            f"{self.rules.anchors.summary:g}), {points:.2f} of {target:g} points for the {ctx.level} stage",
            f"kinds: {_names(sorted(by_kind))} (a 2nd and 3rd of one kind add less)",
            f"results the {ctx.track or 'coding'} track asks for: shown "
            f"{_names(r for r, c in got.items() if c)}; missing {_names(r for r, c in got.items() if not c)}",
        ]
        if outside:
            reasons.append(f"{outside} from jobs that are not coding/HIM work, not counted")
        return Component(
            score=_clamp(score), reasons=reasons
        )

    def _m_experience(self, doc, f: Findings, ctx: Context, found) -> Component:
        coding = [p for p in f.experience.positions if p.coding_related and p.start]
        duty = set(ctx.duty_lines)
        described = [
            p
            for p in coding
            if p.line is not None
            and any(i in duty for i in range(p.line, (p.end_line or p.line) + 1))
        ]
        if not coding:
            return Component(
                score=0,
                reasons=["no dated coding/HIM job (an externship counts)"],
            )
        return Component(
            score=_clamp(50 + 50 * len(described) / len(coding)),
            reasons=[
                f"{len(coding)} dated coding/HIM job(s), {len(described)} with their duties described"
            ],
        )

    def _m_credentials(self, doc: Document, f: Findings, ctx: Context, found) -> Component:
        def place(c) -> float:
            lines = [e.line for e in c.evidence if e.line not in ctx.familiar_lines]
            if any(doc.lines[i].section in _CREDENTIAL_SECTIONS for i in lines):
                return 1.0
            return 0.5 if lines else 0.0

        weight = {c.id: place(c) for c in f.credentials if c.status in ("held", "apprentice")}
        held = {c.id for c in f.credentials if c.status == "held" and weight[c.id] > 0}
        apprentice = {c.id for c in f.credentials if c.status == "apprentice" and weight[c.id] > 0}
        progress = {c.id for c in f.credentials if c.status == "in_progress"}
        core, senior = held & self.core, held & self.senior
        more = len(held) > 1
        if ctx.level == "entry":
            score = 100 if core else 85 if apprentice else 60 if held else 50 if progress else 0
        elif ctx.level == "mid":
            score = (75 + 25 * more) if core else 50 if held else 45 if apprentice else 25 if progress else 0
        else:
            score = (60 + 25 * bool(senior) + 15 * more) if (core or senior) else 40 if held else 30 if apprentice else 20 if progress else 0
        factor = max((weight[i] for i in held | apprentice), default=1.0)
        reasons = [f"held: {_names(sorted(held | apprentice))}", f"judged for the {ctx.level} stage"]
        if progress:
            reasons.append("in progress: " + ", ".join(sorted(progress)))
        if factor < 1:
            reasons.append("named only in a skills list: counts half")
        return Component(
            score=_clamp(score * factor), reasons=reasons
        )

    def _m_code_sets_and_tools(self, doc: Document, f: Findings, ctx: Context, found) -> Component:
        def shown(items):
            return {it.id: ctx.shown_in_work(doc, [e.line for e in it.evidence]) for it in items}

        sets = {k: v for k, v in shown(f.code_sets).items() if k in self.rules.core_code_sets}
        tools = shown(f.tools)
        s, t = sum(sets.values()), sum(tools.values())
        score = 60 * min(1.0, s / self.rules.target_code_sets) + 40 * min(
            1.0, t / self.rules.target_tools
        )
        reasons = [
            f"code sets shown in work: {_names(k for k, v in sets.items() if v)}",
            f"tools shown in work: {_names(k for k, v in tools.items() if v)}",
        ]
        listed = [k for k, v in {**sets, **tools}.items() if not v]
        if listed:
            reasons.append(f"only in a skills or 'familiar with' list (not counted): {_names(listed)}")
        return Component(
            score=_clamp(score), reasons=reasons
        )

    def _m_specialty_depth(self, doc: Document, f: Findings, ctx: Context, found) -> Component:
        n = sum(
            max(0.5, ctx.shown_in_work(doc, [e.line for e in s.evidence])) for s in f.specialties
        )
        creds = sorted(
            c.id for c in f.credentials if c.status == "held" and c.id in self.specialty
        )
        reasons = [f"specialties/settings: {_names(s.id for s in f.specialties)}"]
        if creds:
            reasons.append("specialty credential: " + ", ".join(creds))
        return Component(
            score=_clamp(85 * min(1.0, n / 2) + 15 * bool(creds)),
            reasons=reasons,
        )

    def _m_structure(self, doc: Document, f: Findings, ctx: Context, found) -> Component:
        c = f.candidate
        names = {s.name for s in doc.sections}
        found = {"education", "skills", "certifications"} & names
        short = len(doc.lines) <= self.rules.max_lines[ctx.level]
        parts = [
            (15 * bool(c.email) + 15 * bool(c.phone), "contact details incomplete"),
            (20 * ("experience" in names), "no experience section"),
            (5 * len(found), None),
            (15 * short, f"{len(doc.lines)} lines: long for the {ctx.level} stage"),
            (10 * bool(f.experience.positions), "no dated positions"),
            (10 * bool(ctx.duty_lines), "no duty lines under the jobs"),
        ]
        reasons = [why for pts, why in parts if not pts and why]
        reasons.append("sections an ATS reads: " + _names(sorted(found | ({"experience"} & names))))
        return Component(
            score=_clamp(sum(p for p, _ in parts)),
            reasons=reasons,
        )

    def _m_evidence(self, doc: Document, f: Findings, c: ScoreComponent) -> Component:
        """A rule pack's own component: the share of ``target`` of ``ids`` the resume shows."""
        if c.family == "metrics":
            shown = {m.kind for m in f.metrics}
        elif c.family == "credentials":
            shown = {x.id for x in f.credentials if x.status in ("held", "apprentice")}
        else:
            shown = {x.id for x in getattr(f, c.family)}
        present = [i for i in c.ids if i in shown]
        return Component(
            score=_clamp(100 * min(1.0, len(present) / c.target)),
            reasons=[f"{c.label or c.id}: " + (", ".join(present) or "none shown")],
        )

    def _component(
        self, doc: Document, f: Findings, ctx: Context, found: ResumeResults, c: ScoreComponent
    ) -> Component:
        if c.measure == "evidence":
            part = self._m_evidence(doc, f, c)
        else:
            part = getattr(self, f"_m_{c.measure}")(doc, f, ctx, found)
        label = c.label or c.id.replace("_", " ").capitalize()
        return part.model_copy(update={"weight": c.weight, "label": label})

    def score(
        self,
        doc: Document,
        f: Findings,
        ctx: Context,
        found: ResumeResults,
        credibility: list[Credibility],
        penalty: int,
    ) -> Score:
        """The score; ``penalty`` (from ``credibility``) comes off the weighted sum."""
        components = {
            c.id: self._component(doc, f, ctx, found, c) for c in self.rules.components
        }
        first = next(iter(components.values()))
        overall = sum(c.score * c.weight for c in components.values())
        if penalty:
            overall -= penalty
            components.get("quantified_impact", first).reasons.append(
                f"credibility: -{penalty} for {_names(sorted({c.id for c in credibility if c.penalty}))}"
            )
        if f.domain and not f.domain.medical_coding:
            overall = min(overall, self.rules.off_domain_cap)
            components.get("structure", first).reasons.append(
                f"not a medical-coding resume: overall capped at {self.rules.off_domain_cap}"
            )
        return Score(overall=_clamp(overall), version=self.rules.version, components=components)
