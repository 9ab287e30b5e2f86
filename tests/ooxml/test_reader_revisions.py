"""The accepted view: insertions kept, deletions dropped, every revision recorded."""

from __future__ import annotations

from docx_factory import make_docx, para, run
from drafter.blocks import Revision, Table
from drafter.ooxml.reader import read_document

A = "w:author='Aino' w:date='2024-03-01T10:00:00Z'"


def read(tmp_path, body: str, **parts):
    return read_document(str(make_docx(tmp_path, body, **parts)))


def deleted(text: str) -> str:
    return f"<w:r><w:delText xml:space='preserve'>{text}</w:delText></w:r>"


def test_deleted_text_is_dropped_and_inserted_text_kept_with_offsets(tmp_path):
    body = (
        "<w:p>" + run("Ministeriö ")
        + f"<w:del w:id='1' {A}>{deleted('laatii ')}</w:del>"
        + f"<w:ins w:id='2' {A}>{run('valmistelee ')}</w:ins>"
        + run("ohjelman.") + "</w:p>"
    )
    paragraph = read(tmp_path, body).body[0]
    assert paragraph.text == "Ministeriö valmistelee ohjelman."
    assert paragraph.revisions == (
        Revision("del", "Aino", "2024-03-01T10:00:00Z", "laatii ", 11, 11, "1"),
        Revision("ins", "Aino", "2024-03-01T10:00:00Z", "", 11, 23, "2"),
    )
    inserted = paragraph.revisions[1]
    assert paragraph.text[inserted.start:inserted.end] == "valmistelee "


def test_moves_keep_the_destination_and_drop_the_source(tmp_path):
    body = (
        f"<w:p><w:moveFrom w:id='3' {A}>{run('Siirretty')}</w:moveFrom>{run('Jää')}</w:p>"
        f"<w:p>{run('Alku ')}<w:moveTo w:id='4' {A}>{run('Siirretty')}</w:moveTo></w:p>"
    )
    first, second = read(tmp_path, body).body
    assert first.text == "Jää"
    assert first.revisions == (Revision("moveFrom", "Aino", "2024-03-01T10:00:00Z", "Siirretty", 0, 0, "3"),)
    assert second.text == "Alku Siirretty"
    assert second.revisions == (Revision("moveTo", "Aino", "2024-03-01T10:00:00Z", "", 5, 14, "4"),)


def test_text_inserted_then_deleted_is_out_of_the_accepted_view(tmp_path):
    body = f"<w:p>{run('a')}<w:ins w:id='1' {A}><w:del w:id='2' {A}>{deleted('b')}</w:del></w:ins>{run('c')}</w:p>"
    paragraph = read(tmp_path, body).body[0]
    assert paragraph.text == "ac"
    assert [(r.kind, r.text, r.start) for r in paragraph.revisions] == [("del", "b", 1)]


def test_a_paragraph_with_deleted_runs_and_deleted_mark_is_left_out_but_counted(tmp_path):
    body = (
        para("before")
        + f"<w:p><w:pPr><w:rPr><w:del w:id='5' {A}/></w:rPr></w:pPr><w:del w:id='6' {A}>{deleted('Poistettu kappale')}</w:del></w:p>"
        + para("after")
    )
    doc = read(tmp_path, body)
    assert [p.text for p in doc.paragraphs()] == ["before", "after"]
    assert [p.index for p in doc.paragraphs()] == [0, 2]
    # the deletion is not lost: it stood just before the next paragraph's text
    assert doc.body[1].revisions == (
        Revision("del", "Aino", "2024-03-01T10:00:00Z", "Poistettu kappale", 0, 0, "6"),
        Revision("paragraph-mark-del", "Aino", "2024-03-01T10:00:00Z", "", 0, 0, "5"),
    )
    assert doc.body[0].revisions == ()


def test_a_deleted_last_paragraph_leaves_its_revisions_on_the_paragraph_before(tmp_path):
    body = (para("before")
            + f"<w:p><w:pPr><w:rPr><w:del w:id='5' {A}/></w:rPr></w:pPr><w:del w:id='6' {A}>{deleted('loppu')}</w:del></w:p>")
    doc = read(tmp_path, body)
    assert [(r.kind, r.text, r.start) for r in doc.body[0].revisions] == [
        ("del", "loppu", 6), ("paragraph-mark-del", "", 6)]


def test_a_deletion_inside_a_math_run_is_dropped_and_recorded(tmp_path):
    body = (f"<w:p><m:oMath><m:r><m:t>A=</m:t></m:r><m:r><w:del w:id='1' {A}><w:rPr/><m:t>2</m:t></w:del></m:r>"
            "<m:r><m:t>B</m:t></m:r></m:oMath></w:p>")
    paragraph = read(tmp_path, body).body[0]
    assert paragraph.text == "A=B"
    assert [(r.kind, r.text, r.start) for r in paragraph.revisions] == [("del", "2", 2)]


def test_table_and_section_property_changes_are_recorded_as_other_revisions(tmp_path):
    body = (
        f"<w:tbl><w:tblPr><w:tblW w:w='0'/><w:tblPrChange w:id='1' {A}><w:tblPr/></w:tblPrChange></w:tblPr>"
        f"<w:tr><w:tc><w:tcPr><w:cellIns w:id='2' {A}/></w:tcPr>{para('solu')}</w:tc></w:tr></w:tbl>"
        + para("loppu") + f"<w:sectPr><w:sectPrChange w:id='3' {A}><w:sectPr/></w:sectPrChange></w:sectPr>"
    )
    doc = read(tmp_path, body)
    first, last = doc.paragraphs()
    assert [(r.kind, r.id, r.start) for r in first.revisions] == [("other", "1", 0), ("other", "2", 0)]
    assert [(r.kind, r.id, r.start) for r in last.revisions] == [("other", "3", 5)]


def test_a_deleted_mark_with_kept_text_is_recorded_on_the_paragraph(tmp_path):
    body = (f"<w:p><w:pPr><w:rPr><w:del w:id='5' {A}/></w:rPr></w:pPr>{run('jää')}</w:p>"
            f"<w:p><w:pPr><w:rPr><w:ins w:id='7' {A}/></w:rPr></w:pPr>{run('uusi')}</w:p>")
    first, second = read(tmp_path, body).body
    assert not first.deleted
    assert first.revisions == (Revision("paragraph-mark-del", "Aino", "2024-03-01T10:00:00Z", "", 3, 3, "5"),)
    assert second.revisions == (Revision("paragraph-mark-ins", "Aino", "2024-03-01T10:00:00Z", "", 4, 4, "7"),)


def test_formatting_and_paragraph_property_changes_are_recorded(tmp_path):
    body = (
        f"<w:p><w:pPr><w:jc w:val='center'/><w:pPrChange w:id='8' {A}><w:pPr/></w:pPrChange></w:pPr>"
        + run("plain ")
        + f"<w:r><w:rPr><w:b/><w:rPrChange w:id='9' {A}><w:rPr/></w:rPrChange></w:rPr><w:t>bold</w:t></w:r></w:p>"
    )
    paragraph = read(tmp_path, body).body[0]
    kinds = {r.kind: (r.start, r.end) for r in paragraph.revisions}
    assert kinds == {"rPrChange": (6, 10), "pPrChange": (0, 10)}


def test_a_deleted_table_row_is_out_of_the_accepted_view_and_marked(tmp_path):
    def row(text, tr_pr=""):
        return f"<w:tr>{tr_pr}<w:tc>{para(text)}</w:tc></w:tr>"

    body = (
        "<w:tbl>" + row("kept")
        + row("gone", f"<w:trPr><w:del w:id='1' {A}/></w:trPr>").replace(
            "<w:r><w:t xml:space=\"preserve\">gone</w:t></w:r>", f"<w:del w:id='2' {A}>{deleted('gone')}</w:del>")
        + row("new", f"<w:trPr><w:ins w:id='3' {A}/></w:trPr>")
        + "</w:tbl>" + para("after")
    )
    doc = read(tmp_path, body)
    table = doc.body[0]
    assert isinstance(table, Table)
    assert [(r.deleted, r.inserted) for r in table.rows] == [(False, False), (True, False), (False, True)]
    assert table.rows[1].cells == ()
    assert [p.text for p in doc.paragraphs()] == ["kept", "new", "after"]
    # rows keep their XML positions, paragraphs their index among all w:p
    assert [(p.location.row, p.index) for p in doc.paragraphs()] == [(0, 0), (2, 2), (None, 3)]


NUMBERING = (
    "<w:abstractNum w:abstractNumId='0'><w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='decimal'/>"
    "<w:lvlText w:val='%1.'/></w:lvl></w:abstractNum><w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>"
)


def numbered(text: str, extra_ppr: str = "", content: str | None = None) -> str:
    return (f"<w:p><w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr>{extra_ppr}</w:pPr>"
            f"{content if content is not None else run(text)}</w:p>")


def test_deleted_list_paragraphs_do_not_advance_the_counter(tmp_path):
    body = (
        numbered("first")
        + numbered("", f"<w:rPr><w:del w:id='1' {A}/></w:rPr>", f"<w:del w:id='2' {A}>{deleted('removed')}</w:del>")
        + numbered("second")
        + numbered("third (mark deleted, text kept)", f"<w:rPr><w:del w:id='3' {A}/></w:rPr>")
    )
    doc = read(tmp_path, body, numbering_xml=NUMBERING)
    assert [(p.text, p.numbering.label) for p in doc.paragraphs()] == [
        ("first", "1."), ("second", "2."), ("third (mark deleted, text kept)", "3.")]


def test_tracking_switch_comes_from_settings(tmp_path):
    assert read(tmp_path, para("x"), settings_xml="<w:trackRevisions/>").track_revisions
    assert not read(tmp_path, para("x"), settings_xml="<w:trackRevisions w:val='false'/>", name="b.docx").track_revisions
    assert not read(tmp_path, para("x"), name="c.docx").track_revisions
