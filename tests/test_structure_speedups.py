"""The shortcuts structure recognition takes give exactly what the plain code gives.

- ``classify._item_maker``: Items made without the dataclass ``__init__`` equal
  the ones it makes, each with its own ``fields`` list;
- ``classify.match_typed_number``: the date/amount guard still wins when the
  typed-number pattern is tried first;
- ``FieldFinder``: the separator prefilter lets every field through;
- ``LanguageLayout``'s matchers: joined once per layout, and gone with it;
- ``profiles._without_groups``: joined patterns match what the patterns match,
  so one call rules out every opener pattern of a layout;
- ``_Assembler.feed_all``: what ``feed`` item by item gives.
"""

from __future__ import annotations

import gc
import re
import weakref
from pathlib import Path

import pytest

from drafter.blocks import Location, Paragraph
from drafter.ooxml.reader import read_document
from drafter.profiles import LanguageLayout, _without_groups, load_profile
from drafter.structure.classify import (
    BODY, FIELD, SKIP, TITLE, Item, _bare_item, _text_item, match_typed_number, opener_patterns,
)
from drafter.structure.fields import FieldFinder
from drafter.structure.recognise import _Assembler, _items
from drafter.structure.resolve import accept_candidates, resolve_numbered_headings, resolve_theme_headings


def _paragraph(text: str = "Teksti") -> Paragraph:
    return Paragraph(Location("word/document.xml", 4), text)


def test_item_makers_equal_the_dataclass_init():
    p = _paragraph()
    for kind in (SKIP, TITLE, BODY):
        assert _bare_item(kind, p) == Item(kind, p)
    fields: list = []
    for kind in (BODY, FIELD):
        for bold in (False, True):
            made = _text_item(kind, p, fields, bold)
            assert made == Item(kind, p, fields=fields, bold=bold)
            assert made.fields is fields
    first, second = _bare_item(SKIP, p), _bare_item(SKIP, p)
    assert first.fields == [] and first.fields is not second.fields


def test_typed_number_guard_still_applies():
    layout = load_profile(None).layout("fi")
    assert match_typed_number("12. Laaditaan ohjelma", layout).group("number") == "12"
    assert match_typed_number("2025 alkaen toteutetaan", layout) is None      # a year
    assert match_typed_number("1000. Laaditaan ohjelma", layout) is None      # four digits: as a year
    assert match_typed_number("12. tammikuuta pidetään seminaari", layout) is None  # a date
    assert match_typed_number("3 kuukauden kuluessa", layout) is not None     # classify checks the title's case
    assert match_typed_number("Laaditaan ohjelma", layout) is None


def test_field_finder_prefilter_keeps_every_separator():
    finder = FieldFinder(load_profile(None).layout("fi"))
    for text, value in [
        ("Vastuutaho: SM", "SM"),
        ("Vastuutaho – SM", "SM"),
        ("Vastuutaho — SM", "SM"),
        ("Vastuutaho - SM", "SM"),
        ("Koulutus järjestetään. Aikataulu - 2025-2026", "2025-2026"),
    ]:
        assert [m.value for m in finder.inline(text)][-1:] == [value], text
    assert finder.inline("Vastuutaho-SM ja työ-elämä") == []
    assert finder.inline("Ei kenttiä tässä") == []


def test_a_layout_joins_its_patterns_once_and_answers_for_its_own_patterns():
    first = LanguageLayout("fi", not_a_number=(re.compile(r"\d{4}"),))
    second = LanguageLayout("fi", not_a_number=(re.compile(r"[a-z]+"),))
    assert first.not_a_number_match is first.not_a_number_match
    assert first.opener_match is first.opener_match
    assert first.not_a_number_match("2025") and not first.not_a_number_match("abc")
    assert second.not_a_number_match("abc") and not second.not_a_number_match("2025")


@pytest.mark.parametrize(("source", "expected"), [
    (r"^(?P<label>Tavoite\s+(?P<number>\d+))\s*(?P<title>.*)$", r"^(?:Tavoite\s+(?:\d+))\s*(?:.*)$"),
    (r"^(\d+)[.)]", r"^(?:\d+)[.)]"),
    (r"^\(?P<x>", r"^\(?P<x>"),                       # an escaped bracket opens no group
    (r"^[(?P<x>]+(a)", r"^[(?P<x>]+(?:a)"),          # nor does one in a character class
    (r"^[]()](b)", r"^[]()](?:b)"),                   # "]" first in a class is a literal
    (r"^[^](](c)", r"^[^](](?:c)"),
    (r"^[\](](d)", r"^[\](](?:d)"),
    (r"^(?:a)(?=b)(?<!c)(?i:d)", r"^(?:a)(?=b)(?<!c)(?i:d)"),
    (r"^(\d)\1", None),                               # references to groups: not joined
    (r"^(?P<n>\d)(?P=n)", None),
    (r"^(a)?(?(1)b|c)", None),
    (r"^a(?#(?P<x>)", None),
])
def test_without_groups(source, expected):
    assert _without_groups(source) == expected
    if expected is not None:
        assert re.compile(expected).groups == 0


def test_opener_gate_answers_as_each_pattern_does():
    texts = ["Tavoite 1: Yhteistyö tiivistyy", "Strateginen tavoite 2 – X", "Toimenpide 12: Laaditaan", "TP 3. Y",
             "12. Laaditaan ohjelma", "1.2.3 Laaditaan", "3) Selvitetään", "2025 alkaen", "Vastuutaho: SM",
             "Laaditaan ohjelma", "", " 12. sisennetty", "Mål 2: Samarbete", "Åtgärd 4. Utreda", "Objective 3: Work",
             "Measure 7 – Survey", "12 januari", "IV Luku", "tavoite 5"]
    for language in ("fi", "sv", "en"):
        layout = load_profile(None).layouts[language]
        patterns = layout.objective + layout.measure_prefix + layout.typed_number
        may_open = opener_patterns(layout)[1]
        for text in texts:
            assert (may_open(text) is not None) == any(p.match(text) for p in patterns), (language, text)


def test_feed_all_assembles_what_feed_does():
    path = Path(__file__).parents[1] / "corpus" / "samples" / "toimintaohjelma-luonnos.docx"
    document = read_document(path)
    profile = load_profile(None)
    layout = profile.layout("fi")
    items = _items(document, layout, FieldFinder(layout))
    accept_candidates(items, profile)
    resolve_numbered_headings(items)
    resolve_theme_headings(items)
    one, all_ = _Assembler(profile, layout, document), _Assembler(profile, layout, document)
    for i, item in enumerate(items):
        one.feed(i, item, items)
    all_.feed_all(items)
    one.close()
    all_.close()
    assert one.measures and (one.chapters, one.objectives, one.measures) == (all_.chapters, all_.objectives,
                                                                              all_.measures)


def test_a_paragraph_not_read_as_a_body_line_is_found_in_the_document():
    path = Path(__file__).parents[1] / "corpus" / "samples" / "toimintaohjelma-luonnos.docx"
    document = read_document(path)
    profile = load_profile(None)
    assembler = _Assembler(profile, profile.layout("fi"), document)
    every = list(document.paragraphs())
    assert assembler._paragraph(every[3].index) is every[3]
    assert assembler._paragraph(10 ** 9) is None


def test_a_layouts_matchers_go_with_it():
    layout = load_profile(None).layout("fi")  # every recognition loads a new one
    opener_patterns(layout)
    match_typed_number("2025 alkaen", layout)
    alive = weakref.ref(layout)
    del layout
    gc.collect()
    assert alive() is None  # nothing module-wide holds it or what was made for it
