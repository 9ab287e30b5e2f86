"""Open a DOCX package safely: size limits, no DTDs or entities, no network.

Every way a file can fail to be a DOCX ends here as an :class:`InputError` with
one readable reason. Part sizes and compression ratios are checked from the zip
directory *before* inflating, and again while inflating (a directory can lie).
XML is parsed with DTD loading, entity resolution and network access off, and
any DOCTYPE is refused: OOXML parts never carry one.
"""

from __future__ import annotations

import io
import os
import posixpath
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from drafter.errors import InputError

NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
NS_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
    "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAIN_CONTENT_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.ms-word.document.macroEnabled.main+xml": "docm",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "dotx",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": "dotm",
}


@dataclass(frozen=True)
class Limits:
    """Caps that keep a hostile package from exhausting memory or time."""

    max_file_bytes: int = 200 * 1024 * 1024
    max_parts: int = 5000
    max_part_bytes: int = 256 * 1024 * 1024      # one inflated part
    max_total_bytes: int = 1024 * 1024 * 1024    # all inflated parts together
    max_ratio: float = 200.0                     # inflated / compressed, for parts over 1 MiB
    max_xml_depth: int = 256

    @classmethod
    def from_env(cls) -> "Limits":
        """Limits, with DRAFTER_MAX_* environment variables overriding defaults."""
        kwargs = {}
        for name in ("max_file_bytes", "max_parts", "max_part_bytes", "max_total_bytes"):
            value = os.environ.get("DRAFTER_" + name.upper())
            if value:
                kwargs[name] = int(value)
        ratio = os.environ.get("DRAFTER_MAX_RATIO")
        if ratio:
            kwargs["max_ratio"] = float(ratio)
        return cls(**kwargs)


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=True, remove_blank_text=False, collect_ids=False,
    )


class Package:
    """A DOCX package read into memory: its parts' bytes, content types and relationships.

    Parts are read lazily but each only once, within the limits. Use
    :meth:`xml` for parsed parts (cached) and :meth:`main_part` for the
    document part's name.
    """

    def __init__(self, path: str | os.PathLike, limits: Limits | None = None) -> None:
        self.path = str(path)
        self.limits = limits or Limits.from_env()
        self._data = _read_input(self.path, self.limits)
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(self._data))
        except zipfile.BadZipFile:
            raise InputError(self.path, "not a DOCX file: the zip container is corrupt or truncated") from None
        except (OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise InputError(self.path, f"not a DOCX file: unreadable zip container ({exc})") from None
        self._infos = self._index()
        self._bytes: dict[str, bytes] = {}
        self._xml: dict[str, etree._Element] = {}
        self._inflated = 0
        self.content_types = self._read_content_types()
        self.main_part = self._find_main_part()
        self.kind = MAIN_CONTENT_TYPES.get(self.content_type(self.main_part) or "", "docx")

    # -- parts -------------------------------------------------------------

    def _index(self) -> dict[str, zipfile.ZipInfo]:
        infos = self._zip.infolist()
        if len(infos) > self.limits.max_parts:
            raise InputError(self.path, f"refused: the package has {len(infos)} parts (limit {self.limits.max_parts})")
        index: dict[str, zipfile.ZipInfo] = {}
        seen: set[str] = set()
        total = 0
        for info in infos:
            name = info.filename
            if name.endswith("/"):
                continue
            if "\\" in name:
                raise InputError(self.path, f"refused: part name {name!r} uses backslashes, which OPC forbids")
            normal = posixpath.normpath(name).lstrip("/")
            if normal.startswith("..") or normal != name.lstrip("/"):
                raise InputError(self.path, f"refused: part name {name!r} points outside the package")
            if normal.lower() in seen:
                raise InputError(self.path, f"refused: duplicate part name {name!r}")
            seen.add(normal.lower())
            if info.flag_bits & 0x1:
                raise InputError(self.path, "refused: the package is encrypted")
            if info.file_size > self.limits.max_part_bytes:
                raise InputError(
                    self.path, f"refused: part {name} would inflate to {info.file_size} bytes "
                    f"(limit {self.limits.max_part_bytes}); possible zip bomb")
            if info.file_size > 1024 * 1024 and info.compress_size and \
                    info.file_size / info.compress_size > self.limits.max_ratio:
                raise InputError(
                    self.path, f"refused: part {name} has compression ratio "
                    f"{info.file_size / info.compress_size:.0f}:1; possible zip bomb")
            total += info.file_size
            index[normal] = info
        if total > self.limits.max_total_bytes:
            raise InputError(self.path, f"refused: the package would inflate to {total} bytes; possible zip bomb")
        return index

    def names(self) -> list[str]:
        """Part names in zip order."""
        return list(self._infos)

    def has(self, name: str) -> bool:
        return name in self._infos

    def read(self, name: str) -> bytes:
        """The inflated bytes of part ``name``, within the size limits."""
        if name in self._bytes:
            return self._bytes[name]
        info = self._infos.get(name)
        if info is None:
            raise KeyError(name)
        limit = min(self.limits.max_part_bytes, self.limits.max_total_bytes - self._inflated)
        try:
            with self._zip.open(info) as stream:
                data = stream.read(limit + 1)
        except zipfile.BadZipFile as exc:
            raise InputError(self.path, f"corrupt part {name}: {exc}") from None
        except (zlib.error, OSError, EOFError, ValueError, NotImplementedError) as exc:
            raise InputError(self.path, f"corrupt part {name}: {exc}") from None
        if len(data) > limit:
            raise InputError(self.path, f"refused: part {name} inflates beyond its limit; possible zip bomb")
        self._inflated += len(data)
        self._bytes[name] = data
        return data

    def xml(self, name: str) -> etree._Element:
        """Part ``name`` parsed safely (cached). Raises InputError for hostile or broken XML."""
        if name not in self._xml:
            self._xml[name] = parse_xml(self.read(name), f"{self.path}: {name}", self.limits)
        return self._xml[name]

    def content_type(self, name: str) -> str | None:
        overrides, defaults = self.content_types
        if "/" + name in overrides:
            return overrides["/" + name]
        ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
        return defaults.get(ext)

    def raw_infos(self) -> dict[str, zipfile.ZipInfo]:
        """Zip entries by part name (for writers that copy parts unchanged)."""
        return dict(self._infos)

    def raw_entry(self, name: str) -> bytes | None:
        """Part ``name`` as stored: its compressed bytes, for a writer's exact copy.

        None when the local header cannot be found where the directory says.
        """
        info = self._infos[name]
        offset = info.header_offset
        data = self._data
        if data[offset:offset + 4] != b"PK\x03\x04" or offset + 30 > len(data):
            return None
        name_length = int.from_bytes(data[offset + 26:offset + 28], "little")
        extra_length = int.from_bytes(data[offset + 28:offset + 30], "little")
        start = offset + 30 + name_length + extra_length
        end = start + info.compress_size
        return data[start:end] if end <= len(data) else None

    # -- relationships -----------------------------------------------------

    def relationships(self, source: str) -> list[tuple[str, str, str, str]]:
        """Relationships of part ``source`` ("" for the package): (id, type, target, mode).

        Internal targets are resolved to part names; a missing rels part gives [].
        """
        folder, base = posixpath.split(source)
        rels_name = posixpath.join(folder, "_rels", base + ".rels") if source else "_rels/.rels"
        if not self.has(rels_name):
            return []
        root = self.xml(rels_name)
        out = []
        for rel in root.iter(f"{{{NS_PR}}}Relationship"):
            mode = rel.get("TargetMode", "Internal")
            target = rel.get("Target", "")
            if mode != "External":
                if target.startswith("/"):
                    target = target.lstrip("/")
                else:
                    target = posixpath.normpath(posixpath.join(folder, target))
            out.append((rel.get("Id", ""), rel.get("Type", ""), target, mode))
        return out

    def related(self, source: str, type_suffix: str) -> list[str]:
        """Internal targets of ``source``'s relationships whose type ends with ``type_suffix``."""
        return [
            target for _, rtype, target, mode in self.relationships(source)
            if mode != "External" and rtype.endswith("/" + type_suffix) and self.has(target)
        ]

    # -- internals ---------------------------------------------------------

    def _read_content_types(self) -> tuple[dict[str, str], dict[str, str]]:
        if not self.has("[Content_Types].xml"):
            return {}, {"xml": "application/xml", "rels": "application/vnd.openxmlformats-package.relationships+xml"}
        root = self.xml("[Content_Types].xml")
        overrides = {e.get("PartName", ""): e.get("ContentType", "") for e in root.iter(f"{{{NS_CT}}}Override")}
        defaults = {e.get("Extension", "").lower(): e.get("ContentType", "") for e in root.iter(f"{{{NS_CT}}}Default")}
        return overrides, defaults

    def _find_main_part(self) -> str:
        for _, rtype, target, mode in self.relationships(""):
            if rtype in REL_OFFICE_DOCUMENT and mode != "External":
                if not self.has(target):
                    raise InputError(self.path, f"not a usable DOCX: the main part {target} is missing")
                return target
        if self.has("word/document.xml"):
            return "word/document.xml"
        if any(n.startswith("xl/") for n in self._infos):
            raise InputError(self.path, "not a DOCX file: this is a spreadsheet (XLSX) package")
        if any(n.startswith("ppt/") for n in self._infos):
            raise InputError(self.path, "not a DOCX file: this is a presentation (PPTX) package")
        raise InputError(self.path, "not a usable DOCX: the package has no main document part")


def parse_xml(data: bytes, what: str, limits: Limits | None = None) -> etree._Element:
    """Parse ``data`` as XML without DTDs, entities or network; refuse any DOCTYPE."""
    limits = limits or Limits()
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        _refuse_doctype(what)
    try:
        root = etree.fromstring(data, _safe_parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(what.split(": ")[0], f"broken XML in {what.split(': ', 1)[-1]}: {exc.msg}") from None
    except (ValueError, MemoryError) as exc:
        raise InputError(what.split(": ")[0], f"unreadable XML in {what.split(': ', 1)[-1]}: {exc}") from None
    if root is None:
        raise InputError(what.split(": ")[0], f"empty XML part {what.split(': ', 1)[-1]}")
    # A DOCTYPE further in than the head (after a long comment): without one no entity
    # can be declared, so no entity reference can stand in the tree.
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.doctype:
        _refuse_doctype(what)
    _check_depth(root, limits.max_xml_depth, what)
    return root


def _refuse_doctype(what: str) -> "NoReturn":  # noqa: F821
    raise InputError(what.split(": ")[0], f"refused: {what.split(': ', 1)[-1]} declares a DOCTYPE "
                     "(external entities are never loaded)")


def _check_depth(root: etree._Element, max_depth: int, what: str) -> None:
    # One XPath step per level, evaluated inside libxml2: a fraction of the cost of
    # walking a million-element part in Python.
    if root.xpath("boolean(/*" + "/*" * max_depth + ")"):
        raise InputError(what.split(": ")[0], f"refused: {what.split(': ', 1)[-1]} nests deeper than {max_depth} levels")


def _read_input(path: str, limits: Limits) -> bytes:
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(path, "is a directory, not a DOCX file")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(path, "is not a regular file")
    if st.st_size == 0:
        raise InputError(path, "the file is empty")
    if st.st_size > limits.max_file_bytes:
        raise InputError(path, f"refused: the file is {st.st_size} bytes (limit {limits.max_file_bytes})")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if data.startswith(OLE_MAGIC):
        raise InputError(path, _ole_reason(data))
    if not data.startswith(b"PK"):
        raise InputError(path, f"not a DOCX file: {_sniff(data)}")
    return data


def _ole_reason(data: bytes) -> str:
    # An encrypted OOXML package is an OLE compound file holding "EncryptionInfo".
    if "EncryptionInfo".encode("utf-16-le") in data:
        return "refused: the document is password-protected (encrypted package); save it without a password"
    return "not a DOCX file: this is a legacy Word .doc (OLE) file; save it as .docx"


def _sniff(data: bytes) -> str:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{\\rtf"):
        return "this is an RTF file with a .docx name"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:200]:
        return "this is an HTML file with a .docx name"
    if head.startswith(b"<?xml"):
        return "this is a plain XML file (Word 2003 XML?), not a zip package"
    if head.startswith(b"%pdf"):
        return "this is a PDF file"
    return "the file is not a zip package"
