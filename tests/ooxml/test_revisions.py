"""Accepting and rejecting tracked changes on part trees gives the reader's views."""

from __future__ import annotations

import re

from docx_factory import make_docx, para, run
from drafter.ooxml.package import Package
from drafter.ooxml.reader import read_document
from drafter.ooxml.revisions import accept_all, count_revisions, may_have_revisions, reject_all, swap_revisions
from drafter.ooxml.writer import PackageEditor

A = "w:author='Aino' w:date='2024-03-01T10:00:00Z'"
REVISION_TAGS = re.compile(rb"<w:(ins|del|moveFrom|moveTo|moveFromRangeStart|moveToRangeEnd|rPrChange|pPrChange"
                           rb"|sectPrChange|tblPrChange|trPrChange|tcPrChange|cellIns|cellDel|numberingChange)[ >/]")


def deleted(text: str) -> str:
    return f"<w:r><w:delText xml:space='preserve'>{text}</w:delText></w:r>"


def resolve(tmp_path, body: str, reject: bool = False, **parts):
    """Resolve every revision of the main part; return (texts after, texts of the reader's accepted view, xml)."""
    source = make_docx(tmp_path, body, **parts)
    editor = PackageEditor(Package(source))
    root = editor.tree("word/document.xml")
    result = (reject_all if reject else accept_all)(root)
    out = tmp_path / "out.docx"
    out.write_bytes(editor.to_bytes())
    after = [p.text for p in read_document(str(out)).paragraphs()]
    before = [p.text for p in read_document(str(source)).paragraphs()]
    return after, before, editor.read("word/document.xml"), result


def test_inserted_text_is_kept_and_deleted_text_dropped_on_accept(tmp_path):
    body = ("<w:p>" + run("Ministeriö ") + f"<w:del w:id='1' {A}>{deleted('laatii ')}</w:del>"
            + f"<w:ins w:id='2' {A}>{run('valmistelee ')}</w:ins>" + run("ohjelman.") + "</w:p>")
    after, before, xml, _ = resolve(tmp_path, body)
    assert after == before == ["Ministeriö valmistelee ohjelman."]
    assert not REVISION_TAGS.search(xml)


def test_reject_restores_deleted_text_and_drops_inserted_text(tmp_path):
    body = ("<w:p>" + run("Ministeriö ") + f"<w:del w:id='1' {A}>{deleted('laatii ')}</w:del>"
            + f"<w:ins w:id='2' {A}>{run('valmistelee ')}</w:ins>" + run("ohjelman.") + "</w:p>")
    after, _, xml, _ = resolve(tmp_path, body, reject=True)
    assert after == ["Ministeriö laatii ohjelman."]
    assert b"delText" not in xml and not REVISION_TAGS.search(xml)


def test_moves_keep_the_destination_and_drop_the_source_with_range_markers(tmp_path):
    body = (f"<w:p><w:moveFromRangeStart w:id='5' w:name='move1' {A}/>"
            f"<w:moveFrom w:id='3' {A}>{run('Siirretty')}</w:moveFrom><w:moveFromRangeEnd w:id='5'/>{run('Jää')}</w:p>"
            f"<w:p>{run('Alku ')}<w:moveToRangeStart w:id='6' w:name='move1' {A}/>"
            f"<w:moveTo w:id='4' {A}>{run('Siirretty')}</w:moveTo><w:moveToRangeEnd w:id='6'/></w:p>")
    after, before, xml, _ = resolve(tmp_path, body)
    assert after == before == ["Jää", "Alku Siirretty"]
    assert not REVISION_TAGS.search(xml)
    rejected, _, _, _ = resolve(tmp_path, body, reject=True)
    assert rejected == ["SiirrettyJää", "Alku "]


def test_an_accepted_paragraph_mark_deletion_joins_the_paragraph_with_the_next(tmp_path):
    body = (f"<w:p><w:pPr><w:rPr><w:del w:id='7' {A}/></w:rPr></w:pPr>{run('Ensimmäinen ')}</w:p>"
            f"<w:p><w:pPr><w:pStyle w:val='Normal'/></w:pPr>{run('ja toinen.')}</w:p>")
    after, before, xml, result = resolve(tmp_path, body)
    assert before == ["Ensimmäinen ", "ja toinen."]
    assert after == ["Ensimmäinen ja toinen."]
    assert result.joined == [0]
    assert xml.count(b"<w:p>") + xml.count(b"<w:p ") == 1


def test_a_wholly_deleted_paragraph_disappears(tmp_path):
    body = (para("Alku.")
            + f"<w:p><w:pPr><w:rPr><w:del w:id='8' {A}/></w:rPr></w:pPr><w:del w:id='9' {A}>{deleted('Pois.')}</w:del></w:p>"
            + para("Loppu."))
    after, before, xml, _ = resolve(tmp_path, body)
    assert after == before == ["Alku.", "Loppu."]
    assert b"Pois." not in xml


def test_rejecting_a_wholly_deleted_paragraph_brings_it_back(tmp_path):
    body = (para("Alku.")
            + f"<w:p><w:pPr><w:rPr><w:del w:id='8' {A}/></w:rPr></w:pPr><w:del w:id='9' {A}>{deleted('Takaisin.')}</w:del></w:p>"
            + para("Loppu."))
    after, _, _, _ = resolve(tmp_path, body, reject=True)
    assert after == ["Alku.", "Takaisin.", "Loppu."]


def test_rejecting_an_inserted_paragraph_mark_joins_the_paragraphs(tmp_path):
    body = (f"<w:p><w:pPr><w:rPr><w:ins w:id='7' {A}/></w:rPr></w:pPr>{run('Yksi ')}</w:p>" + para("kappale."))
    accepted, _, _, _ = resolve(tmp_path, body)
    assert accepted == ["Yksi ", "kappale."]
    rejected, _, _, _ = resolve(tmp_path, body, reject=True)
    assert rejected == ["Yksi kappale."]


def test_formatting_changes_keep_the_new_formatting_on_accept_and_the_old_on_reject(tmp_path):
    body = ("<w:p><w:pPr><w:jc w:val='center'/><w:pPrChange w:id='1' " + A + "><w:pPr><w:jc w:val='left'/></w:pPr>"
            "</w:pPrChange></w:pPr><w:r><w:rPr><w:b/><w:rPrChange w:id='2' " + A + "><w:rPr><w:i/></w:rPr>"
            "</w:rPrChange></w:rPr><w:t>Teksti</w:t></w:r></w:p>")
    _, _, xml, _ = resolve(tmp_path, body)
    assert b"<w:b/>" in xml and b"<w:i/>" not in xml and b'w:val="center"' in xml
    assert not REVISION_TAGS.search(xml)
    _, _, rejected, _ = resolve(tmp_path, body, reject=True)
    assert b"<w:i/>" in rejected and b"<w:b/>" not in rejected and b'w:val="left"' in rejected
    assert not REVISION_TAGS.search(rejected)


def _table(row_a_pr: str, row_b_pr: str, cell_pr: str = "") -> str:
    return ("<w:tbl><w:tblPr><w:tblW w:w='0' w:type='auto'/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
            f"<w:tr><w:trPr>{row_a_pr}</w:trPr><w:tc>{para('A1')}</w:tc><w:tc>{para('A2')}</w:tc></w:tr>"
            f"<w:tr><w:trPr>{row_b_pr}</w:trPr><w:tc>{para('B1')}</w:tc>"
            f"<w:tc><w:tcPr>{cell_pr}</w:tcPr>{para('B2')}</w:tc></w:tr></w:tbl>" + para("Jälkeen."))


def test_a_deleted_row_is_removed_and_an_inserted_row_kept_on_accept(tmp_path):
    body = _table(f"<w:ins w:id='1' {A}/>", f"<w:del w:id='2' {A}/>")
    after, before, xml, _ = resolve(tmp_path, body)
    assert after == before == ["A1", "A2", "Jälkeen."]
    assert not REVISION_TAGS.search(xml)
    rejected, _, _, _ = resolve(tmp_path, body, reject=True)
    assert rejected == ["B1", "B2", "Jälkeen."]


def test_a_table_whose_every_row_is_deleted_goes_away(tmp_path):
    body = _table(f"<w:del w:id='1' {A}/>", f"<w:del w:id='2' {A}/>")
    after, _, xml, _ = resolve(tmp_path, body)
    assert after == ["Jälkeen."]
    assert b"<w:tbl>" not in xml


def test_deleted_cells_are_removed_and_inserted_cells_kept(tmp_path):
    body = _table("", "", f"<w:cellDel w:id='3' {A}/>")
    after, _, xml, _ = resolve(tmp_path, body)
    assert after == ["A1", "A2", "B1", "Jälkeen."]
    assert b"cellDel" not in xml
    body = _table("", "", f"<w:cellIns w:id='3' {A}/>")
    rejected, _, _, _ = resolve(tmp_path, body, reject=True)
    assert rejected == ["A1", "A2", "B1", "Jälkeen."]


def test_section_table_and_numbering_property_changes_are_resolved(tmp_path):
    body = ("<w:p><w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/>"
            f"<w:ins w:id='1' {A}/></w:numPr></w:pPr>{run('Kohta')}</w:p>"
            "<w:tbl><w:tblPr><w:tblW w:w='0' w:type='auto'/><w:tblPrChange w:id='2' " + A + "><w:tblPr/></w:tblPrChange>"
            "</w:tblPr><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:trPr><w:trPrChange w:id='3' " + A + "><w:trPr/>"
            "</w:trPrChange></w:trPr><w:tc><w:tcPr><w:tcW w:w='0'/><w:tcPrChange w:id='4' " + A + "><w:tcPr/></w:tcPrChange>"
            "</w:tcPr>" + para("Solu") + "</w:tc></w:tr></w:tbl>"
            "<w:sectPr><w:pgSz w:w='11906' w:h='16838'/><w:sectPrChange w:id='5' " + A + "><w:sectPr/></w:sectPrChange>"
            "</w:sectPr>")
    after, before, xml, _ = resolve(tmp_path, body)
    assert after == before == ["Kohta", "Solu"]
    assert not REVISION_TAGS.search(xml)
    assert b"<w:pgSz" in xml


def test_block_level_inserted_wrappers_are_unwrapped(tmp_path):
    body = f"<w:ins w:id='1' {A}>{para('Lisätty kappale.')}</w:ins>" + para("Vanha.")
    after, before, xml, _ = resolve(tmp_path, body)
    assert after == before == ["Lisätty kappale.", "Vanha."]
    assert not REVISION_TAGS.search(xml)


def test_a_paragraph_ending_a_section_keeps_its_section_break_when_its_mark_is_deleted(tmp_path):
    body = (f"<w:p><w:pPr><w:sectPr><w:pgSz w:w='11906' w:h='16838'/></w:sectPr><w:rPr><w:del w:id='1' {A}/></w:rPr>"
            f"</w:pPr>{run('Osa 1')}</w:p>" + para("Osa 2"))
    after, _, xml, result = resolve(tmp_path, body)
    assert after == ["Osa 1", "Osa 2"]
    assert result.joined == []
    assert xml.count(b"<w:sectPr") == 1


def test_swapping_twice_gives_the_original_revisions_back(tmp_path):
    body = ("<w:p>" + f"<w:del w:id='1' {A}>{deleted('vanha ')}</w:del>" + f"<w:ins w:id='2' {A}>{run('uusi ')}</w:ins></w:p>")
    editor = PackageEditor(Package(make_docx(tmp_path, body)))
    root = editor.tree("word/document.xml")
    assert count_revisions(root) == 2
    swap_revisions(root)
    xml = editor.read("word/document.xml")
    assert b"<w:ins" in xml and b"<w:del" in xml
    assert b"delText" not in xml  # the restored text reads as text again


def test_a_part_without_revision_markup_is_recognised_without_parsing():
    assert not may_have_revisions(b"<w:document><w:body><w:p><w:r><w:t>insideH</w:t></w:r></w:p></w:body></w:document>")
    assert may_have_revisions(b"<w:p><w:ins w:id='1'/></w:p>")
    assert may_have_revisions(b"<w:rPr><w:rPrChange w:id='1'/></w:rPr>")
