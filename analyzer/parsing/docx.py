"""DOCX reader: python-docx in document order, with zip-bomb and XML-entity checks first.

Order: page-header parts, then the body (paragraphs, tables cell by cell, text boxes), then
footer parts. A table row whose cells each hold one short paragraph becomes one line joined
by `` | `` (job title | dates); larger cells are read in turn, the wider one as the main column.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from analyzer.errors import AnalyzerError, Corrupt, Encrypted, TooLarge
from analyzer.parsing.cleanup import clean_chars
from analyzer.parsing.raw import RawLine

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype", b"<!entity")


_ROOT_START = re.compile(rb"<[A-Za-z_]")


def _prolog(fh, limit: int = 1 << 20) -> bytes | None:
    """The bytes of an XML part before its root element: the only place a DTD or entity
    declaration can stand. Only that much is inflated here (python-docx reads the rest once).
    ``None`` when no root element starts within ``limit`` bytes."""
    seen = b""
    while len(seen) < limit:
        chunk = fh.read(4096)
        if not chunk:
            return seen
        seen += chunk
        if m := _ROOT_START.search(seen):
            return seen[: m.start()]
    return None


def check_zip(data: bytes, max_uncompressed: int, max_members: int) -> None:
    """Refuse zip bombs and XML with DTDs before python-docx inflates or parses anything.

    Raises:
        Corrupt: Not a readable zip, or an XML part declares a DTD/entities (never legitimate in OOXML).
        TooLarge: Too many members or too many uncompressed bytes declared in the zip headers.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (
        zipfile.BadZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,
        RuntimeError,
    ) as exc:
        raise Corrupt("the DOCX file is damaged (its zip structure is incomplete)") from exc
    if len(infos) > max_members:
        raise TooLarge(f"the DOCX has {len(infos)} parts; the limit is {max_members}")
    total = sum(i.file_size for i in infos)
    if total > max_uncompressed:
        raise TooLarge(
            f"the DOCX would inflate to {total / 1e6:.0f} MB; the limit is {max_uncompressed / 1e6:.0f} MB"
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise Encrypted("the DOCX is password-protected; save an unprotected copy and try again")
    for info in infos:
        if (
            info.compress_size
            and info.file_size / info.compress_size > 200
            and info.file_size > 5_000_000
        ):
            raise TooLarge(f"the DOCX part {info.filename} has a zip-bomb compression ratio")
        if info.filename.endswith((".xml", ".rels")):
            try:
                with zf.open(info) as fh:
                    prolog = _prolog(fh)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as exc:
                raise Corrupt(f"the DOCX part {info.filename} is damaged") from exc
            except (NotImplementedError, RuntimeError) as exc:  # zip features python cannot read
                raise Corrupt(f"the DOCX part {info.filename} cannot be read ({exc})") from exc
            if prolog is None or any(marker in prolog for marker in _FORBIDDEN):
                raise Corrupt(
                    f"the DOCX part {info.filename} declares XML entities, which are refused"
                )


def _para_lines(p, column: int) -> list[RawLine]:
    from docx.text.paragraph import Paragraph

    para = Paragraph(p, None)
    try:
        text = para.text
    except (AnalyzerError, MemoryError):  # a time limit or memory cap, not a bad file
        raise
    except Exception:  # malformed runs: fall back to raw w:t text
        text = "".join(t.text or "" for t in p.iter(W + "t"))
    style_el = p.find(f"{W}pPr/{W}pStyle")
    style = (style_el.get(W + "val") or "") if style_el is not None else ""
    runs = [r for r in p.iter(W + "r") if (r.findtext(W + "t") or "").strip()]
    bold_runs = sum(
        1
        for r in runs
        if r.find(f"{W}rPr/{W}b") is not None
        and r.find(f"{W}rPr/{W}b").get(W + "val") not in ("0", "false")
    )
    bold = bool(runs) and bold_runs / len(runs) >= 0.6
    is_list = p.find(f"{W}pPr/{W}numPr") is not None or "list" in style.lower()
    out = []
    for part in clean_chars(text).split("\n"):
        if not part.strip():
            continue
        if is_list and not part.lstrip().startswith(("•", "-", "–", "*")):
            part = "• " + part.strip()
        out.append(
            RawLine(
                text=part,
                bold=bold,
                column=column,
                style_heading=style.lower().startswith(("heading", "title")),
            )
        )
    # Text boxes anchored in this paragraph (mc:Choice and mc:Fallback repeat them: read once).
    seen: set[str] = set()
    for box in p.iter(W + "txbxContent"):
        for inner in box.iter(W + "p"):
            inner_text = "".join(t.text or "" for t in inner.iter(W + "t")).strip()
            if inner_text and inner_text not in seen:
                seen.add(inner_text)
                out.append(RawLine(text=clean_chars(inner_text), column=column))
    return out


def _cell_text_lines(tc, column: int) -> list[RawLine]:
    lines: list[RawLine] = []
    for child in tc:
        if child.tag == W + "p":
            lines.extend(_para_lines(child, column))
        elif child.tag == W + "tbl":
            lines.extend(_table_lines(child, column))
    return lines


def _cell_width(tc) -> int:
    w = tc.find(f"{W}tcPr/{W}tcW")
    try:
        return int(w.get(W + "w")) if w is not None else 0
    except (TypeError, ValueError):
        return 0


def _table_lines(tbl, column: int) -> list[RawLine]:
    out: list[RawLine] = []
    for tr in tbl.iter(W + "tr"):
        if tr.getparent() is not tbl:
            continue
        cells = [tc for tc in tr if tc.tag == W + "tc"]
        per_cell = [_cell_text_lines(tc, column) for tc in cells]
        nonempty = [c for c in per_cell if c]
        if nonempty and all(len(c) == 1 and len(c[0].text) < 120 for c in nonempty):
            parts = [c[0].text.strip() for c in nonempty]
            out.append(RawLine(text=" | ".join(parts), bold=nonempty[0][0].bold, column=column))
            continue
        if len(cells) == 2 and column == 0 and all(len(c) >= 3 for c in per_cell):
            # A layout table (main column + sidebar cell): read the wider cell first.
            widths = [_cell_width(tc) for tc in cells]
            sizes = [sum(len(x.text) for x in c) for c in per_cell]
            main_idx = 0 if (widths[0], sizes[0]) >= (widths[1], sizes[1]) else 1
            for idx in (main_idx, 1 - main_idx):
                col = 1 if idx == main_idx else 2
                out.extend(
                    RawLine(
                        text=x.text,
                        bold=x.bold,
                        column=col,
                        style_heading=x.style_heading,
                        bullet=x.bullet,
                    )
                    for x in per_cell[idx]
                )
            continue
        if (
            len(nonempty) > 1
            and all(len(c) <= 3 for c in nonempty[1:])
            and all(len(x.text) < 60 for c in nonempty[1:] for x in c)
        ):
            # A job row: title/employer cell plus a short dates cell -> dates joined to the first cell's last line.
            first = nonempty[0]
            tail = " | ".join(x.text.strip() for c in nonempty[1:] for x in c)
            out.extend(first[:-1])
            last = first[-1]
            out.append(
                RawLine(
                    text=f"{last.text.strip()} | {tail}",
                    bold=last.bold,
                    column=column,
                    bullet=last.bullet,
                )
            )
            continue
        for cell in per_cell:
            out.extend(cell)
    return out


def _story_lines(element) -> list[RawLine]:
    out: list[RawLine] = []
    for child in element:
        if child.tag == W + "p":
            out.extend(_para_lines(child, 0))
        elif child.tag == W + "tbl":
            out.extend(_table_lines(child, 0))
        elif child.tag == W + "sdt":
            content = child.find(W + "sdtContent")
            if content is not None:
                out.extend(_story_lines(content))
    return out


_TINY_HALF_POINTS = 3  # w:sz counts half-points: text of 1.5 pt or less cannot be read
_LIGHT = 0xF0  # every channel at least this: white to the eye


def _white(hex_value: str | None) -> bool:
    try:
        value = int(hex_value or "", 16)
    except ValueError:
        return False
    return len(hex_value) == 6 and all((value >> s) & 0xFF >= _LIGHT for s in (16, 8, 0))


class _Hider:
    """Decides which runs a reader cannot see: hidden (``w:vanish``), white on a white page
    (no shading or highlight under it, no dark page background), or 1.5 pt and smaller. Run
    properties are resolved as Word does: the run's own, then its character style, then its
    paragraph's style (each with the styles they are based on), then the document defaults."""

    def __init__(self, document) -> None:
        self.styles: dict[str, tuple[object, str | None]] = {}  # id -> (rPr, basedOn)
        self.defaults = None
        self.dark_page = False
        try:
            root = document.styles.element
            for st in root.iter(W + "style"):
                based = st.find(W + "basedOn")
                self.styles[st.get(W + "styleId") or ""] = (
                    st.find(W + "rPr"),
                    based.get(W + "val") if based is not None else None,
                )
            self.defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
            background = document.element.find(W + "background")
            color = background.get(W + "color") if background is not None else None
            self.dark_page = bool(color) and color != "auto" and not _white(color)
        except (AnalyzerError, MemoryError):  # a time limit or memory cap, not a bad file
            raise
        except Exception:  # a styles part python-docx cannot give: direct formatting only
            pass

    def _chain(self, style_id: str | None) -> list:
        out, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            rpr, style_id = self.styles[style_id]
            out.append(rpr)
        return out

    def _prop(self, sources: list, tag: str):
        for rpr in sources:
            if rpr is not None and (el := rpr.find(W + tag)) is not None:
                return el
        return None

    def why(self, run) -> str | None:
        """Why ``run`` (a ``w:r``) is invisible, or ``None``."""
        p = run.getparent()
        while p is not None and p.tag != W + "p":
            p = p.getparent()
        p_style = p.find(f"{W}pPr/{W}pStyle") if p is not None else None
        r_style = run.find(f"{W}rPr/{W}rStyle")
        sources = [run.find(W + "rPr")]
        sources += self._chain(r_style.get(W + "val") if r_style is not None else None)
        sources += self._chain(p_style.get(W + "val") if p_style is not None else "Normal")
        sources.append(self.defaults)
        vanish = self._prop(sources, "vanish")
        if vanish is not None and vanish.get(W + "val") not in ("0", "false", "off"):
            return "hidden text (Word's hidden font setting)"
        size = self._prop(sources, "sz")
        try:
            if size is not None and int(size.get(W + "val")) <= _TINY_HALF_POINTS:
                return "tiny text (1.5 pt or smaller)"
        except (TypeError, ValueError):
            pass
        color = self._prop(sources, "color")
        white = color is not None and (
            _white(color.get(W + "val")) or color.get(W + "themeColor") == "background1"
        )
        if white and not self.dark_page and not self._shaded(run, sources):
            return "white text on a white page"
        return None

    def _shaded(self, run, sources: list) -> bool:
        """A fill or highlight under the run (its own, its paragraph's or its table cell's)."""
        highlight = self._prop(sources, "highlight")
        if highlight is not None and highlight.get(W + "val") not in ("none", "white", None):
            return True
        shading = [self._prop(sources, "shd")]
        node = run.getparent()
        while node is not None:
            if node.tag in (W + "p", W + "tc"):
                shading.append(node.find(f"{W}{'pPr' if node.tag == W + 'p' else 'tcPr'}/{W}shd"))
            node = node.getparent()
        return any(
            shd is not None and (shd.get(W + "fill") or "auto") != "auto"
            and not _white(shd.get(W + "fill"))
            for shd in shading
        )  # fmt: skip


def _drop_hidden(element, hider: _Hider, hidden: list) -> None:
    """Take the runs a reader cannot see out of ``element``, into ``hidden`` (``HiddenText``);
    hidden runs next to each other in one paragraph make one passage."""
    from analyzer.models.document import HiddenText

    last = None  # (paragraph, reason) of the passage ``hidden[-1]`` when it may grow
    for run in list(element.iter(W + "r")):
        why = hider.why(run)
        if why is None:
            last = None
            continue
        text = "".join(t.text or "" for t in run.iter(W + "t"))
        para = next((a for a in run.iterancestors(W + "p")), None)
        if text.strip() and last == (para, why):
            joined = (hidden[-1].text + text).strip()[:300]
            hidden[-1] = HiddenText(text=joined, reason=why)
        elif text.strip():
            hidden.append(HiddenText(text=text.strip()[:300], reason=why))
            last = (para, why)
        run.getparent().remove(run)


def read_docx(
    data: bytes, max_uncompressed: int, max_members: int, hidden: list | None = None
) -> list[RawLine]:
    """Read a DOCX into lines (headers, body, footers). Runs a reader cannot see (see
    ``_Hider``) are not read; they are appended to ``hidden`` as ``HiddenText``.

    Raises:
        Corrupt: Damaged zip or XML, or not a Word document.
        TooLarge: Zip-bomb limits exceeded.
    """
    check_zip(data, max_uncompressed, max_members)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise Corrupt(
            f"the DOCX file is damaged or is not a Word document ({type(exc).__name__})"
        ) from exc
    except (AnalyzerError, MemoryError):  # a time limit or memory cap, not a bad file
        raise
    except Exception as exc:  # lxml XMLSyntaxError and friends
        raise Corrupt(f"the DOCX file is damaged ({type(exc).__name__})") from exc

    hider = _Hider(document)
    hidden = [] if hidden is None else hidden
    header_lines: list[RawLine] = []
    footer_lines: list[RawLine] = []
    seen_parts: set[int] = set()
    for section in document.sections:
        for attr, bucket in (
            ("first_page_header", header_lines),
            ("header", header_lines),
            ("footer", footer_lines),
            ("first_page_footer", footer_lines),
        ):
            try:
                part = getattr(section, attr)
                if part.is_linked_to_previous:  # no definition of its own (reading would add one)
                    continue
                element = part._element
            except (AnalyzerError, MemoryError):  # a time limit or memory cap, not a bad file
                raise
            except Exception:
                continue
            if id(element) in seen_parts or element is None:
                continue
            seen_parts.add(id(element))
            _drop_hidden(element, hider, hidden)
            bucket.extend(_story_lines(element))
    _drop_hidden(document.element.body, hider, hidden)
    body = _story_lines(document.element.body)
    texts = {ln.text.strip() for ln in body}
    header_lines = [ln for ln in header_lines if ln.text.strip() not in texts]
    footer_lines = [ln for ln in footer_lines if ln.text.strip() not in texts]
    return header_lines + body + footer_lines
