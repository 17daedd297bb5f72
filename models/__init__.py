"""Pydantic models shared by every layer: documents, findings and reports.

Nothing here imports from ``analyzer`` or ``rules``; data flows analyzer -> rules -> models.
"""

from analyzer.models.document import Document, Line, Section
from analyzer.models.findings import (
    Candidate,
    CodeSet,
    Credential,
    Domain,
    Evidence,
    Experience,
    Findings,
    Metric,
    Position,
    Specialty,
    Tool,
)
from analyzer.models.match import Feature, Match, PostingLine, Requirement
from analyzer.models.report import (
    Component,
    ErrorInfo,
    Report,
    SalaryBand,
    Score,
    Stage,
    Suggestion,
)

__all__ = [
    "Candidate",
    "CodeSet",
    "Component",
    "Credential",
    "Document",
    "Domain",
    "ErrorInfo",
    "Evidence",
    "Experience",
    "Feature",
    "Findings",
    "Line",
    "Match",
    "Metric",
    "Position",
    "PostingLine",
    "Report",
    "Requirement",
    "SalaryBand",
    "Score",
    "Section",
    "Specialty",
    "Stage",
    "Suggestion",
    "Tool",
]
