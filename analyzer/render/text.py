"""The terminal report: readable in 80 columns, coloured only when writing to a terminal."""

from __future__ import annotations

import textwrap

from analyzer.models.analysis import Analysis
from analyzer.render.common import (
    metric_value,
    money,
    position_label,
    position_note,
)

WIDTH = 80


class _Style:
    def __init__(self, color: bool) -> None:
        self.color = color

    def _wrap(self, code: str, s: str) -> str:
        return f"\033[{code}m{s}\033[0m" if self.color else s

    def bold(self, s: str) -> str:
        return self._wrap("1", s)

    def dim(self, s: str) -> str:
        return self._wrap("2", s)

    def good(self, s: str) -> str:
        return self._wrap("32", s)

    def warn(self, s: str) -> str:
        return self._wrap("33", s)

    def bad(self, s: str) -> str:
        return self._wrap("31", s)

    def level(self, score: int, s: str) -> str:
        return self.good(s) if score >= 75 else self.warn(s) if score >= 50 else self.bad(s)


def _bar(score: int, width: int = 20) -> str:
    filled = round(score / 100 * width)
    return "█" * filled + "░" * (width - filled)


def _para(text: str, indent: str = "  ", first: str | None = None) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=first if first is not None else indent, subsequent_indent=indent
    ) or [first or indent]


def _items(label: str, items: list[str], s: _Style) -> list[str]:
    body = " · ".join(items) if items else s.dim("none found")
    return textwrap.wrap(
        body, WIDTH, initial_indent=f"{label:<13}", subsequent_indent=" " * 13
    ) or [label]


def render_text(analysis: Analysis, view: str = "score", color: bool = False) -> str:
    r = analysis.report
    s = _Style(color)
    out: list[str] = []
    out.append(s.bold(f"resume-analyzer · {r.file}")[: WIDTH + (20 if color else 0)])
    if r.error:
        out.append(s.bad(f"error ({r.error.code}): {r.error.message}"))
        return "\n".join(out) + "\n"
    c = r.candidate
    who = " · ".join(x for x in (c.name, c.email, c.phone, c.location) if x)
    out.extend(
        s.dim(x) for x in _para(f"{who}  (as of {r.as_of})" if who else f"as of {r.as_of}", "", "")
    )
    if r.domain and not r.domain.medical_coding:
        out.extend(
            s.warn(x)
            for x in _para(
                f"Not a medical-coding resume (confidence {r.domain.confidence:.2f}): "
                + "; ".join(r.domain.reasons),
                "  ",
                "",
            )
        )
    sc, st = r.score, r.stage
    out.append("")
    out.append(
        s.bold("SCORE ")
        + s.level(sc.overall, f"{sc.overall:>3}/100 {_bar(sc.overall)}")
        + s.dim(f"  v{sc.version}")
    )
    for name, comp in sc.components.items():
        label = (comp.label or name)
        out.append(f"  {label:<27}{comp.score:>4} {_bar(comp.score, 12)} ×{comp.weight:.2f}")
        if view == "score":
            for reason in comp.reasons[:2]:
                out.extend(s.dim(x) for x in _para(reason, " " * 6))
    if r.credibility:
        out.append("")
        out.append(s.bold("CLAIMS A READER WOULD QUESTION"))
        for c in r.credibility:
            cost = f" (-{c.penalty} points)" if c.penalty else ""
            out.extend(_para(c.message + cost, "    ", "  - "))
    out.append("")
    track = f" · track: {st.track}" if st.track else ""
    out.append(s.bold("STAGE ") + f"{st.level}{track} (confidence {st.confidence:.2f})")
    if st.salary_band:
        b = st.salary_band
        out.append(f"  Salary band ({b.percentiles} percentile): {money(b.low)} – {money(b.high)}")
        out.extend(s.dim(x) for x in _para(b.source, "    "))
    for reason in st.reasons:
        out.extend(_para(reason, "    ", "  - "))
    if view in ("score", "match"):
        out.append("")
        cred = [f"{x.id} ({x.status.replace('_', ' ')})" for x in r.credentials]
        out.extend(_items("Credentials", cred, s))
        out.extend(_items("Code sets", [x.id for x in r.code_sets], s))
        out.extend(_items("Tools", [f"{x.id} ({x.category})" for x in r.tools], s))
        out.extend(_items("Specialties", [x.id for x in r.specialties], s))
        out.append("")
        out.append(s.bold("METRICS ") + f"{len(r.metrics)} quantified result(s)")
        for m in r.metrics:
            line = m.evidence[0].line + 1 if m.evidence else "?"
            out.extend(
                _para(f'{m.kind:<17}{metric_value(m)}  — line {line}: "{m.text}"', " " * 21, "  ")
            )
        out.append("")
        out.append(s.bold("EXPERIENCE ") + f"{r.experience.years:g} years of coding/HIM work")
        for p in r.experience.positions:
            note = s.good(position_note(p)) if p.counted else s.dim(position_note(p))
            out.extend(_para(f"{position_label(p)} · {note}", "    ", "  "))
    if view == "match" and r.match:
        from analyzer.render.match import match_text

        out.append("")
        out.extend(match_text(r, WIDTH))
        return "\n".join(out) + "\n"
    out.append("")
    shown = r.suggestions if view == "suggest" else r.suggestions[:5]
    title = "SUGGESTIONS" if view == "suggest" else "TOP SUGGESTIONS"
    out.append(
        s.bold(title)
        + (
            f" (showing {len(shown)} of {len(r.suggestions)}; run `suggest` for all)"
            if len(shown) < len(r.suggestions)
            else ""
        )
    )
    later_steps = [x for x in st.next_steps if x not in {s.message for s in r.suggestions}]
    if later_steps and view == "suggest":
        out.append("  Next steps for your stage:")
        for step in later_steps:
            out.extend(_para(step, "      ", "    - "))
    doc = analysis.document
    for n, sug in enumerate(shown, 1):
        pr = {"high": s.bad, "medium": s.warn, "low": s.dim}[sug.priority](f"[{sug.priority}]")
        out.extend(_para(f"{n}. {pr} {sug.message}", "     ", "  "))
        if (
            view == "suggest"
            and sug.line is not None
            and doc
            and sug.category != "unquantified_bullet"
        ):
            out.extend(
                s.dim(x)
                for x in _para(
                    f"line {sug.line + 1}: {doc.lines[sug.line].text}", "       ", "     "
                )
            )
        if sug.example:
            out.extend(s.good(x) for x in _para(f"e.g. {sug.example}", "       ", "     "))
    return "\n".join(out) + "\n"
