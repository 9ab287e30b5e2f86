"""Legal checks: statute reference form, unexplained sections, undefined technical terms."""

from __future__ import annotations

from drafter.blocks import Location, Note, Paragraph
from drafter.checks.engine import run_checks
from drafter.config import config_from_mapping
from drafter.structure import recognise
from drafter.textdoc import document_from_text

MEASURE = """
# I Johdanto
{intro}
# VI Toimenpiteet
## Tavoite 1: Uhrit saavat oleskeluluvan
### 1. Selvitetään {reference} soveltamiskäytäntö
{body}
Vastuutaho: SM
"""


def check(rule_id: str, text: str, language: str = "fi", config: dict | None = None, document=None):
    document = document or document_from_text(text, language=language)
    programme = recognise(document, language=language)
    result = run_checks(programme, config_from_mapping(config or {}), only={rule_id})
    return [f for f in result.findings if f.rule == rule_id]


def draft(intro="Ohjelma koskee ihmiskaupan uhreja.", reference="ulkomaalaislain 52 a §:n", body="Selvitys valmistuu."):
    return MEASURE.format(intro=intro, reference=reference, body=body)


def test_form_errors_are_found_with_safe_fixes():
    (finding,) = check("LEG001", "Ulkomaalaislain 52 a§:n mukaan lupa voidaan myöntää.")
    assert (finding.location.text, finding.fix.replacement) == ("52 a§", "52 a §")
    assert finding.fix.applicability == "safe"
    (finding,) = check("LEG002", "Menettelystä säädetään hallintolain §§ 2–4:ssä.")
    assert finding.fix.replacement == "2–4 §:ssä"
    (finding,) = check("LEG003", "Hallintolain 2 §n mukaan menettely on julkinen.")
    assert finding.fix.replacement == "§:n"
    (finding,) = check("LEG005", "Menettelystä säädetään hallintolain 3-5 §:ssä.")
    assert finding.fix.replacement == "3–5"


def test_the_ordinal_period_is_accepted_in_general_text_but_not_in_a_citation():
    assert check("LEG004", "Hallintolain 9. §:ssä säädetään kielestä.") == []
    (finding,) = check("LEG004", "Rikoslain 25 luvun 3. §:ssä säädetään ihmiskaupasta.")
    assert finding.location.text == "3. §" and finding.fix.replacement == "3 §"
    assert "precise citation" in finding.message


def test_the_ordinal_period_is_flagged_where_the_draft_mostly_goes_without():
    text = "Hallintolain 9. §:ssä säädetään kielestä. Kielilain 10 §:n ja 11 §:n mukaan näin."
    (finding,) = check("LEG004", text)
    assert finding.location.text == "9. §"


def test_a_section_the_measure_relies_on_but_the_draft_never_explains_is_flagged():
    (finding,) = check("LEG006", draft())
    assert finding.location.text == "ulkomaalaislain 52 a §:n"
    assert finding.location.measure == 1
    assert "never says what that section provides" in finding.message


def test_an_explanation_in_the_background_chapter_or_with_explanatory_wording_counts():
    assert check("LEG006", draft(intro="Ulkomaalaislain 52 a §:ssä säädetään uhrin oleskeluluvasta.")) == []
    # Anywhere before the measure outside measures counts as background.
    assert check("LEG006", draft(intro="Katso ulkomaalaislain 52 a §.")) == []
    # Within the measure, another sentence can explain it.
    body = "Ulkomaalaislain 52 a §:n mukaan uhrille voidaan myöntää oleskelulupa."
    assert check("LEG006", draft(body=body)) == []


def test_explanatory_wording_for_another_section_does_not_count():
    intro = "Ulkomaalaislain 52 b §:ssä säädetään harkinta-ajasta."
    assert len(check("LEG006", draft(intro=intro))) == 1


def test_the_act_number_and_name_are_matched_as_one_act():
    intro = "Ulkomaalaislain (301/2004) 52 a §:n mukaan uhrille voidaan myöntää oleskelulupa."
    text = draft(intro="Ohjelma koskee uhreja.", reference="ulkomaalaislain 52 a §:n") + "\n# VII Seuranta\n" + intro
    assert check("LEG006", text) == []


def test_a_footnote_on_the_paragraph_explains_the_section():
    document = document_from_text(draft())
    body = list(document.body)
    index = next(i for i, b in enumerate(body) if "Selvitetään" in b.text)
    title = body[index]
    body[index] = Paragraph(location=title.location, text=title.text, style_id=title.style_id,
                            outline_level=title.outline_level, footnote_refs=("1",))
    note = Note("1", "footnote", (Paragraph(Location(part="word/footnotes.xml", paragraph=0),
                                            "Pykälä koskee uhrin oleskelulupaa.", container="note"),))
    from dataclasses import replace

    document = replace(document, body=tuple(body), footnotes=(note,))
    assert check("LEG006", "", document=document) == []


def test_a_section_inside_a_quoted_act_title_is_not_relied_on():
    body = "Muutos tehtiin lailla ”Laki ulkomaalaislain 3 §:n muuttamisesta”."
    text = MEASURE.format(intro="Ohjelma koskee uhreja.", reference="oleskelulupien", body=body)
    assert check("LEG006", text) == []


def test_swedish_unexplained_section():
    text = """
# I Inledning
Programmet gäller offer för människohandel.
# VI Åtgärder
## Mål 1: Offren får uppehållstillstånd
Åtgärd 1: Tillämpningen av 52 a § utlänningslagen utreds
Ansvarig: IM
"""
    (finding,) = check("LEG106", text, "sv")
    assert finding.location.text == "52 a § utlänningslagen"
    explained = text.replace("Programmet gäller", "Enligt 52 a § utlänningslagen kan offret få tillstånd. Programmet gäller")
    assert check("LEG106", explained, "sv") == []
    (form,) = check("LEG101", "Enligt 52 a§ utlänningslagen.", "sv")
    assert (form.location.text, form.fix.replacement) == ("52 a§", "52 a §")


def test_a_technical_term_used_in_a_measure_but_never_defined_is_flagged():
    text = """
# VI Toimenpiteet
## Tavoite 1: Uhrit tunnistetaan
### 1. Pidennetään harkinta-aikaa
Vastuutaho: SM
"""
    (finding,) = check("LEG007", text)
    assert finding.location.text == "harkinta-aikaa"
    defined = "# I Johdanto\nHarkinta-ajalla tarkoitetaan toipumisaikaa.\n" + text
    assert check("LEG007", defined) == []


def test_configured_technical_terms_are_checked_too():
    text = """
# VI Toimenpiteet
## Tavoite 1: Uhrit tunnistetaan
### 1. Otetaan käyttöön tilannekuvajärjestelmä
Vastuutaho: SM
"""
    from drafter.config import Config

    assert check("LEG007", text) == []
    programme = recognise(document_from_text(text, language="fi"), language="fi")
    result = run_checks(programme, Config(raw={"technical_terms": ["tilannekuvajärjestelmä"]}), only={"LEG007"})
    assert [f.location.text for f in result.findings if f.rule == "LEG007"] == ["tilannekuvajärjestelmä"]


def test_the_term_index_finds_what_term_spans_finds_in_each_paragraph():
    """The index's short cuts (stem leads, words lemmatised once) change nothing: same spans as term_spans."""
    from drafter.checks.legal import _TermIndex, term_spans

    texts = [
        "Harkinta-ajalla tarkoitetaan toipumisaikaa; HARKINTA-AIKA päättyy.",
        "Auttamisjärjestelmään ohjataan uhrit. auttamisjärjestelmä ja MARAK sekä marak.",
        "Kansallinen raportoija ja kansallisen  raportoijan tehtävät, NRM ja nrm.",
        "Harkınta-aika (pisteetön ı), \u212aansallinen raportoija, ſ.",
        "",
    ]
    terms = ["harkinta-aika", "auttamisjärjestelmä", "kansallinen raportoija", "MARAK", "NRM", "Barnahus"]
    for some in (texts[:3], texts):  # without and with letters that rule out the lower-case short cut
        paragraphs = [Paragraph(Location("word/document.xml", i), text) for i, text in enumerate(some)]
        for lemma in (None, lambda word: word.lower().rstrip("n")):
            index = _TermIndex(paragraphs, lemma)
            for term in terms:
                expected = {i: term_spans(t, term, lemma) for i, t in enumerate(some)}
                assert index.spans(term) == {i: spans for i, spans in expected.items() if spans}, (term, lemma)
