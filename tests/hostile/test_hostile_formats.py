"""Other formats and odd paths given as drafts: refused in one line, read, or never hanging."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from drafter.ooxml.reader import read_document
from hostile_builders import (
    DOCM_TYPE, DOTX_TYPE, MAIN_TYPE, MEASURE_TEXT, content_types, draft_parts, relationships, write_draft,
    write_package,
)
from hostile_cli import assert_all_read, assert_all_refused, assert_refused, run, sha256

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
VBA_TYPE = "application/vnd.ms-office.vbaProject"


def macro_document(tmp_path):
    parts = draft_parts(main_type=DOCM_TYPE)
    parts["word/vbaProject.bin"] = OLE + b"Attribute VB_Name = \"AutoOpen\"" + b"\0" * 100
    parts["word/_rels/document.xml.rels"] = relationships([
        ("rId1", "styles", "styles.xml"), ("rId2", "numbering", "numbering.xml"),
        ("rId3", "comments", "comments.xml"), ("rId9", VBA_REL, "vbaProject.bin")]).encode()
    parts["[Content_Types].xml"] = content_types(
        DOCM_TYPE, f'<Default Extension="bin" ContentType="{VBA_TYPE}"/>').encode()
    return write_package(tmp_path / "makrot.docm", parts)


def test_an_encrypted_package_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "salattu.docx"
    path.write_bytes(OLE + b"\0" * 600 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 64)
    assert_all_refused(path, tmp_path, "password-protected", "save it without a password")


def test_a_legacy_doc_is_refused_with_what_to_do(tmp_path):
    path = tmp_path / "vanha.doc"
    path.write_bytes(OLE + b"\0" * 1024)
    assert_all_refused(path, tmp_path, "legacy Word .doc", "save it as .docx")


@pytest.mark.parametrize("content, reason", [
    (b"{\\rtf1\\ansi\\deff0 {\\fonttbl}Hei}", "RTF file with a .docx name"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html><body>Hei</body></html>", "HTML file with a .docx name"),
    (b"<?xml version='1.0'?><w:wordDocument/>", "plain XML file"),
    (b"%PDF-1.7\n", "PDF file"),
    (b"hello", "not a zip package"),
])
def test_other_formats_saved_with_a_docx_name_are_named(tmp_path, content, reason):
    path = tmp_path / "luonnos.docx"
    path.write_bytes(content)
    assert_all_refused(path, tmp_path, reason)


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "tyhja.docx"
    path.write_bytes(b"")
    assert_all_refused(path, tmp_path, "empty")


def test_a_directory_is_refused_in_one_line(tmp_path):
    path = tmp_path / "kansio.docx"
    path.mkdir()
    for outcome in (run("outline", path), run("check", "--format", "json", path),
                    run("publish", path, "-o", tmp_path / "out.docx")):
        assert_refused(outcome, path)


def test_a_missing_file_is_refused(tmp_path):
    assert_all_refused(tmp_path / "puuttuu.docx", tmp_path, "no such file")


@pytest.mark.parametrize("command", ["outline", "check", "publish"])
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path, command):
    fifo = tmp_path / "putki.docx"
    os.mkfifo(fifo)
    args = [command, str(fifo)] + (["-o", str(tmp_path / "out.docx")] if command == "publish" else [])
    done = subprocess.run([sys.executable, "-m", "drafter.cli", *args], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "not a regular file" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_device_is_refused_without_reading_it(tmp_path, device):
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    done = subprocess.run([sys.executable, "-m", "drafter.cli", "outline", device],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and done.stderr.strip() == f"drafter: {device}: is not a regular file"


def test_a_dotx_template_is_read_as_a_document(tmp_path):
    path = write_draft(tmp_path / "pohja.dotx", main_type=DOTX_TYPE)
    assert_all_read(path, tmp_path)
    assert MEASURE_TEXT in "\n".join(p.text for p in read_document(str(path)).paragraphs())


def test_a_macro_document_is_read_and_its_macros_never_run(tmp_path):
    path = macro_document(tmp_path)
    before = sha256(path)
    outcomes = assert_all_read(path, tmp_path)
    assert MEASURE_TEXT in outcomes[0].stdout.replace("\n    ", " ") or "Kunnat laativat" in outcomes[0].stdout
    assert sha256(path) == before


def test_publishing_a_macro_document_drops_the_macros_and_says_so(tmp_path):
    path = macro_document(tmp_path)
    out, changes = tmp_path / "julkaisu.docx", tmp_path / "muutokset.json"
    outcome = run("publish", path, "-o", out, "--changes", changes)
    assert outcome.exit_code == 0, outcome.stderr
    with zipfile.ZipFile(out) as archive:
        names = archive.namelist()
        types = archive.read("[Content_Types].xml").decode()
        rels = archive.read("word/_rels/document.xml.rels").decode()
    assert not any("vba" in name.lower() for name in names)
    assert VBA_REL not in rels and VBA_TYPE not in types
    assert DOCM_TYPE not in types and MAIN_TYPE in types
    log = json.loads(changes.read_text(encoding="utf-8"))
    assert any("macro" in json.dumps(change).lower() for change in log["changes"])
