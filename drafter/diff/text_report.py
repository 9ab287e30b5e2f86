"""The terminal summary of a diff: counts, then one block per changed measure.

Measures that only got a new number are gathered on one line ("renumbered
only: 12→13, 14→15"); every other change gets its own line ("12 → 13
modified  Perustetaan …") with one indented line per changed part: title,
text, each field, split/merge links and notes. Chapter and objective changes
come first.
"""

from __future__ import annotations

import textwrap

from drafter.diff.result import MeasureDiff, NodeDiff, ProgrammeDiff
from drafter.diff.textdiff import WordOp

WIDTH = 100
FIELD_NAMES = {"responsible": "responsible", "other_actors": "other actors", "schedule": "schedule",
               "funding": "funding", "indicators": "indicators"}
MAX_OPS = 8


def render_text(diff: ProgrammeDiff, width: int = WIDTH) -> str:
    """The summary as text ending with a newline."""
    c = diff.counts()
    lines = [
        f"{diff.old_file} → {diff.new_file}",
        f"{_n(diff.old_count, 'measure')} → {_n(diff.new_count, 'measure')}: "
        f"{c['unchanged']} unchanged, {c['modified']} modified, {c['added']} added, {c['removed']} removed; "
        f"{c['renumbered']} renumbered, {c['moved']} moved, {c['split']} split, {c['merged']} merged",
    ]
    structure = [n for n in (*diff.chapters, *diff.objectives) if n.changed]
    if structure:
        lines.append("")
        for node in structure:
            lines.extend(_wrap(_node_line(node), width))
    renumbered_only = [m for m in diff.measures if m.status == "unchanged" and not m.moved and not m.notes
                       and m.renumbered]
    detailed = [m for m in diff.measures if (m.changed or m.notes) and m not in renumbered_only]
    if detailed:
        lines.append("")
        for m in detailed:
            lines.extend(_measure_lines(m, diff, width))
    if renumbered_only:
        lines.append("")
        pairs = ", ".join(f"{_num(m.old_number)}→{_num(m.new_number)}" for m in renumbered_only)
        lines.extend(textwrap.wrap(f"renumbered only: {pairs}", width, subsequent_indent="  "))
    if not diff.has_changes:
        lines.append("no changes")
    return "\n".join(lines) + "\n"


def _node_line(node: NodeDiff) -> str:
    kind = node.kind
    if node.status == "added":
        return f"{kind} {_num(node.new_number)} added: {node.new_title}"
    if node.status == "removed":
        return f"{kind} {_num(node.old_number)} removed: {node.old_title}"
    bits = []
    if node.renumbered:
        bits.append(f"renumbered {_num(node.old_number)} → {_num(node.new_number)}")
    if node.moved:
        bits.append(f"moved from chapter {node.old_chapter} to {node.new_chapter}")
    if node.renamed:
        bits.append(f"renamed “{node.old_title}” → “{node.new_title}”")
    return f"{kind} {_num(node.new_number)}: " + "; ".join(bits)


def _measure_lines(m: MeasureDiff, diff: ProgrammeDiff, width: int) -> list[str]:
    head = f"{_num(m.old_number):>4} → {_num(m.new_number):<4} {m.status:<9} {m.measure.title}"
    out = _wrap(head, width, indent=" " * 21)
    detail: list[str] = []
    if m.moved:
        detail.append(f"moved: {_place(m.old_place)} → {_place(m.new_place)}")
    if m.title_ops:
        detail.append("title: " + _ops(m.title_ops))
    if m.text_ops:
        detail.append("text: " + _ops(m.text_ops))
    for f in m.fields:
        name = FIELD_NAMES.get(f.key, f.key)
        if f.old is None:
            detail.append(f"{name}: added “{f.new}”")
        elif f.new is None:
            detail.append(f"{name}: removed “{f.old}”")
        else:
            detail.append(f"{name}: “{f.old}” → “{f.new}”")
    if m.split_from is not None:
        detail.append(f"split off measure {_num(diff.old_number_of(m.split_from))}")
    if m.split_into:
        detail.append("split: continues as this measure and " +
                      ", ".join(_num(diff.new_number_of(j)) for j in m.split_into))
    if m.merged_into is not None:
        detail.append(f"merged into measure {_num(diff.new_number_of(m.merged_into))}")
    if m.merged_from:
        detail.append("merged: also holds old measure " +
                      ", ".join(_num(diff.old_number_of(i)) for i in m.merged_from))
    detail.extend(f"note: {n}" for n in m.notes)
    for line in detail:
        out.extend(_wrap(line, width, first=" " * 6, indent=" " * 10))
    return out


def _ops(ops: tuple[WordOp, ...]) -> str:
    shown = [op.describe() for op in ops[:MAX_OPS]]
    if len(ops) > MAX_OPS:
        shown.append(f"… {len(ops) - MAX_OPS} more")
    return "; ".join(shown)


def _place(place) -> str:
    if place is None:
        return "—"
    chapter, objective = place
    if objective is None:
        return f"chapter {chapter}" if chapter else "—"
    return f"objective {objective}" + (f" (chapter {chapter})" if chapter else "")


def _wrap(text: str, width: int, first: str = "", indent: str = "  ") -> list[str]:
    return textwrap.wrap(text, width, initial_indent=first, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False) or [first]


def _num(value) -> str:
    return "–" if value is None else str(value)


def _n(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
