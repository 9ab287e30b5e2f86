"""Terminology checks (TER…): non-preferred terms, mixed pairs, variants found in the draft."""

from __future__ import annotations

import random
import time

import pytest

from drafter.checks.engine import run_checks
from drafter.checks.loader import load_rules
from drafter.config import config_from_mapping
from drafter.lexicon import voikko
from drafter.structure import recognise
from drafter.textdoc import document_from_text

RULES = load_rules()
needs_voikko = pytest.mark.skipif(voikko("fi") is None, reason="libvoikko with a Finnish dictionary is not installed")


def check(text: str, *rule_ids: str, language: str = "fi", config: dict | None = None):
    programme = recognise(document_from_text(text, language=language), language=language)
    result = run_checks(programme, config_from_mapping(config or {}), rules=RULES, only=set(rule_ids))
    return [f for f in result.findings if f.rule in rule_ids]


# --- terms to avoid ---------------------------------------------------------------------------

def test_a_term_to_avoid_gets_the_preferred_term_in_the_same_case():
    found = check("# Johdanto\nAvustamisjärjestelmän asiakkaat ohjataan palveluihin.\n", "TER001")
    assert [f.location.text for f in found] == ["Avustamisjärjestelmän"]
    assert found[0].fix.replacement == "Auttamisjärjestelmän" and found[0].fix.applicability == "unsafe"
    assert "auttamisjärjestelmä" in found[0].message and "746/2011" not in found[0].message


def test_a_multi_word_term_to_avoid_matches_with_its_last_word_inflected():
    found = check("# Johdanto\nTyö koskee myös laittomia maahanmuuttajia.\n", "TER001")
    assert [f.location.text for f in found] == ["laittomia maahanmuuttajia"]


def test_the_preferred_term_is_not_reported():
    assert check("# Johdanto\nAuttamisjärjestelmän asiakkaat ohjataan palveluihin.\n", "TER001", "TER002") == []


def test_the_config_can_add_a_term_to_avoid():
    found = check("# Johdanto\nUhriksi joutuneet saavat tukea.\n", "TER001",
                  config={"terms": {"uhri": ["uhriksi joutunut"]}})
    assert len(found) == 1 and "'uhri'" in found[0].message


# --- consistency pairs ---------------------------------------------------------------------------

def test_mixing_a_consistency_pair_is_reported_at_the_rarer_form_with_counts():
    text = ("# Johdanto\nIhmiskaupan uhri ohjataan palveluihin.\nIhmiskaupan uhrien määrä kasvaa.\n"
            "Ihmiskaupan kohteena ollut henkilö saa tukea.\n")
    found = check(text, "TER002", "TER001")
    assert [(f.rule, f.location.text) for f in found] == [("TER002", "Ihmiskaupan kohteena")]
    assert "'ihmiskaupan uhri' (2)" in found[0].message and "'ihmiskaupan kohde' (1)" in found[0].message


def test_using_only_one_form_of_a_consistency_pair_is_fine():
    assert check("# Johdanto\nIhmiskaupan kohteena ollut henkilö saa tukea.\n", "TER001", "TER002") == []


# --- variants found in the draft -------------------------------------------------------------------

@needs_voikko
def test_compounds_with_one_head_and_nearly_the_same_modifier_are_variants():
    text = ("# Johdanto\nValtionhallinnon yksiköt osallistuvat.\nValtionhallinto tukee työtä.\n"
            "Valtiohallinnon rooli kasvaa.\n")
    found = check(text, "TER003")
    assert [f.location.text for f in found] == ["Valtiohallinnon"]
    assert found[0].fix.replacement == "Valtionhallinnon"
    assert "'valtiohallinto' (1)" in found[0].message and "'valtionhallinto' (2)" in found[0].message


@needs_voikko
def test_different_authorities_and_bank_terms_are_not_variants():
    text = ("# Johdanto\nSisäministeriö ja ulkoministeriö sekä oikeusministeriö sopivat.\n"
            "Auttamisjärjestelmä ja avustamisjärjestelmä mainitaan.\n")
    assert check(text, "TER003") == []


@needs_voikko
def test_compounds_with_different_modifiers_are_not_variants():
    text = "# Johdanto\nOhjausryhmä ja työryhmä sekä seurantaryhmä ja asiantuntijaryhmä kokoontuvat.\n"
    assert check(text, "TER003") == []


def test_english_spelling_variants_are_found_but_different_words_are_not():
    text = ("# Introduction\nThe counselling service opens. The counselling service grows.\n"
            "The counseling service closes. Promoting and prompting differ.\n")
    found = check(text, "TER203", language="en")
    assert [f.location.text for f in found] == ["counseling"]


def test_variant_search_compares_within_head_groups_in_bulk(monkeypatch):
    # Without Voikko every word below shares the head "hjelma": one group of 3000
    # modifiers, compared with one rapidfuzz.cdist call rather than 4.5 million
    # Python-level comparisons.
    from drafter import lexicon

    monkeypatch.setitem(lexicon._VOIKKO, "fi", None)
    lexicon._analyses.cache_clear()
    lexicon.lemmatize.cache_clear()
    lexicon.lemma_set.cache_clear()
    rng = random.Random(0)
    words = {"".join(rng.choice("aeiklmnoprstuv") for _ in range(10)) + "ohjelma" for _ in range(3000)}
    words = sorted(words) + ["kotoutumisohjelma", "kotoutumisohjelma", "kotoutumusohjelma"]
    text = "# Johdanto\n" + "\n".join(" ".join(words[i:i + 30]) + "." for i in range(0, len(words), 30)) + "\n"
    start = time.perf_counter()
    found = check(text, "TER003")
    elapsed = time.perf_counter() - start
    lexicon._analyses.cache_clear()
    lexicon.lemmatize.cache_clear()
    lexicon.lemma_set.cache_clear()
    assert ("kotoutumusohjelma", "Kotoutumisohjelma") in {(f.location.text, f.fix.replacement.capitalize()) for f in found}
    assert elapsed < 15
