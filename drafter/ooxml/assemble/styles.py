"""Map a part's styles onto the master's: by id, by name, by heading level, else copy or Normal.

The result is in the master's styles. For every style a part's content uses
(paragraph, character, table and numbering styles, following ``w:basedOn``
where a copied style needs its parents) :meth:`StyleMerger.map_part` decides:

1. ``id``: the master has a style with the same id and type;
2. ``name``: the master has a style of the same type whose ``w:name`` is the
   same (case-insensitive): Finnish Word writes id "Otsikko1" for "heading 1";
3. ``outline-level``: a paragraph style with an outline level (a heading)
   maps to the master's style of that level;
4. ``copied``: copied into the master with a unique id (``unknown_styles =
   "copy"``), or ``normal``: mapped to the master's default style of the type
   (character styles are then removed) when ``unknown_styles = "normal"``.

Every decision is returned as a :class:`StyleMapping` for the report.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from drafter.ooxml.names import w

STYLE, STYLE_ID, TYPE, NAME, BASED_ON = w("style"), w("styleId"), w("type"), w("name"), w("basedOn")
VAL = w("val")
_LINKS = (w("basedOn"), w("next"), w("link"))


@dataclass(frozen=True)
class StyleMapping:
    part: str
    type: str
    source_id: str
    source_name: str | None
    target_id: str | None         # None: removed (a character style mapped to nothing)
    method: str                   # id | name | outline-level | copied | normal | missing


class StyleMerger:
    """The master's styles part, and the styles added to it while parts are merged."""

    def __init__(self, styles_root: etree._Element | None) -> None:
        self.root = styles_root
        self._by_id: dict[str, etree._Element] = {}
        self._by_name: dict[tuple[str, str], str] = {}
        self._defaults: dict[str, str] = {}
        self._copies: list[etree._Element] = []
        if styles_root is not None:
            for style in styles_root.iterchildren(STYLE):
                self._index(style)
        self._outline = self._outline_levels(self._by_id)

    def _index(self, style: etree._Element) -> None:
        style_id = style.get(STYLE_ID)
        if not style_id:
            return
        kind = style.get(TYPE, "paragraph")
        self._by_id.setdefault(style_id, style)
        name = _name(style)
        if name:
            self._by_name.setdefault((kind, name.lower()), style_id)
        if style.get(w("default")) in ("1", "true", "on"):
            self._defaults.setdefault(kind, style_id)

    def map_part(self, part: str, part_styles: etree._Element | None, used: dict[str, set[str]],
                 unknown: str) -> tuple[dict[str, dict[str, str | None]], list[StyleMapping]]:
        """Decide the master style for each style id in ``used`` (by type); copy styles as needed.

        Returns {type: {source id: target id or None}} and the decisions.
        """
        source = {}
        if part_styles is not None:
            for style in part_styles.iterchildren(STYLE):
                if style.get(STYLE_ID):
                    source.setdefault(style.get(STYLE_ID), style)
        source_outline = self._outline_levels(source)
        mapping: dict[str, dict[str, str | None]] = {}
        decisions: list[StyleMapping] = []
        pending = [(kind, style_id) for kind, ids in used.items() for style_id in sorted(ids)]
        while pending:
            kind, style_id = pending.pop(0)
            if style_id in mapping.get(kind, {}):
                continue
            style = source.get(style_id)
            name = _name(style) if style is not None else None
            kind = style.get(TYPE, kind) if style is not None else kind
            target, method = self._match(kind, style_id, name, source_outline.get(style_id), style)
            if target is None and style is not None and unknown == "copy":
                target = self._copy(style, source, mapping, pending)
                method = "copied"
            elif target is None:
                target = self._defaults.get(kind) if kind in ("paragraph", "table") else None
                if kind == "paragraph" and target is None:
                    target = "Normal" if "Normal" in self._by_id else None
                method = "normal" if style is not None else "missing"
            mapping.setdefault(kind, {})[style_id] = target
            decisions.append(StyleMapping(part, kind, style_id, name, target, method))
        return mapping, decisions

    def _match(self, kind: str, style_id: str, name: str | None, level: int | None,
               style: etree._Element | None) -> tuple[str | None, str]:
        own = self._by_id.get(style_id)
        if own is not None and own.get(TYPE, "paragraph") == kind:
            return style_id, "id"
        if name:
            by_name = self._by_name.get((kind, name.lower()))
            if by_name:
                return by_name, "name"
        if kind == "paragraph" and level is not None:
            candidates = [sid for sid, lvl in self._outline.items() if lvl == level]
            if candidates:
                named = [sid for sid in candidates if (_name(self._by_id[sid]) or "").lower() == f"heading {level + 1}"]
                return (named or candidates)[0], "outline-level"
        return None, ""

    def _copy(self, style: etree._Element, source: dict, mapping: dict, pending: list) -> str:
        """Copy ``style`` into the master under a unique id; queue its linked styles."""
        if self.root is None:
            raise ValueError("the master has no styles part to copy styles into")
        new = copy.deepcopy(style)
        style_id = style.get(STYLE_ID)
        target_id = style_id
        index = 2
        while target_id in self._by_id:
            target_id = f"{style_id}{index}"
            index += 1
        new.set(STYLE_ID, target_id)
        new.attrib.pop(w("default"), None)
        name = _name(new)
        if name and (new.get(TYPE, "paragraph"), name.lower()) in self._by_name:
            new.find(NAME).set(VAL, f"{name} ({target_id})")
        kind = new.get(TYPE, "paragraph")
        mapping.setdefault(kind, {})[style_id] = target_id
        for link in _LINKS:
            element = new.find(link)
            if element is not None and element.get(VAL):
                linked = source.get(element.get(VAL))
                linked_kind = linked.get(TYPE, "paragraph") if linked is not None else kind
                pending.append((linked_kind, element.get(VAL)))
        self.root.append(new)
        self._index(new)
        self._copies.append(new)
        return target_id

    def copied_styles(self) -> list[etree._Element]:
        """Styles copied so far (their basedOn/next/link and numbering need remapping)."""
        return list(self._copies)

    def finish_copies(self, mapping: dict[str, dict[str, str | None]], num_ids: dict[str, str],
                      copies: list[etree._Element]) -> None:
        """Point the links and numPr of the styles copied for one part at the result's ids."""
        for style in copies:
            for link in _LINKS:
                element = style.find(link)
                if element is None:
                    continue
                value = element.get(VAL)
                target = None
                for kind_map in mapping.values():
                    if value in kind_map:
                        target = kind_map[value]
                        break
                if target:
                    element.set(VAL, target)
                else:
                    style.remove(element)
            num_id = style.find(f"{w('pPr')}/{w('numPr')}/{w('numId')}")
            if num_id is not None and num_id.get(VAL) in num_ids:
                num_id.set(VAL, num_ids[num_id.get(VAL)])

    @staticmethod
    def _outline_levels(styles: dict[str, etree._Element]) -> dict[str, int]:
        """Outline level of each paragraph style, following basedOn."""
        out: dict[str, int] = {}
        for style_id in styles:
            current, seen = style_id, set()
            while current in styles and current not in seen:
                seen.add(current)
                style = styles[current]
                if style.get(TYPE, "paragraph") != "paragraph":
                    break
                level = style.find(f"{w('pPr')}/{w('outlineLvl')}")
                if level is not None:
                    try:
                        value = int(level.get(VAL, ""))
                    except ValueError:
                        break
                    if 0 <= value <= 8:
                        out[style_id] = value
                    break
                based = style.find(BASED_ON)
                current = based.get(VAL) if based is not None else None
            if style_id not in out:
                name = (_name(styles[style_id]) or "").lower()
                if name.startswith("heading ") and name[8:].isdigit() and 1 <= int(name[8:]) <= 9:
                    out[style_id] = int(name[8:]) - 1
        return out


STYLE_REFERENCES = {w("pStyle"): "paragraph", w("rStyle"): "character", w("tblStyle"): "table"}


def used_styles(fragments: list[etree._Element]) -> dict[str, set[str]]:
    """Style ids referenced by pStyle, rStyle and tblStyle in the fragments, by type."""
    used: dict[str, set[str]] = {}
    for fragment in fragments:
        for element in fragment.iter(*STYLE_REFERENCES):
            value = element.get(VAL)
            if value:
                used.setdefault(STYLE_REFERENCES[element.tag], set()).add(value)
    return used


def apply_style_mapping(fragments: list[etree._Element], mapping: dict[str, dict[str, str | None]]) -> None:
    """Rewrite pStyle/rStyle/tblStyle values; remove references mapped to nothing."""
    for fragment in fragments:
        for element in list(fragment.iter(*STYLE_REFERENCES)):
            kind = STYLE_REFERENCES[element.tag]
            value = element.get(VAL)
            if value not in mapping.get(kind, {}):
                continue
            target = mapping[kind][value]
            if target:
                element.set(VAL, target)
            else:
                element.getparent().remove(element)


def _name(style: etree._Element | None) -> str | None:
    if style is None:
        return None
    name = style.find(NAME)
    return name.get(VAL) if name is not None else None
