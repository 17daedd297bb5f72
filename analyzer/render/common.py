"""Small formatting helpers shared by the text, Markdown and HTML renderers."""

from __future__ import annotations

from analyzer.models.findings import Position, metric_value

__all__ = ["metric_value", "money", "position_label", "position_note"]

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
