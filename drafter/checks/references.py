"""Reference checks: cross-references to measures, objectives, chapters and annexes that exist.

References are found by drafter.xrefs in every body paragraph and note. A
reference preceded by another document's name ("direktiivin liitteessä 2",
"edellisen ohjelman toimenpide 12") points outside the draft and is left alone;
so is a kind of target the draft has none of at all (a draft without recognised
objectives cannot be judged on objective references), except annexes: a
reference to "liite 2" needs a heading "Liite 2".
"""

from __future__ import annotations

import bisect
import re
from typing import Iterator

from drafter.blocks import Paragraph
from drafter.checks.registry import CheckContext, Rule, kind
from drafter.findings import Finding
from drafter.xrefs import (
    KEYWORD_LEADS, Reference, as_int, find_references, literal_starts, references_in, search_lower,
)

_ANNEX_HEADING = re.compile(
    r"^\s*(?:liite|liitteet|bilaga|bilagor|annex|appendix)\s+(?P<number>\d{1,3}|[A-Z]|[IVX]+)\b",
    re.IGNORECASE,
)
_KIND_WORDS = {"measure": "measure", "objective": "objective", "chapter": "chapter", "annex": "annex"}


def existing_targets(programme, kind_name: str) -> set[int | str] | None:
    """The numbers a reference of ``kind_name`` may point to, or None when the draft has none to judge by."""
    if kind_name == "measure":
        numbers = {m.number for m in programme.measures if m.number is not None}
    elif kind_name == "objective":
        numbers = {o.number for o in programme.objectives if o.number is not None}
    elif kind_name == "chapter":
        numbers = {as_int(c.number) for c in programme.chapters if c.number}
        numbers.discard(None)
    else:
        return annex_numbers(programme)
    return numbers or None


def annex_numbers(programme) -> set[int | str]:
    """Numbers of the annexes the draft has: headings (or short lines) "Liite 2", "Bilaga 2", "Annex 2"."""
    found: set[int | str] = set()
    for paragraph in programme.document.paragraphs():
        text = paragraph.text
        if not (paragraph.is_heading or len(text) <= 80):
            continue
        match = _ANNEX_HEADING.match(text)
        if match:
            found.add(_annex_key(match.group("number")))
    return found


def _foreign(text: str, reference: Reference, words: list[str]) -> bool:
    """Whether the word(s) right before ``reference`` name another document."""
    before = text[max(0, reference.start - 60):reference.start].lower()
    tail = re.findall(r"[\wåäö-]+", before)[-2:]
    for word in tail:
        for stem in words:
            if re.fullmatch(stem, word):
                return True
    return False


@kind("cross-references", params={"target": True, "foreign_words": False})
def cross_references(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """References to measures, objectives, chapters or annexes point to ones the draft has."""
    target = rule.params.get("target", "measure")
    existing = existing_targets(ctx.programme, target)
    if existing is None:
        return
    foreign = [str(w).lower() for w in rule.params.get("foreign_words") or ()]
    for paragraph, references in paragraph_references(ctx):
        for reference in references:
            if reference.kind != target or _foreign(paragraph.text, reference, foreign):
                continue
            missing = [n for n in reference.targets() if _key(n, target) not in existing]
            if not missing:
                continue
            shown = ", ".join(str(n) for n in missing)
            noun = _KIND_WORDS[target] + ("s" if len(missing) > 1 else "")
            verb = "do" if len(missing) > 1 else "does"
            written = paragraph.text[reference.start:reference.end]
            yield ctx.finding(
                rule, rule.format(reference=written, missing=shown, noun=noun, verb=verb,
                                  kind=_KIND_WORDS[target]),
                paragraph=paragraph, start=reference.start, end=reference.end,
                details={"missing": [str(n) for n in missing]},
            )


def paragraph_references(ctx: CheckContext) -> list[tuple[Paragraph, list[Reference]]]:
    """The readable paragraphs that hold references, with them: found once per run for every REF rule."""
    return ctx.cached("references:found", lambda: _find_all(ctx))


def _find_all(ctx: CheckContext) -> list[tuple[Paragraph, list[Reference]]]:
    language = ctx.language if ctx.language in ("fi", "sv", "en") else "en"
    readable = [p for p in ctx.document.all_paragraphs()
                if not (p.deleted or p.container in ("header", "footer") or not p.text)]
    joined = "\x00".join(p.text for p in readable)
    lowered = search_lower(joined)
    if lowered is None:  # odd letters somewhere: every paragraph, each lower-cased on its own
        found = ((p, find_references(p.text, language)) for p in readable)
        return [(p, references) for p, references in found if references]
    starts, offset = [], 0
    for paragraph in readable:
        starts.append(offset)
        offset += len(paragraph.text) + 1
    found = []
    for number in _with_keywords(lowered, starts, language):
        paragraph, start = readable[number], starts[number]
        text = paragraph.text
        references = references_in(text, language, False, lowered[start:start + len(text)])
        if references:
            found.append((paragraph, references))
    return found


def _with_keywords(lowered: str, starts: list[int], language: str) -> list[int]:
    """The numbers of the paragraphs holding a keyword's lead: no other paragraph can hold a reference.

    ``lowered`` is all paragraphs lower-cased and joined (paragraph *n* starts at
    ``starts[n]``), searched for the leads of :data:`drafter.xrefs.KEYWORD_LEADS`.
    """
    leads = [lead for kind_leads in KEYWORD_LEADS[language].values() for lead in kind_leads]
    return sorted({bisect.bisect_right(starts, at) - 1 for at in literal_starts(lowered, leads)})


def _key(number: int | str, target: str) -> int | str:
    if target == "chapter":
        value = as_int(number)
        return value if value is not None else number
    if target == "annex":
        return _annex_key(number)
    return number


def _annex_key(number: int | str) -> int | str:
    """Annex numbers compare as integers ("2", "II") or as capital letters ("B")."""
    if isinstance(number, int):
        return number
    if number.isdigit():
        return int(number)
    if len(number) == 1:
        return number.upper()
    value = as_int(number.upper())
    return value if value is not None else number
