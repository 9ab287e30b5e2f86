"""drafter diff on the corpus: the version pair reports exactly what its builder changed; layouts; CLI; goldens.

corpus/versions/ holds two versions of the main sample draft and the diff they
must give, written by corpus/build_versions.py from the same edits that made
the second version (not by running drafter). Golden files of the text and
JSON outputs live in tests/golden/diff/ (regenerate with DRAFTER_REGENERATE=1
and review the change).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, SAMPLES

VERSIONS = REPO / "corpus" / "versions"
OLD = VERSIONS / "luonnos101220.docx"
NEW = VERSIONS / "luonnos280121.docx"
EXPECTED = VERSIONS / "luonnos101220-luonnos280121.expected.json"
GOLDEN = Path(__file__).parent / "golden" / "diff"
KEYS = ("old", "new", "status", "renumbered", "moved", "changes", "split_from", "split_into", "merged_into",
        "merged_from")


@pytest.fixture(scope="module")
def version_diff():
    from drafter.diff import diff_files, diff_json

    return diff_json(diff_files(OLD, NEW))


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


def _key(entry: dict) -> tuple:
    return (entry["new"] if entry["new"] is not None else -1, entry["old"] if entry["old"] is not None else -1)


def test_the_version_pair_is_what_the_builder_writes_today(tmp_path):
    sys.path.insert(0, str(REPO / "corpus"))
    try:
        import build_versions
    finally:
        sys.path.remove(str(REPO / "corpus"))
    for path in build_versions.build(tmp_path):
        assert path.read_bytes() == (VERSIONS / path.name).read_bytes(), f"rebuild corpus/versions: {path.name}"


def test_every_measure_of_the_version_pair_is_reported_exactly_as_built(version_diff, expected):
    got = sorted(({k: e[k] for k in KEYS} for e in version_diff["measures"]), key=_key)
    want = sorted(({k: e[k] for k in KEYS} for e in expected["measures"]), key=_key)
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert g == w, f"measure {w['old']} → {w['new']}"


def test_the_version_pair_covers_every_kind_of_change(expected):
    entries = expected["measures"]
    assert {e["status"] for e in entries} == {"unchanged", "modified", "added", "removed"}
    assert any(e["renumbered"] for e in entries) and any(e["moved"] for e in entries)
    assert any(e["split_from"] for e in entries) and any(e["merged_into"] for e in entries)
    changed_parts = set()
    for e in entries:
        if e["changes"]:
            changed_parts |= {p for p in ("title", "text") if e["changes"][p]}
            changed_parts |= set(e["changes"]["fields"])
    assert changed_parts >= {"title", "text", "responsible", "schedule", "funding"}


def test_objective_and_chapter_changes_of_the_version_pair_are_reported(version_diff, expected):
    for kind in ("objectives", "chapters"):
        got = [(n["old"], n["new"], n["status"], n["renamed"]) for n in version_diff[kind]]
        want = [(n["old"], n["new"], n["status"], n["renamed"]) for n in expected[kind]]
        assert got == want, kind


def test_removed_measures_are_listed_where_they_stood(version_diff):
    order = [(e["old"], e["new"]) for e in version_diff["measures"]]
    assert order.index((31, None)) == order.index((30, 31)) + 1
    assert order.index((45, None)) > order.index((44, 44))


def test_table_and_numbered_heading_layouts_of_one_programme_diff_as_unchanged():
    from drafter.diff import diff_files, diff_json

    diff = diff_json(diff_files(SAMPLES / "fi-taulukko.docx", SAMPLES / "fi-numeroidut-otsikot.docx"))
    assert [e["status"] for e in diff["measures"]] == ["unchanged"] * 10
    assert not any(e["renumbered"] or e["moved"] for e in diff["measures"])
    assert all(e["layout"] == {"old": "table", "new": "heading"} for e in diff["measures"])
    assert all(n["status"] == "unchanged" for n in diff["chapters"] + diff["objectives"])
    noted = [e["old"] for e in diff["measures"] if e["notes"]]
    assert noted == [2]  # the table nested in measure 2's cell has no place in headings


@pytest.mark.parametrize("name", ["fi-numeroidut-otsikot", "fi-automaattinumerointi", "fi-toimenpide-etuliite"])
def test_each_layout_sample_differs_from_the_table_layout_where_its_truth_file_does(name):
    """Status per measure as the samples' truth files (written by the corpus builder) imply."""
    from drafter.diff import diff_files

    table = json.loads((SAMPLES / "fi-taulukko.truth.json").read_text(encoding="utf-8"))["measures"]
    other = json.loads((SAMPLES / f"{name}.truth.json").read_text(encoding="utf-8"))["measures"]
    expected = []
    for a, b in zip(table, other):
        # a table nested in a table cell follows the cell's text: the other layout has no such table
        same_text = a["text"] == b["text"] or (b["text"] and a["text"].startswith(b["text"] + "\n"))
        same = a["title"] == b["title"] and same_text and a["fields"] == b["fields"]
        expected.append("unchanged" if same else "modified")
    diff = diff_files(SAMPLES / "fi-taulukko.docx", SAMPLES / f"{name}.docx")
    assert [m.status for m in diff.measures] == expected
    assert [(m.old_number, m.new_number) for m in diff.measures] == [(k, k) for k in range(1, 11)]


# -- golden outputs -------------------------------------------------------------------------

def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("DRAFTER_REGENERATE"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run with DRAFTER_REGENERATE=1"
    assert text == path.read_text(encoding="utf-8")


def test_text_output_of_the_version_pair_matches_the_golden_file():
    from drafter.diff import diff_files, render_text

    _golden("versions.txt", render_text(diff_files(OLD, NEW)))


def test_json_output_of_the_version_pair_matches_the_golden_file():
    from drafter.diff import diff_files, render_json

    _golden("versions.json", render_json(diff_files(OLD, NEW)))


def test_text_output_of_the_layout_pair_matches_the_golden_file():
    from drafter.diff import diff_files, render_text

    _golden("layouts.txt", render_text(diff_files(SAMPLES / "fi-taulukko.docx",
                                                  SAMPLES / "fi-numeroidut-otsikot.docx")))


# -- html ------------------------------------------------------------------------------------

def test_the_html_page_is_self_contained_and_marks_changed_words():
    from drafter.diff import diff_files
    from drafter.diff.html_report import render_html

    page = render_html(diff_files(OLD, NEW))
    assert "<del>valmiuksia</del>" in page and "<ins>kykyä</ins>" in page
    assert 'data-status="removed"' in page and 'data-status="added"' in page
    for remote in ("http://", "https://", "<link", "src="):
        assert remote not in page.replace("http://www.w3.org", "")


def test_the_html_page_escapes_text_from_the_drafts():
    from drafter.diff import diff_programmes
    from drafter.diff.html_report import render_html
    from drafter.structure import recognise
    from drafter.textdoc import document_from_text

    def programme(title: str):
        text = (f"# II Toimenpiteet\n## Tavoite 1: Testi\n1. {title}\nRunko <b>lihava</b> & muuta.\n"
                "Vastuutaho: SM\nAikataulu: 2021\nRahoitus: Toteutetaan virkatyönä.\n")
        return recognise(document_from_text(text, language="fi"), language="fi")

    page = render_html(diff_programmes(programme("Laaditaan <script>alert(1)</script> ohje"),
                                       programme("Laaditaan <script>alert(2)</script> ohje")))
    assert "<script>alert" not in page
    assert "&lt;b&gt;lihava&lt;/b&gt; &amp; muuta" in page


# -- command line ----------------------------------------------------------------------------

def _drafter(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "drafter.cli", *args], capture_output=True, text=True,
                          cwd=REPO, timeout=300)


def test_cli_prints_the_summary_and_exits_zero_even_when_versions_differ():
    done = _drafter("diff", str(OLD), str(NEW))
    assert done.returncode == 0, done.stderr
    assert "31 unchanged, 11 modified, 4 added, 4 removed" in done.stdout


def test_cli_fail_on_change_exits_one_only_when_versions_differ():
    assert _drafter("diff", str(OLD), str(NEW), "--fail-on-change").returncode == 1
    assert _drafter("diff", str(OLD), str(OLD), "--fail-on-change").returncode == 0


def test_cli_json_format_and_files(tmp_path):
    done = _drafter("diff", str(OLD), str(NEW), "--format", "json", "--json", str(tmp_path / "d.json"),
                    "--html", str(tmp_path / "d.html"))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["schema"] == "drafter.diff/1"
    assert json.loads((tmp_path / "d.json").read_text(encoding="utf-8")) == data
    assert (tmp_path / "d.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_bad_input_is_one_line_and_exit_two(tmp_path):
    missing = _drafter("diff", str(tmp_path / "nope.docx"), str(NEW))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "no such file" in missing.stderr
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"not a zip at all")
    broken = _drafter("diff", str(OLD), str(junk))
    assert broken.returncode == 2 and broken.stderr.count("\n") == 1
    onto_input = _drafter("diff", str(OLD), str(NEW), "--json", str(OLD))
    assert onto_input.returncode == 2 and "input" in onto_input.stderr


# -- a draft and its publication version -------------------------------------------------------

def test_a_draft_and_its_published_version_differ_by_publish_s_own_changes(tmp_path):
    """Every measure pairs up; renumbering agrees with publish's change log; edits are words."""
    from drafter.diff import diff_files, diff_json

    draft = SAMPLES / "toimintaohjelma-luonnos.docx"
    published, changes = tmp_path / "julkaisu.docx", tmp_path / "changes.json"
    done = _drafter("publish", str(draft), "-o", str(published), "--changes", str(changes))
    assert published.exists(), done.stderr
    log = json.loads(changes.read_text(encoding="utf-8"))
    diff = diff_json(diff_files(draft, published))
    assert {e["status"] for e in diff["measures"]} <= {"unchanged", "modified"}
    renumbered = {str(e["old"]): e["new"] for e in diff["measures"] if e["renumbered"]}
    assert renumbered == log["renumbered"]
    assert not any(e["moved"] for e in diff["measures"])
    fixed = {c["location"].get("measure") for c in log["changes"] if c["kind"] == "fix-applied"}
    modified = {e["new"] for e in diff["measures"] if e["status"] == "modified"}
    assert modified and modified <= fixed
