"""PDF glyphs with pypdfium2 (``--pdf-engine pdfium``): PDFium's text page. PDFium gets a resume's
text about 20 times faster than pdfminer.six; our whole reading with it (glyphs and layout) is about
6 times faster than pdfminer.six's ``extract_text``, and 2-5 times faster than our reading with the
pdfminer engine (most on real-world PDFs); what remains is PDFium's calls per character and per
text object, made from Python (README: speed section).

Each character comes with the attributes the pdfminer engine gives (text, box, font name, size,
fill colour), in the text page's order (content-stream order, except that right-to-left scripts are
in reading order), so ``analyzer.parsing.pdf`` lays both out the same way.
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
import struct
import threading
from unicodedata import bidirectional

import numpy as np

from analyzer.errors import AnalyzerError, Corrupt, Encrypted, TooLarge
from analyzer.parsing.pdf import Page, font_name, is_bold_font, is_white

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


_Run = tuple  # (font, bold, size, fill, baseline): what one text object's characters share


class _Api:
    """The PDFium calls made per character or text object, bound once through cffi (its calls cost
    about half of ctypes' here) with handles as plain integers both ways, and their output buffers.
    """

    def __init__(self) -> None:
        import cffi
        import pypdfium2.raw as raw

        ffi = cffi.FFI()

        def bind(function, signature: str):
            return ffi.cast(signature, _handle(function))

        h = "uintptr_t"  # every handle: text page, text object, font
        self.count = bind(raw.FPDFText_CountChars, f"int(*)({h})")
        self.unicode = bind(raw.FPDFText_GetUnicode, f"unsigned(*)({h}, int)")
        self.text_object = bind(raw.FPDFText_GetTextObject, f"{h}(*)({h}, int)")
        self.char_box = bind(raw.FPDFText_GetLooseCharBox, f"int(*)({h}, int, float*)")
        self.font_size = bind(raw.FPDFText_GetFontSize, f"double(*)({h}, int)")
        self.matrix = bind(raw.FPDFText_GetMatrix, f"int(*)({h}, int, float*)")
        self.origin = bind(raw.FPDFText_GetCharOrigin, f"int(*)({h}, int, double*, double*)")
        self.font = bind(raw.FPDFTextObj_GetFont, f"{h}(*)({h})")
        self.weight = bind(raw.FPDFFont_GetWeight, f"int(*)({h})")
        self.base_name = bind(raw.FPDFFont_GetBaseFontName, f"size_t(*)({h}, char*, size_t)")
        self.fill = bind(
            raw.FPDFPageObj_GetFillColor,
            f"int(*)({h}, unsigned*, unsigned*, unsigned*, unsigned*)",
        )
        # What is painted under white text (``_backgrounds``).
        self.page_objects = bind(raw.FPDFPage_CountObjects, f"int(*)({h})")
        self.page_object = bind(raw.FPDFPage_GetObject, f"{h}(*)({h}, int)")
        self.form_objects = bind(raw.FPDFFormObj_CountObjects, f"int(*)({h})")
        self.form_object = bind(raw.FPDFFormObj_GetObject, f"{h}(*)({h}, unsigned long)")
        self.object_type = bind(raw.FPDFPageObj_GetType, f"int(*)({h})")
        self.draw_mode = bind(raw.FPDFPath_GetDrawMode, f"int(*)({h}, int*, int*)")
        self.bounds = bind(
            raw.FPDFPageObj_GetBounds, f"int(*)({h}, float*, float*, float*, float*)"
        )
        self.modes = ffi.new("int[2]")  # fill mode, stroke
        self.corners = [ffi.new("float*") for _ in range(4)]  # left, bottom, right, top
        # Output buffers, reused by every call (one thread at a time: see _lock).
        self.box = ffi.new("float[4]")  # FS_RECTF: left, top, right, bottom
        self.box_bytes = ffi.buffer(self.box)
        self.unpack_box = struct.Struct("4f").unpack_from
        self.rgba = [ffi.new("unsigned*") for _ in range(4)]
        self.name = ffi.new("char[256]")
        self.string = ffi.string
        self.fonts: dict[int, tuple[str, bool]] = {}  # per document: see _read
        self.run = self._runner(ffi)

    def _font(self, font: int) -> tuple[str, bool]:
        """A font's name and whether it is bold, remembered for the document. A Type 3 font may
        have no name at all: its declared weight tells bold then (PDFium gives 0 when unknown)."""
        name, weight = "", 0
        if font:
            self.name[0] = b"\0"
            self.base_name(font, self.name, 256)
            name = font_name(self.string(self.name, 255).decode("latin-1"))
            weight = self.weight(font)
        known = self.fonts[font] = (name, is_bold_font(name) if name else weight >= 600)
        return known

    def _runner(self, ffi):
        """``run(textpage, obj, index)``: the attributes text object ``obj``'s characters share,
        read at its character ``index``: font name, bold, size on the page, fill colour as RGB
        (``None`` when unknown), and the baseline (``None`` when the text is not upright: its
        boxes are then PDFium's).

        A closure over the calls and their buffers: in many real PDFs every character is a text
        object of its own, so this runs once per character."""
        font, fonts, new_font = self.font, self.fonts, self._font
        matrix, font_size, origin, fill = self.matrix, self.font_size, self.origin, self.fill
        m = ffi.new("float[6]")  # FS_MATRIX: a, b, c, d, e, f
        m_bytes, unpack_m = ffi.buffer(m), struct.Struct("6f").unpack_from
        x, y = ffi.new("double*"), ffi.new("double*")
        rgba = ffi.new("unsigned[4]")
        r, g, b, a = (rgba + i for i in range(4))
        rgba_bytes, unpack_rgb = ffi.buffer(rgba), struct.Struct("3I4x").unpack_from
        hypot = math.hypot

        def run(tp: int, obj: int, index: int) -> _Run:
            handle = font(obj)
            name, bold = fonts.get(handle) or new_font(handle)
            if matrix(tp, index, m):
                _, mb, mc, md, _, _ = unpack_m(m_bytes)
            else:
                mb = mc = md = 0.0
            upright = mb == 0 == mc and md > 0
            size = font_size(tp, index) * (md if upright else hypot(mc, md))
            origin(tp, index, x, y)
            colour = unpack_rgb(rgba_bytes) if fill(obj, r, g, b, a) else None
            return (name, bold, size, colour, y[0] if upright else None)

        return run


_api: _Api | None = None

def _handle(obj) -> int:
    """A PDFium handle or function pointer as a plain integer (0 for NULL)."""
    return ctypes.cast(obj, ctypes.c_void_p).value or 0


def _object_runs(text_object, tp: int, n: int, one_by_one: bool) -> list[tuple[int, int, int]]:
    """The page's characters as runs ``(start, end, text object)`` of one text object each.

    Left to right, PDFium lists a text object's characters together, so each run's end is found by
    galloping and then bisecting instead of asking for the object of every character: about
    2 log2(L) calls for a run of L characters (a generated PDF's line), and one per character where
    every character is its own object (what browsers and word processors often write). The
    characters PDFium generates (object 0: spaces and line breaks, which the caller skips) may sit
    inside another object's run, so a run of object 0 is one character long.

    ``one_by_one``: ask for every character's object. PDFium puts right-to-left text (Hebrew,
    Arabic) in reading order, which can place one object's characters among another's.
    """
    if one_by_one:
        runs: list[list] = []
        for i in range(n):
            obj = text_object(tp, i)
            if runs and runs[-1][2] == obj:
                runs[-1][1] = i + 1
            else:
                runs.append([i, i + 1, obj])
        return [tuple(run) for run in runs]
    runs = []
    i, obj = 0, text_object(tp, 0) if n else 0
    while i < n:
        lo, step, hi, after = i, 1, n, 0  # lo: known to be ``obj``; hi: known not to be (or n)
        if not obj:  # generated characters sit among any object's: taken one at a time
            step = n
            if i + 1 < n:
                hi, after = i + 1, text_object(tp, i + 1)
        while lo + step < n:
            probe = text_object(tp, lo + step)
            if probe != obj:
                hi, after = lo + step, probe
                break
            lo += step
            step += step
        while hi - lo > 1:
            mid = (lo + hi) // 2
            probe = text_object(tp, mid)
            if probe == obj:
                lo = mid
            else:
                hi, after = mid, probe
        runs.append((i, hi, obj))
        i, obj = hi, after
    return runs


_RIGHT_TO_LEFT = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI"})  # Unicode bidi classes


def _right_to_left(text: str) -> bool:
    """Whether ``text`` has a character of a right-to-left script or a right-to-left control
    (looked at once per distinct character)."""
    return any(bidirectional(ch) in _RIGHT_TO_LEFT for ch in set(text))


def _page(doc, index: int) -> Page:
    """One page's glyphs, in the coordinates pdfminer uses (the media box's lower-left corner at
    the origin; a page's /Rotate is not applied: neither engine reads a rotated page's lines well,
    and they differ there, see the README).

    Built column by column (``Page``): what a text object's characters share is read once per run
    of them (``_object_runs``) and repeated; the inner loop runs once per character, and makes one
    PDFium call (the character's box). A text object of one character (browsers and word
    processors often write one per character) is added inline, without the lists a longer run
    repeats; both paths build the same columns (``tests/test_pdf_engines.py`` reads each kind
    against the pdfminer engine).
    """
    api = _api
    page = doc[index]
    textpage = page.get_textpage()
    try:
        left, bottom, right, top = page.get_bbox()  # the media box, inherited ones too (cropped)
        tp = _handle(textpage.raw)
        n = api.count(tp)
        text = textpage.get_text_range(0, n) if n else ""
        if len(text) != n:  # characters outside the BMP: take them one by one
            text = "".join(chr(api.unicode(tp, i)) for i in range(n))
        ref, unpack, buffer, char_box = api.box, api.unpack_box, api.box_bytes, api.char_box
        new_run = api.run
        runs: dict[int, _Run] = {}
        texts: list[str] = []
        xs0: list[float] = []
        xs1: list[float] = []
        ys0: list[float] = []
        ys1: list[float] = []
        fonts: list[str] = []
        bolds: list[bool] = []
        sizes: list[float] = []
        fills: list = []
        for start, end, obj in _object_runs(api.text_object, tp, n, _right_to_left(text)):
            if not obj:
                continue  # generated by PDFium (spaces and line breaks)
            if end - start == 1:  # a character of its own (browsers, word processors): inline
                ch = text[start]
                if ch.isspace():
                    continue  # word spaces come from the gaps
                run = runs.get(obj)
                if run is None:
                    run = runs[obj] = new_run(tp, obj, start)
                font, bold, size, fill, baseline = run
                char_box(tp, start, ref)
                x0, top_, x1, low = unpack(buffer)
                if baseline is None:
                    ys0.append(low - bottom)
                    ys1.append(top_ - bottom)
                else:
                    ys0.append(baseline - bottom)
                    ys1.append(baseline - bottom + size)
                texts.append(ch)
                xs0.append(x0)
                xs1.append(x1)
                fonts.append(font)
                bolds.append(bold)
                sizes.append(size)
                fills.append(fill)
                continue
            keep = [i for i, ch in enumerate(text[start:end], start) if not ch.isspace()]
            if not keep:
                continue  # only spaces
            run = runs.get(obj)
            if run is None:
                run = runs[obj] = new_run(tp, obj, keep[0])
            font, bold, size, fill, baseline = run
            for i in keep:
                char_box(tp, i, ref)
                x0, top_, x1, low = unpack(buffer)  # FS_RECTF: left, top, right, bottom
                xs0.append(x0)
                xs1.append(x1)
                if baseline is None:  # not upright: PDFium's own box
                    ys0.append(low - bottom)
                    ys1.append(top_ - bottom)
            count = len(keep)
            if baseline is not None:
                y0 = baseline - bottom
                ys0 += [y0] * count
                ys1 += [y0 + size] * count
            texts += [text[i] for i in keep]
            fonts += [font] * count
            bolds += [bold] * count
            sizes += [size] * count
            fills += [fill] * count
        backgrounds = []
        if any(is_white(run[3]) for run in runs.values()):  # white text: what is under it?
            backgrounds = [
                (a - left, b - bottom, c - left, d - bottom)
                for a, b, c, d in _backgrounds(api, _handle(page.raw))
            ]
        return Page(
            texts, np.array(xs0) - left, np.array(xs1) - left, np.array(ys0, dtype=np.float64),
            np.array(ys1, dtype=np.float64), fonts, np.array(bolds, dtype=bool),
            np.array(sizes, dtype=np.float64), fills, abs(right - left), abs(top - bottom),
            backgrounds,
        )  # fmt: skip
    finally:
        textpage.close()
        page.close()


def _backgrounds(api: _Api, page: int, form: bool = False, depth: int = 0) -> list:
    """Boxes of a page's (or a form XObject's) filled shapes that are not white, and of its images,
    the page's own and those in forms nested up to 3 deep (looked at only when the page has white
    text: white on one of them is visible).

    Raises:
        PdfiumError: PDFium cannot list or place the page's objects.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    out = []
    count = (api.form_objects if form else api.page_objects)(page)
    if count < 0:
        raise pdfium.PdfiumError("Failed to get number of pageobjects.")
    get = api.form_object if form else api.page_object
    fill, modes, corners = api.rgba, api.modes, api.corners
    for i in range(count):
        obj = get(page, i)
        if not obj:
            raise pdfium.PdfiumError("Failed to get pageobject.")
        kind = api.object_type(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM and depth < 3:
            out += _backgrounds(api, obj, True, depth + 1)
            continue
        if kind == raw.FPDF_PAGEOBJ_PATH:
            api.draw_mode(obj, modes, modes + 1)
            if modes[0] == raw.FPDF_FILLMODE_NONE:
                continue
            if api.fill(obj, *fill) and is_white((fill[0][0], fill[1][0], fill[2][0])):
                continue
        elif kind != raw.FPDF_PAGEOBJ_IMAGE:
            continue
        if not api.bounds(obj, *corners):
            raise pdfium.PdfiumError("Failed to locate pageobject.")
        out.append(tuple(c[0] for c in corners))
    return out
