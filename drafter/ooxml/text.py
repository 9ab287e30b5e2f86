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
- :class:`InlineWalker`: the one walk over a paragraph's content that decides
  which characters the accepted view holds and in which order. The reader builds
  ``Paragraph.text``, spans and revision offsets from its hooks; the editor
  (:mod:`drafter.ooxml.edit`) maps offsets back to XML through
  :func:`walk_paragraph`, a subclass of the very same walker. Decisions:

  * ``mc:AlternateContent`` anywhere (between runs, between paragraphs, inside a
    run) reads one branch only (:func:`choose_branch`); the branch inside a run
    is read as run content with the run's formatting (an emoji's Fallback
    ``w:t``).
  * Complex fields (``w:fldChar``) hide their instruction part; the field stack
    (:class:`FieldState`) belongs to one *story* (the body, one note, one
    comment, one header or footer, one text box: see :func:`story_of`) and
    fields may span paragraphs within it, never across stories, as in Word.
  * Text boxes in a run are paragraphs of their own, read where their anchor
    stands, even inside a field's instruction part (they are another story).
  * Deleted and moved-from text is out of the accepted view but reported (for
    revisions); insertions and moves-to are in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from lxml import etree

from drafter.ooxml.names import NS, STRICT_W, a, m, mc, v, w

W_P = P = w("p")
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


# -- the paragraph content walk ------------------------------------------------

R, M_R, PPR, RPR = w("r"), m("r"), w("pPr"), w("rPr")
INS, DEL, MOVE_FROM, MOVE_TO = w("ins"), w("del"), w("moveFrom"), w("moveTo")
SDT, SDT_CONTENT, CUSTOM_XML, SMART_TAG = w("sdt"), w("sdtContent"), w("customXml"), w("smartTag")
HYPERLINK, FLD_SIMPLE, FLD_CHAR = w("hyperlink"), w("fldSimple"), w("fldChar")
FLD_CHAR_TYPE = w("fldCharType")
DRAWING, PICT, OBJECT, TXBX_CONTENT = w("drawing"), w("pict"), w("object"), w("txbxContent")
FOOTNOTE_REF, ENDNOTE_REF, COMMENT_REF = w("footnoteReference"), w("endnoteReference"), w("commentReference")
COMMENT_START, COMMENT_END = w("commentRangeStart"), w("commentRangeEnd")
RUBY, RUBY_BASE = w("ruby"), w("rubyBase")
ALT, CHOICE, FALLBACK = mc("AlternateContent"), mc("Choice"), mc("Fallback")
SECT_PR = w("sectPr")
BODY, FOOTNOTE, ENDNOTE, COMMENT = w("body"), w("footnote"), w("endnote"), w("comment")
M_OMATH, M_OMATH_PARA = m("oMath"), m("oMathPara")
_V_IMAGEDATA, _A_BLIP, _PIC_PIC = v("imagedata"), a("blip"), f"{{{NS['pic']}}}pic"
_C_CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}chart"

#: Run children that contribute text through :func:`run_child_text`.
TEXT_CHILDREN = frozenset({T, M_T, TAB, PTAB, BR, CR, NO_BREAK_HYPHEN, SOFT_HYPHEN, SYM})
#: Block-level (and paragraph-level) markup that holds no reading content.
BLOCK_IGNORED = frozenset({
    SECT_PR, w("bookmarkStart"), w("bookmarkEnd"), w("proofErr"), w("permStart"), w("permEnd"),
    w("moveFromRangeStart"), w("moveFromRangeEnd"), w("moveToRangeStart"), w("moveToRangeEnd"),
    w("customXmlInsRangeStart"), w("customXmlInsRangeEnd"), w("customXmlDelRangeStart"),
    w("customXmlDelRangeEnd"), w("customXmlMoveFromRangeStart"), w("customXmlMoveFromRangeEnd"),
    w("customXmlMoveToRangeStart"), w("customXmlMoveToRangeEnd"), w("sdtPr"), w("sdtEndPr"),
    w("tblPr"), w("tblGrid"), w("tblPrEx"), w("trPr"), w("tcPr"), w("customXmlPr"), w("smartTagPr"),
    w("footnotePr"), w("endnotePr"),
})
#: Paragraph content that holds no reading content.
INLINE_IGNORED = BLOCK_IGNORED | {PPR}
#: Paragraph-content wrappers whose runs read in line, as if unwrapped.
INLINE_WRAPPERS = frozenset({HYPERLINK, SMART_TAG, CUSTOM_XML, FLD_SIMPLE, w("dir"), w("bdo")})
#: Tracked-change wrappers: insertions and moves-to read, deletions and moves-from do not.
TRACKED = frozenset({INS, DEL, MOVE_FROM, MOVE_TO})
#: Block-level wrappers whose paragraphs and tables read as if unwrapped.
BLOCK_WRAPPERS = frozenset({CUSTOM_XML, INS, DEL, MOVE_FROM, MOVE_TO, SMART_TAG})
#: Wrappers around table rows and cells that read as if unwrapped (besides sdt and AlternateContent).
ROW_WRAPPERS = frozenset({CUSTOM_XML, INS, MOVE_TO})
#: Run children that may hold text boxes and pictures.
GRAPHICS = frozenset({DRAWING, PICT, OBJECT})

# Namespaces whose markup can be taken from an mc:Choice (text boxes, groups,
# canvases, Word 2010+ run and paragraph features, math). A Choice that requires
# anything else (w16se emoji symbols, chartex, ink) is passed over for the next one
# or for the Fallback, as Markup Compatibility prescribes.
UNDERSTOOD_NAMESPACES = frozenset({
    NS["w"], NS["wps"], NS["wp"], NS["a"], NS["pic"], NS["m"], NS["v"], NS["o"],
    "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "http://schemas.microsoft.com/office/word/2010/wordml",
    "http://schemas.microsoft.com/office/word/2012/wordml",
    "http://schemas.microsoft.com/office/drawing/2010/main",
    "urn:schemas-microsoft-com:office:word",
})


def choose_branch(alternate: etree._Element) -> etree._Element | None:
    """The one branch of ``mc:AlternateContent`` to read, never two.

    The first ``mc:Choice`` whose ``Requires`` prefixes all name understood
    namespaces, else the ``mc:Fallback`` (None when neither exists).
    """
    fallback = None
    for child in alternate:
        if child.tag == CHOICE and _understood(child):
            return child
        if child.tag == FALLBACK:
            fallback = child
    return fallback


def _understood(choice: etree._Element) -> bool:
    requires = (choice.get("Requires") or "").split()
    if not requires:
        return True
    namespaces = choice.nsmap
    return all(namespaces.get(prefix) in UNDERSTOOD_NAMESPACES for prefix in requires)


def collect_graphics(element: etree._Element, boxes: list, pictures: list | None = None) -> None:
    """Outermost text boxes (``w:txbxContent``) and pictures under ``element``, one AlternateContent branch only.

    Pictures are ``w:drawing`` elements showing a picture or chart of their own
    and VML ``v:imagedata``; pass ``pictures=None`` when only text boxes matter.
    """
    tag = element.tag
    if tag == ALT:
        branch = choose_branch(element)
        if branch is not None:
            for child in branch:
                collect_graphics(child, boxes, pictures)
        return
    if tag == TXBX_CONTENT:
        boxes.append(element)
        return
    if pictures is not None:
        if tag == DRAWING:
            if _is_picture_drawing(element):
                pictures.append(element)
        elif tag == PICT:
            for shape in element.iter(_V_IMAGEDATA):
                pictures.append(shape)
                break
    stack = list(reversed(element))
    while stack:
        child = stack.pop()
        ctag = child.tag
        if ctag == TXBX_CONTENT:
            boxes.append(child)
        elif ctag == ALT:
            collect_graphics(child, boxes, pictures)
        else:
            stack.extend(reversed(child))


def _is_picture_drawing(drawing: etree._Element) -> bool:
    """True when the drawing shows a picture or chart of its own (not one inside its text box)."""
    for found in drawing.iter(_A_BLIP, _PIC_PIC, _C_CHART):
        ancestor = found.getparent()
        while ancestor is not None and ancestor is not drawing and ancestor.tag != TXBX_CONTENT:
            ancestor = ancestor.getparent()
        if ancestor is drawing:
            return True
    return False


class FieldState:
    """The complex-field stack of one story: fields may span paragraphs, never stories.

    ``open`` holds one flag per open field (has its result started?); ``hidden``
    counts the open fields still in their instruction part, whose content is not
    text. ``where`` is whatever the owner says the walk is at (the reader: the
    paragraph index); ``start`` is ``where`` when the outermost open field began.
    """

    __slots__ = ("open", "hidden", "where", "start")

    def __init__(self) -> None:
        self.open: list[bool] = []
        self.hidden = 0
        self.where = -1
        self.start = -1

    def char(self, kind: str | None) -> None:
        """Take one ``w:fldChar`` of type ``kind`` (begin, separate, end)."""
        if kind == "begin":
            if not self.open:
                self.start = self.where
            self.open.append(False)
            self.hidden += 1
        elif kind == "separate":
            if self.open and not self.open[-1]:
                self.open[-1] = True
                self.hidden -= 1
        elif kind == "end":
            if self.open and not self.open.pop():
                self.hidden -= 1

    def reset(self) -> None:
        """Forget every open field (the end of a story)."""
        self.open.clear()
        self.hidden = 0

    def copy(self) -> "FieldState":
        twin = FieldState()
        twin.open = list(self.open)
        twin.hidden = self.hidden
        twin.where, twin.start = self.where, self.start
        return twin


def story_of(element: etree._Element) -> etree._Element:
    """The story holding ``element``: a text box, the body, a note, a comment, else the part's root (header, footer)."""
    for ancestor in element.iterancestors(TXBX_CONTENT, BODY, FOOTNOTE, ENDNOTE, COMMENT):
        return ancestor
    return element.getroottree().getroot()


def is_walked(element: etree._Element, stop: etree._Element | None = None) -> bool:
    """True when the walk of ``stop``'s content (default: the whole tree) reaches ``element``.

    It does not where ``element`` sits in an unread AlternateContent branch, a
    ruby's phonetic text, a content control's properties, or a text box below
    ``stop`` (another story).
    """
    child = element
    for parent in element.iterancestors():
        if child is stop:
            return True
        if child.tag == TXBX_CONTENT:
            return False
        tag = parent.tag
        if tag == ALT:
            if choose_branch(parent) is not child:
                return False
        elif tag == RUBY:
            if child.tag != RUBY_BASE:
                return False
        elif tag == SDT:
            if child.tag != SDT_CONTENT:
                return False
        child = parent
    return True


def feed_fields(fields: FieldState, element: etree._Element) -> None:
    """Take the field characters of content walked elsewhere (text boxes, nested paragraphs)."""
    for char in element.iter(FLD_CHAR):
        if is_walked(char, element):
            fields.char(char.get(FLD_CHAR_TYPE))


def field_states_before(paragraphs: Iterable[etree._Element]) -> dict[int, FieldState]:
    """:func:`field_state_before` for many paragraphs, in one walk per story.

    Keyed by ``id(paragraph)``. Callers that edit many paragraphs of a part use
    it instead of walking each paragraph's story again for every edit.
    """
    by_story: dict[int, tuple[etree._Element, set[int]]] = {}
    for paragraph in paragraphs:
        story = story_of(paragraph)
        by_story.setdefault(id(story), (story, set()))[1].add(id(paragraph))
    states: dict[int, FieldState] = {}
    for story, wanted in by_story.values():
        fields = FieldState()
        for element in story.iter(W_P, FLD_CHAR):
            if element.tag == W_P:
                if id(element) in wanted:
                    states[id(element)] = fields.copy()
            elif is_walked(element, story):
                fields.char(element.get(FLD_CHAR_TYPE))
    return states


def field_state_before(paragraph: etree._Element) -> FieldState:
    """The field stack of the paragraph's story when the walk reaches ``paragraph``."""
    fields = FieldState()
    story = story_of(paragraph)
    for element in story.iter(W_P, FLD_CHAR):
        if element is paragraph:
            break
        if element.tag == FLD_CHAR and is_walked(element, story):
            fields.char(element.get(FLD_CHAR_TYPE))
    return fields


@dataclass(frozen=True, slots=True)
class Segment:
    """One piece of a paragraph's text and the XML it comes from.

    ``start``/``end`` are offsets into the paragraph's accepted-view text (a
    deleted segment is not in it: ``start == end`` where it stood). ``node`` is
    the run child the text belongs to (``w:t``, ``m:t``, ``w:tab``, ``w:br``,
    ``w:sym`` ..., or the ``mc:AlternateContent`` whose chosen branch shows it)
    and ``run`` the ``w:r`` / ``m:r`` holding ``node``; ``source`` the element
    that shows the text (``node`` itself, except inside a run's
    AlternateContent). ``change`` is the innermost ``w:ins`` / ``w:del`` /
    ``w:moveFrom`` / ``w:moveTo`` around it (None outside any); ``in_field``
    tells text inside a complex field's result.
    """

    start: int
    end: int
    text: str
    node: etree._Element
    run: etree._Element
    deleted: bool = False
    change: etree._Element | None = None
    in_field: bool = False
    source: etree._Element | None = None

    @property
    def splittable(self) -> bool:
        """True for a text node that can be cut between any two characters."""
        return self.node.tag == T and len(self.text) > 1

    @property
    def in_math(self) -> bool:
        """True for text of an equation (never split or edited)."""
        return self.run.tag != R or math_ancestor(self.run) is not None


def math_ancestor(element: etree._Element) -> etree._Element | None:
    """The outermost equation (``m:oMathPara``/``m:oMath``) holding ``element``, if any."""
    found = None
    for ancestor in element.iterancestors(M_OMATH, M_OMATH_PARA):
        found = ancestor
    return found


# What a child of a run is, looked up once per child instead of a chain of comparisons.
(_K_RPR, _K_FLD_CHAR, _K_TEXT, _K_DEL_TEXT, _K_GRAPHIC, _K_NOTE, _K_COMMENT,
 _K_TRACKED, _K_RUBY, _K_ALT) = range(10)
_RUN_CHILD = {
    RPR: _K_RPR, FLD_CHAR: _K_FLD_CHAR, DEL_TEXT: _K_DEL_TEXT,
    DRAWING: _K_GRAPHIC, PICT: _K_GRAPHIC, OBJECT: _K_GRAPHIC, ALT: _K_ALT,
    FOOTNOTE_REF: _K_NOTE, ENDNOTE_REF: _K_NOTE, COMMENT_REF: _K_COMMENT,
    INS: _K_TRACKED, DEL: _K_TRACKED, MOVE_FROM: _K_TRACKED, MOVE_TO: _K_TRACKED, RUBY: _K_RUBY,
    **{tag: _K_TEXT for tag in TEXT_CHILDREN},
}


class InlineWalker:
    """The one walk over a paragraph's content: which characters read, in which order.

    One instance walks one paragraph (:meth:`walk`); ``fields`` is the story's
    field stack, shared with the paragraphs before and after (and with text-box
    paragraphs walked meanwhile). The accepted-view text collects in ``parts``
    and ``offset``; subclasses learn the rest through the hook methods, which do
    nothing here except keep the field stack right across a (malformed) nested
    paragraph. With ``segments`` a list, every piece of text is also recorded
    there as a :class:`Segment` (deleted pieces too).
    """

    __slots__ = ("fields", "parts", "offset", "dropped", "change", "segments")

    def __init__(self, fields: FieldState, segments: list[Segment] | None = None) -> None:
        self.fields = fields
        self.parts: list[str] = []
        self.offset = 0
        self.dropped: list[str] | None = None  # deleted text inside the w:del/w:moveFrom being walked
        self.change: etree._Element | None = None  # the innermost tracked wrapper being walked
        self.segments = segments

    def walk(self, paragraph: etree._Element) -> str:
        """Walk a ``w:p`` and return its accepted-view text."""
        self.inline(paragraph, False)
        return "".join(self.parts)

    # -- hooks --------------------------------------------------------------

    def run_text(self, run: etree._Element, rpr: etree._Element | None, start: int, end: int) -> None:
        """Text ``start..end`` (kept, contiguous) came from ``run`` formatted by ``rpr``."""

    def inserted(self, change: etree._Element, start: int, end: int) -> None:
        """A ``w:ins``/``w:moveTo`` outside any deletion ended, holding text ``start..end``."""

    def removed(self, change: etree._Element, text: str) -> None:
        """A ``w:del``/``w:moveFrom`` outside any deletion ended; ``text`` is what it deleted."""

    def comment_start(self, element: etree._Element) -> None:
        """A ``w:commentRangeStart`` at the current offset."""

    def comment_end(self, element: etree._Element) -> None:
        """A ``w:commentRangeEnd`` at the current offset."""

    def comment_reference(self, element: etree._Element) -> None:
        """A ``w:commentReference`` (outside a field's instruction) at the current offset."""

    def note_reference(self, element: etree._Element, deleted: bool) -> None:
        """A ``w:footnoteReference``/``w:endnoteReference`` outside a field's instruction."""

    def graphic(self, element: etree._Element, deleted: bool, hidden: bool) -> None:
        """A drawing, VML picture or object in a run (also inside a field's instruction: ``hidden``).

        Its text boxes (:func:`collect_graphics`) are stories of their own, read
        here, in reading order, each with a field stack of its own.
        """

    def nested_paragraph(self, paragraph: etree._Element) -> None:
        """A ``w:p`` inside paragraph content (malformed): a paragraph of its own, read here."""
        feed_fields(self.fields, paragraph)

    # -- the walk -------------------------------------------------------------

    def inline(self, parent: etree._Element, deleted: bool) -> None:
        """Paragraph-level content: runs and the wrappers that hold them."""
        for child in parent:
            tag = child.tag
            if tag == R or tag == M_R:
                self.run(child, deleted)
            elif tag in INLINE_WRAPPERS:
                self.inline(child, deleted)
            elif tag in TRACKED:
                self.tracked(child, deleted, self.inline)
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    self.inline(content, deleted)
            elif tag == ALT:
                branch = choose_branch(child)
                if branch is not None:
                    self.inline(branch, deleted)
            elif tag == COMMENT_START:
                self.comment_start(child)
            elif tag == COMMENT_END:
                self.comment_end(child)
            elif tag in INLINE_IGNORED or not isinstance(tag, str):
                continue
            elif tag == W_P:
                self.nested_paragraph(child)
            elif len(child):
                # Unknown wrappers (math zones, future markup): their runs still count.
                self.inline(child, deleted)

    def tracked(self, change: etree._Element, deleted: bool, walk) -> None:
        """A w:ins/w:del/w:moveTo/w:moveFrom wrapper, its content walked with ``walk``."""
        outer_change = self.change
        self.change = change
        tag = change.tag
        if tag == INS or tag == MOVE_TO:
            start = self.offset
            walk(change, deleted)
            self.change = outer_change
            if not deleted:
                self.inserted(change, start, self.offset)
            return
        outer = self.dropped
        self.dropped = []
        walk(change, True)
        dropped = "".join(self.dropped)
        self.dropped = outer
        self.change = outer_change
        if outer is not None:
            outer.append(dropped)
        if not deleted:
            self.removed(change, dropped)

    def run(self, run: etree._Element, deleted: bool, rpr: etree._Element | None = None,
            host: tuple | None = None) -> None:
        """One run (or math run): text, references, drawings and field characters.

        ``rpr`` is the enclosing run's properties and ``host`` its (AlternateContent,
        run) when ``run`` is the chosen branch of an ``mc:AlternateContent`` inside a run.
        """
        fields = self.fields
        parts = self.parts
        segments = self.segments
        stretch = self.offset
        for child in run:
            tag = child.tag
            if tag == T:
                if fields.hidden:
                    continue
                text = child.text
            else:
                kind = _RUN_CHILD.get(tag)
                if kind is None:
                    continue
                if kind == _K_RPR:
                    rpr = child
                    continue
                if kind == _K_FLD_CHAR:
                    fields.char(child.get(FLD_CHAR_TYPE))
                    continue
                if kind == _K_GRAPHIC:
                    self.graphic(child, deleted, fields.hidden > 0)
                    continue
                if kind >= _K_TRACKED:
                    # Nested content, walked even in a field's instruction (its field
                    # characters and text boxes count): close this run's stretch first.
                    if self.offset > stretch:
                        self.run_text(run, rpr, stretch, self.offset)
                    if kind == _K_ALT:
                        branch = choose_branch(child)
                        if branch is not None:
                            self.run(branch, deleted, rpr, host or (child, run))
                    elif kind == _K_TRACKED:  # math runs wrap their tracked content inside the run
                        self.tracked(child, deleted, self.run)
                    else:  # ruby: the base text is what reads in line
                        base = child.find(RUBY_BASE)
                        if base is not None:
                            self.inline(base, deleted)
                    stretch = self.offset
                    continue
                if fields.hidden:
                    continue
                if kind == _K_TEXT:
                    text = run_child_text(child)
                elif kind == _K_DEL_TEXT:
                    if deleted:
                        self.deleted_text(child.text or "", child, run, host)
                    continue
                elif kind == _K_NOTE:
                    self.note_reference(child, deleted)
                    continue
                else:
                    self.comment_reference(child)
                    continue
            if not text:
                continue
            if deleted:
                self.deleted_text(text, child, run, host)
                continue
            parts.append(text)
            start = self.offset
            end = self.offset = start + len(text)
            if segments is not None:
                node, owner = host if host is not None else (child, run)
                segments.append(Segment(start, end, text, node, owner, False, self.change,
                                        bool(fields.open), child))
        if self.offset > stretch:
            self.run_text(run, rpr, stretch, self.offset)

    def deleted_text(self, text: str, node: etree._Element, run: etree._Element, host: tuple | None) -> None:
        """Text of a deleted run: out of the accepted view, kept for the deletion's revision."""
        if self.dropped is not None:
            self.dropped.append(text)
        if self.segments is not None:
            unit, owner = host if host is not None else (node, run)
            self.segments.append(Segment(self.offset, self.offset, text, unit, owner, True, self.change,
                                         bool(self.fields.open), node))


def walk_paragraph(paragraph: etree._Element, fields: FieldState | None = None) -> list[Segment]:
    """Every segment of a paragraph in accepted-view order, deleted ones included.

    ``fields`` is the story's field stack before the paragraph (default: what
    :func:`field_state_before` finds); it is not changed.
    """
    fields = field_state_before(paragraph) if fields is None else fields.copy()
    segments: list[Segment] = []
    InlineWalker(fields, segments).walk(paragraph)
    return segments


def walk_part(part_root: etree._Element):
    """(paragraph index, segments) for every paragraph of a part, in one pass.

    Equivalent to :func:`walk_paragraph` for each paragraph, in linear time.
    The tree must not be edited while the iterator runs.
    """
    index = 0
    stories: dict[etree._Element, FieldState] = {}
    for element in part_root.iter(W_P, FLD_CHAR):
        story = story_of(element)
        fields = stories.get(story)
        if fields is None:
            fields = stories[story] = FieldState()
        if element.tag == FLD_CHAR:
            if is_walked(element, story):
                fields.char(element.get(FLD_CHAR_TYPE))
            continue
        yield index, walk_paragraph(element, fields)
        index += 1
