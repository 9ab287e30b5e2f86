"""Restyle a package with a publication template, as pandoc's ``--reference-doc`` does.

:func:`apply_template` takes the edited draft (a
:class:`~drafter.ooxml.writer.PackageEditor`) and a template package and leaves
the draft's content alone while its look becomes the template's:

- **Styles.** The result's styles part is the template's (its ``w:docDefaults``,
  ``w:latentStyles`` and every style definition). Each draft style is mapped
  onto it with :class:`~drafter.ooxml.assemble.styles.StyleMerger` (the mapper
  ``drafter assemble`` uses): by style id, then by name ("Otsikko1" named
  "heading 1" becomes the template's "Heading1"), then headings by outline
  level. A draft style the template has no match for is kept (copied in under
  a free id). Paragraphs, runs, tables and list levels that name a draft style
  are rewritten to the style it maps to.
- **Numbering** that template styles use (a numbered heading style) is merged
  into the draft's numbering part with
  :class:`~drafter.ooxml.assemble.numbering_merge.NumberingMerger`: new ids, no
  collision with the draft's own lists, which keep their ids.
- **Theme and font table** are the template's when it has them (with the parts
  they relate to, such as embedded fonts).
- **Page setup.** Every section keeps its break type, but takes the template's
  page size and margins (the section's own orientation is kept: a landscape
  section gets the template's size turned, margins turned with it). The final
  section also takes the template's columns, page borders and document grid.
  ``w:titlePg`` follows the template in every section, because it decides
  whether the template's first-page header shows. The page settings of
  settings.xml (even and odd headers, mirrored margins, gutter position,
  default tab stop, hyphenation, theme font languages and colour mapping) are
  the template's.
- **Headers and footers.** The draft's header and footer parts go; the parts
  the template's final section references are copied in under unique names
  (with their relationships, e.g. a logo image), and every section of the draft
  references them.

Nothing of the body, notes or comments changes but style and list ids. This
module works on XML only: the publish pipeline checks the no-text-lost
invariant and lists the changes.
"""

from __future__ import annotations

import copy
import posixpath
from dataclasses import dataclass, field

from lxml import etree

from drafter.ooxml.assemble.numbering_merge import ListMerge, NumberingMerger, apply_num_mapping, used_num_ids
from drafter.ooxml.assemble.styles import STYLE, STYLE_ID, TYPE, StyleMapping, StyleMerger, apply_style_mapping, \
    used_styles
from drafter.ooxml.names import NS, is_strict, w
from drafter.ooxml.package import NS_PR, Package
from drafter.ooxml.writer import PackageEditor, serialise, to_strict

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
R_ID = f"{{{NS['r']}}}id"
SECT_PR, BODY, VAL = w("sectPr"), w("body"), w("val")
HEADER_REF, FOOTER_REF = w("headerReference"), w("footerReference")

# CT_SectPr's child order (ECMA-376 Part 1, 17.6.17)
SECT_ORDER = [w(n) for n in (
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
    "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
    "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")]
EVERY_SECTION = (w("pgSz"), w("pgMar"), w("titlePg"))
FINAL_SECTION = (w("cols"), w("pgBorders"), w("docGrid"))

# CT_Settings' child order (17.15.1.78), as far as the settings taken from the template need it
SETTINGS_ORDER = [w(n) for n in (
    "writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
    "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
    "printFractionalCharacterWidth", "printFormsData", "embedTrueTypeFonts", "embedSystemFonts",
    "saveSubsetFonts", "saveFormsData", "mirrorMargins", "alignBordersAndEdges", "bordersDoNotSurroundHeader",
    "bordersDoNotSurroundFooter", "gutterAtTop", "hideSpellingErrors", "hideGrammaticalErrors",
    "activeWritingStyle", "proofState", "formsDesign", "attachedTemplate", "linkStyles",
    "stylePaneFormatFilter", "stylePaneSortMethod", "documentType", "mailMerge", "revisionView",
    "trackRevisions", "doNotTrackMoves", "doNotTrackFormatting", "documentProtection", "autoFormatOverride",
    "styleLockTheme", "styleLockQFSet", "defaultTabStop", "autoHyphenation", "consecutiveHyphenLimit",
    "hyphenationZone", "doNotHyphenateCaps", "showEnvelope", "summaryLength", "clickAndTypeStyle",
    "defaultTableStyle", "evenAndOddHeaders", "bookFoldRevPrinting", "bookFoldPrinting",
    "bookFoldPrintingSheets", "drawingGridHorizontalSpacing", "drawingGridVerticalSpacing",
    "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery", "doNotUseMarginsForDrawingGridOrigin",
    "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin", "doNotShadeFormData", "noPunctuationKerning",
    "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter",
    "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml",
    "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
    "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields",
    "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema",
    "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures",
    "forceUpgrade", "captions", "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator")]
TEMPLATE_SETTINGS = tuple(w(n) for n in (
    "mirrorMargins", "gutterAtTop", "defaultTabStop", "autoHyphenation", "consecutiveHyphenLimit",
    "hyphenationZone", "doNotHyphenateCaps", "evenAndOddHeaders", "themeFontLang", "clrSchemeMapping"))


@dataclass(frozen=True)
class ReplacedStory:
    """A header or footer of the draft and the template part that takes its place.

    ``draft_part`` is None when the template adds a header/footer of a type the
    draft had none of; ``output_part`` is None when the template has none of
    the draft part's type (the draft's goes without a replacement).
    """

    kind: str                    # header | footer
    type: str                    # default | first | even
    draft_part: str | None
    template_part: str | None
    output_part: str | None


@dataclass
class RestyleReport:
    """What :func:`apply_template` did, for the change log."""

    styles: list[StyleMapping] = field(default_factory=list)
    template_ids: list[str] = field(default_factory=list)       # style ids the template defines
    lists: list[ListMerge] = field(default_factory=list)
    stories: list[ReplacedStory] = field(default_factory=list)
    copied_parts: dict[str, str] = field(default_factory=dict)   # template part -> output part
    replaced_parts: list[str] = field(default_factory=list)      # theme, fontTable taken from the template
    sections: int = 0
    settings: list[str] = field(default_factory=list)            # settings.xml elements set or removed
    notes: list[str] = field(default_factory=list)

    def count(self, *methods: str) -> int:
        return sum(1 for m in self.styles if m.method in methods)

    def added(self) -> list[str]:
        """Template styles no draft style maps to: new in the document."""
        taken = {m.target_id for m in self.styles if m.target_id}
        return [style_id for style_id in self.template_ids if style_id not in taken]

    def renamed(self) -> list[StyleMapping]:
        """Draft styles now named by another id of the template (name or outline-level match)."""
        return [m for m in self.styles if m.method in ("name", "outline-level") and m.target_id != m.source_id]


def apply_template(editor: PackageEditor, template: Package) -> RestyleReport:
    """Give the package in ``editor`` the template's styles, page setup, headers and footers."""
    return _Restyler(editor, template).run()


class _Restyler:
    def __init__(self, editor: PackageEditor, template: Package) -> None:
        self.editor = editor
        self.template = template
        self.source = PackageEditor(template)   # Transitional-translated, never saved
        self.main = editor.main_part
        self.report = RestyleReport()
        self._copied: dict[str, str] = self.report.copied_parts
        self._removed_targets: set[str] = set()

    def run(self) -> RestyleReport:
        self._styles()
        for suffix in ("theme", "fontTable"):
            self._replace_related(suffix)
        template_sect = self._template_final_section()
        self._headers_and_footers(template_sect)
        self._page_setup(template_sect)
        self._settings()
        self._drop_orphans()
        return self.report

    # -- styles ------------------------------------------------------------------

    def _styles(self) -> None:
        template_name = _first(self.template.related(self.template.main_part, "styles"))
        if template_name is None:
            self.report.notes.append("the template has no styles part: the draft's styles are kept")
            return
        result = copy.deepcopy(self.source.peek(template_name))
        template_styles = list(result.iterchildren(STYLE))
        self.report.template_ids = [s.get(STYLE_ID) for s in template_styles if s.get(STYLE_ID)]
        draft_name = _first(self.editor.related(self.main, "styles"))
        draft_styles = self.editor.peek(draft_name) if draft_name else None
        self.editor.tree(self.main)   # its sections change anyway: parse the (largest) part once
        content = self._content_parts()
        numbering_name = _first(self.editor.related(self.main, "numbering"))

        used: dict[str, set[str]] = used_styles([self.editor.peek(n) for n in content])
        if numbering_name:
            for kind, ids in used_styles([self.editor.peek(numbering_name)]).items():
                used.setdefault(kind, set()).update(ids)
        if draft_styles is not None:
            for style in draft_styles.iterchildren(STYLE):
                if style.get(STYLE_ID):
                    used.setdefault(style.get(TYPE, "paragraph"), set()).add(style.get(STYLE_ID))
        merger = StyleMerger(result)
        mapping, decisions = merger.map_part("draft", draft_styles, used, "copy")
        self.report.styles = decisions
        merger.finish_copies(mapping, {}, merger.copied_styles())   # the draft's lists keep their ids

        for name in content:
            self._rewrite_styles(name, mapping)
        if numbering_name:
            self._rewrite_styles(numbering_name, mapping)
            self._rewrite_style_links(numbering_name, mapping.get("numbering", {}))
        self._template_lists(template_styles)

        target = draft_name or "word/styles.xml"
        data = serialise(result)
        if draft_name and is_strict(self.editor.read(draft_name)):
            data = to_strict(data)
        self.editor.put(target, data, WML + "styles+xml")
        if draft_name is None:
            self._add_relationship(self.main, REL + "styles", target)
        # Word 2010's copy of the styles would bring the draft's look back there
        stale = self.editor.related(self.main, "stylesWithEffects")
        if stale:
            self.editor.remove_relationships(self.main, stale)
            for name in stale:
                self._forget_relationships(name)
                self.editor.remove(name)
            self.report.notes.append(f"removed {', '.join(stale)}: Word 2010's copy of the draft's styles")

    def _content_parts(self) -> list[str]:
        """The main part and the parts whose paragraphs name styles (notes, comments)."""
        names = [self.main]
        for kind in ("footnotes", "endnotes", "comments"):
            names.extend(n for n in self.editor.related(self.main, kind) if n not in names)
        return names

    def _rewrite_styles(self, name: str, mapping: dict[str, dict[str, str | None]]) -> None:
        """Rewrite style references of part ``name``; its tree is only touched when one changes."""
        root = self.editor.peek(name)
        used = used_styles([root])
        if any(mapping.get(kind, {}).get(sid, sid) != sid for kind, ids in used.items() for sid in ids):
            apply_style_mapping([self.editor.tree(name)], mapping)

    def _rewrite_style_links(self, name: str, numbering_styles: dict[str, str | None]) -> None:
        links = (w("numStyleLink"), w("styleLink"))
        if not any(numbering_styles.get(e.get(VAL), e.get(VAL)) != e.get(VAL)
                   for e in self.editor.peek(name).iter(*links)):
            return
        for element in self.editor.tree(name).iter(*links):
            target = numbering_styles.get(element.get(VAL))
            if target:
                element.set(VAL, target)

    def _template_lists(self, template_styles: list[etree._Element]) -> None:
        """Merge the lists the template's styles number with into the draft's numbering part."""
        num_ids = [n for n in used_num_ids(template_styles) if n != "0"]
        template_numbering = _first(self.template.related(self.template.main_part, "numbering"))
        if not num_ids:
            return
        num_map: dict[str, str] = {}
        if template_numbering is not None:
            num_map = self._merge_template_lists(template_numbering, num_ids)
        undefined = [n for n in num_ids if n not in num_map]
        if undefined:
            # a list the template does not define shows no number there; here its id might name a draft list
            num_map.update({n: "0" for n in undefined})
            self.report.notes.append(f"template styles name list(s) {', '.join(undefined)} that the template "
                                     "does not define: they show no number, as in the template")
        apply_num_mapping(template_styles, num_map)

    def _merge_template_lists(self, template_numbering: str, num_ids: list[str]) -> dict[str, str]:
        name = _first(self.editor.related(self.main, "numbering"))
        if name is None:
            name = self._free_name("word/numbering.xml")
            root = etree.Element(w("numbering"), nsmap={"w": NS["w"]})
            self.editor.put(name, serialise(root), WML + "numbering+xml")
            self._add_relationship(self.main, REL + "numbering", posixpath.relpath(name, "word"))
        merger = NumberingMerger(self.editor.tree(name))
        num_map, done = merger.merge("template", self.source.peek(template_numbering), num_ids, "continue")
        self.report.lists.extend(done)
        return num_map

    # -- theme, font table --------------------------------------------------------

    def _replace_related(self, suffix: str) -> None:
        """The draft's part of this relationship type becomes the template's (added if it had none)."""
        template_name = _first(self.template.related(self.template.main_part, suffix))
        if template_name is None:
            return
        draft_name = _first(self.editor.related(self.main, suffix))
        if draft_name is not None and self.editor.read(draft_name) == self.template.read(template_name) \
                and not self.editor.relationships(draft_name) and not self.template.relationships(template_name):
            return
        if draft_name is None:
            draft_name = self._free_name(template_name)
            self._add_relationship(self.main, REL + suffix,
                                   posixpath.relpath(draft_name, posixpath.dirname(self.main)))
        else:
            self._forget_relationships(draft_name)
        self.editor.put(draft_name, self.template.read(template_name), self.template.content_type(template_name))
        self._copy_relationships(template_name, draft_name)
        self._copied[template_name] = draft_name
        self.report.replaced_parts.append(draft_name)

    # -- headers and footers ---------------------------------------------------------

    def _template_final_section(self) -> etree._Element | None:
        body = self.source.peek(self.template.main_part).find(BODY)
        if body is None:
            return None
        final = body.find(SECT_PR)
        if final is None:
            sections = [s for s in body.iter(SECT_PR) if s.getparent().tag != w("sectPrChange")]
            final = sections[-1] if sections else None
        return final

    def _headers_and_footers(self, template_sect: etree._Element | None) -> None:
        template_rels = {rid: target for rid, _, target, mode in self.template.relationships(self.template.main_part)
                         if mode != "External"}
        new_refs: list[tuple[str, str, str]] = []     # (tag, type, output part)
        offered: dict[tuple[str, str], tuple[str, str]] = {}   # (kind, type) -> (template part, output part)
        for ref in (template_sect.iterchildren(HEADER_REF, FOOTER_REF) if template_sect is not None else ()):
            target = template_rels.get(ref.get(R_ID))
            if target is None or not self.template.has(target):
                continue
            kind = "header" if ref.tag == HEADER_REF else "footer"
            kind_type = ref.get(w("type"), "default")
            if (kind, kind_type) in offered:
                continue
            output = self._copy_part(target)
            offered[(kind, kind_type)] = (target, output)
            new_refs.append((ref.tag, kind_type, output))

        # the draft's own references, each part once, with the kind and type it is first used as
        draft_rels = {rid: target for rid, _, target, mode in self.editor.relationships(self.main)
                      if mode != "External"}
        sections = self._sections()
        draft_parts: dict[str, tuple[str, str]] = {}
        for sect in sections:
            for ref in sect.iterchildren(HEADER_REF, FOOTER_REF):
                target = draft_rels.get(ref.get(R_ID))
                if target is not None:
                    draft_parts.setdefault(target, ("header" if ref.tag == HEADER_REF else "footer",
                                                    ref.get(w("type"), "default")))
        for part in self.editor.related(self.main, "header") + self.editor.related(self.main, "footer"):
            draft_parts.setdefault(part, ("header" if part in self.editor.related(self.main, "header")
                                          else "footer", "unused"))
        matched: set[tuple[str, str]] = set()
        for part, (kind, kind_type) in draft_parts.items():
            template_part, output = offered.get((kind, kind_type), (None, None))
            if template_part is not None:
                matched.add((kind, kind_type))
            self.report.stories.append(ReplacedStory(kind, kind_type, part, template_part, output))
        for (kind, kind_type), (template_part, output) in offered.items():
            if (kind, kind_type) not in matched:
                self.report.stories.append(ReplacedStory(kind, kind_type, None, template_part, output))

        removed = list(draft_parts)
        self.editor.remove_relationships(self.main, removed)
        for part in removed:
            self._forget_relationships(part)
            self.editor.remove(part)
        rel_ids = {output: self._add_relationship(self.main, REL + ("header" if tag == HEADER_REF else "footer"),
                                                   posixpath.relpath(output, posixpath.dirname(self.main)))
                   for tag, _, output in new_refs}
        for sect in sections:
            for ref in list(sect.iterchildren(HEADER_REF, FOOTER_REF)):
                sect.remove(ref)
            for position, (tag, kind_type, output) in enumerate(new_refs):
                ref = etree.Element(tag)
                ref.set(w("type"), kind_type)
                ref.set(R_ID, rel_ids[output])
                sect.insert(position, ref)

    def _sections(self) -> list[etree._Element]:
        """Every section of the draft's body (the final one last); a final one is added if missing."""
        root = self.editor.tree(self.main)
        body = root.find(BODY)
        if body is None:
            return []
        if body.find(SECT_PR) is None:
            body.append(etree.Element(SECT_PR))
        return [s for s in body.iter(SECT_PR) if s.getparent().tag != w("sectPrChange")]

    # -- page setup --------------------------------------------------------------------

    def _page_setup(self, template_sect: etree._Element | None) -> None:
        sections = self._sections()
        self.report.sections = len(sections)
        if template_sect is None:
            self.report.notes.append("the template has no section properties: the draft's page setup is kept")
            return
        for index, sect in enumerate(sections):
            landscape = _is_landscape(sect)
            for tag in EVERY_SECTION + (FINAL_SECTION if index == len(sections) - 1 else ()):
                given = template_sect.find(tag)
                if given is None:
                    if tag not in (w("pgSz"), w("pgMar")):   # absent is the template's choice too
                        _remove_children(sect, tag)
                    continue
                given = copy.deepcopy(given)
                if landscape != _is_landscape(template_sect):
                    _turn(given)
                _set_child(sect, given, SECT_ORDER)

    # -- settings ------------------------------------------------------------------------

    def _settings(self) -> None:
        template_name = _first(self.template.related(self.template.main_part, "settings"))
        draft_name = _first(self.editor.related(self.main, "settings"))
        if template_name is None or draft_name is None:
            return
        template = self.source.peek(template_name)
        draft = self.editor.peek(draft_name)
        wanted = {tag: template.find(tag) for tag in TEMPLATE_SETTINGS}
        current = {tag: draft.find(tag) for tag in TEMPLATE_SETTINGS}
        differs = [tag for tag in TEMPLATE_SETTINGS
                   if _xml(wanted[tag]) != _xml(current[tag])]
        if not differs:
            return
        root = self.editor.tree(draft_name)
        for tag in differs:
            _remove_children(root, tag)
            if wanted[tag] is not None:
                _set_child(root, copy.deepcopy(wanted[tag]), SETTINGS_ORDER)
            self.report.settings.append(etree.QName(tag).localname)

    # -- parts and relationships ---------------------------------------------------------

    def _copy_part(self, name: str) -> str:
        """Copy template part ``name`` (and what it relates to) into the draft under a free name."""
        if name in self._copied:
            return self._copied[name]
        candidate = self._free_name(name)
        self._copied[name] = candidate
        self.editor.put(candidate, self.template.read(name), self.template.content_type(name))
        self._copy_relationships(name, candidate)
        return candidate

    def _copy_relationships(self, name: str, output: str) -> None:
        """Give ``output`` the template part ``name``'s relationships, their targets copied."""
        own = self.template.relationships(name)
        if not own:
            return
        root = etree.Element(f"{{{NS_PR}}}Relationships", nsmap={None: NS_PR})
        for rid, rtype, target, mode in own:
            if mode == "External":
                etree.SubElement(root, f"{{{NS_PR}}}Relationship", Id=rid, Type=rtype, Target=target,
                                 TargetMode="External")
            elif self.template.has(target):
                copied = self._copy_part(target)
                etree.SubElement(root, f"{{{NS_PR}}}Relationship", Id=rid, Type=rtype,
                                 Target=posixpath.relpath(copied, posixpath.dirname(output)))
        self.editor.put(self.editor.rels_name(output), serialise(root))

    def _forget_relationships(self, name: str) -> None:
        """Drop part ``name``'s own relationships; their targets go later if nothing else uses them."""
        for _, _, target, mode in self.editor.relationships(name):
            if mode != "External":
                self._removed_targets.add(target)
        rels = self.editor.rels_name(name)
        if self.editor.has(rels):
            self.editor.remove(rels)

    def _drop_orphans(self) -> None:
        """Remove parts only the replaced parts related to (a draft header's logo)."""
        pending = set(self._removed_targets) - set(self._copied.values())
        while pending:
            used = set()
            for name in self.editor.names():
                if name.endswith(".rels"):
                    source = _rels_source(name)
                    if source is None or source == "" or self.editor.has(source):
                        used.update(t for _, _, t, mode in self.editor.relationships(source or "")
                                    if mode != "External")
            orphans = {n for n in pending if n not in used and self.editor.has(n)}
            if not orphans:
                return
            pending = set()
            for name in orphans:
                pending.update(t for _, _, t, mode in self.editor.relationships(name) if mode != "External")
                self.editor.remove(name)

    def _free_name(self, name: str) -> str:
        folder, base = posixpath.split(name)
        stem, dot, ext = base.rpartition(".")
        if not dot:
            stem, ext = base, ""
        candidate, index = name, 2
        taken = set(self._copied.values())
        while self.editor.has(candidate) or self.editor.package.has(candidate) or candidate in taken:
            candidate = posixpath.join(folder, f"{stem}_{index}{dot}{ext}")
            index += 1
        return candidate

    def _add_relationship(self, source: str, rtype: str, target: str) -> str:
        rels_name = self.editor.rels_name(source)
        if not self.editor.has(rels_name):
            self.editor.put(rels_name, serialise(etree.Element(f"{{{NS_PR}}}Relationships", nsmap={None: NS_PR})))
        root = self.editor.tree(rels_name)
        used = {rel.get("Id") for rel in root.iter(f"{{{NS_PR}}}Relationship")}
        index = len(used) + 1
        while f"rId{index}" in used:
            index += 1
        etree.SubElement(root, f"{{{NS_PR}}}Relationship", Id=f"rId{index}", Type=rtype, Target=target)
        return f"rId{index}"


# -- helpers ----------------------------------------------------------------------------


def _first(names: list[str]) -> str | None:
    return names[0] if names else None


def _xml(element: etree._Element | None) -> bytes | None:
    return etree.tostring(element, method="c14n", exclusive=True) if element is not None else None


def _rels_source(rels_name: str) -> str | None:
    """The part a relationships part belongs to ("" for the package's own)."""
    folder, base = posixpath.split(rels_name)
    if posixpath.basename(folder) != "_rels" or not base.endswith(".rels"):
        return None
    return posixpath.join(posixpath.dirname(folder), base[:-len(".rels")]) if base != ".rels" else ""


def _remove_children(parent: etree._Element, tag: str) -> None:
    for child in parent.findall(tag):
        parent.remove(child)


def _set_child(parent: etree._Element, element: etree._Element, order: list[str]) -> None:
    """Put ``element`` in ``parent`` in place of any of its tag, at its schema position."""
    _remove_children(parent, element.tag)
    rank = order.index(element.tag) if element.tag in order else len(order)
    for position, child in enumerate(parent):
        if child.tag in order and order.index(child.tag) > rank:
            parent.insert(position, element)
            return
    parent.append(element)


def _is_landscape(sect: etree._Element) -> bool:
    size = sect.find(w("pgSz"))
    if size is None:
        return False
    if size.get(w("orient")) is not None:
        return size.get(w("orient")) == "landscape"
    try:
        return int(size.get(w("w"), "0")) > int(size.get(w("h"), "0"))
    except ValueError:
        return False


def _turn(element: etree._Element) -> None:
    """Turn a page size or margins a quarter round (portrait ↔ landscape), as Word does."""
    if element.tag == w("pgSz"):
        width, height = element.get(w("w")), element.get(w("h"))
        if width is not None and height is not None:
            element.set(w("w"), height)
            element.set(w("h"), width)
        landscape = element.get(w("orient")) != "landscape"
        if landscape:
            element.set(w("orient"), "landscape")
        else:
            element.attrib.pop(w("orient"), None)
    elif element.tag == w("pgMar"):
        sides = {side: element.get(w(side)) for side in ("top", "right", "bottom", "left")}
        if all(value is not None for value in sides.values()):
            element.set(w("top"), sides["left"])
            element.set(w("right"), sides["top"])
            element.set(w("bottom"), sides["right"])
            element.set(w("left"), sides["bottom"])


__all__ = ["apply_template", "RestyleReport", "ReplacedStory"]
