"""Reading a job posting the way a recruiter does: what it asks for (credentials, years in a setting,
code sets, tools, settings, education, level), how strongly (required / preferred), which items are
alternatives, lists or examples, and which metric standards it states. Duties are context: they
give standards, not requirements, unless a clause of their own says "required" or "preferred"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.models.document import Document
from analyzer.models.findings import Metric
from analyzer.rules.numbers import words_to_number
from analyzer.rules.pack import RulePack

_CLAUSE = re.compile(r"[;,.]\s+|\s+[–—-]\s+|\(|\)")
_SECTION_STRENGTH = {"required": "required", "preferred": "preferred"}
_RANK = {"required": 2, "preferred": 1}
_LISTED = ("code_set", "tool", "specialty")  # kinds a later list may only repeat
_CONTEXT = "duties"
_ALTERNATIVE = re.compile(r"(?i)\bor\s+(?:at least\s+|a\s+minimum\s+of\s+|minimum\s+)?$")


@dataclass(frozen=True)
class Ask:
    """One requirement read from the posting.

    ``ids`` are its items; ``group`` says how they combine: ``single`` (one item), ``any`` (any one
    meets it: "CPC or CCS"), ``all`` (a list: "CPT and HCPCS", partly met by some) or ``example``
    ("an EHR such as Epic": any item, or a tool of the same ``categories``). ``equivalent`` says
    the posting accepts experience instead ("CPC or equivalent experience"). A years ask carries its
    ``years``, the ``settings`` and ``roles`` it names, and the years ask it belongs to (``within``).
    """

    kind: str
    ids: tuple[str, ...]
    strength: str
    line: int
    text: str
    group: str = "single"
    categories: tuple[str, ...] = ()
    equivalent: bool = False
    equivalent_years: float | None = None
    years: float | None = None
    settings: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    within: str | None = None


@dataclass(frozen=True)
class StandardAsk:
    """A metric standard the posting states ("maintain 95% accuracy"): compared, never required."""

    metric: Metric
    line: int
    text: str


@dataclass(frozen=True)
class Reading:
    """Everything read from one posting."""

    asks: tuple[Ask, ...]
    standards: tuple[StandardAsk, ...]


def _compile(patterns: list[str]) -> list[re.Pattern[str]]:
    return [re.compile(p) for p in patterns]


def _any(patterns: list[re.Pattern[str]], text: str) -> bool:
    return any(p.search(text) for p in patterns)


class PostingReader:
    """Turns a parsed posting into ``Ask``s using the resume engine's own detectors."""

    def __init__(self, engine, pack: RulePack) -> None:
        rules = pack.postings
        self.engine = engine
        self.rules = rules
        cues = rules.cues
        self.required, self.preferred = _compile(cues.required), _compile(cues.preferred)
        self.labels = (  # (strength, paragraph openers, paragraph closers)
            ("preferred", _compile(cues.label_preferred), _compile(cues.marker_preferred)),
            ("required", _compile(cues.label_required), _compile(cues.marker_required)),
        )
        self.either, self.both = _compile(cues.either), _compile(cues.both)
        self.accepted, self.equivalent = _compile(cues.accepted), _compile(cues.equivalent)
        self.later = _compile(cues.later)
        self.list_gap = re.compile(rules.lists.gap)
        self.list_any = _compile(rules.lists.any)
        self.examples = re.compile(rules.lists.examples)
        self.categories = [(c.id, c.label, _compile(c.posting)) for c in rules.categories]
        self.kinds = {c.id for c in rules.categories}
        self.years = re.compile(rules.years.pattern)
        self.part = re.compile(rules.years.part)
        self.exp_words = _compile(rules.years.experience_words)
        self.not_exp = _compile(rules.years.not_experience)
        self.phrase_end = re.compile(rules.years.phrase_end)
        self.joined = re.compile(rules.years.joined)
        self.roles = [(r.id, _compile(r.phrase)) for r in rules.roles]
        self.levels = [
            (level, _compile(getattr(rules.levels, level))) for level in ("entry", "mid", "senior")
        ]
        self.education = [(lvl.id, _compile(lvl.posting)) for lvl in rules.education]
        # Metric kinds a posting can set as a standard to meet ("95% accuracy", "25 charts/hour").
        self.standard_kinds = {k for k, info in pack.metrics.registry.items() if info.standard}

    # -- strength ---------------------------------------------------------------------------------
    @staticmethod
    def _clause(text: str, start: int, end: int) -> str:
        """The clause of ``text`` around ``start:end`` (bounded by ; , . parentheses and dashes)."""
        lo = max((m.end() for m in _CLAUSE.finditer(text) if m.end() <= start), default=0)
        hi = min((m.start() for m in _CLAUSE.finditer(text) if m.start() >= end), default=len(text))
        return text[lo:hi]

    def _strength(self, doc: Document, line: int, start: int, end: int) -> str | None:
        """The clause's own cue; else its paragraph's label or marker ("Desired: ...", "... (P)");
        else a requirements/preferred section; else a cue elsewhere on the line. ``None`` for
        duties, company and benefits text without a cue of its own."""
        text = doc.lines[line].text
        clause = self._clause(text, start, end)
        section = doc.lines[line].section
        scopes = (clause,) if section == _CONTEXT else (clause, None, text)
        for scope in scopes:
            if scope is None:
                if label := self._label(doc, line):
                    return label
                if section in _SECTION_STRENGTH:
                    return _SECTION_STRENGTH[section]
                continue
            has_pref, has_req = _any(self.preferred, scope), _any(self.required, scope)
            if has_pref != has_req:
                return "preferred" if has_pref else "required"
        return None

    def _label(self, doc: Document, line: int) -> str | None:
        """The strength a label opening the line's paragraph or a marker closing it gives."""
        first, last = self._paragraph(doc, line)
        for strength, openers, closers in self.labels:
            if _any(openers, doc.lines[first].text) or _any(closers, doc.lines[last].text):
                return strength
        return None

    def _paragraph(self, doc: Document, line: int, reach: int = 4) -> tuple[int, int]:
        """The first and last line of the paragraph ``line`` belongs to: lines that go on from
        the one before (no bullet or label starts them, the one before ends without a full stop
        or colon), at most ``reach`` either way."""
        lines = doc.lines

        def joins(i: int) -> bool:  # line i goes on from line i - 1
            a, b = lines[i - 1], lines[i]
            return (
                not b.bullet
                and not b.heading
                and not a.heading
                and a.section == b.section
                and not a.text.rstrip().endswith((".", ":", "!", "?"))
                and not any(_any(openers, b.text) for _, openers, _ in self.labels)
                and not any(_any(closers, a.text) for _, _, closers in self.labels)
            )

        first = line
        while first > 0 and line - first < reach and joins(first):
            first -= 1
        last = line
        while last + 1 < len(lines) and last - line < reach and joins(last + 1):
            last += 1
        return first, last

    # -- credentials: "CPC or CCS" is one ask, "RHIT and CCS" two -----------------------------------
    def _alternatives(self, text: str, hits: list) -> list[list]:
        """Group a line's credential hits: "CPC or CCS" -> one group (any satisfies); "RHIT and
        CCS" -> two; "(CPC-A considered)" joins the group before it as an accepted alternative."""
        groups: list[list] = []
        for h in hits:
            if groups:
                gap = text[groups[-1][-1].end : h.start]
                after = text[h.end : h.end + 40]
                alternative = (
                    len(gap) < 40 and _any(self.either, gap) and not _any(self.both, gap)
                ) or (
                    len(gap) < 6 and re.fullmatch(r"[\s,]*", gap) and _any(self.either, after)
                )  # "CPC, CCS or CIC"
                accepted = _any(self.accepted, after) and not _any(self.required, after)
                if alternative or accepted:
                    groups[-1].append(h)
                    continue
            groups.append([h])
        return groups

    # -- code sets, tools, settings: a list is one ask ----------------------------------------------
    def _lists(self, text: str, hits: list) -> list[tuple[list, str]]:
        """Group a line's hits of one family into lists ("ICD-10-CM, CPT and HCPCS"), each with how
        its items combine: ``all``, ``any`` ("Epic or Cerner") or ``example`` ("such as ...")."""
        runs: list[list] = []
        for h in hits:
            if runs:
                gap = text[runs[-1][-1].end : h.start]
                if len(gap) <= self.rules.lists.max_gap and self.list_gap.match(gap):
                    runs[-1].append(h)
                    continue
            runs.append([h])
        out = []
        for run in runs:
            gaps = " ".join(text[a.end : b.start] for a, b in zip(run, run[1:]))
            before = text[max(0, run[0].start - 40) : run[0].start]
            if self.examples.search(before):
                mode = "example"
            elif len(run) == 1:
                mode = "single"
            elif _any(self.list_any, gaps) and not re.search(r"(?i)\band\b(?!/)", gaps):
                mode = "any"
            else:
                mode = "all"
            out.append((run, mode))
        return out

    def _equivalent(self, text: str, end: int) -> tuple[bool, float | None]:
        """Whether experience is accepted instead of what ends at ``end`` ("CPC or equivalent
        experience", "CPC or 3 years of coding experience"), and the years it names, if any."""
        tail = text[end : end + 60]
        m = next((m for p in self.equivalent if (m := p.search(tail))), None)
        if not m:
            return False, None
        y = self.years.search(m.group(0))
        n = y.group("n") if y else None
        return True, (float(n) if n.isdigit() else words_to_number(n)) if n else None

    def _hits(self, doc: Document) -> dict[str, dict[int, list]]:
        """Every family's hits, by line, in line order."""
        tokens = list(self.engine.nlp.tokenizer.pipe(line.text for line in doc.lines))
        out: dict[str, dict[int, list]] = {}
        for family, matcher in (
            ("credential", self.engine.credentials),
            ("code_set", self.engine.code_sets),
            ("tool", self.engine.tools),
            ("specialty", self.engine.specialties),
        ):
            by_line = out.setdefault(family, {})
            for h in sorted(matcher.find(doc, tokens), key=lambda h: (h.line, h.start, h.end)):
                by_line.setdefault(h.line, []).append(h)
        return out

    def _term_asks(self, doc: Document, hits: dict[str, dict[int, list]], keep: set[int]) -> list[Ask]:
        asks: list[Ask] = []
        for family, by_line in hits.items():
            for line, line_hits in sorted(by_line.items()):
                if line not in keep:
                    continue
                text = doc.lines[line].text
                if family == "credential":
                    groups = [
                        (g, "any" if len(g) > 1 else "single")
                        for g in self._alternatives(text, line_hits)
                    ]
                else:
                    groups = self._lists(text, line_hits)
                for group, mode in groups:
                    strength = self._strength(doc, line, group[0].start, group[-1].end)
                    if not strength:
                        continue
                    if family == "credential" and _any(
                        self.later, self._clause(text, group[0].start, group[-1].end)
                    ):
                        strength = "preferred"  # to be earned after hire: holding it is a plus
                    ids = tuple(dict.fromkeys(h.rule.id for h in group))
                    equivalent, equivalent_years = (
                        self._equivalent(text, group[-1].end)
                        if family == "credential"
                        else (False, None)
                    )
                    asks.append(
                        Ask(
                            family,
                            ids,
                            strength,
                            line,
                            text,
                            group="single" if len(ids) == 1 and mode != "example" else mode,
                            # the kinds of software an example list accepts any product of
                            categories=tuple(
                                sorted({h.rule.category for h in group} & self.kinds)
                            )
                            if family == "tool"
                            else (),
                            equivalent=equivalent,
                            equivalent_years=equivalent_years,
                        )
                    )
        return asks

    def _category_asks(self, doc: Document, line: int, named: set[str]) -> list[Ask]:
        """ "Experience with an EHR": a kind of software, met by any product of that kind. Not read
        when the line names products of that kind (those are the ask)."""
        text = doc.lines[line].text
        out = []
        for cid, label, patterns in self.categories:
            m = next((m for p in patterns if (m := p.search(text))), None)
            if not m or cid in named:
                continue
            strength = self._strength(doc, line, m.start(), m.end())
            if strength:
                out.append(
                    Ask("tool", (label,), strength, line, text, group="example", categories=(cid,))
                )
        return out

    # -- the whole posting ------------------------------------------------------------------------
    def read(self, doc: Document) -> Reading:
        lines = [ln for ln in doc.lines if ln.section != "about" and not ln.heading]
        hits = self._hits(doc)
        asks = self._term_asks(doc, hits, {ln.index for ln in lines})
        named: dict[int, set[str]] = {}
        for a in asks:
            if a.kind == "tool":
                named.setdefault(a.line, set()).update(a.categories)
        standards = []
        years = {
            ln.index: self._years(doc, ln.index, hits["specialty"].get(ln.index, []))
            for ln in lines
        }
        # The setting of "2+ years of inpatient coding" is checked with the years, not again as a
        # specialty, wherever else the posting names it ("Skills: inpatient coding"), unless the
        # setting is asked more strongly than those years.
        def qualified(a: Ask) -> bool:
            return any(
                set(a.ids) <= set(y.settings) and _RANK[y.strength] >= _RANK[a.strength]
                for asked in years.values()
                for y in asked
            )

        asks = [a for a in asks if not (a.kind == "specialty" and qualified(a))]
        for ln in lines:
            asks.extend(years[ln.index])
            asks.extend(self._education(doc, ln.index))
            asks.extend(self._category_asks(doc, ln.index, named.get(ln.index, set())))
            for m in self.engine.metrics.line_metrics(ln.text, ln.index, goals=True):
                if m.kind in self.standard_kinds:
                    standards.append(StandardAsk(m, ln.index, ln.text))
        asks.extend(self._level(doc))
        return Reading(tuple(self._dedupe(asks)), tuple(standards))

    @staticmethod
    def _dedupe(asks: list[Ask]) -> list[Ask]:
        """One ask per thing asked, the strongest mention kept (a required mention wins; among equals
        the first). A preferred item a required ask already demands adds nothing; one of a required
        ask's alternatives stays ("CPC or CCS required; CPC preferred": holding CPC is a plus)."""
        best: dict[tuple, Ask] = {}
        for a in sorted(asks, key=lambda a: a.line):  # stable: reading order within a line
            key = (a.kind, a.ids, a.years, a.settings, a.roles, a.group)
            if key not in best or _RANK[a.strength] > _RANK[best[key].strength]:
                best[key] = a
        required = [a for a in best.values() if a.strength == "required"]
        # A later list that only repeats an earlier one ("Skills: CPT, ModMed") adds nothing.
        kept = [
            a
            for a in best.values()
            if a.kind not in _LISTED
            or not any(
                r.kind == a.kind
                and r.line < a.line
                and set(a.ids) <= set(r.ids)
                and _RANK[r.strength] >= _RANK[a.strength]
                for r in best.values()
            )
        ]
        return [
            a
            for a in kept
            if a.strength == "required"
            or a.kind in ("years", "level", "education")
            or not any(
                r.kind == a.kind and set(a.ids) <= set(r.ids) and r.group in ("single", "all")
                for r in required
            )
        ]

    def _level(self, doc: Document) -> list[Ask]:
        """The level stated in the posting's title or opening lines (entry, mid or senior), if any."""
        for ln in doc.lines[: self.rules.levels.opening_lines]:
            for level, patterns in self.levels:
                if _any(patterns, ln.text):
                    return [Ask("level", (level,), "required", ln.index, ln.text)]
        return []

    def _years(self, doc: Document, line: int, settings: list) -> list[Ask]:
        """Years asks on one line. A years phrase joined to an earlier one ("..., including at least
        1 year of inpatient") is about experience too and names the part it must be spent in."""
        text = doc.lines[line].text
        out: list[Ask] = []
        prev_end = None
        pos = 0
        while m := self._next_years(text, pos, prev_end is not None):
            pos = m.start("rest")
            rest = m.group("rest")
            if end := self.phrase_end.search(rest):
                rest = rest[: end.start()]
            joined = prev_end is not None and (
                m.re is self.part or self.joined.search(text[prev_end : m.start()])
            )
            if _any(self.not_exp, rest) or not (joined or _any(self.exp_words, rest)):
                continue
            if _ALTERNATIVE.search(text[: m.start()]):
                continue  # "CPC or 3 years of coding experience": read with the credential
            n = m.group("n")
            value = float(n) if n.isdigit() else words_to_number(n)
            if not value:
                continue
            if m.re is self.years and m.group("months"):
                value = round(value / 12, 2)
            span_end = pos = m.start("rest") + len(rest)
            found = tuple(
                dict.fromkeys(h.rule.id for h in settings if m.start() <= h.start < span_end)
            )
            roles = tuple(rid for rid, pats in self.roles if _any(pats, rest))
            if joined and not (found or roles):
                continue  # "..., plus 2 years of college": not a part of the experience asked
            strength = self._strength(doc, line, m.start(), m.end())
            if strength is None and doc.lines[line].section == _CONTEXT:
                continue
            parts = "/".join(found + roles)
            label = f"{value:g}+ years" + (f" {parts}" if parts else "")
            out.append(
                Ask(
                    "years",
                    (label,),
                    strength or "required",
                    line,
                    text,
                    years=value,
                    settings=found,
                    roles=roles,
                    within=out[-1].ids[0] if joined and out else None,
                )
            )
            prev_end = span_end
        return out

    def _next_years(self, text: str, pos: int, after_years: bool) -> re.Match | None:
        """The next years phrase from ``pos``; after one, also a part of it written without
        "years" ("two of them in an audit role"), whichever comes first."""
        found = [m for m in (self.years.search(text, pos),) if m]
        if after_years and (part := self.part.search(text, pos)):
            found.append(part)
        return min(found, key=lambda m: m.start()) if found else None

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
                        # "Associate degree in HIM or equivalent experience"
                        clause = re.split(r"[;()]|,\s", text[m.end() :], maxsplit=1)[0]
                        i = clause.find(" or ")
                        eq, eq_years = self._equivalent(clause, i) if i >= 0 else (False, None)
                        out.append(
                            Ask(
                                "education",
                                (level,),
                                strength,
                                line,
                                text,
                                equivalent=eq,
                                equivalent_years=eq_years,
                            )
                        )
                    break
        return out
