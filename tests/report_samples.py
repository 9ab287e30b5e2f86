"""Hand-made check results for the report tests (no engine or reader needed).

A small Finnish programme with three measures and findings of every severity,
inside measures, at document level and in a footnote, with a fix of each
applicability, and draft text that needs HTML escaping.
"""

from __future__ import annotations

from drafter.blocks import Document, Location, Paragraph, Properties
from drafter.findings import Finding, FindingLocation, Fix
from drafter.model import FieldLine, Measure, Programme
from drafter.report.results import FileResult

FUNDING_LINES = {
    21: "Toteutetaan virkatyönä.",
    22: "Haetaan lisärahoitusta 250 000 euroa vuosille 2022–2023.",
    23: "Toimenpiteen toteuttaminen edellyttää 1,2 miljoonan euron lisämäärärahaa. Mahdollisista "
        "määrärahalisäyksistä päätetään normaalisti julkisen talouden suunnitelmaa ja valtion "
        "talousarviota ja lisätalousarvioita koskevissa päätöksissä.",
}
MEASURE_TITLES = {
    21: "Laaditaan poliisille valtakunnallinen toimintamalli ihmiskaupan tunnistamiseksi",
    22: "Vahvistetaan uhrien oikeudellista neuvontaa",
    23: "Ehdotamme, että työ- ja elinkeinoministeriö selvittää <script>-tunnisteiden käytön",
}


def sample_programme(file: str = "toimintaohjelma-luonnos.docx") -> Programme:
    measures = []
    for i, (number, title) in enumerate(MEASURE_TITLES.items()):
        para = 40 + i * 5
        measures.append(Measure(
            number=number, label=f"{number}.", title=title, text="",
            location=Location(paragraph=para), chapter="VI", objective=4,
            fields=(
                FieldLine("responsible", "Vastuutaho", "SM, Poliisihallitus", Location(paragraph=para + 2)),
                FieldLine("schedule", "Aikataulu", "2021–2022", Location(paragraph=para + 3)),
                FieldLine("funding", "Rahoitus", FUNDING_LINES[number], Location(paragraph=para + 4)),
            ),
            paragraphs=tuple(range(para, para + 5)),
        ))
    document = Document(
        path=file,
        body=(Paragraph(Location(paragraph=0), "Ihmiskaupan vastainen toimintaohjelma 2021–2023"),),
        properties=Properties(modified="2021-01-28T10:15:00Z"),
    )
    return Programme(
        file=file, language="fi", title="Ihmiskaupan vastainen toimintaohjelma 2021–2023",
        chapters=(), objectives=(), measures=tuple(measures), document=document,
    )


def sample_findings() -> list[Finding]:
    return [
        Finding(
            "STY001", "clock-time-colon", "style", "warning",
            "Clock times take a period: write '14.00', not '14:00'.",
            FindingLocation(chapter="VI", objective=4, measure=22, paragraph=46, start=38, end=43,
                            text="14:00", context="Neuvontaa tarjotaan arkipäivisin kello 14:00 alkaen kaikilla alueilla."),
            Fix("Use a period in clock times", "safe", "14.00"),
        ),
        Finding(
            "NUM001", "measure-number-gap", "numbering", "error",
            "Measure 20 is missing: numbering jumps from 19 to 21.",
            FindingLocation(chapter="VI", objective=4, measure=21, paragraph=40, start=0, end=3,
                            text="21.", context="21. Laaditaan poliisille valtakunnallinen toimintamalli"),
            Fix("Renumber measures", "safe", "20."),
        ),
        Finding(
            "AUT002", "authority-name-variant", "authority", "warning",
            "'TEM' is written 'työ- ja elinkeinoministeriö' elsewhere in this draft.",
            FindingLocation(chapter="VI", objective=4, measure=23, paragraph=52, start=11, end=14,
                            text="TEM", context="Vastuutaho: TEM & <b>Poliisihallitus</b>"),
            Fix("Use the full name", "unsafe", "työ- ja elinkeinoministeriö"),
        ),
        Finding(
            "OUT001", "measure-outlier-voice", "outlier", "info",
            "This measure opens in the active voice; 40 of 45 measures open with a passive verb.",
            FindingLocation(chapter="VI", objective=4, measure=23, paragraph=50, start=0, end=9,
                            text="Ehdotamme", context="Ehdotamme, että työ- ja elinkeinoministeriö selvittää <script>-tunnisteiden käytön"),
            Fix("Rephrase in the passive", "display-only"),
            details=(("voice", "active"), ("typical", "passive (40 of 45)")),
        ),
        Finding(
            "LEF001", "leftover-comment", "leftover", "error",
            "A reviewer's comment is still in the draft: \"Tarkista luvut\".",
            FindingLocation(paragraph=12, start=0, end=8, text="Rahoitus",
                            context="Rahoitus katetaan kehysten puitteissa."),
        ),
        Finding(
            "STY010", "double-space", "style", "info",
            "Two spaces in a row.",
            FindingLocation(paragraph=3, start=6, end=8, text="  ", context="Laki 1  §", part="word/footnotes.xml"),
            Fix("Remove the extra space", "safe", " "),
        ),
        Finding(
            "ACC001", "document-title-missing", "accessibility", "warning",
            "The document has no title in its properties.",
        ),
    ]


def sample_result(file: str = "toimintaohjelma-luonnos.docx", funding=None) -> FileResult:
    return FileResult(file=file, programme=sample_programme(file), findings=tuple(sample_findings()),
                      notices=("spaCy model for Finnish is not installed: LAN rules skipped.",),
                      suppressed=2, funding=funding)


def unreadable_result(file: str = "broken.docx") -> FileResult:
    return FileResult(file=file, error="not a Word document (the file is not a ZIP package)")


def clean_result(file: str = "valmis.docx") -> FileResult:
    return FileResult(file=file, programme=sample_programme(file))
