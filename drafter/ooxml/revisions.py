"""Accept or reject every tracked change of a WordprocessingML part tree.

:func:`accept_all` gives exactly the reader's accepted view: inserted and moved-to
content is kept (its wrappers unwrapped), deleted and moved-from content is
dropped, property changes (``w:rPrChange``, ``w:pPrChange``, ``w:sectPrChange``,
``w:tblPrChange``, ``w:trPrChange``, ``w:tcPrChange``, ``w:tblGridChange``,
``w:tblPrExChange``, ``w:numberingChange``) lose their record of the old
properties, deleted rows and cells go, and a paragraph whose mark was deleted is
joined with the paragraph after it (its content moves to the start of that
paragraph, which keeps its own properties, as Word does).

:func:`reject_all` first swaps every revision for its opposite
(:func:`swap_revisions`: insertions become deletions and back, deleted text
becomes text again, old properties are restored) and then accepts: one
implementation of the hard part, and the reader can read a swapped tree to
predict what rejecting gives.

Documented decisions:

- ``w:del``/``w:moveFrom`` that wrap paragraphs or tables (block level) are
  unwrapped, not removed, as the reader reads them: what is deleted there is
  marked on the paragraph marks and runs inside.
- A paragraph whose mark is deleted is not joined when no paragraph follows it
  in the same container (before a table, at the end of a cell) or when it ends a
  section (its ``w:sectPr`` would be lost); its marker is removed instead.
- ``w:cellMerge`` markers are removed in both directions (the merge stays).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from drafter.ooxml.names import w
from drafter.ooxml.text import paragraph_elements

INS, DEL, MOVE_FROM, MOVE_TO = w("ins"), w("del"), w("moveFrom"), w("moveTo")
P, PPR, RPR, TBL, TR, TC, TR_PR, TC_PR, NUM_PR = (
    w("p"), w("pPr"), w("rPr"), w("tbl"), w("tr"), w("tc"), w("trPr"), w("tcPr"), w("numPr"))
SECT_PR = w("sectPr")
T, DEL_TEXT, INSTR_TEXT, DEL_INSTR_TEXT = w("t"), w("delText"), w("instrText"), w("delInstrText")
CELL_INS, CELL_DEL, CELL_MERGE = w("cellIns"), w("cellDel"), w("cellMerge")

_RANGE_MARKERS = frozenset(w(n) for n in (
    "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
    "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart", "customXmlDelRangeEnd",
    "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd",
    "customXmlMoveToRangeStart", "customXmlMoveToRangeEnd",
))
# property change -> the container element whose old children it records
_PROPERTY_CHANGES = {
    w("rPrChange"): RPR, w("pPrChange"): PPR, w("sectPrChange"): SECT_PR, w("tblPrChange"): w("tblPr"),
    w("trPrChange"): TR_PR, w("tcPrChange"): TC_PR, w("tblGridChange"): w("tblGrid"),
    w("tblPrExChange"): w("tblPrEx"),
}
NUMBERING_CHANGE = w("numberingChange")
_BLOCK_CHILDREN = frozenset({P, TBL, w("sdt"), w("customXml")})
# children a property container keeps when its old properties are restored
_KEPT_ON_RESTORE = {
    PPR: frozenset({RPR, SECT_PR}),
    SECT_PR: frozenset({w("headerReference"), w("footerReference")}),
    TR_PR: frozenset({INS, DEL}),
    TC_PR: frozenset({CELL_INS, CELL_DEL, CELL_MERGE}),
}
_SWAP = {INS: DEL, DEL: INS, MOVE_TO: MOVE_FROM, MOVE_FROM: MOVE_TO, CELL_INS: CELL_DEL, CELL_DEL: CELL_INS,
         w("moveFromRangeStart"): w("moveToRangeStart"), w("moveToRangeStart"): w("moveFromRangeStart"),
         w("moveFromRangeEnd"): w("moveToRangeEnd"), w("moveToRangeEnd"): w("moveFromRangeEnd")}
# a paragraph's content may be separated from the next paragraph by these
_BETWEEN_PARAGRAPHS = frozenset(w(n) for n in (
    "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "permStart", "permEnd", "proofErr",
)) | _RANGE_MARKERS

_REVISION_BYTES = re.compile(
    rb"<(?:[\w.-]+:)?(?:ins|del|moveFrom|moveTo|rPrChange|pPrChange|sectPrChange|tblPrChange|trPrChange"
    rb"|tcPrChange|tblGridChange|tblPrExChange|cellIns|cellDel|cellMerge|numberingChange"
    rb"|moveFromRangeStart|moveToRangeStart|customXml(?:Ins|Del|MoveFrom|MoveTo)RangeStart)[\s/>]")


def may_have_revisions(data: bytes) -> bool:
    """Whether a part's bytes contain any revision markup (cheap test before parsing)."""
    return _REVISION_BYTES.search(data) is not None


@dataclass
class Resolution:
    """What resolving one part did: counts per revision kind, joined paragraphs."""

    counts: Counter = field(default_factory=Counter)
    # indices (in the part's paragraph order before the change) of paragraphs
    # whose content was joined onto the next paragraph
    joined: list[int] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.counts) or bool(self.joined)


def accept_all(root: etree._Element) -> Resolution:
    """Accept every tracked change in the part tree ``root`` (in place)."""
    result = Resolution()
    index = {p: i for i, p in enumerate(paragraph_elements(root))}
    counts = result.counts

    for marker in [e for e in root.iter(*_RANGE_MARKERS)]:
        _drop(marker)
        counts["range-marker"] += 1
    for change in list(root.iter(*_PROPERTY_CHANGES, NUMBERING_CHANGE)):
        _drop(change)
        counts[etree.QName(change).localname] += 1

    rows, cells, marks = [], [], []
    for element in list(root.iter(INS, DEL, MOVE_FROM, MOVE_TO)):
        parent = element.getparent()
        if parent is None:
            continue
        kept = element.tag in (INS, MOVE_TO)
        name = etree.QName(element).localname
        if parent.tag == RPR and parent.getparent() is not None and parent.getparent().tag == PPR:
            if kept:
                _drop(element)
                counts["paragraph-mark-" + name] += 1
            else:
                marks.append(parent.getparent().getparent())
                _drop(element)
            continue
        if parent.tag == TR_PR:
            if kept:
                _drop(element)
                counts["row-" + name] += 1
            else:
                rows.append(parent.getparent())
            continue
        if parent.tag in (RPR, NUM_PR) or parent.tag.endswith("}rPr"):
            _drop(element)
            counts[name] += 1
            continue
        counts[name] += 1
        if kept or any(child.tag in _BLOCK_CHILDREN for child in element):
            _unwrap(element)
        else:
            _drop(element)

    for cell_change in list(root.iter(CELL_INS, CELL_DEL, CELL_MERGE)):
        tc_pr = cell_change.getparent()
        counts[etree.QName(cell_change).localname] += 1
        if cell_change.tag == CELL_DEL and tc_pr is not None and tc_pr.getparent() is not None:
            cells.append(tc_pr.getparent())
        _drop(cell_change)

    for tr in rows:
        counts["row-del"] += 1
        _remove_row(tr)
    for tc in cells:
        row = tc.getparent()
        _drop(tc)
        if row is not None and row.find(TC) is None and not any(e.tag == TC for e in row.iter()):
            _remove_row(row)

    for p in marks:
        counts["paragraph-mark-del"] += 1
        if _join_with_next(p):
            result.joined.append(index.get(p, -1))
    return result


def reject_all(root: etree._Element) -> Resolution:
    """Reject every tracked change in the part tree ``root`` (in place)."""
    swap_revisions(root)
    return accept_all(root)


def swap_revisions(root: etree._Element) -> int:
    """Turn every revision into its opposite, so accepting afterwards rejects the original.

    Insertions and deletions (text, paragraph marks, rows, cells, moves) swap;
    deleted text (``w:delText``, ``w:delInstrText``) becomes plain text again;
    property changes put their recorded old properties back. Returns the number
    of revision elements swapped or restored.
    """
    count = 0
    for element in list(root.iter(*_SWAP)):
        element.tag = _SWAP[element.tag]
        count += 1
    for element in root.iter(DEL_TEXT, DEL_INSTR_TEXT):
        element.tag = T if element.tag == DEL_TEXT else INSTR_TEXT
    for change in list(root.iter(*_PROPERTY_CHANGES)):
        container = change.getparent()
        if container is None or container.tag != _PROPERTY_CHANGES[change.tag]:
            _drop(change)
            continue
        _restore(container, change)
        count += 1
    return count


def _restore(container: etree._Element, change: etree._Element) -> None:
    """Replace ``container``'s properties with the old ones recorded in ``change``."""
    old = change.find(container.tag)
    old_children = list(old) if old is not None else []
    kept_tags = _KEPT_ON_RESTORE.get(container.tag, frozenset())
    kept = [c for c in container if c.tag in kept_tags]
    for child in list(container):
        container.remove(child)
    if container.tag == SECT_PR:
        for child in kept + old_children:
            container.append(child)
    else:
        for child in old_children + kept:
            container.append(child)
    container.text = None


def _join_with_next(p: etree._Element) -> bool:
    """Move ``p``'s content to the start of the next paragraph and remove ``p``."""
    ppr = p.find(PPR)
    if ppr is not None and ppr.find(SECT_PR) is not None:
        return False
    following = p.getnext()
    while following is not None and (following.tag in _BETWEEN_PARAGRAPHS or not isinstance(following.tag, str)):
        following = following.getnext()
    if following is None or following.tag != P:
        return False
    content = [c for c in p if c.tag != PPR]
    target_ppr = following.find(PPR)
    position = following.index(target_ppr) + 1 if target_ppr is not None else 0
    for offset, child in enumerate(content):
        following.insert(position + offset, child)
    _drop(p)
    return True


def _remove_row(tr: etree._Element) -> None:
    """Remove a table row; a table left without rows goes too (its cell keeps a paragraph)."""
    table = tr.getparent()
    _drop(tr)
    while table is not None and table.tag != TBL:
        table = table.getparent()
    if table is None or any(True for _ in table.iter(TR)):
        return
    container = table.getparent()
    _drop(table)
    if container is not None and container.tag == TC and container.find(P) is None:
        etree.SubElement(container, P)


def _drop(element: etree._Element) -> None:
    """Remove ``element`` keeping the tail text (whitespace in practice) in place."""
    parent = element.getparent()
    if parent is None:
        return
    _keep_tail(element)
    parent.remove(element)


def _unwrap(element: etree._Element) -> None:
    """Replace ``element`` with its children."""
    parent = element.getparent()
    if parent is None:
        return
    position = parent.index(element)
    children = list(element)
    for offset, child in enumerate(children):
        parent.insert(position + offset, child)
    _drop(element)


def _keep_tail(element: etree._Element) -> None:
    if not element.tail:
        return
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + element.tail
    else:
        parent = element.getparent()
        parent.text = (parent.text or "") + element.tail
    element.tail = None


def count_revisions(root: etree._Element) -> int:
    """How many revision elements (of any kind) the tree holds."""
    tags = (INS, DEL, MOVE_FROM, MOVE_TO, CELL_INS, CELL_DEL, CELL_MERGE, NUMBERING_CHANGE, *_PROPERTY_CHANGES)
    return sum(1 for _ in root.iter(*tags))


__all__ = ["accept_all", "reject_all", "swap_revisions", "count_revisions", "may_have_revisions", "Resolution"]
