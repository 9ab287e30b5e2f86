"""The JSON check report follows contract §2 exactly, with added keys only."""

from __future__ import annotations

import json
import os
from pathlib import Path

from drafter.report.json_report import SCHEMA, check_json, render_json
from report_samples import clean_result, sample_result, unreadable_result

GOLDEN = Path(__file__).parent / "golden" / "reports"
FINDING_KEYS = {"rule", "name", "category", "severity", "message", "location", "fix"}
LOCATION_KEYS = {"chapter", "objective", "measure", "paragraph", "start", "end", "text", "context"}


def test_json_report_matches_the_golden_file():
    text = render_json([sample_result(), unreadable_result(), clean_result()])
    path = GOLDEN / "sample.json"
    if os.environ.get("DRAFTER_REGENERATE"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), "sample.json differs; DRAFTER_REGENERATE=1 rewrites it"


def test_the_document_has_the_schema_and_one_entry_per_file_in_order():
    data = json.loads(render_json([sample_result(), unreadable_result(), clean_result()]))
    assert data["schema"] == SCHEMA == "drafter.check/1"
    assert [f["file"] for f in data["files"]] == ["toimintaohjelma-luonnos.docx", "broken.docx", "valmis.docx"]


def test_every_file_and_finding_carries_the_contract_keys():
    data = check_json([sample_result()])
    entry = data["files"][0]
    assert {"file", "summary", "findings"} <= entry.keys()
    assert entry["summary"] == {"error": 2, "warning": 3, "info": 2}
    assert len(entry["findings"]) == 7
    for finding in entry["findings"]:
        assert FINDING_KEYS <= finding.keys()
        assert LOCATION_KEYS <= finding["location"].keys()
        assert finding["severity"] in {"error", "warning", "info"}
        if finding["fix"] is not None:
            assert set(finding["fix"]) >= {"title", "applicability", "replacement"}


def test_a_finding_inside_a_measure_names_it_and_a_document_level_one_has_null():
    findings = {f["rule"]: f for f in check_json([sample_result()])["files"][0]["findings"]}
    assert findings["STY001"]["location"]["measure"] == 22
    assert findings["STY001"]["location"]["text"] == "14:00"
    assert findings["STY001"]["fix"] == {"title": "Use a period in clock times", "applicability": "safe",
                                         "replacement": "14.00"}
    assert findings["LEF001"]["location"]["measure"] is None
    assert findings["LEF001"]["fix"] is None


def test_added_keys_describe_the_run():
    entry = check_json([sample_result()])["files"][0]
    assert entry["language"] == "fi"
    assert entry["measures"] == 3
    assert entry["fixable"] == 4 and entry["safe_fixes"] == 3
    assert entry["suppressed"] == 2
    assert entry["notices"] == ["spaCy model for Finnish is not installed: LAN rules skipped."]
    assert entry["title"] == "Ihmiskaupan vastainen toimintaohjelma 2021–2023"


def test_an_unreadable_file_has_an_error_an_empty_summary_and_no_findings():
    entry = check_json([unreadable_result()])["files"][0]
    assert entry == {
        "file": "broken.docx", "summary": {"error": 0, "warning": 0, "info": 0}, "findings": [],
        "error": "not a Word document (the file is not a ZIP package)",
    }


def test_finnish_text_is_written_as_utf8_not_escaped():
    text = render_json([sample_result()])
    assert "työ- ja elinkeinoministeriö" in text
    assert "\\u00f6" not in text
    assert text.endswith("}\n")
