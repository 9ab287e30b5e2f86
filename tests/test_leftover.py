"""Leftovers: comments, tracked changes, highlights, hidden text, placeholders, draft markers."""

from __future__ import annotations


from drafter.blocks import Comment, Document, Location, Paragraph, Revision, Span
from drafter.checks.engine import run_checks
from drafter.config import config_from_mapping

from _engine_helpers import bare_programme, findings_of


def _run(rule_id, document):
    result = run_checks(bare_programme("", document=document), config_from_mapping({}), only={rule_id})
    return [f for f in result.findings if f.rule == rule_id]


def test_each_comment_is_one_finding_anchored_on_its_range_quoting_author_and_text():
    [finding] = findings_of("LEF001", "Kustannukset {==noin 5 000 euroa==}{>>Tarkista VM:ltä<<} vuodessa.")
    assert finding.location.text == "noin 5 000 euroa"
    assert "Example" in finding.message and "Tarkista VM:ltä" in finding.message


def test_tracked_changes_are_reported_per_paragraph_with_kinds_and_authors():
    para = Paragraph(Location(paragraph=0), "Uusi teksti tässä.", revisions=(
        Revision("ins", "Maija", None, "Uusi ", 0, 5), Revision("del", "Pekka", None, "vanha ", 5, 5),
        Revision("rPrChange", "Maija", None)))
    [finding] = _run("LEF002", Document("x.docx", body=(para,)))
    assert "1 insertion" in finding.message and "1 deletion" in finding.message
    assert "Maija and Pekka" in finding.message
    assert (finding.location.start, finding.location.end) == (0, 5)


def test_highlights_merge_adjacent_spans():
    para = Paragraph(Location(paragraph=0), "Aaa bbb ccc", spans=(
        Span(0, 3, highlight="yellow"), Span(3, 7, highlight="green"), Span(8, 11)))
    [finding] = _run("LEF003", Document("x.docx", body=(para,)))
    assert finding.location.text == "Aaa bbb"


def test_hidden_text_is_reported():
    para = Paragraph(Location(paragraph=0), "Näkyvä piilotettu", spans=(Span(7, 17, hidden=True),))
    [finding] = _run("LEF004", Document("x.docx", body=(para,)))
    assert finding.location.text == "piilotettu"


def test_a_draft_watermark_is_reported_and_a_clean_document_is_not():
    body = (Paragraph(Location(paragraph=0), "Teksti."),)
    [finding] = _run("LEF007", Document("x.docx", body=body, has_watermark=True, watermark_text="LUONNOS"))
    assert "LUONNOS" in finding.message
    assert _run("LEF007", Document("x.docx", body=body)) == []


def test_placeholders_are_found_but_not_inside_words_or_roman_numerals_in_names():
    found = [f.location.text for f in findings_of("LEF005", "Summa XX euroa, pvm xx.xx.20xx, TODO ja ?? [viite].")]
    assert found == ["XX", "xx.xx.20xx", "TODO", "??", "[viite]"]
    assert findings_of("LEF005", "XXL-koko, Maxx ja todo-lista; mitä?") == []


def test_a_lone_ellipsis_paragraph_and_an_ellipsis_field_value_are_placeholders():
    assert len(findings_of("LEF005", "…\nRahoitus: ...")) == 2


def test_draft_markers_in_body_and_headers_are_found_but_the_word_luonnos_in_prose_is_not():
    header = Paragraph(Location(part="word/header1.xml", paragraph=0), "Luonnos 12.3.2021", container="header")
    body = (Paragraph(Location(paragraph=0), "Luonnos hallituksen esitykseksi valmistuu."),)
    found = _run("LEF006", Document("x.docx", body=body, headers=(header,)))
    assert [(f.location.part, f.location.text) for f in found] == [("word/header1.xml", "Luonnos 12.3.2021")]
    assert [f.location.text for f in findings_of("LEF006", "DRAFT\nTeksti.")] == ["DRAFT"]


def test_a_comment_without_an_anchor_is_still_reported():
    document = Document("x.docx", body=(Paragraph(Location(paragraph=0), "Teksti."),),
                        comments=(Comment("7", "Liisa", None, "Yleinen huomio"),))
    [finding] = _run("LEF001", document)
    assert finding.location.paragraph is None and "Liisa" in finding.message
