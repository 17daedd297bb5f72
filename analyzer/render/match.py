"""The job-fit view (``match``) in text and Markdown (HTML: ``templates/report_body.html``)."""

from __future__ import annotations

import textwrap

from analyzer.models.match import Match, Requirement
from analyzer.models.report import Report

_ORDER = {
    ("required", "missing"): 0,
    ("required", "partial"): 1,
    ("preferred", "missing"): 2,
    ("preferred", "partial"): 3,
    ("required", "met"): 4,
    ("preferred", "met"): 5,
}
MARKS = {"met": "✓", "partial": "~", "missing": "✗", "below": "~", "not_shown": "·"}
_GROUP = {"single": "", "any": "any one", "all": "list", "example": "examples"}


def how(q: Requirement) -> str:
    """``must, weight 4`` / ``plus, weight 1, list``: how the requirement counts in the fit."""
    parts = ["must" if q.strength == "required" else "plus", f"weight {q.weight:g}"]
    return ", ".join(parts + ([_GROUP[q.group]] if _GROUP[q.group] else []))


def ordered(m: Match):
    """Requirements with unmet must-haves first."""
    return sorted(m.requirements, key=lambda q: (_ORDER[(q.strength, q.status)], q.posting.line))


def match_text(r: Report, width: int = 80) -> list[str]:
    m = r.match
    out = [f"FIT {m.score:>3}/100  for {m.job}"]
    met = sum(q.status == "met" for q in m.requirements)
    out.append(f"  {met} of {len(m.requirements)} requirements met")
    for q in ordered(m):
        head = f"  {MARKS[q.status]} [{how(q)}] {q.label}: {q.note}"
        out.extend(textwrap.wrap(head, width, subsequent_indent="      "))
        out.extend(
            textwrap.wrap(
                f"posting line {q.posting.line + 1}: {q.posting.text}",
                width,
                initial_indent="      ",
                subsequent_indent="        ",
            )
        )
        for e in q.resume[:1]:
            out.extend(
                textwrap.wrap(
                    f"resume line {e.line + 1}: {e.text}",
                    width,
                    initial_indent="      ",
                    subsequent_indent="        ",
                )
            )
    if m.standards:
        out.append("  Standards the posting states (compared, not required):")
        for s in m.standards:
            out.extend(
                textwrap.wrap(
                    f"{MARKS[s.status]} {s.label}: {s.note}",
                    width,
                    initial_indent="    ",
                    subsequent_indent="      ",
                )
            )
    if m.feature:
        out.append("  Feature:")
        for f in m.feature:
            out.extend(
                textwrap.wrap(f.note, width, initial_indent="    - ", subsequent_indent="      ")
            )
    out.append("  Guidance:")
    for g in m.guidance:
        out.extend(textwrap.wrap(g, width, initial_indent="    - ", subsequent_indent="      "))
    return out


def match_markdown(r: Report) -> list[str]:
    from analyzer.render.markdown import escape

    m = r.match
    out = [
        f"## Fit: {m.score}/100",
        "",
        f"Posting: {escape(m.job)}",
        "",
        "| | Requirement | Counts as | Status | Posting | Resume |",
        "|---|---|---|---|---|---|",
    ]
    for q in ordered(m):
        resume = f"line {q.resume[0].line + 1}: {q.resume[0].text}" if q.resume else ""
        cells = [
            MARKS[q.status],
            q.label,
            how(q),
            f"{q.status}: {q.note}",
            f"line {q.posting.line + 1}: {q.posting.text}",
            resume,
        ]
        out.append("| " + " | ".join(escape(c) for c in cells) + " |")
    if m.standards:
        out += ["", "**Standards the posting states** (compared, not required)", ""]
        out += [f"- {MARKS[s.status]} {escape(s.label)}: {escape(s.note)}" for s in m.standards]
    if m.feature:
        out += ["", "**Feature**", ""] + [f"- {escape(f.note)}" for f in m.feature]
    out += ["", "**Guidance**", ""] + [f"- {escape(g)}" for g in m.guidance] + [""]
    return out
