"""resume-analyzer: offline analysis of medical-coder resumes.

The public names load on first use, so ``import analyzer`` (and the CLI's ``--help``, ``schema`` and
``text``) never import spaCy or the rule engine.

Example:
    >>> from datetime import date
    >>> from analyzer import analyze
    >>> report = analyze("cv.pdf", as_of=date(2026, 11, 26))  # doctest: +SKIP
    >>> report.stage.level, report.score.overall  # doctest: +SKIP
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["Analysis", "Analyzer", "analyze", "match", "__version__"]

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from analyzer.models.analysis import Analysis
    from analyzer.pipeline import Analyzer, analyze, match


def _public(name: str):
    def get(module):
        if name == "Analysis":
            from analyzer.models.analysis import Analysis

            return Analysis
        from analyzer import pipeline

        return getattr(pipeline, name)

    def keep(module, value) -> None:
        """Importing the submodule ``analyzer.match`` binds it here; the public ``match`` (the
        function) stays what ``analyzer.match`` means."""

    return property(get, keep)


class _Package(types.ModuleType):
    """The package, with its public names loaded on first use."""

    Analysis = _public("Analysis")
    Analyzer = _public("Analyzer")
    analyze = _public("analyze")
    match = _public("match")


sys.modules[__name__].__class__ = _Package
