"""Reading the main body: reading order, containers, text extraction, locations."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from docx_factory import document, make_docx, para, run
from drafter.blocks import Paragraph, Table
from drafter.errors import InputError
from drafter.ooxml.reader import read_document
from drafter.ooxml.text import paragraph_elements

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read(tmp_path, body: str, **parts):
    return read_document(str(make_docx(tmp_path, body, **parts)))


def texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs()]


def cell(*paragraphs: str) -> str:
    return f"<w:tc>{''.join(paragraphs)}</w:tc>"


def test_body_order_follows_nested_tables_and_content_controls(tmp_path):
    inner = f"<w:tbl><w:tr>{cell(para('inner cell'))}</w:tr></w:tbl>"
    body = (
        para("first")
        + f"<w:sdt><w:sdtPr/><w:sdtContent>{para('in control')}</w:sdtContent></w:sdt>"
        + f"<w:tbl><w:tr>{cell(para('a1'))}{cell(para('b1 before'), inner, para('b1 after'))}</w:tr>"
        + f"<w:tr>{cell(para('a2'))}<w:sdt><w:sdtContent>{cell(para('b2'))}</w:sdtContent></w:sdt></w:tr></w:tbl>"
        + f"<w:customXml w:element='x'>{para('custom')}</w:customXml>"
        + para("last")
    )
    doc = read(tmp_path, body)
    assert texts(doc) == ["first", "in control", "a1", "b1 before", "inner cell", "b1 after", "a2", "b2",
                          "custom", "last"]
    assert [p.location.paragraph for p in doc.paragraphs()] == list(range(10))
    table = doc.body[2]
    assert isinstance(table, Table) and table.index == 0
    assert [len(r.cells) for r in table.rows] == [2, 2]
    nested = table.rows[0].cells[1].blocks[1]
    assert isinstance(nested, Table) and nested.rows[0].cells[0].text == "inner cell"
    paragraphs = list(doc.paragraphs())
    assert paragraphs[1].container == "sdt"
    assert paragraphs[4].container == "table"
    assert (paragraphs[4].location.table, paragraphs[4].location.row, paragraphs[4].location.cell) == (0, 0, 1)
    assert (paragraphs[7].location.row, paragraphs[7].location.cell) == (1, 1)
    assert paragraphs[0].location.table is None


def test_hyperlinks_smart_tags_and_simple_fields_keep_their_text(tmp_path):
    body = (
        "<w:p>" + run("See ")
        + f"<w:hyperlink r:id='rIdX'>{run('the site')}</w:hyperlink>"
        + f"<w:smartTag w:uri='u' w:element='place'><w:smartTag w:element='city'>{run(' Helsinki')}</w:smartTag></w:smartTag>"
        + f"<w:fldSimple w:instr=' PAGE '>{run(' 7')}</w:fldSimple>"
        + f"<w:sdt><w:sdtContent>{run(' control')}</w:sdtContent></w:sdt>"
        + "</w:p>"
    )
    assert texts(read(tmp_path, body)) == ["See the site Helsinki 7 control"]


def test_complex_fields_give_their_result_not_their_code(tmp_path):
    def fld(kind):
        return f"<w:r><w:fldChar w:fldCharType='{kind}'/></w:r>"

    def instr(code):
        return f"<w:r><w:instrText xml:space='preserve'>{code}</w:instrText></w:r>"

    body = (
        "<w:p>" + run("Page ") + fld("begin") + instr(" PAGE ") + fld("separate") + run("3") + fld("end")
        + run(" of ")
        # a nested field inside the outer field's instructions is code, not result
        + fld("begin") + instr(" IF ") + fld("begin") + instr(" NUMPAGES ") + fld("separate") + run("9")
        + fld("end") + instr(" > 1 \"many\" ") + fld("separate") + run("many") + fld("end")
        + fld("begin") + instr(" NOCODE ") + fld("end")
        + run(" pages") + "</w:p>"
    )
    assert texts(read(tmp_path, body)) == ["Page 3 of many pages"]


def test_a_field_result_may_span_paragraphs(tmp_path):
    body = (
        "<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>TOC \\o</w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r>" + run("1 Johdanto") + "</w:p>"
        + para("2 Tavoitteet")
        + "<w:p>" + run("3 Toimenpiteet") + "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>"
        + para("after")
    )
    assert texts(read(tmp_path, body)) == ["1 Johdanto", "2 Tavoitteet", "3 Toimenpiteet", "after"]


def test_a_field_that_never_ends_is_reported(tmp_path):
    body = (para("before") + "<w:p>" + run("start ") + "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
            "<w:r><w:instrText>broken</w:instrText></w:r></w:p>" + para("swallowed"))
    doc = read(tmp_path, body)
    assert texts(doc) == ["before", "start ", ""]
    assert [(n.code, n.part) for n in doc.notices] == [("unclosed-field", "word/document.xml")]
    assert "paragraph 1" in doc.notices[0].message


def test_special_characters_follow_the_documented_text_rules(tmp_path):
    body = (
        "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:br w:type='page'/>"
        "<w:t>d</w:t><w:cr/><w:t>e</w:t><w:noBreakHyphen/><w:t>f</w:t><w:softHyphen/><w:t>g</w:t>"
        "<w:sym w:font='Symbol' w:char='F0B7'/><w:sym w:font='Wingdings' w:char='F0FC'/>"
        "<w:sym w:font='Arial' w:char='00E9'/><w:lastRenderedPageBreak/></w:r></w:p>"
    )
    assert texts(read(tmp_path, body)) == ["a\tb\ncd\ne\u2011fg\u2022\u2713\u00e9"]


def test_text_boxes_are_read_once_from_alternate_content_and_follow_their_paragraph(tmp_path):
    box = "<w:txbxContent>{}</w:txbxContent>"
    choice = (
        "<mc:Choice Requires='wps'><w:drawing><wp:anchor><wp:docPr id='1' name='Text Box 1'/>"
        "<a:graphic><a:graphicData uri='http://schemas.microsoft.com/office/word/2010/wordprocessingShape'>"
        f"<wps:wsp><wps:txbx>{box.format(para('box text') + para('box second'))}</wps:txbx></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
    )
    fallback = (
        "<mc:Fallback><w:pict><v:shape><v:textbox>"
        f"{box.format(para('box text') + para('box second'))}</v:textbox></v:shape></w:pict></mc:Fallback>"
    )
    body = (
        f"<w:p>{run('holder')}<w:r><mc:AlternateContent>{choice}{fallback}</mc:AlternateContent></w:r>"
        f"{run(' end')}</w:p>" + para("next")
    )
    doc = read(tmp_path, body)
    assert texts(doc) == ["holder end", "box text", "box second", "next"]
    paragraphs = list(doc.paragraphs())
    assert [p.container for p in paragraphs] == ["body", "textbox", "textbox", "body"]
    # indices count every w:p, the skipped Fallback copies included
    assert [p.index for p in paragraphs] == [0, 1, 2, 5]
    assert not paragraphs[0].has_image


def test_a_choice_needing_markup_the_reader_does_not_know_yields_to_the_fallback(tmp_path):
    emoji = ("<mc:AlternateContent xmlns:w16se='http://schemas.microsoft.com/office/word/2015/wordml/symex'>"
             "<mc:Choice Requires='w16se'><w16se:symEx w16se:font='Segoe UI Emoji' w16se:char='1F600'/></mc:Choice>"
             "<mc:Fallback><w:t>\U0001F600</w:t></mc:Fallback></mc:AlternateContent>")
    body = f"<w:p>{run('Hymy ')}<w:r>{emoji}</w:r></w:p>"
    assert texts(read(tmp_path, body)) == ["Hymy \U0001F600"]


def test_vml_text_box_without_alternate_content_is_read(tmp_path):
    body = (f"<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>{para('vml box')}</w:txbxContent>"
            "</v:textbox></v:shape></w:pict></w:r></w:p>")
    doc = read(tmp_path, body)
    assert texts(doc) == ["", "vml box"]


def test_locations_index_every_w_p_of_the_part_in_document_order(tmp_path):
    body = (
        para("zero")
        + f"<w:tbl><w:tr>{cell(para('one'), para('two'))}</w:tr></w:tbl>"
        + "<w:p><w:pPr><w:rPr><w:del w:id='1' w:author='A' w:date='2024-01-01T00:00:00Z'/></w:rPr></w:pPr>"
          "<w:del w:id='2' w:author='A'><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>"
        + para("four")
    )
    path = make_docx(tmp_path, body)
    doc = read_document(str(path))
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    elements = paragraph_elements(root)
    assert len(elements) == 5
    for p in doc.paragraphs():
        element = elements[p.location.paragraph]
        assert "".join(t.text for t in element.iter(f"{W}t")) == p.text
    assert [p.index for p in doc.paragraphs()] == [0, 1, 2, 4]


def test_strict_ooxml_reads_the_same_as_transitional(tmp_path):
    styles = ("<w:style w:type='paragraph' w:styleId='Heading1'><w:name w:val='heading 1'/></w:style>")
    body = para("Otsikko", "<w:pStyle w:val='Heading1'/>") + "<w:p>" + run("Teksti ") + "<w:ins w:id='1' w:author='B'>" \
        + run("lisätty") + "</w:ins></w:p>"
    transitional = read_document(str(make_docx(tmp_path, body, styles_xml=styles, name="t.docx")))
    strict = read_document(str(make_docx(tmp_path, body, styles_xml=styles, strict=True, name="s.docx")))
    assert texts(strict) == texts(transitional) == ["Otsikko", "Teksti lisätty"]
    assert [p.outline_level for p in strict.paragraphs()] == [0, None]
    assert strict.body[1].revisions == transitional.body[1].revisions
    assert strict.notices == ()


def test_strict_parts_count_paragraphs_with_the_same_rule():
    root = etree.fromstring(
        "<w:document xmlns:w='http://purl.oclc.org/ooxml/wordprocessingml/main'><w:body>"
        "<w:p/><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl><w:p/></w:body></w:document>")
    assert len(paragraph_elements(root)) == 3


@pytest.mark.parametrize("kind", ["docx", "docm", "dotx"])
def test_content_type_kind_is_reported(tmp_path, kind):
    assert read(tmp_path, para("x"), kind=kind).content_type == kind


def test_a_doctype_in_the_main_part_is_refused(tmp_path):
    xml = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           + document(para("&x;")).split("?>", 1)[1])
    with pytest.raises(InputError, match="DOCTYPE"):
        read_document(str(make_docx(tmp_path, xml)))


def test_a_main_part_that_is_not_a_document_is_an_input_error(tmp_path):
    xml = '<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
    with pytest.raises(InputError, match="not a WordprocessingML document"):
        read_document(str(make_docx(tmp_path, xml)))


def test_broken_xml_in_the_main_part_is_one_input_error(tmp_path):
    path = make_docx(tmp_path, para("x"))
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data[: len(data) // 2]
            target.writestr(info, data)
    with pytest.raises(InputError) as raised:
        read_document(str(broken))
    assert "\n" not in str(raised.value) and "broken XML" in str(raised.value)


def test_unknown_elements_are_skipped_and_text_inside_them_is_reported(tmp_path):
    body = (
        "<w:p><w:r><w:t>kept</w:t><w14:unknownRunChild/></w:r><w14:wrapper>" + run(" wrapped") + "</w14:wrapper></w:p>"
        + "<w14:blockThing>" + para("lost?") + "</w14:blockThing>"
        + "<w14:emptyThing/>"
    )
    doc = read(tmp_path, body)
    assert texts(doc) == ["kept wrapped"]
    assert [n.code for n in doc.notices] == ["unknown-element"]
    assert "blockThing" in doc.notices[0].message


def test_math_text_is_kept(tmp_path):
    body = ("<w:p>" + run("x ") + "<m:oMath><m:r><m:t>a+b</m:t></m:r></m:oMath></w:p>")
    assert texts(read(tmp_path, body)) == ["x a+b"]


def test_empty_body_gives_an_empty_document(tmp_path):
    doc = read(tmp_path, "<w:sectPr/>")
    assert doc.body == () and doc.notices == ()


def test_paragraph_blocks_are_plain_values(tmp_path):
    doc = read(tmp_path, para("x"))
    block = doc.body[0]
    assert isinstance(block, Paragraph)
    assert block.location.part == "word/document.xml"
    assert (block.location.start, block.location.end) == (0, 1)
