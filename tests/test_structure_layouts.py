"""Every measure layout drafter must read, in Finnish, Swedish and English."""

from __future__ import annotations

import pytest

from drafter.structure import recognise
from drafter.textdoc import document_from_text
from test_structure_builder import DocBuilder


def summary(programme):
    return [(m.number, m.label, m.title, m.chapter, m.objective, m.layout) for m in programme.measures]


def fields(measure):
    return {f.key: f.value for f in measure.fields}


# -- "Toimenpide 12:" prefixes -------------------------------------------------

PREFIX_DRAFTS = {
    "fi": """
# VI Toimintaohjelman tavoitteet ja toimenpiteet
## Tavoite 1: Uhrit tunnistetaan nykyistä paremmin
Toimenpide 1: Laaditaan poliisille valtakunnallinen toimintamalli.
Toimintamallissa kuvataan, miten uhrit tunnistetaan ja ohjataan avun piiriin.
Vastuutaho: SM, Poliisihallitus
Aikataulu: 2021–2022
Rahoitus: Toteutetaan virkatyönä.
Toimenpide 2. Koulutetaan rajavartijoita tunnistamaan uhreja.
Vastuutahot: Rajavartiolaitos
Aikataulu: 2022
""",
    "sv": """
# VI Programmets mål och åtgärder
## Mål 1: Offren identifieras bättre än i dag
Åtgärd 1: Polisen får en nationell verksamhetsmodell.
Modellen beskriver hur offren identifieras och hänvisas till hjälp.
Ansvarig: IM, Polisstyrelsen
Tidtabell: 2021–2022
Finansiering: Genomförs som tjänsteuppdrag.
Åtgärd 2. Gränsbevakarna utbildas att identifiera offer.
Ansvariga: Gränsbevakningsväsendet
Tidtabell: 2022
""",
    "en": """
# VI Objectives and measures of the programme
## Objective 1: Victims are identified better than today
Measure 1: A national operating model is drawn up for the police.
The model describes how victims are identified and referred to help.
Responsible: Ministry of the Interior, National Police Board
Schedule: 2021–2022
Funding: Carried out as official duties.
Action 2. Border guards are trained to identify victims.
Lead: Finnish Border Guard
Timeline: 2022
""",
}


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_prefixed_measures_are_read_with_their_fields_in_each_language(language):
    programme = recognise(document_from_text(PREFIX_DRAFTS[language]))
    assert programme.language == language
    assert [c.number for c in programme.chapters] == ["VI"]
    assert [(o.number, o.chapter) for o in programme.objectives] == [(1, "VI")]
    first, second = programme.measures
    assert (first.number, first.chapter, first.objective, first.layout) == (1, "VI", 1, "prefix")
    assert first.label.endswith("1:")
    assert not first.title.endswith(".")
    assert first.text.count("\n") == 0 and first.text
    assert set(fields(first)) == {"responsible", "schedule", "funding"}
    assert fields(first)["schedule"] == "2021–2022"
    assert len(first.responsible) == 2
    assert second.number == 2 and second.label.endswith("2.")
    assert set(fields(second)) == {"responsible", "schedule"}
    assert programme.problems == ()


def test_prefix_forms_tp_and_colon_or_period_all_open_measures():
    programme = recognise(document_from_text("""
## Tavoite 2. Palvelut paranevat
TP 7 Selvitetään palveluiden saatavuus
Vastuu: STM
Toimenpide 8: Parannetaan neuvontaa
Vastuussa: OM
"""))
    assert summary(programme) == [
        (7, "TP 7", "Selvitetään palveluiden saatavuus", None, 2, "prefix"),
        (8, "Toimenpide 8:", "Parannetaan neuvontaa", None, 2, "prefix"),
    ]


# -- typed numbers in body paragraphs -----------------------------------------

def test_bold_typed_numbers_open_measures_and_plain_numbered_sentences_do_not():
    doc = (
        DocBuilder()
        .h(0, "VI Tavoitteet ja toimenpiteet")
        .h(1, "Tavoite 1: Tunnistaminen paranee")
        .p("1. Laaditaan toimintamalli.", bold=True)
        .p("Mallissa kuvataan tunnistaminen. 2. kohdassa todetaan lisäksi asioita.")
        .p("Vastuutaho: SM")
        .p("2. Koulutetaan viranomaisia", bold=True)
        .p("3. joulukuuta 2021 pidetään seminaari, jossa asiaa käsitellään laajasti.")
        .p("Aikataulu: 2022")
        .p("3. Perustetaan verkosto", bold=True)
        .build()
    )
    programme = recognise(doc, language="fi")
    assert summary(programme) == [
        (1, "1.", "Laaditaan toimintamalli", "VI", 1, "typed"),
        (2, "2.", "Koulutetaan viranomaisia", "VI", 1, "typed"),
        (3, "3.", "Perustetaan verkosto", "VI", 1, "typed"),
    ]
    assert programme.measures[1].text.startswith("3. joulukuuta 2021")


def test_typed_numbers_in_sequence_are_measures_even_without_bold():
    programme = recognise(document_from_text("""
# II Toimenpiteet
## Tavoite 1: Osaaminen vahvistuu
1. Laaditaan koulutusohjelma
Koulutus kohdistetaan viranomaisille.
2. Järjestetään seminaari
3. Julkaistaan opas
"""))
    assert [m.number for m in programme.measures] == [1, 2, 3]
    assert programme.measures[0].text == "Koulutus kohdistetaan viranomaisille."


def test_a_lone_long_numbered_sentence_is_not_a_measure():
    programme = recognise(document_from_text("""
# I Johdanto
1. Ohjelman valmistelussa on kuultu laajasti eri tahoja, ja sen sisältö perustuu pitkälti aiempien ohjelmien arviointeihin, joiden mukaan toimeenpanoa on tarpeen tehostaa. Lisäksi on otettu huomioon kansainväliset suositukset.
"""))
    assert programme.measures == ()
    assert programme.problems and programme.problems[0].startswith("No measures were recognised")


def test_bold_title_followed_by_normal_text_in_one_paragraph_splits_title_and_body():
    text = "12. Laaditaan toimintamalli. Mallissa kuvataan, miten uhrit ohjataan palveluihin."
    doc = (
        DocBuilder().h(1, "Tavoite 3: Avun saanti").p(text, bold=len("12. Laaditaan toimintamalli."))
        .p("Vastuutaho: SM").build()
    )
    measure = recognise(doc, language="fi").measures[0]
    assert measure.title == "Laaditaan toimintamalli"
    assert measure.text == "Mallissa kuvataan, miten uhrit ohjataan palveluihin."
    assert measure.body_locations[0].paragraph == 1
    assert text[measure.body_locations[0].start:measure.body_locations[0].end] == measure.text
    assert text[measure.title_location.start:measure.title_location.end] == measure.title


def test_typed_numbers_in_each_language():
    for language, body, label in (
        ("sv", "Ansvarig: IM", "Utbildas myndigheterna"),
        ("en", "Responsible: Ministry of Justice", "Authorities are trained"),
    ):
        doc = (
            DocBuilder().h(1, {"sv": "Mål 1: Bättre stöd", "en": "Objective 1: Better support"}[language])
            .p(f"4. {label}", bold=True).p(body).p("5. Second one", bold=True).p(body).build()
        )
        programme = recognise(doc, language=language)
        assert [(m.number, m.objective, m.layout) for m in programme.measures] == [(4, 1, "typed"), (5, 1, "typed")]
        assert programme.measures[0].title == label
        assert programme.measures[0].field("responsible") is not None


# -- numbered headings ----------------------------------------------------------

def test_numbered_headings_below_an_objective_are_measures():
    programme = recognise(document_from_text("""
# VI Toimenpiteet
## 1. Tunnistaminen paranee
### 12. Laaditaan toimintamalli
Malli kattaa kaikki viranomaiset.
Vastuutaho: SM
### 13 Koulutetaan viranomaisia
Aikataulu: 2022
## 2. Oikeudet toteutuvat
### 14. Vahvistetaan neuvontaa
"""))
    assert [(o.number, o.title, o.chapter) for o in programme.objectives] == [
        (1, "Tunnistaminen paranee", "VI"), (2, "Oikeudet toteutuvat", "VI")]
    assert summary(programme) == [
        (12, "12.", "Laaditaan toimintamalli", "VI", 1, "heading"),
        (13, "13", "Koulutetaan viranomaisia", "VI", 1, "heading"),
        (14, "14.", "Vahvistetaan neuvontaa", "VI", 2, "heading"),
    ]
    assert programme.measures[0].text == "Malli kattaa kaikki viranomaiset."


def test_numbered_headings_without_fields_are_measures_when_nothing_else_is():
    programme = recognise(document_from_text("""
# III Toimenpiteet
## 1 Ihmiskaupan vastaisen toiminnan koordinaation kehittäminen
Koordinaatiota kehitetään.
## 2 Uhrien tunnistamisen tehostaminen
Tunnistamista tehostetaan.
"""))
    assert [(m.number, m.layout, m.chapter, m.objective) for m in programme.measures] == [
        (1, "heading", "III", None), (2, "heading", "III", None)]
    assert programme.objectives == ()


def test_a_heading_inside_a_heading_measure_is_body_text():
    programme = recognise(document_from_text("""
## Tavoite 1: Tunnistaminen
### 3. Laaditaan malli
#### Taustaa
Taustaa on paljon.
Vastuutaho: SM
### 4. Koulutetaan
Vastuutaho: OM
"""))
    assert programme.measures[0].text == "Taustaa\nTaustaa on paljon."
    assert [m.number for m in programme.measures] == [3, 4]


# -- Word auto-numbered lists ---------------------------------------------------

def test_word_numbered_list_items_are_measures_and_sub_levels_and_bullets_are_body():
    doc = (
        DocBuilder()
        .h(0, "VI Toimenpiteet")
        .h(1, "Tavoite 4: Rikosvastuu toteutuu")
        .item(19, "Laaditaan poliisille valtakunnallinen toimintamalli.")
        .item(1, "ensimmäinen vaihe", level=1, label="a)", fmt="lowerLetter")
        .item(0, "toinen asia", fmt="bullet", num_id="9")
        .p("Vastuutaho: SM")
        .item(20, "Koulutetaan syyttäjiä")
        .p("Aikataulu: 2022")
        .build()
    )
    programme = recognise(doc, language="fi")
    first, second = programme.measures
    assert (first.number, first.label, first.auto_numbered, first.layout) == (19, "19.", True, "autonumber")
    assert first.title == "Laaditaan poliisille valtakunnallinen toimintamalli"
    assert first.text == "a) ensimmäinen vaihe\n• toinen asia"
    assert (second.number, second.objective, second.chapter) == (20, 4, "VI")


def test_textdoc_numbered_list_measures_in_english():
    programme = recognise(document_from_text("""
# Chapter 2 Measures
## Objective 1: Better identification
#. Draw up a national operating model for the police. Responsible: Ministry of the Interior
#. Train border guards. Responsible: Border Guard
"""))
    assert programme.language == "en"
    assert [(c.number, c.label) for c in programme.chapters] == [("2", "Chapter 2")]
    assert [(m.number, m.label, m.auto_numbered) for m in programme.measures] == [(1, "1.", True), (2, "2.", True)]
    assert [m.title for m in programme.measures] == [
        "Draw up a national operating model for the police", "Train border guards"]
    assert [m.responsible for m in programme.measures] == [["Ministry of the Interior"], ["Border Guard"]]


def test_an_introductory_numbered_list_without_fields_is_not_a_list_of_measures():
    programme = recognise(document_from_text("""
# I Johdanto
Ohjelman lähtökohdat ovat seuraavat:
#. ihmisoikeudet
#. yhdenvertaisuus
# II Toimenpiteet
## Tavoite 1: Tunnistaminen
#. Laaditaan toimintamalli. Vastuutaho: SM.
#. Koulutetaan viranomaisia. Vastuutaho: OM.
"""))
    assert [(m.number, m.chapter) for m in programme.measures] == [(1, "II"), (2, "II")]


# -- tables with one row per measure -------------------------------------------

@pytest.mark.parametrize("language, header", [
    ("fi", ["Nro", "Toimenpide", "Vastuutaho", "Aikataulu", "Rahoitus"]),
    ("sv", ["Nr", "Åtgärd", "Ansvarig", "Tidtabell", "Finansiering"]),
    ("en", ["No", "Measure", "Responsible", "Schedule", "Funding"]),
])
def test_measure_tables_with_a_header_row_give_one_measure_per_row(language, header):
    doc = (
        DocBuilder()
        .h(1, {"fi": "Tavoite 2: Tuki", "sv": "Mål 2: Stöd", "en": "Objective 2: Support"}[language])
        .table([
            header,
            ["5", ["Title five", "Body of five."], "SM, OM", "2022", "Virkatyö"],
            ["6.", ["Title six"], ["STM", "THL"], "2023", ""],
        ], header=1)
        .build()
    )
    programme = recognise(doc, language=language)
    five, six = programme.measures
    assert (five.number, five.label, five.title, five.text, five.objective, five.layout) == (
        5, "5", "Title five", "Body of five.", 2, "table")
    assert five.responsible == ["SM", "OM"]
    assert fields(five)["schedule"] == "2022" and fields(five)["funding"] == "Virkatyö"
    assert five.field("schedule").source == "column" and five.field("schedule").label == header[3]
    assert five.location.table == 0 and five.location.row == 1 and five.location.cell == 1
    assert (six.number, six.label) == (6, "6.")
    assert six.responsible == ["STM", "THL"]
    assert six.field("funding") is None


def test_tables_without_a_header_whose_first_column_is_numbers_are_measure_tables():
    doc = DocBuilder().table([
        ["1", "Laaditaan malli. Vastuutaho: SM"],
        ["2", "Koulutetaan viranomaisia"],
        ["3", "Perustetaan verkosto"],
    ]).build()
    programme = recognise(doc, language="fi")
    assert [(m.number, m.title) for m in programme.measures] == [
        (1, "Laaditaan malli"), (2, "Koulutetaan viranomaisia"), (3, "Perustetaan verkosto")]
    assert programme.measures[0].responsible == ["SM"]


def test_number_prefix_in_the_text_cell_and_objective_rows_in_a_measure_table():
    doc = DocBuilder().h(0, "VI Toimenpiteet").table([
        ["Toimenpide", "Vastuutaho"],
        ["Tavoite 1: Tunnistaminen paranee"],
        ["Toimenpide 1: Laaditaan malli", "SM"],
        ["Tavoite 2: Oikeudet toteutuvat"],
        ["Toimenpide 2: Koulutetaan", "OM"],
    ], header=1).build()
    programme = recognise(doc, language="fi")
    assert [(o.number, o.title, o.chapter) for o in programme.objectives] == [
        (1, "Tunnistaminen paranee", "VI"), (2, "Oikeudet toteutuvat", "VI")]
    assert summary(programme) == [
        (1, "Toimenpide 1:", "Laaditaan malli", "VI", 1, "table"),
        (2, "Toimenpide 2:", "Koulutetaan", "VI", 2, "table"),
    ]


def test_textdoc_table_with_header_separator():
    programme = recognise(document_from_text("""
## Tavoite 3: Seuranta
| Nro | Toimenpide | Vastuutaho | Aikataulu |
|-----|------------|------------|-----------|
| 7 | Kootaan seurantatiedot | THL | 2022 |
| 8 | Julkaistaan raportti | SM ja OM | 2023 |
"""))
    assert [(m.number, m.title, m.responsible, m.field_value("schedule")) for m in programme.measures] == [
        (7, "Kootaan seurantatiedot", ["THL"], "2022"), (8, "Julkaistaan raportti", ["SM", "OM"], "2023")]


def test_an_ordinary_table_is_not_a_measure_table():
    programme = recognise(document_from_text("""
| Vuosi | Uhreja |
|---|---|
| 2019 | 200 |
| 2020 | 250 |
"""))
    assert programme.measures == ()


# -- unnumbered measures under theme headings ---------------------------------

def test_unnumbered_measures_under_theme_headings_take_the_bracketed_title():
    programme = recognise(document_from_text("""
# IV Toimenpiteet
## Tietoisuuden lisääminen
Teeman toimenpiteillä lisätään tietoisuutta rasismista.
Vuosittaisen rasismia käsittelevän keskustelun järjestäminen (2024–2027)
Järjestetään vuosittain keskustelu. Keskustelun tulokset julkaistaan.
Vastuuministeriö: valtioneuvoston kanslia
Koulutusmateriaalin laatiminen (2025)
Laaditaan materiaali opettajille.
Vastuuministeriö: opetus- ja kulttuuriministeriö
## Viranomaistoiminta
Viranomaisten yhdenvertaisuuskoulutus (2024–2025)
Vastuuministeriö: sisäministeriö
"""))
    assert [(m.number, m.label, m.layout, m.chapter, m.objective) for m in programme.measures] == [
        (None, "", "unnumbered", "IV", None)] * 3
    # Theme headings that group measures are objectives without a number.
    assert [(o.number, o.title, o.chapter) for o in programme.objectives] == [
        (None, "Tietoisuuden lisääminen", "IV"), (None, "Viranomaistoiminta", "IV")]
    assert [programme.measure_at(m.paragraphs[0]) for m in programme.measures] == list(programme.measures)
    first, second, third = programme.measures
    assert first.title == "Vuosittaisen rasismia käsittelevän keskustelun järjestäminen"
    assert first.text == "Järjestetään vuosittain keskustelu. Keskustelun tulokset julkaistaan."
    assert first.responsible == ["valtioneuvoston kanslia"]
    bracket = first.field("schedule")
    assert (bracket.value, bracket.source) == ("2024–2027", "title-brackets")
    assert second.title == "Koulutusmateriaalin laatiminen" and second.field_value("schedule") == "2025"
    assert second.text == "Laaditaan materiaali opettajille."
    assert third.title == "Viranomaisten yhdenvertaisuuskoulutus" and third.text == ""


def test_a_heading_followed_directly_by_fields_is_an_unnumbered_measure_title():
    programme = recognise(document_from_text("""
# IV Toimenpiteet
### Yhdenvertaisuuskoulutus (2024–2025)
Vastuuministeriö: sisäministeriö
### Opas (2026)
Vastuuministeriö: OKM
"""), language="fi")
    assert programme.objectives == ()
    assert [(m.title, m.field_value("schedule"), m.responsible) for m in programme.measures] == [
        ("Yhdenvertaisuuskoulutus", "2024–2025", ["sisäministeriö"]), ("Opas", "2026", ["OKM"])]


def test_an_unnumbered_measure_without_brackets_takes_its_first_paragraph_as_title():
    programme = recognise(document_from_text("""
## Ohjaus
Ohjauksen tehostaminen
Ohjausta tehostetaan alueilla.
Vastuuministeriö: STM
Aikataulu: 2024
"""))
    (measure,) = programme.measures
    assert (measure.title, measure.text) == ("Ohjauksen tehostaminen", "Ohjausta tehostetaan alueilla.")
    assert measure.field_value("schedule") == "2024"


def test_a_lone_funding_line_in_an_introduction_does_not_make_a_measure():
    programme = recognise(document_from_text("""
# I Johdanto
Rahoitus: Ohjelma toteutetaan kehysten puitteissa.
"""))
    assert programme.measures == ()


# -- mixed layouts --------------------------------------------------------------

def test_a_draft_may_mix_layouts_and_measures_stay_in_document_order():
    doc = (
        DocBuilder()
        .h(0, "VI Toimenpiteet")
        .h(1, "Tavoite 1: Ensimmäinen")
        .p("Toimenpide 1: Laaditaan malli")
        .p("Vastuutaho: SM")
        .h(1, "Tavoite 2: Toinen")
        .item(2, "Koulutetaan viranomaisia")
        .p("Vastuutaho: OM")
        .h(1, "Tavoite 3: Kolmas")
        .table([["Nro", "Toimenpide", "Vastuutaho"], ["3", "Perustetaan verkosto", "STM"]], header=1)
        .h(1, "Tavoite 4: Neljäs")
        .p("4. Julkaistaan opas", bold=True)
        .p("Vastuutaho: OKM")
        .build()
    )
    programme = recognise(doc, language="fi")
    assert [(m.number, m.objective, m.layout) for m in programme.measures] == [
        (1, 1, "prefix"), (2, 2, "autonumber"), (3, 3, "table"), (4, 4, "typed")]
    assert [m.responsible for m in programme.measures] == [["SM"], ["OM"], ["STM"], ["OKM"]]


def test_an_unnumbered_sub_heading_inside_an_objective_does_not_take_its_measures():
    programme = recognise(document_from_text("""
# VI Toimenpiteet
## 1. Tunnistaminen paranee
### Koulutus
Toimenpide 1: Koulutetaan viranomaisia
Vastuutaho: SM
### Ohjeistus
Toimenpide 2: Laaditaan ohje
Vastuutaho: OM
## 2. Oikeudet toteutuvat
Toimenpide 3: Vahvistetaan neuvontaa
Vastuutaho: OM
"""), language="fi")
    assert [(o.number, o.title) for o in programme.objectives] == [
        (1, "Tunnistaminen paranee"), (2, "Oikeudet toteutuvat")]
    assert [(m.number, m.objective) for m in programme.measures] == [(1, 1), (2, 1), (3, 2)]


def test_numbered_sub_items_inside_prefixed_measures_stay_body_text():
    programme = recognise(document_from_text("""
## Tavoite 1: Koulutus
Toimenpide 1: Koulutetaan viranomaisia
Koulutus sisältää seuraavat osat:
#. tunnistaminen
#. ohjaaminen
Vastuutaho: SM
Toimenpide 2: Laaditaan opas
Vastuutaho: OM
"""), language="fi")
    assert [m.number for m in programme.measures] == [1, 2]
    assert programme.measures[0].text == "Koulutus sisältää seuraavat osat:\n1. tunnistaminen\n2. ohjaaminen"


def test_a_numbered_list_inside_typed_measures_stays_body_text():
    doc = (
        DocBuilder().h(1, "Tavoite 1: Koulutus")
        .p("1. Koulutetaan viranomaisia", bold=True)
        .item(1, "tunnistaminen", num_id="7").item(2, "ohjaaminen", num_id="7")
        .p("Vastuutaho: SM")
        .p("2. Laaditaan opas", bold=True)
        .p("Vastuutaho: OM")
        .build()
    )
    programme = recognise(doc, language="fi")
    assert [m.number for m in programme.measures] == [1, 2]
    assert programme.measures[0].text == "1. tunnistaminen\n2. ohjaaminen"


def test_long_plain_numbered_paragraphs_in_sequence_under_an_objective_are_measures():
    long = " Toimenpiteellä parannetaan viranomaisten valmiuksia tunnistaa uhreja ja ohjata heidät palveluihin." * 4
    programme = recognise(document_from_text(f"""
## Tavoite 1: Tunnistaminen
1. Laaditaan toimintamalli.{long}
2. Koulutetaan viranomaisia.{long}
3. Julkaistaan opas.{long}
"""), language="fi")
    assert [m.number for m in programme.measures] == [1, 2, 3]


def test_numbering_that_restarts_in_each_objective_is_kept():
    programme = recognise(document_from_text("""
# VI Toimenpiteet
## Tavoite 1: Ensimmäinen
1. Laaditaan malli
2. Koulutetaan
## Tavoite 2: Toinen
1. Julkaistaan opas
2. Perustetaan verkosto
"""), language="fi")
    assert [(m.number, m.objective) for m in programme.measures] == [(1, 1), (2, 1), (1, 2), (2, 2)]


def test_a_short_numbered_list_in_the_introduction_is_not_measures():
    programme = recognise(document_from_text("""
# I Johdanto
Ohjelmalla on kolme painopistettä:
1. Tunnistaminen
2. Auttaminen
3. Rikosvastuu
# II Toimenpiteet
## Tavoite 1: Tunnistaminen
Toimenpide 1: Laaditaan malli
Vastuutaho: SM
"""), language="fi")
    assert [(m.number, m.chapter) for m in programme.measures] == [(1, "II")]
