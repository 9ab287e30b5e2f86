"""Hostile and damaged zip packages, through the CLI: one line and exit 2, or a correct result.

tests/test_package_safety.py proves the opener's refusals on its own; these
prove that outline, check and publish carry them out to the user unchanged.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from drafter.ooxml.package import Limits, Package
from drafter.ooxml.reader import read_document
from hostile_builders import (
    MEASURE_TEXT, ROOT_RELS, draft_parts, flip_crc, relationships, stream_written_draft, write_draft,
    write_package, zip_bomb_bytes,
)
from hostile_cli import assert_all_read, assert_all_refused


def accepted_text(path) -> str:
    return "\n".join(p.text for p in read_document(str(path)).paragraphs())


def test_a_part_that_would_inflate_past_its_cap_is_refused_before_inflating(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(zip_bomb_bytes(300 << 20))
    assert_all_refused(path, tmp_path, "possible zip bomb", "word/media/padding.bin")


def test_an_extreme_compression_ratio_is_refused(tmp_path):
    path = tmp_path / "ratio.docx"
    path.write_bytes(zip_bomb_bytes(20 << 20))
    assert_all_refused(path, tmp_path, "compression ratio")


def test_a_package_whose_parts_together_inflate_past_the_total_cap_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_MAX_TOTAL_BYTES", str(3 << 20))
    parts = list(draft_parts().items()) + [(f"word/media/m{i}.bin", bytes(range(256)) * 4096) for i in range(4)]
    path = write_package(tmp_path / "total.docx", parts)
    assert_all_refused(path, tmp_path, "would inflate to", "possible zip bomb")


def test_thousands_of_parts_are_refused(tmp_path):
    parts = list(draft_parts().items()) + [(f"word/media/p{i}.bin", b"x") for i in range(6000)]
    path = write_package(tmp_path / "many.docx", parts)
    assert_all_refused(path, tmp_path, "6008 parts")


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("duplicate", ["word/document.xml", "WORD/document.xml"])
def test_duplicate_part_names_are_refused(tmp_path, duplicate):
    parts = list(draft_parts().items()) + [(duplicate, b"<x/>")]
    path = write_package(tmp_path / "dup.docx", parts)
    assert_all_refused(path, tmp_path, "duplicate part name")


@pytest.mark.parametrize("name", ["../evil.xml", "word/../../evil.xml", "/abs/evil.xml", "word\\media\\x.xml"])
def test_part_names_that_escape_or_are_odd_are_refused(tmp_path, name):
    path = write_package(tmp_path / "escape.docx", list(draft_parts().items()) + [(name, b"<x/>")])
    if name == "/abs/evil.xml":
        # zipfile strips a leading slash on writing: the name is stored inside the package.
        assert_all_read(path, tmp_path)
    else:
        assert_all_refused(path, tmp_path, "refused: part name")


def test_unicode_and_bidi_part_names_are_read(tmp_path):
    parts = list(draft_parts().items()) + [("word/media/kuva-ÄÖå-\u202eexe.png", b"\x89PNG")]
    path = write_package(tmp_path / "unicode.docx", parts)
    assert_all_read(path, tmp_path)


@pytest.mark.parametrize("missing", ["word/styles.xml", "word/numbering.xml", "word/comments.xml"])
def test_a_relationship_to_a_missing_part_is_a_read_notice(tmp_path, missing):
    path = write_draft(tmp_path / "dangling.docx", {missing: None})
    assert_all_read(path, tmp_path)
    notices = read_document(str(path)).notices
    assert any(n.code == "dangling-relationship" and missing in n.message for n in notices), notices
    assert MEASURE_TEXT in accepted_text(path)


def test_relationship_targets_outside_the_package_are_never_read(tmp_path):
    rels = relationships([("rId1", "styles", "../../../../etc/passwd"), ("rId2", "numbering", "/etc/passwd"),
                          ("rId3", "comments", "comments.xml")])
    path = write_draft(tmp_path / "rels.docx", {"word/_rels/document.xml.rels": rels})
    outcomes = assert_all_read(path, tmp_path)
    assert all("root:" not in o.stdout for o in outcomes)


def test_missing_document_relationships_still_read_the_body(tmp_path):
    path = write_draft(tmp_path / "norels.docx", {"word/_rels/document.xml.rels": None})
    assert_all_read(path, tmp_path)
    assert MEASURE_TEXT in accepted_text(path)


@pytest.mark.parametrize("missing", ["[Content_Types].xml", "_rels/.rels"])
def test_missing_content_types_or_root_relationships_still_read_the_body(tmp_path, missing):
    path = write_draft(tmp_path / "missing.docx", {missing: None})
    assert_all_read(path, tmp_path)
    assert MEASURE_TEXT in accepted_text(path)


def test_a_main_part_relationship_to_nowhere_is_refused(tmp_path):
    rels = ROOT_RELS.replace('Target="word/document.xml"', 'Target="word/nothing.xml"')
    path = write_draft(tmp_path / "nomain.docx", {"_rels/.rels": rels})
    assert_all_refused(path, tmp_path, "main part word/nothing.xml is missing")


def test_a_part_that_fails_its_crc_is_refused(tmp_path):
    buffer = io.BytesIO()
    write_package(buffer, draft_parts())
    path = tmp_path / "crc.docx"
    path.write_bytes(flip_crc(buffer.getvalue(), "word/document.xml"))
    assert_all_refused(path, tmp_path, "corrupt part word/document.xml")


def test_a_secondary_part_that_fails_its_crc_never_crashes(tmp_path):
    buffer = io.BytesIO()
    write_package(buffer, draft_parts())
    path = tmp_path / "crc.docx"
    path.write_bytes(flip_crc(buffer.getvalue(), "word/styles.xml"))
    from hostile_cli import every_command

    for outcome in every_command(path, tmp_path):
        assert outcome.exception is None and outcome.exit_code in (0, 1, 2)
        if outcome.exit_code == 2:
            assert outcome.stderr.count("\n") == 1 and "word/styles.xml" in outcome.stderr


def test_a_zip_with_data_descriptors_and_zip64_records_is_read(tmp_path):
    path = stream_written_draft(tmp_path / "stream.docx")
    with zipfile.ZipFile(path) as archive:
        assert all(info.flag_bits & 0x08 for info in archive.infolist())  # data descriptors present
    assert_all_read(path, tmp_path)
    assert MEASURE_TEXT in accepted_text(path)


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_other_zip_compression_methods_are_read(tmp_path, method):
    path = write_package(tmp_path / "method.docx", draft_parts(), method)
    assert_all_read(path, tmp_path)


def test_a_truncated_zip_is_refused(tmp_path):
    whole = write_draft(tmp_path / "whole.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])
    assert_all_refused(path, tmp_path, "corrupt or truncated")


def test_a_docx_nested_inside_a_zip_is_not_unpacked(tmp_path):
    inner = write_draft(tmp_path / "inner.docx").read_bytes()
    path = write_package(tmp_path / "outer.docx", {"inner.docx": inner})
    assert_all_refused(path, tmp_path, "no main document part")


def test_the_opener_reads_no_part_before_it_is_asked(tmp_path):
    path = tmp_path / "bomb.docx"
    path.write_bytes(zip_bomb_bytes(100 << 20))
    package = Package(path, Limits(max_ratio=1e9))  # let the ratio pass to see what opening reads
    assert package.main_part == "word/document.xml"
    assert "word/media/padding.bin" not in package._bytes  # sizes come from the directory
