"""Describe a programme draft once; render it as DOCX blocks and as its truth outline.

A sample is a :class:`ProgrammeSpec`: front matter, chapters, objectives and
measures. Each measure is written in one of the layouts real drafts use
(:data:`LAYOUTS`). The same values produce the document's blocks and the
``*.truth.json`` outline, so the truth can never drift from what the DOCX holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from docxwriter import (
    CellSpec, DocSpec, ListDef, Metadata, Para, Run, Sdt, TableBlock, accepted_text,
)

LAYOUTS = ("typed", "heading", "prefix", "autonumber", "table", "unnumbered")


def seg(*parts) -> tuple:
    """Inline segments from strings and segment objects."""
    return tuple(parts)


@dataclass
class Field:
    """One field line of a measure: "Vastuutaho: SM, Poliisihallitus"."""

    key: str                       # responsible | schedule | funding | other_actors | indicators
    label: str                     # as written: Vastuutaho, Aikataulu, Ansvarig, Funding ...
    value: tuple                   # segments
    names: tuple[str, ...] = ()    # responsible names as written (for the truth)

    @property
    def text(self) -> str:
        return accepted_text(self.value)


def responsible(label: str, *names: str, joiner: str | None = None) -> Field:
    """A responsible-authority line; names joined by commas, the last by ``joiner`` if given."""
    if joiner and len(names) > 1:
        written = ", ".join(names[:-1]) + f" {joiner} " + names[-1]
    else:
        written = ", ".join(names)
    return Field("responsible", label, (written,), tuple(names))


@dataclass
class Measure:
    """A measure as the truth sees it, plus how it is written."""

    number: int | None
    title: tuple                       # segments, no number prefix, no trailing period
    body: list[tuple] = field(default_factory=list)
    fields: list[Field] = field(default_factory=list)
    layout: str | None = None          # None: the programme's layout
    title_period: bool = False         # the title sentence ends with "." in the document
    bracket_period: str | None = None  # unnumbered layout: "(2024–2027)" after the title
    sub_points: bool = False           # autonumber layout: body paragraphs are "a)" items
    content_control: bool = False      # wrap the whole measure in a w:sdt
    nested_table: tuple[tuple[str, ...], ...] | None = None  # table layout: inside the title cell

    @property
    def title_text(self) -> str:
        return accepted_text(self.title)

    @property
    def body_texts(self) -> list[str]:
        texts = [accepted_text(p) for p in self.body]
        if self.sub_points:  # as rendered: "a) …", "b) …"
            texts = [f"{chr(ord('a') + i)}) {t}" for i, t in enumerate(texts)]
        if self.nested_table:
            texts += [c for row in self.nested_table for c in row if c]
        return texts


@dataclass
class Objective:
    number: int | None
    heading: str          # the heading as written ("Tavoite 1: …", "1. …", "Tema: …")
    title: str            # the title without its label
    measures: list[Measure]
    intro: list = field(default_factory=list)   # blocks or segment tuples before the measures


@dataclass
class Chapter:
    number: str | None
    heading: str
    title: str
    body: list = field(default_factory=list)        # blocks or segment tuples after the heading
    objectives: list[Objective] = field(default_factory=list)
    after: list = field(default_factory=list)       # blocks after the objectives


@dataclass
class ProgrammeSpec:
    """A whole sample draft."""

    file: str
    language: str
    title: str
    front: list                 # blocks before the first chapter (title page, abbreviations)
    chapters: list[Chapter]
    metadata: Metadata
    layout: str = "typed"
    label: Callable[[int], str] = lambda n: f"{n}."
    lists: tuple[ListDef, ...] = ()
    measure_num_id: int | None = None     # numId of auto-numbered measures
    header_text: str | None = None
    track_revisions: bool = False
    table_headers: tuple[str, ...] = ()   # table layout: header row
    table_widths: tuple[int, ...] = ()

    # -- truth ------------------------------------------------------------------
    def truth(self) -> dict:
        """The expected outline (contract §1, without locations)."""
        chapters, objectives, measures = [], [], []
        for chapter in self.chapters:
            chapters.append({"number": chapter.number, "title": chapter.title})
            for objective in chapter.objectives:
                objectives.append({"number": objective.number, "title": objective.title,
                                   "chapter": chapter.number})
                for measure in objective.measures:
                    measures.append(self._measure_truth(measure, chapter, objective))
        return {
            "schema": "drafter.outline/1",
            "file": self.file,
            "language": self.language,
            "title": self.title,
            "chapters": chapters,
            "objectives": objectives,
            "measures": measures,
        }

    def _measure_truth(self, measure: Measure, chapter: Chapter, objective: Objective) -> dict:
        fields: dict = {"responsible": [], "schedule": None, "funding": None}
        seen_responsible = False
        for f in measure.fields:
            if f.key == "responsible":
                if not seen_responsible:
                    fields["responsible"] = list(f.names)
                    seen_responsible = True
            elif fields.get(f.key) is None:
                fields[f.key] = f.text
        if measure.bracket_period and fields["schedule"] is None:
            fields["schedule"] = measure.bracket_period
        layout = measure.layout or self.layout
        return {
            "number": measure.number,
            "label": self.label_of(measure),
            "title": measure.title_text,
            "text": "\n".join(measure.body_texts),
            "chapter": chapter.number,
            "objective": objective.number,
            "fields": fields,
            "layout": layout,
            "auto_numbered": layout == "autonumber",
        }

    def label_of(self, measure: Measure) -> str:
        if measure.number is None:
            return ""
        return self.label(measure.number) if (measure.layout or self.layout) != "table" else f"{measure.number}."

    # -- document -----------------------------------------------------------------
    def doc_spec(self) -> DocSpec:
        blocks: list = [as_block(b) for b in self.front]
        for chapter in self.chapters:
            blocks.append(Para((chapter.heading,), style="Heading1"))
            blocks += [as_block(b) for b in chapter.body]
            for objective in chapter.objectives:
                blocks.append(Para((objective.heading,), style="Heading2"))
                blocks += [as_block(b) for b in objective.intro]
                blocks += self._render_measures(objective.measures)
            blocks += [as_block(b) for b in chapter.after]
        return DocSpec(blocks=blocks, metadata=self.metadata, lists=self.lists,
                       header_text=self.header_text, track_revisions=self.track_revisions)

    def _render_measures(self, measures: list[Measure]) -> list:
        out: list = []
        table_rows: list = []
        for measure in measures:
            layout = measure.layout or self.layout
            if layout == "table":
                table_rows.append(self._table_row(measure))
                continue
            if table_rows:
                out.append(self._table(table_rows))
                table_rows = []
            rendered = self._render_measure(measure, layout)
            if measure.content_control:
                rendered = [Sdt(tuple(rendered), tag=f"toimenpide-{measure.number}",
                                alias=f"Toimenpide {measure.number}")]
            out += rendered
        if table_rows:
            out.append(self._table(table_rows))
        return out

    def _render_measure(self, measure: Measure, layout: str) -> list:
        title = measure.title + ((".",) if measure.title_period else ())
        if layout == "typed":
            head = Para((self.label(measure.number) + " ",) + title, bold=True, keep_next=True)
        elif layout == "prefix":
            head = Para((Run(self.label(measure.number) + " ", bold=True),) + title, keep_next=True)
        elif layout == "heading":
            head = Para((self.label(measure.number) + " ",) + title, style="Heading3")
        elif layout == "autonumber":
            head = Para(title, style="ListParagraph", bold=True, num=(self.measure_num_id, 0), keep_next=True)
        elif layout == "unnumbered":
            head = Para(title + (f" ({measure.bracket_period})",), bold=True, keep_next=True)
        else:
            raise ValueError(f"unknown layout {layout!r}")
        blocks = [head]
        for paragraph in measure.body:
            if measure.sub_points:
                blocks.append(Para(paragraph, style="ListParagraph", num=(self.measure_num_id, 1)))
            else:
                blocks.append(Para(paragraph))
        for f in measure.fields:
            blocks.append(Para((f"{f.label}: ",) + f.value))
        return blocks

    def _table_row(self, measure: Measure) -> tuple:
        def value(key: str) -> tuple:
            return tuple(Para(f.value) for f in measure.fields if f.key == key) or (Para(("",)),)

        title_cell = [Para(measure.title, bold=True)] + [Para(p) for p in measure.body]
        if measure.nested_table:
            widths = (1600, 1700)
            rows = tuple(tuple(CellSpec((Para((c,), bold=(i == 0)),)) for c in row)
                         for i, row in enumerate(measure.nested_table))
            title_cell.append(TableBlock(rows, widths, header_rows=1))
        return (
            CellSpec((Para((f"{measure.number}.",)),)),
            CellSpec(tuple(title_cell)),
            CellSpec(value("responsible")),
            CellSpec(value("schedule")),
            CellSpec(value("funding")),
        )

    def _table(self, rows: list) -> TableBlock:
        header = tuple(CellSpec((Para((h,), bold=True),)) for h in self.table_headers)
        return TableBlock((header, *rows), self.table_widths, header_rows=1,
                          caption="Toimenpiteet, vastuutahot, aikataulu ja rahoitus")


def as_block(item):
    """Accept a block or a tuple of segments (a Normal paragraph)."""
    if isinstance(item, tuple):
        return Para(item)
    if isinstance(item, str):
        return Para((item,))
    return item


def fault(category: str, measure: int | None, text: str, note: str, where: str = "body") -> dict:
    """One deliberate fault of a sample (contract category vocabulary)."""
    return {"category": category, "measure": measure, "text": text, "where": where, "note": note}
