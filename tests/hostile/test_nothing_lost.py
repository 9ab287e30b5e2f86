"""Publishing with every optional edit off loses nothing: text, tables, images, notes, sections.

Runs tools/integrity_report.py over the sample drafts and the external corpus
(read in place) and converts every output with LibreOffice: slow.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

from hostile_builders import write_draft

REPO = Path(__file__).resolve().parents[2]


def integrity_report():
    spec = importlib.util.spec_from_file_location("integrity_report", REPO / "tools" / "integrity_report.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["integrity_report"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_a_small_draft_keeps_its_text_and_counts(tmp_path):
    tool = integrity_report()
    source = write_draft(tmp_path / "luonnos.docx")
    figures = tool.publish_one(source, tmp_path / "julkaisu.docx", 60)
    assert figures.status == "published", figures.reason
    assert figures.text_equal and figures.counts_equal
    assert figures.counts_source == {"tables": 1, "images": 0, "sections": 1, "footnotes": 0, "endnotes": 0}


def test_a_lost_paragraph_would_be_reported(tmp_path):
    tool = integrity_report()
    before = {"word/document.xml": ["a", "b"]}
    assert tool.first_difference(before, {"word/document.xml": ["a", "c"]}) == (
        "word/document.xml paragraph 1: 'b' became 'c'")
    assert tool.first_difference(before, {"word/document.xml": ["a"]}) == "word/document.xml: 2 paragraphs became 1"


@pytest.mark.slow
def test_every_readable_corpus_file_is_published_without_loss(external_corpus):
    tool = integrity_report()
    convert = shutil.which("soffice") is not None
    figures, totals = tool.run([], convert=convert)
    published = [f for f in figures if f.status == "published"]
    assert totals["failed"] == 0, [(f.file, f.reason) for f in figures if f.status == "failed"]
    assert len(published) >= 100
    assert [f.file for f in published if not f.text_equal] == []
    assert [(f.file, f.counts_source, f.counts_output) for f in published if not f.counts_equal] == []
    if convert:
        assert [f.file for f in published if not f.converted and f.source_converts is not False] == []
