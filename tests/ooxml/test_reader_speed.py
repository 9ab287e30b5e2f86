"""The reader stays linear: a big draft reads in seconds, not minutes."""

from __future__ import annotations

import time

import pytest

from docx_factory import make_docx
from drafter.ooxml.reader import read_document

pytestmark = pytest.mark.slow

STYLES = (
    "<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val='22'/><w:lang w:val='fi-FI'/></w:rPr></w:rPrDefault>"
    "</w:docDefaults><w:style w:type='paragraph' w:default='1' w:styleId='Normal'><w:name w:val='Normal'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='Heading3'><w:name w:val='heading 3'/><w:basedOn w:val='Normal'/></w:style>"
)
NUMBERING = (
    "<w:abstractNum w:abstractNumId='0'><w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='decimal'/>"
    "<w:lvlText w:val='%1.'/></w:lvl></w:abstractNum><w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>"
)
RPR = "<w:rPr><w:rFonts w:ascii='Arial'/><w:sz w:val='22'/><w:lang w:val='fi-FI'/></w:rPr>"
BOLD = "<w:rPr><w:rFonts w:ascii='Arial'/><w:b/><w:sz w:val='22'/><w:lang w:val='fi-FI'/></w:rPr>"
WORDS = "Ministeriö valmistelee toimenpiteen aikataulun ja rahoituksen "  # 6 words


def measure(number: int) -> str:
    heading = (f"<w:p><w:pPr><w:pStyle w:val='Heading3'/><w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/>"
               f"</w:numPr></w:pPr><w:r><w:t>Toimenpide {number}</w:t></w:r></w:p>")
    runs = "".join(f"<w:r>{BOLD if i == 1 else RPR}<w:t xml:space='preserve'>{WORDS}</w:t></w:r>" for i in range(4))
    body = ("<w:p><w:bookmarkStart w:id='1' w:name='b'/><w:proofErr w:type='spellStart'/>" + runs
            + "<w:ins w:id='2' w:author='A'><w:r><w:t>lisätty</w:t></w:r></w:ins>"
            + "<w:del w:id='3' w:author='A'><w:r><w:delText>pois</w:delText></w:r></w:del></w:p>") * 6
    table = ("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Vastuutaho:</w:t></w:r></w:p></w:tc>"
             "<w:tc><w:p><w:r><w:t>OKM</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    return heading + body + table


def test_a_thousand_measure_draft_reads_in_well_under_the_time_limit(tmp_path):
    measures = 1000  # about 150,000 words, 9,000 paragraphs
    path = make_docx(tmp_path, "".join(measure(i) for i in range(measures)), styles_xml=STYLES,
                     numbering_xml=NUMBERING)
    started = time.perf_counter()
    document = read_document(str(path))
    elapsed = time.perf_counter() - started
    paragraphs = list(document.paragraphs())
    assert len(paragraphs) == measures * 9
    assert paragraphs[-9].numbering.label == f"{measures}."
    assert sum(len(p.text.split()) for p in paragraphs) > 150_000
    # ~0.4 s on the project machine; the bound leaves room for a busy CI host, not for quadratic loops
    assert elapsed < 4.0, f"reading took {elapsed:.2f} s"
