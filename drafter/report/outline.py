"""The outline of a programme: a readable tree for the terminal and the drafter.outline/1 JSON.

``outline_json`` follows the output contract (shared/contracts/README.md §1):
chapters, objectives and a flat list of measures in document order, each with a
``location`` dict. ``outline_text`` shows the same as a tree: chapters,
objectives, measures and one line per field, then a summary line.
"""

from __future__ import annotations

import re
import textwrap
from functools import lru_cache
from typing import Any

from drafter.blocks import Location
from drafter.model import Chapter, FieldLine, Measure, Objective, Programme
from drafter.structure.names import split_responsible

SCHEMA = "drafter.outline/1"
WIDTH = 88
INDENT = "  "
# Fields whose value is a list of names in the JSON; other fields are strings.
NAME_LIST_FIELDS = ("responsible", "other_actors")
STANDARD_FIELDS = ("responsible", "other_actors", "schedule", "funding", "indicators")
FIELD_NAMES = {
    "responsible": "responsible",
    "other_actors": "other actors",
    "schedule": "schedule",
    "funding": "funding",
    "indicators": "indicators",
}


def outline_json(programme: Programme) -> dict[str, Any]:
    """The drafter.outline/1 document for ``programme``."""
    lengths = _paragraph_lengths(programme)
    return {
        "schema": SCHEMA,
        "file": programme.file,
        "language": programme.language,
        "title": programme.title,
        "profile": programme.profile,
        "chapters": [
            {"number": c.number, "label": c.label, "title": c.title, "location": location_dict(c.location, lengths)}
            for c in programme.chapters
        ],
        "objectives": [
            {"number": o.number, "label": o.label, "title": o.title, "chapter": o.chapter,
             "location": location_dict(o.location, lengths)}
            for o in programme.objectives
        ],
        "measures": [_measure_json(m, lengths, programme.language) for m in programme.measures],
        "problems": list(programme.problems),
    }


def _measure_json(measure: Measure, lengths: dict[tuple[str, int], int], language: str) -> dict[str, Any]:
    return {
        "number": measure.number,
        "label": measure.label,
        "title": measure.title,
        "text": measure.text,
        "chapter": measure.chapter,
        "objective": measure.objective,
        "fields": fields_json(measure, language),
        "layout": measure.layout,
        "auto_numbered": measure.auto_numbered,
        "location": location_dict(measure.location, lengths),
        "title_location": location_dict(measure.title_location, lengths) if measure.title_location else None,
        "field_lines": [
            {"key": f.key, "label": f.label, "value": f.value, "source": f.source,
             "location": location_dict(f.location, lengths)}
            for f in measure.fields
        ],
    }


def fields_json(measure: Measure, language: str | None = None) -> dict[str, Any]:
    """The measure's fields as the contract writes them: name lists, or strings/null."""
    out: dict[str, Any] = {}
    keys = list(STANDARD_FIELDS) + [f.key for f in measure.fields if f.key not in STANDARD_FIELDS]
    for key in keys:
        if key in out:
            continue
        lines = [f for f in measure.fields if f.key == key]
        if key in NAME_LIST_FIELDS:
            names: list[str] = []
            for f in lines:
                names.extend(n for n in split_responsible(f.value, language) if n not in names)
            out[key] = names
        else:
            out[key] = lines[0].value if lines else None
    return out


def location_dict(location: Location, lengths: dict[tuple[str, int], int] | None = None) -> dict[str, Any]:
    """A Location as JSON: part, paragraph, start, end, and table/row/cell when set."""
    end = location.end
    if end is None and lengths is not None:
        end = lengths.get((location.part, location.paragraph))
    out: dict[str, Any] = {
        "part": location.part, "paragraph": location.paragraph, "start": location.start, "end": end,
    }
    for key in ("table", "row", "cell"):
        value = getattr(location, key)
        if value is not None:
            out[key] = value
    return out


def outline_text(programme: Programme, width: int = WIDTH) -> str:
    """A readable tree of the programme, ending with a summary line and a newline."""
    lines: list[str] = []
    heading = programme.title or programme.file or "(untitled draft)"
    lines.extend(textwrap.wrap(heading, width) or [heading])
    lines.append(f"{programme.file} · language {programme.language} · layout profile {programme.profile}")
    lines.append("")
    objective: Objective | None = None  # the objective whose measures follow
    for node in _in_document_order(programme):
        if isinstance(node, Chapter):
            objective = None
            if lines and lines[-1] != "":
                lines.append("")
            label = node.label or (node.number or "")
            lines.extend(_wrapped(label, node.title, 0, width))
        elif isinstance(node, Objective):
            objective = node
            depth = 1 if node.chapter is not None else 0
            label = node.label or (str(node.number) if node.number is not None else "")
            lines.extend(_wrapped(label, node.title, depth, width))
        else:
            under = objective is not None and (objective.number, objective.chapter) == (node.objective, node.chapter)
            depth = (1 if node.chapter is not None else 0) + (1 if under else 0)
            label = node.label or "•"
            lines.extend(_wrapped(label, node.title or "(no title)", depth, width))
            for f in node.fields:
                lines.extend(_field_lines(f, depth + 2, width))
    if lines[-1] != "":
        lines.append("")
    lines.append(summary_line(programme))
    for problem in programme.problems:
        lines.extend(textwrap.wrap(f"! {problem}", width, subsequent_indent="  "))
    return "\n".join(lines) + "\n"


def summary_line(programme: Programme) -> str:
    """"45 measures in 5 objectives, 7 chapters"."""
    return (
        f"{_count(len(programme.measures), 'measure')} in "
        f"{_count(len(programme.objectives), 'objective')}, {_count(len(programme.chapters), 'chapter')}"
    )


def _in_document_order(programme: Programme) -> list[Chapter | Objective | Measure]:
    nodes: list[tuple[tuple, int, Chapter | Objective | Measure]] = []
    for rank, group in enumerate((programme.chapters, programme.objectives, programme.measures)):
        for position, node in enumerate(group):
            nodes.append(((node.location.part != "word/document.xml", node.location.paragraph, rank, position),
                          rank, node))
    nodes.sort(key=lambda n: n[0])
    return [n[2] for n in nodes]


def _wrapped(label: str, title: str, depth: int, width: int) -> list[str]:
    indent = INDENT * depth
    first = f"{indent}{label} " if label else indent
    rest = " " * len(first)
    return _wrap(title, width, first, rest) or [first.rstrip()]


def _field_lines(f: FieldLine, depth: int, width: int) -> list[str]:
    indent = INDENT * depth
    if f.source == "title-brackets":
        name = f"{FIELD_NAMES.get(f.key, f.key)} (in the title)"
    else:
        name = f.label or FIELD_NAMES.get(f.key, f.key)
    prefix = f"{indent}{name}: "
    parts = f.value.splitlines()
    if len(parts) == 1:
        value = parts[0].strip() or "—"
    else:
        value = " / ".join(part.strip() for part in parts if part.strip()) or "—"
    return _wrap(value, width, prefix, indent + INDENT * 2) or [prefix]


# Whitespace that textwrap turns into spaces before wrapping.
_MUNGED_WHITESPACE = re.compile("[\t\n\x0b\x0c\r]")


def _wrap(text: str, width: int, first: str, rest: str) -> list[str]:
    """``textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest)``, short lines fast.

    A text that fits on the first line, ends in a visible character and holds no
    whitespace textwrap would rewrite is that one line unchanged, which is what
    textwrap returns for it too, at a tenth of the cost.
    """
    if (text and len(first) + len(text) <= width and not text[-1].isspace()
            and not _MUNGED_WHITESPACE.search(text)):
        return [first + text]
    return list(_textwrap(text, width, first, rest))


@lru_cache(maxsize=1024)
def _textwrap(text: str, width: int, first: str, rest: str) -> tuple[str, ...]:
    """``textwrap.wrap``, remembered: field values repeat ("Määrärahalisäyksistä päätetään …")."""
    return tuple(textwrap.wrap(text, width, initial_indent=first, subsequent_indent=rest))


def _paragraph_lengths(programme: Programme) -> dict[tuple[str, int], int]:
    return {(p.location.part, p.index): len(p.text) for p in programme.document.paragraphs()}


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
