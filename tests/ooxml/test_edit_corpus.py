"""The edit mapping agrees with the reader on real documents, and edits there stay readable.

Every paragraph of every readable external-corpus document (and our samples)
must give the reader's text from its segments; random edits and comments on
them must re-read as exactly the intended text and anchors.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docx_factory import make_docx
from drafter.blocks import iter_paragraphs
from drafter.errors import InputError
from drafter.ooxml.comments_write import CommentWriter
from drafter.ooxml.edit import EditError, locate, part_segments, replace_text
from drafter.ooxml.package import Package
from drafter.ooxml.reader import read_document
from drafter.ooxml.writer import PackageEditor

REPO = Path(__file__).resolve().parents[2]
EXTERNAL = REPO.parent / "shared" / "corpus" / "external"
SAMPLES = REPO / "corpus" / "samples"
DATE = "2025-01-02T03:04:05Z"


def corpus_files() -> list[Path]:
    files = sorted(EXTERNAL.rglob("*.docx")) if EXTERNAL.is_dir() else []
    return files + sorted(SAMPLES.glob("*.docx"))


def readable(path: Path):
    try:
        return read_document(str(path))
    except InputError:
        return None


def story_paragraphs(document):
    """Paragraphs of the body, notes, headers and footers, by (part, index)."""
    paragraphs = list(iter_paragraphs(document.body))
    paragraphs += [p for note in (*document.footnotes, *document.endnotes) for p in note.paragraphs]
    paragraphs += [*document.headers, *document.footers]
    return {(p.location.part, p.location.paragraph): p for p in paragraphs}


def test_segments_give_the_readers_text_for_every_paragraph_of_the_corpus():
    files = corpus_files()
    if not files:
        pytest.skip("no corpus documents here")
    checked = 0
    for path in files:
        document = readable(path)
        if document is None:
            continue
        editor = PackageEditor(Package(str(path)))
        by_part: dict[str, dict[int, str]] = {}
        for (part, index), paragraph in story_paragraphs(document).items():
            by_part.setdefault(part, {})[index] = paragraph.text
        for part, texts in by_part.items():
            mapped = {i: "".join(s.text for s in segments) for i, segments in part_segments(editor.tree(part))}
            for index, text in texts.items():
                assert mapped.get(index) == text, f"{path.name} {part} paragraph {index}"
                checked += 1
    assert checked > 1000


def _edit_and_reread(path: Path, tmp_path: Path, seed: int, tracked: bool):
    """Random replacements and comments on up to 12 paragraphs; return what was intended and the re-read."""
    document = readable(path)
    if document is None:
        return None
    rng = random.Random(seed)
    paragraphs = [p for p in story_paragraphs(document).values()
                  if p.text and p.container not in ("header", "footer", "comment")]
    chosen = rng.sample(paragraphs, min(12, len(paragraphs)))
    editor = PackageEditor(Package(str(path)))
    writer = CommentWriter(editor)
    expected_text, expected_anchor = {}, {}
    for paragraph in chosen:
        part, index, text = paragraph.location.part, paragraph.location.paragraph, paragraph.text
        root = editor.tree(part)
        a, b = sorted(rng.sample(range(len(text) + 1), 2)) if len(text) > 1 else (0, len(text))
        if rng.random() < 0.5:
            # an edge inside an equation moves out to the equation's edge: then the anchor holds the range
            in_math = any(s.in_math for s in locate(root, index, a, b))
            comment_id = writer.add(root, index, a, b, "drafter", "DR", f"c{index}", DATE)
            expected_anchor[comment_id] = ((part, index), text[a:b] if a < b else text, in_math)
            expected_text[(part, index)] = text
        else:
            new = rng.choice(["", "X", "uusi teksti", "\t", "14.00 "])
            try:
                replace_text(root, index, a, b, new, tracked=tracked, date=DATE)
            except EditError:  # equations are not edited
                expected_text[(part, index)] = text
                continue
            expected_text[(part, index)] = text[:a] + new + text[b:]
    writer.close()
    out = tmp_path / f"{path.stem}-{seed}.docx"
    try:
        out.write_bytes(editor.to_bytes())
    except InputError:  # a corrupt part the reader never needed cannot be copied either
        return None
    return expected_text, expected_anchor, read_document(str(out))


@pytest.mark.parametrize("tracked", [False, True], ids=["plain", "tracked"])
def test_random_edits_and_comments_on_corpus_documents_reread_exactly(tmp_path, tracked):
    files = corpus_files()
    if not files:
        pytest.skip("no corpus documents here")
    done = 0
    for number, path in enumerate(files):
        outcome = _edit_and_reread(path, tmp_path, number, tracked)
        if outcome is None:
            continue
        expected_text, expected_anchor, reread = outcome
        paragraphs = story_paragraphs(reread)
        for key, text in expected_text.items():
            assert paragraphs[key].text == text, f"{path.name} {key}"
        for comment_id, (key, text, in_math) in expected_anchor.items():
            anchors = [a for a in paragraphs[key].comments if a.comment_id == comment_id]
            assert len(anchors) == 1, f"{path.name} {key} comment {comment_id}"
            got = paragraphs[key].text[anchors[0].start:anchors[0].end]
            assert text in got if in_math else got == text, f"{path.name} {key}"
        done += 1
    assert done > 50


_PIECES = [
    "<w:r><w:t xml:space='preserve'>abc </w:t></w:r>",
    "<w:r><w:rPr><w:b/></w:rPr><w:t>Def</w:t><w:tab/><w:t>gh</w:t></w:r>",
    "<w:hyperlink r:id='rIdX'><w:r><w:t>link</w:t></w:r></w:hyperlink>",
    "<w:ins w:id='90' w:author='A' w:date='2024-01-01T00:00:00Z'><w:r><w:t>ins</w:t></w:r></w:ins>",
    "<w:del w:id='91' w:author='A' w:date='2024-01-01T00:00:00Z'><w:r><w:delText>gone</w:delText></w:r></w:del>",
    "<w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
    "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>12</w:t></w:r>"
    "<w:r><w:fldChar w:fldCharType='end'/></w:r>",
    "<w:sdt><w:sdtContent><w:r><w:t>sdt</w:t></w:r></w:sdtContent></w:sdt>",
    "<w:r><w:t>x</w:t><w:footnoteReference w:id='1'/><w:t>y</w:t></w:r>",
    "<w:smartTag w:uri='u' w:element='e'><w:r><w:t>tag</w:t></w:r></w:smartTag>",
    "<w:r><w:sym w:font='Symbol' w:char='F0B7'/><w:br/><w:softHyphen/><w:t>z</w:t></w:r>",
    "<w:fldSimple w:instr='PAGE'><w:r><w:t>7</w:t></w:r></w:fldSimple>",
    "<w:bookmarkStart w:id='50' w:name='b'/><w:r><w:t>bm</w:t></w:r><w:bookmarkEnd w:id='50'/>",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pieces=st.lists(st.sampled_from(_PIECES), min_size=1, max_size=6), data=st.data(),
       new=st.sampled_from(["", "N", "new text", "a\tb"]), tracked=st.booleans())
def test_any_range_of_any_mixed_paragraph_can_be_replaced(tmp_path, pieces, data, new, tracked):
    source = make_docx(tmp_path, "<w:p>" + "".join(pieces) + "</w:p>")
    text = read_document(str(source)).body[0].text
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    editor = PackageEditor(Package(source))
    replace_text(editor.tree("word/document.xml"), 0, start, end, new, tracked=tracked, date=DATE)
    out = tmp_path / "out.docx"
    out.write_bytes(editor.to_bytes())
    paragraph = read_document(str(out)).body[0]
    assert paragraph.text == text[:start] + new + text[end:]
    if tracked:
        mine = [r for r in paragraph.revisions if r.author == "drafter"]
        assert "".join(r.text for r in mine if r.kind == "del") == text[start:end]
        assert "".join(paragraph.text[r.start:r.end] for r in mine if r.kind == "ins") == new
