"""The text markup that rule examples and unit tests use builds the documents it describes."""

from drafter.blocks import Table
from drafter.textdoc import document_from_text


def test_headings_lists_and_plain_lines_become_paragraphs_in_order():
    doc = document_from_text("# I Johdanto\n#. Ensimmäinen\n#. Toinen\n- luettelo\nTavallinen kappale.")
    paragraphs = list(doc.paragraphs())
    assert [p.text for p in paragraphs] == ["I Johdanto", "Ensimmäinen", "Toinen", "luettelo", "Tavallinen kappale."]
    assert paragraphs[0].outline_level == 0 and paragraphs[0].style_name == "heading 1"
    assert [p.numbering.label for p in paragraphs[1:3]] == ["1.", "2."]
    assert paragraphs[3].numbering.format == "bullet"
    assert [p.index for p in paragraphs] == [0, 1, 2, 3, 4]


def test_table_lines_make_one_table_with_a_header_row():
    doc = document_from_text("| Nro | Toimenpide |\n|---|---|\n| 1 | Laaditaan ohje |")
    (table,) = doc.body
    assert isinstance(table, Table)
    assert table.rows[0].header and not table.rows[1].header
    assert table.rows[1].cells[1].text == "Laaditaan ohje"
    assert table.rows[1].cells[1].blocks[0].location.row == 1


def test_criticmarkup_gives_the_accepted_view_with_revisions_comments_and_highlights():
    doc = document_from_text("Alku {++lisätty ++}{--poistettu --}ja {==korostus==}{>>Tarkista<<} loppu.")
    (p,) = doc.paragraphs()
    assert p.text == "Alku lisätty ja korostus loppu."
    kinds = [(r.kind, r.text) for r in p.revisions]
    assert kinds == [("ins", "lisätty "), ("del", "poistettu ")]
    (span,) = p.spans
    assert p.text[span.start:span.end] == "korostus"
    (anchor,) = p.comments
    assert p.text[anchor.start:anchor.end] == "korostus"
    assert doc.comment(anchor.comment_id).text == "Tarkista"


def test_hidden_text_headers_watermarks_and_notices_have_their_own_markup():
    doc = document_from_text(
        "@header: LUONNOS\n@footer: sivu\n@watermark: DRAFT\n@notice: rel: puuttuu\nNäkyvä {##piilo##}."
    )
    assert doc.headers[0].text == "LUONNOS" and doc.headers[0].location.part == "word/header1.xml"
    assert doc.footers[0].text == "sivu"
    assert doc.has_watermark and doc.watermark_text == "DRAFT"
    assert doc.notices[0].code == "rel" and doc.notices[0].message == "puuttuu"
    (p,) = doc.paragraphs()
    assert p.text == "Näkyvä piilo." and p.spans[0].hidden


def test_a_pilcrow_line_is_an_empty_paragraph():
    (p,) = document_from_text("¶").paragraphs()
    assert p.text == ""


def test_an_auto_numbered_list_keeps_counting_across_field_lines_until_a_heading():
    doc = document_from_text("#. Eka\nVastuutaho: SM\n#. Toka\n## Tavoite 2\n#. Alusta")
    labels = [p.numbering.label for p in doc.paragraphs() if p.numbering]
    assert labels == ["1.", "2.", "1."]


def test_title_language_and_images_have_markup_for_accessibility_examples():
    doc = document_from_text("@title: Toimintaohjelma\n@language:\nKuva {!image!} ja {!image: kaavio!}.")
    assert doc.properties.title == "Toimintaohjelma"
    assert doc.default_language is None
    (p,) = doc.paragraphs()
    assert p.text == "Kuva  ja ." and p.has_image and p.images_without_alt == 1
