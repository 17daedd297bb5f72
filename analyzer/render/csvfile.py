"""The batch CSV: one ranked row per candidate, numbers as numbers, safe to open in a spreadsheet.

A cell copied from a resume that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
would run as a formula in Excel or LibreOffice ("CSV injection"); such text cells get a leading
``'`` (OWASP's advice), every text cell is quoted, and numbers are written bare."""

from __future__ import annotations

import csv
import io

from analyzer.models.report import Report
from analyzer.render.rows import Cell, candidate_columns, candidate_rows
from analyzer.render.table import Kinds

__all__ = ["FORMULA_TRIGGERS", "csv_text", "safe_text"]

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def safe_text(value: str) -> str:
    """``value`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(FORMULA_TRIGGERS) else value


def _cell(value: Cell) -> Cell:
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_text(value)
    return value


def csv_text(rows: list[tuple[Report, list[str]]], kinds: Kinds, excel: bool = False) -> str:
    """The CSV for ``rows`` (``(report, duplicate_of)`` pairs), ranked; ``kinds`` is the rule
    pack's metric-kind registry (its export columns). ``excel`` starts it with a UTF-8 byte-order
    mark so Excel reads names with accents correctly."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    columns = candidate_columns(kinds)
    writer.writerow(columns)
    for row in candidate_rows(rows, kinds):
        writer.writerow([_cell(row[c]) for c in columns])
    return (BOM if excel else "") + buf.getvalue()
