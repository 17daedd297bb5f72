"""Renderers: a report (and its document) as text, JSON, Markdown, HTML or JSON Resume; batch
exports (table, CSV, XLSX) live in ``table``, ``csvfile`` and ``xlsx``."""

from __future__ import annotations

import json

from analyzer.models.analysis import Analysis
from analyzer.models.report import Report

FORMATS = ("text", "json", "markdown", "html", "jsonresume")

__all__ = ["FORMATS", "render", "report_json"]


def report_json(report: Report, indent: int | None = 2) -> str:
    """The JSON contract: ``Report.model_dump(mode="json")``, keys in model order (deterministic)."""
    return json.dumps(report.model_dump(mode="json"), indent=indent, ensure_ascii=False)


def render(analysis: Analysis, fmt: str, view: str = "score", color: bool = False) -> str:
    """Render ``analysis`` for ``view`` (``score``, ``suggest`` or ``match``) in ``fmt``."""
    if fmt == "json":
        return report_json(analysis.report) + "\n"
    if fmt == "jsonresume":
        from analyzer.render.jsonresume import render_jsonresume

        return render_jsonresume(analysis.report)
    if fmt == "markdown":
        from analyzer.render.markdown import render_markdown

        return render_markdown(analysis, view)
    if fmt == "html":
        from analyzer.render.html import render_html

        return render_html(analysis, view)
    from analyzer.render.text import render_text

    return render_text(analysis, view, color=color)
