"""Parsing: formats sniffed from bytes, reading order, headers/footers, encodings, sections, errors."""

import re
from pathlib import Path

import pytest

from analyzer.errors import AnalyzerError
from analyzer.limits import Limits
from analyzer.parsing import read_bytes, read_document
from analyzer.parsing.cleanup import clean_chars, join_letter_spacing, split_bullet
from tests.fixtures import make


def norm(s: str) -> str:
    return re.sub(r"\W+", "", s.lower())


def bullets(doc) -> list[str]:
    return [norm(ln.text) for ln in doc.lines if ln.bullet]


@pytest.fixture(scope="module")
def formats():
    return {
        "txt": make.to_text(make.SAMPLE).encode(),
        "docx": make.to_docx(make.SAMPLE),
        "pdf": make.to_pdf(make.SAMPLE),
        "pdf_sidebar": make.to_pdf(make.SAMPLE, sidebar=True),
        "pdf_2pages_footer": make.to_pdf(make.SAMPLE, pages=2, footer=True),
    }


@pytest.mark.parametrize("fmt", ["txt", "docx", "pdf", "pdf_sidebar", "pdf_2pages_footer"])
def test_same_resume_same_sections_and_bullets(analyzer, formats, fmt):
    reference = read_bytes(formats["txt"], "ref.txt", analyzer.sectioner)
    doc = read_bytes(formats[fmt], f"x.{fmt}", analyzer.sectioner)
    assert {s.name for s in doc.sections} == {s.name for s in reference.sections}
    assert bullets(doc) == bullets(reference)


def test_sidebar_is_not_interleaved_into_experience(analyzer, formats):
    doc = read_bytes(formats["pdf_sidebar"], "x.pdf", analyzer.sectioner)
    exp = [ln.text for ln in doc.lines if ln.section == "experience"]
    assert not any("NCCI" == t or t.startswith("CPC - Certified") for t in exp)
    skills = [ln for ln in doc.lines if ln.section == "skills"]
    assert skills and all(ln.column == 2 for ln in skills)


def test_running_footer_and_page_numbers_dropped(analyzer, formats):
    doc = read_bytes(formats["pdf_2pages_footer"], "x.pdf", analyzer.sectioner)
    assert doc.pages == 2
    assert not any("Page 1 of 2" in ln.text or "Page 2 of 2" in ln.text for ln in doc.lines)


def test_docx_header_part_is_read(analyzer, formats):
    doc = read_bytes(formats["docx"], "x.docx", analyzer.sectioner)
    assert any("terry.lindqvist@example.com" in ln.text for ln in doc.lines)


@pytest.mark.parametrize(
    "name, data_key",
    [
        ("resume.PDF", "pdf"),
        ("resume", "pdf"),
        ("really_docx.pdf", "docx"),
        ("really_pdf.docx", "pdf"),
        ("notes.txt", "txt"),
    ],
)
def test_format_from_bytes_not_name(analyzer, formats, tmp_path: Path, name, data_key):
    path = make.write(tmp_path / name, formats[data_key])
    doc = read_document(path, analyzer.sectioner)
    assert doc.format == {"pdf": "pdf", "docx": "docx", "txt": "text"}[data_key]
    assert "experience" in {s.name for s in doc.sections}


@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("cp1252", b""),
        ("latin-1", b""),
    ],
)
def test_text_encodings(analyzer, encoding, bom):
    text = "José Muñoz\nEXPERIENCE\nCoder – Clínica Médica | 2020 - Present\n- Coded 40 charts per day\n"
    if encoding == "latin-1":
        text = text.replace("–", "-")
    doc = read_bytes(bom + text.encode(encoding), "x.txt", analyzer.sectioner)
    assert doc.lines[0].text == "José Muñoz"
    assert any("Clínica Médica" in ln.text for ln in doc.lines)


@pytest.mark.parametrize(
    "heading, section",
    [
        ("Work History", "experience"),
        ("PROFESSIONAL EXPERIENCE", "experience"),
        ("Licenses & Credentials", "certifications"),
        ("Core Competencies", "skills"),
        ("CERTIFICATIONS", "certifications"),
        ("[ Education ]", "education"),
        ("Skills:", "skills"),
        ("P R O F E S S I O N A L   E X P E R I E N C E", "experience"),
        ("CONSULTING & EMPLOYMENT", "experience"),
        ("Experiance", "experience"),
    ],
)
def test_headings(doc_from, heading, section):
    doc = doc_from(f"Pat Lee\n{heading}\nSome line under it for the section.")
    assert doc.lines[1].heading and doc.lines[2].section == section


def test_profile_block_before_first_heading(doc_from):
    doc = doc_from("Pat Lee\npat@example.com\nSUMMARY\nCoder.")
    assert [ln.section for ln in doc.lines[:2]] == ["profile", "profile"]
    assert doc.sections[0].name == "profile" and doc.sections[0].heading is None


def test_hard_wrapped_text_is_rejoined(doc_from):
    long = "Abstract and code operative reports for total joints, arthroscopy and spine cases for"
    doc = doc_from(
        f"Pat Lee\nEXPERIENCE\n  - {long}\n    hand surgeons at a busy ambulatory surgery center in Denver\n"
        f"  - {long}\n    the surgery group weekly\n  - Another bullet that is short\n{long} extra words\n"
    )
    assert [ln.text for ln in doc.lines if ln.bullet][0].endswith("in Denver")


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("ﬁle ﬂow oﬃce", "file flow office"),
        ("re\u00adimbursement", "reimbursement"),
        ("a\u00a0b", "a b"),
    ],
)
def test_clean_chars(raw, clean):
    assert clean_chars(raw) == clean


@pytest.mark.parametrize(
    "raw",
    [
        "• Coded charts",
        "▪ Coded charts",
        "➢ Coded charts",
        "– Coded charts",
        "o Coded charts",
        "> Coded charts",
        "* Coded charts",
    ],
)
def test_bullets_normalised(raw):
    assert split_bullet(raw) == (True, "Coded charts")


def test_letter_spacing():
    assert join_letter_spacing("S K I L L S") == "SKILLS"
    assert join_letter_spacing("ICD-10 CM") == "ICD-10 CM"


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"%PDF-1.7\n", "corrupt"),
        (b"PK\x03\x04" + b"\x00" * 40, "corrupt"),
        (bytes(range(256)) * 40, "unsupported_format"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "unsupported_format"),
    ],
)
def test_error_codes(analyzer, data, code):
    with pytest.raises(AnalyzerError) as err:
        read_bytes(data, "x", analyzer.sectioner)
    assert err.value.code == code and err.value.message


def test_error_codes_for_files(analyzer, tmp_path: Path):
    cases = {
        "no_text": make.image_only_pdf(),
        "encrypted": make.to_pdf(make.SAMPLE, user_password="secret"),
        "too_large": make.many_pages_pdf(40),
    }
    for code, data in cases.items():
        with pytest.raises(AnalyzerError) as err:
            read_document(make.write(tmp_path / f"{code}.pdf", data), analyzer.sectioner)
        assert err.value.code == code
    with pytest.raises(AnalyzerError) as err:
        read_document(tmp_path / "missing.pdf", analyzer.sectioner)
    assert err.value.code == "not_found"
    big = make.write(tmp_path / "big.txt", "x" * 3000)
    with pytest.raises(AnalyzerError) as err:
        read_document(big, analyzer.sectioner, Limits(max_file_bytes=1000))
    assert err.value.code == "too_large"


def test_owner_password_only_pdf_reads(analyzer, tmp_path: Path):
    data = make.to_pdf(make.SAMPLE, owner_password="owner-only")
    doc = read_document(make.write(tmp_path / "owner.pdf", data), analyzer.sectioner)
    assert any("Lakeshore General Hospital" in ln.text for ln in doc.lines)


def test_pdfminer_noise_stays_quiet(analyzer, tmp_path: Path, capfd):
    read_document(make.write(tmp_path / "r.pdf", make.to_pdf(make.SAMPLE)), analyzer.sectioner)
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_inline_heading_line_gets_its_own_section(doc_from):
    doc = doc_from("Pat Lee\nCERTIFICATIONS\nCPC, AAPC\nSkills: ICD-10-CM, CPT, Epic\nCCS, AHIMA\n")
    assert [ln.section for ln in doc.lines[2:]] == ["certifications", "skills", "certifications"]


def test_docx_text_box_is_read_once(analyzer):
    data = make.docx_with_text_box(make.SAMPLE, "Boxed: pat.box@example.com")
    doc = read_bytes(data, "x.docx", analyzer.sectioner)
    boxed = [ln for ln in doc.lines if "pat.box@example.com" in ln.text]
    assert len(boxed) == 1


def test_legacy_doc_gets_a_helpful_message(analyzer):
    with pytest.raises(AnalyzerError) as err:
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "cv.doc", analyzer.sectioner)
    assert err.value.code == "unsupported_format" and "save it as DOCX or PDF" in err.value.message
