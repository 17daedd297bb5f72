"""Outputs of a batch (``analyzer.batch.run_folder``): a JSONL stream, a ranked table, CSV or JSON
list, and one report file per candidate. Each writes through ``analyzer.output.Output``
(atomic for regular files, direct for devices, FIFOs and sockets; ``None`` is standard output)
and keeps what it completely wrote when a write fails.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from analyzer.batch import Kept
from analyzer.models.report import Report
from analyzer.names import report_name
from analyzer.output import Output, OutputError, check_writable, write_output
from analyzer.render.table import Kinds


class JsonlSink:
    """One report per line. Streamed in input order as files finish, unless ``ranked`` (then
    written at the end, ranked, e.g. for a top N). When a write fails, every complete row
    written before it is kept."""

    wants_rows = wants_report = False

    def __init__(self, path: str | os.PathLike | None, ranked: bool = False) -> None:
        self.name = "standard output" if path is None else os.fsdecode(path)
        self.paths = [path] if path is not None else []
        self.ranked = self.wants_full = ranked
        self.out = Output(path)

    def add(self, report: Report | None, text: str) -> None:
        if not self.ranked:
            self.out.write(text + "\n")

    def close(self, kept: Kept | None, complete: bool) -> None:
        if self.ranked and kept is not None:
            for row, _ in kept.rows:
                self.out.write(kept.full(row).model_dump_json() + "\n")
        self.out.commit()

    def abandon(self) -> None:
        try:
            self.out.commit()
        except OutputError:
            self.out.discard()


class PartitionedJsonlSink:
    """JSONL in numbered parts of ``rows`` reports each (``part-00000.jsonl``, ...) inside
    ``folder``, in input order: for runs too large for one file. Each part appears complete when
    it is full; after a stop or a failed write, every finished part and the complete rows of the
    current one are kept."""

    wants_rows = wants_full = wants_report = False

    def __init__(self, folder: str | os.PathLike, rows: int) -> None:
        if rows <= 0:
            raise ValueError("rows per part must be positive")
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.name = os.fsdecode(folder)
        self.paths = [folder]
        self.rows, self.count, self.part = rows, 0, 0
        self.out: Output | None = None

    def add(self, report: Report | None, text: str) -> None:
        if self.out is None:
            self.out = Output(self.folder / f"part-{self.part:05d}.jsonl")
        self.out.write(text + "\n")
        self.count += 1
        if self.count == self.rows:
            self.out.commit()
            self.out, self.count, self.part = None, 0, self.part + 1

    def close(self, kept: Kept | None, complete: bool) -> None:
        if self.out is not None:
            self.out.commit()

    def abandon(self) -> None:
        if self.out is None:
            return
        try:
            self.out.commit()
        except OutputError:
            self.out.discard()


class RankedSink:
    """The whole run ranked, written at the end: ``table`` (for people), ``csv`` (``excel``: with
    a byte-order mark), ``xlsx`` or ``json`` (a list of complete reports)."""

    FORMATS = ("table", "csv", "xlsx", "json")
    wants_report = False  # it reads the run's kept rows at the end

    def __init__(
        self,
        path: str | os.PathLike | None,
        fmt: str,
        kinds: Kinds | None = None,
        excel: bool = False,
    ) -> None:
        """``kinds``: the rule pack's metric-kind registry (labels, ranks, metric columns);
        default: the shipped rule pack's."""
        if fmt not in self.FORMATS:
            raise ValueError(f"not a ranked format: {fmt}")
        if path is not None:
            check_writable(path)
        self.path, self.fmt, self.excel, self.kinds = path, fmt, excel, kinds
        self.name = "standard output" if path is None else os.fsdecode(path)
        self.paths = [path] if path is not None else []
        self.wants_rows, self.wants_full = True, fmt == "json"
        self.wants_metric_details = fmt == "xlsx"  # its metrics sheet: each one's text and line
        self.out: Output | None = None

    def add(self, report: Report | None, text: str) -> None:
        """Nothing until the end: the output needs the whole run ranked."""

    def close(self, kept: Kept | None, complete: bool) -> None:
        rows = kept.rows if kept is not None else []
        if self.kinds is None and self.fmt != "json":
            from analyzer.rules.pack import load_rules

            self.kinds = load_rules().metrics.registry
        if self.fmt == "json":
            self.out = Output(self.path)
            self._write_json(kept, rows)
            self.out.commit()
        elif self.fmt == "csv":
            from analyzer.render.csvfile import csv_text

            write_output(self.path, csv_text(rows, self.kinds, excel=self.excel))
        elif self.fmt == "xlsx":
            from analyzer.render.xlsx import xlsx_bytes

            write_output(self.path, xlsx_bytes(rows, self.kinds))
        else:
            from analyzer.render.table import table_text

            write_output(self.path, table_text(rows, self.kinds))

    def _write_json(self, kept: Kept | None, rows) -> None:
        """``json.dumps(list, indent=2)`` output, written one report at a time."""
        if not rows:
            self.out.write("[]\n")
            return
        for n, (row, _) in enumerate(rows):
            body = json.dumps(kept.full(row).model_dump(mode="json"), indent=2, ensure_ascii=False)
            self.out.write(("[\n  " if n == 0 else ",\n  ") + body.replace("\n", "\n  "))
        self.out.write("\n]\n")

    def abandon(self) -> None:
        if self.out is not None:
            self.out.discard()


class ReportsDirSink:
    """One report file per kept candidate in ``folder`` (created if missing), named by its
    position, a short safe stem of its file name and a hash (``analyzer.names.report_name``)."""

    wants_rows = wants_full = False
    wants_report = True  # it renders each report
    EXTENSIONS = {"html": "html", "json": "json", "markdown": "md", "text": "txt"}

    def __init__(self, folder: str | os.PathLike, fmt: str = "html") -> None:
        self.folder, self.fmt = Path(folder), fmt
        self.name = os.fsdecode(folder)
        self.paths = [folder]
        self.count = 0
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create {self.name}: {exc.strerror or exc}") from exc
        check_writable(self.folder / "report")

    def add(self, report: Report, text: str) -> None:
        from analyzer.models.analysis import Analysis
        from analyzer.render import render

        name = report_name(report.file, self.count, self.EXTENSIONS[self.fmt])
        self.count += 1
        write_output(self.folder / name, render(Analysis(report, None), self.fmt, view="score"))

    def close(self, kept: Kept | None, complete: bool) -> None:
        """Each report was complete when written."""

    def abandon(self) -> None:
        """Each report was written whole or not at all."""
