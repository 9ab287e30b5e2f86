"""The redline: NEW with the changes since OLD as Word tracked changes, measure by measure.

``drafter diff OLD NEW --redline OUT.docx`` writes a copy of NEW in which:

- modified measures: each changed word span of the title, body and fields is a
  tracked insertion (the new words) next to a tracked deletion (the old ones);
  a pure insertion or deletion takes the space before it along, so accepting
  all gives NEW and rejecting all gives OLD's wording. Deleted text that held
  a paragraph break shows it as a deleted line break;
- renumbered measures with typed numbers: the number is changed the same way
  (auto-numbered ones are renumbered by Word itself: nothing to mark);
- added measures: every paragraph of the measure is a tracked insertion, its
  paragraph mark included (and the table row, in a table layout), so
  rejecting removes the measure;
- removed measures: their text (label, title, body, field lines) is put back as
  tracked-deleted paragraphs right after the new place of the measure that
  preceded them in OLD (before the first measure when none did). In a table
  layout a deleted paragraph cannot stand between rows, so the removed measure
  is listed in a comment on the preceding measure's title instead;
- renamed chapters and objectives: the changed words of their heading, as
  for measures; an added one's heading is a tracked insertion (a removed
  one is not put back);
- moved, split and merged measures get a comment on their title saying where
  they came from, so a reviewer does not read them as new.

Word-level edits go through :func:`drafter.ooxml.edit.replace_text`: it edits
the runs and records the old text as a deletion and the replacement as an
insertion; here the edit is made the other way round (NEW's words replaced by
OLD's) and the two wrappers it made are then swapped, which leaves NEW's text
marked inserted and OLD's marked deleted with every run's formatting kept.
Paragraphs NEW's text does not match (the reader's view and the XML disagree)
are left alone and counted in :attr:`RedlineSummary.skipped`.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from lxml import etree

from drafter.diff.result import MeasureDiff, ProgrammeDiff
from drafter.diff.textdiff import WordOp
from drafter.io import check_output_path, write_bytes_atomic
from drafter.model import Measure
from drafter.ooxml.comments_write import CommentWriter
from drafter.ooxml.edit import EditError, RevisionIds, paragraph_element, paragraph_text, replace_text
from drafter.ooxml.names import w
from drafter.ooxml.package import Package
from drafter.ooxml.text import DEL_TEXT, T
from drafter.ooxml.writer import PackageEditor

AUTHOR = "drafter diff"
INS, DEL, P, R, PPR, RPR = w("ins"), w("del"), w("p"), w("r"), w("pPr"), w("rPr")
TR, TR_PR, TC, NUM_PR, SECT_PR = w("tr"), w("trPr"), w("tc"), w("numPr"), w("sectPr")
PPR_CHANGE, TR_PR_CHANGE, TBL_PR_EX = w("pPrChange"), w("trPrChange"), w("tblPrEx")
INSTR_TEXT, DEL_INSTR_TEXT = w("instrText"), w("delInstrText")
ID, AUTHOR_ATTR, DATE = w("id"), w("author"), w("date")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class RedlineSummary:
    """What the redline holds: counts of marked spans, measures and problems."""

    word_changes: int = 0
    inserted_measures: int = 0
    deleted_measures: int = 0
    comments: int = 0
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Edit:
    """NEW's text ``start``..``end`` of a paragraph replaced OLD's ``old_text``."""

    paragraph: int
    start: int
    end: int
    old_text: str
    whole_paragraph: bool = False  # an inserted line that is a paragraph of its own


def write_redline(old_path, new_path, diff: ProgrammeDiff, output, author: str = AUTHOR,
                  date: str | None = None) -> RedlineSummary:
    """Write the redline of ``diff`` (made from ``new_path``) to ``output``, atomically."""
    check_output_path(Path(output), [Path(old_path), Path(new_path)])
    data, summary = redline_bytes(new_path, diff, author, date)
    write_bytes_atomic(Path(output), data, inputs=[Path(old_path), Path(new_path)])
    return summary


def redline_bytes(new_path, diff: ProgrammeDiff, author: str = AUTHOR,
                  date: str | None = None) -> tuple[bytes, RedlineSummary]:
    """The redline as DOCX bytes, and what it holds."""
    editor = PackageEditor(Package(str(new_path)))
    maker = _Redline(editor, diff, author, date or _default_date())
    maker.run()
    return editor.to_bytes(), maker.summary


class _Redline:
    def __init__(self, editor: PackageEditor, diff: ProgrammeDiff, author: str, date: str) -> None:
        self.editor, self.diff, self.author, self.date = editor, diff, author, date
        self.part = editor.main_part
        self.root = editor.tree(self.part)
        self.ids = RevisionIds(self.root)
        self.summary = RedlineSummary()
        self.comments: CommentWriter | None = None

    def run(self) -> None:
        edits: list[_Edit] = []
        comments: list[tuple[int, str]] = []
        deletions: list[tuple[etree._Element, bool, MeasureDiff, Measure | None]] = []
        previous: MeasureDiff | None = None
        first_new = next((m for m in self.diff.measures if m.new is not None), None)
        for m in self.diff.measures:
            if m.status == "removed":
                self._plan_removed(m, previous, first_new, deletions, comments)
                continue
            if m.old is not None:
                edits += self._measure_edits(m)
                note = self._provenance(m)
                if note and m.new.title_location is not None:
                    comments.append((m.new.title_location.paragraph, note))
            previous = m

        edits += self._heading_edits()
        for paragraph, group in _by_paragraph(edits):
            for edit in sorted(group, key=lambda e: (-e.start, -e.end)):
                self._mark(edit)
        for m in self.diff.measures:
            if m.status == "added":
                self._mark_inserted_measure(m.new)
        for node in (*self.diff.chapters, *self.diff.objectives):
            if node.status == "added" and node.new_paragraph is not None:
                self._mark_inserted_paragraph(node.new_paragraph)
        if comments:
            self.comments = CommentWriter(self.editor)
            for paragraph, text in comments:
                try:
                    self.comments.add(self.root, paragraph, 0, 0, self.author, "DD", text, self.date)
                    self.summary.comments += 1
                except EditError as exc:
                    self.summary.skipped.append(f"comment on paragraph {paragraph}: {exc}")
            self.comments.close()
        cursors: dict[int, etree._Element] = {}
        for anchor, after, m, template in deletions:
            # after an anchor, each removed measure follows the one put back before it
            start = cursors.get(id(anchor), anchor) if after else anchor
            cursors[id(anchor)] = self._insert_deleted(start, after, m.old, template)
            self.summary.deleted_measures += 1

    # -- planning ---------------------------------------------------------------------

    def _measure_edits(self, m: MeasureDiff) -> list[_Edit]:
        old, new = m.old, m.new
        edits: list[_Edit] = []
        if m.title_ops and new.title_location is not None:
            loc = new.title_location
            edits += self._component(m.title_ops, old.title, new.title, [(loc.paragraph, loc.start, new.title)])
        if m.text_ops:
            lines = new.text.split("\n")
            places = []
            for k in m.new_body_lines:
                if k < len(new.body_locations):
                    loc = new.body_locations[k]
                    places.append((loc.paragraph, loc.start, lines[k]))
                else:
                    places.append((None, 0, lines[k]))
            edits += self._component(m.text_ops, m.old_body, m.new_body, places)
        for change in m.fields:
            lines = [f for f in new.fields if f.key == change.key]
            if not lines or change.old is None:
                for f in lines:  # a field line only NEW has: all of it inserted
                    edits.append(_Edit(f.location.paragraph, f.location.start, f.location.start + len(f.value), ""))
                continue
            places = [(f.location.paragraph, f.location.start, f.value) for f in lines]
            edits += self._component(change.ops, change.old, change.new, places)
        if m.renumbered and not new.auto_numbered and old.number is not None and new.number is not None:
            edit = self._number_edit(new, old.number)
            if edit is not None:
                edits.append(edit)
        return edits

    def _component(self, ops, old_text: str, new_text: str, places) -> list[_Edit]:
        """Edits for the ops of one text (title, body, field) laid over its paragraphs.

        ``places`` are (paragraph, start offset in it, line) for each line of
        ``new_text`` (lines joined by newlines).
        """
        offsets, position = [], 0
        for paragraph, start, line in places:
            offsets.append((position, position + len(line), paragraph, start, line))
            position += len(line) + 1
        edits = []
        for op in ops:
            new_start, new_end, old_piece = _extended(op, old_text, new_text)
            pieces = [(a, b, p, s, line) for a, b, p, s, line in offsets
                      if (a < new_end and new_start < b) or (new_start == new_end and a <= new_start <= b)]
            if new_start == new_end:
                pieces = pieces[:1]
            first = True
            for a, b, paragraph, start, line in pieces:
                if paragraph is None or not self._matches(paragraph, start, line):
                    self.summary.skipped.append(f"paragraph {paragraph}: text differs from the reader's view")
                    break
                lo, hi = max(new_start, a) - a, min(new_end, b) - a
                whole = op.op == "insert" and lo == 0 and hi == len(line) and len(places) > 1 and \
                    len(paragraph_text(self.root, paragraph)) == len(line)
                edits.append(_Edit(paragraph, start + lo, start + max(lo, hi), old_piece if first else "", whole))
                first = False
        return edits

    def _matches(self, paragraph: int, start: int, line: str) -> bool:
        try:
            return paragraph_text(self.root, paragraph)[start:start + len(line)] == line
        except EditError:
            return False

    def _heading_edits(self) -> list[_Edit]:
        """Renamed chapter and objective headings: their title's changed words."""
        edits: list[_Edit] = []
        for node in (*self.diff.chapters, *self.diff.objectives):
            if not node.title_ops or node.new_paragraph is None or not node.new_title:
                continue
            try:
                text = paragraph_text(self.root, node.new_paragraph)
            except EditError:
                continue
            start = text.rfind(node.new_title)
            if start < 0:
                self.summary.skipped.append(f"{node.kind} {node.new_number}: heading text not found")
                continue
            edits += self._component(node.title_ops, node.old_title, node.new_title,
                                     [(node.new_paragraph, start, node.new_title)])
        return edits

    def _mark_inserted_paragraph(self, index: int) -> None:
        try:
            text = paragraph_text(self.root, index)
            if text:
                self._mark(_Edit(index, 0, len(text), ""))
            self._mark_paragraph_mark(paragraph_element(self.root, index), INS)
        except EditError as exc:
            self.summary.skipped.append(f"paragraph {index}: {exc}")

    def _number_edit(self, new: Measure, old_number: int) -> _Edit | None:
        """The typed number of ``new`` (in its label) as an edit back to ``old_number``."""
        candidates = [p for p in new.paragraphs if new.title_location is None or p <= new.title_location.paragraph]
        for paragraph in candidates:
            try:
                text = paragraph_text(self.root, paragraph)
            except EditError:
                continue
            limit = new.title_location.start if new.title_location and paragraph == new.title_location.paragraph \
                else len(text)
            hit = re.search(rf"(?<!\d){new.number}(?!\d)", text[:limit])
            if hit:
                return _Edit(paragraph, hit.start(), hit.end(), str(old_number))
        return None

    def _provenance(self, m: MeasureDiff) -> str | None:
        lines = []
        if m.moved:
            lines.append(f"Siirretty / moved: {_place(m.old_place)} → {_place(m.new_place)} "
                         f"(old measure {m.old_number}).")
        if m.split_into:
            parts = ", ".join(str(self.diff.new_number_of(j)) for j in m.split_into)
            lines.append(f"Jaettu / split: old measure {m.old_number} continues here and in {parts}.")
        if m.merged_from:
            sources = ", ".join(str(self.diff.old_number_of(i)) for i in m.merged_from)
            lines.append(f"Yhdistetty / merged: also holds old measure {sources}.")
        return "\n".join(lines) or None

    def _plan_removed(self, m: MeasureDiff, previous: MeasureDiff | None, first_new: MeasureDiff | None,
                      deletions: list, comments: list) -> None:
        anchor_measure = previous.new if previous is not None else (first_new.new if first_new else None)
        if anchor_measure is None or not anchor_measure.paragraphs:
            # NEW has no measures at all: the removed ones go to the end of the body
            last = self._last_body_paragraph()
            if last is None:
                self.summary.skipped.append(f"removed measure {m.old_number}: no place for it in NEW")
            else:
                deletions.append((last, True, m, None))
            return
        after = previous is not None
        index = max(anchor_measure.paragraphs) if after else min(anchor_measure.paragraphs)
        try:
            anchor = paragraph_element(self.root, index)
        except EditError:
            self.summary.skipped.append(f"removed measure {m.old_number}: paragraph {index} not found")
            return
        if _ancestor(anchor, TC) is not None:
            note = f"Poistettu / removed: old measure {m.old_number}. {m.old.title}"
            if m.merged_into is not None:
                note += f" (merged into {self.diff.new_number_of(m.merged_into)})"
            comments.append((anchor_measure.title_location.paragraph if anchor_measure.title_location else index,
                             note + "\n" + m.old.full_text))
            return
        deletions.append((anchor, after, m, anchor_measure))

    # -- XML ------------------------------------------------------------------------

    def _mark(self, edit: _Edit) -> None:
        """Mark NEW's span inserted and OLD's text deleted, by a reversed tracked edit and a swap."""
        first_id = self.ids.next
        try:
            replace_text(self.root, edit.paragraph, edit.start, edit.end, edit.old_text, tracked=True,
                         author=self.author, date=self.date, ids=self.ids)
        except EditError as exc:
            self.summary.skipped.append(f"paragraph {edit.paragraph}: {exc}")
            return
        paragraph = paragraph_element(self.root, edit.paragraph)
        made = [wrapper for wrapper in paragraph.iter(INS, DEL)
                if wrapper.get(AUTHOR_ATTR) == self.author and wrapper.get(DATE) == self.date
                and _int(wrapper.get(ID)) >= first_id]
        for wrapper in made:
            _swap(wrapper)
        inserted = [x for x in made if x.tag == INS]
        for deleted in (x for x in made if x.tag == DEL):
            # Word's own order: the old words first, then the new ones
            if inserted and deleted.getparent() is inserted[0].getparent():
                inserted[0].addprevious(deleted)
        if edit.whole_paragraph:
            self._mark_paragraph_mark(paragraph, INS)
        self.summary.word_changes += 1

    def _mark_inserted_measure(self, measure: Measure) -> None:
        rows = set()
        for index in measure.paragraphs:
            try:
                text = paragraph_text(self.root, index)
                if text:
                    self._mark(_Edit(index, 0, len(text), ""))
                    self.summary.word_changes -= 1
                paragraph = paragraph_element(self.root, index)
            except EditError as exc:
                self.summary.skipped.append(f"added measure {measure.number}: {exc}")
                continue
            self._mark_paragraph_mark(paragraph, INS)
            row = _ancestor(paragraph, TR)
            if row is not None and measure.layout == "table":
                rows.add(row)
        for row in rows:
            tr_pr = row.find(TR_PR)
            if tr_pr is None:
                tr_pr = row.makeelement(TR_PR, {})
                ex = row.find(TBL_PR_EX)
                row.insert(row.index(ex) + 1 if ex is not None else 0, tr_pr)
            if tr_pr.find(INS) is None:
                mark = tr_pr.makeelement(INS, self._stamp())
                change = tr_pr.find(TR_PR_CHANGE)
                if change is not None:
                    change.addprevious(mark)
                else:
                    tr_pr.append(mark)
        self.summary.inserted_measures += 1

    def _mark_paragraph_mark(self, paragraph: etree._Element, kind: str) -> None:
        ppr = paragraph.find(PPR)
        if ppr is None:
            ppr = paragraph.makeelement(PPR, {})
            paragraph.insert(0, ppr)
        rpr = ppr.find(RPR)
        if rpr is None:
            rpr = ppr.makeelement(RPR, {})
            later = next((c for c in ppr if c.tag in (SECT_PR, PPR_CHANGE)), None)
            if later is not None:
                later.addprevious(rpr)
            else:
                ppr.append(rpr)
        if rpr.find(INS) is None and rpr.find(DEL) is None:
            rpr.insert(0, rpr.makeelement(kind, self._stamp()))

    def _last_body_paragraph(self) -> etree._Element | None:
        body = self.root.find(w("body"))
        paragraphs = [c for c in body if c.tag == P] if body is not None else []
        return paragraphs[-1] if paragraphs else None

    def _insert_deleted(self, anchor: etree._Element, after: bool, old: Measure,
                        template: Measure | None) -> etree._Element:
        """Put ``old``'s lines back as deleted paragraphs next to ``anchor``; return the last one placed."""
        title_at = template.title_location.paragraph if template and template.title_location else None
        body_at = template.body_locations[0].paragraph if template and template.body_locations else None
        title_model = self._model(title_at, anchor)
        body_model = self._model(body_at, anchor)
        lines: list[tuple[etree._Element, str]] = []
        label = f"{old.label} " if old.label else ""
        lines.append((title_model, f"{label}{old.title}"))
        lines += [(body_model, line) for line in old.text.split("\n") if line]
        lines += [(body_model, f"{f.label}: {f.value}" if f.label else f.value) for f in old.fields
                  if f.source != "title-brackets"]
        placed = []
        cursor = anchor
        for model, text in lines:
            paragraph = self._deleted_paragraph(model, text)
            if after:
                _after_paragraph(cursor).addnext(paragraph)
                cursor = paragraph
            else:
                cursor.addprevious(paragraph)
            placed.append(paragraph)
        return placed[-1]

    def _model(self, index: int | None, fallback: etree._Element) -> etree._Element:
        if index is None:
            return fallback
        try:
            return paragraph_element(self.root, index)
        except EditError:
            return fallback

    def _deleted_paragraph(self, model: etree._Element, text: str) -> etree._Element:
        paragraph = model.makeelement(P, {})
        model_ppr = model.find(PPR)
        run_model = next(model.iter(R), None)
        if model_ppr is not None:
            ppr = copy.deepcopy(model_ppr)
            for child in list(ppr):
                if child.tag in (NUM_PR, SECT_PR, PPR_CHANGE):
                    ppr.remove(child)
            for mark in list(ppr.iter(INS, DEL)):
                mark.getparent().remove(mark)
            paragraph.append(ppr)
        run = paragraph.makeelement(R, {})
        if run_model is not None and run_model.find(RPR) is not None:
            rpr = copy.deepcopy(run_model.find(RPR))
            for mark in [c for c in rpr if c.tag in (INS, DEL, w("rPrChange"))]:
                rpr.remove(mark)
            run.append(rpr)
        node = run.makeelement(DEL_TEXT, {XML_SPACE: "preserve"})
        node.text = _xml_safe(text)
        run.append(node)
        wrapper = paragraph.makeelement(DEL, self._stamp())
        wrapper.append(run)
        paragraph.append(wrapper)
        self._mark_paragraph_mark(paragraph, DEL)
        return paragraph

    def _stamp(self) -> dict[str, str]:
        return {ID: self.ids.take(), AUTHOR_ATTR: self.author, DATE: self.date}


def _extended(op: WordOp, old_text: str, new_text: str) -> tuple[int, int, str]:
    """NEW's span and OLD's text for ``op``; a pure insertion or deletion takes its space along."""
    if op.op == "insert":
        start, end = op.new_start, op.new_end
        if start > 0:
            while start > 0 and new_text[start - 1].isspace() and new_text[start - 1] != "\n":
                start -= 1
        else:
            while end < len(new_text) and new_text[end].isspace() and new_text[end] != "\n":
                end += 1
        return start, end, ""
    if op.op == "delete":
        start, end = op.old_start, op.old_end
        if start > 0:
            while start > 0 and old_text[start - 1].isspace():
                start -= 1
        else:
            while end < len(old_text) and old_text[end].isspace():
                end += 1
        return op.new_start, op.new_end, old_text[start:end]
    return op.new_start, op.new_end, op.old


def _swap(wrapper: etree._Element) -> None:
    """Turn one tracked insertion into a deletion or back, its text nodes with it."""
    if wrapper.tag == DEL:
        wrapper.tag = INS
        for node in wrapper.iter(DEL_TEXT, DEL_INSTR_TEXT):
            node.tag = T if node.tag == DEL_TEXT else INSTR_TEXT
    else:
        wrapper.tag = DEL
        for node in wrapper.iter(T, INSTR_TEXT):
            node.tag = DEL_TEXT if node.tag == T else DEL_INSTR_TEXT


def _by_paragraph(edits: list[_Edit]):
    groups: dict[int, list[_Edit]] = {}
    for edit in edits:
        groups.setdefault(edit.paragraph, []).append(edit)
    for paragraph in sorted(groups):
        group = groups[paragraph]
        kept: list[_Edit] = []
        for edit in sorted(group, key=lambda e: (e.start, e.end)):
            if kept and (edit.start < kept[-1].end or (edit.start == kept[-1].start == kept[-1].end == edit.end)):
                continue  # overlapping edits: keep the first
            kept.append(edit)
        yield paragraph, kept


def _after_paragraph(paragraph: etree._Element) -> etree._Element:
    """The element to insert after so the new paragraph follows ``paragraph`` in the body."""
    node = paragraph
    while node.getparent() is not None and node.getparent().tag not in (w("body"), TC, w("sdtContent")):
        node = node.getparent()
    return node


def _ancestor(element: etree._Element, tag: str) -> etree._Element | None:
    node = element.getparent()
    while node is not None:
        if node.tag == tag:
            return node
        node = node.getparent()
    return None


def _place(place) -> str:
    if place is None:
        return "—"
    chapter, objective = place
    text = f"tavoite {objective}" if objective is not None else "ei tavoitetta"
    return f"{text}, luku {chapter}" if chapter else text


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return -1


def _xml_safe(text: str) -> str:
    return re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", text)


def _default_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return datetime.now(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


__all__ = ["write_redline", "redline_bytes", "RedlineSummary", "AUTHOR"]
