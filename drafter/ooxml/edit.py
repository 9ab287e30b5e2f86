"""Map accepted-view text offsets back to runs and edit there, plainly or as tracked changes.

The reader reports every paragraph's *accepted-view* text and locates it by part,
paragraph index (every ``w:p`` of the part in document order, see
:func:`drafter.ooxml.text.paragraph_elements`) and character offsets. This module
walks a paragraph with the reader's own walker (:class:`drafter.ooxml.text.InlineWalker`,
through :func:`drafter.ooxml.text.walk_paragraph`), so offset ``i`` of
``Paragraph.text`` is one character of one ``w:t`` (or the one character of a
``w:tab``, ``w:br``, ``w:sym`` ...) of the XML: a :class:`Segment`. Text that a
run shows through ``mc:AlternateContent`` (an emoji) is one segment whose node is
that AlternateContent: it is edited whole, never cut.

Entry points:

- :func:`locate`: the segments covering a range of a paragraph;
- :func:`split_at`: make a run boundary at a text offset (text unchanged), the
  primitive the comment writer anchors with;
- :func:`replace_text`: replace a range, keeping the first run's formatting; with
  ``tracked=True`` the old runs go into ``w:del`` (``w:t`` becomes ``w:delText``)
  and the new text into ``w:ins``: the redline form;
- :func:`apply_replacements`: many edits at once, right to left per paragraph so
  every offset refers to the text as it was before any edit.

Runs are split, never re-flowed: formatting, fields, footnote references,
drawings and other non-text run content stay where they were. Runs inside
``w:hyperlink``, ``w:ins``, ``w:sdt``, ``w:smartTag``, ``w:fldSimple`` and field
results are edited in place; a tracked insertion inside someone else's ``w:ins``
splits that wrapper, since ``w:ins`` cannot nest. Text inside equations (``m:r``)
is not edited (:class:`EditError`).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Iterable, Iterator

from lxml import etree

from drafter.ooxml.names import w
from drafter.ooxml.text import (
    DEL_TEXT, M_T, SOFT_HYPHEN, T, FieldState, InlineWalker, Segment, field_state_before,
    field_states_before,
    paragraph_elements, walk_paragraph, walk_part,
)

R, RPR, PPR = w("r"), w("rPr"), w("pPr")
INS, DEL, MOVE_FROM, MOVE_TO = w("ins"), w("del"), w("moveFrom"), w("moveTo")
RPR_CHANGE = w("rPrChange")
TAB, BR = w("tab"), w("br")
LAST_RENDERED_PAGE_BREAK = w("lastRenderedPageBreak")
HYPERLINK, SMART_TAG = w("hyperlink"), w("smartTag")

ID, AUTHOR, DATE = w("id"), w("author"), w("date")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

# Children that contribute no text and may go with the text around them when it is removed.
_NEUTRAL = frozenset({SOFT_HYPHEN, LAST_RENDERED_PAGE_BREAK})
# Wrappers that are removed when an edit leaves them with no content at all.
_EMPTY_REMOVABLE = frozenset({INS, MOVE_TO, HYPERLINK, SMART_TAG, w("customXml"), w("fldSimple")})
# Run-properties children that record revisions: never copied onto new text.
_RPR_REVISION_MARKS = frozenset({INS, DEL, MOVE_FROM, MOVE_TO, RPR_CHANGE})
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class EditError(ValueError):
    """An edit that cannot be made as asked (bad offsets, text inside an equation...)."""


@dataclass(frozen=True)
class Replacement:
    """One edit for :func:`apply_replacements`: ``text[start:end]`` of a paragraph becomes ``new_text``."""

    paragraph: int
    start: int
    end: int
    new_text: str


# -- reading: paragraph text as segments --------------------------------------


def paragraph_element(part_root: etree._Element, paragraph_index: int) -> etree._Element:
    """The ``w:p`` at ``paragraph_index`` (the reader's index rule); EditError when out of range."""
    paragraphs = paragraph_elements(part_root)
    if not 0 <= paragraph_index < len(paragraphs):
        raise EditError(f"paragraph {paragraph_index} does not exist (the part has {len(paragraphs)})")
    return paragraphs[paragraph_index]


def paragraph_segments(part_root: etree._Element, paragraph_index: int) -> list[Segment]:
    """Every segment of a paragraph's accepted-view text, in order, offsets from 0."""
    paragraph = paragraph_element(part_root, paragraph_index)
    return _segments(paragraph, field_state_before(paragraph))


def paragraph_text(part_root: etree._Element, paragraph_index: int) -> str:
    """The accepted-view text of a paragraph, as the reader reports it."""
    return "".join(s.text for s in paragraph_segments(part_root, paragraph_index))


def part_segments(part_root: etree._Element) -> Iterator[tuple[int, list[Segment]]]:
    """(paragraph index, segments) for every paragraph of a part, in one pass.

    Equivalent to :func:`paragraph_segments` for each index, in linear time.
    The tree must not be edited while the iterator runs.
    """
    for index, segments in walk_part(part_root):
        yield index, [s for s in segments if not s.deleted]


def locate(part_root: etree._Element, paragraph_index: int, start: int, end: int) -> list[Segment]:
    """The segments holding characters ``start``..``end`` of a paragraph's text.

    The first and last segments may reach beyond the range (a ``w:t`` holds
    many characters); an empty range gives ``[]``.
    """
    segments = paragraph_segments(part_root, paragraph_index)
    _check_range(segments, start, end)
    return [s for s in segments if s.end > start and s.start < end]


def _check_range(segments: list[Segment], start: int, end: int) -> None:
    length = segments[-1].end if segments else 0
    if not (0 <= start <= end <= length):
        raise EditError(f"range {start}..{end} is outside the paragraph's text (length {length})")


def _segments(paragraph: etree._Element, fields) -> list[Segment]:
    """The paragraph's accepted-view segments (deleted text left out)."""
    return [s for s in walk_paragraph(paragraph, fields) if not s.deleted]


# -- structural primitives -----------------------------------------------------


class RevisionIds:
    """Hands out ``w:id`` values not used anywhere in a part (revisions must be unique)."""

    def __init__(self, part_root: etree._Element) -> None:
        used = [int(v) for v in part_root.xpath("//@w:id", namespaces={"w": w("")[1:-1]})
                if v.strip().lstrip("-").isdigit()]
        self.next = max(used, default=0) + 1

    def take(self) -> str:
        value = self.next
        self.next += 1
        return str(value)


def _content_children(run: etree._Element) -> list[etree._Element]:
    return [c for c in run if c.tag != RPR]


def _new_run_like(run: etree._Element, ids: RevisionIds | None) -> etree._Element:
    """An empty run with ``run``'s attributes and a copy of its properties."""
    twin = run.makeelement(run.tag, dict(run.attrib))
    rpr = run.find(RPR)
    if rpr is not None:
        rpr_copy = copy.deepcopy(rpr)
        if ids is not None:
            for change in rpr_copy.iter(RPR_CHANGE):
                change.set(ID, ids.take())
        twin.append(rpr_copy)
    return twin


def _split_run_before(run: etree._Element, child: etree._Element, ids: RevisionIds | None) -> etree._Element:
    """Move ``child`` and what follows it into a new run after ``run``; return that run.

    When ``child`` is already the run's first content, nothing changes and ``run``
    is returned.
    """
    content = _content_children(run)
    if not content or content[0] is child:
        return run
    twin = _new_run_like(run, ids)
    moving = content[content.index(child):]
    run.addnext(twin)
    for element in moving:
        twin.append(element)
    return twin


def _split_run_after(run: etree._Element, child: etree._Element, ids: RevisionIds | None) -> etree._Element:
    """Make ``child`` the run's last content (what follows moves to a new run); return ``run``."""
    content = _content_children(run)
    position = content.index(child)
    if position + 1 < len(content):
        _split_run_before(run, content[position + 1], ids)
    return run


def _split_text_node(node: etree._Element, at: int) -> etree._Element:
    """Cut a ``w:t`` in two at character ``at``; return the second half (a new sibling)."""
    text = node.text or ""
    twin = node.makeelement(node.tag, dict(node.attrib))
    node.text = text[:at]
    twin.text = text[at:]
    for element in (node, twin):
        if element.text != element.text.strip() or "  " in element.text:
            element.set(XML_SPACE, "preserve")
    twin.tail = node.tail
    node.tail = None
    node.addnext(twin)
    return twin


def _cut_text_at(segments: list[Segment], offset: int) -> bool:
    """Make ``offset`` fall between two XML elements; True when a text node was cut."""
    for segment in segments:
        if segment.start < offset < segment.end:
            if segment.node.tag not in (T, M_T):
                raise EditError(f"offset {offset} falls inside an element that cannot be cut "
                                f"(<{etree.QName(segment.node).localname}>)")
            if segment.in_math:
                return False
            _split_text_node(segment.node, offset - segment.start)
            return True
    return False


def split_at(part_root: etree._Element, paragraph_index: int, offset: int,
             ids: RevisionIds | None = None) -> None:
    """Make a run boundary at ``offset`` of a paragraph's text; the text does not change.

    Afterwards one run ends just after character ``offset - 1`` and another starts
    just before character ``offset`` (where those characters exist and are not
    inside an equation, which is never split).
    """
    ids = ids or RevisionIds(part_root)
    paragraph = paragraph_element(part_root, paragraph_index)
    fields = field_state_before(paragraph)
    segments = _segments(paragraph, fields)
    _check_range(segments, offset, offset)
    if _cut_text_at(segments, offset):
        segments = _segments(paragraph, fields)
    following = next((s for s in segments if s.start == offset and not s.in_math), None)
    if following is not None:
        _split_run_before(following.run, following.node, ids)
        segments = _segments(paragraph, fields)
    preceding = next((s for s in segments if s.end == offset and not s.in_math), None)
    if preceding is not None:
        _split_run_after(preceding.run, preceding.node, ids)


# -- editing ----------------------------------------------------------------------


def replace_text(part_root: etree._Element, paragraph_index: int, start: int, end: int, new_text: str,
                 tracked: bool = False, author: str = "drafter", date: str | None = None,
                 ids: RevisionIds | None = None) -> None:
    """Replace characters ``start``..``end`` of a paragraph's accepted-view text with ``new_text``.

    Runs are split at the range's edges; the new text takes the first replaced
    run's formatting (for a pure insertion, the run before it; in an empty
    paragraph, the paragraph mark's). ``"\\t"`` and ``"\\n"`` in ``new_text``
    become ``w:tab`` and ``w:br``. With ``tracked`` the old text is wrapped in
    ``w:del`` and the new one in ``w:ins`` by ``author`` at ``date`` (ISO 8601,
    default now), each with a fresh ``w:id``.

    Raises :class:`EditError` for offsets outside the text, text inside an
    equation, or characters XML cannot hold; the tree is unchanged then.
    """
    paragraph = paragraph_element(part_root, paragraph_index)
    _replace_in(part_root, paragraph, field_state_before(paragraph), start, end, new_text,
                tracked, author, date, ids)


def _replace_in(part_root: etree._Element, paragraph: etree._Element, fields: FieldState, start: int, end: int,
                new_text: str, tracked: bool, author: str, date: str | None, ids: RevisionIds | None) -> None:
    """replace_text on a paragraph element whose story's field state is already known."""
    if _XML_ILLEGAL.search(new_text):
        raise EditError("the new text holds control characters that a Word document cannot contain")
    if start == end and not new_text:
        return
    ids = ids or RevisionIds(part_root)
    date = date or now_iso()
    segments = _segments(paragraph, fields)
    _check_range(segments, start, end)
    touched = [s for s in segments if s.end > start and s.start < end]
    if any(s.in_math for s in touched):
        raise EditError("text inside an equation cannot be edited")
    at_end = False
    if not segments and fields.hidden:
        # The paragraph starts inside a field's code: new text shows only after that field ends here.
        after = fields.copy()
        InlineWalker(after).walk(paragraph)
        if after.hidden:
            raise EditError("the paragraph lies inside a field's code, where inserted text would not show")
        at_end = True

    cut = _cut_text_at(segments, end)
    cut = _cut_text_at(segments if not cut else _segments(paragraph, fields), start) or cut
    if cut:
        segments = _segments(paragraph, fields)

    if start == end:
        _insert(paragraph, segments, start, new_text, tracked, author, date, ids, at_end)
        return
    covered = [s for s in segments if start <= s.start and s.end <= end]
    runs = _isolate(covered, ids)
    if tracked:
        groups = _wrap_deleted(runs, author, date, ids)
        if new_text:
            anchor = _escape_tracked_after(groups[0], ids)
            anchor.addnext(_inserted(_text_run(runs[0], new_text), author, date, ids))
    else:
        if new_text:
            first = runs[0]
            first.addprevious(_text_run(first, new_text))
        for run in runs:
            parent = run.getparent()
            parent.remove(run)
            _drop_if_empty(parent)


def apply_replacements(part_root: etree._Element, edits: Iterable[Replacement | tuple],
                       tracked: bool = False, author: str = "drafter", date: str | None = None) -> int:
    """Apply many replacements, all offsets referring to the text before any edit; return the count.

    Edits are applied right to left within each paragraph. Overlapping ranges
    (or two insertions at one offset) raise :class:`EditError` before anything
    changes.
    """
    planned = [e if isinstance(e, Replacement) else Replacement(*e) for e in edits]
    planned.sort(key=lambda e: (e.paragraph, e.start, e.end))
    for before, after in zip(planned, planned[1:]):
        if before.paragraph == after.paragraph and (
                after.start < before.end or (after.start == before.start and before.start == before.end)):
            raise EditError(f"edits {before.start}..{before.end} and {after.start}..{after.end} "
                            f"overlap in paragraph {before.paragraph}")
    # Edits change text inside paragraphs, never which paragraphs or field
    # characters exist: the paragraph list and each paragraph's field state are
    # found once for the whole batch, so a batch costs one walk of the part.
    elements = paragraph_elements(part_root)
    for edit in planned:
        if not 0 <= edit.paragraph < len(elements):
            raise EditError(f"paragraph {edit.paragraph} does not exist (the part has {len(elements)})")
    states = field_states_before({id(elements[e.paragraph]): elements[e.paragraph] for e in planned}.values())
    for edit in planned:
        paragraph = elements[edit.paragraph]
        length = sum(len(s.text) for s in _segments(paragraph, states[id(paragraph)]))
        if not 0 <= edit.start <= edit.end <= length:
            raise EditError(f"range {edit.start}..{edit.end} is outside paragraph {edit.paragraph} "
                            f"(length {length})")
    ids = RevisionIds(part_root)
    date = date or now_iso()
    for edit in sorted(planned, key=lambda e: (e.paragraph, -e.start, -e.end)):
        paragraph = elements[edit.paragraph]
        _replace_in(part_root, paragraph, states[id(paragraph)], edit.start, edit.end, edit.new_text,
                    tracked, author, date, ids)
    return len(planned)


def now_iso() -> str:
    """The current UTC time as Word writes revision and comment dates."""
    return datetime.now(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _isolate(covered: list[Segment], ids: RevisionIds) -> list[etree._Element]:
    """Runs holding exactly the covered segments' nodes (and the neutral marks between them).

    Other run content between the covered nodes (footnote references, field
    characters, drawings) is moved to runs of its own so it survives the edit.
    """
    nodes = {id(s.node) for s in covered}
    result: list[etree._Element] = []
    seen: set[int] = set()
    ordered_runs = []
    for segment in covered:
        if id(segment.run) not in seen:
            seen.add(id(segment.run))
            ordered_runs.append(segment.run)
    for run in ordered_runs:
        content = _content_children(run)
        first = next(i for i, c in enumerate(content) if id(c) in nodes)
        last = max(i for i, c in enumerate(content) if id(c) in nodes)
        inside = [c for c in content[first:last + 1]]
        kinds = ["text" if id(c) in nodes or c.tag in _NEUTRAL else "other" for c in inside]
        # split into pieces of one kind: first cut off what lies outside first..last
        if last + 1 < len(content):
            _split_run_before(run, content[last + 1], ids)
        current = _split_run_before(run, content[first], ids)
        piece_start = 0
        for i in range(1, len(inside) + 1):
            if i == len(inside) or kinds[i] != kinds[piece_start]:
                if kinds[piece_start] == "text":
                    result.append(current)
                if i < len(inside):
                    current = _split_run_before(current, inside[i], ids)
                    piece_start = i
    return result


def _wrap_deleted(runs: list[etree._Element], author: str, date: str, ids: RevisionIds) -> list[etree._Element]:
    """Wrap runs in ``w:del``, one wrapper per row of sibling runs; ``w:t`` becomes ``w:delText``."""
    groups: list[etree._Element] = []
    for run in runs:
        for node in run.iter(T):
            node.tag = DEL_TEXT
        if groups and run.getprevious() is groups[-1]:
            groups[-1].append(run)
        else:
            wrapper = run.makeelement(DEL, {ID: ids.take(), AUTHOR: author, DATE: date})
            run.addprevious(wrapper)
            wrapper.append(run)
            groups.append(wrapper)
    return groups


def _inserted(run: etree._Element, author: str, date: str, ids: RevisionIds) -> etree._Element:
    wrapper = run.makeelement(INS, {ID: ids.take(), AUTHOR: author, DATE: date})
    wrapper.append(run)
    return wrapper


def _text_run(model: etree._Element, text: str) -> etree._Element:
    """A new run showing ``text`` with ``model``'s formatting (revision marks left out)."""
    run = model.makeelement(R, {})
    rpr = model.find(RPR) if model.tag in (R, PPR) else None
    if rpr is not None:
        rpr_copy = copy.deepcopy(rpr)
        for mark in [c for c in rpr_copy if c.tag in _RPR_REVISION_MARKS]:
            rpr_copy.remove(mark)
        if len(rpr_copy) or rpr_copy.attrib:
            rpr_copy.tag = RPR
            run.append(rpr_copy)
    for piece in re.split(r"([\t\n])", text):
        if piece == "\t":
            run.append(run.makeelement(TAB, {}))
        elif piece == "\n":
            run.append(run.makeelement(BR, {}))
        elif piece:
            node = run.makeelement(T, {XML_SPACE: "preserve"})
            node.text = piece
            run.append(node)
    return run


def _insert(paragraph: etree._Element, segments: list[Segment], offset: int, text: str, tracked: bool,
            author: str, date: str, ids: RevisionIds, at_end: bool = False) -> None:
    """Insert ``text`` at ``offset`` (a run boundary there already exists or is made).

    In a paragraph without text the new run goes first, or last with ``at_end``.
    """
    before = [s for s in segments if s.end == offset and not s.in_math]
    after = [s for s in segments if s.start == offset and not s.in_math]
    if offset > 0 and before:
        segment = before[-1]
        run = _split_run_after(segment.run, segment.node, ids)
        new = _text_run(run, text)
        if tracked:
            _escape_tracked_after(run, ids).addnext(_inserted(new, author, date, ids))
        else:
            run.addnext(new)
    elif after:
        segment = after[0]
        run = _split_run_before(segment.run, segment.node, ids)
        new = _text_run(run, text)
        if tracked:
            _escape_tracked_before(run, ids).addprevious(_inserted(new, author, date, ids))
        else:
            run.addprevious(new)
    elif segments:
        raise EditError("text cannot be inserted inside an equation")
    else:
        ppr = paragraph.find(PPR)
        new = _text_run(ppr if ppr is not None else paragraph, text)
        if tracked:
            new = _inserted(new, author, date, ids)
        if at_end:
            paragraph.append(new)
        else:
            paragraph.insert(1 if ppr is not None and paragraph[0] is ppr else 0, new)


def _escape_tracked_after(element: etree._Element, ids: RevisionIds) -> etree._Element:
    """The outermost element to insert after so the insertion is outside any w:ins/w:moveTo.

    A tracked wrapper around ``element`` is split in two after it: its later
    content goes to a copy (fresh ``w:id``) placed after it.
    """
    while element.getparent() is not None and element.getparent().tag in (INS, MOVE_TO):
        wrapper = element.getparent()
        later = list(element.itersiblings())
        if later:
            twin = wrapper.makeelement(wrapper.tag, dict(wrapper.attrib))
            twin.set(ID, ids.take())
            wrapper.addnext(twin)
            for item in later:
                twin.append(item)
        element = wrapper
    return element


def _escape_tracked_before(element: etree._Element, ids: RevisionIds) -> etree._Element:
    """Like :func:`_escape_tracked_after`, for inserting before ``element``."""
    while element.getparent() is not None and element.getparent().tag in (INS, MOVE_TO):
        wrapper = element.getparent()
        earlier = list(element.itersiblings(preceding=True))
        if earlier:
            twin = wrapper.makeelement(wrapper.tag, dict(wrapper.attrib))
            twin.set(ID, ids.take())
            wrapper.addprevious(twin)
            for item in reversed(earlier):
                twin.append(item)
        element = wrapper
    return element


def _drop_if_empty(element: etree._Element | None) -> None:
    """Remove wrappers an edit emptied (an empty w:ins or w:hyperlink is noise)."""
    while element is not None and element.tag in _EMPTY_REMOVABLE and len(element) == 0:
        parent = element.getparent()
        if parent is None:
            return
        parent.remove(element)
        element = parent


__all__ = [
    "EditError", "Segment", "Replacement", "RevisionIds", "locate", "paragraph_segments", "part_segments",
    "paragraph_text", "paragraph_element", "split_at", "replace_text", "apply_replacements", "now_iso",
]
