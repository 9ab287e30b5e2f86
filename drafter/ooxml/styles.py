"""Styles part: names, basedOn chains, outline levels, numbering and run defaults.

:class:`StyleSheet` reads ``styles.xml`` once and answers per-paragraph questions
through the ``w:basedOn`` chain (cycles and dangling ids are tolerated). Results
are memoised per style id, so lookups are O(1) after the first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from drafter.ooxml.names import int_value, on_off, w

_HEADING_NAME = re.compile(r"^\s*heading\s+([1-9])\s*$", re.IGNORECASE)
_VAL = w("val")
_B, _I, _VANISH, _SZ = w("b"), w("i"), w("vanish"), w("sz")
MAX_CHAIN = 64


@dataclass(frozen=True)
class RunDefaults:
    """Run properties a style contributes that spans care about (None = unset)."""

    bold: bool | None = None
    italic: bool | None = None
    hidden: bool | None = None
    size: float | None = None  # points

    def over(self, base: "RunDefaults") -> "RunDefaults":
        """These values where set, else ``base``'s."""
        return RunDefaults(
            self.bold if self.bold is not None else base.bold,
            self.italic if self.italic is not None else base.italic,
            self.hidden if self.hidden is not None else base.hidden,
            self.size if self.size is not None else base.size,
        )


@dataclass(frozen=True)
class StyleInfo:
    """What one ``w:style`` says directly (no inheritance)."""

    style_id: str
    type: str
    name: str | None
    based_on: str | None
    outline_level: int | None  # w:outlineLvl as written (9 = body text)
    num_id: str | None
    ilvl: int | None
    run: RunDefaults
    language: str | None


def read_run_defaults(rpr: etree._Element | None) -> RunDefaults:
    """Bold, italic, hidden and size as set in one ``w:rPr`` (None where unset)."""
    if rpr is None:
        return RunDefaults()
    bold = italic = hidden = size = None
    for child in rpr:
        tag = child.tag
        if tag == _B:
            bold = on_off(child)
        elif tag == _I:
            italic = on_off(child)
        elif tag == _VANISH:
            hidden = on_off(child)
        elif tag == _SZ:
            half_points = int_value(child.get(_VAL))
            size = half_points / 2 if half_points is not None else None
    return RunDefaults(bold, italic, hidden, size)




class StyleSheet:
    """Styles of one document, resolved through ``w:basedOn``."""

    def __init__(self, root: etree._Element | None) -> None:
        self.styles: dict[str, StyleInfo] = {}
        self.default_paragraph_style: str | None = None
        self.default_character_style: str | None = None
        self.doc_defaults_run = RunDefaults()
        self.doc_defaults_language: str | None = None
        self._outline: dict[str, int | None] = {}
        self._numpr: dict[str, tuple[str | None, int | None, str | None]] = {}
        self._run: dict[str, RunDefaults] = {}
        if root is not None:
            self._read(root)

    def _read(self, root: etree._Element) -> None:
        defaults = root.find(w("docDefaults"))
        if defaults is not None:
            rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
            if rpr is not None:
                self.doc_defaults_run = read_run_defaults(rpr)
                lang = rpr.find(w("lang"))
                if lang is not None:
                    self.doc_defaults_language = lang.get(_VAL) or None
        for style in root.iter(w("style")):
            style_id = style.get(w("styleId"))
            if not style_id:
                continue
            kind = style.get(w("type"), "paragraph")
            name_el = style.find(w("name"))
            based_el = style.find(w("basedOn"))
            ppr = style.find(w("pPr"))
            rpr = style.find(w("rPr"))
            outline = num_id = ilvl = None
            if ppr is not None:
                lvl = ppr.find(w("outlineLvl"))
                if lvl is not None:
                    outline = int_value(lvl.get(_VAL))
                numpr = ppr.find(w("numPr"))
                if numpr is not None:
                    num_el = numpr.find(w("numId"))
                    ilvl_el = numpr.find(w("ilvl"))
                    num_id = num_el.get(_VAL) if num_el is not None else None
                    ilvl = int_value(ilvl_el.get(_VAL)) if ilvl_el is not None else None
            language = None
            if rpr is not None:
                lang = rpr.find(w("lang"))
                if lang is not None:
                    language = lang.get(_VAL) or None
            info = StyleInfo(
                style_id=style_id, type=kind,
                name=name_el.get(_VAL) if name_el is not None else None,
                based_on=based_el.get(_VAL) if based_el is not None else None,
                outline_level=outline, num_id=num_id, ilvl=ilvl,
                run=read_run_defaults(rpr), language=language,
            )
            self.styles.setdefault(style_id, info)
            if on_off(style, w("default")) and style.get(w("default")) is not None:
                if kind == "paragraph" and self.default_paragraph_style is None:
                    self.default_paragraph_style = style_id
                elif kind == "character" and self.default_character_style is None:
                    self.default_character_style = style_id
        if self.default_paragraph_style is None and "Normal" in self.styles:
            # no style says w:default: Word falls back to the built-in Normal
            self.default_paragraph_style = "Normal"

    def chain(self, style_id: str | None) -> list[StyleInfo]:
        """The style and its ancestors, nearest first; stops at cycles and dangling ids."""
        out: list[StyleInfo] = []
        seen: set[str] = set()
        while style_id and style_id not in seen and len(out) < MAX_CHAIN:
            seen.add(style_id)
            info = self.styles.get(style_id)
            if info is None:
                break
            out.append(info)
            style_id = info.based_on
        return out

    def name(self, style_id: str | None) -> str | None:
        info = self.styles.get(style_id or "")
        return info.name if info else None

    def outline_level(self, style_id: str | None) -> int | None:
        """0-based outline level a paragraph style gives; None for body text.

        The nearest ``w:outlineLvl`` in the chain wins; a style named
        "heading N" (Word's built-in names, any case) without one gives N-1.
        """
        if not style_id:
            return None
        if style_id in self._outline:
            return self._outline[style_id]
        level = None
        for info in self.chain(style_id):
            if info.outline_level is not None:
                level = info.outline_level
                break
            match = _HEADING_NAME.match(info.name or "")
            if match:
                level = int(match.group(1)) - 1
                break
        if level is not None and not 0 <= level < 9:
            level = None
        self._outline[style_id] = level
        return level

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, id of the style that carries them) from the style chain."""
        if not style_id:
            return None, None, None
        if style_id not in self._numpr:
            found: tuple[str | None, int | None, str | None] = (None, None, None)
            ilvl = None
            for info in self.chain(style_id):
                if ilvl is None and info.ilvl is not None:
                    ilvl = info.ilvl
                if info.num_id is not None:
                    found = (info.num_id, info.ilvl if info.ilvl is not None else ilvl, info.style_id)
                    break
            self._numpr[style_id] = found
        return self._numpr[style_id]

    def run_defaults(self, paragraph_style: str | None, character_style: str | None) -> RunDefaults:
        """Bold/italic/hidden/size from doc defaults, the paragraph style chain, then the character style chain."""
        key = f"{paragraph_style}\x00{character_style}"
        cached = self._run.get(key)
        if cached is not None:
            return cached
        result = self.doc_defaults_run
        for style_id in (paragraph_style, character_style):
            for info in reversed(self.chain(style_id)):
                result = info.run.over(result)
        self._run[key] = result
        return result

    def language(self, style_id: str | None) -> str | None:
        """The nearest ``w:lang`` in the chain of ``style_id``."""
        for info in self.chain(style_id):
            if info.language:
                return info.language
        return None
