"""Compare two programme versions measure by measure: pair, classify and word-diff them.

:func:`diff_programmes` pairs the measures by content (:mod:`drafter.diff.matching`),
then looks at what the one-to-one pairing left over:

- a new measure whose words lie (≥ 80 %) inside an old measure is a part split
  off it: ``added`` with ``split_from``; the old measure lists it in
  ``split_into``. When the old measure found no partner at all, its first part
  (in the new document's order) continues it and the later parts are split off.
- an old measure whose words lie inside a new measure was merged into it:
  ``removed`` with ``merged_into``; the new one lists it in ``merged_from``.
  When the new measure had no partner, the first of its sources (in the old
  order) continues into it.

Objectives and chapters are paired by title and by where their measures went;
a measure is ``moved`` when its objective (or, without objectives, its chapter)
is not the counterpart of the one it sat in. Unchanged means the same words in
title, body and every field: spacing, paragraph breaks and the label's form
are not changes (the label's number is: ``renumbered``).

Layouts: when one version holds a measure in a table row and the other as
paragraphs, a table nested inside the row's cell has no counterpart in the
paragraph layout; its text is left out of the comparison and the measure carries
a note saying so.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Sequence

from rapidfuzz import fuzz

from drafter.blocks import Document, Table, iter_paragraphs
from drafter.diff.matching import (
    CANDIDATES, CONTAINMENT, MIN_PART_WORDS, MeasureText, Pair, containment, match, similarity,
)
from drafter.diff.result import FieldChange, MeasureDiff, NodeDiff, ProgrammeDiff
from drafter.diff.textdiff import normalised, same_words, word_ops
from drafter.model import Measure, Programme

NAME_FIELDS = ("responsible", "other_actors")
FIELD_ORDER = ("responsible", "other_actors", "schedule", "funding", "indicators")


def diff_files(old_path, new_path, threshold: float = 0.6, config_path: Path | None = None) -> ProgrammeDiff:
    """Read both drafts and compare them; raises drafter.errors.InputError for unreadable input."""
    from drafter.api import read_programme

    old = read_programme(old_path, config_path=config_path)
    new = read_programme(new_path, config_path=config_path)
    return diff_programmes(old, new, threshold, old_name=Path(old_path).name, new_name=Path(new_path).name)


def diff_programmes(old: Programme, new: Programme, threshold: float = 0.6,
                    old_name: str | None = None, new_name: str | None = None) -> ProgrammeDiff:
    """What changed from ``old`` to ``new``: one entry per measure, chapter and objective."""
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold must be in (0, 1], not {threshold}")
    return _Comparison(old, new, threshold).run(old_name or Path(old.file).name, new_name or Path(new.file).name)


class _Comparison:
    def __init__(self, old: Programme, new: Programme, threshold: float) -> None:
        self.old, self.new, self.threshold = old, new, threshold
        self.old_nested = nested_table_paragraphs(old.document)
        self.new_nested = nested_table_paragraphs(new.document)
        self.old_texts = [MeasureText.of(m, _plain_body(m, self.old_nested)) for m in old.measures]
        self.new_texts = [MeasureText.of(m, _plain_body(m, self.new_nested)) for m in new.measures]

    def run(self, old_name: str, new_name: str) -> ProgrammeDiff:
        pairs = match(self.old_texts, self.new_texts, self.threshold,
                      [m.number for m in self.old.measures], [m.number for m in self.new.measures])
        self.pair_old = {p.old: p for p in pairs}
        self.pair_new = {p.new: p for p in pairs}
        self.split_from: dict[int, int] = {}
        self.split_into: dict[int, list[int]] = defaultdict(list)
        self.merged_into: dict[int, int] = {}
        self.merged_from: dict[int, list[int]] = defaultdict(list)
        self._find_splits()
        self._find_merges()

        old_objective = _owners(self.old.measures, self.old.objectives)
        new_objective = _owners(self.new.measures, self.new.objectives)
        old_chapter = _owners(self.old.measures, self.old.chapters)
        new_chapter = _owners(self.new.measures, self.new.chapters)
        self.objective_map = self._map_nodes(self.old.objectives, self.new.objectives, old_objective, new_objective)
        self.chapter_map = self._map_nodes(self.old.chapters, self.new.chapters, old_chapter, new_chapter)
        self.owners = (old_objective, new_objective, old_chapter, new_chapter)

        measures = self._measure_diffs()
        return ProgrammeDiff(
            old_file=old_name, new_file=new_name, measures=tuple(measures),
            chapters=tuple(self._node_diffs("chapter", self.old.chapters, self.new.chapters, self.chapter_map)),
            objectives=tuple(self._node_diffs("objective", self.old.objectives, self.new.objectives,
                                              self.objective_map)),
            threshold=self.threshold, old_count=len(self.old.measures), new_count=len(self.new.measures),
        )

    # -- splits and merges ------------------------------------------------------

    def _find_splits(self) -> None:
        containers = _Containers([t.words() for t in self.old_texts])
        parts: dict[int, list[int]] = defaultdict(list)
        for j, text in enumerate(self.new_texts):
            if j in self.pair_new:
                continue
            source = containers.best(text.part_words())
            if source is not None:
                parts[source].append(j)
        for i, js in parts.items():
            js = sorted(js)
            if i not in self.pair_old:
                first = js.pop(0)
                self._pair(i, first)
            for j in js:
                self.split_from[j] = i
                self.split_into[i].append(j)

    def _find_merges(self) -> None:
        containers = _Containers([t.words() for t in self.new_texts])
        sources: dict[int, list[int]] = defaultdict(list)
        for i, text in enumerate(self.old_texts):
            if i in self.pair_old:
                continue
            target = containers.best(text.part_words(), exclude=set(self.split_from))
            if target is not None:
                sources[target].append(i)
        for j, is_ in sources.items():
            is_ = sorted(is_)
            if j not in self.pair_new:
                self._pair(is_.pop(0), j)
            for i in is_:
                self.merged_into[i] = j
                self.merged_from[j].append(i)

    def _pair(self, i: int, j: int) -> None:
        pair = Pair(i, j, similarity(self.old_texts[i], self.new_texts[j]))
        self.pair_old[i] = pair
        self.pair_new[j] = pair

    # -- objectives and chapters ------------------------------------------------------

    def _map_nodes(self, old_nodes, new_nodes, old_owner: list[int | None],
                   new_owner: list[int | None]) -> dict[int, int]:
        """Old node index → new node index: by title, and by where the node's measures went."""
        members: dict[int, list[int]] = defaultdict(list)
        for i, owner in enumerate(old_owner):
            if owner is not None:
                members[owner].append(i)
        candidates = []
        for a, old_node in enumerate(old_nodes):
            for b, new_node in enumerate(new_nodes):
                title = fuzz.ratio(normalised(old_node.title), normalised(new_node.title)) / 100.0
                went = [self.pair_old[i].new for i in members.get(a, []) if i in self.pair_old]
                overlap = (sum(1 for j in went if new_owner[j] == b) / len(members[a])) if members.get(a) else 0.0
                score = max(title, overlap if overlap > 0.5 else 0.0)
                if score >= self.threshold:
                    same_number = old_node.number == new_node.number
                    candidates.append((-score, not same_number, abs(a - b), a, b))
        mapping: dict[int, int] = {}
        used: set[int] = set()
        for _, _, _, a, b in sorted(candidates):
            if a in mapping or b in used:
                continue
            mapping[a] = b
            used.add(b)
        return mapping

    def _node_diffs(self, kind: str, old_nodes, new_nodes, mapping: dict[int, int]) -> list[NodeDiff]:
        back = {b: a for a, b in mapping.items()}
        out: list[NodeDiff] = []
        old_chapter_index = {c.number: k for k, c in enumerate(self.old.chapters)}
        new_chapter_index = {c.number: k for k, c in enumerate(self.new.chapters)}
        emitted_old: set[int] = set()

        def removed_before(limit: int | None) -> None:
            for a, node in enumerate(old_nodes):
                if a in mapping or a in emitted_old or (limit is not None and a > limit):
                    continue
                emitted_old.add(a)
                out.append(NodeDiff(kind, "removed", node.number, None, node.title, None,
                                    old_chapter=getattr(node, "chapter", None)))

        for b, node in enumerate(new_nodes):
            a = back.get(b)
            if a is None:
                out.append(NodeDiff(kind, "added", None, node.number, None, node.title,
                                    new_chapter=getattr(node, "chapter", None),
                                    new_paragraph=_main_paragraph(node.location)))
                continue
            removed_before(a)
            emitted_old.add(a)
            old_node = old_nodes[a]
            renamed = not same_words(old_node.title, node.title)
            moved = False
            if kind == "objective":
                was = old_chapter_index.get(old_node.chapter)
                now = new_chapter_index.get(node.chapter)
                moved = was is not None and self.chapter_map.get(was) != now
            out.append(NodeDiff(
                kind, "modified" if renamed else "unchanged", old_node.number, node.number,
                old_node.title, node.title, old_chapter=getattr(old_node, "chapter", None),
                new_chapter=getattr(node, "chapter", None), renumbered=old_node.number != node.number,
                renamed=renamed, moved=moved,
                title_ops=tuple(word_ops(old_node.title, node.title)) if renamed else None,
                new_paragraph=_main_paragraph(node.location),
            ))
        removed_before(None)
        return out

    # -- measures ------------------------------------------------------------------------

    def _measure_diffs(self) -> list[MeasureDiff]:
        keyed: list[tuple[tuple, MeasureDiff]] = []
        for j, measure in enumerate(self.new.measures):
            pair = self.pair_new.get(j)
            if pair is None:
                diff = MeasureDiff(
                    "added", None, measure, None, j, new_body=measure.text,
                    new_body_lines=tuple(range(len(measure.text.split("\n")))),
                    new_place=(measure.chapter, measure.objective), split_from=self.split_from.get(j),
                )
            else:
                diff = self._paired(pair)
            keyed.append(((j, 0, 0), diff))
        # a removed measure goes after the new place of the old measure before it
        new_of_old = {i: p.new for i, p in self.pair_old.items()}
        for i, measure in enumerate(self.old.measures):
            if i in self.pair_old:
                continue
            anchor = -1
            for k in range(i - 1, -1, -1):
                if k in new_of_old:
                    anchor = new_of_old[k]
                    break
            diff = MeasureDiff(
                "removed", measure, None, i, None, old_body=measure.text,
                old_place=(measure.chapter, measure.objective), merged_into=self.merged_into.get(i),
            )
            keyed.append(((anchor, 1, i), diff))
        keyed.sort(key=lambda k: k[0])
        return [d for _, d in keyed]

    def _paired(self, pair: Pair) -> MeasureDiff:
        old, new = self.old.measures[pair.old], self.new.measures[pair.new]
        old_body, _, old_nested = _body_view(old, self.old_nested)
        new_body, new_lines, new_nested = _body_view(new, self.new_nested)
        notes: list[str] = []
        if old.layout != new.layout and bool(old_nested) != bool(new_nested):
            # a table nested in a table cell: the paragraph layout has no place for it
            side, nested = ("old", old_nested) if old_nested else ("new", new_nested)
            excerpt = " | ".join(nested[:4]) + (" …" if len(nested) > 4 else "")
            notes.append(f"the {side} version holds a table inside the measure's table cell ({excerpt}); "
                         f"the {'new' if side == 'old' else 'old'} layout has no such table, so it was not compared")
        else:
            old_body = old.text
            new_body = new.text
            new_lines = tuple(range(len(new.text.split("\n"))))
        title_ops = None if same_words(old.title, new.title) else tuple(word_ops(old.title, new.title))
        text_ops = None if same_words(old_body, new_body) else tuple(word_ops(old_body, new_body))
        fields = tuple(self._field_changes(old, new))
        changed = title_ops is not None or text_ops is not None or bool(fields)
        old_objective, new_objective, old_chapter, new_chapter = self.owners
        moved = _moved(pair, old_objective, new_objective, self.objective_map) or \
            _moved(pair, old_chapter, new_chapter, self.chapter_map)
        return MeasureDiff(
            "modified" if changed else "unchanged", old, new, pair.old, pair.new,
            renumbered=old.number != new.number, moved=moved, similarity=round(pair.score, 3),
            title_ops=title_ops, text_ops=text_ops, fields=fields, old_body=old_body, new_body=new_body,
            new_body_lines=new_lines, old_place=(old.chapter, old.objective), new_place=(new.chapter, new.objective),
            split_into=tuple(self.split_into.get(pair.old, ())), merged_from=tuple(self.merged_from.get(pair.new, ())),
            notes=tuple(notes),
        )

    def _field_changes(self, old: Measure, new: Measure) -> list[FieldChange]:
        keys = [k for k in FIELD_ORDER]
        keys += [f.key for f in (*old.fields, *new.fields) if f.key not in keys]
        out = []
        for key in dict.fromkeys(keys):
            before, after = _field_text(old, key), _field_text(new, key)
            if before is None and after is None:
                continue
            if before is not None and after is not None and same_words(before, after):
                continue
            added = removed = ()
            if key in NAME_FIELDS:
                old_names = _names(before, self.old.language)
                new_names = _names(after, self.new.language)
                old_keys = {normalised(n) for n in old_names}
                new_keys = {normalised(n) for n in new_names}
                added = tuple(n for n in new_names if normalised(n) not in old_keys)
                removed = tuple(n for n in old_names if normalised(n) not in new_keys)
            out.append(FieldChange(key, before, after, tuple(word_ops(before, after)), added, removed))
        return out


def nested_table_paragraphs(document: Document) -> frozenset[tuple[str, int]]:
    """(part, paragraph index) of every paragraph inside a table that sits in a table cell."""
    found: set[tuple[str, int]] = set()

    def walk(table: Table, depth: int) -> None:
        for row in table.rows:
            for cell in row.cells:
                for block in cell.blocks:
                    if isinstance(block, Table):
                        for p in iter_paragraphs((block,)):
                            found.add((p.location.part, p.index))
                        walk(block, depth + 1)

    for block in document.body:
        if isinstance(block, Table):
            walk(block, 0)
    return frozenset(found)


def _body_view(measure: Measure, nested: frozenset) -> tuple[str, tuple[int, ...], list[str]]:
    """The body without nested-table lines, the line numbers kept, and the nested lines."""
    lines = measure.text.split("\n") if measure.text else []
    if len(measure.body_locations) != len(lines):
        return measure.text, tuple(range(len(lines))), []
    kept, dropped = [], []
    for k, (line, location) in enumerate(zip(lines, measure.body_locations)):
        (dropped if (location.part, location.paragraph) in nested else kept).append(k)
    return "\n".join(lines[k] for k in kept), tuple(kept), [lines[k] for k in dropped]


def _plain_body(measure: Measure, nested: frozenset) -> str:
    return _body_view(measure, nested)[0]


def _main_paragraph(location) -> int | None:
    return location.paragraph if location.part == "word/document.xml" else None


def _field_text(measure: Measure, key: str) -> str | None:
    values = [f.value for f in measure.fields if f.key == key]
    return "\n".join(values) if values else None


def _names(value: str | None, language: str) -> list[str]:
    if not value:
        return []
    from drafter.structure.names import split_responsible

    return list(split_responsible(value, language))


def _owners(measures: Sequence[Measure], nodes) -> list[int | None]:
    """For each measure, the index of the last node (objective/chapter) opened before it."""
    starts = sorted(((n.location.paragraph, k) for k, n in enumerate(nodes)
                     if n.location.part == "word/document.xml"))
    out: list[int | None] = []
    for measure in measures:
        owner = None
        for paragraph, k in starts:
            if paragraph <= measure.location.paragraph:
                owner = k
            else:
                break
        if owner is not None and hasattr(nodes[owner], "chapter") and nodes[owner].chapter != measure.chapter:
            owner = None  # the objective belongs to an earlier chapter
        out.append(owner)
    return out


def _moved(pair: Pair, old_owner, new_owner, mapping: dict[int, int]) -> bool:
    was, now = old_owner[pair.old], new_owner[pair.new]
    if was is None and now is None:
        return False
    if was is None or now is None:
        return True
    return mapping.get(was) != now


class _Containers:
    """Find the text that holds most of a part's words, through an index of rare words.

    Candidates are the texts sharing the most of the part's less common words
    (a word in more than half of the texts tells nothing); only the best
    :data:`CANDIDATES` are measured exactly, so a search costs the part's
    words' posting lists, not a pass over every text.
    """

    def __init__(self, wholes: list[list[str]]) -> None:
        self.wholes = wholes
        self.index: dict[str, list[int]] = defaultdict(list)
        for k, whole in enumerate(wholes):
            for word in set(whole):
                self.index[word].append(k)
        self.common = max(2, len(wholes) // 2 + 1)

    def best(self, part: list[str], exclude: set[int] = frozenset()) -> int | None:
        """The index of the text holding at least CONTAINMENT of ``part``'s words, or None."""
        if len(part) < MIN_PART_WORDS:
            return None
        shared: Counter[int] = Counter()
        for word in set(part):
            holders = self.index.get(word, ())
            if len(holders) <= self.common:
                for k in holders:
                    shared[k] += 1
        best = None
        for k, _ in shared.most_common(CANDIDATES):
            if k in exclude:
                continue
            score = containment(part, self.wholes[k])
            if score >= CONTAINMENT and (best is None or score > best[0] or (score == best[0] and k < best[1])):
                best = (score, k)
        return best[1] if best else None


__all__ = ["diff_programmes", "diff_files", "nested_table_paragraphs"]
