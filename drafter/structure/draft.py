"""A measure while it is being read: title, body lines, fields and paragraphs, then a Measure."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.blocks import Location, Paragraph
from drafter.model import FieldLine, Measure
from drafter.profiles import LanguageLayout
from drafter.structure.classify import bold_end
from drafter.structure.fields import bracket_fields


@dataclass
class MeasureDraft:
    """Collects one measure's parts in document order."""

    number: int | None
    label: str
    title: str
    title_location: Location | None
    location: Location
    layout: str
    auto_numbered: bool = False
    heading_level: int | None = None   # for measures that are headings: deeper headings are body
    lines: list[tuple[str, Location]] = field(default_factory=list)
    fields: list[FieldLine] = field(default_factory=list)
    paragraphs: list[int] = field(default_factory=list)
    # Index into ``lines`` where the text after the last field cluster starts
    # (None while no field has been seen or no text followed the fields).
    after_fields: int | None = None

    def add_paragraph(self, index: int) -> None:
        if index not in self.paragraphs:
            self.paragraphs.append(index)

    def add_line(self, text: str, location: Location, paragraph: int) -> None:
        if not text or text.isspace():
            return
        if self.fields and self.after_fields is None:
            self.after_fields = len(self.lines)
        self.lines.append((text, location))
        if paragraph not in self.paragraphs:  # add_paragraph, inlined: called for every body line
            self.paragraphs.append(paragraph)

    def add_fields(self, lines: list[FieldLine], paragraph: int) -> None:
        if not lines:
            return
        self.fields.extend(lines)
        self.after_fields = None
        if paragraph not in self.paragraphs:
            self.paragraphs.append(paragraph)

    def build(self, chapter: str | None, objective: int | None, layout: LanguageLayout) -> Measure:
        fields = list(self.fields)
        title, title_location = self.title, self.title_location
        if title_location is not None:
            brackets = bracket_fields(title, title_location, layout)
            fields.extend(brackets)
            if brackets:
                # The bracketed field is a field, not part of the title: "… (2024–2027)".
                title, title_location = _without_brackets(title, title_location, brackets)
        paragraphs = tuple(self.paragraphs)
        return Measure(
            number=self.number, label=self.label, title=title,
            text="\n".join([text for text, _ in self.lines]), location=self.location,
            chapter=chapter, objective=objective, fields=tuple(fields), layout=self.layout,  # type: ignore[arg-type]
            auto_numbered=self.auto_numbered, paragraphs=paragraphs, title_location=title_location,
            body_locations=tuple([loc for _, loc in self.lines]),
        )


def split_title(paragraph: Paragraph, start: int, end: int, split_at_bold: bool = True
                ) -> tuple[str, Location, tuple[str, Location] | None]:
    """The title between ``start`` and ``end`` of ``paragraph``, and the rest of the text as a body line.

    When the title is set in bold and normal text follows in the same paragraph,
    the bold run is the title and the rest is the first body line. The title
    loses a trailing period; its location covers the title text only.
    """
    text = paragraph.text
    rest: tuple[str, Location] | None = None
    if split_at_bold:
        bold = bold_end(paragraph, start)
        if bold is not None and start < bold < end and text[bold:end].strip(" .:–—-"):
            rest_start = bold
            while rest_start < end and text[rest_start].isspace():
                rest_start += 1
            rest_end = _rstrip_end(text, rest_start, end)
            rest = (text[rest_start:rest_end], paragraph.location.span(rest_start, rest_end))
            end = bold
    t_start, t_end = start, _rstrip_end(text, start, end)
    while t_end > t_start and text[t_end - 1] in ".:–—-" and not text[t_start:t_end].endswith(".."):
        t_end = _rstrip_end(text, t_start, t_end - 1)
    return text[t_start:t_end], paragraph.location.span(t_start, t_end), rest


def body_line(paragraph: Paragraph, start: int = 0, end: int | None = None) -> tuple[str, Location]:
    """A paragraph's text (or part of it) as a body line, list label included."""
    text = paragraph.text
    end = len(text) if end is None else end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():  # _rstrip_end, inlined: a call for every body line
        end -= 1
    line = text[start:end]
    numbering = paragraph.numbering
    if start == 0 and numbering is not None and numbering.label:
        line = f"{numbering.label} {line}"
    return line, paragraph.location.span(start, end)


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _without_brackets(title: str, location: Location, brackets: list[FieldLine]) -> tuple[str, Location]:
    """The title up to the first bracketed field, trailing space and period removed."""
    cut = min(f.location.start for f in brackets) - location.start
    cut = title.rfind("(", 0, cut)
    if cut <= 0:
        return title, location
    end = cut
    while end > 0 and (title[end - 1].isspace() or title[end - 1] in ".,–—-"):
        end -= 1
    if end == 0:
        return title, location
    return title[:end], location.span(location.start, location.start + end)
