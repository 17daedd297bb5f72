"""HTML input (any extension): only the text a browser shows is read.

Text a reader cannot see is kept out of the lines and returned as ``HiddenText`` (a known way to
game keyword screens): ``<script>``, ``<style>``, ``<noscript>``, ``<template>``, ``<head>`` and
the like; elements with the ``hidden`` attribute; inline styles with ``display:none``,
``visibility:hidden``, ``opacity:0`` or a font size of 1 px / 1 pt or less; and elements whose
class, id or tag a ``<style>`` block hides that way. Character references are decoded once, by
the parser (``&amp;lt;script&amp;gt;`` stays the text ``&lt;script&gt;``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from analyzer.models.document import HiddenText

# Never rendered as text. (``title`` is the tab's name, not the page.)
_INVISIBLE = {"script", "style", "noscript", "template", "head", "title", "meta", "object", "svg"}
_CODE = {"script", "style", "head", "title", "meta", "object", "svg"}  # not prose: never reported
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}  # fmt: skip
# Elements a new sibling of the same kind closes implicitly (a browser does the same).
_SELF_CLOSING = {"p", "li", "dt", "dd", "tr", "td", "th", "option"}
_BLOCK = {
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "td", "th",
    "article", "header", "footer", "aside", "main", "ul", "ol", "dl", "dt", "dd", "table",
    "blockquote", "pre", "hr", "address", "nav", "figure", "figcaption",
}  # fmt: skip
_HIDING = (
    (re.compile(r"display\s*:\s*none", re.I), "display:none"),
    (re.compile(r"visibility\s*:\s*(?:hidden|collapse)", re.I), "visibility:hidden"),
    (re.compile(r"(?<![-\w])opacity\s*:\s*0(?:\.0+)?\s*(?:;|$|!)", re.I), "opacity:0"),
    (re.compile(r"font-size\s*:\s*(?:0*\.\d+|[01](?:\.0+)?)\s*(?:px|pt)?\s*(?:;|$|!)", re.I), "tiny text"),
)  # fmt: skip
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^\s*([.#]?)([\w-]+)\s*$")
_MAX_HIDDEN = 300  # characters kept of each hidden passage


def _hides(style: str) -> str | None:
    """Why a style declaration hides its element, or ``None``."""
    return next((why for pattern, why in _HIDING if pattern.search(style)), None)


def hidden_selectors(css: str) -> dict[str, str]:
    """Simple selectors (``.class``, ``#id``, ``tag``) a style sheet hides, with why.

    Example:
        >>> hidden_selectors(".kw, #x {display: none} p {color: red}")
        {'.kw': 'display:none', '#x': 'display:none'}
    """
    found: dict[str, str] = {}
    for selectors, body in _RULE.findall(re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        why = _hides(body)
        if not why:
            continue
        for selector in selectors.split(","):
            if m := _SIMPLE_SELECTOR.match(selector):
                found[(m.group(1) + m.group(2)).lower()] = why
    return found


class _Visible(HTMLParser):
    def __init__(self, sheet: dict[str, str]) -> None:
        super().__init__(convert_charrefs=True)
        self.sheet = sheet
        self.parts: list[str] = []
        self.stack: list[tuple[str, str | None]] = []  # open elements and why each hides
        self.hidden: list[tuple[str, list[str]]] = []  # hidden passages: why, their text

    def _why(self, tag: str, attrs: list[tuple[str, str | None]]) -> str | None:
        if tag in _INVISIBLE:
            return f"<{tag}>"
        values = {k.lower(): (v or "") for k, v in attrs}
        if "hidden" in values or (tag == "input" and values.get("type", "").lower() == "hidden"):
            return "hidden attribute"
        if why := _hides(values.get("style", "")):
            return why
        keys = [tag, *(f".{c.lower()}" for c in values.get("class", "").split())]
        if values.get("id"):
            keys.append(f"#{values['id'].lower()}")
        return next((self.sheet[k] for k in keys if k in self.sheet), None)

    def _hiding(self) -> str | None:
        return next((why for _, why in reversed(self.stack) if why), None)

    def handle_starttag(self, tag, attrs):
        if tag in _SELF_CLOSING and self.stack and self.stack[-1][0] == tag:
            self.handle_endtag(tag)
        why = self._why(tag, attrs)
        if tag in _BLOCK:
            self._text("\n")
        if tag == "li" and not (why or self._hiding()):
            self.parts.append("• ")
        if tag in _VOID:
            return
        if why and not self._hiding():
            self.hidden.append((why, []))
        self.stack.append((tag, why))

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self._text("\n")

    def handle_endtag(self, tag):
        if not any(t == tag for t, _ in self.stack):
            if tag in _BLOCK:
                self._text("\n")
            return
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if tag in _BLOCK:
            self._text("\n")

    def _text(self, data: str) -> None:
        if self._hiding():
            self.hidden[-1][1].append(data)
        else:
            self.parts.append(data)

    def handle_data(self, data):
        self._text(data)


def read_html(markup: str) -> tuple[str, list[HiddenText]]:
    """The visible text of an HTML page (one block per line) and the hidden passages."""
    sheet: dict[str, str] = {}
    for css in re.findall(r"<style[^>]*>(.*?)</style\s*>", markup, flags=re.S | re.I):
        sheet.update(hidden_selectors(css))
    parser = _Visible(sheet)
    parser.feed(markup)
    parser.close()
    hidden = []
    for why, parts in parser.hidden:
        text = " ".join("".join(parts).split())
        if text and why.strip("<>") not in _CODE:
            hidden.append(HiddenText(text=text[:_MAX_HIDDEN], reason=why))
    return "".join(parser.parts), hidden
