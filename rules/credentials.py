"""Credential status from the words around each mention: held, apprentice, in progress, lapsed, mentioned."""

from __future__ import annotations

import re

from analyzer.models.document import Document
from analyzer.models.findings import Credential, Evidence
from analyzer.rules.schema import TermRules
from analyzer.rules.terms import Hit

_PRIORITY = {
    "lapsed": 4,
    "in_progress": 3,
    "held": 2,
    "apprentice": 2,
    "superseded": 1,
    "mentioned": 0,
}
_TARGET_SECTIONS = {"summary", "profile", "experience"}  # where a credential may be only a goal


class CredentialStatus:
    """Turns credential hits into ``Credential`` findings with one status each."""

    def __init__(self, rules: TermRules) -> None:
        self.cues = {k: [re.compile(p) for p in v] for k, v in rules.status_cues.items()}

    def _goal(self, text: str) -> str | None:
        """The first goal/requirement cue in a line ("seeking", "requires"), if any."""
        found = (m.group(0) for cue in self.cues.get("mentioned", []) if (m := cue.search(text)))
        return next(found, None)

    def _status(self, hit: Hit, before: str, after: str, goal: str | None) -> tuple[str, str]:
        """``goal``: the line's goal/requirement cue, when the line is a summary or experience line."""
        for status in ("lapsed", "in_progress", "superseded"):
            for scope, key in ((after, status), (before, f"{status}_before")):
                for cue in self.cues.get(key, []):
                    if m := cue.search(scope):
                        return status, f"'{m.group(0)}' next to it"
        if goal:
            return "mentioned", f"named as a goal or requirement ('{goal}')"
        if hit.rule.apprentice:
            return "apprentice", "apprentice designation"
        return "held", "listed as the candidate's credential"

    def build(self, doc: Document, hits: list[Hit]) -> list[Credential]:
        by_line: dict[int, list[Hit]] = {}
        for h in hits:
            by_line.setdefault(h.line, []).append(h)
        found: dict[str, tuple[str, list[Evidence]]] = {}
        for line_no, line_hits in by_line.items():
            line = doc.lines[line_no]
            text = line.text
            goal = self._goal(text) if line.section in _TARGET_SECTIONS else None
            for i, h in enumerate(line_hits):
                lo = line_hits[i - 1].end if i else 0
                hi = line_hits[i + 1].start if i + 1 < len(line_hits) else len(text)
                status, why = self._status(h, text[lo : h.start], text[h.end : hi], goal)
                ev = Evidence(
                    line=line_no,
                    start=h.start,
                    end=h.end,
                    text=h.text,
                    rule=f"credentials.{h.rule.id}",
                    explanation=f"{h.rule.id} ({h.kind} match): {why}",
                )
                prev = found.get(h.rule.id)
                if prev is None:
                    found[h.rule.id] = (status, [ev])
                else:
                    prev[1].append(ev)
                    if _PRIORITY[status] > _PRIORITY[prev[0]]:
                        found[h.rule.id] = (status, prev[1])
        rules = {h.rule.id: h.rule for h in hits}
        held_ids = {cid for cid, (st, _) in found.items() if st in ("held", "apprentice")}
        out: list[Credential] = []
        for cid, (status, evidence) in found.items():
            rule = rules[cid]
            if status == "superseded":
                status = "mentioned"
            # A former apprentice status: "CPC-A" listed next to the full "CPC".
            if rule.apprentice and status == "apprentice" and cid.rsplit("-", 1)[0] in held_ids:
                status = "mentioned"
            out.append(
                Credential(
                    id=cid,
                    name=rule.name or cid,
                    body=rule.body or "",
                    status=status,
                    evidence=evidence,
                )
            )
        return sorted(out, key=lambda c: min(e.line for e in c.evidence))
