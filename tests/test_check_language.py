"""Voikko spelling (LNG001) and grammar (LNG002) on Finnish drafts."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.checks.language import voikko_grammar, voikko_spelling
from drafter.checks.loader import parse_pack
from drafter.checks.registry import KINDS, CheckContext
from drafter.model import Programme
from drafter.nlp import language as language_module
from drafter.nlp.language import UNAVAILABLE_FINDING, Language
from drafter.nlp.morphology import open_voikko
from drafter.textdoc import document_from_text

REPO = Path(__file__).resolve().parent.parent
needs_voikko = pytest.mark.skipif(open_voikko() is None, reason="Voikko (libvoikko + voikko-fi) is not installed")


def rules() -> dict[str, object]:
    text = (REPO / "rules" / "fi" / "language.yaml").read_text(encoding="utf-8")
    return {r.name: r for r in parse_pack(text, "rules/fi/language.yaml", "fi")}


def programme(markup: str, language: str = "fi") -> Programme:
    try:
        from drafter.structure.recognise import recognise
    except ImportError:
        return Programme("example.docx", language, None, (), (), (), document_from_text(markup))
    return recognise(document_from_text(markup), language)


class Lexicon:
    def __init__(self, words):
        self.words = words

    def accepted_words(self):
        return self.words


def spelling(markup: str, lexicon=None, nlp=None):
    return list(voikko_spelling(rules()["spelling"], CheckContext(programme(markup), lexicon=lexicon, nlp=nlp)))


def grammar(markup: str, nlp=None):
    return list(voikko_grammar(rules()["grammar"], CheckContext(programme(markup), nlp=nlp)))


@needs_voikko
def test_a_misspelt_word_is_flagged_with_suggestions_as_a_display_only_fix():
    found = spelling("Ohjelmaa päivitetän vuosittain.")
    assert len(found) == 1
    f = found[0]
    assert f.rule == "LNG001" and f.category == "language"
    assert f.location.text == "päivitetän" and f.location.start == 9
    assert f.message.startswith("'päivitetän' is not in the Finnish dictionary; did you mean ")
    assert "päivitetään" in dict(f.details)["suggestions"]
    assert f.fix is not None and f.fix.applicability == "display-only"


@needs_voikko
def test_a_form_repeated_in_a_paragraph_is_reported_once_with_its_count():
    found = spelling("Taalo on iso. Toinen taalo ja kolmas taalo ovat pieniä.\nTässä taalo on taas.")
    assert [(f.location.paragraph, f.location.text) for f in found] == [(0, "Taalo"), (1, "taalo")]
    assert "(3 times in this paragraph)" in found[0].message
    assert "times" not in found[1].message


@needs_voikko
def test_names_abbreviations_codes_numbers_and_addresses_are_not_spelling_errors():
    text = ("Asiasta vastaavat Kela, STM:n työryhmä ja THL yhdessä Hätäkeskuslaitoksen kanssa; "
            "ks. www.stm.fi/ohjelma ja kirjaamo@stm.fi, koodi ABC123, covid-19-pandemia, "
            "sosiaali- ja terveysministeriö, SoteDigi-hanke ja 12 345 euroa.")
    assert spelling(text) == []


@needs_voikko
def test_the_lexicons_accepted_words_are_not_flagged():
    text = "Toimeenpanoa koordinoi huoltovarmuusorganisaatiomalliryhmäx yhdessä kuntien kanssa."
    assert len(spelling(text)) == 1
    assert spelling(text, lexicon=Lexicon({"Huoltovarmuusorganisaatiomalliryhmäx"})) == []


@needs_voikko
def test_a_misspelt_word_opening_a_sentence_is_still_checked():
    found = spelling("Ohjelma valmistuu. Päivitetän sitä vuosittain.")
    assert [f.location.text for f in found] == ["Päivitetän"]


@needs_voikko
def test_a_paragraph_in_another_language_is_not_spelt_as_finnish():
    assert spelling("The programme is prepared together with the municipalities and the regions of Finland.") == []


@needs_voikko
def test_grammar_finds_a_doubled_word_with_voikkos_description():
    found = grammar("Ohjelma valmistellaan yhteistyössä kuntien kanssa, ja se se julkaistaan vuonna 2025.")
    assert len(found) == 1
    f = found[0]
    assert f.rule == "LNG002" and f.location.text == "se se"
    assert f.message == "Sana on kirjoitettu kahteen kertaan: 'se se'."
    assert f.fix.replacement == "se" and dict(f.details)["code"] == 8


@needs_voikko
def test_grammar_leaves_headings_titles_and_field_lines_alone():
    markup = "\n".join([
        "# I Toimenpiteet",
        "## Tavoite 1: Turvallisuus paranee",
        "1. Laaditaan kansallinen turvallisuusohjelma",
        "Ohjelma valmistellaan yhteistyössä kuntien kanssa. Se julkaistaan vuonna 2025.",
        "Vastuutaho: sisäministeriö",
        "Aikataulu: 2024–2025",
        "2. Selvitetään pelastustoimen rahoitus",
        "Selvitys tehdään yhdessä alueiden kanssa.",
        "Vastuutaho: sisäministeriö",
        "Aikataulu: 2024",
    ])
    assert grammar(markup) == []
    assert [f.location.text for f in grammar(markup + "\nTämä kappale jää ilman pistettä")] == ["pistettä"]


@needs_voikko
def test_list_items_may_lack_capitals_and_final_periods():
    assert grammar("- viestintäkampanja työnantajille\n- koulutusmateriaali viranomaisille") == []
    assert len(grammar("- se se kampanja")) == 1


def test_without_voikko_each_rule_says_once_what_was_skipped(monkeypatch):
    monkeypatch.setattr(language_module, "_voikko_loader", lambda: None)
    monkeypatch.setattr(language_module, "_notice_given", True)
    reduced = Language("fi")
    for found in (spelling("Ohjelmaa päivitetän vuosittain.", nlp=reduced),
                  grammar("Ohjelma ja se se julkaistaan.", nlp=reduced)):
        assert [f.message for f in found] == [UNAVAILABLE_FINDING]
        assert found[0].severity.value == "info" and found[0].fix is None


@needs_voikko
@pytest.mark.parametrize("path, language", [("rules/fi/language.yaml", "fi"), ("rules/common/outlier.yaml", "any")])
def test_every_rule_example_fires_on_bad_and_stays_quiet_on_good(path, language):
    pytest.importorskip("drafter.structure.recognise")
    for rule in parse_pack((REPO / path).read_text(encoding="utf-8"), path, language):
        run = KINDS[rule.kind].function
        bad = list(run(rule, CheckContext(programme(rule.docs.bad))))
        good = list(run(rule, CheckContext(programme(rule.docs.good))))
        assert bad, f"{rule.id} bad example does not fire"
        assert good == [], f"{rule.id} good example fires: {[f.message for f in good]}"


@needs_voikko
def test_case_endings_after_symbols_are_not_words_of_their_own():
    assert spelling("Asiasta säädetään lain 3 §:ää ja julkaisun 2021:n mukaisesti 10 %:iin asti.") == []


@needs_voikko
def test_a_known_abbreviation_with_its_period_is_not_misspelt():
    assert spelling("Asiasta on ohje, vrt. liite ja ks. taulukko.") == []


@needs_voikko
def test_grammar_skips_front_matter_fragments_without_a_verb():
    assert grammar("LUONNOS 10.12.2020\nIhmiskaupan vastaisen toimintaohjelman valmistelun työryhmä") == []


@needs_voikko
def test_a_capital_after_an_opening_quote_is_not_a_grammar_error():
    found = grammar("Oppilaitoksille tuotetaan ”Ihmiskauppa ei ole kaukana” -opetusmateriaali.")
    assert found == []


@needs_voikko
def test_lexicon_names_are_left_to_the_authority_rules():
    text = "Työ tehdään yhdessä Terveyden ja hyvinvoinnin laitoksen kanssa."
    flagged = [f.location.text for f in grammar(text)]
    assert "Terveyden" in flagged
    ctx = CheckContext(programme(text), lexicon=Lexicon({"Terveyden ja hyvinvoinnin laitos"}))
    assert list(voikko_grammar(rules()["grammar"], ctx)) == []
