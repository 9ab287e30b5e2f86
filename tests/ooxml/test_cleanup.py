"""Removing comments, highlights and draft watermarks from a package."""

from __future__ import annotations

import zipfile

from docx_factory import make_docx, para, run
from drafter.ooxml.cleanup import is_draft_marker, remove_comments, remove_highlights, remove_watermarks
from drafter.ooxml.package import Package
from drafter.ooxml.reader import read_document
from drafter.ooxml.writer import PackageEditor

COMMENTED = (
    "<w:p><w:commentRangeStart w:id='0'/>" + run("Kommentoitu") + "<w:commentRangeEnd w:id='0'/>"
    "<w:r><w:rPr><w:rStyle w:val='CommentReference'/></w:rPr><w:commentReference w:id='0'/></w:r>"
    + run(" teksti.") + "</w:p>"
)
COMMENTS = "<w:comment w:id='0' w:author='Aino' w:date='2024-01-01T00:00:00Z'><w:p>" + run("Tarkista.") + "</w:p></w:comment>"
EXT_TYPE = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
PEOPLE_TYPE = "http://schemas.microsoft.com/office/2011/relationships/people"


def _with_extra_comment_parts(path):
    """Add commentsExtended.xml and people.xml with relationships and overrides to a package."""
    source = zipfile.ZipFile(path)
    parts = {n: source.read(n) for n in source.namelist()}
    source.close()
    parts["word/commentsExtended.xml"] = b"<w15:commentsEx xmlns:w15='http://schemas.microsoft.com/office/word/2012/wordml'/>"
    parts["word/people.xml"] = b"<w15:people xmlns:w15='http://schemas.microsoft.com/office/word/2012/wordml'/>"
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace("</Relationships>",
                        f'<Relationship Id="rIdX" Type="{EXT_TYPE}" Target="commentsExtended.xml"/>'
                        f'<Relationship Id="rIdP" Type="{PEOPLE_TYPE}" Target="people.xml"/></Relationships>')
    parts["word/_rels/document.xml.rels"] = rels.encode()
    types = parts["[Content_Types].xml"].decode().replace(
        "</Types>",
        '<Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.commentsExtended+xml"/><Override PartName="/word/people.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.people+xml"/></Types>')
    parts["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_comments_go_with_every_part_relationship_override_and_anchor(tmp_path):
    source = _with_extra_comment_parts(make_docx(tmp_path, COMMENTED, comments_xml=COMMENTS))
    editor = PackageEditor(Package(source))
    removal = remove_comments(editor)
    out = tmp_path / "out.docx"
    editor.save(out)
    archive = zipfile.ZipFile(out)
    assert not {"word/comments.xml", "word/commentsExtended.xml", "word/people.xml"} & set(archive.namelist())
    assert set(removal.parts) == {"word/comments.xml", "word/commentsExtended.xml", "word/people.xml"}
    assert removal.anchors == 3
    document = archive.read("word/document.xml")
    assert b"comment" not in document.replace(b"CommentReference", b"")
    assert b"CommentReference" not in document  # the run that only held the reference went too
    assert b"comments" not in archive.read("word/_rels/document.xml.rels")
    assert b"comments" not in archive.read("[Content_Types].xml") and b"people" not in archive.read("[Content_Types].xml")
    read = read_document(str(out))
    assert [p.text for p in read.paragraphs()] == ["Kommentoitu teksti."]
    assert read.comments == () and not read.notices


def test_a_package_without_comments_is_not_touched(tmp_path):
    editor = PackageEditor(Package(make_docx(tmp_path, para("Puhdas."))))
    assert remove_comments(editor).anchors == 0
    assert editor.touched() == set()


def test_highlights_are_removed_and_reported_per_paragraph(tmp_path):
    body = ("<w:p>" + run("Tavallinen ") + run("korostettu", "<w:highlight w:val='yellow'/>") + run(" ja ")
            + run("toinen", "<w:b/><w:highlight w:val='green'/>") + "</w:p>" + para("Ei korostusta."))
    editor = PackageEditor(Package(make_docx(tmp_path, body)))
    found = remove_highlights(editor)
    assert [(f.paragraph, f.text, f.colours) for f in found] == [(0, "korostettutoinen", ("yellow", "green"))]
    xml = editor.read("word/document.xml")
    assert b"highlight" not in xml and b"<w:b/>" in xml


def test_a_draft_watermark_is_removed_from_the_header(tmp_path):
    header = ("<w:p><w:r><w:pict><v:shape id='PowerPlusWaterMarkObject1' type='#_x0000_t136'>"
              "<v:textpath style='font-family:Calibri' string='LUONNOS'/></v:shape></w:pict></w:r>"
              + run("Sisäministeriö") + "</w:p>")
    body = para("Teksti.") + "<w:sectPr><w:headerReference w:type='default' r:id='rIdHeader1'/></w:sectPr>"
    source = make_docx(tmp_path, body, headers={"rIdHeader1": header})
    assert read_document(str(source)).watermark_text == "LUONNOS"
    editor = PackageEditor(Package(source))
    assert remove_watermarks(editor) == [("word/header1.xml", "LUONNOS")]
    out = tmp_path / "out.docx"
    editor.save(out)
    read = read_document(str(out))
    assert not read.has_watermark
    assert [p.text for p in read.headers] == ["Sisäministeriö"]


def test_a_watermark_that_is_not_a_draft_marker_stays(tmp_path):
    header = "<w:p><w:r><w:pict><v:shape><v:textpath string='LUOTTAMUKSELLINEN'/></v:shape></w:pict></w:r></w:p>"
    body = para("x") + "<w:sectPr><w:headerReference w:type='default' r:id='rIdHeader1'/></w:sectPr>"
    editor = PackageEditor(Package(make_docx(tmp_path, body, headers={"rIdHeader1": header})))
    assert remove_watermarks(editor) == []


def test_draft_markers_are_recognised_in_finnish_swedish_and_english():
    assert is_draft_marker("LUONNOS") and is_draft_marker("Utkast") and is_draft_marker("DRAFT 2")
    assert not is_draft_marker("Luonnosteltu suunnitelma") and not is_draft_marker("Confidential")
