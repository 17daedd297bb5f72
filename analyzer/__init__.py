"""resume-analyzer: offline analysis of medical-coder resumes.

The public names load on first use, so ``import analyzer`` (and the CLI's ``--help``, ``schema`` and
``text``) never import spaCy.

Example:
    >>> from datetime import date
    >>> from analyzer import analyze
    >>> report = analyze("cv.pdf", as_of=date(2026, 11, 26))  # doctest: +SKIP
    >>> report.stage.level, report.score.overall  # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Analysis", "Analyzer", "analyze", "match", "__version__"]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from analyzer.models.analysis import Analysis
    from analyzer.pipeline import Analyzer, analyze, match


def __getattr__(name: str):
    """Load the pipeline (rules, spaCy) when one of its names is first used."""
    if name == "Analysis":
        from analyzer.models.analysis import Analysis

        return Analysis
    if name in ("Analyzer", "analyze", "match"):
        from analyzer import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'analyzer' has no attribute {name!r}")
