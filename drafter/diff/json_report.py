"""The drafter.diff/1 JSON document (shared/contracts/README.md §4).

Each entry of ``measures`` has the contract's keys (``old``, ``new``, ``status``,
``renumbered``, ``moved``, ``changes``) and adds: positions (1-based place among
the version's measures: numbers can repeat or be missing), labels, titles, places
(chapter/objective on each side), the similarity score, ``layout``, ``notes``
and the split/merge links, given as measure numbers like ``old``/``new``:

- ``split_from``: the old measure an added measure was split off (or null);
- ``split_into``: the new measures split off this one, besides itself;
- ``merged_into``: the new measure a removed measure was merged into (or null);
- ``merged_from``: the old measures merged into this one, besides its own.

``changes`` is null for added and removed measures; for paired ones ``title``
and ``text`` are null when their words did not change, otherwise lists of word
operations (``{"op": "insert"|"delete", "text"}`` or ``{"op": "replace", "old",
"new"}``); ``fields`` holds only changed fields, each with ``old``, ``new``
(values as written, null when absent), ``ops``, and for name fields
``added``/``removed`` names.
"""

from __future__ import annotations

import json
from typing import Any

from drafter.diff.result import FieldChange, MeasureDiff, NodeDiff, ProgrammeDiff

SCHEMA = "drafter.diff/1"


def diff_json(diff: ProgrammeDiff) -> dict[str, Any]:
    """The drafter.diff/1 document for ``diff``."""
    return {
        "schema": SCHEMA,
        "old": diff.old_file,
        "new": diff.new_file,
        "threshold": diff.threshold,
        "summary": {"old_measures": diff.old_count, "new_measures": diff.new_count, **diff.counts()},
        "measures": [_measure(m, diff) for m in diff.measures],
        "chapters": [_node(n) for n in diff.chapters],
        "objectives": [_node(n) for n in diff.objectives],
    }


def render_json(diff: ProgrammeDiff) -> str:
    """``diff_json`` as indented UTF-8 text ending with a newline."""
    return json.dumps(diff_json(diff), ensure_ascii=False, indent=2) + "\n"


def _measure(m: MeasureDiff, diff: ProgrammeDiff) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "old": m.old_number,
        "new": m.new_number,
        "status": m.status,
        "renumbered": m.renumbered,
        "moved": m.moved,
        "changes": None,
        "old_position": m.old_index + 1 if m.old_index is not None else None,
        "new_position": m.new_index + 1 if m.new_index is not None else None,
        "old_label": m.old.label if m.old else None,
        "new_label": m.new.label if m.new else None,
        "title": m.measure.title,
        "old_title": m.old.title if m.old else None,
        "old_place": _place(m.old_place),
        "new_place": _place(m.new_place),
        "similarity": m.similarity,
        "layout": {"old": m.old.layout if m.old else None, "new": m.new.layout if m.new else None},
        "split_from": diff.old_number_of(m.split_from) if m.split_from is not None else None,
        "split_into": [diff.new_number_of(j) for j in m.split_into],
        "merged_into": diff.new_number_of(m.merged_into) if m.merged_into is not None else None,
        "merged_from": [diff.old_number_of(i) for i in m.merged_from],
        "notes": list(m.notes),
    }
    if m.old is not None and m.new is not None:
        entry["changes"] = {
            "title": [op.to_json() for op in m.title_ops] if m.title_ops is not None else None,
            "text": [op.to_json() for op in m.text_ops] if m.text_ops is not None else None,
            "fields": {f.key: _field(f) for f in m.fields},
        }
    return entry


def _field(f: FieldChange) -> dict[str, Any]:
    out: dict[str, Any] = {"old": f.old, "new": f.new, "ops": [op.to_json() for op in f.ops]}
    if f.added_names or f.removed_names:
        out["added"] = list(f.added_names)
        out["removed"] = list(f.removed_names)
    return out


def _place(place) -> dict[str, Any] | None:
    if place is None:
        return None
    return {"chapter": place[0], "objective": place[1]}


def _node(n: NodeDiff) -> dict[str, Any]:
    out: dict[str, Any] = {
        "old": n.old_number, "new": n.new_number, "status": n.status, "renumbered": n.renumbered,
        "renamed": n.renamed, "moved": n.moved, "old_title": n.old_title, "new_title": n.new_title,
        "title": [op.to_json() for op in n.title_ops] if n.title_ops is not None else None,
    }
    if n.kind == "objective":
        out["old_chapter"] = n.old_chapter
        out["new_chapter"] = n.new_chapter
    return out
