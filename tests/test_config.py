"""drafter.toml: discovery above the draft, strict keys with file:line, overrides."""

from __future__ import annotations


import pytest

from drafter.checks.registry import Rule, RuleDocs
from drafter.config import DEFAULT, config_from_mapping, load_config
from drafter.errors import ConfigError
from drafter.findings import Severity


def _rule(**kw) -> Rule:
    base = dict(id="STY001", name="clock-time-format", category="style", severity=Severity.WARNING,
                kind="substitution", message="m", docs=RuleDocs("why", "bad", "good"))
    base.update(kw)
    return Rule(**base)


def test_no_config_anywhere_gives_the_defaults(tmp_path):
    draft = tmp_path / "draft.docx"
    draft.write_bytes(b"")
    config = load_config(draft)
    assert config is DEFAULT
    assert config.required_fields == ("responsible", "schedule", "funding")
    assert config.fail_on is Severity.ERROR


def test_the_nearest_config_above_the_draft_is_found(tmp_path):
    (tmp_path / "drafter.toml").write_text('language = "sv"\n', encoding="utf-8")
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    config = load_config(folder / "draft.docx")
    assert config.language == "sv"
    assert config.path == tmp_path / "drafter.toml"


def test_an_explicit_config_replaces_the_search(tmp_path):
    (tmp_path / "drafter.toml").write_text('language = "sv"\n', encoding="utf-8")
    other = tmp_path / "other.toml"
    other.write_text('language = "en"\n', encoding="utf-8")
    assert load_config(tmp_path / "draft.docx", other).language == "en"


def test_an_unknown_key_names_file_line_and_key_path(tmp_path):
    path = tmp_path / "drafter.toml"
    path.write_text('language = "fi"\n\n[rules]\nenable = ["STY001"]\nsevrity = {style = "info"}\n',
                    encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_config(None, path)
    message = str(error.value)
    assert f"{path}:5:" in message
    assert "rules.sevrity" in message and "did you mean 'severity'" in message


def test_an_unknown_top_level_table_is_an_error(tmp_path):
    path = tmp_path / "drafter.toml"
    path.write_text('[check]\nfail_on = "warning"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"drafter.toml:1: unknown key 'check'"):
        load_config(None, path)


def test_invalid_toml_is_one_config_error(tmp_path):
    path = tmp_path / "drafter.toml"
    path.write_text('language = \n', encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(None, path)


@pytest.mark.parametrize("value, expected", [
    ('"2021–2023"', (2021, 2023)), ('"2021-2023"', (2021, 2023)), ("[2021, 2023]", (2021, 2023)),
    ("2024", (2024, 2024)),
])
def test_the_period_is_read_from_a_range_or_a_pair(tmp_path, value, expected):
    path = tmp_path / "drafter.toml"
    path.write_text(f"period = {value}\n", encoding="utf-8")
    assert load_config(None, path).period == expected


def test_a_backwards_period_is_rejected():
    with pytest.raises(ConfigError, match="period"):
        config_from_mapping({"period": "2023–2021"})


def test_bad_severity_and_unknown_language_are_rejected():
    with pytest.raises(ConfigError, match="unknown severity"):
        config_from_mapping({"rules": {"severity": {"STY001": "fatal"}}})
    with pytest.raises(ConfigError, match="unknown language 'de'"):
        config_from_mapping({"language": "de"})


def test_the_most_specific_severity_override_wins():
    config = config_from_mapping({"rules": {"severity": {"style": "info", "STY001": "error"}}})
    assert config.severity_for(_rule()) is Severity.ERROR
    assert config.severity_for(_rule(id="STY002", name="range-hyphen")) is Severity.INFO


def test_an_id_enables_one_rule_of_a_disabled_category():
    config = config_from_mapping({"rules": {"disable": ["style"], "enable": ["STY001"]}})
    assert config.rule_state(_rule()) is True
    assert config.rule_state(_rule(id="STY002", name="range-hyphen")) is False
    assert config.rule_state(_rule(enabled=False, id="STY009", name="x")) is False


def test_authorities_terms_abbreviations_and_ignore_are_normalised():
    config = config_from_mapping({
        "authorities": ["Ihmiskaupparaportoija", {"name": "Poliisihallitus", "abbreviation": "POHA"}],
        "terms": {"sähköposti": ["e-mail", "email"]},
        "abbreviations": {"DVV": "Digi- ja väestötietovirasto"},
        "budget_note": "Määrärahoista päätetään julkisen talouden suunnitelman ja talousarvioiden yhteydessä.",
        "rules": {"ignore": [{"rule": "STY013", "measure": 12}]},
    })
    assert config.authorities[0]["name"] == "Ihmiskaupparaportoija"
    assert config.extra_authorities[1]["abbreviation"] == "POHA"
    assert config.terms["sähköposti"] == ("e-mail", "email")
    assert config.abbreviations["DVV"].startswith("Digi")
    assert config.ignore[0].rule == "STY013" and config.ignore[0].measure == 12
    assert config.budget_note.startswith("Määrärahoista")


def test_unknown_publish_keys_are_errors_with_a_suggestion_and_known_ones_are_type_checked():
    with pytest.raises(ConfigError, match=r"unknown key 'acept_revisions'; did you mean 'accept_revisions'"):
        config_from_mapping({"publish": {"acept_revisions": True, "renumber": True}})
    with pytest.raises(ConfigError, match="publish.renumber"):
        config_from_mapping({"publish": {"renumber": "yes"}})
    with pytest.raises(ConfigError, match=r"publish.description_page.isbm"):
        config_from_mapping({"publish": {"description_page": {"isbm": "978-952-00-0000-0"}}})
    config = config_from_mapping({"publish": {"annex_table": True, "funding_summary": True,
                                              "description_page": {"isbn": "978-952-00-0000-0"}}})
    assert config.publish["annex_table"] and not config.notices


def test_an_authority_table_without_a_name_is_rejected():
    with pytest.raises(ConfigError, match="needs a 'name'"):
        config_from_mapping({"authorities": [{"abbreviation": "X"}]})
