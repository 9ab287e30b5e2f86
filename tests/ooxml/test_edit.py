"""Edits at accepted-view offsets: runs split at the edges, formatting kept, redlines valid."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from docx_factory import make_docx, para, run
from drafter.ooxml.edit import (
    EditError, Replacement, apply_replacements, locate, paragraph_text, replace_text,
)
from drafter.ooxml.package import Package
from drafter.ooxml.reader import read_document
from drafter.ooxml.writer import PackageEditor

A = "w:author='Aino' w:date='2024-03-01T10:00:00Z'"
DATE = "2025-01-02T03:04:05Z"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def edit(tmp_path, body: str, change, **parts):
    """Apply ``change(root)`` to the body of a package built from ``body``; return the re-read document."""
    source = make_docx(tmp_path, body, **parts)
    editor = PackageEditor(Package(source))
    root = editor.tree("word/document.xml")
    change(root)
    out = tmp_path / "edited.docx"
    out.write_bytes(editor.to_bytes())
    return read_document(str(out)), root


def xml(root) -> str:
    return etree.tostring(root, encoding="unicode")


# -- locating ---------------------------------------------------------------------


def test_each_offset_maps_to_the_text_node_that_shows_it(tmp_path):
    body = "<w:p>" + run("Alku ") + "<w:r><w:tab/><w:t>keski</w:t></w:r>" + run(" loppu", "<w:b/>") + "</w:p>"
    _, root = edit(tmp_path, body, lambda root: None)
    segments = locate(root, 0, 4, 8)
    assert [(s.start, s.end, s.text) for s in segments] == [(0, 5, "Alku "), (5, 6, "\t"), (6, 11, "keski")]
    assert segments[1].node.tag == W + "tab"


def test_field_instructions_and_deleted_text_have_no_offsets(tmp_path):
    body = (
        "<w:p>" + run("Sivu ")
        + "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
        + "<w:r><w:fldChar w:fldCharType='separate'/></w:r>" + run("7")
        + "<w:r><w:fldChar w:fldCharType='end'/></w:r>"
        + f"<w:del w:id='1' {A}><w:r><w:delText>pois</w:delText></w:r></w:del>" + run(" / 9") + "</w:p>"
    )
    _, root = edit(tmp_path, body, lambda root: None)
    assert paragraph_text(root, 0) == "Sivu 7 / 9"
    assert [s.text for s in locate(root, 0, 5, 6)] == ["7"]


def test_a_field_opened_in_an_earlier_paragraph_hides_its_instruction_text(tmp_path):
    body = (
        "<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>TOC \\o</w:instrText></w:r></w:p>"
        "<w:p><w:r><w:instrText> \\h</w:instrText></w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r>"
        + run("Johdanto") + "</w:p>"
        "<w:p>" + run("Luku 2") + "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>"
    )
    document, root = edit(tmp_path, body, lambda root: None)
    assert [paragraph_text(root, i) for i in range(3)] == [p.text for p in document.body] == ["", "Johdanto", "Luku 2"]


def test_text_box_paragraphs_are_not_part_of_the_anchor_paragraph(tmp_path):
    box = ("<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + para("Laatikko")
           + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    body = "<w:p>" + run("Ennen ") + box + run("jälkeen") + "</w:p>"
    document, root = edit(tmp_path, body, lambda root: None)
    assert paragraph_text(root, 0) == "Ennen jälkeen"
    assert paragraph_text(root, 1) == "Laatikko"
    assert {p.location.paragraph: p.text for p in document.body} == {0: "Ennen jälkeen", 1: "Laatikko"}


def test_offsets_outside_the_paragraph_are_refused(tmp_path):
    _, root = edit(tmp_path, para("Lyhyt"), lambda root: None)
    with pytest.raises(EditError):
        locate(root, 0, 3, 9)
    with pytest.raises(EditError):
        locate(root, 4, 0, 1)


# -- plain replacements -----------------------------------------------------------


def test_replacing_inside_one_run_splits_it_and_keeps_its_formatting(tmp_path):
    body = para("Kokous klo 14:00 alkaa.", rpr="<w:i/>")
    document, root = edit(tmp_path, body, lambda root: replace_text(root, 0, 11, 16, "14.00"))
    paragraph = document.body[0]
    assert paragraph.text == "Kokous klo 14.00 alkaa."
    assert all(span.italic for span in paragraph.spans) and paragraph.spans[0].end == len(paragraph.text)
    assert xml(root).count("<w:i/>") == 3


def test_a_replacement_across_runs_takes_the_first_runs_formatting(tmp_path):
    body = "<w:p>" + run("Sisä", "<w:b/>") + run("ministeriö", "<w:u w:val='single'/>") + run(" vastaa") + "</w:p>"
    document, _ = edit(tmp_path, body, lambda root: replace_text(root, 0, 2, 8, "SÄMIN"))
    paragraph = document.body[0]
    assert paragraph.text == "SiSÄMINsteriö vastaa"
    bold = [(s.start, s.end) for s in paragraph.spans if s.bold]
    underlined = [(s.start, s.end) for s in paragraph.spans if s.underline]
    assert bold == [(0, 7)] and underlined == [(7, 13)]


def test_runs_inside_hyperlinks_and_content_controls_are_edited_in_place(tmp_path):
    body = (
        "<w:p>" + run("Katso ")
        + "<w:hyperlink r:id='rIdX'>" + run("ohjeet", "<w:rStyle w:val='Hyperlink'/>") + "</w:hyperlink>"
        + "<w:sdt><w:sdtPr/><w:sdtContent>" + run(" tästä") + "</w:sdtContent></w:sdt></w:p>"
    )
    document, root = edit(tmp_path, body, lambda root: replace_text(root, 0, 8, 14, "jeita t"))
    assert document.body[0].text == "Katso ohjeita tästä"
    link = root.find(f".//{W}hyperlink")
    assert "".join(link.itertext()) == "ohjeita t"
    assert "".join(root.find(f".//{W}sdtContent").itertext()) == "ästä"


def test_a_footnote_reference_inside_the_range_survives(tmp_path):
    body = ("<w:p><w:r><w:t>Laki</w:t><w:footnoteReference w:id='1'/><w:t xml:space='preserve"
            "'> 123/2020</w:t></w:r></w:p>")
    document, root = edit(tmp_path, body, lambda root: replace_text(root, 0, 0, 13, "Asetus 12/2021"))
    paragraph = document.body[0]
    assert paragraph.text == "Asetus 12/2021"
    assert paragraph.footnote_refs == ("1",)


def test_tabs_and_line_breaks_in_the_new_text_become_elements(tmp_path):
    document, root = edit(tmp_path, para("a-b"), lambda root: replace_text(root, 0, 1, 2, "\t|\n"))
    assert document.body[0].text == "a\t|\nb"
    assert root.find(f".//{W}tab") is not None and root.find(f".//{W}br") is not None


def test_insertions_at_the_start_middle_and_end_of_a_paragraph(tmp_path):
    def change(root):
        replace_text(root, 0, 6, 6, "!")
        replace_text(root, 0, 3, 3, "-")
        replace_text(root, 0, 0, 0, "¡")

    document, _ = edit(tmp_path, para("abcdef", rpr="<w:b/>"), change)
    paragraph = document.body[0]
    assert paragraph.text == "¡abc-def!"
    assert [(s.start, s.end, s.bold) for s in paragraph.spans] == [(0, 9, True)]


def test_text_goes_into_an_empty_paragraph_with_the_marks_formatting(tmp_path):
    body = "<w:p><w:pPr><w:rPr><w:b/><w:ins w:id='4' " + A + "/></w:rPr></w:pPr></w:p>"
    document, root = edit(tmp_path, body, lambda root: replace_text(root, 0, 0, 0, "Uusi"))
    assert document.body[0].text == "Uusi"
    assert document.body[0].spans[0].bold
    new_run = root.find(f".//{W}p/{W}r")
    assert new_run.find(f"{W}rPr/{W}ins") is None


def test_deleting_all_of_a_hyperlinks_text_removes_the_empty_link(tmp_path):
    body = "<w:p>" + run("a ") + "<w:hyperlink r:id='rIdX'>" + run("linkki") + "</w:hyperlink>" + run(" b") + "</w:p>"
    document, root = edit(tmp_path, body, lambda root: replace_text(root, 0, 2, 8, ""))
    assert document.body[0].text == "a  b"
    assert root.find(f".//{W}hyperlink") is None


def test_field_results_can_be_replaced_and_the_field_stays(tmp_path):
    body = (
        "<w:p>" + run("Sivu ") + "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        "<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType='separate'/></w:r>"
        + run("12") + "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>"
    )
    document, root = edit(tmp_path, body, lambda root: replace_text(root, 0, 5, 7, "3"))
    assert document.body[0].text == "Sivu 3"
    assert len(root.findall(f".//{W}fldChar")) == 3 and root.find(f".//{W}instrText").text == " PAGE "


def test_text_in_an_equation_is_not_edited(tmp_path):
    body = "<w:p>" + run("x = ") + "<m:oMath><m:r><m:t>a+b</m:t></m:r></m:oMath></w:p>"
    _, root = edit(tmp_path, body, lambda root: None)
    before = xml(root)
    with pytest.raises(EditError):
        replace_text(root, 0, 4, 5, "c")
    assert xml(root) == before


def test_control_characters_are_refused_before_anything_changes(tmp_path):
    _, root = edit(tmp_path, para("abc"), lambda root: None)
    before = xml(root)
    with pytest.raises(EditError):
        replace_text(root, 0, 0, 1, "\x07")
    assert xml(root) == before


# -- tracked replacements (redlines) -------------------------------------------------


def test_a_tracked_replacement_deletes_the_old_runs_and_inserts_the_new_text(tmp_path):
    def change(root):
        replace_text(root, 0, 11, 16, "14.00", tracked=True, author="drafter", date=DATE)

    document, root = edit(tmp_path, para("Kokous klo 14:00 alkaa."), change)
    paragraph = document.body[0]
    assert paragraph.text == "Kokous klo 14.00 alkaa."
    kinds = [(r.kind, r.author, r.date, r.text, r.start, r.end) for r in paragraph.revisions]
    assert kinds == [("del", "drafter", DATE, "14:00", 11, 11), ("ins", "drafter", DATE, "", 11, 16)]
    assert root.find(f".//{W}del//{W}delText").text == "14:00"
    assert root.find(f".//{W}del//{W}t") is None


def test_revision_ids_are_new_and_unique(tmp_path):
    body = f"<w:p>{run('a ')}<w:ins w:id='7' {A}>{run('bb')}</w:ins>{run(' cc dd')}</w:p>"

    def change(root):
        apply_replacements(root, [(0, 5, 7, "CC"), (0, 8, 10, "DD")], tracked=True, date=DATE)

    document, root = edit(tmp_path, body, change)
    assert document.body[0].text == "a bb CC DD"
    ids = [e.get(W + "id") for e in root.iter(W + "ins", W + "del")]
    assert len(ids) == len(set(ids)) == 5 and "7" in ids


def test_a_tracked_edit_inside_someone_elses_insertion_splits_it_instead_of_nesting(tmp_path):
    body = f"<w:p><w:ins w:id='3' {A}>{run('valmistelee uuden')}</w:ins></w:p>"
    change = lambda root: replace_text(root, 0, 0, 11, "laatii", tracked=True, date=DATE)  # noqa: E731
    document, root = edit(tmp_path, body, change)
    paragraph = document.body[0]
    assert paragraph.text == "laatii uuden"
    assert root.find(f".//{W}ins//{W}ins") is None
    inserted = [(r.author, paragraph.text[r.start:r.end]) for r in paragraph.revisions if r.kind == "ins"]
    assert ("drafter", "laatii") in inserted and ("Aino", " uuden") in inserted
    deleted = [(r.author, r.text) for r in paragraph.revisions if r.kind == "del"]
    assert deleted == [("drafter", "valmistelee")]


def test_a_tracked_deletion_across_a_footnote_reference_leaves_the_reference_undeleted(tmp_path):
    body = "<w:p><w:r><w:t>ab</w:t><w:footnoteReference w:id='1'/><w:t>cd</w:t></w:r></w:p>"
    change = lambda root: replace_text(root, 0, 1, 3, "", tracked=True, date=DATE)  # noqa: E731
    document, root = edit(tmp_path, body, change)
    assert document.body[0].text == "ad"
    assert document.body[0].footnote_refs == ("1",)
    assert all(d.find(f".//{W}footnoteReference") is None for d in root.iter(W + "del"))
    assert [r.text for r in document.body[0].revisions if r.kind == "del"] == ["b", "c"]


def test_a_tracked_insertion_at_a_point_is_one_ins_element(tmp_path):
    change = lambda root: replace_text(root, 0, 3, 3, " ja", tracked=True, date=DATE)  # noqa: E731
    document, root = edit(tmp_path, para("SM OM"), change)
    assert document.body[0].text == "SM  jaOM"
    assert [(r.kind, r.start, r.end) for r in document.body[0].revisions] == [("ins", 3, 6)]


# -- batches ------------------------------------------------------------------------


def test_a_batch_applies_edits_right_to_left_so_all_offsets_refer_to_the_original(tmp_path):
    body = para("klo 9:00 ja klo 14:30") + para("toinen 8:15")
    edits = [Replacement(0, 4, 8, "9.00"), Replacement(0, 16, 21, "14.30"), Replacement(1, 7, 11, "8.15")]
    document, _ = edit(tmp_path, body, lambda root: apply_replacements(root, edits))
    assert [p.text for p in document.body] == ["klo 9.00 ja klo 14.30", "toinen 8.15"]


def test_overlapping_edits_are_refused_before_any_change(tmp_path):
    _, root = edit(tmp_path, para("abcdef"), lambda root: None)
    before = xml(root)
    with pytest.raises(EditError, match="overlap"):
        apply_replacements(root, [(0, 0, 3, "x"), (0, 2, 4, "y")])
    with pytest.raises(EditError):
        apply_replacements(root, [(0, 0, 1, "x"), (0, 2, 40, "y")])
    assert xml(root) == before


def test_the_edited_part_stays_valid_wordprocessingml_for_python_docx(tmp_path):
    import docx

    inserted = f"<w:ins w:id='2' {A}>{run('valmistelee')}</w:ins>"
    body = "<w:p>" + run("Ministeriö ") + inserted + run(" ohjelman") + "</w:p>"
    source = make_docx(tmp_path, body)
    editor = PackageEditor(Package(source))
    root = editor.tree("word/document.xml")
    replace_text(root, 0, 5, 20, "X Y", tracked=True, date=DATE)
    out = tmp_path / "out.docx"
    out.write_bytes(editor.to_bytes())
    paragraphs = docx.Document(str(out)).paragraphs
    assert len(paragraphs) == 1
    assert re.fullmatch(r"<\?xml[^>]*\?>\s*<w:document .*", editor.read("word/document.xml").decode(), re.S)
