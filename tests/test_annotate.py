"""`drafter check --annotate`: a copy of the draft with every finding as a comment on its text."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent / "ooxml"))

from docx_factory import make_docx, para, run  # noqa: E402
from drafter.blocks import iter_paragraphs  # noqa: E402
from drafter.errors import OutputError  # noqa: E402
from drafter.findings import Finding, FindingLocation, Fix, Severity  # noqa: E402
from drafter.ooxml.reader import read_document  # noqa: E402
from drafter.report.annotate import comment_text, write_annotated  # noqa: E402

SAMPLE = Path(__file__).resolve().parent.parent / "corpus" / "samples" / "toimintaohjelma-luonnos.docx"
DATE = "2025-01-02T03:04:05Z"


def finding(paragraph=None, start=None, end=None, text="", part="word/document.xml", rule="STY001",
            name="clock-time-colon", message="Clock times take a period.", fix=None, context=""):
    return Finding(rule, name, "style", Severity.WARNING, message,
                   FindingLocation(paragraph=paragraph, start=start, end=end, text=text, part=part, context=context),
                   fix)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def comments_by_text(document) -> dict[str, tuple]:
    """Comment text -> (paragraph, anchored text) in a re-read document."""
    paragraphs = list(iter_paragraphs(document.body))
    paragraphs += [p for note in (*document.footnotes, *document.endnotes) for p in note.paragraphs]
    anchors = {a.comment_id: (p, p.text[a.start:a.end]) for p in paragraphs for a in p.comments}
    return {c.text: anchors.get(c.id) for c in document.comments}


def test_the_comment_text_names_rule_severity_message_and_fix():
    f = finding(3, 4, 9, "14:00", fix=Fix("Use a period", "safe", "14.00"))
    assert comment_text(f) == ("[STY001 clock-time-colon] warning: Clock times take a period. "
                               "— fix (safe): replace '14:00' with '14.00'")
    assert comment_text(finding(), "Where: the header").endswith("period.\nWhere: the header")


def test_each_finding_becomes_a_comment_on_exactly_its_text(tmp_path):
    source = make_docx(tmp_path, para("Otsikko") + para("Kokous klo 14:00 ja klo 9:30.")
                       + "<w:p>" + run("Vastuu: ", "<w:b/>") + run("SM, OM") + "</w:p>")
    findings = [finding(1, 11, 16, "14:00", fix=Fix("Use a period", "safe", "14.00")),
                finding(1, 24, 28, "9:30", rule="STY002", name="other"),
                finding(2, 0, 10, "Vastuu: SM", rule="FLD001", name="field")]
    out = tmp_path / "annotated.docx"
    assert write_annotated(source, findings, out, date=DATE) == 3
    document = read_document(str(out))
    placed = {text.split("]")[0]: anchor for text, anchor in comments_by_text(document).items()}
    assert {key: (p.location.paragraph, text) for key, (p, text) in placed.items()} == {
        "[STY001 clock-time-colon": (1, "14:00"), "[STY002 other": (1, "9:30"), "[FLD001 field": (2, "Vastuu: SM")}
    assert all(c.author == "drafter" and c.initials == "DR" and c.date == DATE for c in document.comments)
    assert [p.text for p in iter_paragraphs(document.body)] == [
        "Otsikko", "Kokous klo 14:00 ja klo 9:30.", "Vastuu: SM, OM"]


def test_findings_without_a_paragraph_or_range_are_anchored_on_whole_paragraphs(tmp_path):
    source = make_docx(tmp_path, "<w:p/>" + para("Ensimmäinen teksti") + para("Toinen"))
    findings = [finding(message="The document has no title."), finding(2, message="Whole paragraph.")]
    out = tmp_path / "annotated.docx"
    write_annotated(source, findings, out, date=DATE)
    placed = comments_by_text(read_document(str(out)))
    (p1, t1), (p2, t2) = (placed[comment_text(f)] for f in findings)
    assert (p1.location.paragraph, t1) == (1, "Ensimmäinen teksti")
    assert (p2.location.paragraph, t2) == (2, "Toinen")


def test_header_findings_go_on_the_first_body_paragraph_and_say_where_they_are(tmp_path):
    header = "<w:hdr " + 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' \
        + para("LUONNOS 1.2.2025") + "</w:hdr>"
    body = para("Ohjelma") + "<w:p><w:pPr><w:sectPr><w:headerReference w:type='default' r:id='rIdH'/>" \
        "</w:sectPr></w:pPr></w:p>"
    source = make_docx(tmp_path, body, headers={"rIdH": header})
    f = finding(0, 0, 7, "LUONNOS", part="word/header1.xml", rule="LEF001", name="draft-marking")
    out = tmp_path / "annotated.docx"
    write_annotated(source, [f], out, date=DATE)
    ((text, (paragraph, anchored)),) = comments_by_text(read_document(str(out))).items()
    assert text.startswith("[LEF001 draft-marking]")
    assert text.splitlines()[1] == "Where: the header (paragraph 0): “LUONNOS”"
    assert (paragraph.location.paragraph, anchored) == (0, "Ohjelma")


def test_footnote_findings_are_anchored_in_the_footnote(tmp_path):
    footnotes = "<w:footnote w:id='1'>" + para("Laki 123/2020.") + "</w:footnote>"
    body = "<w:p>" + run("Teksti") + "<w:r><w:footnoteReference w:id='1'/></w:r></w:p>"
    source = make_docx(tmp_path, body, footnotes_xml=footnotes)
    out = tmp_path / "annotated.docx"
    write_annotated(source, [finding(0, 5, 13, "123/2020", part="word/footnotes.xml")], out, date=DATE)
    ((paragraph, anchored),) = comments_by_text(read_document(str(out))).values()
    assert (paragraph.container, anchored) == ("note", "123/2020")


def test_stale_offsets_are_corrected_from_the_findings_text(tmp_path):
    source = make_docx(tmp_path, para("Yksi kaksi kolme kaksi"))
    out = tmp_path / "annotated.docx"
    write_annotated(source, [finding(0, 16, 21, "kaksi")], out, date=DATE)
    ((paragraph, anchored),) = comments_by_text(read_document(str(out))).values()
    assert anchored == "kaksi"
    assert [a.start for a in paragraph.comments] == [17]


def test_the_source_is_never_modified_and_cannot_be_the_output(tmp_path):
    source = make_docx(tmp_path, para("Kokous klo 14:00."))
    before = digest(source)
    with pytest.raises(OutputError):
        write_annotated(source, [finding(0, 11, 16, "14:00")], source)
    write_annotated(source, [finding(0, 11, 16, "14:00")], tmp_path / "out.docx")
    assert digest(source) == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_the_sample_draft_gets_every_finding_on_its_own_text(tmp_path):
    from drafter.api import check_file

    if not SAMPLE.exists():
        pytest.skip("corpus sample missing")
    source = tmp_path / SAMPLE.name
    shutil.copyfile(SAMPLE, source)
    before = digest(source)
    result = check_file(source)
    assert result.readable and result.findings
    out = tmp_path / "annotated.docx"
    assert write_annotated(source, result.findings, out) == len(result.findings)
    assert digest(source) == before

    original, annotated = read_document(str(source)), read_document(str(out))
    assert [p.text for p in iter_paragraphs(annotated.body)] == [p.text for p in iter_paragraphs(original.body)]
    assert len(annotated.comments) == len(original.comments) + len(result.findings)
    assert {c.id for c in original.comments} <= {c.id for c in annotated.comments}
    placed = {}
    paragraphs = list(iter_paragraphs(annotated.body))
    paragraphs += [p for note in (*annotated.footnotes, *annotated.endnotes) for p in note.paragraphs]
    anchors = {a.comment_id: (p, a) for p in paragraphs for a in p.comments}
    for comment in annotated.comments:
        placed.setdefault(comment.text, []).append(anchors[comment.id])
    for f in result.findings:
        loc = f.location
        spots = placed[comment_text(f)] if comment_text(f) in placed else [
            v for k, v in placed.items() if k.startswith(comment_text(f))][0]
        if loc.paragraph is None or loc.part not in {p.location.part for p in paragraphs}:
            continue
        assert any(p.location.paragraph == loc.paragraph and (
            p.text[a.start:a.end] == loc.text if loc.text else (a.start, a.end) == (0, len(p.text)))
            for p, a in spots), f"{f.rule} at {loc}"

    import docx

    package = docx.Document(str(out)).part.package
    assert any(str(part.partname) == "/word/comments.xml" for part in package.parts)


def test_drafter_check_annotate_writes_the_annotated_copy(tmp_path):
    from drafter.cli import main

    if not SAMPLE.exists():
        pytest.skip("corpus sample missing")
    out = tmp_path / "kommentoitu.docx"
    outcome = CliRunner().invoke(main, ["check", str(SAMPLE), "--annotate", str(out), "-q"])
    assert outcome.exit_code in (0, 1), outcome.output
    with zipfile.ZipFile(out) as archive:
        assert "[" in archive.read("word/comments.xml").decode()
    assert any(c.author == "drafter" for c in read_document(str(out)).comments)


def test_source_date_epoch_dates_the_comments(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    source = make_docx(tmp_path, para("abc"))
    write_annotated(source, [finding(0, 0, 3, "abc")], tmp_path / "out.docx")
    assert read_document(str(tmp_path / "out.docx")).comments[0].date == "2023-11-14T22:13:20Z"


@pytest.mark.slow
def test_libreoffice_converts_the_annotated_copy_and_sees_every_comment(tmp_path):
    if shutil.which("soffice") is None or not SAMPLE.exists():
        pytest.skip("LibreOffice or the sample is missing")
    from drafter.api import check_file

    result = check_file(SAMPLE)
    out = tmp_path / "annotated.docx"
    written = write_annotated(SAMPLE, result.findings, out)
    profile = tmp_path / "profile"
    for target in ("pdf", "odt"):
        subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                        target, "--outdir", str(tmp_path), str(out)],
                       check=True, capture_output=True, timeout=240)
    assert (tmp_path / "annotated.pdf").stat().st_size > 10_000
    with zipfile.ZipFile(tmp_path / "annotated.odt") as odt:
        content = odt.read("content.xml").decode()
    existing = len(read_document(str(SAMPLE)).comments)
    assert content.count("<office:annotation ") + content.count("<office:annotation>") == written + existing
