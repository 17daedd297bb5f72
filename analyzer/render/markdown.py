"""Markdown report, for pasting into a ticket or an e-mail."""

from __future__ import annotations

import re

from analyzer.models.analysis import Analysis
from analyzer.names import printable
from analyzer.render.common import (
    metric_value,
    money,
    position_label,
    position_note,
)


_INLINE = re.compile(r"([\\`*_\[\]|~])")
_BLOCK_START = re.compile(r"^(\s*)(#|[+=-](?=\s|$)|\d{1,9}(?=[.)](?:\s|$)))")
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """Resume or posting text (or a file name) as inert Markdown: HTML special characters become
    entities (no tag, comment or entity of the source survives a render), Markdown punctuation is
    backslash-escaped (no emphasis, code span, link, image or table cell break), a leading list or
    heading marker is escaped, line breaks become spaces and control characters are shown."""
    text = printable(" ".join(text.split("\n"))).replace("\r", " ")
    text = _INLINE.sub(r"\\\1", text.translate(_HTML))
    return _BLOCK_START.sub(_escape_marker, text)


def _escape_marker(m: re.Match) -> str:
    marker = m.group(2)
    if marker[0].isdigit():  # "1. " starts a list: escape its dot
        return m.group(1) + marker + "\\"
    return m.group(1) + "\\" + marker


def render_markdown(analysis: Analysis, view: str = "score") -> str:
    r = analysis.report
    out = [f"# Resume analysis: {escape(r.candidate.name or r.file)}", ""]
    if r.error:
        out += [f"**Could not analyse** {escape(r.file)}: {escape(r.error.message)} ({r.error.code})", ""]
        return "\n".join(out)
    st, sc = r.stage, r.score
    out.append(f"*File:* {escape(r.file)} · *as of* {r.as_of}")
    if r.domain and not r.domain.medical_coding:
        out += ["", f"> **Not a medical-coding resume** ({'; '.join(r.domain.reasons)})"]
    out += [
        "",
        f"## Score: {sc.overall}/100",
        "",
        "| Component | Score | Weight | Why |",
        "|---|---:|---:|---|",
    ]
    for name, comp in sc.components.items():
        out.append(
            f"| {(comp.label or name)} | {comp.score} | {comp.weight:.2f} | {escape('; '.join(comp.reasons))} |"
        )
    if r.credibility:
        out += ["", "### Claims a reader would question", ""]
        out += [
            f"- {escape(c.message)}" + (f" (−{c.penalty} points)" if c.penalty else "")
            for c in r.credibility
        ]
    out += ["", f"## Stage: {st.level}" + (f" · {st.track}" if st.track else ""), ""]
    if st.salary_band:
        b = st.salary_band
        out.append(
            f"Salary band ({b.percentiles} percentile): **{money(b.low)} – {money(b.high)}** ({b.source})"
        )
        out.append("")
    out += [f"- {escape(x)}" for x in st.reasons]
    if view == "score":
        out += ["", "## Findings", ""]
        out.append(
            "- **Credentials:** "
            + (
                ", ".join(f"{c.id} ({c.status.replace('_', ' ')}, {c.body})" for c in r.credentials)
                or "none"
            )
        )
        out.append("- **Code sets:** " + (", ".join(c.id for c in r.code_sets) or "none"))
        out.append(
            "- **Tools:** " + (", ".join(f"{t.id} ({t.category})" for t in r.tools) or "none")
        )
        out.append("- **Specialties:** " + (", ".join(s.id for s in r.specialties) or "none"))
        out.append(f"- **Experience:** {r.experience.years:g} years of coding/HIM work")
        out += ["", "### Metrics", ""]
        if r.metrics:
            out += ["| Kind | Value | Line | Text |", "|---|---|---:|---|"]
            for m in r.metrics:
                out.append(
                    f"| {m.kind} | {escape(metric_value(m))} | {m.evidence[0].line + 1} | {escape(m.text)} |"
                )
        else:
            out.append("_No quantified results found._")
        out += ["", "### Positions", ""]
        for p in r.experience.positions:
            out.append(
                f"- {escape(position_label(p))}" + ("" if p.counted else f" — {position_note(p)}")
            )
    if view == "match" and r.match:
        from analyzer.render.match import match_markdown

        return "\n".join(out + [""] + match_markdown(r))
    out += ["", "## Suggestions", ""]
    later_steps = [x for x in st.next_steps if x not in {s.message for s in r.suggestions}]
    if view == "suggest" and later_steps:
        out += ["**Next steps for your stage**", ""] + [f"- {escape(x)}" for x in later_steps] + [""]
    for n, s in enumerate(r.suggestions, 1):
        where = (
            f" (line {s.line + 1})"
            if s.line is not None and s.category != "unquantified_bullet"
            else ""
        )
        out.append(f"{n}. **[{s.priority}]** {escape(s.message)}{where}")
        if s.example:
            out.append(f"   - *Example:* {escape(s.example)}")
    out.append("")
    return "\n".join(out)
