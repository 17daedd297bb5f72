"""Small formatting helpers shared by the text, Markdown and HTML renderers."""

from __future__ import annotations

from analyzer.models.findings import Metric, Position

COMPONENT_LABELS = {
    "quantified_impact": "Quantified impact",
    "credentials": "Credentials for the stage",
    "code_sets_and_tools": "Code sets and tools",
    "specialty_depth": "Specialty depth",
    "structure": "Structure and parseability",
}


def metric_value(m: Metric) -> str:
    """``97.5%``, ``$184,000``, ``60/day encounter``, ``4 days (from 9)``."""

    def one(v: float | None) -> str:
        if v is None:
            return ""
        num = f"{v:,.0f}" if v == int(v) else f"{v:,.2f}".rstrip("0").rstrip(".")
        if m.unit == "usd":
            return f"${num}"
        if m.unit == "percent":
            return f"{num}%"
        if m.unit in ("days", "hours"):
            return f"{num} {m.unit}"
        return num

    text = one(m.value) + (f"–{one(m.value_max)}" if m.value_max is not None else "")
    if m.period:
        text += f"/{m.period}"
    if m.object:
        text += f" {m.object}"
    if m.baseline is not None:
        text += f" (from {one(m.baseline)})"
    return text


def money(n: int) -> str:
    return f"${n:,}"


def position_label(p: Position) -> str:
    """``Title, Employer (2021-03 – present)``."""
    when = f"{p.start or '?'} – {'present' if p.current else (p.end or '?')}"
    return p.title + (f", {p.employer}" if p.employer else "") + f" ({when})"


def position_note(p: Position) -> str:
    """Whether a position counts toward experience years, and if not, why."""
    if p.counted:
        return "counted"
    return "coding/HIM, unpaid: not counted" if p.coding_related else "not coding/HIM: not counted"
