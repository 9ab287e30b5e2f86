"""Crashes found by fuzzing and probing, each reduced to the smallest draft that showed it."""

from __future__ import annotations

import zipfile

import pytest

from drafter.ooxml.reader import read_document
from hostile_builders import BODY, MEASURE_TEXT, write_draft
from hostile_cli import assert_read, run


def test_publishing_a_package_without_content_types_or_core_properties_adds_both(tmp_path):
    # Fuzz seed 4219729122725603262 (a sample draft with [Content_Types].xml and core.xml dropped):
    # publish sets the language in core.xml, so it adds that part and registers its content
    # type, and crashed with KeyError: '[Content_Types].xml'.
    (tmp_path / "drafter.toml").write_text('language = "fi"\n', encoding="utf-8")  # publish sets it in core.xml
    source = write_draft(tmp_path / "luonnos.docx", {"[Content_Types].xml": None, "docProps/core.xml": None})
    output = tmp_path / "julkaisu.docx"
    outcome = run("publish", source, "-o", output)
    assert_read(outcome)
    with zipfile.ZipFile(output) as archive:
        types = archive.read("[Content_Types].xml").decode()
        assert "docProps/core.xml" in archive.namelist()
    assert 'PartName="/docProps/core.xml"' in types
    assert 'PartName="/word/document.xml"' in types and "document.main+xml" in types
    assert MEASURE_TEXT in [p.text for p in read_document(str(output)).paragraphs()]


@pytest.mark.slow
def test_a_half_megabyte_paragraph_is_checked_within_a_minute(tmp_path):
    # Fuzz seeds 4390276817285053526, 5113399705384609705, 2857079000612367252: a sentence of a
    # sample draft repeated 5,000 times in one w:t. The CLI stops it after DRAFTER_TIME_LIMIT with
    # one line, so it is not a hang, but a legitimate long paragraph should not take minutes.
    from drafter.api import check_file
    from drafter.limits import time_limit

    sentence = "Toimeenpanoa seuraa yhdenvertaisuusasioiden neuvottelukunta, joka raportoi oikeusministeriölle. "
    body = BODY.replace("<w:t>Aikataulu: 2025–2027</w:t>",
                        f"<w:t>Aikataulu: 2025–2027</w:t></w:r></w:p><w:p><w:r><w:t>{sentence * 5000}</w:t>")
    path = write_draft(tmp_path / "pitka.docx", body=body)
    with time_limit(str(path), 60):
        result = check_file(path)
    assert result.error is None
