"""What the rule engine finds, each item carrying its evidence."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from analyzer.models.base import Frozen

CredentialStatus = Literal["held", "apprentice", "in_progress", "lapsed", "mentioned"]
ToolCategory = Literal["ehr", "encoder", "cac", "billing", "clearinghouse", "analytics", "other"]
# A metric kind is a name from the rule pack's registry (``rules/metrics.toml [registry]``); the
# shipped kinds are accuracy, first_pass_rate, denial_reduction, denial_rate, volume, revenue,
# turnaround, team_size and other. ``resume-analyzer schema`` lists the registry's kinds.
MetricKind = str
Unit = Literal["percent", "count", "usd", "days", "hours", "people"]
Period = Literal["hour", "day", "week", "month", "quarter", "year"]


class MetricKindInfo(Frozen):
    """One metric kind in the rule pack's registry (``metrics.toml [registry.<kind>]``).

    Attributes:
        label: How people read it (table columns, suggestions, match features).
        direction: ``higher`` or ``lower`` is better, or ``none`` (a size, not a target).
        rank: Display order (1 first): the strongest evidence to a hiring manager first.
        column: The unit of its own numeric column in batch exports (the value of the resume's
            first result of this kind in that unit), or ``None`` for no column.
        standard: Whether a job posting can set it as a standard to meet ("95% accuracy").
    """

    label: str
    direction: Literal["higher", "lower", "none"]
    rank: int
    column: Unit | None = None
    standard: bool = False


class Evidence(Frozen):
    """Where a finding came from: line index, character span in that line, the rule and why."""

    line: int
    start: int
    end: int
    text: str
    rule: str
    explanation: str


class Credential(Frozen):
    id: str
    name: str
    body: str
    status: CredentialStatus
    evidence: list[Evidence]


class CodeSet(Frozen):
    id: str
    evidence: list[Evidence]


class Tool(Frozen):
    """A software product. ``confidence`` is 1.0 for a product in the vocabulary and lower for
    an unlisted name read from a software/systems list (reported rather than dropped)."""

    id: str
    category: ToolCategory
    evidence: list[Evidence]
    confidence: float = 1.0


class Specialty(Frozen):
    id: str
    evidence: list[Evidence]


class Metric(Frozen):
    kind: MetricKind
    value: float
    value_max: float | None = None
    baseline: float | None = None
    unit: Unit | None = None
    period: Period | None = None
    object: str | None = None
    text: str
    evidence: list[Evidence]


class Position(Frozen):
    title: str
    employer: str | None = None
    start: str | None = None
    end: str | None = None
    current: bool = False
    coding_related: bool = False
    counted: bool = False
    line: int | None = None
    end_line: int | None = None


class Experience(Frozen):
    years: float = 0.0
    positions: list[Position] = Field(default_factory=list)


class Candidate(Frozen):
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    links: list[str] = Field(default_factory=list)


class Domain(Frozen):
    medical_coding: bool
    confidence: float
    document: Literal["resume", "job_posting"] = "resume"
    reasons: list[str] = Field(default_factory=list)


class Findings(Frozen):
    """Everything the rule engine extracted from one document."""

    candidate: Candidate = Field(default_factory=Candidate)
    domain: Domain = Field(default_factory=lambda: Domain(medical_coding=False, confidence=0.0))
    credentials: list[Credential] = Field(default_factory=list)
    code_sets: list[CodeSet] = Field(default_factory=list)
    tools: list[Tool] = Field(default_factory=list)
    specialties: list[Specialty] = Field(default_factory=list)
    metrics: list[Metric] = Field(default_factory=list)
    experience: Experience = Field(default_factory=Experience)


def metric_value(m: Metric) -> str:
    """``97.5%``, ``$184,000``, ``60/day encounter``, ``4 days (from 9)``."""

    def one(v: float | None) -> str:
        if v is None:
            return ""
        num = f"{v:,.0f}" if v == int(v) else f"{v:,.2f}".rstrip("0").rstrip(".")
        if m.unit == "usd":
            return f"${num}"
        if m.unit == "percent":
            return f"{num}%"
        if m.unit in ("days", "hours"):
            return f"{num} {m.unit}"
        return num

    text = one(m.value) + (f"–{one(m.value_max)}" if m.value_max is not None else "")
    if m.period:
        text += f"/{m.period}"
    if m.object:
        text += f" {m.object}"
    if m.baseline is not None:
        text += f" (from {one(m.baseline)})"
    return text
