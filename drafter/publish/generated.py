"""Plan the sections publish can generate: an annex table of measures, a funding summary,
a description page (kuvailulehti).

Each is asked for in ``[publish]`` of drafter.toml (``annex_table = true``,
``funding_summary = true``, ``description_page = {...}``) and is planned here as
plain blocks; :func:`drafter.ooxml.writer.append_body_blocks` writes them at the
end of the body in the document's own heading and table styles. A section carries
a bookmark, so publishing a published document does not add it again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from drafter.model import Programme


@dataclass(frozen=True)
class Block:
    """One generated block: a heading, a paragraph, a page break or a table."""

    kind: str                      # "heading" | "paragraph" | "page-break" | "table"
    text: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class Section:
    """A generated section: its bookmark key, a title for the change log, its blocks."""

    key: str
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


LABELS = {
    "fi": {
        "annex": "Liite. Toimenpiteet", "number": "Nro", "measure": "Toimenpide", "responsible": "Vastuutaho",
        "schedule": "Aikataulu", "funding": "Rahoitus", "funding_title": "Rahoitusyhteenveto",
        "separate": "Erillistä rahoitusta tarvitsevat toimenpiteet", "request": "Tarve", "total": "Yhteensä",
        "none": "Mikään toimenpide ei tarvitse erillistä rahoitusta.", "description": "Kuvailulehti",
    },
    "sv": {
        "annex": "Bilaga. Åtgärder", "number": "Nr", "measure": "Åtgärd", "responsible": "Ansvarig",
        "schedule": "Tidtabell", "funding": "Finansiering", "funding_title": "Sammanfattning av finansieringen",
        "separate": "Åtgärder som behöver separat finansiering", "request": "Behov", "total": "Totalt",
        "none": "Ingen åtgärd behöver separat finansiering.", "description": "Presentationsblad",
    },
    "en": {
        "annex": "Annex. Measures", "number": "No.", "measure": "Measure", "responsible": "Responsible",
        "schedule": "Schedule", "funding": "Funding", "funding_title": "Funding summary",
        "separate": "Measures that need separate funding", "request": "Request", "total": "Total",
        "none": "No measure needs separate funding.", "description": "Description sheet",
    },
}
# kuvailulehti fields: config key -> label per language
DESCRIPTION_FIELDS = (
    ("publisher", {"fi": "Julkaisija", "sv": "Utgivare", "en": "Publisher"}),
    ("date", {"fi": "Julkaisuaika", "sv": "Utgivningsdatum", "en": "Date"}),
    ("authors", {"fi": "Tekijät", "sv": "Författare", "en": "Authors"}),
    ("title", {"fi": "Julkaisun nimi", "sv": "Publikationens titel", "en": "Title"}),
    ("series", {"fi": "Julkaisusarjan nimi ja numero", "sv": "Publikationsseriens namn och nummer",
                "en": "Series and number"}),
    ("project_number", {"fi": "Diaari-/hankenumero", "sv": "Diarie-/projektnummer", "en": "Project number"}),
    ("isbn", {"fi": "ISBN PDF", "sv": "ISBN PDF", "en": "ISBN PDF"}),
    ("issn", {"fi": "ISSN PDF", "sv": "ISSN PDF", "en": "ISSN PDF"}),
    ("urn", {"fi": "URN-osoite", "sv": "URN-adress", "en": "URN"}),
    ("pages", {"fi": "Sivumäärä", "sv": "Sidantal", "en": "Pages"}),
    ("language", {"fi": "Kieli", "sv": "Språk", "en": "Language"}),
    ("keywords", {"fi": "Asiasanat", "sv": "Nyckelord", "en": "Keywords"}),
    ("abstract", {"fi": "Tiivistelmä", "sv": "Referat", "en": "Abstract"}),
)


def _labels(programme: Programme) -> dict[str, str]:
    return LABELS.get(programme.language, LABELS["fi"])


def annex_table(programme: Programme, new_numbers: Mapping[int, int] | None = None) -> Section | None:
    """A table of every measure: number, title, responsible, schedule, funding."""
    if not programme.measures:
        return None
    labels = _labels(programme)
    rows = []
    for measure in programme.measures:
        number = (new_numbers or {}).get(measure.location.paragraph, measure.number)
        rows.append((str(number) if number is not None else "", measure.title,
                     measure.field_value("responsible") or "", measure.field_value("schedule") or "",
                     measure.field_value("funding") or ""))
    header = (labels["number"], labels["measure"], labels["responsible"], labels["schedule"], labels["funding"])
    blocks = (Block("page-break"), Block("heading", labels["annex"]), Block("table", header=header, rows=tuple(rows)))
    return Section("_drafter_annex_table", labels["annex"], blocks)


def funding_section(programme: Programme, config, new_numbers: Mapping[int, int] | None = None) -> Section | None:
    """The measures that need separate funding and the totals, from drafter.funding."""
    from drafter.funding import funding_summary

    summary = funding_summary(programme, config)
    labels = _labels(programme)
    by_number = {m.number: m for m in programme.measures}
    blocks = [Block("page-break"), Block("heading", labels["funding_title"])]
    separate = summary.separate
    if not separate:
        blocks.append(Block("paragraph", labels["none"]))
    else:
        rows = []
        for item in separate:
            measure = by_number.get(item.measure)
            number = (new_numbers or {}).get(measure.location.paragraph, item.measure) if measure else item.measure
            rows.append((str(number) if number is not None else "", item.title, item.describe_request()))
        total = f"{summary.total_euros:,.0f} €".replace(",", "\u00a0")
        rows.append(("", labels["total"], total))
        blocks.append(Block("paragraph", labels["separate"]))
        blocks.append(Block("table", header=(labels["number"], labels["measure"], labels["request"]),
                            rows=tuple(rows)))
    return Section("_drafter_funding_summary", labels["funding_title"], tuple(blocks))


def description_page(programme: Programme, settings: Mapping[str, Any]) -> Section | None:
    """The description sheet (kuvailulehti) from ``[publish] description_page`` and the publish keys."""
    page = settings.get("description_page")
    if not page:
        return None
    values = dict(settings)
    if isinstance(page, Mapping):
        values.update(page)
    if "title" not in values and programme.title:
        values["title"] = programme.title
    rows = []
    for key, names in DESCRIPTION_FIELDS:
        value = values.get(key)
        if value in (None, "", [], ()):
            continue
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        rows.append((names.get(programme.language, names["fi"]), str(value)))
    if not rows:
        return None
    labels = _labels(programme)
    blocks = (Block("page-break"), Block("heading", labels["description"]),
              Block("table", rows=tuple(rows)))
    return Section("_drafter_description_page", labels["description"], blocks)


def plan_sections(programme: Programme, config, new_numbers: Mapping[int, int] | None = None) -> list[Section]:
    """The sections ``[publish]`` asks for, in the order description page, annex table, funding summary."""
    settings = getattr(config, "publish", {}) or {}
    sections = []
    if settings.get("description_page"):
        sections.append(description_page(programme, settings))
    if settings.get("annex_table"):
        sections.append(annex_table(programme, new_numbers))
    if settings.get("funding_summary"):
        sections.append(funding_section(programme, config, new_numbers))
    return [s for s in sections if s is not None]


__all__ = ["Block", "Section", "plan_sections", "annex_table", "funding_section", "description_page"]
