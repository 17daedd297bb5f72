"""The parsed document: ordered logical lines with layout hints, grouped into sections."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Line(BaseModel):
    """One logical line of the resume in reading order.

    Attributes:
        index: Position in ``Document.lines`` (0-based); evidence points here.
        text: The normalised text, bullet glyph removed.
        page: 1-based page number (1 for DOCX and TXT).
        bold: Whether most of the line is set in a bold font or a heading style.
        size: Font size in points when known.
        column: 0 for full width, 1 for the main column, 2 for a sidebar.
        bullet: Whether the line started with a bullet glyph.
        section: Canonical section name the line belongs to (``profile`` before the first header).
        heading: Whether this line is a section header.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    index: int
    text: str
    page: int = 1
    bold: bool = False
    size: float | None = None
    column: int = 0
    bullet: bool = False
    section: str = "profile"
    heading: bool = False


class Section(BaseModel):
    """A run of lines under one header (``start_line``/``end_line`` inclusive)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    heading: str | None
    start_line: int
    end_line: int


class Document(BaseModel):
    """A resume as the parser read it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    format: str
    pages: int = 1
    lines: list[Line]
    sections: list[Section] = []

    @property
    def text(self) -> str:
        """All line texts joined by newlines (line ``i`` is the ``i``-th row)."""
        return "\n".join(line.text for line in self.lines)

    def section_lines(self, name: str) -> list[Line]:
        """Lines (headers excluded) whose section is ``name``."""
        return [ln for ln in self.lines if ln.section == name and not ln.heading]
