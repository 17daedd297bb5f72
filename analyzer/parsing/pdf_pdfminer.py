"""PDF glyphs with pdfminer.six (the default engine): its content-stream interpreter, no layout analysis.

The layout (lines, columns, reading order) is ``analyzer.parsing.pdf``'s, shared with the pdfium engine.
"""

from __future__ import annotations

import io
import logging

from analyzer.errors import AnalyzerError, Corrupt, Encrypted, TooLarge
from analyzer.parsing.pdf import Page, font_name, is_bold_font, is_white

_LOG_NAMES = (
    "pdfminer",
    "pdfminer.pdfinterp",
    "pdfminer.pdffont",
    "pdfminer.pdfpage",
    "pdfminer.psparser",
)
_ENCRYPTED = "the PDF is password-protected; save an unprotected copy and try again"


def quiet_pdfminer() -> None:
    """Keep pdfminer's own warnings ("Could not get FontBBox ...") off the user's terminal."""
    for name in _LOG_NAMES:
        logger = logging.getLogger(name)
        logger.setLevel(logging.ERROR)
        logger.propagate = False


def _open(data: bytes) -> list:
    """The document's pages, or the error that says why it cannot be read."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        return list(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise Encrypted(_ENCRYPTED) from exc
    except (
        PDFSyntaxError,
        PSException,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        AssertionError,
        RecursionError,
        UnicodeDecodeError,
        OverflowError,
    ) as exc:
        raise Corrupt(f"the PDF is damaged and cannot be read ({type(exc).__name__})") from exc
    except (AnalyzerError, MemoryError):  # a time limit or memory cap, not a bad file
        raise
    except Exception as exc:  # pdfminer raises many ad-hoc exception types on broken files
        if "password" in str(exc).lower() or "encrypt" in type(exc).__name__.lower():
            raise Encrypted(_ENCRYPTED) from exc
        raise Corrupt(f"the PDF is damaged and cannot be read ({type(exc).__name__})") from exc


def _rgb(ncs, color) -> tuple[int, int, int] | None:
    """A fill colour as 0-255 RGB from pdfminer's colour space and components (gray, RGB, CMYK)."""
    values = color if isinstance(color, (tuple, list)) else (color,)
    n = getattr(ncs, "ncomponents", len(values))
    if len(values) != n or not all(isinstance(v, (int, float)) for v in values):
        return None  # a pattern, or components that do not fit the colour space
    if n == 1:
        r = g = b = values[0]
    elif n == 3:
        r, g, b = values
    elif n == 4:  # CMYK, the plain conversion
        c, m, y, k = values
        r, g, b = (1 - min(1.0, x + k) for x in (c, m, y))
    else:
        return None
    return tuple(round(255 * min(1.0, max(0.0, v))) for v in (r, g, b))  # type: ignore[return-value]


def _backgrounds(layout) -> list:
    """The boxes of a laid-out page's filled shapes that are not white, and of its images (form
    XObjects included)."""
    from pdfminer.layout import LTContainer, LTCurve, LTImage

    out = []
    stack = list(layout)
    while stack:
        obj = stack.pop()
        if isinstance(obj, LTContainer):
            stack.extend(obj)
        elif isinstance(obj, LTImage) or (
            isinstance(obj, LTCurve)
            and obj.fill
            and not is_white(_rgb(None, obj.non_stroking_color))
        ):
            out.append(obj.bbox)
    return out


def _device(rsrc):
    """pdfminer's page aggregator without layout analysis (``laparams=None``: the shared layout
    groups the glyphs itself), whose characters become rows (tuples in ``Glyph``'s field order) as
    they are drawn, in content order, instead of pdfminer's ``LTChar`` objects (shapes and images
    are still collected, for the hidden-text filter's backgrounds)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar
    from pdfminer.pdffont import PDFUnicodeNotDefined

    class GlyphAggregator(PDFPageAggregator):
        glyphs: list[tuple]  # rows in Glyph's field order (Page.from_rows)
        _state = _fill = None

        def begin_page(self, page, ctm) -> None:
            super().begin_page(page, ctm)
            self.glyphs = []

        def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
            try:
                text = font.to_unichr(cid)
            except PDFUnicodeNotDefined:
                text = self.handle_undefined_char(font, cid)
            adv = font.char_width(cid) * fontsize * scaling
            if text.isspace():
                return adv  # word spaces come from the gaps, as for the pdfium engine
            if graphicstate is not self._state:  # one state per shown string: convert it once
                self._state, self._fill = graphicstate, _rgb(ncs, graphicstate.ncolor)
            name = font_name(font.fontname)
            a, b, c, d, e, f = matrix
            if b == 0 and c == 0 and d > 0 and a > 0 and not font.is_vertical():
                # Upright: on the baseline, one font size high (LTChar's arithmetic, unrolled).
                low = font.get_descent() * fontsize + rise
                size = (d * (low + fontsize) + f) - (d * low + f)
                glyph = (text, e, a * adv + e, f, f + size, name, is_bold_font(name), size,
                         self._fill)  # fmt: skip
            else:  # rotated, mirrored or vertical text: pdfminer's own box
                ch = LTChar(matrix, font, fontsize, scaling, rise, text, font.char_width(cid),
                            font.char_disp(cid), ncs, graphicstate)  # fmt: skip
                y0, y1 = (f, f + ch.size) if b == 0 and c == 0 and d > 0 else (ch.y0, ch.y1)
                glyph = (text, ch.x0, ch.x1, y0, y1, name, is_bold_font(name), ch.size,
                         self._fill)  # fmt: skip
            self.glyphs.append(glyph)
            return adv

    return GlyphAggregator(rsrc, laparams=None)


def read_pages(data: bytes, max_pages: int) -> tuple[list[Page], int]:
    """Each page's glyphs, and the page count.

    Raises:
        Encrypted: A user password is required.
        Corrupt: pdfminer cannot parse the file.
        TooLarge: More pages than ``max_pages``.
    """
    quiet_pdfminer()
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager

    pages = _open(data)
    if not pages:
        raise Corrupt("the PDF has no pages")
    if len(pages) > max_pages:
        raise TooLarge(f"the PDF has {len(pages)} pages; the limit is {max_pages} (--max-pages)")
    rsrc = PDFResourceManager(caching=True)
    device = _device(rsrc)
    interpreter = PDFPageInterpreter(rsrc, device)
    out: list[Page] = []
    for page in pages:
        try:
            interpreter.process_page(page)
            layout = device.get_result()
        except (AnalyzerError, MemoryError):  # a time limit or memory cap, not a bad file
            raise
        except Exception as exc:
            if out:
                break  # keep what was readable before the damage
            raise Corrupt(f"the PDF is damaged and cannot be read ({type(exc).__name__})") from exc
        out.append(
            Page.from_rows(
                device.glyphs, layout.width or 612.0, layout.height or 792.0, _backgrounds(layout)
            )
        )
    return out, len(pages)
