"""Rule packs are validated strictly, each mistake reported with file and line."""

from __future__ import annotations

import textwrap

import pytest

from drafter.checks.loader import check_unique, load_rules, parse_pack
from drafter.errors import ConfigError
from drafter.findings import CATEGORIES

GOOD_RULE = """\
rules:
  - id: TST001
    name: test-rule
    category: style
    severity: warning
    kind: existence
    message: "Found '{match}'."
    params:
      tokens: [kts]
    docs:
      why: Because.
      bad: |
        kts tämä
      good: |
        ks. tämä
"""


def _pack(text: str = GOOD_RULE, **replace):
    for old, new in replace.items():
        text = text.replace(old, new)
    return parse_pack(textwrap.dedent(text), "rules/fi/test.yaml", "fi")


def test_a_valid_pack_gives_rules_with_language_and_line():
    [rule] = _pack()
    assert (rule.id, rule.language, rule.line, rule.source_file) == ("TST001", "fi", 2, "rules/fi/test.yaml")
    assert rule.params["tokens"] == ["kts"]


def test_a_misspelt_key_is_reported_with_its_line_and_rule():
    with pytest.raises(ConfigError) as error:
        _pack(GOOD_RULE.replace("    severity: warning", "    sevrity: warning"))
    assert str(error.value).startswith("rules/fi/test.yaml:5: unknown key 'sevrity' in rule TST001")


def test_a_missing_required_key_is_reported():
    with pytest.raises(ConfigError, match=r"test.yaml:2: missing required key 'message' in rule TST001"):
        _pack(GOOD_RULE.replace("    message: \"Found '{match}'.\"\n", ""))


def test_a_bad_category_and_a_bad_severity_are_reported_on_their_lines():
    with pytest.raises(ConfigError, match=r":4: unknown category 'styl'"):
        _pack(GOOD_RULE.replace("category: style", "category: styl"))
    with pytest.raises(ConfigError, match=r":5: unknown severity 'fatal'"):
        _pack(GOOD_RULE.replace("severity: warning", "severity: fatal"))


def test_an_unknown_kind_is_reported_with_a_suggestion():
    with pytest.raises(ConfigError, match=r":6: unknown kind 'existance' in rule TST001 \(did you mean 'existence'"):
        _pack(GOOD_RULE.replace("kind: existence", "kind: existance"))


def test_a_parameter_the_kind_does_not_accept_is_reported():
    with pytest.raises(ConfigError, match=r":9: parameter 'tokenz' is not accepted by kind 'existence'"):
        _pack(GOOD_RULE.replace("tokens: [kts]", "tokenz: [kts]"))


def test_a_missing_required_parameter_is_reported():
    text = GOOD_RULE.replace("kind: existence", "kind: substitution").replace("tokens: [kts]", "scope: text")
    with pytest.raises(ConfigError, match=r"requires parameter 'swap'"):
        _pack(text)


def test_an_invalid_regex_is_reported():
    with pytest.raises(ConfigError, match=r"invalid regex"):
        _pack(GOOD_RULE.replace("tokens: [kts]", "patterns: ['(unclosed']"))


def test_a_bad_id_and_a_missing_docs_example_are_reported():
    with pytest.raises(ConfigError, match=r"id 'T1' must be"):
        _pack(GOOD_RULE.replace("TST001", "T1"))
    with pytest.raises(ConfigError, match=r"missing required key 'docs.good'"):
        _pack(GOOD_RULE.replace("      good: |\n        ks. tämä\n", ""))


def test_a_key_given_twice_is_reported():
    with pytest.raises(ConfigError, match=r":6: key 'severity' given twice"):
        _pack(GOOD_RULE.replace("    kind:", "    severity: info\n    kind:"))


def test_yaml_that_is_not_a_pack_is_skipped():
    assert parse_pack("terms:\n  - preferred: x\n", "rules/fi/terms.yaml") == []


def test_duplicate_ids_and_names_across_packs_are_reported():
    [first] = _pack()
    [second] = parse_pack(GOOD_RULE.replace("test-rule", "other-rule"), "rules/sv/test.yaml", "sv")
    with pytest.raises(ConfigError, match=r"rules/sv/test.yaml:2: duplicate rule id 'TST001'"):
        check_unique([first, second])


def test_every_installed_pack_loads_with_unique_ids_and_contract_categories():
    rules = load_rules()
    assert len({r.id for r in rules}) == len(rules)
    assert all(r.category in CATEGORIES for r in rules)
    assert {"STY001", "LEF001", "PAR001"} <= {r.id for r in rules}
