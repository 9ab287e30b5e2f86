"""Renumber measures continuously across the assembled parts and update cross-references.

Each part numbered its measures its own way: from 1, or in the range the
secretary gave it. After merging, measures are numbered 1..n in document
order. A typed number ("12. Laaditaan …", "Toimenpide 12:") is rewritten in
place; an automatically numbered list that would show another number gets a
``w:startOverride`` on its first paragraph's num, so Word shows the new one.

A cross-reference ("ks. toimenpide 12", "toimenpiteissä 23–25") is resolved in
the part it was written in first: its measure 12 is the one meant. A part
without such a measure (chapter VII written by another ministry) refers to the
programme's numbers: the reference is resolved when exactly one measure of the
assembly had that number. Otherwise it is left as written and reported as
ambiguous or unresolved. Footnotes and endnotes are handled like the body.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.ooxml.cleanup import set_list_start
from drafter.ooxml.edit import Replacement, apply_replacements
from drafter.xrefs import find_references, label_number_span



@dataclass
class RenumberOutcome:
    measures: list[dict] = field(default_factory=list)      # one per measure, in document order
    references: list[dict] = field(default_factory=list)    # every measure reference met
    list_starts: list[dict] = field(default_factory=list)   # startOverrides set
    problems: list[str] = field(default_factory=list)


def renumber(programme, sources: dict[str, list[int]], labels: list[str], editor,
             enabled: bool = True) -> RenumberOutcome:
    """Plan and apply the renumbering on ``editor``'s trees; ``programme`` was read from them.

    ``sources`` maps a part name to the provenance index of each of its
    paragraphs (reader's index rule); ``labels`` names the provenance indices.
    """
    outcome = RenumberOutcome()
    document = programme.document
    paragraphs = {(p.location.part, p.location.paragraph): p for p in document.all_paragraphs()}

    def source_of(part: str, index: int) -> int:
        found = sources.get(part, [])
        return found[index] if 0 <= index < len(found) else 0

    numbered = [m for m in programme.measures if m.number is not None and m.layout != "unnumbered"]
    maps: dict[int, dict[int, int]] = {}
    duplicates: dict[int, set[int]] = {}
    counts: dict[int, int] = {}
    edits: dict[str, list[Replacement]] = {}
    first_use: dict[str, int] = {}
    for paragraph in document.paragraphs():
        if paragraph.numbering is not None:
            first_use.setdefault(paragraph.numbering.num_id, paragraph.location.paragraph)

    for position, measure in enumerate(numbered):
        new = position + 1 if enabled else measure.number
        src = source_of(measure.location.part, measure.location.paragraph)
        own = maps.setdefault(src, {})
        if measure.number in own:
            duplicates.setdefault(src, set()).add(measure.number)
        else:
            own[measure.number] = new
        counts[measure.number] = counts.get(measure.number, 0) + 1
        entry = {"number": new, "old_number": measure.number, "part": labels[src], "title": measure.title,
                 "label": measure.label, "auto_numbered": measure.auto_numbered, "changed": new != measure.number}
        outcome.measures.append(entry)
        if not enabled or new == measure.number:
            continue
        paragraph = paragraphs.get((measure.location.part, measure.location.paragraph))
        if paragraph is None:
            continue
        if measure.auto_numbered or measure.layout == "autonumber":
            numbering = paragraph.numbering
            if numbering is not None and first_use.get(numbering.num_id) == paragraph.location.paragraph:
                set_list_start(editor, numbering.num_id, numbering.level, new)
                outcome.list_starts.append({"num_id": numbering.num_id, "level": numbering.level, "start": new,
                                            "part": labels[src]})
            else:
                outcome.problems.append(f"automatic number of measure {measure.number} ({labels[src]}) "
                                        f"cannot be made {new}: the list does not start at it")
            continue
        span = label_number_span(paragraph.text, measure.label, measure.number)
        if span is None:
            outcome.problems.append(f"the number of measure {measure.number} ({labels[src]}) was not found "
                                    "in its paragraph; left as written")
            entry["changed"] = False
            entry["number"] = measure.number
            continue
        edits.setdefault(measure.location.part, []).append(
            Replacement(measure.location.paragraph, span[0], span[1], str(new)))

    unique = {}
    for src, own in maps.items():
        for old, new in own.items():
            if counts.get(old) == 1:
                unique[old] = new

    language = programme.language if programme.language in ("fi", "sv", "en") else "fi"
    for (part, index), paragraph in paragraphs.items():
        if paragraph.container in ("header", "footer", "comment") or not paragraph.text:
            continue
        src = source_of(part, index)
        own = maps.get(src, {})
        for reference in find_references(paragraph.text, language):
            if reference.kind != "measure":
                continue
            for number, (start, end) in zip(reference.numbers, reference.number_spans):
                if not isinstance(number, int):
                    continue
                if number in own:
                    new, status = own[number], "updated"
                    if number in duplicates.get(src, set()):
                        status = "ambiguous"
                elif number in unique:
                    new, status = unique[number], "updated"
                elif counts.get(number, 0) > 1:
                    new, status = number, "ambiguous"
                else:
                    new, status = number, "unresolved"
                if status == "updated" and new == number:
                    status = "unchanged"
                outcome.references.append({
                    "part": labels[src], "where": f"{part}#{index}", "text": _excerpt(paragraph.text, start, end),
                    "old": number, "new": new, "status": status})
                if enabled and status in ("updated", "ambiguous") and new != number:
                    edits.setdefault(part, []).append(Replacement(index, start, end, str(new)))
    for part, planned in edits.items():
        apply_replacements(editor.tree(part), planned)
    return outcome


def _excerpt(text: str, start: int, end: int, width: int = 40) -> str:
    left = max(0, start - width)
    right = min(len(text), end + width)
    return ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
