"""Remove personal metadata and set publication properties (Word's Document Inspector).

:func:`strip_personal_metadata` removes what identifies people and their
machines: core ``dc:creator``, ``cp:lastModifiedBy``, ``cp:revision``,
``cp:lastPrinted``; app ``Template``, ``Company``, ``Manager``; custom
properties not named in ``keep``; revision-session ids (``w:rsid*`` attributes
and ``w:rsids`` in settings); the attached template's path in settings. Each
removal is returned as a :class:`MetadataEdit` with the old value.

:func:`set_properties` sets core title, subject, keywords and language, and the
language of ``w:docDefaults`` in styles, creating the core part when missing.
Nothing is touched when the value is already right, so running twice changes
nothing the second time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from drafter.errors import InputError
from drafter.ooxml.names import NS, w
from drafter.ooxml.package import NS_PR
from drafter.ooxml.writer import PackageEditor, serialise

CP, DC, DCTERMS, EP, CUSTOM = NS["cp"], NS["dc"], NS["dcterms"], NS["ep"], NS["custom"]
CORE_TYPE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
CORE_CONTENT_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"

_CORE_PERSONAL = ((f"{{{DC}}}creator", "creator"), (f"{{{CP}}}lastModifiedBy", "lastModifiedBy"),
                  (f"{{{CP}}}revision", "revision"), (f"{{{CP}}}lastPrinted", "lastPrinted"))
_APP_PERSONAL = ("Template", "Company", "Manager")
_CORE_SETTABLE = {"title": f"{{{DC}}}title", "subject": f"{{{DC}}}subject",
                  "keywords": f"{{{CP}}}keywords", "language": f"{{{DC}}}language"}
_RSID_ATTRIBUTE = re.compile(r"^\{" + re.escape(NS["w"]) + r"\}rsid")
LANGUAGE_TAGS = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}


@dataclass(frozen=True)
class MetadataEdit:
    """One property removed or set: its name, old value and new value ("" when removed)."""

    name: str
    before: str
    after: str
    part: str


def _package_part(editor: PackageEditor, type_suffix: str, fallback: str) -> str | None:
    for _, rel_type, target, mode in editor.relationships(""):
        if mode != "External" and rel_type.endswith("/" + type_suffix) and editor.has(target):
            return target
    return fallback if editor.has(fallback) else None


def strip_personal_metadata(editor: PackageEditor, keep: tuple[str, ...] = ()) -> list[MetadataEdit]:
    """Remove personal properties and revision ids; return what was removed."""
    edits: list[MetadataEdit] = []
    core = _package_part(editor, "core-properties", "docProps/core.xml")
    if core is not None and any(editor.peek(core).find(tag) is not None for tag, _ in _CORE_PERSONAL):
        root = editor.tree(core)
        for tag, label in _CORE_PERSONAL:
            for element in root.findall(tag):
                edits.append(MetadataEdit(label, (element.text or "").strip(), "", core))
                root.remove(element)
    app = _package_part(editor, "extended-properties", "docProps/app.xml")
    if app is not None:
        data = editor.read(app)
        if any(f"<{name}".encode() in data or f":{name}".encode() in data for name in _APP_PERSONAL):
            root = editor.tree(app)
            for name in _APP_PERSONAL:
                for element in root.findall(f"{{{EP}}}{name}"):
                    edits.append(MetadataEdit(name, (element.text or "").strip(), "", app))
                    root.remove(element)
    custom = _package_part(editor, "custom-properties", "docProps/custom.xml")
    if custom is not None and any(isinstance(p.tag, str) and p.get("name") not in keep
                                  for p in editor.peek(custom)):
        root = editor.tree(custom)
        for prop in list(root):
            name = prop.get("name") if isinstance(prop.tag, str) else None
            if name is None or name in keep:
                continue
            edits.append(MetadataEdit(f"custom:{name}", "".join(prop.itertext()).strip(), "", custom))
            root.remove(prop)
    edits.extend(_strip_rsids(editor))
    edits.extend(_strip_settings(editor))
    return edits


def _strip_rsids(editor: PackageEditor) -> list[MetadataEdit]:
    """Remove ``w:rsid*`` attributes from every WordprocessingML part that has them."""
    edits = []
    for name in editor.names():
        if "wordprocessingml" not in (editor.package.content_type(name) or ""):
            continue
        try:
            data = editor.read(name)
        except InputError:
            continue  # an unreadable part is copied as it is
        if b":rsid" not in data:
            continue
        root = editor.tree(name)
        count = 0
        for element in root.iter():
            if not isinstance(element.tag, str):
                continue
            for attribute in [k for k in element.attrib if _RSID_ATTRIBUTE.match(k)]:
                del element.attrib[attribute]
                count += 1
        for rsids in root.findall(w("rsids")):
            count += len(rsids)
            root.remove(rsids)
        if count:
            edits.append(MetadataEdit("rsids", f"{count} revision-session ids", "", name))
    return edits


def _strip_settings(editor: PackageEditor) -> list[MetadataEdit]:
    settings = editor.related(editor.main_part, "settings")
    if not settings:
        return []
    name = settings[0]
    data = editor.read(name)
    if b"attachedTemplate" not in data:
        return []
    root = editor.tree(name)
    edits = []
    for element in root.findall(w("attachedTemplate")):
        rel_id = element.get(f"{{{NS['r']}}}id")
        target = ""
        for rid, _, rel_target, _ in editor.relationships(name):
            if rid == rel_id:
                target = rel_target
        edits.append(MetadataEdit("attachedTemplate", target, "", name))
        root.remove(element)
        if rel_id:
            _remove_relationship_id(editor, name, rel_id)
    return edits


def _remove_relationship_id(editor: PackageEditor, source: str, rel_id: str) -> None:
    rels = editor.rels_name(source)
    if not editor.has(rels):
        return
    root = editor.tree(rels)
    for rel in list(root.iter(f"{{{NS_PR}}}Relationship")):
        if rel.get("Id") == rel_id:
            root.remove(rel)


def stop_tracking(editor: PackageEditor) -> list[MetadataEdit]:
    """Switch Track Changes off (``w:trackRevisions`` in settings)."""
    settings = editor.related(editor.main_part, "settings")
    if not settings or b"trackRevisions" not in editor.read(settings[0]):
        return []
    root = editor.tree(settings[0])
    edits = []
    for element in root.findall(w("trackRevisions")):
        root.remove(element)
        edits.append(MetadataEdit("trackRevisions", "on", "", settings[0]))
    return edits


def set_properties(editor: PackageEditor, values: dict[str, str]) -> list[MetadataEdit]:
    """Set core title/subject/keywords/language (and the styles' default language)."""
    wanted = {k: v for k, v in values.items() if k in _CORE_SETTABLE and v}
    if not wanted:
        return []
    core = _package_part(editor, "core-properties", "docProps/core.xml")
    if core is None:
        core = "docProps/core.xml"
        editor.put(core, _empty_core(), CORE_CONTENT_TYPE)
        _add_package_relationship(editor, CORE_TYPE, core)
    edits = []
    for key, value in wanted.items():
        tag = _CORE_SETTABLE[key]
        current = editor.peek(core).find(tag)
        if current is not None and (current.text or "").strip() == value:
            continue
        root = editor.tree(core)
        element = root.find(tag)
        old = (element.text or "").strip() if element is not None else ""
        if old == value:
            continue
        if element is None:
            element = etree.SubElement(root, tag)
        element.text = value
        edits.append(MetadataEdit(key, old, value, core))
    language = wanted.get("language")
    if language:
        edits.extend(_set_default_language(editor, language))
    return edits


def _set_default_language(editor: PackageEditor, tag: str) -> list[MetadataEdit]:
    styles = editor.related(editor.main_part, "styles")
    if not styles:
        return []
    current = editor.peek(styles[0]).find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}")
    if current is not None and current.get(w("val")) == tag:
        return []
    root = editor.tree(styles[0])
    defaults = root.find(w("docDefaults"))
    if defaults is None:
        defaults = etree.Element(w("docDefaults"))
        root.insert(0, defaults)
    rpr_default = defaults.find(w("rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(w("rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(w("rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, w("rPr"))
    lang = rpr.find(w("lang"))
    old = lang.get(w("val"), "") if lang is not None else ""
    if old == tag:
        return []
    if lang is None:
        lang = etree.SubElement(rpr, w("lang"))
    lang.set(w("val"), tag)
    return [MetadataEdit("docDefaults language", old, tag, styles[0])]


def _empty_core() -> bytes:
    root = etree.Element(f"{{{CP}}}coreProperties", nsmap={"cp": CP, "dc": DC, "dcterms": DCTERMS})
    return serialise(root)


def _add_package_relationship(editor: PackageEditor, rel_type: str, target: str) -> None:
    name = "_rels/.rels"
    root = editor.tree(name)
    ids = {rel.get("Id") for rel in root}
    number = 1
    while f"rId{number}" in ids:
        number += 1
    etree.SubElement(root, f"{{{NS_PR}}}Relationship", Id=f"rId{number}", Type=rel_type, Target=target)


__all__ = ["MetadataEdit", "strip_personal_metadata", "set_properties", "stop_tracking", "LANGUAGE_TAGS"]
