"""Text edits publish plans on the accepted draft: draft markers, hidden text, check fixes.

Each planner reads plain blocks (never XML) and returns :class:`PlannedEdit`
values: the change-log entry and the exact text edit behind it, located by part,
paragraph index and offsets of the accepted text. :func:`without_overlaps`
keeps the first of any edits that touch the same characters, so the edits can
be made in one pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from drafter.blocks import Document, Paragraph
from drafter.findings import Change, Finding, FindingLocation
from drafter.publish.textview import TextEdit

DRAFT_WORDS = ("LUONNOS", "DRAFT", "UTKAST")
# A paragraph that is only a marker, maybe with a date or version: "LUONNOS 12.3.2025", "DRAFT v2".
_WHOLE_MARKER = re.compile(
    r"^\W*(?:" + "|".join(DRAFT_WORDS) + r")\b[\s\d./:–—-]*(?:v(?:ersio|ersion)?\s*[\d.]+)?[\s\d./:–—-]*\W*$",
    re.IGNORECASE)
# A marker word in capitals inside a header/footer line; one separator next to it goes too.
_MARKER_WORD = re.compile(r"\b(?:" + "|".join(DRAFT_WORDS) + r")\b")
_SEPARATOR_AFTER = re.compile(r"\s*[–—|,-]\s*|\s+")
_SEPARATOR_BEFORE = re.compile(r"(?:\s*[–—|,-]\s*|\s+)$")
_BRACKETED = re.compile(r"\s*[\[(](?:" + "|".join(DRAFT_WORDS) + r")[\])]\s*", re.IGNORECASE)


@dataclass(frozen=True)
class PlannedEdit:
    """A change-log entry and the text edit that makes it."""

    change: Change
    edit: TextEdit


def located(paragraph: Paragraph, start: int, end: int, measure: int | None) -> FindingLocation:
    loc = paragraph.location
    return FindingLocation(measure=measure, paragraph=loc.paragraph, start=start, end=end,
                           text=paragraph.text[start:end], part=loc.part)


def plan_markers(document: Document, measure_at=lambda p: None) -> list[PlannedEdit]:
    """Remove "LUONNOS"/"DRAFT"/"UTKAST" markers: whole marker paragraphs anywhere,
    bracketed markers anywhere, and capitalised marker words in headers and footers."""
    out: list[PlannedEdit] = []
    for paragraph in document.all_paragraphs():
        text = paragraph.text
        if not text.strip():
            continue
        ranges: list[tuple[int, int]] = []
        if _WHOLE_MARKER.match(text):
            ranges.append((0, len(text)))
        else:
            ranges.extend(m.span() for m in _BRACKETED.finditer(text))
            if paragraph.container in ("header", "footer") and not ranges:
                ranges.extend(_marker_word_ranges(text))
        for start, end in ranges:
            measure = measure_at(paragraph)
            change = Change("marker-removed", text[start:end], "", located(paragraph, start, end, measure))
            out.append(PlannedEdit(change, TextEdit(paragraph.location.part, paragraph.location.paragraph,
                                                    start, end, "")))
    return out


def _marker_word_ranges(text: str) -> list[tuple[int, int]]:
    ranges = []
    for match in _MARKER_WORD.finditer(text):
        start, end = match.span()
        after = _SEPARATOR_AFTER.match(text, end)
        if after and after.end() > end:
            end = after.end()
        else:
            before = _SEPARATOR_BEFORE.search(text[:start])
            if before:
                start = before.start()
        ranges.append((start, end))
    return ranges


def plan_hidden_text(document: Document, measure_at=lambda p: None) -> list[PlannedEdit]:
    """Remove text formatted as hidden (directly or by style)."""
    out: list[PlannedEdit] = []
    for paragraph in document.all_paragraphs():
        for span in paragraph.spans:
            if not span.hidden or span.end <= span.start:
                continue
            text = paragraph.text[span.start:span.end]
            change = Change("hidden-text-removed", text, "",
                            located(paragraph, span.start, span.end, measure_at(paragraph)))
            out.append(PlannedEdit(change, TextEdit(paragraph.location.part, paragraph.location.paragraph,
                                                    span.start, span.end, "")))
    return out


def plan_fixes(findings, document: Document, allow_unsafe: bool) -> tuple[list[PlannedEdit], list[Finding]]:
    """Fix edits for findings with an applicable fix; the findings that got no edit."""
    texts = {(p.location.part, p.location.paragraph): p.text for p in document.all_paragraphs()}
    planned: list[PlannedEdit] = []
    left: list[Finding] = []
    wanted = ("safe", "unsafe") if allow_unsafe else ("safe",)
    for finding in findings:
        fix, loc = finding.fix, finding.location
        if fix is None or fix.applicability not in wanted or fix.replacement is None \
                or loc.paragraph is None or loc.start is None or loc.end is None:
            left.append(finding)
            continue
        text = texts.get((loc.part, loc.paragraph))
        if text is None or not 0 <= loc.start <= loc.end <= len(text) or text[loc.start:loc.end] != loc.text \
                or text[loc.start:loc.end] == fix.replacement:
            left.append(finding)
            continue
        change = Change("fix-applied", loc.text, fix.replacement, replace(loc), rule=finding.rule,
                        note=fix.title or None)
        planned.append(PlannedEdit(change, TextEdit(loc.part, loc.paragraph, loc.start, loc.end,
                                                    fix.replacement)))
    return planned, left


def without_overlaps(edits: list[PlannedEdit]) -> tuple[list[PlannedEdit], list[PlannedEdit]]:
    """Keep edits in the given priority order unless they touch characters an earlier one touches."""
    kept: list[PlannedEdit] = []
    dropped: list[PlannedEdit] = []
    taken: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for planned in edits:
        e = planned.edit
        spans = taken.setdefault((e.part, e.paragraph), [])
        if any(_overlap(e.start, e.end, s, t) for s, t in spans):
            dropped.append(planned)
            continue
        spans.append((e.start, e.end))
        kept.append(planned)
    return kept, dropped


def _overlap(a: int, b: int, c: int, d: int) -> bool:
    if a == b and c == d:
        return a == c
    if a == b:
        return c < a < d
    if c == d:
        return a < c < b
    return a < d and c < b


__all__ = ["PlannedEdit", "plan_markers", "plan_hidden_text", "plan_fixes", "without_overlaps", "located"]
