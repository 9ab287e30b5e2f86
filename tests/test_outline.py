"""Outline output: the drafter.outline/1 JSON contract, the text tree, and golden files.

Regenerate the golden files with ``DRAFTER_REGENERATE=1 pytest tests/test_outline.py``
and review the diff before committing it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from drafter.model import Programme
from drafter.report.outline import location_dict, outline_json, outline_text, summary_line
from drafter.structure import recognise
from drafter.textdoc import document_from_text
from test_structure_builder import DocBuilder

GOLDEN = Path(__file__).parent / "golden" / "outline"

DRAFTS = {
    "fi_programme": """
# Ihmiskaupan vastainen toimintaohjelma 2021–2023
# I Johdanto
Ohjelma kokoaa yhteen ihmiskaupan vastaiset toimet, ja sen toteutumista seurataan vuosittain.
# VI Toimintaohjelman tavoitteet ja toimenpiteet
## 1. Ihmiskaupan uhrit tunnistetaan nykyistä paremmin
Toimenpide 1: Laaditaan poliisille valtakunnallinen toimintamalli ihmiskaupan uhrien tunnistamiseksi ja ohjaamiseksi palveluihin.
Toimintamallissa kuvataan viranomaisten työnjako.
- poliisi
- rajavartiolaitos
Vastuutaho: SM, Poliisihallitus ja työ- ja elinkeinoministeriö
Aikataulu: 2021–2022
Rahoitus: Toteutetaan virkatyönä.
Toimenpide 2: Koulutetaan viranomaisia. Vastuutaho: OM. Aikataulu: 2022.
## 2. Uhrien oikeudet toteutuvat
| Nro | Toimenpide | Vastuutaho | Aikataulu | Rahoitus |
|---|---|---|---|---|
| 3 | Vahvistetaan uhrien oikeudellista neuvontaa | OM | 2022 | 100 000 euroa |
| 4 | Selvitetään korvausten saatavuus | OM ja STM | 2023 | Virkatyönä |
## Teemat
Neuvonnan saavutettavuuden parantaminen (2022–2023)
Parannetaan neuvonnan saavutettavuutta.
Vastuuministeriö: STM
# VII Seuranta
Ohjelman toteutumista seurataan.
""",
    "sv_programme": """
# Kapitel 2 Mål och åtgärder
## Mål 1: Offren identifieras bättre
Åtgärd 1: Polisen får en nationell verksamhetsmodell för att identifiera offren.
Ansvarig: IM och Polisstyrelsen
Tidtabell: 2021–2022
Finansiering: Genomförs som tjänsteuppdrag.
Åtgärd 2: Myndigheterna utbildas. Ansvariga: JM. Tidtabell: 2022.
""",
    "en_programme": """
# Chapter 1 Measures of the programme
## Objective 1: Victims are identified better
#. A national operating model is drawn up for the police. Responsible: Ministry of the Interior and the National Police Board. Schedule: 2021–2022.
#. Border guards are trained to identify victims. Lead: Finnish Border Guard. Funding: Carried out as official duties.
""",
    "no_measures": """
# Muistio
Tässä muistiossa ei ole toimenpiteitä, vaan se kuvaa valmistelun tilannetta.
""",
}


def programme_for(name: str) -> Programme:
    return recognise(document_from_text(DRAFTS[name], path=f"{name}.docx"))


@pytest.mark.parametrize("name", sorted(DRAFTS))
def test_outline_json_matches_its_golden_file(name):
    produced = json.dumps(outline_json(programme_for(name)), ensure_ascii=False, indent=2) + "\n"
    _compare_golden(GOLDEN / f"{name}.json", produced)


@pytest.mark.parametrize("name", sorted(DRAFTS))
def test_outline_text_matches_its_golden_file(name):
    _compare_golden(GOLDEN / f"{name}.txt", outline_text(programme_for(name)))


def _compare_golden(path: Path, produced: str) -> None:
    if os.environ.get("DRAFTER_REGENERATE"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(produced, encoding="utf-8")
    assert path.exists(), f"{path} is missing; run with DRAFTER_REGENERATE=1 to create it"
    assert produced == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(DRAFTS))
def test_outline_json_has_every_key_of_the_contract(name):
    data = outline_json(programme_for(name))
    json.dumps(data)  # serialisable as it is
    assert data["schema"] == "drafter.outline/1"
    assert data["file"] == f"{name}.docx"
    assert data["language"] in ("fi", "sv", "en")
    assert "title" in data
    for chapter in data["chapters"]:
        assert {"number", "title", "location"} <= set(chapter)
        assert chapter["number"] is None or isinstance(chapter["number"], str)
        _assert_location(chapter["location"])
    for objective in data["objectives"]:
        assert {"number", "title", "chapter", "location"} <= set(objective)
        assert objective["number"] is None or isinstance(objective["number"], int)
        _assert_location(objective["location"])
    for measure in data["measures"]:
        assert {"number", "label", "title", "text", "chapter", "objective", "fields", "location"} <= set(measure)
        assert measure["number"] is None or isinstance(measure["number"], int)
        assert isinstance(measure["label"], str) and isinstance(measure["text"], str)
        assert not measure["title"].endswith(".")
        fields = measure["fields"]
        assert isinstance(fields["responsible"], list) and all(isinstance(n, str) for n in fields["responsible"])
        assert fields["schedule"] is None or isinstance(fields["schedule"], str)
        assert fields["funding"] is None or isinstance(fields["funding"], str)
        _assert_location(measure["location"])


def _assert_location(location: dict) -> None:
    assert {"part", "paragraph", "start", "end"} <= set(location)
    assert isinstance(location["paragraph"], int) and isinstance(location["end"], int)
    assert set(location) <= {"part", "paragraph", "start", "end", "table", "row", "cell"}


def test_the_contract_example_measure_reads_as_the_contract_shows():
    data = outline_json(programme_for("fi_programme"))
    first = data["measures"][0]
    assert first["fields"]["responsible"] == ["SM", "Poliisihallitus", "työ- ja elinkeinoministeriö"]
    assert first["fields"]["schedule"] == "2021–2022"
    assert first["fields"]["funding"] == "Toteutetaan virkatyönä."
    assert first["text"] == "Toimintamallissa kuvataan viranomaisten työnjako.\n• poliisi\n• rajavartiolaitos"
    assert (first["chapter"], first["objective"]) == ("VI", 1)
    assert [m["number"] for m in data["measures"]] == [1, 2, 3, 4, None]
    assert data["title"] == "Ihmiskaupan vastainen toimintaohjelma 2021–2023"


def test_table_locations_carry_table_row_and_cell():
    data = outline_json(programme_for("fi_programme"))
    location = data["measures"][2]["location"]
    assert (location["table"], location["row"], location["cell"]) == (0, 1, 1)
    assert "table" not in data["measures"][0]["location"]


def test_location_end_defaults_to_the_paragraph_length():
    from drafter.blocks import Location

    assert location_dict(Location(paragraph=3), {("word/document.xml", 3): 12})["end"] == 12
    assert location_dict(Location(paragraph=3, start=2, end=5))["end"] == 5


def test_the_text_tree_shows_fields_one_per_line_and_a_summary():
    text = outline_text(programme_for("fi_programme"))
    assert "    Toimenpide 1: Laaditaan poliisille valtakunnallinen toimintamalli" in text
    assert "        Vastuutaho: SM, Poliisihallitus ja työ- ja elinkeinoministeriö\n" in text
    assert "        Aikataulu: 2021–2022\n" in text
    assert "schedule (in the title): 2022–2023" in text
    assert text.rstrip().splitlines()[-1] == "5 measures in 3 objectives, 3 chapters"
    assert all(len(line) <= 88 for line in text.splitlines())


def test_long_titles_are_wrapped_under_their_label():
    text = outline_text(programme_for("fi_programme"))
    lines = text.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("    Toimenpide 1:"))
    assert lines[i + 1].startswith(" " * len("    Toimenpide 1: ")) and lines[i + 1].strip()


def test_problems_are_listed_after_the_summary():
    text = outline_text(programme_for("no_measures"))
    assert "0 measures in 0 objectives, 0 chapters\n! No measures were recognised" in text


@pytest.mark.parametrize("measures, objectives, chapters, expected", [
    (45, 5, 7, "45 measures in 5 objectives, 7 chapters"),
    (1, 1, 1, "1 measure in 1 objective, 1 chapter"),
])
def test_summary_line_counts(measures, objectives, chapters, expected):
    from dataclasses import replace

    base = programme_for("no_measures")
    m = recognise(DocBuilder().p("Toimenpide 1: X").p("Vastuutaho: SM").build(), language="fi").measures[0]
    programme = replace(base, measures=(m,) * measures, objectives=(None,) * objectives,
                        chapters=(None,) * chapters)
    assert summary_line(programme) == expected
