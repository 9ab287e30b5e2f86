"""drafter assemble: manifest validation, list continuation, renumbering, ids, notes, images, links."""

from __future__ import annotations

import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from drafter.assemble import assemble
from drafter.assemble.manifest import load_manifest
from drafter.errors import ConfigError
from drafter.ooxml.reader import read_document

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "corpus"))
from docxwriter import styles_part  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
       b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")

NUMBERING = f"""<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="0"><w:nsid w:val="1A2B3C4D"/><w:multiLevelType w:val="hybridMultilevel"/>
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"""


def p(text: str, style: str | None = None, num: int | None = None, bold: bool = False, extra: str = "") -> str:
    ppr = ""
    if style or num:
        ppr = "<w:pPr>" + (f'<w:pStyle w:val="{style}"/>' if style else "") + \
              (f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>' if num else "") + "</w:pPr>"
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>{extra}</w:p>'


def measure(number: int, title: str, body: str) -> str:
    return (p(f"{number}. {title}", bold=True) + p(body) + p("Vastuutaho: SM") + p("Aikataulu: 2022")
            + p("Rahoitus: Toteutetaan virkatyönä."))


def write_docx(path: Path, body: str, *, numbering: str | None = None, footnotes: str | None = None,
               rels: tuple = (), media: dict | None = None, styles: bytes | None = None) -> Path:
    """A minimal but complete package: Word's style ids (from the corpus writer), optional parts."""
    doc_rels = [("rIdS", REL + "styles", "styles.xml", None)]
    overrides = [("word/document.xml", "document.main+xml"), ("word/styles.xml", "styles+xml")]
    parts = {"word/styles.xml": styles or styles_part("fi")}
    if numbering:
        parts["word/numbering.xml"] = numbering.encode()
        overrides.append(("word/numbering.xml", "numbering+xml"))
        doc_rels.append(("rIdN", REL + "numbering", "numbering.xml", None))
    if footnotes:
        parts["word/footnotes.xml"] = footnotes.encode()
        overrides.append(("word/footnotes.xml", "footnotes+xml"))
        doc_rels.append(("rIdF", REL + "footnotes", "footnotes.xml", None))
    for name, data in (media or {}).items():
        parts[name] = data
    doc_rels += list(rels)
    document = (f'<w:document xmlns:w="{W}" xmlns:r="{R}" xmlns:wp="{WP}" '
                f'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                f'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{body}'
                '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    parts["word/document.xml"] = document.encode()
    types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Default Extension="png" ContentType="image/png"/>'
             + "".join(f'<Override PartName="/{n}" ContentType="application/vnd.openxmlformats-officedocument.'
                       f'wordprocessingml.{t}"/>' for n, t in overrides) + "</Types>")
    rel_xml = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               + "".join(f'<Relationship Id="{i}" Type="{t}" Target="{g}"'
                         + (' TargetMode="External"' if mode else "") + "/>" for i, t, g, mode in doc_rels)
               + "</Relationships>")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", types)
        archive.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                         'relationships"><Relationship Id="rId1" Type="' + REL + 'officeDocument" '
                         'Target="word/document.xml"/></Relationships>')
        archive.writestr("word/_rels/document.xml.rels", rel_xml)
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def manifest(folder: Path, text: str) -> Path:
    path = folder / "programme.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def two_lists(tmp_path: Path) -> Path:
    write_docx(tmp_path / "master.docx", p("Ohjelma", "Title"))
    for name, words in (("a.docx", ("yksi", "kaksi", "kolme")), ("b.docx", ("neljä", "viisi", "kuusi"))):
        write_docx(tmp_path / name, "".join(p(word, "ListParagraph", num=1) for word in words), numbering=NUMBERING)
    return tmp_path


def labels(path: Path) -> list[str]:
    return [q.numbering.label for q in read_document(str(path)).paragraphs() if q.numbering]


# -- manifest ------------------------------------------------------------------------


def test_an_unknown_manifest_key_names_the_file_and_the_key(tmp_path: Path) -> None:
    write_docx(tmp_path / "m.docx", p("x"))
    path = manifest(tmp_path, 'master = "m.docx"\n[[parts]]\nfile = "m.docx"\nselct = { chapter = "I" }\n')
    with pytest.raises(ConfigError, match=r"programme\.toml: parts\[1\]\.selct: unknown key"):
        load_manifest(path)


def test_a_wrong_option_value_and_a_missing_part_are_config_errors(tmp_path: Path) -> None:
    write_docx(tmp_path / "m.docx", p("x"))
    bad = manifest(tmp_path, 'master = "m.docx"\n[options]\nnumbering = "sometimes"\n[[parts]]\nfile = "m.docx"\n')
    with pytest.raises(ConfigError, match="options.numbering: must be one of continue, restart"):
        load_manifest(bad)
    missing = manifest(tmp_path, 'master = "m.docx"\n[[parts]]\nfile = "nope.docx"\n')
    with pytest.raises(ConfigError, match=r"parts\[1\]\.file: no such file"):
        load_manifest(missing)


def test_measure_ranges_in_the_manifest_expand_to_numbers(tmp_path: Path) -> None:
    write_docx(tmp_path / "m.docx", p("x"))
    path = manifest(tmp_path, 'master = "m.docx"\n[[parts]]\nfile = "m.docx"\nselect = { measures = [3, "10-12"] }\n')
    assert load_manifest(path).parts[0].selection.measures == (3, 10, 11, 12)


# -- numbering -----------------------------------------------------------------------


def test_a_continued_list_counts_on_from_the_previous_part(two_lists: Path) -> None:
    path = manifest(two_lists, 'master = "master.docx"\n[[parts]]\nfile = "a.docx"\n[[parts]]\nfile = "b.docx"\n'
                               'numbering = "continue"\n')
    assemble(path, two_lists / "out.docx")
    assert labels(two_lists / "out.docx") == ["1.", "2.", "3.", "4.", "5.", "6."]


def test_a_restarted_list_starts_again_at_one(two_lists: Path) -> None:
    path = manifest(two_lists, 'master = "master.docx"\n[[parts]]\nfile = "a.docx"\n[[parts]]\nfile = "b.docx"\n'
                               'numbering = "restart"\n')
    result = assemble(path, two_lists / "out.docx")
    assert labels(two_lists / "out.docx") == ["1.", "2.", "3.", "1.", "2.", "3."]
    assert [entry["action"] for entry in result.report["lists"]] == ["copied", "restarted"]


def test_merged_lists_get_new_ids_and_unique_nsids(two_lists: Path) -> None:
    path = manifest(two_lists, 'master = "master.docx"\n[options]\nnumbering = "restart"\n'
                               '[[parts]]\nfile = "a.docx"\n[[parts]]\nfile = "b.docx"\n')
    assemble(path, two_lists / "out.docx")
    with zipfile.ZipFile(two_lists / "out.docx") as archive:
        root = etree.fromstring(archive.read("word/numbering.xml"))
    num_ids = [n.get(f"{{{W}}}numId") for n in root.iter(f"{{{W}}}num")]
    nsids = [n.get(f"{{{W}}}val") for n in root.iter(f"{{{W}}}nsid")]
    assert len(num_ids) == len(set(num_ids)) == 2
    assert len(nsids) == len(set(nsids))


# -- renumbering and references --------------------------------------------------------------


@pytest.fixture()
def local_numbers(tmp_path: Path) -> Path:
    write_docx(tmp_path / "master.docx", p("Ohjelma", "Title") + p("VI Tavoitteet ja toimenpiteet", "Heading1"))
    write_docx(tmp_path / "a.docx", p("Tavoite 1: Uhrit tunnistetaan", "Heading2")
               + measure(1, "Laaditaan koulutusohjelma", "Koulutus alkaa vuonna 2022.")
               + measure(2, "Laaditaan ohje", "Ohje täydentää koulutusta (ks. toimenpide 1)."))
    write_docx(tmp_path / "b.docx", p("Tavoite 2: Oikeudet toteutuvat", "Heading2")
               + measure(1, "Perustetaan neuvontapuhelin", "Puhelin palvelee ympäri vuorokauden.")
               + measure(2, "Turvataan neuvonta", "Neuvonta järjestetään puhelimen yhteyteen (ks. toimenpide 1)."))
    manifest(tmp_path, 'master = "master.docx"\n'
                       '[[parts]]\nfile = "a.docx"\nfrom = "SM"\nselect = { objective = 1 }\ntarget = { chapter = "VI" }\n'
                       '[[parts]]\nfile = "b.docx"\nfrom = "STM"\nselect = { objective = 2 }\ntarget = { chapter = "VI" }\n')
    return tmp_path


def test_measures_of_locally_numbered_parts_run_on_and_references_follow(local_numbers: Path) -> None:
    from drafter.api import read_programme

    result = assemble(local_numbers / "programme.toml", local_numbers / "out.docx")
    programme = read_programme(local_numbers / "out.docx")
    assert [m.number for m in programme.measures] == [1, 2, 3, 4]
    assert [(m.objective, m.title) for m in programme.measures][2] == (2, "Perustetaan neuvontapuhelin")
    assert "(ks. toimenpide 1)" in programme.measures[1].text    # part a: its own measure 1
    assert "(ks. toimenpide 3)" in programme.measures[3].text    # part b: its measure 1 is now 3
    moves = {(m["part"], m["old_number"]): m["number"] for m in result.report["measures"]}
    assert moves == {("a.docx", 1): 1, ("a.docx", 2): 2, ("b.docx", 1): 3, ("b.docx", 2): 4}
    assert [r["status"] for r in result.report["references"]] == ["unchanged", "updated"]


def test_a_measure_range_selection_takes_only_those_measures(local_numbers: Path) -> None:
    from drafter.api import read_programme

    manifest(local_numbers, 'master = "master.docx"\n[[parts]]\nfile = "a.docx"\ntarget = { chapter = "VI" }\n'
                            '[[parts]]\nfile = "b.docx"\nselect = { measures = "2" }\ntarget = { objective = 1 }\n')
    assemble(local_numbers / "programme.toml", local_numbers / "out.docx")
    programme = read_programme(local_numbers / "out.docx")
    assert [m.title for m in programme.measures] == ["Laaditaan koulutusohjelma", "Laaditaan ohje", "Turvataan neuvonta"]
    assert [m.number for m in programme.measures] == [1, 2, 3]


def test_a_missing_selection_is_a_one_line_error(local_numbers: Path) -> None:
    from drafter.ooxml.assemble.merge import AssemblyError

    manifest(local_numbers, 'master = "master.docx"\n[[parts]]\nfile = "a.docx"\nselect = { objective = 7 }\n')
    with pytest.raises(AssemblyError, match="a.docx: no objective 7"):
        assemble(local_numbers / "programme.toml", local_numbers / "out.docx")


# -- styles ------------------------------------------------------------------------------


def test_styles_map_by_name_and_unknown_styles_are_copied_or_made_normal(tmp_path: Path) -> None:
    styles = styles_part("fi").replace(b'w:styleId="Heading2"', b'w:styleId="Otsikko2"')
    extra = (f'<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="Lainaus"><w:name w:val="Ministry Quote"/>'
             '<w:basedOn w:val="Normal"/></w:style>').encode()
    styles = styles.replace(b"</w:styles>", extra + b"</w:styles>")
    write_docx(tmp_path / "master.docx", p("Ohjelma", "Title"))
    write_docx(tmp_path / "part.docx", p("Tavoite 1: X", "Otsikko2") + p("Sitaatti", "Lainaus"), styles=styles)
    manifest(tmp_path, 'master = "master.docx"\n[[parts]]\nfile = "part.docx"\n')
    report = assemble(tmp_path / "programme.toml", tmp_path / "out.docx").report
    methods = {s["source_id"]: (s["target_id"], s["method"]) for s in report["styles"]}
    assert methods["Otsikko2"] == ("Heading2", "name")
    assert methods["Lainaus"] == ("Lainaus", "copied")
    styles_of = [q.style_id for q in read_document(str(tmp_path / "out.docx")).paragraphs()]
    assert styles_of == ["Title", "Heading2", "Lainaus"]

    manifest(tmp_path, 'master = "master.docx"\n[options]\nunknown_styles = "normal"\n[[parts]]\nfile = "part.docx"\n')
    report = assemble(tmp_path / "programme.toml", tmp_path / "out2.docx").report
    assert {s["source_id"]: s["method"] for s in report["styles"]}["Lainaus"] == "normal"
    assert any(d["what"] == "style Lainaus" for d in report["dropped"])


# -- notes, images, links, bookmarks and ids ------------------------------------------------


def rich_part(path: Path, text: str) -> Path:
    footnotes = (f'<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
                 '</w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
                 f'<w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>'
                 f'Alaviite {text}</w:t></w:r></w:p></w:footnote></w:footnotes>')
    drawing = ('<w:r><w:drawing><wp:inline><wp:extent cx="9525" cy="9525"/><wp:docPr id="1" name="Kuva 1" '
               'descr="kaavio"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/'
               'picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="k.png"/><pic:cNvPicPr/></pic:nvPicPr>'
               '<pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData>'
               '</a:graphic></wp:inline></w:drawing></w:r>')
    body = (f'<w:p><w:bookmarkStart w:id="0" w:name="tausta"/><w:r><w:t>{text}</w:t></w:r>'
            '<w:r><w:footnoteReference w:id="1"/></w:r><w:bookmarkEnd w:id="0"/></w:p>'
            f'<w:p><w:hyperlink r:id="rIdLink"><w:r><w:t>linkki {text}</w:t></w:r></w:hyperlink></w:p>'
            f'<w:p><w:hyperlink w:anchor="tausta"><w:r><w:t>ks. tausta</w:t></w:r></w:hyperlink></w:p>'
            f'<w:p><w:ins w:id="1" w:author="A" w:date="2020-01-01T00:00:00Z"><w:r><w:t>lisätty</w:t></w:r></w:ins></w:p>'
            f'<w:p>{drawing}</w:p>')
    return write_docx(path, body, footnotes=footnotes,
                      rels=(("rIdImg", REL + "image", "media/image1.png", None),
                            ("rIdLink", REL + "hyperlink", f"https://example.org/{text}", "External")),
                      media={"word/media/image1.png": PNG})


@pytest.fixture()
def rich(tmp_path: Path) -> Path:
    rich_part(tmp_path / "master.docx", "master")
    rich_part(tmp_path / "a.docx", "a")
    rich_part(tmp_path / "b.docx", "b")
    manifest(tmp_path, 'master = "master.docx"\n[[parts]]\nfile = "a.docx"\n[[parts]]\nfile = "b.docx"\n')
    assemble(tmp_path / "programme.toml", tmp_path / "out.docx")
    return tmp_path / "out.docx"


def _xml(path: Path, name: str):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


def assert_ids_unique(path: Path) -> None:
    """Bookmarks, footnotes, comments, revisions, docPr and relationship ids are unique."""
    document = _xml(path, "word/document.xml")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
    checks = {
        "bookmark ids": [e.get(f"{{{W}}}id") for e in document.iter(f"{{{W}}}bookmarkStart")],
        "bookmark names": [e.get(f"{{{W}}}name") for e in document.iter(f"{{{W}}}bookmarkStart")],
        "footnote references": [e.get(f"{{{W}}}id") for e in document.iter(f"{{{W}}}footnoteReference")],
        "comment references": [e.get(f"{{{W}}}id") for e in document.iter(f"{{{W}}}commentReference")],
        "revisions": [e.get(f"{{{W}}}id") for e in document.iter(f"{{{W}}}ins", f"{{{W}}}del")],
        "docPr": [e.get("id") for e in document.iter(f"{{{WP}}}docPr")],
    }
    for part in ("word/footnotes.xml", "word/comments.xml"):
        if part in names:
            tag = "footnote" if "foot" in part else "comment"
            checks[part] = [e.get(f"{{{W}}}id") for e in _xml(path, part).iter(f"{{{W}}}{tag}")]
    rels = _xml(path, "word/_rels/document.xml.rels")
    checks["rIds"] = [e.get("Id") for e in rels]
    for what, values in checks.items():
        repeated = [v for v, n in Counter(values).items() if n > 1]
        assert not repeated, f"{what} repeated: {repeated}"
    rel_ids = set(checks["rIds"])
    for element in document.iter():
        for attr, value in element.attrib.items():
            if attr.startswith(f"{{{R}}}"):
                assert value in rel_ids, f"{attr}={value} has no relationship"


def test_ids_of_merged_parts_never_collide(rich: Path) -> None:
    assert_ids_unique(rich)


def test_footnotes_images_and_links_come_along_with_their_parts(rich: Path) -> None:
    document = read_document(str(rich))
    assert [n.text for n in document.footnotes] == ["Alaviite master", "Alaviite a", "Alaviite b"]
    with zipfile.ZipFile(rich) as archive:
        media = sorted(n for n in archive.namelist() if n.startswith("word/media/"))
        assert len(media) == 3 and all(archive.read(n) == PNG for n in media)
    rels = _xml(rich, "word/_rels/document.xml.rels")
    links = sorted(e.get("Target") for e in rels if e.get("TargetMode") == "External")
    assert links == ["https://example.org/a", "https://example.org/b", "https://example.org/master"]


def test_a_bookmark_name_taken_by_the_master_is_renamed_and_its_links_follow(rich: Path) -> None:
    document = _xml(rich, "word/document.xml")
    names = [e.get(f"{{{W}}}name") for e in document.iter(f"{{{W}}}bookmarkStart")]
    anchors = [e.get(f"{{{W}}}anchor") for e in document.iter(f"{{{W}}}hyperlink") if e.get(f"{{{W}}}anchor")]
    assert names == ["tausta", "tausta_2", "tausta_3"]
    assert anchors == names


def test_comments_are_dropped_unless_kept(tmp_path: Path) -> None:
    comments = (f'<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="K" w:initials="K">'
                '<w:p><w:r><w:t>Tarkistetaan.</w:t></w:r></w:p></w:comment></w:comments>')
    body = ('<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Teksti</w:t></w:r><w:commentRangeEnd w:id="0"/>'
            '<w:r><w:commentReference w:id="0"/></w:r></w:p>')
    write_docx(tmp_path / "part.docx", body, rels=(("rIdC", REL + "comments", "comments.xml", None),),
                      media={"word/comments.xml": comments.encode()})
    write_docx(tmp_path / "master.docx", body, rels=(("rIdC", REL + "comments", "comments.xml", None),),
               media={"word/comments.xml": comments.encode()})
    manifest(tmp_path, 'master = "master.docx"\n[[parts]]\nfile = "part.docx"\n')
    report = assemble(tmp_path / "programme.toml", tmp_path / "out.docx").report
    assert len(read_document(str(tmp_path / "out.docx")).comments) == 1
    assert any(d["what"] == "comments" for d in report["dropped"])
    manifest(tmp_path, 'master = "master.docx"\n[options]\nkeep_comments = true\n[[parts]]\nfile = "part.docx"\n')
    assemble(tmp_path / "programme.toml", tmp_path / "kept.docx")
    comments_read = read_document(str(tmp_path / "kept.docx")).comments
    assert [c.text for c in comments_read] == ["Tarkistetaan.", "Tarkistetaan."]
    assert_ids_unique(tmp_path / "kept.docx")
