"""The annotated copy: a draft with each finding as a Word comment on exactly its text.

``drafter check --annotate OUT.docx`` calls :func:`write_annotated`. The copy is
the source package with comments added and nothing else changed (the source's
own comments are kept; untouched parts are copied byte for byte). Each comment
reads ``[STY001 clock-time-colon] warning: message — fix (safe): replace …`` and
is anchored on ``location.part``/``paragraph``/``start``..``end``.

Where a finding cannot sit on its own text, its comment goes on the first body
paragraph that has text, with a line saying where the finding is:

- findings without a paragraph (document-level: properties, missing chapters);
- findings in headers and footers: Word cannot show comments there;
- findings in a comment's own text, or in a paragraph that no longer exists.

A finding without a range (or with an empty one) is anchored on its whole
paragraph. When ``location.text`` no longer matches the offsets, the text is
looked up in the paragraph (the occurrence nearest the offsets) before falling
back to the whole paragraph.
"""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable

from drafter.blocks import Document, Paragraph, iter_paragraphs
from drafter.findings import Finding
from drafter.io import check_output_path, write_atomic
from drafter.ooxml.comments_write import CommentWriter
from drafter.ooxml.edit import EditError, now_iso
from drafter.ooxml.package import Package
from drafter.ooxml.reader import read_document
from drafter.ooxml.writer import PackageEditor
from drafter.report.text import fix_text, location_label

_PART_WORDS = {"header": "the header", "footer": "the footer", "comments": "a comment"}


def write_annotated(source_path, findings: Iterable[Finding], output_path, author: str = "drafter",
                    date: str | None = None) -> int:
    """Write a copy of ``source_path`` with every finding as a comment; return the comments written.

    The source is never modified and the output is written atomically; an
    output that is the source is refused (:class:`drafter.errors.OutputError`).
    ``date`` (ISO 8601) defaults to ``SOURCE_DATE_EPOCH`` when set, else now.
    """
    source, output = Path(source_path), Path(output_path)
    check_output_path(output, [source])
    document = read_document(str(source))
    editor = PackageEditor(Package(str(source)))
    writer = CommentWriter(editor)
    places = _Places(document, editor.main_part)
    stamp = date or _default_date()
    initials = _initials(author)
    written = 0
    for finding in sorted(findings, key=lambda f: f.sort_key):
        part, index, start, end, where = places.anchor(finding)
        if part is None:
            continue
        text = comment_text(finding, where)
        try:
            writer.add(editor.tree(part), index, start, end, author, initials, text, stamp)
        except EditError as exc:
            fallback = places.fallback()
            if fallback is None or (part, index) == fallback[:2]:
                raise
            note = f"(drafter could not anchor this on its text: {exc}) " + _where(finding)
            writer.add(editor.tree(fallback[0]), fallback[1], fallback[2], fallback[3], author, initials,
                       comment_text(finding, note), stamp)
        written += 1
    writer.close()
    write_atomic(output, lambda handle: handle.write(editor.to_bytes()), inputs=[source])
    return written


def comment_text(finding: Finding, where: str | None = None) -> str:
    """``[RULE name] severity: message — fix …`` plus a line saying where, when it is elsewhere."""
    text = f"[{finding.rule} {finding.name}] {finding.severity.value}: {finding.message}"
    fix = fix_text(finding)
    if fix:
        text += f" — {fix}"
    if where:
        text += "\n" + where
    return text


class _Places:
    """Which paragraphs a comment can be anchored on, and where the rest go."""

    def __init__(self, document: Document, main_part: str) -> None:
        self.main_part = main_part
        self.paragraphs: dict[tuple[str, int], Paragraph] = {}
        body = list(iter_paragraphs(document.body))
        note_paragraphs = [p for note in (*document.footnotes, *document.endnotes) for p in note.paragraphs]
        for paragraph in (*body, *note_paragraphs):
            self.paragraphs[(paragraph.location.part, paragraph.location.paragraph)] = paragraph
        self.anchorable = {p.location.part for p in body} | {p.location.part for p in note_paragraphs}
        self.anchorable.add(main_part)
        main = [p for p in body if p.location.part == main_part]
        self.first = next((p for p in main if p.text.strip()), main[0] if main else None)

    def fallback(self) -> tuple[str, int, int, int] | None:
        if self.first is None:
            return None
        return self.first.location.part, self.first.location.paragraph, 0, len(self.first.text)

    def anchor(self, finding: Finding) -> tuple[str | None, int, int, int, str | None]:
        """(part, paragraph, start, end, note on where the finding really is) for one finding."""
        loc = finding.location
        paragraph = None
        if loc.paragraph is not None and loc.part in self.anchorable:
            paragraph = self.paragraphs.get((loc.part, loc.paragraph))
        if paragraph is None:
            fallback = self.fallback()
            if fallback is None:
                return None, 0, 0, 0, None
            where = None if loc.paragraph is None and not loc.text else _where(finding)
            return (*fallback, where)
        start, end = _range(paragraph.text, loc.start, loc.end, loc.text)
        return loc.part, loc.paragraph, start, end, None  # type: ignore[return-value]


def _range(text: str, start: int | None, end: int | None, wanted: str) -> tuple[int, int]:
    """The finding's range in ``text``: its offsets when they hold ``wanted``, else ``wanted`` found nearby."""
    if start is not None and end is None:
        end = start + len(wanted) if wanted else start
    if start is not None and end is not None and 0 <= start <= end <= len(text):
        if not wanted or text[start:end] == wanted:
            return start, end
    if wanted:
        hits = []
        position = text.find(wanted)
        while position != -1:
            hits.append(position)
            position = text.find(wanted, position + 1)
        if hits:
            best = min(hits, key=lambda h: abs(h - (start or 0)))
            return best, best + len(wanted)
    return 0, len(text)


def _where(finding: Finding) -> str:
    loc = finding.location
    part = loc.part.rsplit("/", 1)[-1].removesuffix(".xml").rstrip("0123456789")
    place = _PART_WORDS.get(part) or location_label(finding)
    if loc.paragraph is not None and part in _PART_WORDS:
        place += f" (paragraph {loc.paragraph})"
    elif loc.paragraph is not None and part not in _PART_WORDS:
        place = f"paragraph {location_label(finding)}"
    quoted = loc.text or loc.context
    return f"Where: {place}" + (f": “{quoted}”" if quoted else "")


def _initials(author: str) -> str:
    words = author.split()
    if len(words) > 1:
        return "".join(word[0] for word in words[:3]).upper()
    return author[:2].upper()


def _default_date() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return now_iso()


__all__ = ["write_annotated", "comment_text"]
