"""Build hostile and broken DOCX packages from parts given as strings or bytes.

A package is a list of ``(part name, bytes)`` pairs so that tests can write what
a well-behaved writer never would: duplicate names, ``..`` paths, backslashes,
thousands of parts. :func:`draft_parts` gives a small but complete programme
draft (styles, numbering, comments, core properties, a table) that the hostile
variants start from; :func:`write_package` writes any list as a zip.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
MAIN_TYPE = WML + "document.main+xml"
DOCM_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"
DOTX_TYPE = WML + "template.main+xml"
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# The text every readable variant must still show: the reader's accepted view.
MEASURE_TEXT = "Kunnat laativat lähisuhdeväkivallan vastaisen suunnitelman."

BODY = (
    '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>I Johdanto</w:t></w:r></w:p>'
    '<w:p><w:r><w:t xml:space="preserve">Ohjelma koskee </w:t></w:r>'
    '<w:commentRangeStart w:id="0"/><w:r><w:t>väkivallan ehkäisyä</w:t></w:r><w:commentRangeEnd w:id="0"/>'
    '<w:r><w:commentReference w:id="0"/></w:r><w:r><w:t>.</w:t></w:r></w:p>'
    '<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>II Toimenpiteet</w:t></w:r></w:p>'
    '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    f'<w:r><w:t>{MEASURE_TEXT}</w:t></w:r></w:p>'
    '<w:p><w:r><w:t>Vastuutaho: sosiaali- ja terveysministeriö</w:t></w:r></w:p>'
    '<w:p><w:r><w:t>Aikataulu: 2025–2027</w:t></w:r></w:p>'
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Rahoitus</w:t></w:r></w:p></w:tc>'
    '<w:tc><w:p><w:r><w:t>100 000 euroa</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
    '<w:sectPr/>'
)

STYLES = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="fi-FI"/></w:rPr></w:rPrDefault></w:docDefaults>'
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>'
)

NUMBERING = (
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
)

COMMENTS = (
    '<w:comment w:id="0" w:author="Virkamies" w:date="2025-01-01T00:00:00Z">'
    '<w:p><w:r><w:t>Tarkista tämä.</w:t></w:r></w:p></w:comment>'
)

CORE = (
    XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Luonnos</dc:title>'
    '<dc:creator>Virkamies</dc:creator></cp:coreProperties>'
)


def wml(root: str, content: str, extra_ns: str = "") -> str:
    """A WordprocessingML part: ``<w:ROOT>`` around ``content`` with w and r declared."""
    return f'{XML_DECL}<w:{root} xmlns:w="{W}" xmlns:r="{R}"{extra_ns}>{content}</w:{root}>'


def content_types(main_type: str = MAIN_TYPE, extra: str = "") -> str:
    overrides = {
        "/word/document.xml": main_type, "/word/styles.xml": WML + "styles+xml",
        "/word/numbering.xml": WML + "numbering+xml", "/word/comments.xml": WML + "comments+xml",
        "/docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    }
    body = "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides.items())
    return (f'{XML_DECL}<Types xmlns="{CT}">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{body}{extra}</Types>')


def relationships(rels: list[tuple[str, str, str]]) -> str:
    """A .rels part from (id, type suffix or full type, target)."""
    items = "".join(
        f'<Relationship Id="{rid}" Type="{kind if "://" in kind else R + "/" + kind}" Target="{target}"/>'
        for rid, kind, target in rels)
    return f'{XML_DECL}<Relationships xmlns="{PR}">{items}</Relationships>'


ROOT_RELS = relationships([
    ("rId1", "officeDocument", "word/document.xml"),
    ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
     "docProps/core.xml"),
])
DOCUMENT_RELS = relationships([
    ("rId1", "styles", "styles.xml"), ("rId2", "numbering", "numbering.xml"), ("rId3", "comments", "comments.xml"),
])


def draft_parts(body: str = BODY, main_type: str = MAIN_TYPE) -> dict[str, bytes]:
    """The parts of a small, valid programme draft, by name, as UTF-8 bytes."""
    parts = {
        "[Content_Types].xml": content_types(main_type),
        "_rels/.rels": ROOT_RELS,
        "word/document.xml": wml("document", f"<w:body>{body}</w:body>"),
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": wml("styles", STYLES),
        "word/numbering.xml": wml("numbering", NUMBERING),
        "word/comments.xml": wml("comments", COMMENTS),
        "docProps/core.xml": CORE,
    }
    return {name: text.encode("utf-8") for name, text in parts.items()}


def write_package(path: Path, parts, compression: int = zipfile.ZIP_DEFLATED) -> Path:
    """Write ``parts`` (a dict or a list of (name, bytes|str) pairs) as a zip at ``path``."""
    items = parts.items() if isinstance(parts, dict) else parts
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in items:
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return path


def write_draft(path: Path, replace: dict[str, bytes | str | None] | None = None,
                main_type: str = MAIN_TYPE, body: str = BODY) -> Path:
    """Write the sample draft with some parts replaced (a value of None drops the part)."""
    parts = draft_parts(body, main_type)
    for name, data in (replace or {}).items():
        if data is None:
            parts.pop(name, None)
        else:
            parts[name] = data.encode("utf-8") if isinstance(data, str) else data
    return write_package(path, parts)


# -- XML attacks --------------------------------------------------------------

def xxe(root_xml: str, system: str = "file:///etc/passwd") -> str:
    """``root_xml`` (a whole part) with a DOCTYPE declaring an external entity, used in the text."""
    body = root_xml.removeprefix(XML_DECL)
    doctype = f'<!DOCTYPE foo [<!ENTITY xxe SYSTEM "{system}">]>'
    if "<w:t>" in body:
        body = body.replace("<w:t>", "<w:t>&xxe;", 1)
    return XML_DECL + doctype + body


def billion_laughs(root_xml: str, levels: int = 10) -> str:
    """``root_xml`` with the classic exponential entity expansion in its first text."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, levels)]
    body = root_xml.removeprefix(XML_DECL).replace("<w:t>", f"<w:t>&lol{levels - 1};", 1)
    return XML_DECL + f"<!DOCTYPE lolz [{''.join(entities)}]>" + body


def deep_body(depth: int) -> str:
    """A body whose content is nested ``depth`` smart tags deep."""
    return ("<w:customXml w:element='x'>" * depth + f"<w:p><w:r><w:t>{MEASURE_TEXT}</w:t></w:r></w:p>"
            + "</w:customXml>" * depth + "<w:sectPr/>")


# -- zip-level damage ---------------------------------------------------------

def zip_bomb_bytes(part_bytes: int) -> bytes:
    """A valid draft plus one part of ``part_bytes`` zeros, compressed (~1000:1)."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in draft_parts().items():
            archive.writestr(name, data)
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as stream:
            chunk = b"\0" * (1 << 20)
            for _ in range(part_bytes >> 20):
                stream.write(chunk)
    return buffer.getvalue()


def flip_crc(data: bytes, part: str) -> bytes:
    """Zip bytes with the stored CRC-32 of ``part`` changed (local header and directory)."""
    out = bytearray(data)
    name = part.encode()
    for signature, crc_offset, name_offset in ((b"PK\x03\x04", 14, 30), (b"PK\x01\x02", 16, 46)):
        start = 0
        while (start := out.find(signature, start)) >= 0:
            if out[start + name_offset:start + name_offset + len(name)] == name:
                old = struct.unpack_from("<I", out, start + crc_offset)[0]
                struct.pack_into("<I", out, start + crc_offset, old ^ 0xDEADBEEF)
            start += 4
    return bytes(out)


def stream_written_draft(path: Path) -> Path:
    """The draft written through a non-seekable stream: every entry has a data descriptor."""

    class Unseekable:
        def __init__(self, handle):
            self.handle = handle

        def write(self, data):
            return self.handle.write(data)

        def flush(self):
            self.handle.flush()

        def tell(self):
            return self.handle.tell()

        def seekable(self):
            return False

    with open(path, "wb") as raw:
        with zipfile.ZipFile(Unseekable(raw), "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in draft_parts().items():
                with archive.open(name, "w", force_zip64=True) as stream:
                    stream.write(data)
    return path


def crc32(data: bytes) -> int:
    return zlib.crc32(data) & 0xFFFFFFFF
