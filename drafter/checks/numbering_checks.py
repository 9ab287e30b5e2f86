"""Numbering checks: measures, objectives and chapters numbered in sequence.

Whether measure numbers run on across objectives or restart under each one is
decided from the draft itself: every objective after the first votes by how its
first measure is numbered, the majority sets the convention and the minority is
flagged. Gaps, duplicates and numbers out of order are then judged within each
run of numbering.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Iterator, Literal, Sequence

from drafter.checks.registry import CheckContext, Rule, kind
from drafter.checks.structure_checks import label_span, on_title, title_paragraph
from drafter.findings import Finding
from drafter.xrefs import as_int, int_to_roman

Mode = Literal["run-on", "restart"]
ProblemKind = Literal["gap", "duplicate", "order", "restart", "run-on", "start"]


@dataclass(frozen=True)
class SequenceProblem:
    """One numbering problem at ``items[index]``."""

    kind: ProblemKind
    index: int
    number: int
    missing: tuple[int, ...] = ()   # for gaps: the numbers that are not there
    previous: int | None = None     # the number before this one in its run
    first_index: int | None = None  # for duplicates: where the number appeared first


@dataclass(frozen=True)
class SequenceAnalysis:
    mode: Mode
    problems: tuple[SequenceProblem, ...]
    votes: dict = field(default_factory=dict)


def analyse_sequence(numbers: Sequence[int], groups: Sequence[Hashable] | None = None,
                     start_at_one: bool = True) -> SequenceAnalysis:
    """Find gaps, duplicates, order problems and restarts in ``numbers``.

    ``groups`` gives each number's group (an objective); a number opening a
    group votes "restart" when it is 1 and "run-on" when it follows the
    previous group. Ties go to "run-on", the usual layout.
    """
    groups = list(groups) if groups is not None else [None] * len(numbers)
    openings = [i for i in range(1, len(numbers)) if groups[i] != groups[i - 1]]
    votes = {"restart": 0, "run-on": 0}
    for i in openings:
        if numbers[i] == 1 and numbers[i - 1] != 0:
            votes["restart"] += 1
        elif numbers[i] == numbers[i - 1] + 1:
            votes["run-on"] += 1
    mode: Mode = "restart" if votes["restart"] > votes["run-on"] else "run-on"

    problems: list[SequenceProblem] = []
    # Each run of numbering: its indices, and whether it should start at 1.
    runs: list[tuple[list[int], bool]] = [([0], start_at_one)] if numbers else []
    for i in range(1, len(numbers)):
        opening = groups[i] != groups[i - 1]
        if opening and mode == "restart":
            runs_on = numbers[i] != 1 and numbers[i] == numbers[i - 1] + 1
            if runs_on:
                problems.append(SequenceProblem("run-on", i, numbers[i], previous=numbers[i - 1]))
            runs.append(([i], start_at_one and not runs_on))
        elif opening and mode == "run-on" and numbers[i] == 1 and numbers[i - 1] > 1:
            problems.append(SequenceProblem("restart", i, numbers[i], previous=numbers[i - 1]))
            runs.append(([i], start_at_one))
        else:
            runs[-1][0].append(i)

    for run, from_one in runs:
        problems.extend(_run_problems(numbers, run, from_one))
    problems.sort(key=lambda p: (p.index, p.kind))
    return SequenceAnalysis(mode, tuple(problems), votes)


def _run_problems(numbers: Sequence[int], run: list[int], start_at_one: bool) -> list[SequenceProblem]:
    problems: list[SequenceProblem] = []
    seen: dict[int, int] = {}
    highest = None
    for i in run:
        n = numbers[i]
        if n in seen:
            problems.append(SequenceProblem("duplicate", i, n, first_index=seen[n]))
            continue
        seen[n] = i
        if highest is not None and n < highest:
            problems.append(SequenceProblem("order", i, n, previous=highest))
        highest = n if highest is None else max(highest, n)
    present = sorted(seen)
    if not present:
        return problems
    floor = 1 if start_at_one else present[0]
    if present[0] > floor:
        missing = tuple(range(floor, present[0]))
        problems.append(SequenceProblem("start", seen[present[0]], present[0], missing=missing))
    for a, b in zip(present, present[1:]):
        if b - a > 1 and b - a <= 1000:
            problems.append(SequenceProblem("gap", seen[b], b, missing=tuple(range(a + 1, b)), previous=a))
    return problems


def number_list(numbers: Sequence[int]) -> str:
    """[3, 4, 5, 9] → "3–5 and 9"."""
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    parts = [f"{a}" if a == b else f"{a}–{b}" for a, b in runs]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _missing_phrase(noun: str, missing: Sequence[int], show=str) -> str:
    if len(missing) == 1:
        return f"{noun} {show(missing[0])} is missing"
    if len(missing) <= 5:
        shown = [show(m) for m in missing]
        return f"{noun}s {', '.join(shown[:-1])} and {shown[-1]} are missing"
    return f"{noun}s {show(missing[0])}–{show(missing[-1])} are missing"


def _measure_analysis(ctx: CheckContext) -> tuple[list, SequenceAnalysis]:
    def build() -> tuple[list, SequenceAnalysis]:
        numbered = [m for m in ctx.programme.measures if m.number is not None]
        return numbered, analyse_sequence([m.number for m in numbered], [(m.chapter, m.objective) for m in numbered])

    return ctx.cached("numbering:measures", build)


def renumbering(ctx: CheckContext) -> dict[int, int]:
    """Old → new number for every typed measure whose number changes when numbered in sequence.

    Follows the draft's own convention (run on, or restart per objective).
    Duplicated old numbers cannot be mapped one to one and are left out.
    """
    numbered, analysis = _measure_analysis(ctx)
    plan: dict[int, int] = {}
    counts: dict[int, int] = {}
    for m in numbered:
        counts[m.number] = counts.get(m.number, 0) + 1
    expected = 0
    previous_group = object()
    for m in numbered:
        group = (m.chapter, m.objective)
        if analysis.mode == "restart" and group != previous_group:
            expected = 0
        previous_group = group
        expected += 1
        if m.number != expected and counts[m.number] == 1 and not m.auto_numbered:
            plan[m.number] = expected
    return plan


@kind("measure-numbering", params={"problem": True})
def measure_numbering(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Measures numbered in sequence: gaps ("gap"), duplicates, order, and the run-on/restart convention."""
    problem = rule.params.get("problem", "gap")
    numbered, analysis = _measure_analysis(ctx)
    wanted = {"gap": ("gap", "start"), "duplicate": ("duplicate",), "order": ("order",),
              "restart": ("restart", "run-on")}.get(problem, (problem,))
    plan = renumbering(ctx) if problem == "gap" else {}
    for p in analysis.problems:
        if p.kind not in wanted:
            continue
        measure = numbered[p.index]
        details: dict = {"problem": p.kind, "mode": analysis.mode}
        if p.kind in ("gap", "start"):
            lead = _missing_phrase("Measure", p.missing)
            if p.kind == "gap":
                message = f"{lead}: numbering jumps from {p.previous} to {p.number}."
            else:
                message = f"{lead}: numbering starts at {p.number}."
            details["missing"] = list(p.missing)
        elif p.kind == "duplicate":
            first = numbered[p.first_index]
            message = (f"Measure number {p.number} is used twice: \u201c{_short(first.title)}\u201d and "
                       f"\u201c{_short(measure.title)}\u201d.")
        elif p.kind == "order":
            message = f"Measure {p.number} comes after measure {p.previous}: the numbers are out of order."
        elif p.kind == "restart":
            message = (f"Measure numbering restarts at 1 under objective {measure.objective}, although the rest "
                       f"of the draft numbers measures on across objectives (the previous measure is {p.previous}).")
        else:
            message = (f"Measure numbering runs on from {p.previous} to {p.number} under objective "
                       f"{measure.objective}, although the other objectives start again from 1.")
        replacement = None
        if plan and p.kind in ("gap", "start") and measure.number in plan and not measure.auto_numbered:
            replacement = _relabel(ctx, measure, plan[measure.number])
            details["renumbering"] = {str(k): v for k, v in plan.items()}
        yield on_title(ctx, rule, measure, message, details=details, span="label", replacement=replacement)


def _relabel(ctx: CheckContext, measure, new_number: int) -> str | None:
    paragraph = title_paragraph(ctx, measure)
    if paragraph is None:
        return None
    start, end = label_span(paragraph, measure)
    label = paragraph.text[start:end]
    if not label or str(measure.number) not in label:
        return None
    return label.replace(str(measure.number), str(new_number), 1)


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


@kind("chapter-numbering")
def chapter_numbering(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Chapters numbered in sequence (Roman numerals or digits): no gaps, repeats or disorder."""
    chapters = [(c, as_int(c.number)) for c in ctx.programme.chapters if c.number]
    chapters = [(c, n) for c, n in chapters if n is not None]
    if len(chapters) < 2:
        return
    roman = sum(1 for c, _ in chapters if not c.number.isdigit()) * 2 >= len(chapters)
    show = int_to_roman if roman else str
    analysis = analyse_sequence([n for _, n in chapters])
    for p in analysis.problems:
        chapter = chapters[p.index][0]
        if p.kind == "gap":
            message = f"{_missing_phrase('Chapter', p.missing, show)}: chapters jump from {show(p.previous)} to {show(p.number)}."
        elif p.kind == "start":
            message = f"{_missing_phrase('Chapter', p.missing, show)}: the first chapter is {chapter.number}."
        elif p.kind == "duplicate":
            message = f"Chapter {chapter.number} appears twice."
        elif p.kind == "order":
            message = f"Chapter {chapter.number} comes after chapter {show(p.previous)}: chapters are out of order."
        else:
            continue
        yield _at_heading(ctx, rule, chapter, message, chapter.number)


@kind("objective-numbering")
def objective_numbering(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Objectives numbered in sequence, running on or restarting per chapter as the draft mostly does."""
    objectives = [o for o in ctx.programme.objectives if o.number is not None]
    if len(objectives) < 2:
        return
    analysis = analyse_sequence([o.number for o in objectives], [o.chapter for o in objectives])
    for p in analysis.problems:
        objective = objectives[p.index]
        if p.kind == "gap":
            message = f"{_missing_phrase('Objective', p.missing)}: objectives jump from {p.previous} to {p.number}."
        elif p.kind == "start":
            message = f"{_missing_phrase('Objective', p.missing)}: objectives start at {p.number}."
        elif p.kind == "duplicate":
            message = f"Objective number {p.number} is used twice."
        elif p.kind == "order":
            message = f"Objective {p.number} comes after objective {p.previous}: the numbers are out of order."
        elif p.kind == "restart":
            message = (f"Objective numbering restarts at 1 in chapter {objective.chapter}, although elsewhere "
                       "objectives are numbered on across chapters.")
        else:
            message = (f"Objective numbering runs on from {p.previous} in chapter {objective.chapter}, although "
                       "the other chapters start again from 1.")
        yield _at_heading(ctx, rule, objective, message, str(objective.number))


def _at_heading(ctx: CheckContext, rule: Rule, node, message: str, number: str) -> Finding:
    paragraph = ctx.paragraph(node.location.part, node.location.paragraph)
    if paragraph is None:
        return ctx.finding(rule, message)
    at = paragraph.text.find(number)
    start, end = (at, at + len(number)) if 0 <= at < 40 else (0, len(paragraph.text))
    return ctx.finding(rule, message, paragraph=paragraph, start=start, end=end)


@kind("mixed-numbering")
def mixed_numbering(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Measure numbers either all typed or all from Word's automatic list numbering, not both."""
    numbered = [m for m in ctx.programme.measures if m.number is not None]
    auto = [m for m in numbered if m.auto_numbered]
    typed = [m for m in numbered if not m.auto_numbered]
    if not auto or not typed:
        return
    minority = typed if len(typed) <= len(auto) else auto
    message = rule.format(
        auto=number_list([m.number for m in auto]), typed=number_list([m.number for m in typed]),
        auto_count=len(auto), typed_count=len(typed),
    )
    yield on_title(ctx, rule, minority[0], message, span="label", details={
        "auto_numbered": [m.number for m in auto], "typed": [m.number for m in typed],
    })
