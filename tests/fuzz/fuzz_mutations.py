"""Mutate real DOCX files and run each mutant through drafter, in-process.

Shared by the bounded property-based suite (tests/fuzz/test_fuzz_documents.py)
and the long run (tools/fuzz.py). A mutation is chosen by a seeded
``random.Random`` only, so ``(seed file, seed)`` reproduces it exactly.

Two families of damage:

- XML-level, in one part (document, styles, numbering, comments, notes, headers,
  relationships, content types, core properties): drop, duplicate, reorder or
  retag an element; set an attribute to garbage, a negative or a huge number;
  point a numId, style or relationship id nowhere; insert a DOCTYPE or an
  entity; truncate text or the part itself.
- Byte-level, in the zip: flip bytes, truncate, swap two entries' contents,
  drop an entry.

:func:`exercise` reads, recognises, checks and publishes a mutant. The only
exception it lets through is :class:`drafter.errors.DrafterError`, returned as
a refusal reason; anything else propagates for the caller to record as a crash.
"""

from __future__ import annotations

import io
import random
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[2]
EXTERNAL = REPO.parent / "shared" / "corpus" / "external"
SAMPLES = REPO / "corpus" / "samples"

# Parts worth mutating, most interesting first; others are only hit by byte damage.
XML_PART_PREFIXES = (
    "word/document", "word/styles", "word/numbering", "word/comments", "word/footnotes",
    "word/endnotes", "word/header", "word/footer", "word/settings", "word/_rels/", "_rels/",
    "[Content_Types]", "docProps/core", "docProps/app", "docProps/custom",
)
GARBAGE_VALUES = (
    "", "-1", "-2147483649", "99999999999999999999999", "NaN", "1e308", "zz", "%1%9%", "\u202e",
    "0x7fffffff", " ", "auto", "true", "\ufffd" * 3, "../../x", "rId9999",
)
ENTITY_PAYLOADS = (
    '<!DOCTYPE d [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
    '<!DOCTYPE d SYSTEM "http://127.0.0.1:9/dtd">',
)


@dataclass(frozen=True)
class Mutant:
    """One mutated document: its bytes and a one-line account of what was done."""

    data: bytes
    description: str


def seed_files(include_external: bool = True) -> list[Path]:
    """The real documents to mutate: the sample drafts and (when present) the external corpus."""
    files = sorted(SAMPLES.glob("*.docx"))
    if include_external and EXTERNAL.is_dir():
        files += sorted(p for p in EXTERNAL.rglob("*") if p.suffix.lower() in (".docx", ".docm", ".dotx"))
    return files


def read_zip(data: bytes) -> list[tuple[str, bytes]] | None:
    """The zip's entries in order, or None when the bytes are not a readable zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [(info.filename, archive.read(info)) for info in archive.infolist()]
    except Exception:  # noqa: BLE001 - any damage means "not a zip we can rebuild"
        return None


def write_zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(zipfile.ZipInfo(name, (2025, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def mutate(data: bytes, rng: random.Random, rounds: int = 1) -> Mutant:
    """Apply ``rounds`` random mutations to the DOCX bytes ``data``."""
    notes = []
    for _ in range(rounds):
        family = rng.random()
        entries = read_zip(data)
        if entries is not None and family < 0.8:
            data, note = _mutate_xml(entries, rng)
        else:
            data, note = _mutate_bytes(data, entries, rng)
        notes.append(note)
    return Mutant(data, "; ".join(notes))


# -- XML-level ------------------------------------------------------------------

def _xml_parts(entries):
    chosen = [i for i, (name, _) in enumerate(entries) if name.startswith(XML_PART_PREFIXES)]
    return chosen or list(range(len(entries)))


def _mutate_xml(entries: list[tuple[str, bytes]], rng: random.Random) -> tuple[bytes, str]:
    indices = _xml_parts(entries)
    # The main document is hit half of the time; it is where the text lives.
    main = [i for i in indices if entries[i][0] == "word/document.xml"]
    index = main[0] if main and rng.random() < 0.5 else rng.choice(indices)
    name, raw = entries[index]
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    try:
        root = etree.fromstring(raw, parser)
    except Exception:  # noqa: BLE001 - not XML: fall back to raw damage of this part
        root = None
    operation = rng.choice(_XML_OPERATIONS) if root is not None else _truncate_part
    new_bytes, note = operation(root, raw, rng)
    entries = list(entries)
    entries[index] = (name, new_bytes)
    return write_zip(entries), f"{name}: {note}"


def _elements(root) -> list:
    return [e for e in root.iter() if isinstance(e.tag, str)]


def _serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _pick(root, rng):
    elements = _elements(root)
    return elements[rng.randrange(len(elements))]


def _drop(root, raw, rng):
    element = _pick(root, rng)
    parent = element.getparent()
    if parent is None:
        return b"", "emptied the part"
    parent.remove(element)
    return _serialise(root), f"dropped <{etree.QName(element).localname}>"


def _duplicate(root, raw, rng):
    import copy

    element = _pick(root, rng)
    parent = element.getparent()
    if parent is None:
        return _serialise(root), "kept the root"
    times = rng.choice((1, 1, 2, 50))
    for _ in range(times):
        element.addnext(copy.deepcopy(element))
    return _serialise(root), f"duplicated <{etree.QName(element).localname}> x{times}"


def _reorder(root, raw, rng):
    element = _pick(root, rng)
    children = list(element)
    if len(children) < 2:
        return _serialise(root), "nothing to reorder"
    rng.shuffle(children)
    for child in children:
        element.remove(child)
        element.append(child)
    return _serialise(root), f"shuffled the children of <{etree.QName(element).localname}>"


def _retag(root, raw, rng):
    elements = _elements(root)
    element, donor = rng.choice(elements), rng.choice(elements)
    old = etree.QName(element).localname
    element.tag = donor.tag
    return _serialise(root), f"retagged <{old}> as <{etree.QName(donor).localname}>"


def _corrupt_attribute(root, raw, rng):
    candidates = [e for e in _elements(root) if e.attrib]
    if not candidates:
        return _drop(root, raw, rng)
    element = rng.choice(candidates)
    key = rng.choice(list(element.attrib))
    value = rng.choice(GARBAGE_VALUES)
    element.set(key, value)
    return _serialise(root), f"<{etree.QName(element).localname}> {etree.QName(key).localname}={value!r}"


def _point_nowhere(root, raw, rng):
    targets = [e for e in _elements(root) if etree.QName(e).localname in (
        "numId", "pStyle", "rStyle", "abstractNumId", "ilvl", "commentReference", "footnoteReference",
        "Relationship", "Override", "headerReference", "blip", "hyperlink")]
    if not targets:
        return _corrupt_attribute(root, raw, rng)
    element = rng.choice(targets)
    for key in list(element.attrib):
        local = etree.QName(key).localname
        if local in ("val", "id", "Target", "PartName", "embed", "Id"):
            element.set(key, rng.choice(("9999", "-1", "rId424242", "/word/nothing.xml", "../../../x", "")))
    return _serialise(root), f"<{etree.QName(element).localname}> points nowhere"


def _insert_entity(root, raw, rng):
    payload = rng.choice(ENTITY_PAYLOADS).encode()
    body = _serialise(root)
    declaration_end = body.find(b"?>") + 2
    if rng.random() < 0.5:
        body = body.replace(b"<w:t>", b"<w:t>&e;", 1)
    return body[:declaration_end] + payload + body[declaration_end:], "inserted a DOCTYPE"


def _truncate_text(root, raw, rng):
    texts = [e for e in _elements(root) if e.text]
    if not texts:
        return _truncate_part(root, raw, rng)
    element = rng.choice(texts)
    choice = rng.random()
    if choice < 0.4:
        element.text = element.text[: rng.randrange(len(element.text) + 1)]
    elif choice < 0.7:
        element.text = "".join(rng.choice("aä \u00a0\t\u2013–()[]%1.;:Ⅰ\u200b") for _ in range(rng.randrange(1, 200)))
    else:
        element.text = element.text * rng.choice((2, 100, 5000))
    return _serialise(root), f"changed the text of <{etree.QName(element).localname}>"


def _truncate_part(root, raw, rng):
    cut = rng.randrange(len(raw) + 1) if raw else 0
    return raw[:cut], f"cut the part at byte {cut} of {len(raw)}"


_XML_OPERATIONS = (
    _drop, _drop, _duplicate, _reorder, _retag, _corrupt_attribute, _corrupt_attribute,
    _point_nowhere, _point_nowhere, _insert_entity, _truncate_text, _truncate_text, _truncate_part,
)


# -- byte-level -----------------------------------------------------------------

def _mutate_bytes(data: bytes, entries, rng: random.Random) -> tuple[bytes, str]:
    choice = rng.random()
    if entries and len(entries) > 1 and choice < 0.25:
        entries = list(entries)
        i, j = rng.sample(range(len(entries)), 2)
        (a, da), (b, db) = entries[i], entries[j]
        entries[i], entries[j] = (a, db), (b, da)
        return write_zip(entries), f"swapped the contents of {a} and {b}"
    if entries and choice < 0.4:
        entries = list(entries)
        name, _ = entries.pop(rng.randrange(len(entries)))
        return write_zip(entries), f"dropped the entry {name}"
    if choice < 0.7:
        out = bytearray(data)
        count = rng.choice((1, 2, 8, 64))
        for _ in range(count):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out), f"flipped {count} byte(s)"
    cut = rng.randrange(len(data))
    return data[:cut], f"truncated the file at byte {cut} of {len(data)}"


# -- running drafter ------------------------------------------------------------

def exercise(data: bytes, suffix: str = ".docx", publish: bool = True) -> str:
    """Read, recognise, check and publish ``data``; return "ok" or the refusal's one line.

    A :class:`~drafter.errors.DrafterError` is a refusal; any other exception
    propagates (a crash).
    """
    from drafter.errors import DrafterError

    with tempfile.TemporaryDirectory(prefix="drafter-fuzz-") as folder:
        path = Path(folder) / f"mutant{suffix}"
        path.write_bytes(data)
        try:
            _exercise_file(path, Path(folder) / "published.docx", publish)
        except DrafterError as exc:
            message = str(exc)
            if "\n" in message.strip():
                raise AssertionError(f"a refusal must be one line, got {message!r}") from exc
            return message.replace(str(path), "<file>")
    return "ok"


def _exercise_file(path: Path, output: Path, publish: bool) -> None:
    from drafter.api import check_file

    result = check_file(path)
    if result.error:
        # check_file turns a DrafterError into a result; publish must refuse too.
        if publish:
            _publish(path, output)
        from drafter.errors import InputError

        raise InputError(str(path), result.error)
    if publish:
        _publish(path, output)


def _publish(path: Path, output: Path) -> None:
    from drafter.publish.pipeline import PublishOptions, publish_file

    # The remaining-findings pass re-runs the checks already run on the source: skipped for speed.
    publish_file(path, output, PublishOptions(check_remaining=False), write=False)


def reason_class(message: str) -> str:
    """A short, stable class of a refusal line for the summary (numbers and names dropped)."""
    import re

    text = message.split(": ", 1)[-1] if message.startswith("<file>") else message
    text = re.sub(r"\b(line|column|byte|at) \d+.*", "", text)
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", text)
    text = re.sub(r"\d+", "N", text)
    text = re.sub(r"(word|docProps|customXml|_rels)/[\w./\[\]-]*|\[Content_Types\]\.xml", "<part>", text)
    return text.strip()[:90]
