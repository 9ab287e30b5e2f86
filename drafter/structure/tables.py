"""Recognise tables that hold one measure per row, and read their rows.

A measure table has a header row whose cells name the columns (Nro, Toimenpide,
Vastuutaho, Aikataulu, …; the words come from the profile's ``table_columns``),
or no header but a first column of numbers. A row spanning the whole table that
reads "Tavoite 2: …" is an objective; other full-width rows are theme rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.blocks import Cell, Paragraph, Row, Table
from drafter.model import FieldLine
from drafter.profiles import LanguageLayout
from drafter.structure.classify import match_typed_number
from drafter.structure.draft import MeasureDraft, body_line, split_title
from drafter.structure.fields import FieldFinder, field_lines

_NUMBER_CELL = re.compile(r"^\s*(?:[^\W\d_]{1,12}\.?\s*)?(?P<number>\d{1,3})\s*[.:)]?\s*$")
_PLAIN_NUMBER = re.compile(r"^\s*(?P<number>\d{1,3})\s*[.:)]?\s*$")
_NAME_LIST_FIELDS = ("responsible", "other_actors")


@dataclass
class TableRowResult:
    """One row of a measure table: an objective, a theme row, or a measure."""

    kind: str                          # "objective" | "theme" | "measure"
    row: int
    draft: MeasureDraft | None = None
    objective_number: int | None = None
    objective_label: str = ""
    objective_title: str = ""
    paragraph: Paragraph | None = None


@dataclass
class TableAnalysis:
    """How a measure table's columns are used, and its rows read."""

    columns: dict[int, str]            # column index → role ("number", "measure", "responsible", …)
    header_rows: int
    rows: list[TableRowResult] = field(default_factory=list)


def analyse_table(table: Table, layout: LanguageLayout, finder: FieldFinder) -> TableAnalysis | None:
    """Return the table's measures, or None when it is not a table of measures."""
    rows = [r for r in table.rows if not r.deleted]
    if not rows:
        return None
    header_rows = 0
    columns: dict[int, str] = {}
    for i, row in enumerate(rows[:2]):
        roles = _header_roles(row, layout)
        # "Toimenpide" alone may head any list; a measure table also names its
        # numbers or at least one field column.
        if len(roles) >= 2 and "measure" in roles.values():
            header_rows, columns = i + 1, roles
            break
    if not columns:
        columns = _headerless_columns(rows, layout)
        if not columns:
            return None
    analysis = TableAnalysis(columns, header_rows)
    text_column = next((i for i, r in columns.items() if r == "measure"), None)
    if text_column is None:
        text_column = next((i for i in range(max(len(r.cells) for r in rows)) if columns.get(i) is None), None)
        if text_column is None:
            return None
        columns[text_column] = "measure"
    header_texts = {i: rows[header_rows - 1].cells[i].text.strip() for i in columns} if header_rows else {}
    for r, row in enumerate(rows[header_rows:], start=header_rows):
        result = _read_row(row, r, columns, text_column, header_texts, layout, finder)
        if result is not None:
            analysis.rows.append(result)
    if not any(res.kind == "measure" for res in analysis.rows):
        return None
    return analysis


def _header_roles(row: Row, layout: LanguageLayout) -> dict[int, str]:
    roles: dict[int, str] = {}
    for i, cell in enumerate(row.cells):
        text = _fold(cell.text)
        if not text or len(text) > 60:
            continue
        for role, words in layout.table_columns.items():
            if any(text == _fold(w) or text.startswith(_fold(w) + " ") or text.startswith(_fold(w) + "(")
                   for w in words):
                roles[i] = role
                break
    return roles


def _headerless_columns(rows: list[Row], layout: LanguageLayout) -> dict[int, str]:
    """Columns of a table without a header: numbers in the first column, or numbered texts."""
    widths = [len(r.cells) for r in rows]
    if len(rows) < 2:
        return {}
    enough = max(2, (len(rows) + 1) // 2)
    first = [r.cells[0].text.strip() if r.cells else "" for r in rows]
    numbers = [int(m.group("number")) for t in first if (m := _PLAIN_NUMBER.match(t))]
    if max(widths) >= 2 and len(numbers) >= enough and _in_sequence(numbers):
        second = [r.cells[1].text for r in rows if len(r.cells) > 1]
        if sum(1 for t in second if _is_prose(t)) >= enough:
            return {0: "number", 1: "measure"}
    typed = [m for t in first if (m := match_typed_number(t, layout))]
    if len(typed) >= enough and _in_sequence([int(m.group("number")) for m in typed]):
        return {0: "measure"}
    return {}


def _in_sequence(numbers: list[int]) -> bool:
    """True when most neighbours step up by one to three (gaps and duplicates allowed)."""
    steps = [b - a for a, b in zip(numbers, numbers[1:])]
    return bool(steps) and sum(1 for s in steps if 0 <= s <= 3) * 3 >= 2 * len(steps) and numbers[0] < 1000


def _is_prose(text: str) -> bool:
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 2


def _read_row(row: Row, r: int, columns: dict[int, str], text_column: int, header_texts: dict[int, str],
              layout: LanguageLayout, finder: FieldFinder) -> TableRowResult | None:
    cells = row.cells
    texts = [c.text.strip() for c in cells]
    if not any(texts):
        return None
    if len(cells) == 1 or len(set(t for t in texts if t)) == 1 and len(cells) < len(columns):
        return _full_width_row(cells[0], r, layout)
    number = None
    label = ""
    auto = False
    number_column = next((i for i, role in columns.items() if role == "number"), None)
    if number_column is not None and number_column < len(cells):
        cell_paragraphs = [p for p in cells[number_column].paragraphs() if p.text.strip() or p.numbering]
        if cell_paragraphs and cell_paragraphs[0].numbering and cell_paragraphs[0].numbering.value is not None:
            number, label, auto = cell_paragraphs[0].numbering.value, cell_paragraphs[0].numbering.label, True
        else:
            m = _NUMBER_CELL.match(texts[number_column])
            if m:
                number, label = int(m.group("number")), texts[number_column]
    if text_column >= len(cells):
        return None
    if number is None and number_column is not None and header_texts == {}:
        # A table known only by its column of numbers: rows without one are not measures.
        first_text = cells[text_column].text.strip()
        if not (match_typed_number(first_text, layout) or any(p.match(first_text) for p in layout.measure_prefix)):
            return TableRowResult("theme", r, paragraph=next(iter(cells[text_column].paragraphs()), None))
    paragraphs = [p for p in cells[text_column].paragraphs() if p.text.strip() and not p.deleted]
    if not paragraphs:
        return None
    first = paragraphs[0]
    title_start = len(first.text) - len(first.text.lstrip())
    if first.numbering and first.numbering.value is not None and first.numbering.format != "bullet" and number is None:
        number, label, auto = first.numbering.value, first.numbering.label, True
    elif number is None:
        for pattern in layout.measure_prefix:
            m = pattern.match(first.text.lstrip())
            if m:
                number, label = int(m.group("number")), m.group("label").strip()
                title_start += m.start("title")
                break
        else:
            typed = match_typed_number(first.text.lstrip(), layout)
            if typed:
                number, label = int(typed.group("number")), typed.group("label").strip()
                title_start += typed.start("title")
    elif number is not None:
        typed = match_typed_number(first.text.lstrip(), layout)
        if typed and int(typed.group("number")) == number:
            title_start += typed.start("title")
    inline = [f for f in finder.inline(first.text) if f.label_start >= title_start]
    title_end = inline[0].label_start if inline else len(first.text)
    title, title_location, rest = split_title(first, title_start, title_end)
    draft = MeasureDraft(number, label, title, title_location, first.location, "table", auto_numbered=auto)
    for cell in cells:
        for p in cell.paragraphs():
            draft.add_paragraph(p.index)
    if rest:
        draft.lines.append(rest)
    draft.fields.extend(field_lines(inline, first.location))
    for p in paragraphs[1:]:
        matches = finder.line(p.text)
        if matches:
            draft.fields.extend(field_lines(matches, p.location))
            continue
        inline_fields = finder.inline(p.text)
        end = inline_fields[0].label_start if inline_fields else None
        text, location = body_line(p, 0, end)
        if text:
            draft.lines.append((text, location))
        draft.fields.extend(field_lines(inline_fields, p.location))
    for i, cell in enumerate(cells):
        role = columns.get(i)
        if i == text_column or role in (None, "number", "measure"):
            if role is None and i != text_column:
                for p in cell.paragraphs():
                    draft.fields.extend(field_lines(finder.inline(p.text), p.location))
            continue
        column_field = _column_field(cell, role, header_texts.get(i))
        if column_field is not None:
            draft.fields.append(column_field)
    return TableRowResult("measure", r, draft=draft, paragraph=first)


def _full_width_row(cell: Cell, r: int, layout: LanguageLayout) -> TableRowResult | None:
    paragraphs = [p for p in cell.paragraphs() if p.text.strip()]
    if not paragraphs:
        return None
    first = paragraphs[0]
    text = first.text.strip()
    for pattern in layout.objective:
        m = pattern.match(text)
        if m:
            return TableRowResult("objective", r, objective_number=int(m.group("number")),
                                  objective_label=m.group("label").strip(),
                                  objective_title=m.group("title").strip().rstrip("."), paragraph=first)
    return TableRowResult("theme", r, paragraph=first)


def _column_field(cell: Cell, role: str, header: str | None) -> FieldLine | None:
    paragraphs = [p for p in cell.paragraphs() if p.text.strip()]
    if not paragraphs:
        return None
    joiner = ", " if role in _NAME_LIST_FIELDS else "\n"
    values = []
    for p in paragraphs:
        value = p.text.strip()
        if role in _NAME_LIST_FIELDS:
            value = value.rstrip(",;")
        values.append(value)
    first = paragraphs[0]
    start = len(first.text) - len(first.text.lstrip())
    end = len(first.text.rstrip())
    label = header.rstrip(":").strip() if header else None
    return FieldLine(role, label, joiner.join(values), first.location.span(start, end), "column")


def _fold(text: str) -> str:
    return " ".join(text.replace("\n", " ").split()).casefold().rstrip(":").strip()

