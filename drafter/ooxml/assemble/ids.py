"""Keep ids unique when content from several packages lands in one: w:id, names, docPr ids.

An :class:`IdSpace` is seeded with every id the result already holds (master
body, headers, footers, notes, comments) and hands out fresh ones. The ids a
merged fragment carries are rewritten in place:

- bookmarks: ``w:id`` of bookmarkStart/End pairs, and ``w:name`` when the
  result already has that name (hyperlink anchors and REF/PAGEREF/HYPERLINK \\l
  field codes of the fragment follow the new name);
- tracked changes (w:ins, w:del, w:rPrChange ... and the range markers):
  ``w:id`` from one revision counter;
- drawings: ``wp:docPr/@id`` (Word refuses duplicates);
- ``w14:paraId`` / ``w14:textId`` that collide are dropped (Word regenerates them).

Comment and note ids are renumbered where their parts are merged
(:mod:`drafter.ooxml.assemble.merge`), from the spaces here.
"""

from __future__ import annotations

import re
from typing import Iterable

from lxml import etree

from drafter.ooxml.names import NS, w

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
PARA_ID, TEXT_ID = f"{{{W14}}}paraId", f"{{{W14}}}textId"
DOC_PR = f"{{{NS['wp']}}}docPr"
ID, NAME = w("id"), w("name")
BOOKMARK_START, BOOKMARK_END = w("bookmarkStart"), w("bookmarkEnd")
REVISION_TAGS = frozenset(w(t) for t in (
    "ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
    "trPrChange", "tcPrChange", "tblGridChange", "tblPrExChange", "numberingChange", "cellIns",
    "cellDel", "cellMerge", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
    "moveToRangeEnd", "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart",
    "customXmlDelRangeEnd", "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd",
    "customXmlMoveToRangeStart", "customXmlMoveToRangeEnd",
))
COMMENT_TAGS = frozenset(w(t) for t in ("commentRangeStart", "commentRangeEnd", "commentReference"))


class Counter:
    """Fresh integer ids above every id seen so far."""

    def __init__(self, used: Iterable[int] = ()) -> None:
        self.used = set(used)
        self.next = max(self.used, default=0) + 1

    def take(self) -> int:
        while self.next in self.used:
            self.next += 1
        value = self.next
        self.used.add(value)
        self.next += 1
        return value

    def see(self, value: int) -> None:
        self.used.add(value)
        self.next = max(self.next, value + 1)


class IdSpace:
    """Every id family of the result document, seeded from its parts' trees."""

    def __init__(self, roots: Iterable[etree._Element]) -> None:
        self.bookmarks = Counter()
        self.revisions = Counter()
        self.doc_pr = Counter()
        self.bookmark_names: set[str] = set()
        self.para_ids: set[str] = set()
        for root in roots:
            self.seed(root)

    def seed(self, root: etree._Element) -> None:
        """Record the ids ``root`` uses, so later fragments get others."""
        for element in root.iter(BOOKMARK_START, BOOKMARK_END):
            value = _int(element.get(ID))
            if value is not None:
                self.bookmarks.see(value)
            if element.tag == BOOKMARK_START and element.get(NAME):
                self.bookmark_names.add(element.get(NAME).lower())
        for element in root.iter(*REVISION_TAGS):
            value = _int(element.get(ID))
            if value is not None:
                self.revisions.see(value)
        for element in root.iter(DOC_PR):
            value = _int(element.get("id"))
            if value is not None:
                self.doc_pr.see(value)
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            for attr in (PARA_ID, TEXT_ID):
                value = element.get(attr)
                if value:
                    self.para_ids.add(value.upper())

    def renumber(self, fragments: list[etree._Element]) -> dict[str, int]:
        """Give the fragments' ids fresh values in this space; return counts by family."""
        counts = {"bookmarks": 0, "bookmarks_renamed": 0, "revisions": 0, "drawings": 0, "para_ids_dropped": 0}
        bookmark_ids: dict[str, int] = {}
        renamed: dict[str, str] = {}
        for fragment in fragments:
            for element in fragment.iter(BOOKMARK_START, BOOKMARK_END):
                old = element.get(ID)
                if old is None:
                    continue
                if old not in bookmark_ids:
                    bookmark_ids[old] = self.bookmarks.take()
                    counts["bookmarks"] += 1
                element.set(ID, str(bookmark_ids[old]))
                name = element.get(NAME)
                if element.tag == BOOKMARK_START and name:
                    if name in renamed:
                        element.set(NAME, renamed[name])
                    elif name.lower() in self.bookmark_names:
                        new = self._fresh_name(name)
                        renamed[name] = new
                        element.set(NAME, new)
                        counts["bookmarks_renamed"] += 1
                    else:
                        self.bookmark_names.add(name.lower())
            revision_ids: dict[str, int] = {}
            for element in fragment.iter(*REVISION_TAGS):
                old = element.get(ID)
                if old is None:
                    continue
                # range start/end markers share their id: keep pairs paired
                if element.tag.endswith("RangeEnd") and old in revision_ids:
                    element.set(ID, str(revision_ids[old]))
                    continue
                new = self.revisions.take()
                revision_ids[old] = new
                element.set(ID, str(new))
                counts["revisions"] += 1
            for element in fragment.iter(DOC_PR):
                element.set("id", str(self.doc_pr.take()))
                counts["drawings"] += 1
            for element in fragment.iter():
                if not isinstance(element.tag, str):
                    continue
                for attr in (PARA_ID, TEXT_ID):
                    value = element.get(attr)
                    if not value:
                        continue
                    if value.upper() in self.para_ids:
                        del element.attrib[attr]
                        counts["para_ids_dropped"] += 1
                    else:
                        self.para_ids.add(value.upper())
        if renamed:
            for fragment in fragments:
                rename_bookmark_references(fragment, renamed)
        return counts

    def _fresh_name(self, name: str) -> str:
        stem = name[:36]  # Word's limit is 40 characters
        for index in range(2, 100000):
            candidate = f"{stem}_{index}"
            if candidate.lower() not in self.bookmark_names:
                self.bookmark_names.add(candidate.lower())
                return candidate
        raise ValueError("no free bookmark name")  # pragma: no cover


_FIELD_TARGET = re.compile(r"(\b(?:REF|PAGEREF|NOTEREF)\s+|\\l\s+\"?)([^\s\"\\]+)")


def rename_bookmark_references(fragment: etree._Element, renamed: dict[str, str]) -> None:
    """Point hyperlink anchors and REF/PAGEREF/HYPERLINK \\l field codes at renamed bookmarks."""
    for element in fragment.iter(w("hyperlink")):
        anchor = element.get(w("anchor"))
        if anchor in renamed:
            element.set(w("anchor"), renamed[anchor])

    def rewrite(code: str) -> str:
        return _FIELD_TARGET.sub(lambda m: m.group(1) + renamed.get(m.group(2), m.group(2)), code)

    for element in fragment.iter(w("instrText")):
        if element.text:
            element.text = rewrite(element.text)
    for element in fragment.iter(w("fldSimple")):
        instr = element.get(w("instr"))
        if instr:
            element.set(w("instr"), rewrite(instr))


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
