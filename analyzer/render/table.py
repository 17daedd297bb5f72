"""The ranked batch table for the terminal, and the ranking every batch output shares (CSV and
XLSX exports: ``csvfile``, ``xlsx``)."""

from __future__ import annotations

import textwrap

from collections.abc import Mapping

from analyzer.assessment.rank import rank_key, rank_label
from analyzer.models.findings import MetricKindInfo, metric_value
from analyzer.models.report import Report
from analyzer.names import printable
from analyzer.ranking import fit_order_key

Kinds = Mapping[str, MetricKindInfo]


def ranked(rows: list[tuple[Report, list[str]]]) -> list[tuple[Report, list[str]]]:
    """Analysed reports by fit with evidence tie-breaks (``analyzer.ranking``) when matched to a
    posting, else by the batch ranking key (``analyzer.assessment.rank``: stage band, then score);
    error rows last in input order."""
    ok = [r for r in rows if not r[0].error]
    bad = [r for r in rows if r[0].error]
    ok.sort(
        key=lambda r: (
            (0, fit_order_key(r[0])) if r[0].match else (1, rank_key(r[0])),
            r[0].candidate.name or "",
            r[0].file,
        )
    )
    return ok + bad


def _held(report: Report) -> list[str]:
    return [c.id for c in report.credentials if c.status in ("held", "apprentice")]


def _strongest(report: Report, kinds: Kinds, n: int = 2) -> list[str]:
    """The ``n`` results a hiring manager weighs most (registry rank; unknown kinds last)."""
    ms = sorted(report.metrics, key=lambda m: kinds[m.kind].rank if m.kind in kinds else 1_000)
    return [f"{kinds[m.kind].label if m.kind in kinds else m.kind} {metric_value(m)}" for m in ms[:n]]


def missing_metrics(report: Report, n: int = 3) -> list[str]:
    """The first ``n`` core metrics the suggestions say are missing (``accuracy``, ``volume``, ...)."""
    return [
        s.id.split(".", 1)[1].replace("_", " ")
        for s in report.suggestions
        if s.category == "missing_metric"
    ][:n]


def table_text(rows: list[tuple[Report, list[str]]], kinds: Kinds, width: int = 100) -> str:
    """A ranked, readable table: candidate, stage, score (and fit), key credentials, strongest
    metrics; under each candidate, what is missing and any duplicate."""
    fit = any(r.match for r, _ in rows)
    head = f"{'#':>3} {'candidate':<22} {'stage':<6} {'score':>5}{'  fit' if fit else ''}  {'credentials':<20} strongest metrics"
    out = [head, "-" * width]
    indent = " " * 6
    for rank, (r, dups) in enumerate(ranked(rows), 1):
        who = printable(r.candidate.name or r.file.rsplit("/", 1)[-1])[:22]
        if r.error:
            out.append(
                f"{'-':>3} {who:<22} {'error':<6}  {r.error.code}: {r.error.message}"[:width]
            )
            continue
        creds = ",".join(_held(r))[:20]
        fit_cell = f"{r.match.score:>5}" if r.match else ("    -" if fit else "")
        line = (
            f"{rank:>3} {who:<22} {r.stage.level:<6} {r.score.overall:>5}{fit_cell}  {creds:<20} "
        )
        out.append((line + "; ".join(_strongest(r, kinds)))[:width])
        notes = []
        if rank_label(r).startswith("flagged"):
            flags = sorted({c.id.replace("_", " ") for c in r.credibility if c.penalty})
            notes.append("flagged: " + ", ".join(flags))
        if r.domain and not r.domain.medical_coding:
            notes.append("not a medical-coding resume")
        missing = r.match.missing[:4] if r.match else missing_metrics(r)
        if missing:
            notes.append("missing: " + ", ".join(missing))
        if dups:
            notes.append("duplicate of " + "; ".join(dups))
        for note in notes:
            out.extend(
                textwrap.wrap(note, width, initial_indent=indent, subsequent_indent=indent + "  ")
            )
    order = "fit to the posting, then " if fit else ""
    out.append("-" * width)
    out.extend(
        textwrap.wrap(
            f"order: {order}stage band (senior, mid, entry), then score; resumes whose claims "
            "were flagged, and resumes that are not medical coding, after the rest",
            width,
        )
    )
    # Every cell comes from resumes and file names: no control character reaches the terminal.
    return "\n".join(printable(line) for line in out) + "\n"
