"""Measures written differently from the rest: features, robust comparison, plain-words findings."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.checks.loader import parse_pack
from drafter.checks.outliers import Settings, describe_group, judge, outlier_groups, outlier_measures
from drafter.checks.registry import CheckContext
from drafter.features import MeasureForm, measure_forms
from drafter.nlp import language as language_module
from drafter.nlp.language import Language
from drafter.nlp.morphology import open_voikko
from drafter.textdoc import document_from_text

recognise = pytest.importorskip("drafter.structure.recognise").recognise

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "corpus" / "samples"
needs_voikko = pytest.mark.skipif(open_voikko() is None, reason="Voikko (libvoikko + voikko-fi) is not installed")

HOUSE = [
    ("Laaditaan kansallinen turvallisuusohjelma", "Ohjelma valmistellaan yhteistyössä kuntien kanssa. Se julkaistaan vuonna 2025."),
    ("Selvitetään pelastustoimen rahoitusmalli", "Selvitys tehdään yhdessä alueiden kanssa."),
    ("Uudistetaan poliisin lupapalvelut", "Palvelut siirretään verkkoon. Asiointi helpottuu."),
    ("Kehitetään rajaturvallisuuden tilannekuvaa", "Tietoja jaetaan viranomaisten kesken."),
    ("Vahvistetaan hätäkeskusten tietojärjestelmää", "Muutokset otetaan käyttöön vaiheittain."),
    ("Arvioidaan maahanmuuton ennakointia", "Ennakointimallit kootaan yhteen. Arviointi valmistuu vuonna 2026."),
    ("Lisätään viranomaisten yhteistä koulutusta", "Koulutus järjestetään verkossa."),
    ("Perustetaan valtakunnallinen tutkintaryhmä", "Ryhmä aloittaa vuoden 2024 alussa. Sen työtä seurataan."),
    ("Tehostetaan työperäisen hyväksikäytön valvontaa", "Tarkastuksia lisätään riskialoilla."),
    ("Kootaan tilastotiedot yhteen tietokantaan", "Tietoja päivitetään säännöllisesti."),
]
FIELDS = ["Vastuutaho: sisäministeriö", "Aikataulu: 2024–2025", "Rahoitus: Toteutetaan määrärahojen puitteissa."]
FIRST_PERSON = [
    ("Ehdotamme, että työnantajille suunnattua viestintää lisätään",
     "Katsomme, että asiaa tulisi mahdollisesti tarkastella laajemmin. Mielestämme olisi hyvä, että kunnat "
     "osallistuisivat työhön ja että me voisimme seurata sitä. Toivomme, että ministeriö ottaa ehdotuksen vakavasti."),
    ("Katsomme, että meidän tulisi selvittää valvonnan tehostamista",
     "Mielestämme valvontaa voitaisiin ehkä tehostaa monin tavoin. Olisi hyvä, että me saisimme asiasta "
     "lisää tietoa ennen päätöksiä. Toivomme, että tähän palataan myöhemmin."),
]


def draft(measures: list[tuple[str, str, bool]]) -> str:
    lines = ["# I Toimenpiteet", "## Tavoite 1: Turvallisuus paranee"]
    for n, (title, body, with_fields) in enumerate(measures, start=1):
        lines += [f"{n}. {title}", body]
        if with_fields:
            lines += FIELDS
    return "\n".join(lines) + "\n"


def clean(count: int = 10) -> list[tuple[str, str, bool]]:
    return [(t, b, True) for t, b in HOUSE[:count]]


def rule(**params):
    text = (REPO / "rules" / "common" / "outlier.yaml").read_text(encoding="utf-8")
    found = parse_pack(text, "rules/common/outlier.yaml", "any")[0]
    if params:
        import dataclasses

        found = dataclasses.replace(found, params={**found.params, **params})
    return found


def findings(markup: str, language: str = "fi", nlp=None, **params):
    programme = recognise(document_from_text(markup), language)
    return list(outlier_measures(rule(**params), CheckContext(programme, nlp=nlp)))


@needs_voikko
def test_neighbouring_first_person_measures_make_one_finding_on_the_first():
    measures = clean()
    measures[5:7] = [(t, b, False) for t, b in FIRST_PERSON]
    found = findings(draft(measures))
    assert len(found) == 1
    f = found[0]
    assert f.category == "outlier" and f.severity.value == "warning"
    assert f.message.startswith("Measures 6–7 are written differently from the rest: ")
    assert "8 of 10 measures begin with a passive verb (Laaditaan, Selvitetään, …)" in f.message
    assert "'Ehdotamme, että' and 'Katsomme, että' (first person)" in f.message
    assert "They have no responsible authority, schedule or funding lines, which 8 of 10 measures have." in f.message
    assert f.location.measure == 6
    assert f.location.text == FIRST_PERSON[0][0]
    details = dict(f.details)
    assert details["measures"] == [6, 7]
    assert details["titles"] == {"6": FIRST_PERSON[0][0], "7": FIRST_PERSON[1][0]}
    assert {"measure": 6, "feature": "title_form", "value": "first-person", "majority": "passive-verb"}.items() <= \
        next(r for r in details["features"] if r["measure"] == 6 and r["feature"] == "title_form").items()


@needs_voikko
def test_a_draft_whose_measures_are_all_alike_has_no_outliers():
    assert findings(draft(clean())) == []


@needs_voikko
def test_one_missing_funding_line_or_a_longer_body_is_not_an_outlier():
    measures = clean()
    measures[3] = (measures[3][0], measures[3][1] + " Työhön osallistuvat myös järjestöt ja kunnat.", True)
    markup = draft(measures).replace("Rahoitus: Toteutetaan määrärahojen puitteissa.\n", "", 1)
    assert findings(markup) == []


@needs_voikko
def test_drafts_with_too_few_measures_are_not_judged():
    measures = clean(5)
    measures[2] = (*FIRST_PERSON[0], False)
    assert findings(draft(measures)) == []
    assert len(findings(draft(measures), min_measures=5)) == 1


@needs_voikko
def test_the_comparison_follows_the_drafts_own_majority():
    """A draft written in the first person throughout flags its one passive, fielded measure."""
    measures = [(FIRST_PERSON[i % 2][0], FIRST_PERSON[i % 2][1], False) for i in range(8)]
    measures[4] = (*HOUSE[0], True)
    found = findings(draft(measures))
    assert [dict(f.details)["measures"] for f in found] == [[5]]
    assert "speak in the first person" in found[0].message
    assert "begins 'Laaditaan kansallinen' (a passive verb)" in found[0].message


@needs_voikko
def test_a_long_narrative_body_is_described_by_its_length():
    measures = clean()
    long_body = " ".join([
        "Ihmiskaupan vastainen työ on viime vuosina kehittynyt monella tavalla, mutta samalla on käynyt yhä "
        "selvemmäksi, että viranomaisten välinen tiedonkulku ei aina toimi niin sujuvasti kuin tavoitteet edellyttäisivät.",
        "Useissa selvityksissä on todettu, että uhrit jäävät usein tunnistamatta, koska heidän kanssaan asioivat "
        "työntekijät eivät tunne ilmiön eri muotoja eivätkä tiedä, mihin heidän pitäisi ottaa yhteyttä.",
        "Tilanne on erityisen vaikea niillä aloilla, joilla työskentelee paljon lyhytaikaisia ja ulkomaisia "
        "työntekijöitä, sillä kielimuurit ja riippuvuus työnantajasta tekevät avun hakemisesta vaikeaa.",
        "Kuntien ja järjestöjen kokemukset osoittavat, että pitkäjänteinen yhteistyö ja luottamuksellinen "
        "asiakassuhde ovat ratkaisevia tekijöitä silloin, kun uhri harkitsee rikosilmoituksen tekemistä.",
    ])
    measures[8] = (measures[8][0], long_body, True)
    found = findings(draft(measures))
    assert len(found) == 1
    assert found[0].message.startswith("Measure 9 is written differently from the rest: ")
    assert "Its body is " in found[0].message and "words against a median of" in found[0].message


def test_swedish_drafts_are_compared_with_their_own_house_form():
    titles = ["Ett nationellt program utarbetas", "Finansieringsmodellen utreds", "Tillståndstjänsterna förnyas",
              "Lägesbilden utvecklas", "Datasystemet stärks", "Prognoserna utvärderas", "Utbildningen utökas"]
    lines = ["# III Åtgärder", "## Mål 1: Säkerheten förbättras"]
    for n, title in enumerate(titles, start=1):
        if n == 4:
            lines += [f"{n}. Vi föreslår att lägesbilden utvecklas",
                      "Vi anser att frågan kanske borde granskas bredare. Enligt vår mening vore det bra om "
                      "kommunerna deltog. Vi hoppas att ministeriet tar förslaget på allvar."]
            continue
        lines += [f"{n}. {title}", "Arbetet bereds i samarbete med kommunerna.", "Ansvarig: inrikesministeriet",
                  "Tidtabell: 2024–2025", "Finansiering: Inom ramen för anslagen."]
    found = findings("\n".join(lines) + "\n", "sv")
    assert [dict(f.details)["measures"] for f in found] == [[4]]
    assert "'Vi föreslår' (first person)" in found[0].message


def test_judge_uses_median_and_mad_so_one_extreme_value_does_not_hide_another():
    def form(n, words, form="passive-verb"):
        return MeasureForm(n, f"{n}.", {"title_form": form}, {"body_words": float(words)})

    forms = [form(1, 30), form(2, 28), form(3, 33), form(4, 31), form(5, 29), form(6, 400), form(7, 95, "question"),
             form(8, 32)]
    judged = judge(forms, Settings())
    assert [d.feature for d in judged[5].deviations] == ["body_words"]
    assert sorted(d.feature for d in judged[6].deviations) == ["body_words", "title_form"]
    groups = outlier_groups(judged, Settings())
    assert [[j.form.number for j in g] for g in groups] == [[7]]
    message = describe_group(groups[0], forms)
    assert message.startswith("Measure 7 is written differently from the rest: 7 of 8 measures begin with a passive verb")
    assert "measure 7 is a question." in message
    assert "Its body is 95 words against a median of 32." in message


def test_a_split_house_form_is_no_majority():
    forms = [MeasureForm(n, "", {"title_form": "passive-verb" if n % 2 else "noun-phrase"}, {}) for n in range(1, 9)]
    assert all(not j.deviations for j in judge(forms, Settings()))


def test_the_threshold_and_weights_come_from_the_rule_params():
    settings = Settings.from_params({"threshold": 9, "weights": {"title_form": 4}})
    assert settings.threshold == 9 and settings.weights["title_form"] == 4.0
    assert settings.weights["body_words"] == 1.0


@needs_voikko
def test_features_describe_title_form_fields_and_verbs():
    measures = clean(6)
    measures[2] = (*FIRST_PERSON[0], False)
    programme = recognise(document_from_text(draft(measures)), "fi")
    forms = measure_forms(programme)
    assert forms[0].categorical["title_form"] == "passive-verb"
    assert forms[0].categorical["has_responsible"] == "yes"
    assert forms[0].numeric["passive_share"] == 1.0
    assert forms[2].categorical["title_form"] == "first-person"
    assert forms[2].evidence["title_form"] == "Ehdotamme, että"
    assert forms[2].categorical["first_person"] == "yes" and forms[2].categorical["hedging"] == "yes"
    assert forms[2].categorical["has_fields"] == "no"
    assert forms[2].numeric["conditional_share"] > 0.3


def test_without_voikko_outliers_still_run_and_say_voice_features_were_skipped(monkeypatch):
    monkeypatch.setattr(language_module, "_voikko_loader", lambda: None)
    monkeypatch.setattr(language_module, "_notice_given", True)
    measures = clean()
    measures[5:7] = [(t, b, False) for t, b in FIRST_PERSON]
    found = findings(draft(measures), nlp=Language("fi"))
    assert [dict(f.details)["measures"] for f in found] == [[6, 7]]
    assert "voice features were skipped" in dict(found[0].details)["note"]


@needs_voikko
def test_the_sample_draft_flags_measures_23_to_25_and_nothing_else():
    path = SAMPLES / "toimintaohjelma-luonnos.docx"
    if not path.exists():
        pytest.skip("the sample corpus has not been built")
    from drafter.ooxml.reader import read_document

    programme = recognise(read_document(str(path)), "fi")
    found = list(outlier_measures(rule(), CheckContext(programme)))
    assert [dict(f.details)["measures"] for f in found] == [[23, 24, 25]]
    message = found[0].message
    assert message.startswith("Measures 23–25 are written differently from the rest: ")
    assert "begin 'Ehdotamme, että', 'Katsomme, että' and 'Ehdotamme, että' (first person)" in message
    assert "They have no responsible authority, schedule or funding lines" in message


@needs_voikko
@pytest.mark.parametrize("name", ["fi-puhdas.docx", "fi-automaattinumerointi.docx", "fi-taulukko.docx",
                                  "fi-numeroidut-otsikot.docx", "sv-handlingsplan.docx", "en-action-plan.docx"])
def test_clean_sample_drafts_have_no_outliers(name):
    path = SAMPLES / name
    if not path.exists():
        pytest.skip("the sample corpus has not been built")
    from drafter.language import detect_language
    from drafter.ooxml.reader import read_document

    document = read_document(str(path))
    programme = recognise(document, detect_language(document))
    assert list(outlier_measures(rule(), CheckContext(programme))) == []


def test_body_length_in_words_and_sentences_is_told_as_one_fact():
    forms = [MeasureForm(n, "", {}, {"body_words": 10.0 + n % 3, "body_sentences": 2.0}) for n in range(1, 9)]
    forms[3] = MeasureForm(4, "", {}, {"body_words": 150.0, "body_sentences": 12.0})
    groups = outlier_groups(judge(forms, Settings()), Settings())
    message = describe_group(groups[0], forms)
    assert message == ("Measure 4 is written differently from the rest: "
                       "Its body is 150 words in 12 sentences against a median of 12 words in 2 sentences.")
