"""One analysed file as the faces use it: the report and the document it was made from."""

from __future__ import annotations

from dataclasses import dataclass

from analyzer.models.document import Document
from analyzer.models.report import Report


@dataclass(frozen=True)
class Analysis:
    """A report, the document it was made from (renderers show its lines) and the sha256 of the
    file's bytes (batch duplicate detection), when the file could be read."""

    report: Report
    document: Document | None
    digest: str | None = None
