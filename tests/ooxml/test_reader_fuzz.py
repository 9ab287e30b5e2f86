"""Any arrangement of WordprocessingML elements reads without a crash.

Hypothesis nests the elements the reader knows (and some it does not) in random
orders and depths, well-formed XML but often invalid OOXML. The reader must return
a Document whose offsets stay inside each paragraph; its catch-all "could not read"
InputError would mean a reader bug and fails the test.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from docx_factory import make_docx
from drafter.errors import InputError
from drafter.ooxml.reader import read_document

LEAVES = [
    "<w:t>ab</w:t>", "<w:t xml:space='preserve'> c </w:t>", "<w:delText>gone</w:delText>", "<w:tab/>", "<w:br/>",
    "<w:br w:type='page'/>", "<w:sym w:font='Symbol' w:char='F0B7'/>", "<w:sym w:char='zz'/>",
    "<w:fldChar w:fldCharType='begin'/>", "<w:fldChar w:fldCharType='separate'/>",
    "<w:fldChar w:fldCharType='end'/>", "<w:instrText>PAGE</w:instrText>",
    "<w:commentRangeStart w:id='1'/>", "<w:commentRangeEnd w:id='1'/>", "<w:commentReference w:id='2'/>",
    "<w:footnoteReference w:id='1'/>", "<w:endnoteReference/>", "<w:b/>", "<w:b w:val='0'/>",
    "<w:sz w:val='x'/>", "<w:sz w:val='24'/>", "<w:highlight w:val='yellow'/>", "<w:shd w:fill='FF0000'/>",
    "<w:pStyle w:val='Heading1'/>", "<w:outlineLvl w:val='abc'/>", "<w:outlineLvl w:val='2'/>",
    "<w:numPr><w:numId w:val='1'/><w:ilvl w:val='q'/></w:numPr>", "<w:numPr><w:numId w:val='7'/></w:numPr>",
    "<w:gridSpan w:val='-3'/>", "<w:tblHeader/>", "<wp:docPr id='1' descr=''/>", "<a:blip/>",
    "<v:imagedata o:title=''/>", "<v:textpath string='X'/>", "<w14:unknown/>", "<w:altChunk r:id='x'/>",
    "<w:sectPr><w:headerReference r:id='rIdNope'/></w:sectPr>", "<w:tblPrChange w:id='1'/>",
]
CONTAINERS = [
    "w:p", "w:r", "w:pPr", "w:rPr", "w:tbl", "w:tr", "w:tc", "w:tcPr", "w:trPr", "w:sdt", "w:sdtContent",
    "w:customXml", "w:smartTag", "w:hyperlink", "w:fldSimple", "w:ins", "w:del", "w:moveFrom", "w:moveTo",
    "mc:AlternateContent", "mc:Choice", "mc:Fallback", "w:drawing", "w:pict", "w:txbxContent", "w:object",
    "w:ruby", "w:rubyBase", "m:oMath", "m:r", "w14:wrapper", "v:shape", "wps:wsp", "w:rPrChange", "w:pPrChange",
]

# Arbitrary nesting of the vocabulary: mostly invalid OOXML, always well-formed XML.
junk = st.recursive(
    st.sampled_from(LEAVES),
    lambda children: st.builds(
        lambda tag, kids: f"<{tag}>{''.join(kids)}</{tag}>",
        st.sampled_from(CONTAINERS), st.lists(children, max_size=4)),
    max_leaves=20,
)


def element(tag: str, kids) -> st.SearchStrategy[str]:
    return st.builds(lambda children: f"<{tag}>{''.join(children)}</{tag}>", kids)


def one_of_wrapped(tags: list[str], kids) -> st.SearchStrategy[str]:
    return st.one_of(*(element(tag, kids) for tag in tags))


# Nesting that follows the schema's shape closely, so deep paths (a text box in a
# drawing in a run in a tracked change in a table cell) are actually reached.
blocks = st.deferred(lambda: st.lists(block, max_size=3))
inlines = st.deferred(lambda: st.lists(inline, max_size=4))
run_children = st.lists(st.one_of(
    st.sampled_from(LEAVES),
    blocks.map(lambda b: f"<w:drawing><wp:anchor><wps:wsp><w:txbxContent>{''.join(b)}</w:txbxContent></wps:wsp>"
                         "<a:blip/></wp:anchor></w:drawing>"),
    st.tuples(blocks, blocks).map(lambda c: (
        "<mc:AlternateContent><mc:Choice Requires='wps'><w:drawing><w:txbxContent>" + "".join(c[0])
        + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><w:txbxContent>"
        + "".join(c[1]) + "</w:txbxContent><v:imagedata/></v:shape></w:pict></mc:Fallback></mc:AlternateContent>")),
    element("w:rPr", st.lists(st.sampled_from(LEAVES), max_size=3)),
), max_size=4)
run_element = element("w:r", run_children)
inline = st.deferred(lambda: st.one_of(
    run_element,
    one_of_wrapped(["w:ins", "w:del", "w:moveFrom", "w:moveTo", "w:hyperlink", "w:smartTag", "w:fldSimple",
                    "w:customXml", "m:oMath"], inlines),
    inlines.map(lambda i: f"<w:sdt><w:sdtPr/><w:sdtContent>{''.join(i)}</w:sdtContent></w:sdt>"),
    st.sampled_from(LEAVES),
    junk,
))
paragraph = st.tuples(st.lists(st.sampled_from(LEAVES), max_size=3), inlines).map(
    lambda t: f"<w:p><w:pPr>{''.join(t[0])}</w:pPr>{''.join(t[1])}</w:p>")
cell = st.tuples(st.lists(st.sampled_from(LEAVES), max_size=2), blocks).map(
    lambda t: f"<w:tc><w:tcPr>{''.join(t[0])}</w:tcPr>{''.join(t[1])}</w:tc>")
row = st.tuples(st.sampled_from(["", "<w:del w:id='9'/>", "<w:ins/>", "<w:tblHeader/>"]),
                st.lists(cell, max_size=3)).map(lambda t: f"<w:tr><w:trPr>{t[0]}</w:trPr>{''.join(t[1])}</w:tr>")
block = st.deferred(lambda: st.one_of(
    paragraph, paragraph,
    element("w:tbl", st.lists(row, max_size=3)),
    blocks.map(lambda b: f"<w:sdt><w:sdtContent>{''.join(b)}</w:sdtContent></w:sdt>"),
    one_of_wrapped(["w:customXml", "w14:blockWrapper"], blocks),
    st.sampled_from(LEAVES),
    junk,
))
xml_trees = block

STYLES = ("<w:style w:type='paragraph' w:styleId='Heading1'><w:name w:val='heading 1'/>"
          "<w:basedOn w:val='Heading1'/></w:style>")
NUMBERING = ("<w:abstractNum w:abstractNumId='0'><w:lvl w:ilvl='0'><w:numFmt w:val='decimal'/>"
             "<w:lvlText w:val='%1.'/></w:lvl></w:abstractNum><w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(xml_trees, min_size=1, max_size=5))
def test_random_element_nesting_never_crashes_the_reader(tmp_path, trees):
    path = make_docx(tmp_path, "".join(trees), styles_xml=STYLES, numbering_xml=NUMBERING,
                     comments_xml="<w:comment w:id='1'><w:p><w:r><w:t>c</w:t></w:r></w:p></w:comment>",
                     footnotes_xml="".join(trees).join(["<w:footnote w:id='1'>", "</w:footnote>"]),
                     headers={"rIdH": "".join(trees)})
    try:
        document = read_document(str(path))
    except InputError as error:
        raise AssertionError(f"reader bug: {error}") from None
    for paragraph in document.all_paragraphs():
        length = len(paragraph.text)
        for span in paragraph.spans:
            assert 0 <= span.start < span.end <= length
        for revision in paragraph.revisions:
            assert 0 <= revision.start <= revision.end <= length
        for anchor in paragraph.comments:
            assert 0 <= anchor.start <= anchor.end <= length
