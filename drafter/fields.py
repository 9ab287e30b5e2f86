"""Helpers for field values: splitting lists of names as they are written."""

from __future__ import annotations


def split_names(value: str, language: str | None = None) -> list[str]:
    """Split a responsible-authority line into names, keeping compound names whole.

    Commas and semicolons always separate; "ja"/"och"/"and" separate except
    inside a known authority name, after a hyphenated first part, or between two
    modifiers of one name (see drafter.structure.names).

    >>> split_names("SM, Poliisihallitus ja työ- ja elinkeinoministeriö")
    ['SM', 'Poliisihallitus', 'työ- ja elinkeinoministeriö']
    >>> split_names("OM ja Kriminologian ja oikeuspolitiikan instituutti")
    ['OM', 'Kriminologian ja oikeuspolitiikan instituutti']
    """
    from drafter.structure.names import split_responsible

    return split_responsible(value, language)
