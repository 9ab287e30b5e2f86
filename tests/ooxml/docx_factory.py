"""Build small DOCX packages from XML strings for reader and writer tests.

``make_docx(tmp_path, '<w:p><w:r><w:t>Hi</w:t></w:r></w:p>')`` writes a valid
package whose body holds that paragraph. A ``document_xml`` that starts with
``<w:document`` or ``<?xml`` is used as the whole part; anything else is body
content wrapped with every namespace prefix the tests use (w, r, wp, a, pic, mc,
wps, v, o, m, w14). Other parts are optional and get their relationships and
content-type overrides automatically. Headers and footers are given as
``{"rIdHeader1": xml}`` so a test's ``w:sectPr`` can reference them by id.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_BASE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    f'xmlns:r="{R_NS}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'mc:Ignorable="w14"'
)

MAIN_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
    "dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
}
_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."

# The styles part a package gets unless a test passes its own (or None for none).
DEFAULT_STYLES = (
    "<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val='fi-FI'/></w:rPr></w:rPrDefault></w:docDefaults>"
    "<w:style w:type='paragraph' w:default='1' w:styleId='Normal'><w:name w:val='Normal'/></w:style>"
)


def wrap(root: str, content: str, namespaces: str = NAMESPACES) -> str:
    """``content`` inside ``<w:ROOT>`` with the test namespaces declared."""
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{root} {namespaces}>{content}</w:{root}>'


def document(body: str) -> str:
    """A whole document part around ``body`` content."""
    return wrap("document", f"<w:body>{body}</w:body>")


def _full(xml: str | None, root: str) -> str | None:
    if xml is None:
        return None
    stripped = xml.lstrip()
    if stripped.startswith("<?xml") or stripped.startswith(f"<w:{root}"):
        return xml
    if root == "document":
        return document(xml)
    return wrap(root, xml)


def make_docx(
    tmp_path: Path,
    document_xml: str,
    styles_xml: str | None = DEFAULT_STYLES,
    numbering_xml: str | None = None,
    comments_xml: str | None = None,
    footnotes_xml: str | None = None,
    endnotes_xml: str | None = None,
    settings_xml: str | None = None,
    headers: dict[str, str] | None = None,
    footers: dict[str, str] | None = None,
    core_xml: str | None = None,
    app_xml: str | None = None,
    custom_xml: str | None = None,
    kind: str = "docx",
    extra_rels: list[tuple[str, str, str]] | None = None,
    strict: bool = False,
    name: str = "test.docx",
) -> Path:
    """Write a DOCX package built from the given part strings; return its path.

    ``styles_xml`` defaults to :data:`DEFAULT_STYLES` (Normal, fi-FI); pass None
    for a package without a styles part. Styles, numbering, comments, notes and
    settings may be whole parts or just
    their inner content (wrapped in w:styles, w:numbering, ...). ``extra_rels``
    adds (id, type-suffix, target) relationships to the main part, e.g. a
    dangling one. ``strict`` rewrites every part to Strict OOXML namespaces.
    """
    parts: dict[str, str] = {"word/document.xml": _full(document_xml, "document")}  # type: ignore[dict-item]
    rels: list[tuple[str, str, str]] = []
    overrides = {"/word/document.xml": MAIN_TYPES[kind]}
    optional = [
        ("styles", styles_xml, "styles", "styles.xml", _WML + "styles+xml"),
        ("numbering", numbering_xml, "numbering", "numbering.xml", _WML + "numbering+xml"),
        ("comments", comments_xml, "comments", "comments.xml", _WML + "comments+xml"),
        ("footnotes", footnotes_xml, "footnotes", "footnotes.xml", _WML + "footnotes+xml"),
        ("endnotes", endnotes_xml, "endnotes", "endnotes.xml", _WML + "endnotes+xml"),
        ("settings", settings_xml, "settings", "settings.xml", _WML + "settings+xml"),
    ]
    for root, xml, rel_type, file_name, content_type in optional:
        if xml is None:
            continue
        parts[f"word/{file_name}"] = _full(xml, root)  # type: ignore[assignment]
        rels.append((f"rId{rel_type}", rel_type, file_name))
        overrides[f"/word/{file_name}"] = content_type
    for kind_name, given in (("header", headers), ("footer", footers)):
        for i, (rel_id, xml) in enumerate((given or {}).items(), start=1):
            file_name = f"{kind_name}{i}.xml"
            parts[f"word/{file_name}"] = _full(xml, "hdr" if kind_name == "header" else "ftr")  # type: ignore[assignment]
            rels.append((rel_id, kind_name, file_name))
            overrides[f"/word/{file_name}"] = _WML + f"{kind_name}+xml"
    rels.extend(extra_rels or [])

    package_rels = [("rId1", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
                     "word/document.xml")]
    for rel_id, xml, rel_type, file_name, content_type in (
        ("rId2", core_xml, "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
         "docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("rId3", app_xml, REL_BASE + "extended-properties", "docProps/app.xml",
         "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
        ("rId4", custom_xml, REL_BASE + "custom-properties", "docProps/custom.xml",
         "application/vnd.openxmlformats-officedocument.custom-properties+xml"),
    ):
        if xml is not None:
            parts[file_name] = xml
            package_rels.append((rel_id, rel_type, file_name))
            overrides["/" + file_name] = content_type

    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{k}" ContentType="{v}"/>' for k, v in overrides.items())
        + "</Types>"
    )
    path = Path(tmp_path) / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", _rels_xml(package_rels))
        archive.writestr("word/_rels/document.xml.rels",
                         _rels_xml([(i, t if "/" in t else REL_BASE + t, target) for i, t, target in rels]))
        for part_name, xml in parts.items():
            if strict:
                xml = xml.replace(W_NS, STRICT_W_NS).replace(
                    R_NS, "http://purl.oclc.org/ooxml/officeDocument/relationships")
            archive.writestr(part_name, xml)
    return path


def _rels_xml(rels: list[tuple[str, str, str]]) -> str:
    body = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in rels)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{body}</Relationships>')


def para(text: str, ppr: str = "", rpr: str = "") -> str:
    """A one-run paragraph: ``<w:p><w:pPr>ppr</w:pPr><w:r>...<w:t>text</w:t></w:r></w:p>``."""
    ppr_xml = f"<w:pPr>{ppr}</w:pPr>" if ppr else ""
    rpr_xml = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:p>{ppr_xml}<w:r>{rpr_xml}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def run(text: str, rpr: str = "") -> str:
    rpr_xml = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{rpr_xml}<w:t xml:space="preserve">{text}</w:t></w:r>'
