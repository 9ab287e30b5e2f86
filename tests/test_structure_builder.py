"""Build small Documents by hand where drafter.textdoc markup cannot say enough (bold, numbering)."""

from __future__ import annotations

from drafter.blocks import Cell, Document, Location, Numbering, Paragraph, Row, Span, Table


class DocBuilder:
    """Appends paragraphs and tables with running paragraph indices."""

    def __init__(self, path: str = "hand.docx") -> None:
        self.path = path
        self.body: list = []
        self.index = 0
        self.tables = 0

    def _paragraph(self, text: str, location: Location | None = None, *, bold: int | bool | None = None,
                   style: str | None = None, level: int | None = None, numbering: Numbering | None = None,
                   container: str = "body") -> Paragraph:
        location = location or Location(paragraph=self.index)
        self.index += 1
        spans: tuple[Span, ...] = ()
        if bold is True:
            spans = (Span(0, len(text), bold=True),)
        elif isinstance(bold, int) and bold is not False and bold:
            spans = (Span(0, bold, bold=True), Span(bold, len(text)))
        if level is not None and style is None:
            style = f"Heading{level + 1}"
        return Paragraph(location=location, text=text, style_id=style, outline_level=level,
                         numbering=numbering, spans=spans, container=container)  # type: ignore[arg-type]

    def p(self, text: str, **kwargs) -> "DocBuilder":
        self.body.append(self._paragraph(text, **kwargs))
        return self

    def h(self, level: int, text: str, **kwargs) -> "DocBuilder":
        return self.p(text, level=level, **kwargs)

    def item(self, value: int, text: str, *, level: int = 0, num_id: str = "5", fmt: str = "decimal",
             label: str | None = None, **kwargs) -> "DocBuilder":
        label = label if label is not None else (f"{value}." if fmt == "decimal" else "•")
        numbering = Numbering(num_id, level, label, value if fmt != "bullet" else None, fmt, num_id)
        return self.p(text, numbering=numbering, style=kwargs.pop("style", "ListParagraph"), **kwargs)

    def table(self, rows: list[list[str | list[str]]], header: int = 0, bold_first: bool = False) -> "DocBuilder":
        built = []
        for r, cells in enumerate(rows):
            built_cells = []
            for c, content in enumerate(cells):
                texts = content if isinstance(content, list) else [content]
                blocks = []
                for k, text in enumerate(texts):
                    location = Location(paragraph=self.index, table=self.tables, row=r, cell=c)
                    bold = bold_first and k == 0 and r >= header and c > 0
                    blocks.append(self._paragraph(text, location, container="table", bold=bold or None))
                built_cells.append(Cell(blocks=tuple(blocks)))
            built.append(Row(cells=tuple(built_cells), header=r < header))
        self.body.append(Table(index=self.tables, rows=tuple(built)))
        self.tables += 1
        return self

    def build(self, **kwargs) -> Document:
        return Document(path=self.path, body=tuple(self.body), **kwargs)


def test_builder_numbers_paragraphs_in_reading_order_through_tables():
    doc = DocBuilder().p("a").table([["b", ["c", "d"]]]).p("e").build()
    assert [p.index for p in doc.paragraphs()] == [0, 1, 2, 3, 4]
    assert [p.text for p in doc.paragraphs()] == ["a", "b", "c", "d", "e"]
