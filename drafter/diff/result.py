"""The result of comparing two programme versions: plain values the report writers read."""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.diff.textdiff import WordOp
from drafter.model import Measure

STATUSES = ("unchanged", "modified", "added", "removed")


@dataclass(frozen=True)
class FieldChange:
    """One field whose words changed; ``old``/``new`` are the values as written (None: no such field)."""

    key: str
    old: str | None
    new: str | None
    ops: tuple[WordOp, ...]
    added_names: tuple[str, ...] = ()     # responsible / other actors: names only in new
    removed_names: tuple[str, ...] = ()   # … and names only in old


@dataclass(frozen=True)
class MeasureDiff:
    """One measure of either version and what became of it.

    ``old_index``/``new_index`` are positions in ``Programme.measures`` (numbers
    can repeat in a draft; positions cannot). ``old_body``/``new_body`` are the
    body texts the word diff ran on (``text_ops`` offsets refer to them).
    """

    status: str
    old: Measure | None
    new: Measure | None
    old_index: int | None
    new_index: int | None
    renumbered: bool = False
    moved: bool = False
    similarity: float | None = None
    title_ops: tuple[WordOp, ...] | None = None
    text_ops: tuple[WordOp, ...] | None = None
    fields: tuple[FieldChange, ...] = ()
    old_body: str = ""
    new_body: str = ""
    new_body_lines: tuple[int, ...] = ()   # lines of new.text.split("\n") that new_body holds
    old_place: tuple[str | None, int | None] | None = None  # (chapter, objective) in old
    new_place: tuple[str | None, int | None] | None = None
    split_from: int | None = None          # old index this added measure was split off
    split_into: tuple[int, ...] = ()       # new indices split off this measure (besides itself)
    merged_into: int | None = None         # new index this removed measure was merged into
    merged_from: tuple[int, ...] = ()      # old indices merged into this measure (besides its own)
    notes: tuple[str, ...] = ()

    @property
    def old_number(self) -> int | None:
        return self.old.number if self.old else None

    @property
    def new_number(self) -> int | None:
        return self.new.number if self.new else None

    @property
    def measure(self) -> Measure:
        """The measure as it stands now (new), or as it stood (old) when removed."""
        return self.new or self.old  # type: ignore[return-value]

    @property
    def changed(self) -> bool:
        """True when wording, number or place changed (a note alone is not a change)."""
        return self.status != "unchanged" or self.renumbered or self.moved


@dataclass(frozen=True)
class NodeDiff:
    """A chapter or objective of either version and what became of it."""

    kind: str  # chapter | objective
    status: str
    old_number: str | int | None
    new_number: str | int | None
    old_title: str | None
    new_title: str | None
    old_chapter: str | None = None
    new_chapter: str | None = None
    renumbered: bool = False
    renamed: bool = False
    moved: bool = False
    title_ops: tuple[WordOp, ...] | None = None
    new_paragraph: int | None = None  # main-part paragraph of the heading in new

    @property
    def changed(self) -> bool:
        return self.status != "unchanged" or self.renumbered or self.moved


@dataclass(frozen=True)
class ProgrammeDiff:
    """Everything that changed between two versions of a programme."""

    old_file: str
    new_file: str
    measures: tuple[MeasureDiff, ...]
    chapters: tuple[NodeDiff, ...] = ()
    objectives: tuple[NodeDiff, ...] = ()
    threshold: float = 0.6
    old_count: int = 0
    new_count: int = 0
    notices: tuple[str, ...] = field(default=())

    def counts(self) -> dict[str, int]:
        """Measures per status, and how many were renumbered, moved, split and merged."""
        out = {s: sum(1 for m in self.measures if m.status == s) for s in STATUSES}
        out["renumbered"] = sum(1 for m in self.measures if m.renumbered)
        out["moved"] = sum(1 for m in self.measures if m.moved)
        out["split"] = sum(1 for m in self.measures if m.split_into)
        out["merged"] = sum(1 for m in self.measures if m.merged_from)
        return out

    @property
    def has_changes(self) -> bool:
        return (any(m.changed for m in self.measures) or any(n.changed for n in self.chapters)
                or any(n.changed for n in self.objectives))

    def new_number_of(self, index: int | None) -> int | None:
        for m in self.measures:
            if m.new_index == index and m.new is not None and index is not None:
                return m.new.number
        return None

    def old_number_of(self, index: int | None) -> int | None:
        for m in self.measures:
            if m.old_index == index and m.old is not None and index is not None:
                return m.old.number
        return None
