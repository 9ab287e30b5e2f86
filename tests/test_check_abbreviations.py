"""Abbreviation checks (ABB…): undefined, used before definition, defined twice or two ways, unused."""

from __future__ import annotations


from drafter.checks.abbreviations import analyse
from drafter.checks.engine import run_checks
from drafter.checks.loader import load_rules
from drafter.checks.registry import CheckContext
from drafter.config import config_from_mapping
from drafter.lexicon import load_lexicon
from drafter.structure import recognise
from drafter.textdoc import document_from_text

RULES = load_rules()
ALL = ("ABB001", "ABB002", "ABB003", "ABB004", "ABB005")


def programme_of(text: str, language: str = "fi"):
    return recognise(document_from_text(text, language=language), language=language)


def check(text: str, *rule_ids: str, language: str = "fi", config: dict | None = None):
    result = run_checks(programme_of(text, language), config_from_mapping(config or {}), rules=RULES,
                        only=set(rule_ids))
    return [f for f in result.findings if f.rule in rule_ids]


def uses_of(text: str, language: str = "fi") -> dict[str, list[str]]:
    programme = programme_of(text, language)
    ctx = CheckContext(programme, lexicon=load_lexicon(language))
    return {abbr: [u.text for u in uses] for abbr, uses in analyse(ctx).uses.items()}


# --- undefined -----------------------------------------------------------------------------------

def test_an_undefined_authority_abbreviation_gets_its_full_form_inflected_like_the_use():
    found = check("# Johdanto\nSTM:n johdolla laaditaan suunnitelma. STM raportoi.\n", "ABB001")
    assert len(found) == 1 and found[0].location.text == "STM:n"
    assert found[0].fix.replacement == "sosiaali- ja terveysministeriön (STM)"
    assert found[0].fix.applicability == "unsafe"
    assert "sosiaali- ja terveysministeriö (STM)" in found[0].message


def test_an_unknown_undefined_abbreviation_is_reported_without_a_fix():
    found = check("# Johdanto\nNeuvontaa järjestetään yhteistyössä HTPn kanssa.\n", "ABB001")
    assert [(f.location.text, f.fix) for f in found] == [("HTPn", None)]


def test_an_abbreviation_inflected_without_a_colon_gets_an_inflected_full_form():
    found = check("# Johdanto\nNeuvontaa järjestetään yhteistyössä RIKUn kanssa.\n", "ABB001")
    assert found[0].fix.replacement == "Rikosuhripäivystyksen (RIKU)"


def test_common_and_configured_abbreviations_need_no_definition():
    text = "# Johdanto\nEU ja YK tukevat työtä, ks. RIKU:n raportti ja ETYJ:n suositukset.\n"
    assert check(text, "ABB001", config={"abbreviations": {"RIKU": "Rikosuhripäivystys"}}) == []


def test_authority_abbreviations_are_accepted_in_responsible_fields_only():
    text = """# VI Toimenpiteet
## Tavoite 1: Uhrit tunnistetaan
1. Laaditaan toimintamalli
Malli laaditaan yhdessä.
Vastuutaho: SM, THL
Aikataulu: 2021–2022
Rahoitus: Toteutetaan virkatyönä.
"""
    assert check(text, "ABB001") == []
    assert [f.location.text for f in check(text.replace("Malli laaditaan yhdessä.", "THL arvioi mallin."), "ABB001")] == ["THL"]


def test_an_abbreviation_list_table_defines_its_abbreviations():
    text = """# Lyhenteet
| Lyhenne | Selitys |
|---|---|
| SM | sisäministeriö |
| THL | Terveyden ja hyvinvoinnin laitos |
# I Johdanto
SM ja THL:n asiantuntijat valmistelivat ohjelman.
"""
    assert check(text, *ALL) == []


def test_abbreviation_list_lines_define_their_abbreviations():
    text = "# Lyhenteet\nSM  sisäministeriö\nTHL – Terveyden ja hyvinvoinnin laitos\n# Johdanto\nSM ja THL valmistelivat ohjelman.\n"
    assert check(text, *ALL) == []


def test_roman_numerals_labels_units_markers_and_shouting_are_not_abbreviations():
    text = ("# LUONNOS\n# IHMISKAUPAN VASTAINEN TOIMINTAOHJELMA\nLuvussa VI ja kohdassa TP 12 kuvataan 5 MW:n laitos.\n"
            "Kohta XX täydennetään. TODO: lähde.\n")
    assert uses_of(text) == {}


def test_inflected_and_compound_uses_count():
    uses = uses_of("# Johdanto\nSTM:n, THL:ssä, EU-rahoitus, ELY-keskukset ja RIKUn tuki.\n")
    assert uses == {"STM": ["STM:n"], "THL": ["THL:ssä"], "EU": ["EU-rahoitus"], "ELY": ["ELY-keskukset"],
                    "RIKU": ["RIKUn"]}


# --- order, duplicates, conflicts, unused ------------------------------------------------------

def test_an_abbreviation_used_before_its_definition_is_reported_at_the_early_use():
    text = "# Johdanto\nTHL kerää tiedot.\nTerveyden ja hyvinvoinnin laitos (THL) raportoi niistä. THL julkaisee.\n"
    found = check(text, "ABB002", "ABB001")
    assert [(f.rule, f.location.text, f.location.paragraph) for f in found] == [("ABB002", "THL", 1)]
    assert "Terveyden ja hyvinvoinnin laitos (THL)" in found[0].message


def test_a_use_in_a_heading_before_the_definition_is_not_early():
    text = "# THL:n rooli\nTerveyden ja hyvinvoinnin laitos (THL) raportoi. THL julkaisee.\n"
    assert check(text, "ABB002") == []


def test_an_abbreviation_defined_twice_is_reported_once_at_the_second_definition():
    text = ("# Johdanto\nTerveyden ja hyvinvoinnin laitos (THL) kerää tiedot.\n"
            "Terveyden ja hyvinvoinnin laitoksen (THL) raportit julkaistaan.\n"
            "Terveyden ja hyvinvoinnin laitos (THL) arvioi. THL julkaisee.\n")
    found = check(text, "ABB003", "ABB004")
    assert [(f.rule, f.location.paragraph) for f in found] == [("ABB003", 2)]


def test_an_abbreviation_defined_two_ways_is_a_conflict():
    text = ("# Johdanto\nDigi- ja väestötietovirasto (DVV) ylläpitää rekisteriä.\n"
            "Digitaalinen väestövirasto (DVV) kehittää palveluja. DVV raportoi.\n")
    found = check(text, "ABB004", "ABB003")
    assert [f.rule for f in found] == ["ABB004"]
    assert "Digi- ja väestötietovirasto" in found[0].message and "Digitaalinen väestövirasto" in found[0].message


def test_a_list_and_a_first_use_definition_together_are_fine():
    text = "# Lyhenteet\nTHL  Terveyden ja hyvinvoinnin laitos\n# Johdanto\nTerveyden ja hyvinvoinnin laitos (THL) kerää tiedot. THL raportoi.\n"
    assert check(text, *ALL) == []


def test_a_definition_never_used_again_is_reported():
    found = check("# Johdanto\nDigi- ja väestötietovirasto (DVV) ylläpitää rekisteriä.\n", "ABB005")
    assert [f.location.text for f in found] == ["(DVV)"]


def test_a_listed_abbreviation_never_used_is_reported():
    found = check("# Lyhenteet\nDVV  Digi- ja väestötietovirasto\n# Johdanto\nRekisteriä ylläpidetään.\n", "ABB005")
    assert len(found) == 1 and "listed" in found[0].message


def test_reverse_definitions_with_the_full_form_in_brackets_count():
    text = "# Johdanto\nGRETA (Group of Experts on Action against Trafficking) arvioi Suomen. GRETA raportoi.\n"
    assert check(text, *ALL) == []


def test_a_capitalised_word_in_brackets_is_not_a_definition():
    programme = programme_of("# Johdanto\nHelsingissä (Helsinki) toimiva yksikkö.\n")
    ctx = CheckContext(programme, lexicon=load_lexicon("fi"))
    assert analyse(ctx).definitions == {}


# --- other languages --------------------------------------------------------------------------

def test_swedish_inflected_uses_and_definitions():
    text = "# Inledning\nSocial- och hälsovårdsministeriet (SHM) leder arbetet. SHM:s rapport publiceras.\n"
    assert check(text, "ABB101", "ABB102", "ABB105", language="sv") == []


def test_english_possessives_are_uses():
    assert uses_of("# Introduction\nThe EU's funds and THL’s data.\n", "en") == {"EU": ["EU's"], "THL": ["THL’s"]}


def test_english_undefined_abbreviation():
    found = check("# Introduction\nGRETA evaluates Finland again.\n", "ABB201", language="en")
    assert found and found[0].fix.replacement == "Group of Experts on Action against Trafficking in Human Beings (GRETA)"
