"""The outlier and duplicate checks' shortcuts give the plain code's answers."""

from __future__ import annotations

import itertools

import pytest

from drafter.features import WordReader, _VerbCounts, measure_forms, word_lists
from drafter.nlp import morphology
from drafter.nlp.language import Language
from drafter.nlp.morphology import Analysis, open_voikko
from drafter.nlp.text import parts_word_texts
from drafter.structure.recognise import recognise
from drafter.textdoc import document_from_text


def _plain_from_voikko(raw):
    """The reading as the plain code built it: every feature tested, the dataclass's own __init__."""
    morph = {}
    mood = raw.get("MOOD")
    if mood in morphology._MOODS:
        morph["Mood"] = morphology._MOODS[mood]
        morph["VerbForm"] = "Fin"
    elif mood in morphology._INFINITE:
        morph["VerbForm"] = morphology._INFINITE[mood]
    if raw.get("PARTICIPLE"):
        morph["VerbForm"] = "Part"
    person = raw.get("PERSON")
    if person == "4":
        morph["Voice"] = "Pass"
    elif person in ("1", "2", "3"):
        morph["Voice"] = "Act"
        morph["Person"] = person
    number = raw.get("NUMBER")
    if number in ("singular", "plural"):
        morph["Number"] = "Sing" if number == "singular" else "Plur"
    case = raw.get("SIJAMUOTO")
    if case in morphology._CASES:
        morph["Case"] = morphology._CASES[case]
    tense = raw.get("TENSE")
    if tense in morphology._TENSES:
        morph["Tense"] = morphology._TENSES[tense]
    if raw.get("NEGATIVE") == "true":
        morph["Polarity"] = "Neg"
    pos = morphology._CLASS_TO_POS.get(raw.get("CLASS", ""), "X")
    if pos == "AUX" and "Mood" not in morph:
        morph["Polarity"] = "Neg"
    return Analysis(lemma=raw.get("BASEFORM", ""), pos=pos, morph=morph,
                    parts=morphology._compound_parts(raw.get("WORDBASES", "")), raw=dict(raw))


_VALUES = {
    "MOOD": (None, "indicative", "conditional", "imperative", "A-infinitive", "MINEN-infinitive", "odd"),
    "PERSON": (None, "1", "3", "4", "0"),
    "CLASS": (None, "teonsana", "nimisana", "kieltosana", "lyhenne", ""),
    "WORDBASES": (None, "", "+", "+sana(sana)", "+raja(raja)+vartio(vartio)", "a+b", "+a", "+toimi(toimia)+nta(-nta)",
                  "+(x)+(y)", "x(y", "++a(b)+c(d)+"),
}


def _raw_readings():
    for mood, person, word_class, wordbases in itertools.product(*_VALUES.values()):
        for extra in ({}, {"PARTICIPLE": "past_passive", "NUMBER": "plural", "SIJAMUOTO": "sisaolento",
                           "TENSE": "past_imperfective", "NEGATIVE": "true", "BASEFORM": "sana"},
                      {"NUMBER": "singular", "SIJAMUOTO": "kohdanto", "TENSE": "present_simple",
                       "NEGATIVE": "false", "PARTICIPLE": ""}):
            raw = dict(extra)
            for key, value in (("MOOD", mood), ("PERSON", person), ("CLASS", word_class),
                               ("WORDBASES", wordbases)):
                if value is not None:
                    raw[key] = value
            yield raw


def test_readings_are_built_as_the_plain_code_built_them():
    for raw in _raw_readings():
        fast, plain = morphology._from_voikko(raw), _plain_from_voikko(raw)
        assert fast == plain, raw
        assert (type(fast.morph), type(fast.raw)) == (dict, dict)
        assert fast.raw is not raw


def test_a_reading_s_features_are_its_own():
    raw = {"MOOD": "indicative", "PERSON": "4", "CLASS": "teonsana", "BASEFORM": "tehdä"}
    first = morphology._from_voikko(raw)
    first.morph["Voice"] = "changed"  # a caller's change must not reach the next reading
    assert morphology._from_voikko(raw).morph["Voice"] == "Pass"


needs_voikko = pytest.mark.skipif(open_voikko() is None, reason="Voikko (libvoikko + voikko-fi) is not installed")


@needs_voikko
def test_measures_without_a_phrase_start_word_get_the_features_of_the_full_phrase_search(monkeypatch):
    from tests.test_outliers import FIRST_PERSON, HOUSE, draft

    measures = [(t, b, True) for t, b in HOUSE] + [(t, b, False) for t, b in FIRST_PERSON]
    measures.append(("Me laaditaan ohjelma", "Ohjelma valmistellaan.", True))  # a start word in the title only
    programme = recognise(document_from_text(draft(measures)), "fi")
    language = Language("fi")
    fast = measure_forms(programme, language)
    monkeypatch.setattr(WordReader, "has_phrase_start", lambda self, words: True)
    assert measure_forms(programme, language) == fast
    assert [f.categorical["hedging"] for f in fast].count("yes") >= 2
    assert fast[-1].categorical["first_person"] == "yes"


@needs_voikko
def test_finnish_verb_counts_count_the_phrase_start_words():
    reader = WordReader(Language("fi"), word_lists("fi"))
    sentences = ["Me teemme sen ehkä.", "Mahdollisesti TULISI tehdä", "Ohjelma laaditaan."]
    counts = _VerbCounts()
    verbless = reader._count_finnish_verbs(sentences, [parts_word_texts([s], s)[0] for s in sentences], counts)
    assert (counts.phrase_starts, counts.phrase_words) == (4, True)  # me, ehkä, mahdollisesti, tulisi
    # The verbs as before: "teemme" is not counted (see _finnish_verb), so one sentence has none.
    assert (counts.finite, counts.passive, counts.conditional, counts.first_person, verbless) == (3, 2, 1, 0, 1)


@pytest.mark.parametrize("chunk", [1, 7, 100])
def test_minhash_signatures_taken_in_chunks_of_texts_find_the_pairs_of_one_block(monkeypatch, chunk):
    import random

    from drafter.checks import duplicates

    rnd = random.Random(chunk)
    vocabulary = [f"sana{i}" for i in range(300)]
    base = [rnd.sample(vocabulary, rnd.randrange(0, 60)) for _ in range(120)]
    texts = base + [words[:-1] + ["uusi"] for words in base[:40]] + [[], vocabulary * 2]
    rnd.shuffle(texts)
    for rows, bands in ((8, 32), (3, 5), (1, 1)):
        monkeypatch.setattr(duplicates, "_CHUNK_WORDS", 10**9)
        whole = duplicates._lsh(texts, rows, bands, 0.5)
        monkeypatch.setattr(duplicates, "_CHUNK_WORDS", chunk)
        assert duplicates._lsh(texts, rows, bands, 0.5) == whole
        assert rows > 1 or whole


class _Store:
    """A persistent cache stand-in holding raw answers."""

    def __init__(self, answers):
        self.answers = answers

    def get(self, section, key):
        return self.answers.get(key)

    def put(self, section, key, value):
        self.answers[key] = value


class _Voikko:
    def analyze(self, word):
        return [{"BASEFORM": word.upper(), "CLASS": "nimi"}] if word.startswith("x") else []


def test_the_first_reading_read_from_the_cache_is_the_first_analysis():
    from drafter.nlp.morphology import VoikkoAnalyser

    answers = {
        "kunnissa": [{"BASEFORM": "kunta", "CLASS": "nimisana", "SIJAMUOTO": "sisaolento"},
                     {"BASEFORM": "kunti", "CLASS": "teonsana"}],
        "Helsinki": [{"BASEFORM": "Helsinki", "CLASS": "paikannimi"}],
        "tyhjä": [],
        "outo": [{"BASEFORM": 3}],  # not a raw answer: asked again
        "vailla": [{"CLASS": "outo"}],
    }
    words = [*answers, "xyz", "abc"]
    fast = VoikkoAnalyser(_Voikko(), cache=_Store({k: list(v) for k, v in answers.items()}))
    plain = VoikkoAnalyser(_Voikko(), cache=_Store({k: list(v) for k, v in answers.items()}))
    for word in words:
        found = plain.analyses(word)
        assert fast.first_reading(word) == ((found[0].lemma, found[0].pos) if found else None), word
        assert plain.first_reading(word) == fast.first_reading(word)  # from built analyses too


@needs_voikko
def test_lemmas_are_those_of_the_first_analysis():
    language = Language("fi")

    def plain(word):
        found = language.analyses(word)
        if found and found[0].lemma:
            return found[0].lemma if found[0].pos == "PROPN" else found[0].lemma.lower()
        return word.lower()

    for word in ("Kunnissa", "kunnissa", "Helsingissä", "EU:n", "Xyzzyq", "", "LAADITAAN", "ympäristöministeriö"):
        assert language.lemma(word) == plain(word), word


@pytest.mark.parametrize("name", ["toimintaohjelma-luonnos.docx", "fi-teemat.docx", "sv-handlingsplan.docx"])
def test_title_and_body_formatting_is_read_as_the_plain_code_read_it(name):
    from pathlib import Path

    from drafter.api import read_programme
    from drafter.features import _BULLET_TEXT, _body_paragraphs, _paragraph_index, _title_paragraph

    programme = read_programme(Path(__file__).resolve().parent.parent / "corpus" / "samples" / name)
    paragraphs = _paragraph_index(programme)

    def formatted(paragraph, measure, attribute):
        loc = measure.title_location
        start = loc.start if loc is not None and loc.paragraph == paragraph.location.paragraph else 0
        while start < len(paragraph.text) and not paragraph.text[start].isalpha():
            start += 1
        return next((bool(getattr(s, attribute)) for s in paragraph.spans if s.start <= start < s.end), False)

    def bullet(p):
        return bool(p.numbering is not None and p.numbering.format == "bullet" or _BULLET_TEXT.match(p.text))

    forms = measure_forms(programme)
    assert forms
    for measure, form in zip(programme.measures, forms):
        title = _title_paragraph(measure, paragraphs)
        if title is not None:
            assert form.categorical["title_bold"] == ("yes" if formatted(title, measure, "bold") else "no")
            assert form.categorical["title_italic"] == ("yes" if formatted(title, measure, "italic") else "no")
        body = _body_paragraphs(measure, paragraphs)
        if body:
            assert form.categorical["bullets"] == ("yes" if any(map(bullet, body)) else "no")


def test_periods_found_by_str_find_give_the_pattern_s_matches():
    import random

    from drafter.nlp import text

    rnd = random.Random(7)
    pieces = list("aB1 .\n”)§-,é") + ["esim.", "ks.", " A", ". ", "12.", "14.12.", "\xa0", "\u2028", "..", "e.g."]
    for _ in range(20000):
        sample = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(0, 40)))
        start = rnd.randrange(0, len(sample) + 1)
        end = rnd.randrange(start, len(sample) + 1)
        plain = [(m.span(), m.span(1)) for m in text._SENTENCE_END.finditer(sample, start, end)]
        assert [(m.span(), m.span(1)) for m in text._period_matches(sample, start, end)] == plain, sample
