"""The batch workbook (openpyxl): a "Candidates" sheet with one ranked row per candidate (numbers
as numbers, frozen header, autofilter) and a "Metrics" sheet with one quantified result per row.

Text copied from a resume is always stored as text, never as a formula, and a cell that would read
as one when edited (``=``, ``+``, ``-``, ``@``, tab, CR) is also marked quote-prefixed."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell import Cell as XlCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from analyzer.models.report import Report
from analyzer.render.csvfile import FORMULA_TRIGGERS
from analyzer.render.rows import (
    METRIC_SHEET_COLUMNS,
    candidate_columns,
    candidate_rows,
    metric_rows,
)
from analyzer.render.table import Kinds

__all__ = ["xlsx_bytes"]

_MAX_WIDTH = 60
# A fixed timestamp: the same reports give the same bytes in any run.
_EPOCH = datetime(2000, 1, 1)


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose members all carry ``_EPOCH`` (openpyxl would stamp the current time)."""

    def writestr(self, name, data, *args, **kwargs):
        if isinstance(name, str):
            name = zipfile.ZipInfo(name, date_time=_EPOCH.timetuple()[:6])
            name.compress_type = zipfile.ZIP_DEFLATED
        return super().writestr(name, data, *args, **kwargs)

    def write(self, filename, arcname=None, *args, **kwargs):
        # openpyxl writes each worksheet to a temporary file and adds it by path.
        with open(filename, "rb") as fh:
            self.writestr(arcname or str(filename), fh.read())


def _fill(ws: Worksheet, columns: tuple[str, ...], rows) -> None:
    ws.append(list(columns))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    widths = [len(c) for c in columns]
    for r, row in enumerate(rows, start=2):
        for c, name in enumerate(columns, start=1):
            value = row[name]
            if value is None:
                continue
            cell: XlCell = ws.cell(row=r, column=c)
            if isinstance(value, str):
                cell.value = value
                cell.data_type = "s"  # openpyxl would otherwise take "=..." for a formula
                if value.startswith(FORMULA_TRIGGERS):
                    cell.quotePrefix = True
            else:
                cell.value = value
            widths[c - 1] = max(widths[c - 1], min(len(str(value)), _MAX_WIDTH))
    for c, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width + 2
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(ws.max_row, 1)}"


def xlsx_bytes(rows: list[tuple[Report, list[str]]], kinds: Kinds) -> bytes:
    """The workbook for ``rows`` (``(report, duplicate_of)`` pairs), ranked, as .xlsx bytes;
    ``kinds`` is the rule pack's metric-kind registry (its metric columns)."""
    wb = Workbook()
    candidates = wb.active
    candidates.title = "Candidates"
    _fill(candidates, candidate_columns(kinds), candidate_rows(rows, kinds))
    _fill(wb.create_sheet("Metrics"), METRIC_SHEET_COLUMNS, metric_rows(rows))
    wb.properties.creator = "resume-analyzer"
    wb.properties.created = wb.properties.modified = _EPOCH
    buf = io.BytesIO()
    # ExcelWriter directly: openpyxl's save_workbook would stamp "modified" with the clock.
    with _FixedTimeZip(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return buf.getvalue()
