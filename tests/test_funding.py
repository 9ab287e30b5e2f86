"""drafter.funding and the funding checks: status per measure, amounts, the budget note, the summary."""

from __future__ import annotations

import pytest

from drafter.blocks import Location
from drafter.checks.engine import run_checks
from drafter.config import Config, config_from_mapping
from drafter.funding import (
    classify_funding, find_amounts, find_person_years, funding_params, funding_summary, has_budget_note,
)
from drafter.model import FieldLine, Measure, Programme
from drafter.structure import recognise
from drafter.textdoc import document_from_text

NOTE_FI = ("Määrärahalisäyksistä päätetään normaalisti julkisen talouden suunnitelmaa sekä talousarvioita "
           "ja lisätalousarvioita koskevien päätösten yhteydessä.")


def measure(funding: str | None, number: int = 1, text: str = "") -> Measure:
    fields = (FieldLine("funding", "Rahoitus", funding, Location(paragraph=1)),) if funding is not None else ()
    return Measure(number, f"{number}.", "Perustetaan neuvontapalvelu", text, Location(paragraph=0), fields=fields)


def status(funding: str | None, language: str = "fi", text: str = "") -> str:
    return classify_funding(measure(funding, text=text), funding_params(language)).status


@pytest.mark.parametrize("funding, expected", [
    ("Toteutetaan virkatyönä.", "official-work"),
    ("Nykyisten kehysten puitteissa.", "existing-resources"),
    ("Olemassa olevin resurssein.", "existing-resources"),
    ("200 000 euroa vuodessa.", "separate-funding"),
    ("1,2 milj. euroa", "separate-funding"),
    ("Lisärahoitus 2 htv", "separate-funding"),
    ("Virkatyönä; lisäksi haetaan lisärahoitusta 50 000 euroa.", "separate-funding"),
    ("Selvitetään myöhemmin.", "unclear"),
    ("–", "missing"),
    (None, "missing"),
])
def test_finnish_funding_lines_are_classified(funding, expected):
    assert status(funding) == expected


def test_a_measure_without_funding_line_is_classified_from_its_text():
    assert status(None, text="Toimenpide toteutetaan virkatyönä.") == "official-work"


@pytest.mark.parametrize("funding, language, expected", [
    ("Inom ramen för befintliga resurser.", "sv", "existing-resources"),
    ("Genomförs som tjänsteuppdrag.", "sv", "official-work"),
    ("Tilläggsfinansiering 300 000 euro.", "sv", "separate-funding"),
    ("Within existing resources.", "en", "existing-resources"),
    ("EUR 1.5 million of additional funding", "en", "separate-funding"),
])
def test_swedish_and_english_funding_lines_are_classified(funding, language, expected):
    assert status(funding, language) == expected


def test_amounts_are_read_in_euros():
    assert [a.euros for a in find_amounts("200 000 euroa ja 1,2 milj. euroa sekä 500 000 €")] == [200000, 1200000, 500000]
    assert [a.euros for a in find_amounts("EUR 200,000 and €1.5 million")] == [200000, 1500000]
    assert [a.euros for a in find_amounts("1,5 miljoonaa euroa vuosina 2021–2023")] == [1500000]
    assert find_amounts("vuosina 2021–2023") == []
    assert find_person_years("2 htv ja 1,5 henkilötyövuotta") == 3.5


def test_the_budget_note_is_matched_loosely():
    assert has_budget_note("Rahoitus 200 000 euroa. " + NOTE_FI, NOTE_FI)
    reworded = ("Mahdollisista määrärahalisäyksistä päätetään normaalisti julkisen talouden suunnitelman sekä "
                "talousarvioiden ja lisätalousarvioiden yhteydessä.")
    assert has_budget_note(reworded, NOTE_FI)
    assert not has_budget_note("Rahoitus 200 000 euroa. Hanke käynnistyy vuonna 2022.", NOTE_FI)


def test_the_summary_counts_statuses_and_totals_separate_funding():
    programme = Programme("t.docx", "fi", None, (), (), (
        measure("Virkatyönä.", 1), measure("200 000 euroa. " + NOTE_FI, 2), measure("1,2 milj. euroa", 3),
        measure("2 htv", 4),
    ), document_from_text("x"))
    summary = funding_summary(programme)
    assert summary.counts["official-work"] == 1 and summary.counts["separate-funding"] == 3
    assert [m.measure for m in summary.separate] == [2, 3, 4]
    assert summary.total_euros == 1_400_000 and summary.total_person_years == 2
    assert [m.measure for m in summary.without_budget_note] == [3, 4]
    assert summary.to_json()["separate"] == [2, 3, 4]


def test_config_budget_note_replaces_the_default():
    own = "Rahoitus ratkaistaan kehysriihessä."
    programme = Programme("t.docx", "fi", None, (), (), (measure("200 000 euroa. " + own),), document_from_text("x"))
    assert not funding_summary(programme).measures[0].budget_note
    assert funding_summary(programme, Config(budget_note=own)).measures[0].budget_note


DRAFT = """
# VI Toimenpiteet
## Tavoite 1: Uhrit tunnistetaan
### 1. Laaditaan poliisille toimintamalli
Vastuutaho: SM
Aikataulu: 2021
Rahoitus: {one}
### 2. Perustetaan uhrien neuvontapalvelu
Vastuutaho: OM
Aikataulu: 2022
Rahoitus: {two}
"""


def check(rule_id: str, one: str, two: str, config: dict | None = None, language: str = "fi", text=None):
    text = text or DRAFT.format(one=one, two=two)
    programme = recognise(document_from_text(text, language=language), language=language)
    result = run_checks(programme, config_from_mapping(config or {}), only={rule_id})
    return [f for f in result.findings if f.rule == rule_id]


def test_a_request_without_the_budget_note_names_the_measure_and_the_request():
    (finding,) = check("FUN003", "Virkatyönä.", "200 000 euroa vuodessa.")
    assert finding.message.startswith("Measure 2 requests 200 000 € but lacks the standard budget note")
    assert finding.location.measure == 2 and finding.location.text == "200 000 euroa vuodessa."
    assert check("FUN003", "Virkatyönä.", "200 000 euroa vuodessa. " + NOTE_FI) == []


def test_the_programme_summary_lists_measures_needing_funding():
    (finding,) = check("FUN004", "Virkatyönä.", "1,2 milj. euroa")
    assert finding.message == "1 of 2 measures need separate funding: measure 2 (1 200 000 €). Total requested: 1 200 000 €."
    assert finding.location.paragraph is None
    assert check("FUN004", "Virkatyönä.", "Nykyisten kehysten puitteissa.") == []


def test_unclear_funding_is_flagged():
    assert [f.location.measure for f in check("FUN002", "Virkatyönä.", "Selvitetään.")] == [2]
    assert check("FUN002", "Virkatyönä.", "Kehitysyhteistyömäärärahojen puitteissa.") == []


def test_a_missing_funding_line_is_a_funding_finding_unless_funding_is_not_required():
    no_line = DRAFT.format(one="Virkatyönä.", two="x").replace("Rahoitus: x\n", "")
    (finding,) = check("FUN001", "", "", text=no_line)
    assert finding.category == "funding" and finding.location.measure == 2
    assert check("STR001", "", "", text=no_line) == []
    assert check("FUN001", "", "", text=no_line, config={"required_fields": ["responsible"]}) == []
    said_in_text = no_line.replace("Vastuutaho: OM", "Toteutetaan virkatyönä.\nVastuutaho: OM")
    assert check("FUN001", "", "", text=said_in_text) == []


def test_swedish_budget_note_check():
    text = """
# VI Åtgärder
## Mål 1: Offren identifieras
Åtgärd 1: En rådgivningstjänst inrättas
Ansvarig: JM
Finansiering: 200 000 euro per år.
"""
    assert len(check("FUN103", "", "", language="sv", text=text)) == 1
    note = ("Beslut om anslagsökningar fattas på normalt sätt i samband med besluten om planen för de "
            "offentliga finanserna samt om budgetarna och tilläggsbudgetarna.")
    assert check("FUN103", "", "", language="sv", text=text.replace("per år.", "per år. " + note)) == []
