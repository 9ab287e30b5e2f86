"""The shortcuts structure recognition takes give exactly what the plain code gives.

- ``classify._item_maker``: Items made without the dataclass ``__init__`` equal
  the ones it makes, each with its own ``fields`` list;
- ``classify.match_typed_number``: the date/amount guard still wins when the
  typed-number pattern is tried first;
- ``FieldFinder``: the separator prefilter lets every field through;
- ``classify._any_of``: cached per tuple of patterns, not per equal tuple.
"""

from __future__ import annotations

import re

from drafter.blocks import Location, Paragraph
from drafter.profiles import load_profile
from drafter.structure.classify import (
    BODY, FIELD, SKIP, TITLE, Item, _any_of, _bare_item, _text_item, match_typed_number,
)
from drafter.structure.fields import FieldFinder


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


def test_any_of_is_cached_per_tuple_not_per_equal_tuple():
    first = (re.compile(r"\d{4}"),)
    second = (re.compile(r"[a-z]+"),)
    assert _any_of(first) is _any_of(first)
    assert _any_of(first)("2025") and not _any_of(first)("abc")
    assert _any_of(second)("abc") and not _any_of(second)("2025")
