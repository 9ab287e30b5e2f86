"""The programme model: Programme → Chapter → Objective → Measure, plain frozen values.

Chapters, objectives and measures are kept as flat tuples in document order; each
node names its parents by number (``Measure.chapter``, ``Measure.objective``), so
the tree can be walked either way without back-references. Every node has a
:class:`~drafter.blocks.Location` pointing at the paragraph that opens it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Literal

from drafter.blocks import Document, Location, quick_init

FieldKey = Literal["responsible", "other_actors", "schedule", "funding", "indicators"]
MeasureLayout = Literal["heading", "typed", "prefix", "autonumber", "table", "unnumbered"]


@quick_init
@dataclass(frozen=True)
class FieldLine:
    """One field of a measure: key, the label as written, the value without label."""

    key: str
    label: str | None
    value: str
    location: Location
    # How the field was given: a "Label: value" line, a table column, or in
    # brackets after the title ("… (2024–2027)").
    source: Literal["line", "column", "title-brackets"] = "line"


@quick_init
@dataclass(frozen=True)
class Measure:
    """A numbered measure (toimenpide) with its title, body and fields."""

    number: int | None
    label: str
    title: str
    text: str
    location: Location
    chapter: str | None = None
    objective: int | None = None
    fields: tuple[FieldLine, ...] = ()
    layout: MeasureLayout = "typed"
    auto_numbered: bool = False
    # Paragraph indices (in the main part) that make up the measure: title,
    # body and field lines, in order. Checks use these to place findings.
    paragraphs: tuple[int, ...] = ()
    # Where the title and each body paragraph's text sit, parallel to the
    # title and to ``text.split("\n")``.
    title_location: Location | None = None
    body_locations: tuple[Location, ...] = ()

    def field(self, key: str) -> FieldLine | None:
        """Return the first field with ``key``, or None."""
        for f in self.fields:
            if f.key == key:
                return f
        return None

    def field_value(self, key: str) -> str | None:
        f = self.field(key)
        return f.value if f else None

    @property
    def responsible(self) -> list[str]:
        """Responsible authorities as written, split on commas and conjunctions."""
        from drafter.fields import split_names

        f = self.field("responsible")
        return split_names(f.value) if f else []

    @property
    def full_text(self) -> str:
        """Title, body and field lines, as one text for matching."""
        parts = [self.title, self.text]
        parts.extend(f"{f.label or f.key}: {f.value}" for f in self.fields)
        return "\n".join(p for p in parts if p)


@dataclass(frozen=True)
class Objective:
    """A numbered objective (tavoite) of a chapter."""

    number: int | None
    title: str
    location: Location
    chapter: str | None = None
    label: str = ""


@dataclass(frozen=True)
class Chapter:
    """A chapter, numbered with Roman numerals (or digits, kept as written)."""

    number: str | None
    title: str
    location: Location
    label: str = ""


@dataclass(frozen=True)
class Programme:
    """A whole programme draft: its structure and the document it was read from."""

    file: str
    language: str
    title: str | None
    chapters: tuple[Chapter, ...]
    objectives: tuple[Objective, ...]
    measures: tuple[Measure, ...]
    document: Document
    profile: str = "default"
    # Structure problems found while recognising (become `parse` findings).
    problems: tuple[str, ...] = field(default=())

    def objectives_of(self, chapter: str | None) -> Iterator[Objective]:
        return (o for o in self.objectives if o.chapter == chapter)

    def measures_of(self, objective: int | None, chapter: str | None = None) -> Iterator[Measure]:
        return (
            m for m in self.measures
            if m.objective == objective and (chapter is None or m.chapter == chapter)
        )

    def measure(self, number: int) -> Measure | None:
        for m in self.measures:
            if m.number == number:
                return m
        return None

    def measure_at(self, paragraph: int) -> Measure | None:
        """The measure whose title, body or fields include main-part paragraph ``paragraph``."""
        index = self._paragraph_index()
        return index.get(paragraph)

    def _paragraph_index(self) -> dict[int, Measure]:
        cached = self.__dict__.get("_measure_by_paragraph")
        if cached is None:
            cached = {p: m for m in self.measures for p in m.paragraphs}
            object.__setattr__(self, "_measure_by_paragraph", cached)
        return cached
