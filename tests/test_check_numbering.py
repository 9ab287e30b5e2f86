"""Numbering checks: measure gaps, duplicates, order, run-on vs restart, chapters, objectives, mixed numbering."""

from __future__ import annotations

from drafter.blocks import Location
from drafter.checks.engine import run_checks
from drafter.checks.loader import rule_index
from drafter.checks.numbering_checks import analyse_sequence, number_list
from drafter.checks.registry import KINDS, CheckContext
from drafter.config import config_from_mapping
from drafter.model import Chapter, Measure, Objective, Programme
from drafter.structure import recognise
from drafter.textdoc import document_from_text

RULES = rule_index()


def check(rule_id: str, text: str, language: str = "fi"):
    programme = recognise(document_from_text(text, language=language), language=language)
    result = run_checks(programme, config_from_mapping({}), only={rule_id})
    return [f for f in result.findings if f.rule == rule_id]


def run_kind(rule_id: str, programme: Programme):
    rule = RULES[rule_id]
    return list(KINDS[rule.kind].function(rule, CheckContext(programme)))


def measures(*spec: tuple[int, int], auto: set[int] = frozenset()) -> Programme:
    """Measures given as (number, objective), one title paragraph each ("N. Toimenpide N")."""
    lines = [f"{n}. Toimenpide numero {n}" for n, _ in spec]
    document = document_from_text("\n".join(lines))
    built = tuple(
        Measure(n, f"{n}.", f"Toimenpide numero {n}", "", Location(paragraph=i), chapter="VI", objective=o,
                paragraphs=(i,), auto_numbered=i in auto, layout="autonumber" if i in auto else "typed")
        for i, (n, o) in enumerate(spec)
    )
    return Programme("t.docx", "fi", None, (), (), built, document)


def test_a_gap_names_the_missing_number_and_the_jump():
    found = run_kind("NUM001", measures(*[(n, 1) for n in range(1, 38)], (39, 1), (40, 1)))
    assert [f.message for f in found] == ["Measure 38 is missing: numbering jumps from 37 to 39."]
    assert found[0].location.measure == 39 and found[0].location.text == "39."


def test_the_gap_fix_renumbers_typed_labels_and_is_unsafe():
    (finding,) = run_kind("NUM001", measures((1, 1), (2, 1), (4, 1), (5, 1)))
    assert finding.fix.applicability == "unsafe" and finding.fix.replacement == "3."
    assert dict(finding.details)["renumbering"] == {"4": 3, "5": 4}


def test_several_missing_numbers_are_listed():
    (finding,) = run_kind("NUM001", measures((1, 1), (5, 1)))
    assert finding.message == "Measures 2, 3 and 4 are missing: numbering jumps from 1 to 5."


def test_numbering_that_starts_late_is_a_gap():
    (finding,) = run_kind("NUM001", measures((3, 1), (4, 1)))
    assert finding.message == "Measures 1 and 2 are missing: numbering starts at 3."


def test_duplicates_and_disorder_are_separate_findings():
    programme = measures((1, 1), (2, 1), (2, 1), (4, 1), (3, 1))
    assert [f.location.paragraph for f in run_kind("NUM002", programme)] == [2]
    assert [f.message for f in run_kind("NUM003", programme)] == [
        "Measure 3 comes after measure 4: the numbers are out of order."]
    assert run_kind("NUM001", programme) == []


def test_the_majority_decides_that_numbering_runs_on_and_a_restart_is_flagged():
    programme = measures((1, 1), (2, 1), (3, 2), (4, 2), (1, 3), (2, 3), (7, 4))
    (finding,) = run_kind("NUM004", programme)
    assert "restarts at 1 under objective 3" in finding.message
    assert run_kind("NUM002", programme) == []  # the restarted run is judged on its own


def test_the_majority_decides_that_numbering_restarts_and_a_run_on_is_flagged():
    programme = measures((1, 1), (2, 1), (1, 2), (2, 2), (1, 3), (2, 3), (3, 4), (4, 4))
    (finding,) = run_kind("NUM004", programme)
    assert "runs on from 2 to 3 under objective 4" in finding.message
    assert run_kind("NUM001", programme) == [] and run_kind("NUM002", programme) == []


def test_consistent_restarting_numbering_is_fine():
    programme = measures((1, 1), (2, 1), (1, 2), (2, 2), (3, 2), (1, 3))
    for rule_id in ("NUM001", "NUM002", "NUM003", "NUM004"):
        assert run_kind(rule_id, programme) == [], rule_id


def test_mixed_auto_and_typed_numbers_report_which_are_which():
    (finding,) = run_kind("NUM007", measures((1, 1), (2, 1), (3, 1), (4, 1), auto={0, 1, 2}))
    assert "1–3 come from Word's automatic list numbering, 4 are typed" in finding.message
    assert finding.location.measure == 4


def test_chapter_numerals_in_sequence():
    document = document_from_text("# I Johdanto\n# II Tausta\n# IV Toimenpiteet")
    chapters = tuple(Chapter(n, t, Location(paragraph=i)) for i, (n, t) in
                     enumerate([("I", "Johdanto"), ("II", "Tausta"), ("IV", "Toimenpiteet")]))
    (finding,) = run_kind("NUM005", Programme("t.docx", "fi", None, chapters, (), (), document))
    assert finding.message == "Chapter III is missing: chapters jump from II to IV."
    assert finding.location.text == "IV"


def test_objectives_in_sequence_through_recognise():
    text = """
# VI Toimenpiteet
## Tavoite 1: Uhrit tunnistetaan
## Tavoite 2: Uhrit saavat apua
## Tavoite 2: Tekijät saadaan vastuuseen
"""
    assert [f.message for f in check("NUM006", text)] == ["Objective number 2 is used twice."]
    objectives = tuple(Objective(n, "x", Location(paragraph=0), chapter="VI") for n in (1, 2, 3))
    programme = Programme("t.docx", "fi", None, (), objectives, (), document_from_text("x"))
    assert run_kind("NUM006", programme) == []


def test_swedish_draft_gap_through_recognise():
    text = """
# VI Åtgärder
## Mål 1: Offren identifieras
Åtgärd 1: En modell utarbetas
Åtgärd 2: Myndigheterna utbildas
Åtgärd 4: Rådgivningen stärks
"""
    (finding,) = check("NUM001", text, "sv")
    assert finding.message == "Measure 3 is missing: numbering jumps from 2 to 4."
    assert finding.fix.replacement == "Åtgärd 3:"


def test_sequence_analysis_and_number_lists():
    assert analyse_sequence([1, 2, 3]).problems == ()
    assert analyse_sequence([]).problems == ()
    assert number_list([5, 1, 2, 3, 9, 10]) == "1–3, 5 and 9–10"
