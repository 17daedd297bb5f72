"""Section detection: header rules from ``rules/sections.toml``, exact then fuzzy with layout cues."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from analyzer.parsing.raw import RawLine
from analyzer.models.document import Line, Section
from analyzer.rules.schema import SectionRules

_DECOR = re.compile(r"[^a-z0-9&/ ]+")
_SMALL_WORDS = {"and", "of", "the", "for", "in", "to", "a", "an", "&"}
_EDGES = re.compile(r"^[=*_~#<>\s-]{3,}(?=\w)|(?<=[\w:)])[=*_~#<>\s-]{3,}$")
_NOTE = re.compile(r"\s*\([^()]*\)\W*$")  # "Work History (most recent first)"
_YEAR = re.compile(r"(?:19|20)\d\d")


def heading_key(text: str) -> str:
    """Normalise a candidate heading: lower case, ``&`` -> ``and``, decorations removed."""
    t = text.lower().replace("&", " and ").replace("/", " ")
    t = _DECOR.sub(" ", t)
    return " ".join(t.split())


class Sectioner:
    """Assigns each line a canonical section name (``profile`` before the first header)."""

    def __init__(self, rules: SectionRules) -> None:
        self.rules = rules
        self.exact: dict[str, str] = {}
        for rule in rules.rules:
            for h in rule.headings:
                self.exact[heading_key(h)] = rule.id
        self.choices = list(self.exact)
        self.keywords: dict[str, str] = {}
        for rule in rules.rules:
            for word in rule.keywords:
                self.keywords.setdefault(word, rule.id)

    def classify(self, line: RawLine) -> str | None:
        """Return the section id if ``line`` is a header, else ``None``."""
        text = _EDGES.sub("", line.text.strip())  # "===== WORK =====", "*** SKILLS ***"
        if noted := self._with_note(text):
            return noted
        if not text or len(text) > 60 or text.endswith((".", ",")) or re.search(r"\d{3}", text):
            return None
        stripped = text.rstrip(":").strip()
        key = heading_key(stripped)
        if not key or len(key.split()) > self.rules.max_words:
            return None
        if key in self.exact:
            return self.exact[key]
        letters = [c for c in stripped if c.isalpha()]
        caps = bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8
        strong_cue = (
            line.bold or caps or line.style_heading or text.endswith(":") or text.startswith("[")
        )
        words = [
            w for w in re.findall(r"[A-Za-z][\w'-]*", stripped) if w.lower() not in _SMALL_WORDS
        ]
        title_case = bool(words) and all(w[0].isupper() for w in words) and len(words) <= 4
        if not (strong_cue or title_case) or len(letters) < 4:
            return None
        match = process.extractOne(
            key, self.choices, scorer=fuzz.ratio, score_cutoff=self.rules.fuzzy_threshold
        )
        if match:
            return self.exact[match[0]]
        if strong_cue and len(key.split()) <= 4:
            # A keyword after "not" or "no" does not name the section ("Extra credit, not required").
            words = key.split()
            return next(
                (
                    self.keywords[w]
                    for i, w in enumerate(words)
                    if w in self.keywords and (i == 0 or words[i - 1] not in ("not", "no", "non"))
                ),
                None,
            )
        return None

    def _with_note(self, text: str) -> str | None:
        """A heading of two or more words followed by a note or its own dates ("Work History (most
        recent first)", "Employment History 2014 – Present"). One word is not enough: "Externship
        (Jan 2020 - Apr 2020)" and "Volunteer (2015 – 2016)" are jobs with their dates."""
        from analyzer.rules.dates import RANGE

        if len(text) > 80:
            return None
        core = _NOTE.sub("", text)
        if core == text and _YEAR.search(text):
            dated = [m for m in RANGE.finditer(text) if not text[m.end() :].strip(" )]:")]
            core = text[: dated[-1].start()].rstrip(" ([-–—:|,") if dated else text
        key = heading_key(core)
        if core == text or len(key.split()) < 2:
            return None
        return self.exact.get(key)

    def inline(self, text: str) -> str | None:
        """The section of a line that opens with a known heading and a colon ("Skills: ...")."""
        head, sep, rest = text.partition(":")
        if not sep or not rest.strip() or len(head) > 40:
            return None
        return self.exact.get(heading_key(head))

    def assign(self, raw: list[RawLine], page_of: list[int]) -> tuple[list[Line], list[Section]]:
        """Build ``Line`` objects with sections; each column keeps its own current section."""
        current = {"main": "profile", "side": "profile"}
        lines: list[Line] = []
        for i, r in enumerate(raw):
            flow = "side" if r.column == 2 else "main"
            name = self.classify(r)
            if name:
                current[flow] = name
            # "Skills: ICD-10-CM, CPT" carries its own section for this line only.
            section = (None if name else self.inline(r.text)) or current[flow]
            lines.append(
                Line(
                    index=i,
                    text=r.text,
                    page=page_of[i],
                    bold=r.bold or r.style_heading,
                    size=r.size,
                    column=r.column,
                    bullet=r.bullet,
                    section=section,
                    heading=bool(name),
                )
            )
        # Sections are the runs of lines that share a section (a sidebar's profile block is one
        # even when the main column starts with a header).
        sections: list[Section] = []
        for line in lines:
            if sections and sections[-1].name == line.section and not line.heading:
                sections[-1] = sections[-1].model_copy(update={"end_line": line.index})
            else:
                heading = line.text.strip() if line.heading else None
                sections.append(
                    Section(
                        name=line.section,
                        heading=heading,
                        start_line=line.index,
                        end_line=line.index,
                    )
                )
        return lines, sections
