"""Find cross-references to measures, objectives, chapters and annexes in text.

A reference is a keyword in any of its inflected forms followed by one or more
numbers: "ks. toimenpide 42", "toimenpiteissä 23–25", "toimenpiteet 3, 5 ja 7",
"luvussa VI", "åtgärderna 3–5", "kapitel VI", "measures 3–5", "annex 2". Roman
chapter numerals may also stand before the keyword ("VI luvussa").

:func:`find_references` is a pure function over one string: checks use it to
find references to things that do not exist, and publish uses the
``number_spans`` to rewrite numbers when measures are renumbered. A measure's
own label at the start of a paragraph ("Toimenpide 12: …") is not a reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Literal

ReferenceKind = Literal["measure", "objective", "chapter", "annex"]

# Inflected forms, spelled out: a stem pattern would also catch compounds such
# as "toimenpideohjelma" or "lukumäärä".

KEYWORDS: dict[str, dict[ReferenceKind, str]] = {
    "fi": {
        "measure": r"toimenpi(?:de|dett[äa]|tee(?:n|ss[äa]|st[äa]|seen|ll[äa]|lle|lt[äa]|n[äa]|ksi|t)"
                   r"|tei(?:den|tten|t[äa]|ss[äa]|st[äa]|siin|ll[äa]|lle|lt[äa]|n[äa]|ksi))",
        "objective": r"tavoit(?:e|etta|tee(?:n|ssa|sta|seen|lla|lle|lta|na|ksi|t)"
                     r"|tei(?:den|tten|ta|ssa|sta|siin|lla|lle|lta|na|ksi))",
        "chapter": r"(?:luku|luvun|luvussa|luvusta|lukuun|luvulla|luvulle|luvuksi|lukuna|luvut|lukujen"
                   r"|luvuissa|luvuista|lukuihin|luvuilla|luvuille)",
        "annex": r"liit(?:e|ett[äa]|tee(?:n|ss[äa]|st[äa]|seen|ll[äa]|lle|lt[äa]|n[äa]|ksi|t)"
                 r"|tei(?:den|tten|t[äa]|ss[äa]|st[äa]|siin|ll[äa]|lle|lt[äa]|n[äa]|ksi))",
    },
    "sv": {
        "measure": r"åtgärd(?:en|er|erna|s)?",
        "objective": r"(?:mål|målet|målen|delmål|delmålet)",
        "chapter": r"(?:kapitel|kapitlet|kapitlen|kapitlens)",
        "annex": r"(?:bilaga|bilagan|bilagor|bilagorna)",
    },
    "en": {
        "measure": r"(?:measures?|actions?)",
        "objective": r"(?:objectives?|goals?)",
        "chapter": r"chapters?",
        "annex": r"(?:annex(?:es)?|appendix|appendices)",
    },
}

_JOINERS = {
    "fi": r"ja|tai|sekä",
    "sv": r"och|eller|samt",
    "en": r"and|or|to",
}

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_NUMBER_ROMAN = rf"(?=[IVX]){_ROMAN}(?![\w])"
_ARABIC = r"\d{1,4}(?:\.\d{1,3})*"
_NUMBER = {
    "measure": _ARABIC,
    "objective": _ARABIC,
    "chapter": rf"(?:\d{{1,3}}|{_NUMBER_ROMAN})",
    "annex": r"(?:\d{1,3}|[A-Z])",
}
# What may not follow a number for it to be a reference: a statute section
# ("luvun 3 §"), the rest of a grouped number ("200 000"), a unit.
_NOT_AFTER = re.compile(
    r"\s*(?:[a-z]\s*)?§|\s\d{3}\b|\s*(?:%|€|euro|milj|mrd|htv|henkilö|prosent|kpl|kap\.|mom)"
    r"|[.,]\d",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reference:
    """A cross-reference found in a text.

    ``numbers`` are the numbers as written (ints, or strings for Roman numerals,
    letters and dotted numbers), ``number_spans`` their offsets, parallel to
    ``numbers``; ``ranges`` lists index pairs into ``numbers`` written as a
    range ("23–25" gives ``(0, 1)``). ``start``/``end`` cover keyword and numbers.
    """

    kind: ReferenceKind
    numbers: list[int | str]
    start: int
    end: int
    number_spans: list[tuple[int, int]]
    ranges: list[tuple[int, int]] = field(default_factory=list)

    def targets(self) -> list[int | str]:
        """Every number referred to, ranges expanded ("23–25" gives 23, 24, 25)."""
        out: list[int | str] = []
        starts = {a: b for a, b in self.ranges}
        skip_to = -1
        for i, number in enumerate(self.numbers):
            if i <= skip_to:
                continue
            if i in starts:
                j = starts[i]
                lo, hi = as_int(number), as_int(self.numbers[j])
                if lo is not None and hi is not None and 0 <= hi - lo <= 500:
                    out.extend(range(lo, hi + 1))
                else:
                    out.extend([number, self.numbers[j]])
                skip_to = j
            else:
                out.append(number)
        return out


# Every inflected form of a keyword starts with one of these (lower-case) letters;
# tests/test_xrefs.py checks them against every form KEYWORDS spells out.
KEYWORD_LEADS: dict[str, dict[ReferenceKind, tuple[str, ...]]] = {
    "fi": {"measure": ("toimenpi",), "objective": ("tavoit",), "chapter": ("luku", "luvu"), "annex": ("liit",)},
    "sv": {"measure": ("åtgärd",), "objective": ("mål", "delmål"), "chapter": ("kapit",), "annex": ("bilag",)},
    "en": {"measure": ("measure", "action"), "objective": ("objective", "goal"), "chapter": ("chapter",),
           "annex": ("annex", "appendi")},
}

# Characters that a case-insensitive pattern matches to a letter of a-z, å, ä
# or ö but that str.lower() does not turn into that letter (or, for U+0130,
# turns into two characters): a text holding one is searched without the
# lower-case short cut.
_CASE_EXOTIC = "\u0130\u0131\u017f\u212a\u212b"


def search_lower(text: str) -> str | None:
    """``text.lower()`` for finding where case-insensitive words may start; None when it cannot be trusted.

    Where a case-insensitive pattern matches a word of letters a–z, å, ä, ö
    at offset *i* of ``text``, the lower-cased word stands at offset *i* of the
    result (same length, same offsets) — except in texts holding one of a few
    odd characters (dotless ı, long ſ, the Kelvin and Ångström signs, İ), for
    which this returns None.
    """
    if any(char in text for char in _CASE_EXOTIC):  # five plain scans: faster than a character class
        return None
    return text.lower()


def literal_starts(haystack: str, leads: tuple[str, ...] | list[str]) -> list[int]:
    """The sorted offsets where any of ``leads`` occurs in ``haystack`` (overlapping ones included)."""
    starts: list[int] = []
    for lead in leads:
        at = haystack.find(lead)
        while at != -1:
            starts.append(at)
            at = haystack.find(lead, at + 1)
    if len(leads) > 1:
        starts = sorted(set(starts))
    return starts


def finditer_at(pattern: re.Pattern, text: str, starts: list[int]) -> Iterator[re.Match]:
    """What ``pattern.finditer(text)`` gives, trying only the offsets ``starts`` (sorted).

    Exact when every match of ``pattern`` in ``text`` is non-empty and starts
    at one of ``starts``: finditer returns the first match at or after the end
    of the previous one, and no other offset can hold one.
    """
    end = 0
    for at in starts:
        if at < end:
            continue
        match = pattern.match(text, at)
        if match is not None:
            end = match.end()
            yield match


def find_references(text: str, language: str, include_labels: bool = False) -> list[Reference]:
    """Every cross-reference in ``text``, in order of position.

    ``language`` is "fi", "sv" or "en" (other values fall back to English). A
    label at the start of ``text`` ("Toimenpide 12:", "Liite 2", "Åtgärd 3.")
    is left out unless ``include_labels``.
    """
    return references_in(text, language, include_labels, search_lower(text))


def references_in(text: str, language: str, include_labels: bool, lowered: str | None) -> list[Reference]:
    """:func:`find_references` given ``lowered``, which must be ``search_lower(text)``.

    For callers that lower-cased a whole document once and pass each
    paragraph's slice of it (offsets are kept, see :func:`search_lower`).
    """
    language = language if language in KEYWORDS else "en"
    patterns = _patterns(language)
    leads = KEYWORD_LEADS[language]
    found: list[Reference] = []
    for kind, pattern, numbers_first in patterns:
        if lowered is None:
            matches: Iterable[re.Match] = pattern.finditer(text)
        elif numbers_first:  # "VI luvussa": the keyword follows the numbers
            matches = pattern.finditer(text) if any(lead in lowered for lead in leads[kind]) else ()
        else:  # the match starts with the keyword: try only where one of its leads stands
            matches = finditer_at(pattern, text, literal_starts(lowered, leads[kind]))
        for match in matches:
            reference = _reference(kind, match, text, numbers_first)
            if reference is None:
                continue
            if not include_labels and is_label(text, reference):
                continue
            found.append(reference)
    found.sort(key=lambda r: r.start)
    return _without_overlaps(found)


def is_label(text: str, reference: Reference) -> bool:
    """Whether ``reference`` is the label opening ``text`` ("Toimenpide 12: …", "Liite 2")."""
    if text[:reference.start].strip(" \t#*(") or len(reference.numbers) != 1:
        return False
    if reference.number_spans[0][0] == reference.start or not text[reference.start].isupper():
        return False  # labels are capitalised: "Toimenpide 12", "Liite 2"
    rest = text[reference.end:]
    return not rest.strip() or bool(re.match(r"\s*[:.)–—-](?![a-zåäö])", rest))


def as_int(number: int | str) -> int | None:
    """The integer value of a reference number: 12, "VI" → 6, "B" → 2, "3.2" → None."""
    if isinstance(number, int):
        return number
    if number.isdigit():
        return int(number)
    value = roman_to_int(number)
    if value is not None:
        return value
    if len(number) == 1 and number.isalpha() and number.isupper():
        return ord(number) - ord("A") + 1
    return None


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_ROMAN_FULL = re.compile(rf"^{_ROMAN}$")


def label_number_span(text: str, label: str, number: int) -> tuple[int, int] | None:
    """Offsets in ``text`` of a measure's own number inside its label at the paragraph start.

    None when the label is not there, or when the number is part of dotted
    numbering ("3.2"), which belongs to its chapter and is not renumbered.
    """
    label = (label or "").strip()
    at = text.find(label) if label else -1
    if label and 0 <= at <= 3:
        for match in re.finditer(r"\d+", label):
            if int(match.group()) == number:
                if re.search(r"\d\.$", label[:match.start()]) or re.match(r"\.\d", label[match.end():]):
                    return None
                return at + match.start(), at + match.end()
        return None
    match = re.match(r"\s*(?:\w+\s+)?(\d+)\b", text)
    if match and int(match.group(1)) == number:
        return match.span(1)
    return None


def roman_to_int(numeral: str) -> int | None:
    """"VI" → 6; None when ``numeral`` is not a well-formed Roman numeral up to 39."""
    if not numeral or not _ROMAN_FULL.match(numeral):
        return None
    total = 0
    for i, char in enumerate(numeral):
        value = _ROMAN_VALUES[char]
        if i + 1 < len(numeral) and _ROMAN_VALUES[numeral[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def int_to_roman(value: int) -> str:
    """6 → "VI" (1–3999)."""
    pairs = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
             (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for number, numeral in pairs:
        while value >= number:
            out.append(numeral)
            value -= number
    return "".join(out)


def _patterns(language: str) -> list[tuple[ReferenceKind, re.Pattern, bool]]:
    cached = _PATTERN_CACHE.get(language)
    if cached is not None:
        return cached
    joiners = _JOINERS[language]
    out: list[tuple[ReferenceKind, re.Pattern, bool]] = []
    for kind, keyword in KEYWORDS[language].items():
        # Keywords match in any case; numbers keep theirs (Roman numerals and
        # annex letters are capitals).
        sequence = _sequence(_NUMBER[kind], joiners)
        out.append((kind, re.compile(
            rf"(?<![\w-])(?P<kw>(?i:{keyword}))\s+(?P<nums>{sequence})(?![\w§])"), False))
        if kind == "chapter" and language == "fi":
            roman_sequence = _sequence(_NUMBER_ROMAN, joiners)
            out.append((kind, re.compile(
                rf"(?<![\w-])(?P<nums>{roman_sequence})\.?\s+(?P<kw>(?i:{keyword}))(?!\w)"), True))
    _PATTERN_CACHE[language] = out
    return out


_PATTERN_CACHE: dict[str, list] = {}
_RANGE = r"\s*[–—-]\s*|\s+to\s+"


def _sequence(number: str, joiners: str) -> str:
    one = rf"(?:{number})(?::[a-zåäö]+)?"
    separator = rf"(?:{_RANGE}|\s*,\s+|\s+(?:{joiners})\s+)"
    return rf"{one}(?:{separator}(?:{number})(?::[a-zåäö]+)?)*"


_NUMBER_TOKEN = re.compile(r"\d{1,4}(?:\.\d{1,3})*|[IVXLC]+|[A-Z](?![a-z])")


def _reference(kind: ReferenceKind, match: re.Match, text: str, numbers_first: bool) -> Reference | None:
    nums_start = match.start("nums")
    chunk = match.group("nums")
    if not numbers_first and _NOT_AFTER.match(text, match.end("nums")):
        # "luvun 3 §", "toimenpiteeseen 200 000 euroa": drop the last number;
        # keep the reference only if something is left.
        chunk = _drop_last_number(chunk)
        if not chunk:
            return None
    numbers: list[int | str] = []
    spans: list[tuple[int, int]] = []
    ranges: list[tuple[int, int]] = []
    previous_end = None
    for token in _NUMBER_TOKEN.finditer(chunk):
        value = token.group()
        if kind in ("measure", "objective") and not value[0].isdigit():
            break
        if kind == "chapter" and not value.isdigit() and roman_to_int(value) is None:
            break
        if previous_end is not None and re.fullmatch(_RANGE, chunk[previous_end:token.start()]):
            ranges.append((len(numbers) - 1, len(numbers)))
        numbers.append(int(value) if value.isdigit() else value)
        spans.append((nums_start + token.start(), nums_start + token.end()))
        previous_end = token.end()
    if not numbers:
        return None
    if kind != "annex" and any(isinstance(n, int) and 1800 <= n <= 2199 for n in numbers):
        return None  # "toimenpiteet 2024–2027": a period, not measure numbers
    if kind == "chapter" and numbers_first:
        start, end = match.start(), match.end()
    else:
        start, end = match.start("kw"), spans[-1][1]
    return Reference(kind, numbers, start, end, spans, ranges)


def _drop_last_number(chunk: str) -> str:
    tokens = list(_NUMBER_TOKEN.finditer(chunk))
    if len(tokens) <= 1:
        return ""
    cut = tokens[-2].end()
    return chunk[:cut]


def _without_overlaps(references: list[Reference]) -> list[Reference]:
    out: list[Reference] = []
    for reference in references:
        if out and reference.start < out[-1].end:
            continue
        out.append(reference)
    return out


def iter_numbers(reference: Reference) -> Iterator[tuple[int | str, tuple[int, int]]]:
    """Pairs of (number, span) of ``reference``, for rewriting numbers in place."""
    yield from zip(reference.numbers, reference.number_spans)
