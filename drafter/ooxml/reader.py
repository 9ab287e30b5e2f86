"""Read a DOCX package into a :class:`drafter.blocks.Document` (lxml only).

Entry point: :func:`read_document`. The main body is walked once in reading
order: paragraphs, tables (nested too), content controls, custom-XML and smart-tag
wrappers, hyperlinks, simple and complex fields (results only), and text boxes
(one branch of ``mc:AlternateContent`` only, so nothing is doubled). Text is the
*accepted view*: insertions kept, deletions dropped, every tracked change recorded
as a :class:`Revision` with offsets into that text.

Anything that is not a readable DOCX raises :class:`InputError`; problems in
secondary parts (styles, numbering, comments, notes, headers, properties) become
:class:`ReadNotice` values on the document instead, so nothing is lost silently.

Documented decisions (see also :mod:`drafter.ooxml.text`):

- Spans are emitted only for text with some visible formatting; plain text has none.
  Bold, italic and hidden include what the paragraph and character styles give;
  ``font_size`` is set only where direct formatting differs from the styles' size.
- A paragraph whose mark is deleted but that keeps text stays a paragraph of its own
  (with a ``paragraph-mark-del`` revision), so locations map back one-to-one.
- A wholly deleted paragraph (every run and its mark deleted) is left out of the
  blocks but keeps its index; its revisions move to the next paragraph of the same
  story at offset 0, where its text stood in the accepted view (or to the end of the
  story's last paragraph). So no emitted paragraph has ``deleted=True``, and no
  tracked deletion goes unreported.
- Table, row, cell and section property changes (``w:tblPrChange``, ``w:cellIns``,
  ``w:sectPrChange`` ...) become ``other`` revisions on the next paragraph.
- A deleted table row stays in ``Table.rows`` with ``deleted=True`` and no cells, so
  row indices match the XML; its text is out of the accepted view.
- ``Table.index`` is the index among the part's top-level tables for a top-level
  table, and the index among the cell's tables for a nested one.
- Numbering is rendered for main-body paragraphs (text boxes included) only.
- Paragraph content is walked by :class:`drafter.ooxml.text.InlineWalker`, the
  same walker the editor maps offsets with; a text box is a story of its own (a
  complex field never spans into or out of it), read where its anchor stands.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from drafter.blocks import (
    Cell, Comment, CommentAnchor, Document, Location, Note, Numbering, Paragraph,
    Properties, ReadNotice, Revision, Row, Span, Table, iter_paragraphs,
)
from drafter.errors import InputError
from drafter.lifetime import collector_paused, done_with
from drafter.ooxml.names import a, int_value, local_name, o, on_off, r, to_transitional, v, w, wp, wps
from drafter.ooxml.package import Limits, Package, parse_xml
from drafter.ooxml.properties import read_properties, read_track_revisions
from drafter.ooxml.styles import StyleSheet
from drafter.ooxml.text import (  # noqa: F401 - UNDERSTOOD_NAMESPACES, choose_branch: public here too
    ALT, BLOCK_IGNORED, BLOCK_WRAPPERS, COMMENT_END, COMMENT_START, DEL, DRAWING, FOOTNOTE_REF, INS,
    MOVE_FROM, MOVE_TO, P, PPR, R, ROW_WRAPPERS, RPR, SDT, SDT_CONTENT, SECT_PR, T, UNDERSTOOD_NAMESPACES,
    FieldState, InlineWalker, choose_branch, collect_graphics, paragraph_elements,
)

# -- tags -------------------------------------------------------------------

TBL, TR, TC = w("tbl"), w("tr"), w("tc")
RPR_CHANGE, PPR_CHANGE = w("rPrChange"), w("pPrChange")
ALT_CHUNK = w("altChunk")
V_TEXTPATH, V_SHAPE = v("textpath"), v("shape")
WP_DOCPR = wp("docPr")
WPS_WSP, A_TXWARP = wps("wsp"), a("prstTxWarp")

VAL, ID, AUTHOR, DATE, TYPE = w("val"), w("id"), w("author"), w("date"), w("type")
R_ID = r("id")
O_TITLE = o("title")

_PROPERTY_CHANGES = frozenset({
    w("tblPrChange"), w("trPrChange"), w("tcPrChange"), w("tblGridChange"), w("tblPrExChange"),
    w("cellIns"), w("cellDel"), w("cellMerge"), w("sectPrChange"), w("numberingChange"),
})
_SKIPPED_NOTE_TYPES = frozenset({"separator", "continuationSeparator", "continuationNotice"})

# Span formatting tuple: (bold, italic, underline, highlight, hidden, strike, color, size, style)
_PLAIN = (False, False, False, None, False, False, None, None, None)
_B, _I, _U, _HIGHLIGHT, _SHD, _VANISH = w("b"), w("i"), w("u"), w("highlight"), w("shd"), w("vanish")
_STRIKE, _DSTRIKE, _COLOR, _SZ, _RSTYLE = w("strike"), w("dstrike"), w("color"), w("sz"), w("rStyle")
_FILL = w("fill")
(_F_B, _F_I, _F_U, _F_HIGHLIGHT, _F_SHD, _F_VANISH, _F_STRIKE, _F_COLOR, _F_SZ, _F_RSTYLE,
 _F_CHANGE) = range(11)
_FORMAT = {
    _B: _F_B, _I: _F_I, _U: _F_U, _HIGHLIGHT: _F_HIGHLIGHT, _SHD: _F_SHD, _VANISH: _F_VANISH,
    _STRIKE: _F_STRIKE, _DSTRIKE: _F_STRIKE, _COLOR: _F_COLOR, _SZ: _F_SZ, _RSTYLE: _F_RSTYLE,
    RPR_CHANGE: _F_CHANGE,
}
_TBL_PR = w("tblPr")
_TBL_GRID = w("tblGrid")
_TBL_STYLE = w("tblStyle")
_TR_PR = w("trPr")
_TBL_PR_EX = w("tblPrEx")
_TBL_HEADER = w("tblHeader")
_TC_PR = w("tcPr")
_GRID_SPAN = w("gridSpan")
_P_STYLE = w("pStyle")
_OUTLINE_LVL = w("outlineLvl")
_NUM_PR = w("numPr")
_NUM_ID = w("numId")
_ILVL = w("ilvl")
_SECT_PR_CHANGE = w("sectPrChange")
_OFF = frozenset({"0", "false", "off", "none", "False", "Off", "FALSE", "OFF", "None"})

def read_document(path: str, limits: Limits | None = None) -> Document:
    """Read the DOCX at ``path`` into a :class:`Document`.

    Raises :class:`InputError` with one clear reason when the file is not a
    readable DOCX; never any other exception for bad input.
    """
    path = str(path)
    # The walk makes hundreds of thousands of small objects and no cycles; pausing
    # the cyclic collector meanwhile saves a tenth of the time on big drafts.
    try:
        with collector_paused():
            package = Package(path, limits)
            return _DocumentReader(package).read()
    except InputError:
        raise
    except RecursionError:
        raise InputError(path, "refused: the document nests too deeply to read") from None
    except MemoryError:
        raise InputError(path, "refused: the document is too large to read in memory") from None
    except Exception as exc:  # noqa: BLE001 - the contract is "InputError or a Document"
        raise InputError(path, f"could not read the document ({type(exc).__name__}: {exc})") from None


# -- package level ------------------------------------------------------------


class _DocumentReader:
    """Reads the parts of one package and assembles the Document."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self.notices: list[ReadNotice] = []
        self.targets: dict[str, str] = {}
        self.dangling: set[str] = set()

    def notice(self, code: str, message: str, part: str | None = None) -> None:
        self.notices.append(ReadNotice(code, message, part))

    def load(self, name: str, what: str, required: bool = False) -> etree._Element | None:
        """Part ``name`` parsed with Strict namespaces translated; None + notice on failure."""
        try:
            data = self.package.read(name)
            if not data.strip():
                raise InputError(self.package.path, f"part {name} is empty")
            root = parse_xml(to_transitional(data), f"{self.package.path}: {name}", self.package.limits)
            done_with(root, parsed_xml=True)  # a big tree takes a while to free (drafter.lifetime)
            return root
        except InputError as exc:
            if required:
                raise
            self.notice("unreadable-part", f"the {what} part could not be read: {exc.reason}", name)
        except KeyError:
            if required:
                raise InputError(self.package.path, f"not a usable DOCX: the part {name} is missing") from None
            self.notice("missing-part", f"the {what} part {name} is missing", name)
        return None

    def main_relationships(self, main: str) -> dict[str, list[str]]:
        """Internal targets of the main part by relationship type's last segment; notices for dangling ones."""
        by_type: dict[str, list[str]] = {}
        try:
            relationships = self.package.relationships(main)
        except InputError as exc:
            self.notice("unreadable-part", f"the main part's relationships could not be read: {exc.reason}")
            return by_type
        for rel_id, rel_type, target, mode in relationships:
            if mode == "External":
                continue
            kind = rel_type.rsplit("/", 1)[-1]
            if not self.package.has(target):
                self.notice("dangling-relationship",
                            f"relationship {rel_id} ({kind}) points to a missing part {target}", main)
                self.dangling.add(rel_id)
                continue
            by_type.setdefault(kind, []).append(target)
            self.targets[rel_id] = target
        return by_type

    def optional(self, by_type: dict[str, list[str]], kind: str, what: str) -> tuple[str | None, etree._Element | None]:
        targets = by_type.get(kind)
        if not targets:
            return None, None
        return targets[0], self.load(targets[0], what)

    def read(self) -> Document:
        package = self.package
        main = package.main_part
        root = self.load(main, "main document", required=True)
        body = root.find(w("body"))
        if root.tag != w("document") or body is None:
            raise InputError(package.path, f"not a usable DOCX: {main} is not a WordprocessingML document")
        by_type = self.main_relationships(main)

        styles_name, styles_root = self.optional(by_type, "styles", "styles")
        if styles_name is None:
            self.notice("missing-styles", "the document has no styles part; default styles assumed", main)
        styles = StyleSheet(styles_root)
        _, numbering_root = self.optional(by_type, "numbering", "numbering")
        numbering = self.renderer(numbering_root, styles_root)
        _, settings_root = self.optional(by_type, "settings", "settings")

        comments = self.read_comments(by_type, styles)
        walker = _PartWalker(self, main, root, styles, numbering)
        blocks = walker.walk(body, "body")
        footnotes = self.read_notes(by_type, "footnotes", "footnote", styles)
        endnotes = self.read_notes(by_type, "endnotes", "endnote", styles)
        headers, footers, watermark = self.read_headers_footers(root, styles)

        default_language = styles.doc_defaults_language or styles.language(styles.default_paragraph_style)
        return Document(
            path=package.path,
            body=tuple(blocks),
            comments=comments,
            footnotes=footnotes,
            endnotes=endnotes,
            headers=headers,
            footers=footers,
            properties=self.read_properties(),
            default_language=default_language,
            track_revisions=read_track_revisions(settings_root),
            has_watermark=watermark is not None,
            watermark_text=watermark or None,
            notices=tuple(self.notices),
            content_type=package.kind,
        )

    def renderer(self, numbering_root, styles_root):
        try:
            from drafter.ooxml.numbering import NumberingRenderer
            return NumberingRenderer(numbering_root, styles_root)
        except Exception as exc:  # noqa: BLE001 - a broken numbering part must not end the read
            self.notice("unreadable-numbering", f"list numbering could not be read: {exc}")
            return None

    def read_comments(self, by_type, styles: StyleSheet) -> tuple[Comment, ...]:
        name, root = self.optional(by_type, "comments", "comments")
        if root is None:
            return ()
        walker = _PartWalker(self, name, root, styles, None)
        comments = []
        for element in root.iter(w("comment")):
            paragraphs = iter_paragraphs(walker.walk(element, "comment"))
            comments.append(Comment(
                id=element.get(ID, ""), author=element.get(AUTHOR), date=element.get(DATE),
                text="\n".join(p.text for p in paragraphs), initials=element.get(w("initials")),
            ))
        return tuple(comments)

    def read_notes(self, by_type, kind: str, note_kind: str, styles: StyleSheet) -> tuple[Note, ...]:
        name, root = self.optional(by_type, kind, kind)
        if root is None:
            return ()
        walker = _PartWalker(self, name, root, styles, None)
        notes = []
        for element in root.iter(w(note_kind)):
            if element.get(TYPE) in _SKIPPED_NOTE_TYPES:
                continue
            paragraphs = tuple(iter_paragraphs(walker.walk(element, "note")))
            notes.append(Note(element.get(ID, ""), note_kind, paragraphs))  # type: ignore[arg-type]
        return tuple(notes)

    def read_headers_footers(self, root, styles: StyleSheet):
        """Header and footer paragraphs of every part a sectPr references, each part once."""
        headers: list[Paragraph] = []
        footers: list[Paragraph] = []
        watermark: str | None = None
        seen: set[str] = set()
        for sect in root.iter(SECT_PR):
            for ref in sect:
                if ref.tag == w("headerReference"):
                    kind, out = "header", headers
                elif ref.tag == w("footerReference"):
                    kind, out = "footer", footers
                else:
                    continue
                rel_id = ref.get(R_ID)
                target = self.targets.get(rel_id or "")
                if target is None:
                    if rel_id not in self.dangling:
                        self.dangling.add(rel_id or "")
                        self.notice("dangling-relationship",
                                    f"a section refers to a {kind} relationship {rel_id} that does not exist")
                    continue
                if target in seen:
                    continue
                seen.add(target)
                part = self.load(target, kind)
                if part is None:
                    continue
                walker = _PartWalker(self, target, part, styles, None)
                out.extend(iter_paragraphs(walker.walk(part, kind)))
                if kind == "header" and watermark is None:
                    watermark = find_watermark(part)
        return tuple(headers), tuple(footers), watermark

    def read_properties(self) -> Properties:
        parts = {}
        package_rels = {t.rsplit("/", 1)[-1]: target for _, t, target, mode in self.package.relationships("")
                        if mode != "External"}
        for kind, strict_kind, fallback in (("core-properties", "core-properties", "docProps/core.xml"),
                                            ("extended-properties", "extendedProperties", "docProps/app.xml"),
                                            ("custom-properties", "customProperties", "docProps/custom.xml")):
            name = package_rels.get(kind) or package_rels.get(strict_kind) or fallback
            parts[kind] = self.load(name, "document properties") if self.package.has(name) else None
        try:
            return read_properties(parts["core-properties"], parts["extended-properties"],
                                   parts["custom-properties"])
        except (ValueError, TypeError) as exc:
            self.notice("unreadable-part", f"document properties could not be read: {exc}")
            return Properties()


def find_watermark(header: etree._Element) -> str | None:
    """The watermark text of a header part ("" for a picture watermark), None if none."""
    for path in header.iter(V_TEXTPATH):
        text = path.get("string")
        if text and text.strip():
            return text.strip()
    for warp in header.iter(A_TXWARP):
        shape = warp
        while shape is not None and shape.tag != WPS_WSP:
            shape = shape.getparent()
        if shape is not None:
            text = "".join(t.text or "" for t in shape.iter(T)).strip()
            if text:
                return text
    for shape in header.iter(V_SHAPE):
        if "watermark" in (shape.get("id") or "").lower():
            return ""
    return None


# -- part level ---------------------------------------------------------------


class _ParagraphContent(InlineWalker):
    """One paragraph's content, walked by the shared rules; collects what the reader reports.

    A plain slots class: this is the reader's hot path.
    """

    __slots__ = ("walker", "style_id", "spans", "revisions", "anchors", "comment_starts", "footnotes",
                 "endnotes", "has_image", "images_without_alt", "after", "format_revision")

    def __init__(self, walker: "_PartWalker", style_id: str | None) -> None:
        # InlineWalker's slots set here directly: one call less per paragraph on the hot path
        self.fields = walker.fields
        self.parts: list[str] = []
        self.offset = 0
        self.dropped: list[str] | None = None
        self.change: etree._Element | None = None
        self.segments = None
        self.walker = walker
        self.style_id = style_id
        self.spans: list[list] = []
        self.revisions: list[Revision] = []
        self.anchors: list[CommentAnchor] = []
        self.comment_starts: dict[str, int] = {}
        self.footnotes: list[str] = []
        self.endnotes: list[str] = []
        self.has_image = False
        self.images_without_alt = 0
        self.after: list = []  # text-box blocks, placed after the paragraph
        self.format_revision: tuple | None = None  # (w:rPrChange, index in revisions) of the last stretch

    def run_text(self, run: etree._Element, rpr: etree._Element | None, start: int, end: int) -> None:
        walker = self.walker
        fmt = walker.run_format(rpr, self.style_id)
        if fmt is not _PLAIN:
            spans = self.spans
            if spans and spans[-1][1] == start and spans[-1][2] is fmt:
                spans[-1][1] = end
            else:
                spans.append([start, end, fmt])
        change = walker.format_change
        if change is not None:
            # one revision per w:rPrChange, however many stretches its run's text comes in
            last = self.format_revision
            revisions = self.revisions
            if last is not None and last[0] is change and revisions[last[1]].end == start:
                revisions[last[1]] = _with_range(revisions[last[1]], revisions[last[1]].start, end)
            else:
                self.format_revision = (change, len(revisions))
                revisions.append(_revision("rPrChange", change, start, end))

    def inserted(self, change: etree._Element, start: int, end: int) -> None:
        if end > start:
            self.revisions.append(_revision("ins" if change.tag == INS else "moveTo", change, start, end))

    def removed(self, change: etree._Element, text: str) -> None:
        self.revisions.append(Revision(
            "del" if change.tag == DEL else "moveFrom", change.get(AUTHOR), change.get(DATE), text,
            self.offset, self.offset, change.get(ID)))

    def comment_start(self, element: etree._Element) -> None:
        comment_id = element.get(ID, "")
        self.walker.open_comment(comment_id)
        self.comment_starts[comment_id] = self.offset

    def comment_end(self, element: etree._Element) -> None:
        comment_id = element.get(ID, "")
        self.walker.close_comment(comment_id)
        start = self.comment_starts.pop(comment_id, None)
        if start is not None:
            self.anchors.append(CommentAnchor(comment_id, start, self.offset))

    def comment_reference(self, element: etree._Element) -> None:
        walker = self.walker
        comment_id = element.get(ID, "")
        if comment_id not in walker.anchored_comments and comment_id not in walker.open_comments:
            walker.anchored_comments.add(comment_id)
            self.anchors.append(CommentAnchor(comment_id, self.offset, self.offset))

    def note_reference(self, element: etree._Element, deleted: bool) -> None:
        if not deleted:
            (self.footnotes if element.tag == FOOTNOTE_REF else self.endnotes).append(element.get(ID, ""))

    def graphic(self, element: etree._Element, deleted: bool, hidden: bool) -> None:
        """Images (alt text counted) and text boxes inside a drawing, VML picture or object."""
        boxes: list[etree._Element] = []
        pictures: list[etree._Element] = []
        collect_graphics(element, boxes, pictures)
        if not deleted and not hidden:
            for picture in pictures:
                self.has_image = True
                if not _has_alt(picture):
                    self.images_without_alt += 1
        for box in boxes:
            self.after.extend(self.walker.text_box(box))

    def nested_paragraph(self, paragraph: etree._Element) -> None:
        # A paragraph nested in paragraph content is malformed; keep its text as blocks after.
        self.after.extend(self.walker.paragraph(paragraph, "textbox", None))


class _PartWalker:
    """Walks one part's story in reading order and builds its blocks."""

    def __init__(self, reader: _DocumentReader, part: str, root: etree._Element,
                 styles: StyleSheet, numbering) -> None:
        self.reader = reader
        self.part = part
        self.styles = styles
        self.numbering = numbering
        self.elements = paragraph_elements(root)
        self.index = {element: i for i, element in enumerate(self.elements)}
        self.top_tables = 0
        self.fields = FieldState()    # the story's complex fields; where = paragraph index
        self.open_comments: dict[str, None] = {}
        self.anchored_comments: set[str] = set()
        self.deleted_rows = 0
        self.unknown_reported: set[str] = set()
        self.numbering_failed = False
        self.format_cache: dict[tuple, tuple] = {}
        self.style_formats: dict[str | None, tuple] = {}  # paragraph style -> format of a run without rPr
        self.format_change: etree._Element | None = None
        self.sizes: dict[str | None, float | None] = {}
        self.run_bases: dict[tuple, tuple] = {}
        self.style_facts = _StyleFacts(styles)
        # revisions waiting for the next paragraph: those of wholly deleted paragraphs
        # (their text stood just before it) and table/section property changes
        self.carried: list[Revision] = []

    def walk(self, parent: etree._Element, container: str) -> list:
        """Blocks of a story (body, note, comment, header); leftover revisions go on its last paragraph."""
        out = self.blocks(parent, container, None)
        if self.fields.hidden:
            self.reader.notice(
                "unclosed-field", f"a field that begins in paragraph {self.fields.start} never ends; "
                "the text after its code was not read", self.part)
        self.fields.reset()
        if self.carried:
            for i in range(len(out) - 1, -1, -1):
                block = out[i]
                if isinstance(block, Paragraph):
                    end = len(block.text)
                    moved = tuple(_with_range(r, end, end) for r in self.carried)
                    out[i] = replace(block, revisions=block.revisions + moved)
                    break
            else:
                self.reader.notice("unplaced-revisions", f"{len(self.carried)} tracked change(s) after the "
                                   "last paragraph could not be placed on a paragraph", self.part)
            self.carried = []
        return out

    def text_box(self, box: etree._Element) -> list:
        """Blocks of a text box: a story of its own, with its own complex fields."""
        outer = self.fields
        self.fields = FieldState()
        try:
            out = self.blocks(box, "textbox", None)
            if self.fields.hidden:
                self.reader.notice(
                    "unclosed-field", f"a field that begins in paragraph {self.fields.start} (a text box) "
                    "never ends; the text after its code was not read", self.part)
        finally:
            self.fields = outer
        return out

    def carry_property_changes(self, properties: etree._Element | None) -> None:
        """Remember table, row, cell and section property changes for the next paragraph."""
        if properties is not None:
            for change in properties:
                if change.tag in _PROPERTY_CHANGES:
                    self.carried.append(_revision("other", change))

    # -- blocks ----------------------------------------------------------

    def blocks(self, parent: etree._Element, container: str, cell: tuple | None) -> list:
        """Blocks of a block container (body, cell, sdtContent, txbxContent, note)."""
        out: list = []
        nested_tables = 0
        for child in parent:
            tag = child.tag
            if tag == P:
                if not self.fields.hidden and not self.open_comments and not self.deleted_rows:
                    block = self.plain_paragraph(child, container, cell)
                    if block is not None:
                        out.append(block)
                        continue
                out.extend(self.paragraph(child, container, cell))
            elif tag == TBL:
                if cell is None and container != "textbox":
                    index = self.top_tables
                    self.top_tables += 1
                else:
                    index = nested_tables
                    nested_tables += 1
                out.append(self.table(child, index, cell, container))
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    inner = container if container in ("table", "textbox", "note", "comment", "header", "footer") \
                        else "sdt"
                    out.extend(self.blocks(content, inner, cell))
            elif tag in BLOCK_WRAPPERS:
                out.extend(self.blocks(child, container, cell))
            elif tag == ALT:
                branch = choose_branch(child)
                if branch is not None:
                    out.extend(self.blocks(branch, container, cell))
            elif tag == COMMENT_START:
                self.open_comment(child.get(ID, ""))
            elif tag == COMMENT_END:
                self.close_comment(child.get(ID, ""))
            elif tag == ALT_CHUNK:
                self.report_once("alt-chunk", "embedded alternative-format content (w:altChunk) is not read")
            elif tag == SECT_PR:
                self.carry_property_changes(child)
            elif tag in BLOCK_IGNORED or not isinstance(tag, str):
                continue
            else:
                self.unknown(child)
        return out

    def unknown(self, element: etree._Element) -> None:
        """Skip an unknown element; report it once per tag when it holds text."""
        tag = element.tag
        if tag in self.unknown_reported:
            return
        if any((t.text or "").strip() for t in element.iter(T)):
            self.unknown_reported.add(tag)
            self.reader.notice("unknown-element",
                               f"text inside an unknown element <{local_name(tag)}> was skipped", self.part)

    def report_once(self, code: str, message: str) -> None:
        if code not in self.unknown_reported:
            self.unknown_reported.add(code)
            self.reader.notice(code, message, self.part)

    def table(self, tbl: etree._Element, index: int, outer: tuple | None, container: str) -> Table:
        style_id = None
        tbl_pr = tbl.find(_TBL_PR)
        self.carry_property_changes(tbl_pr)
        self.carry_property_changes(tbl.find(_TBL_GRID))
        if tbl_pr is not None:
            style = tbl_pr.find(_TBL_STYLE)
            style_id = style.get(VAL) if style is not None else None
        rows = []
        for row_index, tr in enumerate(self.unwrapped(tbl, TR)):
            header = inserted = deleted = False
            tr_pr = tr.find(_TR_PR)
            self.carry_property_changes(tr_pr)
            self.carry_property_changes(tr.find(_TBL_PR_EX))
            if tr_pr is not None:
                for prop in tr_pr:
                    if prop.tag == _TBL_HEADER:
                        header = on_off(prop)
                    elif prop.tag == INS:
                        inserted = True
                    elif prop.tag == DEL:
                        deleted = True
            cells = []
            if deleted:
                self.deleted_rows += 1
            try:
                for cell_index, tc in enumerate(self.unwrapped(tr, TC)):
                    where = outer if outer is not None else (
                        (index, row_index, cell_index) if container != "textbox" else None)
                    tc_pr = tc.find(_TC_PR)
                    self.carry_property_changes(tc_pr)
                    blocks = self.blocks(tc, "table", where)
                    span = 1
                    if tc_pr is not None:
                        grid = tc_pr.find(_GRID_SPAN)
                        if grid is not None:
                            try:
                                span = max(1, int(grid.get(VAL, "1")))
                            except ValueError:
                                span = 1
                    cells.append(Cell(tuple(blocks), span))
            finally:
                if deleted:
                    self.deleted_rows -= 1
            rows.append(Row(() if deleted else tuple(cells), header, inserted, deleted))
        return Table(index, tuple(rows), style_id)

    def open_comment(self, comment_id: str) -> None:
        """A comment range starts (in a paragraph, or between blocks, rows or cells)."""
        self.open_comments[comment_id] = None

    def close_comment(self, comment_id: str) -> None:
        """A comment range ends: the comment is anchored, whatever holds its end."""
        self.open_comments.pop(comment_id, None)
        self.anchored_comments.add(comment_id)

    def unwrapped(self, parent: etree._Element, wanted: str):
        """Children of ``parent`` tagged ``wanted`` (rows, cells), looking through sdt/customXml wrappers.

        Comment ranges between rows or cells are tracked like those between paragraphs.
        """
        for child in parent:
            tag = child.tag
            if tag == wanted:
                yield child
            elif tag == SDT:
                content = child.find(SDT_CONTENT)
                if content is not None:
                    yield from self.unwrapped(content, wanted)
            elif tag in ROW_WRAPPERS:
                yield from self.unwrapped(child, wanted)
            elif tag == ALT:
                branch = choose_branch(child)
                if branch is not None:
                    yield from self.unwrapped(branch, wanted)
            elif tag == COMMENT_START:
                self.open_comment(child.get(ID, ""))
            elif tag == COMMENT_END:
                self.close_comment(child.get(ID, ""))

    # -- paragraphs ------------------------------------------------------

    def plain_paragraph(self, p: etree._Element, container: str, cell: tuple | None) -> Paragraph | None:
        """The block of a paragraph made only of plain runs (properties and w:t); None for any other.

        Most paragraphs of a draft are a run or two of text. This path reads them
        without the shared walker's hooks and gives the very block :meth:`paragraph`
        would; anything else in the paragraph (a field character, a tab, a tracked
        change, a comment range, a drawing, a changed property) sends it back there.
        The caller has made sure no field instruction, comment range or deleted row
        is open. Nothing is changed before the answer is known, except caches.
        """
        style_id = direct_outline = num_id = ilvl = None
        parts: list[str] = []
        spans: list[list] = []
        offset = 0
        runs_seen = properties_seen = False
        style_formats = self.style_formats
        for child in p:
            tag = child.tag
            if tag == R:
                if not runs_seen:
                    runs_seen = True
                    if style_id is None:
                        style_id = self.styles.default_paragraph_style
                rpr = None
                start = offset
                for part in child:
                    part_tag = part.tag
                    if part_tag == T:
                        text = part.text
                        if text:
                            parts.append(text)
                            offset += len(text)
                    elif part_tag == RPR:
                        rpr = part
                    else:
                        return None
                if offset > start:
                    fmt = style_formats.get(style_id) if rpr is None else None
                    if fmt is None:
                        fmt = self.run_format(rpr, style_id)
                        if self.format_change is not None:
                            return None
                    if fmt is not _PLAIN:
                        if spans and spans[-1][1] == start and spans[-1][2] is fmt:
                            spans[-1][1] = offset
                        else:
                            spans.append([start, offset, fmt])
            elif tag == PPR and not runs_seen and not properties_seen:
                properties_seen = True
                style_id, direct_outline, num_id, ilvl, changed = _paragraph_properties(child)
                if changed is not None:
                    return None
            else:
                return None
        if not runs_seen and style_id is None:
            style_id = self.styles.default_paragraph_style
        facts = self.style_facts[style_id]
        numbering = None
        if self.numbering is not None and (num_id is not None or facts[2]):
            numbering = self.number(style_id, num_id, ilvl)
        index = self.fields.where = self.index.get(p, -1)
        text = "".join(parts)
        outline = _outline_level(direct_outline, facts[1])
        location = (Location(self.part, index, 0, offset) if cell is None
                    else Location(self.part, index, 0, offset, *cell))
        revisions: tuple = ()
        if self.carried:
            revisions = tuple(self.carried)
            self.carried = []
        # positional, in field order: see paragraph()
        return Paragraph(
            location, text, style_id, facts[0], outline, numbering,
            tuple([Span(s, e, *fmt) for s, e, fmt in spans]) if spans else (),
            revisions, (), (), (), container, False, False, 0,  # type: ignore[arg-type]
        )

    def paragraph(self, p: etree._Element, container: str, cell: tuple | None) -> list:
        """The paragraph block (unless wholly deleted) followed by its text-box blocks."""
        styles = self.styles
        ppr = next(p.iterchildren(PPR), None)  # p.find(PPR) without the ElementPath layer
        style_id = direct_outline = num_id = ilvl = None
        mark: Revision | None = None
        ppr_change: Revision | None = None
        section_change = None
        if ppr is not None:
            style_id, direct_outline, num_id, ilvl, changed = _paragraph_properties(ppr)
            if changed is not None:
                mark, ppr_change, section_change = changed
        if style_id is None:
            style_id = styles.default_paragraph_style
        facts = self.style_facts[style_id]

        mark_deleted = mark is not None and mark.kind == "paragraph-mark-del"
        # only a paragraph with list properties, direct or from its style, can carry a label
        numbered = self.numbering is not None and self.deleted_rows == 0 and (num_id is not None or facts[2])
        numbering = None
        if numbered and not mark_deleted:
            numbering = self.number(style_id, num_id, ilvl)

        state = _ParagraphContent(self, style_id)
        index = self.fields.where = self.index.get(p, -1)
        for comment_id in self.open_comments:
            state.comment_starts[comment_id] = 0
        text = state.walk(p)
        length = len(text)
        for comment_id, start in state.comment_starts.items():
            state.anchors.append(CommentAnchor(comment_id, start, length))
        revisions = state.revisions
        if ppr_change is not None:
            revisions.append(_with_range(ppr_change, 0, length))
        if mark is not None:
            revisions.append(_with_range(mark, length, length))
        if section_change is not None:
            revisions.append(_revision("other", section_change, length, length))
        deleted = mark_deleted and not length
        if deleted or self.deleted_rows:
            if not self.deleted_rows:
                self.carried.extend(_with_range(r, 0, 0) for r in revisions)
        elif self.carried:
            revisions = self.carried + revisions
            self.carried = []
        if numbered and mark_deleted and not deleted:
            numbering = self.number(style_id, num_id, ilvl)

        outline = _outline_level(direct_outline, facts[1])
        location = (Location(self.part, index, 0, length) if cell is None
                    else Location(self.part, index, 0, length, *cell))
        out: list = []
        if not deleted and self.deleted_rows == 0:
            # positional, in field order (location, text, style_id, style_name, outline_level,
            # numbering, spans, revisions, comments, footnote_refs, endnote_refs, container,
            # deleted, has_image, images_without_alt): the reader's commonest call
            out.append(Paragraph(
                location, text, style_id, facts[0], outline, numbering,
                tuple([Span(s, e, *fmt) for s, e, fmt in state.spans]) if state.spans else (),
                tuple(revisions), tuple(state.anchors), tuple(state.footnotes), tuple(state.endnotes),
                container, False, state.has_image, state.images_without_alt,  # type: ignore[arg-type]
            ))
        out.extend(state.after)
        return out

    def number(self, style_id: str | None, num_id: str | None, ilvl: int | None) -> Numbering | None:
        """Resolve numPr (direct, else the style chain) and advance the list counters."""
        style_num = style_ilvl = carrier = None
        if num_id is None or ilvl is None:
            style_num, style_ilvl, carrier = self.styles.numbering(style_id)
        if num_id is None:
            num_id = style_num
            if ilvl is None:
                ilvl = style_ilvl
        if not num_id or num_id.strip() == "0":
            return None
        try:
            if ilvl is None and carrier is not None and num_id == style_num:
                ilvl = self.numbering.level_for_style(num_id, carrier)
            return self.numbering.number(num_id, ilvl or 0)
        except Exception as exc:  # noqa: BLE001 - one bad list must not end the read
            if not self.numbering_failed:
                self.numbering_failed = True
                self.reader.notice("numbering-error", f"a list label could not be rendered: {exc}", self.part)
            return None

    def run_format(self, rpr: etree._Element | None, paragraph_style: str | None) -> tuple:
        """The span formatting tuple of a run (``_PLAIN`` when nothing shows).

        Equal tuples are interned, so spans of adjacent runs merge by identity.
        Also remembers the run's ``w:rPrChange`` in ``self.format_change`` (same loop).
        """
        if rpr is None:
            # a run without properties looks as its paragraph style makes it: one result per style
            self.format_change = None
            fmt = self.style_formats.get(paragraph_style)
            if fmt is None:
                fmt = self.style_formats[paragraph_style] = self._format(paragraph_style, None, None, None, None,
                                                                         False, None, None, False, None)
            return fmt
        bold = italic = hidden = None
        underline = strike = False
        highlight = color = size = char_style = change = None
        for prop in rpr:
            code = _FORMAT.get(prop.tag)
            if code is None:
                continue
            if code == _F_B:
                value = prop.get(VAL)
                bold = value is None or value not in _OFF
            elif code == _F_SZ:
                value = prop.get(VAL)
                size = self.sizes.get(value, 0)
                if size == 0:
                    half_points = int_value(value)
                    size = self.sizes[value] = half_points / 2 if half_points is not None else None
            elif code == _F_I:
                value = prop.get(VAL)
                italic = value is None or value not in _OFF
            elif code == _F_U:
                underline = (prop.get(VAL) or "single") != "none"
            elif code == _F_HIGHLIGHT:
                value = prop.get(VAL)
                if value and value != "none":
                    highlight = value
            elif code == _F_SHD:
                fill = prop.get(_FILL)
                if fill and fill.lower() not in ("auto", "ffffff") and highlight is None:
                    highlight = fill
            elif code == _F_VANISH:
                hidden = on_off(prop)
            elif code == _F_STRIKE:
                strike = strike or on_off(prop)
            elif code == _F_COLOR:
                value = prop.get(VAL)
                if value and value.lower() not in ("auto", "000000"):
                    color = value
            elif code == _F_RSTYLE:
                char_style = prop.get(VAL)
            else:
                change = prop
        self.format_change = change
        return self._format(paragraph_style, char_style, bold, italic, hidden, underline, highlight, color, strike,
                            size)

    def _format(self, paragraph_style, char_style, bold, italic, hidden, underline, highlight, color, strike,
                size) -> tuple:
        """The span formatting tuple from a run's direct formatting (None: as the styles give)."""
        key = (paragraph_style, char_style)
        base = self.run_bases.get(key)
        if base is None:
            inherited = self.styles.run_defaults(paragraph_style, char_style)
            # Word's size when neither defaults nor styles set one is 10 pt
            size_default = inherited.size if inherited.size is not None else 10.0
            base = self.run_bases[key] = (bool(inherited.bold), bool(inherited.italic), bool(inherited.hidden),
                                          size_default)
        if bold is None:
            bold = base[0]
        if italic is None:
            italic = base[1]
        if hidden is None:
            hidden = base[2]
        if size == base[3]:
            size = None  # the size the styles give anyway is not visible formatting
        fmt = (bold, italic, underline, highlight, hidden, strike, color, size, char_style)
        if fmt == _PLAIN:
            return _PLAIN
        return self.format_cache.setdefault(fmt, fmt)

class _StyleFacts(dict):
    """Paragraph style id -> (style name, outline level, whether the style carries a list), made on first use."""

    def __init__(self, styles: StyleSheet) -> None:
        super().__init__()
        self.styles = styles

    def __missing__(self, style_id: str | None) -> tuple:
        styles = self.styles
        facts = self[style_id] = (styles.name(style_id), styles.outline_level(style_id),
                                  styles.numbering(style_id)[0] is not None)
        return facts


def _outline_level(direct: int | None, from_style: int | None) -> int | None:
    """A paragraph's outline level: its own (-1 or 9 and over: none) before its style's."""
    if direct is None:
        return from_style
    return direct if 0 <= direct < 9 else None


def _paragraph_properties(ppr: etree._Element) -> tuple:
    """(style id, direct outline level, numId, ilvl, changes) of a ``w:pPr``.

    The outline level is -1 when it is not a number. ``changes`` is None unless
    the properties record a tracked change: then (paragraph-mark revision, pPrChange
    revision, w:sectPrChange element), each None when absent.
    """
    style_id = direct_outline = num_id = ilvl = None
    mark = ppr_change = section_change = None
    for prop in ppr:
        tag = prop.tag
        if tag == _P_STYLE:
            style_id = prop.get(VAL)
        elif tag == _OUTLINE_LVL:
            direct_outline = int_value(prop.get(VAL))
            if direct_outline is None:
                direct_outline = -1
        elif tag == _NUM_PR:
            for part in prop:
                if part.tag == _NUM_ID:
                    num_id = part.get(VAL)
                elif part.tag == _ILVL:
                    ilvl = int_value(part.get(VAL))
        elif tag == RPR:
            for change in prop:
                if change.tag in (INS, MOVE_TO):
                    mark = _revision("paragraph-mark-ins", change)
                elif change.tag in (DEL, MOVE_FROM):
                    mark = _revision("paragraph-mark-del", change)
        elif tag == PPR_CHANGE:
            ppr_change = _revision("pPrChange", prop)
        elif tag == SECT_PR:
            section_change = prop.find(_SECT_PR_CHANGE)
    if mark is None and ppr_change is None and section_change is None:
        return style_id, direct_outline, num_id, ilvl, None
    return style_id, direct_outline, num_id, ilvl, (mark, ppr_change, section_change)


def _has_alt(picture: etree._Element) -> bool:
    if picture.tag == DRAWING:
        for doc_pr in picture.iter(WP_DOCPR):
            return bool((doc_pr.get("descr") or "").strip())
        return False
    # VML v:imagedata: o:title on the image, or alt on its shape
    if (picture.get(O_TITLE) or "").strip():
        return True
    parent = picture.getparent()
    return parent is not None and bool((parent.get("alt") or "").strip())


def _revision(kind: str, element: etree._Element, start: int = 0, end: int = 0) -> Revision:
    return Revision(kind, element.get(AUTHOR), element.get(DATE), "", start, end, element.get(ID))  # type: ignore[arg-type]


def _with_range(revision: Revision, start: int, end: int) -> Revision:
    return Revision(revision.kind, revision.author, revision.date, revision.text, start, end, revision.id)



__all__ = ["read_document", "find_watermark", "choose_branch", "Limits"]
