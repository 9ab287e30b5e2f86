"""Find statute references in Finnish and Swedish text, and the ways they are miswritten.

Finnish references put the act first, in the genitive, and the section sign
after the number: "rikoslain 25 luvun 3 a §", "ulkomaalaislain 52 a §:n",
"lain (123/2021) 4 §", "2 ja 4 §:ssä", "3–5 §:ään", "3 §:n 2 momentti"; in
general (non-legal) text an ordinal period is allowed ("hallintolain 9. §:ssä").
Swedish references put the act last: "25 kap. 3 § strafflagen", "3 § i lagen
om …", "52 a § utlänningslagen (301/2004)". English references read "section 3
of the Aliens Act".

The rules come from Lainkirjoittajan opas 24.4.1–24.4.2 and Kielitoimiston
ohjepankki ("pykälät ja pykälämerkki"); see /work/shared/reference.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

FormProblem = Literal["no-space", "sign-before-number", "ending-without-colon", "range-hyphen"]

# A section letter ("52 a §") stands before the sign or before the next number.
_SECTION = r"\d{1,3}(?:\s?[a-z](?![\wåäö])(?=\s*(?:§|[–—,-]|(?:ja|tai|och|eller)\b)))?"
_JOIN = r"(?:\s*[–—-]\s*|\s*,\s+|\s+(?:ja|tai|sekä|och|eller|samt|and|or)\s+)"
_SECTIONS = rf"{_SECTION}(?:{_JOIN}{_SECTION})*"

_CORE = re.compile(
    rf"(?<![\w§/])(?:(?P<chapter>\d{{1,3}})\s+(?:luvun|kap\.)\s+)?"
    rf"(?P<sections>{_SECTIONS})(?P<dot>\.)?(?P<space>\s*)§(?!§)"
    rf"(?P<ending>:[a-zåäö]+|[a-zåäö]+)?"
    rf"(?:\s+(?P<subsection>\d{{1,2}})\s+(?:moment\w*|mom\.))?"
)
_SIGN_FIRST = re.compile(
    rf"(?<![\w§])(?P<signs>§§?)\s*(?P<sections>{_SECTIONS})(?P<ending>:[a-zåäö]+)?(?![\d])(?!\s*(?:[a-z]\s*)?§)"
)
_FI_ACT_BEFORE = re.compile(
    r"(?P<act>[\wåäö-]*(?:lain|lakiin|laissa|laista|lakia|asetuksen|asetuksessa|asetusta)"
    r"|lain|asetuksen)\s*(?:\((?P<number>\d{1,5}/\d{4})\)\s*)?$",
    re.IGNORECASE,
)
_SV_ACT_AFTER = re.compile(
    r"\s+(?:i\s+)?(?P<act>[\wåäö-]*(?:lagen|förordningen|balken)|lagen|förordningen)"
    r"(?:\s*\((?P<number>\d{1,5}/\d{4}|\d{4}:\d{1,4})\))?",
    re.IGNORECASE,
)
_EN_SECTION = re.compile(
    r"\b[Ss]ections?\s+(?P<sections>\d{1,3}[a-z]?(?:\s*(?:[–—-]|,|and|or)\s*\d{1,3}[a-z]?)*)"
    r"(?:\((?P<subsection>\d{1,2})\))?\s+of\s+the\s+(?P<act>(?:[A-Z][\w-]*\s+){0,5}(?:Act|Code|Decree))"
    r"(?:\s*\((?P<number>\d{1,5}/\d{4})\))?"
)
_QUOTES = "”“„\"«»"


@dataclass(frozen=True)
class StatuteReference:
    """One reference to sections of an act, as written.

    ``sections`` are the section numbers as written ("3", "52 a"); ``ranges``
    are index pairs into ``sections`` written as a range ("3–5"). ``act`` is the
    act's name as written ("rikoslain", "strafflagen") and ``act_number`` its
    statute-book number ("123/2021"), either or both None when the text does
    not say. ``ordinal`` tells that the number took an ordinal period ("9. §").
    """

    start: int
    end: int
    text: str
    sections: tuple[str, ...]
    ranges: tuple[tuple[int, int], ...] = ()
    chapter: str | None = None
    subsection: str | None = None
    act: str | None = None
    act_number: str | None = None
    ordinal: bool = False
    quoted: bool = False

    @property
    def act_key(self) -> str | None:
        """A key naming the act whatever its case form: the number, or the base name."""
        if self.act_number:
            return self.act_number
        return act_base(self.act) if self.act else None

    def section_keys(self) -> list[str]:
        """Every section referred to, ranges expanded ("3–5" → "3", "4", "5")."""
        out: list[str] = []
        range_start = {a: b for a, b in self.ranges}
        i = 0
        while i < len(self.sections):
            if i in range_start:
                j = range_start[i]
                lo, hi = _leading_int(self.sections[i]), _leading_int(self.sections[j])
                if lo is not None and hi is not None and 0 <= hi - lo <= 200 and self.sections[j].isdigit():
                    out.extend([self.sections[i]] + [str(n) for n in range(lo + 1, hi + 1)])
                else:
                    out.extend([self.sections[i], self.sections[j]])
                i = j + 1
                continue
            out.append(self.sections[i])
            i += 1
        return out

    def keys(self) -> list[tuple[str | None, str | None, str]]:
        """(act key, chapter, section) for every section referred to."""
        return [(self.act_key, self.chapter, s) for s in self.section_keys()]


@dataclass(frozen=True)
class FormError:
    """A statute reference written against the convention, with its correction."""

    start: int
    end: int
    text: str
    problem: FormProblem
    replacement: str


def act_base(act: str) -> str:
    """The act's name without case ending: "rikoslain" → "rikoslaki", "strafflagen" → "strafflag"."""
    word = act.lower()
    for pattern, base in (
        (r"(lain|lakiin|laissa|laista|lakia|laki)$", "laki"),
        (r"(asetuksen|asetukseen|asetuksessa|asetuksesta|asetusta|asetus)$", "asetus"),
        (r"(lagen|lag)$", "lag"),
        (r"(förordningen|förordning)$", "förordning"),
        (r"(balken|balk)$", "balk"),
    ):
        if re.search(pattern, word):
            return re.sub(pattern, base, word)
    return word


def is_specific_act(key: str | None) -> bool:
    """Whether ``key`` names one act ("rikoslaki", "123/2021"), not just "a law"."""
    return bool(key) and key not in ("laki", "asetus", "lag", "förordning", "balk", "act", "the act")


def find_statute_references(text: str, language: str) -> list[StatuteReference]:
    """Every statute reference in ``text`` (Finnish and Swedish forms; English "section N of the X Act").

    References written with the sign first ("§ 3", "§§ 2–4") are found too, so
    that checks can both correct their form and follow what they refer to.
    """
    found: list[StatuteReference] = []
    if "§" not in text and "ection" not in text:
        return found  # both section forms need the sign, the English one "section(s)"
    for match, sign_first in _section_matches(text):
        sections, ranges = _split_sections(match.group("sections"))
        start, end = match.start(), match.end()
        act = number = None
        window = text[max(0, start - 120):start]
        before = _FI_ACT_BEFORE.search(window)
        if before and language != "en":
            act, number = before.group("act"), before.group("number")
            start -= len(window) - before.start()
        if act is None or language == "sv":
            after = _SV_ACT_AFTER.match(text, end) if language == "sv" else None
            if after:
                act, number = after.group("act"), after.group("number") or number
                end = after.end()
        if number is None and act:
            trailing = re.match(r"\s*\((\d{1,5}/\d{4})\)", text[end:])
            if trailing:
                number = trailing.group(1)
        groups = match.groupdict()
        found.append(StatuteReference(
            start=start, end=end, text=text[start:end], sections=tuple(sections), ranges=tuple(ranges),
            chapter=groups.get("chapter"), subsection=groups.get("subsection"), act=act, act_number=number,
            ordinal=bool(groups.get("dot")), quoted=inside_quotes(text, match.start()),
        ))
    for match in _EN_SECTION.finditer(text) if "ection" in text else ():
        if any(r.start <= match.start() < r.end for r in found):
            continue
        sections, ranges = _split_sections(match.group("sections"))
        found.append(StatuteReference(
            start=match.start(), end=match.end(), text=match.group(), sections=tuple(sections),
            ranges=tuple(ranges), subsection=match.group("subsection"), act=match.group("act"),
            act_number=match.group("number"), quoted=inside_quotes(text, match.start()),
        ))
    found.sort(key=lambda r: r.start)
    return found


def _section_matches(text: str) -> list[tuple[re.Match, bool]]:
    """Matches of both section forms in order, number-first ones never starting inside sign-first ones."""
    if "§" not in text:
        return []  # most paragraphs: both forms need the sign
    sign_first = list(_SIGN_FIRST.finditer(text))
    out: list[tuple[re.Match, bool]] = [(m, True) for m in sign_first]
    position = 0
    while True:
        match = _CORE.search(text, position)
        if match is None:
            break
        inside = next((m for m in sign_first if m.start() <= match.start() < m.end()), None)
        if inside is not None:
            position = inside.end()
            continue
        out.append((match, False))
        position = match.end()
    out.sort(key=lambda pair: pair[0].start())
    return out


def find_form_errors(text: str, language: str) -> list[FormError]:
    """Section references written against the convention: "3§", "§ 3", "2 §n", "3-5 §".

    English text writes "section 3" or "§ 3" and is left alone.
    """
    if language not in ("fi", "sv"):
        return []
    errors: list[FormError] = []
    for match, sign_first in _section_matches(text):
        if sign_first:
            sections = re.sub(r"\s*-\s*", "–", match.group("sections"))
            ending = match.group("ending") or ""
            errors.append(FormError(match.start(), match.end(), match.group(), "sign-before-number",
                                    f"{sections} §{ending}"))
            continue
        sections = match.group("sections")
        s_start, s_end = match.span("sections")
        if re.search(r"\d\s*-\s*\d", sections):
            fixed = re.sub(r"\s*-\s*", "–", sections)
            errors.append(FormError(s_start, s_end, sections, "range-hyphen", fixed))
        sign = match.end("space")
        if not match.group("space") and not match.group("dot"):
            last = list(re.finditer(r"\d{1,3}(?:\s?[a-z](?![\wåäö]))?", sections))[-1]
            lo = s_start + last.start()
            errors.append(FormError(lo, sign + 1, text[lo:sign + 1], "no-space", text[lo:sign] + " §"))
        ending = match.group("ending")
        if ending and not ending.startswith(":") and language == "fi":
            errors.append(FormError(sign, match.end("ending"), "§" + ending, "ending-without-colon",
                                    "§:" + ending))
    errors.sort(key=lambda e: (e.start, e.end))
    return errors


def inside_quotes(text: str, position: int) -> bool:
    """Whether ``position`` lies inside quotation marks (an odd number of marks before it)."""
    return sum(text.count(q, 0, position) for q in _QUOTES) % 2 == 1


def _split_sections(written: str) -> tuple[list[str], list[tuple[int, int]]]:
    sections: list[str] = []
    ranges: list[tuple[int, int]] = []
    previous_end = None
    for token in re.finditer(r"\d{1,3}(?:\s?[a-z](?![\wåäö]))?", written):
        if previous_end is not None and re.fullmatch(r"\s*[–—-]\s*", written[previous_end:token.start()]):
            ranges.append((len(sections) - 1, len(sections)))
        sections.append(re.sub(r"\s+", " ", token.group()).replace(" ", " ").strip())
        previous_end = token.end()
    sections = [re.sub(r"(\d)([a-z])$", r"\1 \2", s) for s in sections]
    return sections, ranges


def _leading_int(section: str) -> int | None:
    match = re.match(r"\d+", section)
    return int(match.group()) if match else None
