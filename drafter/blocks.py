"""Plain values for what a DOCX contains, as a reader sees it (no lxml objects).

The ooxml layer turns a package into a :class:`Document`: paragraphs and tables of
the main body in reading order, plus comments, notes, headers and footers. Every
paragraph carries a :class:`Location` that ooxml/ can map back to the XML: the part
name and the paragraph's index among all ``w:p`` elements of that part in document
order (``part_root.iter(w:p)``), and character offsets into the paragraph's
accepted-view text.

Structure recognition, checks and reports work only on these values.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Iterator, Literal, Union

def quick_init(cls):
    """Give a frozen dataclass an ``__init__`` that fills the instance dict directly.

    The generated ``__init__`` of a frozen dataclass sets every field through
    ``object.__setattr__``, one call per field: 0.8 µs for a Location, 2 µs for
    a Paragraph, and a big draft makes hundreds of thousands of them. This one
    takes the same arguments (same order, same defaults) and stores the same
    values, in half the time or less. Not for fields with a default factory,
    nor for a class with ``__post_init__`` (which this ``__init__`` would skip).
    """
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__}: quick_init would skip its __post_init__")
    params, lines, namespace = [], [], {}
    for f in fields(cls):
        if f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: quick_init does not support default factories")
        if f.default is MISSING:
            params.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        lines.append(f"    d[{f.name!r}] = {f.name}")
    source = f"def __init__(self, {', '.join(params)}):\n    d = self.__dict__\n" + "\n".join(lines) + "\n"
    exec(source, namespace)  # noqa: S102 - the source is built from the class's own field names
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init
    return cls


RevisionKind = Literal[
    "ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange",
    "paragraph-mark-ins", "paragraph-mark-del", "row-ins", "row-del", "other",
]


@quick_init
@dataclass(frozen=True)
class Location:
    """Where a piece of text lives: part, paragraph index in that part, offsets.

    ``paragraph`` counts every ``w:p`` of ``part`` in document order, from 0,
    including paragraphs inside tables, content controls and text boxes.
    ``start``/``end`` are offsets into the paragraph's accepted-view ``text``.
    ``table``/``row``/``cell`` are set for paragraphs inside a table of the body
    (outermost table index among the body's top-level tables, 0-based).
    """

    part: str = "word/document.xml"
    paragraph: int = 0
    start: int = 0
    end: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None

    def span(self, start: int, end: int) -> "Location":
        """Return the same paragraph location narrowed to ``start``..``end``."""
        if start == self.start and end == self.end:
            return self  # an equal value: frozen, so it can be shared
        return Location(self.part, self.paragraph, start, end, self.table, self.row, self.cell)


@quick_init
@dataclass(frozen=True)
class Span:
    """A run of accepted-view text sharing visible formatting, by offsets."""

    start: int
    end: int
    bold: bool = False
    italic: bool = False
    underline: bool = False
    highlight: str | None = None  # w:highlight colour or shading used as highlight
    hidden: bool = False          # w:vanish
    strike: bool = False
    color: str | None = None
    font_size: float | None = None  # points
    style: str | None = None        # character style id


@quick_init
@dataclass(frozen=True)
class Revision:
    """A tracked change seen while building the accepted view.

    For ``del``/``moveFrom`` the text is what was dropped and ``offset`` is where it
    stood in the accepted text; for ``ins``/``moveTo`` ``start``/``end`` delimit
    the kept text. Formatting and paragraph-property changes carry no text.
    """

    kind: RevisionKind
    author: str | None
    date: str | None
    text: str = ""
    start: int = 0
    end: int = 0
    id: str | None = None


@quick_init
@dataclass(frozen=True)
class CommentAnchor:
    """The part of a paragraph's text that a comment is anchored on."""

    comment_id: str
    start: int
    end: int


@quick_init
@dataclass(frozen=True)
class Numbering:
    """The auto-numbering of a list paragraph, as Word renders it.

    ``label`` is the rendered prefix ("12.", "b)", "IV"), ``value`` the counter
    of this paragraph's own level, ``format`` its w:numFmt (decimal, upperRoman,
    lowerLetter, bullet, ...).
    """

    num_id: str
    level: int
    label: str
    value: int | None
    format: str
    abstract_id: str | None = None


@quick_init
@dataclass(frozen=True)
class Paragraph:
    """One paragraph in accepted view (insertions kept, deletions dropped)."""

    location: Location
    text: str
    style_id: str | None = None
    style_name: str | None = None
    outline_level: int | None = None  # 0-based; heading 1 = 0, resolved through basedOn
    numbering: Numbering | None = None
    spans: tuple[Span, ...] = ()
    revisions: tuple[Revision, ...] = ()
    comments: tuple[CommentAnchor, ...] = ()
    footnote_refs: tuple[str, ...] = ()
    endnote_refs: tuple[str, ...] = ()
    container: Literal["body", "sdt", "textbox", "table", "note", "comment", "header", "footer"] = "body"
    deleted: bool = False  # the whole paragraph, mark included, is a tracked deletion
    has_image: bool = False
    images_without_alt: int = 0

    @property
    def kind(self) -> str:
        return "paragraph"

    @property
    def index(self) -> int:
        return self.location.paragraph

    @property
    def rendered_text(self) -> str:
        """The text as a reader sees it, list label included ("12. Laaditaan …")."""
        if self.numbering and self.numbering.label and self.numbering.format != "bullet":
            return f"{self.numbering.label} {self.text}"
        return self.text

    @property
    def is_heading(self) -> bool:
        return self.outline_level is not None and self.outline_level < 9


@quick_init
@dataclass(frozen=True)
class Cell:
    """A table cell: its blocks in order (paragraphs and nested tables)."""

    blocks: tuple["Block", ...]
    grid_span: int = 1

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks if b.text)

    def paragraphs(self) -> Iterator[Paragraph]:
        for block in self.blocks:
            yield from iter_paragraphs((block,))


@quick_init
@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    header: bool = False      # w:tblHeader
    inserted: bool = False    # tracked row insertion
    deleted: bool = False     # tracked row deletion


@quick_init
@dataclass(frozen=True)
class Table:
    """A table of the body (or nested in a cell)."""

    index: int
    rows: tuple[Row, ...]
    style_id: str | None = None

    @property
    def kind(self) -> str:
        return "table"

    @property
    def text(self) -> str:
        return "\n".join(c.text for r in self.rows for c in r.cells if c.text)


Block = Union[Paragraph, Table]


@dataclass(frozen=True)
class Comment:
    """A Word comment with its author and text; anchors live on paragraphs."""

    id: str
    author: str | None
    date: str | None
    text: str
    initials: str | None = None


@dataclass(frozen=True)
class Note:
    """A footnote or endnote, its paragraphs in accepted view."""

    id: str
    kind: Literal["footnote", "endnote"]
    paragraphs: tuple[Paragraph, ...]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Properties:
    """Core and app properties (docProps), as strings or None."""

    title: str | None = None
    subject: str | None = None
    creator: str | None = None
    last_modified_by: str | None = None
    revision: str | None = None
    language: str | None = None
    keywords: str | None = None
    description: str | None = None
    template: str | None = None
    application: str | None = None
    created: str | None = None
    modified: str | None = None
    custom: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ReadNotice:
    """Something the reader could not read as expected; becomes a parse finding."""

    code: str
    message: str
    part: str | None = None


@dataclass(frozen=True)
class Document:
    """Everything drafter reads from one DOCX, in reading order."""

    path: str
    body: tuple[Block, ...]
    comments: tuple[Comment, ...] = ()
    footnotes: tuple[Note, ...] = ()
    endnotes: tuple[Note, ...] = ()
    headers: tuple[Paragraph, ...] = ()
    footers: tuple[Paragraph, ...] = ()
    properties: Properties = field(default_factory=Properties)
    default_language: str | None = None  # w:lang of the document defaults (e.g. "fi-FI")
    track_revisions: bool = False          # w:trackRevisions in settings
    has_watermark: bool = False
    watermark_text: str | None = None
    notices: tuple[ReadNotice, ...] = ()
    content_type: str | None = None        # main part content type (docx, docm, dotx)

    def paragraphs(self) -> Iterator[Paragraph]:
        """Every body paragraph in reading order, table cells included."""
        yield from iter_paragraphs(self.body)

    def all_paragraphs(self) -> Iterator[Paragraph]:
        """Body, notes, headers and footers: every paragraph a check may read."""
        yield from self.paragraphs()
        for note in (*self.footnotes, *self.endnotes):
            yield from note.paragraphs
        yield from self.headers
        yield from self.footers

    def tables(self) -> Iterator[Table]:
        """Every table of the body, nested ones included, outer first."""
        stack = list(reversed(self.body))
        while stack:
            block = stack.pop()
            if isinstance(block, Table):
                yield block
                for row in reversed(block.rows):
                    for cell in reversed(row.cells):
                        stack.extend(reversed(cell.blocks))

    def comment(self, comment_id: str) -> Comment | None:
        for c in self.comments:
            if c.id == comment_id:
                return c
        return None


def iter_paragraphs(blocks) -> Iterator[Paragraph]:
    """Yield paragraphs of ``blocks`` in reading order, descending into tables."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block
        else:
            for row in block.rows:
                for cell in row.cells:
                    yield from iter_paragraphs(cell.blocks)
