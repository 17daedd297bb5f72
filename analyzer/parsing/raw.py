"""The intermediate line every format reader produces, before sections are assigned."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RawLine:
    """A physical or logical line with the layout hints its reader could recover.

    ``column`` is 0 (full width), 1 (main) or 2 (sidebar); the sectioniser keeps a separate
    current section per column so a sidebar never inherits the main column's section.
    """

    text: str
    page: int = 1
    bold: bool = False
    size: float | None = None
    column: int = 0
    style_heading: bool = False
    bullet: bool = False
