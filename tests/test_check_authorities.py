"""Authority checks (AUT…): unknown, misspelt, outdated, capitalised, inconsistent, other-language names."""

from __future__ import annotations


import pytest

from drafter.checks.authorities import at_sentence_start
from drafter.checks.engine import run_checks
from drafter.checks.loader import load_rules
from drafter.config import config_from_mapping
from drafter.lexicon import voikko
from drafter.structure import recognise
from drafter.textdoc import document_from_text

from conftest import SAMPLES

RULES = load_rules()
needs_voikko = pytest.mark.skipif(voikko("fi") is None, reason="libvoikko with a Finnish dictionary is not installed")

MEASURE = """# VI Tavoitteet ja toimenpiteet
## Tavoite 1: Uhrit tunnistetaan
1. Laaditaan poliisille toimintamalli
{body}
Vastuutaho: {responsible}
Aikataulu: 2021–2022
Rahoitus: Toteutetaan virkatyönä.
"""


def check(text: str, *rule_ids: str, language: str = "fi", config: dict | None = None):
    document = document_from_text(text, language=language)
    programme = recognise(document, language=language)
    result = run_checks(programme, config_from_mapping(config or {}), rules=RULES, only=set(rule_ids))
    return [f for f in result.findings if f.rule in rule_ids]


def measure(responsible: str, body: str = "Toimintamalli otetaan käyttöön koko maassa.") -> str:
    return MEASURE.format(responsible=responsible, body=body)


# --- unknown names in responsible fields ----------------------------------------------------

def test_an_unknown_responsible_body_is_reported_on_its_name():
    found = check(measure("SM, Ihmiskauppatoimisto"), "AUT001")
    assert [f.location.text for f in found] == ["Ihmiskauppatoimisto"]
    assert found[0].location.measure == 1
    assert "not a known authority" in found[0].message


def test_an_unknown_name_close_to_a_known_one_gets_a_suggestion_with_its_score():
    found = check(measure("Rajavartiosto"), "AUT001")
    assert len(found) == 1
    assert "Rajavartiolaitos" in found[0].message and 60 <= dict(found[0].details)["score"] < 88


def test_known_names_abbreviations_and_inflections_in_a_field_are_accepted():
    text = measure("sisäministeriö, STM, Poliisihallitus (koordinointi), Terveyden ja hyvinvoinnin laitos ja kunnat")
    assert check(text, "AUT001", "AUT002") == []


def test_names_joined_by_ja_inside_one_name_are_not_split():
    assert check(measure("Kriminologian ja oikeuspolitiikan instituutti"), "AUT001") == []
    english = MEASURE.replace("Vastuutaho", "Responsible").format(
        responsible="Ministry of Social Affairs and Health", body="The model is used nationwide.")
    assert check(english.replace("# VI Tavoitteet ja toimenpiteet", "# Chapter 6 Measures")
                 .replace("## Tavoite 1: Uhrit tunnistetaan", "## Objective 1: Victims")
                 .replace("1. Laaditaan poliisille toimintamalli", "Measure 1. A model is drawn up")
                 .replace("Aikataulu", "Schedule").replace("Rahoitus: Toteutetaan virkatyönä.", "Funding: Existing resources."),
                 "AUT201", language="en") == []


def test_a_body_named_in_the_config_is_known():
    config = {"authorities": ["Ihmiskauppatoimisto"]}
    assert check(measure("Ihmiskauppatoimisto"), "AUT001", config=config) == []


@needs_voikko
def test_a_correct_word_near_a_name_in_a_field_is_unknown_not_misspelt():
    found = check(measure("ulkoministeri"), "AUT001", "AUT002")
    assert [(f.rule, f.location.text) for f in found] == [("AUT001", "ulkoministeri")]
    assert "ulkoministeriö" in found[0].message


# --- misspellings ---------------------------------------------------------------------------------

def test_a_misspelt_name_in_a_field_gets_an_unsafe_fix_to_the_right_name():
    found = check(measure("SM, sosiaali- ja terveysministerö"), "AUT002", "AUT001")
    assert [(f.rule, f.location.text) for f in found] == [("AUT002", "sosiaali- ja terveysministerö")]
    assert found[0].fix.applicability == "unsafe"
    assert found[0].fix.replacement == "sosiaali- ja terveysministeriö"


@needs_voikko
def test_a_misspelt_name_in_running_text_keeps_its_inflection():
    found = check(measure("SM", body="Malli laaditaan sosiaali- ja terveysministerön johdolla."), "AUT002")
    assert [f.location.text for f in found] == ["terveysministerön"]
    assert found[0].fix.replacement == "terveysministeriön"


@needs_voikko
def test_correct_words_near_a_name_are_not_misspellings():
    # "sisäministeri" is the minister, not a misspelt ministry.
    assert check(measure("SM", body="Sisäministeri ja sisäministerin avustaja esittelevät mallin."), "AUT002") == []


# --- outdated names -------------------------------------------------------------------------------

def test_an_outdated_name_is_replaced_in_the_same_case():
    found = check(measure("SM", body="Malli laaditaan sisäasiainministeriön johdolla."), "AUT003")
    assert len(found) == 1
    assert found[0].fix.replacement == "sisäministeriön" and found[0].fix.applicability == "unsafe"
    assert "since 2008" in found[0].message


def test_an_outdated_abbreviation_becomes_the_current_abbreviation():
    found = check(measure("SM", body="Aineisto saadaan Stakesin tilastoista."), "AUT003")
    assert found[0].fix.replacement == "THL:n"


def test_a_name_that_was_current_during_the_programme_period_is_not_outdated():
    text = measure("SM", body="Malli laaditaan sisäasiainministeriön johdolla.")
    assert check(text, "AUT003", config={"period": "2005–2007"}) == []


# --- capitalisation -------------------------------------------------------------------------------

def test_a_ministry_capitalised_mid_sentence_gets_a_safe_lowercase_fix():
    found = check(measure("SM", body="Mallin laativat Poliisihallitus ja Sisäministeriö yhdessä."), "AUT004")
    assert [f.location.text for f in found] == ["Sisäministeriö"]
    assert found[0].fix.applicability == "safe" and found[0].fix.replacement == "sisäministeriö"


@pytest.mark.parametrize("body", [
    "Sisäministeriö käynnistää työn.",
    "Työ alkaa. Sisäministeriö käynnistää sen.",
    "Vastuu: Sisäministeriö.",
    "1) Sisäministeriö käynnistää työn.",
])
def test_a_ministry_at_the_start_of_a_sentence_may_be_capitalised(body):
    assert check(measure("SM", body=body), "AUT004") == []


def test_an_abbreviation_period_does_not_end_the_sentence():
    assert not at_sentence_start("Mukana ovat mm. Sisäministeriö", len("Mukana ovat mm. "))
    assert at_sentence_start("Työ alkaa. Sisäministeriö", len("Työ alkaa. "))


def test_a_registered_agency_name_written_lowercase_is_capitalised():
    found = check(measure("SM", body="Koulutuksen järjestää maahanmuuttovirasto."), "AUT004")
    assert found[0].fix.replacement == "Maahanmuuttovirasto"


# --- one authority written several ways --------------------------------------------------------

def test_one_authority_written_several_ways_is_reported_with_forms_and_counts():
    text = measure("Maahanmuuttovirasto", body="Migri kouluttaa henkilöstönsä. Maahanmuuttovirasto raportoi, "
                                               "ja maahanmuuttovirasto julkaisee tulokset.")
    found = check(text, "AUT005")
    assert [f.location.text for f in found] == ["Migri"]
    message = found[0].message
    assert "'Maahanmuuttovirasto' (2)" in message and "'Migri' (1)" in message and "'maahanmuuttovirasto' (1)" in message


def test_a_full_name_with_its_defined_abbreviation_is_consistent():
    text = measure("Migri", body="Maahanmuuttovirasto (Migri) kouluttaa henkilöstönsä. Migri raportoi.")
    assert check(text, "AUT005") == []


# --- names in another language --------------------------------------------------------------------

def test_a_finnish_name_in_a_swedish_draft_gets_the_swedish_name():
    text = ("# Inledning\nModellen utarbetas av sisäministeriö och Polisstyrelsen.\n")
    found = check(text, "AUT106", language="sv")
    assert [f.location.text for f in found] == ["sisäministeriö"]
    assert found[0].fix.replacement == "inrikesministeriet"


def test_a_swedish_draft_with_swedish_names_is_clean():
    text = "# Inledning\nInrikesministeriet och Polisstyrelsen utarbetar modellen med inrikesministeriets stöd.\n"
    assert check(text, "AUT101", "AUT102", "AUT103", "AUT104", "AUT105", "AUT106", language="sv") == []


# --- the sample drafts ----------------------------------------------------------------------------

def _sample(name: str):
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"{path} has not been built")
    reader = pytest.importorskip("drafter.ooxml.reader")
    return recognise(reader.read_document(str(path)))


def test_the_main_sample_shows_every_planted_authority_fault():
    programme = _sample("toimintaohjelma-luonnos.docx")
    ids = {r.id for r in RULES if r.category == "authority" and r.language == "fi"}
    found = run_checks(programme, None, rules=RULES, only=ids).findings
    got = {(f.rule, f.location.measure, f.location.text) for f in found}
    assert ("AUT003", 3, "sisäasiainministeriö") in got
    assert ("AUT004", 10, "Sisäministeriö") in got
    assert ("AUT002", 16, "sosiaali- ja terveysministerö") in got
    assert ("AUT005", 15, "Migri") in got
    assert ("AUT004", 42, "maahanmuuttovirasto") in got


def test_the_clean_sample_has_no_lexicon_findings():
    programme = _sample("fi-puhdas.docx")
    ids = {r.id for r in RULES if r.category in ("authority", "abbreviation", "terminology")}
    found = run_checks(programme, None, rules=RULES, only=ids).findings
    assert [(f.rule, f.location.text, f.message) for f in found] == []
