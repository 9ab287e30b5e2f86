"""Abbreviation checks: defined at first use or listed, not used early, defined once, used.

House style (Kielitoimiston ohjepankki, "valtionhallinnon nimet ja niiden
lyhenteet"): an abbreviation is explained at its first use, the full form first
and the abbreviation in brackets — "Digi- ja väestötietovirasto (DVV)" — or in
the publication's list of abbreviations ("Lyhenteet"). :func:`analyse` reads
the draft once (cached on the context): every definition, in running text
("full name (ABBR)", "ABBR (full name)") or in a list section (a table or
"ABBR  full name" lines under a Lyhenteet/Förkortningar/Abbreviations
heading), and every use, inflected ones ("STM:n", "THL:ssä", "Migrin") and
compounds ("EU-rahoitus") included. Roman numerals, units, measure labels,
leftover markers ("LUONNOS", "XX") and all-caps words that are ordinary words
are not abbreviations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import compress
from typing import Iterator

from drafter.blocks import Paragraph, Table
from drafter.checks.authorities import (
    RESPONSIBLE_KEYS, cached, distinct_tokens, field_spans, in_spans, lexicon_of, paragraph_tokens,
    text_paragraphs,
)
from drafter.checks.registry import CheckContext, Rule, kind
from drafter.findings import Finding
from drafter.lexicon import TOKEN, case_of, finnish_forms, inflect, is_known_word, lemmatize, token_starts

_ROMAN = re.compile(r"^M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_LIST_HEADING = re.compile(
    r"^\s*(?:\d+[.)]?\s*)?(?:käytetyt\s+)?(?:lyhenteet(?:\s+ja\s+käsitteet)?|lyhenneluettelo|"
    r"(?:använda\s+)?förkortningar|förkortningslista|(?:list\s+of\s+)?abbreviations(?:\s+and\s+acronyms)?|acronyms)\s*:?\s*$",
    re.IGNORECASE,
)
_LIST_HEADER_CELL = re.compile(r"^\s*(?:lyhenne|lyhenteet|förkortning(?:ar)?|abbreviations?|acronyms?)\s*$", re.IGNORECASE)
_LIST_LINE = re.compile(r"^\s*(?P<abbr>[^\s:–—=]{2,16})\s*(?:\t+|\s{2,}|\s[–—=-]\s|:\s+|\s=\s*)\s*(?P<full>\S.*)$")
_PAREN = re.compile(r"\(\s*([^()]{1,120}?)\s*\)")
_INTRO = re.compile(r"^(?:lyh\.|lyhenne|jäljempänä|förk\.|nedan|hereinafter|abbreviated|abbr\.)\s+", re.IGNORECASE)
_QUOTES = " \"'”“„»«’"
_STOP = re.compile(r"[.;:!?]\s|[()]")

# Words that look like abbreviations but are draft residue, units or markers.
NOT_ABBREVIATIONS = {
    "LUONNOS", "DRAFT", "UTKAST", "XX", "XXX", "XXXX", "TODO", "TBD", "TBA", "HUOM", "OBS", "NB",
    "OK", "MW", "GW", "TW", "MWH", "GWH", "TWH", "KWH", "CO2", "NOX", "PM10", "HZ", "KB", "MB", "GB", "TB",
}
_POSSESSIVE = re.compile(r"['’]s$")
_GLUED_ENDING = re.compile(
    r"^([A-ZÅÄÖ]{2,})(?:n|ssa|ssä|sta|stä|lla|llä|lta|ltä|lle|ksi|na|nä|ta|tä|iin|hin|ään|aan|s)$")
_MEASURE_LABEL = re.compile(r"^[A-ZÅÄÖ]{1,3}\d+(?:\.\d+)*$")


@dataclass(frozen=True)
class Occurrence:
    """An abbreviation in the text: where, and whether house style asks for a definition there."""

    abbr: str
    paragraph: Paragraph
    start: int
    end: int
    order: tuple[int, int]
    in_field: bool          # in a responsible field (authority abbreviations are fine there)
    in_heading: bool
    text: str               # as written ("STM:n")


@dataclass(frozen=True)
class Definition:
    abbr: str
    full: str
    source: str             # "text" or "list"
    paragraph: Paragraph | None
    start: int
    end: int
    order: tuple[int, int]


@dataclass
class Analysis:
    uses: dict[str, list[Occurrence]] = field(default_factory=dict)
    definitions: dict[str, list[Definition]] = field(default_factory=dict)

    @property
    def defined(self) -> dict[str, list[Definition]]:
        return self.definitions


def analyse(ctx: CheckContext) -> Analysis:
    """Definitions and uses of abbreviations in the draft (cached on the context)."""
    return cached(ctx, "abbreviations", lambda: _analyse(ctx))


def _analyse(ctx: CheckContext) -> Analysis:
    lexicon = lexicon_of(ctx)
    analysis = Analysis()
    list_paragraphs = _list_definitions(ctx, analysis)
    responsible = field_spans(ctx, RESPONSIBLE_KEYS)
    # Mixed-case abbreviations (Kela, Migri, PoHa) are only recognised when
    # known or defined; they inflect like words ("Migrin").
    mixed: dict[str, str] = {}
    definition_spans: dict[int, list[tuple[int, int]]] = {}

    # (reading order, paragraph) of the text paragraphs outside the list of abbreviations
    paragraphs = [(order, p) for order, p in enumerate(text_paragraphs(ctx)) if id(p) not in list_paragraphs]
    for order, paragraph in paragraphs:
        if "(" not in paragraph.text:
            continue  # both forms of a definition have a bracket
        for definition, span in _text_definitions(paragraph, order, lexicon):
            analysis.definitions.setdefault(definition.abbr, []).append(definition)
            definition_spans.setdefault(id(paragraph), []).append(span)
    known_mixed = [a for a in (*lexicon.common_abbreviations, *lexicon.official_abbreviations,
                               *(x for auth in lexicon.authorities for x in auth.abbreviations.get(ctx.language, ())),
                               *analysis.definitions)
                   if _is_mixed_case(a)]
    for abbr in known_mixed:
        mixed[abbr] = abbr
        if ctx.language == "fi":
            for values in finnish_forms(abbr, abbreviation=True).values():
                for value in values:
                    mixed.setdefault(value, abbr)

    # _abbreviation_in depends on the token and on whether a number follows it
    # (besides mixed and the lexicon, fixed here): a draft repeats its tokens.
    # Only a token with a capital can be one, and a token that is none with no
    # number after it is none with one either: the rest are dismissed once per
    # distinct token, and paragraphs without a possible one are not read word by word.
    found: dict[tuple[str, bool], str | None] = {}
    possible = set()
    for token in distinct_tokens(ctx):
        if not token.islower() and found.setdefault((token, False), _abbreviation_of(
                token, False, mixed, lexicon)) is not None:
            possible.add(token)
    words_of = paragraph_tokens(ctx)
    for order, paragraph in paragraphs:
        words = words_of[order]
        if possible.isdisjoint(words):
            continue
        shouting = None
        skip = definition_spans.get(id(paragraph), ())
        text = paragraph.text
        # The shared token list stands for TOKEN.finditer: offsets only up to the last possible one.
        at = list(compress(range(len(words)), map(possible.__contains__, words)))
        starts = token_starts(text, words, at[-1] + 1)
        for i in at:
            token, start = words[i], starts[i]
            if any(s <= start < e for s, e in skip):
                continue
            end = start + len(token)
            key = (token, _LABEL_NUMBER.match(text, end, end + 3) is not None)
            abbr = found[key] if key in found else found.setdefault(
                key, _abbreviation_in(token, text, end, mixed, lexicon))
            if abbr is None:
                continue
            if shouting is None:
                shouting = _mostly_capitals(paragraph.text)
            if shouting and abbr not in analysis.definitions and not lexicon.is_known_abbreviation(abbr):
                continue
            occurrence = Occurrence(
                abbr, paragraph, start, end, (order, start),
                in_spans(responsible, paragraph, start, end), paragraph.is_heading, token,
            )
            analysis.uses.setdefault(abbr, []).append(occurrence)
    return analysis


def _is_mixed_case(abbr: str) -> bool:
    letters = [c for c in abbr if c.isalpha()]
    return len(letters) >= 3 and letters[0].isupper() and any(c.islower() for c in letters) and " " not in abbr and "." not in abbr


def _mostly_capitals(text: str) -> bool:
    """A shouted line ("IHMISKAUPAN VASTAINEN TOIMINTAOHJELMA"): its capitals are not abbreviations."""
    words = [w for w in TOKEN.findall(text) if any(c.isalpha() for c in w)]
    if len(words) < 2:
        return False
    caps = sum(1 for w in words if w.isupper())
    return caps / len(words) >= 0.6


_LABEL_NUMBER = re.compile(r"\s+\d")  # "TP 12": within three characters after the token


def _abbreviation_in(token: str, text: str, end: int, mixed: dict[str, str], lexicon) -> str | None:
    """The abbreviation ``token`` (ending at ``end`` in ``text``) is a use of ("STM:n" → "STM"), or None."""
    return _abbreviation_of(token, _LABEL_NUMBER.match(text, end, end + 3) is not None, mixed, lexicon)


def _abbreviation_of(token: str, number_follows: bool, mixed: dict[str, str], lexicon) -> str | None:
    """The abbreviation ``token`` is a use of ("STM:n" → "STM", "EU-rahoitus" → "EU"), or None.

    ``number_follows``: a number follows within three characters ("TP 12").
    """
    base = _POSSESSIVE.sub("", token.split(":", 1)[0].rstrip("-"))  # "EU's", "THL’s"
    if base in mixed:
        return mixed[base]
    if "-" in base and not lexicon.is_known_abbreviation(base):
        base = base.split("-", 1)[0]  # "EU-rahoitus", "ELY-keskukset", "Kela-korvaus"
        if base in mixed:
            return mixed[base]
    glued = _GLUED_ENDING.match(base)
    if glued:  # "RIKUn", "THLssä": a case ending without the colon
        base = glued.group(1)
    candidate = base
    if lexicon.is_known_abbreviation(candidate) and _has_capitals(candidate) and not _is_mixed_case(candidate):
        return candidate
    letters = list(filter(str.isalpha, candidate))
    if len(letters) < 2 or not all(map(str.isupper, letters)) or len(candidate) > 12:
        return None
    if candidate.upper() in NOT_ABBREVIATIONS or _ROMAN.match(candidate) or _MEASURE_LABEL.match(candidate):
        return None
    if number_follows and len(candidate) <= 2:
        return None  # "TP 12", "T 3": a label with its number
    if len(letters) >= 4 and is_known_word(candidate.lower()):
        return None  # an ordinary word in capitals ("LUONNOS", "TOIMENPIDE")
    return candidate


def _has_capitals(text: str) -> bool:
    return sum(1 for c in text if c.isupper()) >= 1 and not text.islower()


def _list_definitions(ctx: CheckContext, analysis: Analysis) -> set[int]:
    """Definitions in the draft's abbreviation list; returns the ids of the list's paragraphs."""
    used: set[int] = set()
    in_list = False
    list_level = 0
    for block in ctx.document.body:
        if isinstance(block, Paragraph):
            if block.is_heading or _LIST_HEADING.match(block.text):
                if _LIST_HEADING.match(block.text):
                    in_list = True
                    list_level = block.outline_level if block.outline_level is not None else 9
                    used.add(id(block))
                    continue
                if in_list and (block.outline_level or 0) <= list_level:
                    in_list = False
            if in_list and block.text.strip():
                m = _LIST_LINE.match(block.text)
                if m and _plausible_abbreviation(m.group("abbr")):
                    _add_list_definition(analysis, m.group("abbr"), m.group("full"), block)
                    used.add(id(block))
        elif isinstance(block, Table):
            rows = block.rows
            header = rows[0] if rows else None
            header_says = bool(header and header.cells and _LIST_HEADER_CELL.match(header.cells[0].text))
            if not (in_list or header_says):
                continue
            for row in rows[1:] if header_says else rows:
                cells = [c for c in row.cells if c.text.strip()]
                if len(cells) < 2:
                    continue
                abbr, full = cells[0].text.strip(), cells[1].text.strip()
                if not _plausible_abbreviation(abbr):
                    continue
                paragraph = next(iter(cells[0].paragraphs()), None)
                _add_list_definition(analysis, abbr, full, paragraph)
            for row in rows:
                for cell in row.cells:
                    used.update(id(p) for p in cell.paragraphs())
    return used


def _plausible_abbreviation(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 1 <= len(text) <= 16 and len(letters) >= 2 and " " not in text.strip() and (
        sum(c.isupper() for c in letters) >= 1 or text.endswith(".")
    )


def _add_list_definition(analysis: Analysis, abbr: str, full: str, paragraph: Paragraph | None) -> None:
    analysis.definitions.setdefault(abbr, []).append(
        Definition(abbr, full.strip().rstrip("."), "list", paragraph, 0, len(paragraph.text) if paragraph else 0, (-1, 0))
    )


def _text_definitions(paragraph: Paragraph, order: int, lexicon) -> Iterator[tuple[Definition, tuple[int, int]]]:
    """'full name (ABBR)' and 'ABBR (full name)' in one paragraph, with the bracket's span."""
    text = paragraph.text
    for m in _PAREN.finditer(text):
        inside = _INTRO.sub("", m.group(1)).strip()
        tokens = TOKEN.findall(inside)
        if len(tokens) == 1 and tokens[0] == inside and _plausible_in_brackets(inside, lexicon):
            full = _full_form_before(text[:m.start()], inside, lexicon)
            full = full.strip(_QUOTES) if full else full
            if full:
                abbr = _abbreviation_in(inside, inside, len(inside), {}, lexicon) or inside
                yield Definition(abbr, full, "text", paragraph, m.start(), m.end(), (order, m.start())), (m.start(), m.end())
            continue
        # "ABBR (full name)": the word just before the bracket spells the words inside.
        before = re.search(r"(\S+)\s*$", text[:m.start()])
        if before and len(tokens) >= 2:
            abbr = before.group(1)
            if _plausible_in_brackets(abbr, lexicon) and _spells(abbr, inside):
                abbr = _abbreviation_in(abbr, abbr, len(abbr), {}, lexicon) or abbr
                yield Definition(abbr, inside.strip(_QUOTES), "text", paragraph, before.start(1), m.end(), (order, before.start(1))), \
                    (before.start(1), m.end())


def _plausible_in_brackets(token: str, lexicon=None) -> bool:
    """An abbreviation-looking token: two capitals at least ("THL", "PoHa"), or a known one ("Migri")."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) < 2 or len(token) > 12 or _ROMAN.match(token):
        return False
    if letters[0].isupper() and sum(c.isupper() for c in letters) >= 2:
        return True
    return lexicon is not None and _is_mixed_case(token) and lexicon.is_known_abbreviation(token)


def _spells(abbr: str, words: str) -> bool:
    """Whether the abbreviation's letters appear in order in ``words``, the first at a word start."""
    letters = [c.lower() for c in abbr if c.isalpha()]
    text = words.lower()
    if not letters or not text or text[0] != letters[0]:
        return False
    at = 1
    for letter in letters[1:]:
        at = text.find(letter, at)
        if at < 0:
            return False
        at += 1
    return True


def _full_form_before(before: str, abbr: str, lexicon) -> str | None:
    """The full form written just before '(ABBR)': the shortest run of words that spells it."""
    clause = _STOP.split(before)[-1]
    tokens = list(TOKEN.finditer(clause))
    if not tokens:
        return None
    # A known name ending right at the bracket (authority names rarely spell their abbreviation: Migri).
    for start, end, match in lexicon.find_authorities(clause):
        if not clause[end:].strip() and (abbr in match.authority.abbreviations.get(lexicon.language, ())
                                         or abbr in (f.name for f in match.authority.former)):
            return clause[start:end]
    for k in range(1, min(len(tokens), 10) + 1):
        candidate = clause[tokens[-k].start():].strip()
        if _spells(abbr, candidate):
            return candidate
    known = lexicon.abbreviation_full(abbr)
    if known:
        words = len(TOKEN.findall(known))
        if len(tokens) >= words:
            return clause[tokens[-words].start():].strip()
    return None


def _same_full_form(a: str, b: str, language: str) -> bool:
    from rapidfuzz import fuzz

    def normal(text: str) -> str:
        return " ".join(lemmatize(t, language) for t in TOKEN.findall(text))

    return a.lower() == b.lower() or fuzz.ratio(normal(a), normal(b)) >= 90


def _suggestion(ctx: CheckContext, abbr: str, written: str) -> tuple[str | None, str]:
    """The replacement 'full (ABBR)' for the first use, inflected like it, and a readable hint."""
    full = lexicon_of(ctx).abbreviation_full(abbr)
    if not full:
        return None, f"write the full form followed by '({abbr})' at its first use"
    if "-" in written[len(abbr):]:  # a compound ("TE-toimistojen"): say it, do not rewrite it
        return None, f"write it out at its first use ({abbr}: {full})"
    case = case_of(written, abbr, ctx.language) if written != abbr else "nom"
    inflected = inflect(full, case, ctx.language) if case else full
    return f"{inflected} ({abbr})", f"write '{full} ({abbr})' at its first use"


# --- kinds ---------------------------------------------------------------------------

@kind("abbreviation-undefined", params={})
def abbreviation_undefined(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """An abbreviation is used but never written out nor listed (common ones excepted)."""
    lexicon = lexicon_of(ctx)
    analysis = analyse(ctx)
    for abbr, uses in analysis.uses.items():
        if abbr in analysis.definitions or not lexicon.needs_definition(abbr):
            continue
        needing = [u for u in uses if not u.in_field]
        if not needing:
            continue
        first = next((u for u in needing if not u.in_heading), needing[0])
        replacement, hint = _suggestion(ctx, abbr, first.text)
        yield ctx.finding(rule, paragraph=first.paragraph, start=first.start, end=first.end,
                          replacement=replacement, abbr=abbr, hint=hint, count=len(uses),
                          details={"uses": len(uses)})


@kind("abbreviation-before-definition", params={})
def abbreviation_before_definition(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """An abbreviation is used before the place where it is written out."""
    analysis = analyse(ctx)
    for abbr, definitions in analysis.definitions.items():
        if any(d.source == "list" for d in definitions):
            continue
        first_definition = min(definitions, key=lambda d: d.order)
        early = [u for u in analysis.uses.get(abbr, ())
                 if u.order < first_definition.order and not u.in_field and not u.in_heading]
        if not early:
            continue
        first = early[0]
        where = first_definition.paragraph.location.paragraph if first_definition.paragraph else None
        yield ctx.finding(rule, paragraph=first.paragraph, start=first.start, end=first.end,
                          abbr=abbr, full=first_definition.full, count=len(early),
                          details={"definition_paragraph": where})


@kind("abbreviation-defined-twice", params={})
def abbreviation_defined_twice(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """An abbreviation is written out again in the text after its first definition."""
    analysis = analyse(ctx)
    for abbr, definitions in analysis.definitions.items():
        in_text = sorted((d for d in definitions if d.source == "text"), key=lambda d: d.order)
        again = [d for d in in_text[1:] if _same_full_form(in_text[0].full, d.full, ctx.language)]
        if again:
            later = again[0]
            yield ctx.finding(rule, paragraph=later.paragraph, start=later.start, end=later.end,
                              abbr=abbr, full=later.full, count=len(again) + 1,
                              details={"definitions": len(again) + 1})


@kind("abbreviation-conflict", params={})
def abbreviation_conflict(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """One abbreviation is defined with two different full forms."""
    analysis = analyse(ctx)
    for abbr, definitions in analysis.definitions.items():
        ordered = sorted(definitions, key=lambda d: d.order)
        first = ordered[0]
        for other in ordered[1:]:
            if _same_full_form(first.full, other.full, ctx.language):
                continue
            if other.paragraph is None:
                continue
            yield ctx.finding(rule, paragraph=other.paragraph, start=other.start, end=other.end,
                              abbr=abbr, first=first.full, second=other.full)
            break


@kind("abbreviation-unused", params={})
def abbreviation_unused(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """An abbreviation is defined (in the text or the list) but never used."""
    analysis = analyse(ctx)
    for abbr, definitions in analysis.definitions.items():
        if analysis.uses.get(abbr):
            continue
        definition = min(definitions, key=lambda d: d.order)
        if definition.paragraph is None:
            continue
        where = "is listed among the abbreviations" if definition.source == "list" else "is defined"
        yield ctx.finding(rule, paragraph=definition.paragraph, start=definition.start, end=definition.end,
                          abbr=abbr, full=definition.full, where=where)
