"""Vocabulary detectors: phrase, exact (case-sensitive), regex and fuzzy matching of term rules.

One ``TermMatcher`` per rule family. ``find`` returns raw hits for every rule, after the rule's
``unless`` vetoes and named validators, with overlaps resolved (the longest span wins, so
"CPC-A" is not also "CPC" and "CCS-P" is not also "CCS").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from analyzer.models.document import Document
from analyzer.rules.literals import required_literals
from analyzer.rules.nlp import blank
from analyzer.rules.schema import TermRule, TermRules


@dataclass(frozen=True)
class Hit:
    """One match of one rule in one line (``start``/``end`` are character offsets in the line)."""

    rule: TermRule
    line: int
    start: int
    end: int
    text: str
    kind: str


_CRED_WORDS = r"certif\w*|credential\w*|licen[cs]\w*"
# What joins acronyms in a list: punctuation, the bullets and dots of skills grids, dashes.
_CRED_LIST = re.compile(r"^[\s,/|;&()·•∙⋅▪▫◦●○■□◆◇♦➤►✓✔*+–—-]*(?:and|or)?[\s,/|;&()·•∙⋅▪▫◦●○■□◆◇♦➤►✓✔*+–—-]*$")
_CREDENTIAL_WORDS = re.compile(
    r"(?i)\b(?:coder|coding|hold(?:s|ing)?|earned|passed|requir\w*|exam|pursu\w*|studying|preferred|a plus|desired)\b"
)


@lru_cache(maxsize=512)
def _mentions(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` occurs in a line (cached: every acronym on a long line asks again)."""
    return pattern.search(text) is not None


_CODE_SUFFIX = re.compile(r"-(?!(?:19|20)\d\d\b)[A-Z0-9][A-Za-z0-9]*")
_SMALL_WORDS = {"and", "of", "in", "the", "for", "&", "on", "to", "at", "a"}


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w and w[0].isalpha()).upper()


class TermMatcher:
    """Runs one family of ``TermRule``s over tokenised document lines."""

    def __init__(self, family: str, rules: TermRules) -> None:
        self.family = family
        self.rules = rules
        # A line naming an issuing body (from the family's [bodies]) or a credential word.
        acronyms = sorted({a for name in rules.bodies for a in re.findall(r"\b[A-Z]{2,}\b", name)})
        self.credential_cue = re.compile(
            r"\b(?:" + "|".join([*map(re.escape, acronyms), _CRED_WORDS]) + r")\b", re.I
        )
        from spacy.matcher import PhraseMatcher  # here, not at import: `text` and `schema` never load spaCy

        nlp = blank()
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.orth = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.by_key: dict[str, TermRule] = {}
        self.regexes: list[tuple[TermRule, re.Pattern[str], set[str] | None]] = []
        self.unless: dict[str, list[re.Pattern[str]]] = {}
        self.fuzzy: list[tuple[TermRule, str]] = []
        for n, rule in enumerate(rules.rules):
            key = f"{n}:{rule.id}"
            self.by_key[key] = rule
            if rule.phrase:
                self.lower.add(key, list(nlp.tokenizer.pipe(rule.phrase)))
            if rule.exact:
                self.orth.add(key, list(nlp.tokenizer.pipe(rule.exact)))
            flags = re.MULTILINE | (0 if rule.regex_case else re.IGNORECASE)
            self.regexes.extend(
                (rule, re.compile(p, flags), required_literals(p, flags)) for p in rule.regex
            )
            self.unless[rule.id] = [re.compile(p) for p in rule.unless]
            self.fuzzy.extend((rule, term.lower()) for term in rule.fuzzy)

    # -- matching ---------------------------------------------------------------------------
    def _regex_hits(self, doc: Document) -> list[Hit]:
        """Each regex runs once over the whole document (lines joined by newlines), not once per
        line: far fewer calls; a match is mapped back to its line and one never spans two lines."""
        text = "\n".join(line.text for line in doc.lines)
        starts = [0]
        for line in doc.lines[:-1]:
            starts.append(starts[-1] + len(line.text) + 1)
        lowered = text.lower()
        hits: list[Hit] = []
        for rule, pattern, literals in self.regexes:
            if literals and not any(lit in lowered for lit in literals):
                continue  # the pattern cannot match this document
            term = "t" in pattern.groupindex  # (?P<t>...) marks the term inside its context
            for m in pattern.finditer(text):
                begin, end = m.span("t") if term else m.span()
                if end > begin and "\n" not in m.group(0):
                    i = bisect_right(starts, begin) - 1
                    lo = begin - starts[i]
                    hits.append(Hit(rule, i, lo, lo + end - begin, text[begin:end], "regex"))
        return hits

    def _raw_hits(self, doc: Document, tokens: list) -> list[Hit]:
        hits: list[Hit] = self._regex_hits(doc) if self.regexes else []
        for line, toks in zip(doc.lines, tokens, strict=True):
            text = line.text
            for matcher, kind in ((self.lower, "phrase"), (self.orth, "exact")):
                for match_id, s, e in matcher(toks):
                    span = toks[s:e]
                    rule = self.by_key[toks.vocab.strings[match_id]]
                    start, end = span.start_char, span.end_char
                    # Tokens glued to letters or digits ("Epic2", "xCPC") are not this term,
                    # nor is an acronym that is only the front of a longer code ("CCS-9921",
                    # "CRC-2", "AZ-900"); "CPC-certified" and "CPC-2021" are.
                    if (start > 0 and text[start - 1].isalnum()) or (
                        end < len(text) and text[end].isalnum()
                    ):
                        continue
                    if kind == "exact" and _CODE_SUFFIX.match(text, end):
                        continue
                    hits.append(Hit(rule, line.index, start, end, text[start:end], kind))
            if self.fuzzy:
                lowered = text.lower()
                exact_here = {h.rule.id for h in hits if h.line == line.index}
                for rule, term in self.fuzzy:
                    if rule.id in exact_here:
                        continue
                    threshold = self.rules.fuzzy_threshold + (3 if len(term) < 10 else 0)
                    if fuzz.partial_ratio(term, lowered) < threshold:
                        continue
                    al = fuzz.partial_ratio_alignment(term, lowered)
                    start, end = al.dest_start, al.dest_end
                    while start > 0 and lowered[start - 1].isalnum():
                        start -= 1
                    while end < len(lowered) and lowered[end].isalnum():
                        end += 1
                    found = text[start:end]
                    if (
                        fuzz.ratio(term.replace(" ", ""), found.lower().replace(" ", ""))
                        >= threshold - 5
                    ):
                        hits.append(Hit(rule, line.index, start, end, found, "fuzzy"))
        return hits

    # -- validation -------------------------------------------------------------------------
    def _vetoed(
        self, hit: Hit, doc: Document, acronyms: dict[int, list[Hit]], defined: set[str]
    ) -> bool:
        """``defined``: rule ids whose acronym this document spells out as something else."""
        text = doc.lines[hit.line].text
        pad = hit.rule.context_chars
        window = text[max(0, hit.start - pad) : hit.end + pad] if pad else text[hit.start : hit.end]
        if any(p.search(window) for p in self.unless[hit.rule.id]):
            return True
        for name in hit.rule.validators:
            if not getattr(self, f"_v_{name}")(hit, doc, acronyms.get(hit.line, []), defined):
                return True
        return False

    @staticmethod
    def _expansion(hit: Hit, doc: Document) -> str | None:
        """The words an acronym in parentheses stands for: ``Controller in Charge (CIC)``."""
        text = doc.lines[hit.line].text
        before = text[max(0, hit.start - 160) : hit.start].rstrip()  # bounded: long lines stay linear
        if not before.endswith("("):
            return None
        words = re.findall(r"[A-Za-z][\w'-]*", before[:-1])
        acronym = re.sub(r"[^A-Z]", "", hit.text.upper())
        for size in range(len(acronym), len(acronym) + 3):
            cand = words[-size:] if len(words) >= size else []
            sig = [w for w in cand if w.lower() not in _SMALL_WORDS]
            if cand and acronym in (_initials(sig), _initials(cand)):
                return " ".join(cand).lower()
        return None

    def _defined_otherwise(self, hits: list[Hit], doc: Document) -> set[str]:
        """Rule ids whose acronym the document defines as something else ("Controller in Charge
        (CIC)"): every other mention of that acronym in the document means the same thing."""
        out = set()
        for h in hits:
            if h.kind == "phrase" or "not_other_expansion" not in h.rule.validators:
                continue
            expansion = self._expansion(h, doc)
            name = (h.rule.name or "").lower()
            if expansion is not None and not (name and fuzz.ratio(expansion, name) >= 80):
                out.add(h.rule.id)
        return out

    def _v_not_other_expansion(
        self, hit: Hit, _doc: Document, _acronyms: list[Hit], defined: set[str]
    ) -> bool:
        """``Clinical Practice Council (CPC)``: an acronym the document defines as something else
        is not this term, there or anywhere else in the document."""
        return hit.kind == "phrase" or hit.rule.id not in defined

    def _v_credential_context(
        self, hit: Hit, doc: Document, acronyms: list[Hit], _defined: set[str]
    ) -> bool:
        """An ambiguous acronym counts only where a credential is plausible."""
        line = doc.lines[hit.line]
        if hit.kind == "phrase" or line.section in ("certifications", "required", "preferred"):
            return True
        if line.section == "profile" and line.index <= 3:
            return True  # the name line: "Jane Doe, RHIT, CCS"
        text = line.text
        if _mentions(self.credential_cue, text):
            return True
        # A neighbouring acronym joined to this one by a comma, slash or "and" ("CPC, CRC, CPMA").
        i = bisect_left(acronyms, hit.start, key=lambda h: h.start)
        for other in acronyms[max(0, i - 1) : i + 2]:
            if other is hit:
                continue
            lo, hi = (other.end, hit.start) if other.end <= hit.start else (hit.end, other.start)
            if lo <= hi and _CRED_LIST.match(text[lo:hi]):
                return True
        return _mentions(_CREDENTIAL_WORDS, text)

    def _v_not_in_employer(
        self, hit: Hit, doc: Document, _acronyms: list[Hit], _defined: set[str]
    ) -> bool:
        """``Riverside CHC``: an acronym at the end of an organisation name is not a credential."""
        line = doc.lines[hit.line]
        if line.section == "certifications":
            return True
        before = line.text[: hit.start]
        after = line.text[hit.end : hit.end + 12]
        org_before = bool(re.search(r"[A-Z][a-z]+\s+$", before)) and not before.rstrip().endswith(
            ","
        )
        return not (org_before or re.match(r"\s+(?:of|in)\s+[A-Z]", after))

    # -- public -----------------------------------------------------------------------------
    def find(self, doc: Document, tokens: list) -> list[Hit]:
        """All hits in ``doc`` after vetoes, overlaps resolved, in line/offset order."""
        raw = self._raw_hits(doc, tokens)
        acronyms: dict[int, list[Hit]] = {}  # per line, by position: "CPC, CRC, CPMA"-style lists
        for h in sorted(raw, key=lambda h: (h.line, h.start)):
            if h.kind != "phrase":
                acronyms.setdefault(h.line, []).append(h)
        defined = self._defined_otherwise(raw, doc)
        kept: list[Hit] = []
        taken: dict[int, list[tuple[int, int]]] = {}  # per line, sorted spans already kept
        for h in sorted(raw, key=lambda h: (-(h.end - h.start), h.line, h.start)):
            spans = taken.setdefault(h.line, [])
            i = bisect_left(spans, (h.start, h.end))
            if any(s < h.end and h.start < e for s, e in spans[max(0, i - 1) : i + 1]):
                continue  # overlaps a longer hit already kept
            if self._vetoed(h, doc, acronyms, defined):
                continue
            kept.append(h)
            spans.insert(i, (h.start, h.end))
        return sorted(kept, key=lambda h: (h.line, h.start))
