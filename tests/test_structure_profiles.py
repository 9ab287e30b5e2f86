"""Layout profiles: the shipped default loads, and broken profiles fail with file and line."""

from __future__ import annotations

import pytest

from drafter.errors import ConfigError
from drafter.profiles import available_profiles, load_profile, parse_profile

MINIMAL = """\
name: tiny
languages:
  fi:
    fields:
      responsible:
        labels: [Vastuutaho]
"""


def test_the_default_profile_loads_for_every_language():
    profile = load_profile(None)
    assert profile.name == "default" and "default" in available_profiles()
    assert set(profile.layouts) == {"fi", "sv", "en"}
    for layout in profile.layouts.values():
        assert {f.key for f in layout.fields} == {"responsible", "other_actors", "schedule", "funding", "indicators"}
        assert layout.chapter and layout.objective and layout.measure_prefix and layout.typed_number
        assert {"number", "measure", "responsible", "schedule", "funding"} <= set(layout.table_columns)


def test_a_minimal_profile_is_valid_and_falls_back_to_its_only_language():
    profile = parse_profile(MINIMAL, "tiny.yaml")
    assert profile.layout("sv").language == "fi"
    assert profile.unnumbered_top_headings == "boundary"


@pytest.mark.parametrize("text, line, message", [
    (MINIMAL + "colour: red\n", 7, "unknown key 'colour'"),
    (MINIMAL.replace("    fields:", "    feilds:"), 4, "unknown key 'feilds'"),
    (MINIMAL.replace("labels: [Vastuutaho]", "labels: [Vastuutaho]\n        trim: true"), 7, "unknown key 'trim'"),
    (MINIMAL + "    chapter: ['^(?P<label>(unclosed']\n", 7, "does not compile"),
    (MINIMAL + "    chapter: ['^(?P<label>I) (?P<title>.*)$']\n", 7, "named group(s) number"),
    (MINIMAL.replace("  fi:", "  de:"), 3, "unknown language 'de'"),
    (MINIMAL + "unnumbered_top_headings: maybe\n", 7, "'boundary' or 'chapter'"),
    (MINIMAL.replace("labels: [Vastuutaho]", "labels: Vastuutaho"), 6, "must be a list"),
    ("name: [x\n", 2, "not valid YAML"),
])
def test_profile_errors_name_the_file_and_line(text, line, message):
    with pytest.raises(ConfigError) as error:
        parse_profile(text, "custom.yaml")
    assert str(error.value).startswith(f"custom.yaml:{line}: ")
    assert message in str(error.value)


def test_a_profile_can_be_loaded_from_a_path(tmp_path):
    path = tmp_path / "ministry.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    assert load_profile(str(path)).name == "tiny"


def test_unknown_profiles_list_the_known_ones():
    with pytest.raises(ConfigError, match=r"known profiles: .*default"):
        load_profile("nosuch")


def test_profile_names_cannot_reach_outside_the_layouts_folder():
    with pytest.raises(ConfigError):
        load_profile("../authorities")
