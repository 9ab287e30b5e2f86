"""One walk for reading and editing: reader text and edit mapping agree, edits at any offset re-read.

Each case is a small package built from XML strings. For every paragraph the
reader reports (body, notes, comments, headers), the edit module's text for the
same part and index must be the reader's text; then an insertion at every
offset and a replacement of every character, plain and tracked, must re-read
as exactly the intended text. Offsets strictly inside an element that is
never cut (an emoji shown through ``mc:AlternateContent``, text of an equation)
must raise :class:`EditError` instead, and only those.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from docx_factory import make_docx, para, run
from drafter.blocks import iter_paragraphs
from drafter.ooxml.edit import EditError, paragraph_segments, paragraph_text, part_segments, replace_text
from drafter.ooxml.package import Package
from drafter.ooxml.reader import read_document
from drafter.ooxml.text import (
    FieldState, InlineWalker, choose_branch, field_state_before, paragraph_elements, story_of, walk_paragraph,
)
from drafter.ooxml.writer import PackageEditor

A = "w:author='Aino' w:date='2024-03-01T10:00:00Z'"
DATE = "2025-01-02T03:04:05Z"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W16SE = "http://schemas.microsoft.com/office/word/2015/wordml/symex"


def emoji(char: str = "\U0001F600", rpr: str = "") -> str:
    """A run showing an emoji as Word 2016+ writes it: a w16se symbol, a w:t fallback."""
    return (f"<w:r>{rpr}<mc:AlternateContent xmlns:w16se='{W16SE}'><mc:Choice Requires='w16se'>"
            f"<w16se:symEx w16se:font='Segoe UI Emoji' w16se:char='{ord(char[0]):X}'/></mc:Choice>"
            f"<mc:Fallback><w:t>{char}</w:t></mc:Fallback></mc:AlternateContent></w:r>")


def field(instruction: str, result: str) -> str:
    return ("<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
            f"<w:r><w:instrText xml:space='preserve'> {instruction} </w:instrText></w:r>"
            "<w:r><w:fldChar w:fldCharType='separate'/></w:r>"
            f"{run(result)}<w:r><w:fldChar w:fldCharType='end'/></w:r>")


BEGIN = "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
SEPARATE = "<w:r><w:fldChar w:fldCharType='separate'/></w:r>"
END = "<w:r><w:fldChar w:fldCharType='end'/></w:r>"


def instr(text: str) -> str:
    return f"<w:r><w:instrText xml:space='preserve'>{text}</w:instrText></w:r>"


def textbox(*paragraphs: str) -> str:
    """A run holding a DrawingML text box with a VML fallback of the same paragraphs."""
    content = "".join(paragraphs)
    return ("<w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><wp:anchor><a:graphic>"
            "<a:graphicData><wps:wsp><wps:txbx><w:txbxContent>" + content
            + "</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
            "</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>" + content
            + "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>")


# -- helpers -----------------------------------------------------------------------


def reader_paragraphs(document) -> list:
    """Every paragraph the reader reports, with a location (body, notes, headers, footers)."""
    paragraphs = list(iter_paragraphs(document.body))
    paragraphs += [p for note in (*document.footnotes, *document.endnotes) for p in note.paragraphs]
    return paragraphs + [*document.headers, *document.footers]


def assert_reader_and_edit_agree(path: Path) -> list:
    """Reader text == edit text for every read paragraph; return those paragraphs."""
    document = read_document(str(path))
    editor = PackageEditor(Package(str(path)))
    paragraphs = reader_paragraphs(document)
    by_part: dict[str, dict[int, str]] = {}
    for paragraph in paragraphs:
        root = editor.tree(paragraph.location.part)
        index = paragraph.location.paragraph
        assert paragraph_text(root, index) == paragraph.text, f"{paragraph.location}"
        element = paragraph_elements(root)[index]
        walked = walk_paragraph(element)
        assert "".join(s.text for s in walked if not s.deleted) == paragraph.text
        by_part.setdefault(paragraph.location.part, {})[index] = paragraph.text
    for part, texts in by_part.items():
        mapped = dict(part_segments(editor.tree(part)))
        for index, text in texts.items():
            assert "".join(s.text for s in mapped[index]) == text, f"{part} paragraph {index} (one pass)"
    return paragraphs


def uncuttable_offsets(root, index: int) -> set[int]:
    """Offsets strictly inside an element that edits never cut."""
    inside = set()
    for segment in paragraph_segments(root, index):
        if segment.node.tag not in (W + "t",) or segment.in_math:
            inside.update(range(segment.start + 1, segment.end))
    return inside


def reread_after(path: Path, tmp_path: Path, part: str, index: int, start: int, end: int, new: str,
                 tracked: bool) -> str | None:
    """Replace ``start..end`` of one paragraph, write, re-read; the paragraph's new text (None: EditError)."""
    editor = PackageEditor(Package(str(path)))
    root = editor.tree(part)
    try:
        replace_text(root, index, start, end, new, tracked=tracked, date=DATE)
    except EditError:
        return None
    out = tmp_path / "edited.docx"
    out.write_bytes(editor.to_bytes())
    for paragraph in reader_paragraphs(read_document(str(out))):
        if (paragraph.location.part, paragraph.location.paragraph) == (part, index):
            return paragraph.text
    raise AssertionError(f"{part} paragraph {index} vanished after the edit")


def assert_edits_everywhere_reread(path: Path, tmp_path: Path, paragraphs: list) -> int:
    """Insert at every offset and replace every character, plain and tracked; return edits checked."""
    checked = 0
    for paragraph in paragraphs:
        part, index, text = paragraph.location.part, paragraph.location.paragraph, paragraph.text
        inside = uncuttable_offsets(PackageEditor(Package(str(path))).tree(part), index)
        for tracked in (False, True):
            for offset in range(len(text) + 1):
                got = reread_after(path, tmp_path, part, index, offset, offset, "X", tracked)
                if offset in inside:
                    assert got is None, f"{part} {index}: insertion inside an uncuttable element at {offset}"
                else:
                    assert got == text[:offset] + "X" + text[offset:], f"{part} {index} insert at {offset}"
                checked += 1
            for offset in range(len(text)):
                got = reread_after(path, tmp_path, part, index, offset, offset + 1, "Y", tracked)
                if offset in inside or offset + 1 in inside:
                    assert got is None, f"{part} {index}: cut inside an uncuttable element at {offset}"
                else:
                    assert got == text[:offset] + "Y" + text[offset + 1:], f"{part} {index} replace {offset}"
                checked += 1
    return checked


# -- AlternateContent inside runs ----------------------------------------------------


def test_an_emoji_in_a_run_reads_and_maps_as_its_fallback_text(tmp_path):
    body = ("<w:p><w:r><w:t xml:space='preserve'>Hymy </w:t>"
            f"<mc:AlternateContent xmlns:w16se='{W16SE}'><mc:Choice Requires='w16se'>"
            "<w16se:symEx w16se:font='Segoe UI Emoji' w16se:char='1F600'/></mc:Choice>"
            "<mc:Fallback><w:t>\U0001F600</w:t></mc:Fallback></mc:AlternateContent>"
            "<w:t xml:space='preserve'> nyt</w:t></w:r>" + emoji("\U0001F44D") + "</w:p>")
    path = make_docx(tmp_path, body)
    paragraphs = assert_reader_and_edit_agree(path)
    assert [p.text for p in paragraphs] == ["Hymy \U0001F600 nyt\U0001F44D"]
    root = PackageEditor(Package(str(path))).tree("word/document.xml")
    segment = paragraph_segments(root, 0)[1]
    assert (segment.text, etree.QName(segment.node).localname, segment.source.tag) == (
        "\U0001F600", "AlternateContent", W + "t")
    assert assert_edits_everywhere_reread(path, tmp_path, paragraphs) == 2 * (12 + 11)


def test_an_emoji_of_two_code_points_is_replaced_whole_never_cut(tmp_path):
    flag = "\U0001F1EB\U0001F1EE"  # the Finnish flag: two regional indicators
    path = make_docx(tmp_path, "<w:p>" + run("Lippu ") + emoji(flag) + run(" salkoon") + "</w:p>")
    paragraphs = assert_reader_and_edit_agree(path)
    assert paragraphs[0].text == f"Lippu {flag} salkoon"
    assert reread_after(path, tmp_path, "word/document.xml", 0, 6, 8, "lippu", True) == "Lippu lippu salkoon"
    assert reread_after(path, tmp_path, "word/document.xml", 0, 7, 7, "X", False) is None
    assert_edits_everywhere_reread(path, tmp_path, paragraphs)


def test_a_deleted_emoji_is_reported_with_the_deletion(tmp_path):
    body = f"<w:p>{run('Ennen ')}<w:del w:id='5' {A}>{emoji()}</w:del>{run('jälkeen')}</w:p>"
    path = make_docx(tmp_path, body)
    paragraphs = assert_reader_and_edit_agree(path)
    assert paragraphs[0].text == "Ennen jälkeen"
    assert [(r.kind, r.text, r.start) for r in paragraphs[0].revisions] == [("del", "\U0001F600", 6)]


def test_a_drawing_choice_in_a_run_is_a_graphic_not_text(tmp_path):
    body = "<w:p>" + run("Kuva: ") + textbox(para("Laatikon teksti")) + run("loppu") + "</w:p>"
    path = make_docx(tmp_path, body)
    paragraphs = assert_reader_and_edit_agree(path)
    assert [p.text for p in paragraphs] == ["Kuva: loppu", "Laatikon teksti"]
    assert_edits_everywhere_reread(path, tmp_path, paragraphs[:1])


# -- complex fields: per story, across paragraphs ---------------------------------------


def test_a_field_spanning_paragraphs_hides_its_instruction_in_each(tmp_path):
    body = ("<w:p>" + run("Sisällys ") + BEGIN + instr(" TOC \\o ") + "</w:p>"
            + "<w:p>" + instr("\\h ") + SEPARATE + run("Luku 1") + "</w:p>"
            + "<w:p>" + run("Luku 2") + END + run(" loppu") + "</w:p>"
            + para("Tavallinen"))
    path = make_docx(tmp_path, body)
    paragraphs = assert_reader_and_edit_agree(path)
    assert [p.text for p in paragraphs] == ["Sisällys ", "Luku 1", "Luku 2 loppu", "Tavallinen"]
    root = PackageEditor(Package(str(path))).tree("word/document.xml")
    assert [s.in_field for s in paragraph_segments(root, 1)] == [True]
    assert [s.in_field for s in paragraph_segments(root, 2)] == [True, False]
    assert_edits_everywhere_reread(path, tmp_path, paragraphs[1:3])


def test_an_unclosed_field_in_one_note_does_not_hide_the_next_note(tmp_path):
    notes = ("<w:footnote w:type='separator' w:id='-1'><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
             "<w:footnote w:id='1'><w:p>" + run("Eka ") + BEGIN + instr(" REF x ") + "</w:p></w:footnote>"
             "<w:footnote w:id='2'><w:p>" + run("Toka huomautus") + "</w:p></w:footnote>")
    body = "<w:p>" + run("Teksti") + "<w:r><w:footnoteReference w:id='1'/></w:r>" \
        + "<w:r><w:footnoteReference w:id='2'/></w:r></w:p>"
    path = make_docx(tmp_path, body, footnotes_xml=notes)
    paragraphs = assert_reader_and_edit_agree(path)
    assert [p.text for p in paragraphs] == ["Teksti", "Eka ", "Toka huomautus"]
    assert_edits_everywhere_reread(path, tmp_path, paragraphs[2:])


def test_an_unclosed_field_in_one_comment_does_not_hide_the_next_comment(tmp_path):
    comments = (f"<w:comment w:id='1' {A}><w:p>" + run("Katso ") + BEGIN + instr(" HYPERLINK x ")
                + "</w:p></w:comment>"
                f"<w:comment w:id='2' {A}><w:p>" + run("Toinen kommentti") + "</w:p></w:comment>")
    body = ("<w:p><w:commentRangeStart w:id='1'/>" + run("Yksi") + "<w:commentRangeEnd w:id='1'/>"
            "<w:r><w:commentReference w:id='1'/></w:r><w:commentRangeStart w:id='2'/>" + run("Kaksi")
            + "<w:commentRangeEnd w:id='2'/><w:r><w:commentReference w:id='2'/></w:r></w:p>")
    path = make_docx(tmp_path, body, comments_xml=comments)
    document = read_document(str(path))
    assert [c.text for c in document.comments] == ["Katso ", "Toinen kommentti"]
    root = PackageEditor(Package(str(path))).tree("word/comments.xml")
    assert [paragraph_text(root, i) for i in range(2)] == ["Katso ", "Toinen kommentti"]
    assert ["".join(s.text for s in segments) for _, segments in part_segments(root)] == [
        "Katso ", "Toinen kommentti"]


def test_field_state_starts_afresh_in_each_story():
    root = etree.fromstring(
        f"<w:footnotes xmlns:w='{W[1:-1]}'><w:footnote w:id='1'><w:p><w:r><w:fldChar w:fldCharType='begin'/>"
        "</w:r></w:p></w:footnote><w:footnote w:id='2'><w:p><w:r><w:t>b</w:t></w:r></w:p></w:footnote>"
        "</w:footnotes>")
    first, second = paragraph_elements(root)
    assert story_of(second) is root[1]
    assert field_state_before(second).hidden == 0
    assert field_state_before(first).hidden == 0
    assert [s.text for s in walk_paragraph(second)] == ["b"]


def test_a_field_left_open_in_a_text_box_stays_in_that_text_box(tmp_path):
    box = "<w:p>" + run("laatikko ") + BEGIN + instr(" PAGE ") + "</w:p>" + para("piilossa")
    body = ("<w:p>" + run("Alku ") + textbox(box) + run("näkyy") + SEPARATE + run(" myös") + END
            + run(" loppu") + "</w:p>" + para("Seuraava"))
    path = make_docx(tmp_path, body)
    paragraphs = assert_reader_and_edit_agree(path)
    assert [p.text for p in paragraphs] == ["Alku näkyy myös loppu", "laatikko ", "", "Seuraava"]
    assert [n.code for n in read_document(str(path)).notices] == ["unclosed-field"]
    root = PackageEditor(Package(str(path))).tree("word/document.xml")
    box_paragraph = paragraph_elements(root)[1]
    assert etree.QName(story_of(box_paragraph)).localname == "txbxContent"
    assert_edits_everywhere_reread(path, tmp_path, paragraphs[:1])


def test_a_text_box_inside_a_field_code_is_still_read_as_its_own_paragraph(tmp_path):
    body = ("<w:p>" + run("Ennen ") + BEGIN + instr(" INCLUDETEXT x ") + textbox(para("Laatikko"))
            + SEPARATE + run("tulos") + END + "</w:p>")
    path = make_docx(tmp_path, body)
    paragraphs = assert_reader_and_edit_agree(path)
    assert [p.text for p in paragraphs] == ["Ennen tulos", "Laatikko"]


def test_inserting_into_an_empty_paragraph_inside_a_field_code_is_refused(tmp_path):
    body = "<w:p>" + run("Sisällys") + BEGIN + instr(" TOC ") + "</w:p><w:p/><w:p>" + SEPARATE + END + "</w:p>"
    path = make_docx(tmp_path, body)
    assert [p.text for p in assert_reader_and_edit_agree(path)] == ["Sisällys", "", ""]
    root = PackageEditor(Package(str(path))).tree("word/document.xml")
    with pytest.raises(EditError, match="field's code"):
        replace_text(root, 1, 0, 0, "näkymätön")
    # the field ends in the third paragraph: new text goes after its end, where it shows
    assert reread_after(path, tmp_path, "word/document.xml", 2, 0, 0, "näkyy", False) == "näkyy"
    assert reread_after(path, tmp_path, "word/document.xml", 2, 0, 0, "näkyy", True) == "näkyy"


# -- tracked changes ------------------------------------------------------------------


def test_deleted_text_inside_an_insertion_is_out_of_the_text_but_reported(tmp_path):
    body = (f"<w:p>{run('Pysyy ')}<w:ins w:id='1' {A}>{run('lisätty ')}"
            f"<w:del w:id='2' w:author='Eino' w:date='2024-03-02T10:00:00Z'>"
            "<w:r><w:delText>perutty</w:delText></w:r></w:del>" + run("ja lisää") + "</w:ins></w:p>")
    path = make_docx(tmp_path, body)
    paragraphs = assert_reader_and_edit_agree(path)
    assert paragraphs[0].text == "Pysyy lisätty ja lisää"
    assert sorted((r.kind, r.text, r.start, r.end) for r in paragraphs[0].revisions) == [
        ("del", "perutty", 14, 14), ("ins", "", 6, 22)]
    root = PackageEditor(Package(str(path))).tree("word/document.xml")
    walked = walk_paragraph(paragraph_elements(root)[0])
    deleted = [s for s in walked if s.deleted]
    assert [(s.text, s.start, s.end, etree.QName(s.change).localname) for s in deleted] == [
        ("perutty", 14, 14, "del")]
    assert {etree.QName(s.change).localname for s in walked if not s.deleted and s.start >= 6} == {"ins"}
    assert_edits_everywhere_reread(path, tmp_path, paragraphs)


def test_moved_text_reads_at_its_destination_only(tmp_path):
    body = (f"<w:p><w:moveFromRangeStart w:id='1' {A} w:name='m1'/><w:moveFrom w:id='2' {A}>"
            + run("siirretty ") + "</w:moveFrom><w:moveFromRangeEnd w:id='1'/>" + run("Teksti") + "</w:p>"
            + f"<w:p>{run('Tänne ')}<w:moveToRangeStart w:id='3' {A} w:name='m1'/>"
            + f"<w:moveTo w:id='4' {A}>{run('siirretty')}</w:moveTo><w:moveToRangeEnd w:id='3'/></w:p>")
    path = make_docx(tmp_path, body)
    paragraphs = assert_reader_and_edit_agree(path)
    assert [p.text for p in paragraphs] == ["Teksti", "Tänne siirretty"]
    assert [r.kind for p in paragraphs for r in p.revisions] == ["moveFrom", "moveTo"]
    assert_edits_everywhere_reread(path, tmp_path, paragraphs)


# -- wrappers: content controls, hyperlinks, simple fields, smart tags ------------------------


def test_content_controls_hyperlinks_and_simple_fields_read_in_line(tmp_path):
    body = ("<w:sdt><w:sdtPr><w:alias w:val='Otsikko'/></w:sdtPr><w:sdtContent>"
            "<w:p><w:sdt><w:sdtPr/><w:sdtContent>" + run("Ohjelma ") + "</w:sdtContent></w:sdt>"
            "<w:hyperlink r:id='rIdX'>" + run("linkki") + field("PAGE", "3") + "</w:hyperlink>"
            "<w:fldSimple w:instr=' DATE '>" + run(" 1.1.2025") + "</w:fldSimple>"
            "<w:smartTag w:uri='u' w:element='e'>" + run(" tagi") + "</w:smartTag></w:p>"
            "</w:sdtContent></w:sdt>")
    path = make_docx(tmp_path, body)
    paragraphs = assert_reader_and_edit_agree(path)
    assert [p.text for p in paragraphs] == ["Ohjelma linkki3 1.1.2025 tagi"]
    assert_edits_everywhere_reread(path, tmp_path, paragraphs)


def test_an_equation_is_read_but_never_cut(tmp_path):
    body = ("<w:p>" + run("Kaava ") + "<m:oMath><m:r><m:t>x+1</m:t></m:r></m:oMath>" + run(" loppu") + "</w:p>")
    path = make_docx(tmp_path, body)
    paragraphs = assert_reader_and_edit_agree(path)
    assert paragraphs[0].text == "Kaava x+1 loppu"
    assert reread_after(path, tmp_path, "word/document.xml", 0, 7, 8, "-", False) is None


# -- the walker itself ----------------------------------------------------------------


def test_the_walker_gives_the_same_text_to_every_subclass():
    xml = (f"<w:p xmlns:w='{W[1:-1]}'><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r>"
           "<w:del w:id='1'><w:r><w:delText>c</w:delText></w:r></w:del></w:p>")
    paragraph = etree.fromstring(xml)
    seen = []

    class Recorder(InlineWalker):
        __slots__ = ()

        def run_text(self, run, rpr, start, end):
            seen.append((start, end))

        def removed(self, change, text):
            seen.append(("del", text, self.offset))

    assert Recorder(FieldState()).walk(paragraph) == "a\tb"
    assert seen == [(0, 3), ("del", "c", 3)]
    assert [(s.text, s.deleted) for s in walk_paragraph(paragraph)] == [
        ("a", False), ("\t", False), ("b", False), ("c", True)]


def test_choose_branch_is_public_in_both_modules():
    from drafter.ooxml import reader

    assert reader.choose_branch is choose_branch


# -- property: mixed paragraphs over several paragraphs and stories -----------------------


_PIECES = [
    run("abc "),
    "<w:r><w:rPr><w:b/></w:rPr><w:t>Def</w:t><w:tab/><w:t>gh</w:t></w:r>",
    emoji(),
    emoji("\u2764\ufe0f", "<w:rPr><w:i/></w:rPr>"),
    f"<w:ins w:id='90' {A}>{run('ins')}<w:del w:id='92' {A}><w:r><w:delText>x</w:delText></w:r></w:del></w:ins>",
    f"<w:del w:id='91' {A}><w:r><w:delText>gone</w:delText></w:r>{emoji()}</w:del>",
    field("PAGE", "12"),
    BEGIN, instr(" REF a "), SEPARATE, END,
    "<w:sdt><w:sdtContent>" + run("sdt") + "</w:sdtContent></w:sdt>",
    "<w:hyperlink r:id='rIdX'>" + run("link") + "</w:hyperlink>",
    textbox(para("box")),
    f"<w:moveTo w:id='93' {A}>{run('moved')}</w:moveTo>",
    "<w:r><w:sym w:font='Symbol' w:char='F0B7'/><w:br/><w:softHyphen/><w:t>z</w:t></w:r>",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(paragraphs=st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=5), min_size=1, max_size=4),
       data=st.data(), tracked=st.booleans())
def test_reader_and_edit_agree_on_any_mix_of_paragraphs_and_one_replace_rereads(
        tmp_path, paragraphs, data, tracked):
    body = "".join("<w:p>" + "".join(pieces) + "</w:p>" for pieces in paragraphs)
    path = make_docx(tmp_path, body)
    read = assert_reader_and_edit_agree(path)
    paragraph = data.draw(st.sampled_from(read))
    text = paragraph.text
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    root = PackageEditor(Package(str(path))).tree("word/document.xml")
    index = paragraph.location.paragraph
    inside = uncuttable_offsets(root, index)
    in_field_code = not text and _hidden_throughout(paragraph_elements(root)[index])
    got = reread_after(path, tmp_path, "word/document.xml", index, start, end, "N", tracked)
    if start in inside or end in inside or in_field_code:
        assert got is None
    else:
        assert got == text[:start] + "N" + text[end:]


def _hidden_throughout(paragraph) -> bool:
    """True when a paragraph starts and ends inside a field's code (no place where new text shows)."""
    fields = field_state_before(paragraph)
    if not fields.hidden:
        return False
    InlineWalker(fields).walk(paragraph)
    return fields.hidden > 0


@pytest.mark.parametrize("requires, expected", [("wps", "choice"), ("w16se", "fallback")])
def test_choose_branch_takes_an_understood_choice_else_the_fallback(requires, expected):
    alternate = etree.fromstring(
        "<mc:AlternateContent xmlns:mc='http://schemas.openxmlformats.org/markup-compatibility/2006' "
        f"xmlns:wps='http://schemas.microsoft.com/office/word/2010/wordprocessingShape' xmlns:w16se='{W16SE}'>"
        f"<mc:Choice Requires='{requires}'/><mc:Fallback/></mc:AlternateContent>")
    assert etree.QName(choose_branch(alternate)).localname.lower() == expected
