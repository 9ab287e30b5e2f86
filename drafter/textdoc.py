"""Build a :class:`~drafter.blocks.Document` from a few lines of marked-up text.

Rule examples and unit tests describe small drafts in this form instead of DOCX:

- ``# Heading`` / ``## Heading`` / ``### Heading``: headings of outline level 0/1/2
- ``#. text``: an auto-numbered list item (decimal, rendered "1.", "2.", ...);
  as in Word, the list keeps counting across other paragraphs until a heading
- ``- text``: a bullet list item
- ``| a | b |``: consecutive lines form a table; a following ``|---|`` line marks
  the first row as a header row
- ``¶`` alone: an empty paragraph
- CriticMarkup inside a line: ``{++inserted++}``, ``{--deleted--}``,
  ``{==highlighted==}``, ``{>>comment text<<}`` (anchored on the highlight just
  before it, or on the point where it stands); and, beyond CriticMarkup,
  ``{##hidden text##}`` for text formatted hidden
- ``@header: text`` / ``@footer: text``: a header or footer paragraph
- ``@watermark: LUONNOS``: a watermark with that text
- ``@notice: code: message``: a notice the reader would have raised
- ``@track-changes: on``: the settings record edits as tracked changes
- ``@title: text``: the document's title property
- ``@language: fi-FI``: the document's language (``@language:`` alone: none)
- ``{!image!}`` / ``{!image: alternative text!}``: an image in the paragraph,
  without or with alternative text

Every other non-blank line is one body paragraph. Blank lines are ignored.
"""

from __future__ import annotations

import re

from drafter.blocks import (
    Cell, Comment, CommentAnchor, Document, Location, Numbering, Paragraph,
    Properties, ReadNotice, Revision, Row, Span, Table,
)

_CRITIC = re.compile(
    r"\{\+\+(.*?)\+\+\}|\{--(.*?)--\}|\{==(.*?)==\}|\{>>(.*?)<<\}|\{##(.*?)##\}", re.S)
_DIRECTIVE = re.compile(r"^@(header|footer|watermark|notice|track-changes|title|language):\s?(.*)$")
_IMAGE = re.compile(r"\{!image(?::\s*(.*?))?!\}")
_HEADING = re.compile(r"^(#{1,6}) (.*)$")
_SEPARATOR = re.compile(r"^\|\s*:?-{3,}")


def document_from_text(text: str, path: str = "example.docx", language: str | None = None) -> Document:
    """Return a Document whose body holds the paragraphs and tables ``text`` describes."""
    builder = _Builder()
    lines = [line.rstrip() for line in text.strip("\n").splitlines()]
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("|"):
            rows = []
            header_rows = 0
            while i < len(lines) and lines[i].startswith("|"):
                if _SEPARATOR.match(lines[i]):
                    header_rows = len(rows)
                else:
                    rows.append([c.strip() for c in lines[i].strip().strip("|").split("|")])
                i += 1
            builder.table(rows, header_rows)
            continue
        directive = _DIRECTIVE.match(line)
        if directive:
            builder.directive(*directive.groups())
        elif line.strip():
            builder.line(line)
        i += 1
    if builder.language is not None:
        language = builder.language or None
    return Document(
        path=path, body=tuple(builder.body), comments=tuple(builder.comments),
        default_language=language, properties=Properties(title=builder.title), headers=tuple(builder.headers), footers=tuple(builder.footers),
        has_watermark=builder.watermark is not None, watermark_text=builder.watermark,
        notices=tuple(builder.notices), track_revisions=builder.track_changes,
    )


class _Builder:
    def __init__(self) -> None:
        self.body: list = []
        self.comments: list[Comment] = []
        self.paragraph_index = 0
        self.table_index = 0
        self.list_counter = 0
        self.headers: list[Paragraph] = []
        self.footers: list[Paragraph] = []
        self.watermark: str | None = None
        self.notices: list[ReadNotice] = []
        self.track_changes = False
        self.title: str | None = None
        self.language: str | None = None

    def directive(self, name: str, value: str) -> None:
        if name in ("header", "footer"):
            target = self.headers if name == "header" else self.footers
            part = f"word/{name}1.xml"
            text, spans, revisions, anchors = self._parse_critic(value)
            target.append(Paragraph(
                location=Location(part=part, paragraph=len(target)), text=text, spans=tuple(spans),
                revisions=tuple(revisions), comments=tuple(anchors), container=name,
            ))
        elif name == "watermark":
            self.watermark = value.strip()
        elif name == "title":
            self.title = value.strip() or None
        elif name == "language":
            self.language = value.strip()
        elif name == "track-changes":
            self.track_changes = value.strip().lower() in ("on", "true", "yes")
        else:
            code, _, message = value.partition(":")
            self.notices.append(ReadNotice(code.strip(), message.strip() or code.strip()))

    def line(self, line: str) -> None:
        heading = _HEADING.match(line)
        numbering = None
        outline = None
        style = None
        if heading:
            outline = len(heading.group(1)) - 1
            style = f"Heading{outline + 1}"
            line = heading.group(2)
            self.list_counter = 0
        elif line.startswith("#. "):
            self.list_counter += 1
            numbering = Numbering("1", 0, f"{self.list_counter}.", self.list_counter, "decimal", "0")
            style = "ListParagraph"
            line = line[3:]
        elif line.startswith("- "):
            numbering = Numbering("2", 0, "•", None, "bullet", "1")
            style = "ListParagraph"
            line = line[2:]
        if line.strip() == "¶":
            line = ""
        self.body.append(self.paragraph(line, style_id=style, outline_level=outline, numbering=numbering))

    def paragraph(self, marked: str, location: Location | None = None, **kwargs) -> Paragraph:
        images = _IMAGE.findall(marked)
        if images:
            marked = _IMAGE.sub("", marked)
            kwargs.update(has_image=True, images_without_alt=sum(1 for alt in images if not alt.strip()))
        text, spans, revisions, anchors = self._parse_critic(marked)
        location = location or Location(paragraph=self.paragraph_index)
        self.paragraph_index += 1
        return Paragraph(
            location=location, text=text, spans=tuple(spans), revisions=tuple(revisions),
            comments=tuple(anchors), style_name=_style_name(kwargs.get("style_id")), **kwargs,
        )

    def table(self, rows: list[list[str]], header_rows: int) -> None:
        built = []
        for r, cells in enumerate(rows):
            built_cells = []
            for c, cell_text in enumerate(cells):
                location = Location(paragraph=self.paragraph_index, table=self.table_index, row=r, cell=c)
                paragraph = self.paragraph(cell_text, location=location, container="table")
                built_cells.append(Cell(blocks=(paragraph,)))
            built.append(Row(cells=tuple(built_cells), header=r < header_rows))
        self.body.append(Table(index=self.table_index, rows=tuple(built)))
        self.table_index += 1

    def _parse_critic(self, marked: str):
        out: list[str] = []
        spans, revisions, anchors = [], [], []
        pos = 0
        last_highlight: tuple[int, int] | None = None
        for match in _CRITIC.finditer(marked):
            out.append(marked[pos:match.start()])
            here = sum(map(len, out))
            inserted, deleted, highlighted, comment, hidden = match.groups()
            if hidden is not None:
                out.append(hidden)
                spans.append(Span(here, here + len(hidden), hidden=True))
                last_highlight = None
            elif inserted is not None:
                out.append(inserted)
                revisions.append(Revision("ins", "Example", None, inserted, here, here + len(inserted)))
                last_highlight = None
            elif deleted is not None:
                revisions.append(Revision("del", "Example", None, deleted, here, here))
                last_highlight = None
            elif highlighted is not None:
                out.append(highlighted)
                spans.append(Span(here, here + len(highlighted), highlight="yellow"))
                last_highlight = (here, here + len(highlighted))
            else:
                comment_id = str(len(self.comments))
                self.comments.append(Comment(comment_id, "Example", None, comment))
                start, end = last_highlight or (here, here)
                anchors.append(CommentAnchor(comment_id, start, end))
                last_highlight = None
            pos = match.end()
        out.append(marked[pos:])
        return "".join(out), spans, revisions, anchors


def _style_name(style_id: str | None) -> str | None:
    if style_id is None:
        return None
    return re.sub(r"(\D)(\d)", r"\1 \2", style_id).replace("ListParagraph", "List Paragraph").lower()
