"""Reference checks: cross-references to measures, objectives, chapters and annexes that do not exist."""

from __future__ import annotations

from drafter.checks.engine import run_checks
from drafter.config import config_from_mapping
from drafter.structure import recognise
from drafter.textdoc import document_from_text

DRAFT = """
# I Johdanto
{intro}
# VI Toimenpiteet
## Tavoite 1: Uhrit tunnistetaan
### 1. Laaditaan poliisille toimintamalli
{body}
### 2. Koulutetaan viranomaisia
### 3. Vahvistetaan neuvontaa
# Liite 1
Käsitteet.
"""


def check(rule_id: str, body: str = "Ei viittauksia.", intro: str = "Ohjelma koskee uhreja.", language="fi",
          text: str | None = None):
    text = text or DRAFT.format(body=body, intro=intro)
    programme = recognise(document_from_text(text, language=language), language=language)
    result = run_checks(programme, config_from_mapping({}), only={rule_id})
    return [f for f in result.findings if f.rule == rule_id]


def test_a_reference_to_a_missing_measure_is_an_error_at_the_reference():
    (finding,) = check("REF001", "Mallia käytetään toimenpiteessä 7.")
    assert finding.message == "“toimenpiteessä 7” refers to measure 7, which the draft does not have."
    assert finding.location.text == "toimenpiteessä 7"
    assert finding.location.measure == 1


def test_a_range_reports_only_the_numbers_that_are_missing():
    (finding,) = check("REF001", "Ks. toimenpiteet 2–5.")
    assert dict(finding.details)["missing"] == ["4", "5"]
    assert "measures 4, 5, which the draft do not have" in finding.message


def test_existing_targets_years_and_own_labels_do_not_fire():
    body = ("Mallia käytetään toimenpiteissä 2 ja 3 vuosina 2021–2023 (toimenpiteet 2024–2027). "
            "Ks. luku VI, tavoite 1 ja liite 1.")
    for rule_id in ("REF001", "REF002", "REF003", "REF004"):
        assert check(rule_id, body) == [], rule_id
    labelled = DRAFT.replace("### 2. Koulutetaan", "Toimenpide 2: Koulutetaan").format(body="x", intro="y")
    assert check("REF001", text=labelled) == []


def test_references_to_another_documents_parts_are_left_alone():
    body = "Edellisen ohjelman toimenpide 12 jatkuu. Direktiivin liitteessä 4 luetellaan rikokset."
    assert check("REF001", body) == [] and check("REF004", body) == []


def test_missing_objectives_chapters_and_annexes():
    assert [f.location.text for f in check("REF002", "Tukee tavoitteen 3 toteutumista.")] == ["tavoitteen 3"]
    assert [f.location.text for f in check("REF003", intro="Toimenpiteet ovat luvussa VII.")] == ["luvussa VII"]
    assert [f.location.text for f in check("REF004", intro="Mittarit ovat liitteessä 2.")] == ["liitteessä 2"]


def test_chapter_references_match_roman_and_arabic_numbers():
    assert check("REF003", intro="Toimenpiteet ovat luvussa 6.") == []
    assert check("REF003", intro="Toimenpiteet ovat luvussa 5.") != []


def test_swedish_references():
    text = """
# I Inledning
Åtgärderna finns i kapitel VI och bilaga 3. Se åtgärd 9.
# VI Åtgärder
## Mål 1: Offren identifieras
Åtgärd 1: En modell utarbetas enligt åtgärd 2
Åtgärd 2: Myndigheterna utbildas
"""
    assert [f.location.text for f in check("REF001", text=text, language="sv")] == ["åtgärd 9"]
    assert check("REF003", text=text, language="sv") == []
    assert [f.location.text for f in check("REF004", text=text, language="sv")] == ["bilaga 3"]


def test_a_draft_without_objectives_is_not_judged_on_objective_references():
    text = "# I Johdanto\nTämä tukee tavoitteen 3 toteutumista."
    assert check("REF002", text=text) == []


def test_references_are_found_whatever_letters_the_draft_holds():
    """Paragraphs are picked by a lower-cased search for keywords; odd letters anywhere turn that off."""
    plain = check("REF001", "Mallia käytetään TOIMENPITEESSÄ 7 ja toimenpiteessä 8.")
    odd = check("REF001", "Mallia käytetään TOIMENPITEESSÄ 7 ja toimenpiteessä 8.", intro="Ohjelma koskee ıhmisiä.")
    assert [f.location.text for f in plain] == [f.location.text for f in odd] == [
        "TOIMENPITEESSÄ 7", "toimenpiteessä 8"]
