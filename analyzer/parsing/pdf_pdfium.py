"""PDF glyphs with pypdfium2 (``--pdf-engine pdfium``): PDFium's text page. PDFium gets a resume's
text 10-16 times faster than pdfminer.six; our glyph reading with it is 1.7-4.3 times faster than
with pdfminer, the rest being per-character work both engines share (README: speed section).

Each character comes with the attributes the pdfminer engine gives (text, box, font name, size,
fill colour), in content-stream order, so ``analyzer.parsing.pdf`` lays both out the same way.
Characters PDFium generates itself (the spaces and line breaks it infers) are left out: the shared
layout infers those from the boxes.

PDFium is C code, so a crash in it would end the whole process. Unless the process is a disposable
worker (``run_isolated`` was called: the batch workers do) or a daemonic process (which may not have
children), each file is read in a forked child, and a child that dies is reported as this file's
``internal_error``.
"""

from __future__ import annotations

import ctypes
import math
import multiprocessing as mp
import os
import threading
from dataclasses import dataclass

from analyzer.errors import AnalyzerError, Corrupt, Encrypted, TooLarge
from analyzer.parsing.pdf import Glyph, Page, font_name, is_bold_font, is_white

_ENCRYPTED = "the PDF is password-protected; save an unprotected copy and try again"
_isolated = False  # True in a process whose crash costs one file only (a batch worker)
_lock = threading.Lock()  # PDFium is not thread-safe


def run_isolated(value: bool = True) -> None:
    """Declare this process disposable: read PDFs in it directly, without a child per file."""
    global _isolated
    _isolated = value


def read_pages(data: bytes, max_pages: int) -> tuple[list[Page], int]:
    """Each page's glyphs, and the page count (in a child process unless ``run_isolated``).

    Raises:
        Encrypted: A user password is required.
        Corrupt: PDFium cannot open the file.
        TooLarge: More pages than ``max_pages``.
        AnalyzerError: PDFium stopped the child process (``internal_error``).
    """
    if _isolated or mp.current_process().daemon:  # a daemonic process may not have children
        return _read(data, max_pages)
    return _in_child(data, max_pages)


def _in_child(data: bytes, max_pages: int) -> tuple[list[Page], int]:
    """``_read`` in a child process: its result or its error, or an error naming how it died."""
    import pypdfium2  # noqa: F401 - loaded once here, so each forked child starts with it

    methods = mp.get_all_start_methods()
    ctx = mp.get_context("fork" if "fork" in methods else "spawn")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(send, data, max_pages), daemon=True)
    child.start()
    send.close()
    try:
        try:
            kind, value = receive.recv()
        except EOFError:
            child.join()
            raise AnalyzerError(_died(child.exitcode)) from None
        child.join()
    finally:  # also on a time limit raised in this process while waiting
        if child.is_alive():
            child.kill()
            child.join()
        receive.close()
    if kind == "ok":
        return value
    code, message = value
    raise {e.code: e for e in (Encrypted, Corrupt, TooLarge)}.get(code, AnalyzerError)(message)


def _died(exitcode: int | None) -> str:
    how = f"signal {-exitcode}" if exitcode and exitcode < 0 else f"exit code {exitcode}"
    return f"the pdfium reader stopped on this file ({how}); try --pdf-engine pdfminer"


def _child(send, data: bytes, max_pages: int) -> None:
    import faulthandler

    faulthandler.disable()  # a crash here is reported by the parent, as this file's error
    try:
        result = ("ok", _read(data, max_pages))
    except AnalyzerError as exc:
        result = ("error", (exc.code, exc.message))
    except (AnalyzerError, MemoryError):  # a time limit or memory cap, not a bad file
        raise
    except Exception as exc:  # noqa: BLE001 - reported as this file's internal error
        result = ("error", ("internal_error", f"unexpected {type(exc).__name__}: {exc}"))
    send.send(result)
    send.close()
    os._exit(0)  # no interpreter teardown: nothing of the parent's state is ours to clean up


def _read(data: bytes, max_pages: int) -> tuple[list[Page], int]:
    import pypdfium2 as pdfium

    with _lock:
        global _api
        _api = _api or _Api()
        _api.fonts.clear()  # font handles are the document's
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) in (
                pdfium.raw.FPDF_ERR_PASSWORD,
                pdfium.raw.FPDF_ERR_SECURITY,
            ):
                raise Encrypted(_ENCRYPTED) from None
            raise Corrupt(f"the PDF is damaged and cannot be read ({exc})") from None
        try:
            count = len(doc)
            if not count:
                raise Corrupt("the PDF has no pages")
            if count > max_pages:
                raise TooLarge(f"the PDF has {count} pages; the limit is {max_pages} (--max-pages)")
            pages: list[Page] = []
            for index in range(count):
                try:
                    pages.append(_page(doc, index))
                except pdfium.PdfiumError as exc:
                    if pages:
                        break  # keep what was readable before the damage
                    raise Corrupt(f"the PDF is damaged and cannot be read ({exc})") from None
            return pages, count
        finally:
            doc.close()


class _Api:
    """The PDFium calls made per character or text object, bound once with plain integer handles
    (ctypes' pointer types cost more than the calls themselves), and their output buffers."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        def bind(fn, restype, *argtypes):
            return ctypes.CFUNCTYPE(restype, *argtypes)(ctypes.cast(fn, ctypes.c_void_p).value)

        vp, i, size_t = ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t
        d, u = ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_uint)
        self.count = bind(raw.FPDFText_CountChars, i, vp)
        self.unicode = bind(raw.FPDFText_GetUnicode, ctypes.c_uint, vp, i)
        self.text_object = bind(raw.FPDFText_GetTextObject, vp, vp, i)
        self.char_box = bind(raw.FPDFText_GetLooseCharBox, i, vp, i, vp)  # into self.rect
        self.origin = bind(raw.FPDFText_GetCharOrigin, i, vp, i, d, d)
        self.font_size = bind(raw.FPDFText_GetFontSize, ctypes.c_double, vp, i)
        self.matrix = bind(raw.FPDFText_GetMatrix, i, vp, i, ctypes.POINTER(raw.FS_MATRIX))
        self.font = bind(raw.FPDFTextObj_GetFont, vp, vp)
        self.weight = bind(raw.FPDFFont_GetWeight, i, vp)
        self.base_name = bind(raw.FPDFFont_GetBaseFontName, size_t, vp, ctypes.c_char_p, size_t)
        self.fill = bind(raw.FPDFPageObj_GetFillColor, i, vp, u, u, u, u)
        # Output buffers, reused by every call (one thread at a time: see _lock).
        self.rect, self.m = raw.FS_RECTF(), raw.FS_MATRIX()
        self.x, self.y = ctypes.c_double(), ctypes.c_double()
        self.rgba = [ctypes.c_uint() for _ in range(4)]
        self.name = ctypes.create_string_buffer(256)
        self.refs = {
            "rect": ctypes.addressof(self.rect),
            "m": ctypes.byref(self.m),
            "xy": (ctypes.byref(self.x), ctypes.byref(self.y)),
            "rgba": [ctypes.byref(c) for c in self.rgba],
        }
        self.fonts: dict[int, tuple[str, bool]] = {}  # per document: see _read

    def font_of(self, obj: int) -> tuple[str, bool]:
        """A text object's font name and whether it is bold. A Type 3 font may have no name at
        all: its declared weight tells bold then (PDFium gives 0 when unknown)."""
        font = self.font(obj) or 0
        known = self.fonts.get(font)
        if known is None:
            name, weight = "", 0
            if font:
                length = self.base_name(font, self.name, len(self.name))
                name = font_name(self.name.raw[: max(0, min(length, 256) - 1)].decode("latin-1"))
                weight = self.weight(font)
            known = self.fonts[font] = (name, is_bold_font(name) if name else weight >= 600)
        return known


_api: _Api | None = None


@dataclass
class _Run:
    """What the characters of one text object (one string shown in the content stream) share."""

    font: str
    bold: bool
    size: float
    fill: tuple[int, int, int] | None
    baseline: float | None  # None when the text is not upright: its boxes are PDFium's


def _run(api: _Api, tp: int, obj: int, index: int) -> _Run:
    """The shared attributes of text object ``obj``, read at its character ``index``."""
    name, bold = api.font_of(obj)
    m = api.m
    upright = bool(api.matrix(tp, index, api.refs["m"])) and m.b == 0 == m.c and m.d > 0
    size = api.font_size(tp, index) * (m.d if upright else math.hypot(m.c, m.d))
    api.origin(tp, index, *api.refs["xy"])
    fill = None
    if api.fill(obj, *api.refs["rgba"]):
        fill = (api.rgba[0].value, api.rgba[1].value, api.rgba[2].value)
    return _Run(name, bold, size, fill, api.y.value if upright else None)


def _handle(obj) -> int:
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def _page(doc, index: int) -> Page:
    """One page's glyphs, in the coordinates pdfminer uses (the media box's lower-left corner at
    the origin, the page's /Rotate applied)."""
    api = _api
    page = doc[index]
    textpage = page.get_textpage()
    try:
        tp = _handle(textpage.raw)
        n = api.count(tp)
        text = textpage.get_text_range(0, n) if n else ""
        if len(text) != n:  # characters outside the BMP: take them one by one
            text = "".join(chr(api.unicode(tp, i)) for i in range(n))
        rect, ref = api.rect, api.refs["rect"]
        text_object, char_box = api.text_object, api.char_box  # the per-character calls
        runs: dict[int, _Run] = {}
        glyphs: list[Glyph] = []
        append = glyphs.append
        for i, ch in enumerate(text):
            if ch.isspace():
                continue  # word spaces come from the gaps (PDFium keeps only some space glyphs)
            obj = text_object(tp, i)
            if not obj:
                continue  # generated by PDFium
            run = runs.get(obj)
            if run is None:
                run = runs[obj] = _run(api, tp, obj, i)
            char_box(tp, i, ref)
            base = run.baseline
            if base is None:
                append(Glyph(ch, rect.left, rect.right, rect.bottom, rect.top, run.font,
                             run.bold, run.size, run.fill))  # fmt: skip
            else:
                append(Glyph(ch, rect.left, rect.right, base, base + run.size, run.font,
                             run.bold, run.size, run.fill))  # fmt: skip
        backgrounds = _backgrounds(page) if any(is_white(g.fill) for g in glyphs) else None
        return _placed(page, glyphs, backgrounds)
    finally:
        textpage.close()
        page.close()


def _backgrounds(page) -> list[tuple[float, float, float, float]]:
    """Boxes of the page's filled shapes that are not white, and of its images (looked at only
    when the page has white text: white on one of them is visible)."""
    import pypdfium2.raw as raw

    out = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    rgba = [ctypes.c_uint() for _ in range(4)]
    kinds = [raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE]
    for obj in page.get_objects(filter=kinds, max_depth=4):
        if obj.type == raw.FPDF_PAGEOBJ_PATH:
            raw.FPDFPath_GetDrawMode(obj.raw, ctypes.byref(fill), ctypes.byref(stroke))
            if fill.value == raw.FPDF_FILLMODE_NONE:
                continue
            if raw.FPDFPageObj_GetFillColor(obj.raw, *(ctypes.byref(c) for c in rgba)):
                if is_white(tuple(c.value for c in rgba[:3])):
                    continue
        out.append(tuple(obj.get_bounds()))
    return out


def _placed(page, glyphs: list[Glyph], backgrounds: list | None = None) -> Page:
    """The page with its glyphs moved from PDF user space into pdfminer's page space (the media
    box's lower-left corner at the origin). A page's /Rotate is not applied: neither engine reads
    a rotated page's lines well, and they differ there (see the README)."""
    left, bottom, right, top = page.get_bbox()  # the media box, inherited ones too (cropped)
    if left or bottom:
        for g in glyphs:
            g.x0, g.x1, g.y0, g.y1 = g.x0 - left, g.x1 - left, g.y0 - bottom, g.y1 - bottom
        if backgrounds:
            backgrounds = [
                (a - left, b - bottom, c - left, d - bottom) for a, b, c, d in backgrounds
            ]
    return Page(glyphs, abs(right - left), abs(top - bottom), backgrounds or [])
