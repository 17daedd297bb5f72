"""Candidate rows for spreadsheets: the columns a recruiter sorts and filters on, typed (numbers
stay numbers), shared by the CSV and XLSX exports; and one row per metric for a second sheet."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from analyzer.assessment.rank import rank_label
from analyzer.models.findings import Metric
from analyzer.models.report import Report
from analyzer.render.table import Kinds, missing_metrics, ranks

__all__ = ["candidate_columns", "candidate_rows", "metric_columns", "metric_rows"]

Cell = str | int | float | bool | None
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class MetricColumn:
    """A numeric column: the value of the resume's first metric of ``kind`` measured in ``unit``."""

    name: str
    kind: str
    unit: str


_SUFFIX = {"percent": "_pct", "usd": "_usd", "days": "_days", "hours": "_hours"}
_FIXED_HEAD = (
    "rank",
    "file",
    "name",
    "email",
    "phone",
    "location",
    "fit",
    "missing_requirements",
    "ranking_note",
    "score",
    "stage",
    "track",
    "experience_years",
    "credentials_held",
    "credentials_in_progress",
    "code_sets",
    "tools",
    "specialties",
    "metrics_count",
)
_FIXED_TAIL = (
    "top_missing",
    "duplicate_of",
    "medical_coding",
    "rank_key",
    "error_code",
    "error_message",
)


def metric_columns(kinds: Kinds) -> list[MetricColumn]:
    """The headline results a hiring manager compares, one numeric column per registry kind that
    has a ``column`` unit, in rank order (every metric is on the metrics sheet)."""
    chosen = sorted((k for k in kinds if kinds[k].column), key=lambda k: (kinds[k].rank, k))
    return [MetricColumn(k + _SUFFIX.get(kinds[k].column, ""), k, kinds[k].column) for k in chosen]


def candidate_columns(kinds: Kinds) -> tuple[str, ...]:
    """Every candidate-sheet column: contact, fit, score, stage, findings, then the metric columns
    (``volume`` followed by its period), then what is missing and any error."""
    metric = []
    for col in metric_columns(kinds):
        metric.append(col.name)
        if col.kind == "volume":
            metric.append("volume_period")
    return (*_FIXED_HEAD, *metric, *_FIXED_TAIL)


METRIC_SHEET_COLUMNS = (
    "rank",
    "file",
    "name",
    "kind",
    "value",
    "value_max",
    "baseline",
    "unit",
    "period",
    "object",
    "line",
    "text",
)


def _first(report: Report, kind: str, unit: str) -> Metric | None:
    return next((m for m in report.metrics if m.kind == kind and m.unit == unit), None)


def _number(v: float | None) -> int | float | None:
    """Whole numbers as ints (``97`` not ``97.0``) so spreadsheets show them plainly."""
    return int(v) if v is not None and v == int(v) else v


def _analysed(r: Report, metric_cols: list[MetricColumn]) -> dict[str, Cell]:
    c = r.candidate
    row: dict[str, Cell] = {
        "rank_key": rank_label(r),
        "name": c.name,
        "email": c.email,
        "phone": c.phone,
        "location": c.location,
        "fit": r.match.score if r.match else None,
        "missing_requirements": LIST_SEPARATOR.join(r.match.missing) if r.match else None,
        "score": r.score.overall,
        "stage": r.stage.level,
        "track": r.stage.track,
        "experience_years": _number(r.experience.years),
        "credentials_held": LIST_SEPARATOR.join(
            x.id for x in r.credentials if x.status in ("held", "apprentice")
        ),
        "credentials_in_progress": LIST_SEPARATOR.join(
            x.id for x in r.credentials if x.status == "in_progress"
        ),
        "code_sets": LIST_SEPARATOR.join(x.id for x in r.code_sets),
        "tools": LIST_SEPARATOR.join(x.id for x in r.tools),
        "specialties": LIST_SEPARATOR.join(x.id for x in r.specialties),
        "metrics_count": len(r.metrics),
        "top_missing": LIST_SEPARATOR.join(missing_metrics(r)),
        "medical_coding": bool(r.domain and r.domain.medical_coding),
    }
    for col in metric_cols:
        m = _first(r, col.kind, col.unit)
        row[col.name] = _number(m.value) if m else None
        if col.kind == "volume":
            row["volume_period"] = m.period if m else None
    return row


def candidate_rows(
    rows: list[tuple[Report, list[str]]], kinds: Kinds
) -> Iterator[dict[str, Cell]]:
    """One typed row per report, ranked (job postings and errors last, unranked), keyed by
    ``candidate_columns(kinds)``; ``None`` is an empty cell."""
    columns, metric_cols = candidate_columns(kinds), metric_columns(kinds)  # once per run
    for r, dups, rank, note in ranks(rows):
        row: dict[str, Cell] = dict.fromkeys(columns)
        row.update(file=r.file, duplicate_of=LIST_SEPARATOR.join(dups) or None)
        if r.error:
            row.update(error_code=r.error.code, error_message=r.error.message)
        else:
            row.update(rank=rank, ranking_note=note or None, **_analysed(r, metric_cols))
            if rank is None:  # a job posting: no fit, nothing missing
                row.update(fit=None, missing_requirements=None)
        yield row


def metric_rows(rows: list[tuple[Report, list[str]]]) -> Iterator[dict[str, Cell]]:
    """One row per metric of every analysed report, in rank order, keyed by ``METRIC_SHEET_COLUMNS``."""
    for r, _, rank, _ in ranks(rows):
        if r.error:
            continue
        for m in r.metrics:
            yield {
                "rank": rank,
                "file": r.file,
                "name": r.candidate.name,
                "kind": m.kind,
                "value": _number(m.value),
                "value_max": _number(m.value_max),
                "baseline": _number(m.baseline),
                "unit": m.unit,
                "period": m.period,
                "object": m.object,
                "line": m.evidence[0].line + 1 if m.evidence else None,
                "text": m.text,
            }
