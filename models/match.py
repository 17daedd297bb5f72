"""How well a resume fits one job posting (the ``match`` object of the report)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from analyzer.models.base import Frozen
from analyzer.models.findings import Evidence


class PostingLine(Frozen):
    """Where in the posting a requirement or standard was read."""

    line: int
    text: str


class Requirement(Frozen):
    """One requirement of the posting and whether the resume meets it.

    ``group`` says how its ``items`` combine: ``single``; ``any`` (any one meets it: "CPC or CCS");
    ``all`` (a list, "CPT and HCPCS": partly met by some, ``credit`` is the share shown); ``example``
    ("an EHR such as Epic or Cerner": any item, or another product of the same kind). ``weight`` is
    its kind's weight in the fit. ``fixable`` says whether honest wording can close the gap (a code
    set or tool the candidate really uses but did not name) or not (a credential, years).
    """

    id: str
    kind: Literal["credential", "years", "code_set", "tool", "specialty", "education", "level"]
    label: str
    strength: Literal["required", "preferred"]
    status: Literal["met", "partial", "missing"]
    weight: float
    group: Literal["single", "any", "all", "example"] = "single"
    items: list[str] = Field(default_factory=list)
    credit: float
    alternatives: list[str] = Field(default_factory=list)
    posting: PostingLine
    resume: list[Evidence] = Field(default_factory=list)
    note: str
    fixable: bool


class Standard(Frozen):
    """A metric standard the posting states (often under its duties: "maintain 95% accuracy") and
    the resume's best figure of that kind. Standards never count as requirements; ``strength``
    (0 when no comparable figure is shown, 1 when the standard is just met, up to 1.5) breaks ties."""

    kind: str
    label: str
    posting: PostingLine
    status: Literal["met", "below", "not_shown"]
    strength: float
    resume: list[Evidence] = Field(default_factory=list)
    note: str


class Feature(Frozen):
    """A result in the resume that answers a standard the posting states."""

    kind: str
    posting: PostingLine
    resume: Evidence
    note: str


class TieBreak(Frozen):
    """The evidence that orders candidates of equal fit (see ``analyzer.ranking``): preferred items
    met (partial ones count their credit), strength against the posting's standards, how far the
    years are from the main years asked (``None`` when the posting asks none)."""

    preferred_met: float
    standards: float
    years_gap: float | None = None


class Match(Frozen):
    score: int
    job: str
    requirements: list[Requirement]
    missing: list[str] = Field(default_factory=list)
    standards: list[Standard] = Field(default_factory=list)
    feature: list[Feature] = Field(default_factory=list)
    guidance: list[str] = Field(default_factory=list)
    tiebreak: TieBreak
