"""Write WordprocessingML (.docx) packages from plain Python values, byte for byte reproducibly.

The corpus builder describes a draft as blocks (:class:`Para`, :class:`TableBlock`,
:class:`Sdt`) whose paragraphs hold inline segments: plain strings and the
objects below (bold or highlighted runs, tracked insertions and deletions,
comments, footnote references, text boxes). :func:`write_docx` turns that into a
package with every part written by hand with lxml, so numbering.xml, comments,
revisions and headers are exactly what the sample needs.

Output is deterministic: parts are written in a fixed order with a fixed zip
timestamp and fixed permissions, and nothing depends on the clock or on dict
ordering of the caller.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Union

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "w10": "urn:schemas-microsoft-com:office:word",
}
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_DCTERMS = "http://purl.org/dc/terms/"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
NS_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
NS_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml."

ZIP_DATE = (2020, 12, 10, 9, 30, 0)


# --------------------------------------------------------------------------- inline segments

@dataclass(frozen=True)
class Run:
    """A run of text with visible formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    highlight: str | None = None

    def accepted(self) -> str:
        return self.text


@dataclass(frozen=True)
class Ins:
    """A tracked insertion: kept in the accepted view."""

    text: str
    author: str
    date: str

    def accepted(self) -> str:
        return self.text


@dataclass(frozen=True)
class Del:
    """A tracked deletion: dropped from the accepted view."""

    text: str
    author: str
    date: str

    def accepted(self) -> str:
        return ""


@dataclass(frozen=True)
class Comment:
    """A Word comment anchored on ``anchor`` (segments), with its own text."""

    anchor: tuple
    text: str
    author: str
    initials: str
    date: str

    def accepted(self) -> str:
        return accepted_text(self.anchor)


@dataclass(frozen=True)
class Footnote:
    """A footnote reference mark; the note's text lives in footnotes.xml."""

    text: str

    def accepted(self) -> str:
        return ""


@dataclass(frozen=True)
class TextBox:
    """A floating text box (VML) holding a few paragraphs of plain text."""

    paragraphs: tuple[str, ...]

    def accepted(self) -> str:
        return ""


Segment = Union[str, Run, Ins, Del, Comment, Footnote, TextBox]


def accepted_text(segments: Iterable[Segment]) -> str:
    """The text a reader sees with revisions accepted (no note or text-box content)."""
    return "".join(s if isinstance(s, str) else s.accepted() for s in segments)


# --------------------------------------------------------------------------- blocks

@dataclass(frozen=True)
class Para:
    """A paragraph: style id, optional list membership, inline segments."""

    segments: tuple
    style: str | None = None
    bold: bool = False
    num: tuple[int, int] | None = None  # (numId, ilvl)
    keep_next: bool = False
    align: str | None = None
    page_break_before: bool = False

    @property
    def text(self) -> str:
        return accepted_text(self.segments)


@dataclass(frozen=True)
class CellSpec:
    blocks: tuple
    width: int | None = None  # twips


@dataclass(frozen=True)
class TableBlock:
    """A table; the first ``header_rows`` rows repeat as header rows (w:tblHeader)."""

    rows: tuple[tuple[CellSpec, ...], ...]
    widths: tuple[int, ...]
    header_rows: int = 1
    style: str = "TableGrid"
    caption: str | None = None  # w:tblCaption, for accessibility


@dataclass(frozen=True)
class Sdt:
    """A block-level content control around some blocks."""

    blocks: tuple
    tag: str
    alias: str


Block = Union[Para, TableBlock, Sdt]


@dataclass(frozen=True)
class Level:
    """One level of a list definition."""

    fmt: str        # decimal, lowerLetter, bullet, ...
    text: str       # lvlText: "%1.", "%2)", "•"
    indent: int     # left indent in twips
    hanging: int = 360
    bold: bool = False


@dataclass(frozen=True)
class ListDef:
    """An abstract list definition and the w:num instances that use it."""

    abstract_id: int
    levels: tuple[Level, ...]
    nums: tuple[tuple[int, dict], ...]  # (numId, {ilvl: startOverride})
    multilevel: bool = False


@dataclass
class Metadata:
    """docProps values: the personal metadata a publication version strips."""

    title: str
    creator: str
    last_modified_by: str
    revision: int
    created: str
    modified: str
    template: str
    company: str
    subject: str = ""
    keywords: str = ""
    language: str = "fi-FI"


@dataclass
class DocSpec:
    """Everything one package needs."""

    blocks: list
    metadata: Metadata
    lists: tuple[ListDef, ...] = ()
    header_text: str | None = None
    track_revisions: bool = False


# --------------------------------------------------------------------------- XML helpers

def _q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


def _el(parent, name: str, attrs: dict | None = None, text: str | None = None):
    element = etree.SubElement(parent, _q(name)) if parent is not None else etree.Element(_q(name), nsmap=NS)
    for key, value in (attrs or {}).items():
        element.set(_q(key), str(value))
    if text is not None:
        element.text = text
    return element


def _serialize(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


class _Writer:
    """Turns a DocSpec into parts; keeps counters for ids."""

    def __init__(self, spec: DocSpec) -> None:
        self.spec = spec
        self.comments: list[tuple[int, Comment]] = []
        self.footnotes: list[tuple[int, Footnote]] = []
        self.revision_id = 100
        self.shape_id = 1

    # -- body ------------------------------------------------------------------
    def document(self) -> bytes:
        root = _el(None, "w:document")
        body = _el(root, "w:body")
        for block in self.spec.blocks:
            self.block(body, block)
        sect = _el(body, "w:sectPr")
        if self.spec.header_text is not None:
            _el(sect, "w:headerReference", {"w:type": "default", "r:id": "rIdHeader1"})
        _el(sect, "w:pgSz", {"w:w": 11906, "w:h": 16838})
        _el(sect, "w:pgMar", {"w:top": 1417, "w:right": 1134, "w:bottom": 1417, "w:left": 1134,
                              "w:header": 708, "w:footer": 708, "w:gutter": 0})
        _el(sect, "w:cols", {"w:space": 708})
        _el(sect, "w:docGrid", {"w:linePitch": 360})
        return _serialize(root)

    def block(self, parent, block: Block) -> None:
        if isinstance(block, Para):
            self.paragraph(parent, block)
        elif isinstance(block, TableBlock):
            self.table(parent, block)
        elif isinstance(block, Sdt):
            sdt = _el(parent, "w:sdt")
            pr = _el(sdt, "w:sdtPr")
            _el(pr, "w:alias", {"w:val": block.alias})
            _el(pr, "w:tag", {"w:val": block.tag})
            _el(pr, "w:id", {"w:val": 424242})
            _el(pr, "w:richText")
            content = _el(sdt, "w:sdtContent")
            for inner in block.blocks:
                self.block(content, inner)
        else:  # pragma: no cover - programming error in a sample
            raise TypeError(f"not a block: {block!r}")

    def paragraph(self, parent, para: Para) -> None:
        p = _el(parent, "w:p")
        ppr = _el(p, "w:pPr")
        if para.style:
            _el(ppr, "w:pStyle", {"w:val": para.style})
        if para.keep_next:
            _el(ppr, "w:keepNext")
        if para.page_break_before:
            _el(ppr, "w:pageBreakBefore")
        if para.num:
            numpr = _el(ppr, "w:numPr")
            _el(numpr, "w:ilvl", {"w:val": para.num[1]})
            _el(numpr, "w:numId", {"w:val": para.num[0]})
        if para.align:
            _el(ppr, "w:jc", {"w:val": para.align})
        if len(ppr) == 0:
            p.remove(ppr)
        for segment in para.segments:
            self.segment(p, segment, para.bold)

    def run(self, parent, text: str, bold=False, italic=False, highlight=None, deleted=False, rstyle=None):
        r = _el(parent, "w:r")
        if bold or italic or highlight or rstyle:
            rpr = _el(r, "w:rPr")
            if rstyle:
                _el(rpr, "w:rStyle", {"w:val": rstyle})
            if bold:
                _el(rpr, "w:b")
            if italic:
                _el(rpr, "w:i")
            if highlight:
                _el(rpr, "w:highlight", {"w:val": highlight})
        # A tab or a double space must survive: split on tabs, keep spaces.
        pieces = text.split("\t")
        for i, piece in enumerate(pieces):
            if i:
                _el(r, "w:tab")
            if piece:
                t = _el(r, "w:delText" if deleted else "w:t", text=piece)
                if piece != piece.strip() or "  " in piece:
                    t.set(XML_SPACE, "preserve")
        return r

    def segment(self, p, segment: Segment, bold: bool) -> None:
        if isinstance(segment, str):
            self.run(p, segment, bold=bold)
        elif isinstance(segment, Run):
            self.run(p, segment.text, bold=bold or segment.bold, italic=segment.italic,
                     highlight=segment.highlight)
        elif isinstance(segment, (Ins, Del)):
            self.revision_id += 1
            tag = "w:ins" if isinstance(segment, Ins) else "w:del"
            wrapper = _el(p, tag, {"w:id": self.revision_id, "w:author": segment.author,
                                   "w:date": segment.date})
            self.run(wrapper, segment.text, bold=bold, deleted=isinstance(segment, Del))
        elif isinstance(segment, Comment):
            cid = len(self.comments)
            self.comments.append((cid, segment))
            _el(p, "w:commentRangeStart", {"w:id": cid})
            for inner in segment.anchor:
                self.segment(p, inner, bold)
            _el(p, "w:commentRangeEnd", {"w:id": cid})
            r = _el(p, "w:r")
            _el(_el(r, "w:rPr"), "w:rStyle", {"w:val": "CommentReference"})
            _el(r, "w:commentReference", {"w:id": cid})
        elif isinstance(segment, Footnote):
            fid = len(self.footnotes) + 1
            self.footnotes.append((fid, segment))
            r = _el(p, "w:r")
            _el(_el(r, "w:rPr"), "w:rStyle", {"w:val": "FootnoteReference"})
            _el(r, "w:footnoteReference", {"w:id": fid})
        elif isinstance(segment, TextBox):
            self.textbox(p, segment)
        else:  # pragma: no cover
            raise TypeError(f"not a segment: {segment!r}")

    def textbox(self, p, box: TextBox) -> None:
        r = _el(p, "w:r")
        pict = _el(r, "w:pict")
        self.shape_id += 1
        shape = _el(pict, "v:shape", None)
        shape.set("id", f"Tekstiruutu{self.shape_id}")
        shape.set(_q("o:spid"), f"_x0000_s{1024 + self.shape_id}")
        shape.set("type", "#_x0000_t202")
        shape.set("style", "position:absolute;margin-left:306pt;margin-top:0;width:170pt;height:90pt;"
                           "z-index:251659264;mso-position-horizontal:right;mso-wrap-style:square")
        shape.set("fillcolor", "#f2f2f2")
        shape.set("strokecolor", "#7f7f7f")
        textbox = _el(shape, "v:textbox")
        content = _el(textbox, "w:txbxContent")
        for text in box.paragraphs:
            self.paragraph(content, Para((text,), style="NoteText"))
        _el(shape, "w10:wrap", {}).set("type", "square")

    def table(self, parent, table: TableBlock) -> None:
        tbl = _el(parent, "w:tbl")
        pr = _el(tbl, "w:tblPr")
        _el(pr, "w:tblStyle", {"w:val": table.style})
        _el(pr, "w:tblW", {"w:w": sum(table.widths), "w:type": "dxa"})
        _el(pr, "w:tblLayout", {"w:type": "fixed"})
        _el(pr, "w:tblLook", {"w:val": "04A0", "w:firstRow": 1, "w:lastRow": 0, "w:firstColumn": 1,
                              "w:lastColumn": 0, "w:noHBand": 0, "w:noVBand": 1})
        if table.caption:
            _el(pr, "w:tblCaption", {"w:val": table.caption})
        grid = _el(tbl, "w:tblGrid")
        for width in table.widths:
            _el(grid, "w:gridCol", {"w:w": width})
        for index, row in enumerate(table.rows):
            tr = _el(tbl, "w:tr")
            if index < table.header_rows:
                _el(_el(tr, "w:trPr"), "w:tblHeader")
            for cell, width in zip(row, table.widths):
                tc = _el(tr, "w:tc")
                _el(_el(tc, "w:tcPr"), "w:tcW", {"w:w": cell.width or width, "w:type": "dxa"})
                blocks = cell.blocks or (Para(("",)),)
                for block in blocks:
                    self.block(tc, block)
                if not isinstance(blocks[-1], Para):
                    _el(tc, "w:p")  # a cell must end with a paragraph

    # -- other parts -----------------------------------------------------------
    def comments_part(self) -> bytes:
        root = _el(None, "w:comments")
        for cid, comment in self.comments:
            c = _el(root, "w:comment", {"w:id": cid, "w:author": comment.author, "w:date": comment.date,
                                        "w:initials": comment.initials})
            p = _el(c, "w:p")
            _el(_el(p, "w:pPr"), "w:pStyle", {"w:val": "CommentText"})
            r = _el(p, "w:r")
            _el(_el(r, "w:rPr"), "w:rStyle", {"w:val": "CommentReference"})
            _el(r, "w:annotationRef")
            self.run(p, comment.text)
        return _serialize(root)

    def footnotes_part(self) -> bytes:
        root = _el(None, "w:footnotes")
        for fid, kind, mark in ((-1, "separator", "w:separator"), (0, "continuationSeparator",
                                                                  "w:continuationSeparator")):
            fn = _el(root, "w:footnote", {"w:type": kind, "w:id": fid})
            p = _el(fn, "w:p")
            _el(_el(p, "w:pPr"), "w:spacing", {"w:after": 0, "w:line": 240, "w:lineRule": "auto"})
            _el(_el(p, "w:r"), mark)
        for fid, note in self.footnotes:
            fn = _el(root, "w:footnote", {"w:id": fid})
            p = _el(fn, "w:p")
            _el(_el(p, "w:pPr"), "w:pStyle", {"w:val": "FootnoteText"})
            r = _el(p, "w:r")
            _el(_el(r, "w:rPr"), "w:rStyle", {"w:val": "FootnoteReference"})
            _el(r, "w:footnoteRef")
            self.run(p, " " + note.text)
        return _serialize(root)

    def header_part(self) -> bytes:
        root = _el(None, "w:hdr")
        p = _el(root, "w:p")
        ppr = _el(p, "w:pPr")
        _el(ppr, "w:pStyle", {"w:val": "Header"})
        _el(ppr, "w:jc", {"w:val": "right"})
        self.run(p, self.spec.header_text or "", bold=True)
        return _serialize(root)

    def numbering_part(self) -> bytes:
        root = _el(None, "w:numbering")
        for definition in self.spec.lists:
            abstract = _el(root, "w:abstractNum", {"w:abstractNumId": definition.abstract_id})
            _el(abstract, "w:nsid", {"w:val": f"{0x1A2B3C00 + definition.abstract_id:08X}"})
            _el(abstract, "w:multiLevelType",
                {"w:val": "multilevel" if definition.multilevel else "hybridMultilevel"})
            for ilvl, level in enumerate(definition.levels):
                lvl = _el(abstract, "w:lvl", {"w:ilvl": ilvl})
                _el(lvl, "w:start", {"w:val": 1})
                _el(lvl, "w:numFmt", {"w:val": level.fmt})
                _el(lvl, "w:lvlText", {"w:val": level.text})
                _el(lvl, "w:lvlJc", {"w:val": "left"})
                ind = _el(lvl, "w:pPr")
                _el(ind, "w:ind", {"w:left": level.indent, "w:hanging": level.hanging})
                if level.fmt == "bullet":
                    _el(_el(lvl, "w:rPr"), "w:rFonts", {"w:ascii": "Symbol", "w:hAnsi": "Symbol",
                                                        "w:hint": "default"})
                elif level.bold:
                    _el(_el(lvl, "w:rPr"), "w:b")
        for definition in self.spec.lists:
            for num_id, overrides in definition.nums:
                num = _el(root, "w:num", {"w:numId": num_id})
                _el(num, "w:abstractNumId", {"w:val": definition.abstract_id})
                for ilvl in sorted(overrides):
                    override = _el(num, "w:lvlOverride", {"w:ilvl": ilvl})
                    _el(override, "w:startOverride", {"w:val": overrides[ilvl]})
        return _serialize(root)

    def settings_part(self) -> bytes:
        root = _el(None, "w:settings")
        _el(root, "w:zoom", {"w:percent": 100})
        if self.spec.track_revisions:
            _el(root, "w:trackRevisions")
        _el(root, "w:defaultTabStop", {"w:val": 1304})
        _el(root, "w:hyphenationZone", {"w:val": 425})
        _el(root, "w:characterSpacingControl", {"w:val": "doNotCompress"})
        if self.footnotes:
            pr = _el(root, "w:footnotePr")
            _el(pr, "w:footnote", {"w:id": -1})
            _el(pr, "w:footnote", {"w:id": 0})
        rsids = _el(root, "w:rsids")
        _el(rsids, "w:rsidRoot", {"w:val": "00A1B2C3"})
        _el(rsids, "w:rsid", {"w:val": "00A1B2C3"})
        _el(root, "w:themeFontLang", {"w:val": self.spec.metadata.language})
        compat = _el(root, "w:compat")
        _el(compat, "w:compatSetting", {"w:name": "compatibilityMode",
                                        "w:uri": "http://schemas.microsoft.com/office/word",
                                        "w:val": 15})
        _el(root, "w:decimalSymbol", {"w:val": ","})
        _el(root, "w:listSeparator", {"w:val": ";"})
        return _serialize(root)


# --------------------------------------------------------------------------- styles

_PARAGRAPH_STYLES = (
    # style id, name, basedOn, outline level, run properties, paragraph spacing
    ("Normal", "Normal", None, None, {}, {"after": 120, "line": 264}),
    ("Title", "Title", "Normal", None, {"size": 40, "bold": True}, {"before": 2400, "after": 360}),
    ("Subtitle", "Subtitle", "Normal", None, {"size": 28}, {"after": 240}),
    ("Heading1", "heading 1", "Normal", 0, {"size": 32, "bold": True}, {"before": 480, "after": 240}),
    ("Heading2", "heading 2", "Normal", 1, {"size": 26, "bold": True}, {"before": 360, "after": 120}),
    ("Heading3", "heading 3", "Normal", 2, {"size": 24, "bold": True}, {"before": 240, "after": 120}),
    ("ListParagraph", "List Paragraph", "Normal", None, {}, {"after": 120}),
    ("CommentText", "annotation text", "Normal", None, {"size": 20}, {}),
    ("FootnoteText", "footnote text", "Normal", None, {"size": 18}, {"after": 0}),
    ("Header", "header", "Normal", None, {}, {"after": 0}),
    ("Footer", "footer", "Normal", None, {}, {"after": 0}),
    ("NoteText", "Note Text", "Normal", None, {"size": 18, "italic": True}, {"after": 60}),
)


def styles_part(language: str) -> bytes:
    """styles.xml with Word's built-in style ids and names, headings with outline levels."""
    root = _el(None, "w:styles")
    defaults = _el(root, "w:docDefaults")
    rpr = _el(_el(defaults, "w:rPrDefault"), "w:rPr")
    _el(rpr, "w:rFonts", {"w:ascii": "Arial", "w:hAnsi": "Arial", "w:eastAsia": "Arial", "w:cs": "Arial"})
    _el(rpr, "w:sz", {"w:val": 22})
    _el(rpr, "w:szCs", {"w:val": 22})
    _el(rpr, "w:lang", {"w:val": language, "w:eastAsia": "en-US", "w:bidi": "ar-SA"})
    ppr = _el(_el(defaults, "w:pPrDefault"), "w:pPr")
    _el(ppr, "w:spacing", {"w:after": 120, "w:line": 264, "w:lineRule": "auto"})
    _el(root, "w:latentStyles", {"w:defLockedState": 0, "w:defUIPriority": 99, "w:defSemiHidden": 0,
                                 "w:defUnhideWhenUsed": 0, "w:defQFormat": 0, "w:count": 376})
    for style_id, name, based_on, outline, run, spacing in _PARAGRAPH_STYLES:
        attrs = {"w:type": "paragraph", "w:styleId": style_id}
        if style_id == "Normal":
            attrs["w:default"] = 1
        style = _el(root, "w:style", attrs)
        _el(style, "w:name", {"w:val": name})
        if based_on:
            _el(style, "w:basedOn", {"w:val": based_on})
        if outline is not None or style_id in ("Title", "Subtitle"):
            _el(style, "w:next", {"w:val": "Normal"})
        if style_id in ("Normal", "Title", "Subtitle", "Heading1", "Heading2", "Heading3", "ListParagraph"):
            _el(style, "w:qFormat")
        ppr = _el(style, "w:pPr")
        if outline is not None:
            _el(ppr, "w:keepNext")
            _el(ppr, "w:keepLines")
        if spacing:
            _el(ppr, "w:spacing", {f"w:{k}": v for k, v in spacing.items()})
        if style_id == "ListParagraph":
            _el(ppr, "w:ind", {"w:left": 720})
            _el(ppr, "w:contextualSpacing")
        if outline is not None:
            _el(ppr, "w:outlineLvl", {"w:val": outline})
        if run:
            rpr = _el(style, "w:rPr")
            if run.get("bold"):
                _el(rpr, "w:b")
            if run.get("italic"):
                _el(rpr, "w:i")
            if "size" in run:
                _el(rpr, "w:sz", {"w:val": run["size"]})
                _el(rpr, "w:szCs", {"w:val": run["size"]})
    for style_id, name, extra in (
        ("DefaultParagraphFont", "Default Paragraph Font", None),
        ("CommentReference", "annotation reference", {"size": 16}),
        ("FootnoteReference", "footnote reference", {"superscript": True}),
    ):
        attrs = {"w:type": "character", "w:styleId": style_id}
        if style_id == "DefaultParagraphFont":
            attrs["w:default"] = 1
        style = _el(root, "w:style", attrs)
        _el(style, "w:name", {"w:val": name})
        if style_id == "DefaultParagraphFont":
            _el(style, "w:uiPriority", {"w:val": 1})
            _el(style, "w:semiHidden")
            _el(style, "w:unhideWhenUsed")
            continue
        _el(style, "w:basedOn", {"w:val": "DefaultParagraphFont"})
        rpr = _el(style, "w:rPr")
        if extra.get("superscript"):
            _el(rpr, "w:vertAlign", {"w:val": "superscript"})
        if "size" in extra:
            _el(rpr, "w:sz", {"w:val": extra["size"]})
    table_normal = _el(root, "w:style", {"w:type": "table", "w:default": 1, "w:styleId": "TableNormal"})
    _el(table_normal, "w:name", {"w:val": "Normal Table"})
    _el(table_normal, "w:semiHidden")
    tpr = _el(table_normal, "w:tblPr")
    _el(tpr, "w:tblInd", {"w:w": 0, "w:type": "dxa"})
    margins = _el(tpr, "w:tblCellMar")
    for side, width in (("top", 0), ("left", 108), ("bottom", 0), ("right", 108)):
        _el(margins, f"w:{side}", {"w:w": width, "w:type": "dxa"})
    grid = _el(root, "w:style", {"w:type": "table", "w:styleId": "TableGrid"})
    _el(grid, "w:name", {"w:val": "Table Grid"})
    _el(grid, "w:basedOn", {"w:val": "TableNormal"})
    _el(_el(grid, "w:pPr"), "w:spacing", {"w:after": 60, "w:line": 240, "w:lineRule": "auto"})
    gpr = _el(grid, "w:tblPr")
    borders = _el(gpr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _el(borders, f"w:{side}", {"w:val": "single", "w:sz": 4, "w:space": 0, "w:color": "auto"})
    no_list = _el(root, "w:style", {"w:type": "numbering", "w:default": 1, "w:styleId": "NoList"})
    _el(no_list, "w:name", {"w:val": "No List"})
    _el(no_list, "w:semiHidden")
    return _serialize(root)


# --------------------------------------------------------------------------- package

def _core(meta: Metadata) -> bytes:
    nsmap = {"cp": NS_CP, "dc": NS_DC, "dcterms": NS_DCTERMS, "xsi": NS_XSI}
    root = etree.Element(f"{{{NS_CP}}}coreProperties", nsmap=nsmap)

    def add(ns, name, text, w3cdtf=False):
        element = etree.SubElement(root, f"{{{ns}}}{name}")
        element.text = text
        if w3cdtf:
            element.set(f"{{{NS_XSI}}}type", "dcterms:W3CDTF")

    add(NS_DC, "title", meta.title)
    add(NS_DC, "subject", meta.subject)
    add(NS_DC, "creator", meta.creator)
    add(NS_CP, "keywords", meta.keywords)
    add(NS_DC, "language", meta.language)
    add(NS_CP, "lastModifiedBy", meta.last_modified_by)
    add(NS_CP, "revision", str(meta.revision))
    add(NS_DCTERMS, "created", meta.created, w3cdtf=True)
    add(NS_DCTERMS, "modified", meta.modified, w3cdtf=True)
    return _serialize(root)


def _app(meta: Metadata) -> bytes:
    root = etree.Element(f"{{{NS_EP}}}Properties", nsmap={None: NS_EP, "vt": NS_VT})
    for name, value in (("Template", meta.template), ("TotalTime", "412"),
                        ("Application", "Microsoft Office Word"), ("DocSecurity", "0"),
                        ("Company", meta.company), ("LinksUpToDate", "false"),
                        ("SharedDoc", "false"), ("HyperlinksChanged", "false"), ("AppVersion", "16.0000")):
        etree.SubElement(root, f"{{{NS_EP}}}{name}").text = value
    return _serialize(root)


def _relationships(rels: list[tuple[str, str, str]]) -> bytes:
    root = etree.Element(f"{{{NS_REL}}}Relationships", nsmap={None: NS_REL})
    for rid, kind, target in rels:
        etree.SubElement(root, f"{{{NS_REL}}}Relationship", Id=rid, Type=kind, Target=target)
    return _serialize(root)


def _content_types(overrides: list[tuple[str, str]]) -> bytes:
    root = etree.Element(f"{{{NS_CT}}}Types", nsmap={None: NS_CT})
    etree.SubElement(root, f"{{{NS_CT}}}Default", Extension="rels",
                     ContentType="application/vnd.openxmlformats-package.relationships+xml")
    etree.SubElement(root, f"{{{NS_CT}}}Default", Extension="xml", ContentType="application/xml")
    for part, content_type in overrides:
        etree.SubElement(root, f"{{{NS_CT}}}Override", PartName="/" + part, ContentType=content_type)
    return _serialize(root)


def build_parts(spec: DocSpec) -> list[tuple[str, bytes]]:
    """Return the package's parts as (name, bytes), in the order they are zipped."""
    writer = _Writer(spec)
    document = writer.document()  # first: fills the comment and footnote lists
    parts: dict[str, bytes] = {
        "word/document.xml": document,
        "word/styles.xml": styles_part(spec.metadata.language),
        "word/settings.xml": writer.settings_part(),
        "word/numbering.xml": writer.numbering_part(),
    }
    overrides = [
        ("word/document.xml", CT_MAIN + "document.main+xml"),
        ("word/styles.xml", CT_MAIN + "styles+xml"),
        ("word/settings.xml", CT_MAIN + "settings+xml"),
        ("word/numbering.xml", CT_MAIN + "numbering+xml"),
    ]
    doc_rels = [
        ("rId1", REL + "styles", "styles.xml"),
        ("rId2", REL + "settings", "settings.xml"),
        ("rId3", REL + "numbering", "numbering.xml"),
    ]
    if writer.comments:
        parts["word/comments.xml"] = writer.comments_part()
        overrides.append(("word/comments.xml", CT_MAIN + "comments+xml"))
        doc_rels.append(("rId4", REL + "comments", "comments.xml"))
    if writer.footnotes:
        parts["word/footnotes.xml"] = writer.footnotes_part()
        overrides.append(("word/footnotes.xml", CT_MAIN + "footnotes+xml"))
        doc_rels.append(("rId5", REL + "footnotes", "footnotes.xml"))
    if spec.header_text is not None:
        parts["word/header1.xml"] = writer.header_part()
        overrides.append(("word/header1.xml", CT_MAIN + "header+xml"))
        doc_rels.append(("rIdHeader1", REL + "header", "header1.xml"))
    overrides += [
        ("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ]
    package_rels = [
        ("rId1", REL + "officeDocument", "word/document.xml"),
        ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
         "docProps/core.xml"),
        ("rId3", REL + "extended-properties", "docProps/app.xml"),
    ]
    ordered = [
        ("[Content_Types].xml", _content_types(overrides)),
        ("_rels/.rels", _relationships(package_rels)),
        ("docProps/core.xml", _core(spec.metadata)),
        ("docProps/app.xml", _app(spec.metadata)),
        ("word/_rels/document.xml.rels", _relationships(doc_rels)),
    ]
    ordered += list(parts.items())
    return ordered


def write_docx(spec: DocSpec, path: Path) -> None:
    """Write ``spec`` as a .docx at ``path`` with fixed timestamps and part order."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        for name, data in build_parts(spec):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, data, compresslevel=6)
    tmp.replace(path)
