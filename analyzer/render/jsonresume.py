"""A report as a JSON Resume document (jsonresume.org schema v1.0.0), for tools that import one.

Mapping: ``basics`` from the candidate (name, e-mail, phone, "City, ST 12345" split into
``location``, links as ``profiles``); ``work`` from the positions (employer, title, dates as
``YYYY-MM``; no ``endDate`` while current; the quantified results found inside a position's lines as
its ``highlights``); ``certificates`` from the credentials (name, issuing body, and the status the
analysis found, ``held``/``apprentice``/``in_progress``/``lapsed``/``mentioned``, in ``status``:
the schema allows extra keys on its items); ``skills`` in three groups: code sets, tools (EHRs,
encoders, billing, ...), specialties and settings."""

from __future__ import annotations

import json
import re

from analyzer.models.findings import Position
from analyzer.models.report import Report

__all__ = ["SCHEMA_URL", "json_resume", "render_jsonresume"]

SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
_CITY_REGION = re.compile(
    r"^(?P<city>[^,]+),\s*(?P<region>[A-Za-z .]+?)(?:\s+(?P<postalCode>\d{5}(?:-\d{4})?))?$"
)


def _location(text: str) -> dict[str, str]:
    m = _CITY_REGION.match(text.strip())
    if not m:
        return {"address": text}
    return {k: v for k, v in m.groupdict().items() if v}


def _basics(r: Report) -> dict:
    c = r.candidate
    basics: dict = {}
    for key in ("name", "email", "phone"):
        if getattr(c, key):
            basics[key] = getattr(c, key)
    if c.location:
        basics["location"] = _location(c.location)
    if c.links:
        basics["profiles"] = [{"url": link} for link in c.links]
    return basics


def _work(r: Report, p: Position) -> dict:
    item: dict = {"position": p.title}
    if p.employer:
        item["name"] = p.employer
    if p.start:
        item["startDate"] = p.start
    if p.end and not p.current:
        item["endDate"] = p.end
    if p.line is not None:
        last = p.end_line if p.end_line is not None else p.line
        highlights = [
            m.text for m in r.metrics if m.evidence and p.line <= m.evidence[0].line <= last
        ]
        if highlights:
            item["highlights"] = list(dict.fromkeys(highlights))
    return item


def json_resume(r: Report) -> dict:
    """The JSON Resume object for ``r`` (for a file that could not be analysed, only ``meta``
    with the error)."""
    doc: dict = {"$schema": SCHEMA_URL}
    if r.error:
        doc["meta"] = {"error": r.error.model_dump(mode="json")}
        return doc
    doc["basics"] = _basics(r)
    doc["work"] = [_work(r, p) for p in r.experience.positions]
    doc["certificates"] = [
        {"name": f"{c.name} ({c.id})", "issuer": c.body, "status": c.status} for c in r.credentials
    ]
    skills = [
        ("Medical code sets", [x.id for x in r.code_sets]),
        ("Coding tools and systems", [x.id for x in r.tools]),
        ("Specialties and settings", [x.id for x in r.specialties]),
    ]
    doc["skills"] = [{"name": name, "keywords": kw} for name, kw in skills if kw]
    return doc


def render_jsonresume(r: Report) -> str:
    """``json_resume(r)`` as indented JSON text (keys in a fixed order: byte-identical per ``as_of``)."""
    return json.dumps(json_resume(r), indent=2, ensure_ascii=False) + "\n"
