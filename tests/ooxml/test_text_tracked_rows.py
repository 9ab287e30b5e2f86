"""Tracked row changes and wholly deleted paragraphs, from the XML to the tracked-changes finding."""

from __future__ import annotations

from docx_factory import make_docx, para
from drafter.checks.engine import run_checks
from drafter.config import config_from_mapping
from drafter.model import Programme
from drafter.ooxml.reader import read_document

A = "w:author='Aino' w:date='2024-03-01T10:00:00Z'"


def row(text: str, change: str = "") -> str:
    properties = f"<w:trPr><w:{change} w:id='7' {A}/></w:trPr>" if change else ""
    return f"<w:tr>{properties}<w:tc>{para(text)}</w:tc></w:tr>"


def tracked_findings(path):
    document = read_document(str(path))
    programme = Programme(str(path), "fi", None, (), (), (), document)
    result = run_checks(programme, config_from_mapping({}), only={"LEF002"})
    return document, [f for f in result.findings if f.rule == "LEF002"]


def test_a_deleted_row_is_located_at_the_start_of_the_tables_next_paragraph(tmp_path):
    body = "<w:tbl>" + row("Eka") + row("Poistettu", "del") + row("Kolmas") + "</w:tbl>" + para("Jälkeen")
    document, findings = tracked_findings(make_docx(tmp_path, body))
    assert document.body[0].rows[1].deleted and document.body[0].rows[1].cells == ()
    [finding] = findings
    assert "deleted table row" in finding.message
    assert finding.location.paragraph == 2  # "Kolmas": the deleted row's own w:p is index 1
    assert (finding.location.start, finding.location.end) == (0, 0)


def test_a_deleted_last_row_is_located_at_the_end_of_the_tables_previous_paragraph(tmp_path):
    body = "<w:tbl>" + row("Eka") + row("Poistettu", "del") + "</w:tbl>"
    _, [finding] = tracked_findings(make_docx(tmp_path, body))
    assert finding.location.paragraph == 0
    assert (finding.location.start, finding.location.end) == (3, 3)


def test_an_inserted_row_is_located_on_its_own_text(tmp_path):
    body = "<w:tbl>" + row("Eka") + row("Lisätty", "ins") + "</w:tbl>"
    _, findings = tracked_findings(make_docx(tmp_path, body))
    assert [(f.location.paragraph, f.location.text) for f in findings if "row" in f.message] == [(1, "Lisätty")]


def test_a_wholly_deleted_paragraph_is_reported_on_the_next_paragraph(tmp_path):
    deleted = (f"<w:p><w:pPr><w:rPr><w:del w:id='1' {A}/></w:rPr></w:pPr>"
               f"<w:del w:id='2' {A}><w:r><w:delText>Pois kokonaan</w:delText></w:r></w:del></w:p>")
    document, [finding] = tracked_findings(make_docx(tmp_path, deleted + para("Jää")))
    assert [p.text for p in document.paragraphs()] == ["Jää"]
    assert finding.location.paragraph == 1
    assert "Pois kokonaan" in finding.message and "deleted paragraph mark" in finding.message
