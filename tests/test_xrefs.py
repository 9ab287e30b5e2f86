"""drafter.xrefs: cross-references to measures, objectives, chapters and annexes."""

from __future__ import annotations

import pytest

from drafter.xrefs import KEYWORD_LEADS, KEYWORDS, as_int, find_references, int_to_roman, roman_to_int


def refs(text: str, language: str = "fi"):
    return [(r.kind, r.numbers, text[r.start:r.end]) for r in find_references(text, language)]


@pytest.mark.parametrize("text, expected", [
    ("ks. toimenpide 42.", [("measure", [42], "toimenpide 42")]),
    ("kuten toimenpiteessä 12 todetaan", [("measure", [12], "toimenpiteessä 12")]),
    ("yhdessä toimenpiteen 77 kanssa", [("measure", [77], "toimenpiteen 77")]),
    ("toimenpiteissä 23–25 kuvattu", [("measure", [23, 25], "toimenpiteissä 23–25")]),
    ("toimenpiteet 3, 5 ja 7 toteutetaan", [("measure", [3, 5, 7], "toimenpiteet 3, 5 ja 7")]),
    ("tavoitteen 2 mukaisesti", [("objective", [2], "tavoitteen 2")]),
    ("kuten luvussa VI kerrotaan", [("chapter", ["VI"], "luvussa VI")]),
    ("luvun 3 alussa", [("chapter", [3], "luvun 3")]),
    ("tämän ohjelman VI luvussa", [("chapter", ["VI"], "VI luvussa")]),
    ("mittarit ovat liitteessä 2", [("annex", [2], "liitteessä 2")]),
])
def test_finnish_inflected_references_are_found(text, expected):
    assert refs(text) == expected


def test_swedish_references_are_found():
    text = "Se åtgärd 12 och åtgärderna 3–5 i kapitel VI samt bilaga 2."
    assert refs(text, "sv") == [
        ("measure", [12], "åtgärd 12"), ("measure", [3, 5], "åtgärderna 3–5"),
        ("chapter", ["VI"], "kapitel VI"), ("annex", [2], "bilaga 2"),
    ]


def test_english_references_are_found():
    text = "See measure 12, measures 3–5, chapter 6 and Annex B."
    assert refs(text, "en") == [
        ("measure", [12], "measure 12"), ("measure", [3, 5], "measures 3–5"),
        ("chapter", [6], "chapter 6"), ("annex", ["B"], "Annex B"),
    ]


def test_ranges_expand_to_every_number_they_cover():
    (reference,) = find_references("toimenpiteissä 23–25 ja", "fi")
    assert reference.ranges == [(0, 1)]
    assert reference.targets() == [23, 24, 25]


def test_number_spans_point_at_the_digits_for_renumbering():
    text = "toimenpiteet 3, 15 ja 7"
    (reference,) = find_references(text, "fi")
    assert [text[a:b] for a, b in reference.number_spans] == ["3", "15", "7"]


@pytest.mark.parametrize("text", [
    "Toimenpiteet 2024–2027",                # a period, not measure numbers
    "toimenpiteet vuosina 2021–2023",
    "toimenpiteeseen varataan 200 000 euroa",  # a grouped amount
    "rikoslain 25 luvun 3 a §",              # a statute's chapter and section
    "lain 3 luvun 2 §:n mukaan",
    "toimenpideohjelman 3 kohta",            # a compound, not the keyword
    "lukumäärä 3",
    "toimenpiteeseen 3,5 miljoonaa",
])
def test_years_amounts_statutes_and_compounds_are_not_references(text):
    assert refs(text) == []


@pytest.mark.parametrize("text, language", [
    ("Toimenpide 12: Laaditaan toimintamalli", "fi"),
    ("Toimenpide 12. Laaditaan toimintamalli", "fi"),
    ("Liite 2", "fi"),
    ("Tavoite 3: Uhrit tunnistetaan", "fi"),
    ("Åtgärd 4: Myndigheterna utbildas", "sv"),
    ("Measure 5: Authorities are trained", "en"),
])
def test_a_label_opening_the_paragraph_is_not_a_reference(text, language):
    assert refs(text, language) == []
    assert find_references(text, language, include_labels=True)


def test_a_sentence_opening_with_a_reference_is_still_a_reference():
    assert refs("Toimenpide 12 jatkaa edellisen ohjelman työtä.") == [("measure", [12], "Toimenpide 12")]
    assert refs("toimenpide 12:n mukaisesti") == [("measure", [12], "toimenpide 12")]


def test_roman_numerals_convert_both_ways():
    assert [roman_to_int(n) for n in ("I", "IV", "VI", "IX", "XIV")] == [1, 4, 6, 9, 14]
    assert roman_to_int("IIII") is None and roman_to_int("") is None
    assert [int_to_roman(n) for n in (1, 4, 6, 9, 14)] == ["I", "IV", "VI", "IX", "XIV"]
    assert as_int("VI") == 6 and as_int(7) == 7 and as_int("B") == 2 and as_int("3.2") is None


def _forms(node) -> set[str]:
    """Every string a small finite regex (literals, classes, groups, alternatives, ?) matches."""
    from re import _constants as c

    out = {""}
    for op, av in node:
        if op is c.LITERAL:
            options = {chr(av)}
        elif op is c.IN:
            assert all(item_op is c.LITERAL for item_op, _ in av), av
            options = {chr(ch) for _, ch in av}
        elif op is c.SUBPATTERN:
            options = _forms(av[-1])
        elif op is c.BRANCH:
            options = set().union(*(_forms(branch) for branch in av[1]))
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT):
            low, high, body = av
            assert high <= 3, av
            body_forms = _forms(body)
            options = set()
            for count in range(low, high + 1):
                parts = {""}
                for _ in range(count):
                    parts = {a + b for a in parts for b in body_forms}
                options |= parts
        else:
            raise AssertionError(f"unexpected {op} in a keyword pattern")
        out = {a + b for a in out for b in options}
    return out


@pytest.mark.parametrize("language", sorted(KEYWORDS))
def test_every_keyword_form_starts_with_one_of_its_leads(language):
    from re import _parser

    for kind, keyword in KEYWORDS[language].items():
        forms = _forms(_parser.parse(keyword))
        assert forms
        leads = KEYWORD_LEADS[language][kind]
        for form in forms:
            assert form.lower().startswith(leads), (language, kind, form)


@pytest.mark.parametrize("text", [
    "ks. TOIMENPIDE 42 ja LIITE 2", "ks. toimenpıde 42", "Tavoıtteet 3 ja 4", "luku ſ 3", "VI luvussa",
    "Toimenpide 12: ks. toimenpiteet 3–5 sekä toimenpiteissä 7 ja 8", "kapitel 3 och BILAGA 2", "MÅL 3",
    "\u212anown toimenpide 7", "measures 3–5, Annex B and APPENDIX 2", "III ja IV luku", "luvut 2–3",
])
def test_the_lower_case_short_cut_finds_what_a_whole_scan_finds(text, monkeypatch):
    import drafter.xrefs as xrefs

    for language in ("fi", "sv", "en"):
        for labels in (False, True):
            fast = xrefs.find_references(text, language, include_labels=labels)
            with monkeypatch.context() as patch:
                patch.setattr(xrefs, "search_lower", lambda _text: None)  # scan every offset
                slow = xrefs.find_references(text, language, include_labels=labels)
            assert fast == slow, (language, labels)
