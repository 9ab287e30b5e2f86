"""Hostile and odd XML inside a DOCX, through the CLI: refused in one line, or read correctly.

Complements tests/test_package_safety.py (the opener on its own): here every
threat goes through ``outline``, ``check`` and ``publish``, and secrets or
network targets named by entities must never show up anywhere.
"""

from __future__ import annotations

import json
import socket
import threading

import pytest

from drafter.ooxml.reader import read_document
from hostile_builders import (
    BODY, MEASURE_TEXT, W, billion_laughs, deep_body, draft_parts, write_draft, write_package, xxe,
)
from hostile_cli import assert_all_read, assert_all_refused, every_command, run

MAIN_PARTS = ["word/document.xml", "[Content_Types].xml", "_rels/.rels"]
SECONDARY_PARTS = ["word/styles.xml", "word/numbering.xml", "word/comments.xml", "docProps/core.xml",
                   "word/_rels/document.xml.rels"]


def accepted_text(path) -> str:
    return "\n".join(p.text for p in read_document(str(path)).paragraphs())


def everything_written(outcomes, out_dir) -> str:
    """All text drafter produced: stdout, stderr and the published package's bytes."""
    published = out_dir / "published.docx"
    data = published.read_bytes().decode("latin-1") if published.exists() else ""
    return "".join(o.stdout + o.stderr for o in outcomes) + data


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("TOPSECRET-4f1c", encoding="utf-8")
    return path


@pytest.mark.parametrize("part", MAIN_PARTS)
def test_an_external_entity_in_a_part_needed_to_find_the_text_is_refused(tmp_path, secret, part):
    original = draft_parts()[part].decode()
    path = write_draft(tmp_path / "xxe.docx", {part: xxe(original, secret.as_uri())})
    for line in assert_all_refused(path, tmp_path, "DOCTYPE"):
        assert "TOPSECRET" not in line


@pytest.mark.parametrize("part", SECONDARY_PARTS)
def test_an_external_entity_in_a_secondary_part_is_never_expanded(tmp_path, secret, part):
    original = draft_parts()[part].decode()
    if part == "docProps/core.xml":
        original = original.replace("<dc:title>", "<dc:title>&xxe;")
    path = write_draft(tmp_path / "xxe.docx", {part: xxe(original, secret.as_uri())})
    outcomes = every_command(path, tmp_path)
    for outcome in outcomes:
        assert outcome.exception is None and outcome.exit_code in (0, 1, 2), outcome
        assert "Traceback" not in outcome.stderr
        if outcome.exit_code == 2:  # publish refuses a package part it would have to rewrite
            assert len(outcome.stderr.strip().splitlines()) == 1 and "DOCTYPE" in outcome.stderr
    assert "TOPSECRET" not in everything_written(outcomes, tmp_path)
    assert MEASURE_TEXT in accepted_text(path)
    notices = read_document(str(path)).notices
    if part != "word/_rels/document.xml.rels":
        assert any(part in n.message or n.part == part for n in notices), notices


def test_an_entity_naming_a_network_address_never_opens_a_connection(tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.5)
    connections = []

    def accept():
        try:
            connections.append(listener.accept())
        except OSError:
            pass

    thread = threading.Thread(target=accept)
    thread.start()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/dtd"
    parts = draft_parts()
    for part in ("word/document.xml", "word/styles.xml", "word/numbering.xml"):
        tampered = dict(parts)
        tampered[part] = xxe(parts[part].decode(), url).encode()
        path = write_package(tmp_path / f"net-{part.replace('/', '_')}.docx", tampered)
        every_command(path, tmp_path)
    thread.join()
    listener.close()
    assert connections == []


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml"])
def test_billion_laughs_never_expands(tmp_path, part):
    original = draft_parts()[part].decode()
    if part == "word/styles.xml":
        original = original.replace('<w:name w:val="Normal"/>', '<w:name w:val="Normal"/><w:t></w:t>')
    path = write_draft(tmp_path / "laughs.docx", {part: billion_laughs(original)})
    if part == "word/document.xml":
        assert_all_refused(path, tmp_path, "DOCTYPE")
    else:
        for outcome in every_command(path, tmp_path):
            assert outcome.exception is None and outcome.exit_code in (0, 1, 2)
            assert "lol" not in outcome.stdout
            if outcome.exit_code == 2:  # publish refuses a part it would have to rewrite
                assert len(outcome.stderr.strip().splitlines()) == 1 and "DOCTYPE" in outcome.stderr


def test_nesting_beyond_the_depth_limit_is_refused(tmp_path):
    path = write_draft(tmp_path / "deep.docx", body=deep_body(300))
    assert_all_refused(path, tmp_path, "nests deeper than")


def test_nesting_deeper_than_libxml2_allows_is_refused_not_crashed(tmp_path):
    path = write_draft(tmp_path / "deeper.docx", body=deep_body(5000))
    assert_all_refused(path, tmp_path, "word/document.xml")


def test_nesting_within_the_limit_is_read(tmp_path):
    path = write_draft(tmp_path / "nested.docx", body=deep_body(200))
    assert_all_read(path, tmp_path)
    assert MEASURE_TEXT in accepted_text(path)


def test_invalid_utf8_is_refused_naming_the_part(tmp_path):
    broken = draft_parts()["word/document.xml"].replace(b"Johdanto", b"Joh\xff\xfedanto")
    path = write_draft(tmp_path / "utf8.docx", {"word/document.xml": broken})
    assert_all_refused(path, tmp_path, "word/document.xml")


def test_a_utf8_byte_order_mark_is_read(tmp_path):
    path = write_draft(tmp_path / "bom.docx", {"word/document.xml": b"\xef\xbb\xbf" + draft_parts()["word/document.xml"]})
    assert_all_read(path, tmp_path)
    assert MEASURE_TEXT in accepted_text(path)


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "word/numbering.xml"])
def test_utf16_encoded_parts_are_read(tmp_path, part):
    text = draft_parts()[part].decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = write_draft(tmp_path / "utf16.docx", {part: text.encode("utf-16")})
    outcomes = assert_all_read(path, tmp_path)
    assert MEASURE_TEXT in accepted_text(path)
    measures = json.loads(run("outline", "--format", "json", path).stdout)["measures"]
    assert [m["number"] for m in measures] == [1]
    assert outcomes[0].stdout.count("Kunnat laativat") == 1


def test_strict_ooxml_namespaces_are_read(tmp_path):
    strict = {
        name: data.replace(W.encode(), b"http://purl.oclc.org/ooxml/wordprocessingml/main").replace(
            b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
            b"http://purl.oclc.org/ooxml/officeDocument/relationships")
        for name, data in draft_parts().items()}
    path = write_package(tmp_path / "strict.docx", strict)
    assert_all_read(path, tmp_path)
    assert MEASURE_TEXT in accepted_text(path)
    assert "Johdanto" in run("outline", path).stdout


def test_unknown_elements_in_an_ignorable_namespace_are_skipped(tmp_path):
    document = draft_parts()["word/document.xml"].decode().replace(
        "<w:document ", '<w:document xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:zz="urn:example:unknown" mc:Ignorable="zz" ').replace(
        "<w:body>", "<w:body><zz:future zz:attr='1'/><w:futureElement w:val='x'/>")
    path = write_draft(tmp_path / "mc.docx", {"word/document.xml": document})
    assert_all_read(path, tmp_path)
    assert MEASURE_TEXT in accepted_text(path)


def test_an_undeclared_prefix_is_refused_as_broken_xml(tmp_path):
    document = draft_parts()["word/document.xml"].decode().replace("<w:body>", "<w:body><qq:x/>")
    path = write_draft(tmp_path / "prefix.docx", {"word/document.xml": document})
    assert_all_refused(path, tmp_path, "broken XML in word/document.xml")


def test_garbage_numbering_values_are_read_not_crashed(tmp_path):
    numbering = (
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="zz"><w:lvl w:ilvl="-5">'
        '<w:start w:val="99999999999999999999"/><w:numFmt w:val="garbage"/><w:lvlText w:val="%9%1%%"/>'
        '</w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="zz"/></w:num></w:numbering>')
    body = BODY.replace('w:ilvl w:val="0"', 'w:ilvl w:val="99999999999999999"')
    path = write_draft(tmp_path / "numbering.docx", {"word/numbering.xml": numbering}, body=body)
    assert_all_read(path, tmp_path)


def test_a_numbering_reference_to_nowhere_is_read(tmp_path):
    path = write_draft(tmp_path / "nowhere.docx", body=BODY.replace('w:numId w:val="1"', 'w:numId w:val="999"'))
    assert_all_read(path, tmp_path)
    assert MEASURE_TEXT in accepted_text(path)


def test_a_style_inheritance_loop_is_read(tmp_path):
    styles = (f'<w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/></w:style></w:styles>')
    path = write_draft(tmp_path / "loop.docx", {"word/styles.xml": styles}, body=BODY.replace("Heading1", "A"))
    assert_all_read(path, tmp_path)
