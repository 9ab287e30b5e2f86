"""The sample drafts in corpus/samples read as their truth files say, and as their golden outlines.

Each corpus/samples/NAME.docx has NAME.truth.json, the outline a reader sees
(written by hand with the sample). The outline drafter produces must agree with
it on every measure's number, label, title, text, chapter, objective and fields,
and on the chapters and objectives. The full outline JSON is also kept as a
golden file (tests/golden/outline/samples/NAME.json; regenerate with
DRAFTER_REGENERATE=1 and review the diff).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import SAMPLES

GOLDEN = Path(__file__).parent / "golden" / "outline" / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.docx")) if SAMPLES.is_dir() else []
MEASURE_KEYS = ("number", "label", "title", "text", "chapter", "objective")

pytestmark = pytest.mark.skipif(not SAMPLE_FILES, reason="corpus/samples holds no sample drafts")


def outline_of(path: Path) -> dict:
    from drafter.ooxml.reader import read_document
    from drafter.report.outline import outline_json
    from drafter.structure import recognise

    return outline_json(recognise(read_document(str(path))))


@pytest.fixture(scope="module")
def outlines() -> dict[str, dict]:
    return {path.name: outline_of(path) for path in SAMPLE_FILES}


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_outline_agrees_with_its_truth_file(path, outlines):
    truth_path = path.with_suffix(".truth.json")
    if not truth_path.exists():
        pytest.skip(f"{truth_path.name} is missing")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    got = outlines[path.name]
    assert got["schema"] == truth["schema"] == "drafter.outline/1"
    assert (got["file"], got["language"], got["title"]) == (truth["file"], truth["language"], truth["title"])
    assert [(c["number"], c["title"]) for c in got["chapters"]] == [(c["number"], c["title"]) for c in truth["chapters"]]
    assert [(o["number"], o["title"], o["chapter"]) for o in got["objectives"]] == [
        (o["number"], o["title"], o["chapter"]) for o in truth["objectives"]]
    assert [m["number"] for m in got["measures"]] == [m["number"] for m in truth["measures"]]
    for mine, expected in zip(got["measures"], truth["measures"]):
        where = f"measure {expected['number']} ({expected['title'][:40]})"
        for key in MEASURE_KEYS:
            assert mine[key] == expected[key], f"{where}: {key}"
        for key, value in expected["fields"].items():
            assert mine["fields"].get(key) == value, f"{where}: fields.{key}"
    assert got["problems"] == []


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_sample_outline_matches_its_golden_file(path, outlines):
    produced = json.dumps(outlines[path.name], ensure_ascii=False, indent=2) + "\n"
    golden = GOLDEN / f"{path.stem}.json"
    if os.environ.get("DRAFTER_REGENERATE"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing; run with DRAFTER_REGENERATE=1 to create it"
    assert produced == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.stem)
def test_every_measure_location_points_at_its_title(path, outlines):
    from drafter.ooxml.reader import read_document

    paragraphs = {p.index: p for p in read_document(str(path)).paragraphs()}
    for measure in outlines[path.name]["measures"]:
        location = measure["title_location"]
        text = paragraphs[location["paragraph"]].text
        assert text[location["start"]:location["end"]] == measure["title"]
        for line in measure["field_lines"]:
            at = line["location"]
            written = paragraphs[at["paragraph"]].text[at["start"]:at["end"]]
            if line["source"] == "column":  # a cell of several paragraphs: the location is its first
                assert line["value"].startswith(written) and written
            else:
                assert written == line["value"]


def test_the_outline_command_prints_the_same_json_and_a_text_tree(outlines):
    from click.testing import CliRunner

    from drafter.cli import main

    path = SAMPLE_FILES[0]
    runner = CliRunner()
    result = runner.invoke(main, ["outline", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == outlines[path.name]
    result = runner.invoke(main, ["outline", str(path)])
    assert result.exit_code == 0, result.output
    measures = len(outlines[path.name]["measures"])
    assert f"{measures} measures in " in result.output.splitlines()[-1]
