"""Structure recognition: chapters, objectives, measure boundaries, fields and their locations."""

from __future__ import annotations

import pytest

from drafter.blocks import Numbering, Properties
from drafter.structure import recognise
from drafter.textdoc import document_from_text
from test_structure_builder import DocBuilder

FIELD_SYNONYMS = [
    ("fi", "Vastuutaho", "responsible"), ("fi", "Vastuutahot", "responsible"),
    ("fi", "Vastuuministeriö", "responsible"), ("fi", "Vastuu", "responsible"),
    ("fi", "vastuutoteuttajat", "responsible"), ("fi", "Vastuussa", "responsible"),
    ("fi", "Muut toimijat", "other_actors"), ("fi", "Yhteistyötahot", "other_actors"),
    ("fi", "Aikataulu", "schedule"), ("fi", "Toteutusaikataulu", "schedule"), ("fi", "Ajoitus", "schedule"),
    ("fi", "Rahoitus", "funding"), ("fi", "Resurssit", "funding"), ("fi", "Kustannukset", "funding"),
    ("fi", "Resurssitarve", "funding"), ("fi", "Mittari", "indicators"), ("fi", "Mittarit", "indicators"),
    ("fi", "Indikaattori", "indicators"),
    ("sv", "Ansvarig", "responsible"), ("sv", "Ansvariga", "responsible"),
    ("sv", "Ansvarigt ministerium", "responsible"), ("sv", "Övriga aktörer", "other_actors"),
    ("sv", "Tidtabell", "schedule"), ("sv", "Finansiering", "funding"), ("sv", "Resurser", "funding"),
    ("sv", "Mätare", "indicators"), ("sv", "Indikator", "indicators"),
    ("en", "Responsible", "responsible"), ("en", "Lead", "responsible"), ("en", "Other actors", "other_actors"),
    ("en", "Partners", "other_actors"), ("en", "Schedule", "schedule"), ("en", "Timeline", "schedule"),
    ("en", "Funding", "funding"), ("en", "Resources", "funding"), ("en", "Costs", "funding"),
    ("en", "Indicator", "indicators"),
]
OPENER = {"fi": "Toimenpide 1: Laaditaan malli", "sv": "Åtgärd 1: En modell tas fram",
          "en": "Measure 1: A model is drawn up"}


@pytest.mark.parametrize("language, label, key", FIELD_SYNONYMS)
@pytest.mark.parametrize("separator", [":", " –"])
def test_field_label_synonyms_are_recognised_case_insensitively(language, label, key, separator):
    for written in (label, label.upper(), label.lower()):
        doc = document_from_text(f"{OPENER[language]}\n{written}{separator} Arvo X")
        (measure,) = recognise(doc, language=language).measures
        assert [(f.key, f.label, f.value) for f in measure.fields] == [(key, written, "Arvo X")]


def test_inline_fields_in_a_body_paragraph_are_split_off_with_exact_offsets():
    line = "Järjestetään koulutus. Vastuutaho: SM. Aikataulu: 2021."
    doc = document_from_text(f"Toimenpide 3: Koulutetaan\n{line}")
    (measure,) = recognise(doc, language="fi").measures
    assert measure.text == "Järjestetään koulutus."
    assert [(f.key, f.value) for f in measure.fields] == [("responsible", "SM"), ("schedule", "2021")]
    for f in measure.fields:
        assert f.location.paragraph == 1
        assert line[f.location.start:f.location.end] == f.value
    assert measure.paragraphs == (0, 1)


def test_inline_fields_in_the_title_paragraph_end_the_title():
    doc = document_from_text("Toimenpide 3: Koulutetaan poliiseja. Vastuutaho: Poliisihallitus. Rahoitus: Virkatyönä.")
    (measure,) = recognise(doc, language="fi").measures
    assert measure.title == "Koulutetaan poliiseja"
    assert measure.field_value("responsible") == "Poliisihallitus"
    assert measure.field_value("funding") == "Virkatyönä."  # funding keeps its sentence as written


def test_a_field_word_inside_a_sentence_is_not_a_field():
    doc = document_from_text("Toimenpide 3: Koulutetaan\nKoulutuksen rahoitus: tarkentuu myöhemmin.")
    (measure,) = recognise(doc, language="fi").measures
    assert measure.fields == ()
    assert measure.text == "Koulutuksen rahoitus: tarkentuu myöhemmin."


def test_field_line_locations_point_at_the_value():
    doc = document_from_text("Toimenpide 1: Laaditaan malli\nVastuutaho:   SM ja OM.  ")
    field = recognise(doc, language="fi").measures[0].field("responsible")
    assert field.value == "SM ja OM"
    assert (field.location.paragraph, field.location.start, field.location.end) == (1, 14, 22)


def test_a_bracketed_schedule_after_the_title_is_a_schedule_field():
    doc = document_from_text("Toimenpide 5: Selvitetään palvelut (2024–2027)\nVastuutaho: STM")
    measure = recognise(doc, language="fi").measures[0]
    assert measure.title == "Selvitetään palvelut"
    assert doc.body[0].text[measure.title_location.start:measure.title_location.end] == measure.title
    schedule = measure.field("schedule")
    assert (schedule.value, schedule.source, schedule.label) == ("2024–2027", "title-brackets", None)
    text = doc.body[0].text
    assert text[schedule.location.start:schedule.location.end] == "2024–2027"


def test_a_schedule_line_wins_over_the_bracketed_one_in_field_value():
    doc = document_from_text("Toimenpide 5: Selvitetään palvelut (2024)\nAikataulu: 2024–2025")
    measure = recognise(doc, language="fi").measures[0]
    assert measure.field_value("schedule") == "2024–2025"
    assert [f.source for f in measure.fields] == ["line", "title-brackets"]


def test_brackets_without_a_year_are_not_a_schedule():
    doc = document_from_text("Toimenpide 5: Selvitetään palvelut (STM)\nVastuutaho: STM")
    assert recognise(doc, language="fi").measures[0].field("schedule") is None


# -- chapters and objectives --------------------------------------------------

@pytest.mark.parametrize("heading, number, label, title", [
    ("VI Toimintaohjelman tavoitteet", "VI", "VI", "Toimintaohjelman tavoitteet"),
    ("VI. Toimintaohjelman tavoitteet", "VI", "VI.", "Toimintaohjelman tavoitteet"),
    ("Luku 3 Toimenpiteet", "3", "Luku 3", "Toimenpiteet"),
    ("Luku 3: Toimenpiteet", "3", "Luku 3", "Toimenpiteet"),
    ("3 luku Toimenpiteet", "3", "3 luku", "Toimenpiteet"),
    ("3. Toimenpiteet", "3", "3.", "Toimenpiteet"),
])
def test_finnish_chapter_heading_forms(heading, number, label, title):
    programme = recognise(document_from_text(f"# {heading}\nTekstiä on tässä luvussa paljon."), language="fi")
    assert [(c.number, c.label, c.title) for c in programme.chapters] == [(number, label, title)]


@pytest.mark.parametrize("language, heading, number", [
    ("sv", "Kapitel 3 Åtgärder", "3"), ("en", "Chapter 2 Measures", "2"), ("en", "Chapter IV: Measures", "IV"),
])
def test_swedish_and_english_chapter_heading_forms(language, heading, number):
    programme = recognise(document_from_text(f"# {heading}"), language=language)
    assert [c.number for c in programme.chapters] == [number]


def test_an_auto_numbered_roman_heading_is_a_chapter_numbered_as_rendered():
    doc = DocBuilder().h(0, "Toimenpiteet", numbering=Numbering("3", 0, "VI.", 6, "upperRoman")).build()
    (chapter,) = recognise(doc, language="fi").chapters
    assert (chapter.number, chapter.label, chapter.title) == ("VI", "VI.", "Toimenpiteet")


def test_a_roman_numeral_in_body_text_or_a_lower_heading_is_not_a_chapter():
    programme = recognise(document_from_text("## IV Alaotsikko\nVI kohta on tärkeä."), language="fi")
    assert programme.chapters == ()


def test_unnumbered_top_headings_end_the_chapter_but_are_not_chapters_by_default():
    programme = recognise(document_from_text("""
# Johdanto
Toimenpide 1: Ennen lukuja
Vastuutaho: SM
# II Toimenpiteet
Toimenpide 2: Luvussa
Vastuutaho: SM
# Liitteet
Toimenpide 3: Liitteessä
Vastuutaho: SM
"""), language="fi")
    assert [c.number for c in programme.chapters] == ["II"]
    assert [(m.number, m.chapter) for m in programme.measures] == [(1, None), (2, "II"), (3, None)]


def test_a_profile_may_make_unnumbered_top_headings_chapters(tmp_path):
    from drafter.profiles import load_profile

    source = load_profile("default").source
    from importlib import resources

    text = resources.files("drafter.rules").joinpath("layouts", "default.yaml").read_text(encoding="utf-8")
    text = text.replace("unnumbered_top_headings: boundary", "unnumbered_top_headings: chapter")
    custom = tmp_path / "chapters.yaml"
    custom.write_text(text, encoding="utf-8")
    programme = recognise(document_from_text("# Johdanto\n# II Toimenpiteet"), language="fi", profile=str(custom))
    assert [(c.number, c.title) for c in programme.chapters] == [(None, "Johdanto"), ("II", "Toimenpiteet")]
    assert source == "rules/layouts/default.yaml"


@pytest.mark.parametrize("text, number, title", [
    ("Tavoite 1: Uhrit tunnistetaan", 1, "Uhrit tunnistetaan"),
    ("Tavoite 2. Uhrit tunnistetaan", 2, "Uhrit tunnistetaan"),
    ("Strateginen tavoite 3: Uhrit tunnistetaan", 3, "Uhrit tunnistetaan"),
])
def test_objective_forms_as_headings_and_as_body_paragraphs(text, number, title):
    for markup in (f"## {text}", text):
        programme = recognise(document_from_text(markup), language="fi")
        assert [(o.number, o.title) for o in programme.objectives] == [(number, title)]


def test_objectives_keep_their_chapter_and_measures_keep_both_numbers():
    programme = recognise(document_from_text("""
# V Tausta
## Tavoite 1: Taustatavoite
# VI Toimenpiteet
Toimenpide 1: Ennen tavoitetta
Vastuutaho: SM
## Tavoite 1: Ensimmäinen
Toimenpide 2: Ensimmäisen alla
Vastuutaho: SM
## Tavoite 2: Toinen
Toimenpide 3: Toisen alla
Vastuutaho: SM
# VII Seuranta
Toimenpide 4: Seurannassa
Vastuutaho: SM
"""), language="fi")
    assert [(o.number, o.chapter) for o in programme.objectives] == [(1, "V"), (1, "VI"), (2, "VI")]
    assert [(m.number, m.chapter, m.objective) for m in programme.measures] == [
        (1, "VI", None), (2, "VI", 1), (3, "VI", 2), (4, "VII", None)]
    assert list(programme.measures_of(2, "VI")) == [programme.measures[2]]


def test_an_unnumbered_heading_at_the_objective_level_ends_the_objective():
    programme = recognise(document_from_text("""
## Tavoite 1: Ensimmäinen
Toimenpide 1: Tavoitteen alla
Vastuutaho: SM
## Seuranta
Toimenpide 2: Seurannan alla
Vastuutaho: SM
"""), language="fi")
    assert [m.objective for m in programme.measures] == [1, None]


# -- numbers kept as written ----------------------------------------------------

def test_gaps_and_duplicates_in_measure_numbers_are_kept_as_written():
    programme = recognise(document_from_text("""
## Tavoite 1: Numerot
Toimenpide 8: Kahdeksas
Vastuutaho: SM
Toimenpide 10: Kymmenes
Vastuutaho: SM
Toimenpide 10: Toinen kymmenes
Vastuutaho: SM
Toimenpide 9: Yhdeksäs
Vastuutaho: SM
"""), language="fi")
    assert [m.number for m in programme.measures] == [8, 10, 10, 9]


def test_typed_numbers_with_a_gap_are_still_a_sequence():
    doc = document_from_text("""
## Tavoite 1: Numerot
8. Kahdeksas
9. Yhdeksäs
11. Yhdestoista
12. Kahdestoista
""")
    assert [m.number for m in recognise(doc, language="fi").measures] == [8, 9, 11, 12]


# -- what never starts a measure -------------------------------------------------

def test_text_box_comment_and_note_paragraphs_never_start_measures():
    doc = (
        DocBuilder().h(1, "Tavoite 1: Laatikot")
        .p("Toimenpide 1: Tekstilaatikossa", container="textbox")
        .p("Toimenpide 2: Oikea toimenpide")
        .p("Vastuutaho: SM")
        .p("Toimenpide 3: Kommentissa", container="comment")
        .build()
    )
    programme = recognise(doc, language="fi")
    assert [(m.number, m.text) for m in programme.measures] == [(2, "")]


def test_tracked_insertions_are_kept_and_deletions_dropped_in_measure_text():
    doc = document_from_text("Toimenpide 1: Laaditaan malli\nMalli {++julkaistaan++}{--hylätään--} vuonna 2022.")
    assert recognise(doc, language="fi").measures[0].text == "Malli julkaistaan vuonna 2022."


def test_table_of_contents_lines_are_skipped():
    doc = DocBuilder().p("1. Johdanto 3", style="TOC1").p("2. Toimenpiteet 5", style="TOC1").build()
    assert recognise(doc, language="fi").measures == ()


# -- programme title, language, problems ---------------------------------------

def test_the_programme_title_comes_from_properties_then_title_style_then_first_heading():
    base = DocBuilder().p("Ohjelman nimi tyylistä", style="Title").h(0, "Iso otsikko")
    assert recognise(base.build(properties=Properties(title="Ominaisuuksista")), language="fi").title == "Ominaisuuksista"
    assert recognise(base.build(), language="fi").title == "Ohjelman nimi tyylistä"
    assert recognise(document_from_text("# Iso otsikko\n# I Johdanto"), language="fi").title == "Iso otsikko"
    assert recognise(document_from_text("# I Johdanto"), language="fi").title is None


def test_the_language_is_detected_unless_given():
    doc = document_from_text("Toimenpide 1: Laaditaan malli ja koulutetaan viranomaisia, jotta uhrit tunnistetaan.")
    assert recognise(doc).language == "fi"
    assert recognise(doc, language="sv-FI").language == "sv"


def test_a_draft_without_measures_gives_a_problem_with_advice_and_no_crash():
    programme = recognise(document_from_text("# Muistio\nTässä ei ole toimenpiteitä lainkaan, vain tekstiä."), language="fi")
    assert programme.measures == ()
    (problem,) = programme.problems
    assert problem.startswith("No measures were recognised")
    assert "'Vastuutaho:'" in problem and "profile" in problem


def test_an_empty_document_is_read_without_error():
    programme = recognise(document_from_text(""), language="fi")
    assert (programme.chapters, programme.objectives, programme.measures) == ((), (), ())


def test_an_unknown_profile_is_a_config_error():
    from drafter.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown layout profile 'nosuch'"):
        recognise(document_from_text("x"), profile="nosuch")


def test_measure_paragraphs_cover_title_body_and_fields_so_findings_can_be_placed():
    programme = recognise(document_from_text("""
Toimenpide 1: Laaditaan malli
Ensimmäinen kappale.
- luettelokohta
Vastuutaho: SM
Toimenpide 2: Koulutetaan
"""), language="fi")
    first = programme.measures[0]
    assert first.paragraphs == (0, 1, 2, 3)
    assert first.text == "Ensimmäinen kappale.\n• luettelokohta"
    assert [loc.paragraph for loc in first.body_locations] == [1, 2]
    assert programme.measure_at(3) is first and programme.measure_at(4) is programme.measures[1]


def test_a_numbered_paragraph_filling_a_gap_but_written_differently_is_reported():
    doc = (
        DocBuilder().h(1, "Tavoite 1: Numerot")
        .p("11. Laaditaan malli", bold=True).p("Vastuutaho: SM")
        .p("12. Koulutetaan viranomaisia. Koulutus järjestetään vuosittain kaikille viranomaisille, "
           "jotka kohtaavat työssään ihmiskaupan uhreja, ja sen sisältö päivitetään säännöllisesti. " * 4)
        .p("13. Julkaistaan opas", bold=True).p("Vastuutaho: OM")
        .p("14. Perustetaan verkosto", bold=True).p("Vastuutaho: OM")
        .build()
    )
    programme = recognise(doc, language="fi")
    assert [m.number for m in programme.measures] == [11, 13, 14]
    (problem,) = programme.problems
    assert problem.startswith('Paragraph 3 ("12. Koulutetaan viranomaisia.') and "measure 11, not as measure 12" in problem


def test_a_sentence_starting_with_a_number_is_not_an_opener():
    programme = recognise(document_from_text("""
## Tavoite 1: Aikataulu
Toimenpide 1: Laaditaan malli
3 kuukauden kuluessa mallista annetaan lausunto.
4 viikon välein pidetään kokous.
Vastuutaho: SM
"""), language="fi")
    assert [m.number for m in programme.measures] == [1]
    assert programme.problems == ()
