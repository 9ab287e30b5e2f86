"""Describe each measure by its form, not its topic: the facts the outlier check compares.

A :class:`MeasureForm` holds, for one measure, *categorical* features (how its
title opens, its final punctuation, which fields it has and their labels, how
its number is written, its formatting, whether it speaks in the first person
or hedges) and *numeric* ones (title and body length, sentences, the shares of
passive, conditional and past-tense finite verbs, bullets). ``evidence`` keeps
the document's own words behind a feature ("Ehdotamme, että") so findings can
quote them.

Verb forms come from :class:`drafter.nlp.Language`: Voikko for Finnish (a
passive is Voikko's PERSON 4), suffix and word-list cues for Swedish and
English. Word lists are data: ``rules/<lang>/measure-form.yaml``. No spaCy Doc
is built: tokens, sentence offsets and cached per-form analyses suffice, which
keeps a 200-measure draft well under a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable, Mapping

import yaml

from drafter.blocks import Paragraph
from drafter.model import Measure, Programme

MAIN_PART = "word/document.xml"
MIN_VERBS_FOR_SHARES = 2
FIELD_KEYS = ("responsible", "other_actors", "schedule", "funding", "indicators")
# A word with any of these readings is not counted as a verb: "niistä" is "from
# them" far more often than "blow your nose!".
_FUNCTION_WORDS = frozenset(("PRON", "ADP", "ADV", "CCONJ", "INTJ"))
_CONTENT_WORDS = frozenset(("NOUN", "ADJ", "PROPN", "NUM"))
_BULLET_TEXT = re.compile(r"^\s*[-–•·▪*]\s+")

# Title forms, in the words findings use for them.
TITLE_FORMS = {
    "passive-verb": "begin with a passive verb",
    "imperative": "begin with a verb in the imperative",
    "active-verb": "begin with an active verb",
    "actor-verb": "name an actor and an active verb",
    "passive-clause": "are clauses with a passive verb",
    "clause": "are clauses",
    "first-person": "speak in the first person",
    "question": "are questions",
    "noun-phrase": "are noun phrases without a verb",
    "empty": "have no title",
}


@dataclass(frozen=True)
class WordLists:
    """A language's word lists for form features (lower-case words or phrases)."""

    first_person: frozenset[str] = frozenset()
    hedging: tuple[str, ...] = ()
    conditional: frozenset[str] = frozenset()
    finite: frozenset[str] = frozenset()
    be_forms: frozenset[str] = frozenset()
    past: frozenset[str] = frozenset()
    imperative_verbs: frozenset[str] = frozenset()
    not_before_past: frozenset[str] = frozenset()


@lru_cache(maxsize=None)
def word_lists(language: str) -> WordLists:
    """The word lists of ``language`` from rules/<language>/measure-form.yaml (empty when absent)."""
    try:
        entry = resources.files("drafter.rules") / language / "measure-form.yaml"
        data = yaml.safe_load(entry.read_text(encoding="utf-8")) or {}
    except (FileNotFoundError, NotADirectoryError, OSError):
        data = {}

    def items(key: str) -> list[str]:
        return [str(w).lower() for w in data.get(key) or ()]

    return WordLists(
        first_person=frozenset(items("first_person")), hedging=tuple(items("hedging")),
        conditional=frozenset(items("conditional")), finite=frozenset(items("finite")),
        be_forms=frozenset(items("be_forms")), past=frozenset(items("past")),
        imperative_verbs=frozenset(items("imperative_verbs")),
        not_before_past=frozenset(items("not_before_past")),
    )


@dataclass(frozen=True)
class MeasureForm:
    """The form features of one measure."""

    number: int | None
    label: str
    categorical: Mapping[str, str]
    numeric: Mapping[str, float]
    evidence: Mapping[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return str(self.number) if self.number is not None else (self.label or "?")


@dataclass
class _VerbCounts:
    finite: int = 0
    passive: int = 0
    conditional: int = 0
    past: int = 0
    first_person: int = 0
    examples: list[str] = field(default_factory=list)


def measure_forms(programme: Programme, language=None) -> list[MeasureForm]:
    """The form features of every measure of ``programme`` in order."""
    if language is None:
        from drafter.nlp import load_language

        language = load_language(programme.language)
    lists = word_lists(language.code)
    by_index = _paragraph_index(programme)
    return [describe_measure(m, language, lists, by_index) for m in programme.measures]


def _paragraph_index(programme: Programme) -> dict[int, Paragraph]:
    return {p.location.paragraph: p for p in programme.document.all_paragraphs()
            if p.location.part == MAIN_PART}


def describe_measure(measure: Measure, language, lists: WordLists,
                     paragraphs: Mapping[int, Paragraph] | None = None) -> MeasureForm:
    """The :class:`MeasureForm` of ``measure``."""
    paragraphs = paragraphs or {}
    cat: dict[str, str] = {}
    num: dict[str, float] = {}
    evidence: dict[str, str] = {}

    title = measure.title.strip()
    title_words = [t.text for t in language.words(title)]
    form, opening = title_form(title, language, lists)
    cat["title_form"] = form
    evidence["title_form"] = opening
    cat["title_end"] = _final_mark(title)
    num["title_words"] = float(len(title_words))

    body = measure.text.strip()
    body_sentences = [body[s:e] for s, e in language.sentences(body)] if body else []
    body_word_count = sum(len(language.words(s)) for s in body_sentences)
    num["body_words"] = float(body_word_count)
    num["body_sentences"] = float(len(body_sentences))
    if body_sentences:
        num["mean_sentence_words"] = body_word_count / len(body_sentences)

    counts = _VerbCounts()
    verbless = 0
    for sentence in body_sentences:
        before = counts.finite
        _count_verbs(sentence, language, lists, counts)
        if counts.finite == before:
            verbless += 1
    # English verbs come from word lists, not morphology: too coarse to say a
    # sentence has none.
    if language.has_morphology and body_sentences and language.code != "en":
        num["verbless_share"] = verbless / len(body_sentences)
    # Shares of one or two verbs are all or nothing: noise, not form.
    if language.has_morphology and counts.finite >= MIN_VERBS_FOR_SHARES:
        num["passive_share"] = counts.passive / counts.finite
        num["conditional_share"] = counts.conditional / counts.finite
        num["past_share"] = counts.past / counts.finite

    full = f"{title}\n{body}"
    first_person = _phrases(full, lists.first_person, language) + (
        counts.first_person + _title_first_person(title, language))
    cat["first_person"] = "yes" if first_person else "no"
    hedges = _hedges(full, lists.hedging, language)
    cat["hedging"] = "yes" if hedges else "no"
    if hedges:
        evidence["hedging"] = ", ".join(hedges[:3])

    keys = {f.key for f in measure.fields}
    cat["has_fields"] = "yes" if measure.fields else "no"
    for key in FIELD_KEYS:
        cat[f"has_{key}"] = "yes" if key in keys else "no"
    for f in measure.fields:
        if f.label and f"label_{f.key}" not in cat:
            cat[f"label_{f.key}"] = f.label
    if measure.fields:
        cat["fields_given_as"] = measure.fields[0].source

    cat["number_format"] = _number_format(measure)

    title_paragraph = _title_paragraph(measure, paragraphs)
    body_paragraphs = _body_paragraphs(measure, paragraphs)
    if title_paragraph is not None:
        cat["title_bold"] = "yes" if _formatted(title_paragraph, measure, "bold") else "no"
        cat["title_italic"] = "yes" if _formatted(title_paragraph, measure, "italic") else "no"
        cat["title_style"] = title_paragraph.style_name or title_paragraph.style_id or "Normal"
    if body_paragraphs:
        styles = [p.style_name or p.style_id or "Normal" for p in body_paragraphs if not _is_bullet(p)]
        if styles:
            cat["body_style"] = max(set(styles), key=styles.count)
        italic = sum(_mostly(p, "italic") for p in body_paragraphs)
        cat["body_italic"] = "yes" if italic * 2 > len(body_paragraphs) else "no"
    bullets = sum(1 for p in body_paragraphs if _is_bullet(p)) if body_paragraphs else sum(
        1 for line in body.split("\n") if _BULLET_TEXT.match(line))
    cat["bullets"] = "yes" if bullets else "no"
    return MeasureForm(measure.number, measure.label, cat, num, evidence)


# -- titles ------------------------------------------------------------------------


def title_form(title: str, language, lists: WordLists) -> tuple[str, str]:
    """(form, the opening words that show it) of a measure title."""
    tokens = [t for t in language.tokens(title)]
    words = [t for t in tokens if t.is_word]
    if not words:
        return "empty", ""
    opening = _opening(title, tokens)
    if title.rstrip().endswith("?"):
        return "question", opening
    if _title_first_person(title, language) or any(
            w.text.lower() in lists.first_person for w in words[:3]):
        return "first-person", opening
    first = words[0].text
    head = [w.text for w in words[:6]]
    if language.code == "en":
        lower = [w.lower() for w in head]
        if lower[0] in lists.imperative_verbs:
            return "imperative", opening
        if _english_passive(lower, lists):
            return "passive-clause", opening
        if any(w in lists.finite for w in lower):
            return "actor-verb" if lower.index(next(w for w in lower if w in lists.finite)) > 0 else "clause", opening
        return "noun-phrase", opening
    if language.code == "sv" and _swedish_final_passive(words[-1].text):
        return ("passive-verb" if len(words) == 1 else "passive-clause"), opening
    first_reading = _verb_reading(first, language, lists)
    if first_reading == "passive":
        return "passive-verb", opening
    if first_reading == "imperative":
        return "imperative", opening
    if first_reading == "active":
        return "active-verb", opening
    readings = [_verb_reading(w.text, language, lists) for w in words[1:]]
    if "passive" in readings:
        return "passive-clause", opening
    if "active" in readings[:4]:
        return "actor-verb", opening
    if any(readings):
        return "clause", opening
    return "noun-phrase", opening


def _opening(title: str, tokens) -> str:
    """The title's first two words with the punctuation between them ("Ehdotamme, että")."""
    words = [t for t in tokens if t.is_word][:2]
    if not words:
        return ""
    return title[words[0].start:words[-1].end]


def _verb_reading(word: str, language, lists: WordLists) -> str | None:
    """passive / active / imperative when ``word`` is surely a finite verb, else None."""
    lower = word.lower()
    if language.code == "sv" and lower in lists.finite:
        return "active"
    reading = finite_reading(language.analyses(word), strict=True)
    if reading is None:
        return None
    if reading.morph.get("Voice") == "Pass":
        return "passive"
    if reading.morph.get("Mood") == "Imp":
        return "imperative"
    return "active"


def finite_reading(found, strict: bool = False):
    """The finite-verb reading of a word's analyses, or None.

    Finnish forms are often ambiguous. A passive reading wins ("kuullaan" is
    far more often "is heard" than "on our moon"); in running text a finite
    reading also beats a noun or adjective one ("osallistuvat": "take part" /
    "participating"), since the sentence needs its verb; ``strict`` (titles,
    no context) gives up on those. Readings that compete with a function word
    ("niistä") and singular imperatives ("ole", the negative verb's companion)
    never count.
    """
    finite = [a for a in found if a.pos == "VERB" and a.is_finite_verb
              and not (a.morph.get("Mood") == "Imp" and a.morph.get("Person") == "2")]
    if not finite or any(a.pos in _FUNCTION_WORDS for a in found):
        return None
    passive = next((a for a in finite if a.morph.get("Voice") == "Pass"), None)
    if passive is not None:
        return passive
    if strict and any(a.pos in _CONTENT_WORDS for a in found):
        return None
    # "sopivat" is present or past: the present is the unmarked reading.
    return next((a for a in finite if a.morph.get("Tense") != "Past"), finite[0])


def _swedish_final_passive(word: str) -> bool:
    """A Swedish clause-final word in -s is an s-passive ("… stöds"): a genitive needs a noun after it."""
    lower = word.lower()
    return len(lower) > 3 and lower.endswith("s") and not lower.endswith("ss") and lower.isalpha()


def _title_first_person(title: str, language) -> int:
    if language.code != "fi":
        return 0
    words = language.words(title)[:3]
    return sum(1 for w in words if (found := language.analyses(w.text))
               and all(_first_or_second_person(a) for a in found))


def _first_or_second_person(analysis) -> bool:
    """A finite verb in the first person, or the second person outside the imperative.

    Singular imperatives ("ole", "tee") double as the negative verb's companion
    ("ei ole"), so they say nothing about who speaks.
    """
    person = analysis.morph.get("Person")
    if not analysis.is_finite_verb or person not in ("1", "2"):
        return False
    return person == "1" or analysis.morph.get("Mood") != "Imp"


def _english_passive(lower: list[str], lists: WordLists) -> bool:
    for i, word in enumerate(lower[:-1]):
        if word in lists.be_forms and re.search(r"(ed|en|wn|un)$", lower[i + 1]):
            return True
    return False


def _final_mark(title: str) -> str:
    stripped = title.rstrip()
    if not stripped:
        return "none"
    last = stripped[-1]
    return {".": "period", "?": "question mark", "!": "exclamation mark", ":": "colon",
            ";": "semicolon"}.get(last, "none")


# -- bodies ------------------------------------------------------------------------


def _count_verbs(sentence: str, language, lists: WordLists, counts: _VerbCounts) -> None:
    words = language.words(sentence)
    if language.code == "en":
        lower = [w.text.lower() for w in words]
        for i, word in enumerate(lower):
            if word in lists.finite:
                counts.finite += 1
                nxt = lower[i + 1:i + 3]
                if word in lists.be_forms and any(re.search(r"(ed|en|wn)$", n) for n in nxt[:1]) or (
                        word in ("will", "shall", "must", "can", "should", "would", "could", "may", "might")
                        and nxt[:1] == ["be"] and len(nxt) > 1 and re.search(r"(ed|en|wn)$", nxt[1])):
                    counts.passive += 1
                if word in lists.conditional:
                    counts.conditional += 1
                if word in lists.past:
                    counts.past += 1
                if i > 0 and lower[i - 1] in ("we", "i"):
                    counts.first_person += 1
            elif (i > 0 and word.endswith("ed") and len(word) > 4 and lower[i - 1] not in lists.not_before_past
                  and not lower[i - 1].endswith("ly")):
                counts.finite += 1  # "the members discussed": a past-tense verb after its subject
                counts.past += 1
                if lower[i - 1] in ("we", "i"):
                    counts.first_person += 1
        return
    # A list fragment without a final stop ("b) tutkinnan tuki") is a noun phrase
    # more often than a clause: there a noun reading beats a verb one.
    fragment = not sentence.rstrip().endswith((".", "!", "?", "…"))
    for i, token in enumerate(words):
        word = token.text
        lower = word.lower()
        if language.code == "sv":
            if lower in lists.finite or lower in lists.conditional:
                counts.finite += 1
                counts.conditional += lower in lists.conditional
                counts.past += lower in lists.past
                if i > 0 and words[i - 1].text.lower() in ("vi", "jag"):
                    counts.first_person += 1
                continue
            if i == len(words) - 1 and _swedish_final_passive(word) and sentence.rstrip().endswith("."):
                counts.finite += 1
                counts.passive += 1
                continue
            for a in language.analyses(word)[:1]:
                if a.is_finite_verb:
                    counts.finite += 1
                    counts.passive += a.morph.get("Voice") == "Pass"
                    counts.past += a.morph.get("Tense") == "Past"
            continue
        found = language.analyses(word)
        a = finite_reading(found, strict=fragment)
        if a is None:
            continue
        counts.finite += 1
        if _first_or_second_person(a) and finite_reading(found, strict=True) is None:
            a = None  # "alan": the field's (ala) far more often than I begin (alkaa)
            counts.finite -= 1
            continue
        counts.passive += a.morph.get("Voice") == "Pass"
        counts.conditional += a.morph.get("Mood") == "Cnd"
        counts.past += a.morph.get("Tense") == "Past"
        counts.first_person += _first_or_second_person(a)


def _phrases(text: str, phrases: Iterable[str], language) -> int:
    words = [t.text.lower() for t in language.words(text)]
    joined = " " + " ".join(words) + " "
    return sum(joined.count(f" {p} ") for p in phrases)


def _hedges(text: str, phrases: Iterable[str], language) -> list[str]:
    words = [t.text.lower() for t in language.words(text)]
    joined = " " + " ".join(words) + " "
    return [p for p in phrases if f" {p} " in joined]


# -- layout and formatting ---------------------------------------------------------


def _number_format(measure: Measure) -> str:
    """How the measure's number is written: typed "12.", auto, prefix "Toimenpide 12:", none."""
    if measure.number is None or measure.layout == "unnumbered":
        return "none"
    if measure.auto_numbered or measure.layout == "autonumber":
        return "automatic list number"
    shape = re.sub(r"\d+", "N", (measure.label or "").strip())
    if measure.layout == "prefix":
        return f"prefix '{shape}'"
    if measure.layout == "heading":
        return f"numbered heading '{shape}'" if shape else "numbered heading"
    if measure.layout == "table":
        return "table row"
    return f"typed '{shape}'" if shape else "typed"


def _title_paragraph(measure: Measure, paragraphs: Mapping[int, Paragraph]) -> Paragraph | None:
    location = measure.title_location or measure.location
    if location is None or location.part != MAIN_PART:
        return None
    return paragraphs.get(location.paragraph)


def _body_paragraphs(measure: Measure, paragraphs: Mapping[int, Paragraph]) -> list[Paragraph]:
    out = []
    seen = set()
    title = measure.title_location or measure.location
    for loc in measure.body_locations:
        if loc.part != MAIN_PART or loc.paragraph in seen:
            continue
        if title is not None and loc.paragraph == title.paragraph:
            continue
        seen.add(loc.paragraph)
        p = paragraphs.get(loc.paragraph)
        if p is not None:
            out.append(p)
    return out


def _formatted(paragraph: Paragraph, measure: Measure, attribute: str) -> bool:
    """Whether the title's text (first letters of it) carries ``attribute``."""
    loc = measure.title_location
    start = loc.start if loc is not None and loc.paragraph == paragraph.location.paragraph else 0
    text = paragraph.text
    while start < len(text) and not text[start].isalpha():
        start += 1
    for span in paragraph.spans:
        if span.start <= start < span.end:
            return bool(getattr(span, attribute))
    return False


def _mostly(paragraph: Paragraph, attribute: str) -> bool:
    total = len(paragraph.text.strip())
    if not total:
        return False
    marked = sum(s.end - s.start for s in paragraph.spans if getattr(s, attribute))
    return marked * 2 > total


def _is_bullet(paragraph: Paragraph) -> bool:
    if paragraph.numbering is not None and paragraph.numbering.format == "bullet":
        return True
    return bool(_BULLET_TEXT.match(paragraph.text))
