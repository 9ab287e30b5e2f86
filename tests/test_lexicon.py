"""The lexicon: data files, Finnish inflection, authority matching, words and abbreviations."""

from __future__ import annotations

import time
from types import SimpleNamespace

import pytest
import yaml

from drafter import lexicon as lexicon_module
from drafter.lexicon import (
    case_of, compound_parts, finnish_forms, inflect, inflect_like, lemmatize, load_lexicon, voikko,
)

from conftest import REPO

needs_voikko = pytest.mark.skipif(voikko("fi") is None, reason="libvoikko with a Finnish dictionary is not installed")

MINISTRIES = {"OM", "SM", "STM", "TEM", "UM", "VM", "OKM", "YM", "LVM", "MMM", "PLM", "VNK"}


@pytest.fixture(scope="module")
def fi():
    return load_lexicon("fi")


# --- data files -------------------------------------------------------------------------

@pytest.mark.parametrize("relative", [
    "authorities.yaml", "fi/terms.yaml", "sv/terms.yaml", "en/terms.yaml",
    "fi/abbreviations.yaml", "sv/abbreviations.yaml", "en/abbreviations.yaml",
])
def test_lexicon_data_files_are_not_rule_packs(relative):
    data = yaml.safe_load((REPO / "rules" / relative).read_text(encoding="utf-8"))
    assert isinstance(data, dict) and "rules" not in data


def test_every_ministry_has_its_finnish_and_swedish_names_and_abbreviations(fi):
    ministries = {a.id: a for a in fi.authorities if a.kind == "ministry"}
    assert set(ministries) == MINISTRIES
    sm = ministries["SM"]
    assert sm.names["fi"] == "sisäministeriö" and sm.names["sv"] == "inrikesministeriet"
    assert sm.abbreviations["sv"] == ("IM",)
    assert ministries["STM"].abbreviations["sv"] == ("SHM",)
    assert ministries["VNK"].names["sv"] == "statsrådets kansli"
    assert all(m.names["fi"][0].islower() for m in ministries.values())


def test_authority_ids_are_unique(fi):
    ids = [a.id for a in fi.authorities]
    assert len(ids) == len(set(ids))


def test_former_names_carry_the_year_of_the_change(fi):
    sm = fi.authority("SM")
    assert [(f.name, f.since) for f in sm.former] == [("sisäasiainministeriö", 2008)]
    thl = fi.authority("THL")
    assert {f.name for f in thl.former} >= {"Stakes", "KTL", "Kansanterveyslaitos"}
    assert fi.authority("DVV").former[0].name == "Väestörekisterikeskus"
    assert fi.authority("DVV").former[0].since == 2020


# --- Finnish inflection -------------------------------------------------------------------

@pytest.mark.parametrize("word, case, expected", [
    ("Poliisihallitus", "gen", "Poliisihallituksen"),
    ("Poliisihallitus", "all", "Poliisihallitukselle"),
    ("sisäministeriö", "ine", "sisäministeriössä"),
    ("sisäministeriö", "ill", "sisäministeriöön"),
    ("sisäministeriö", "par", "sisäministeriötä"),
    ("Maahanmuuttovirasto", "ela", "Maahanmuuttovirastosta"),
    ("yhdenvertaisuusvaltuutettu", "gen", "yhdenvertaisuusvaltuutetun"),
    ("Verohallinto", "gen", "Verohallinnon"),
    ("hyvinvointialue", "pl_gen", "hyvinvointialueiden"),
    ("oikeusasiamies", "gen", "oikeusasiamiehen"),
    ("oikeusasiamies", "ine", "oikeusasiamiehessä"),
    ("kunta", "pl_nom", "kunnat"),
    ("Tulli", "ade", "Tullilla"),
])
def test_finnish_forms_follow_gradation_stems_and_vowel_harmony(word, case, expected):
    assert expected in finnish_forms(word)[case]


def test_consonant_final_abbreviations_take_an_i_stem():
    assert finnish_forms("Stakes", abbreviation=True)["gen"] == ("Stakesin",)


def test_a_name_is_inflected_on_its_last_word():
    assert inflect("Terveyden ja hyvinvoinnin laitos", "gen") == "Terveyden ja hyvinvoinnin laitoksen"
    assert inflect("STM", "ine") == "STM:ssa"


def test_the_case_of_a_form_carries_over_to_another_name():
    assert case_of("STM:n", "STM") == "gen"
    assert case_of("THL:ssä", "THL") == "ine"
    assert inflect_like("sisäministeriö", "sisäasiainministeriön", "sisäasiainministeriö") == "sisäministeriön"
    assert inflect_like("Maahanmuuttovirasto", "Ulkomaalaisvirastolle", "Ulkomaalaisvirasto") == "Maahanmuuttovirastolle"
    assert inflect_like("sisäministeriö", "xyz", "sisäasiainministeriö") is None


# --- matching -----------------------------------------------------------------------------

@pytest.mark.parametrize("name, authority, kind", [
    ("sisäministeriö", "SM", "name"),
    ("Sisäministeriö", "SM", "name"),
    ("sisäministeriön", "SM", "name"),
    ("Poliisihallituksen", "POHA", "name"),
    ("STM:n", "STM", "abbreviation"),
    ("THL:ssä", "THL", "abbreviation"),
    ("Migrin", "MIGRI", "abbreviation"),
    ("sisäasiainministeriö", "SM", "former"),
    ("Stakesin", "THL", "former-abbreviation"),
    ("työ- ja elinkeinoministeriölle", "TEM", "name"),
    ("valtioneuvoston kanslia", "VNK", "name"),
    ("Poliisihallitus (PoHa)", "POHA", "name"),
])
def test_names_match_exactly_in_any_inflection(fi, name, authority, kind):
    match = fi.match_authority(name)
    assert match is not None and match.exact
    assert (match.authority.id, match.kind) == (authority, kind)


def test_a_misspelt_name_matches_fuzzily_with_its_score(fi):
    match = fi.match_authority("sosiaali- ja terveysministerö")
    assert match.authority.id == "STM" and not match.exact and 90 <= match.score < 100


def test_an_unrelated_name_has_no_close_match(fi):
    assert fi.match_authority("Ihmiskauppatoimisto", min_score=88) is None


def test_find_authorities_reports_spans_in_running_text(fi):
    text = ("Sisäministeriö ja sosiaali- ja terveysministeriön (STM) kanssa Poliisihallitukselle, "
            "THL:ssä ja valtioneuvoston kanslian alaisuudessa; tullut on eri asia.")
    found = [(text[s:e], m.authority.id) for s, e, m in fi.find_authorities(text)]
    assert found == [
        ("Sisäministeriö", "SM"), ("sosiaali- ja terveysministeriön", "STM"), ("STM", "STM"),
        ("Poliisihallitukselle", "POHA"), ("THL:ssä", "THL"), ("valtioneuvoston kanslian", "VNK"),
    ]


def test_the_longest_name_wins_over_a_shorter_one_inside_it(fi):
    found = fi.find_authorities("eduskunnan oikeusasiamiehen ratkaisu")
    assert [(m.authority.id, m.form) for _, _, m in found] == [("EOA", "eduskunnan oikeusasiamies")]


def test_a_registered_name_that_is_also_a_common_noun_needs_its_capital(fi):
    assert fi.find_authorities("Tavaroista maksetaan tullia ja tulleista päätetään.") == []
    assert [m.authority.id for _, _, m in fi.find_authorities("Tulli ja Tullin rikostorjunta")] == ["TULLI", "TULLI"]


def test_registered_names_are_singular(fi):
    assert fi.find_authorities("Poliisihallitukset") == []
    assert [m.authority.id for _, _, m in fi.find_authorities("ELY-keskukset ja hyvinvointialueet")] == ["ELY", "HVA"]


def test_other_languages_abbreviations_are_not_matched(fi):
    # FM is the Swedish abbreviation of finansministeriet but a degree in Finnish.
    assert fi.find_authorities("FM Virtanen") == []
    assert [m.language for _, _, m in fi.find_authorities("inrikesministeriet")] == ["sv"]


def test_swedish_names_match_their_genitive_and_plural_forms():
    sv = load_lexicon("sv")
    found = sv.find_authorities("inrikesministeriets beslut och regionförvaltningsverken")
    assert [(m.authority.id, m.case) for _, _, m in found] == [("SM", "gen"), ("AVI", "pl_nom")]


def test_scanning_a_long_text_is_fast(fi):
    paragraph = ("Sisäministeriö ja Poliisihallitus laativat yhdessä Maahanmuuttoviraston kanssa "
                 "toimintamallin, jota THL:n asiantuntijat arvioivat vuosittain. ") * 20
    start = time.perf_counter()
    for _ in range(50):
        fi.find_authorities(paragraph)
    assert time.perf_counter() - start < 2.0  # 50 × 300 words; a per-name loop would be far slower


# --- config, words, abbreviations -------------------------------------------------------

def test_config_adds_authorities_terms_and_abbreviations():
    config = SimpleNamespace(
        authorities=({"name": "Ihmiskauppatoimisto", "abbreviation": "IKT"}, {"name": "Rikosuhripäivystys"}),
        terms={"ihmiskaupan uhri": ("uhriksi joutunut",)},
        abbreviations={"RIKU": "Rikosuhripäivystys"},
    )
    lexicon = load_lexicon("fi", config)
    assert lexicon.match_authority("Ihmiskauppatoimistolle").exact
    assert lexicon.match_authority("IKT").exact
    assert lexicon.is_known_abbreviation("RIKU") and not lexicon.needs_definition("RIKU")
    assert any(t.preferred == "ihmiskaupan uhri" and t.mode == "avoid" for t in lexicon.terms)
    assert load_lexicon("fi", config) is lexicon
    assert load_lexicon("fi") is not lexicon


def test_accepted_words_hold_name_parts_abbreviations_and_terms(fi):
    words = fi.accepted_words()
    assert {"sisäministeriö", "poliisihallitus", "stm", "thl", "auttamisjärjestelmä", "ely-keskus", "ely", "työ"} <= words
    assert all(w == w.lower() for w in words)


def test_common_abbreviations_need_no_definition_but_authority_ones_do(fi):
    assert fi.is_known_abbreviation("EU") and not fi.needs_definition("EU")
    assert fi.is_known_abbreviation("ks.") and not fi.needs_definition("ks.")
    assert fi.is_known_abbreviation("THL") and fi.needs_definition("THL")
    assert fi.abbreviation_full("STM") == "sosiaali- ja terveysministeriö"
    assert not fi.is_known_abbreviation("XYZ")


def test_broken_data_is_reported_with_the_file(monkeypatch):
    monkeypatch.setattr(lexicon_module, "_read_yaml", lambda relative: {"authorities": [{"kind": "agency"}]})
    lexicon_module._base_authorities.cache_clear()
    try:
        with pytest.raises(Exception, match="authorities.yaml"):
            lexicon_module._base_authorities()
    finally:
        monkeypatch.undo()
        lexicon_module._base_authorities.cache_clear()


# --- lemmas -----------------------------------------------------------------------------------

@needs_voikko
def test_lemmas_come_from_voikko_for_finnish():
    assert lemmatize("auttamisjärjestelmän") == "auttamisjärjestelmä"
    assert lemmatize("kohteena") == "kohde"
    assert compound_parts("auttamisjärjestelmän") == ("auttamis", "järjestelmä")
    assert compound_parts("yhdenvertaisuusvaltuutetun") == ("yhdenvertaisuus", "valtuutettu")


def test_lemmas_fall_back_to_stripped_endings_without_voikko(monkeypatch):
    monkeypatch.setitem(lexicon_module._VOIKKO, "fi", None)
    lexicon_module._analyses.cache_clear()
    lemmatize.cache_clear()
    try:
        assert lemmatize("toimintaohjelmassa") == "toimintaohjelma"
        assert lemmatize("Sisäministeriö") == "sisäministeriö"
    finally:
        monkeypatch.undo()
        lexicon_module._analyses.cache_clear()
        lemmatize.cache_clear()


def test_swedish_and_english_lemmas_use_simplemma():
    assert lemmatize("victims", "en") == "victim"
