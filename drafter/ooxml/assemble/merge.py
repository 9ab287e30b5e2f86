"""Merge the parts of a manifest into the master package: the package-level assembly.

:func:`assemble_package` opens the master with a
:class:`~drafter.ooxml.writer.PackageEditor` and, part by part, in manifest order:

1. reads the part and recognises its programme structure (to find a selected
   chapter, objective or measures, as top-level body blocks);
2. copies the selected blocks, dropping the part's section properties (the
   master's final ``w:sectPr`` is the result's page setup, headers and footers:
   a part's page size, margins, headers and footers do not come along, and its
   section breaks are removed — all reported);
3. maps styles onto the master's (:mod:`drafter.ooxml.assemble.styles`), merges the
   lists (:mod:`drafter.ooxml.assemble.numbering_merge`), copies footnotes,
   endnotes and (optionally) comments with new ids, copies images and other
   related parts under unique names with new relationship ids, and gives
   bookmarks, revisions and drawings fresh ids (:mod:`drafter.ooxml.assemble.ids`);
4. inserts the blocks at the target: the end of a chapter or objective of the
   document built so far, before a chapter's heading, or the end.

Measures are then renumbered (:mod:`drafter.ooxml.assemble.renumber`). This module is
part of the OOXML layer: it works on lxml trees, never on the model.
"""

from __future__ import annotations

import copy
import posixpath
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from drafter.ooxml.assemble.ids import COMMENT_TAGS, IdSpace
from drafter.assemble.manifest import Manifest, PartSpec, Target
from drafter.ooxml.assemble.numbering_merge import NumberingMerger, apply_num_mapping, used_num_ids
from drafter.ooxml.assemble.styles import StyleMerger, apply_style_mapping, used_styles
from drafter.errors import DrafterError
from drafter.ooxml.names import NS, w
from drafter.ooxml.package import NS_CT, NS_PR, Package
from drafter.ooxml.text import paragraph_elements
from drafter.ooxml.writer import PackageEditor, serialise

SOURCE_ATTR = "{urn:drafter:assemble}part"
R_NS = NS["r"]
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."
BODY, SECT_PR, P, PPR, R = w("body"), w("sectPr"), w("p"), w("pPr"), w("r")
FOOTNOTE_REF, ENDNOTE_REF = w("footnoteReference"), w("endnoteReference")

# kind -> (relationship type suffix, root tag, item tag, content type, reference tag)
NOTE_KINDS = {
    "footnotes": ("footnotes", w("footnotes"), w("footnote"), CT + "footnotes+xml", FOOTNOTE_REF),
    "endnotes": ("endnotes", w("endnotes"), w("endnote"), CT + "endnotes+xml", ENDNOTE_REF),
    "comments": ("comments", w("comments"), w("comment"), CT + "comments+xml", w("commentReference")),
}


class AssemblyError(DrafterError):
    """A part or target named in the manifest cannot be found in the documents."""


@dataclass
class PartOutcome:
    """What one part contributed, for the report."""

    spec: PartSpec
    blocks: int = 0
    paragraphs: int = 0
    measures: list[int | None] = field(default_factory=list)
    position: str = ""
    dropped: list[dict] = field(default_factory=list)
    notes: dict[str, int] = field(default_factory=dict)
    relationships: int = 0
    ids: dict[str, int] = field(default_factory=dict)


@dataclass
class MergeResult:
    editor: PackageEditor
    outcomes: list[PartOutcome]
    style_mappings: list
    lists: list
    sources: list[str]                 # source label by provenance index (0 = master)


def assemble_package(manifest: Manifest) -> MergeResult:
    """Merge every part of ``manifest`` into its master; the result is still tagged by source."""
    master = Package(manifest.master)
    editor = PackageEditor(master)
    merger = _Merger(manifest, editor)
    for part in manifest.parts:
        merger.merge(part)
    return MergeResult(editor, merger.outcomes, merger.style_mappings, merger.lists,
                       ["master"] + [p.label for p in manifest.parts])


def strip_sources(editor: PackageEditor) -> None:
    """Remove the provenance attributes the merge put on top-level blocks and notes."""
    for name in list(editor.touched()):
        if not name.endswith(".xml"):
            continue
        root = editor.tree(name)
        for element in root.iter():
            if isinstance(element.tag, str) and SOURCE_ATTR in element.attrib:
                del element.attrib[SOURCE_ATTR]
        etree.cleanup_namespaces(root)


def source_of_paragraphs(root: etree._Element) -> list[int]:
    """Provenance index (0 = master) of each paragraph of a part, by the reader's index rule."""
    out = []
    for paragraph in paragraph_elements(root):
        source = 0
        for ancestor in (paragraph, *paragraph.iterancestors()):
            if SOURCE_ATTR in ancestor.attrib:
                source = int(ancestor.get(SOURCE_ATTR))
                break
        out.append(source)
    return out


def read_programme_of(editor: PackageEditor):
    """The editor's current package read and recognised, as ``drafter check`` would."""
    from drafter.ooxml.reader import read_document
    from drafter.structure import recognise

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "assembled.docx"
        path.write_bytes(editor.to_bytes())
        return recognise(read_document(str(path)))


class _Merger:
    def __init__(self, manifest: Manifest, editor: PackageEditor) -> None:
        self.manifest = manifest
        self.editor = editor
        self.main = editor.main_part
        self.document = editor.tree(self.main)
        self.body = self.document.find(BODY)
        if self.body is None:
            raise AssemblyError(f"{manifest.master}: the master has no document body")
        styles_name = self._related_name("styles")
        self.styles = StyleMerger(editor.tree(styles_name) if styles_name else None)
        self._numbering: NumberingMerger | None = None
        seeds = [self.document] + [editor.tree(n) for kind in ("header", "footer", "footnotes", "endnotes",
                                                                "comments")
                                   for n in editor.related(self.main, kind)]
        self.ids = IdSpace(seeds)
        self.outcomes: list[PartOutcome] = []
        self.style_mappings: list = []
        self.lists: list = []
        self._copied_parts: dict[tuple[str, str], str] = {}

    # -- one part ----------------------------------------------------------------

    def merge(self, part: PartSpec) -> None:
        outcome = PartOutcome(part)
        package = Package(part.file)
        source = PackageEditor(package)       # for Transitional-translated trees of the part
        root = source.tree(package.main_part)
        body = root.find(BODY)
        if body is None:
            raise AssemblyError(f"{part.file}: the part has no document body")
        children = [c for c in body if c.tag != SECT_PR]
        start, end, measures = self._select(part, package, root, body)
        fragments = [copy.deepcopy(c) for c in children[start:end]]
        outcome.measures = measures
        if body.find(SECT_PR) is not None:
            outcome.dropped.append({"what": "section properties", "count": 1,
                                    "why": "the master's final section (page setup, headers, footers) applies"})
        breaks = 0
        for fragment in fragments:
            for sect in list(fragment.iter(SECT_PR)):
                if sect.getparent() is not None and sect.getparent().tag == PPR:
                    sect.getparent().remove(sect)
                    breaks += 1
        if breaks:
            outcome.dropped.append({"what": "section breaks", "count": breaks,
                                    "why": "parts take the master's section layout"})
        headers = package.related(package.main_part, "header") + package.related(package.main_part, "footer")
        if headers:
            outcome.dropped.append({"what": "headers and footers", "count": len(headers),
                                    "why": "the master's headers and footers apply"})

        notes = {}
        for kind in ("footnotes", "endnotes", "comments"):
            keep = part.keep_comments if kind == "comments" else self.manifest.options.keep_footnotes
            notes[kind] = self._take_notes(kind, keep, package, source, fragments, outcome)

        all_fragments = fragments + [n for items in notes.values() for n in items[1]]
        # styles
        part_styles_name = _related(package, package.main_part, "styles")
        part_styles = source.tree(part_styles_name) if part_styles_name else None
        used = used_styles(all_fragments)
        part_numbering_name = _related(package, package.main_part, "numbering")
        part_numbering = source.tree(part_numbering_name) if part_numbering_name else None
        if part_numbering is not None:
            for lvl_style in part_numbering.iter(w("pStyle")):
                if lvl_style.get(w("val")):
                    used.setdefault("paragraph", set()).add(lvl_style.get(w("val")))
        before = len(self.styles.copied_styles())
        mapping, decisions = self.styles.map_part(part.label, part_styles, used, self.manifest.options.unknown_styles)
        copies = self.styles.copied_styles()[before:]
        self.style_mappings.extend(decisions)
        apply_style_mapping(all_fragments, mapping)

        # numbering (content and copied styles)
        num_ids = used_num_ids(all_fragments + copies)
        num_map: dict[str, str] = {}
        if num_ids and part_numbering is not None:
            merger = self._numbering_merger()
            paragraph_map = mapping.get("paragraph", {})
            num_map, done = merger.merge(part.label, part_numbering, num_ids, part.numbering,
                                         lambda sid: paragraph_map.get(sid) or sid)
            self.lists.extend(done)
            apply_num_mapping(all_fragments, num_map)
        self.styles.finish_copies(mapping, num_map, copies)

        # relationships of the body, then of each kind of note
        outcome.relationships += self._carry_relationships(fragments, package, package.main_part, self.main)
        for kind, (source_part, items) in notes.items():
            if items:
                target_part = self._notes_part(kind)
                outcome.relationships += self._carry_relationships(items, package, source_part, target_part)
        outcome.ids = self.ids.renumber(all_fragments)

        # notes join their parts, then the blocks go to their place
        for kind, (_, items) in notes.items():
            if items:
                notes_root = self.editor.tree(self._notes_part(kind))
                for item in items:
                    item.set(SOURCE_ATTR, str(part.index))
                    notes_root.append(item)
        for fragment in fragments:
            fragment.set(SOURCE_ATTR, str(part.index))
        anchor, outcome.position = self._place(part.target)
        for fragment in fragments:
            anchor.addprevious(fragment)
        outcome.blocks = len(fragments)
        outcome.paragraphs = sum(1 for f in fragments for _ in f.iter(P))
        self.outcomes.append(outcome)

    # -- selection -----------------------------------------------------------------

    def _select(self, part: PartSpec, package: Package, root, body) -> tuple[int, int, list[int | None]]:
        """Top-level block range [start, end) of the selection, and the measure numbers in it."""
        from drafter.ooxml.reader import read_document
        from drafter.structure import recognise

        children = [c for c in body if c.tag != SECT_PR]
        programme = recognise(read_document(str(part.file)))
        tops = _top_level_indices(root, body, children)
        selection = part.selection

        def top(paragraph: int) -> int:
            return tops[paragraph] if 0 <= paragraph < len(tops) and tops[paragraph] is not None else -1

        chapter_starts = [(c, top(c.location.paragraph)) for c in programme.chapters]
        objective_starts = [(o, top(o.location.paragraph)) for o in programme.objectives]
        heading_starts = sorted({s for _, s in chapter_starts} | {s for _, s in objective_starts})

        def chapter_end(start: int) -> int:
            later = [s for _, s in chapter_starts if s > start]
            return min(later) if later else len(children)

        if selection.whole:
            start, end = 0, len(children)
        elif selection.chapters or selection.chapter_range:
            wanted = list(selection.chapter_range) if selection.chapter_range else list(selection.chapters)
            found = {}
            for chapter, start in chapter_starts:
                if chapter.number is not None:
                    found.setdefault(_chapter_key(chapter.number), start)
            missing = [c for c in wanted if _chapter_key(c) not in found]
            if missing:
                raise AssemblyError(f"{part.file}: no chapter {', '.join(missing)} "
                                    f"(chapters found: {', '.join(str(c.number) for c in programme.chapters) or 'none'})")
            starts = [found[_chapter_key(c)] for c in wanted]
            start = min(starts)
            end = chapter_end(max(starts))
            if selection.chapters and len(wanted) > 1:
                blocks = sorted(starts)
                if any(chapter_end(a) != b for a, b in zip(blocks, blocks[1:])):
                    raise AssemblyError(f"{part.file}: chapters {', '.join(wanted)} are not adjacent; "
                                        "list them as separate parts")
        elif selection.objective is not None:
            matches = [(o, s) for o, s in objective_starts if o.number == selection.objective and (
                selection.objective_chapter is None
                or _chapter_key(o.chapter or "") == _chapter_key(selection.objective_chapter))]
            if not matches:
                raise AssemblyError(f"{part.file}: no {selection.describe()} "
                                    f"(objectives found: {', '.join(str(o.number) for o in programme.objectives) or 'none'})")
            start = matches[0][1]
            later = [s for s in heading_starts if s > start]
            end = min(later) if later else len(children)
        else:
            chosen = [m for m in programme.measures if m.number in selection.measures]
            found = {m.number for m in chosen}
            missing = [n for n in selection.measures if n not in found]
            if missing:
                raise AssemblyError(f"{part.file}: no measure {', '.join(map(str, missing))}")
            start = min(top(m.location.paragraph) for m in chosen)
            end = max(top(p) for m in chosen for p in (m.paragraphs or (m.location.paragraph,))) + 1
        inside = [m.number for m in programme.measures if start <= top(m.location.paragraph) < end]
        if start < 0 or end <= start:
            raise AssemblyError(f"{part.file}: {selection.describe()} could not be placed in the part's body")
        return start, end, inside

    # -- placement -----------------------------------------------------------------

    def _place(self, target: Target) -> tuple[etree._Element, str]:
        """The element before which the part goes, and a description of the place."""
        sect = self.body.find(SECT_PR)
        children = [c for c in self.body if c.tag != SECT_PR]
        end_anchor = sect if sect is not None and sect.getparent() is self.body else None
        if end_anchor is None:
            end_anchor = etree.SubElement(self.body, SECT_PR)   # a body always ends with its section
        if target.chapter is None and target.objective is None:
            return end_anchor, target.describe()
        programme = read_programme_of(self.editor)
        tops = _top_level_indices(self.document, self.body, children)

        def top(paragraph: int) -> int:
            return tops[paragraph] if 0 <= paragraph < len(tops) and tops[paragraph] is not None else -1

        chapters = [(c, top(c.location.paragraph)) for c in programme.chapters]
        objectives = [(o, top(o.location.paragraph)) for o in programme.objectives]
        if target.objective is not None:
            found = [(o, s) for o, s in objectives if o.number == target.objective and (
                target.chapter is None or _chapter_key(o.chapter or "") == _chapter_key(target.chapter))]
            if not found:
                raise AssemblyError(f"target {target.describe()}: no such objective in the document assembled so far")
            start = found[0][1]
            stops = [s for _, s in chapters + objectives if s > start]
        else:
            found = [(c, s) for c, s in chapters if _chapter_key(c.number or "") == _chapter_key(target.chapter)]
            if not found:
                raise AssemblyError(f"target {target.describe()}: no chapter {target.chapter} in the document "
                                    f"assembled so far (chapters: {', '.join(str(c.number) for c, _ in chapters) or 'none'})")
            start = found[0][1]
            stops = [s for _, s in chapters if s > start]
        if target.position == "before":
            return children[start], target.describe()
        stop = min(stops) if stops else None
        return (children[stop] if stop is not None else end_anchor), target.describe()

    # -- notes and comments ------------------------------------------------------------

    def _take_notes(self, kind: str, keep: bool, package: Package, source: PackageEditor,
                    fragments: list, outcome: PartOutcome) -> tuple[str | None, list]:
        """Copies of the notes (or comments) the fragments refer to, renumbered; or their marks removed."""
        rel, _, item_tag, _, reference_tag = NOTE_KINDS[kind]
        references = [e for f in fragments for e in f.iter(reference_tag)]
        if kind == "comments":
            markers = [e for f in fragments for e in f.iter(*COMMENT_TAGS)]
        else:
            markers = references
        if not markers:
            return None, []
        if not keep:
            for marker in markers:
                _remove_mark(marker)
            outcome.dropped.append({"what": kind, "count": len({m.get(w('id')) for m in markers}),
                                    "why": "keep_comments is false" if kind == "comments" else "keep_footnotes is false"})
            return None, []
        part_name = _related(package, package.main_part, rel)
        items = {}
        if part_name:
            for item in source.tree(part_name).iterchildren(item_tag):
                items.setdefault(item.get(w("id")), item)
        target_root = self.editor.tree(self._notes_part(kind))
        used = {int(i.get(w("id"))) for i in target_root.iterchildren(item_tag) if _is_int(i.get(w("id")))}
        next_id = max(used | {0}) + 1
        new_ids: dict[str, str] = {}
        copies = []
        for marker in markers:
            old = marker.get(w("id"))
            if old not in new_ids:
                if old not in items:
                    _remove_mark(marker)
                    outcome.dropped.append({"what": f"{kind[:-1]} mark without its text", "count": 1,
                                            "why": f"the part has no {kind[:-1]} {old}"})
                    continue
                new_ids[old] = str(next_id)
                item = copy.deepcopy(items[old])
                item.set(w("id"), str(next_id))
                copies.append(item)
                next_id += 1
            marker.set(w("id"), new_ids[old])
        outcome.notes[kind] = len(copies)
        return part_name, copies

    def _notes_part(self, kind: str) -> str:
        rel, root_tag, item_tag, content_type, _ = NOTE_KINDS[kind]
        existing = self._related_name(rel)
        if existing:
            return existing
        name = f"word/{kind}.xml"
        root = etree.Element(root_tag, nsmap={"w": NS["w"], "r": R_NS})
        if kind != "comments":
            for note_id, note_type, child in (("-1", "separator", "separator"),
                                              ("0", "continuationSeparator", "continuationSeparator")):
                item = etree.SubElement(root, item_tag)
                item.set(w("type"), note_type)
                item.set(w("id"), note_id)
                run = etree.SubElement(etree.SubElement(item, P), R)
                etree.SubElement(run, w(child))
        self.editor.put(name, serialise(root), content_type)
        self._add_relationship(self.main, REL + rel, posixpath.relpath(name, posixpath.dirname(self.main)), None)
        return name

    # -- relationships ---------------------------------------------------------------

    def _carry_relationships(self, fragments: list, package: Package, source_part: str, target_part: str) -> int:
        """Copy the relationships the fragments use (r:id, r:embed ...) to ``target_part``; rewrite ids."""
        relationships = {rid: (rtype, target, mode) for rid, rtype, target, mode in package.relationships(source_part)}
        new_ids: dict[str, str] = {}
        count = 0
        for fragment in fragments:
            for element in fragment.iter():
                if not isinstance(element.tag, str):
                    continue
                for attr, value in list(element.attrib.items()):
                    if not attr.startswith(f"{{{R_NS}}}"):
                        continue
                    if value in new_ids:
                        element.set(attr, new_ids[value])
                        continue
                    found = relationships.get(value)
                    if found is None:
                        continue   # a dangling id stays dangling, as in the part
                    rtype, target, mode = found
                    if mode == "External":
                        new = self._add_relationship(target_part, rtype, target, "External")
                    else:
                        copied = self._copy_part(package, target)
                        rel_target = posixpath.relpath(copied, posixpath.dirname(target_part))
                        new = self._add_relationship(target_part, rtype, rel_target, None)
                    new_ids[value] = new
                    element.set(attr, new)
                    count += 1
        return count

    def _copy_part(self, package: Package, name: str) -> str:
        """Copy part ``name`` (and what it relates to) into the result under a free name."""
        key = (package.path, name)
        if key in self._copied_parts:
            return self._copied_parts[key]
        folder, base = posixpath.split(name)
        stem, dot, ext = base.rpartition(".")
        if not dot:
            stem, ext = base, ""
        candidate, index = name, 2
        while self.editor.has(candidate) or candidate in self._copied_parts.values():
            candidate = posixpath.join(folder, f"{stem}_{index}{dot}{ext}")
            index += 1
        self._copied_parts[key] = candidate
        content_type = package.content_type(name)
        if content_type and content_type != self.editor.package.content_type(candidate):
            self.editor.put(candidate, package.read(name), content_type)
        else:
            self.editor.put(candidate, package.read(name))
        own = package.relationships(name)
        if own:
            root = etree.Element(f"{{{NS_PR}}}Relationships", nsmap={None: NS_PR})
            for rid, rtype, target, mode in own:
                rel = etree.SubElement(root, f"{{{NS_PR}}}Relationship", Id=rid, Type=rtype)
                if mode == "External":
                    rel.set("Target", target)
                    rel.set("TargetMode", "External")
                elif package.has(target):
                    rel.set("Target", posixpath.relpath(self._copy_part(package, target), posixpath.dirname(candidate)))
                else:
                    root.remove(rel)
            self.editor.put(self.editor.rels_name(candidate), serialise(root))
        return candidate

    def _add_relationship(self, source_part: str, rtype: str, target: str, mode: str | None) -> str:
        rels_name = self.editor.rels_name(source_part)
        if not self.editor.has(rels_name):
            root = etree.Element(f"{{{NS_PR}}}Relationships", nsmap={None: NS_PR})
            self.editor.put(rels_name, serialise(root))
        root = self.editor.tree(rels_name)
        for rel in root.iter(f"{{{NS_PR}}}Relationship"):
            if mode == "External" and rel.get("Type") == rtype and rel.get("Target") == target \
                    and rel.get("TargetMode") == "External":
                return rel.get("Id")
        used = {rel.get("Id") for rel in root.iter(f"{{{NS_PR}}}Relationship")}
        index = len(used) + 1
        while f"rId{index}" in used:
            index += 1
        rel = etree.SubElement(root, f"{{{NS_PR}}}Relationship", Id=f"rId{index}", Type=rtype, Target=target)
        if mode:
            rel.set("TargetMode", mode)
        return f"rId{index}"

    # -- helpers ---------------------------------------------------------------------

    def _related_name(self, suffix: str) -> str | None:
        found = self.editor.related(self.main, suffix)
        return found[0] if found else None

    def _numbering_merger(self) -> NumberingMerger:
        if self._numbering is None:
            name = self._related_name("numbering")
            if name is None:
                name = "word/numbering.xml"
                root = etree.Element(w("numbering"), nsmap={"w": NS["w"]})
                self.editor.put(name, serialise(root), CT + "numbering+xml")
                self._add_relationship(self.main, REL + "numbering", "numbering.xml", None)
            self._numbering = NumberingMerger(self.editor.tree(name))
        return self._numbering


def _top_level_indices(root, body, children: list) -> list[int | None]:
    """For each paragraph (reader's index rule): the index of its top-level body block."""
    position = {id(c): i for i, c in enumerate(children)}
    keep = children  # keep proxies alive so id() stays valid
    out: list[int | None] = []
    for paragraph in paragraph_elements(root):
        found = None
        node = paragraph
        while node is not None:
            parent = node.getparent()
            if parent is body:
                found = position.get(id(node))
                break
            node = parent
        out.append(found)
    del keep
    return out


def _related(package: Package, source: str, suffix: str) -> str | None:
    found = package.related(source, suffix)
    return found[0] if found else None


def _remove_mark(marker: etree._Element) -> None:
    """Remove a note or comment mark; a run left with only its properties goes too."""
    parent = marker.getparent()
    if parent is None:
        return
    parent.remove(marker)
    if parent.tag == R and all(child.tag == w("rPr") for child in parent):
        grand = parent.getparent()
        if grand is not None:
            grand.remove(parent)


def _chapter_key(number: str) -> str:
    from drafter.xrefs import roman_to_int

    text = str(number).strip().rstrip(".").upper()
    value = roman_to_int(text)
    return str(value) if value is not None else text


def _is_int(value: str | None) -> bool:
    try:
        int(value)
        return True
    except (TypeError, ValueError):
        return False


__all__ = ["AssemblyError", "MergeResult", "PartOutcome", "assemble_package", "read_programme_of",
           "source_of_paragraphs", "strip_sources", "NS_CT"]
