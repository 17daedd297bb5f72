"""The parsed document: ordered logical lines with layout hints, grouped into sections."""

from __future__ import annotations

from analyzer.models.base import Frozen


class Line(Frozen):
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

    index: int
    text: str
    page: int = 1
    bold: bool = False
    size: float | None = None
    column: int = 0
    bullet: bool = False
    section: str = "profile"
    heading: bool = False


class Section(Frozen):
    """A run of lines under one header (``start_line``/``end_line`` inclusive)."""

    name: str
    heading: str | None
    start_line: int
    end_line: int


class HiddenText(Frozen):
    """Text present in the file that a reader cannot see (``display:none`` HTML, a DOCX
    ``w:vanish`` run, white or tiny text). It is kept out of ``Document.lines`` and reported.

    Attributes:
        text: The hidden text (cut to a few hundred characters).
        reason: Why it is invisible, e.g. ``"white text"``, ``"hidden run"``, ``"display:none"``.
        page: 1-based page where it sits, when known.
    """

    text: str
    reason: str
    page: int | None = None


class Document(Frozen):
    """A resume as the parser read it.

    Attributes:
        hidden: Text in the file a reader cannot see; never read as content.
        warnings: Things the parser did that the reader should know (text cut at the size limit,
            an HTML input read for its visible text).
    """

    source: str
    format: str
    pages: int = 1
    lines: list[Line]
    sections: list[Section] = []
    hidden: list[HiddenText] = []
    warnings: list[str] = []
