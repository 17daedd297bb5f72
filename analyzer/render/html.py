"""The HTML report: score gauge and component bars (inline SVG), the resume's lines with evidence
highlighted, and each suggestion beside the line it is about.

Pages come from Jinja2 templates (``analyzer/render/templates``, autoescaped), shared by the CLI's
``--format html`` (one self-contained file, CSS inlined) and the web app's pages (CSS served
locally). This module only turns a report into the values the templates show."""

from __future__ import annotations

import math
from functools import lru_cache
from importlib.resources import files
from types import SimpleNamespace

import jinja2

from analyzer.models.analysis import Analysis
from analyzer.models.report import Report
from analyzer.render.common import (
    metric_value,
    money,
    position_label,
    position_note,
)

__all__ = ["TEMPLATES", "environment", "render_html", "report_view"]

TEMPLATES = files("analyzer.render") / "templates"
# Report list -> the CSS class its evidence is highlighted with.
_HIGHLIGHTED = {
    "credentials": "credential",
    "code_sets": "code_set",
    "tools": "tool",
    "specialties": "specialty",
}

_GAUGE_RADIUS = 52


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The templates, autoescaped (anything copied from a resume or posting is inert)."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def report_css() -> str:
    """The report's style sheet (inlined by the CLI, served as ``/static/report.css`` by the app)."""
    return (TEMPLATES / "report.css").read_text(encoding="utf-8")


def band_class(score: int) -> str:
    """``good`` (75+), ``warn`` (50-74) or ``bad``: the colour a score is drawn in."""
    return "good" if score >= 75 else "warn" if score >= 50 else "bad"


def _segments(text: str, spans: list[tuple[int, int, str, str]]) -> list[tuple[str, str, str]]:
    """``text`` cut into ``(piece, class, title)``: highlighted spans and the plain text between
    (overlapping or out-of-range spans are dropped; the text is never searched again)."""
    out, pos = [], 0
    for start, end, cls, title in sorted(spans):
        if start < pos or end > len(text):
            continue
        if start > pos:
            out.append((text[pos:start], "", ""))
        out.append((text[start:end], cls, title))
        pos = end
    if pos < len(text):
        out.append((text[pos:], "", ""))
    return out


def _lines(analysis: Analysis) -> list[SimpleNamespace] | None:
    """The document's lines with highlights, metric tags and the suggestions about each line."""
    r, doc = analysis.report, analysis.document
    if doc is None:
        return None
    spans: dict[int, list[tuple[int, int, str, str]]] = {}
    for field, cls in _HIGHLIGHTED.items():
        for item in getattr(r, field):
            for e in item.evidence:
                spans.setdefault(e.line, []).append((e.start, e.end, cls, e.explanation))
    metrics: dict[int, list[str]] = {}
    for m in r.metrics:
        for e in m.evidence:
            metrics.setdefault(e.line, []).append(f"{m.kind.replace('_', ' ')}: {metric_value(m)}")
    notes: dict[int, list] = {}
    for s in r.suggestions:
        if s.line is not None:
            notes.setdefault(s.line, []).append(s)
    return [
        SimpleNamespace(
            number=line.index + 1,
            heading=line.heading,
            bullet=line.bullet,
            text=line.text,
            segments=_segments(line.text, spans.get(line.index, [])),
            metrics=metrics.get(line.index, []),
            notes=notes.get(line.index, []),
        )
        for line in doc.lines
    ]


def _match_view(r: Report) -> SimpleNamespace | None:
    from analyzer.render.match import MARKS, how, ordered

    m = r.match
    if m is None:
        return None
    rows = [
        SimpleNamespace(
            mark=MARKS[q.status],
            status=q.status,
            label=q.label,
            strength=how(q),
            note=q.note,
            posting_line=q.posting.line + 1,
            posting_text=q.posting.text,
            resume=f"line {q.resume[0].line + 1}: {q.resume[0].text}" if q.resume else "",
        )
        for q in ordered(m)
    ]
    return SimpleNamespace(
        job=m.job,
        score=m.score,
        cls=band_class(m.score),
        rows=rows,
        standards=[f"{MARKS[s.status]} {s.label}: {s.note}" for s in m.standards],
        feature=[f.note for f in m.feature],
        guidance=m.guidance,
    )


def report_view(analysis: Analysis, view: str = "score") -> SimpleNamespace:
    """What ``report_body.html`` shows for ``analysis`` (``view`` ``match`` adds the fit table)."""
    r = analysis.report
    if r.error:
        return SimpleNamespace(report=r)
    st, sc, c = r.stage, r.score, r.candidate
    band = st.salary_band
    circumference = 2 * math.pi * _GAUGE_RADIUS
    return SimpleNamespace(
        report=r,
        score=sc.overall,
        score_cls=band_class(sc.overall),
        gauge_dash=f"{circumference * sc.overall / 100:.1f}",
        gauge_circ=f"{circumference:.1f}",
        contact=" · ".join(x for x in (c.email, c.phone, c.location) if x),
        band=(
            f"BLS {band.percentiles} percentile {money(band.low)}–{money(band.high)}"
            if band
            else ""
        ),
        match=_match_view(r) if view == "match" else None,
        components=[
            SimpleNamespace(
                label=comp.label or name,
                weight=comp.weight,
                score=comp.score,
                cls=band_class(comp.score),
                reasons="; ".join(comp.reasons),
            )
            for name, comp in sc.components.items()
        ],
        chips=[
            (
                "Credentials",
                [
                    (f"{x.id} · {x.status.replace('_', ' ')}", f"status-{x.status}")
                    for x in r.credentials
                ],
            ),
            ("Code sets", [(x.id, "") for x in r.code_sets]),
            ("Tools", [(f"{x.id} · {x.category}", "") for x in r.tools]),
            ("Specialties", [(x.id, "") for x in r.specialties]),
        ],
        metrics=[
            (m.kind.replace("_", " "), metric_value(m), m.evidence[0].line + 1, m.text)
            for m in r.metrics
        ],
        positions=[
            (position_label(p), "" if p.counted else position_note(p))
            for p in r.experience.positions
        ],
        # Without the document, suggestions about a line are listed with its number instead.
        general=[s for s in r.suggestions if s.line is None or analysis.document is None],
        lines=_lines(analysis),
    )


def render_html(analysis: Analysis, view: str = "score") -> str:
    """One self-contained HTML page for ``analysis`` (no network assets; CSS inlined)."""
    template = environment().get_template("report.html")
    return (
        template.render(
            standalone=True,
            css=report_css(),
            r=analysis.report,
            v=report_view(analysis, view),
        ).rstrip("\n")
        + "\n"
    )
