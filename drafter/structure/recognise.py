"""Turn a Document's body into a Programme: chapters, objectives and measures with their fields.

Recognition runs in three steps:

1. classify each body paragraph (``classify``) and each table (``tables``);
2. decide from the whole document which candidates open measures and which
   numbered headings are objectives (``resolve``);
3. walk the items in order, opening and closing chapters, objectives and
   measures, and collecting each measure's body text and fields (here).

A measure ends at the next measure, objective, chapter or heading of its own or
a higher level. Fields that appear where no numbered measure is open, after a
title-like paragraph, make an unnumbered measure ("Vuosittaisen … järjestäminen
(2024–2027)" / sentences / "Vastuuministeriö: …").
"""

from __future__ import annotations

import os
import re
from typing import Callable

from drafter.blocks import Document, Location, Paragraph, Table
from drafter.language import detect_language, normalise_language
from drafter.lifetime import collector_paused
from drafter.model import Chapter, FieldLine, Measure, Objective, Programme
from drafter.profiles import LanguageLayout, Profile, load_profile
from drafter.structure.classify import (
    AUTO, BODY, CHAPTER, FIELD, HEADING, NUMHEAD, OBJECTIVE, PREFIX, SKIP, TABLE, TITLE, TYPED,
    Item, bold_end, classify_with, opener_patterns, starts_bold, to_int,
)
from drafter.structure.draft import MeasureDraft, body_line, split_title
from drafter.structure.fields import FieldFinder, FieldMatch, field_lines
from drafter.structure.resolve import accept_candidates, resolve_numbered_headings, resolve_theme_headings
from drafter.structure.tables import analyse_table

# A field cluster outside any measure starts an unnumbered measure only when it
# says who is responsible or when; a lone "Rahoitus: …" paragraph in an
# introduction does not.
_MEASURE_DEFINING_FIELDS = {"responsible", "schedule"}
_LAYOUT_OF = {NUMHEAD: "heading", PREFIX: "prefix", TYPED: "typed", AUTO: "autonumber"}


def recognise(document: Document, language: str | None = None, profile: str | None = None) -> Programme:
    """Recognise the programme structure of ``document``.

    ``language`` ("fi", "sv", "en", or a tag such as "fi-FI") overrides
    detection; ``profile`` names the layout profile (default "default").
    Never raises on odd structure: what could not be recognised is described in
    ``Programme.problems``. An unknown or invalid profile raises ConfigError.
    """
    loaded = load_profile(profile)
    lang = normalise_language(language) or detect_language(document)
    problems: list[str] = []
    if lang not in loaded.layouts:
        fallback = next(iter(loaded.layouts))
        problems.append(
            f"The layout profile '{loaded.name}' has no '{lang}' section, so its '{fallback}' words were "
            f"used to find chapters, objectives, measures and field labels; add a '{lang}' section to "
            f"{loaded.source} or set `language` in drafter.toml."
        )
    layout = loaded.layout(lang)
    # Recognition makes tens of thousands of small objects and no cycles, while the
    # document it reads holds hundreds of thousands: with the cyclic collector on,
    # its full collections re-scan the document again and again (a third of the
    # time on big drafts).
    try:
        with collector_paused():
            return _recognise(document, lang, loaded, layout, problems)
    except (RecursionError, MemoryError):
        raise
    except Exception as exc:  # noqa: BLE001 - odd structure must never end the run
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        problems.append(
            f"The structure could not be recognised ({type(exc).__name__}: {exc}); no chapters, objectives "
            "or measures were read. Please report this with the draft; rerun with DRAFTER_DEBUG=1 for details."
        )
        return Programme(
            file=_file_name(document), language=lang, title=_properties_title(document), chapters=(),
            objectives=(), measures=(), document=document, profile=loaded.name, problems=tuple(problems),
        )


def _recognise(document: Document, lang: str, profile: Profile, layout: LanguageLayout,
               problems: list[str]) -> Programme:
    finder = FieldFinder(layout)
    items = _items(document, layout, finder)
    accept_candidates(items, profile)
    resolve_numbered_headings(items)
    resolve_theme_headings(items)
    assembler = _Assembler(profile, layout, document)
    assembler.feed_all(items)
    assembler.close()
    if not assembler.measures:
        problems.append(_no_measures_advice(layout, profile))
    problems.extend(_missed_openers(items, assembler.measures))
    return Programme(
        file=_file_name(document), language=lang, title=_programme_title(document, items),
        chapters=tuple(assembler.chapters), objectives=tuple(assembler.objectives),
        measures=tuple(assembler.measures), document=document, profile=profile.name,
        problems=tuple(problems),
    )


def _items(document: Document, layout: LanguageLayout, finder: FieldFinder) -> list[Item]:
    items: list[Item] = []
    openers = opener_patterns(layout)
    for block in document.body:
        if isinstance(block, Paragraph):
            items.append(classify_with(block, layout, finder, openers))
            continue
        analysis = analyse_table(block, layout, finder)
        if analysis is not None:
            items.append(Item(TABLE, table=block, table_analysis=analysis))
        else:
            items.extend(_plain_table_items(block, finder))
    return items


def _plain_table_items(table: Table, finder: FieldFinder) -> list[Item]:
    """A table that is not a measure table: label/value rows are fields, the rest body text."""
    out: list[Item] = []
    for row in table.rows:
        if row.deleted:
            continue
        cells = row.cells
        key = finder.key_for_label(cells[0].text) if len(cells) >= 2 and cells[0].text.strip() else None
        value_paragraphs = [p for c in cells[1:] for p in c.paragraphs() if p.text.strip()] if key else []
        if key and value_paragraphs:
            for p in value_paragraphs:
                start = len(p.text) - len(p.text.lstrip())
                end = len(p.text.rstrip())
                match = FieldMatch(key, cells[0].text.strip().rstrip(":"), 0, start, end, p.text[start:end])
                out.append(Item(FIELD, p, fields=[match], field_source="column"))
            continue
        for cell in cells:
            for p in cell.paragraphs():
                if p.deleted or not p.text.strip() or p.container in ("textbox", "comment", "note"):
                    continue
                matches = finder.line(p.text)
                out.append(Item(FIELD, p, fields=matches) if matches else Item(BODY, p, fields=finder.inline(p.text)))
    return out


class _Assembler:
    """Walks classified items in order and builds chapters, objectives and measures."""

    def __init__(self, profile: Profile, layout: LanguageLayout, document: Document) -> None:
        self.profile = profile
        self.layout = layout
        self.document = document
        self._bracket = _search_any(tuple(layout.title_brackets.values()))
        self._paragraphs: dict[int, Paragraph] | None = None
        self._read: dict[int, Paragraph] = {}  # the paragraphs of the body lines read so far
        self.chapters: list[Chapter] = []
        self.objectives: list[Objective] = []
        self.measures: list[Measure] = []
        self.chapter: str | None = None
        self.objective: int | None = None
        self.objective_level: int | None = None
        self.current: MeasureDraft | None = None
        self.context: tuple[str | None, int | None] = (None, None)
        self.pending: list[tuple[str, Location]] = []
        self.last_heading: Item | None = None

    @property
    def paragraphs(self) -> dict[int, Paragraph]:
        """Body paragraphs by index, built when an unnumbered measure first needs them."""
        if self._paragraphs is None:
            self._paragraphs = {p.index: p for p in self.document.paragraphs()}
        return self._paragraphs

    def _paragraph(self, index: int) -> Paragraph | None:
        """The body paragraph with ``index``: a title candidate is one whose line was read."""
        p = self._read.get(index)
        return p if p is not None else self.paragraphs.get(index)

    # -- events ---------------------------------------------------------------

    def feed_all(self, items: list[Item]) -> None:
        """``feed`` every item in order; body and field items, most of them, go straight to their handlers."""
        body, field_item, feed = self._body, self._field_item, self.feed
        for i, item in enumerate(items):
            kind = item.kind  # roles and acceptance (in feed) never change these two kinds
            if kind == BODY:
                body(item, i, items)
            elif kind == FIELD:
                field_item(item, i, items)
            else:
                feed(i, item, items)

    def feed(self, i: int, item: Item, items: list[Item]) -> None:
        kind = item.kind
        if kind in (SKIP, TITLE):
            return
        if kind == NUMHEAD:
            kind = {"objective": OBJECTIVE, "measure": NUMHEAD}.get(item.role or "", HEADING)
        elif kind == HEADING and item.role == "objective":
            kind = OBJECTIVE
        if kind in (TYPED, AUTO) and not item.accepted:
            kind = BODY
        if kind == BODY:
            self._body(item, i, items)
        elif kind == FIELD:
            self._field_item(item, i, items)
        elif kind == CHAPTER:
            self._chapter(item)
        elif kind == HEADING:
            self._heading(item)
        elif kind == OBJECTIVE:
            self._objective(item)
        elif kind in (NUMHEAD, PREFIX, TYPED, AUTO):
            self._open(item)
        elif kind == TABLE:
            self._table(item)

    def _chapter(self, item: Item) -> None:
        self.close()
        p = item.paragraph
        title, _, _ = split_title(p, item.title_start, item.title_end, split_at_bold=False)
        self.chapters.append(Chapter(item.number, title, p.location, item.label))
        self._enter_chapter(item.number)

    def _enter_chapter(self, number: str | None) -> None:
        self.chapter = number
        self.objective = None
        self.objective_level = None
        self.pending = []
        self.last_heading = None

    def _heading(self, item: Item) -> None:
        level = item.level if item.level is not None else 9
        current = self.current
        if current is not None and current.heading_level is not None and level > current.heading_level:
            text, location = body_line(item.paragraph)
            current.add_line(text, location, item.paragraph.index)
            return
        self.close()
        if level == 0:
            if self.profile.unnumbered_top_headings == "chapter":
                p = item.paragraph
                title, _, _ = split_title(p, 0, len(p.text), split_at_bold=False)
                self.chapters.append(Chapter(None, title, p.location, ""))
            self._enter_chapter(None)
        elif self.objective_level is not None and level <= self.objective_level:
            self.objective = None
            self.objective_level = None
        self.pending = []
        self.last_heading = item

    def _objective(self, item: Item) -> None:
        current = self.current
        if current is not None and current.heading_level is not None and (item.level or 0) > current.heading_level:
            text, location = body_line(item.paragraph)
            current.add_line(text, location, item.paragraph.index)
            return
        self.close()
        p = item.paragraph
        end = item.title_end if item.kind != HEADING else len(p.text)
        title, _, _ = split_title(p, item.title_start, end, split_at_bold=False)
        number = to_int(item.number)
        self.objectives.append(Objective(number, title, p.location, self.chapter, item.label))
        self.objective = number
        self.objective_level = item.level
        self.pending = []
        self.last_heading = None

    def _open(self, item: Item) -> None:
        self.close()
        p = item.paragraph
        title, title_location, rest = split_title(p, item.title_start, item.title_end,
                                                  split_at_bold=item.level is None)
        draft = MeasureDraft(
            number=to_int(item.number),
            label=item.label, title=title, title_location=title_location, location=p.location,
            layout=_LAYOUT_OF[item.kind], auto_numbered=item.auto_numbered, heading_level=item.level,
        )
        draft.add_paragraph(p.index)
        if rest:
            draft.lines.append(rest)
        draft.add_fields(field_lines(item.fields, p.location), p.index)
        self.current = draft
        self.context = (self.chapter, self.objective)
        self.pending = []

    def _field_item(self, item: Item, i: int, items: list[Item]) -> None:
        self._fields(field_lines(item.fields, item.paragraph.location, item.field_source), item, i, items)

    def _fields(self, lines: list[FieldLine], item: Item, i: int, items: list[Item]) -> None:
        p = item.paragraph
        current = self.current
        if current is not None:
            # after_fields first: most field lines follow another field line.
            if current.after_fields is not None and self._starts_new_measure(lines):
                self._split_unnumbered()
            self.current.add_fields(lines, p.location.paragraph)  # not p.index: a property call
            return
        if self._cluster_keys(i, items, lines) & _MEASURE_DEFINING_FIELDS:
            self._open_unnumbered(self.pending, from_current=False)
            self.current.add_fields(lines, p.index)
            return
        # Field-like lines outside measures are ordinary text.
        self._read[p.location.paragraph] = p
        self.pending.append(body_line(p))

    def _body(self, item: Item, i: int, items: list[Item]) -> None:
        p = item.paragraph
        # Remembered for unnumbered measures, which take a title among the lines read:
        # cheaper than indexing every paragraph of the document when one first needs it.
        self._read[p.location.paragraph] = p
        if not item.fields:  # most body paragraphs: no inline fields
            text, location = body_line(p)
            if self.current is not None:
                self.current.add_line(text, location, location.paragraph)
            elif text:
                self.pending.append((text, location))
            return
        fields = field_lines(item.fields, p.location, item.field_source)
        text, location = body_line(p, 0, item.fields[0].label_start)
        if self.current is not None or self._cluster_keys(i, items, fields) & _MEASURE_DEFINING_FIELDS:
            if text and self.current is not None:
                self.current.add_line(text, location, p.index)
            elif text:
                self.pending.append((text, location))
            self._fields(fields, item, i, items)
            return
        if self.current is not None:
            self.current.add_line(text, location, p.index)
        elif text:
            self.pending.append((text, location))

    def _table(self, item: Item) -> None:
        self.close()
        for result in item.table_analysis.rows:
            if result.kind == "objective":
                self.objectives.append(Objective(result.objective_number, result.objective_title,
                                                 result.paragraph.location, self.chapter, result.objective_label))
                self.objective = result.objective_number
            elif result.kind == "measure":
                self.measures.append(result.draft.build(self.chapter, self.objective, self.layout))
        self.pending = []
        self.last_heading = None

    # -- unnumbered measures ----------------------------------------------------

    def _starts_new_measure(self, lines: list[FieldLine]) -> bool:
        """Fields after text that followed the open measure's own fields open a new measure."""
        current = self.current
        if current is None or current.after_fields is None:
            return False
        keys = {f.key for f in lines}
        for f in current.fields:
            if f.key in keys:
                return True
        return False

    def _split_unnumbered(self) -> None:
        current = self.current
        moved = current.lines[current.after_fields:]
        del current.lines[current.after_fields:]
        moved_paragraphs = {loc.paragraph for _, loc in moved}
        kept = {loc.paragraph for _, loc in current.lines}
        current.paragraphs = [p for p in current.paragraphs if p not in moved_paragraphs or p in kept]
        current.after_fields = None
        self._open_unnumbered(moved, from_current=True)

    def _open_unnumbered(self, entries: list[tuple[str, Location]], from_current: bool) -> None:
        """Open a measure without a number, its title chosen among ``entries``."""
        previous = self.current if from_current else None
        context = self.context if from_current else (self.chapter, self.objective)
        self.close()
        k = self._title_index(entries)
        heading = self.last_heading if not from_current else None
        if k is None and heading is not None:
            p = heading.paragraph
            title, title_location, _ = split_title(p, 0, len(p.text), split_at_bold=False)
            draft = MeasureDraft(None, "", title, title_location, p.location, "unnumbered")
            draft.add_paragraph(p.index)
            body = entries
        elif entries:
            k = k or 0
            text, location = entries[k]
            p = self._paragraph(location.paragraph)
            if p is not None:
                title, title_location, rest = split_title(p, location.start, location.end or len(p.text))
            else:
                title, title_location, rest = text.rstrip(" ."), location, None
            draft = MeasureDraft(None, "", title, title_location, location.span(0, None), "unnumbered")
            draft.add_paragraph(location.paragraph)
            if rest:
                draft.lines.append(rest)
            if previous is not None:
                for line_text, line_location in entries[:k]:
                    previous.add_line(line_text, line_location, line_location.paragraph)
            body = entries[k + 1:]
        else:
            draft = MeasureDraft(None, "", "", None, Location(), "unnumbered")
            body = []
        for text, location in body:
            draft.add_line(text, location, location.paragraph)
        self.current = draft
        self.context = context
        self.pending = []

    def _title_index(self, entries: list[tuple[str, Location]]) -> int | None:
        """Which entry is the unnumbered measure's title; None to use the last heading."""
        bracket = self._bracket
        for k in range(len(entries) - 1, -1, -1):
            if bracket(entries[k][0]):
                return k
        heading = self.last_heading
        if heading is not None and bracket(heading.paragraph.text):
            return None
        short = self.profile.short_opener_chars
        for k, (text, location) in enumerate(entries):
            if len(text) > short:
                continue
            p = self._paragraph(location.paragraph)
            if p is None or not starts_bold(p, location.start):
                continue
            end = bold_end(p, location.start)
            if end is not None and end >= (location.end or len(p.text)) - 1:
                return k
        if not entries:
            return None
        return 0

    def _cluster_keys(self, i: int, items: list[Item], lines: list[FieldLine]) -> set[str]:
        keys = {f.key for f in lines}
        for k in range(i + 1, len(items)):  # not items[i + 1:]: that copies the rest of the list
            item = items[k]
            if item.kind == SKIP:
                continue
            if item.kind != FIELD:
                break
            keys |= {f.key for f in item.fields}
        return keys

    def close(self) -> None:
        if self.current is not None:
            chapter, objective = self.context
            self.measures.append(self.current.build(chapter, objective, self.layout))
            self.current = None


def _search_any(patterns: tuple[re.Pattern, ...]) -> Callable[[str], object]:
    """A function that searches ``text`` for each of ``patterns`` (not None when one is found).

    For a single pattern (the usual "… (2024–2027)" title bracket) it is that
    pattern's own search: no Python call per text.
    """
    if len(patterns) == 1:
        return patterns[0].search

    def search(text: str) -> object:
        for pattern in patterns:
            m = pattern.search(text)
            if m:
                return m
        return None

    return search


def _missed_openers(items: list[Item], measures: list[Measure]) -> list[str]:
    """Problems for numbered paragraphs read as body text that fill a gap in the measure numbers.

    "12. Laaditaan …" between measures 11 and 13 that was not taken as a measure
    (not bold like the others, say) is almost surely measure 12 written differently.
    """
    missed = [item for item in items if item.kind in (TYPED, AUTO) and not item.accepted]
    if not missed:
        return []
    by_paragraph = {p: k for k, m in enumerate(measures) for p in m.paragraphs}
    out = []
    for item in missed:
        k = by_paragraph.get(item.paragraph.index)
        number = to_int(item.number)
        if k is None or number is None or k + 1 >= len(measures):
            continue
        before, after = measures[k].number, measures[k + 1].number
        if before is not None and after is not None and before + 1 == number == after - 1:
            excerpt = item.paragraph.text.strip()
            excerpt = excerpt if len(excerpt) <= 60 else excerpt[:57].rstrip() + "…"
            out.append(
                f"Paragraph {item.paragraph.index} (\"{excerpt}\") was read as text of measure {before}, not as "
                f"measure {number}: it is not written like the other measure openers (formatting, style or "
                "field lines). Write it like the others if it is a measure."
            )
    return out


def _programme_title(document: Document, items: list[Item]) -> str | None:
    title = _properties_title(document)
    if title:
        return title
    for item in items:
        if item.kind == TITLE:
            return " ".join(item.paragraph.text.split())
    for item in items[:15]:
        if item.kind == CHAPTER:
            break
        p = item.paragraph
        if p is None:
            continue
        if item.kind == HEADING and item.level == 0:
            return " ".join(p.text.split())
        sizes = [s.font_size for s in p.spans if s.font_size]
        if sizes and min(sizes) >= 16:
            return " ".join(p.text.split())
    return None


def _properties_title(document: Document) -> str | None:
    title = (document.properties.title or "").strip()
    return title or None


def _file_name(document: Document) -> str:
    return os.path.basename(document.path) if document.path else ""


def _no_measures_advice(layout: LanguageLayout, profile: Profile) -> str:
    responsible = layout.field_spec("responsible")
    schedule = layout.field_spec("schedule")
    labels = ", ".join(f"'{label}:'" for spec in (responsible, schedule) if spec for label in spec.labels[:2])
    prefix_example = {"fi": "Toimenpide 12:", "sv": "Åtgärd 12.", "en": "Measure 12:"}.get(layout.language, "")
    return (
        "No measures were recognised: drafter looks for numbered measures ('12. …' in bold or in sequence, "
        f"'{prefix_example} …', Word numbered lists, numbered headings under objectives, tables with one "
        f"measure per row) and for unnumbered measures followed by field lines such as {labels}. "
        f"The draft was read as language '{layout.language}' with the layout profile '{profile.name}'; "
        "set `language` or `profile` in drafter.toml if the draft uses another language or layout."
    )


__all__ = ["recognise"]
