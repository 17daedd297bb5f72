"""resume-analyzer: offline analysis of medical-coder resumes.

Example:
    >>> from datetime import date
    >>> from analyzer import analyze
    >>> report = analyze("cv.pdf", as_of=date(2026, 11, 26))  # doctest: +SKIP
    >>> report.stage.level, report.score.overall  # doctest: +SKIP
"""

from analyzer.models.analysis import Analysis
from analyzer.pipeline import Analyzer, analyze, match

__version__ = "0.1.0"
__all__ = ["Analysis", "Analyzer", "analyze", "match", "__version__"]
