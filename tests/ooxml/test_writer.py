"""Saving an edited package: changed parts serialised, everything else copied bit for bit."""

from __future__ import annotations

import zipfile

from docx_factory import make_docx, para
from drafter.ooxml.package import Package
from drafter.ooxml.reader import read_document
from drafter.ooxml.writer import PackageEditor
from drafter.ooxml.names import w


def _entries(data_or_path):
    archive = zipfile.ZipFile(data_or_path)
    return {i.filename: i for i in archive.infolist()}, archive


def test_untouched_parts_keep_their_bytes_compression_and_order(tmp_path):
    source = make_docx(tmp_path, para("Teksti."), numbering_xml="<w:abstractNum w:abstractNumId='1'/>")
    editor = PackageEditor(Package(source))
    editor.tree("word/document.xml").find(w("body")).append(editor.tree("word/document.xml").find(w("body"))[0].__copy__())
    out = tmp_path / "out.docx"
    editor.save(out)
    before, old = _entries(source)
    after, new = _entries(out)
    assert list(before) == list(after)
    for name, info in before.items():
        if name == "word/document.xml":
            continue
        assert new.read(name) == old.read(name)
        assert after[name].CRC == info.CRC and after[name].compress_size == info.compress_size
        assert after[name].date_time == info.date_time and after[name].compress_type == info.compress_type
    assert [p.text for p in read_document(str(out)).paragraphs()] == ["Teksti.", "Teksti."]


def test_an_unedited_package_is_written_back_identically_part_by_part(tmp_path):
    source = make_docx(tmp_path, para("Sama."))
    out = tmp_path / "same.docx"
    PackageEditor(Package(source)).save(out)
    _, old = _entries(source)
    _, new = _entries(out)
    assert {n: old.read(n) for n in old.namelist()} == {n: new.read(n) for n in new.namelist()}
    assert new.testzip() is None


def test_a_removed_part_loses_its_override_and_relationships(tmp_path):
    source = make_docx(tmp_path, para("x"), comments_xml="<w:comment w:id='0'><w:p/></w:comment>")
    editor = PackageEditor(Package(source))
    editor.remove_relationships("word/document.xml", ["word/comments.xml"])
    editor.remove("word/comments.xml")
    out = tmp_path / "out.docx"
    editor.save(out)
    archive = zipfile.ZipFile(out)
    assert "word/comments.xml" not in archive.namelist()
    assert b"comments" not in archive.read("[Content_Types].xml")
    assert b"comments" not in archive.read("word/_rels/document.xml.rels")
    read_document(str(out))


def test_a_strict_part_stays_strict_after_editing(tmp_path):
    source = make_docx(tmp_path, para("Tiukka."), strict=True)
    editor = PackageEditor(Package(source))
    root = editor.tree("word/document.xml")
    assert root.tag == w("document")
    root.find(w("body"))[0].append(root.find(w("body"))[0][0].__copy__())
    out = tmp_path / "out.docx"
    editor.save(out)
    xml = zipfile.ZipFile(out).read("word/document.xml")
    assert b"http://purl.oclc.org/ooxml/wordprocessingml/main" in xml
    assert b"http://schemas.openxmlformats.org/wordprocessingml/2006/main" not in xml
    assert [p.text for p in read_document(str(out)).paragraphs()] == ["Tiukka.Tiukka."]


def test_saving_refuses_to_overwrite_the_input_or_an_existing_file_without_force(tmp_path):
    import pytest
    from drafter.errors import OutputError

    source = make_docx(tmp_path, para("x"))
    editor = PackageEditor(Package(source))
    with pytest.raises(OutputError, match="input"):
        editor.save(source, inputs=[source], force=True)
    existing = tmp_path / "exists.docx"
    existing.write_bytes(b"old")
    with pytest.raises(OutputError, match="--force"):
        editor.save(existing, inputs=[source])
    editor.save(existing, inputs=[source], force=True)
    assert zipfile.is_zipfile(existing)


def test_a_part_with_a_broken_checksum_that_nobody_reads_is_copied_as_it_was(tmp_path):
    source = make_docx(tmp_path, para("x"))
    data = bytearray(source.read_bytes())
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo("word/styles.xml")
    # corrupt the stored CRC in the local header and the central directory
    crc = info.CRC.to_bytes(4, "little")
    data = bytes(data).replace(crc, (info.CRC ^ 0xFFFF).to_bytes(4, "little"))
    source.write_bytes(data)
    out = tmp_path / "out.docx"
    PackageEditor(Package(source)).save(out)
    with zipfile.ZipFile(out) as archive:
        assert archive.getinfo("word/styles.xml").CRC == info.CRC ^ 0xFFFF
