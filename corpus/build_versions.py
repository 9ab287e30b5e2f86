"""Build version pairs of the main sample draft and the diff each pair must give.

``python corpus/build_versions.py`` (or ``--out DIR``) writes into corpus/versions/:

- ``luonnos101220.docx``: the main sample draft (content_main), LUONNOS 10.12.2020;
- ``luonnos280121.docx``: the next version, LUONNOS 28.1.2021, made from the
  first by the edits listed in :func:`next_version`: a measure added at the
  start of objective 2 (renumbering what follows), words changed in titles,
  bodies and every field, a measure moved to another objective, two removed,
  one split in two, two pairs merged, an objective renamed, one added with a
  new measure, a chapter renamed;
- ``luonnos101220-luonnos280121.expected.json``: what ``drafter diff`` must
  report, written here from the same edits — never by running drafter.

Each edit both changes the new version's spec and records the word operation
it is (``insert``/``delete``/``replace`` with the words), so the expectation
and the documents come from one source. Edits are chosen so that the change
is unambiguous at the word level (a token-level LCS finds exactly that op).
The build is byte-for-byte reproducible, like corpus/build.py.
"""

from __future__ import annotations

import copy
import json
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

import buildcli  # noqa: E402
import content_main  # noqa: E402
from content_main import BUDGET_NOTE, WORK, at, m, rh, vt  # noqa: E402
from docxwriter import ListDef, Para, write_docx  # noqa: E402
from programme import Chapter, Field, Measure, Objective, ProgrammeSpec  # noqa: E402

DEFAULT_OUT = HERE / "versions"
OLD_NAME = "luonnos101220.docx"
NEW_NAME = "luonnos280121.docx"
EXPECTED_NAME = "luonnos101220-luonnos280121.expected.json"


# --------------------------------------------------------------------------- recording edits

@dataclass
class Expected:
    """What the diff must say about one new measure (keyed by the new Measure object)."""

    title: list | None = None
    text: list | None = None
    fields: dict = field(default_factory=dict)


class Versioning:
    """The old spec, its deep copy being edited into the new one, and the expected changes."""

    def __init__(self, old: ProgrammeSpec) -> None:
        self.old = old
        memo: dict = {}
        self.new = copy.deepcopy(old, memo)
        # new Measure object id -> old Measure object (copies keep their source)
        self.source: dict[int, Measure] = {}
        for _, _, measure in _measures(old):
            self.source[id(memo[id(measure)])] = measure
        self.expected: dict[int, Expected] = {}
        self.split_into: dict[int, list[Measure]] = {}    # old measure id -> new parts split off
        self.split_from: dict[int, Measure] = {}          # new part id -> old measure
        self.merged_into: dict[int, Measure] = {}         # old measure id -> new measure
        self.merged_from: dict[int, list[Measure]] = {}   # new measure id -> old measures
        self.objective_source: dict[int, Objective] = {
            id(memo[id(o)]): o for c in old.chapters for o in c.objectives}
        self.chapter_source: dict[int, Chapter] = {id(memo[id(c)]): c for c in old.chapters}

    # lookups in the new spec, by the old numbering (unique except 41, see find)
    def find(self, number: int, nth: int = 0) -> Measure:
        hits = [m_ for _, _, m_ in _measures(self.new)
                if id(m_) in self.source and self.source[id(m_)].number == number]
        return hits[nth]

    def objective(self, number: int) -> Objective:
        return next(o for c in self.new.chapters for o in c.objectives if o.number == number)

    def chapter(self, number: str) -> Chapter:
        return next(c for c in self.new.chapters if c.number == number)

    def _exp(self, measure: Measure) -> Expected:
        return self.expected.setdefault(id(measure), Expected())

    # word edits: each changes one plain-string segment and records its op
    def replace_title(self, measure: Measure, old: str, new: str) -> None:
        measure.title = (_replace_once(_plain(measure.title), old, new),)
        self._exp(measure).title = [_op(old, new)]

    def insert_title(self, measure: Measure, after: str, words: str) -> None:
        measure.title = (_replace_once(_plain(measure.title), after, f"{after} {words}"),)
        self._exp(measure).title = [{"op": "insert", "text": words}]

    def replace_body(self, measure: Measure, paragraph: int, old: str, new: str) -> None:
        measure.body[paragraph] = (_replace_once(_plain(measure.body[paragraph]), old, new),)
        self._exp(measure).text = (self._exp(measure).text or []) + [_op(old, new)]

    def insert_body(self, measure: Measure, paragraph: int, after: str, words: str) -> None:
        measure.body[paragraph] = (_replace_once(_plain(measure.body[paragraph]), after, f"{after} {words}"),)
        self._exp(measure).text = (self._exp(measure).text or []) + [{"op": "insert", "text": words}]

    def delete_body(self, measure: Measure, paragraph: int, words: str) -> None:
        measure.body[paragraph] = (_replace_once(_plain(measure.body[paragraph]), f" {words}", ""),)
        self._exp(measure).text = (self._exp(measure).text or []) + [{"op": "delete", "text": words}]

    def set_field(self, measure: Measure, new_field: Field, op: dict, names: bool = False) -> None:
        k = next(i for i, f in enumerate(measure.fields) if f.key == new_field.key)
        old_field = measure.fields[k]
        measure.fields[k] = new_field
        entry = {"old": old_field.text, "new": new_field.text, "ops": [op]}
        if names:
            entry["added"] = [n for n in new_field.names if n not in old_field.names]
            entry["removed"] = [n for n in old_field.names if n not in new_field.names]
        self._exp(measure).fields[new_field.key] = entry

    def remove(self, measure: Measure) -> None:
        for objective in _objectives(self.new):
            if measure in objective.measures:
                objective.measures.remove(measure)


def _measures(spec: ProgrammeSpec):
    for chapter in spec.chapters:
        for objective in chapter.objectives:
            for measure in objective.measures:
                yield chapter, objective, measure


def _objectives(spec: ProgrammeSpec):
    for chapter in spec.chapters:
        yield from chapter.objectives


def _plain(segments: tuple) -> str:
    if len(segments) != 1 or not isinstance(segments[0], str):
        raise ValueError(f"edit a plain-text paragraph, not {segments!r}")
    return segments[0]


def _replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise ValueError(f"{old!r} occurs {text.count(old)} times in {text!r}")
    return text.replace(old, new)


def _op(old: str, new: str) -> dict:
    if not old:
        return {"op": "insert", "text": new}
    if not new:
        return {"op": "delete", "text": old}
    return {"op": "replace", "old": old, "new": new}


# --------------------------------------------------------------------------- the next version

def next_version(old: ProgrammeSpec) -> Versioning:
    """The edits from LUONNOS 10.12.2020 to LUONNOS 28.1.2021, applied and recorded."""
    v = Versioning(old)
    new = v.new
    new.file = NEW_NAME
    new.front[0] = Para(("LUONNOS 28.1.2021",), bold=True, align="right")
    new.metadata = replace(new.metadata, revision=52, modified="2021-01-28T14:05:00Z")

    # words changed: titles, bodies and each field
    v.replace_title(v.find(2), "valmiuksia", "kykyä")
    v.insert_body(v.find(5), 1, "yhteyshenkilöverkostolla", "ja koulutuksella")
    v.set_field(v.find(7), vt("SM", "ihmiskaupan uhrien auttamisjärjestelmä", "Rajavartiolaitos"),
                {"op": "insert", "text": ", Rajavartiolaitos"}, names=True)
    v.set_field(v.find(10), at("2021–2024"), _op("2021–2023", "2021–2024"))
    m12 = v.find(12)
    v.replace_body(m12, 0, "useilla kielillä", "vähintään kuudella kielellä")
    v.set_field(m12, at("2022"), _op("2022–2023", "2022"))
    v.set_field(v.find(15), vt("SM", "Maahanmuuttovirasto"), _op("Migri", "Maahanmuuttovirasto"), names=True)
    v.replace_title(v.find(20), "erikoistumista", "osaamista")
    v.delete_body(v.find(26), 0, "Kampanjan vaikuttavuus mitataan kyselytutkimuksella.")
    v.set_field(v.find(27), rh("Edellyttää 300 000 euron lisärahoitusta vuosina 2022–2023. " + BUDGET_NOTE),
                {"op": "insert", "text": BUDGET_NOTE})

    # added: first measure of objective 2 (everything after it moves up by one)
    added_10 = m(None, "Laaditaan ihmiskaupan uhrien auttamisjärjestelmälle valtakunnallinen laatusuositus",
                 ["Laatusuositus kuvaa palvelujen vähimmäistason, asiakkaan osallisuuden ja palautteen "
                  "keräämisen. Suositusta päivitetään joka toinen vuosi."],
                 [vt("STM", "THL"), at("2021–2022"), rh(WORK)])
    v.objective(2).measures.insert(0, added_10)

    # moved: 18 to the end of objective 5
    m18 = v.find(18)
    v.objective(2).measures.remove(m18)

    # split: 24's two paragraphs become two measures; the first keeps the title
    m24 = v.find(24)
    first, second = m24.body
    m24.body = [first]
    v._exp(m24).text = [{"op": "delete", "text": _plain(second)}]
    part = m(None, "Selvitetään, voisivatko verohallinto ja työsuojeluviranomaiset tehdä yhteisiä tarkastuksia",
             [second])
    objective_4 = v.objective(4)
    objective_4.measures.insert(objective_4.measures.index(m24) + 1, part)
    v.split_into[id(v.source[id(m24)])] = [part]
    v.split_from[id(part)] = v.source[id(m24)]

    # removed: 31 and 45
    v.remove(v.find(31))
    v.remove(v.find(45))

    # merged: 33 (the near-duplicate of 5) into 5; 46 into 44
    m33, m5 = v.find(33), v.find(5)
    v.remove(m33)
    v.merged_into[id(v.source[id(m33)])] = m5
    v.merged_from[id(m5)] = [v.source[id(m33)]]
    m44, m46 = v.find(44), v.find(46)
    v.insert_title(m44, "väliarvioinnilla", "ja valmistellaan seuraava toimintaohjelma väliarvioinnin pohjalta")
    m44.body.append(m46.body[0])
    v._exp(m44).text = [{"op": "insert", "text": _plain(m46.body[0])}]
    v.remove(m46)
    v.merged_into[id(v.source[id(m46)])] = m44
    v.merged_from[id(m44)] = [v.source[id(m46)]]

    # added at the end of objective 4
    objective_4.measures.append(m(
        None, "Laaditaan rakennusalan työnantajille opas ihmiskaupan riskien tunnistamisesta",
        ["Opas kuvaa alihankintaketjujen valvonnan keinot ja ohjaa ilmoittamaan epäillystä "
         "hyväksikäytöstä työsuojeluviranomaisille."],
        [vt("TEM", "Rakennusteollisuus RT"), at("2022"), rh(WORK)]))
    v.objective(5).measures.append(m18)

    # objective 4 renamed; objective 6 added with one new measure; chapter VII renamed
    objective_4.heading = "Tavoite 4: Ihmiskauppaa ennaltaehkäistään ja tietoisuus ihmiskaupasta lisääntyy"
    objective_4.title = "Ihmiskauppaa ennaltaehkäistään ja tietoisuus ihmiskaupasta lisääntyy"
    v.chapter("VI").objectives.append(Objective(
        6, "Tavoite 6: Ihmiskaupan vastaisen työn rahoitus on pitkäjänteistä",
        "Ihmiskaupan vastaisen työn rahoitus on pitkäjänteistä",
        [m(None, "Selvitetään järjestöjen ihmiskaupan vastaisen työn monivuotisen rahoituksen mallit",
           ["Selvityksessä verrataan Pohjoismaiden avustusmalleja ja arvioidaan niiden soveltuvuutta "
            "Suomeen."],
           [vt("STM", "Sosiaali- ja terveysjärjestöjen avustuskeskus"), at("2022–2023"), rh(WORK)])]))
    chapter_7 = v.chapter("VII")
    chapter_7.heading = "VII Toimeenpano ja seuranta vuosina 2021–2023"
    chapter_7.title = "Toimeenpano ja seuranta vuosina 2021–2023"

    # the new version numbers its measures 1, 2, 3 … (fixing 38 missing and 41 twice)
    for number, (_, _, measure) in enumerate(_measures(new), start=1):
        measure.number = number
    first_auto = next(mm.number for _, o, mm in _measures(new) if (mm.layout or new.layout) == "autonumber")
    new.lists = tuple(ListDef(d.abstract_id, d.levels, tuple((num, {0: first_auto}) for num, _ in d.nums),
                              d.multilevel) for d in new.lists)
    return v


# --------------------------------------------------------------------------- the expected diff

def expected_diff(v: Versioning) -> dict:
    """The diff drafter must report, from the recorded edits (contract §4 keys plus extras)."""
    old_objective = {id(mm): (c, o) for c, o, mm in _measures(v.old)}
    entries = []
    placed_old: set[int] = set()
    for chapter, objective, measure in _measures(v.new):
        source = v.source.get(id(measure))
        if source is None:
            split_of = v.split_from.get(id(measure))
            entries.append(_entry(None, measure.number, "added", False, False, None,
                                  split_from=split_of.number if split_of else None))
            continue
        placed_old.add(id(source))
        was_chapter, was_objective = old_objective[id(source)]
        moved = v.objective_source.get(id(objective)) is not was_objective
        expected = v.expected.get(id(measure), Expected())
        changed = expected.title is not None or expected.text is not None or bool(expected.fields)
        entries.append(_entry(
            source.number, measure.number, "modified" if changed else "unchanged", source.number != measure.number,
            moved, {"title": expected.title, "text": expected.text, "fields": expected.fields},
            split_into=[p.number for p in v.split_into.get(id(source), [])],
            merged_from=[o.number for o in v.merged_from.get(id(measure), [])],
        ))
    for _, _, measure in _measures(v.old):
        if id(measure) not in placed_old:
            target = v.merged_into.get(id(measure))
            entries.append(_entry(measure.number, None, "removed", False, False, None,
                                  merged_into=target.number if target else None))
    return {
        "schema": "drafter.diff/1",
        "old": OLD_NAME,
        "new": NEW_NAME,
        "measures": entries,
        "objectives": _node_entries(v, "objective"),
        "chapters": _node_entries(v, "chapter"),
    }


def _entry(old, new, status, renumbered, moved, changes, split_from=None, split_into=(), merged_into=None,
           merged_from=()) -> dict:
    return {"old": old, "new": new, "status": status, "renumbered": renumbered, "moved": moved,
            "changes": changes, "split_from": split_from, "split_into": list(split_into),
            "merged_into": merged_into, "merged_from": list(merged_from)}


def _node_entries(v: Versioning, kind: str) -> list[dict]:
    if kind == "objective":
        new_nodes = list(_objectives(v.new))
        old_nodes = list(_objectives(v.old))
        source = v.objective_source
    else:
        new_nodes, old_nodes, source = v.new.chapters, v.old.chapters, v.chapter_source
    out = []
    seen = set()
    for node in new_nodes:
        was = source.get(id(node))
        if was is None:
            out.append({"old": None, "new": node.number, "status": "added", "renamed": False,
                        "old_title": None, "new_title": node.title})
            continue
        seen.add(id(was))
        renamed = was.title != node.title
        out.append({"old": was.number, "new": node.number, "status": "modified" if renamed else "unchanged",
                    "renamed": renamed, "old_title": was.title, "new_title": node.title})
    for node in old_nodes:
        if id(node) not in seen:
            out.append({"old": node.number, "new": None, "status": "removed", "renamed": False,
                        "old_title": node.title, "new_title": None})
    return out


# --------------------------------------------------------------------------- build

def old_version() -> ProgrammeSpec:
    spec = content_main.spec()
    spec.file = OLD_NAME
    return spec


def build(out: Path) -> list[Path]:
    """Write both versions and the expected diff into ``out``; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    old = old_version()
    versions = next_version(old)
    paths = [out / OLD_NAME, out / NEW_NAME, out / EXPECTED_NAME]
    write_docx(old.doc_spec(), paths[0])
    write_docx(versions.new.doc_spec(), paths[1])
    paths[2].write_text(json.dumps(expected_diff(versions), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    return buildcli.run(build, DEFAULT_OUT, __doc__, argv)


if __name__ == "__main__":
    raise SystemExit(main())
