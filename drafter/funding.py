"""Classify each measure's funding and sum up what the programme asks for.

Most measures are carried out as ordinary official work ("virkatyönä") or
within existing resources ("nykyisten kehysten puitteissa"); some need separate
funding (an amount in euros, "lisärahoitus", person-years). The Ministry of
Finance asks that a proposal needing separate funding say that appropriation
increases are decided in the normal budget process — the *budget note*.

The phrase lists and the default budget note are data: the ``funding-status``
and ``budget-note`` rules of ``rules/<language>/programme.yaml`` carry them in
their params, and :func:`funding_params` reads them from there so the HTML
report and publish use the same lists as the checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal, Mapping

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

FundingStatus = Literal["official-work", "existing-resources", "separate-funding", "unclear", "missing"]
STATUSES: tuple[FundingStatus, ...] = ("official-work", "existing-resources", "separate-funding", "unclear", "missing")

DEFAULT_NOTE_THRESHOLD = 80

_MULTIPLIERS = [
    (r"(?:milj(?:\.|oonaa?|oner|ioner)?|millions?|M)", 1_000_000),
    (r"(?:mrd\.?|miljardia?|miljarder|billion)", 1_000_000_000),
    (r"(?:t\.|tuhatta|tusen|thousand|k)", 1_000),
]
_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[,.]\d+)?"
_CURRENCY = r"(?:euroa?|euros?|eur\b|€)"
_AMOUNT = re.compile(
    rf"(?:(?:€|EUR)\s?(?P<pre>{_NUMBER})(?:\s*(?P<premult>{'|'.join(m for m, _ in _MULTIPLIERS)})(?!\w))?)"
    rf"|(?<![\d,.\u00a0\u202f])(?P<num>{_NUMBER})\s*(?:(?P<mult>{'|'.join(m for m, _ in _MULTIPLIERS)})\s*)?{_CURRENCY}",
    re.IGNORECASE,
)
_PERSON_YEARS = re.compile(
    r"(?<![\d,.])(?P<num>\d+(?:[,.]\d+)?)\s*(?:htv\b|henkilötyövuo\w*|henkilötyövuode\w*|årsverk\w*|person[- ]years?|FTEs?\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    """A sum of money found in a text: its value in euros and where it was written."""

    euros: float
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class MeasureFunding:
    """How one measure is funded, as far as its text says."""

    measure: int | None
    label: str
    title: str
    status: FundingStatus
    funding_text: str | None            # the funding field's value, or None
    amounts: tuple[Amount, ...] = ()
    person_years: float = 0.0
    budget_note: bool = False
    matched: str | None = None          # the phrase that decided the status

    @property
    def euros(self) -> float:
        return sum(a.euros for a in self.amounts)

    @property
    def needs_separate_funding(self) -> bool:
        return self.status == "separate-funding"

    def describe_request(self) -> str:
        """What the measure asks for, in words: "200 000 €", "2 person-years", or "separate funding"."""
        parts = []
        if self.amounts:
            parts.append(format_euros(self.euros))
        if self.person_years:
            parts.append(f"{_format_number(self.person_years)} person-years")
        return " and ".join(parts) if parts else "separate funding (no amount given)"

    def to_json(self) -> dict[str, Any]:
        return {
            "measure": self.measure, "label": self.label, "title": self.title, "status": self.status,
            "funding": self.funding_text, "euros": self.euros if self.amounts else None,
            "amounts": [a.text for a in self.amounts], "person_years": self.person_years or None,
            "budget_note": self.budget_note,
        }


@dataclass(frozen=True)
class FundingSummary:
    """Every measure's funding status and the totals the programme requests."""

    measures: tuple[MeasureFunding, ...]
    counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def separate(self) -> tuple[MeasureFunding, ...]:
        """The measures that need funding beyond ordinary official work and existing resources."""
        return tuple(m for m in self.measures if m.needs_separate_funding)

    @property
    def total_euros(self) -> float:
        return sum(m.euros for m in self.separate)

    @property
    def total_person_years(self) -> float:
        return sum(m.person_years for m in self.separate)

    @property
    def without_budget_note(self) -> tuple[MeasureFunding, ...]:
        return tuple(m for m in self.separate if not m.budget_note)

    def to_json(self) -> dict[str, Any]:
        return {
            "counts": dict(self.counts), "total_euros": self.total_euros,
            "total_person_years": self.total_person_years,
            "separate": [m.measure for m in self.separate],
            "without_budget_note": [m.measure for m in self.without_budget_note],
            "measures": [m.to_json() for m in self.measures],
        }


def funding_params(language: str) -> dict[str, Any]:
    """Phrase lists and budget note for ``language``, from the loaded rule packs (see module docs).

    A language without funding rules of its own gets the English ones.
    """
    packs = _pack_params()
    return dict(packs.get(language) or packs.get("en", {}))


@lru_cache(maxsize=1)
def _pack_params() -> Mapping[str, Mapping[str, Any]]:
    """The params of every language's funding-status and budget-note rules, merged per language."""
    from drafter.checks.loader import load_rules

    params: dict[str, dict[str, Any]] = {}
    for rule in load_rules():
        if rule.kind in ("funding-status", "budget-note"):
            params.setdefault(rule.language, {}).update(rule.params)
    return params


def budget_note_for(language: str, config=None, params: Mapping[str, Any] | None = None) -> str:
    """The budget note's wording: config's ``budget_note`` first, then the rule params."""
    configured = getattr(config, "budget_note", None)
    if configured:
        return configured
    if params and params.get("budget_note"):
        return str(params["budget_note"])
    return str(funding_params(language)["budget_note"])


def find_amounts(text: str) -> list[Amount]:
    """Sums in euros: "200 000 euroa", "1,2 milj. euroa", "€1.5 million", "500 000 €"."""
    amounts = []
    for match in _AMOUNT.finditer(text):
        number = match.group("pre") or match.group("num")
        multiplier_text = match.group("premult") or match.group("mult")
        value = parse_number(number)
        if value is None:
            continue
        if multiplier_text:
            for pattern, factor in _MULTIPLIERS:
                if re.fullmatch(pattern, multiplier_text, re.IGNORECASE):
                    value *= factor
                    break
        if 1800 <= value <= 2199 and not multiplier_text and re.search(r"\d{4}\s*[–—-]\s*$", text[:match.start()]):
            continue
        amounts.append(Amount(value, match.group().strip(), match.start(), match.end()))
    return amounts


def find_person_years(text: str) -> float:
    """The person-years a text asks for ("2 htv", "1,5 henkilötyövuotta", "3 årsverken")."""
    return sum(parse_number(m.group("num")) or 0 for m in _PERSON_YEARS.finditer(text))


def parse_number(written: str) -> float | None:
    """ "200 000" → 200000, "1,2" → 1.2, "1,200,000" → 1200000, "1.5" → 1.5."""
    cleaned = re.sub(r"[ \u00a0\u202f]", "", written)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", cleaned):
        cleaned = cleaned.replace(",", "")
    cleaned = cleaned.replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


# Spaces after . ! ? or newlines. The lookahead changes no match (both branches
# start with white space) but lets the scan skip other characters fast.
_SENTENCE_BREAK = re.compile(r"(?=\s)(?:(?<=[.!?])\s+|\n+)")


def has_budget_note(text: str, note: str, threshold: float = DEFAULT_NOTE_THRESHOLD) -> bool:
    """Whether ``text`` says what ``note`` says, allowing small rewordings.

    Compared sentence by sentence with rapidfuzz: ``partial_ratio`` catches the
    note inside a longer sentence, ``token_set_ratio`` a reordered one.
    """
    if threshold <= 0:
        return True  # note_score is never below 0
    return _has_note(text, note, float(threshold))


@lru_cache(maxsize=8192)
def _has_note(text: str, note: str, threshold: float) -> bool:
    """``note_score(text, note) >= threshold``, stopping at the first sentence that reaches it."""
    return any(_sentence_reaches(sentence, note, threshold) for sentence in _SENTENCE_BREAK.split(text))


@lru_cache(maxsize=65536)
def _sentence_reaches(sentence: str, note: str, threshold: float) -> bool:
    """Whether one sentence scores ``threshold`` or more against ``note`` (see :func:`_sentence_score`).

    The cheap token_set_ratio goes first. partial_ratio (most of the cost)
    is computed only when a bound lets it reach the threshold: every window it
    compares with the shorter string is a substring of the longer, so their
    common subsequence is at most m, the two whole strings', and the ratio
    at most 200·m / (len(shorter) + m). Ordinary sentences fall below it.
    """
    wanted = _normalised_note(note)
    lowered = sentence.lower()
    if len(lowered) < len(wanted) * 0.5:
        return False  # normalising never lengthens a text
    candidate = _normalise_lowered(lowered)
    if len(candidate) < len(wanted) * 0.5:
        return False
    if fuzz.token_set_ratio(wanted, candidate, score_cutoff=threshold):
        return True
    shorter = min(len(wanted), len(candidate))
    if shorter:
        common = (len(wanted) + len(candidate) - Indel.distance(wanted, candidate)) / 2
        if 200 * common / (shorter + common) < threshold - 1e-6:  # margin for rounding
            return False
    return bool(fuzz.partial_ratio(wanted, candidate, score_cutoff=threshold))


@lru_cache(maxsize=8192)
def note_score(text: str, note: str) -> float:
    """The best similarity (0–100) of any sentence of ``text`` to ``note``.

    Cached: drafts repeat the same funding sentences measure after measure, and
    several rules classify the same measures with different params.
    """
    best = 0.0
    for sentence in _SENTENCE_BREAK.split(text):
        best = max(best, _sentence_score(sentence, note))
    return best


@lru_cache(maxsize=65536)
def _sentence_score(sentence: str, note: str) -> float:
    """One sentence's similarity to ``note``; 0 for a sentence under half the note's length.

    Cached per sentence: the note itself and the standard funding sentences
    recur in measure after measure, and partial_ratio is the costly part.
    """
    wanted = _normalised_note(note)
    candidate = _normalise(sentence)
    if len(candidate) < len(wanted) * 0.5:
        return 0.0
    return max(fuzz.partial_ratio(wanted, candidate), fuzz.token_set_ratio(wanted, candidate))


@lru_cache(maxsize=64)
def _normalised_note(note: str) -> str:
    return _normalise(note)


def classify_funding(measure, params: Mapping[str, Any], note: str | None = None,
                     threshold: float = DEFAULT_NOTE_THRESHOLD) -> MeasureFunding:
    """The funding status of ``measure`` from its funding field, or its text when it has none."""
    field_value = measure.field_value("funding") if hasattr(measure, "field_value") else None
    field_text = field_value.strip() if field_value else None
    body = "\n".join(p for p in (measure.title, measure.text) if p)
    text = field_text if field_text else body
    amounts, person_years = _amounts_and_years(text)
    lowered = text.lower()

    official = _first_phrase(lowered, params.get("official_work", ()))
    existing = _first_phrase(lowered, params.get("existing_resources", ()))
    separate = _first_phrase(lowered, params.get("separate_funding", ()))
    increase = _first_phrase(lowered, params.get("increase_words", ()))
    unclear = _first_phrase(lowered, params.get("unclear_words", ()))

    if not field_text and not (amounts or person_years):
        # Without a funding line, words alone in the body ("harkitaan, tarvitaanko
        # lisäresursseja") are musings, not a request.
        separate = increase = None
    status: FundingStatus
    matched: str | None
    if (official or existing) and not increase:
        status, matched = ("official-work", official) if official else ("existing-resources", existing)
    elif amounts or person_years or separate or increase:
        status = "separate-funding"
        matched = increase or separate or (amounts[0].text if amounts else f"{_format_number(person_years)} htv")
    elif field_text and not unclear and _is_blank(field_text):
        status, matched = "missing", None
    elif field_text:
        status, matched = "unclear", unclear
    else:
        status, matched = "missing", None
    if status in ("official-work", "existing-resources"):
        amounts, person_years = (), 0.0
    note_text = measure.full_text if hasattr(measure, "full_text") else body
    noted = bool(note) and has_budget_note(note_text, note, threshold)
    return MeasureFunding(
        measure=measure.number, label=measure.label, title=measure.title, status=status,
        funding_text=field_value, amounts=amounts, person_years=person_years, budget_note=noted,
        matched=matched,
    )


def funding_summary(programme, config=None, params: Mapping[str, Any] | None = None) -> FundingSummary:
    """Classify every measure of ``programme``; ``config.budget_note`` overrides the default note."""
    merged = funding_params(programme.language)
    if params:
        merged.update(params)
    for key in _PHRASE_KEYS:  # converted once here, not for every measure
        if key in merged:
            merged[key] = _Phrases(str(p) for p in merged[key] or ())
    note = budget_note_for(programme.language, config, merged)
    threshold = float(merged.get("threshold", DEFAULT_NOTE_THRESHOLD))
    measures = tuple(classify_funding(m, merged, note, threshold) for m in programme.measures)
    counts = {status: 0 for status in STATUSES}
    for m in measures:
        counts[m.status] += 1
    return FundingSummary(measures, counts)


def format_euros(value: float) -> str:
    """1400000 → "1 400 000 €" (narrow no-break spaces between thousands)."""
    return f"{_format_number(value)} €"


def _format_number(value: float) -> str:
    if value == int(value):
        return f"{int(value):,}".replace(",", " ")
    return f"{value:,.2f}".replace(",", " ").replace(".", ",").rstrip("0").rstrip(",")


@lru_cache(maxsize=8192)
def _amounts_and_years(text: str) -> tuple[tuple[Amount, ...], float]:
    """:func:`find_amounts` and :func:`find_person_years` of ``text``, remembered: the check
    classifies each measure once per rule's params, and publish once more."""
    return tuple(find_amounts(text)), find_person_years(text)


_PHRASE_KEYS = ("official_work", "existing_resources", "separate_funding", "increase_words", "unclear_words")


class _Phrases(tuple):
    """A phrase list already made a tuple of strings (by funding_summary)."""


def _first_phrase(lowered: str, phrases) -> str | None:
    """The first of ``phrases`` (in list order) that ``lowered`` contains at a word start."""
    if type(phrases) is not _Phrases:
        phrases = tuple(str(p) for p in phrases or ())
    if not phrases or not _any_phrase(phrases).search(lowered):
        return None  # one search dismisses the whole list: most lists do not match
    for pattern, phrase in _phrase_patterns(phrases):
        if pattern.search(lowered):
            return phrase
    return None


@lru_cache(maxsize=256)
def _phrase_patterns(phrases: tuple[str, ...]) -> tuple[tuple[re.Pattern, str], ...]:
    """Each phrase's compiled pattern, in order: funding_summary tests five phrase lists per
    measure for every rule that classifies (4 s of a 5,000-measure publish went on building them)."""
    return tuple((re.compile(rf"(?<![\wåäö]){re.escape(p.lower())}"), p) for p in phrases)


@lru_cache(maxsize=256)
def _any_phrase(phrases: tuple[str, ...]) -> re.Pattern:
    """One pattern that matches where any of ``phrases``' patterns would."""
    return re.compile(rf"(?<![\wåäö])(?:{'|'.join(re.escape(p.lower()) for p in phrases)})")


def _is_blank(value: str) -> bool:
    return not value.strip(" -–—.?…_xX")


_NON_WORD = re.compile(r"\W+")


def _normalise(text: str) -> str:
    """Lowercase words separated by single spaces: punctuation and white space runs become one space."""
    return _normalise_lowered(text.lower())


def _normalise_lowered(lowered: str) -> str:
    """:func:`_normalise` of a text already lowercased."""
    return _NON_WORD.sub(" ", lowered).strip()
