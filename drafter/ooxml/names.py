"""OOXML namespaces, Clark-notation tag helpers and the Strict-to-Transitional map.

Readers compare ``element.tag`` with the constants built here (``w("p")`` is
``"{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"``). Strict
OOXML parts use other namespace URIs for the same vocabulary; :func:`to_transitional`
rewrites those URIs in a part's bytes before parsing, so one set of constants
reads both flavours.
"""

from __future__ import annotations

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "ep": "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    "custom": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "vt": "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
}

# Strict OOXML (ISO/IEC 29500 strict) URI -> the Transitional URI of the same vocabulary.
STRICT_TO_TRANSITIONAL = {
    "http://purl.oclc.org/ooxml/wordprocessingml/main": NS["w"],
    "http://purl.oclc.org/ooxml/officeDocument/relationships": NS["r"],
    "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing": NS["wp"],
    "http://purl.oclc.org/ooxml/drawingml/main": NS["a"],
    "http://purl.oclc.org/ooxml/drawingml/picture": NS["pic"],
    "http://purl.oclc.org/ooxml/officeDocument/math": NS["m"],
    "http://purl.oclc.org/ooxml/officeDocument/extendedProperties": NS["ep"],
    "http://purl.oclc.org/ooxml/officeDocument/customProperties": NS["custom"],
    "http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes": NS["vt"],
}
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_STRICT_MARKER = b"http://purl.oclc.org/ooxml/"


def _clark(prefix: str, local: str) -> str:
    return f"{{{NS[prefix]}}}{local}"


def w(local: str) -> str:
    """The Clark name of WordprocessingML element or attribute ``local``."""
    return _clark("w", local)


def r(local: str) -> str:
    return _clark("r", local)


def wp(local: str) -> str:
    return _clark("wp", local)


def a(local: str) -> str:
    return _clark("a", local)


def m(local: str) -> str:
    return _clark("m", local)


def mc(local: str) -> str:
    return _clark("mc", local)


def v(local: str) -> str:
    return _clark("v", local)


def o(local: str) -> str:
    return _clark("o", local)


def wps(local: str) -> str:
    return _clark("wps", local)


def is_strict(data: bytes) -> bool:
    """True when a part's bytes use Strict OOXML namespaces."""
    return _STRICT_MARKER in data


def to_transitional(data: bytes) -> bytes:
    """Rewrite Strict namespace URIs in ``data`` to their Transitional twins.

    A plain byte substitution before parsing: it costs one C-speed pass and
    leaves the package's own cached trees untouched for writers.
    """
    if _STRICT_MARKER not in data:
        return data
    for strict, transitional in STRICT_TO_TRANSITIONAL.items():
        data = data.replace(strict.encode(), transitional.encode())
    return data


def on_off(element, attribute: str | None = None) -> bool:
    """Read an ST_OnOff property element: present means on unless val says off."""
    value = element.get(attribute or w("val"))
    if value is None:
        return True
    return value.strip().lower() not in ("0", "false", "off", "none")


def int_value(value: str | None) -> int | None:
    """An integer attribute's value, or None when it is missing or not a whole number."""
    if value is None:
        return None
    try:
        return int(value.strip())
    except ValueError:
        return None


def local_name(tag) -> str:
    """``tag`` without its namespace ("" for comments and processing instructions)."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
