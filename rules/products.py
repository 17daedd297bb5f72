"""Unlisted product names: items of a software/systems list that the vocabulary does not know.

Real resumes name far more products than any vocabulary holds ("Systems: Epic, SoftMed, Kronos").
An item of such a list that reads as a product name is reported with a lower confidence instead of
being dropped; the list is recognised by its label ("Systems:", "EHR/Software -") or by the
heading of its section ("Software", "Computer Skills"). Rules: ``tools.toml [unlisted]``.
"""

from __future__ import annotations

import re

from analyzer.models.document import Document
from analyzer.models.findings import Evidence, Tool
from analyzer.rules.schema import UnlistedProducts
from analyzer.rules.terms import Hit

_LABEL = re.compile(r"^\W*(?P<label>[A-Za-z][A-Za-z/&,' ]{1,40}?)\s*(?P<sep>:|\s[-–—]\s)\s*")
_ITEM_SEP = re.compile(r"\s*[,;|•·]\s*")
_PAREN = re.compile(r"\([^)]*\)")
_INITIAL = re.compile(r"\b[A-Z]\.\s")
_CONNECTORS = {"&", "of", "for", "and", "the", "de"}


class ProductLists:
    """Finds unlisted product names in software/systems lists."""

    def __init__(self, rules: UnlistedProducts) -> None:
        self.rules = rules
        self.labels = re.compile("|".join(rules.labels), re.I)
        self.not_products = re.compile("|".join(rules.not_products), re.I)

    def _lists(self, doc: Document) -> list[tuple[int, int]]:
        """(line, offset where its items start) for each line that is a software list."""
        headed = {
            i
            for sec in doc.sections
            if sec.heading and self.labels.search(sec.heading)
            for i in range(sec.start_line, sec.end_line + 1)
        }
        out = []
        for line in doc.lines:
            if line.heading:
                continue
            m = _LABEL.match(line.text)
            # "Systems: ..." anywhere; "Systems - ..." only in a skills section (elsewhere a dash
            # after such words is a headline: "Software Engineer - Data Platforms").
            if (
                m
                and self.labels.search(m.group("label"))
                and (m.group("sep") == ":" or line.section == "skills")
            ):
                out.append((line.index, m.end()))
            elif line.index in headed:
                out.append((line.index, 0))
        return out

    def _is_name(self, item: str) -> bool:
        """A product-like name: one to four Title Case words, not a generic term, not a person
        ("Harold B. Quaye") and not a capitalised sub-heading ("CODE SETS", "KNOW-HOW")."""
        words = item.split()
        if not 1 <= len(words) <= 4 or not (item[0].isupper() or item[0].isdigit()):
            return False
        if _INITIAL.search(item) or (item.isupper() and (len(words) > 1 or "-" in item)):
            return False
        if not any(ch.isalpha() for ch in item) or self.not_products.search(item):
            return False
        return all(w[0].isupper() or w[0].isdigit() or w.lower() in _CONNECTORS for w in words)

    def find(self, doc: Document, known: list[Hit], tool_ids: set[str]) -> list[Tool]:
        """Unlisted products in ``doc``; ``known`` are the vocabulary hits of every family (their
        spans are not products to add), ``tool_ids`` the tools already found."""
        taken: dict[int, list[tuple[int, int]]] = {}
        for h in known:
            taken.setdefault(h.line, []).append((h.start, h.end))
        seen = {t.lower() for t in tool_ids}
        found: dict[str, list[Evidence]] = {}
        for line_no, offset in self._lists(doc):
            text = doc.lines[line_no].text
            body = _PAREN.sub(lambda m: " " * len(m.group(0)), text[offset:])
            pos = 0
            for piece in _ITEM_SEP.split(body):
                start = body.index(piece, pos) if piece else pos
                pos = start + len(piece)
                item = piece.strip(" .:-–—")
                if not item:
                    continue
                lo = offset + start + piece.index(item)
                hi = lo + len(item)
                if any(s < hi and lo < e for s, e in taken.get(line_no, [])):
                    continue
                if not self._is_name(item) or item.lower() in seen:
                    continue
                ev = Evidence(
                    line=line_no,
                    start=lo,
                    end=hi,
                    text=item,
                    rule="tools.unlisted",
                    explanation=f"'{item}' named in a software/systems list (not in the vocabulary)",
                )
                found.setdefault(item, []).append(ev)
        return [
            Tool(
                id=name,
                category=self.rules.category,
                evidence=evs,
                confidence=self.rules.confidence,
            )
            for name, evs in found.items()
            if name.lower() not in seen
        ]
