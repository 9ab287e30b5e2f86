"""The possessive repeated-word pattern finds exactly what the plain backtracking one finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from drafter.checks.text_kinds import _REPEATED, _REPEATED_CASED

PLAIN = re.compile(r"(?<!\w)(\w+)(\s+)(\1)(?!\w)", re.IGNORECASE)
PLAIN_CASED = re.compile(r"(?<!\w)(\w+)(\s+)(\1)(?!\w)")
TEXTS = st.text(alphabet="aAbBäÄ1_ \t\n\u00a0-.", max_size=24)


def _found(pattern: re.Pattern[str], text: str) -> list[tuple]:
    return [m.span() + m.groups() for m in pattern.finditer(text)]


@settings(max_examples=3000, deadline=None)
@given(TEXTS)
def test_the_possessive_pattern_matches_like_the_backtracking_one(text):
    assert _found(_REPEATED, text) == _found(PLAIN, text)
    assert _found(_REPEATED_CASED, text) == _found(PLAIN_CASED, text)


def test_a_repeated_word_is_found_and_a_repeated_ending_is_not():
    assert _found(_REPEATED, "ja Ja kunta") == [(0, 5, "ja", " ", "Ja")]
    assert _found(_REPEATED, "kunta ta") == []
