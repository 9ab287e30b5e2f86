"""Merge a part's list definitions into the master's numbering.xml without collisions.

Word keeps list counters per ``w:abstractNum``: nums that share one continue
one list; a num with ``w:startOverride`` restarts it (see
:mod:`drafter.ooxml.numbering`). So, for each list a part uses:

- the part's abstractNum is matched against the lists already in the result,
  most recent part first, then the master (same format, level text and
  paragraph style on each level: "the same list");
- ``continue``: with a match, the part's num becomes a new num pointing at the
  matched abstractNum and without start overrides, so the counters run on from
  the previous part (start overrides the part carried are dropped and
  reported); without a match the abstractNum is copied as a new list and the
  part's own overrides are kept;
- ``restart``: with a match, a new num on the matched abstractNum with a
  ``w:startOverride`` on each defined level (the part's own override value, else
  the level's start); without a match, a copied abstractNum, which starts by
  itself.

Copied abstractNums get new ``w:abstractNumId`` values and a fresh ``w:nsid``
(Word merges lists with equal nsids when pasting); every num gets a new
``w:numId``. Nothing in the master changes.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field

from lxml import etree

from drafter.ooxml.names import w

ABSTRACT, NUM, LVL = w("abstractNum"), w("num"), w("lvl")
ABSTRACT_ID, NUM_ID, VAL, ILVL = w("abstractNumId"), w("numId"), w("val"), w("ilvl")
NSID, LVL_OVERRIDE, START_OVERRIDE = w("nsid"), w("lvlOverride"), w("startOverride")


@dataclass
class ListMerge:
    """What happened to one of a part's nums."""

    part: str
    source_num: str
    target_num: str
    target_abstract: str
    mode: str              # continue | restart
    action: str            # continued | restarted | copied
    dropped_overrides: dict[int, int] = field(default_factory=dict)


class NumberingMerger:
    """The result's numbering part: ids in use and the lists each merged part contributed."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self._abstract_ids = {_int(a.get(ABSTRACT_ID)) for a in root.iterchildren(ABSTRACT)} - {None}
        self._num_ids = {_int(n.get(NUM_ID)) for n in root.iterchildren(NUM)} - {None}
        self._nsids = {(e.get(VAL) or "").upper() for e in root.iter(NSID)}
        self._abstracts = {a.get(ABSTRACT_ID): a for a in root.iterchildren(ABSTRACT)}
        self._nums = {n.get(NUM_ID): n for n in root.iterchildren(NUM)}
        # lists in the order they joined the result: (owner, abstract id); the master's first
        self.history: list[tuple[str, str]] = [("master", a) for a in self._used_master_abstracts()]

    def _used_master_abstracts(self) -> list[str]:
        return [_val(n, ABSTRACT_ID) for n in self.root.iterchildren(NUM) if _val(n, ABSTRACT_ID)]

    def merge(self, part: str, part_root: etree._Element | None, num_ids: list[str], mode: str,
              style_map=lambda style_id: style_id) -> tuple[dict[str, str], list[ListMerge]]:
        """Add the lists behind ``num_ids`` of a part; return {old numId: new numId} and what was done."""
        if part_root is None or not num_ids:
            return {}, []
        part_abstracts = {a.get(ABSTRACT_ID): a for a in part_root.iterchildren(ABSTRACT)}
        part_nums = {n.get(NUM_ID): n for n in part_root.iterchildren(NUM)}
        mapping: dict[str, str] = {}
        done: list[ListMerge] = []
        abstract_map: dict[str, tuple[str, bool]] = {}   # part abstract id -> (result id, matched)
        for num_id in num_ids:
            if num_id in mapping or num_id in ("0", None):
                continue
            num = part_nums.get(num_id)
            abstract = part_abstracts.get(_val(num, ABSTRACT_ID)) if num is not None else None
            if num is None or abstract is None:
                continue   # a numId with no definition shows no number: left as it is
            source_abstract = abstract.get(ABSTRACT_ID)
            if source_abstract not in abstract_map:
                match = self._match(abstract, style_map)
                if match is not None:
                    abstract_map[source_abstract] = (match, True)
                else:
                    abstract_map[source_abstract] = (self._copy_abstract(part, abstract, style_map), False)
            target_abstract, matched = abstract_map[source_abstract]
            overrides = _start_overrides(num)
            new_num = etree.Element(NUM)
            new_id = str(self._fresh(self._num_ids))
            new_num.set(NUM_ID, new_id)
            etree.SubElement(new_num, ABSTRACT_ID).set(VAL, target_abstract)
            dropped: dict[int, int] = {}
            if not matched:
                for override in num.iterchildren(LVL_OVERRIDE):
                    new_num.append(copy.deepcopy(override))
                action = "copied"
            elif mode == "continue":
                for override in num.iterchildren(LVL_OVERRIDE):
                    if override.find(LVL) is not None:   # a level redefinition: keep, without its restart
                        kept = copy.deepcopy(override)
                        for start in kept.findall(START_OVERRIDE):
                            kept.remove(start)
                        new_num.append(kept)
                dropped = overrides
                action = "continued"
            else:
                starts = _level_starts(self._abstracts[target_abstract])
                for ilvl in sorted(set(starts) | set(overrides)):
                    override = etree.SubElement(new_num, LVL_OVERRIDE)
                    override.set(ILVL, str(ilvl))
                    etree.SubElement(override, START_OVERRIDE).set(VAL, str(overrides.get(ilvl, starts.get(ilvl, 1))))
                action = "restarted"
            self._append_num(new_num)
            mapping[num_id] = new_id
            done.append(ListMerge(part, num_id, new_id, target_abstract, mode, action, dropped))
        for target_abstract, _ in abstract_map.values():
            self.history.append((part, target_abstract))
        return mapping, done

    # -- internals -------------------------------------------------------------

    def _match(self, abstract: etree._Element, style_map) -> str | None:
        signature = _signature(abstract, style_map)
        if not any(level for level in signature):
            return None
        for _, candidate in reversed(self.history):
            existing = self._abstracts.get(candidate)
            if existing is not None and _signature(existing, lambda s: s) == signature:
                return candidate
        return None

    def _copy_abstract(self, part: str, abstract: etree._Element, style_map) -> str:
        new = copy.deepcopy(abstract)
        new_id = str(self._fresh(self._abstract_ids))
        new.set(ABSTRACT_ID, new_id)
        nsid = new.find(NSID)
        if nsid is None:
            nsid = etree.Element(NSID)
            new.insert(0, nsid)
        nsid.set(VAL, self._fresh_nsid(f"{part}/{abstract.get(ABSTRACT_ID)}"))
        for style in new.iter(w("pStyle"), w("numStyleLink"), w("styleLink")):
            mapped = style_map(style.get(VAL))
            if mapped:
                style.set(VAL, mapped)
        last_abstract = None
        for child in self.root.iterchildren(ABSTRACT):
            last_abstract = child
        if last_abstract is not None:
            last_abstract.addnext(new)
        else:
            first_num = self.root.find(NUM)
            if first_num is not None:
                first_num.addprevious(new)
            else:
                self.root.append(new)
        self._abstracts[new_id] = new
        return new_id

    def _append_num(self, num: etree._Element) -> None:
        cleanup = self.root.find(w("numIdMacAtCleanup"))
        if cleanup is not None:
            cleanup.addprevious(num)
        else:
            self.root.append(num)
        self._nums[num.get(NUM_ID)] = num

    @staticmethod
    def _fresh(used: set) -> int:
        value = max(used, default=0) + 1
        used.add(value)
        return value

    def _fresh_nsid(self, seed: str) -> str:
        counter = 0
        while True:
            digest = hashlib.sha1(f"{seed}#{counter}".encode()).hexdigest()[:8].upper()
            if digest not in self._nsids and digest != "FFFFFFFF":
                self._nsids.add(digest)
                return digest
            counter += 1


def used_num_ids(fragments: list[etree._Element]) -> list[str]:
    """numIds of w:numPr in the fragments, in order of first use."""
    out: dict[str, None] = {}
    for fragment in fragments:
        for num_id in fragment.iter(NUM_ID):
            if num_id.getparent() is not None and num_id.getparent().tag == w("numPr"):
                value = num_id.get(VAL)
                if value is not None:
                    out.setdefault(value.strip(), None)
    return list(out)


def apply_num_mapping(fragments: list[etree._Element], mapping: dict[str, str]) -> None:
    for fragment in fragments:
        for num_id in fragment.iter(NUM_ID):
            parent = num_id.getparent()
            value = (num_id.get(VAL) or "").strip()
            if parent is not None and parent.tag == w("numPr") and value in mapping:
                num_id.set(VAL, mapping[value])


def _signature(abstract: etree._Element, style_map) -> tuple:
    levels = []
    for lvl in abstract.iterchildren(LVL):
        style = _val(lvl, w("pStyle"))
        levels.append((lvl.get(ILVL), _val(lvl, w("numFmt")), _val(lvl, w("lvlText")),
                       style_map(style) if style else None))
    link = _val(abstract, w("numStyleLink"))
    return tuple(sorted(levels, key=lambda x: str(x[0]))) + ((("link", style_map(link)),) if link else ())


def _level_starts(abstract: etree._Element) -> dict[int, int]:
    starts = {}
    for lvl in abstract.iterchildren(LVL):
        ilvl = _int(lvl.get(ILVL))
        if ilvl is not None and _val(lvl, w("lvlText")) is not None:
            starts[ilvl] = _int(_val(lvl, w("start"))) or 0
    return starts


def _start_overrides(num: etree._Element) -> dict[int, int]:
    out = {}
    for override in num.iterchildren(LVL_OVERRIDE):
        ilvl = _int(override.get(ILVL))
        value = _int(_val(override, START_OVERRIDE))
        if ilvl is not None and value is not None:
            out[ilvl] = value
    return out


def _val(element: etree._Element | None, tag: str) -> str | None:
    if element is None:
        return None
    found = element.find(tag)
    return found.get(VAL) if found is not None else None


def _int(value: str | None) -> int | None:
    try:
        return int(value.strip()) if value is not None else None
    except ValueError:
        return None
