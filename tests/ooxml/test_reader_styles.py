"""Styles: names, outline levels through basedOn, numbering from styles, run formatting."""

from __future__ import annotations

from docx_factory import make_docx, para, run
from drafter.blocks import Span
from drafter.ooxml.reader import read_document

STYLES = (
    "<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val='fi-FI' w:eastAsia='en-US'/></w:rPr></w:rPrDefault>"
    "</w:docDefaults>"
    "<w:style w:type='paragraph' w:default='1' w:styleId='Normaali'><w:name w:val='Normal'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='Otsikko1'><w:name w:val='heading 1'/><w:basedOn w:val='Normaali'/>"
    "<w:rPr><w:b/></w:rPr></w:style>"
    "<w:style w:type='paragraph' w:styleId='Otsikko2'><w:name w:val='Otsikko 2'/><w:basedOn w:val='Normaali'/>"
    "<w:pPr><w:outlineLvl w:val='1'/></w:pPr></w:style>"
    "<w:style w:type='paragraph' w:styleId='Luku'><w:name w:val='Luku'/><w:basedOn w:val='Otsikko2'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='Kierto1'><w:name w:val='Kierto 1'/><w:basedOn w:val='Kierto2'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='Kierto2'><w:name w:val='Kierto 2'/><w:basedOn w:val='Kierto1'/></w:style>"
    "<w:style w:type='paragraph' w:styleId='Leipateksti'><w:name w:val='Body Text'/><w:basedOn w:val='Otsikko1'/>"
    "<w:pPr><w:outlineLvl w:val='9'/></w:pPr><w:rPr><w:b w:val='0'/></w:rPr></w:style>"
    "<w:style w:type='character' w:styleId='Korostus'><w:name w:val='Emphasis'/><w:rPr><w:i/></w:rPr></w:style>"
    "<w:style w:type='paragraph' w:styleId='Toimenpide'><w:name w:val='Toimenpide'/>"
    "<w:pPr><w:numPr><w:numId w:val='1'/></w:numPr></w:pPr></w:style>"
)


def read(tmp_path, body: str, **parts):
    parts.setdefault("styles_xml", STYLES)
    return read_document(str(make_docx(tmp_path, body, **parts)))


def styled(text: str, style: str, extra: str = "") -> str:
    return para(text, f"<w:pStyle w:val='{style}'/>{extra}")


def test_outline_levels_resolve_through_based_on_and_heading_names(tmp_path):
    body = (styled("Luku I", "Otsikko1") + styled("Tavoite", "Otsikko2") + styled("Periytyy", "Luku")
            + para("Leipäteksti") + styled("Kierto", "Kierto1") + styled("Ei otsikko", "Leipateksti")
            + styled("Suora", "Normaali", "<w:outlineLvl w:val='2'/>")
            + styled("Suora leipäteksti", "Otsikko1", "<w:outlineLvl w:val='9'/>"))
    doc = read(tmp_path, body)
    got = [(p.style_id, p.style_name, p.outline_level) for p in doc.paragraphs()]
    assert got == [
        ("Otsikko1", "heading 1", 0),
        ("Otsikko2", "Otsikko 2", 1),
        ("Luku", "Luku", 1),
        ("Normaali", "Normal", None),      # the default paragraph style when none is given
        ("Kierto1", "Kierto 1", None),    # a basedOn cycle ends quietly
        ("Leipateksti", "Body Text", None),
        ("Normaali", "Normal", 2),
        ("Otsikko1", "heading 1", None),
    ]


def test_without_a_default_flag_unstyled_paragraphs_take_normal(tmp_path):
    styles = "<w:style w:type='paragraph' w:styleId='Normal'><w:name w:val='Normal'/></w:style>"
    assert read(tmp_path, para("x"), styles_xml=styles).body[0].style_name == "Normal"


def test_default_language_comes_from_document_defaults(tmp_path):
    assert read(tmp_path, para("x")).default_language == "fi-FI"


def test_default_language_falls_back_to_the_default_paragraph_style(tmp_path):
    styles = ("<w:style w:type='paragraph' w:default='1' w:styleId='Normal'><w:name w:val='Normal'/>"
              "<w:rPr><w:lang w:val='sv-FI'/></w:rPr></w:style>")
    assert read(tmp_path, para("x"), styles_xml=styles).default_language == "sv-FI"


def test_a_missing_styles_part_is_a_notice_not_an_error(tmp_path):
    doc = read(tmp_path, para("x", "<w:pStyle w:val='Heading1'/>"), styles_xml=None)
    assert doc.body[0].text == "x"
    assert doc.body[0].style_id == "Heading1" and doc.body[0].style_name is None
    assert [n.code for n in doc.notices] == ["missing-styles"]


NUMBERING = (
    "<w:abstractNum w:abstractNumId='0'>"
    "<w:lvl w:ilvl='0'><w:start w:val='1'/><w:numFmt w:val='decimal'/><w:lvlText w:val='%1.'/></w:lvl>"
    "<w:lvl w:ilvl='1'><w:start w:val='1'/><w:numFmt w:val='lowerLetter'/><w:lvlText w:val='%2)'/></w:lvl>"
    "</w:abstractNum><w:num w:numId='1'><w:abstractNumId w:val='0'/></w:num>"
)


def test_numbering_comes_from_direct_properties_or_the_style_chain(tmp_path):
    body = (
        styled("Ensimmäinen", "Toimenpide")
        + styled("Alakohta", "Toimenpide", "<w:numPr><w:ilvl w:val='1'/></w:numPr>")
        + f"<w:tbl><w:tr><w:tc>{styled('Taulukossa', 'Toimenpide')}</w:tc></w:tr></w:tbl>"
        + styled("Ei numeroa", "Toimenpide", "<w:numPr><w:numId w:val='0'/></w:numPr>")
        + para("Suora", "<w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr>")
    )
    doc = read(tmp_path, body, numbering_xml=NUMBERING)
    labels = [(p.text, p.numbering.label if p.numbering else None) for p in doc.paragraphs()]
    assert labels == [("Ensimmäinen", "1."), ("Alakohta", "a)"), ("Taulukossa", "2."), ("Ei numeroa", None),
                      ("Suora", "3.")]
    assert doc.body[0].rendered_text == "1. Ensimmäinen"


def test_numbered_paragraphs_without_a_numbering_part_have_no_label(tmp_path):
    doc = read(tmp_path, para("x", "<w:numPr><w:ilvl w:val='0'/><w:numId w:val='1'/></w:numPr>"))
    assert doc.body[0].numbering is None


def test_runs_become_merged_spans_of_visible_formatting(tmp_path):
    body = (
        "<w:p>" + run("plain ") + run("bold", "<w:b/>") + run(" still", "<w:b/>")
        + run(" under", "<w:u w:val='single'/>") + run(" marked", "<w:highlight w:val='yellow'/>")
        + run(" shaded", "<w:shd w:val='clear' w:color='auto' w:fill='FFFF00'/>")
        + run(" hidden", "<w:vanish/>") + run(" struck", "<w:strike/>")
        + run(" red", "<w:color w:val='FF0000'/><w:sz w:val='28'/>")
        + run(" em", "<w:rStyle w:val='Korostus'/>") + run(" notbold", "<w:b w:val='0'/>")
        + "</w:p>"
    )
    spans = read(tmp_path, body).body[0].spans
    assert spans == (
        Span(6, 16, bold=True),
        Span(16, 22, underline=True),
        Span(22, 29, highlight="yellow"),
        Span(29, 36, highlight="FFFF00"),
        Span(36, 43, hidden=True),
        Span(43, 50, strike=True),
        Span(50, 54, color="FF0000", font_size=14.0),
        Span(54, 57, italic=True, style="Korostus"),
    )


def test_paragraph_style_run_properties_make_spans_unless_overridden(tmp_path):
    body = ("<w:p><w:pPr><w:pStyle w:val='Otsikko1'/></w:pPr>" + run("Luku ") + run("ohut", "<w:b w:val='off'/>")
            + "</w:p>" + styled("Leipä", "Leipateksti"))
    first, second = read(tmp_path, body).body
    assert first.spans == (Span(0, 5, bold=True),)
    assert second.spans == ()
