"""The language layer: sentences of government text, Voikko morphology, sv/en cues, spaCy Docs."""

from __future__ import annotations

import pytest

from drafter.nlp import language as language_module
from drafter.nlp import load_language
from drafter.nlp.language import Language
from drafter.nlp.morphology import open_voikko
from drafter.nlp.text import sentences, tokens, words

needs_voikko = pytest.mark.skipif(open_voikko() is None, reason="Voikko (libvoikko + voikko-fi) is not installed")


def split(text: str, language: str = "fi") -> list[str]:
    return [text[s:e] for s, e in sentences(text, language)]


@pytest.mark.parametrize("text", [
    "Asiasta säädetään tarkemmin, ks. liite 3.",
    "Ks. esim. toimenpide 12 ja mm. hallituksen esitys.",
    "Työhön osallistuvat n. 40 kuntaa, ns. kärkikunnat jne. muut tahot.",
    "Kokous alkaa klo 9.15 ja päättyy klo 12.",
    "Asiasta säädetään 25. luvussa ja 3. §:ssä.",
    "Päätös tehtiin 14.12.2020 ja se tuli voimaan 1.–4.1. välisenä aikana.",
    "Esitys annettiin v. 2020 ja s. 12 kertoo sen.",
    "Tästä vastaa ns. Hallitus ja nk. Ohjausryhmä.",
])
def test_finnish_abbreviations_ordinals_and_dates_do_not_end_a_sentence(text):
    assert split(text) == [text]


def test_a_finnish_text_splits_into_its_sentences():
    text = "Laaditaan ohjelma (mm. SM). Ohjelma päättyy 2027. Sen jälkeen arvioidaan. Kysytäänkö? Kyllä!"
    assert split(text) == ["Laaditaan ohjelma (mm. SM).", "Ohjelma päättyy 2027.", "Sen jälkeen arvioidaan.",
                           "Kysytäänkö?", "Kyllä!"]


def test_a_measure_number_opening_the_text_does_not_end_a_sentence():
    assert split("12. Laaditaan kansallinen ohjelma. Se julkaistaan.") == [
        "12. Laaditaan kansallinen ohjelma.", "Se julkaistaan."]


def test_swedish_and_english_abbreviations_keep_the_sentence_whole():
    assert split("Frågan utreds bl.a. av ministeriet, t.ex. i s.k. arbetsgrupper kl. 10.", "sv") == [
        "Frågan utreds bl.a. av ministeriet, t.ex. i s.k. arbetsgrupper kl. 10."]
    assert split("Several bodies, e.g. the Board, i.e. No. 5, agree. The rest do not.", "en") == [
        "Several bodies, e.g. the Board, i.e. No. 5, agree.", "The rest do not."]


def test_a_newline_always_ends_a_sentence():
    assert split("Ensimmäinen rivi\nToinen rivi") == ["Ensimmäinen rivi", "Toinen rivi"]


def test_tokens_keep_case_endings_hyphens_and_offsets():
    text = "EU:n covid-19-pandemian sosiaali- ja terveysministeriö."
    found = [(t.text, t.start, t.end) for t in tokens(text)]
    assert ("EU:n", 0, 4) in found
    assert ("covid-19-pandemian", 5, 23) in found
    assert found[-1] == (".", len(text) - 1, len(text))
    assert [w.text for w in words(text)] == ["EU:n", "covid-19-pandemian", "sosiaali", "ja", "terveysministeriö"]


@needs_voikko
def test_voikko_gives_lemma_passive_voice_and_compound_parts():
    fi = load_language("fi")
    assert fi.has_morphology and fi.has_spelling
    assert fi.lemma("Laaditaan") == "laatia"
    passive = fi.analyses("Laaditaan")[0]
    assert passive.is_passive and passive.morph["Mood"] == "Ind"
    assert fi.analyses("ympäristöministeriö")[0].parts == ("ympäristö", "ministeriö")
    person = fi.analyses("Ehdotamme")[0]
    assert person.morph["Person"] == "1" and person.morph["Number"] == "Plur"
    assert fi.analyses("voitaisiin")[0].morph["Mood"] == "Cnd"
    assert fi.analyses("kunnissa")[0].morph["Case"] == "Ine"


@needs_voikko
def test_analyses_are_cached_per_word_form():
    fi = load_language("fi")
    first = fi.analyses("toimenpideohjelmassa")
    assert fi.analyses("toimenpideohjelmassa") is first


@needs_voikko
def test_spelling_and_suggestions_come_from_voikko():
    fi = load_language("fi")
    assert fi.spell("päivitetään") is True
    assert fi.spell("päivitetän") is False
    assert "päivitetään" in fi.suggest("päivitetän")
    assert len(fi.suggest("päivitetän", 2)) <= 2


@needs_voikko
def test_grammar_errors_have_offsets_into_the_text():
    text = "Ohjelma julkaistaan ja se se arvioidaan."
    errors = load_language("fi").grammar_errors(text)
    assert [text[e.start:e.end] for e in errors] == ["se se"]
    assert errors[0].suggestions == ("se",)


def test_swedish_s_passive_and_present_are_recognised_from_lemmas():
    sv = load_language("sv")
    assert sv.has_morphology and not sv.has_spelling
    assert sv.analyses("utreds")[0].morph["Voice"] == "Pass"
    assert sv.analyses("genomförs")[0].lemma == "genomföra"
    assert sv.analyses("föreslår")[0].morph["Voice"] == "Act"
    assert sv.analyses("regeringens")[0].morph == {}
    assert sv.analyses("kommunernas")[0].morph == {}
    assert sv.spell("utreds") is None


def test_english_lemmas_come_from_simplemma():
    assert load_language("en").lemma("measures") == "measure"


def test_load_language_returns_one_instance_per_language():
    assert load_language("fi") is load_language("fi")
    assert load_language("sv") is not load_language("fi")


def test_without_voikko_morphology_is_reduced_with_one_notice(monkeypatch, capsys):
    monkeypatch.setattr(language_module, "_voikko_loader", lambda: None)
    monkeypatch.setattr(language_module, "_notice_given", False)
    first = Language("fi")
    second = Language("fi")
    assert first.has_morphology is False and second.has_spelling is False
    assert first.analyses("Laaditaan") == ()
    assert first.spell("taalo") is None and first.grammar_errors("se se") == []
    assert first.lemma("Laaditaan") == "laaditaan"
    assert first.sentences("Yksi. Kaksi.") == [(0, 5), (6, 12)]
    err = capsys.readouterr().err
    assert err.count("Finnish morphology is reduced") == 1


@needs_voikko
def test_the_spacy_doc_carries_sentences_lemmas_morphology_and_raw_analyses():
    doc = load_language("fi").doc("Laaditaan ohjelma (mm. SM). Ehdotamme, että ministeriö selvittäisi asian.")
    assert [s.text for s in doc.sents] == ["Laaditaan ohjelma (mm. SM).",
                                           "Ehdotamme, että ministeriö selvittäisi asian."]
    first = doc[0]
    assert first.lemma_ == "laatia" and first.pos_ == "VERB"
    assert "Voice=Pass" in str(first.morph)
    assert first._.voikko["PERSON"] == "4"
    verb = next(t for t in doc if t.text == "selvittäisi")
    assert verb.morph.get("Mood") == ["Cnd"]


def test_the_swedish_spacy_doc_uses_the_same_sentencizer():
    doc = load_language("sv").doc("Frågan utreds bl.a. av ministeriet. Regeringen föreslår en ändring.")
    assert [s.text for s in doc.sents] == ["Frågan utreds bl.a. av ministeriet.",
                                           "Regeringen föreslår en ändring."]
    assert next(t for t in doc if t.text == "utreds").lemma_ == "utreda"
