"""The reader's path for plain paragraphs gives exactly the blocks of the full walk."""

from __future__ import annotations

import pytest

from docx_factory import make_docx, para, run
from drafter.ooxml import reader
from drafter.ooxml.reader import read_document

STYLES = (
    "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val='22'/><w:lang w:val='fi-FI'/></w:rPr></w:rPrDefault>"
    "</w:docDefaults><w:style w:type='paragraph' w:default='1' w:styleId='Normal'><w:name w:val='Normal'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='Heading2'><w:name w:val='heading 2'/><w:basedOn w:val='Normal'/>"
    "<w:pPr><w:outlineLvl w:val='1'/></w:pPr><w:rPr><w:b/></w:rPr></w:style>"
    "<w:style w:type='paragraph' w:styleId='Lista'><w:name w:val='Lista'/><w:basedOn w:val='Normal'/>"
    "<w:pPr><w:numPr><w:numId w:val='1'/></w:numPr></w:pPr></w:style>"
)
NUMBERING = (
    "<w:abstractNum w:abstractNumId='0'><w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='decimal'/>"
    "<w:lvlText w:val='%1.'/></w:lvl></w:abstractNum><w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>"
)
NUMBERED = "<w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr>"
TRACKED = "w:id='7' w:author='Anna' w:date='2024-01-02T00:00:00Z'"

PLAIN = {
    "one run": para("Laaditaan selvitys."),
    "runs with and without formatting": "<w:p>" + run("Vastuutaho: ", "<w:b/>") + run("SM, OM")
                                        + run(" ja ") + run("STM", "<w:i/><w:sz w:val='28'/>") + "</w:p>",
    "equal formatting merges": "<w:p>" + run("12. ", "<w:b/>") + run("Laaditaan", "<w:b/>") + "</w:p>",
    "a heading style": para("Tavoite 1: Osaaminen", "<w:pStyle w:val='Heading2'/>"),
    "a direct outline level": para("Luku", "<w:outlineLvl w:val='0'/>"),
    "an outline level out of range": para("Luku", "<w:outlineLvl w:val='12'/>"),
    "direct list numbering": para("Ensimmäinen", NUMBERED) + para("Toinen", NUMBERED),
    "numbering from the style": para("Kolmas", "<w:pStyle w:val='Lista'/>"),
    "a paragraph mark's own formatting": para("Teksti", "<w:rPr><w:b/></w:rPr>"),
    "a section break": para("Loppu", "<w:sectPr><w:pgSz w:w='11906' w:h='16838'/></w:sectPr>"),
    "an empty paragraph": "<w:p/>",
    "properties only": "<w:p><w:pPr><w:pStyle w:val='Heading2'/></w:pPr></w:p>",
    "an empty text element": "<w:p><w:r><w:t/></w:r><w:r><w:t>x</w:t></w:r></w:p>",
    "a table cell": "<w:tbl><w:tr><w:tc>" + para("Vastuutaho") + "</w:tc><w:tc>" + para("SM") + "</w:tc></w:tr></w:tbl>",
}

NOT_PLAIN = {
    "a tab": "<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r></w:p>",
    "a tracked insertion": f"<w:p>{run('a')}<w:ins {TRACKED}>{run('b')}</w:ins></w:p>",
    "a tracked deletion": f"<w:p>{run('a')}<w:del {TRACKED}><w:r><w:delText>b</w:delText></w:r></w:del></w:p>",
    "a formatting change": f"<w:p>{run('a', f'<w:b/><w:rPrChange {TRACKED}><w:rPr/></w:rPrChange>')}</w:p>",
    "a paragraph property change": para("a", f"<w:pPrChange {TRACKED}><w:pPr/></w:pPrChange>"),
    "an inserted paragraph mark": para("a", f"<w:rPr><w:ins {TRACKED}/></w:rPr>"),
    "a deleted paragraph mark": para("a", f"<w:rPr><w:del {TRACKED}/></w:rPr>") + para("b"),
    "a section change": para("a", f"<w:sectPr><w:sectPrChange {TRACKED}><w:sectPr/></w:sectPrChange></w:sectPr>"),
    "a comment range": "<w:p><w:commentRangeStart w:id='0'/>" + run("a") + "<w:commentRangeEnd w:id='0'/></w:p>",
    "a complex field": "<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
                       "<w:r><w:fldChar w:fldCharType='separate'/></w:r>" + run("3")
                       + "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>",
    "a hyperlink": "<w:p><w:hyperlink w:anchor='x'>" + run("linkki") + "</w:hyperlink></w:p>",
    "properties after a run": "<w:p>" + run("a") + "<w:pPr><w:pStyle w:val='Heading2'/></w:pPr></w:p>",
    "two property elements": "<w:p><w:pPr><w:pStyle w:val='Heading2'/></w:pPr><w:pPr><w:pStyle w:val='Lista'/>"
                             "</w:pPr>" + run("a") + "</w:p>",
}


def _read_both(tmp_path, body: str, monkeypatch):
    """The document read as usual, how many paragraphs took the plain path, and the document read without it."""
    path = make_docx(tmp_path, body, styles_xml=STYLES, numbering_xml=NUMBERING)
    original = reader._PartWalker.plain_paragraph
    taken = []

    def counting(self, *args):
        block = original(self, *args)
        taken.append(block is not None)
        return block

    monkeypatch.setattr(reader._PartWalker, "plain_paragraph", counting)
    usual = read_document(str(path))
    monkeypatch.setattr(reader._PartWalker, "plain_paragraph", lambda self, *args: None)
    full = read_document(str(path))
    return usual, taken, full


@pytest.mark.parametrize("body", PLAIN.values(), ids=PLAIN.keys())
def test_a_plain_paragraph_takes_the_plain_path_and_reads_as_the_full_walk_reads_it(tmp_path, monkeypatch, body):
    usual, taken, full = _read_both(tmp_path, body, monkeypatch)
    assert taken and all(taken)
    assert usual == full


@pytest.mark.parametrize("body", NOT_PLAIN.values(), ids=NOT_PLAIN.keys())
def test_any_other_paragraph_goes_back_to_the_full_walk(tmp_path, monkeypatch, body):
    usual, taken, full = _read_both(tmp_path, body, monkeypatch)
    assert not taken[0]
    assert usual == full


def test_revisions_of_a_wholly_deleted_paragraph_move_onto_a_plain_paragraph_after_it(tmp_path, monkeypatch):
    deleted = (f"<w:p><w:pPr><w:rPr><w:del {TRACKED}/></w:rPr></w:pPr><w:del {TRACKED}>"
               "<w:r><w:delText>pois</w:delText></w:r></w:del></w:p>")
    usual, taken, full = _read_both(tmp_path, deleted + para("jää"), monkeypatch)
    assert taken == [False, True]
    assert usual == full
    (paragraph,) = usual.body
    assert [r.kind for r in paragraph.revisions] == ["del", "paragraph-mark-del"]
    assert all((r.start, r.end) == (0, 0) for r in paragraph.revisions)


def test_a_plain_paragraph_inside_an_open_comment_range_takes_the_full_walk(tmp_path, monkeypatch):
    body = ("<w:p><w:commentRangeStart w:id='0'/>" + run("a") + "</w:p>" + para("b")
            + "<w:p>" + run("c") + "<w:commentRangeEnd w:id='0'/></w:p>")
    usual, taken, full = _read_both(tmp_path, body, monkeypatch)
    assert taken == [False]  # the range is open through "b": only the full walk anchors comments
    assert usual == full
    assert [len(p.comments) for p in usual.body] == [1, 1, 1]
