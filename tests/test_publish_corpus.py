"""Every sample draft and every readable external DOCX publishes cleanly.

The walk over the external corpus runs without the checks (``fixes="none"``,
no ``remaining``) to stay within about a minute: it proves the package
transforms and the invariant on real files from Word, LibreOffice, Google Docs,
pandoc and fuzzers. The samples run the whole pipeline. Regenerate the golden
change log with ``DRAFTER_REGENERATE=1 pytest tests/test_publish_corpus.py``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from drafter.errors import InputError
from drafter.ooxml.reader import read_document
from drafter.publish.pipeline import PublishOptions, publish_file

SAMPLES = sorted((Path(__file__).parent.parent / "corpus" / "samples").glob("*.docx"))
EXTERNAL = Path(__file__).parent.parent.parent / "shared" / "corpus" / "external"
GOLDEN = Path(__file__).parent / "golden" / "publish"
LEFTOVERS = re.compile(rb"<w:(ins|del|moveFrom|moveTo|commentRangeStart|commentRangeEnd|commentReference"
                       rb"|highlight|rPrChange|pPrChange)[ >/]")


def _story_parts(archive: zipfile.ZipFile):
    for name in archive.namelist():
        if re.match(r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml$", name):
            yield name


def _assert_clean(output: Path) -> None:
    with zipfile.ZipFile(output) as archive:
        for name in _story_parts(archive):
            match = LEFTOVERS.search(archive.read(name))
            assert match is None, f"{output.name}: {name} still has {match.group().decode()}"
        assert not any(n.endswith("comments.xml") for n in archive.namelist())


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_draft_publishes_cleanly_and_reopens(sample, tmp_path):
    output = tmp_path / "published.docx"
    result = publish_file(sample, output, PublishOptions())
    _assert_clean(output)
    docx.Document(str(output))
    again = publish_file(output, tmp_path / "again.docx", PublishOptions(check_remaining=False))
    assert again.changes == [], [(c.kind, c.before, c.after) for c in again.changes]
    assert result.to_json()["schema"] == "drafter.changes/1"


@pytest.mark.slow
def test_every_readable_external_docx_publishes(tmp_path):
    if not EXTERNAL.is_dir():
        pytest.skip(f"the shared external corpus is not at {EXTERNAL}")
    files = sorted(EXTERNAL.rglob("*.docx"))
    published = rejected = 0
    for source in files:
        try:
            source_document = read_document(str(source))
        except InputError:
            continue  # unreadable inputs are the reader's tests' business
        output = tmp_path / "out.docx"
        publish_file(source, output, PublishOptions(force=True, fixes="none", check_remaining=False))
        _assert_clean(output)
        published += 1
        if any(p.revisions for p in source_document.all_paragraphs()):
            publish_file(source, output, PublishOptions(force=True, fixes="none", check_remaining=False, reject=True))
            _assert_clean(output)
            rejected += 1
        opened_before = _opens_in_python_docx(source)
        if opened_before:
            assert _opens_in_python_docx(output), f"{source.name}: python-docx opened the input but not the output"
        assert source_document is not None
    assert published >= 100 and rejected >= 10


def _opens_in_python_docx(path: Path) -> bool:
    try:
        docx.Document(str(path))
        return True
    except Exception:  # noqa: BLE001 - python-docx fails on many odd inputs; only a regression counts
        return False


def test_the_change_log_of_the_sample_draft_matches_its_golden_file(tmp_path):
    source = Path(__file__).parent.parent / "corpus" / "samples" / "toimintaohjelma-luonnos.docx"
    # Without the checks: the fixes and remaining findings belong to the rules, which change
    # on their own; this golden file pins what publish itself does.
    result = publish_file(source, tmp_path / "toimintaohjelma.docx",
                          PublishOptions(fixes="none", check_remaining=False))
    data = result.to_json()
    data["remaining"] = [f for f in data["remaining"] if f["rule"].startswith("PUB")]
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    golden = GOLDEN / "toimintaohjelma-luonnos.changes.json"
    if os.environ.get("DRAFTER_REGENERATE"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing; run with DRAFTER_REGENERATE=1 to create it"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.slow
def test_libreoffice_converts_every_published_sample(tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    outputs = []
    for sample in SAMPLES:
        output = tmp_path / f"{sample.stem}.docx"
        publish_file(sample, output, PublishOptions(fixes="none", check_remaining=False))
        outputs.append(output)
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "pdf"), *map(str, outputs)],
                   check=True, capture_output=True, timeout=300)
    for output in outputs:
        pdf = tmp_path / "pdf" / f"{output.stem}.pdf"
        assert pdf.exists() and pdf.stat().st_size > 1000, f"{output.name} did not convert"
