"""Ordering candidates by their fit to one posting, with ties broken on evidence, never file order.

Order: fit; then the number of preferred items met; then strength against the posting's metric
standards; then how close the years are to the main years asked; then the resume score. Candidates
equal on all of these share a rank (listed by name, then file, only so output is stable)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from analyzer.models.report import Report


@dataclass(frozen=True)
class Ranked:
    """One analysed report in fit order: its ``rank`` (equal for full ties) and ``reason``, what put
    it above the next candidate of the same fit ("" when the next one has another fit)."""

    report: Report
    rank: int
    reason: str


def _evidence(r: Report) -> tuple:
    t = r.match.tiebreak
    gap = t.years_gap if t.years_gap is not None else float("inf")
    return (-t.preferred_met, -t.standards, gap, -(r.score.overall if r.score else 0))


def fit_order_key(r: Report) -> tuple:
    """The sort key of an analysed report with a ``match``: best first, equal keys are true ties."""
    return (-r.match.score, *_evidence(r))


def _num(x: float | None) -> str:
    return "n/a" if x is None else f"{x:g}"


def _reason(a: Report, b: Report) -> str:
    """Why ``a`` ranks above ``b`` when their fits are equal: the first evidence that differs."""
    ta, tb = a.match.tiebreak, b.match.tiebreak
    if ta.preferred_met != tb.preferred_met:
        return f"more preferred items met ({_num(ta.preferred_met)} vs {_num(tb.preferred_met)})"
    if ta.standards != tb.standards:
        return f"stronger against the posting's standards ({ta.standards:.2f} vs {tb.standards:.2f})"
    if ta.years_gap != tb.years_gap:
        return f"years closer to the ask ({_num(ta.years_gap)} vs {_num(tb.years_gap)} years off)"
    sa, sb = (a.score.overall if a.score else 0), (b.score.overall if b.score else 0)
    if sa != sb:
        return f"higher resume score ({sa} vs {sb})"
    return "tied on every criterion"


def rank_by_fit(reports: Iterable[Report]) -> list[Ranked]:
    """Analysed reports that carry a ``match``, best fit first, each with its rank and tie-break
    reason. Reports without a match (errors, postings) are the caller's to list apart."""
    rows = sorted(
        (r for r in reports if r.match is not None and not r.error),
        key=lambda r: (fit_order_key(r), r.candidate.name or "", r.file),
    )
    out: list[Ranked] = []
    for i, r in enumerate(rows):
        tied = i and fit_order_key(rows[i - 1]) == fit_order_key(r)
        rank = out[-1].rank if tied else i + 1
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        reason = _reason(r, nxt) if nxt and nxt.match.score == r.match.score else ""
        out.append(Ranked(r, rank, reason))
    return out
