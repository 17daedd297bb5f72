"""The rule engine: one linear pass from a parsed ``Document`` to ``Findings``.

tokenise lines -> vocabularies (credentials, code sets, tools, specialties) -> credential status ->
metrics -> positions and years -> contact -> domain.
"""

from __future__ import annotations

import re
from datetime import date

from analyzer.models.document import Document
from analyzer.models.findings import (
    CodeSet,
    Domain,
    Evidence,
    Experience,
    Findings,
    Position,
    Specialty,
    Tool,
)
from analyzer.rules.contact import ContactDetector
from analyzer.rules.credentials import CredentialStatus
from analyzer.rules.dates import merged_years, position_span
from analyzer.rules.experience import ExperienceDetector
from analyzer.rules.metrics import MetricDetector
from analyzer.rules.nlp import blank
from analyzer.rules.pack import RulePack
from analyzer.rules.products import ProductLists
from analyzer.rules.terms import Hit, TermMatcher

# Credentials of these tracks show billing or finance work, not coding (CPB, CRCR, CRCS, ...).
# A coding career: at least this many years of coding/HIM positions, or this share of all dated
# work, or the latest position is paid coding/HIM work.
_CODING_YEARS = 2.0
_CODING_SHARE = 0.35


def _career_in_coding(positions: list[Position], as_of: date) -> bool:
    """Whether the coding/HIM positions weigh in the career: one short coding internship or a
    nominal one-year coding title does not outweigh a career spent elsewhere."""
    def years(ps: list[Position]) -> float:
        spans = [position_span(p.start, p.end, p.current, as_of) for p in ps if p.start]
        return merged_years(spans)

    coding = [p for p in positions if p.coding_related]
    latest = max(positions, key=lambda p: (p.current, p.end or "9999", p.start or ""))
    total = years(positions)
    return (
        (latest.coding_related and latest.counted)  # a paid coding job now, after a career change
        or years(coding) >= _CODING_YEARS
        or (total > 0 and years(coding) / total >= _CODING_SHARE)
    )


# Training context: a specialty named in a course is not a setting worked in.
_TRAINING = re.compile(
    r"(?i)\b(?:course(?:work|s)?|class(?:es)?|training|trained in|boot ?camp|module|curriculum|"
    r"certificate program|studied|studying|webinar|seminar)\b"
)
# A claim, report, patient or bill type ("outpatient claims", "pediatric patients") ...
_ITEM_TYPE = re.compile(
    r"(?i)\s+(?:patient\s+)?(?:claims?|reports?|patients?|statements?|bills?|accounts?|"
    r"appointments?|referrals?|orders?|calls?|stays?|admissions?)\b"
)
# ... unless the sentence says it was coded.
_CODING_ACT = re.compile(
    r"(?i)\b(?:code[ds]?|abstract(?:ed|s)?|audit(?:ed|s)?|assign(?:ed|s)?|queried)\b"
)
_GOAL = re.compile(
    r"(?i)\b(?:seeking|looking for|interested in|goal|aspir\w*|hope to|open to|would like)\b"
)


def _evidence(h: Hit, family: str, why: str) -> Evidence:
    return Evidence(
        line=h.line,
        start=h.start,
        end=h.end,
        text=h.text,
        rule=f"{family}.{h.rule.id}",
        explanation=f"{h.kind} match for {h.rule.id}{why}",
    )


def _sentence(doc: Document, h: Hit) -> str:
    """The sentence of the line that holds the hit."""
    text = doc.lines[h.line].text
    lo = max(text.rfind(". ", 0, h.start), text.rfind("; ", 0, h.start)) + 1
    hi = min(
        (i for i in (text.find(". ", h.end), text.find("; ", h.end)) if i >= 0), default=len(text)
    )
    return text[lo:hi]


def _spans(hits: list[Hit]) -> dict[int, list[tuple[int, int]]]:
    out: dict[int, list[tuple[int, int]]] = {}
    for h in hits:
        out.setdefault(h.line, []).append((h.start, h.end))
    return out


def _group(hits: list[Hit]) -> dict[str, list[Hit]]:
    out: dict[str, list[Hit]] = {}
    for h in hits:
        out.setdefault(h.rule.id, []).append(h)
    return out


class Engine:
    """Runs every detector over a document. Build once per process (loading compiles every rule);
    ``extract`` keeps no state between documents."""

    def __init__(self, rules: RulePack) -> None:
        self.rules = rules
        self.coding_bodies = set(rules.credentials.coding_bodies)
        self.credential_track = {r.id: r.track for r in rules.credentials.rules}
        # Tracks that are not coding/HIM work (stages.toml ``coding = false``: revenue cycle).
        self.not_coding_tracks = {t.id for t in rules.stages.tracks if not t.coding}
        self.coding_cue = re.compile(
            r"\b(?:" + "|".join(map(re.escape, sorted(self.coding_bodies))) + r"|cod(?:er|ing))\b",
            re.I,
        )
        self.nlp = blank()
        self.credentials = TermMatcher("credentials", rules.credentials)
        self.code_sets = TermMatcher("code_sets", rules.code_sets)
        self.tools = TermMatcher("tools", rules.tools)
        self.specialties = TermMatcher("specialties", rules.specialties)
        unlisted = rules.tools.unlisted
        self.products = ProductLists(unlisted) if unlisted is not None else None
        self.status = CredentialStatus(rules.credentials)
        self.metrics = MetricDetector(rules.metrics)
        self.experience = ExperienceDetector(
            rules.experience,
            rules.credential_ids(),
            [h for r in rules.sections.rules if r.id == "experience" for h in r.headings],
        )
        self.contact = ContactDetector()
        self.domain_words = re.compile("|".join(rules.experience.domain_words), re.I)
        self.posting_words = [re.compile(p, re.I) for p in rules.experience.posting_words]

    def extract(self, doc: Document, as_of: date) -> Findings:
        """All findings for ``doc``, experience measured up to ``as_of``."""
        tokens = list(self.nlp.tokenizer.pipe(line.text for line in doc.lines))
        experience = self.experience.find(doc, as_of)
        tool_hits = self.tools.find(doc, tokens)
        code_hits = self.code_sets.find(doc, tokens)
        spec_found = self.specialties.find(doc, tokens)
        coding_doc = self._coding_document(doc, experience, code_hits)
        cred_hits = self.credentials.find(doc, tokens)
        if not coding_doc:
            cred_hits = self._in_context(doc, cred_hits)
        credentials = self.status.build(doc, cred_hits, as_of)
        code_sets = [
            CodeSet(id=cid, evidence=[_evidence(h, "code_sets", "") for h in hs])
            for cid, hs in _group(code_hits).items()
        ]
        tools = [
            Tool(
                id=tid,
                category=hs[0].rule.category or "other",
                evidence=[_evidence(h, "tools", f" ({hs[0].rule.category})") for h in hs],
            )
            for tid, hs in _group(tool_hits).items()
        ]
        if self.products is not None:
            known = tool_hits + code_hits + spec_found + cred_hits
            tools += self.products.find(doc, known, {t.id for t in tools})
        spec_hits = self._settings(doc, spec_found, cred_hits, experience)
        specialties = [
            Specialty(id=sid, evidence=[_evidence(h, "specialties", "") for h in hs])
            for sid, hs in _group(spec_hits).items()
        ]
        findings = Findings(
            candidate=self.contact.find(doc),
            credentials=credentials,
            code_sets=code_sets,
            tools=tools,
            specialties=specialties,
            metrics=self.metrics.find(doc, _spans(tool_hits + code_hits)),
            experience=experience,
        )
        return findings.model_copy(update={"domain": self._domain(doc, findings, as_of)})

    def _settings(
        self, doc: Document, hits: list[Hit], cred_hits: list[Hit], experience: Experience
    ) -> list[Hit]:
        """Specialty hits that are settings the person coded in. Not: inside a credential's name
        ("Certified Cardiology Coder"); a goal ("Seeking an inpatient role"); a job that is not
        coding work (a front desk's "pediatric patients"); education or training ("coursework in
        oncology coding"); a claim, report or patient type outside a coding act ("outpatient
        claims")."""
        not_coding = {
            i
            for p in experience.positions
            if not p.coding_related and p.line is not None
            for i in range(p.line, (p.end_line or p.line) + 1)
        }
        out = []
        for h in hits:
            line = doc.lines[h.line]
            sentence = _sentence(doc, h)
            if any(c.line == h.line and c.start <= h.start and h.end <= c.end for c in cred_hits):
                continue
            if line.section in ("summary", "profile") and _GOAL.search(sentence):
                continue
            if h.line in not_coding:
                continue
            coded = _CODING_ACT.search(sentence)
            training = line.section in ("education", "certifications") or _TRAINING.search(sentence)
            if (training or _ITEM_TYPE.match(line.text, h.end)) and not coded:
                continue  # an externship in the education section that "coded" visits stays
            out.append(h)
        return out

    def _coding_document(self, doc: Document, experience: Experience, code_hits: list[Hit]) -> bool:
        """Whether anything outside the credentials says coding: no dated jobs to judge by, a
        coding/HIM job, two or more code sets, or a summary or education line about coding."""
        if not experience.positions or any(p.coding_related for p in experience.positions):
            return True
        if len({h.rule.id for h in code_hits}) >= 2:
            return True
        return any(
            ln.section in ("profile", "summary", "education") and self.domain_words.search(ln.text)
            for ln in doc.lines
        )

    def _in_context(self, doc: Document, hits: list[Hit]) -> list[Hit]:
        """In a resume where nothing else says coding, an ambiguous coding acronym (CIC, CPC, CRC,
        ...) is that credential only where its line names a coding body or coding itself: "CIC,
        CTO" on an air-traffic controller's resume is another trade's."""
        return [
            h
            for h in hits
            if h.kind == "phrase"
            or "credential_context" not in h.rule.validators
            or h.rule.body not in self.coding_bodies
            or self.coding_cue.search(doc.lines[h.line].text)
        ]

    def _domain(self, doc: Document, f: Findings, as_of: date) -> Domain:
        """Is this a medical-coding resume? Coding/HIM positions that make up the career (not one
        short stint in a career spent elsewhere), coding credentials (not billing ones), code sets
        and a summary about coding/HIM work, weighed as points."""
        if not f.experience.positions:
            text = "\n".join(ln.text for ln in doc.lines[:200])
            cues = [p.pattern for p in self.posting_words if p.search(text)]
            if len(cues) >= 3:
                return Domain(
                    medical_coding=False,
                    confidence=0.9,
                    document="job_posting",
                    reasons=[
                        "reads like a job posting, not a resume (no dated positions; "
                        f"{len(cues)} posting phrases such as responsibilities or benefits)"
                    ],
                )
        reasons: list[str] = []
        points = 0
        coding_jobs = [p for p in f.experience.positions if p.coding_related]
        if coding_jobs and _career_in_coding(f.experience.positions, as_of):
            points += 50
            reasons.append(
                f"{len(coding_jobs)} coding/HIM position(s), e.g. '{coding_jobs[0].title}'"
            )
        elif coding_jobs:
            points += 20
            reasons.append(
                f"a short coding/HIM position ('{coding_jobs[0].title}') "
                "in a career spent elsewhere"
            )
            coding_jobs = []
        coding_creds = [
            c
            for c in f.credentials
            if c.body in self.coding_bodies
            and c.status != "mentioned"
            and self.credential_track.get(c.id) not in self.not_coding_tracks
        ]
        if coding_creds:
            points += 30
            reasons.append("coding credential(s): " + ", ".join(c.id for c in coding_creds))
        if len(f.code_sets) >= 2:
            points += 15
            reasons.append(f"{len(f.code_sets)} code sets named")
        head = " ".join(ln.text for ln in doc.lines if ln.section in ("profile", "summary"))
        if self.domain_words.search(head):
            points += 15
            reasons.append("summary describes coding/HIM work")
        positions = f.experience.positions
        if positions and not coding_jobs and not coding_creds:
            points = min(points, 20)
            reasons.append("no coding/HIM career or coding credentials")
        # Points: coding/HIM positions 50, a coding credential 30, two+ code sets 15, a coding summary 15.
        medical = points >= 45
        confidence = round(min(100, points) / 100 if medical else 1 - min(100, points) / 100, 2)
        if not medical:
            lacking = [w for w, shown in (("dated coding/HIM job", coding_jobs),
                                          ("coding credential", coding_creds)) if not shown]
            reasons.insert(
                0,
                f"{min(100, points)} of the 45 points a coding resume needs"
                + (": no " + " and no ".join(lacking) if lacking else "")
            )  # fmt: skip
        return Domain(medical_coding=medical, confidence=confidence, reasons=reasons)
