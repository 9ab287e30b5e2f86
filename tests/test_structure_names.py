"""Splitting responsible-authority lines into names without breaking names that contain conjunctions."""

from __future__ import annotations

import pytest

from drafter.structure.names import split_responsible


@pytest.mark.parametrize("value, language, names", [
    ("SM, Poliisihallitus ja työ- ja elinkeinoministeriö", "fi", ["SM", "Poliisihallitus", "työ- ja elinkeinoministeriö"]),
    ("OM ja Kriminologian ja oikeuspolitiikan instituutti", "fi", ["OM", "Kriminologian ja oikeuspolitiikan instituutti"]),
    ("Terveyden ja hyvinvoinnin laitos sekä Kela.", "fi", ["Terveyden ja hyvinvoinnin laitos", "Kela"]),
    ("SM ja OM", "fi", ["SM", "OM"]),
    ("STM; THL", "fi", ["STM", "THL"]),
    ("social- och hälsovårdsministeriet och Institutet för hälsa och välfärd", "sv",
     ["social- och hälsovårdsministeriet", "Institutet för hälsa och välfärd"]),
    ("IM och Polisstyrelsen", "sv", ["IM", "Polisstyrelsen"]),
    ("Ministry of Economic Affairs and Employment", "en", ["Ministry of Economic Affairs and Employment"]),
    ("Ministry of Education and Culture and Finnish National Agency for Education", "en",
     ["Ministry of Education and Culture", "Finnish National Agency for Education"]),
    ("Ministry of Justice and Statistics Finland", "en", ["Ministry of Justice", "Statistics Finland"]),
    ("Ministry of Justice and THL", "en", ["Ministry of Justice", "THL"]),
    ("", "fi", []),
])
def test_names_are_split_between_names_but_not_inside_them(value, language, names):
    assert split_responsible(value, language) == names


def test_unknown_names_with_genitive_modifiers_stay_whole_without_the_lexicon(monkeypatch):
    import drafter.structure.names as names

    monkeypatch.setattr(names, "_known_name_spans", lambda value, language: [])
    assert split_responsible("Kuntaliitto ja Yhdistyksen ja säätiön toimisto", "fi") == [
        "Kuntaliitto", "Yhdistyksen ja säätiön toimisto"]
    assert split_responsible("Institute for Peace and Development", "en") == ["Institute for Peace and Development"]
