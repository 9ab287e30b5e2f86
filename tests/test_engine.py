"""The engine: selection, overrides, crash containment, suppression, order and parse findings."""

from __future__ import annotations

import dataclasses


from drafter.blocks import ReadNotice
from drafter.checks.engine import run_checks
from drafter.checks.loader import load_rules
from drafter.checks.registry import KINDS, kind
from drafter.config import config_from_mapping
from drafter.findings import Severity
from drafter.textdoc import document_from_text

from _engine_helpers import bare_programme

RULES = load_rules()
DRAFT = "Seminaari alkaa klo 14:00  vuosina 2021-2023.\nToinen kappale ja ja loppu."


def test_a_severity_override_changes_the_findings_severity():
    config = config_from_mapping({"rules": {"severity": {"STY001": "error"}}})
    found = [f for f in run_checks(bare_programme(DRAFT), config).findings if f.rule == "STY001"]
    assert found and all(f.severity is Severity.ERROR for f in found)


def test_disabling_a_category_removes_its_findings_but_keeps_others():
    config = config_from_mapping({"rules": {"disable": ["style"], "enable": ["STY015"]}})
    rules = {f.rule for f in run_checks(bare_programme(DRAFT), config).findings}
    assert "STY015" in rules
    assert not {"STY001", "STY002", "STY013"} & rules


def test_only_rules_of_the_drafts_language_and_common_ones_run():
    result = run_checks(bare_programme(DRAFT, "sv"), config_from_mapping({}))
    languages = {rule.id: rule.language for rule in load_rules()}
    assert result.rules_run
    assert {languages[r] for r in result.rules_run} <= {"sv", "any"}
    assert any(languages[r] == "sv" for r in result.rules_run)


def test_findings_are_sorted_by_position_and_deduplicated():
    result = run_checks(bare_programme(DRAFT), config_from_mapping({}))
    keys = [f.sort_key for f in result.findings]
    assert keys == sorted(keys)
    identities = [(f.rule, f.location.paragraph, f.location.start, f.message) for f in result.findings]
    assert len(identities) == len(set(identities))


def test_a_crashing_kind_becomes_a_parse_finding_naming_the_rule():
    if "test-crash" not in KINDS:
        @kind("test-crash", {})
        def crash(rule, ctx):
            """Always fails."""
            raise RuntimeError("boom")
    crashing = dataclasses.replace(RULES[0], id="TST999", name="test-crashing", kind="test-crash")
    result = run_checks(bare_programme(DRAFT), config_from_mapping({}), rules=(*RULES, crashing))
    [failure] = [f for f in result.findings if f.name == "check-failed"]
    assert failure.rule == "PAR004" and failure.category == "parse"
    assert "TST999" in failure.message and "boom" in failure.message
    assert any(f.rule == "STY001" for f in result.findings), "other rules still ran"


def test_a_drafter_ignore_comment_suppresses_findings_it_is_anchored_on():
    text = "Alkaa {==klo 14:00==}{>>drafter: ignore STY001<<} ja päättyy klo 16:00."
    result = run_checks(bare_programme(text), config_from_mapping({}), only={"STY001", "LEF001"})
    found = [f for f in result.findings if f.rule == "STY001"]
    assert [f.location.text for f in found] == ["klo 16:00"]
    assert result.suppressed == 1 and result.suppressed_by_rule == {"STY001": 1}
    assert not [f for f in result.findings if f.rule == "LEF001"], "directives are not leftovers"


def test_a_point_anchored_ignore_comment_covers_its_paragraph_and_bare_ignore_covers_all_rules():
    text = "Alkaa klo 14:00 vuosina 2021-2023.{>>drafter: ignore<<}\nToinen klo 15:00."
    result = run_checks(bare_programme(text), config_from_mapping({}), only={"STY001", "STY002"})
    assert [f.location.text for f in result.findings] == ["klo 15:00"]
    assert result.suppressed == 2


def test_a_config_ignore_entry_suppresses_a_rule():
    config = config_from_mapping({"rules": {"ignore": [{"rule": "repeated-word"}]}})
    result = run_checks(bare_programme(DRAFT), config, only={"STY015"})
    assert not result.findings and result.suppressed == 1


def test_reader_notices_and_structure_problems_become_parse_findings():
    document = dataclasses.replace(document_from_text("Teksti."),
                                   notices=(ReadNotice("bad-part", "word/header1.xml could not be read", "word/header1.xml"),))
    programme = dataclasses.replace(bare_programme("", document=document),
                                    problems=("A measure number could not be read.",))
    result = run_checks(programme, config_from_mapping({}), only={"PAR002", "PAR003"})
    by_rule = {f.rule: f for f in result.findings}
    assert by_rule["PAR002"].message == "word/header1.xml could not be read"
    assert by_rule["PAR002"].location.part == "word/header1.xml"
    assert by_rule["PAR003"].message == "A measure number could not be read."


def test_the_no_measures_advice_is_reported_once_under_par001():
    programme = dataclasses.replace(bare_programme("Pelkkää tekstiä."),
                                    problems=("No measures were recognised: add numbers.",))
    result = run_checks(programme, config_from_mapping({}), only={"PAR001", "PAR003"})
    assert [(f.rule, f.message) for f in result.findings] == [("PAR001", "No measures were recognised: add numbers.")]


def test_configuration_notices_reach_the_check_result():
    from dataclasses import replace

    config = replace(config_from_mapping({}), notices=("drafter.toml: something to know",))
    notices = run_checks(bare_programme(DRAFT), config, only={"STY001"}).notices
    assert "drafter.toml: something to know" in notices


def test_a_generic_language_finding_gives_way_to_a_specific_one_on_the_same_text():
    from drafter.checks.engine import _without_generic_repeats
    from drafter.findings import Finding, FindingLocation

    def finding(rule, category, start, end, paragraph=3):
        return Finding(rule, rule.lower(), category, "warning", "m",
                       FindingLocation(paragraph=paragraph, start=start, end=end))

    specific = finding("STY013", "style", 10, 12)
    repeat = finding("LNG002", "language", 9, 12)
    elsewhere = finding("LNG002", "language", 20, 25)
    other_paragraph = finding("LNG001", "language", 10, 12, paragraph=4)
    kept = _without_generic_repeats([specific, repeat, elsewhere, other_paragraph])
    assert kept == [specific, elsewhere, other_paragraph]
