"""Remove review leftovers from a package: comments, highlights, draft watermarks.

Functions take a :class:`~drafter.ooxml.writer.PackageEditor` and change only
the parts that hold what they remove, so a clean package comes out byte-for-byte
as it went in.

- :func:`remove_comments`: every comment part (``comments.xml``,
  ``commentsExtended.xml``, ``commentsIds.xml``, ``commentsExtensible.xml``,
  ``people.xml``, also ones nothing relates to) with its relationship and
  content-type override, and every
  anchor (``w:commentRangeStart``/``End``, ``w:commentReference`` and the run
  that only held it) in every story part.
- :func:`remove_highlights`: ``w:highlight`` in run properties of story parts.
- :func:`remove_watermarks`: header shapes that draw a draft watermark
  ("LUONNOS", "DRAFT", "UTKAST", or the text given). Word writes watermarks as
  VML WordArt (``v:shape`` with ``v:textpath``, text in an attribute); the run
  holding the shape is removed. Text-box shapes are left alone: their text is
  document text, and removing it is a text edit.

Text-level removals (draft marker words in the text, hidden text) are text edits
planned by drafter.publish and made with :mod:`drafter.ooxml.edit`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from drafter.ooxml.names import a, mc, v, w, wps
from drafter.ooxml.package import NS_CT
from drafter.ooxml.text import paragraph_elements, run_child_text
from drafter.ooxml.writer import PackageEditor

R, RPR, P = w("r"), w("rPr"), w("p")
COMMENT_START, COMMENT_END, COMMENT_REF = w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")
HIGHLIGHT = w("highlight")
ALT = mc("AlternateContent")
V_TEXTPATH, A_TXWARP, WPS_WSP = v("textpath"), a("prstTxWarp"), wps("wsp")
T = w("t")

# relationship types (last segment) of the parts that belong to comments
COMMENT_PART_TYPES = ("comments", "commentsExtended", "commentsIds", "commentsExtensible", "people")
STORY_TYPES = ("footnotes", "endnotes", "header", "footer", "comments")
DRAFT_MARKERS = ("LUONNOS", "DRAFT", "UTKAST", "KESKENERÄINEN", "ARBETSVERSION")


def story_parts(editor: PackageEditor) -> list[str]:
    """The main part and every note, header and footer part it relates to (each once)."""
    main = editor.main_part
    names = [main]
    for kind in ("footnotes", "endnotes", "header", "footer"):
        for target in editor.related(main, kind):
            if target not in names:
                names.append(target)
    return names


# -- comments -------------------------------------------------------------------


@dataclass(frozen=True)
class CommentRemoval:
    """What :func:`remove_comments` removed."""

    anchors: int
    parts: tuple[str, ...]


def remove_comments(editor: PackageEditor) -> CommentRemoval:
    """Remove every comment part, relationship, override and anchor from the package."""
    anchors = 0
    for name in story_parts(editor):
        data = editor.read(name)
        if b"commentRangeStart" not in data and b"commentReference" not in data and b"commentRangeEnd" not in data:
            continue
        root = editor.tree(name)
        for element in list(root.iter(COMMENT_START, COMMENT_END, COMMENT_REF)):
            parent = element.getparent()
            if parent is None:
                continue
            _remove(element)
            anchors += 1
            if parent.tag == R and not any(child.tag != RPR for child in parent):
                _remove(parent)
    removed: list[str] = []
    main = editor.main_part
    for _, rel_type, target, mode in editor.relationships(main):
        if mode == "External" or rel_type.rsplit("/", 1)[-1] not in COMMENT_PART_TYPES:
            continue
        editor.remove_relationships(main, [target])
        if editor.has(target):
            editor.remove(target)
            removed.append(target)
    # parts of a comment type that nothing relates to (left behind by other tools)
    # (only parts with an explicit override: a package's Default can be anything)
    overrides = editor.package.content_types[0]
    for name in editor.names():
        content_type = overrides.get("/" + name, "")
        if any(content_type.endswith(f".{kind}+xml") for kind in COMMENT_PART_TYPES):
            editor.remove(name)
            removed.append(name)
    return CommentRemoval(anchors, tuple(removed))


# -- highlights -------------------------------------------------------------------


@dataclass(frozen=True)
class HighlightRemoval:
    """One paragraph's removed highlights: its index, the highlighted text and colours."""

    part: str
    paragraph: int
    text: str
    colours: tuple[str, ...]


def remove_highlights(editor: PackageEditor) -> list[HighlightRemoval]:
    """Remove ``w:highlight`` from run and paragraph-mark properties in every story part."""
    out: list[HighlightRemoval] = []
    for name in story_parts(editor):
        if b"highlight" not in editor.read(name) or next(editor.peek(name).iter(HIGHLIGHT), None) is None:
            continue
        root = editor.tree(name)
        index = {p: i for i, p in enumerate(paragraph_elements(root))}
        found: dict[int, tuple[list[str], list[str]]] = {}
        for element in list(root.iter(HIGHLIGHT)):
            rpr = element.getparent()
            if rpr is None or rpr.tag != RPR:
                continue
            colour = element.get(w("val")) or ""
            _remove(element)
            holder = rpr.getparent()
            if holder is None or holder.tag != R or colour == "none":
                continue
            paragraph = _paragraph_of(holder)
            if paragraph is None:
                continue
            texts, colours = found.setdefault(index.get(paragraph, -1), ([], []))
            texts.append("".join(run_child_text(child) for child in holder))
            if colour not in colours:
                colours.append(colour)
        for paragraph_index, (texts, colours) in sorted(found.items()):
            out.append(HighlightRemoval(name, paragraph_index, "".join(texts), tuple(colours)))
    return out


def _paragraph_of(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != P:
        parent = parent.getparent()
    return parent


# -- watermarks ---------------------------------------------------------------------


def is_draft_marker(text: str, markers: tuple[str, ...] = DRAFT_MARKERS) -> bool:
    """Whether ``text`` (a watermark's text) is a draft marker, case-insensitively."""
    words = re.sub(r"[^\w]+", " ", text).strip().upper()
    return any(words == m or words.startswith(m + " ") for m in markers)


def remove_watermarks(editor: PackageEditor, markers: tuple[str, ...] = DRAFT_MARKERS) -> list[tuple[str, str]]:
    """Remove draft-marker watermark shapes from header parts; return (part, text) per shape."""
    out: list[tuple[str, str]] = []
    for name in editor.related(editor.main_part, "header"):
        data = editor.read(name)
        if b"textpath" not in data or not any(is_draft_marker(p.get("string") or "", markers)
                                               for p in editor.peek(name).iter(V_TEXTPATH)):
            continue
        root = editor.tree(name)
        shapes: list[tuple[etree._Element, str]] = []
        for path in root.iter(V_TEXTPATH):
            text = (path.get("string") or "").strip()
            if text and is_draft_marker(text, markers):
                shapes.append((path, text))
        for element, text in shapes:
            holder = _outermost_graphic_holder(element)
            if holder is None or holder.getparent() is None:
                continue
            _remove(holder)
            out.append((name, text))
    return out


def _outermost_graphic_holder(element: etree._Element) -> etree._Element | None:
    """The run that holds a watermark shape (through pict, drawing, AlternateContent)."""
    node = element
    while node is not None and node.tag != R:
        node = node.getparent()
    return node


# -- list starts -------------------------------------------------------------------------


def set_list_start(editor: PackageEditor, num_id: str, level: int, start: int) -> bool:
    """Make list ``num_id`` start at ``start`` on ``level`` (``w:lvlOverride/w:startOverride``).

    Returns False when the numbering part or the ``w:num`` does not exist.
    """
    targets = editor.related(editor.main_part, "numbering")
    if not targets:
        return False
    root = editor.tree(targets[0])
    for num in root.iter(w("num")):
        if num.get(w("numId")) != num_id:
            continue
        override = next((o for o in num.iter(w("lvlOverride")) if o.get(w("ilvl")) == str(level)), None)
        if override is None:
            override = etree.SubElement(num, w("lvlOverride"))
            override.set(w("ilvl"), str(level))
        element = override.find(w("startOverride"))
        if element is None:
            element = etree.Element(w("startOverride"))
            override.insert(0, element)
        element.set(w("val"), str(start))
        return True
    return False


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


__all__ = [
    "story_parts", "remove_comments", "CommentRemoval", "remove_highlights", "HighlightRemoval",
    "remove_watermarks", "is_draft_marker", "DRAFT_MARKERS", "set_list_start",
]


# Relationship types of the parts that make a document macro-enabled.
MACRO_RELATIONSHIPS = ("vbaProject", "vbaData", "keyMapCustomizations", "attachedToolbars", "wordVbaData")
MACRO_CONTENT_TYPES = ("application/vnd.ms-office.vbaProject", "application/vnd.ms-word.vbaData+xml",
                       "application/vnd.ms-word.keyMapCustomizations+xml",
                       "application/vnd.ms-word.attachedToolbars")
DOCUMENT_MAIN_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


@dataclass(frozen=True)
class MacroRemoval:
    """What remove_macros did: the parts dropped and the main content type before and after."""

    parts: tuple[str, ...]
    main_type_before: str | None
    main_type_after: str | None


def remove_macros(editor: PackageEditor) -> MacroRemoval:
    """Drop VBA projects and macro data, and make the package a plain document (.docx).

    The parts are removed with their relationships and content types; a
    macro-enabled or template main part gets the ordinary document type, so
    the output is what its .docx name promises. Macros are never run: they
    are only bytes to drop.
    """
    main = editor.main_part
    targets: list[str] = []
    pending = [main]
    while pending:
        source = pending.pop()
        for _, rtype, target, mode in editor.relationships(source):
            if mode == "External" or not editor.has(target) or target in targets:
                continue
            if source != main or rtype.rsplit("/", 1)[-1] in MACRO_RELATIONSHIPS:
                targets.append(target)
                pending.append(target)
    editor.remove_relationships(main, targets)
    for target in targets:
        editor.remove(target)
    before = editor.package.content_type(main)
    after = before
    if editor.has("[Content_Types].xml"):
        types = editor.tree("[Content_Types].xml")
        for default in list(types.findall(f"{{{NS_CT}}}Default")):
            if default.get("ContentType") in MACRO_CONTENT_TYPES:
                types.remove(default)
        if before != DOCUMENT_MAIN_TYPE:
            override = next((o for o in types.findall(f"{{{NS_CT}}}Override")
                             if o.get("PartName") == "/" + main), None)
            if override is None:
                override = etree.SubElement(types, f"{{{NS_CT}}}Override", PartName="/" + main)
            override.set("ContentType", DOCUMENT_MAIN_TYPE)
            after = DOCUMENT_MAIN_TYPE
    return MacroRemoval(tuple(targets), before, after)
