"""The shortcuts the outline path takes give exactly what the plain code gives.

- ``blocks.quick_init``: the fast ``__init__`` of frozen values keeps the
  dataclass's signature, defaults, equality, hashing, ``replace`` and pickling;
- ``report.outline._wrap``: the same lines as ``textwrap.wrap``;
- ``profiles.match_any``: the same answer as trying each pattern;
- ``FieldFinder``: fields remembered per text are handed out as fresh lists.
"""

from __future__ import annotations

import dataclasses
import pickle
import random
import re
import textwrap

import pytest

from drafter.blocks import Location, Paragraph, Span, quick_init
from drafter.model import FieldLine, Measure
from drafter.profiles import load_profile, match_any
from drafter.report.outline import _wrap
from drafter.structure.fields import FieldFinder


def test_quick_init_keeps_defaults_order_and_keywords():
    loc = Location("word/document.xml", 3, 1, 5)
    assert loc == Location(part="word/document.xml", paragraph=3, start=1, end=5)
    assert (loc.table, loc.row, loc.cell) == (None, None, None)
    assert Location() == Location("word/document.xml", 0, 0, None, None, None, None)
    assert hash(loc) == hash(Location("word/document.xml", 3, 1, 5))
    assert loc.span(2, 4) == Location("word/document.xml", 3, 2, 4)
    para = Paragraph(loc, "Teksti")
    assert para.container == "body" and para.spans == () and para.numbering is None
    assert dataclasses.replace(para, text="Muu").text == "Muu"
    assert pickle.loads(pickle.dumps(para)) == para
    assert Span(0, 3, True).bold and not Span(0, 3).italic
    line = FieldLine("schedule", "Aikataulu", "2025", loc)
    assert line.source == "line"
    measure = Measure(1, "1.", "Otsikko", "", loc, fields=(line,))
    assert measure.field_value("schedule") == "2025" and measure.layout == "typed"


def test_quick_init_values_stay_frozen_and_reject_unknown_arguments():
    loc = Location()
    with pytest.raises(dataclasses.FrozenInstanceError):
        loc.start = 4  # type: ignore[misc]
    with pytest.raises(TypeError):
        Location(nowhere=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Paragraph()  # type: ignore[call-arg]


def test_quick_init_refuses_default_factories():
    @dataclasses.dataclass(frozen=True)
    class WithFactory:
        items: list = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError):
        quick_init(WithFactory)


def test_quick_init_refuses_a_class_with_post_init():
    @dataclasses.dataclass(frozen=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            raise ValueError("never skipped")

    with pytest.raises(TypeError):
        quick_init(Checked)


def test_wrap_gives_what_textwrap_gives():
    pieces = ["a", "ä", " ", "  ", "-", "\t", "\n", "\u00a0", "\u2003", "\r", "x" * 20, "\x0b", "\x0c",
              "\u2028", ".", "—", "\x85", "Vastuutaho"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        first = rng.choice(["", "  ", "    12. ", "        Vastuutaho: "])
        rest = rng.choice(["", "      "])
        width = rng.choice([40, 60, 88])
        assert _wrap(text, width, first, rest) == textwrap.wrap(
            text, width, initial_indent=first, subsequent_indent=rest), (text, first, width)


@pytest.mark.parametrize("patterns", [
    (re.compile(r"^\d{4}\b", re.I), re.compile(r"^\d+\s*%", re.I)),
    (re.compile(r"^(\d)\1", re.I), re.compile(r"^x", re.I)),          # a backreference: tried one by one
    (re.compile(r"^a # comment", re.I | re.X), re.compile(r"^b", re.I | re.X)),
    (re.compile(r"^a", re.I), re.compile(r"^B")),                      # different flags
    (),
])
def test_match_any_answers_as_each_pattern_does(patterns):
    for text in ["2024 alkaen", "10 % lisää", "11 kertaa", "x", "a", "b", "B", "A # comment", "", "Laaditaan"]:
        assert (match_any(patterns)(text) is not None) == any(p.match(text) for p in patterns), text


def test_not_a_number_match_answers_for_the_shipped_profile():
    for layout in load_profile(None).layouts.values():
        for text in ["2024 alkaen", "12.3.2024 mennessä", "5 milj. euroa", "3 kuukauden kuluessa", "12. Laaditaan",
                     "12 januari", "3 weeks", "Tavoite 1"]:
            expected = any(p.match(text) for p in layout.not_a_number)
            assert (layout.not_a_number_match(text) is not None) == expected, text


def test_field_finder_hands_out_fresh_lists():
    finder = FieldFinder(load_profile(None).layout("fi"))
    text = "Vastuutaho: SM. Aikataulu: 2025."
    first = finder.line(text)
    assert [f.key for f in first] == ["responsible", "schedule"]
    first.clear()
    assert [f.key for f in finder.inline(text)] == ["responsible", "schedule"]
