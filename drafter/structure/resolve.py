"""Decide, from the whole document, which candidates open measures and which headings are objectives.

A typed number ("12. Laaditaan …") or a Word list item may open a measure or be
an ordinary numbered sentence. One paragraph says little; the document says
more: measure openers share their formatting, their numbers run in sequence,
field lines follow them, and they sit under objectives. Each candidate gets a
score from these signals; candidates of the document's dominant group need less
evidence than one-offs (sequence consistency beats a single bold paragraph).

A numbered heading is an objective when measures sit under it, a measure when
field lines do, and otherwise whatever its numbered siblings are. An unnumbered
heading below the top level with measures under it is a theme: an objective
without a number.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from drafter.profiles import Profile
from drafter.structure.classify import (
    AUTO, BODY, CHAPTER, FIELD, HEADING, NUMHEAD, OBJECTIVE, PREFIX, SKIP, TABLE, TITLE, TYPED, Item,
)

ACCEPT_SCORE = 4
_LIST_STYLES = {None, "Normal", "ListParagraph", "Luettelokappale", "ListNumber", "ListBullet"}
_STOPS = {CHAPTER, OBJECTIVE, PREFIX, NUMHEAD, HEADING, TYPED, AUTO, TABLE}
_OPEN_OR_CLOSE_OBJECTIVE = frozenset({CHAPTER, HEADING, OBJECTIVE, NUMHEAD})


def accept_candidates(items: list[Item], profile: Profile) -> None:
    """Set ``accepted`` on the TYPED and AUTO items that open measures."""
    kinds = [it.kind for it in items]  # the later passes read this list, not every item again
    candidates = [i for i, kind in enumerate(kinds) if kind == TYPED or kind == AUTO]
    if not candidates:
        return
    # The main body style only tells apart candidates of another style than the list ones.
    styled = any(items[i].paragraph.style_id not in _LIST_STYLES for i in candidates)
    main_style = _main_body_style(items, kinds) if styled else None
    under_objective = _under_objective(items, kinds)
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i in candidates:
        it = items[i]
        p = it.paragraph
        if it.kind == AUTO:
            key = (AUTO, p.numbering.abstract_id or p.numbering.num_id)
        else:
            key = (TYPED, it.bold, p.style_id)
        groups[key].append(i)

    fields_after = {i: _fields_follow(items, i) for i in candidates}
    in_sequence: dict[int, bool] = {}
    for members in groups.values():
        numbers = [items[i].int_number for i in members]
        for n, i in enumerate(members):
            prev_ok = n > 0 and _steps(numbers[n - 1], numbers[n])
            next_ok = n + 1 < len(members) and _steps(numbers[n], numbers[n + 1])
            in_sequence[i] = prev_ok or next_ok

    for i in candidates:
        it = items[i]
        p = it.paragraph
        score = 0
        score += 2 if in_sequence[i] else 0
        score += 3 if fields_after[i] else 0
        score += 1 if it.bold else 0
        style = p.style_id
        score += 1 if style not in _LIST_STYLES and style != main_style else 0
        length = len(p.text)
        score += 1 if length <= profile.short_opener_chars else 0
        score -= 1 if length > 2 * profile.short_opener_chars else 0
        score += 2 if under_objective[i] else 0
        it.score = score
        it.accepted = score >= ACCEPT_SCORE

    accepted_by_group = {k: sum(items[i].accepted for i in m) for k, m in groups.items()}
    evidence = {k: (sum(fields_after[i] for i in m), accepted_by_group[k]) for k, m in groups.items()}
    dominant = max(groups, key=lambda k: evidence[k])
    # Drafts whose measures say "Toimenpide 12:" use numbered lists only inside measures.
    prefixed = kinds.count(PREFIX) >= 2
    for key, members in groups.items():
        if prefixed or (key != dominant and accepted_by_group[dominant] >= 2):
            # A second style of opener must prove itself with fields, most of its
            # members (a sub-list inside a measure has fields after its last item only).
            with_fields = sum(fields_after[i] for i in members)
            for i in members:
                items[i].accepted = items[i].accepted and fields_after[i] and 2 * with_fields > len(members)
            continue
        accepted = accepted_by_group[key]
        if accepted >= 2 and accepted * 3 >= 2 * len(members):
            for i in members:
                if items[i].score >= ACCEPT_SCORE - 1 and in_sequence[i]:
                    items[i].accepted = True


def resolve_numbered_headings(items: list[Item]) -> None:
    """Set ``role`` ("objective" | "measure" | None) on every NUMHEAD item."""
    numheads = [i for i, it in enumerate(items) if it.kind == NUMHEAD]
    if not numheads:
        return
    for i in sorted(numheads, key=lambda i: -(items[i].level or 0)):
        region = _region(items, i)
        if any(items[j].kind == OBJECTIVE for j in region):
            items[i].role = None
        elif any(_opens_measure(items[j]) for j in region):
            items[i].role = "objective"
        elif items[i].fields or any(_has_fields(items[j]) for j in region):
            items[i].role = "measure"
    # Undecided headings follow their decided siblings (same level, same chapter).
    for siblings in _sibling_groups(items, numheads):
        roles = {items[i].role for i in siblings} - {None}
        if roles == {"measure"}:
            fill = "measure"
        elif "objective" in roles:
            fill = "objective"
        else:
            continue
        for i in siblings:
            if items[i].role is None and not any(items[j].kind == OBJECTIVE for j in _region(items, i)):
                items[i].role = fill
    if any(_opens_measure(it) for it in items):
        return
    # No measure anywhere: the deepest run of numbered headings are measures
    # written as headings without fields (e.g. "1 Koordinaation kehittäminen").
    undecided = [i for i in numheads if items[i].role is None]
    if len(undecided) >= 2:
        deepest = max(items[i].level or 0 for i in undecided)
        for i in undecided:
            if items[i].level == deepest and not any(items[j].kind == OBJECTIVE for j in _region(items, i)):
                items[i].role = "measure"


def _region(items: list[Item], i: int) -> range:
    level = items[i].level if items[i].level is not None else 99
    j = i + 1
    while j < len(items):
        it = items[j]
        if it.kind == CHAPTER:
            break
        if it.level is not None and it.level <= level and it.kind in (HEADING, NUMHEAD, OBJECTIVE, PREFIX):
            break
        j += 1
    return range(i + 1, j)


def _sibling_groups(items: list[Item], numheads: list[int]) -> list[list[int]]:
    groups: dict[tuple, list[int]] = defaultdict(list)
    chapter = 0
    position = 0
    for i, it in enumerate(items):
        if it.kind == CHAPTER or (it.kind == HEADING and it.level == 0):
            chapter += 1
        if position < len(numheads) and numheads[position] == i:
            groups[(chapter, it.level)].append(i)
            position += 1
    return list(groups.values())


def _opens_measure(it: Item) -> bool:
    return (
        it.kind == PREFIX
        or (it.kind in (TYPED, AUTO) and it.accepted)
        or (it.kind == NUMHEAD and it.role == "measure")
        or (it.kind == TABLE and it.table_analysis is not None)
    )


def _has_fields(it: Item) -> bool:
    return it.kind == FIELD or (it.kind == BODY and bool(it.fields))


def _fields_follow(items: list[Item], i: int) -> bool:
    if items[i].fields:
        return True
    for j in range(i + 1, len(items)):
        it = items[j]
        if it.kind in _STOPS:
            return False
        if _has_fields(it):
            return True
    return False


def _main_body_style(items: list[Item], kinds: list[str]) -> str | None:
    """The commonest style of body paragraphs (the first seen of equals), None without body text."""
    body_styles = Counter([items[i].paragraph.style_id for i, kind in enumerate(kinds)
                           if kind == BODY and items[i].paragraph])
    return body_styles.most_common(1)[0][0] if body_styles else None


def _under_objective(items: list[Item], kinds: list[str]) -> list[bool]:
    """For each item, whether an objective (or numbered heading) is open above it in its chapter."""
    out = []
    seen = False
    for i, kind in enumerate(kinds):
        if kind in _OPEN_OR_CLOSE_OBJECTIVE:  # most items are neither: one test for them
            if kind == CHAPTER or (kind == HEADING and items[i].level == 0):
                seen = False
            elif kind in (OBJECTIVE, NUMHEAD):
                seen = True
        out.append(seen)
    return out


def _steps(a: int | None, b: int | None) -> bool:
    return a is not None and b is not None and 1 <= b - a <= 3


def resolve_theme_headings(items: list[Item]) -> None:
    """Set role "objective" on unnumbered headings (below the top level) that group measures.

    Headings inside an objective are sub-themes, not objectives.
    A heading followed directly by field lines is not a theme: it is the title
    of an unnumbered measure ("Koulutus (2024)" / "Vastuuministeriö: …").
    """
    enclosing: int | None = None  # level of the open objective (99 for a body-paragraph one)
    for i, it in enumerate(items):
        if it.kind not in _OPEN_OR_CLOSE_OBJECTIVE:  # body text, fields, tables: nothing to do
            continue
        if it.kind == CHAPTER or (it.kind == HEADING and it.level == 0):
            enclosing = None
        elif it.kind == OBJECTIVE or (it.kind == NUMHEAD and it.role == "objective"):
            enclosing = it.level if it.level is not None else 99
        elif it.kind in (HEADING, NUMHEAD) and enclosing is not None and it.level is not None \
                and it.level <= enclosing:
            enclosing = None
        if it.kind != HEADING or not it.level:
            continue
        if enclosing is not None:
            continue  # a sub-theme inside an objective: its measures stay the objective's
        region = _region(items, i)
        if any(items[j].kind == OBJECTIVE or (items[j].kind == NUMHEAD and items[j].role == "objective")
               for j in region):
            continue
        first = next((items[j] for j in region if items[j].kind not in (SKIP, TITLE)), None)
        if first is None or first.kind == FIELD:
            continue
        if any(_opens_measure(items[j]) or _has_fields(items[j]) for j in region):
            it.role = "objective"
