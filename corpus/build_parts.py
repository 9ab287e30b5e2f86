"""Split the main sample into a master and ministry parts: the input of ``drafter assemble``.

Run ``python corpus/build_parts.py`` (or ``--out DIR``). From the same content as
``samples/toimintaohjelma-luonnos.docx`` (content_main.py) it writes:

| file | from | contents |
|---|---|---|
| `master.docx` | the secretary | title page, "Lyhenteet", chapter VI heading and intro; header LUONNOS, page setup |
| `sm-luvut-I-V.docx` | Sisäministeriö | chapters I–V |
| `tavoite-1.docx` … `tavoite-5.docx` | a ministry each | the objective heading and its measures (objective 3 an automatic list, startOverride 19) |
| `om-luku-VII.docx` | oikeusministeriö | chapter VII |
| `programme.toml` | | the manifest: I–V before VI, objectives 1–5 at the end of VI, VII at the end |

`tavoite-4.docx` is saved as Finnish Word saves it: localised style ids
("Otsikko2" named "heading 2"), so assembling it exercises style mapping by name.
Assembling the manifest gives the whole sample's programme (outline) back;
tests/test_assemble_corpus.py checks that. Output is byte-for-byte reproducible.
"""

from __future__ import annotations

import sys
import zipfile
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import buildcli  # noqa: E402
import content_main  # noqa: E402
from docxwriter import ZIP_DATE, DocSpec, Para, build_parts  # noqa: E402
from programme import ProgrammeSpec, as_block  # noqa: E402

DEFAULT_OUT = HERE / "parts"
# Finnish Word's localised ids for the styles the objective parts use.
FINNISH_STYLE_IDS = {"Heading1": "Otsikko1", "Heading2": "Otsikko2", "Heading3": "Otsikko3",
                     "ListParagraph": "Luettelokappale"}
MINISTRIES = {1: "Sisäministeriö", 2: "Sosiaali- ja terveysministeriö", 3: "Oikeusministeriö",
              4: "Työ- ja elinkeinoministeriö", 5: "Sisäministeriö (koordinaatio)"}

MANIFEST = """\
# Ihmiskaupan vastainen toimintaohjelma 2021–2023: the programme stitched from its parts.
# drafter assemble corpus/parts/programme.toml -o luonnos.docx --report kooste.html
master = "master.docx"

[options]
renumber_measures = true
numbering = "continue"
keep_comments = false
keep_footnotes = true

[[parts]]
file = "sm-luvut-I-V.docx"
from = "Sisäministeriö"
select = { chapters = "I-V" }
target = { chapter = "VI", position = "before" }
{objectives}
[[parts]]
file = "om-luku-VII.docx"
from = "Oikeusministeriö"
select = { chapter = "VII" }
"""

OBJECTIVE_PART = """
[[parts]]
file = "tavoite-{n}.docx"
from = "{ministry}"
select = {{ objective = {n} }}
target = {{ chapter = "VI" }}
"""


def documents(spec: ProgrammeSpec) -> dict[str, DocSpec]:
    """The master and the parts as DocSpecs, from the whole sample's spec."""
    chapters = {c.number: c for c in spec.chapters}
    chapter_six = chapters["VI"]
    plain = dict(metadata=spec.metadata, lists=(), header_text=None, track_revisions=False)
    out: dict[str, DocSpec] = {}
    master_blocks = [as_block(b) for b in spec.front]
    master_blocks.append(Para((chapter_six.heading,), style="Heading1"))
    master_blocks += [as_block(b) for b in chapter_six.body]
    out["master.docx"] = DocSpec(blocks=master_blocks, metadata=spec.metadata, lists=(),
                                 header_text=spec.header_text, track_revisions=spec.track_revisions)
    first_five = replace(spec, front=[], chapters=[chapters[n] for n in ("I", "II", "III", "IV", "V")])
    out["sm-luvut-I-V.docx"] = DocSpec(blocks=first_five.doc_spec().blocks, **plain)
    for objective in chapter_six.objectives:
        blocks = [Para((objective.heading,), style="Heading2")] + [as_block(b) for b in objective.intro]
        blocks += spec._render_measures(objective.measures)
        automatic = any((m.layout or spec.layout) == "autonumber" for m in objective.measures)
        out[f"tavoite-{objective.number}.docx"] = DocSpec(
            blocks=blocks, metadata=spec.metadata, lists=spec.lists if automatic else (), header_text=None)
    seventh = replace(spec, front=[], chapters=[chapters["VII"]])
    out["om-luku-VII.docx"] = DocSpec(blocks=seventh.doc_spec().blocks, **plain)
    return out


def localise_styles(parts: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """Rename style ids as Finnish Word writes them (names stay "heading 2" ...)."""
    out = []
    for name, data in parts:
        if name in ("word/styles.xml", "word/document.xml", "word/numbering.xml"):
            for english, finnish in FINNISH_STYLE_IDS.items():
                data = data.replace(f'w:styleId="{english}"'.encode(), f'w:styleId="{finnish}"'.encode())
                data = data.replace(f'w:val="{english}"'.encode(), f'w:val="{finnish}"'.encode())
        out.append((name, data))
    return out


def write_parts(parts: list[tuple[str, bytes]], path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, data, compresslevel=6)
    tmp.replace(path)


def build(out: Path) -> list[Path]:
    """Write the master, the parts and programme.toml into ``out``; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    spec = content_main.spec()
    written = []
    for name, doc in documents(spec).items():
        parts = build_parts(doc)
        if name == "tavoite-4.docx":
            parts = localise_styles(parts)
        write_parts(parts, out / name)
        written.append(out / name)
    objectives = "".join(OBJECTIVE_PART.format(n=o.number, ministry=MINISTRIES[o.number])
                         for c in spec.chapters for o in c.objectives)
    manifest = out / "programme.toml"
    manifest.write_text(MANIFEST.replace("{objectives}", objectives), encoding="utf-8")
    written.append(manifest)
    return written


def main(argv: list[str] | None = None) -> int:
    return buildcli.run(build, DEFAULT_OUT, __doc__, argv)


if __name__ == "__main__":
    raise SystemExit(main())
