"""Credential status from the words around each mention: held, apprentice, in progress, lapsed, mentioned."""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

from analyzer.models.document import Document
from analyzer.models.findings import Credential, Evidence
from analyzer.rules.dates import dates_in
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


# Where a clause ends: a semicolon or a sentence's full stop. A status word does not reach past it.
_CLAUSE_END = re.compile(r";|\.(?=\s+[A-Z]|\s*$)")
_SENTENCE_END = re.compile(r"\.(?=\s+[A-Z]|\s*$)")
_NEXT_PART = re.compile(r";|\.(?=\s+[A-Z]|\s*$)|,\s|\s(?:and|&)\s|\s\|\s")
_LABEL_AFTER = re.compile(r"\s*:")
# A list joiner between two credentials that share one status word ("CRC and CPMA exams ...").
_AND = re.compile(r"^[\s,/]*(?:and|&|or)?[\s,/]*$", re.I)
_AND_WORD = re.compile(r"(?i)\band\b|&|/")
# A word of prose (not an acronym or a date): what sets a sentence apart from a list item.
_PROSE = re.compile(r"\b(?![A-Z]+\b)[A-Za-z]{2,}\b")
# A future date that says how long a held credential runs ("renewal due 2027", "expires on 05/2028").
_EXPIRY = re.compile(
    r"(?i)\b(?:exp(?:ir\w*|\.|\b)|valid|through|thru|until|renew\w*|recert\w*|good|ceus?)"
    r"(?:\W+(?:due|on|in|by|date|is|was|of|cycle|period|ends?))*\W*$"
)


class _Reading(NamedTuple):
    """One mention's status, why, and where its cue stood (``before``/``after``/``""``: a cue
    before or after a credential is shared along a list joined by "and"). ``others``: said of
    other people, which a list shares whatever its members' own words say."""

    status: str
    why: str
    where: str = ""
    others: bool = False


def _future_date(text: str, as_of: date) -> date | None:
    """A date in ``text`` later than ``as_of`` (an exam or award still to come), unless it is an
    expiry ("valid through 12/2027")."""
    for m in dates_in(text):
        if m.as_start > as_of and not _EXPIRY.search(text[: m.begin]):
            return m.as_start
    return None


def _last_words(text: str, n: int = 3) -> str:
    """The last ``n`` words of ``text``: what qualifies the word right after it."""
    return " ".join(text.split()[-n:])


def _past_date(text: str, as_of: date) -> bool:
    """Whether ``text`` holds a date on or before ``as_of`` (a credential already earned)."""
    return any(m.as_start <= as_of for m in dates_in(text))


class CredentialStatus:
    """Turns credential hits into ``Credential`` findings with one status each.

    A status word belongs to the credential it qualifies, inside its own clause: cues after a
    credential are read up to the next credential or the end of the clause, ``*_before`` cues from
    the previous credential or the clause start. A list joined by "and" shares the word ("pursuing
    CRC and CPMA", "CRC and CPMA exams scheduled"). A date after a credential that is later than
    ``as_of`` means it is still to come. An exam or a course named after a credential ("CCS exam",
    "CRC boot camp", "CPC prep course") is not the credential held, nor is one said of other people
    ("prepared 30 coders for the CPC"), one the person is only eligible for ("CDIP eligible"), or a
    full credential named as the next step of its own apprentice designation ("CPC-A - my practice
    requires a full CPC")."""

    def __init__(self, rules: TermRules) -> None:
        self.cues = {k: [re.compile(p) for p in v] for k, v in rules.status_cues.items()}

    def _cue(self, key: str, text: str, label: bool | None = None) -> str | None:
        """The first cue of ``key`` in ``text``. ``label=False`` skips a cue written as a label
        ("Lapsed: CCS-P" names what follows it); ``label=True`` finds only such labels."""
        for cue in self.cues.get(key, []):
            for m in cue.finditer(text):
                is_label = _LABEL_AFTER.match(text, m.end()) is not None
                if label is None or is_label == label:
                    return m.group(0)
        return None

    def _blank(self, key: str, text: str) -> tuple[str, str | None]:
        """``text`` with every cue of ``key`` blanked out (same length, so nothing else moves),
        and the first cue found."""
        found = None
        for cue in self.cues.get(key, []):
            for m in cue.finditer(text):
                found = found or m.group(0)
                text = text[: m.start()] + " " * (m.end() - m.start()) + text[m.end() :]
        return text, found

    @staticmethod
    def _scopes(text: str, hits: list[Hit], i: int) -> tuple[str, str, str]:
        """The text before hit ``i`` and after it that may qualify it (its own clause only): the
        words after it up to the next part of the sentence, and up to the next clause."""
        h = hits[i]
        lo = hits[i - 1].end if i else 0
        hi = hits[i + 1].start if i + 1 < len(hits) else len(text)
        # Between two credentials, words after a comma or "and" lead into the next one ("I hold
        # the CCA, and I am sitting for the CPC exam").
        starts = _CLAUSE_END if not i else _NEXT_PART
        lo = max([lo, *(m.end() for m in starts.finditer(text, lo, h.start))])
        # After the last credential a ";" only adds to what is said of it ("CRC - preparing;
        # exam scheduled"); before another one it closes the clause.
        last = i + 1 == len(hits)
        near = full = hi
        if m := (_SENTENCE_END if last else _NEXT_PART).search(text, h.end, hi):
            near = m.start()
        if m := (_SENTENCE_END if last else _CLAUSE_END).search(text, h.end, hi):
            full = m.start()
        return text[lo : h.start], text[h.end : near], text[h.end : full]

    def _status(
        self,
        hit: Hit,
        scopes: tuple[str, str, str],
        goal: bool,
        next_step: bool,
        line: str,
        as_of: date,
    ) -> _Reading:
        """The mention's status and why. Other people's credential first, whatever else is said;
        then eligibility, taken out of the text so its "sit for" and a date after it are no
        in-progress cues; then a lapse, which may be said further on in the clause ("CCA 2013,
        dropped after the CCS"), and the rest only nearby. ``next_step``: a full credential
        named, with words before it, after its own apprentice designation on the line."""
        before, after, clause = scopes
        why = "other people's credential"
        if cue := self._cue("others", after):
            return _Reading("mentioned", f"'{cue.strip()}': {why}", "after", others=True)
        if cue := self._cue("others_before", before):
            return _Reading("mentioned", f"'{cue.strip()}': {why}", "before", others=True)
        if cue := self._cue("not_held", clause) or self._cue("not_held_before", before):
            return _Reading("mentioned", f"'{cue.strip()}': said not to be held")
        eligible: tuple[str, str] | None = None  # the cue, and where it stood
        if hit.rule.apprentice:
            if self._cue("eligible", after) or self._cue("eligible_before", before):
                return _Reading("apprentice", "apprentice designation, eligible for its removal")
        else:
            # Words about the apprentice designation ending are not this credential's status.
            before, after, clause = (self._blank("apprentice_removed", s)[0] for s in scopes)
            clause = self._blank("eligible", clause)[0]
            after, cue_after = self._blank("eligible", after)
            before, cue_before = self._blank("eligible_before", before)
            if cue_after or cue_before:
                eligible = (cue_after or cue_before, "after" if cue_after else "before")
        for status in ("lapsed", "in_progress", "superseded"):
            wide = clause if status != "in_progress" else after
            if cue := self._cue(status, wide, label=False):
                said = wide[: wide.find(cue) + len(cue)]
                if status == "in_progress" and self._cue("negation", said):
                    return _Reading("mentioned", f"'{cue}' negated")  # "exam not yet scheduled"
                if status == "lapsed" and self._cue("negation", _last_words(wide[: wide.find(cue)])):
                    continue  # "never lapsed", "has not expired": still held
                return _Reading(status, f"'{cue}' next to it", "after")
            cue = self._cue(f"{status}_before", before) or self._cue(status, before, label=True)
            if cue:
                if status == "in_progress" and self._cue("negation", before):
                    return _Reading("mentioned", f"'{cue}' negated")
                return _Reading(status, f"'{cue}' next to it", "before")
        if eligible:
            cue, where = eligible
            return _Reading("mentioned", f"'{cue.strip()}': eligible, nothing under way", where)
        if later := _future_date(after, as_of):
            return _Reading("in_progress", f"a date still to come ({later:%m/%Y})", "after")
        if cue := self._cue("exam_or_course", after):
            if found := self._cue("in_progress", line):
                return _Reading("in_progress", f"'{found}' for its exam or course", "after")
            return _Reading("mentioned", f"an exam or course named after it ('{cue.strip()}')")
        if goal:
            return _Reading("mentioned", "named as a goal or requirement")
        if next_step and not self._cue("earned_before", before) and not _past_date(after, as_of):
            return _Reading("mentioned", "named as the next step of its apprentice designation")
        if hit.rule.apprentice:
            return _Reading("apprentice", "apprentice designation")
        return _Reading("held", "listed as the candidate's credential")

    def _line_statuses(
        self, text: str, hits: list[Hit], goal_line: bool, as_of: date
    ) -> list[tuple[str, str]]:
        out: list[_Reading] = []
        for i, h in enumerate(hits):
            scopes = self._scopes(text, hits, i)
            before = scopes[0]
            # A goal word ("seeking", "plan to") before the credential, in its clause.
            goal = goal_line and bool(self._cue("mentioned", before))
            if goal_line and not goal and i:
                gap = text[hits[i - 1].end : h.start]
                goal = out[i - 1].status == "mentioned" and bool(_AND.match(gap))
            next_step = bool(_PROSE.search(before)) and any(
                p.rule.apprentice_of == h.rule.id for p in hits[:i]
            )
            out.append(self._status(h, scopes, goal, next_step, text, as_of))
        # A word before the first of "CRC and CPMA" reaches the second; one after the last reaches
        # back over "and" (not over a bare comma: "CPC, CRC expected 2027"). It replaces what the
        # next one's own words say only when it makes the list other people's.
        for i in range(1, len(hits)):
            gap = text[hits[i - 1].end : hits[i].start]
            prev, cur = out[i - 1], out[i]
            if prev.where == "before" and _AND.match(gap):
                if prev.others or cur.status in ("held", "apprentice"):
                    out[i] = prev
        for i in range(len(hits) - 2, -1, -1):
            gap = text[hits[i].end : hits[i + 1].start]
            nxt, cur = out[i + 1], out[i]
            if nxt.where == "after" and _AND.match(gap) and _AND_WORD.search(gap):
                if nxt.others or cur.status in ("held", "apprentice"):
                    out[i] = nxt
        return [(r.status, r.why) for r in out]

    def build(self, doc: Document, hits: list[Hit], as_of: date) -> list[Credential]:
        """One ``Credential`` per id: its strongest status over every mention (lapsed, in
        progress, held, mentioned), with every mention as evidence."""
        by_line: dict[int, list[Hit]] = {}
        for h in hits:
            by_line.setdefault(h.line, []).append(h)
        found: dict[str, tuple[str, list[Evidence]]] = {}
        for line_no, line_hits in by_line.items():
            line = doc.lines[line_no]
            text = line.text
            statuses = self._line_statuses(text, line_hits, line.section in _TARGET_SECTIONS, as_of)
            for h, (status, why) in zip(line_hits, statuses, strict=True):
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
            if rule.apprentice and status == "apprentice" and rule.apprentice_of in held_ids:
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
