"""Plan the renumbering of typed measure numbers and of every cross-reference to them.

Typed numbers ("Toimenpide 12:", "12. Title", a number column of a measure
table) are renumbered into one continuous sequence in document order. The
sequence starts at 1, or at the draft's own first number when the draft clearly
continues another numbering (its first two measures are n and n+1 with n > 1).
Automatically numbered measures are numbered by Word: their numbers are not
edited, but a list that restarts by mistake (a measure list whose first item
shows 1 where 7 belongs) gets its start fixed with ``w:startOverride`` on that
list's ``w:num``; an automatic number out of step in the middle of a list is
left for an editor (PUB002).

References are found with :func:`drafter.xrefs.find_references` (inflected
forms included: "toimenpiteessä 12", "åtgärderna 3–5") in the body, tables and
notes; each number that changes gets its own edit. When two measures had the
same number, references to it are mapped to the first of them and reported as
ambiguous for an editor to look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.blocks import Paragraph
from drafter.findings import Change, Finding, FindingLocation, Severity
from drafter.model import Programme
from drafter.publish.plan import PlannedEdit, located
from drafter.publish.textview import TextEdit
from drafter.xrefs import find_references, label_number_span

MAIN = "word/document.xml"


@dataclass
class RenumberPlan:
    """Label and reference edits, the old→new map of the contract, findings for editors."""

    edits: list[PlannedEdit] = field(default_factory=list)
    renumbered: dict[str, int] = field(default_factory=dict)
    remaining: list[Finding] = field(default_factory=list)
    # main-part paragraph index of each measure's opening paragraph -> its number after publishing
    new_numbers: dict[int, int] = field(default_factory=dict)
    # automatic lists that restart by mistake: (num id, level, start value, change)
    list_starts: list[tuple[str, int, int, Change]] = field(default_factory=list)


def plan_renumbering(programme: Programme) -> RenumberPlan:
    """The edits that make typed measure numbers 1..n (or n0..) and keep references right."""
    plan = RenumberPlan()
    document = programme.document
    paragraphs = {p.location.paragraph: p for p in document.paragraphs()}
    part = next(iter(paragraphs.values())).location.part if paragraphs else MAIN

    # Every numbered measure holds a place in the sequence; only typed numbers are edited
    # (Word numbers the automatic ones itself).
    sequence = []
    for measure in programme.measures:
        if measure.number is None or measure.layout == "unnumbered":
            continue
        automatic = measure.auto_numbered or measure.layout == "autonumber"
        paragraph = paragraphs.get(measure.location.paragraph)
        span = None if automatic or paragraph is None else label_number_span(paragraph.text, measure.label, measure.number)
        if not automatic and span is None:
            return plan  # a typed number we cannot place: renumbering would be guesswork
        sequence.append((measure, paragraph, span))
    if len(sequence) < 2:
        return plan
    first_use: dict[str, int] = {}
    for paragraph in document.paragraphs():
        if paragraph.numbering is not None:
            first_use.setdefault(paragraph.numbering.num_id, paragraph.location.paragraph)
    shifts: dict[str, int] = {}

    first = sequence[0][0].number
    second = sequence[1][0].number
    start = first if first > 1 and second == first + 1 else 1
    seen: dict[int, int] = {}
    duplicates: set[int] = set()
    for position, (measure, paragraph, span) in enumerate(sequence):
        new = start + position
        old = measure.number
        if span is not None:
            plan.new_numbers[measure.location.paragraph] = new
        if old in seen:
            duplicates.add(old)
        elif span is not None:
            seen[old] = new
        if span is None:
            numbering = paragraph.numbering if paragraph is not None else None
            shown = old + shifts.get(numbering.num_id, 0) if numbering is not None else old
            if shown == new:
                plan.new_numbers[measure.location.paragraph] = new
            elif numbering is not None and first_use.get(numbering.num_id) == paragraph.location.paragraph:
                # the list this measure opens restarts by mistake: make it start where it should
                shifts[numbering.num_id] = new - old
                plan.new_numbers[measure.location.paragraph] = new
                change = Change("list-restart-fixed", str(old), str(new), located(paragraph, 0, 0, new),
                                note=f"automatic numbering restarted at {old}; list {numbering.num_id} now "
                                     f"starts at {new} (w:startOverride)")
                plan.list_starts.append((numbering.num_id, numbering.level, new, change))
            else:
                plan.remaining.append(_automatic_out_of_step(measure, new))
            continue
        s, e = span
        if new != old:
            change = Change("measure-renumbered", str(old), str(new), located(paragraph, s, e, new),
                            note=f"measure {old} is now measure {new}")
            plan.edits.append(PlannedEdit(change, TextEdit(paragraph.location.part, paragraph.location.paragraph,
                                                            s, e, str(new))))
    mapping = {old: new for old, new in seen.items()}
    plan.renumbered = {str(old): new for old, new in sorted(mapping.items()) if old != new}
    if not plan.renumbered and not duplicates:
        return plan

    language = programme.language if programme.language in ("fi", "sv", "en") else "fi"
    stories = list(document.paragraphs())
    for note in (*document.footnotes, *document.endnotes):
        stories.extend(note.paragraphs)
    for paragraph in stories:
        text = paragraph.text
        if not text:
            continue
        references = find_references(text, language)
        for reference in references:
            if reference.kind != "measure":
                continue
            for number, (s, e) in zip(reference.numbers, reference.number_spans):
                if not isinstance(number, int) or number not in mapping:
                    continue
                new = mapping[number]
                measure_here = programme.measure_at(paragraph.location.paragraph) \
                    if paragraph.location.part == part else None
                where = measure_here.number if measure_here else None
                if number in duplicates:
                    plan.remaining.append(_ambiguous(paragraph, s, e, number, where))
                if new == number:
                    continue
                change = Change("reference-updated", text[s:e], str(new), located(paragraph, s, e, where),
                                note=f"reference to measure {number} follows its renumbering")
                plan.edits.append(PlannedEdit(change, TextEdit(paragraph.location.part,
                                                                paragraph.location.paragraph, s, e, str(new))))
    return plan


def _automatic_out_of_step(measure, expected: int) -> Finding:
    loc = measure.location
    return Finding(
        rule="PUB002", name="automatic-number-out-of-step", category="numbering", severity=Severity.WARNING,
        message=(f"Measure {measure.number} is numbered automatically by Word but stands where measure "
                 f"{expected} should; publish does not change automatic numbers. Restart or continue the list "
                 f"in Word so it shows {expected}."),
        location=FindingLocation(measure=measure.number, paragraph=loc.paragraph, part=loc.part,
                                 text=measure.label, context=measure.title[:120]),
    )


def _ambiguous(paragraph: Paragraph, start: int, end: int, number: int, measure: int | None) -> Finding:
    loc = paragraph.location
    return Finding(
        rule="PUB001", name="ambiguous-measure-reference", category="reference", severity=Severity.WARNING,
        message=(f"Two measures had the number {number}; this reference was kept pointing at the first "
                 f"of them. Check which measure it means."),
        location=FindingLocation(measure=measure, paragraph=loc.paragraph, start=start, end=end,
                                 text=paragraph.text[start:end], context=paragraph.text[:120], part=loc.part),
    )


__all__ = ["RenumberPlan", "plan_renumbering"]
