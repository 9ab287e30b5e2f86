"""The reader on every real .docx of the shared external corpus.

Each file either reads to a Document or is refused with one-line InputError; no
other exception escapes. Facts are checked against what the raw XML of each
package says (counted here with zipfile and regular expressions, independently
of the reader), and against MANIFEST.tsv tags.
"""

from __future__ import annotations

import csv
import re
import time
import zipfile
from functools import lru_cache

import pytest

from conftest import EXTERNAL
from drafter.blocks import Document
from drafter.errors import InputError
from drafter.ooxml.reader import read_document

pytestmark = pytest.mark.slow

# Files not tagged "broken" that are still not Word documents, and why.
NOT_DOCUMENTS = {
    "poi/stress025.docx": "its officeDocument relationship points to a theme manager part",
}
REFUSED_TAGS = {"bad-zip", "encrypted", "doctype-entity", "no-document"}


@lru_cache(maxsize=1)
def manifest() -> dict[str, set[str]]:
    with open(EXTERNAL / "MANIFEST.tsv", encoding="utf-8", newline="") as handle:
        return {row["file"]: set(row["features"].split(",")) for row in csv.DictReader(handle, delimiter="\t")}


@lru_cache(maxsize=1)
def results() -> dict[str, Document | InputError]:
    out: dict[str, Document | InputError] = {}
    for path in sorted(EXTERNAL.rglob("*.docx")):
        name = path.relative_to(EXTERNAL).as_posix()
        try:
            out[name] = read_document(str(path))
        except InputError as error:
            out[name] = error
    return out


def documents() -> dict[str, Document]:
    return {name: r for name, r in results().items() if isinstance(r, Document)}


def raw_part(name: str, part: str) -> str:
    """A part's XML text as stored, or "" (read without the reader's code)."""
    try:
        with zipfile.ZipFile(EXTERNAL / name) as archive:
            return archive.read(part).decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError, RuntimeError, EOFError, ValueError):
        return ""


def main_part(document: Document) -> str:
    return next((p.location.part for p in document.all_paragraphs() if p.container not in
                 ("note", "header", "footer")), "word/document.xml")


@pytest.fixture(scope="module")
def corpus() -> dict[str, Document | InputError]:
    if not EXTERNAL.is_dir():
        pytest.skip(f"the shared external corpus is not at {EXTERNAL}")
    started = time.perf_counter()
    got = results()
    elapsed = time.perf_counter() - started
    assert elapsed < 20, f"reading the corpus took {elapsed:.1f} s"
    return got


def test_every_corpus_file_reads_or_is_refused_with_one_line(corpus):
    assert len(corpus) >= 100
    for name, result in corpus.items():
        if isinstance(result, InputError):
            message = str(result)
            assert "\n" not in message and result.reason, name
            assert not result.reason.startswith("could not read the document"), f"{name}: reader bug: {message}"


def test_refused_files_are_exactly_the_broken_ones(corpus):
    tags = manifest()
    refused = {name for name, r in corpus.items() if isinstance(r, InputError)}
    expected = {name for name, t in tags.items() if t & REFUSED_TAGS} | set(NOT_DOCUMENTS)
    assert refused == expected


def test_tracked_changes_in_the_xml_give_revisions(corpus):
    change = re.compile(r"<w:(ins|del|moveFrom|moveTo|rPrChange|pPrChange)[ >]")
    with_changes = 0
    for name, document in documents().items():
        if not change.search(raw_part(name, "word/document.xml")):
            continue
        with_changes += 1
        revisions = sum(len(p.revisions) for p in document.all_paragraphs())
        rows = sum(1 for t in document.tables() for r in t.rows if r.deleted or r.inserted)
        assert revisions + rows > 0, name
    tagged = [n for n, t in manifest().items() if t & {"ins", "del", "moveFrom", "moveTo"} and n in documents()]
    assert with_changes >= len(tagged) >= 10


def test_comment_counts_match_the_comments_part(corpus):
    checked = 0
    for name, document in documents().items():
        xml = raw_part(name, "word/comments.xml")
        expected = len(re.findall(r"<w:comment[ >]", xml))
        assert len(document.comments) == expected, name
        referenced = set(re.findall(r'<w:commentReference [^>]*w:id="(\d+)"', raw_part(name, "word/document.xml")))
        anchored = {a.comment_id for p in document.all_paragraphs() for a in p.comments}
        ids = {c.id for c in document.comments}
        # a comment referenced from the body is anchored unless its anchor text was deleted
        missing = (referenced & ids) - anchored
        assert not missing or re.search(r"<w:(del|moveFrom)[ >]", raw_part(name, "word/document.xml")), name
        checked += bool(expected)
    tagged = [n for n, t in manifest().items() if "comments" in t]
    assert checked >= 5 and len(tagged) >= checked


def test_note_counts_match_the_notes_parts(corpus):
    with_notes = 0
    for name, document in documents().items():
        for kind, notes in (("footnote", document.footnotes), ("endnote", document.endnotes)):
            xml = raw_part(name, f"word/{kind}s.xml")
            elements = re.findall(rf"<w:{kind}( [^>]*)?>", xml)
            expected = sum(1 for attrs in elements
                           if not re.search(r'w:type="(separator|continuationSeparator|continuationNotice)"', attrs))
            assert len(notes) == expected, f"{name} {kind}s"
            with_notes += bool(expected)
        refs = set(re.findall(r'<w:footnoteReference [^>]*w:id="(\d+)"', raw_part(name, "word/document.xml")))
        recorded = {r for p in document.paragraphs() for r in p.footnote_refs}
        assert recorded <= refs, name
    tagged = [n for n, t in manifest().items() if t & {"footnotes", "endnotes"} and n in documents()]
    assert with_notes >= len(tagged) >= 5


def test_directly_numbered_paragraphs_get_numbering(corpus):
    direct = re.compile(r'<w:numPr>(<w:ilvl w:val="\d+"/>)?<w:numId w:val="[1-9]\d*"/>')
    counted = 0
    for name, document in documents().items():
        if "numbering" not in manifest().get(name, set()):
            continue
        # numPr inside w:pPrChange is the old, rejected formatting: not numbering
        current = re.sub(r"<w:pPrChange .*?</w:pPrChange>", "", raw_part(name, "word/document.xml"), flags=re.S)
        if not direct.search(current):
            continue
        counted += 1
        assert any(p.numbering for p in document.paragraphs()), name
    assert counted >= 10


def test_offsets_stay_inside_their_paragraph(corpus):
    for name, document in documents().items():
        for p in document.all_paragraphs():
            length = len(p.text)
            assert p.location.start == 0 and p.location.end == length, name
            for span in p.spans:
                assert 0 <= span.start < span.end <= length, name
            for revision in p.revisions:
                assert 0 <= revision.start <= revision.end <= length, (name, revision)
            for anchor in p.comments:
                assert 0 <= anchor.start <= anchor.end <= length, (name, anchor)


def test_paragraph_indices_are_unique_and_within_the_part(corpus):
    for name, document in documents().items():
        by_part: dict[str, list[int]] = {}
        for p in document.all_paragraphs():
            by_part.setdefault(p.location.part, []).append(p.index)
        for part, indices in by_part.items():
            assert len(set(indices)) == len(indices), (name, part)
            count = len(re.findall(r"<w:p[ >/]", raw_part(name, part)))
            assert all(0 <= i < count for i in indices) or count == 0, (name, part)


def test_strict_files_read_their_text(corpus):
    strict = [n for n, t in manifest().items() if "strict" in t]
    assert len(strict) >= 2
    for name in strict:
        document = corpus[name]
        assert isinstance(document, Document), name
        assert any(p.text.strip() for p in document.paragraphs()), name
