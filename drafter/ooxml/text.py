"""Text extraction rules shared by the reader and the writers.

Two rules live here so that what a reader reports can be mapped back to the XML
by a writer that applies the same rules:

- :func:`paragraph_elements`: a paragraph's index is its position among *all*
  ``w:p`` elements of the part in document order (text-box paragraphs, both
  branches of ``mc:AlternateContent``, deleted paragraphs: all are counted).
- :func:`run_child_text`: what one child of a ``w:r`` contributes to the
  accepted-view text. Decisions documented there: ``w:br``/``w:cr`` give "\\n"
  except page and column breaks, which give nothing (they sit alone at a
  paragraph's edge almost always, and "\\n" there would make empty paragraphs look
  non-empty); ``w:softHyphen`` gives nothing (it is invisible unless a line breaks
  there, and spelling checks must see the whole word); ``w:noBreakHyphen`` gives
  U+2011; ``w:sym`` in a symbol font is mapped to the Unicode character it shows.
"""

from __future__ import annotations

from lxml import etree

from drafter.ooxml.names import STRICT_W, m, w

W_P = w("p")
_STRICT_P = f"{{{STRICT_W}}}p"

T = w("t")
DEL_TEXT = w("delText")
TAB = w("tab")
PTAB = w("ptab")
BR = w("br")
CR = w("cr")
NO_BREAK_HYPHEN = w("noBreakHyphen")
SOFT_HYPHEN = w("softHyphen")
SYM = w("sym")
M_T = m("t")

_TYPE = w("type")
_CHAR = w("char")
_FONT = w("font")


def paragraph_elements(part_root: etree._Element) -> list[etree._Element]:
    """Every ``w:p`` of a part in document order: the paragraph index rule.

    ``Location.paragraph`` is an index into this list. Strict-namespace parts
    (parsed without translation, as writers do) are counted the same way.
    """
    return list(part_root.iter(W_P, _STRICT_P))


def run_child_text(child: etree._Element) -> str:
    """The accepted-view text one child element of a run contributes.

    ``w:delText`` contributes nothing here: deleted text is reported as a
    revision, not as text. Unknown children contribute nothing.
    """
    tag = child.tag
    if tag == T or tag == M_T:
        return child.text or ""
    if tag == TAB or tag == PTAB:
        return "\t"
    if tag == BR:
        kind = child.get(_TYPE)
        return "" if kind in ("page", "column") else "\n"
    if tag == CR:
        return "\n"
    if tag == NO_BREAK_HYPHEN:
        return "\u2011"
    if tag == SOFT_HYPHEN:
        return ""
    if tag == SYM:
        return symbol_char(child.get(_FONT), child.get(_CHAR))
    return ""


def deleted_run_child_text(child: etree._Element) -> str:
    """The text a child of a deleted run stood for (``w:delText`` or ``w:t``)."""
    if child.tag == DEL_TEXT:
        return child.text or ""
    return run_child_text(child)


# Symbol-font code points (after removing the U+F000 private-use offset) that
# have a plain Unicode equivalent. Only characters that occur in drafts as
# bullets, arrows, check marks and Greek letters are listed.
_SYMBOL = {
    0x22: "\u2200", 0x24: "\u2203", 0x27: "\u220b", 0x2D: "\u2212", 0x40: "\u2245",
    0x41: "\u0391", 0x42: "\u0392", 0x43: "\u03a7", 0x44: "\u0394", 0x45: "\u0395",
    0x46: "\u03a6", 0x47: "\u0393", 0x48: "\u0397", 0x49: "\u0399", 0x4B: "\u039a",
    0x4C: "\u039b", 0x4D: "\u039c", 0x4E: "\u039d", 0x4F: "\u039f", 0x50: "\u03a0",
    0x51: "\u0398", 0x52: "\u03a1", 0x53: "\u03a3", 0x54: "\u03a4", 0x55: "\u03a5",
    0x57: "\u03a9", 0x58: "\u039e", 0x59: "\u03a8", 0x5A: "\u0396",
    0x61: "\u03b1", 0x62: "\u03b2", 0x63: "\u03c7", 0x64: "\u03b4", 0x65: "\u03b5",
    0x66: "\u03c6", 0x67: "\u03b3", 0x68: "\u03b7", 0x69: "\u03b9", 0x6B: "\u03ba",
    0x6C: "\u03bb", 0x6D: "\u03bc", 0x6E: "\u03bd", 0x6F: "\u03bf", 0x70: "\u03c0",
    0x71: "\u03b8", 0x72: "\u03c1", 0x73: "\u03c3", 0x74: "\u03c4", 0x75: "\u03c5",
    0x77: "\u03c9", 0x78: "\u03be", 0x79: "\u03c8", 0x7A: "\u03b6",
    0xA3: "\u2264", 0xA5: "\u221e", 0xAB: "\u2194", 0xAC: "\u2190", 0xAD: "\u2191",
    0xAE: "\u2192", 0xAF: "\u2193", 0xB0: "\u00b0", 0xB1: "\u00b1", 0xB3: "\u2265",
    0xB4: "\u00d7", 0xB7: "\u2022", 0xB9: "\u2260", 0xBA: "\u2261", 0xBB: "\u2248",
    0xBC: "\u2026", 0xD7: "\u22c5", 0xDE: "\u21d2", 0xDB: "\u21d4",
}
_WINGDINGS = {
    0x6C: "\u25cf", 0x6E: "\u25a0", 0x6F: "\u25a1", 0x71: "\u2751", 0x75: "\u25c6",
    0x76: "\u2756", 0x77: "\u2b25", 0x9F: "\u2022", 0xA7: "\u25aa", 0xA8: "\u25fb",
    0xD8: "\u27a2", 0xE0: "\u2192", 0xE8: "\u2794", 0xF0: "\u21e8", 0xFB: "\u2717",
    0xFC: "\u2713", 0xFD: "\u2612", 0xFE: "\u2611",
}
_FONT_MAPS = {"symbol": _SYMBOL, "wingdings": _WINGDINGS}


def symbol_char(font: str | None, code: str | None) -> str:
    """The character a ``w:sym`` shows: mapped for Symbol/Wingdings, else as written."""
    if not code:
        return ""
    try:
        point = int(code, 16)
    except ValueError:
        return ""
    table = _FONT_MAPS.get((font or "").strip().lower())
    low = point - 0xF000 if 0xF000 <= point <= 0xF0FF else point
    if table is not None and low in table:
        return table[low]
    if 0 < point < 0x110000 and not 0xD800 <= point <= 0xDFFF:
        return chr(point)
    return ""
