"""The two PDF engines (pdfminer.six and pdfium) feed one layout: the same glyph attributes, the same
lines and findings, the same error codes; a crash in pdfium costs one file, never the process."""

from __future__ import annotations

import copy
import os
import signal
import time
from pathlib import Path

import pytest

from analyzer.cli import main
from analyzer.limits import Limits
from analyzer.parsing import pdf_pdfium, pdf_pdfminer, read_bytes
from analyzer.parsing.pdf import read_pdf
from tests.conftest import AS_OF, SAMPLES
from tests.fixtures import make

ENGINES = ("pdfminer", "pdfium")


def _styled_pdf() -> bytes:
    """Text in the colours, sizes and weights a hidden-text filter and the layout look at: black,
    grey, white, a 1-point line, bold, and a right-aligned date on a job's line."""
    from fpdf import FPDF

    pdf = FPDF(format="Letter", unit="pt")
    pdf.add_page()
    rows = [
        ("Helvetica", "B", 16, (0, 0, 0), "Robin Okafor"),
        ("Helvetica", "", 10, (90, 90, 90), "Inpatient Coder | robin.okafor@example.com"),
        ("Helvetica", "", 10, (255, 255, 255), "CPC CCS RHIA CDIP Epic 3M"),
        ("Helvetica", "", 1, (0, 0, 0), "CRC CPMA"),
        ("Times", "B", 11, (20, 40, 160), "EXPERIENCE"),
        ("Courier", "", 10, (0, 0, 0), "Coded 22 inpatient charts per day at 96% accuracy"),
    ]
    y = 60
    for family, style, size, colour, text in rows:
        pdf.set_font(family, style, size)
        pdf.set_text_color(*colour)
        pdf.set_xy(54, y)
        pdf.cell(400, size + 3, text)
        y += size + 8
    pdf.set_xy(400, 60 + 16 + 8 + 18 + 18 + 9 + 19)  # on the baseline of the Courier line
    pdf.set_font("Helvetica", "", 10)
    pdf.set_text_color(0, 0, 0)
    pdf.cell(150, 13, "Mar 2021 - Present", align="R")
    return bytes(pdf.output())


def _shifted_pdf(data: bytes) -> bytes:
    """The same PDF with its media box moved off the origin: both engines must place text in the
    same page space."""
    # The same length, so the cross-reference offsets stay right.
    out = data.replace(b"/MediaBox [0 0 612.00 792.00]", b"/MediaBox [30 40 642.00 832.00]")
    assert out != data
    return out


LAYOUTS = {
    "one column": lambda: make.to_pdf(make.SAMPLE),
    "sidebar": lambda: make.to_pdf(make.SAMPLE, sidebar=True),
    "two pages, footer": lambda: make.to_pdf(make.SAMPLE, pages=2, footer=True),
    "colours and sizes": _styled_pdf,
    "media box offset": lambda: _shifted_pdf(make.to_pdf(make.SAMPLE, sidebar=True)),
    "sample file": lambda: (SAMPLES / "mid_ed_coder.pdf").read_bytes(),
}


@pytest.fixture(autouse=True)
def _pdfium_in_this_process():
    """Read pdfium directly here (the child-process path has its own tests below)."""
    pdf_pdfium.run_isolated(True)
    yield
    pdf_pdfium.run_isolated(False)


def _glyphs(engine, data: bytes):
    reader = pdf_pdfium if engine == "pdfium" else pdf_pdfminer
    pages, count = reader.read_pages(data, 30)
    return [(p.width, p.height, p.rows()) for p in pages], count


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
def test_engines_give_the_same_glyphs(layout):
    data = LAYOUTS[layout]()
    (a, count_a), (b, count_b) = _glyphs("pdfminer", data), _glyphs("pdfium", data)
    assert count_a == count_b and len(a) == len(b)
    for (wa, ha, ga), (wb, hb, gb) in zip(a, b, strict=True):
        assert (round(wa), round(ha)) == (round(wb), round(hb))
        assert "".join(g.text for g in ga) == "".join(g.text for g in gb)
        for x, y in zip(ga, gb, strict=True):
            assert (x.font, x.bold, x.fill) == (y.font, y.bold, y.fill), (x, y)
            assert abs(x.size - y.size) < 0.05, (x, y)
            assert max(abs(x.x0 - y.x0), abs(x.x1 - y.x1), abs(x.y0 - y.y0), abs(x.y1 - y.y1)) < 1.0


def test_glyph_attributes_are_what_was_drawn():
    """The values both engines agree on are the drawn ones (not a shared mistake)."""
    for engine in ENGINES:
        pages, _ = _glyphs(engine, _styled_pdf())
        glyphs = pages[0][2]
        first = {}
        for g in glyphs:
            first.setdefault(g.text, g)
        assert (first["R"].bold, round(first["R"].size), first["R"].fill) == (True, 16, (0, 0, 0))
        assert first["I"].fill == (90, 90, 90) and not first["I"].bold
        white = [g for g in glyphs if g.fill == (255, 255, 255)]
        assert "".join(g.text for g in white) == "CPCCCSRHIACDIPEpic3M"
        assert {round(g.size) for g in glyphs if g.text in "CRPMA" and g.size < 2} == {1}
        assert first["X"].font == "Times-Bold" and first["X"].fill == (20, 40, 160)
        assert first["9"].font == "Courier"


def _hebrew_pdf(last_colour: str) -> bytes:
    """A line of Latin text and a Hebrew word in one text object, then one more Hebrew letter in
    a text object of its own (bold, 20 pt, ``last_colour``) right after it. PDFium puts the line
    in reading order, so the lone letter lands among the first object's characters."""
    letters = {ord(c): 0x05D0 + i for i, c in enumerate("WXYZqrv")}  # alef to zayin
    to_unicode = {ord(c): ord(c) for c in "Coding Spec"} | letters
    content = (
        b"BT /F1 12 Tf 1 0 0 1 20 700 Tm (Coding Spec ) Tj ET "
        b"BT /F1 12 Tf 1 0 0 1 100 700 Tm (Cod WXYZqr) Tj ET "
        b"BT /F2 20 Tf " + last_colour.encode() + b" rg 1 0 0 1 170 700 Tm (v) Tj ET"
    )
    return make.raw_pdf(content, {"F1": "Helvetica", "F2": "Helvetica-Bold"}, to_unicode)


@pytest.mark.parametrize("engine", ENGINES)
def test_right_to_left_text_keeps_each_letters_own_attributes(engine):
    page = _glyphs(engine, _hebrew_pdf("1 0 0"))[0][0][2]
    zayin = [g for g in page if g.text == "\u05d6"]
    assert [(g.font, g.bold, g.size, g.fill) for g in zayin] == [
        ("Helvetica-Bold", True, 20.0, (255, 0, 0))
    ]
    others = {(g.font, g.size) for g in page if "\u05d0" <= g.text <= "\u05d5"}
    assert others == {("Helvetica", 12.0)}


@pytest.mark.parametrize("engine", ENGINES)
def test_a_white_right_to_left_letter_is_still_hidden(engine):
    hidden = []
    read_pdf(_hebrew_pdf("1 1 1"), 30, engine, hidden)
    assert [(h.reason, h.text) for h in hidden] == [("white text on a white page", "\u05d6")]


def _one_object_per_character_pdf() -> bytes:
    """A heading drawn one text object per character (as browsers and word processors write
    them), bold and in colour, then a line drawn as one object, then white characters one by
    one: the pdfium reader has a path for each kind of object."""
    bold_widths = {"S": 667, "K": 722, "I": 278, "L": 611}  # Helvetica-Bold, per 1,000
    ops, x = [], 40.0
    for ch in "SKILLS":  # each letter where the last one ended
        ops.append(b"BT /F2 14 Tf 0.1 0.2 0.6 rg 1 0 0 1 %.3f 720 Tm (%s) Tj ET" % (x, ch.encode()))
        x += bold_widths[ch] * 14 / 1000
    ops.append(b"BT /F1 10 Tf 0 g 1 0 0 1 40 700 Tm (Coded 22 charts per day) Tj ET")
    x = 40.0
    for ch in "CPC":  # Helvetica: C 722, P 667
        ops.append(b"BT /F1 10 Tf 1 1 1 rg 1 0 0 1 %.3f 680 Tm (%s) Tj ET" % (x, ch.encode()))
        x += {"C": 722, "P": 667}[ch] * 10 / 1000
    to_unicode = {c: c for c in range(32, 127)}
    return make.raw_pdf(b"\n".join(ops), {"F1": "Helvetica", "F2": "Helvetica-Bold"}, to_unicode)


def test_one_object_per_character_reads_as_one_object_per_line():
    data = _one_object_per_character_pdf()
    (a,), _ = _glyphs("pdfminer", data)
    (b,), _ = _glyphs("pdfium", data)
    rows_a, rows_b = a[2], b[2]
    assert "".join(g.text for g in rows_b) == "SKILLSCoded22chartsperdayCPC"
    assert "".join(g.text for g in rows_a) == "".join(g.text for g in rows_b)
    for x, y in zip(rows_a, rows_b, strict=True):
        assert (x.font, x.bold, x.fill, round(x.size, 1)) == (y.font, y.bold, y.fill, round(y.size, 1))
        assert max(abs(x.x0 - y.x0), abs(x.x1 - y.x1), abs(x.y0 - y.y0), abs(x.y1 - y.y1)) < 1.0
    assert {g.fill for g in rows_b if g.text in "SKIL"} == {(26, 51, 153)}
    for engine in ENGINES:
        hidden = []
        lines = [ln.text for ln in read_pdf(data, 30, engine, hidden)[0]]
        assert lines == ["SKILLS", "Coded 22 charts per day"]
        assert [(h.reason, h.text) for h in hidden] == [("white text on a white page", "CPC")]


def test_object_runs_gallop_over_contiguous_objects_and_ask_one_by_one_otherwise():
    objects = [7] * 20 + [0] + [7] * 10 + [5] * 30 + [0, 3]
    calls = []

    def text_object(_tp, i):
        calls.append(i)
        return objects[i]

    runs = pdf_pdfium._object_runs(text_object, 0, len(objects), one_by_one=False)
    assert runs[0][0] == 0 and runs[-1][1] == len(objects)
    assert all(a[1] == b[0] for a, b in zip(runs, runs[1:]))  # consecutive, no gap
    for start, end, obj in runs:  # PDFium's own characters (0) may sit inside a run
        assert objects[start] == obj and all(objects[i] in (obj, 0) for i in range(start, end))
    assert len(calls) < len(objects)  # not asked character by character
    interleaved = [7, 7, 9, 7, 7, 7, 7, 7, 0, 0, 5, 5]
    runs = pdf_pdfium._object_runs(lambda _tp, i: interleaved[i], 0, len(interleaved), True)
    assert runs == [(0, 2, 7), (2, 3, 9), (3, 8, 7), (8, 10, 0), (10, 12, 5)]
    assert pdf_pdfium._object_runs(text_object, 0, 0, one_by_one=False) == []
    assert pdf_pdfium._right_to_left("Coding \u05d0") and pdf_pdfium._right_to_left("\u0627")
    assert not pdf_pdfium._right_to_left("Coding Specialist 2019\u2013present \u00e9")


@pytest.mark.parametrize("layout", LAYOUTS, ids=list(LAYOUTS))
def test_engines_give_the_same_lines(layout):
    data = LAYOUTS[layout]()
    lines = {e: read_pdf(data, 30, e)[0] for e in ENGINES}
    as_tuples = {
        e: [(ln.text, ln.page, ln.column, ln.bold, ln.size) for ln in lines[e]] for e in ENGINES
    }
    assert as_tuples["pdfminer"] == as_tuples["pdfium"]
    assert len(as_tuples["pdfium"]) >= 4  # the styled page's white and 1-pt lines are hidden text


def test_right_aligned_dates_join_their_line():
    lines = [ln.text for ln in read_pdf(_styled_pdf(), 30, "pdfium")[0]]
    assert "Coded 22 inpatient charts per day at 96% accuracy | Mar 2021 - Present" in lines


def test_engines_give_the_same_report(analyzer, tmp_path: Path):
    path = make.write(tmp_path / "sidebar.pdf", make.to_pdf(make.SAMPLE, sidebar=True))
    pdfium = copy.copy(analyzer)
    pdfium.limits = Limits(pdf_engine="pdfium")
    a, b = analyzer.run(path, AS_OF).report, pdfium.run(path, AS_OF).report
    assert a.error is None and a.metrics and a.credentials
    assert a.model_dump_json() == b.model_dump_json()


def test_unknown_engine_is_refused(capsys):
    with pytest.raises(ValueError):
        Limits(pdf_engine="poppler")
    with pytest.raises(SystemExit) as exc:
        main(["text", str(SAMPLES / "mid_ed_coder.pdf"), "--pdf-engine", "poppler"])
    assert exc.value.code == 2 and "invalid choice: 'poppler'" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["score", "suggest", "text"])
def test_every_command_takes_the_engine(capsys, command):
    args = [command, str(SAMPLES / "mid_ed_coder.pdf"), "--as-of", "2026-11-26"]
    outs = []
    for engine in ENGINES:
        assert main([*args, "--pdf-engine", engine]) == 0
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1] and len(outs[0]) > 200


# -- a crash in pdfium (C code) ---------------------------------------------------------------


def _crash_on_marker(real):
    """pdfium's reader, except that a file holding CRASHME kills its process like a segfault."""

    def read(data: bytes, max_pages: int):
        if b"CRASHME" in data:
            os.kill(os.getpid(), signal.SIGSEGV)
        return real(data, max_pages)

    return read


def _crash_pdf() -> bytes:
    return make.to_pdf(make.SAMPLE).replace(b"%PDF-1.3", b"%PDF-1.3\n%CRASHME", 1)


def test_a_pdfium_crash_is_this_files_error(analyzer, monkeypatch, tmp_path: Path):
    pdf_pdfium.run_isolated(False)  # as in `score` and the web server: a child per file
    monkeypatch.setattr(pdf_pdfium, "_read", _crash_on_marker(pdf_pdfium._read))
    pdfium = copy.copy(analyzer)
    pdfium.limits = Limits(pdf_engine="pdfium")
    bad = make.write(tmp_path / "bad.pdf", _crash_pdf())
    good = make.write(tmp_path / "good.pdf", make.to_pdf(make.SAMPLE))
    report = pdfium.run(bad, AS_OF).report
    assert report.error.code == "internal_error"
    assert "signal 11" in report.error.message and "--pdf-engine pdfminer" in report.error.message
    assert pdfium.run(good, AS_OF).report.error is None  # this process is still fine


def test_a_hung_pdfium_child_is_stopped_by_the_time_limit(analyzer, monkeypatch, tmp_path: Path):
    pdf_pdfium.run_isolated(False)
    monkeypatch.setattr(pdf_pdfium, "_read", lambda data, max_pages: time.sleep(60))
    pdfium = copy.copy(analyzer)
    pdfium.limits = Limits(pdf_engine="pdfium", timeout_seconds=1)
    path = make.write(tmp_path / "slow.pdf", make.to_pdf(make.SAMPLE))
    start = time.monotonic()
    assert pdfium.run(path, AS_OF).report.error.code == "timeout"
    assert time.monotonic() - start < 10


def test_a_pdfium_crash_in_a_batch_costs_one_row(capsys, monkeypatch, tmp_path: Path):
    monkeypatch.setattr(pdf_pdfium, "_read", _crash_on_marker(pdf_pdfium._read))
    make.write(tmp_path / "a.pdf", make.to_pdf(make.SAMPLE))
    make.write(tmp_path / "b.pdf", _crash_pdf())
    make.write(tmp_path / "c.pdf", make.to_pdf(make.SAMPLE, sidebar=True))
    argv = ["batch", str(tmp_path), "--format", "jsonl", "--workers", "1", "--pdf-engine", "pdfium"]
    assert main([*argv, "--progress", "never", "--as-of", "2026-11-26"]) == 1
    import json

    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    codes = [(Path(r["file"]).name, r["error"]["code"] if r["error"] else None) for r in rows]
    assert codes == [("a.pdf", None), ("b.pdf", "internal_error"), ("c.pdf", None)]


def test_read_bytes_uses_the_engine_in_limits(analyzer, monkeypatch):
    used = []
    real = pdf_pdfium.read_pages
    monkeypatch.setattr(pdf_pdfium, "read_pages", lambda *a: used.append(1) or real(*a))
    data = make.to_pdf(make.SAMPLE)
    read_bytes(data, "x.pdf", analyzer.sectioner, Limits(pdf_engine="pdfium"))
    read_bytes(data, "x.pdf", analyzer.sectioner)
    assert used == [1]
