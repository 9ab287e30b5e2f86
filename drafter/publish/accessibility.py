"""Accessibility of the publication version (Act on the Provision of Digital Services 306/2019, WCAG 2.1).

What a screen reader needs from a Word document: a title and a language in the
document properties, headings in heading styles (so the document has an
outline to navigate), alternative text on every image, and a header row on every
data table. :func:`accessibility_findings` reports what is still missing in the
published document as ``accessibility`` findings; publish itself sets the title
and language when it knows them (from drafter.toml or from the draft's own title
and language), which are the safe fixes.
"""

from __future__ import annotations

from drafter.blocks import Document, Paragraph, Table
from drafter.findings import Finding, FindingLocation, Severity

_SOURCE = "Act on the Provision of Digital Services 306/2019; WCAG 2.1"


def _finding(rule: str, name: str, message: str, severity: Severity = Severity.WARNING,
             paragraph: Paragraph | None = None, measure: int | None = None) -> Finding:
    location = FindingLocation()
    if paragraph is not None:
        loc = paragraph.location
        location = FindingLocation(measure=measure, paragraph=loc.paragraph, start=0, end=len(paragraph.text),
                                   text=paragraph.text, context=paragraph.text[:120], part=loc.part)
    return Finding(rule=rule, name=name, category="accessibility", severity=severity, message=message,
                   location=location)


def accessibility_findings(document: Document, programme=None) -> list[Finding]:
    """What keeps ``document`` from being accessible, one finding per problem."""
    findings: list[Finding] = []
    if not (document.properties.title or "").strip():
        findings.append(_finding(
            "ACC001", "document-title-missing",
            "The document has no title in its properties; screen readers announce the title. Set it in "
            "drafter.toml ([publish] title) or in Word (File > Info > Title).", Severity.ERROR))
    if not (document.properties.language or document.default_language):
        findings.append(_finding(
            "ACC002", "document-language-missing",
            "The document's language is not set; screen readers then read it with the wrong voice.",
            Severity.ERROR))
    paragraphs = {p.location.paragraph: p for p in document.paragraphs()}
    if programme is not None:
        for node in (*programme.chapters, *programme.objectives):
            paragraph = paragraphs.get(node.location.paragraph)
            if paragraph is not None and not paragraph.is_heading:
                findings.append(_finding(
                    "ACC003", "heading-without-heading-style",
                    f"“{paragraph.text[:60]}” looks like a heading but is not in a heading style, so it is not in "
                    "the document's navigation outline; give it a Heading style.", paragraph=paragraph))
    for paragraph in document.paragraphs():
        if paragraph.images_without_alt:
            measure = programme.measure_at(paragraph.location.paragraph) if programme is not None else None
            findings.append(_finding(
                "ACC004", "image-without-alt-text",
                f"{paragraph.images_without_alt} image(s) here have no alternative text; describe each image "
                "(right-click > Edit Alt Text).", paragraph=paragraph,
                measure=measure.number if measure else None))
    for table in document.tables():
        if isinstance(table, Table) and len(table.rows) > 1 and not any(r.header for r in table.rows):
            first = next((b for row in table.rows for cell in row.cells for b in cell.blocks
                          if isinstance(b, Paragraph)), None)
            findings.append(_finding(
                "ACC005", "table-without-header-row",
                "This table has no header row; mark its first row as a header row that repeats "
                "(Table Properties > Row > Repeat as header row) so screen readers can name the columns.",
                paragraph=first))
    return findings


__all__ = ["accessibility_findings"]
