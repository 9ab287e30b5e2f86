"""Say what each body paragraph could be: chapter, objective, measure opener, field line, body.

Classification looks at one paragraph at a time (its text, heading level, list
numbering and formatting). Whether a typed number or a numbered heading really
opens a measure is decided later, from the whole document (see ``resolve``).
"""

from __future__ import annotations

import re
from dataclasses import MISSING, dataclass, field
from dataclasses import fields as dataclass_fields
from functools import lru_cache
from operator import attrgetter
from typing import Callable

from drafter.blocks import Paragraph, Table
from drafter.profiles import LanguageLayout
from drafter.structure.fields import FieldFinder, FieldMatch, opens_with_field

# Paragraphs that never open or join a structure node.
_SKIPPED_CONTAINERS = frozenset({"textbox", "comment", "note", "header", "footer"})
_TOC_STYLE = re.compile(r"^(toc|sisällys|innehåll|contents)", re.IGNORECASE)
_TITLE_STYLE = re.compile(r"^(title|otsikko|rubrik|nimi)$", re.IGNORECASE)
_LABEL_SEPARATOR = re.compile(r"[:.)–—-]\s*$")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_ROMAN_FORMATS = ("upperRoman", "lowerRoman")
_SPAN_START = attrgetter("start")
# What opener_patterns gives for a layout.
Openers = tuple[tuple[tuple[str, re.Pattern], ...], Callable[[str], object]]

# Kinds of items
CHAPTER = "chapter"
OBJECTIVE = "objective"
PREFIX = "prefix"        # "Toimenpide 12:" - always a measure
NUMHEAD = "numhead"      # numbered heading: objective or measure, decided later
HEADING = "heading"      # a heading without a number
TYPED = "typed"          # "12. Laaditaan …" in a body paragraph: a candidate
AUTO = "auto"            # Word auto-numbered list item (level 0): a candidate
FIELD = "field"          # a paragraph that opens with a field label
BODY = "body"
TITLE = "title"          # the document's Title-styled paragraph
SKIP = "skip"
TABLE = "table"


@dataclass(slots=True)
class Item:
    """One body paragraph (or top-level table) with what it could be."""

    kind: str
    paragraph: Paragraph | None = None
    table: Table | None = None
    level: int | None = None         # heading outline level, None for body paragraphs
    number: str | None = None        # as written ("VI", "12")
    label: str = ""
    title_start: int = 0             # offsets of the title inside paragraph.text
    title_end: int = 0
    fields: list[FieldMatch] = field(default_factory=list)
    field_source: str = "line"       # "column" for label/value rows of a table
    auto_numbered: bool = False
    bold: bool = False
    # Decided later
    role: str | None = None          # for NUMHEAD: "objective" | "measure" | None
    accepted: bool = False           # for TYPED/AUTO: opens a measure
    score: int = 0
    table_analysis: object | None = None

    @property
    def int_number(self) -> int | None:
        return to_int(self.number)

    @property
    def text(self) -> str:
        return self.paragraph.text if self.paragraph else ""


def _item_maker(*names: str) -> Callable[..., Item]:
    """A function that makes an Item from ``names`` given positionally, other fields at their defaults.

    ``Item(BODY, paragraph, fields=…, bold=…)`` costs twice as much: the
    dataclass ``__init__`` parses keywords and checks every default, and there is
    an Item for every paragraph of the draft.
    """
    namespace: dict[str, object] = {"_new": object.__new__, "Item": Item}
    lines = []
    for f in dataclass_fields(Item):
        if f.name in names:
            value = f.name
        elif f.default_factory is not MISSING:
            namespace[f"_factory_{f.name}"] = f.default_factory
            value = f"_factory_{f.name}()"
        else:
            namespace[f"_default_{f.name}"] = f.default
            value = f"_default_{f.name}"
        lines.append(f"    item.{f.name} = {value}")
    source = f"def make({', '.join(names)}):\n    item = _new(Item)\n" + "\n".join(lines) + "\n    return item\n"
    exec(source, namespace)  # noqa: S102 - the source is built from Item's own field names
    return namespace["make"]  # type: ignore[return-value]


_bare_item = _item_maker("kind", "paragraph")
_text_item = _item_maker("kind", "paragraph", "fields", "bold")


def classify_paragraph(paragraph: Paragraph, layout: LanguageLayout, finder: FieldFinder) -> Item:
    """Return the Item for one body paragraph."""
    return classify_with(paragraph, layout, finder, opener_patterns(layout))


def classify_with(paragraph: Paragraph, layout: LanguageLayout, finder: FieldFinder, openers: Openers) -> Item:
    """``classify_paragraph`` with ``opener_patterns(layout)`` looked up once by a caller that has many paragraphs."""
    text = paragraph.text
    if paragraph.deleted or paragraph.container in _SKIPPED_CONTAINERS or not text or text.isspace():
        return _bare_item(SKIP, paragraph)
    style = _style_kind(paragraph.style_name, paragraph.style_id)
    if style == SKIP:
        return _bare_item(SKIP, paragraph)
    if style == TITLE:
        return _bare_item(TITLE, paragraph)
    numbering = paragraph.numbering
    if numbering is not None and numbering.format == "bullet":
        numbering = None
    level = paragraph.outline_level  # as Paragraph.is_heading: a level below 9
    if level is not None and level >= 9:
        level = None
    lead = len(text) - len(text.lstrip()) if text[0].isspace() else 0

    if level is not None:
        return _classify_heading(paragraph, level, numbering, layout, finder, lead)

    bold = starts_bold(paragraph, lead) if paragraph.spans else False
    if numbering is not None:
        if numbering.level == 0 and numbering.value is not None:
            for pattern in layout.measure_prefix:
                if pattern.match(numbering.label):
                    return _titled(PREFIX, paragraph, lead, finder, number=str(numbering.value),
                                   label=numbering.label, auto=True, bold=bold)
            if numbering.format == "decimal" or numbering.format.startswith("decimal"):
                return _titled(AUTO, paragraph, lead, finder, number=str(numbering.value),
                               label=numbering.label, auto=True, bold=bold)
        return _text_item(BODY, paragraph, finder.inline(text), bold)

    stripped = text[lead:]
    numbered = openers[1](stripped) is not None  # one regex call rules out every opener pattern
    if numbered:
        for kind, pattern in openers[0]:
            m = pattern.match(stripped)
            if m and len(stripped) <= 600 and (
                    bold or _LABEL_SEPARATOR.search(m.group("label")) or m.group("title")[:1].isupper()):
                return _titled(kind, paragraph, lead + m.start("title"), finder, number=m.group("number"),
                               label=m.group("label").strip(), bold=bold)
    inline = finder.inline(text)  # asked once: it also says whether a field opens the line
    if inline and opens_with_field(text, inline):
        return _text_item(FIELD, paragraph, inline, bold)
    typed = match_typed_number(stripped, layout) if numbered else None
    # "3 kuukauden kuluessa …" is a sentence; "3 Laaditaan …" may be an opener.
    if typed and (typed.group("label").rstrip()[-1:] in ".)" or typed.group("title")[:1].isupper()):
        return _titled(TYPED, paragraph, lead + typed.start("title"), finder, number=typed.group("number"),
                       label=typed.group("label").strip(), bold=bold)
    return _text_item(BODY, paragraph, inline, bold)


@lru_cache(maxsize=1024)
def _style_kind(style_name: str | None, style_id: str | None) -> str | None:
    """SKIP for a table-of-contents style, TITLE for a title style, else None (by name or id)."""
    style = style_name or style_id or ""
    if _TOC_STYLE.match(style) or _TOC_STYLE.match(style_id or ""):
        return SKIP
    if _TITLE_STYLE.match(style_id or "") or _TITLE_STYLE.match(style_name or ""):
        return TITLE
    return None


def _classify_heading(paragraph: Paragraph, level: int, numbering, layout: LanguageLayout,
                      finder: FieldFinder, lead: int) -> Item:
    stripped = paragraph.text[lead:]
    if numbering is not None and numbering.value is not None:
        label = numbering.label
        if level == 0:
            number = label.strip().rstrip(".):").strip()
            if not (_ROMAN.match(number) or number.isdigit()):
                number = _roman(numbering.value) if numbering.format in _ROMAN_FORMATS else str(numbering.value)
            return _titled(CHAPTER, paragraph, lead, finder, number=number, label=label, level=level, auto=True)
        for pattern in layout.measure_prefix:
            if pattern.match(label):
                return _titled(PREFIX, paragraph, lead, finder, number=str(numbering.value), label=label,
                               level=level, auto=True)
        for pattern in layout.objective:
            if pattern.match(label):
                return _titled(OBJECTIVE, paragraph, lead, finder, number=str(numbering.value), label=label,
                               level=level, auto=True)
        return _titled(NUMHEAD, paragraph, lead, finder, number=str(numbering.value), label=label,
                       level=level, auto=True)
    if level == 0:
        for pattern in layout.chapter:
            m = pattern.match(stripped)
            if m and not (re.fullmatch(r"[\d.]+", m.group("label").strip()) and _is_not_a_number(stripped, layout)):
                return _titled(CHAPTER, paragraph, lead + m.start("title"), finder, number=m.group("number"),
                               label=m.group("label").strip(), level=level)
    for kind, pattern in opener_patterns(layout)[0]:
        m = pattern.match(stripped)
        if m:
            return _titled(kind, paragraph, lead + m.start("title"), finder, number=m.group("number"),
                           label=m.group("label").strip(), level=level)
    if level > 0:
        typed = match_typed_number(stripped, layout)
        if typed:
            return _titled(NUMHEAD, paragraph, lead + typed.start("title"), finder, number=typed.group("number"),
                           label=typed.group("label").strip(), level=level)
    return Item(HEADING, paragraph, level=level)


def _titled(kind: str, paragraph: Paragraph, title_start: int, finder: FieldFinder, *, number: str | None,
            label: str, level: int | None = None, auto: bool = False, bold: bool = False) -> Item:
    """An Item whose title starts at ``title_start`` and ends where inline fields begin."""
    text = paragraph.text
    while title_start < len(text) and text[title_start].isspace():
        title_start += 1
    fields = [f for f in finder.inline(text) if f.label_start >= title_start]
    title_end = fields[0].label_start if fields else len(text)
    return Item(kind, paragraph, level=level, number=number, label=label, title_start=title_start,
                title_end=title_end, fields=fields, auto_numbered=auto, bold=bold)


def match_typed_number(text: str, layout: LanguageLayout) -> re.Match | None:
    """The typed-number match of ``text`` ("12. Laaditaan …"), unless it is a date or amount."""
    # Most paragraphs do not start with a number: the guard runs only for those that match.
    for pattern in layout.typed_number:
        m = pattern.match(text)
        if m:
            return None if _is_not_a_number(text, layout) else m
    return None


def _is_not_a_number(text: str, layout: LanguageLayout) -> bool:
    return layout.not_a_number_match(text) is not None


def opener_patterns(layout: LanguageLayout) -> Openers:
    """The layout's opener patterns with their kinds, and one function that rules them all out.

    The pairs are the objective patterns, then the measure-prefix ones, each with
    the kind of item it opens; the function (:attr:`LanguageLayout.opener_match`)
    returns None for a text that none of them nor a typed-number pattern matches.
    """
    pairs = tuple((OBJECTIVE, p) for p in layout.objective) + tuple((PREFIX, p) for p in layout.measure_prefix)
    return pairs, layout.opener_match


def starts_bold(paragraph: Paragraph, offset: int = 0) -> bool:
    """True when the first visible character at or after ``offset`` is bold."""
    spans = paragraph.spans
    if not spans:
        return False
    text = paragraph.text
    while offset < len(text) and text[offset].isspace():
        offset += 1
    for s in spans:
        if s.bold and s.start <= offset < s.end:
            return True
    return False


def bold_end(paragraph: Paragraph, start: int) -> int | None:
    """End offset of the bold run that starts at ``start`` (adjacent bold spans merged)."""
    end = None
    for span in sorted(paragraph.spans, key=_SPAN_START):
        if not span.bold:
            continue
        if end is None and span.start <= start < span.end:
            end = span.end
        elif end is not None and span.start <= end:
            end = max(end, span.end)
    return end


def to_int(number: str | None) -> int | None:
    """"12" → 12, "VI" → 6, else None."""
    if number is None:
        return None
    number = number.strip().rstrip(".")
    if number.isdigit():
        return int(number)
    if _ROMAN.match(number.upper()):
        return _from_roman(number.upper())
    return None


def _from_roman(text: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(text, text[1:] + " "):
        va, vb = values[a], values.get(b, 0)
        total += -va if va < vb else va
    return total


def _roman(value: int) -> str:
    out = []
    for n, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                 (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= n:
            out.append(s)
            value -= n
    return "".join(out)
