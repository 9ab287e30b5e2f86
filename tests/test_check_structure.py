"""Structure checks: required measure fields, empty fields, responsible lines naming someone."""

from __future__ import annotations

from drafter.blocks import Location
from drafter.checks.engine import run_checks
from drafter.checks.loader import rule_index
from drafter.checks.registry import KINDS, CheckContext
from drafter.config import config_from_mapping
from drafter.model import FieldLine, Measure, Programme
from drafter.structure import recognise
from drafter.textdoc import document_from_text

RULES = rule_index()


def check(rule_id: str, text: str, language: str = "fi", config: dict | None = None):
    programme = recognise(document_from_text(text, language=language), language=language)
    result = run_checks(programme, config_from_mapping(config or {}), only={rule_id})
    return [f for f in result.findings if f.rule == rule_id]


def run_kind(rule_id: str, programme: Programme, config=None):
    rule = RULES[rule_id]
    return list(KINDS[rule.kind].function(rule, CheckContext(programme, config)))


def hand_built(*fields: tuple[str, str], language: str = "fi") -> Programme:
    """One measure whose title is paragraph 0 and whose fields follow, built without recognise()."""
    lines = ["12. Laaditaan poliisille toimintamalli"] + [f"Label: {value}" for _, value in fields]
    document = document_from_text("\n".join(lines), language=language)
    field_lines = tuple(
        FieldLine(key, "Label", value, Location(paragraph=i + 1)) for i, (key, value) in enumerate(fields)
    )
    measure = Measure(12, "12.", "Laaditaan poliisille toimintamalli", "", Location(paragraph=0),
                      chapter="VI", objective=1, fields=field_lines, paragraphs=tuple(range(len(lines))),
                      title_location=Location(paragraph=0, start=4, end=38))
    return Programme("t.docx", language, None, (), (), (measure,), document)


def test_each_missing_required_field_is_one_finding_on_the_measure_title():
    found = run_kind("STR001", hand_built())
    # A missing funding line is left to funding-missing (category funding).
    assert [f.details for f in found] == [(("field", "responsible"),), (("field", "schedule"),)]
    found = found[1:]
    first = found[0]
    assert first.message == "Measure 12 has no aikataulu line."
    assert first.location.measure == 12 and first.location.paragraph == 0
    assert first.location.text == "Laaditaan poliisille toimintamalli"


def test_config_required_fields_replace_the_default():
    from drafter.config import Config

    programme = hand_built(("responsible", "SM"))
    assert run_kind("STR001", programme, Config(required_fields=("responsible",))) == []


def test_swedish_drafts_get_their_own_field_words():
    text = """
# VI Åtgärder
## Mål 1: Offren identifieras
Åtgärd 1: En nationell modell utarbetas för polisen
Ansvarig: IM
Finansiering: Genomförs som tjänsteuppdrag.
"""
    found = check("STR001", text, "sv")
    assert [f.message for f in found] == ["Measure 1 has no tidtabell line."]


def test_a_complete_measure_has_no_structure_findings():
    text = """
# VI Toimenpiteet
## Tavoite 1: Uhrit tunnistetaan
### 1. Laaditaan poliisille toimintamalli
Vastuutaho: SM
Aikataulu: 2021–2022
Rahoitus: Toteutetaan virkatyönä.
"""
    assert check("STR001", text) == [] and check("STR002", text) == [] and check("STR003", text) == []


def test_an_empty_field_is_reported_on_its_own_line():
    found = run_kind("STR002", hand_built(("responsible", "SM"), ("schedule", " – "), ("funding", "XX")))
    assert [f.location.paragraph for f in found] == [2]
    assert found[0].message == "Measure 12: the Label line is empty."


def test_placeholder_words_count_as_empty():
    found = run_kind("STR002", hand_built(("responsible", "SM"), ("schedule", "avoin"), ("funding", "virkatyönä")))
    assert [f.details for f in found] == [(("field", "schedule"),)]


def test_a_responsible_line_naming_no_body_is_flagged():
    found = run_kind("STR003", hand_built(("responsible", "kaikki toimijat")))
    assert len(found) == 1
    assert found[0].location.text == "kaikki toimijat"


def test_abbreviations_names_and_authority_words_are_recognised():
    for value in ("SM", "Poliisihallitus", "kunnat ja hyvinvointialueet", "työ- ja elinkeinoministeriö"):
        assert run_kind("STR003", hand_built(("responsible", value))) == [], value


def test_swedish_vague_responsible_line_is_flagged():
    text = """
# VI Åtgärder
## Mål 1: Offren identifieras
Åtgärd 1: En nationell modell utarbetas för polisen
Ansvarig: olika aktörer
"""
    assert len(check("STR103", text, "sv")) == 1
    assert check("STR103", text.replace("olika aktörer", "IM och Polisstyrelsen"), "sv") == []
