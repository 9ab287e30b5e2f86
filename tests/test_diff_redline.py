"""The redline of the corpus version pair: tracked changes where the diff says, round trips to both versions.

Accepting every tracked change of the redline must give NEW's text; rejecting
every one must give OLD's, except what a redline cannot undo: the draft's own
earlier tracked changes (measures 9 and 21 of the main sample carry some, and
rejecting all rejects them too) and a move (measure 18 stays where NEW put it).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

VERSIONS = REPO / "corpus" / "versions"
OLD = VERSIONS / "luonnos101220.docx"
NEW = VERSIONS / "luonnos280121.docx"
AUTHOR = "drafter diff"


@pytest.fixture(scope="module")
def redline(tmp_path_factory) -> tuple[Path, object]:
    from drafter.diff import diff_files
    from drafter.ooxml.diff_redline import write_redline

    out = tmp_path_factory.mktemp("redline") / "redline.docx"
    summary = write_redline(OLD, NEW, diff_files(OLD, NEW), out, date="2021-01-29T09:00:00Z")
    return out, summary


@pytest.fixture(scope="module")
def redline_document(redline):
    from drafter.ooxml.reader import read_document

    return read_document(str(redline[0]))


def _resolved(path: Path, tmp_path: Path, accept: bool) -> Path:
    from drafter.ooxml.package import Package
    from drafter.ooxml.revisions import accept_all, reject_all
    from drafter.ooxml.writer import PackageEditor

    editor = PackageEditor(Package(str(path)))
    (accept_all if accept else reject_all)(editor.tree(editor.main_part))
    out = tmp_path / ("accepted.docx" if accept else "rejected.docx")
    out.write_bytes(editor.to_bytes())
    return out


def _ours(paragraph) -> list[tuple[str, str]]:
    """(kind, text) of the diff's own revisions in a paragraph, in order."""
    return [(r.kind, r.text or paragraph.text[r.start:r.end]) for r in paragraph.revisions if r.author == AUTHOR]


def _paragraph_starting(document, prefix: str, marked: bool = False):
    hits = [p for p in document.paragraphs() if p.text.startswith(prefix) and (not marked or _ours(p))]
    assert len(hits) == 1, (prefix, [p.text for p in hits])
    return hits[0]


def test_the_redline_opens_in_python_docx(redline):
    import docx

    document = docx.Document(str(redline[0]))
    assert len(document.paragraphs) > 200
    body = document.element.body
    assert len(body.xpath(".//w:ins")) > 40 and len(body.xpath(".//w:del")) > 40
    assert "kykyä" in "".join(body.xpath(".//w:ins//w:t/text()"))


def test_the_redline_summary_counts_what_it_marked(redline):
    summary = redline[1]
    assert summary.skipped == []
    assert summary.inserted_measures == 4 and summary.deleted_measures == 4
    assert summary.comments >= 4  # moved 18, split 24, merged into 5 and 44


def test_a_changed_title_word_is_a_deletion_then_an_insertion(redline_document):
    title = _paragraph_starting(redline_document, "2. Vahvistetaan työsuojeluviranomaisten")
    assert _ours(title) == [("del", "valmiuksia"), ("ins", "kykyä")]


def test_field_and_body_changes_are_tracked_in_their_paragraphs(redline_document):
    assert _ours(_paragraph_starting(redline_document, "Aikataulu: 2021–2024")) == [
        ("del", "2021–2023"), ("ins", "2021–2024")]
    assert _ours(_paragraph_starting(redline_document, "Vastuutaho: SM, Maahanmuuttovirasto", marked=True)) == [
        ("del", "Migri"), ("ins", "Maahanmuuttovirasto")]
    assert _ours(_paragraph_starting(redline_document, "Toimintamallin käyttöönottoa")) == [
        ("ins", " ja koulutuksella")]


def test_a_typed_measure_number_that_changed_is_tracked(redline_document):
    assert _ours(_paragraph_starting(redline_document, "11. Uudistetaan ihmiskaupan")) == [
        ("del", "10"), ("ins", "11")]


def test_an_added_measure_is_inserted_paragraph_marks_included(redline_document):
    title = _paragraph_starting(redline_document, "10. Laaditaan ihmiskaupan uhrien auttamisjärjestelmälle")
    kinds = [kind for kind, _ in _ours(title)]
    assert kinds == ["ins", "paragraph-mark-ins"]


def test_a_removed_measure_comes_back_as_deleted_text_where_it_stood(redline_document):
    deleted = [text for p in redline_document.paragraphs() for kind, text in _ours(p) if kind == "del"]
    assert "31. Lisätään tietoisuutta ihmiskaupasta sosiaalisessa mediassa" in deleted
    assert "Vastuutaho: SM" in deleted
    # it stands right before new measure 32 (old 32), after new 31 (old 30)
    following = _paragraph_starting(redline_document, "32. Kehitetään ihmiskaupan ennaltaehkäisyä")
    assert ("del", "31. Lisätään tietoisuutta ihmiskaupasta sosiaalisessa mediassa") in _ours(following)


def test_renamed_objective_and_added_objective_headings_are_tracked(redline_document):
    renamed = _paragraph_starting(redline_document, "Tavoite 4:")
    assert _ours(renamed) == [("del", "siitä"), ("ins", "ihmiskaupasta")]
    added = _paragraph_starting(redline_document, "Tavoite 6:")
    assert [k for k, _ in _ours(added)] == ["ins", "paragraph-mark-ins"]


def test_moved_split_and_merged_measures_carry_a_comment(redline_document):
    texts = [c.text for c in redline_document.comments]
    assert any("moved" in t and "old measure 18" in t for t in texts)
    assert any("split" in t and "24" in t for t in texts)
    assert any("merged" in t and "33" in t for t in texts)


def test_accepting_every_change_gives_the_new_version(redline, tmp_path):
    from drafter.diff import diff_files

    diff = diff_files(NEW, _resolved(redline[0], tmp_path, accept=True))
    assert not diff.has_changes


def test_rejecting_every_change_gives_the_old_version_but_for_moves_and_older_revisions(redline, tmp_path):
    from drafter.diff import diff_files, diff_json

    diff = diff_json(diff_files(OLD, _resolved(redline[0], tmp_path, accept=False)))
    changed = {(e["old"], e["new"], e["status"], e["moved"], e["renumbered"])
               for e in diff["measures"] if e["status"] != "unchanged" or e["moved"] or e["renumbered"]}
    assert changed == {(9, 9, "modified", False, False), (21, 21, "modified", False, False),
                       (18, 18, "unchanged", True, False)}
    assert all(n["status"] == "unchanged" for n in diff["chapters"] + diff["objectives"])


def test_the_redline_refuses_to_overwrite_an_input(tmp_path):
    from drafter.diff import diff_files
    from drafter.ooxml.diff_redline import write_redline
    from drafter.errors import OutputError

    copy = tmp_path / "new.docx"
    shutil.copyfile(NEW, copy)
    with pytest.raises(OutputError):
        write_redline(OLD, copy, diff_files(OLD, copy), copy)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_converts_the_redline_to_pdf(redline, tmp_path):
    done = subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
                           "--convert-to", "pdf", "--outdir", str(tmp_path), str(redline[0])],
                          capture_output=True, text=True, timeout=240)
    pdf = tmp_path / "redline.pdf"
    assert pdf.exists(), done.stderr
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 20_000


# -- a table layout ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def table_pair(tmp_path_factory) -> tuple[Path, Path]:
    """fi-taulukko and a next version of it: measure 3 removed, one added, measure 5's schedule changed."""
    import sys

    sys.path.insert(0, str(REPO / "corpus"))
    try:
        import content_fi
        from docxwriter import write_docx
        from programme import Field, Measure
    finally:
        sys.path.remove(str(REPO / "corpus"))
    folder = tmp_path_factory.mktemp("table")
    old_spec, new_spec = content_fi.table_spec(), content_fi.table_spec()
    objectives = [o for c in new_spec.chapters for o in c.objectives]
    objectives[0].measures.pop(2)
    five = objectives[1].measures[0]
    five.fields = [Field("schedule", "Aikataulu", ("2023",)) if f.key == "schedule" else f for f in five.fields]
    objectives[1].measures.append(Measure(
        None, ("Laaditaan oppilaitoksille malli syrjintätilanteiden käsittelystä",),
        [("Malli kuvaa, miten syrjintäepäilyt kirjataan, selvitetään ja korjataan.",)],
        [Field("responsible", "Vastuutaho", ("Opetushallitus",), ("Opetushallitus",)),
         Field("schedule", "Aikataulu", ("2024",)), Field("funding", "Rahoitus", ("Toteutetaan virkatyönä.",))]))
    number = 0
    for objective in objectives:
        for measure in objective.measures:
            number += 1
            measure.number = number
    old, new = folder / "taulukko-v1.docx", folder / "taulukko-v2.docx"
    write_docx(old_spec.doc_spec(), old)
    write_docx(new_spec.doc_spec(), new)
    return old, new


def test_in_a_table_layout_rows_are_inserted_and_a_removed_measure_becomes_a_comment(table_pair, tmp_path):
    from drafter.diff import diff_files
    from drafter.ooxml.diff_redline import write_redline
    from drafter.ooxml.reader import read_document

    old, new = table_pair
    diff = diff_files(old, new)
    statuses = {(m.old_number, m.new_number): m.status for m in diff.measures}
    assert statuses[(3, None)] == "removed" and statuses[(None, 7)] == "added"
    assert statuses[(5, 4)] == "modified"
    out = tmp_path / "redline.docx"
    summary = write_redline(old, new, diff, out, date="2022-05-01T08:00:00Z")
    assert summary.skipped == [] and summary.inserted_measures == 1 and summary.comments >= 1
    document = read_document(str(out))
    inserted_rows = [row for table in document.tables() for row in table.rows if row.inserted]
    assert len(inserted_rows) == 1 and "Laaditaan oppilaitoksille" in inserted_rows[0].cells[1].text
    assert any("removed" in c.text and "old measure 3" in c.text for c in document.comments)
    schedule = [p for p in document.paragraphs() if p.text == "2023" and p.revisions]
    assert [(r.kind, r.text or "2023") for r in schedule[0].revisions] == [("del", "2022"), ("ins", "2023")]
    assert not diff_files(new, _resolved(out, tmp_path, accept=True)).has_changes
