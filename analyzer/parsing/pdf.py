"""PDF layout, the same for every PDF engine: glyphs grouped into lines with fonts and positions,
put into reading order.

An engine (``pdf_pdfminer``: pdfminer.six, the default; ``pdf_pdfium``: pypdfium2) only reads each
page's glyphs: text, box, font name, size and fill colour, in content-stream order. Everything after
that is here, so the rest of the pipeline cannot tell which engine read the file. Lines are built from
the glyphs with pdfminer's own alignment rule (its text-box analysis is not run). Reading order is
rebuilt per page from the line boxes:
a full-width band first, then the main column, then a sidebar; a narrow date gutter whose lines
sit on the baselines of the main column is merged into those lines instead ("timeline" layouts).
Lines that repeat at the same place on later pages (running headers, footers, a repeated sidebar)
and bare page numbers are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from statistics import median
from typing import NamedTuple

import numpy as np

from analyzer.errors import NoText
from analyzer.parsing.cleanup import clean_chars
from analyzer.parsing.raw import RawLine

_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–\s]*\d{1,3}[-–\s]*(?:(?:of|/)\s*\d{1,3})?$", re.I)
_WORD_MARGIN, _LINE_OVERLAP, _CHAR_MARGIN = 0.1, 0.5, 2.0  # pdfminer's LAParams defaults
_PAGE_OF = re.compile(r"(?i)\bpage\s+\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?\b")
_BOLD = ("bold", "black", "heavy", "semibold", "demi", "-bd", ",b")


class Glyph(NamedTuple):
    """One visible character as an engine read it, in page space (points, y grows upwards): a row
    of a ``Page`` (``Page.rows``, for tests and for looking at a page; the pdfminer engine draws
    its glyphs as plain tuples in this field order, ``Page.from_rows``).

    Engines leave whitespace glyphs out: PDFium keeps only some of a file's space glyphs, so word
    spaces are inferred from the gaps between glyphs (pdfminer's word-margin rule) for both. The box
    of upright text stands on the baseline and is one font size high: font descents come from
    metrics that one engine finds and the other does not, the baseline from the content itself.

    Attributes:
        text: Its Unicode text (a ligature may be several characters).
        x0, x1, y0, y1: Its box: left, right, bottom (the baseline), top.
        font: The font's PostScript name without a subset's tag ("Calibri-Bold"; see ``font_name``).
        bold: Whether the font is bold (by its name, or its declared weight when it has no name).
        size: Its font size on the page in points.
        fill: Its fill colour as (red, green, blue), each 0-255; ``None`` when not a plain colour
            (a pattern or an unknown colour space).
    """

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    font: str
    bold: bool
    size: float
    fill: tuple[int, int, int] | None


_SUBSET_TAG = re.compile(r"^[A-Z]{6}\+")


@lru_cache(maxsize=256)
def font_name(name: str) -> str:
    """A font's PostScript name without a subset's tag ("ABCDEF+Calibri-Bold" -> "Calibri-Bold"):
    one engine may read the tagged name where the other reads the base name."""
    return _SUBSET_TAG.sub("", name)


@dataclass(eq=False)  # pages are compared by their rows(), not as arrays
class Page:
    """One page's glyphs in content-stream order, stored column by column (the fields of ``Glyph``,
    one entry per glyph: numbers as numpy arrays, so that the layout tests every pair of neighbours
    at once), and the page's size in points.

    ``backgrounds`` are the boxes (x0, y0, x1, y1) of what is painted under text that is not
    white: filled shapes of any other colour and images. White text on one of them is visible
    (a dark sidebar); white text elsewhere is not. ``None``: the engine does not know, and white
    text is read.
    """

    text: list[str]
    x0: np.ndarray
    x1: np.ndarray
    y0: np.ndarray
    y1: np.ndarray
    font: list[str]
    bold: np.ndarray
    size: np.ndarray
    fill: list[tuple[int, int, int] | None]
    width: float = 612.0
    height: float = 792.0
    backgrounds: list[tuple[float, float, float, float]] | None = None

    @classmethod
    def from_rows(
        cls, rows: list[tuple], width: float = 612.0, height: float = 792.0, backgrounds=None
    ) -> Page:
        """A page from its glyphs as rows (tuples in ``Glyph``'s field order)."""
        if not rows:
            return cls([], *_NO_NUMBERS, [], _NO_BOLD, _NO_NUMBERS[0], [], width, height, backgrounds)
        text, x0, x1, y0, y1, font, bold, size, fill = zip(*rows, strict=True)
        return cls(
            list(text), _floats(x0), _floats(x1), _floats(y0), _floats(y1), list(font),
            np.array(bold, dtype=bool), _floats(size), list(fill), width, height, backgrounds,
        )  # fmt: skip

    def __len__(self) -> int:
        return len(self.text)

    def rows(self) -> list[Glyph]:
        """The glyphs one by one (for tests and for looking at a page)."""
        columns = (self.x0.tolist(), self.x1.tolist(), self.y0.tolist(), self.y1.tolist())
        return [
            Glyph(t, a, b, c, d, f, bool(w), s, fill)
            for t, a, b, c, d, f, w, s, fill in zip(
                self.text, *columns, self.font, self.bold.tolist(), self.size.tolist(), self.fill,
                strict=True,
            )
        ]  # fmt: skip

    def take(self, index: np.ndarray) -> Page:
        """The glyphs at ``index`` (positions, in order), as a page of their own."""
        picked = index.tolist()
        return Page(
            [self.text[i] for i in picked], self.x0[index], self.x1[index], self.y0[index],
            self.y1[index], [self.font[i] for i in picked], self.bold[index], self.size[index],
            [self.fill[i] for i in picked], self.width, self.height, self.backgrounds,
        )  # fmt: skip


def _floats(values) -> np.ndarray:
    return np.array(values, dtype=np.float64)


_NO_NUMBERS = tuple(_floats(()) for _ in range(4))
_NO_BOLD = np.zeros(0, dtype=bool)


_TINY_PT = 1.5  # text this small cannot be read on the page
_LIGHT = 240  # a fill with every channel at least this is white to the eye
_TINY, _WHITE = "tiny text (under 1.5 pt)", "white text on a white page"
_CELLS = 1 << 18  # pairs tested at once (glyph x background, candidate x line): memory stays flat


def is_white(fill: tuple[int, int, int] | None) -> bool:
    """Whether a glyph's or shape's fill colour is white (or so near it that no one sees it)."""
    return fill is not None and min(fill) >= _LIGHT


def split_hidden(page: Page, page_no: int, hidden: list) -> Page:
    """The glyphs a reader can see; the others go to ``hidden`` as ``HiddenText``, one passage
    per run of hidden glyphs (for every engine: this looks only at a glyph's size and fill).

    Text under 1.5 pt is hidden; so is white text, unless the engine knows the page's backgrounds
    and the glyph's centre is on one of them. A run ends where the reason changes or where the next
    hidden glyph does not continue the last one's line. A glyph whose box or size is not a finite
    number (a broken font matrix) cannot be placed, and is left out."""
    from analyzer.models.document import HiddenText

    if not len(page):
        return page
    placed = np.isfinite(page.x0) & np.isfinite(page.x1) & np.isfinite(page.y0)
    placed &= np.isfinite(page.y1) & np.isfinite(page.size)
    if not placed.all():
        page = page.take(np.flatnonzero(placed))
    why = np.where(page.size < _TINY_PT, 1, 0)  # 1: tiny, 2: white, 0: visible
    whites = {fill for fill in set(page.fill) if is_white(fill)}
    if page.backgrounds is not None and whites:
        white = np.flatnonzero(
            (why == 0) & np.fromiter((f in whites for f in page.fill), dtype=bool, count=len(page))
        )
        off = _off_backgrounds(
            (page.x0[white] + page.x1[white]) / 2, (page.y0[white] + page.y1[white]) / 2,
            page.backgrounds,
        )  # fmt: skip
        why[white[off]] = 2
    if not why.any():
        return page  # the usual page: nothing tiny, nothing white
    index = np.flatnonzero(why)
    runs = page.take(index)
    reasons = why[index]
    breaks = (reasons[1:] != reasons[:-1]) | ~_joins(runs.x0, runs.x1, runs.y0, runs.y1)
    starts = [0, *(np.flatnonzero(breaks) + 1).tolist(), len(index)]
    for start, end in zip(starts, starts[1:], strict=False):
        boxes = _boxes(runs.take(np.arange(start, end)))
        text = " ".join(box.text.strip() for box in boxes).strip()
        if text:
            reason = _TINY if reasons[start] == 1 else _WHITE
            hidden.append(HiddenText(text=text[:300], reason=reason, page=page_no))
    return page.take(np.flatnonzero(why == 0))


def _off_backgrounds(cx: np.ndarray, cy: np.ndarray, backgrounds) -> np.ndarray:
    """Which of the points (cx, cy) lie on none of the boxes (x0, y0, x1, y1), edges included;
    tested a block of points against every box at a time, so memory stays flat."""
    if not len(cx) or not backgrounds:
        return np.ones(len(cx), dtype=bool)
    x0, y0, x1, y1 = (np.array(column, dtype=np.float64) for column in zip(*backgrounds))
    step = max(1, _CELLS // len(x0))
    on = [
        ((x0 <= px) & (px <= x1) & (y0 <= py) & (py <= y1)).any(axis=1)
        for px, py in ((cx[i : i + step, None], cy[i : i + step, None]) for i in range(0, len(cx), step))
    ]  # fmt: skip
    return ~np.concatenate(on)


@dataclass
class _Box:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    bold: bool
    size: float
    fields: bool = False  # several boxes far apart on one baseline (title ... dates)

    @property
    def height(self) -> float:
        return max(self.top - self.bottom, 1.0)


@lru_cache(maxsize=512)
def is_bold_font(fontname: str) -> bool:
    """Whether a font's name says it is bold ("Arial-BoldMT", "Calibri,Bold", "Lato-Black")."""
    lowered = fontname.lower()
    return any(mark in lowered for mark in _BOLD)


def _joins(x0: np.ndarray, x1: np.ndarray, y0: np.ndarray, y1: np.ndarray) -> np.ndarray:
    """For each glyph after the first, whether it continues the previous glyph's line: pdfminer's
    horizontal-alignment test (``LTChar.is_hoverlap``/``is_voverlap`` as ``group_objects`` uses
    them, with the default line_overlap 0.5 and char_margin 2.0), for all neighbours at once.

    On one baseline in one size, two glyphs are on a line; otherwise their boxes must overlap
    vertically by more than half the lower one's height. Then the horizontal gap between them must
    be under twice the wider one's width (two zero-width glyphs never join). Each ``min``/``max``
    is written as Python's own (``b if b < a else a``); with the finite values ``split_hidden``
    leaves, the result is that of testing glyph by glyph.
    """
    a0, a1, b0, b1 = y0[:-1], y1[:-1], y0[1:], y1[1:]
    one_baseline = (a0 == b0) & (a1 == b1) & (a1 > a0)
    height = _min(a1 - a0, b1 - b0)
    apart = _min(np.abs(a0 - b1), np.abs(a1 - b0)) <= height * _LINE_OVERLAP
    vertical = one_baseline | ((b0 <= a1) & (a0 <= b1) & ~apart)
    ax0, ax1, bx0, bx1 = x0[:-1], x1[:-1], x0[1:], x1[1:]
    overlap = (ax0 <= bx1) & (bx0 <= ax1)
    gap = np.where(overlap, 0.0, _min(np.abs(ax0 - bx1), np.abs(ax1 - bx0)))
    return vertical & (gap < _max(ax1 - ax0, bx1 - bx0) * _CHAR_MARGIN)


def _min(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.where(b < a, b, a)  # Python's min(a, b)


def _max(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.where(b > a, b, a)  # Python's max(a, b)


def _boxes(page: Page) -> list[_Box]:
    """Text lines of a page from its glyphs in content order: text with word spaces, bounding box,
    weight and size.

    Glyphs are split into lines wherever two neighbours in content order are not horizontally
    aligned (``_joins``: the rule of pdfminer's ``group_objects``, without building its line and
    box objects or running its text-box grouping). A gap wider than a tenth of the next glyph's
    width or height is a word space (pdfminer's word_margin). The weight and size of a line come
    from a sample of its first 24 glyphs. Every neighbour is tested at once (numpy); Python runs
    once per word space and once per line.
    """
    n = len(page)
    if not n:
        return []
    x0, x1, y0, y1 = page.x0, page.x1, page.y0, page.y1
    joins = _joins(x0, x1, y0, y1)
    width, height = x1[1:] - x0[1:], y1[1:] - y0[1:]
    spaced = joins & (x1[:-1] < x0[1:] - _WORD_MARGIN * _max(height, width))
    text = page.text
    if spaced.any():
        text = text.copy()
        for i in (np.flatnonzero(spaced) + 1).tolist():
            text[i] = " " + text[i]
    starts = [0, *(np.flatnonzero(~joins) + 1).tolist()]
    first = np.array(starts)
    left, right = np.minimum.reduceat(x0, first).tolist(), np.maximum.reduceat(x1, first).tolist()
    low, high = np.minimum.reduceat(y0, first).tolist(), np.maximum.reduceat(y1, first).tolist()
    bold = [0, *np.cumsum(page.bold).tolist()]
    out: list[_Box] = []
    for k, (start, end) in enumerate(zip(starts, [*starts[1:], n], strict=True)):
        line = clean_chars("".join(text[start:end]))
        if not line.strip():
            continue
        sample = min(end, start + 24)  # the first 24 glyphs tell the weight and size
        out.append(
            _Box(
                text=line,
                x0=left[k],
                x1=right[k],
                top=high[k],
                bottom=low[k],
                bold=(bold[sample] - bold[start]) / (sample - start) >= 0.6,
                size=round(median(page.size[start:sample].tolist()), 1),
            )
        )
    return out


def _same_row(a: _Box, b: _Box) -> bool:
    return abs(a.bottom - b.bottom) <= max(2.0, 0.25 * min(a.height, b.height))


def _rows(boxes: list[_Box]) -> list[list[_Box]]:
    """Group boxes into rows of one baseline, top to bottom, each row left to right."""
    ordered = sorted(boxes, key=lambda b: (-b.bottom, b.x0))
    rows: list[list[_Box]] = []
    for box in ordered:
        if rows and _same_row(rows[-1][0], box):
            rows[-1].append(box)
        else:
            rows.append([box])
    return [sorted(r, key=lambda b: b.x0) for r in rows]


def _merge_row(row: list[_Box]) -> _Box:
    if len(row) == 1:
        return row[0]
    text = row[0].text.strip()
    fields = False
    for prev, box in zip(row, row[1:], strict=False):
        # Boxes a few characters apart belong to one phrase (a bullet glyph and its text);
        # a wide gap separates fields (title ... dates on a right tab stop).
        wide = box.x0 - prev.x1 > 2.5 * max(prev.size, 4.0)
        fields = fields or wide
        text += (" | " if wide else " ") + box.text.strip()
    return _Box(
        text=text,
        x0=row[0].x0,
        x1=row[-1].x1,
        top=max(b.top for b in row),
        bottom=min(b.bottom for b in row),
        bold=all(b.bold for b in row if len(b.text.strip()) > 1),
        size=max(b.size for b in row),
        fields=fields,
    )


def _split_columns(boxes: list[_Box], width: float) -> float | None:
    """Find an x that separates two side-by-side columns, or ``None`` for a single column.

    Candidates are just right of each box's right edge (and left of each left edge) in the middle
    of the page; a split needs 3+ lines on each side, the two sides side by side (not stacked), and
    at most two lines crossing it below a full-width band."""
    if len(boxes) < 8:
        return None
    lo, hi = width * 0.18, width * 0.82
    candidates = sorted(
        {round(b.x1) + 2 for b in boxes if lo < b.x1 < hi}
        | {round(b.x0) - 2 for b in boxes if lo < b.x0 < hi}
    )
    if not candidates:
        return None
    x0, x1, top, bottom = (
        np.array([getattr(b, name) for b in boxes]) for name in ("x0", "x1", "top", "bottom")
    )
    xs = np.array(candidates, dtype=np.float64)
    chunk = max(1, _CELLS // len(boxes))  # candidates per block: memory stays flat on any page
    score = np.concatenate(
        [_split_scores(xs[i : i + chunk], x0, x1, top, bottom, width) for i in range(0, len(xs), chunk)]
    )  # fmt: skip
    if np.isneginf(score).all():
        return None
    return candidates[int(np.argmax(score))]  # the first best


def _split_scores(xs, x0, x1, top, bottom, width: float) -> np.ndarray:
    """``_split_columns``' score of each candidate x in ``xs`` (-inf where it does not split the
    page), every candidate (rows) against every box (columns) at once."""
    x = xs[:, None]
    left = x1 <= x
    right = ~left & (x0 >= x)
    crossing = ~left & ~right
    n_left, n_right = left.sum(axis=1), right.sum(axis=1)
    l_top, l_bottom = _highest(top, left), _lowest(bottom, left)
    r_top, r_bottom = _highest(top, right), _lowest(bottom, right)
    col_top, col_bottom = _min(l_top, r_top), _max(l_bottom, r_bottom)
    # Lines crossing x may form a full-width band above the columns; below it, at most a footer
    # line or two may cross, or this is one column with a right-aligned block.
    below_band = (crossing & (bottom < (col_top - 2)[:, None])).sum(axis=1)
    shorter = _min(l_top - l_bottom, r_top - r_bottom)
    side_by_side = col_top - col_bottom > 0.5 * _max(shorter, np.ones_like(shorter))
    ok = (n_left >= 3) & (n_right >= 3) & (below_band <= 2) & side_by_side
    score = np.minimum(n_left, n_right) - 0.01 * np.abs(xs - width / 2) / width
    return np.where(ok, score, -np.inf)


def _highest(values: np.ndarray, where: np.ndarray) -> np.ndarray:
    """Per row of ``where``, the largest of ``values`` it selects (-inf for none)."""
    return np.where(where, values, -np.inf).max(axis=1)


def _lowest(values: np.ndarray, where: np.ndarray) -> np.ndarray:
    return np.where(where, values, np.inf).min(axis=1)


def _is_gutter(narrow: list[_Box], wide: list[_Box]) -> bool:
    """A date gutter: few lines, most of them on a baseline of the other column (within half a
    point: a sidebar's lines meet the main column's baselines only now and then, by chance)."""
    if len(narrow) > 0.6 * len(wide):
        return False
    aligned = sum(1 for n in narrow if any(abs(n.bottom - w.bottom) <= 0.5 for w in wide))
    return aligned >= 0.6 * len(narrow)


def _join_near(boxes: list[_Box]) -> list[_Box]:
    """Join boxes on one baseline that are only a few characters apart (a bullet and its text)."""
    out: list[_Box] = []
    for row in _rows(boxes):
        group = [row[0]]
        for box in row[1:]:
            if box.x0 - group[-1].x1 <= 2.5 * max(group[-1].size, 4.0):
                group.append(box)
            else:
                out.append(_merge_row(group))
                group = [box]
        out.append(_merge_row(group))
    return out


def _page_lines(boxes: list[_Box], width: float) -> list[tuple[_Box, int]]:
    boxes = _join_near(boxes)
    split = _split_columns(boxes, width)
    if split is None:
        return [(_merge_row(r), 0) for r in _rows(boxes)]
    left = [b for b in boxes if b.x1 <= split]
    right = [b for b in boxes if b.x0 >= split]
    crossing = [b for b in boxes if b.x0 < split < b.x1]
    chars = lambda bs: sum(len(b.text) for b in bs)  # noqa: E731
    main, side = (left, right) if chars(left) >= chars(right) else (right, left)
    if _is_gutter(side, main):
        return [(_merge_row(r), 0) for r in _rows(boxes)]
    col_top = max(b.top for b in main + side)
    band_top = [b for b in crossing if b.bottom >= col_top - 2]
    band_bottom = [b for b in crossing if b not in band_top]
    out = [(_merge_row(r), 0) for r in _rows(band_top)]
    out += [(_merge_row(r), 1) for r in _rows(main)]
    out += [(_merge_row(r), 2) for r in _rows(side)]
    out += [(_merge_row(r), 0) for r in _rows(band_bottom)]
    return out


_CONNECTOR = re.compile(r"(?:[,&/+(-]|\b(?:and|or|of|the|for|with|in|to|a|an|at|on|by))$", re.I)


def _continues(
    prev: _Box, cur: _Box, right_edge: float, narrow: bool, following: str | None = None
) -> bool:
    """Whether ``cur`` is the wrapped continuation of ``prev`` (same paragraph); ``following`` is
    the text of the line after ``cur`` in the same column.

    The classic wrap test: the first word of ``cur`` would not have fitted at the end of ``prev``.
    In a narrow sidebar of short items that is not enough, so there the break must also fall
    mid-phrase (a trailing comma or connector, or a lower-case continuation)."""
    from analyzer.parsing.cleanup import split_bullet
    from analyzer.rules.dates import ends_with_dates, is_date_line

    if split_bullet(cur.text.strip())[0] or cur.fields or prev.fields:
        return False
    if is_date_line(cur.text) or (cur.text[:1].isupper() and ends_with_dates(cur.text)):
        return False  # "Spring 2020", "Coder 01/2016 to Current": a job's dates start a header
    text = cur.text.rstrip()
    short_title = text[:1].isupper() and len(text.split()) <= 6 and not text.endswith(".")
    if following is not None and short_title and is_date_line(following):
        return False  # "Coding Specialist" above "03/2012 to 06/2014": a job title, not a wrap
    gap = prev.bottom - cur.top
    if (
        gap < -1
        or gap > 0.8 * prev.height
        or abs(prev.size - cur.size) > 0.6
        or prev.bold != cur.bold
    ):
        return False
    if cur.x0 < prev.x0 - 2 or len(prev.text.strip()) < 12:
        return False
    first_word = cur.text.strip().split(" ", 1)[0]
    if prev.x1 + (len(first_word) + 1) * 0.5 * max(cur.size, 4.0) <= right_edge:
        return False
    if narrow:
        lower_word = re.fullmatch(r"[a-z][a-z'-]*[,.;:)]*", first_word) is not None
        open_paren = prev.text.count("(") > prev.text.count(")")
        return lower_word or open_paren or bool(_CONNECTOR.search(prev.text.strip()))
    return True


def read_pdf(
    data: bytes, max_pages: int, engine: str = "pdfminer", hidden: list | None = None
) -> tuple[list[RawLine], int]:
    """Read a PDF into logical lines, its characters read by ``engine`` ("pdfminer" or "pdfium").
    Text a reader cannot see (``split_hidden``) is left out and appended to ``hidden``.

    Returns:
        The lines in reading order and the page count.

    Raises:
        Encrypted: A user password is required.
        Corrupt: The engine cannot parse the file.
        TooLarge: More pages than ``max_pages``.
        NoText: No text layer (a scanned or image-only PDF).
        AnalyzerError: pdfium stopped on the file (``internal_error``; the process survives).
    """
    if engine == "pdfium":
        from analyzer.parsing.pdf_pdfium import read_pages
    elif engine == "pdfminer":
        from analyzer.parsing.pdf_pdfminer import read_pages
    else:
        raise ValueError(f"unknown PDF engine {engine!r}: pdfminer or pdfium")
    pages, count = read_pages(data, max_pages)
    hidden = [] if hidden is None else hidden
    raw_pages = [
        (_boxes(split_hidden(p, n, hidden)), p.width, p.height) for n, p in enumerate(pages, 1)
    ]
    if not any(box.text.strip() for boxes, _, _ in raw_pages for box in boxes):
        raise NoText(
            "the PDF has no text layer (scanned or image-only); export it with text or use a DOCX/TXT copy"
        )
    lines: list[RawLine] = []
    seen: set[tuple[str, int, int]] = set()
    for page_no, (boxes, page_width, height) in enumerate(raw_pages, start=1):
        fresh = _fresh_boxes(boxes, page_no, height, seen)
        _read_page(_page_lines(fresh, page_width) if fresh else [], page_no, page_width, lines)
    return lines, count


def _fresh_boxes(
    boxes: list[_Box], page_no: int, height: float, seen: set[tuple[str, int, int]]
) -> list[_Box]:
    """The boxes of a page without what repeats at the same place as on an earlier page (running
    header/footer, a sidebar printed on every page) and page numbers; remembers this page's."""
    fresh: list[_Box] = []
    keys = []
    for box in boxes:
        text = box.text.strip()
        key = (re.sub(r"\d+", "#", text), round(box.x0 / 4), round(box.top / 4))
        keys.append(key)
        margin = box.top > height - 50 or box.bottom < 60
        if page_no > 1 and any(
            (key[0], key[1] + dx, key[2] + dy) in seen for dx in (-1, 0, 1) for dy in (-1, 0, 1)
        ):
            continue
        if _PAGE_NUMBER.match(text) and (margin or len(text) <= 12):
            continue
        if margin and _PAGE_OF.search(text) and len(text) < 80:
            continue  # a running header/footer that carries the page number
        fresh.append(box)
    seen.update(keys)
    return fresh


def _read_page(
    kept: list[tuple[_Box, int]], page_no: int, page_width: float, lines: list[RawLine]
) -> None:
    """Append a page's lines (in reading order, with their column) to ``lines``, re-joining
    wrapped lines."""
    right_edges: dict[int, float] = {}
    left_edges: dict[int, float] = {}
    for box, column in kept:
        right_edges[column] = max(right_edges.get(column, 0.0), box.x1)
        left_edges[column] = min(left_edges.get(column, box.x0), box.x0)
    prev: tuple[_Box, int] | None = None
    for i, (box, column) in enumerate(kept):
        narrow = column == 2 or (right_edges[column] - left_edges[column]) < 0.45 * page_width
        following = next((b.text for b, c in kept[i + 1 : i + 4] if c == column), None)
        if prev and prev[1] == column and _continues(
            prev[0], box, right_edges[column], narrow, following
        ):
            last = lines[-1]
            last.text = last.text.rstrip() + " " + box.text.strip()
        else:
            lines.append(
                RawLine(text=box.text, page=page_no, bold=box.bold, size=box.size, column=column)
            )
        prev = (box, column)
