"""drafter publish: the clean publication version and a change log that explains every edit."""

from __future__ import annotations

import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent / "ooxml"))
from docx_factory import make_docx, para, run  # noqa: E402

from drafter.cli import main  # noqa: E402
from drafter.ooxml.reader import read_document  # noqa: E402
from drafter.publish.pipeline import PublishOptions, publish_file  # noqa: E402
from drafter.publish.textview import InvariantError  # noqa: E402

SAMPLES = Path(__file__).parent.parent / "corpus" / "samples"
DRAFT = SAMPLES / "toimintaohjelma-luonnos.docx"
A = "w:author='Aino' w:date='2024-03-01T10:00:00Z'"
LEFTOVERS = re.compile(rb"<w:(ins|del|moveFrom|moveTo|commentRangeStart|commentRangeEnd|commentReference"
                       rb"|highlight|rPrChange|pPrChange)[ >/]")
FAST = dict(fixes="none", check_remaining=False)


def texts(path) -> list[str]:
    return [p.text for p in read_document(str(path)).paragraphs()]


def measure(n, title: str) -> str:
    return (para(f"Toimenpide {n}: {title}") + para("Vastuutaho: sisäministeriö") + para("Aikataulu: 2024–2025")
            + para("Rahoitus: virkatyönä"))


def numbered_draft(tmp_path) -> Path:
    """Five typed measures numbered 1, 2, 4, 4, 6, and references to them."""
    body = (para("Ihmiskaupan vastainen toimintaohjelma") + para("Tavoite 1: Uhrit tunnistetaan")
            + measure(1, "Laaditaan tunnistamisopas.") + measure(2, "Koulutetaan poliisit.")
            + measure(4, "Perustetaan työryhmä.") + measure(4, "Selvitetään lainsäädäntö.")
            + measure(6, "Arvioidaan toimeenpano.")
            + para("Toimenpiteessä 6 hyödynnetään toimenpiteen 2 tuloksia, ks. myös toimenpiteet 2 ja 6 "
                   "sekä toimenpide 4."))
    footnotes = ("<w:footnote w:type='separator' w:id='-1'><w:p/></w:footnote>"
                 "<w:footnote w:id='1'>" + para("Toimenpiteen 6 kustannukset arvioidaan erikseen.") + "</w:footnote>")
    return make_docx(tmp_path, body, footnotes_xml=footnotes, name="numbered.docx")


def publish(source, tmp_path, name="out.docx", **options):
    output = tmp_path / name
    result = publish_file(source, output, PublishOptions(force=True, **options))
    return output, result


# -- the sample draft -----------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sample")
    before = hashlib.sha256(DRAFT.read_bytes()).hexdigest()
    output, result = publish(DRAFT, tmp)
    return before, output, result


def test_the_sample_draft_publishes_without_revisions_comments_or_highlights(sample):
    _, output, result = sample
    archive = zipfile.ZipFile(output)
    for name in archive.namelist():
        if name.startswith("word/") and name.endswith(".xml"):
            assert not LEFTOVERS.search(archive.read(name)), name
    assert "word/comments.xml" not in archive.namelist()
    kinds = {c.kind for c in result.changes}
    assert {"revision-accepted", "comment-removed", "highlight-removed", "marker-removed",
            "metadata-removed", "fix-applied", "measure-renumbered"} <= kinds
    import docx
    docx.Document(str(output))


def test_the_input_is_never_modified(sample):
    before, _, _ = sample
    assert hashlib.sha256(DRAFT.read_bytes()).hexdigest() == before


def test_every_revision_comment_and_highlight_of_the_sample_is_listed_with_its_text(sample):
    _, _, result = sample
    source = read_document(str(DRAFT))
    revisions = [r for p in source.all_paragraphs() for r in p.revisions]
    accepted = [c for c in result.changes if c.kind == "revision-accepted"]
    assert len(accepted) == len(revisions) >= 2
    inserted = next(c for c in accepted if c.after and not c.before)
    assert "ohjausryhmälle" in inserted.after and inserted.location.measure is not None
    comments = [c for c in result.changes if c.kind == "comment-removed"]
    assert len(comments) == len(source.comments)
    assert all(": " in c.before for c in comments)  # "author: text"
    assert any(c.before.startswith("Virtanen Maija: ") for c in comments)


def test_the_output_text_is_the_accepted_text_with_the_listed_edits(sample):
    _, output, result = sample
    source = " ".join(texts(DRAFT))
    published = " ".join(texts(output))
    for change in result.changes:
        if change.kind == "fix-applied":
            assert change.after in published
    assert "LUONNOS" not in published.split()[0:3]
    assert len(published) > 0.95 * len(source)


def test_publishing_a_published_document_changes_nothing(sample, tmp_path):
    _, output, _ = sample
    again, result = publish(output, tmp_path, "again.docx")
    assert result.changes == [] and result.renumbered == {}
    first, second = zipfile.ZipFile(output), zipfile.ZipFile(again)
    assert first.namelist() == second.namelist()
    for name in first.namelist():
        assert first.read(name) == second.read(name), name


# -- renumbering --------------------------------------------------------------------------


def test_renumbering_closes_gaps_and_duplicates_and_updates_references(tmp_path):
    output, result = publish(numbered_draft(tmp_path), tmp_path, **FAST)
    lines = texts(output)
    labels = [t.split(":")[0] for t in lines if t.startswith("Toimenpide ")]
    assert labels == [f"Toimenpide {n}" for n in range(1, 6)]
    assert lines[-1] == ("Toimenpiteessä 5 hyödynnetään toimenpiteen 2 tuloksia, ks. myös toimenpiteet 2 ja 5 "
                         "sekä toimenpide 3.")
    assert result.renumbered == {"4": 3, "6": 5}
    note = read_document(str(output)).footnotes[0].paragraphs[0].text
    assert note == "Toimenpiteen 5 kustannukset arvioidaan erikseen."
    kinds = [c.kind for c in result.changes]
    assert kinds.count("measure-renumbered") == 2 and kinds.count("reference-updated") == 4
    # the reference to the duplicated number is kept on the first measure and flagged
    assert [f.rule for f in result.remaining if f.category != "accessibility"] == ["PUB001"]


def test_no_renumber_leaves_numbers_alone(tmp_path):
    output, result = publish(numbered_draft(tmp_path), tmp_path, renumber=False, **FAST)
    assert "Toimenpide 6: Arvioidaan toimeenpano." in texts(output)
    assert result.renumbered == {} and not any(c.kind == "measure-renumbered" for c in result.changes)


def test_a_continuous_draft_is_not_renumbered(tmp_path):
    body = para("Tavoite 1: Uhrit") + measure(1, "Yksi.") + measure(2, "Kaksi.") + measure(3, "Kolme.")
    _, result = publish(make_docx(tmp_path, body), tmp_path, **FAST)
    assert result.renumbered == {} and result.changes == []


# -- the invariant --------------------------------------------------------------------------


def test_the_invariant_catches_a_revision_transform_that_drops_a_word(tmp_path, monkeypatch):
    from drafter.ooxml import revisions
    from drafter.ooxml.names import w

    original = revisions.accept_all

    def lossy(root):
        result = original(root)
        for t in root.iter(w("t")):
            if t.text and "valmistelee" in t.text:
                t.text = t.text.replace("valmistelee ", "")
        return result

    monkeypatch.setattr(revisions, "accept_all", lossy)
    body = ("<w:p>" + run("Ministeriö ") + f"<w:ins w:id='1' {A}>{run('valmistelee ')}</w:ins>"
            + run("ohjelman.") + "</w:p>")
    source = make_docx(tmp_path, body)
    output = tmp_path / "out.docx"
    with pytest.raises(InvariantError, match="without a listed change"):
        publish_file(source, output, PublishOptions(**FAST))
    assert not output.exists()


def test_the_invariant_catches_a_text_edit_that_drops_a_word(tmp_path, monkeypatch):
    from drafter.ooxml import edit

    original = edit.apply_replacements

    def lossy(root, edits, **kwargs):
        edits = list(edits)
        paragraph, start, end, new = edits[0]
        return original(root, [(paragraph, start, end + 2, new)] + edits[1:], **kwargs)

    monkeypatch.setattr(edit, "apply_replacements", lossy)
    output = tmp_path / "out.docx"
    with pytest.raises(InvariantError):
        publish_file(numbered_draft(tmp_path), output, PublishOptions(**FAST))
    assert not output.exists()


def test_the_cli_reports_an_invariant_failure_in_one_line_with_exit_status_2(tmp_path, monkeypatch):
    from drafter.ooxml import revisions

    monkeypatch.setattr(revisions, "accept_all", lambda root: (_ for _ in ()).throw(InvariantError("publish: boom")))
    body = "<w:p>" + f"<w:ins w:id='1' {A}>{run('x')}</w:ins></w:p>"
    source = make_docx(tmp_path, body)
    outcome = CliRunner().invoke(main, ["publish", str(source), "-o", str(tmp_path / "o.docx"), "--no-fixes"])
    assert outcome.exit_code == 2
    assert outcome.output.strip().count("\n") == 0 and "boom" in outcome.output


# -- revisions, comments, hidden text, metadata ------------------------------------------------


def test_reject_restores_the_original_text_and_lists_each_rejected_change(tmp_path):
    body = ("<w:p>" + run("Ministeriö ") + f"<w:del w:id='1' {A}><w:r><w:delText xml:space='preserve'>laatii "
            "</w:delText></w:r></w:del>" + f"<w:ins w:id='2' {A}>{run('valmistelee ')}</w:ins>" + run("ohjelman.")
            + "</w:p>" + para("Toinen kappale."))
    output, result = publish(make_docx(tmp_path, body), tmp_path, reject=True, **FAST)
    assert texts(output) == ["Ministeriö laatii ohjelman.", "Toinen kappale."]
    rejected = [(c.before, c.after) for c in result.changes if c.kind == "revision-rejected"]
    assert rejected == [("", "laatii "), ("valmistelee ", "")]
    assert all(c.note and "Aino" in c.note for c in result.changes if c.kind == "revision-rejected")


def test_hidden_text_is_removed_only_when_asked(tmp_path):
    body = "<w:p>" + run("Näkyvä") + run(" piilotettu", "<w:vanish/>") + run(" teksti.") + "</w:p>"
    source = make_docx(tmp_path, body)
    output, result = publish(source, tmp_path, **FAST)
    assert texts(output) == ["Näkyvä piilotettu teksti."]
    output, result = publish(source, tmp_path, "hidden.docx", remove_hidden=True, **FAST)
    assert texts(output) == ["Näkyvä teksti."]
    assert [(c.kind, c.before) for c in result.changes] == [("hidden-text-removed", " piilotettu")]


def test_draft_markers_in_headers_and_marker_paragraphs_are_removed_but_the_word_in_prose_stays(tmp_path):
    header = "<w:p>" + run("Sisäministeriö – LUONNOS") + "</w:p>"
    body = (para("LUONNOS 12.3.2025") + para("Luonnos valmistui keväällä.")
            + "<w:sectPr><w:headerReference w:type='default' r:id='rIdHeader1'/></w:sectPr>")
    output, result = publish(make_docx(tmp_path, body, headers={"rIdHeader1": header}), tmp_path, **FAST)
    document = read_document(str(output))
    assert [p.text for p in document.paragraphs()] == ["", "Luonnos valmistui keväällä."]
    assert [p.text for p in document.headers] == ["Sisäministeriö"]
    assert sorted(c.before for c in result.changes if c.kind == "marker-removed") == [" – LUONNOS", "LUONNOS 12.3.2025"]


def test_personal_metadata_is_removed_and_publication_properties_set_from_config(tmp_path):
    core = ("<cp:coreProperties xmlns:cp='http://schemas.openxmlformats.org/package/2006/metadata/core-properties' "
            "xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:creator>Aino Virtanen</dc:creator>"
            "<cp:lastModifiedBy>Pekka</cp:lastModifiedBy><cp:revision>12</cp:revision></cp:coreProperties>")
    app = ("<Properties xmlns='http://schemas.openxmlformats.org/officeDocument/2006/extended-properties'>"
           "<Template>\\\\srv\\pohjat\\muistio.dotx</Template><Company>Sisäministeriö</Company></Properties>")
    source = make_docx(tmp_path, "<w:p w:rsidR='00A1B2C3'>" + run("Teksti.") + "</w:p>", core_xml=core, app_xml=app)
    (tmp_path / "drafter.toml").write_text('[publish]\ntitle = "Ihmiskaupan vastainen toimintaohjelma"\n',
                                           encoding="utf-8")
    output, result = publish(source, tmp_path, **FAST)
    removed = {c.note: c.before for c in result.changes if c.kind == "metadata-removed"}
    assert removed["creator"] == "Aino Virtanen" and removed["Company"] == "Sisäministeriö"
    assert removed["lastModifiedBy"] == "Pekka" and "rsids" in removed
    archive = zipfile.ZipFile(output)
    assert b"Aino" not in archive.read("docProps/core.xml") and b"rsid" not in archive.read("word/document.xml")
    assert read_document(str(output)).properties.title == "Ihmiskaupan vastainen toimintaohjelma"
    assert [c.after for c in result.changes if c.kind == "metadata-set" and c.note == "title"] == [
        "Ihmiskaupan vastainen toimintaohjelma"]
    kept, result = publish(source, tmp_path, "kept.docx", keep_metadata=True, **FAST)
    assert b"Aino" in zipfile.ZipFile(kept).read("docProps/core.xml")


def test_comments_are_kept_when_asked(tmp_path):
    body = "<w:p><w:commentRangeStart w:id='0'/>" + run("x") + "<w:commentRangeEnd w:id='0'/></w:p>"
    comments = "<w:comment w:id='0' w:author='Aino'><w:p>" + run("Huom") + "</w:p></w:comment>"
    output, result = publish(make_docx(tmp_path, body, comments_xml=comments), tmp_path, keep_comments=True, **FAST)
    assert read_document(str(output)).comments[0].text == "Huom"
    assert not result.changes


# -- the command line and its outputs -----------------------------------------------------


def test_the_cli_writes_the_change_log_per_the_contract_and_both_reports(tmp_path):
    source = numbered_draft(tmp_path)
    out, changes, md, html = (tmp_path / n for n in ("pub.docx", "changes.json", "changes.md", "changes.html"))
    runner = CliRunner()
    outcome = runner.invoke(main, ["publish", str(source), "-o", str(out), "--changes", str(changes),
                                   "--report", str(md), "--no-fixes"])
    assert outcome.exit_code == 0, outcome.output
    data = json.loads(changes.read_text(encoding="utf-8"))
    assert list(data)[:6] == ["schema", "source", "output", "changes", "renumbered", "remaining"]
    assert data["schema"] == "drafter.changes/1" and data["source"] == "numbered.docx" and data["output"] == "pub.docx"
    assert data["renumbered"] == {"4": 3, "6": 5}
    for change in data["changes"]:
        assert {"kind", "rule", "location", "before", "after"} <= set(change)
        assert {"measure", "paragraph"} <= set(change["location"])
    assert data["remaining"][0]["rule"] == "PUB001" and "severity" in data["remaining"][0]
    text = md.read_text(encoding="utf-8")
    assert "| 4 | 3 |" in text and "Reference updated" in text
    outcome = runner.invoke(main, ["publish", str(source), "-o", str(out), "--report", str(html), "--force",
                                   "--no-fixes"])
    assert outcome.exit_code == 0, outcome.output
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<del>6</del>" in page and "<ins>5</ins>" in page
    assert "http://" not in page and "https://" not in page and "<script" not in page


def test_the_redline_shows_publish_edits_as_tracked_changes(tmp_path):
    source = numbered_draft(tmp_path)
    redline = tmp_path / "redline.docx"
    outcome = CliRunner().invoke(main, ["publish", str(source), "-o", str(tmp_path / "p.docx"), "--redline",
                                        str(redline), "--no-fixes"])
    assert outcome.exit_code == 0, outcome.output
    document = read_document(str(redline))
    revisions = [r for p in document.all_paragraphs() for r in p.revisions]
    assert {r.kind for r in revisions} == {"ins", "del"}
    assert {r.author for r in revisions} == {"drafter"}
    assert "Toimenpide 6: Arvioidaan toimeenpano." in [p.text for p in document.paragraphs()] or \
        any(r.text == "6" for r in revisions)


def test_the_output_may_not_be_the_input_and_an_existing_output_needs_force(tmp_path):
    source = numbered_draft(tmp_path)
    runner = CliRunner()
    outcome = runner.invoke(main, ["publish", str(source), "-o", str(source)])
    assert outcome.exit_code == 2 and "input" in outcome.output
    existing = tmp_path / "exists.docx"
    existing.write_bytes(b"keep me")
    outcome = runner.invoke(main, ["publish", str(source), "-o", str(existing), "--no-fixes"])
    assert outcome.exit_code == 2 and "--force" in outcome.output
    assert existing.read_bytes() == b"keep me"
    outcome = runner.invoke(main, ["publish", str(source), "-o", str(existing), "--no-fixes", "--force"])
    assert outcome.exit_code == 0 and zipfile.is_zipfile(existing)


def test_an_unreadable_input_ends_in_one_line(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    outcome = CliRunner().invoke(main, ["publish", str(bad), "-o", str(tmp_path / "o.docx")])
    assert outcome.exit_code == 2 and outcome.output.count("\n") == 1


NUMBERING = (
    "<w:abstractNum w:abstractNumId='1'><w:multiLevelType w:val='multilevel'/><w:lvl w:ilvl='0'><w:start w:val='1'/>"
    "<w:numFmt w:val='decimal'/><w:lvlText w:val='%1.'/><w:lvlJc w:val='left'/></w:lvl></w:abstractNum>"
    "<w:num w:numId='1'><w:abstractNumId w:val='1'/></w:num>"
    "<w:num w:numId='2'><w:abstractNumId w:val='1'/><w:lvlOverride w:ilvl='0'><w:startOverride w:val='1'/>"
    "</w:lvlOverride></w:num>"
)


def auto_measure(num_id: int, title: str) -> str:
    return (f"<w:p><w:pPr><w:pStyle w:val='ListParagraph'/><w:numPr><w:ilvl w:val='0'/><w:numId w:val='{num_id}'/>"
            f"</w:numPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>{title}</w:t></w:r></w:p>"
            + para("Vastuutaho: sisäministeriö") + para("Aikataulu: 2024") + para("Rahoitus: virkatyönä"))


def test_an_automatic_measure_list_that_restarts_by_mistake_gets_its_start_fixed(tmp_path):
    body = (para("Tavoite 1: Uhrit tunnistetaan") + auto_measure(1, "Laaditaan opas")
            + auto_measure(1, "Koulutetaan poliisit") + auto_measure(1, "Perustetaan työryhmä")
            + para("Tavoite 2: Uhrit saavat apua") + auto_measure(2, "Selvitetään lainsäädäntö")
            + auto_measure(2, "Arvioidaan toimeenpano"))
    source = make_docx(tmp_path, body, numbering_xml=NUMBERING)
    shown = [p.numbering.value for p in read_document(str(source)).paragraphs() if p.numbering]
    assert shown == [1, 2, 3, 1, 2]
    output, result = publish(source, tmp_path, **FAST)
    assert [p.numbering.value for p in read_document(str(output)).paragraphs() if p.numbering] == [1, 2, 3, 4, 5]
    fixed = [c for c in result.changes if c.kind == "list-restart-fixed"]
    assert [(c.before, c.after) for c in fixed] == [("1", "4")]
    assert b"<w:startOverride w:val=\"4\"/>" in zipfile.ZipFile(output).read("word/numbering.xml")


def test_generated_sections_use_the_documents_styles_are_listed_and_are_added_once(tmp_path):
    styles = ("<w:style w:type='paragraph' w:default='1' w:styleId='Normal'><w:name w:val='Normal'/></w:style>"
              "<w:style w:type='paragraph' w:styleId='Otsikko1'><w:name w:val='heading 1'/>"
              "<w:pPr><w:outlineLvl w:val='0'/></w:pPr></w:style>"
              "<w:style w:type='table' w:styleId='TaulukonRuudukko'><w:name w:val='Table Grid'/></w:style>")
    body = (para("Tavoite 1: Uhrit") + measure(1, "Laaditaan opas.")
            + para("Toimenpide 2: Koulutetaan poliisit.") + para("Vastuutaho: poliisihallitus")
            + para("Aikataulu: 2025") + para("Rahoitus: 200 000 euroa vuodessa, erillisrahoitus"))
    source = make_docx(tmp_path, body, styles_xml=styles)
    (tmp_path / "drafter.toml").write_text(
        '[publish]\nannex_table = true\nfunding_summary = true\n'
        'description_page = {publisher = "Sisäministeriö", isbn = "978-952-324-000-0"}\n', encoding="utf-8")
    output, result = publish(source, tmp_path, **FAST)
    generated = [c for c in result.changes if c.kind == "section-generated"]
    assert [c.after for c in generated] == ["Kuvailulehti", "Liite. Toimenpiteet", "Rahoitusyhteenveto"]
    document = read_document(str(output))
    headings = [p for p in document.paragraphs() if p.style_id == "Otsikko1"]
    assert [p.text for p in headings] == ["Kuvailulehti", "Liite. Toimenpiteet", "Rahoitusyhteenveto"]
    tables = list(document.tables())
    assert tables[1].style_id == "TaulukonRuudukko" and tables[1].rows[0].header
    cells = [[" ".join(p.text for p in c.blocks) for c in row.cells] for row in tables[1].rows]
    assert cells[0] == ["Nro", "Toimenpide", "Vastuutaho", "Aikataulu", "Rahoitus"]
    assert cells[2][:3] == ["2", "Koulutetaan poliisit", "poliisihallitus"]
    assert ["Julkaisija", "Sisäministeriö"] in [[" ".join(p.text for p in c.blocks) for c in r.cells]
                                               for r in tables[0].rows]
    again, result = publish(output, tmp_path, "again.docx", **FAST)
    assert result.changes == []


def test_accessibility_title_and_language_are_set_and_what_remains_is_reported(tmp_path):
    image = ("<w:p><w:r><w:drawing><wp:inline><wp:docPr id='1' name='Kuva 1'/><a:graphic><a:graphicData>"
             "<pic:pic><pic:blipFill><a:blip r:embed='rIdImg'/></pic:blipFill></pic:pic></a:graphicData></a:graphic>"
             "</wp:inline></w:drawing></w:r></w:p>")
    table = ("<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
             + "".join(f"<w:tr><w:tc>{para(a)}</w:tc><w:tc>{para(b)}</w:tc></w:tr>"
                       for a, b in (("Vuosi", "Euroa"), ("2025", "100 000"))) + "</w:tbl>")
    body = para("Ihmiskaupan vastainen toimintaohjelma") + image + table + para("Loppu.")
    source = make_docx(tmp_path, body, styles_xml="<w:style w:type='paragraph' w:default='1' w:styleId='Normal'>"
                       "<w:name w:val='Normal'/></w:style>")
    (tmp_path / "drafter.toml").write_text('language = "fi"\n', encoding="utf-8")
    output, result = publish(source, tmp_path, **FAST)
    document = read_document(str(output))
    assert document.properties.language == "fi-FI" and document.default_language == "fi-FI"
    rules = sorted(f.rule for f in result.remaining if f.category == "accessibility")
    assert "ACC004" in rules and "ACC005" in rules and "ACC002" not in rules
    assert ("ACC001" in rules) == (not document.properties.title)


def test_an_edit_inside_an_equation_is_left_out_with_a_note(tmp_path):
    body = ("<w:p><m:oMath><m:r><m:t>DRAFT</m:t></m:r></m:oMath></w:p>" + para("DRAFT"))
    output, result = publish(make_docx(tmp_path, body), tmp_path, **FAST)
    assert texts(output) == ["DRAFT", ""]
    assert [c.location.paragraph for c in result.changes if c.kind == "marker-removed"] == [1]
    assert any("equation" in note for note in result.notes)


def test_every_change_kind_publish_can_log_has_a_title_in_the_report():
    import re
    from pathlib import Path

    import drafter
    from drafter.publish.report import KIND_TITLES

    source = "\n".join(p.read_text(encoding="utf-8") for p in Path(drafter.__file__).parent.rglob("*.py"))
    kinds = set(re.findall(r'Change\(\s*"([a-z-]+)"', source)) | {"revision-accepted", "section-generated"}
    assert kinds <= set(KIND_TITLES), sorted(kinds - set(KIND_TITLES))
