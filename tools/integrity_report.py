"""The "nothing is lost" report: publish every corpus file with all optional edits off and compare.

Usage::

    .venv/bin/python tools/integrity_report.py [--out report.json] [--no-convert] [FILE_OR_FOLDER ...]

With no paths, the files are the sample drafts (corpus/samples/*.docx) and the
external corpus (/work/shared/corpus/external, read in place). Each file is
published in-process the way ``drafter publish --no-fixes --no-renumber
--keep-markers`` does (tracked changes accepted, comments, highlights and
personal metadata removed, nothing else), to a temporary folder. Then:

- *text-equal*: the reader's accepted text of every story (body, footnotes,
  endnotes, headers, footers) is the same character stream in source and
  output; *paragraphs-equal* also asks for the same paragraph boundaries (an
  accepted deletion of a paragraph mark joins two paragraphs, which the
  reader's accepted view keeps apart: a boundary change, not lost text);
- *counts-equal*: tables, images, footnotes, endnotes and sections counted in
  the XML (outside deleted revisions) are the same in source and output;
- *converted*: LibreOffice (``soffice --headless --convert-to pdf``, one call
  for all outputs) makes a non-empty PDF of the output; for an output that does
  not convert, the source is tried too (*source_converts*), so a file LibreOffice
  cannot open in the first place is told apart from damage done by publish.

Prints a table and the totals; ``--out`` also writes every figure as JSON.
Exit status 0 when every published file is text-equal, counts-equal and
converted, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

EXTERNAL = REPO.parent / "shared" / "corpus" / "external"
SAMPLES = REPO / "corpus" / "samples"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W = "http://purl.oclc.org/ooxml/wordprocessingml/main"
NOT_DELETED = "[not(ancestor::w:del) and not(ancestor::w:moveFrom)]"
COUNTED = {
    # A table whose every row is a tracked deletion is gone once the deletion is accepted.
    "tables": f"//w:tbl{NOT_DELETED}[w:tr[not(w:trPr/w:del)]]",
    "images": f"(//w:drawing | //w:pict | //w:object){NOT_DELETED}",
    "sections": f"//w:sectPr{NOT_DELETED}[not(ancestor::w:sectPrChange)]",
    "footnotes": "//w:footnote[not(@w:type) or @w:type='normal']",
    "endnotes": "//w:endnote[not(@w:type) or @w:type='normal']",
}


@dataclass
class FileFigures:
    """What happened to one file."""

    file: str
    source: str = ""
    status: str = "published"          # published | refused | failed
    reason: str = ""
    text_equal: bool | None = None
    paragraphs_equal: bool | None = None
    first_difference: str = ""
    counts_source: dict[str, int] = field(default_factory=dict)
    counts_output: dict[str, int] = field(default_factory=dict)
    counts_equal: bool | None = None
    converted: bool | None = None
    source_converts: bool | None = None   # asked only when the output did not convert
    output: str = ""


def corpus_files(paths: list[str]) -> list[Path]:
    if not paths:
        paths = [str(SAMPLES), str(EXTERNAL)]
    files: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            files += sorted(p for p in given.rglob("*") if p.suffix.lower() in (".docx", ".docm", ".dotx")
                            and p.is_file())
        elif given.exists():
            files.append(given)
    return files


def stories(path: Path) -> dict[str, list[str]]:
    """The reader's accepted text per part, comments excluded (publish removes them)."""
    from drafter.ooxml.reader import read_document

    document = read_document(str(path))
    out: dict[str, list[str]] = {}
    for paragraph in document.all_paragraphs():
        out.setdefault(paragraph.location.part, []).append(paragraph.text)
    return out


def first_difference(source: dict[str, list[str]], output: dict[str, list[str]]) -> str:
    for part in sorted(set(source) | set(output)):
        a, b = source.get(part, []), output.get(part, [])
        if a == b:
            continue
        for index, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return f"{part} paragraph {index}: {x[:60]!r} became {y[:60]!r}"
        return f"{part}: {len(a)} paragraphs became {len(b)}"
    return ""


def _streams(stories_by_part: dict[str, list[str]]) -> dict[str, str]:
    """Each part's text as one character stream, paragraph boundaries left out; empty parts dropped."""
    streams = {part: "".join(texts) for part, texts in stories_by_part.items()}
    return {part: text for part, text in streams.items() if text}


def count_elements(path: Path) -> dict[str, int]:
    """Tables, images, sections, footnotes and endnotes in the package's XML (not in deletions)."""
    from drafter.ooxml.package import Package

    package = Package(str(path))
    totals: Counter = Counter()
    for name in package.names():
        if not name.endswith(".xml") or not name.startswith("word/") or "comments" in name:
            continue
        try:
            root = package.xml(name)
        except Exception:  # noqa: BLE001 - a part drafter cannot parse counts as empty on both sides
            continue
        namespace = STRICT_W if root.tag.startswith("{" + STRICT_W) else W
        for key, query in COUNTED.items():
            totals[key] += int(root.xpath(f"count({query})", namespaces={"w": namespace}))
    return {key: totals[key] for key in COUNTED}


def publish_one(source: Path, output: Path, time_limit_seconds: float) -> FileFigures:
    """Publish ``source`` with every optional edit off and compare it with the output."""
    from drafter.errors import DrafterError
    from drafter.limits import TimeLimitExceeded, time_limit
    from drafter.publish.pipeline import PublishOptions, publish_file

    figures = FileFigures(file=_label(source), source=str(source))
    options = PublishOptions(fixes="none", renumber=False, remove_markers=False, check_remaining=False,
                             force=True)
    try:
        with time_limit(str(source), time_limit_seconds):
            publish_file(source, output, options)
            before, after = stories(source), stories(output)
            figures.counts_source, figures.counts_output = count_elements(source), count_elements(output)
    except (DrafterError, TimeLimitExceeded) as exc:
        figures.status, figures.reason = "refused", getattr(exc, "reason", None) or str(exc)
        return figures
    except Exception as exc:  # noqa: BLE001 - a crash is a figure of this report, not its end
        figures.status, figures.reason = "failed", f"{type(exc).__name__}: {exc}"
        return figures
    figures.output = str(output)
    figures.paragraphs_equal = before == after
    figures.text_equal = _streams(before) == _streams(after)
    figures.first_difference = first_difference(before, after)
    figures.counts_equal = figures.counts_source == figures.counts_output
    return figures


def convert_all(figures: list[FileFigures], folder: Path, timeout: float) -> None:
    """Convert every published output to PDF with one LibreOffice call; set ``converted``."""
    outputs = [Path(f.output) for f in figures if f.output]
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not outputs or soffice is None:
        return
    pdf_dir, profile = folder / "pdf", folder / "lo-profile"
    pdf_dir.mkdir(exist_ok=True)
    _to_pdf(soffice, profile, pdf_dir, outputs, timeout)
    for figure in figures:
        if figure.output:
            figure.converted = _is_pdf(pdf_dir / (Path(figure.output).stem + ".pdf"))
    # An output that does not convert: does its source? If not, publish did not cause it.
    failed = [f for f in figures if f.output and not f.converted]
    if failed:
        sources = folder / "sources"
        sources.mkdir(exist_ok=True)
        copies = []
        for figure in failed:
            copy = sources / Path(figure.output).name
            shutil.copyfile(figure.source, copy)
            copies.append(copy)
        _to_pdf(soffice, profile, sources, copies, timeout)
        for figure in failed:
            figure.source_converts = _is_pdf(sources / (Path(figure.output).stem + ".pdf"))


def _to_pdf(soffice: str, profile: Path, outdir: Path, files, timeout: float) -> None:
    """Convert ``files`` to PDF in ``outdir`` with one LibreOffice call; a timeout leaves what it made."""
    try:
        subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
                       capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        pass


def _is_pdf(path: Path) -> bool:
    return path.exists() and path.stat().st_size > 0 and path.read_bytes()[:5] == b"%PDF-"


def _label(path: Path) -> str:
    for base in (EXTERNAL, REPO):
        try:
            return str(path.resolve().relative_to(base))
        except ValueError:
            continue
    return str(path)


def run(paths: list[str], convert: bool = True, time_limit_seconds: float = 120.0,
        convert_timeout: float = 1800.0, keep: Path | None = None) -> tuple[list[FileFigures], dict]:
    """Publish and compare every file; return per-file figures and the totals."""
    files = corpus_files(paths)
    with tempfile.TemporaryDirectory(prefix="drafter-integrity-") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        figures = []
        for number, source in enumerate(files):
            output = folder / f"{number:03d}-{source.stem}.docx"
            figures.append(publish_one(source, output, time_limit_seconds))
        if convert:
            convert_all(figures, folder, convert_timeout)
    published = [f for f in figures if f.status == "published"]
    totals = {
        "tried": len(figures),
        "refused": sum(f.status == "refused" for f in figures),
        "failed": sum(f.status == "failed" for f in figures),
        "published": len(published),
        "text_equal": sum(bool(f.text_equal) for f in published),
        "paragraphs_equal": sum(bool(f.paragraphs_equal) for f in published),
        "counts_equal": sum(bool(f.counts_equal) for f in published),
        "converted": sum(bool(f.converted) for f in published) if convert else None,
        "not_converted_source_neither": sum(f.converted is False and f.source_converts is False for f in published),
        "refusals": dict(Counter(f.reason for f in figures if f.status != "published").most_common()),
    }
    return figures, totals


def print_table(figures: list[FileFigures], totals: dict) -> None:
    mark = {True: "yes", False: "NO", None: "-"}
    print(f"{'file':60} {'status':10} {'text':5} {'paras':5} {'counts':6} {'pdf':4}")
    for f in figures:
        print(f"{f.file[:60]:60} {f.status:10} {mark[f.text_equal]:5} {mark[f.paragraphs_equal]:5} "
              f"{mark[f.counts_equal]:6} {mark[f.converted]:4}"
              + (f"  {f.reason[:80]}" if f.reason else "")
              + (f"  {f.first_difference[:100]}" if f.paragraphs_equal is False else "")
              + (f"  {f.counts_source} -> {f.counts_output}" if f.counts_equal is False else ""))
    print()
    print(f"tried {totals['tried']}: refused {totals['refused']}, failed {totals['failed']}, "
          f"published {totals['published']}; text-equal {totals['text_equal']}, paragraphs-equal "
          f"{totals['paragraphs_equal']}, counts-equal "
          f"{totals['counts_equal']}, converted to PDF {totals['converted']} (of the others, "
          f"{totals['not_converted_source_neither']} whose source LibreOffice cannot convert either)")
    for reason, n in totals["refusals"].items():
        print(f"  {n:3d}  {reason}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", help="files or folders (default: the samples and the external corpus)")
    parser.add_argument("--out", type=Path, help="also write every figure as JSON here")
    parser.add_argument("--no-convert", action="store_true", help="skip the LibreOffice conversion")
    parser.add_argument("--keep", type=Path, help="keep the published files and PDFs in this folder")
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds per file")
    args = parser.parse_args(argv)
    figures, totals = run(args.paths, convert=not args.no_convert, time_limit_seconds=args.time_limit,
                          keep=args.keep)
    print_table(figures, totals)
    if args.out:
        args.out.write_text(json.dumps({"totals": totals, "files": [asdict(f) for f in figures]},
                                       ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    published = totals["published"]
    complete = totals["text_equal"] == totals["counts_equal"] == published and (
        args.no_convert or totals["converted"] + totals["not_converted_source_neither"] == published)
    return 0 if complete and not totals["failed"] else 1


if __name__ == "__main__":
    sys.exit(main())
