"""Assembling corpus/parts (the main sample split by ministry) gives the whole sample back.

Decision on the mess: comments are dropped by default (keep_comments = false) and
tracked changes are carried as they are, so the *outline* (the accepted view)
is well defined and compared exactly; only locations and the file name differ.
With renumber_measures = false the outline equals the sample's; with the
default continuous renumbering it equals the sample's with its gap (no 38) and
duplicate (41 twice) closed: 39→38, 40→39, the first 41→40.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from drafter.api import read_programme
from drafter.assemble import assemble
from drafter.assemble.manifest import load_manifest
from drafter.ooxml.reader import read_document
from drafter.report.outline import outline_json
from tests.test_assemble import assert_ids_unique

ROOT = Path(__file__).resolve().parents[1]
PARTS = ROOT / "corpus" / "parts"
SAMPLE = ROOT / "corpus" / "samples" / "toimintaohjelma-luonnos.docx"
GOLDEN = ROOT / "tests" / "golden" / "assemble"


def _outline(path: Path) -> dict:
    def clean(value):
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if k not in ("location", "title_location", "file")}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value
    return clean(outline_json(read_programme(path)))


@pytest.fixture(scope="module")
def assembled(tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("assembled") / "luonnos.docx"
    result = assemble(PARTS / "programme.toml", out)
    return out, result.report


def test_the_parts_are_rebuilt_byte_for_byte(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "corpus"))
    import build_parts

    build_parts.build(tmp_path)
    for path in sorted(PARTS.iterdir()):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), f"{path.name} is stale: run corpus/build_parts.py"


def test_assembling_without_renumbering_gives_the_whole_sample_outline(tmp_path: Path) -> None:
    manifest = load_manifest(PARTS / "programme.toml")
    manifest = replace(manifest, options=replace(manifest.options, renumber_measures=False))
    assemble(manifest, tmp_path / "as-drafted.docx")
    assert _outline(tmp_path / "as-drafted.docx") == _outline(SAMPLE)


def test_continuous_renumbering_closes_the_gap_and_the_duplicate(assembled) -> None:
    out, report = assembled
    expected = _outline(SAMPLE)
    renumbered = {39: 38, 40: 39}
    first_41 = True
    for measure in expected["measures"]:
        old = measure["number"]
        if old == 41 and first_41:
            first_41, new = False, 40
        else:
            new = renumbered.get(old, old)
        measure["number"], measure["label"] = new, measure["label"].replace(str(old), str(new), 1)
    assert _outline(out) == expected
    changed = [(m["old_number"], m["number"], m["part"]) for m in report["measures"] if m["changed"]]
    assert changed == [(39, 38, "tavoite-5.docx"), (40, 39, "tavoite-5.docx"), (41, 40, "tavoite-5.docx")]


def test_every_measure_is_traced_to_the_part_it_came_from(assembled) -> None:
    _, report = assembled
    by_part: dict[str, list[int]] = {}
    for measure in report["measures"]:
        by_part.setdefault(measure["part"], []).append(measure["old_number"])
    assert by_part["tavoite-1.docx"] == list(range(1, 10))
    assert by_part["tavoite-3.docx"] == [19, 20, 21, 22]
    assert "sm-luvut-I-V.docx" not in by_part
    statuses = {(r["part"], r["old"]): r["status"] for r in report["references"]}
    assert statuses[("tavoite-5.docx", 62)] == "unresolved"      # the sample's dangling reference
    assert statuses[("om-luku-VII.docx", 37)] == "unchanged"


def test_the_automatic_list_of_objective_3_still_shows_19_to_22(assembled) -> None:
    out, report = assembled
    shown = [p.numbering.label for p in read_document(str(out)).paragraphs()
             if p.numbering and p.numbering.level == 0]
    assert shown == ["19.", "20.", "21.", "22."]
    assert [entry["action"] for entry in report["lists"]] == ["copied"]


def test_finnish_style_ids_of_a_part_map_to_the_masters_by_name(assembled) -> None:
    _, report = assembled
    mapped = [(s["part"], s["source_id"], s["target_id"], s["method"]) for s in report["styles"] if s["method"] != "id"]
    assert ("tavoite-4.docx", "Otsikko2", "Heading2", "name") in mapped
    assert all(method != "copied" for *_, method in mapped)


def test_ids_are_unique_and_the_comments_dropped_are_reported(assembled) -> None:
    out, report = assembled
    assert_ids_unique(out)
    dropped = {(d["part"], d["what"]) for d in report["dropped"]}
    assert ("tavoite-2.docx", "comments") in dropped and ("tavoite-4.docx", "comments") in dropped
    assert read_document(str(out)).comments == ()


def test_the_report_matches_its_golden_file(assembled) -> None:
    out, report = assembled
    text = json.dumps(report, ensure_ascii=False, indent=2).replace(str(out), "luonnos.docx").replace(str(ROOT) + "/", "")
    golden = GOLDEN / "report.json"
    if os.environ.get("DRAFTER_REGENERATE"):
        golden.write_text(text + "\n", encoding="utf-8")
    assert json.loads(golden.read_text(encoding="utf-8")) == json.loads(text)
    assert report["schema"] == "drafter.assembly/1"


def test_the_html_report_is_self_contained(tmp_path: Path) -> None:
    result = assemble(PARTS / "programme.toml", tmp_path / "out.docx", report_path=tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "http" not in html.split("<body>")[1]
    assert "tavoite-5.docx" in html and result.report["summary"]["measures"] == 46


def test_python_docx_opens_the_result_and_drafter_check_runs_on_it(assembled, tmp_path: Path) -> None:
    import docx

    out, _ = assembled
    assert len(docx.Document(str(out)).paragraphs) > 200
    run = subprocess.run([sys.executable, "-m", "drafter.cli", "check", str(out), "--format", "json"],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 1, run.stderr           # findings, not an input error
    findings = json.loads(run.stdout)
    assert "files" in findings or "findings" in findings or isinstance(findings, (dict, list))


def test_the_cli_writes_the_programme_and_the_report(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "drafter.cli", "assemble", str(PARTS / "programme.toml"),
                          "-o", str(tmp_path / "out.docx"), "--report", str(tmp_path / "r.json")],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "46 measures (3 renumbered)" in run.stderr
    assert json.loads((tmp_path / "r.json").read_text())["schema"] == "drafter.assembly/1"
    again = subprocess.run([sys.executable, "-m", "drafter.cli", "assemble", str(PARTS / "programme.toml"),
                            "-o", str(tmp_path / "out.docx")], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert again.returncode == 2 and "--force" in again.stderr


@pytest.mark.slow
def test_libreoffice_converts_the_assembled_programme(assembled, tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is missing")
    out, _ = assembled
    profile = tmp_path / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=240)
    assert (tmp_path / "luonnos.pdf").stat().st_size > 20_000
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
