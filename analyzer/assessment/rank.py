"""The batch ranking key: how a folder of resumes from different stages is ordered.

A score says how strong a resume is *for the stage it shows*, so scores are not compared across
stages. The order is: medical-coding resumes first; then resumes whose credibility findings cost
less than ``FLAGGED`` points before those that cost more (claims the years cannot support do not
buy a higher band); then stage band (senior, mid, entry); then score (high first); then file
name. A strong mid coder therefore ranks above a student with two good numbers, and within a band
the better resume ranks first.
"""

from __future__ import annotations

from analyzer.models.report import LEVELS, Report

BANDS = tuple(reversed(LEVELS))  # highest band first
# Credibility penalty points at which a resume is ranked after every credible one.
FLAGGED = 15


def _penalty(report: Report) -> int:
    return sum(c.penalty for c in report.credibility)


def rank_key(report: Report) -> tuple:
    """Sort key (ascending) for an analysed report; see the module docstring."""
    coding = bool(report.domain and report.domain.medical_coding)
    band = BANDS.index(report.stage.level) if report.stage else len(BANDS)
    score = report.score.overall if report.score else 0
    return (not coding, _penalty(report) >= FLAGGED, band, -score, report.file)


def rank_label(report: Report) -> str:
    """The key as people read it: ``"senior 82"``, ``"flagged mid 48"``, ``"not coding 25"``."""
    score = report.score.overall if report.score else 0
    if not (report.domain and report.domain.medical_coding):
        return f"not coding {score}"
    flag = "flagged " if _penalty(report) >= FLAGGED else ""
    return f"{flag}{report.stage.level if report.stage else '-'} {score}"
