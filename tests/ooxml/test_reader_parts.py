"""Comments, notes, headers and footers, images, properties and soft part failures."""

from __future__ import annotations

from docx_factory import make_docx, para, run
from drafter.blocks import CommentAnchor, Comment
from drafter.ooxml.reader import read_document


def read(tmp_path, body: str, **parts):
    return read_document(str(make_docx(tmp_path, body, **parts)))


COMMENTS = (
    "<w:comment w:id='0' w:author='Aino Virtanen' w:date='2024-03-01T10:00:00Z' w:initials='AV'>"
    "<w:p><w:r><w:annotationRef/></w:r>" + run("Tarkista ") + run("vastuutaho.") + "</w:p>"
    + para("Toinen kappale.") + "</w:comment>"
    "<w:comment w:id='1' w:author='Bo' w:date='2024-03-02T09:00:00Z'>" + para("Pistekommentti") + "</w:comment>"
)


def test_comments_are_read_with_author_date_and_text(tmp_path):
    doc = read(tmp_path, para("x"), comments_xml=COMMENTS)
    assert doc.comments == (
        Comment("0", "Aino Virtanen", "2024-03-01T10:00:00Z", "Tarkista vastuutaho.\nToinen kappale.", "AV"),
        Comment("1", "Bo", "2024-03-02T09:00:00Z", "Pistekommentti", None),
    )
    assert doc.comment("1").author == "Bo"


def test_a_comment_spanning_paragraphs_anchors_each_covered_part(tmp_path):
    body = (
        "<w:p>" + run("Alku ") + "<w:commentRangeStart w:id='0'/>" + run("kommentoitu") + "</w:p>"
        + para("koko kappale")
        + "<w:p>" + run("loppu") + "<w:commentRangeEnd w:id='0'/>" + run(" jälkeen")
        + "<w:r><w:commentReference w:id='0'/></w:r></w:p>"
        + para("ei kommenttia")
    )
    doc = read(tmp_path, body, comments_xml=COMMENTS)
    anchors = [p.comments for p in doc.paragraphs()]
    assert anchors == [
        (CommentAnchor("0", 5, 16),),
        (CommentAnchor("0", 0, 12),),
        (CommentAnchor("0", 0, 5),),
        (),
    ]


def test_a_comment_reference_without_a_range_is_a_zero_width_anchor(tmp_path):
    body = "<w:p>" + run("Teksti") + "<w:r><w:commentReference w:id='1'/></w:r>" + run(" jatkuu") + "</w:p>"
    doc = read(tmp_path, body, comments_xml=COMMENTS)
    assert doc.body[0].comments == (CommentAnchor("1", 6, 6),)


def test_block_level_comment_ranges_cover_the_paragraphs_between(tmp_path):
    body = ("<w:commentRangeStart w:id='0'/>" + para("yksi") + para("kaksi") + "<w:commentRangeEnd w:id='0'/>"
            + para("kolme"))
    doc = read(tmp_path, body, comments_xml=COMMENTS)
    assert [p.comments for p in doc.paragraphs()] == [(CommentAnchor("0", 0, 4),), (CommentAnchor("0", 0, 5),), ()]


def test_comment_ranges_between_table_rows_cover_the_rows_between(tmp_path):
    body = ("<w:tbl><w:commentRangeStart w:id='0'/><w:tr><w:tc>" + para("rivi 1") + "</w:tc></w:tr>"
            "<w:commentRangeEnd w:id='0'/><w:tr><w:tc>" + para("rivi 2") + "</w:tc></w:tr></w:tbl>")
    doc = read(tmp_path, body, comments_xml=COMMENTS)
    assert [p.comments for p in doc.paragraphs()] == [(CommentAnchor("0", 0, 6),), ()]


def test_an_unreadable_comments_part_is_a_notice(tmp_path):
    doc = read(tmp_path, para("x"), comments_xml="<?xml version='1.0'?><w:comments xmlns:w='x'><broken")
    assert doc.body[0].text == "x" and doc.comments == ()
    assert [(n.code, n.part) for n in doc.notices] == [("unreadable-part", "word/comments.xml")]


FOOTNOTES = (
    "<w:footnote w:type='separator' w:id='-1'><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
    "<w:footnote w:type='continuationSeparator' w:id='0'><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "<w:footnote w:id='1'><w:p><w:r><w:footnoteRef/></w:r>" + run(" Laki 123/2020.") + "</w:p></w:footnote>"
    "<w:footnote w:id='2'>" + para("Toinen.") + para("Jatkuu.") + "</w:footnote>"
)
ENDNOTES = "<w:endnote w:id='1'>" + para("Loppuviite.") + "</w:endnote>"


def test_footnotes_and_endnotes_become_notes_and_paragraphs_record_references(tmp_path):
    body = ("<w:p>" + run("Säädös") + "<w:r><w:footnoteReference w:id='1'/></w:r>" + run(" ja toinen")
            + "<w:r><w:footnoteReference w:id='2'/></w:r><w:r><w:endnoteReference w:id='1'/></w:r></w:p>")
    doc = read(tmp_path, body, footnotes_xml=FOOTNOTES, endnotes_xml=ENDNOTES)
    paragraph = doc.body[0]
    assert paragraph.text == "Säädös ja toinen"
    assert paragraph.footnote_refs == ("1", "2") and paragraph.endnote_refs == ("1",)
    assert [(n.id, n.kind, n.text) for n in doc.footnotes] == [
        ("1", "footnote", " Laki 123/2020."), ("2", "footnote", "Toinen.\nJatkuu.")]
    assert [(n.id, n.text) for n in doc.endnotes] == [("1", "Loppuviite.")]
    note_paragraph = doc.footnotes[1].paragraphs[1]
    assert note_paragraph.container == "note"
    assert note_paragraph.location.part == "word/footnotes.xml"
    assert note_paragraph.index == 4  # separators' paragraphs are counted too
    assert len(list(doc.all_paragraphs())) == 1 + 3 + 1


SECT = ("<w:sectPr><w:headerReference w:type='default' r:id='rIdH1'/><w:headerReference w:type='first' r:id='rIdH1'/>"
        "<w:footerReference w:type='default' r:id='rIdF1'/></w:sectPr>")


def test_headers_and_footers_are_read_once_each_with_their_part_names(tmp_path):
    body = para("x", SECT) + para("y") + SECT
    doc = read(tmp_path, body, headers={"rIdH1": para("Luonnos 1.2.2024")}, footers={"rIdF1": para("Sivu")})
    assert [(p.text, p.location.part, p.container) for p in doc.headers] == [
        ("Luonnos 1.2.2024", "word/header1.xml", "header")]
    assert [(p.text, p.location.part, p.container) for p in doc.footers] == [("Sivu", "word/footer1.xml", "footer")]
    assert not doc.has_watermark


def test_a_vml_watermark_in_a_header_is_detected(tmp_path):
    header = ("<w:p><w:r><w:pict><v:shape id='PowerPlusWaterMarkObject1' type='#_x0000_t136'>"
              "<v:textpath style='font-family:Calibri' string='LUONNOS'/></v:shape></w:pict></w:r></w:p>")
    doc = read(tmp_path, para("x") + SECT, headers={"rIdH1": header}, footers={"rIdF1": para("")})
    assert doc.has_watermark and doc.watermark_text == "LUONNOS"


def test_a_drawingml_wordart_watermark_is_detected(tmp_path):
    header = ("<w:p><w:r><w:drawing><wp:anchor><wp:docPr id='3' name='WordArt'/><a:graphic><a:graphicData>"
              "<wps:wsp><wps:txbx><w:txbxContent>" + para("DRAFT") + "</w:txbxContent></wps:txbx>"
              "<wps:bodyPr><a:prstTxWarp prst='textPlain'/></wps:bodyPr></wps:wsp>"
              "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>")
    doc = read(tmp_path, para("x") + SECT, headers={"rIdH1": header}, footers={"rIdF1": para("")})
    assert doc.has_watermark and doc.watermark_text == "DRAFT"


def test_a_missing_header_part_is_a_notice(tmp_path):
    doc = read(tmp_path, para("x") + SECT, extra_rels=[("rIdH1", "header", "header9.xml")],
               footers={"rIdF1": para("")})
    assert doc.body[0].text == "x"
    assert [n.code for n in doc.notices] == ["dangling-relationship"]
    assert "header9.xml" in doc.notices[0].message
    assert doc.headers == ()


def test_a_section_referring_to_an_unknown_relationship_is_one_notice(tmp_path):
    doc = read(tmp_path, para("x") + SECT + SECT.replace("rIdF1", "rIdNone"), footers={"rIdF1": para("")},
               headers={"rIdH1": para("otsake")})
    assert [n.code for n in doc.notices] == ["dangling-relationship"]
    assert "rIdNone" in doc.notices[0].message


def picture(descr: str | None) -> str:
    alt = f" descr='{descr}'" if descr is not None else ""
    return ("<w:r><w:drawing><wp:inline><wp:docPr id='1' name='Kuva 1'" + alt + "/><a:graphic>"
            "<a:graphicData uri='http://schemas.openxmlformats.org/drawingml/2006/picture'><pic:pic>"
            "<pic:blipFill><a:blip r:embed='rId9'/></pic:blipFill></pic:pic></a:graphicData></a:graphic>"
            "</wp:inline></w:drawing></w:r>")


def test_images_are_flagged_and_those_without_alt_text_counted(tmp_path):
    vml = "<w:r><w:pict><v:shape><v:imagedata r:id='rId8' o:title=''/></v:shape></w:pict></w:r>"
    vml_alt = "<w:r><w:pict><v:shape alt='Kaavio'><v:imagedata r:id='rId8'/></v:shape></w:pict></w:r>"
    body = (f"<w:p>{picture('Kartta')}{picture(None)}{picture('  ')}</w:p><w:p>{vml}{vml_alt}</w:p>"
            + para("no image"))
    first, second, third = read(tmp_path, body).body
    assert (first.has_image, first.images_without_alt) == (True, 2)
    assert (second.has_image, second.images_without_alt) == (True, 1)
    assert (third.has_image, third.images_without_alt) == (False, 0)


def test_a_picture_inside_a_text_box_counts_once_on_the_text_box_paragraph(tmp_path):
    box = ("<w:r><w:drawing><wp:anchor><wp:docPr id='2' name='Tekstiruutu'/><a:graphic><a:graphicData>"
           f"<wps:wsp><wps:txbx><w:txbxContent><w:p>{picture(None)}</w:p></w:txbxContent></wps:txbx></wps:wsp>"
           "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>")
    holder, inner = read(tmp_path, f"<w:p>{box}</w:p>").body
    assert (holder.has_image, holder.images_without_alt) == (False, 0)
    assert (inner.container, inner.has_image, inner.images_without_alt) == ("textbox", True, 1)


CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>Toimintaohjelma 2024–2027</dc:title><dc:subject>Luonnos</dc:subject><dc:creator>Aino</dc:creator>
<cp:lastModifiedBy>Bo</cp:lastModifiedBy><cp:revision>7</cp:revision><dc:language>fi-FI</dc:language>
<cp:keywords>ohjelma</cp:keywords><dc:description>Kuvaus</dc:description>
<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-02T03:04:00Z</dcterms:created>
<dcterms:modified xsi:type="dcterms:W3CDTF">2024-02-03T04:05:00Z</dcterms:modified></cp:coreProperties>"""
APP = """<?xml version="1.0" encoding="UTF-8"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">
<Template>Normal.dotm</Template><Application>Microsoft Office Word</Application></Properties>"""
CUSTOM = """<?xml version="1.0" encoding="UTF-8"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
 xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">
<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Diaarinumero"><vt:lpwstr>VN/123/2024</vt:lpwstr></property>
</Properties>"""


def test_document_properties_are_read(tmp_path):
    props = read(tmp_path, para("x"), core_xml=CORE, app_xml=APP, custom_xml=CUSTOM).properties
    assert (props.title, props.subject, props.creator, props.last_modified_by, props.revision) == (
        "Toimintaohjelma 2024–2027", "Luonnos", "Aino", "Bo", "7")
    assert (props.language, props.keywords, props.description) == ("fi-FI", "ohjelma", "Kuvaus")
    assert (props.created, props.modified) == ("2024-01-02T03:04:00Z", "2024-02-03T04:05:00Z")
    assert (props.template, props.application) == ("Normal.dotm", "Microsoft Office Word")
    assert props.custom == (("Diaarinumero", "VN/123/2024"),)


def test_missing_properties_parts_leave_empty_properties(tmp_path):
    props = read(tmp_path, para("x")).properties
    assert props.title is None and props.custom == ()


def test_a_dangling_relationship_is_a_notice(tmp_path):
    doc = read(tmp_path, para("x"), extra_rels=[("rId77", "image", "media/missing.png")])
    assert [(n.code, n.part) for n in doc.notices] == [("dangling-relationship", "word/document.xml")]
    assert "media/missing.png" in doc.notices[0].message
