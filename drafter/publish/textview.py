"""The no-text-lost invariant: a document's text by story, edits on it, and the comparison.

A :class:`Stories` value holds the accepted-view text of every paragraph of the
body, notes, headers and footers, keyed by part and paragraph index (the
reader's own locations). Publish lists every text edit it makes as a
:class:`TextEdit` (replace a range of one paragraph) or a :class:`Join` (a
paragraph's text continues the next one, when a deleted paragraph mark is
accepted); :meth:`Stories.apply` plays them on the source's text, and
:func:`check_invariant` requires the result to equal the output's text.

Paragraph *structure* that carries no text is not compared: empty paragraphs
are left out on both sides, so a wholly deleted paragraph that Word keeps as an
empty one, or an empty paragraph removed with its deleted mark, is no
difference. Every character is compared, in order, story by story.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from drafter.blocks import Document
from drafter.errors import DrafterError


class InvariantError(DrafterError):
    """The output's text differs from the source's in a way no listed change explains."""


@dataclass(frozen=True)
class TextEdit:
    """``text[start:end]`` of paragraph ``paragraph`` of ``part`` becomes ``new_text``.

    A paragraph key the source does not have adds a paragraph (restored by a
    rejected deletion) placed by its index among the others.
    """

    part: str
    paragraph: int
    start: int
    end: int
    new_text: str


@dataclass(frozen=True)
class Join:
    """Paragraph ``paragraph`` of ``part`` runs on into the next paragraph of its story."""

    part: str
    paragraph: int


Edit = TextEdit | Join


class Stories:
    """Paragraph texts by part, in document order (paragraph index order)."""

    def __init__(self, parts: dict[str, dict[int, str]]) -> None:
        self.parts = parts

    @classmethod
    def of(cls, document: Document) -> "Stories":
        """The stories of a read document: body (tables and text boxes too), notes, headers, footers."""
        parts: dict[str, dict[int, str]] = {}
        for paragraph in document.all_paragraphs():
            loc = paragraph.location
            parts.setdefault(loc.part, {})[loc.paragraph] = paragraph.text
        return cls(parts)

    def text(self, part: str, paragraph: int) -> str:
        return self.parts.get(part, {}).get(paragraph, "")

    def apply(self, edits: Iterable[Edit]) -> "Stories":
        """A copy with ``edits`` made: text edits right to left per paragraph, then joins in order."""
        parts = {name: dict(texts) for name, texts in self.parts.items()}
        text_edits = [e for e in edits if isinstance(e, TextEdit)]
        joins = [e for e in edits if isinstance(e, Join)]
        for edit in sorted(text_edits, key=lambda e: (e.part, e.paragraph, -e.start, -e.end)):
            story = parts.setdefault(edit.part, {})
            text = story.get(edit.paragraph, "")
            if not 0 <= edit.start <= edit.end <= len(text):
                raise InvariantError(
                    f"a listed change does not fit the source text ({edit.part} paragraph {edit.paragraph}, "
                    f"{edit.start}..{edit.end} of {len(text)} characters)")
            story[edit.paragraph] = text[:edit.start] + edit.new_text + text[edit.end:]
        for join in joins:
            story = parts.get(join.part, {})
            if join.paragraph not in story:
                continue
            keys = sorted(story)
            position = keys.index(join.paragraph)
            if position + 1 < len(keys):
                following = keys[position + 1]
                story[following] = story.pop(join.paragraph) + story[following]
        return Stories(parts)

    def sequence(self, part: str) -> list[str]:
        """The non-empty paragraph texts of ``part`` in order."""
        story = self.parts.get(part, {})
        return [story[k] for k in sorted(story) if story[k]]


def check_invariant(expected: Stories, actual: Stories, what: str) -> None:
    """Raise :class:`InvariantError` naming the first difference between two documents' stories."""
    for part in sorted(set(expected.parts) | set(actual.parts)):
        want, got = expected.sequence(part), actual.sequence(part)
        if want == got:
            continue
        for i, (a, b) in enumerate(zip(want, got)):
            if a != b:
                raise InvariantError(f"{what}: the text of {part} changed without a listed change "
                                     f"(paragraph {i + 1} of the story: expected {_clip(a, b)!r}, "
                                     f"got {_clip(b, a)!r}); nothing was written")
        if len(want) > len(got):
            raise InvariantError(f"{what}: {part} lost {len(want) - len(got)} paragraph(s) without a listed "
                                 f"change (first: {want[len(got)][:60]!r}); nothing was written")
        raise InvariantError(f"{what}: {part} gained {len(got) - len(want)} paragraph(s) without a listed "
                             f"change (first: {got[len(want)][:60]!r}); nothing was written")


def _clip(text: str, other: str) -> str:
    """A short window of ``text`` around where it first differs from ``other``."""
    i = 0
    while i < min(len(text), len(other)) and text[i] == other[i]:
        i += 1
    start = max(0, i - 25)
    return ("…" if start else "") + text[start:i + 35]


def minimal_edit(before: str, after: str) -> tuple[int, int, str, str]:
    """(start, end, old, new): the smallest range of ``before`` that, replaced, gives ``after``."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[len(before) - 1 - suffix] == after[len(after) - 1 - suffix]:
        suffix += 1
    end = len(before) - suffix
    return prefix, end, before[prefix:end], after[prefix:len(after) - suffix]


__all__ = ["Stories", "TextEdit", "Join", "Edit", "InvariantError", "check_invariant", "minimal_edit"]
