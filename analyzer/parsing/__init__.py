"""Parsing layer: any supported file -> ``models.Document`` (lines in reading order, with sections)."""

from __future__ import annotations

import os
from pathlib import Path

from analyzer.errors import Empty, NotFound, TooLarge, UnsupportedFormat
from analyzer.limits import DEFAULT_LIMITS, Limits
from analyzer.names import display_name
from analyzer.parsing.cleanup import (
    clean_chars,
    leaders_to_fields,
    is_rule_line,
    join_letter_spacing,
    split_bullet,
    tidy,
)
from analyzer.parsing.raw import RawLine
from analyzer.parsing.sections import Sectioner
from analyzer.parsing.sniff import DOCX, HTML, LEGACY_DOC, PDF, RTF, sniff
from analyzer.models.document import Document, HiddenText

__all__ = ["check_bytes", "read_bytes", "read_file", "read_document"]


def read_file(path: str | os.PathLike, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """Read a file's bytes (never more than the size limit), read-only.

    Raises:
        NotFound: Missing, a directory, or unreadable.
        TooLarge: Bigger than ``limits.max_file_bytes``.
        Empty: Zero bytes.
    """
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise NotFound(f"{display_name(p)} is a directory, not a resume file")
        if size > limits.max_file_bytes:
            raise TooLarge(
                f"the file is {size / 1e6:.1f} MB; the limit is {limits.max_file_bytes / 1e6:.0f} MB (--max-size)"
            )
        with open(p, "rb") as fh:
            data = fh.read(limits.max_file_bytes + 1)
    except FileNotFoundError as exc:
        raise NotFound(f"no such file: {display_name(p)}") from exc
    except PermissionError as exc:
        raise NotFound(f"cannot read {display_name(p)}: permission denied") from exc
    except IsADirectoryError as exc:
        raise NotFound(f"{display_name(p)} is a directory, not a resume file") from exc
    except OSError as exc:
        raise NotFound(f"cannot read {display_name(p)}: {exc.strerror or exc}") from exc
    return check_bytes(data, limits)


def check_bytes(data: bytes, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """``data`` if it is within the size limit and not empty.

    Raises:
        TooLarge: Bigger than ``limits.max_file_bytes``.
        Empty: Nothing but whitespace.
    """
    if len(data) > limits.max_file_bytes:
        raise TooLarge(f"the file is larger than {limits.max_file_bytes / 1e6:.0f} MB (--max-size)")
    if not data.strip():
        raise Empty("the file is empty")
    return data


def _normalise(raw: list[RawLine]) -> list[RawLine]:
    out: list[RawLine] = []
    for r in raw:
        text = join_letter_spacing(clean_chars(r.text))
        if not text.strip() or is_rule_line(text.strip()):
            continue
        bullet, rest = split_bullet(text.strip())
        rest = tidy(leaders_to_fields(rest))
        if not rest:
            continue
        # A word hyphenated across a PDF line break ("re-\nimbursement").
        if out and out[-1].text.endswith("-") and rest[:1].islower() and out[-1].column == r.column:
            out[-1].text = out[-1].text[:-1] + rest
            continue
        out.append(
            RawLine(
                text=rest,
                page=r.page,
                bold=r.bold,
                size=r.size,
                column=r.column,
                style_heading=r.style_heading,
                bullet=bullet or r.bullet,
            )
        )
    return out


def read_bytes(
    data: bytes, source: str, sectioner: Sectioner, limits: Limits = DEFAULT_LIMITS
) -> Document:
    """Parse bytes of any supported format into a ``Document``.

    Raises:
        AnalyzerError: a subclass naming what is wrong (see ``analyzer.errors``).
    """
    from analyzer.parsing.text import decode, rtf_text

    if not data.strip():
        raise Empty("the file is empty")
    kind = sniff(data)
    pages = 1
    hidden: list[HiddenText] = []  # text a reader cannot see, kept out of the lines
    warnings: list[str] = []
    if kind == PDF:
        from analyzer.parsing.pdf import read_pdf

        raw, pages = read_pdf(data, limits.max_pages, limits.pdf_engine, hidden)
    elif kind == DOCX:
        from analyzer.parsing.docx import read_docx

        raw = read_docx(data, limits.max_docx_uncompressed, limits.max_docx_members, hidden)
    elif kind == HTML:
        from analyzer.parsing.html import read_html

        text, hidden = read_html(decode(data))
        warnings.append("the file is an HTML page: only the text a browser shows was read")
        raw = _read_text(text, limits, warnings)
    elif kind == RTF:
        raw = _read_text(rtf_text(decode(data)), limits, warnings)
    elif kind == LEGACY_DOC:
        raise UnsupportedFormat(
            "this is a Word 97-2003 .doc file, which cannot be read: save it as DOCX or PDF"
        )
    elif kind is None:
        raise UnsupportedFormat(
            "unsupported file type: only PDF, DOCX, RTF and plain text resumes can be read"
        )
    else:
        raw = _read_text(decode(data), limits, warnings)
    lines = _normalise(raw)
    if not lines:
        raise Empty("the file contains no readable text")
    if sum(len(r.text) for r in lines) < 12:
        raise Empty("the file contains almost no text")
    built, sections = sectioner.assign(lines, [r.page for r in lines])
    return Document(
        source=source, format=kind, pages=pages, lines=built, sections=sections,
        hidden=hidden, warnings=warnings,
    )  # fmt: skip


def _read_text(text: str, limits: Limits, warnings: list[str]) -> list[RawLine]:
    """Lines of decoded text, cut at ``limits.max_text_chars`` with a warning when longer."""
    from analyzer.parsing.text import read_text

    if len(text) > limits.max_text_chars:
        warnings.append(
            f"the text is {len(text):,} characters long; only the first "
            f"{limits.max_text_chars:,} were read"
        )
    return read_text(text, limits.max_text_chars)


def read_document(
    path: str | os.PathLike, sectioner: Sectioner, limits: Limits = DEFAULT_LIMITS
) -> Document:
    """Read and parse the file at ``path``."""
    return read_bytes(read_file(path, limits), str(path), sectioner, limits)
