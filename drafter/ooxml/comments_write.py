"""Add Word comments to a package, anchored on accepted-view text ranges.

:class:`CommentWriter` works on a :class:`drafter.ooxml.writer.PackageEditor`:
it creates ``word/comments.xml`` (with its relationship and content type) when
the draft has none, appends to it otherwise (existing comments are kept), and
anchors each comment with ``w:commentRangeStart``/``w:commentRangeEnd`` around
exactly the runs holding the range plus a ``w:commentReference`` run, splitting
runs at the range's edges (:func:`drafter.ooxml.edit.split_at`; the text never
changes). When the package has no comments yet it also writes
``commentsExtended.xml`` and ``people.xml`` the way Word 2013+ does, so the
comments show their author as a person and can be marked done.

Decisions:

- a zero-width range anchors on the whole paragraph (an empty paragraph gets
  the markers at its start): a comment on nothing cannot be clicked;
- the comment reference run goes right after the range's end, inside someone's
  ``w:ins`` when the range ends in inserted text (as Word does it): splitting
  their insertion would turn one tracked change into several;
- a range edge inside an equation moves out to the equation's edge (equations
  are never split).

Anchors may be in any story part the caller passes (main body, text boxes,
tables, footnotes, endnotes). Word has no comments in headers and footers; the
caller decides where those go (see drafter.report.annotate).
"""

from __future__ import annotations

import posixpath

from lxml import etree

from drafter.ooxml.edit import (
    EditError, RevisionIds, now_iso, paragraph_element,
    paragraph_segments, split_at,
)
from drafter.ooxml.names import NS, w
from drafter.ooxml.package import NS_PR
from drafter.ooxml.text import math_ancestor
from drafter.ooxml.writer import PackageEditor, serialise

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
MC = NS["mc"]

REL_COMMENTS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
REL_COMMENTS_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/comments"
REL_COMMENTS_EXTENDED = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
REL_PEOPLE = "http://schemas.microsoft.com/office/2011/relationships/people"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
CT_COMMENTS_EXTENDED = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"
CT_PEOPLE = "application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml"

P, R, PPR, RPR, T = w("p"), w("r"), w("pPr"), w("rPr"), w("t")
COMMENT, COMMENTS = w("comment"), w("comments")
COMMENT_START, COMMENT_END, COMMENT_REF = w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")
ANNOTATION_REF = w("annotationRef")
ID, AUTHOR, DATE, INITIALS, VAL = w("id"), w("author"), w("date"), w("initials"), w("val")
PARA_ID = f"{{{W14}}}paraId"
TEXT_ID = f"{{{W14}}}textId"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


class CommentWriter:
    """Adds comments to one package being edited; call :meth:`close` before saving.

    ``close`` stores parts this writer created (comments, commentsExtended,
    people) in the editor; parts that already existed are edited in place.
    """

    def __init__(self, editor: PackageEditor) -> None:
        self.editor = editor
        self.main = editor.main_part
        self.strict = self._main_is_strict()
        self.created: dict[str, tuple[etree._Element, str]] = {}
        self.comments_name, self.comments = self._comments_part()
        self.extended_name, self.extended = self._extended_part()
        self.people_name, self.people = self._people_part()
        self.styles = self._style_ids()
        self.next_id = 1 + max((_int(c.get(ID)) for c in self.comments.iter(COMMENT)), default=-1)
        self.para_ids = self._used_para_ids()
        self.revision_ids: dict[int, RevisionIds] = {}
        self.closed = False

    # -- parts -----------------------------------------------------------

    def _main_is_strict(self) -> bool:
        try:
            return b"http://purl.oclc.org/ooxml/" in self.editor.package.read(self.main)[:4096]
        except (KeyError, OSError):
            return False

    def _comments_part(self) -> tuple[str, etree._Element]:
        existing = self.editor.related(self.main, "comments")
        if existing:
            return existing[0], self.editor.tree(existing[0])
        name = self._free_name("comments.xml")
        root = etree.Element(COMMENTS, nsmap={"w": NS["w"], "w14": W14, "mc": MC})
        root.set(f"{{{MC}}}Ignorable", "w14")
        self._create(name, root, REL_COMMENTS_STRICT if self.strict else REL_COMMENTS, CT_COMMENTS)
        return name, root

    def _extended_part(self) -> tuple[str | None, etree._Element | None]:
        existing = self.editor.related(self.main, "commentsExtended")
        if existing:
            return existing[0], self.editor.tree(existing[0])
        if self.comments_name not in self.created or self.strict:
            # Existing comments without paragraph ids: do not start a half-filled part.
            return None, None
        name = self._free_name("commentsExtended.xml")
        root = etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15, "mc": MC})
        root.set(f"{{{MC}}}Ignorable", "w15")
        self._create(name, root, REL_COMMENTS_EXTENDED, CT_COMMENTS_EXTENDED)
        return name, root

    def _people_part(self) -> tuple[str | None, etree._Element | None]:
        existing = self.editor.related(self.main, "people")
        if existing:
            return existing[0], self.editor.tree(existing[0])
        if self.extended is None or self.extended_name not in self.created:
            return None, None
        name = self._free_name("people.xml")
        root = etree.Element(f"{{{W15}}}people", nsmap={"w15": W15, "mc": MC})
        root.set(f"{{{MC}}}Ignorable", "w15")
        self._create(name, root, REL_PEOPLE, CT_PEOPLE)
        return name, root

    def _free_name(self, file_name: str) -> str:
        folder = posixpath.dirname(self.main)
        name = posixpath.join(folder, file_name)
        stem, ext = posixpath.splitext(file_name)
        counter = 1
        while self.editor.has(name) or name in self.created:
            counter += 1
            name = posixpath.join(folder, f"{stem}{counter}{ext}")
        return name

    def _create(self, name: str, root: etree._Element, rel_type: str, content_type: str) -> None:
        """Register a new part: relationship from the main part now, bytes at close."""
        rels_name = self.editor.rels_name(self.main)
        if self.editor.has(rels_name):
            rels = self.editor.tree(rels_name)
        else:
            rels = etree.Element(f"{{{NS_PR}}}Relationships", nsmap={None: NS_PR})
            self.created[rels_name] = (rels, "")
        used = {rel.get("Id") for rel in rels}
        number = len(used) + 1
        while f"rId{number}" in used:
            number += 1
        target = posixpath.relpath(name, posixpath.dirname(self.main) or ".")
        etree.SubElement(rels, f"{{{NS_PR}}}Relationship", Id=f"rId{number}", Type=rel_type, Target=target)
        self.created[name] = (root, content_type)

    def _style_ids(self) -> set[str]:
        styles = self.editor.related(self.main, "styles")
        if not styles:
            return set()
        try:
            root = self.editor.tree(styles[0])
        except Exception:  # noqa: BLE001 - a broken styles part only costs the comment styles
            return set()
        return {s.get(w("styleId")) for s in root.iter(w("style"))}

    def _used_para_ids(self) -> set[str]:
        used = set()
        for root in (self.comments, self.editor.tree(self.main)):
            used.update(v.upper() for v in root.xpath("//@w14:paraId", namespaces={"w14": W14}))
        return used

    def close(self) -> None:
        """Store the parts this writer created in the editor (once; later calls do nothing)."""
        if self.closed:
            return
        self.closed = True
        for name, (root, content_type) in self.created.items():
            self.editor.put(name, serialise(root), content_type or None)
        # Parts an earlier writer created are not in the source package: the editor
        # saves their stored bytes, not their trees, so store them again.
        for name, root, content_type in ((self.comments_name, self.comments, CT_COMMENTS),
                                         (self.extended_name, self.extended, CT_COMMENTS_EXTENDED),
                                         (self.people_name, self.people, CT_PEOPLE)):
            if name is not None and root is not None and name not in self.created \
                    and not self.editor.package.has(name):
                self.editor.put(name, serialise(root), content_type)

    # -- comments ----------------------------------------------------------

    def add(self, part_root: etree._Element, paragraph_index: int, start: int, end: int,
            author: str, initials: str | None, text: str, date: str | None = None) -> str:
        """Anchor a new comment on ``start``..``end`` of a paragraph; return its ``w:id``.

        ``text`` may hold several lines (one comment paragraph each). Raises
        :class:`EditError` for a paragraph or range that does not exist.
        """
        if self.closed:
            raise RuntimeError("this CommentWriter is closed")
        segments = paragraph_segments(part_root, paragraph_index)
        length = segments[-1].end if segments else 0
        if not (0 <= start <= end <= length):
            raise EditError(f"range {start}..{end} is outside the paragraph's text (length {length})")
        if start == end:
            start, end = 0, length
        comment_id = str(self.next_id)
        self.next_id += 1
        ids = self.revision_ids.setdefault(id(part_root), RevisionIds(part_root))
        self._anchor(part_root, paragraph_index, start, end, comment_id, ids)
        self._comment(comment_id, author, initials, text, date or now_iso())
        return comment_id

    def _anchor(self, part_root, paragraph_index: int, start: int, end: int, comment_id: str,
                ids: RevisionIds) -> None:
        paragraph = paragraph_element(part_root, paragraph_index)
        start_marker = paragraph.makeelement(COMMENT_START, {ID: comment_id})
        end_marker = paragraph.makeelement(COMMENT_END, {ID: comment_id})
        if start == end:  # an empty paragraph
            ppr = paragraph.find(PPR)
            position = 1 if ppr is not None and len(paragraph) and paragraph[0] is ppr else 0
            paragraph.insert(position, start_marker)
            start_marker.addnext(end_marker)
        else:
            split_at(part_root, paragraph_index, end, ids)
            split_at(part_root, paragraph_index, start, ids)
            segments = paragraph_segments(part_root, paragraph_index)
            first = next(s for s in segments if s.end > start)
            last = [s for s in segments if s.start < end][-1]
            _outside_math(first.run).addprevious(start_marker)
            _outside_math(last.run).addnext(end_marker)
        end_marker.addnext(self._reference_run(paragraph, comment_id))

    def _reference_run(self, paragraph: etree._Element, comment_id: str) -> etree._Element:
        run = paragraph.makeelement(R, {})
        if "CommentReference" in self.styles:
            rpr = etree.SubElement(run, RPR)
            etree.SubElement(rpr, w("rStyle"), {VAL: "CommentReference"})
        etree.SubElement(run, COMMENT_REF, {ID: comment_id})
        return run

    def _comment(self, comment_id: str, author: str, initials: str | None, text: str, date: str) -> None:
        attributes = {ID: comment_id, AUTHOR: author, DATE: date}
        if initials:
            attributes[INITIALS] = initials
        comment = etree.SubElement(self.comments, COMMENT, attributes)
        lines = text.split("\n") or [""]
        paragraph = None
        for number, line in enumerate(lines):
            paragraph = etree.SubElement(comment, P)
            if "CommentText" in self.styles:
                ppr = etree.SubElement(paragraph, PPR)
                etree.SubElement(ppr, w("pStyle"), {VAL: "CommentText"})
            if number == 0:
                mark = etree.SubElement(paragraph, R)
                if "CommentReference" in self.styles:
                    rpr = etree.SubElement(mark, RPR)
                    etree.SubElement(rpr, w("rStyle"), {VAL: "CommentReference"})
                etree.SubElement(mark, ANNOTATION_REF)
            if line:
                run = etree.SubElement(paragraph, R)
                node = etree.SubElement(run, T, {XML_SPACE: "preserve"})
                node.text = line
        if self.extended is not None and paragraph is not None and self._declares_w14():
            para_id = self._para_id(int(comment_id))
            paragraph.set(PARA_ID, para_id)
            paragraph.set(TEXT_ID, "77777777")
            etree.SubElement(self.extended, f"{{{W15}}}commentEx",
                             {f"{{{W15}}}paraId": para_id, f"{{{W15}}}done": "0"})
        if self.people is not None and not any(
                p.get(f"{{{W15}}}author") == author for p in self.people.iter(f"{{{W15}}}person")):
            person = etree.SubElement(self.people, f"{{{W15}}}person", {f"{{{W15}}}author": author})
            etree.SubElement(person, f"{{{W15}}}presenceInfo",
                             {f"{{{W15}}}providerId": "None", f"{{{W15}}}userId": author})

    def _declares_w14(self) -> bool:
        return W14 in self.comments.nsmap.values()

    def _para_id(self, seed: int) -> str:
        """A paragraph id no paragraph of the comments or main part uses (below 0x80000000)."""
        value = (0x3A000000 + seed * 7919) % 0x7FFFFFFF
        while f"{value:08X}" in self.para_ids or value == 0:
            value = (value + 1) % 0x7FFFFFFF
        self.para_ids.add(f"{value:08X}")
        return f"{value:08X}"


def add_comment(package_parts: PackageEditor | CommentWriter, part_root: etree._Element, paragraph_index: int,
                start: int, end: int, author: str, initials: str | None, text: str,
                date: str | None = None) -> str:
    """Add one comment anchored on ``start``..``end`` of a paragraph of ``part_root``; return its id.

    ``package_parts`` is the :class:`PackageEditor` the part belongs to (the
    comments part is created or extended and stored at once) or an open
    :class:`CommentWriter` (faster for many comments; close it before saving).
    ``part_root`` must be the editor's tree of the story part (main document,
    footnotes, endnotes).
    """
    if isinstance(package_parts, CommentWriter):
        return package_parts.add(part_root, paragraph_index, start, end, author, initials, text, date)
    writer = CommentWriter(package_parts)
    try:
        return writer.add(part_root, paragraph_index, start, end, author, initials, text, date)
    finally:
        writer.close()


def _outside_math(run: etree._Element) -> etree._Element:
    """The run itself, or the outermost equation holding it (comment markers cannot go inside)."""
    equation = math_ancestor(run)
    return equation if equation is not None else run


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return -1


__all__ = ["CommentWriter", "add_comment"]
