"""Document language detection from the body text, with the document default as fallback."""

from __future__ import annotations

import pytest

from drafter.blocks import Properties
from drafter.language import detect_language, detect_text_language, normalise_language
from drafter.textdoc import document_from_text

FI = ("Toimintaohjelman tavoitteena on, että ihmiskaupan uhrit tunnistetaan nykyistä paremmin ja "
      "että he saavat apua. Lisäksi viranomaisten yhteistyötä vahvistetaan, jotta rikosvastuu toteutuu.")
SV = ("Målet med handlingsprogrammet är att offren för människohandel identifieras bättre än i dag och "
      "att de får hjälp. Dessutom stärks samarbetet mellan myndigheterna för att det straffrättsliga ansvaret ska förverkligas.")
EN = ("The aim of the action programme is that victims of human trafficking are identified better than "
      "today and that they receive help. In addition, cooperation between the authorities will be strengthened.")


@pytest.mark.parametrize("text, language", [(FI, "fi"), (SV, "sv"), (EN, "en")])
def test_the_language_of_a_body_text_is_recognised(text, language):
    assert detect_language(document_from_text(text)) == language


@pytest.mark.parametrize("text, language", [
    ("Toimenpide 1: Laaditaan malli ja koulutetaan viranomaisia. Vastuutaho: SM ja OM. Aikataulu: 2022.", "fi"),
    ("Åtgärd 1: En modell tas fram och myndigheterna utbildas. Ansvarig: IM och JM. Tidtabell: 2022.", "sv"),
    ("Measure 1: A model is drawn up and the authorities are trained. Responsible: the Ministry of the Interior.", "en"),
])
def test_short_measure_texts_are_enough(text, language):
    assert detect_text_language(text) == language


def test_a_mixed_draft_takes_the_language_most_of_its_text_is_in():
    doc = document_from_text(f"{FI}\n{FI}\n{EN}")
    assert detect_language(doc) == "fi"


def test_too_little_text_falls_back_to_the_document_default_then_properties_then_finnish():
    assert detect_language(document_from_text("VI", language="sv-SE")) == "sv"
    doc = document_from_text("VI")
    assert detect_language(doc) == "fi"
    from dataclasses import replace

    assert detect_language(replace(doc, properties=Properties(language="en-GB"))) == "en"


@pytest.mark.parametrize("tag, expected", [
    ("fi-FI", "fi"), ("sv_SE", "sv"), ("EN-gb", "en"), ("swe", "sv"), ("de-DE", None), ("", None), (None, None),
])
def test_language_tags_are_normalised(tag, expected):
    assert normalise_language(tag) == expected


def test_detection_is_fast_on_a_long_draft():
    import time

    doc = document_from_text("\n".join([FI] * 5000))
    start = time.perf_counter()
    assert detect_language(doc) == "fi"
    assert time.perf_counter() - start < 2.0
