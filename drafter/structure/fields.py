"""Find measure field lines ("Vastuutaho: SM", "Aikataulu – 2021") in a paragraph's text.

A field is a label from the layout profile followed by ":" or a dash. It may
open a paragraph of its own, or stand inline after a sentence of a measure's
body ("Järjestetään koulutus. Vastuutaho: SM. Aikataulu: 2021."). A field's value
runs to the next field label or the end of the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.blocks import Location, quick_init
from drafter.model import FieldLine
from drafter.profiles import LanguageLayout

# Where an inline label may start: after a sentence or clause ends.
_BOUNDARY_BEFORE = re.compile(r"(?:[.;!?:)\]]|[.;!?]\s*[\"”’])\s*$")


@quick_init
@dataclass(frozen=True)
class FieldMatch:
    """A field found in a paragraph's text, by offsets into that text."""

    key: str
    label: str
    label_start: int
    value_start: int
    value_end: int
    value: str


class FieldFinder:
    """Finds the profile's field labels in paragraph texts."""

    def __init__(self, layout: LanguageLayout) -> None:
        self.layout = layout
        by_label: dict[str, str] = {}
        for spec in layout.fields:
            for label in spec.labels:
                by_label.setdefault(_fold(label), spec.key)
        self._key_by_label = by_label
        alternatives = sorted(by_label, key=len, reverse=True)
        if alternatives:
            body = "|".join(r"\s+".join(map(re.escape, a.split())) for a in alternatives)
            self._label = re.compile(
                rf"(?<![\w-])(?P<label>{body})(?![\w-])\s*(?:\([^()\n]{{0,60}}\)\s*)?"
                rf"(?P<sep>:|[–—]|\s-\s)\s*",
                re.IGNORECASE,
            )
        else:
            self._label = None
        self._trim = {spec.key: spec.trim_period for spec in layout.fields}
        # Fields found per distinct text: a paragraph is looked at as a line and
        # inline, and field lines ("Rahoitus: Toteutetaan virkatyönä.") repeat.
        self._found: dict[str, tuple[FieldMatch, ...]] = {}

    def line(self, text: str) -> list[FieldMatch]:
        """Fields of a paragraph that opens with a field label, else []."""
        matches = self.inline(text)
        return matches if opens_with_field(text, matches) else []

    def key_for_label(self, label: str) -> str | None:
        """The field key of ``label`` exactly (a table header, "Vastuutaho:"), else None."""
        return self._key_by_label.get(_fold(label.strip().rstrip(":").strip()))

    def inline(self, text: str) -> list[FieldMatch]:
        """Fields anywhere in ``text`` at the start of a sentence (the first may open it)."""
        # No separator, no field: most paragraphs are ruled out before the cache,
        # which keeps only texts that may hold fields. '"-" in text' first: a
        # one-character search is a memchr, a three-character one ten times slower.
        if self._label is None or (":" not in text and "–" not in text and "—" not in text
                                   and ("-" not in text or " - " not in text)):
            return []
        found = self._found.get(text)
        if found is None:
            found = self._found[text] = tuple(self._find(text))
        return list(found)

    def _find(self, text: str) -> list[FieldMatch]:
        starts = []
        for m in self._label.finditer(text):
            before = text[: m.start()]
            if before.strip(" \t*•-–") and not _BOUNDARY_BEFORE.search(before):
                continue
            if starts and m.start() < starts[-1].end():
                continue
            starts.append(m)
        found = []
        for i, m in enumerate(starts):
            end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
            key = self._key_by_label[_fold(m.group("label"))]
            v_start, v_end = _trim(text, m.end(), end, self._trim.get(key, True))
            if v_end <= v_start and i + 1 < len(starts):
                continue
            found.append(FieldMatch(key, m.group("label"), m.start(), v_start, v_end, text[v_start:v_end]))
        return found


def opens_with_field(text: str, matches: list[FieldMatch]) -> bool:
    """True when ``matches``, the ``inline`` fields of ``text``, open the paragraph (``line`` gives them)."""
    return bool(matches) and not text[: matches[0].label_start].strip(" \t*•-–")


def field_lines(matches: list[FieldMatch], location: Location, source: str = "line") -> list[FieldLine]:
    """FieldLine values for ``matches`` found in the paragraph at ``location``."""
    if len(matches) == 1:  # a field line: no list comprehension (a function call of its own) for one match
        m = matches[0]
        return [FieldLine(m.key, m.label, m.value, location.span(m.value_start, m.value_end), source)]  # type: ignore[arg-type]
    return [
        FieldLine(m.key, m.label, m.value, location.span(m.value_start, m.value_end), source)  # type: ignore[arg-type]
        for m in matches
    ]


def bracket_fields(title: str, title_location: Location, layout: LanguageLayout) -> list[FieldLine]:
    """Fields given in brackets at the end of a title ("… (2024–2027)" → schedule)."""
    out = []
    for key, pattern in layout.title_brackets.items():
        m = pattern.search(title)
        if m:
            value = m.group("value").strip()
            start = m.start("value") + len(m.group("value")) - len(m.group("value").lstrip())
            offset = title_location.start
            out.append(FieldLine(key, None, value, title_location.span(offset + start, offset + start + len(value)),
                                 "title-brackets"))
    return out


def _trim(text: str, start: int, end: int, trim_period: bool) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    if trim_period and end > start and text[end - 1] == "." and not text[start:end].endswith(".."):
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def _fold(label: str) -> str:
    return " ".join(label.split()).casefold()
