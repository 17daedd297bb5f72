"""Suggestions: missing metrics for the stage, line-level rewrites, unproven skills, credentials,
tools and hygiene; ranked by expected effect on the score, never asking for what is already there."""

from __future__ import annotations

import re

from analyzer.assessment.context import Context
from analyzer.models.document import Document
from analyzer.models.findings import Findings
from analyzer.models.report import Stage, Suggestion
from analyzer.rules.pack import RulePack

_PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2}
_SKILL_SECTIONS = {"skills", "summary", "profile", "certifications", "education"}


class Suggester:
    def __init__(self, pack: RulePack) -> None:
        rules = pack.suggestions
        self.core_credentials = set(pack.credential_ids(core=True, apprentice=False))
        self.specialty_credentials = set(pack.credential_ids(specialty=True))
        # Metric kinds each stage is asked for when missing: the registry's ``core_for``.
        self.core_kinds = {
            level: {k for k, info in pack.metrics.registry.items() if level in info.core_for}
            for level in ("entry", "mid", "senior")
        }
        self.rules = rules
        self.rewrites = [(re.compile(r.verbs), r) for r in rules.rewrites]
        self.work = re.compile(rules.work_words)
        self.countable = re.compile(rules.countable)

    def _fill(self, template: str, ctx: Context) -> str:
        accuracy = "97"
        return template.format(
            setting=ctx.setting,
            specialty=ctx.specialty,
            object=ctx.object,
            tool=ctx.tool,
            accuracy=accuracy,
        )

    def _metric_suggestions(self, ctx: Context) -> list[tuple[int, Suggestion]]:
        out = []
        wanted = self.core_kinds[ctx.level]
        for rule in self.rules.metrics:
            if not set(rule.kinds) & wanted or set(rule.kinds) & ctx.metric_kinds:
                continue
            out.append(
                (
                    rule.gain,
                    Suggestion(
                        id=f"metric.{rule.id}",
                        category="missing_metric",
                        priority=rule.priority,
                        message=self._fill(rule.message, ctx),
                        example=self._fill(rule.example, ctx),
                        line=None,
                    ),
                )
            )
        return out

    def _rewrite(self, text: str, ctx: Context) -> str | None:
        """The bullet with room for its numbers. A count goes before the bullet's own work noun
        ("Coded ~[N] outpatient encounters"); a bullet without one gets the setting's ("Reviewed
        documentation ... on ~[N] charts")."""
        for pattern, rule in self.rewrites:
            if pattern.search(text):
                if rule.insert and not self.countable.search(text):
                    return f"{text.rstrip('. ')} on {rule.insert} {ctx.object}{rule.append}."
                first, _, rest = text.partition(" ")
                body = f"{first} {rule.insert} {rest}" if rule.insert else text
                return body.rstrip(". ") + rule.append + "."
        return None

    def _line_suggestions(self, doc: Document, ctx: Context) -> list[tuple[int, Suggestion]]:
        out = []
        for idx in ctx.bullets:
            if idx in ctx.quantified_bullets:
                continue
            text = doc.lines[idx].text
            if not self.work.search(text):
                continue
            rewrite = self._rewrite(text, ctx)
            if rewrite is None:
                continue
            short = text if len(text) <= 70 else text[:67] + "..."
            out.append(
                (
                    4,
                    Suggestion(
                        id=f"bullet.{idx}",
                        category="unquantified_bullet",
                        priority="medium",
                        message=f'Line {idx + 1} describes coding work without a number: "{short}"',
                        example=rewrite,
                        line=idx,
                    ),
                )
            )
        return out

    @staticmethod
    def _tool_example(listed: list, ctx: Context) -> str:
        """Where the tools go in a bullet: coding *in* the EHR, *using* the encoder or reference."""
        ehr = next((t.id for t in listed if t.category == "ehr"), None)
        helper = next((t.id for t in listed if t.category != "ehr"), None)
        where = f" in {ehr}" if ehr else (f" in {ctx.tool}" if ctx.tool != "your EHR" else "")
        using = f" using {helper}" if helper else ""
        return f"Coded ~[N] {ctx.setting}{ctx.object} per day{where}{using}."

    def _unproven_skills(
        self, f: Findings, ctx: Context, doc: Document
    ) -> list[tuple[int, Suggestion]]:
        """Code sets and tools named only in skills/summary lists, one suggestion per group."""
        out = []
        for kind, items in (("code sets", f.code_sets), ("tools", f.tools)):
            listed = [
                it
                for it in items
                if {doc.lines[e.line].section for e in it.evidence} <= _SKILL_SECTIONS
            ]
            if not listed or not ctx.bullets:
                continue
            names = [it.id for it in listed]
            joined = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
            verb = "appears" if len(names) == 1 else "appear"
            example = (
                f"Assigned {', '.join(names[:3])} codes for ~[N] {ctx.setting}{ctx.specialty}{ctx.object} per day."
                if kind == "code sets"
                else self._tool_example(listed, ctx)
            )
            out.append(
                (
                    3,
                    Suggestion(
                        id=f"evidence.{kind.replace(' ', '_')}",
                        category="unproven_skill",
                        priority="low",
                        message=f"{joined} {verb} only in your skills or summary; show them in experience bullets, "
                        "where hiring managers look for proof.",
                        example=example,
                        line=listed[0].evidence[0].line,
                    ),
                )
            )
        return out

    def _consistency(self, f: Findings) -> list[tuple[int, Suggestion]]:
        """Credentials that no longer match the resume: an apprentice designation after two years
        of coding, a specialty credential with no core credential beside it."""
        out = []
        held = {c.id: c for c in f.credentials if c.status in ("held", "apprentice")}
        for cid, cred in held.items():
            if cred.status == "apprentice" and f.experience.years >= 2.0:
                full = cid.rsplit("-", 1)[0]
                out.append(
                    (
                        5,
                        Suggestion(
                            id=f"consistency.apprentice.{cid}",
                            category="credential",
                            priority="high",
                            message=f"You list {f.experience.years:g} years of coding but still {cid}: with two years of "
                            f"verified coding experience AAPC removes the apprentice designation. Apply, then list {full}.",
                            example=None,
                            line=cred.evidence[0].line,
                        ),
                    )
                )
        if not set(held) & self.core_credentials and set(held) & self.specialty_credentials:
            names = ", ".join(sorted(set(held) & self.specialty_credentials))
            out.append(
                (
                    3,
                    Suggestion(
                        id="consistency.specialty_without_core",
                        category="credential",
                        priority="low",
                        message=f"{names} without a core credential (CPC, COC, CIC, CCS or CCS-P) is unusual; "
                        "if you hold one, list it first.",
                        example=None,
                        line=None,
                    ),
                )
            )
        return out

    def _checks(self, doc: Document, f: Findings, stage: Stage) -> list[tuple[int, Suggestion]]:
        """The next credential for the stage, then the rule-file checks whose condition holds."""
        out = [
            (
                6,
                Suggestion(
                    id=f"credential.next.{n}",
                    category="credential",
                    priority="medium",
                    message=step,
                ),
            )
            for n, step in enumerate(stage.next_steps[:1])
        ]
        c = f.candidate
        missing = " and ".join(
            x for x, v in (("an e-mail address", c.email), ("a phone number", c.phone)) if not v
        )
        holds = {
            "no_ehr": not any(t.category == "ehr" for t in f.tools),
            "no_encoder": not any(t.category in ("encoder", "cac") for t in f.tools),
            "missing_contact": bool(missing),
            "no_positions": not f.experience.positions,
            "no_skills_section": "skills" not in {s.name for s in doc.sections},
        }
        for check in self.rules.checks:
            if holds[check.when]:
                out.append(
                    (
                        check.gain,
                        Suggestion(
                            id=check.id,
                            category=check.category,
                            priority=check.priority,
                            message=check.message.format(missing=missing),
                            example=check.example,
                            line=check.line,
                        ),
                    )
                )
        return out

    def suggest(self, doc: Document, f: Findings, ctx: Context, stage: Stage) -> list[Suggestion]:
        if f.domain and not f.domain.medical_coding:
            posting = f.domain.document == "job_posting"
            fixed = self.rules.job_posting if posting else self.rules.not_coding
            return [
                Suggestion(
                    id="domain.job_posting" if posting else "domain.not_coding",
                    category="domain",
                    priority="high",
                    message=fixed.message,
                    example=fixed.example,
                )
            ]
        ranked = (
            self._consistency(f)
            + self._metric_suggestions(ctx)
            + self._checks(doc, f, stage)
            + self._line_suggestions(doc, ctx)
            + self._unproven_skills(f, ctx, doc)
        )
        ranked.sort(
            key=lambda gs: (
                -gs[0],
                _PRIORITY_ORDER[gs[1].priority],
                gs[1].line if gs[1].line is not None else -1,
                gs[1].id,
            )
        )
        return [s for _, s in ranked]
