"""The sample drafts' check reports: every planted fault is found, clean drafts stay clean.

corpus/samples/<name>.faults.yaml lists each deliberate fault the builder wrote
into a draft (category, measure, offending text); those lists are written from
the builder's data, not from drafter's output, so they test drafter from the
outside. The golden JSON files pin the whole report of each sample; regenerate
them with DRAFTER_REGENERATE=1 after an intended change and review the diff.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import pytest
import yaml

from drafter.api import check_file
from drafter.report.json_report import check_json

from conftest import SAMPLES

GOLDEN = Path(__file__).parent / "golden" / "check"
SAMPLE_FILES = sorted(SAMPLES.glob("*.docx"))
MAIN = SAMPLES / "toimintaohjelma-luonnos.docx"


@lru_cache(maxsize=None)
def result(path: Path):
    return check_file(path)


def faults(path: Path) -> list[dict]:
    data = yaml.safe_load(path.with_suffix(".faults.yaml").read_text(encoding="utf-8")) or []
    return data.get("faults", []) if isinstance(data, dict) else data


def covered_measures(finding) -> set[int]:
    """Measures a finding speaks of: its own, and those of a grouped finding."""
    measures = {finding.location.measure} if finding.location.measure is not None else set()
    details = dict(finding.details)
    for key in ("measures", "group"):
        value = details.get(key)
        if isinstance(value, (list, tuple)):
            measures.update(v for v in value if isinstance(v, int))
    return measures


def reports(fault: dict, findings) -> bool:
    for finding in findings:
        if finding.category != fault["category"]:
            continue
        if fault.get("measure") is not None and fault["measure"] not in covered_measures(finding):
            continue
        text = (fault.get("text") or "").strip()
        titles = dict(finding.details).get("titles") or ()
        titles = titles.values() if isinstance(titles, dict) else titles
        seen = " ".join((finding.location.text, finding.location.context, finding.message, *map(str, titles)))
        if not text or text in seen or finding.location.text and finding.location.text in text:
            return True
    return False


MAIN_FAULTS = faults(MAIN)


@pytest.mark.parametrize(
    "fault", MAIN_FAULTS,
    ids=[f"{f['category']}-{f.get('measure')}-{i}" for i, f in enumerate(MAIN_FAULTS)],
)
def test_every_planted_fault_of_the_main_sample_is_reported(fault):
    findings = result(MAIN).findings
    assert reports(fault, findings), (
        f"not reported: {fault}\n"
        f"findings of that category: {[(f.rule, f.location.measure, f.location.text) for f in findings if f.category == fault['category']]}"
    )


@pytest.mark.parametrize("path", [p for p in SAMPLE_FILES if not faults(p)], ids=lambda p: p.stem)
def test_a_sample_without_planted_faults_has_no_errors_or_warnings(path):
    noisy = [f for f in result(path).findings if f.severity.value in ("error", "warning")]
    assert not noisy, [(f.rule, f.location.measure, f.location.text, f.message) for f in noisy]


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_the_check_report_of_each_sample_matches_its_golden_file(path):
    report = check_json([result(path)])
    report["files"][0]["file"] = path.name
    text = json.dumps(report, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    golden = GOLDEN / f"{path.stem}.json"
    if os.environ.get("DRAFTER_REGENERATE") or not golden.exists():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        if not os.environ.get("DRAFTER_REGENERATE"):
            pytest.fail(f"golden file {golden.name} was missing and has been written; review and commit it")
    assert text == golden.read_text(encoding="utf-8")
