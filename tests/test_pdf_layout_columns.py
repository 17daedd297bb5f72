"""The PDF layout tests whole columns of glyphs at once (numpy). Its rules are pdfminer's, stated
glyph by glyph; these tests check the column form against that statement, written out plainly
here, on random pages built to hit the edge cases: equal and near-equal baselines, touching and
overlapping boxes, zero widths and heights, one-glyph lines, hidden runs between visible text.
"""

from __future__ import annotations

from statistics import median

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzer.parsing import pdf
from analyzer.parsing.cleanup import clean_chars
from analyzer.parsing.pdf import Page, _boxes, _Box, _split_columns, split_hidden

# -- the rules, glyph by glyph (pdfminer's LTChar.is_hoverlap/is_voverlap as group_objects uses
# them, with LAParams' defaults) ----------------------------------------------------------------


def aligned(a, b) -> bool:
    """Whether glyph row ``b`` continues row ``a``'s line."""
    _, ax0, ax1, ay0, ay1, *_ = a
    _, bx0, bx1, by0, by1, *_ = b
    if not (ay0 == by0 and ay1 == by1 and ay1 > ay0):
        if not (by0 <= ay1 and ay0 <= by1):
            return False
        if min(abs(ay0 - by1), abs(ay1 - by0)) <= min(ay1 - ay0, by1 - by0) * 0.5:
            return False
    gap = 0.0 if (ax0 <= bx1 and bx0 <= ax1) else min(abs(ax0 - bx1), abs(ax1 - bx0))
    return gap < max(ax1 - ax0, bx1 - bx0) * 2.0


def lines(rows) -> list[tuple]:
    """Lines as (text, x0, x1, top, bottom, bold, size): split where a glyph does not continue
    the previous one's line; a word space before a glyph more than a tenth of its width or
    height (the larger) right of the previous one; weight and size from the first 24 glyphs."""
    out, line = [], []

    def close():
        text = ""
        for i, g in enumerate(line):
            if i and line[i - 1][2] < g[1] - 0.1 * max(g[2] - g[1], g[4] - g[3]):
                text += " "
            text += g[0]
        text = clean_chars(text)
        if text.strip():
            sample = line[:24]
            out.append(
                (
                    text,
                    min(g[1] for g in line),
                    max(g[2] for g in line),
                    max(g[4] for g in line),
                    min(g[3] for g in line),
                    sum(g[6] for g in sample) / len(sample) >= 0.6,
                    round(median(g[7] for g in sample), 1),
                )
            )

    for g in rows:
        if line and not aligned(line[-1], g):
            close()
            line = []
        line.append(g)
    if line:
        close()
    return out


def as_tuples(boxes: list[_Box]) -> list[tuple]:
    return [(b.text, b.x0, b.x1, b.top, b.bottom, b.bold, b.size) for b in boxes]


# -- random pages ---------------------------------------------------------------------------------

BASELINES = [100.0, 100.25, 103.0, 112.0, 300.0]


@st.composite
def rows(draw, max_size: int = 90):
    """Glyph rows in drawing order: mostly left to right along a few baselines, with jumps."""
    out = []
    x = 50.0
    for _ in range(draw(st.integers(0, max_size))):
        x += draw(st.sampled_from([0.0, 0.0, 0.0, 0.3, 1.0, 2.5, 9.0, 40.0, -7.0, -300.0]))
        width = draw(st.sampled_from([-3.0, 0.0, 0.5, 5.0, 6.0, 6.0, 6.0, 11.0]))
        y0 = out[-1][3] if out and draw(st.integers(0, 3)) else draw(st.sampled_from(BASELINES))
        size = out[-1][7] if out and draw(st.booleans()) else draw(st.sampled_from([0.0, 1.0, 10.0, 12.0]))
        y1 = y0 + draw(st.sampled_from([size, size, size * 0.5]))
        bold = draw(st.booleans())
        fill = draw(st.sampled_from([(0, 0, 0), (0, 0, 0), (255, 255, 255), (250, 250, 245), None]))
        text = draw(st.sampled_from(list("abcXYZ19-•") + ["fi", ""]))
        out.append((text, x, x + width, y0, y1, "F-Bold" if bold else "F", bold, size, fill))
        x += width
    return out


SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(rows())
def test_lines_follow_the_rule_glyph_by_glyph(page_rows):
    assert as_tuples(_boxes(Page.from_rows(page_rows))) == lines(page_rows)


@SETTINGS
@given(rows(), st.lists(st.sampled_from([(0, 0, 60, 800), (40, 95, 200, 120), (300, 0, 612, 50)]),
                        max_size=2), st.booleans())  # fmt: skip
def test_hidden_text_follows_the_rule_glyph_by_glyph(page_rows, backgrounds, known):
    """Tiny (under 1.5 pt) first, then white off every background; one passage per run of one
    reason whose glyphs continue each other's line (visible glyphs between them do not matter)."""
    backgrounds = backgrounds if known else None
    expected_visible, expected_hidden, run, why = [], [], [], None

    def reason(g):
        if g[7] < 1.5:
            return "tiny text (under 1.5 pt)"
        if backgrounds is not None and pdf.is_white(g[8]):
            cx, cy = (g[1] + g[2]) / 2, (g[3] + g[4]) / 2
            if not any(a <= cx <= c and b <= cy <= d for a, b, c, d in backgrounds):
                return "white text on a white page"
        return None

    def flush():
        text = " ".join(line[0].strip() for line in lines(run)).strip()
        if text:
            expected_hidden.append((why, text[:300]))

    for g in page_rows:
        r = reason(g)
        if r is None:
            expected_visible.append(g)
            continue
        if r != why or (run and not aligned(run[-1], g)):
            flush()
            run, why = [], r
        run.append(g)
    flush()

    hidden = []
    visible = split_hidden(Page.from_rows(page_rows, backgrounds=backgrounds), 1, hidden)
    assert [tuple(g) for g in visible.rows()] == [tuple(g) for g in expected_visible]
    assert [(h.reason, h.text) for h in hidden] == expected_hidden


def split_plainly(boxes, width):
    """The column split, candidate by candidate."""
    if len(boxes) < 8:
        return None
    lo, hi = width * 0.18, width * 0.82
    candidates = sorted(
        {round(b.x1) + 2 for b in boxes if lo < b.x1 < hi}
        | {round(b.x0) - 2 for b in boxes if lo < b.x0 < hi}
    )
    best = None
    for x in candidates:
        left = [b for b in boxes if b.x1 <= x]
        right = [b for b in boxes if b.x1 > x and b.x0 >= x]
        crossing = [b for b in boxes if b.x1 > x and b.x0 < x]
        if len(left) < 3 or len(right) < 3:
            continue
        l_top, l_bottom = max(b.top for b in left), min(b.bottom for b in left)
        r_top, r_bottom = max(b.top for b in right), min(b.bottom for b in right)
        col_top, col_bottom = min(l_top, r_top), max(l_bottom, r_bottom)
        if sum(1 for b in crossing if b.bottom < col_top - 2) > 2:
            continue
        shorter = min(l_top - l_bottom, r_top - r_bottom)
        if col_top - col_bottom > 0.5 * max(shorter, 1.0):
            score = min(len(left), len(right)) - 0.01 * abs(x - width / 2) / width
            if best is None or score > best[0]:
                best = (score, x)
    return best[1] if best else None


@st.composite
def line_boxes(draw):
    """Lines of a page: edges on and off whole points (a candidate can equal an edge), heights
    under a point, bottoms a point or two below other lines' tops."""
    out = []
    for _ in range(draw(st.integers(0, 40))):
        x0 = draw(st.sampled_from([36.0, 40.0, 196.0, 200.0, 204.0, 210.5, 230.0, 304.0, 400.0]))
        x1 = x0 + draw(st.sampled_from([2.0, 20.0, 150.0, 160.0, 380.0, 540.0]))
        bottom = draw(st.sampled_from([60.0, 100.0, 299.0, 300.0, 308.5, 500.0, 700.0, 740.0]))
        height = draw(st.sampled_from([0.0, 0.5, 10.0, 10.0]))
        out.append(_Box("x", x0, x1, bottom + height, bottom, False, 10.0))
    return out


@SETTINGS
@given(line_boxes())
def test_the_column_split_follows_the_rule_candidate_by_candidate(boxes):
    assert _split_columns(boxes, 612.0) == split_plainly(boxes, 612.0)


def test_candidates_tested_in_blocks_give_the_same_split(monkeypatch):
    """A page with very many lines is tested a block of candidates at a time (memory stays flat);
    the blocks' order keeps the first of equal scores."""
    left = [_Box("l", 36.0, 200.0, 700.0 - 14 * i, 690.0 - 14 * i, False, 10.0) for i in range(30)]
    right = [_Box("r", 260.0 + i, 560.0, 700.0 - 14 * i, 690.0 - 14 * i, False, 10.0) for i in range(30)]
    boxes = left + right
    whole = _split_columns(boxes, 612.0)
    assert whole == split_plainly(boxes, 612.0) and whole is not None
    monkeypatch.setattr(pdf, "_CELLS", len(boxes))  # one candidate per block
    assert _split_columns(boxes, 612.0) == whole


def test_an_empty_page_has_no_lines_and_nothing_hidden():
    page = Page.from_rows([])
    hidden = []
    assert _boxes(page) == [] and len(split_hidden(page, 1, hidden)) == 0 and hidden == []
    assert isinstance(page.x0, np.ndarray) and page.rows() == []


def test_equal_scores_keep_the_leftmost_split(monkeypatch):
    """Two gaps as good as each other, as far from the middle: the first (leftmost) is kept,
    whole or a candidate at a time."""
    rows_at = [700.0 - 14 * i for i in range(6)]
    boxes = [_Box("a", 36.0, 190.0, y + 10, y, False, 10.0) for y in rows_at]
    boxes += [_Box("b", 230.0, 382.0, y + 10, y, False, 10.0) for y in rows_at]
    boxes += [_Box("c", 422.0, 576.0, y + 10, y, False, 10.0) for y in rows_at]
    expected = split_plainly(boxes, 612.0)
    assert expected == 228  # 228 and 384 (= 612 - 228), either side of the middle column, tie
    assert _split_columns(boxes, 612.0) == expected
    monkeypatch.setattr(pdf, "_CELLS", 1)
    assert _split_columns(boxes, 612.0) == expected


def test_a_lines_weight_and_size_come_from_its_first_24_glyphs():
    def line(bold_from: int, size_from: int) -> list:
        return [
            ("a", 10.0 + 6 * i, 16.0 + 6 * i, 100.0, 110.0, "F", i >= bold_from, 10.0 if i < size_from else 20.0, None)
            for i in range(40)
        ]  # fmt: skip

    (regular,) = _boxes(Page.from_rows(line(bold_from=24, size_from=24)))
    assert (regular.bold, regular.size) == (False, 10.0)
    (bold,) = _boxes(Page.from_rows(line(bold_from=9, size_from=12)))  # 15 of 24 bold: 0.625
    assert (bold.bold, bold.size) == (True, 15.0)  # the median of 12 at 10 pt and 12 at 20 pt


def test_a_glyph_that_cannot_be_placed_is_left_out():
    rows = [
        ("C", 10.0, 16.0, 100.0, 112.0, "F", False, 12.0, None),
        ("P", float("nan"), 17.0, 100.0, 112.0, "F", False, 12.0, None),
        ("A", 16.0, 22.0, 100.0, 112.0, "F", False, float("inf"), None),
        ("C", 16.0, 22.0, 100.0, 112.0, "F", False, 12.0, None),
    ]
    visible = split_hidden(Page.from_rows(rows), 1, [])
    assert [g.text for g in visible.rows()] == ["C", "C"]
    assert as_tuples(_boxes(visible)) == [("CC", 10.0, 22.0, 112.0, 100.0, False, 12.0)]


def test_white_glyphs_are_tested_against_backgrounds_in_blocks(monkeypatch):
    """Many white glyphs and many shapes: the same answer a block at a time as all at once."""
    rows = [("w", 10.0 * i, 10.0 * i + 6, 100.0, 110.0, "F", False, 10.0, (255, 255, 255)) for i in range(50)]
    backgrounds = [(20.0 * i, 90.0, 20.0 * i + 4, 120.0) for i in range(40)]  # every other glyph
    def read():
        hidden = []
        visible = split_hidden(Page.from_rows(rows, backgrounds=backgrounds), 1, hidden)
        return [g.x0 for g in visible.rows()], [h.text for h in hidden]

    whole = read()
    assert whole[0] == [20.0 * i for i in range(25)]  # centres 3 + 20i lie on a shape
    monkeypatch.setattr(pdf, "_CELLS", 7)
    assert read() == whole


def test_column_split_edges():
    """A line ending exactly on the split is left of it; a side whose lines all sit within a
    point of each other counts as a point high when asking whether the sides are side by side."""
    left = [_Box("l", 36.0, 200.0, y + 10, y, False, 10.0) for y in (700.0, 686.0)]
    edge = _Box("e", 100.0, 202.0, 644.0 + 10, 644.0, False, 10.0)  # the third line on the left
    right = [_Box("r", 202.0, 560.0, y + 10, y, False, 10.0) for y in (700.0, 686.0, 672.0, 658.0)]
    boxes = left + right + [edge] + [_Box("f", 36.0, 560.0, 60.0, 50.0, False, 10.0)] * 2
    assert _split_columns(boxes, 612.0) == split_plainly(boxes, 612.0) == 202
    flat = [_Box("f", 36.0 + 50 * i, 80.0 + 50 * i, 300.5, 300.0, False, 10.0) for i in range(3)]
    tall = [_Box("t", 400.0, 560.0, y + 0.5, y, False, 10.0) for y in (300.0, 299.0, 298.0, 297.0, 296.0)]
    # The sides overlap by half a point: side by side only against half of the flat side's
    # height (a quarter point), not against half a point.
    assert split_plainly(flat + tall, 612.0) is None
    assert _split_columns(flat + tall, 612.0) is None
