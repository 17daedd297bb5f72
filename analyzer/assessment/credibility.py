"""Credibility checks: claims a hiring manager would doubt, each a finding with its evidence and
the points it costs (``scoring.toml [credibility]``). Never a silent change to the score."""

from __future__ import annotations

import re
from datetime import date

from analyzer.models.document import Document
from analyzer.models.findings import Evidence, Findings, Metric
from analyzer.models.report import Credibility
from analyzer.rules.dates import dates_in, merged_years, position_span
from analyzer.rules.pack import RulePack


_NUM = re.compile(r"\d[\d,]*(?:\.\d+)?")
_PERIOD = re.compile(
    r"(?i)^[^\d]{0,40}?(?:\b(?:per|a|an|each|every|/)\s*(?:hour|hr|day|shift|week|wk|month|mo|quarter|year|yr)\b|"
    r"/\s*(?:hour|hr|day|week|wk|month|mo)\b|\b(?:hourly|daily|weekly|monthly|quarterly|annually|yearly)\b)"
)


def _plural(noun: str | None) -> str:
    if not noun:
        return "items"
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def _fmt(x: float) -> str:
    return f"{x:,.0f}" if x >= 100 else f"{x:g}"


_PERCENT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?(?:%|percent\b)")
_CONTINUES = re.compile(r"(?i)^\s*(?:on|in|over|across|for|during|from|per|with|based on)\b")


def _scoped(pattern: str) -> str:
    """``pattern`` as an alternative of a larger one (its leading ``(?i)`` made local)."""
    return f"(?i:{pattern[4:]})" if pattern.startswith("(?i)") else f"(?:{pattern})"


def _part(text: str, m: re.Match) -> str:
    """The part of ``text`` between the commas around match ``m`` ("1,000" is not a comma), with
    the next part too when it goes on from it ("100% accuracy, on a 50-chart audit")."""
    cuts = [c.start() for c in re.finditer(r",(?!\d{3})", text)]
    start = max((c + 1 for c in cuts if c < m.start()), default=0)
    after = [c for c in cuts if c >= m.end()]
    end = after[0] if after else len(text)
    if after and _CONTINUES.match(text[end + 1 :]):
        end = after[1] if len(after) > 1 else len(text)
    return text[start:end]


_LISTS = ("certifications", "skills", "profile", "summary")  # where a candidate lists credentials
_TEAM_OF = re.compile(r"(?i)\b(?:team|staff|department|group|workforce|headcount) of\s*(?:about|over|~)?\s*$")


def _around(text: str, value: float) -> list[tuple[str, str]]:
    """The text before and after each place ``value`` is written as digits ("1,000" for 1000)."""
    out = []
    for m in _NUM.finditer(text):
        try:
            if float(m.group().replace(",", "")) == value:
                out.append((text[: m.start()], text[m.end() :]))
        except ValueError:
            continue
    return out


class _Lines:
    """Regex tests on a document's lines, each done once (thousands of results can share one
    very long line)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.memo: dict[tuple[str, int], bool] = {}

    def has(self, pattern: re.Pattern, i: int) -> bool:
        key = (pattern.pattern, i)
        if key not in self.memo:
            self.memo[key] = bool(pattern.search(self.doc.lines[i].text))
        return self.memo[key]


class CredibilityChecker:
    """Runs the checks; ``check`` returns the findings and the metrics they reject (indexes into
    ``Findings.metrics``), which then earn no points."""

    def __init__(self, pack: RulePack) -> None:
        """Reads ``scoring.toml [credibility]``, the senior-stage and apprentice credentials of
        ``credentials.toml``, and the people nouns (a team claim names them) and work objects (a
        volume counts them) of ``metrics.toml``."""
        self.rules = rules = pack.scoring.credibility
        self.people = re.compile(
            r"(?i)^(?:\+|\s|-)*(?:[a-z/-]+\s+){0,3}?(?:" + "|".join(pack.metrics.people) + r")\b"
        )
        self.senior = set(pack.credential_ids(stage="senior")) - set(rules.degree_credentials)
        self.apprentices = pack.apprentices()
        self.objects = set(pack.metrics.objects)
        self.zero_rate = re.compile(rules.zero_rate_words)
        # An apprentice designation named as a former one ("CPC (formerly CPC-A)", "CPC-A,
        # upgraded 2021"): the words that make a credential superseded (credentials.toml).
        cues = pack.credentials.status_cues
        former = cues.get("superseded", []) + cues.get("superseded_before", [])
        self.former = re.compile("|".join(_scoped(p) for p in former) or "(?!)")
        self.claimed_years = re.compile(rules.claimed_years)
        self.group = re.compile(rules.group_words)
        self.enterprise = re.compile(rules.enterprise_words)
        self.lead = re.compile(rules.lead_words)
        self.familiar = re.compile(rules.familiar)
        self.rate = re.compile(rules.rate_words)
        self.not_rate = re.compile(rules.not_rate)
        self.sample = re.compile(rules.sample_words)
        self.per_day = {o: v.per_day for v in rules.volume_limits for o in v.objects}

    def work_years(self, f: Findings, as_of: date) -> float:
        """Years of any work the resume dates (coding or not, overlaps once): what a credential
        count or a team size is weighed against."""
        return merged_years(
            [
                position_span(p.start, p.end, p.current, as_of)
                for p in f.experience.positions
                if p.start
            ]
        )

    def _finding(self, check: str, message: str, evidence, severity: str = "warning"):
        penalty = getattr(self.rules.penalties, check) if severity == "warning" else 0
        return Credibility(
            id=check, severity=severity, message=message, penalty=penalty, evidence=evidence
        )

    def _metric(self, m: Metric, lines: _Lines, years: float) -> Credibility | None:
        """The first check a result fails, if any."""
        r = self.rules
        at = m.evidence[0].line if m.evidence else None

        def line_has(pattern: re.Pattern) -> bool:
            return lines.has(pattern, at) if at is not None else bool(pattern.search(m.text))

        if (
            m.unit == "percent"
            and m.kind in r.percent_kinds
            and max(m.value, m.value_max or 0) > 100
        ):
            return self._finding(
                "percent_over_100",
                f'"{m.text}": a {m.kind.replace("_", " ")} over 100% is not possible.',
                m.evidence,
            )
        # A claim is judged only where its number stands next to its period or people noun:
        # a number the extractor tied to a period further away is not the candidate's claim.
        if (
            m.kind in r.volume_kinds
            and m.period
            and (m.object is None or m.object in self.objects)
            and not self.group.search(m.text)
            and any(_PERIOD.match(rest) for _, rest in _around(m.text, m.value))
        ):
            per_day = m.value / r.period_days[m.period]
            limit = self.per_day.get(m.object or "", r.default_per_day)
            if per_day > limit:
                return self._finding(
                    "implausible_volume",
                    f'"{m.text}": about {_fmt(per_day)} {_plural(m.object)} a day is far above what '
                    f"one coder handles (about {_fmt(limit)} at most); say whose volume it is or correct it.",
                    m.evidence,
                )
        if m.kind == "revenue" and m.value > r.revenue_limit and not line_has(self.enterprise):
            return self._finding(
                "implausible_revenue",
                f'"{m.text}": over ${_fmt(r.revenue_limit)} credited to one person needs its scope '
                "(the program, department or system it was).",
                m.evidence,
            )
        if (
            m.kind == "team_size"
            and line_has(self.lead)
            and any(
                self.people.match(rest) or _TEAM_OF.search(before)
                for before, rest in _around(m.text, m.value)
            )
        ):
            limit = next((t.people for t in r.team_limits if years < t.years), None)
            if limit is not None and m.value > limit:
                return self._finding(
                    "implausible_team",
                    f'"{m.text}": leading {_fmt(m.value)} people with {years:g} years of work '
                    "shown is not credible.",
                    m.evidence,
                )
        return None

    def _rates(self, doc: Document, seen: set[int]) -> list[Credibility]:
        """Rates over 100%, and perfect rates without a sample (100% accuracy, 0% denials), written
        on any line, clause by clause, also where no result was read from them."""
        out = []
        for ln in doc.lines:
            if ln.index in seen:
                continue
            for clause in re.finditer(r"(?:[^.;]|\.(?=\d))+", ln.text):
                text = clause.group()
                pct = list(_PERCENT.finditer(text))
                if not pct or self.not_rate.search(text):
                    continue
                found = self._rate_in(text, pct)
                if found is None:
                    continue
                check, top = found
                message = (
                    f'"{text.strip()}": a rate over 100% is not possible.'
                    if check == "percent_over_100"
                    else f'"{text.strip()}": a perfect rate reads as doubtful without its sample '
                    "or period (\"100% on a 50-chart Q3 audit\")."
                )
                evidence = Evidence(
                    line=ln.index,
                    start=clause.start() + top.start(),
                    end=clause.start() + top.end(),
                    text=top.group(),
                    rule=f"credibility.{check}",
                    explanation=f"{top.group()} stated as a rate",
                )
                out.append(self._finding(check, message, [evidence]))
                seen.add(ln.index)
                break
        return out

    def _rate_in(self, text: str, pct: list[re.Match]) -> tuple[str, re.Match] | None:
        """The doubtful rate in one clause, if any: its highest percentage when over 100 and the
        clause names a rate; else a 100% rate, or a 0% rate of something bad, whose own part of the
        clause (between commas) names no sample or period."""
        value = lambda m: float(m.group(1).replace(",", ""))  # noqa: E731
        top = max(pct, key=value)
        if value(top) > 100:
            return ("percent_over_100", top) if self.rate.search(text) else None
        for m in pct:
            part = _part(text, m)
            if self.sample.search(part):
                continue
            if value(m) == 100 and self.rate.search(part):
                return "perfect_rate", m
            if value(m) == 0 and self.zero_rate.search(part):
                return "perfect_rate", m
        return None

    def _credentials(self, lines: _Lines, f: Findings, years: float) -> list[Credibility]:
        r = self.rules
        out = []
        held = [c for c in f.credentials if c.status == "held"]
        familiar = [c for c in held if all(lines.has(self.familiar, e.line) for e in c.evidence)]
        if familiar:
            names = ", ".join(c.id for c in familiar)
            out.append(
                self._finding(
                    "familiar_only",
                    f"{names} named only as something you are familiar with: not counted as held. "
                    "List a credential only when you hold it.",
                    [c.evidence[0] for c in familiar],
                )
            )
        held = [c for c in held if c not in familiar]
        # Listed side by side (the extractor reads the apprentice one as a former status), unless
        # its line says it is a former one ("CPC (formerly CPC-A)").
        ids = {c.id: c for c in f.credentials if c.status != "in_progress"}

        def listed_together(a: str, full: str) -> bool:
            """Named on the full credential's line or in a list of credentials: a candidate's
            own listing, not "mentored 6 CPC-A apprentices" in a duty."""
            full_lines = {e.line for e in ids[full].evidence}
            return any(
                e.line in full_lines or lines.doc.lines[e.line].section in _LISTS
                for e in ids[a].evidence
            )

        both = [
            (a, full)
            for a, full in self.apprentices.items()
            if a in ids
            and full in ids
            and ids[full].status == "held"
            and listed_together(a, full)
            and not any(lines.has(self.former, e.line) for e in ids[a].evidence)
        ]
        for a, full in both:
            out.append(
                self._finding(
                    "apprentice_and_full",
                    f"{a} and {full} are both listed, which cannot both be current: the "
                    f"apprentice designation ends when {full} is granted. List {full} only.",
                    [ids[a].evidence[0], ids[full].evidence[0]],
                )
            )
        early = [c for c in held if c.id in self.senior]
        if early and years < r.senior_credential_min_years:
            out.append(
                self._finding(
                    "credentials_outrun_years",
                    f"{', '.join(c.id for c in early)}: senior credential(s) with {years:g} years of "
                    "work shown; add the experience that earned them.",
                    [c.evidence[0] for c in early],
                )
            )
        elif len(held) > r.credentials_base + r.credentials_per_year * years:
            out.append(
                self._finding(
                    "credentials_outrun_years",
                    f"{len(held)} credentials held with {years:g} years of work shown is more than "
                    "the years support; list the ones you hold and keep current.",
                    [c.evidence[0] for c in held],
                )
            )
        return out

    def check(
        self, doc: Document, f: Findings, as_of: date
    ) -> tuple[list[Credibility], frozenset[int]]:
        years = self.work_years(f, as_of)
        out: list[Credibility] = []
        rejected = set()
        lines = _Lines(doc)
        for n, m in enumerate(f.metrics):
            found = self._metric(m, lines, years)
            if found:
                out.append(found)
                rejected.add(n)
        seen = {e.line for c in out if c.id == "percent_over_100" for e in c.evidence}
        out.extend(self._rates(doc, seen))
        out.extend(self._credentials(lines, f, years))
        out.extend(self._claimed_years(doc, f, years))
        for h in doc.hidden:
            where = f" on page {h.page}" if h.page else ""
            snippet = h.text if len(h.text) <= 80 else h.text[:77] + "..."
            out.append(
                self._finding(
                    "hidden_text",
                    f'Text a reader cannot see ({h.reason}{where}): "{snippet}". Recruiters and '
                    "ATS vendors treat hidden keywords as gaming; remove it.",
                    [],
                )
            )
        return out, frozenset(rejected)

    def _claimed_years(self, doc: Document, f: Findings, years: float) -> list[Credibility]:
        """"15+ years of experience" where the dated work covers a small part of it (people often
        date only their last 10-15 years, so only a large gap counts). A resume with no position
        read that still writes years outside its education and credentials may date its work in a
        way not read (prose): it is not blamed for that."""
        r = self.rules
        if not f.experience.positions and any(
            dates_in(ln.text)
            for ln in doc.lines
            if ln.section not in ("education", "certifications")
        ):
            return []
        for ln in doc.lines:
            for m in self.claimed_years.finditer(ln.text):
                claimed = float(m.group(1))
                if claimed >= r.claimed_years_min and years < claimed * r.claimed_years_shown:
                    shown = "no job is dated" if not years else f"the dated jobs cover {years:g}"
                    evidence = Evidence(
                        line=ln.index,
                        start=m.start(),
                        end=m.end(),
                        text=m.group(),
                        rule="credibility.years_without_jobs",
                        explanation=f"{claimed:g} years claimed",
                    )
                    return [
                        self._finding(
                            "years_without_jobs",
                            f'"{m.group().strip()}" is claimed but {shown}: list the positions '
                            "behind those years, each with its dates.",
                            [evidence],
                        )
                    ]
        return []

    def penalty(self, findings: list[Credibility]) -> int:
        """Points the findings take off the overall score, at most ``penalties.total_max``."""
        return min(self.rules.penalties.total_max, sum(c.penalty for c in findings))
