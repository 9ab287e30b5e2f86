"""Hostile and broken packages are refused with one clear reason, never a crash."""

from __future__ import annotations

import io
import zipfile

import pytest

from drafter.errors import InputError
from drafter.ooxml.package import OLE_MAGIC, Limits, Package

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
DOCUMENT = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:body><w:p><w:r><w:t>Hei</w:t></w:r></w:p></w:body></w:document>'
)


def make_package(tmp_path, parts: dict[str, bytes | str], name: str = "draft.docx",
                 compression=zipfile.ZIP_DEFLATED):
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", compression) as z:
        for part, data in parts.items():
            z.writestr(part, data)
    return path


def standard_parts(document: str = DOCUMENT) -> dict[str, str]:
    return {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "word/document.xml": document}


def refusal(path, limits: Limits | None = None) -> str:
    with pytest.raises(InputError) as info:
        package = Package(path, limits)
        package.xml(package.main_part)
    message = str(info.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def test_a_minimal_package_opens_and_names_its_main_part(tmp_path):
    package = Package(make_package(tmp_path, standard_parts()))
    assert package.main_part == "word/document.xml"
    assert package.kind == "docx"
    assert package.xml("word/document.xml").tag.endswith("document")


def test_a_missing_file_is_named_as_missing(tmp_path):
    assert "no such file" in refusal(tmp_path / "nothing.docx")


def test_a_directory_is_refused(tmp_path):
    assert "directory" in refusal(tmp_path)


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    assert "empty" in refusal(path)


@pytest.mark.parametrize("content, reason", [
    (b"{\\rtf1\\ansi hello}", "RTF"),
    (b"<!DOCTYPE html><html><body>hi</body></html>", "HTML"),
    (b"%PDF-1.7\n", "PDF"),
    (b"just some text", "not a zip"),
])
def test_other_formats_with_a_docx_name_are_recognised(tmp_path, content, reason):
    path = tmp_path / "fake.docx"
    path.write_bytes(content)
    assert reason in refusal(path)


def test_a_legacy_doc_file_is_told_apart_from_an_encrypted_package(tmp_path):
    legacy = tmp_path / "old.docx"
    legacy.write_bytes(OLE_MAGIC + b"\0" * 600)
    assert "legacy Word .doc" in refusal(legacy)
    encrypted = tmp_path / "locked.docx"
    encrypted.write_bytes(OLE_MAGIC + b"\0" * 100 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100)
    assert "password-protected" in refusal(encrypted)


def test_a_truncated_zip_is_refused(tmp_path):
    whole = make_package(tmp_path, standard_parts()).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])
    assert "corrupt or truncated" in refusal(path)


def test_a_part_that_fails_its_crc_is_refused(tmp_path):
    path = make_package(tmp_path, standard_parts(), compression=zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    at = data.find(b"Hei")
    data[at:at + 3] = b"Hej"
    path.write_bytes(bytes(data))
    assert "corrupt part word/document.xml" in refusal(path)


def test_a_package_without_a_main_part_is_refused(tmp_path):
    parts = standard_parts()
    del parts["word/document.xml"]
    assert "main part word/document.xml is missing" in refusal(make_package(tmp_path, parts))


def test_a_spreadsheet_is_not_mistaken_for_a_document(tmp_path):
    path = make_package(tmp_path, {"[Content_Types].xml": CONTENT_TYPES, "xl/workbook.xml": "<workbook/>"})
    assert "spreadsheet" in refusal(path)


def test_missing_content_types_and_root_relationships_still_find_the_body(tmp_path):
    package = Package(make_package(tmp_path, {"word/document.xml": DOCUMENT}))
    assert package.main_part == "word/document.xml"


def test_external_entities_are_refused_before_parsing(tmp_path):
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
    )
    assert "DOCTYPE" in refusal(make_package(tmp_path, standard_parts(xxe)))


def test_a_doctype_behind_a_long_comment_is_refused_after_parsing(tmp_path):
    late = (
        '<?xml version="1.0"?><!--' + "x" * 5000 + '--><!DOCTYPE d [<!ENTITY x "boom">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
    )
    assert "DOCTYPE" in refusal(make_package(tmp_path, standard_parts(late)))


def test_billion_laughs_is_refused(tmp_path):
    entities = "".join(f'<!ENTITY l{i} "&l{i - 1};&l{i - 1};&l{i - 1};&l{i - 1};">' for i in range(1, 10))
    bomb = f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY l0 "lol">{entities}]><d>&l9;</d>'
    assert "DOCTYPE" in refusal(make_package(tmp_path, standard_parts(bomb)))


def test_extremely_deep_nesting_is_refused(tmp_path):
    deep = "<a>" * 5000 + "</a>" * 5000
    message = refusal(make_package(tmp_path, standard_parts(deep)))
    assert "deeper" in message or "broken XML" in message


def test_broken_xml_names_the_part(tmp_path):
    message = refusal(make_package(tmp_path, standard_parts("<w:document><w:body>")))
    assert "word/document.xml" in message


def test_a_zip_bomb_is_refused_from_the_directory_before_inflating(tmp_path):
    parts = standard_parts()
    parts["word/media/bomb.bin"] = b"\0" * (20 * 1024 * 1024)
    path = make_package(tmp_path, parts)
    message = refusal(path, Limits(max_part_bytes=256 * 1024 * 1024, max_ratio=100))
    assert "zip bomb" in message


def test_a_part_larger_than_the_cap_is_refused(tmp_path):
    parts = standard_parts()
    parts["word/media/big.bin"] = bytes(range(256)) * 8192  # 2 MiB, barely compressible
    assert "zip bomb" in refusal(make_package(tmp_path, parts), Limits(max_part_bytes=1024 * 1024))


def test_a_lying_zip_directory_is_caught_while_inflating(tmp_path):
    path = make_package(tmp_path, standard_parts())
    package = Package(path)
    # Pretend the directory declared a small size: reading must stop at the cap.
    package.limits = Limits(max_part_bytes=10, max_total_bytes=10)
    with pytest.raises(InputError, match="beyond its limit"):
        package.read("word/document.xml")


def test_too_many_parts_are_refused(tmp_path):
    parts = standard_parts()
    for i in range(30):
        parts[f"customXml/item{i}.xml"] = "<a/>"
    assert "parts" in refusal(make_package(tmp_path, parts), Limits(max_parts=20))


def test_part_names_escaping_the_package_are_refused(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for part, data in standard_parts().items():
            z.writestr(part, data)
        z.writestr("../../evil.xml", "<a/>")
    path = tmp_path / "escape.docx"
    path.write_bytes(buffer.getvalue())
    assert "outside the package" in refusal(path)


def test_duplicate_part_names_are_refused(tmp_path):
    buffer = io.BytesIO()
    with pytest.warns(UserWarning):
        with zipfile.ZipFile(buffer, "w") as z:
            for part, data in standard_parts().items():
                z.writestr(part, data)
            z.writestr("word/document.xml", DOCUMENT)
    path = tmp_path / "dup.docx"
    path.write_bytes(buffer.getvalue())
    assert "duplicate part name" in refusal(path)


def test_relationships_resolve_relative_targets_and_skip_external_ones(tmp_path):
    parts = standard_parts()
    parts["word/_rels/document.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://x/styles" Target="styles.xml"/>'
        '<Relationship Id="rId2" Type="http://x/hyperlink" Target="https://example.org" TargetMode="External"/>'
        '</Relationships>'
    )
    parts["word/styles.xml"] = "<styles/>"
    package = Package(make_package(tmp_path, parts))
    assert package.related("word/document.xml", "styles") == ["word/styles.xml"]
    assert package.related("word/document.xml", "hyperlink") == []


def test_a_part_name_with_backslashes_is_named_for_what_it_is(tmp_path):
    parts = standard_parts()
    parts["word\\media\\image1.png"] = b"png"
    assert "backslashes" in refusal(make_package(tmp_path, parts))
