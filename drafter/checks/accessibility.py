"""Accessibility of a document (Act on the Provision of Digital Services 306/2019, WCAG 2.1).

What a screen reader needs from a Word document: a title and a language in the
document properties, headings in heading styles (so the document has an outline
to navigate), alternative text on every image, and a header row on every data
table. ``drafter check`` reports these on drafts; ``drafter publish`` runs the same
rules on its output and lists what is still missing under ``remaining``.
"""

from __future__ import annotations

from typing import Iterator

from drafter.blocks import Paragraph, Table
from drafter.checks.registry import CheckContext, Rule, kind
from drafter.findings import Finding


@kind("document-title", {})
def document_title(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """The document's properties must carry a title: screen readers announce it."""
    if not (ctx.document.properties.title or "").strip():
        yield ctx.finding(rule)


@kind("document-language", {})
def document_language(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """The document must declare its language, or screen readers pick the wrong voice."""
    if not (ctx.document.properties.language or ctx.document.default_language):
        yield ctx.finding(rule)


@kind("heading-style", {})
def heading_style(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Chapter and objective headings must be in heading styles to appear in the outline."""
    by_index = {p.location.paragraph: p for p in ctx.paragraphs()}
    for node in (*ctx.programme.chapters, *ctx.programme.objectives):
        paragraph = by_index.get(node.location.paragraph)
        if paragraph is not None and paragraph.container == "body" and not paragraph.is_heading:
            yield ctx.finding(rule, paragraph=paragraph, heading=_clip(paragraph.text))


@kind("image-alt-text", {})
def image_alt_text(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Every image needs alternative text."""
    for paragraph in ctx.document.all_paragraphs():
        if paragraph.images_without_alt:
            yield ctx.finding(rule, paragraph=paragraph, count=paragraph.images_without_alt)


@kind("table-header-row", {"min_rows": False})
def table_header_row(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Data tables need a header row that repeats, so screen readers can name the columns."""
    min_rows = int(rule.params.get("min_rows", 2))
    for table in ctx.document.tables():
        if len(table.rows) >= min_rows and not any(row.header for row in table.rows):
            first = _first_paragraph(table)
            yield ctx.finding(rule, paragraph=first, table=table.index + 1)


def _first_paragraph(table: Table) -> Paragraph | None:
    return next((p for row in table.rows for cell in row.cells for p in cell.paragraphs()), None)


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"
