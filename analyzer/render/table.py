"""The ranked batch table for the terminal, and the ranking every batch output shares (CSV and
XLSX exports: ``csvfile``, ``xlsx``)."""

from __future__ import annotations

import textwrap

from collections.abc import Mapping

from analyzer.assessment.rank import rank_key, rank_label
from analyzer.models.findings import MetricKindInfo, metric_value
from analyzer.models.report import Report
from analyzer.names import printable
from analyzer.ranking import fit_order_key, rank_by_fit

Kinds = Mapping[str, MetricKindInfo]


def is_posting(report: Report) -> bool:
    """A job posting found among the candidates: listed apart, never ranked."""
    return bool(report.domain and report.domain.document == "job_posting")


def ranked(rows: list[tuple[Report, list[str]]]) -> list[tuple[Report, list[str]]]:
    """Candidates by fit with evidence tie-breaks (``analyzer.ranking``) when matched to a posting,
    else by the batch ranking key (``analyzer.assessment.rank``: stage band, then score); then job
    postings found among them (never ranked), then error rows, both in input order."""
    ok = [r for r in rows if not r[0].error and not is_posting(r[0])]
    postings = [r for r in rows if not r[0].error and is_posting(r[0])]
    bad = [r for r in rows if r[0].error]
    ok.sort(
        key=lambda r: (
            (0, fit_order_key(r[0])) if r[0].match else (1, rank_key(r[0])),
            r[0].candidate.name or "",
            r[0].file,
        )
    )
    return ok + postings + bad


def ranks(rows: list[tuple[Report, list[str]]]) -> list[tuple[Report, list[str], int | None, str]]:
    """``ranked`` rows with each one's rank (equal for candidates tied on every criterion; ``None``
    for postings and errors) and its ranking note: why it is above the next candidate of the same
    fit, or that it is a job posting."""
    order = ranked(rows)
    candidates = (r for r, _ in order if not r.error and not is_posting(r))
    by_fit = {id(x.report): x for x in rank_by_fit(candidates)}
    out: list[tuple[Report, list[str], int | None, str]] = []
    for i, (r, dups) in enumerate(order, 1):
        if r.error:
            out.append((r, dups, None, ""))
        elif is_posting(r):
            out.append((r, dups, None, "a job posting: not ranked"))
        elif id(r) in by_fit:
            out.append((r, dups, by_fit[id(r)].rank, by_fit[id(r)].reason))
        else:
            out.append((r, dups, i, ""))
    return out


def missing_requirements(report: Report, most: int = 4) -> list[str]:
    """What the candidate misses of the posting: every must-have (never hidden), then preferred
    items up to ``most`` in all, then how many more preferred ones there are."""
    missing = report.match.missing if report.match else []
    must = [m for m in missing if m.endswith("(required)")]
    plus = [m for m in missing if not m.endswith("(required)")]
    shown = plus[: max(0, most - len(must))]
    more = [f"+{len(plus) - len(shown)} more preferred"] if len(plus) > len(shown) else []
    return must + shown + more


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
    metrics; under each candidate, what is missing (must-haves first, never hidden), why it is
    above the next candidate of the same fit, and any duplicate. Job postings found among the
    candidates are listed apart, unranked."""
    fit = any(r.match for r, _ in rows)
    head = f"{'#':>3} {'candidate':<22} {'stage':<6} {'score':>5}{'  fit' if fit else ''}  {'credentials':<20} strongest metrics"
    out = [head, "-" * width]
    indent = " " * 6
    postings = []
    for r, dups, rank, reason in ranks(rows):
        who = printable(r.candidate.name or r.file.rsplit("/", 1)[-1])[:22]
        if r.error:
            out.append(
                f"{'-':>3} {who:<22} {'error':<6}  {r.error.code}: {r.error.message}"[:width]
            )
            continue
        if is_posting(r):
            postings.append(r.file)
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
        missing = missing_requirements(r) if r.match else missing_metrics(r)
        if missing:
            notes.append("missing: " + ", ".join(missing))
        if reason:
            notes.append("ahead of the next on " + reason)
        if dups:
            notes.append("duplicate of " + "; ".join(dups))
        for note in notes:
            out.extend(
                textwrap.wrap(note, width, initial_indent=indent, subsequent_indent=indent + "  ")
            )
    if postings:
        out.append("")
        out.append("Job postings found among the files (listed apart, not ranked):")
        out.extend(f"{indent}{p}" for p in postings)
    order = (
        "fit to the posting, then preferred items met, strength against its metric standards, "
        "years closest to its ask, then score"
        if fit
        else "stage band (senior, mid, entry), then score; resumes whose claims were flagged, "
        "and resumes that are not medical coding, after the rest"
    )
    out.append("-" * width)
    out.extend(textwrap.wrap(f"order: {order}", width))
    # Every cell comes from resumes and file names: no control character reaches the terminal.
    return "\n".join(printable(line) for line in out) + "\n"
