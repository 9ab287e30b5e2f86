"""drafter.statutes: Finnish and Swedish statute references and their form errors."""

from __future__ import annotations

import pytest

from drafter.statutes import act_base, find_form_errors, find_statute_references, is_specific_act


def one(text: str, language: str = "fi"):
    (reference,) = find_statute_references(text, language)
    return reference


@pytest.mark.parametrize("text, act, chapter, sections, subsection", [
    ("rikoslain 25 luvun 3 a §", "rikoslaki", "25", ["3 a"], None),
    ("ulkomaalaislain 52 a §:n mukaan", "ulkomaalaislaki", None, ["52 a"], None),
    ("3 §:n 2 momentti", None, None, ["3"], "2"),
    ("lain (123/2021) 4 §", "123/2021", None, ["4"], None),
    ("2 ja 4 §:ssä", None, None, ["2", "4"], None),
    ("3–5 §:ään", None, None, ["3", "4", "5"], None),
    ("hallintolain 9. §:ssä", "hallintolaki", None, ["9"], None),
])
def test_finnish_references_are_parsed(text, act, chapter, sections, subsection):
    reference = one(text)
    assert reference.act_key == act
    assert reference.chapter == chapter
    assert reference.section_keys() == sections
    assert reference.subsection == subsection


def test_the_ordinal_form_is_recognised_as_such():
    assert one("hallintolain 9. §:ssä").ordinal
    assert not one("hallintolain 9 §:ssä").ordinal


@pytest.mark.parametrize("text, act, chapter, sections", [
    ("25 kap. 3 § strafflagen", "strafflag", "25", ["3"]),
    ("52 a § utlänningslagen (301/2004)", "301/2004", None, ["52 a"]),
    ("enligt 3 § i förvaltningslagen", "förvaltningslag", None, ["3"]),
])
def test_swedish_references_are_parsed(text, act, chapter, sections):
    reference = one(text, "sv")
    assert (reference.act_key, reference.chapter, reference.section_keys()) == (act, chapter, sections)


def test_english_section_of_act_references_are_parsed():
    reference = one("under section 52a of the Aliens Act (301/2004)", "en")
    assert reference.act == "Aliens Act" and reference.act_key == "301/2004"
    assert reference.section_keys() == ["52 a"]


def test_a_reference_inside_quotation_marks_is_marked_quoted():
    assert one("annettiin ”Laki ulkomaalaislain 3 §:n muuttamisesta”").quoted
    assert not one("ulkomaalaislain 3 §:n mukaan").quoted


def test_plain_numbers_are_not_statute_references():
    assert find_statute_references("Vuonna 2021 toteutettiin 3 toimenpidettä.", "fi") == []


@pytest.mark.parametrize("text, wrong, problem, replacement", [
    ("Lain 3§ mukaan", "3§", "no-space", "3 §"),
    ("hallintolain § 3 mukaan", "§ 3", "sign-before-number", "3 §"),
    ("hallintolain §§ 2–4:ssä", "§§ 2–4:ssä", "sign-before-number", "2–4 §:ssä"),
    ("hallintolain 2 §n mukaan", "§n", "ending-without-colon", "§:n"),
    ("hallintolain 3-5 §:ssä", "3-5", "range-hyphen", "3–5"),
])
def test_finnish_form_errors_are_found_with_their_correction(text, wrong, problem, replacement):
    errors = find_form_errors(text, "fi")
    assert [(e.text, e.problem, e.replacement) for e in errors] == [(wrong, problem, replacement)]
    assert text[errors[0].start:errors[0].end] == wrong


@pytest.mark.parametrize("text", [
    "rikoslain 25 luvun 3 a §:n mukaan", "2 ja 4 §:ssä", "3–5 §:ään", "3 §:n 2 momentti", "hallintolain 9. §:ssä",
])
def test_well_written_references_have_no_form_errors(text):
    assert find_form_errors(text, "fi") == []


def test_swedish_form_errors_and_english_text_left_alone():
    assert [e.problem for e in find_form_errors("Enligt 3§ och § 4 i lagen", "sv")] == ["no-space", "sign-before-number"]
    assert find_form_errors("under § 4 of the Act", "en") == []


def test_act_names_reduce_to_their_base_form():
    assert act_base("rikoslain") == act_base("rikoslaissa") == "rikoslaki"
    assert act_base("strafflagen") == "strafflag"
    assert is_specific_act("rikoslaki") and is_specific_act("123/2021")
    assert not is_specific_act("laki") and not is_specific_act(None)
