"""The committed sample drafts: reproducible, readable, and consistent with their truth files."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from lxml import etree

from drafter.findings import CATEGORIES

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "corpus" / "samples"
BUILD = REPO / "corpus" / "build.py"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

NAMES = [
    "toimintaohjelma-luonnos", "fi-puhdas", "fi-numeroidut-otsikot", "fi-taulukko",
    "fi-automaattinumerointi", "fi-toimenpide-etuliite", "fi-teemat", "sv-handlingsplan", "en-action-plan",
]
CLEAN = [n for n in NAMES if n != "toimintaohjelma-luonnos"]
MAIN = "toimintaohjelma-luonnos"


def truth(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.truth.json").read_text(encoding="utf-8"))


def faults(name: str) -> list[dict]:
    return yaml.safe_load((SAMPLES / f"{name}.faults.yaml").read_text(encoding="utf-8"))


def part(name: str, part_name: str) -> etree._Element | None:
    with zipfile.ZipFile(SAMPLES / f"{name}.docx") as archive:
        if part_name not in archive.namelist():
            return None
        return etree.fromstring(archive.read(part_name))


def paragraph_texts(name: str) -> list[str]:
    """Every body paragraph's accepted text as python-docx's element tree holds it.

    Walks all w:p under the body (table cells, content controls and text boxes
    included), so nothing python-docx's convenience lists skip is missed.
    """
    body = docx.Document(str(SAMPLES / f"{name}.docx")).element.body
    texts = []
    for p in body.iter(f"{{{W}}}p"):
        texts.append("".join(t.text or "" for t in p.iter(f"{{{W}}}t")
                             if not any(a.tag == f"{{{W}}}del" for a in t.iterancestors())))
    return texts


# --------------------------------------------------------------------------- reproducibility

def test_rebuilding_gives_byte_identical_samples(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(BUILD), "--out", str(tmp_path)], check=True, capture_output=True)
    built = sorted(p.name for p in tmp_path.iterdir())
    committed = sorted(p.name for p in SAMPLES.iterdir() if p.suffix in (".docx", ".json", ".yaml"))
    assert built == committed
    for name in built:
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), f"{name} differs from a rebuild"


def test_every_named_sample_has_docx_truth_and_faults() -> None:
    for name in NAMES:
        for suffix in (".docx", ".truth.json", ".faults.yaml"):
            assert (SAMPLES / f"{name}{suffix}").is_file(), f"{name}{suffix} is missing"


# --------------------------------------------------------------------------- packages

@pytest.mark.parametrize("name", NAMES)
def test_sample_opens_in_python_docx_with_metadata_and_styles(name: str) -> None:
    document = docx.Document(str(SAMPLES / f"{name}.docx"))
    props = document.core_properties
    assert props.author and props.last_modified_by and props.revision > 1
    assert props.title == truth(name)["title"]
    style_names = {s.name for s in document.styles}
    assert {"Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Paragraph", "Table Grid"} <= style_names
    app = part(name, "docProps/app.xml")
    template = app.find("{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}Template")
    assert template is not None and template.text


@pytest.mark.parametrize("name", NAMES)
def test_headings_carry_outline_levels_in_styles(name: str) -> None:
    styles = part(name, "word/styles.xml")
    for level in (1, 2, 3):
        style = styles.find(f"w:style[@w:styleId='Heading{level}']", NS)
        assert style.find("w:name", NS).get(f"{{{W}}}val") == f"heading {level}"
        assert style.find("w:pPr/w:outlineLvl", NS).get(f"{{{W}}}val") == str(level - 1)


# --------------------------------------------------------------------------- truth files

@pytest.mark.parametrize("name", NAMES)
def test_truth_file_follows_the_outline_contract(name: str) -> None:
    t = truth(name)
    assert t["schema"] == "drafter.outline/1"
    assert t["file"] == f"{name}.docx"
    assert t["language"] in ("fi", "sv", "en")
    chapter_numbers = [c["number"] for c in t["chapters"]]
    objective_keys = {(o["chapter"], o["number"], o["title"]) for o in t["objectives"]}
    assert t["measures"], "a sample without measures"
    for m in t["measures"]:
        assert set(m) >= {"number", "label", "title", "text", "chapter", "objective", "fields"}
        assert m["chapter"] in chapter_numbers
        assert any(c == m["chapter"] and n == m["objective"] for c, n, _ in objective_keys)
        assert set(m["fields"]) >= {"responsible", "schedule", "funding"}
        assert isinstance(m["fields"]["responsible"], list)
        assert not m["title"].endswith(".") and m["title"] == m["title"].strip()
        if m["number"] is None:
            assert m["label"] == ""
        else:
            assert str(m["number"]) in m["label"]


@pytest.mark.parametrize("name", NAMES)
def test_every_truth_title_and_body_paragraph_occurs_in_the_document(name: str) -> None:
    texts = paragraph_texts(name)
    joined = "\n".join(texts)
    t = truth(name)
    assert t["title"] in texts
    for chapter in t["chapters"]:
        assert any(chapter["title"] in p for p in texts), chapter
    for m in t["measures"]:
        assert any(m["title"] in p for p in texts), m["title"]
        for line in filter(None, m["text"].split("\n")):
            if m["auto_numbered"]:
                line = re.sub(r"^[a-z]\) ", "", line)  # a rendered sub-point label is not in w:t
            assert line in joined, line
        for value in (m["fields"]["schedule"], m["fields"]["funding"], *m["fields"]["responsible"]):
            if value:
                assert value in joined, value


@pytest.mark.parametrize("name", NAMES)
def test_typed_labels_stand_before_their_titles(name: str) -> None:
    texts = paragraph_texts(name)
    for m in truth(name)["measures"]:
        if m["layout"] in ("typed", "heading", "prefix"):
            assert any(p.startswith(f"{m['label']} {m['title']}") for p in texts), m["label"]


def test_table_sample_has_one_row_per_measure_and_header_rows() -> None:
    document = docx.Document(str(SAMPLES / "fi-taulukko.docx"))
    assert len(document.tables) == 3
    rows = [row for table in document.tables for row in table.rows[1:]]
    assert [row.cells[0].text for row in rows] == [m["label"] for m in truth("fi-taulukko")["measures"]]
    for table in document.tables:
        assert [c.text for c in table.rows[0].cells] == ["Nro", "Toimenpide", "Vastuutaho", "Aikataulu", "Rahoitus"]
        assert table._tbl.find("w:tr/w:trPr/w:tblHeader", NS) is not None
    nested = document.tables[0].rows[2].cells[1].tables
    assert len(nested) == 1 and nested[0].rows[0].cells[0].text == "Vaihe"


def _rendered_numbers(name: str, num_id: str, level: str = "0") -> list[tuple[int, str]]:
    """Render a list's numbers the way Word does: start/startOverride, then +1 per item."""
    numbering = part(name, "word/numbering.xml")
    num = numbering.find(f"w:num[@w:numId='{num_id}']", NS)
    abstract_id = num.find("w:abstractNumId", NS).get(f"{{{W}}}val")
    override = num.find(f"w:lvlOverride[@w:ilvl='{level}']/w:startOverride", NS)
    abstract = numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']", NS)
    start = abstract.find(f"w:lvl[@w:ilvl='{level}']/w:start", NS).get(f"{{{W}}}val")
    counter = int(override.get(f"{{{W}}}val") if override is not None else start) - 1
    out = []
    for p in part(name, "word/document.xml").iter(f"{{{W}}}p"):
        numpr = p.find("w:pPr/w:numPr", NS)
        if numpr is not None and numpr.find("w:numId", NS).get(f"{{{W}}}val") == num_id \
                and numpr.find("w:ilvl", NS).get(f"{{{W}}}val") == level:
            counter += 1
            out.append((counter, "".join(t.text for t in p.iter(f"{{{W}}}t"))))
    return out


def test_auto_numbered_measures_render_the_numbers_the_truth_gives() -> None:
    for name, num_id in ((MAIN, "1"), ("fi-automaattinumerointi", "3")):
        auto = [(m["number"], m["title"]) for m in truth(name)["measures"] if m["auto_numbered"]]
        assert auto and _rendered_numbers(name, num_id) == auto


def test_auto_numbered_sub_points_appear_in_truth_text_with_their_rendered_labels() -> None:
    first = truth("fi-automaattinumerointi")["measures"][0]
    rendered = _rendered_numbers("fi-automaattinumerointi", "3", level="1")[:3]
    lines = first["text"].split("\n")
    assert lines == [f"{chr(ord('a') + n - 1)}) {text}" for n, text in rendered]


def test_auto_numbered_sample_uses_one_multilevel_list_with_letter_sub_points() -> None:
    document = part("fi-automaattinumerointi", "word/document.xml")
    num_ids = {e.get(f"{{{W}}}val") for e in document.iterfind(".//w:numPr/w:numId", NS)}
    assert num_ids == {"3"}
    numbering = part("fi-automaattinumerointi", "word/numbering.xml")
    assert numbering.find(".//w:lvl[@w:ilvl='1']/w:numFmt", NS).get(f"{{{W}}}val") == "lowerLetter"
    assert numbering.find(".//w:lvlOverride", NS) is None  # no accidental restart
    assert [m["number"] for m in truth("fi-automaattinumerointi")["measures"]] == list(range(1, 11))


def test_layout_samples_hold_a_content_control_text_box_footnote_and_nested_table() -> None:
    assert part("fi-toimenpide-etuliite", "word/document.xml").find(".//w:sdt/w:sdtContent/w:p", NS) is not None
    assert part("fi-numeroidut-otsikot", "word/document.xml").find(".//w:txbxContent/w:p", NS) is not None
    for name in ("en-action-plan", "sv-handlingsplan"):
        assert part(name, "word/document.xml").find(".//w:footnoteReference", NS) is not None
        notes = part(name, "word/footnotes.xml").findall("w:footnote", NS)
        assert len([n for n in notes if n.get(f"{{{W}}}type") is None]) == 1
    assert part("fi-taulukko", "word/document.xml").find(".//w:tc//w:tbl", NS) is not None


# --------------------------------------------------------------------------- the main draft's mess

def test_main_draft_has_about_45_measures_with_a_gap_and_a_duplicate_number() -> None:
    numbers = [m["number"] for m in truth(MAIN)["measures"]]
    assert 42 <= len(numbers) <= 48
    assert 38 not in numbers and numbers.count(41) == 2
    assert [o["number"] for o in truth(MAIN)["objectives"]] == [1, 2, 3, 4, 5]
    assert [c["number"] for c in truth(MAIN)["chapters"]] == ["I", "II", "III", "IV", "V", "VI", "VII"]


def test_main_draft_keeps_draft_residue_in_the_package() -> None:
    document = part(MAIN, "word/document.xml")
    for tag in ("ins", "del"):
        revision = document.find(f".//w:{tag}", NS)
        assert revision is not None and revision.get(f"{{{W}}}author") and revision.get(f"{{{W}}}date")
    assert document.find(".//w:highlight", NS) is not None
    assert len(part(MAIN, "word/comments.xml").findall("w:comment", NS)) == 2
    assert part(MAIN, "word/settings.xml").find("w:trackRevisions", NS) is not None
    header = part(MAIN, "word/header1.xml")
    assert "".join(t.text for t in header.iter(f"{{{W}}}t")) == "LUONNOS"
    override = part(MAIN, "word/numbering.xml").find(".//w:startOverride", NS)
    assert override.get(f"{{{W}}}val") == "19"


def test_accepted_view_in_truth_keeps_insertions_and_drops_deletions() -> None:
    by_number = {m["number"]: m for m in truth(MAIN)["measures"]}
    assert "Koulutuksen toteutumisesta raportoidaan ohjausryhmälle." in by_number[9]["text"]
    assert "syyttäjien päätökset" not in by_number[21]["text"]


def test_outlier_measures_are_long_first_person_and_have_no_fields() -> None:
    by_number = {m["number"]: m for m in truth(MAIN)["measures"]}
    for n in (23, 24, 25):
        m = by_number[n]
        assert 80 <= len(m["text"].split()) <= 120
        assert re.match(r"(Ehdotamme|Katsomme)", m["title"])
        assert m["fields"] == {"responsible": [], "schedule": None, "funding": None}


def test_every_listed_fault_occurs_in_the_main_draft() -> None:
    body = "\n".join(paragraph_texts(MAIN))
    deleted = "".join(t.text for t in part(MAIN, "word/document.xml").iter(f"{{{W}}}delText"))
    comments = "".join(t.text for t in part(MAIN, "word/comments.xml").iter(f"{{{W}}}t"))
    header = "".join(t.text for t in part(MAIN, "word/header1.xml").iter(f"{{{W}}}t"))
    numbers = {m["number"] for m in truth(MAIN)["measures"]}
    listed = faults(MAIN)
    assert len(listed) >= 40
    for f in listed:
        assert f["category"] in CATEGORIES, f
        assert f["measure"] is None or f["measure"] in numbers, f
        haystack = {"comment": comments, "header": header, "settings": "trackRevisions"}.get(f["where"], body + deleted)
        assert f["text"] in haystack, f


def test_main_draft_money_requests_include_one_with_and_two_without_the_budget_note() -> None:
    with_note = without = 0
    for m in truth(MAIN)["measures"]:
        funding = m["fields"]["funding"] or ""
        if "lisärahoitusta" in funding:
            if "Määrärahalisäyksistä päätetään normaalisti" in funding:
                with_note += 1
            else:
                without += 1
    assert with_note >= 1 and without == 2


# --------------------------------------------------------------------------- the clean samples

@pytest.mark.parametrize("name", CLEAN)
def test_clean_sample_has_no_faults_no_residue_and_complete_measures(name: str) -> None:
    assert faults(name) == []
    document = part(name, "word/document.xml")
    assert part(name, "word/comments.xml") is None
    for tag in ("ins", "del", "highlight", "commentReference"):
        assert document.find(f".//w:{tag}", NS) is None, tag
    assert part(name, "word/settings.xml").find("w:trackRevisions", NS) is None
    text = "\n".join(paragraph_texts(name))
    assert not re.search(r"\bXX\b|\[lähde\]|TODO|LUONNOS", text)
    measures = truth(name)["measures"]
    for m in measures:
        assert m["fields"]["responsible"] and m["fields"]["schedule"] and m["fields"]["funding"], m["title"]
    numbers = [m["number"] for m in measures]
    assert numbers == list(range(1, len(numbers) + 1)) or set(numbers) == {None}


HOUSE_STYLE_SLIPS = {
    "hyphen in a range": r"\b\d{4}-\d{4}\b",
    "spaced dash in a range": r"\d\s+[–-]\s+\d",
    "clock time with a colon": r"klo\s+\d{1,2}:\d{2}",
    "percent sign without a space": r"\d%",
    "ungrouped large number": r"(?<![\d\u00a0 ])\d{5,}\b",
    "number grouped with an ordinary space": r"\d \d{3}\b(?! €)",
    "kts.": r"\bkts\.",
    "double space": r"  ",
    "curly opening quote": r"[“„]",
    "date with leading zeros": r"\b0\d\.\d{1,2}\.\d{4}|\b\d{1,2}\.0\d\.\d{4}",
    "section sign without a space": r"\d§",
}


@pytest.mark.parametrize("name", [n for n in CLEAN if n.startswith("fi-")])
def test_clean_finnish_sample_follows_house_style(name: str) -> None:
    text = "\n".join(paragraph_texts(name))
    for slip, pattern in HOUSE_STYLE_SLIPS.items():
        assert not re.search(pattern, text), f"{slip}: {re.search(pattern, text).group(0)!r}"
    assert not re.search(r"(?<![.:]\s)(?<!^)\b(Sisä|Oikeus|Valtiovarain|Ulko)ministeriö", text, re.M)
    for m in truth(name)["measures"]:
        if "lisärahoitusta" in m["fields"]["funding"]:
            assert "Määrärahalisäyksistä päätetään normaalisti" in m["fields"]["funding"]


def test_clean_draft_defines_every_abbreviation_before_use() -> None:
    paragraphs = paragraph_texts("fi-puhdas")
    defined: set[str] = set()
    for text in paragraphs:
        defined |= set(re.findall(r"\(([A-ZÅÄÖ]{2,})\)", text))
        for abbreviation in re.findall(r"\b[A-ZÅÄÖ]{2,}\b", text):
            if re.fullmatch(r"[IVXLC]+", abbreviation):
                continue  # a chapter's Roman numeral
            assert abbreviation in defined, f"{abbreviation} used before its definition in {text!r}"


def test_clean_finnish_draft_is_spelled_correctly() -> None:
    libvoikko = pytest.importorskip("libvoikko")
    try:
        voikko = libvoikko.Voikko("fi")
    except OSError as error:  # the Finnish dictionary is not installed
        pytest.skip(f"voikko-fi unavailable: {error}")
    text = "\n".join(paragraph_texts("fi-puhdas"))
    words = set(re.findall(r"[A-Za-zÅÄÖåäö][\wÅÄÖåäö-]*", text)) - {"STM", "THL"}
    # "ks." is spelled with its period: check abbreviations with it.
    assert sorted(w for w in words if not (voikko.spell(w) or voikko.spell(w + "."))) == []


# --------------------------------------------------------------------------- LibreOffice

@pytest.mark.slow
def test_libreoffice_converts_every_sample_to_pdf(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    files = [str(SAMPLES / f"{name}.docx") for name in NAMES]
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), *files],
                   check=True, capture_output=True, timeout=600)
    for name in NAMES:
        pdf = tmp_path / f"{name}.pdf"
        assert pdf.is_file() and pdf.stat().st_size > 10_000, name
