"""Build the sample drafts in corpus/samples/: .docx, .truth.json and .faults.yaml.

Run ``python corpus/build.py`` (or ``--out DIR`` to build elsewhere). Output is
byte-for-byte reproducible: rebuilding over the committed samples changes nothing.

Each sample is described once (content_*.py) and both its DOCX and its truth
outline come from that description; the faults of the main draft are listed next
to its content and checked here against the text actually written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import yaml  # noqa: E402

import content_fi  # noqa: E402
import buildcli  # noqa: E402
import content_main  # noqa: E402
import content_sv_en  # noqa: E402
from docxwriter import Comment, Del, Para, Sdt, TableBlock, TextBox, accepted_text, write_docx  # noqa: E402
from programme import ProgrammeSpec  # noqa: E402

DEFAULT_OUT = HERE / "samples"

# name -> (spec factory, faults factory)
SAMPLES: dict[str, tuple[Callable[[], ProgrammeSpec], Callable[[], list[dict]]]] = {
    "toimintaohjelma-luonnos": (content_main.spec, content_main.faults),
    "fi-puhdas": (content_fi.clean_spec, list),
    "fi-numeroidut-otsikot": (content_fi.numbered_headings_spec, list),
    "fi-taulukko": (content_fi.table_spec, list),
    "fi-automaattinumerointi": (content_fi.autonumber_spec, list),
    "fi-toimenpide-etuliite": (content_fi.prefix_spec, list),
    "fi-teemat": (content_fi.themes_spec, list),
    "sv-handlingsplan": (content_sv_en.swedish_spec, list),
    "en-action-plan": (content_sv_en.english_spec, list),
}


def written_texts(blocks: list) -> list[str]:
    """Accepted-view texts of every paragraph, comment and text box, plus deleted text."""
    texts: list[str] = []

    def segments(segs) -> None:
        for s in segs:
            if isinstance(s, Comment):
                texts.append(s.text)
                segments(s.anchor)
            elif isinstance(s, TextBox):
                texts.extend(s.paragraphs)
            elif isinstance(s, Del):
                texts.append(s.text)  # tracked deletions are faults too

    def walk(block) -> None:
        if isinstance(block, Para):
            texts.append(accepted_text(block.segments))
            segments(block.segments)
        elif isinstance(block, TableBlock):
            for row in block.rows:
                for cell in row:
                    for inner in cell.blocks:
                        walk(inner)
        elif isinstance(block, Sdt):
            for inner in block.blocks:
                walk(inner)

    for block in blocks:
        walk(block)
    return texts


def check_faults(name: str, spec: ProgrammeSpec, faults: list[dict]) -> None:
    """Refuse to build when a listed fault's text is not in what the sample writes."""
    doc = spec.doc_spec()
    texts = written_texts(doc.blocks) + ([doc.header_text] if doc.header_text else [])
    for f in faults:
        if f["where"] == "settings":
            if f["text"] == "trackRevisions" and doc.track_revisions:
                continue
            raise SystemExit(f"{name}: settings fault {f['text']!r} is not set")
        if not any(f["text"] in t for t in texts):
            raise SystemExit(f"{name}: fault text {f['text']!r} does not occur in the draft")


def build(out: Path) -> list[Path]:
    """Write every sample into ``out``; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (make_spec, make_faults) in SAMPLES.items():
        spec = make_spec()
        faults = make_faults()
        check_faults(name, spec, faults)
        docx = out / f"{name}.docx"
        write_docx(spec.doc_spec(), docx)
        truth = out / f"{name}.truth.json"
        truth.write_text(json.dumps(spec.truth(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        fault_file = out / f"{name}.faults.yaml"
        header = (f"# Deliberate faults in {name}.docx, written by corpus/build.py.\n"
                  "# category: the contract's vocabulary; measure: the measure number or null;\n"
                  "# text: the offending text as it appears; where: body | field | comment | header | settings.\n")
        fault_file.write_text(header + yaml.safe_dump(faults, allow_unicode=True, sort_keys=False, width=100),
                              encoding="utf-8")
        written += [docx, truth, fault_file]
    return written


def main(argv: list[str] | None = None) -> int:
    return buildcli.run(build, DEFAULT_OUT, __doc__, argv)


if __name__ == "__main__":
    raise SystemExit(main())
