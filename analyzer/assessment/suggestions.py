"""Suggestions: the results the track asks for at this stage that are missing, results placed
outside their job, line-level rewrites, unproven skills, credentials, tools and hygiene; ranked by
expected effect on the score, never asking for what is already there."""

from __future__ import annotations

import re

from analyzer.assessment.context import Context
from analyzer.assessment.results import ResumeResults
from analyzer.models.document import Document
from analyzer.models.findings import Findings
from analyzer.models.report import Stage, Suggestion
from analyzer.rules.pack import RulePack

_PRIORITY_ORDER = {"high": 0, "medium": 1, "low": 2}
_SKILL_SECTIONS = {"skills", "summary", "profile", "certifications", "education"}


_STOP = frozenset(
    "to for of and or the a an on in with from by at across into all our their my per as".split()
)
_CLAUSE = re.compile(r"\s*(?:;|\s[\u2013\u2014-]\s)\s*")
_TO_VALUE = re.compile(r"\bto\s+(\$?)(\d[\d.,]*)(\s?%|\s?percent\b|\s?days?\b|[KkMm]\b)?")


def _past(verb: str) -> str:
    """'coding' -> 'coded', 'querying' -> 'queried' (the duty verbs rewrites meet)."""
    stem = verb[:-3]
    return stem[:-1] + "ied" if stem.endswith("y") else stem + "ed"


def _suggestion(gain: int, **fields) -> tuple[int, Suggestion]:
    return gain, Suggestion(**fields)


class Suggester:
    """Builds the ranked suggestions for one resume from the rules in ``suggestions.toml``."""

    def __init__(self, pack: RulePack) -> None:
        rules = pack.suggestions
        self.core_credentials = set(pack.credential_ids(core=True, apprentice=False))
        self.apprentices = pack.apprentices()
        self.specialty_credentials = set(pack.credential_ids(specialty=True))
        self.rules = rules
        self.stages = pack.stages
        self.job_weight = pack.scoring.anchors.job
        self.rewrites = [
            (re.compile(r.verbs), re.compile(r.objects) if r.objects else None, r)
            for r in rules.rewrites
        ]
        self.tail_unless = {r.id: re.compile(r.tail_unless) for r in rules.rewrites if r.tail_unless}
        self.work = re.compile(rules.work_words)
        self.countable = re.compile(rules.countable)
        body = rules.countable.removeprefix("(?i)")
        self.more_nouns = re.compile(
            r"(?i)(?:\s*,\s*|\s+(?:and|or|&)\s+)(?:[a-z/-]+\s+){0,3}?" + f"(?:{body})"
        )
        self.periods = re.compile(rules.periods)
        self.openers = re.compile(rules.duty_openers)
        self.change = re.compile(rules.change_verbs)

    @staticmethod
    def _fill(template: str, ctx: Context, **more: str) -> str:
        """The template with the candidate's setting, specialty, work object and EHR."""
        return template.format(
            setting=ctx.setting, specialty=ctx.specialty, object=ctx.object, tool=ctx.tool, **more
        )

    def _result_suggestions(
        self, found: ResumeResults, ctx: Context
    ) -> list[tuple[int, Suggestion]]:
        """Each result the track asks for at this stage that the resume does not show."""
        out = []
        for rid in self.stages.results_for(ctx.track, ctx.level):
            if found.shown(rid):
                continue
            rule = found.results.rules[rid]
            out.append(
                _suggestion(
                    rule.gain,
                    id=f"metric.{rid}",
                    category="missing_metric",
                    priority=rule.priority,
                    message=self._fill(rule.message, ctx),
                    example=self._fill(rule.example, ctx),
                )
            )
        return out

    def _anchor_suggestion(self, doc: Document, ctx: Context) -> list[tuple[int, Suggestion]]:
        """Results stated only outside a dated job (a summary, highlights) count a little: say
        where they were earned."""
        job = self.job_weight
        in_job = {m.kind for m, w in ctx.anchored if w >= job}
        loose = [
            m for m, w in ctx.anchored if 0 < w < job and m.kind not in in_job and m.kind != "other"
        ]
        if not loose or not ctx.job_lines:
            return []
        first = loose[0]
        return [
            _suggestion(
                5,
                id="anchor.results",
                category="placement",
                priority="medium",
                message=f'"{first.text}" stands outside any dated job: put each result under the '
                "job where you earned it, where hiring managers (and this score) count it fully.",
                line=first.evidence[0].line if first.evidence else None,
            )
        ]

    def _baseline_suggestions(self, doc: Document, ctx: Context) -> list[tuple[int, Suggestion]]:
        """A change that gives where it ended but not where it started asks for the start."""
        out = []
        lines = sorted({e.line for m, w in ctx.anchored if w > 0 for e in m.evidence[:1]})
        for i in lines:
            text = doc.lines[i].text
            if re.search(r"(?i)\bfrom\b", text) or not self.change.search(text):
                continue
            m = _TO_VALUE.search(text)
            if not m:
                continue
            dollar, unit = m.group(1), (m.group(3) or "")
            start = f"{dollar}[X]{unit if unit.strip() in ('%', 'K', 'k', 'M', 'm') else ''}"
            example = text[: m.start()] + f"from {start} " + text[m.start() :]
            out.append(
                _suggestion(
                    3,
                    id=f"baseline.{i}",
                    category="unquantified_bullet",
                    priority="low",
                    message=f"Line {i + 1} says where a result ended but not where it started: add the starting value.",
                    example=example,
                    line=i,
                )
            )
        return out

    def _activate(self, text: str) -> str:
        """'Responsible for coding ED charts' -> 'Coded ED charts'; 'I code ...' -> 'Code ...'."""
        m = self.openers.match(text)
        if not m:
            return text
        first, _, tail = text[m.end() :].partition(" ")
        if first.lower().endswith("ing"):
            first = _past(first.lower())
        elif m.group().strip().lower() != "i":
            return text  # "Responsible for the ..." has no verb to bring forward
        return f"{first[:1].upper()}{first[1:]} {tail}".strip()

    def _noun_phrase(self, head: str) -> tuple[int, int, bool] | None:
        """The line's first countable noun phrase: where a count goes (before the noun and up to
        three words that qualify it: "to ~[N] clinic encounters"; never before the verb), where
        the phrase ends ("office visits and annual wellness visits") and whether a number already
        counts it ("for 12 providers")."""
        m = self.countable.search(head)
        if not m:
            return None
        words = [(w.start(), w.group()) for w in re.finditer(r"\S+", head[: m.start()])]
        pos, steps, counted = m.start(), 0, False
        while len(words) > 1 and steps < 3:
            start, word = words[-1]
            if re.search(r"\d", word):
                counted = True
                break
            if word.lower() in _STOP or re.search(r"[,;:]", word):
                break
            pos, steps = start, steps + 1
            words.pop()
        end = m.end()
        more = self.more_nouns.match(head, end)
        while more:
            end = more.end()
            more = self.more_nouns.match(head, end)
        return pos, end, counted

    def _rewrite(self, text: str, ctx: Context) -> str | None:
        """The line rebuilt with room for its numbers, chosen by its verb and object; its first
        clause only (a clause after ';' or a dash is kept as written)."""
        parts = _CLAUSE.split(text.strip().rstrip("."), maxsplit=1)
        head = self._activate(parts[0])
        rest = f"; {parts[1]}" if len(parts) > 1 else ""
        for verbs, objects, rule in self.rewrites:
            if not verbs.search(head) or (objects and not objects.search(head)):
                continue
            unless = self.tail_unless.get(rule.id)
            tail = "" if unless and unless.search(text) else rule.tail
            if not rule.count:
                return f"{head}{tail}{rest}." if tail else None
            period = "" if not rule.period or self.periods.search(text) else f" {rule.period}"
            phrase = self._noun_phrase(head) if rule.in_place else None
            if phrase is None:
                noun = self._fill(rule.noun, ctx)
                body = f"{head} ({rule.count} {noun}{period})"
            else:
                at, end, counted = phrase
                before = re.sub(r"(?i)\b(?:the|all)\s+$", "", head[:at])
                count = "" if counted else f"{rule.count} "
                body = f"{before}{count}{head[at:end]}{period}{head[end:]}"
            return f"{body}{tail}{rest}."
        return None

    def _line_suggestions(self, doc: Document, ctx: Context) -> list[tuple[int, Suggestion]]:
        out = []
        for idx in ctx.duty_lines:
            if idx in ctx.quantified_lines:
                continue
            text = doc.lines[idx].text
            if not self.work.search(text):
                continue
            rewrite = self._rewrite(text, ctx)
            if rewrite is None:
                continue
            short = text if len(text) <= 70 else text[:67] + "..."
            out.append(
                _suggestion(
                    4,
                    id=f"bullet.{idx}",
                    category="unquantified_bullet",
                    priority="medium",
                    message=f'Line {idx + 1} describes coding work without a number: "{short}"',
                    example=rewrite,
                    line=idx,
                )
            )
        return out

    def _tool_example(self, listed: list, ctx: Context) -> str:
        """Where the tools go: the track's work *in* the EHR *using* the encoder; analytics and
        office tools in a sentence of their own (never "coded ... using Excel")."""
        ehr = next((t.id for t in listed if t.category == "ehr"), None)
        aid = next(
            (t.id for t in listed if t.category in ("encoder", "cac", "billing", "clearinghouse")),
            None,
        )
        other = next((t.id for t in listed if t.category in ("analytics", "other")), None)
        sentences = []
        if ehr or aid:
            where = f" in {ehr}" if ehr else (f" in {ctx.tool}" if ctx.tool != "your EHR" else "")
            using = f" using {aid}" if aid else ""
            work = self._fill(self.rules.skill_examples.pick("work", ctx.track), ctx)
            sentences.append(f"{work}{where}{using}.")
        if other:
            sentences.append(f"Built a [weekly] productivity and error-trend report in {other}.")
        return " ".join(sentences)

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
            if not listed or not ctx.duty_lines:
                continue
            names = [it.id for it in listed]
            joined = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
            verb = "appears" if len(names) == 1 else "appear"
            codes = " and ".join([", ".join(names[:2]), names[2]] if len(names) > 2 else names[:2])
            example = (
                self._fill(self.rules.skill_examples.pick("code_sets", ctx.track), ctx, codes=codes)
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
                full = self.apprentices[cid]
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
                        message=f"{names} without a core credential ({', '.join(sorted(self.core_credentials))}) is unusual; "
                        "if you hold one, list it first.",
                        example=None,
                        line=None,
                    ),
                )
            )
        return out

    def _checks(self, doc: Document, f: Findings, stage: Stage) -> list[tuple[int, Suggestion]]:
        """The rule-file checks whose condition holds, except on the tracks a check skips."""
        out = []
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
            if holds[check.when] and stage.track not in check.skip_tracks:
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

    def suggest(
        self, doc: Document, f: Findings, ctx: Context, found: ResumeResults, stage: Stage
    ) -> list[Suggestion]:
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
            + self._result_suggestions(found, ctx)
            + self._anchor_suggestion(doc, ctx)
            + self._checks(doc, f, stage)
            + self._line_suggestions(doc, ctx)
            + self._baseline_suggestions(doc, ctx)
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
