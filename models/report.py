"""The report contract (``schema_version`` 1): what ``--format json`` prints."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field

from analyzer.models.base import Frozen
from analyzer.models.document import Section
from analyzer.models.findings import (
    Candidate,
    CodeSet,
    Credential,
    Domain,
    Evidence,
    Experience,
    Metric,
    Specialty,
    Tool,
)
from analyzer.models.match import Match

ErrorCode = Literal[
    "not_found",
    "unsupported_format",
    "empty",
    "no_text",
    "encrypted",
    "corrupt",
    "too_large",
    "timeout",
    "internal_error",
]
Level = Literal["entry", "mid", "senior"]
# The stages in career order (the one place that order is written).
LEVELS: tuple[str, ...] = get_args(Level)
Priority = Literal["high", "medium", "low"]


class ErrorInfo(Frozen):
    code: ErrorCode
    message: str


class SalaryBand(Frozen):
    low: int
    high: int
    percentiles: str
    source: str


class Stage(Frozen):
    level: Level
    track: str | None = None
    confidence: float
    reasons: list[str] = Field(default_factory=list)
    salary_band: SalaryBand | None = None
    next_steps: list[str] = Field(default_factory=list)


class Component(Frozen):
    score: int
    weight: float = 0.0
    label: str | None = None
    reasons: list[str] = Field(default_factory=list)


class Score(Frozen):
    overall: int
    version: str
    components: dict[str, Component] = Field(default_factory=dict)


class Suggestion(Frozen):
    id: str
    category: str
    priority: Priority
    message: str
    example: str | None = None
    line: int | None = None


class Credibility(Frozen):
    """A claim a hiring manager would doubt (a percentage over 100, a volume no one coder
    reaches, a senior credential the years shown cannot support, hidden text), with its evidence
    and what it cost the score. Never a silent change: every score effect is listed here.

    Attributes:
        id: Stable check id (``percent_over_100``, ``implausible_volume``, ``hidden_text``, ...).
        severity: ``warning`` lowers the score; ``info`` is shown only.
        message: One sentence for people.
        penalty: Points taken off the overall score (0 for ``info``).
        evidence: The lines the check is about.
    """

    id: str
    severity: Literal["info", "warning"]
    message: str
    penalty: int = 0
    evidence: list[Evidence] = Field(default_factory=list)


class Report(Frozen):
    """One analysed resume. ``Report.model_dump(mode="json")`` is the JSON contract."""

    schema_version: str = "1"
    file: str
    as_of: str
    error: ErrorInfo | None = None
    domain: Domain | None = None
    candidate: Candidate = Field(default_factory=Candidate)
    sections: list[Section] = Field(default_factory=list)
    credentials: list[Credential] = Field(default_factory=list)
    code_sets: list[CodeSet] = Field(default_factory=list)
    tools: list[Tool] = Field(default_factory=list)
    specialties: list[Specialty] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    experience: Experience = Field(default_factory=Experience)
    stage: Stage | None = None
    score: Score | None = None
    suggestions: list[Suggestion] = Field(default_factory=list)
    credibility: list[Credibility] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    duplicate_of: list[str] = Field(default_factory=list)
    duplicate_group: int | None = None
    match: Match | None = None
