"""Check kinds for draft residue that patterns cannot see: comments, revisions, formatting.

Placeholders ("XX", "TODO", "[lähde]") and "LUONNOS" markers are plain patterns
and live as ``existence`` rules in rules/common/leftover.yaml; the kinds here
read the document's comments, tracked changes, highlight and hidden-text spans
and its watermark.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterator, Mapping, Any

from drafter.blocks import Paragraph, Span, Table
from drafter.checks.registry import CheckContext, Rule, kind
from drafter.checks.suppression import is_directive
from drafter.findings import Finding

QUOTE_CHARS = 80

REVISION_NAMES = {
    "ins": "insertion", "del": "deletion", "moveFrom": "move", "moveTo": "move",
    "rPrChange": "formatting change", "pPrChange": "paragraph formatting change",
    "paragraph-mark-ins": "inserted paragraph mark", "paragraph-mark-del": "deleted paragraph mark",
    "row-ins": "inserted table row", "row-del": "deleted table row", "other": "other change",
}


def _quote(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _people(names) -> str:
    names = sorted({n for n in names if n})
    if not names:
        return "an unknown author"
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]


@kind("comments", {})
def comments(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """One finding per Word comment left in the draft (drafter directives excepted)."""
    anchors: dict[str, tuple[Paragraph, int, int]] = {}
    for paragraph in ctx.document.all_paragraphs():
        for anchor in paragraph.comments:
            anchors.setdefault(anchor.comment_id, (paragraph, anchor.start, anchor.end))
    for comment in ctx.document.comments:
        if is_directive(comment.text):
            continue
        values = {"author": comment.author or "unknown author", "text": _quote(comment.text),
                  "date": comment.date or ""}
        where = anchors.get(comment.id)
        if where is None:
            yield ctx.finding(rule, message=rule.format(**values), details={"comment": comment.id})
            continue
        paragraph, start, end = where
        end = min(end, len(paragraph.text))
        start = min(start, end)
        yield ctx.finding(rule, message=rule.format(**values), paragraph=paragraph, start=start, end=end,
                          details={"comment": comment.id})


@kind("tracked-changes", {})
def tracked_changes(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """One finding per paragraph (or table row) holding unresolved tracked changes.

    A wholly deleted paragraph is not a paragraph of the document: its
    revisions arrive on the next paragraph and are reported there.
    """
    for paragraph in ctx.document.all_paragraphs():
        revisions = paragraph.revisions
        if not revisions:
            continue
        kinds = Counter(REVISION_NAMES.get(r.kind, r.kind) for r in revisions)
        described = ", ".join(_plural(n, k) for k, n in kinds.items())
        with_text = [r for r in revisions if r.kind in ("ins", "moveTo", "del", "moveFrom")]
        if with_text:
            start = min(r.start for r in with_text)
            end = max(max(r.end, r.start) for r in with_text)
        else:
            start, end = 0, len(paragraph.text)
        end = min(end, len(paragraph.text))
        start = min(start, end)
        count = sum(kinds.values())
        removed = [r.text for r in revisions if r.kind in ("del", "moveFrom") and r.text.strip()]
        if removed:
            described += "; deleted: " + ", ".join(f"\u201c{_clip(t)}\u201d" for t in removed[:3])
            if len(removed) > 3:
                described += f" and {len(removed) - 3} more"
        yield ctx.finding(
            rule, message=rule.format(count=count, changes=described, authors=_people(r.author for r in revisions),
                                      kinds=described),
            paragraph=paragraph, start=start, end=end,
            details={"revisions": count, "kinds": dict(kinds)},
        )
    for table in ctx.document.tables():
        for number, row in enumerate(table.rows):
            if not (row.inserted or row.deleted):
                continue
            paragraph, start, end = _row_location(table, number)
            change = "inserted table row" if row.inserted else "deleted table row"
            yield ctx.finding(rule, message=rule.format(count=1, changes=f"1 {change}", kinds=change,
                                                        authors=_people(())),
                              paragraph=paragraph, start=start, end=end,
                              details={"table": table.index, "row": number})


def _row_location(table: Table, number: int) -> tuple[Paragraph | None, int | None, int | None]:
    """Where a tracked row change shows: the row's own text, else where a deleted row stood.

    A deleted row keeps no cells; the point is the start of the next paragraph of
    the table (the end of the previous one for a last row), None when the table
    has no paragraph left at all.
    """
    row = table.rows[number]
    first = next((p for cell in row.cells for p in cell.paragraphs()), None)
    if first is not None:
        return first, 0, len(first.text)
    for later in table.rows[number + 1:]:
        following = next((p for cell in later.cells for p in cell.paragraphs()), None)
        if following is not None:
            return following, 0, 0
    for earlier in reversed(table.rows[:number]):
        preceding = [p for cell in earlier.cells for p in cell.paragraphs()]
        if preceding:
            end = len(preceding[-1].text)
            return preceding[-1], end, end
    return None, None, None


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _merged(spans: tuple[Span, ...], wanted) -> list[tuple[int, int, Span]]:
    """Adjacent or overlapping spans for which ``wanted(span)`` holds, merged."""
    out: list[tuple[int, int, Span]] = []
    for span in sorted((s for s in spans if wanted(s)), key=lambda s: s.start):
        if out and span.start <= out[-1][1]:
            start, end, first = out[-1]
            out[-1] = (start, max(end, span.end), first)
        else:
            out.append((span.start, span.end, span))
    return out


@kind("highlights", {})
def highlights(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """One finding per stretch of highlighted text."""
    yield from _span_findings(rule, ctx, lambda s: bool(s.highlight) and s.highlight not in ("none", "auto"))


@kind("hidden-text", {})
def hidden_text(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """One finding per stretch of hidden text (w:vanish): it is published with the file."""
    yield from _span_findings(rule, ctx, lambda s: s.hidden)


def _span_findings(rule: Rule, ctx: CheckContext, wanted) -> Iterator[Finding]:
    for paragraph in ctx.document.all_paragraphs():
        if not paragraph.spans:
            continue
        for start, end, span in _merged(paragraph.spans, wanted):
            end = min(end, len(paragraph.text))
            if start >= end:
                continue
            text = paragraph.text[start:end]
            if not text.strip():
                continue
            yield ctx.finding(rule, message=rule.format(text=_quote(text), colour=span.highlight or "",
                                                        color=span.highlight or ""),
                              paragraph=paragraph, start=start, end=end)


DRAFT_WORDS = r"(?i)\b(?:luonnos|draft|utkast|keskeneräinen|luottamuksellinen|konfidentiell|confidential)\b"


@kind("watermark", {"patterns": False, "any": False})
def watermark(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Flag a draft watermark ("LUONNOS", "DRAFT", "UTKAST") behind the pages."""
    document = ctx.document
    if not document.has_watermark and not document.watermark_text:
        return
    text = document.watermark_text or ""
    patterns = rule.params.get("patterns") or [DRAFT_WORDS]
    if isinstance(patterns, str):
        patterns = [patterns]
    matched = any(re.search(p, text) for p in patterns)
    if matched or (rule.params.get("any", True) and document.has_watermark):
        yield ctx.finding(rule, message=rule.format(text=text or "(text not readable)"),
                          details={"watermark": text})


def _validate_watermark(params: Mapping[str, Any]) -> None:
    patterns = params.get("patterns", [])
    for pattern in [patterns] if isinstance(patterns, str) else patterns:
        re.compile(pattern)
    if "any" in params and not isinstance(params["any"], bool):
        raise ValueError("any must be true or false")


watermark.validate_params = _validate_watermark


@kind("track-changes-on", {})
def track_changes_on(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Flag a document whose settings still record every edit as a tracked change."""
    if ctx.document.track_revisions:
        yield ctx.finding(rule)
