"""Read and validate an assembly manifest (programme.toml): the master and the parts in order.

The manifest is strict: an unknown key, a value of the wrong type or a file that
does not exist is a :class:`~drafter.errors.ConfigError` naming the manifest and
the key (``parts[2].select.chapter``). Paths are relative to the manifest.

Example::

    master = "master.docx"

    [options]
    renumber_measures = true      # continuous measure numbers (default true)
    numbering = "continue"        # default for parts: continue | restart
    keep_comments = false         # default false
    keep_footnotes = true         # footnotes and endnotes (default true)
    unknown_styles = "copy"       # copy | normal

    [[parts]]
    file = "sm-luvut.docx"
    from = "Sisäministeriö"
    select = { chapters = "I-V" }
    target = { chapter = "VI", position = "before" }

    [[parts]]
    file = "stm-tavoite-2.docx"
    select = { objective = 2 }
    target = { chapter = "VI" }
    numbering = "restart"
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import ConfigError

NUMBERING_MODES = ("continue", "restart")
UNKNOWN_STYLE_MODES = ("copy", "normal")
POSITIONS = ("end", "before")

_TOP_KEYS = {"master", "options", "parts", "title"}
_OPTION_KEYS = {"renumber_measures", "numbering", "keep_comments", "keep_footnotes", "unknown_styles"}
_PART_KEYS = {"file", "from", "select", "target", "numbering", "keep_comments", "label"}
_SELECT_KEYS = {"chapter", "chapters", "objective", "measures"}
_TARGET_KEYS = {"chapter", "objective", "position"}


@dataclass(frozen=True)
class Selection:
    """What to take from a part: everything (all None), chapters, an objective or measures."""

    chapters: tuple[str, ...] = ()          # chapter numbers as written ("I", "VII", "3")
    chapter_range: tuple[str, str] | None = None
    objective: int | None = None
    objective_chapter: str | None = None     # with ``objective``: the objective of this chapter
    measures: tuple[int, ...] = ()

    @property
    def whole(self) -> bool:
        return not (self.chapters or self.chapter_range or self.objective is not None or self.measures)

    def describe(self) -> str:
        if self.whole:
            return "whole document"
        if self.chapter_range:
            return f"chapters {self.chapter_range[0]}–{self.chapter_range[1]}"
        if self.chapters:
            return "chapter " + ", ".join(self.chapters)
        if self.objective is not None:
            where = f" of chapter {self.objective_chapter}" if self.objective_chapter else ""
            return f"objective {self.objective}{where}"
        return "measures " + _ranges_text(self.measures)


@dataclass(frozen=True)
class Target:
    """Where a part goes: the end of a chapter or objective, before a chapter, or the end."""

    chapter: str | None = None
    objective: int | None = None
    position: str = "end"          # end: after the target's last block; before: before its heading

    def describe(self) -> str:
        if self.chapter is None and self.objective is None:
            return "end of the document"
        what = f"chapter {self.chapter}" if self.chapter else ""
        if self.objective is not None:
            what = (what + ", " if what else "") + f"objective {self.objective}"
        return ("before " if self.position == "before" else "end of ") + what


@dataclass(frozen=True)
class PartSpec:
    """One part of the programme as the manifest lists it."""

    index: int
    file: Path
    label: str
    source: str | None            # the ministry or author, for the report
    selection: Selection
    target: Target
    numbering: str
    keep_comments: bool


@dataclass(frozen=True)
class Options:
    renumber_measures: bool = True
    numbering: str = "continue"
    keep_comments: bool = False
    keep_footnotes: bool = True
    unknown_styles: str = "copy"


@dataclass(frozen=True)
class Manifest:
    path: Path
    master: Path
    parts: tuple[PartSpec, ...]
    options: Options = field(default_factory=Options)
    title: str | None = None


def load_manifest(path: Path) -> Manifest:
    """Read ``path`` and validate every key; raise ConfigError naming file and key."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such manifest") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    return manifest_from_dict(data, path)


def manifest_from_dict(data: dict[str, Any], path: Path) -> Manifest:
    """Validate an already parsed manifest (``path`` names it in errors and anchors files)."""
    check = _Checker(path)
    check.keys(data, _TOP_KEYS, "")
    base = path.parent
    master = check.file(base, check.required(data, "master", str, ""), "master")
    options_data = data.get("options", {})
    check.table(options_data, "options")
    check.keys(options_data, _OPTION_KEYS, "options")
    options = Options(
        renumber_measures=check.typed(options_data, "renumber_measures", bool, "options", True),
        numbering=check.choice(options_data, "numbering", NUMBERING_MODES, "options", "continue"),
        keep_comments=check.typed(options_data, "keep_comments", bool, "options", False),
        keep_footnotes=check.typed(options_data, "keep_footnotes", bool, "options", True),
        unknown_styles=check.choice(options_data, "unknown_styles", UNKNOWN_STYLE_MODES, "options", "copy"),
    )
    parts_data = data.get("parts")
    if not isinstance(parts_data, list) or not parts_data:
        raise ConfigError(f"{path}: 'parts' must be a non-empty array of tables ([[parts]])")
    parts = []
    for index, item in enumerate(parts_data):
        where = f"parts[{index + 1}]"
        check.table(item, where)
        check.keys(item, _PART_KEYS, where)
        file = check.file(base, check.required(item, "file", str, where), where + ".file")
        selection = _selection(check, item.get("select", {}), where + ".select")
        target = _target(check, item.get("target", {}), where + ".target")
        parts.append(PartSpec(
            index=index + 1,
            file=file,
            label=check.typed(item, "label", str, where, None) or file.name,
            source=check.typed(item, "from", str, where, None),
            selection=selection,
            target=target,
            numbering=check.choice(item, "numbering", NUMBERING_MODES, where, options.numbering),
            keep_comments=check.typed(item, "keep_comments", bool, where, options.keep_comments),
        ))
    return Manifest(path=path, master=master, parts=tuple(parts), options=options,
                    title=check.typed(data, "title", str, "", None))


class _Checker:
    """Validation helpers that name the manifest and the dotted key in every error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, key: str, message: str) -> "NoReturn":  # noqa: F821
        raise ConfigError(f"{self.path}: {key}: {message}" if key else f"{self.path}: {message}")

    def keys(self, data: dict, allowed: set[str], where: str) -> None:
        for key in data:
            if key not in allowed:
                name = f"{where}.{key}" if where else key
                self.fail(name, f"unknown key (allowed: {', '.join(sorted(allowed))})")

    def table(self, value: Any, where: str) -> None:
        if not isinstance(value, dict):
            self.fail(where, "must be a table")

    def required(self, data: dict, key: str, kind: type, where: str):
        if key not in data:
            self.fail(f"{where}.{key}" if where else key, "is required")
        return self.typed(data, key, kind, where, None)

    def typed(self, data: dict, key: str, kind: type, where: str, default):
        if key not in data:
            return default
        value = data[key]
        ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
        if not ok:
            self.fail(f"{where}.{key}" if where else key, f"must be {_kind_name(kind)}, not {value!r}")
        return value

    def choice(self, data: dict, key: str, choices: tuple[str, ...], where: str, default: str) -> str:
        value = self.typed(data, key, str, where, default)
        if value not in choices:
            self.fail(f"{where}.{key}" if where else key, f"must be one of {', '.join(choices)}, not {value!r}")
        return value

    def file(self, base: Path, name: str, key: str) -> Path:
        path = (base / name) if not Path(name).is_absolute() else Path(name)
        if not path.is_file():
            self.fail(key, f"no such file: {path}")
        return path


def _selection(check: _Checker, data: Any, where: str) -> Selection:
    check.table(data, where)
    check.keys(data, _SELECT_KEYS, where)
    given = [k for k in ("chapter", "chapters", "objective", "measures") if k in data]
    if len(given) > 1 and not (set(given) == {"chapter", "objective"}):
        check.fail(where, f"choose one of chapter, chapters, objective, measures (got {', '.join(given)})")
    if "objective" in data:
        objective = check.typed(data, "objective", int, where, None)
        chapter = _chapter_value(check, data, "chapter", where) if "chapter" in data else None
        return Selection(objective=objective, objective_chapter=chapter)
    if "chapter" in data:
        return Selection(chapters=(_chapter_value(check, data, "chapter", where),))
    if "chapters" in data:
        value = data["chapters"]
        if isinstance(value, str) and re.fullmatch(r"\s*\w+\s*[-–]\s*\w+\s*", value):
            low, high = re.split(r"\s*[-–]\s*", value.strip())
            return Selection(chapter_range=(low, high))
        if isinstance(value, list) and value and all(isinstance(v, (str, int)) and not isinstance(v, bool)
                                                     for v in value):
            return Selection(chapters=tuple(str(v) for v in value))
        check.fail(where + ".chapters", f"must be a range \"I-V\" or a list of chapter numbers, not {value!r}")
    if "measures" in data:
        return Selection(measures=_measure_numbers(check, data["measures"], where + ".measures"))
    return Selection()


def _chapter_value(check: _Checker, data: dict, key: str, where: str) -> str:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        check.fail(f"{where}.{key}", f"must be a chapter number (\"VI\" or 6), not {value!r}")
    return str(value)


def _measure_numbers(check: _Checker, value: Any, key: str) -> tuple[int, ...]:
    items = value if isinstance(value, list) else [value]
    numbers: list[int] = []
    for item in items:
        if isinstance(item, int) and not isinstance(item, bool) and item > 0:
            numbers.append(item)
            continue
        if isinstance(item, str):
            match = re.fullmatch(r"\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?", item)
            if match:
                low = int(match.group(1))
                high = int(match.group(2) or low)
                if low <= high and high - low <= 1000:
                    numbers.extend(range(low, high + 1))
                    continue
        check.fail(key, f"must be measure numbers or ranges (12, \"10-18\"), not {item!r}")
    return tuple(dict.fromkeys(numbers))


def _target(check: _Checker, data: Any, where: str) -> Target:
    check.table(data, where)
    check.keys(data, _TARGET_KEYS, where)
    chapter = _chapter_value(check, data, "chapter", where) if "chapter" in data else None
    objective = check.typed(data, "objective", int, where, None)
    position = check.choice(data, "position", POSITIONS, where, "end")
    if position == "before" and chapter is None and objective is None:
        check.fail(where + ".position", "'before' needs a chapter or an objective")
    return Target(chapter=chapter, objective=objective, position=position)


def _kind_name(kind: type) -> str:
    return {str: "a string", bool: "true or false", int: "an integer"}.get(kind, kind.__name__)


def _ranges_text(numbers: tuple[int, ...]) -> str:
    out, start, previous = [], None, None
    for n in sorted(numbers):
        if start is None:
            start = previous = n
        elif n == previous + 1:
            previous = n
        else:
            out.append(f"{start}–{previous}" if previous != start else str(start))
            start = previous = n
    if start is not None:
        out.append(f"{start}–{previous}" if previous != start else str(start))
    return ", ".join(out)
