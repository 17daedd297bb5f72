"""Contact details: name, e-mail, phone, location and links from the profile block and page header."""

from __future__ import annotations

import re

from analyzer.models.document import Document
from analyzer.models.findings import Candidate

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(r"(?<!\d)(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)")
LINK = re.compile(r"(?i)\b(?:https?://\S+|(?:www\.)?linkedin\.com/\S+|github\.com/\S+)")
LOCATION = re.compile(
    r"\b([A-Z][a-zA-Z.'-]+(?:\s[A-Z][a-zA-Z.'-]+){0,3}),\s*([A-Z]{2})(?:\s+(\d{5}))?\b"
)
_L = r"[^\W\d_]"  # any letter, accented ones included ("Martínez", "Ødegaard")
_NAME = re.compile(rf"^(?=[A-Z\u00c0-\u00de])(?:{_L}|['’.-])+(?:\s+(?=[A-Z\u00c0-\u00de])(?:{_L}|['’.-])*){{1,3}}$")
_NOT_NAME = re.compile(
    r"(?i)\b(?:resume|curriculum|vitae|summary|profile|coder|coding|specialist|manager|street|avenue|road|"
    r"certified|experience|objective|contact|health|medical|hospital|university|college)\b"
)
_CRED_SUFFIX = re.compile(
    r"\s*(?:,|\|)\s*(?:[A-Z]{2,6}(?:-[A-Z]{1,2})?)(?:\s*[,/]\s*[A-Z]{2,6}(?:-[A-Z]{1,2})?)*\s*$"
)


def _name_from(text: str) -> str | None:
    cand = re.sub(r"\s*[|•·]\s*.*$", "", text.strip())
    cand = _CRED_SUFFIX.sub("", cand).strip(" ,|")
    if not _NAME.match(cand) or _NOT_NAME.search(cand) or len(cand) > 40:
        return None
    if (
        cand.isupper()
    ):  # "MARIA GONZALEZ-LOPEZ" -> "Maria Gonzalez-Lopez", "O'CONNELL" -> "O'Connell"
        cand = re.sub(
            r"[A-Z]+",
            lambda m: m.group(0).capitalize() if len(m.group(0)) > 1 else m.group(0),
            cand,
        )
    return cand


class ContactDetector:
    """Finds the candidate's contact details; the name comes from the first name-like profile line."""

    def find(self, doc: Document) -> Candidate:
        profile = [ln for ln in doc.lines if ln.section == "profile"]
        head = profile + [ln for ln in doc.lines[:12] if ln not in profile]
        name = next((n for ln in head if not ln.heading and (n := _name_from(ln.text))), None)
        email = phone = location = None
        links: list[str] = []
        for ln in profile + list(doc.lines):
            text = ln.text
            if email is None and (m := EMAIL.search(text)):
                email = m.group(0)
            if phone is None and (m := PHONE.search(text)):
                phone = m.group(0).strip()
            if location is None and ln.section == "profile" and (m := LOCATION.search(text)):
                location = m.group(0)
            for m in LINK.finditer(text):
                link = m.group(0).rstrip(".,;)")
                if link not in links:
                    links.append(link)
        if location is None:
            for ln in doc.lines[:15]:
                if (EMAIL.search(ln.text) or PHONE.search(ln.text)) and (
                    m := LOCATION.search(ln.text)
                ):
                    location = m.group(0)
                    break
        return Candidate(name=name, email=email, phone=phone, location=location, links=links)
