"""Edit a DOCX package in memory and save it: changed parts serialised, the rest copied.

:class:`PackageEditor` wraps a read :class:`~drafter.ooxml.package.Package`.
Transforms ask it for parsed part trees (:meth:`PackageEditor.tree`), remove
parts, relationships and content-type overrides; :meth:`PackageEditor.to_bytes`
builds the new zip. Parts nobody asked for a tree of are copied with their
exact bytes and zip entry details (name, order, date, compression, attributes),
so images, fonts, embeddings and untouched XML stay byte-for-byte as they were.

Parts are parsed with Strict OOXML namespaces translated to Transitional (as
the reader does); a part that was Strict is translated back when serialised, so
a Strict package stays Strict.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path
from typing import Iterable

from lxml import etree

from drafter.io import write_bytes_atomic
from drafter.ooxml.names import STRICT_TO_TRANSITIONAL, is_strict, to_transitional
from drafter.ooxml.package import NS_CT, NS_PR, Package, parse_xml


class PackageEditor:
    """A package being edited: parsed trees of touched parts, removals, additions."""

    def __init__(self, package: Package) -> None:
        self.package = package
        self._trees: dict[str, etree._Element] = {}
        self._strict: set[str] = set()
        self._removed: set[str] = set()
        self._added: dict[str, bytes] = {}

    # -- parts -------------------------------------------------------------

    @property
    def main_part(self) -> str:
        return self.package.main_part

    def names(self) -> list[str]:
        """Part names present in the edited package, in zip order."""
        names = [n for n in self.package.names() if n not in self._removed]
        return names + [n for n in self._added if n not in names]

    def has(self, name: str) -> bool:
        return name not in self._removed and (self.package.has(name) or name in self._added)

    def read(self, name: str) -> bytes:
        """Current bytes of part ``name`` (serialised if it has been parsed)."""
        if name in self._trees:
            return self._serialise(name)
        if name in self._added:
            return self._added[name]
        return self.package.read(name)

    def tree(self, name: str) -> etree._Element:
        """The parsed tree of part ``name`` (Transitional namespaces); edits to it are saved."""
        if name not in self._trees:
            data = self.read(name)
            if is_strict(data):
                self._strict.add(name)
            self._trees[name] = parse_xml(to_transitional(data), f"{self.package.path}: {name}",
                                          self.package.limits)
        return self._trees[name]

    def peek(self, name: str) -> etree._Element:
        """Part ``name`` parsed for reading only: changes to this tree are NOT saved.

        Use it to decide whether a part needs editing, so parts that need none
        are copied byte-for-byte.
        """
        if name in self._trees:
            return self._trees[name]
        return parse_xml(to_transitional(self.read(name)), f"{self.package.path}: {name}", self.package.limits)

    def touched(self) -> set[str]:
        """Names of parts whose tree was asked for (and will be serialised)."""
        return set(self._trees)

    def put(self, name: str, data: bytes, content_type: str | None = None) -> None:
        """Add or replace part ``name`` with ``data``; register its content type if given."""
        self._trees.pop(name, None)
        self._removed.discard(name)
        self._added[name] = data
        if content_type and self.package.content_type(name) != content_type:
            if not self.has("[Content_Types].xml"):
                self._added["[Content_Types].xml"] = _minimal_content_types(self.main_part)
            types = self.tree("[Content_Types].xml")
            for override in types.findall(f"{{{NS_CT}}}Override"):
                if override.get("PartName") == "/" + name:
                    types.remove(override)
            etree.SubElement(types, f"{{{NS_CT}}}Override", PartName="/" + name, ContentType=content_type)

    def remove(self, name: str) -> None:
        """Remove part ``name``, its own relationships part and its content-type override."""
        if not self.has(name):
            return
        self._removed.add(name)
        self._trees.pop(name, None)
        self._added.pop(name, None)
        folder, base = posixpath.split(name)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if self.has(rels):
            self._removed.add(rels)
            self._trees.pop(rels, None)
        if self.has("[Content_Types].xml"):
            types = self.tree("[Content_Types].xml")
            for override in types.findall(f"{{{NS_CT}}}Override"):
                if override.get("PartName") == "/" + name:
                    types.remove(override)

    # -- relationships -----------------------------------------------------

    def rels_name(self, source: str) -> str:
        folder, base = posixpath.split(source)
        return posixpath.join(folder, "_rels", base + ".rels") if source else "_rels/.rels"

    def relationships(self, source: str) -> list[tuple[str, str, str, str]]:
        """(id, type, resolved target, mode) of ``source``'s relationships, as edited."""
        name = self.rels_name(source)
        if not self.has(name):
            return []
        folder = posixpath.dirname(source)
        out = []
        for rel in self.peek(name).iter(f"{{{NS_PR}}}Relationship"):
            mode = rel.get("TargetMode", "Internal")
            target = rel.get("Target", "")
            if mode != "External":
                target = target.lstrip("/") if target.startswith("/") else \
                    posixpath.normpath(posixpath.join(folder, target))
            out.append((rel.get("Id", ""), rel.get("Type", ""), target, mode))
        return out

    def related(self, source: str, type_suffix: str) -> list[str]:
        """Existing internal targets of ``source``'s relationships whose type ends with ``type_suffix``."""
        return [t for _, rtype, t, mode in self.relationships(source)
                if mode != "External" and rtype.endswith("/" + type_suffix) and self.has(t)]

    def remove_relationships(self, source: str, targets: Iterable[str]) -> list[str]:
        """Remove ``source``'s relationships that point at any of ``targets``; return their ids."""
        wanted = set(targets)
        name = self.rels_name(source)
        if not wanted or not self.has(name):
            return []
        if not any(target in wanted for _, _, target, mode in self.relationships(source) if mode != "External"):
            return []
        root = self.tree(name)
        folder = posixpath.dirname(source)
        removed = []
        for rel in list(root.iter(f"{{{NS_PR}}}Relationship")):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else \
                posixpath.normpath(posixpath.join(folder, target))
            if target in wanted:
                removed.append(rel.get("Id", ""))
                rel.getparent().remove(rel)
        return removed

    # -- output --------------------------------------------------------------

    def _serialise(self, name: str) -> bytes:
        data = serialise(self._trees[name])
        if name in self._strict:
            data = to_strict(data)
        return data

    def to_bytes(self) -> bytes:
        """The edited package as zip bytes: touched parts serialised, others copied exactly.

        An untouched part is copied as its compressed bytes, CRC and sizes, so it
        is the same to the bit (even a part whose checksum was already wrong).
        """
        out = io.BytesIO()
        infos = self.package.raw_infos()
        with zipfile.ZipFile(out, "w", allowZip64=True) as archive:
            for name in self.package.names():
                if name in self._removed:
                    continue
                original = infos[name]
                if name in self._trees:
                    data = self._serialise(name)
                elif name in self._added:
                    data = self._added[name]
                else:
                    raw = self.package.raw_entry(name)
                    if raw is not None:
                        _write_raw(archive, original, raw)
                        continue
                    data = self.package.read(name)
                info = zipfile.ZipInfo(original.filename, date_time=original.date_time)
                info.compress_type = original.compress_type
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                    info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = original.external_attr
                info.create_system = original.create_system
                info.comment = original.comment
                archive.writestr(info, data)
            for name, data in self._added.items():
                if self.package.has(name) or name in self._removed:
                    continue
                info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, self._serialise(name) if name in self._trees else data)
        return out.getvalue()

    def save(self, output: Path, inputs: Iterable[Path] = (), force: bool = False) -> None:
        """Write the edited package to ``output`` atomically (never onto an input)."""
        write_bytes_atomic(Path(output), self.to_bytes(), inputs=inputs, force=force)


def _write_raw(archive: zipfile.ZipFile, original: zipfile.ZipInfo, raw: bytes) -> None:
    """Append an entry whose compressed bytes, CRC and sizes are copied from ``original``."""
    info = zipfile.ZipInfo(original.filename, date_time=original.date_time)
    info.compress_type = original.compress_type
    info.external_attr = original.external_attr
    info.create_system = original.create_system
    info.comment = original.comment
    info.flag_bits = original.flag_bits & ~0x08 & ~0x01   # sizes go in the local header; never encrypted
    info.CRC = original.CRC
    info.compress_size = original.compress_size
    info.file_size = original.file_size
    zip64 = info.file_size > zipfile.ZIP64_LIMIT or info.compress_size > zipfile.ZIP64_LIMIT
    info.header_offset = archive.fp.tell()
    archive.fp.write(info.FileHeader(zip64))
    archive.fp.write(raw)
    archive.filelist.append(info)
    archive.NameToInfo[info.filename] = info
    archive.start_dir = archive.fp.tell()
    archive._didModify = True


def _minimal_content_types(main_part: str) -> bytes:
    """A [Content_Types].xml for a package that had none (the reader tolerates that; Word does not)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="{NS_CT}">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/{main_part}" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.document.main+xml"/></Types>').encode("utf-8")


def serialise(root: etree._Element) -> bytes:
    """An XML part's bytes: UTF-8 with the standalone declaration Word writes."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_TRANSITIONAL_TO_STRICT = [(t.encode(), s.encode()) for s, t in STRICT_TO_TRANSITIONAL.items()]


def to_strict(data: bytes) -> bytes:
    """Translate Transitional namespace URIs back to Strict ones (inverse of to_transitional)."""
    for transitional, strict in _TRANSITIONAL_TO_STRICT:
        data = data.replace(b'"' + transitional + b'"', b'"' + strict + b'"')
        data = data.replace(b"'" + transitional + b"'", b"'" + strict + b"'")
    return data




# -- generated content --------------------------------------------------------------------


def append_body_blocks(editor: PackageEditor, key: str, blocks) -> tuple[int, list[str]] | None:
    """Append generated paragraphs and tables at the end of the main body, in the document's styles.

    ``blocks`` holds plain values with a ``kind``: "heading" / "paragraph" /
    "page-break" (with ``text``) or "table" (with ``header`` and ``rows``). The
    first block carries a bookmark named ``key``; when the body already has that
    bookmark (a document published before) nothing is added and None is returned.
    Otherwise returns the paragraph index of the first new paragraph and the
    texts of all new paragraphs in order (table cells one paragraph each).
    """
    from drafter.ooxml.names import w
    from drafter.ooxml.text import paragraph_elements

    main = editor.main_part
    root = editor.peek(main)
    if any(b.get(w("name")) == key for b in root.iter(w("bookmarkStart"))):
        return None
    root = editor.tree(main)
    body = root.find(w("body"))
    if body is None:
        return None
    first_index = len(paragraph_elements(root))
    styles = _StyleNames(editor)
    ids = [int(b.get(w("id"))) for b in root.iter(w("bookmarkStart")) if (b.get(w("id")) or "").isdigit()]
    bookmark_id = str(max(ids, default=0) + 1)
    anchor = body[-1] if len(body) and body[-1].tag == w("sectPr") else None
    texts: list[str] = []
    new_elements = []
    for position, block in enumerate(blocks):
        if block.kind == "table":
            element = _table(block.header, block.rows, styles)
            texts.extend(list(block.header) + [cell for row in block.rows for cell in row])
        else:
            element = _paragraph(block.text, block.kind, styles)
            texts.append("" if block.kind == "page-break" else block.text)
        if position == 0:
            start = etree.Element(w("bookmarkStart"))
            start.set(w("id"), bookmark_id)
            start.set(w("name"), key)
            end = etree.Element(w("bookmarkEnd"))
            end.set(w("id"), bookmark_id)
            target = element if element.tag == w("p") else element.find(f".//{w('p')}")
            ppr = target.find(w("pPr"))
            index = 1 if ppr is not None else 0
            target.insert(index, start)
            target.append(end)
        new_elements.append(element)
    for element in new_elements:
        if anchor is not None:
            anchor.addprevious(element)
        else:
            body.append(element)
    return first_index, texts


class _StyleNames:
    """Style ids of the built-in styles generated content uses, found by name in styles.xml."""

    def __init__(self, editor: PackageEditor) -> None:
        from drafter.ooxml.names import w

        self.by_name: dict[str, str] = {}
        targets = editor.related(editor.main_part, "styles")
        if targets:
            for style in editor.peek(targets[0]).iter(w("style")):
                name = style.find(w("name"))
                style_id = style.get(w("styleId"))
                if name is not None and style_id:
                    self.by_name.setdefault((name.get(w("val")) or "").lower(), style_id)

    def get(self, *names: str) -> str | None:
        for name in names:
            if name.lower() in self.by_name:
                return self.by_name[name.lower()]
        return None


def _run(text: str, bold: bool = False) -> etree._Element:
    from drafter.ooxml.names import w

    run = etree.Element(w("r"))
    if bold:
        rpr = etree.SubElement(run, w("rPr"))
        etree.SubElement(rpr, w("b"))
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if i:
            etree.SubElement(run, w("br"))
        t = etree.SubElement(run, w("t"))
        t.text = line
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def _paragraph(text: str, kind: str, styles: _StyleNames) -> etree._Element:
    from drafter.ooxml.names import w

    p = etree.Element(w("p"))
    if kind == "page-break":
        run = etree.SubElement(p, w("r"))
        br = etree.SubElement(run, w("br"))
        br.set(w("type"), "page")
        return p
    style = styles.get("heading 1", "otsikko 1", "rubrik 1") if kind == "heading" else None
    if style:
        ppr = etree.SubElement(p, w("pPr"))
        etree.SubElement(ppr, w("pStyle")).set(w("val"), style)
    if text:
        p.append(_run(text, bold=kind == "heading" and style is None))
    return p


def _table(header, rows, styles: _StyleNames) -> etree._Element:
    from drafter.ooxml.names import w

    tbl = etree.Element(w("tbl"))
    tbl_pr = etree.SubElement(tbl, w("tblPr"))
    style = styles.get("table grid", "taulukon ruudukko", "tabellrutnät")
    if style:
        etree.SubElement(tbl_pr, w("tblStyle")).set(w("val"), style)
    width = etree.SubElement(tbl_pr, w("tblW"))
    width.set(w("w"), "5000")
    width.set(w("type"), "pct")
    if not style:
        borders = etree.SubElement(tbl_pr, w("tblBorders"))
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            edge = etree.SubElement(borders, w(side))
            edge.set(w("val"), "single")
            edge.set(w("sz"), "4")
            edge.set(w("space"), "0")
            edge.set(w("color"), "auto")
    look = etree.SubElement(tbl_pr, w("tblLook"))
    look.set(w("val"), "04A0")
    look.set(w("firstRow"), "1")
    columns = len(header) or max((len(r) for r in rows), default=1)
    grid = etree.SubElement(tbl, w("tblGrid"))
    for _ in range(columns):
        etree.SubElement(grid, w("gridCol"))
    all_rows = ([tuple(header)] if header else []) + [tuple(r) for r in rows]
    for index, cells in enumerate(all_rows):
        is_header = bool(header) and index == 0
        tr = etree.SubElement(tbl, w("tr"))
        if is_header:
            etree.SubElement(etree.SubElement(tr, w("trPr")), w("tblHeader"))
        for text in cells:
            tc = etree.SubElement(tr, w("tc"))
            p = etree.SubElement(tc, w("p"))
            if text:
                p.append(_run(text, bold=is_header))
    return tbl


__all__ = ["PackageEditor", "serialise", "to_strict", "append_body_blocks"]
