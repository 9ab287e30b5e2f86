"""Helpers for field values: splitting lists of names as they are written."""

from __future__ import annotations

import re

# "ja"/"och"/"and"/"sekä" join names, except after a hyphenated first part
# ("työ- ja elinkeinoministeriö", "social- och hälsovårdsministeriet").
_SEPARATORS = re.compile(r"\s*[,;]\s*|(?<!-)\s+(?:ja|sekä|och|samt|and)\s+", re.IGNORECASE)


def split_names(value: str) -> list[str]:
    """Split a responsible-authority line into names, keeping compound names whole.

    >>> split_names("SM, Poliisihallitus ja työ- ja elinkeinoministeriö")
    ['SM', 'Poliisihallitus', 'työ- ja elinkeinoministeriö']
    """
    value = value.strip().rstrip(".")
    parts = [p.strip(" .") for p in _SEPARATORS.split(value)]
    return [p for p in parts if p]
