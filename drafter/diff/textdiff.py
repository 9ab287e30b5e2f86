"""Word-level differences between two texts: tokens, SequenceMatcher opcodes, character spans.

A text is cut into tokens: words (with inner hyphens, dashes, periods, colons
and slashes kept, so "2021–2022", "14.00" and "3 a §:n" pieces stay whole) and
single punctuation marks. Whitespace separates tokens and never is one, so a
change of spacing or of paragraph breaks alone is no change: reviewers compare
wording, and Word's own spacing noise (no-break spaces, doubled spaces) would
otherwise drown it.

:func:`word_ops` gives the insert/delete/replace operations with the character
spans of the tokens on both sides. A pure insertion has an empty old span at the
place it goes into the old text (after the preceding token); a pure deletion an
empty new span likewise. The op's visible text is the original text from its
first token to its last, spacing inside kept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

# A word: letters/digits, joined by one inner hyphen, dash, period, colon, slash
# or apostrophe to more letters/digits; anything else that is not space is one token.
_TOKEN = re.compile(r"\w+(?:[-‐‑–—.:/'’]\w+)*|[^\w\s]", re.UNICODE)
_SPACE = re.compile(r"\s+", re.UNICODE)
_DASHES = str.maketrans({"‐": "-", "‑": "-", "–": "-", "—": "-", "’": "'", "”": '"', "“": '"'})


@dataclass(frozen=True)
class Token:
    """One token of a text and where it stands (character offsets)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class WordOp:
    """One word-level change: ``old[old_start:old_end]`` became ``new[new_start:new_end]``."""

    op: str  # insert | delete | replace
    old: str
    new: str
    old_start: int
    old_end: int
    new_start: int
    new_end: int

    def to_json(self) -> dict[str, Any]:
        """The contract's form: insert/delete carry ``text``, replace ``old`` and ``new``."""
        if self.op == "insert":
            return {"op": "insert", "text": self.new}
        if self.op == "delete":
            return {"op": "delete", "text": self.old}
        return {"op": "replace", "old": self.old, "new": self.new}

    def describe(self) -> str:
        """A short readable form: +"new", -"old", "old" → "new"."""
        if self.op == "insert":
            return f"+“{self.new}”"
        if self.op == "delete":
            return f"−“{self.old}”"
        return f"“{self.old}” → “{self.new}”"


def tokens(text: str) -> list[Token]:
    """The tokens of ``text`` with their offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text or "")]


def comparable(text: str | None) -> str:
    """The text as compared for "changed or not": NFC, whitespace collapsed."""
    if not text:
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def normalised(text: str | None) -> str:
    """The text as matched: NFKC, lower case, dashes and quotes unified, whitespace collapsed."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_DASHES)
    return _SPACE.sub(" ", folded).strip()


def same_words(old: str | None, new: str | None) -> bool:
    """True when the two texts have the same tokens (spacing aside)."""
    return [t.text for t in tokens(comparable(old))] == [t.text for t in tokens(comparable(new))]


def word_ops(old: str | None, new: str | None) -> list[WordOp]:
    """The insert/delete/replace operations that turn ``old`` into ``new``, token by token.

    Offsets refer to ``old`` and ``new`` as given (not normalised).
    """
    old, new = old or "", new or ""
    a, b = tokens(old), tokens(new)
    matcher = SequenceMatcher(None, [t.text for t in a], [t.text for t in b], autojunk=False)
    ops: list[WordOp] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old_start, old_end = _span(a, i1, i2)
        new_start, new_end = _span(b, j1, j2)
        ops.append(WordOp(
            tag, old[old_start:old_end], new[new_start:new_end], old_start, old_end, new_start, new_end,
        ))
    return ops


def _span(toks: list[Token], first: int, stop: int) -> tuple[int, int]:
    """Character span of tokens ``first``..``stop``; for none, the point after token ``first - 1``."""
    if stop > first:
        return toks[first].start, toks[stop - 1].end
    point = toks[first - 1].end if first > 0 else 0
    return point, point


def ratio(old: str | None, new: str | None) -> float:
    """Share of tokens the two texts have in common, 0..1 (1.0 for two empty texts)."""
    a = [t.text for t in tokens(normalised(old))]
    b = [t.text for t in tokens(normalised(new))]
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def marked_segments(text: str, spans: list[tuple[int, int]]) -> list[tuple[bool, str]]:
    """``text`` cut into (changed, piece) pairs, the pieces inside ``spans`` marked True."""
    pieces: list[tuple[bool, str]] = []
    position = 0
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if start < position:
            start = position
        if start > position:
            pieces.append((False, text[position:start]))
        if end > start:
            pieces.append((True, text[start:end]))
        position = max(position, end)
    if position < len(text):
        pieces.append((False, text[position:]))
    return pieces


__all__ = [
    "Token", "WordOp", "tokens", "comparable", "normalised", "same_words", "word_ops", "ratio",
    "marked_segments",
]
