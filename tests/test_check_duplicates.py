"""Duplicate check: near-identical measures, reported once per pair, fast on thousands of measures."""

from __future__ import annotations

import random
import time

from drafter.blocks import Location
from drafter.checks.duplicates import normalise, similar_pairs
from drafter.checks.engine import run_checks
from drafter.checks.loader import rule_index
from drafter.checks.registry import KINDS, CheckContext
from drafter.config import config_from_mapping
from drafter.model import Measure, Programme
from drafter.structure import recognise
from drafter.textdoc import document_from_text

RULES = rule_index()


def check(text: str, language: str = "fi"):
    programme = recognise(document_from_text(text, language=language), language=language)
    result = run_checks(programme, config_from_mapping({}), only={"DUP001"})
    return [f for f in result.findings if f.rule == "DUP001"]


def test_a_near_identical_measure_is_reported_once_on_the_later_one():
    text = """
# VI Toimenpiteet
## Tavoite 1: Uhrit tunnistetaan
### 1. Laaditaan poliisille valtakunnallinen toimintamalli ihmiskaupan uhrien tunnistamiseksi
### 2. Koulutetaan sosiaali- ja terveydenhuollon henkilöstöä tunnistamaan uhrit
## Tavoite 2: Uhrit saavat apua
### 3. Laaditaan poliisille valtakunnallinen toimintamalli ihmiskaupan uhrien tunnistamista varten
"""
    (finding,) = check(text)
    assert finding.location.measure == 3
    assert dict(finding.details)["other"] == 1
    assert finding.message.startswith("measure 3 is nearly identical to measure 1")


def test_inflection_differences_are_caught_through_lemmas():
    # Only the case endings differ; Voikko lemmas (when present) make them equal.
    text = """
# VI Toimenpiteet
## Tavoite 1: Uhrit tunnistetaan
### 1. Vahvistetaan kuntien sosiaalitoimen valmiuksia tunnistaa ihmiskaupan uhreja
### 2. Vahvistetaan kunnan sosiaalitoimen valmiutta tunnistaa ihmiskaupan uhri
"""
    assert len(check(text)) == 1


def test_measures_on_different_subjects_are_not_duplicates():
    text = """
# VI Toimenpiteet
## Tavoite 1: Uhrit tunnistetaan
### 1. Laaditaan poliisille valtakunnallinen toimintamalli ihmiskaupan uhrien tunnistamiseksi
### 2. Laaditaan rajavartiolaitokselle ohje työperäisen hyväksikäytön tunnistamiseksi
### 3. Koulutetaan sosiaali- ja terveydenhuollon henkilöstöä
"""
    assert check(text) == []


def test_a_short_measure_whose_words_occur_in_a_longer_one_is_not_its_duplicate():
    texts = [normalise("Laaditaan toimintamalli poliisille"),
             normalise("Laaditaan toimintamalli poliisille ja koulutetaan sen pohjalta kaikki "
                       "rajavartiolaitoksen ja tullin työntekijät tunnistamaan uhrit")]
    assert similar_pairs(texts, 90) == []


def test_swedish_duplicates():
    text = """
# VI Åtgärder
## Mål 1: Offren identifieras
Åtgärd 1: En nationell verksamhetsmodell för identifiering av offer utarbetas för polisen
Åtgärd 2: Myndigheterna utbildas i arbetsrelaterad exploatering
Åtgärd 3: En nationell verksamhetsmodell för identifiering av offren utarbetas för polisen
"""
    assert [f.location.measure for f in check(text, "sv")] == [3]


def test_field_lines_and_numbers_do_not_make_measures_alike():
    assert normalise("12. Laaditaan malli 2021–2022, SM") == "laaditaan malli sm"


def test_five_thousand_measures_are_compared_in_one_batch_quickly():
    random.seed(7)
    letters = "abdeghijklmnoprstuvyäö"
    vocabulary = ["".join(random.choice(letters) for _ in range(random.randint(4, 11))) for _ in range(4000)]
    texts = [" ".join(random.choice(vocabulary) for _ in range(random.randint(8, 30))) for _ in range(5000)]
    texts[4321] = texts[17] + " lisäksi"
    measures = tuple(Measure(i + 1, f"{i + 1}.", t, "", Location(paragraph=0)) for i, t in enumerate(texts))
    programme = Programme("t.docx", "fi", None, (), (), measures, document_from_text("x"))
    rule = RULES["DUP001"]
    context = CheckContext(programme, nlp=object())  # no lemmatiser: plain tokens
    started = time.perf_counter()
    found = list(KINDS[rule.kind].function(rule, context))
    elapsed = time.perf_counter() - started
    assert [(f.location.measure, dict(f.details)["other"]) for f in found] == [(4322, 18)]
    assert elapsed < 30, f"5,000 measures took {elapsed:.1f} s"
