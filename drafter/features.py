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
is built: sentence offsets, each sentence's words (split once) and what a
:class:`WordReader` learns once per distinct word form suffice (500 measures:
~66,000 words, ~4,000 forms; ~70 ms).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Mapping

import yaml

from drafter.blocks import Paragraph
from drafter.model import Measure, Programme
from drafter.nlp.text import parts_word_texts

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
    # Words that open a first-person or hedging phrase (counted for Finnish only, see phrase_words).
    phrase_starts: int = 0
    phrase_words: bool = False  # whether phrase_starts was counted


def measure_forms(programme: Programme, language=None) -> list[MeasureForm]:
    """The form features of every measure of ``programme`` in order."""
    if language is None:
        from drafter.nlp import load_language

        language = load_language(programme.language)
    lists = word_lists(language.code)
    by_index = _paragraph_index(programme)
    reader = WordReader(language, lists)
    return [describe_measure(m, language, lists, by_index, reader) for m in programme.measures]


def _paragraph_index(programme: Programme) -> dict[int, Paragraph]:
    return {p.location.paragraph: p for p in programme.document.all_paragraphs()
            if p.location.part == MAIN_PART}


def describe_measure(measure: Measure, language, lists: WordLists,
                     paragraphs: Mapping[int, Paragraph] | None = None,
                     reader: WordReader | None = None) -> MeasureForm:
    """The :class:`MeasureForm` of ``measure``.

    ``reader`` remembers what was asked about each word form; pass one per
    measure set (as :func:`measure_forms` does) so each distinct word is
    analysed once, not once per occurrence.
    """
    paragraphs = paragraphs or {}
    if reader is None:
        reader = WordReader(language, lists)
    cat: dict[str, str] = {}
    num: dict[str, float] = {}
    evidence: dict[str, str] = {}

    title = measure.title.strip()
    title_tokens = language.words(title)
    title_words = [t.text for t in title_tokens]
    title_person = reader.title_first_person(title_words)
    form, opening = _title_form(title, title_tokens, reader, title_person)
    cat["title_form"] = form
    evidence["title_form"] = opening
    cat["title_end"] = _final_mark(title)
    num["title_words"] = float(len(title_words))

    body = measure.text.strip()
    # Each sentence's words are split once and serve every body feature; the
    # body's words are the sentences' words (sentences cover it up to spaces).
    body_sentences = [body[s:e] for s, e in language.sentences(body)] if body else []
    sentence_words = parts_word_texts(body_sentences, body)
    body_word_count = sum(map(len, sentence_words))
    num["body_words"] = float(body_word_count)
    num["body_sentences"] = float(len(body_sentences))
    if body_sentences:
        num["mean_sentence_words"] = body_word_count / len(body_sentences)

    counts, verbless = reader.count_body(body_sentences, sentence_words)
    # English verbs come from word lists, not morphology: too coarse to say a
    # sentence has none.
    if language.has_morphology and body_sentences and language.code != "en":
        num["verbless_share"] = verbless / len(body_sentences)
    # Shares of one or two verbs are all or nothing: noise, not form.
    if language.has_morphology and counts.finite >= MIN_VERBS_FOR_SHARES:
        num["passive_share"] = counts.passive / counts.finite
        num["conditional_share"] = counts.conditional / counts.finite
        num["past_share"] = counts.past / counts.finite

    first_person = counts.first_person or title_person
    hedges: list[str] = []
    if not counts.phrase_words or counts.phrase_starts or reader.has_phrase_start(title_words):
        # The words of "title\nbody": no word runs over the line break.
        joined = _joined(title_words, sentence_words)
        measure_words = joined.split(" ")
        first_person = first_person or reader.has_first_person_phrase(joined, measure_words)
        hedges = reader.hedges(joined, measure_words)
    cat["first_person"] = "yes" if first_person else "no"
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
        span = _title_span(title_paragraph, measure)
        cat["title_bold"] = "yes" if span is not None and span.bold else "no"
        cat["title_italic"] = "yes" if span is not None and span.italic else "no"
        cat["title_style"] = title_paragraph.style_name or title_paragraph.style_id or "Normal"
    if body_paragraphs:
        bulleted = [_is_bullet(p) for p in body_paragraphs]
        styles = [p.style_name or p.style_id or "Normal" for p, b in zip(body_paragraphs, bulleted) if not b]
        if styles:
            cat["body_style"] = max(set(styles), key=styles.count)
        italic = sum(_mostly(p, "italic") for p in body_paragraphs)
        cat["body_italic"] = "yes" if italic * 2 > len(body_paragraphs) else "no"
        bullets = bulleted.count(True)
    else:
        bullets = sum(1 for line in body.split("\n") if _BULLET_TEXT.match(line))
    cat["bullets"] = "yes" if bullets else "no"
    return MeasureForm(measure.number, measure.label, cat, num, evidence)


# -- titles ------------------------------------------------------------------------


def title_form(title: str, language, lists: WordLists) -> tuple[str, str]:
    """(form, the opening words that show it) of a measure title."""
    reader = WordReader(language, lists)
    tokens = language.words(title)
    return _title_form(title, tokens, reader, reader.title_first_person([t.text for t in tokens]))


def _title_form(title: str, words, reader: WordReader, first_person: int) -> tuple[str, str]:
    """:func:`title_form` from the title's word tokens and its count of first-person verbs."""
    if not words:
        return "empty", ""
    language, lists = reader.language, reader.lists
    opening = title[words[0].start:words[:2][-1].end]
    if title.rstrip().endswith("?"):
        return "question", opening
    if first_person or any(w.text.lower() in lists.first_person for w in words[:3]):
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
    first_reading = reader.verb_reading(first)
    if first_reading == "passive":
        return "passive-verb", opening
    if first_reading == "imperative":
        return "imperative", opening
    if first_reading == "active":
        return "active-verb", opening
    readings = [reader.verb_reading(w.text) for w in words[1:]]
    if "passive" in readings:
        return "passive-clause", opening
    if "active" in readings[:4]:
        return "actor-verb", opening
    if any(readings):
        return "clause", opening
    return "noun-phrase", opening


class WordReader:
    """What the form features ask about each word form, asked once per form.

    Every answer depends on the form alone (and the language), and a draft
    repeats its words heavily: 500 measures have ~66,000 words but ~4,000
    forms. One reader serves one measure set (:func:`measure_forms`).
    """

    def __init__(self, language, lists: WordLists) -> None:
        self.language = language
        self.lists = lists
        self._readings: dict[str, str | None] = {}
        self._speaks: dict[str, bool] = {}
        # Finnish verbs in running text by word, in sentences and in list fragments:
        # packed (finite, passive, conditional, past, first person), 0 for any other word.
        self._finnish: tuple[dict[str, int], ...] = ({}, {})
        self._swedish: dict[str, tuple[int, int] | None] = {}
        # A phrase can occur only where its first word does: the phrases are
        # searched for only in measures that have one of those words.
        self._first_person = tuple(f" {p} " for p in lists.first_person)
        self._first_person_starts = frozenset(p.split(" ")[0] for p in lists.first_person)
        self._hedging = tuple((p, f" {p} ", p.split(" ")[0]) for p in lists.hedging)
        self._hedging_starts = frozenset(start for _, _, start in self._hedging)
        self._phrase_starts = self._first_person_starts | self._hedging_starts

    def has_phrase_start(self, words: list[str]) -> bool:
        """Whether a first-person or hedging phrase may start among ``words`` (or anywhere: an empty phrase)."""
        starts = self._phrase_starts
        return "" in starts or not starts.isdisjoint(_lower_words(words))

    def has_first_person_phrase(self, joined: str, words: list[str]) -> bool:
        """Whether a first-person phrase occurs in ``joined`` (see :func:`_joined`), split at spaces in ``words``."""
        return not self._first_person_starts.isdisjoint(words) and any(p in joined for p in self._first_person)

    def hedges(self, joined: str, words: list[str]) -> list[str]:
        """The hedging phrases that occur in ``joined``, in the word list's order."""
        starts = self._hedging_starts.intersection(words)
        if not starts:
            return []
        return [p for p, padded, start in self._hedging if start in starts and padded in joined]

    def verb_reading(self, word: str) -> str | None:
        """passive / active / imperative when ``word`` is surely a finite verb, else None."""
        try:
            return self._readings[word]
        except KeyError:
            reading = self._readings[word] = _verb_reading(word, self.language, self.lists)
            return reading

    def title_first_person(self, words: list[str]) -> int:
        """How many of a Finnish title's first three words are verbs in the first (or second) person."""
        if self.language.code != "fi":
            return 0
        return sum(1 for w in words[:3] if self._speaks_in_person(w))

    def _speaks_in_person(self, word: str) -> bool:
        speaks = self._speaks.get(word)
        if speaks is None:
            found = self.language.analyses(word)
            speaks = self._speaks[word] = bool(found) and all(_first_or_second_person(a) for a in found)
        return speaks

    def count_body(self, sentences: list[str], sentence_words: list[list[str]]) -> tuple[_VerbCounts, int]:
        """The finite verbs of a body's sentences (their words given), and how many sentences have none."""
        counts = _VerbCounts()
        if self.language.code == "fi":
            return counts, self._count_finnish_verbs(sentences, sentence_words, counts)
        verbless = 0
        for sentence, words in zip(sentences, sentence_words):
            before = counts.finite
            if self.language.code == "en":
                _count_english_verbs([w.lower() for w in words], self.lists, counts)
            else:
                self._count_swedish_verbs(sentence, words, counts)
            verbless += counts.finite == before
        return counts, verbless

    def _count_finnish_verbs(self, sentences: list[str], sentence_words: list[list[str]],
                             counts: _VerbCounts) -> int:
        """Add the Finnish finite verbs to ``counts``; the number of sentences without one.

        Each form's verb is cached as one packed int (see :func:`_packed`), so
        a sentence's counts are one C-level ``sum`` of its words' ints. The
        ints also count the words that open a first-person or hedging phrase
        (``counts.phrase_starts``), so a measure without one needs no phrase search.
        """
        verbless = 0
        total = 0
        for sentence, words in zip(sentences, sentence_words):
            # A list fragment without a final stop ("b) tutkinnan tuki") is a noun phrase
            # more often than a clause: there a noun reading beats a verb one.
            fragment = not sentence.rstrip().endswith((".", "!", "?", "…"))
            cache = self._finnish[fragment]
            try:
                packed = sum(map(cache.__getitem__, words))
            except KeyError:  # words not seen yet: ask about each new form once
                starts = self._phrase_starts
                for word in set(words).difference(cache):
                    cache[word] = _packed(_finnish_verb(self.language.analyses(word), fragment),
                                          word.lower() in starts)
                packed = sum(map(cache.__getitem__, words))
            total += packed
            if not packed & _VERBS:
                verbless += 1
        mask = (1 << _PACK) - 1
        counts.phrase_starts += total >> 5 * _PACK
        counts.phrase_words = True
        counts.finite += total >> 4 * _PACK & mask
        counts.passive += total >> 3 * _PACK & mask
        counts.conditional += total >> 2 * _PACK & mask
        counts.past += total >> _PACK & mask
        counts.first_person += total & mask
        return verbless

    def _count_swedish_verbs(self, sentence: str, words: list[str], counts: _VerbCounts) -> None:
        lists = self.lists
        last = len(words) - 1
        for i, word in enumerate(words):
            lower = word.lower()
            if lower in lists.finite or lower in lists.conditional:
                counts.finite += 1
                counts.conditional += lower in lists.conditional
                counts.past += lower in lists.past
                if i > 0 and words[i - 1].lower() in ("vi", "jag"):
                    counts.first_person += 1
                continue
            if i == last and _swedish_final_passive(word) and sentence.rstrip().endswith("."):
                counts.finite += 1
                counts.passive += 1
                continue
            try:
                verb = self._swedish[word]
            except KeyError:
                verb = self._swedish[word] = _swedish_verb(self.language.analyses(word))
            if verb is not None:
                counts.finite += 1
                counts.passive += verb[0]
                counts.past += verb[1]


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

_MODALS = frozenset(("will", "shall", "must", "can", "should", "would", "could", "may", "might"))
_PARTICIPLE_ENDINGS = ("ed", "en", "wn")


def _finnish_verb(found, fragment: bool) -> tuple[int, int, int, int] | None:
    """(passive, conditional, past, first person) of a word read as a finite verb in running text, else None."""
    a = finite_reading(found, strict=fragment)
    if a is None:
        return None
    person = _first_or_second_person(a)
    if person and finite_reading(found, strict=True) is None:
        return None  # "alan": the field's (ala) far more often than I begin (alkaa)
    morph = a.morph
    return (int(morph.get("Voice") == "Pass"), int(morph.get("Mood") == "Cnd"),
            int(morph.get("Tense") == "Past"), int(person))


# Bits per count in a packed verb: no body has 2**32 verbs, so sums never carry.
_PACK = 32


# The fields of a packed int that count verbs (all but the phrase start).
_VERBS = (1 << 5 * _PACK) - 1


def _packed(verb: tuple[int, int, int, int] | None, phrase_start: bool = False) -> int:
    """A Finnish verb of :func:`_finnish_verb` as one int that sums field by field; 0 for no verb.

    From the top: 1 (the word opens a first-person or hedging phrase), then
    1 (a finite verb), passive, conditional, past, first person.
    """
    start = int(phrase_start) << 5 * _PACK
    if verb is None:
        return start
    passive, conditional, past, first_person = verb
    return (start | 1 << 4 * _PACK | passive << 3 * _PACK | conditional << 2 * _PACK | past << _PACK
            | first_person)


def _swedish_verb(found) -> tuple[int, int] | None:
    """(passive, past) when a Swedish word's first reading is a finite verb, else None."""
    if not found or not found[0].is_finite_verb:
        return None
    morph = found[0].morph
    return int(morph.get("Voice") == "Pass"), int(morph.get("Tense") == "Past")


def _count_english_verbs(lower: list[str], lists: WordLists, counts: _VerbCounts) -> None:
    """English finite verbs from the word lists, and past tenses in -ed after their subject."""
    for i, word in enumerate(lower):
        if word in lists.finite:
            counts.finite += 1
            nxt = lower[i + 1:i + 3]
            if word in lists.be_forms and nxt[:1] and nxt[0].endswith(_PARTICIPLE_ENDINGS) or (
                    word in _MODALS and nxt[:1] == ["be"] and len(nxt) > 1
                    and nxt[1].endswith(_PARTICIPLE_ENDINGS)):
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


def _lower_words(words: list[str]) -> list[str]:
    """``words`` lower-cased, as :func:`_joined` and its split at spaces give them."""
    return " ".join(words).lower().split(" ")


def _joined(title_words: list[str], sentence_words: list[list[str]]) -> str:
    """The lower-cased words of a measure, space-separated with a space at either end."""
    words = list(title_words)
    for sentence in sentence_words:
        words += sentence
    # Lower-casing the joined words equals joining the lower-cased ones (words
    # meet only at spaces) and is one C call instead of one per word.
    return (" " + " ".join(words) + " ").lower()


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


def _title_span(paragraph: Paragraph, measure: Measure):
    """The span of ``paragraph`` holding the title's first letter (None: no span does)."""
    loc = measure.title_location
    start = loc.start if loc is not None and loc.paragraph == paragraph.location.paragraph else 0
    text = paragraph.text
    while start < len(text) and not text[start].isalpha():
        start += 1
    for span in paragraph.spans:
        if span.start <= start < span.end:
            return span
    return None


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
