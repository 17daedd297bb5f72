"""Format detection from the bytes, never from the file name."""

from __future__ import annotations

import io
import zipfile

PDF, DOCX, TEXT, HTML, RTF = "pdf", "docx", "text", "html", "rtf"
LEGACY_DOC = "doc"


def sniff(data: bytes) -> str | None:
    """Return ``pdf``, ``docx``, ``rtf``, ``html``, ``text`` or ``doc`` (legacy Word, not readable)
    for the content, or ``None`` if unknown.

    A PDF may carry junk before ``%PDF`` (up to 1 KiB, as readers allow). A ZIP counts as DOCX only
    when it has ``word/document.xml``; other ZIPs (XLSX, ODT, archives) are not resumes we read.
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return PDF
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError):
            return DOCX  # a damaged zip: let the DOCX reader say "corrupt"
        return DOCX if "word/document.xml" in names else None
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf":
        return RTF
    if data[:4] == b"\xd0\xcf\x11\xe0":  # OLE compound file: Word 97-2003 .doc (or .xls, .msg)
        return LEGACY_DOC
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:300]:
        return HTML
    return TEXT
