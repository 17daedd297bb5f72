"""Hidden text (issue 14): what a reader cannot see is never read as content, and is reported in
``Document.hidden``. HTML (any extension), DOCX hidden runs, white and tiny text."""

from __future__ import annotations

import io

import pytest

from analyzer.parsing import read_bytes
from tests.conftest import AS_OF

BODY = """<h1>Dana Whitfield</h1>
<p>dana.whitfield@example.com | 555-0199</p>
<h2>Experience</h2>
<p>Medical Coder, Lakeside Clinic, 2021 - Present</p>
<ul><li>Coded 90 outpatient charts per day at 96% accuracy using ICD-10-CM and CPT</li></ul>
<h2>Certifications</h2>
<p>CPC</p>
{hidden}
"""


def html(hidden: str, head: str = "") -> bytes:
    return f"<html><head>{head}</head><body>{BODY.format(hidden=hidden)}</body></html>".encode()


@pytest.mark.parametrize(
    "hidden, head, reason",
    [
        ('<div style="display:none">RHIA CCS CDIP</div>', "", "display:none"),
        ('<p style="visibility: hidden">RHIA CCS CDIP</p>', "", "visibility:hidden"),
        ("<section hidden><p>RHIA CCS CDIP</p></section>", "", "hidden attribute"),
        ("<noscript>RHIA CCS CDIP</noscript>", "", "<noscript>"),
        ("<template><p>RHIA CCS CDIP</p></template>", "", "<template>"),
        ('<span class="kw">RHIA CCS CDIP</span>', "<style>.kw { display: none }</style>",
         "display:none"),
        ('<div id="k">RHIA CCS CDIP</div>', "<style>p{color:red} #k{visibility:hidden}</style>",
         "visibility:hidden"),
        ('<span style="font-size:1px">RHIA CCS CDIP</span>', "", "tiny text"),
        ('<span style="font-size: 0">RHIA CCS CDIP</span>', "", "tiny text"),
        ('<span style="opacity:0;">RHIA CCS CDIP</span>', "", "opacity:0"),
        ('<p style="display:none">RHIA CCS CDIP<p>Visible line after', "", "display:none"),
    ],
)  # fmt: skip
def test_hidden_html_is_not_read(analyzer, hidden, head, reason):
    doc = read_bytes(html(hidden, head), "cv.html", analyzer.sectioner)
    text = "\n".join(ln.text for ln in doc.lines)
    assert "RHIA" not in text and "CDIP" not in text and "CPC" in text
    assert [(h.text, h.reason) for h in doc.hidden] == [("RHIA CCS CDIP", reason)]
    assert any("HTML" in w for w in doc.warnings)
    report = analyzer.analyze_document(doc, AS_OF)
    assert {c.id for c in report.credentials} == {"CPC"}
    if "Visible line" in hidden:  # a browser closes the hidden <p> at the next one
        assert "Visible line after" in text


@pytest.mark.parametrize(
    "shown",
    [
        '<span style="display:inline">RHIA CCS CDIP</span>',
        '<span style="font-size:10px">RHIA CCS CDIP</span>',
        '<span style="opacity:0.9">RHIA CCS CDIP</span>',
        '<span aria-hidden="true">RHIA CCS CDIP</span>',  # hidden from screen readers only
        '<span class="kw-visible">RHIA CCS CDIP</span>',
        '<span style="font-size:11pt">RHIA CCS CDIP</span>',
    ],
)
def test_visible_html_is_read(analyzer, shown):
    head = "<style>.kw { display: none } .other span { display:none }</style>"
    doc = read_bytes(html(shown, head), "cv.html", analyzer.sectioner)
    assert "RHIA CCS CDIP" in "\n".join(ln.text for ln in doc.lines)
    assert doc.hidden == []


def test_html_is_recognised_whatever_its_name_and_decoded_once(analyzer):
    data = html("<p>Wrote &amp;lt;script&amp;gt; tags &lt;b&gt;never&lt;/b&gt; &#x26; more</p>")
    doc = read_bytes(data, "resume.txt", analyzer.sectioner)
    assert doc.format == "html"
    text = "\n".join(ln.text for ln in doc.lines)
    assert "Wrote &lt;script&gt; tags <b>never</b> & more" in text
    assert "<script>" not in text


def test_html_report_says_it_was_html(tmp_path):
    from analyzer.pipeline import Analyzer

    path = tmp_path / "cv.txt"
    path.write_bytes(html(""))
    report = Analyzer().run(path, AS_OF).report
    assert report.error is None and any("HTML" in w for w in report.warnings)


# -- DOCX ----------------------------------------------------------------------------------------


def _docx(style_run) -> bytes:
    """A short resume whose Certifications line has a second run styled by ``style_run``."""
    import docx
    from docx.shared import Pt

    d = docx.Document()
    d.add_paragraph("Dana Whitfield")
    d.add_paragraph("dana.whitfield@example.com | 555-0199")
    d.add_heading("Experience", level=2)
    d.add_paragraph("Medical Coder, Lakeside Clinic, 2021 - Present")
    d.add_paragraph("Coded 90 outpatient charts per day at 96% accuracy using ICD-10-CM and CPT")
    d.add_heading("Certifications", level=2)
    p = d.add_paragraph()
    p.add_run("CPC ").font.size = Pt(11)
    style_run(d, p, p.add_run("RHIA CCS CDIP"))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _hidden(d, p, run):
    run.font.hidden = True


def _white(d, p, run):
    from docx.shared import RGBColor

    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def _tiny(d, p, run):
    from docx.shared import Pt

    run.font.size = Pt(1)


def _hidden_style(d, p, run):
    from docx.enum.style import WD_STYLE_TYPE

    style = d.styles.add_style("Invisible", WD_STYLE_TYPE.CHARACTER)
    style.font.hidden = True
    run.style = style


def _white_on_dark_paragraph(d, p, run):
    from docx.oxml import parse_xml

    _white(d, p, run)
    p._p.get_or_add_pPr().append(
        parse_xml('<w:shd xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                  'w:val="clear" w:color="auto" w:fill="1F3864"/>')
    )  # fmt: skip


def _near_white_highlighted(d, p, run):
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import RGBColor

    run.font.color.rgb = RGBColor(0xF8, 0xF8, 0xF8)
    run.font.highlight_color = WD_COLOR_INDEX.DARK_BLUE


def _small_but_readable(d, p, run):
    from docx.shared import Pt

    run.font.size = Pt(7)


def _grey(d, p, run):
    from docx.shared import RGBColor

    run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)


@pytest.mark.parametrize(
    "style_run, reason",
    [
        (_hidden, "hidden text"),
        (_hidden_style, "hidden text"),
        (_white, "white text"),
        (_tiny, "tiny text"),
    ],
)
def test_docx_runs_a_reader_cannot_see(analyzer, style_run, reason):
    doc = read_bytes(_docx(style_run), "cv.docx", analyzer.sectioner)
    text = "\n".join(ln.text for ln in doc.lines)
    assert "RHIA" not in text and "CPC" in text
    assert [h.text for h in doc.hidden] == ["RHIA CCS CDIP"]
    assert doc.hidden[0].reason.startswith(reason)
    assert {c.id for c in analyzer.analyze_document(doc, AS_OF).credentials} == {"CPC"}


@pytest.mark.parametrize(
    "style_run", [_white_on_dark_paragraph, _near_white_highlighted, _small_but_readable, _grey]
)
def test_docx_runs_a_reader_can_see(analyzer, style_run):
    doc = read_bytes(_docx(style_run), "cv.docx", analyzer.sectioner)
    assert "CPC RHIA CCS CDIP" in "\n".join(ln.text for ln in doc.lines)
    assert doc.hidden == []


# -- PDF (both engines: the filter looks only at each glyph's size and fill) ---------------------


def _pdf(extra) -> bytes:
    """A short resume whose Certifications line is followed by text drawn by ``extra``."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in (
        "Dana Whitfield",
        "dana.whitfield@example.com | 555-0199",
        "EXPERIENCE",
        "Medical Coder, Lakeside Clinic, 2021 - Present",
        "Coded 90 outpatient charts per day at 96% accuracy using ICD-10-CM and CPT",
        "CERTIFICATIONS",
        "CPC",
    ):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    extra(pdf)
    return bytes(pdf.output())


def _pdf_white(pdf):
    pdf.set_text_color(255, 255, 255)
    pdf.cell(0, 8, "RHIA CCS CDIP", new_x="LMARGIN", new_y="NEXT")


def _pdf_tiny(pdf):
    pdf.set_font_size(1)
    pdf.cell(0, 2, "RHIA CCS CDIP", new_x="LMARGIN", new_y="NEXT")


def _pdf_white_on_dark(pdf):
    pdf.set_fill_color(31, 56, 100)
    pdf.rect(10, pdf.get_y(), 120, 10, style="F")
    _pdf_white(pdf)


def _pdf_light_grey(pdf):
    pdf.set_text_color(150, 150, 150)
    pdf.cell(0, 8, "RHIA CCS CDIP", new_x="LMARGIN", new_y="NEXT")


def _pdf_small(pdf):
    pdf.set_font_size(6)
    pdf.cell(0, 4, "RHIA CCS CDIP", new_x="LMARGIN", new_y="NEXT")


@pytest.mark.parametrize("engine", ["pdfminer", "pdfium"])
@pytest.mark.parametrize(
    "extra, hidden",
    [
        (_pdf_white, "white text"),
        (_pdf_tiny, "tiny text"),
        (_pdf_white_on_dark, None),
        (_pdf_light_grey, None),
        (_pdf_small, None),
    ],
)
def test_pdf_text_a_reader_cannot_see(engine, extra, hidden):
    from analyzer.parsing.pdf import read_pdf

    found: list = []
    lines, _ = read_pdf(_pdf(extra), 30, engine, found)
    text = "\n".join(ln.text for ln in lines)
    assert "CPC" in text
    if hidden:
        assert "RHIA" not in text
        assert [(h.text, h.page) for h in found] == [("RHIA CCS CDIP", 1)]
        assert found[0].reason.startswith(hidden)
    else:
        assert "RHIA CCS CDIP" in text and found == []


def test_both_pdf_engines_find_the_same_hidden_text():
    from analyzer.parsing.pdf import read_pdf
    from tests.test_pdf_engines import _styled_pdf

    found = {e: [] for e in ("pdfminer", "pdfium")}
    for engine, hidden in found.items():
        read_pdf(_styled_pdf(), 30, engine, hidden)
    assert found["pdfminer"] == found["pdfium"]
    assert [h.text for h in found["pdfium"]] == ["CPC CCS RHIA CDIP Epic 3M", "CRC CPMA"]
