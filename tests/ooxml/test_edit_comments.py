"""Word comments added on accepted-view ranges: parts, relationships, exact anchors."""

from __future__ import annotations

import zipfile

import pytest

from docx_factory import make_docx, para, run
from drafter.blocks import CommentAnchor, iter_paragraphs
from drafter.ooxml.comments_write import CommentWriter, add_comment
from drafter.ooxml.edit import EditError
from drafter.ooxml.package import Package
from drafter.ooxml.reader import read_document
from drafter.ooxml.writer import PackageEditor

DATE = "2025-01-02T03:04:05Z"
A = "w:author='Aino' w:date='2024-03-01T10:00:00Z'"


def annotate(tmp_path, body: str, anchors, part: str = "word/document.xml", **parts):
    """Add a comment per (paragraph, start, end, text) in ``anchors``; return (document, ids, out path)."""
    source = make_docx(tmp_path, body, **parts)
    editor = PackageEditor(Package(source))
    writer = CommentWriter(editor)
    root = editor.tree(part)
    ids = [writer.add(root, p, s, e, "drafter", "DR", text, DATE) for p, s, e, text in anchors]
    writer.close()
    out = tmp_path / "annotated.docx"
    out.write_bytes(editor.to_bytes())
    return read_document(str(out)), ids, out


def anchored(document, comment_id: str):
    """(paragraph, anchored text) of a comment in the re-read document."""
    paragraphs = list(iter_paragraphs(document.body))
    paragraphs += [p for note in (*document.footnotes, *document.endnotes) for p in note.paragraphs]
    for paragraph in paragraphs:
        for anchor in paragraph.comments:
            if anchor.comment_id == comment_id:
                return paragraph, paragraph.text[anchor.start:anchor.end]
    raise AssertionError(f"comment {comment_id} is not anchored anywhere")


def test_a_draft_without_comments_gets_a_comments_part_with_its_relationship_and_type(tmp_path):
    document, ids, out = annotate(tmp_path, para("Kokous klo 14:00 alkaa."), [(0, 11, 16, "Käytä pistettä.")])
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert {"word/comments.xml", "word/commentsExtended.xml", "word/people.xml"} <= names
    assert "wordprocessingml.comments+xml" in types and "commentsExtended+xml" in types
    assert 'Target="comments.xml"' in rels and 'Target="people.xml"' in rels
    (comment,) = document.comments
    assert (comment.id, comment.author, comment.initials, comment.date, comment.text) == (
        ids[0], "drafter", "DR", DATE, "Käytä pistettä.")
    assert document.body[0].comments == (CommentAnchor(ids[0], 11, 16),)
    assert document.body[0].text == "Kokous klo 14:00 alkaa."


def test_anchors_cover_exactly_their_text_across_runs_links_and_insertions(tmp_path):
    body = (
        "<w:p>" + run("Sisäministeriö ", "<w:b/>")
        + "<w:hyperlink r:id='rIdX'>" + run("ja oikeusministeriö") + "</w:hyperlink>"
        + f"<w:ins w:id='9' {A}>{run(' vastaavat')}</w:ins>" + run(" yhdessä.") + "</w:p>"
    )
    ranges = [(0, 4, 14), (0, 10, 22), (0, 18, 40), (0, 0, 52), (0, 35, 43)]
    document, ids, _ = annotate(tmp_path, body, [(p, s, e, f"c{i}") for i, (p, s, e) in enumerate(ranges)])
    text = document.body[0].text
    assert text == "Sisäministeriö ja oikeusministeriö vastaavat yhdessä."
    for comment_id, (_, start, end) in zip(ids, ranges):
        assert anchored(document, comment_id)[1] == text[start:end]
    assert [r.kind for r in document.body[0].revisions] == ["ins"]


def test_a_zero_width_range_anchors_on_the_whole_paragraph(tmp_path):
    document, ids, _ = annotate(tmp_path, para("Koko kappale"), [(0, 5, 5, "Huomio")])
    assert anchored(document, ids[0])[1] == "Koko kappale"


def test_an_empty_paragraph_takes_a_comment_at_its_start(tmp_path):
    body = "<w:p><w:pPr><w:pStyle w:val='Normal'/></w:pPr></w:p>" + para("Toinen")
    document, ids, _ = annotate(tmp_path, body, [(0, 0, 0, "Tyhjä kappale")])
    paragraph, text = anchored(document, ids[0])
    assert (paragraph.location.paragraph, text) == (0, "")


def test_comments_go_into_tables_and_text_boxes(tmp_path):
    box = ("<w:r><w:pict><v:shape><v:textbox><w:txbxContent>" + para("Laatikon teksti")
           + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    body = ("<w:tbl><w:tr><w:tc>" + para("Solu yksi") + "</w:tc></w:tr></w:tbl>"
            + "<w:p>" + run("Ankkuri ") + box + "</w:p>")
    document, ids, _ = annotate(tmp_path, body, [(0, 5, 9, "solu"), (2, 9, 15, "laatikko")])
    assert anchored(document, ids[0])[1] == "yksi"
    paragraph, text = anchored(document, ids[1])
    assert (paragraph.container, text) == ("textbox", "teksti")


def test_comments_can_be_anchored_in_footnotes(tmp_path):
    footnotes = ("<w:footnote w:type='separator' w:id='-1'><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
                 "<w:footnote w:id='1'>" + para("Laki 123/2020.") + "</w:footnote>")
    body = "<w:p>" + run("Teksti") + "<w:r><w:footnoteReference w:id='1'/></w:r></w:p>"
    document, ids, _ = annotate(tmp_path, body, [(1, 5, 13, "Tarkista")], part="word/footnotes.xml",
                                footnotes_xml=footnotes)
    paragraph, text = anchored(document, ids[0])
    assert (paragraph.container, text) == ("note", "123/2020")


def test_existing_comments_are_kept_and_new_ids_do_not_collide(tmp_path):
    comments = f"<w:comment w:id='0' {A} w:initials='A'>{para('Vanha huomautus')}</w:comment>"
    body = ("<w:p><w:commentRangeStart w:id='0'/>" + run("Vanha") + "<w:commentRangeEnd w:id='0'/>"
            "<w:r><w:commentReference w:id='0'/></w:r>" + run(" ja uusi") + "</w:p>")
    document, ids, out = annotate(tmp_path, body, [(0, 9, 13, "Uusi huomautus")], comments_xml=comments)
    assert ids == ["1"]
    assert [(c.id, c.author, c.text) for c in document.comments] == [
        ("0", "Aino", "Vanha huomautus"), ("1", "drafter", "Uusi huomautus")]
    assert anchored(document, "0")[1] == "Vanha" and anchored(document, "1")[1] == "uusi"
    with zipfile.ZipFile(out) as archive:
        assert "word/commentsExtended.xml" not in archive.namelist()  # no half-filled extension part


def test_commenting_inside_someone_elses_insertion_keeps_it_one_tracked_change(tmp_path):
    body = f"<w:p><w:ins w:id='4' {A}>{run('lisätty teksti tähän')}</w:ins></w:p>"
    document, ids, out = annotate(tmp_path, body, [(0, 0, 7, "huom"), (0, 8, 14, "toinen")])
    assert anchored(document, ids[0])[1] == "lisätty" and anchored(document, ids[1])[1] == "teksti"
    assert [(r.kind, r.id, r.start, r.end) for r in document.body[0].revisions] == [("ins", "4", 0, 20)]


def test_multi_line_comment_text_becomes_comment_paragraphs(tmp_path):
    document, _, _ = annotate(tmp_path, para("abc"), [(0, 0, 3, "rivi 1\nrivi 2")])
    assert document.comments[0].text == "rivi 1\nrivi 2"


def test_several_calls_on_one_editor_keep_every_comment(tmp_path):
    source = make_docx(tmp_path, para("yksi kaksi"))
    editor = PackageEditor(Package(source))
    root = editor.tree("word/document.xml")
    first = add_comment(editor, root, 0, 0, 4, "drafter", "DR", "eka", DATE)
    second = add_comment(editor, root, 0, 5, 10, "drafter", "DR", "toka", DATE)
    out = tmp_path / "out.docx"
    out.write_bytes(editor.to_bytes())
    document = read_document(str(out))
    assert (first, second) == ("0", "1")
    assert [c.text for c in document.comments] == ["eka", "toka"]
    assert anchored(document, "1")[1] == "kaksi"


def test_a_range_outside_the_paragraph_is_refused(tmp_path):
    source = make_docx(tmp_path, para("abc"))
    editor = PackageEditor(Package(source))
    with pytest.raises(EditError):
        CommentWriter(editor).add(editor.tree("word/document.xml"), 0, 2, 9, "drafter", "DR", "x")


def test_a_strict_package_gets_a_strict_comments_relationship(tmp_path):
    document, ids, out = annotate(tmp_path, para("Tiukka muoto"), [(0, 0, 6, "strict")], name="s.docx")
    assert anchored(document, ids[0])[1] == "Tiukka"
    strict_source = make_docx(tmp_path, para("Tiukka muoto"), strict=True, name="strict.docx")
    editor = PackageEditor(Package(strict_source))
    writer = CommentWriter(editor)
    writer.add(editor.tree("word/document.xml"), 0, 0, 6, "drafter", "DR", "strict", DATE)
    writer.close()
    out = tmp_path / "strict-out.docx"
    out.write_bytes(editor.to_bytes())
    with zipfile.ZipFile(out) as archive:
        assert "purl.oclc.org/ooxml/officeDocument/relationships/comments" in archive.read(
            "word/_rels/document.xml.rels").decode()
        assert "purl.oclc.org/ooxml/wordprocessingml/main" in archive.read("word/document.xml").decode()
    reread = read_document(str(out))
    assert [c.text for c in reread.comments] == ["strict"]
    assert anchored(reread, reread.comments[0].id)[1] == "Tiukka"
