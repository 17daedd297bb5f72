"""How well a resume fits one job posting (the ``match`` object of the report)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from analyzer.models.base import Frozen
from analyzer.models.findings import Evidence


class PostingLine(Frozen):
    """Where in the posting a requirement was read."""

    line: int
    text: str


class Requirement(Frozen):
    """One requirement of the posting and whether the resume meets it.

    ``fixable`` says whether honest wording can close the gap (a code set or tool the candidate
    really uses but did not name) or not (a credential, years of experience).
    """

    id: str
    kind: Literal[
        "credential", "years", "code_set", "tool", "specialty", "education", "metric", "level"
    ]
    label: str
    strength: Literal["required", "preferred"]
    status: Literal["met", "partial", "missing"]
    alternatives: list[str] = Field(default_factory=list)
    posting: PostingLine
    resume: list[Evidence] = Field(default_factory=list)
    note: str
    fixable: bool


class Feature(Frozen):
    """A result in the resume that answers a standard the posting states."""

    kind: str
    posting: PostingLine
    resume: Evidence
    note: str


class Match(Frozen):
    score: int
    job: str
    requirements: list[Requirement]
    missing: list[str] = Field(default_factory=list)
    feature: list[Feature] = Field(default_factory=list)
    guidance: list[str] = Field(default_factory=list)
