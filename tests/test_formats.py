"""File types read by content: RTF is read as text; a zip that is not a Word document is not a
resume (``unsupported_format`` for one file, skipped in a folder)."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from analyzer import analyze
from analyzer.batch import discover
from tests.conftest import AS_OF

RTF = (
    r"{\rtf1\ansi\deff0{\fonttbl{\f0\fswiss Helvetica;}}\f0\pard"
    "\nDana Whitfield, CPC\\par\ndana.w@example.com\\par\n\\par\n"
    "{\\b EXPERIENCE}\\par\nMedical Coder, Lakeside Clinic, Tulsa, OK\\par\n"
    "January 2021 - Present\\par\n"
    "- Coded 90 outpatient encounters per day at 97\\'25 accuracy in Epic\\par\n}"
)


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_an_rtf_resume_is_read_as_text():
    report = analyze(RTF.encode("ascii"), as_of=AS_OF, filename="cv.rtf")
    assert report.error is None
    assert [c.id for c in report.credentials] == ["CPC"]
    assert {m.kind: m.value for m in report.metrics} == {"volume": 90, "accuracy": 97}
    assert report.experience.positions[0].start == "2021-01"


def test_a_plain_text_file_that_mentions_rtf_is_still_text():
    report = analyze(b"Notes on {\\rtf control words} are not RTF here.\n" * 3, as_of=AS_OF)
    assert report.error is None or report.error.code != "corrupt"


@pytest.mark.parametrize(
    "members",
    [
        {"a.txt": b"hello"},
        {"xl/workbook.xml": b"<workbook/>", "[Content_Types].xml": b"<Types/>"},
    ],
)
def test_a_zip_that_is_not_a_word_document_is_unsupported(members):
    report = analyze(_zip(members), as_of=AS_OF, filename="cv.docx")
    assert report.error.code == "unsupported_format"


def test_a_folder_skips_zip_archives_but_keeps_word_documents(tmp_path: Path):
    big = {f"f{i}.txt": os.urandom(2000) for i in range(5)}  # past the 4 KiB sniffed head
    (tmp_path / "archive.zip").write_bytes(_zip(big))
    (tmp_path / "photos").write_bytes(_zip({"a.jpg": b"\xff\xd8"}))
    (tmp_path / "cv.rtf").write_text(RTF)
    docx = _zip({"word/document.xml": b"<w:document/>", "[Content_Types].xml": b"<Types/>"})
    (tmp_path / "resume").write_bytes(docx)
    found = discover(tmp_path)
    assert sorted(p.name for p in found.files) == ["cv.rtf", "resume"]
    reasons = {p.name: why for p, why in found.skipped}
    assert "zip" in reasons["archive.zip"] or "not a PDF" in reasons["archive.zip"]
    assert reasons.keys() >= {"archive.zip", "photos"}
