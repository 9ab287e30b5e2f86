"""Load layout profiles (rules/layouts/<name>.yaml): the words and patterns of a draft's layout.

A profile tells structure recognition how chapters, objectives, measures and
measure fields are written. It is data: a ``common`` section for every language
and one section per document language. :func:`load_profile` validates the file
strictly, so a misspelt key or a broken regular expression is reported with the
file and line instead of being silently ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Callable

import yaml

from drafter.errors import ConfigError

DEFAULT_PROFILE = "default"
LANGUAGES = ("fi", "sv", "en")
_PATTERN_LISTS = ("chapter", "objective", "measure_prefix", "typed_number", "not_a_number")
_GROUPS_REQUIRED = {
    "chapter": {"label", "number", "title"},
    "objective": {"label", "number", "title"},
    "measure_prefix": {"label", "number", "title"},
    "typed_number": {"label", "number", "title"},
    "not_a_number": set(),
}
_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True)
class FieldSpec:
    """One measure field: its key, the labels that introduce it, how its value is trimmed."""

    key: str
    labels: tuple[str, ...]
    trim_period: bool = True


@dataclass(frozen=True)
class LanguageLayout:
    """The patterns and words of one language, the profile's common section merged in."""

    language: str
    chapter: tuple[re.Pattern, ...] = ()
    objective: tuple[re.Pattern, ...] = ()
    measure_prefix: tuple[re.Pattern, ...] = ()
    typed_number: tuple[re.Pattern, ...] = ()
    not_a_number: tuple[re.Pattern, ...] = ()
    fields: tuple[FieldSpec, ...] = ()
    table_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    title_brackets: dict[str, re.Pattern] = field(default_factory=dict)

    def field_spec(self, key: str) -> FieldSpec | None:
        for spec in self.fields:
            if spec.key == key:
                return spec
        return None

    # Made on first use and kept on the layout (cached_property writes the instance
    # dict, which a frozen dataclass allows), so each layout joins its patterns once.

    @cached_property
    def not_a_number_match(self) -> Callable[[str], object]:
        """Not None for a text that a ``not_a_number`` pattern matches (one regex call)."""
        return match_any(self.not_a_number)

    @cached_property
    def opener_match(self) -> Callable[[str], object]:
        """Not None for a text that an objective, measure-prefix or typed-number pattern matches."""
        return match_any(self.objective + self.measure_prefix + self.typed_number)


@dataclass(frozen=True)
class Profile:
    """A validated layout profile."""

    name: str
    description: str
    source: str
    unnumbered_top_headings: str
    short_opener_chars: int
    layouts: dict[str, LanguageLayout]

    def layout(self, language: str) -> LanguageLayout:
        """The layout for ``language``, or the first language's when the profile lacks it."""
        if language in self.layouts:
            return self.layouts[language]
        return next(iter(self.layouts.values()))


def match_any(patterns: tuple[re.Pattern, ...]) -> Callable[[str], object]:
    """A function that matches ``text`` against any of ``patterns`` (not None when one does).

    Patterns with the same flags and without references to their groups are
    joined into one alternation: one regex call instead of one per pattern.
    """
    each = _EachPattern(patterns)
    flags = {p.flags for p in patterns}
    if len(flags) != 1 or re.VERBOSE & next(iter(flags)):
        return each
    sources = [_without_groups(p.pattern) for p in patterns]
    if None in sources:
        return each
    try:
        joined = re.compile("|".join(f"(?:{source})" for source in sources), flags.pop())
    except re.error:  # e.g. an inline global flag, allowed only at a pattern's start
        return each
    return joined.match if joined.groups == 0 else each


_GROUP_REFERENCES = frozenset("123456789g")


def _without_groups(source: str) -> str | None:
    """``source`` with its capturing groups made non-capturing; None when it refers to a group.

    Joined patterns must not repeat a group name. Without backreferences and
    conditionals, a group that does not capture matches the same texts.
    """
    out = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c == "\\":
            if source[i + 1:i + 2] in _GROUP_REFERENCES:
                return None
            out.append(source[i:i + 2])
            i += 2
        elif c == "[":
            end = _class_end(source, i)
            out.append(source[i:end])
            i = end
        elif c == "(" and source.startswith("(?P<", i):
            out.append("(?:")
            i = source.index(">", i) + 1
        elif c == "(" and source.startswith(("(?P=", "(?(", "(?#"), i):
            return None
        elif c == "(" and not source.startswith("(?", i):
            out.append("(?:")
            i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _class_end(source: str, start: int) -> int:
    """Index after the character class that opens at ``start`` ("[^]a-z]" included)."""
    i = start + 1
    if source.startswith("^", i):
        i += 1
    if source.startswith("]", i):  # a "]" first in the class is a literal
        i += 1
    while i < len(source):
        if source[i] == "\\":
            i += 2
        elif source[i] == "]":
            return i + 1
        else:
            i += 1
    return len(source)


class _EachPattern:
    """Matches ``text`` against each pattern in turn: for patterns that cannot be joined."""

    __slots__ = ("patterns",)

    def __init__(self, patterns: tuple[re.Pattern, ...]) -> None:
        self.patterns = patterns

    def __call__(self, text: str) -> re.Match | None:
        for pattern in self.patterns:
            m = pattern.match(text)
            if m:
                return m
        return None


def load_profile(name: str | None) -> Profile:
    """Return the layout profile ``name`` (default "default"), validated.

    ``name`` is a profile shipped in rules/layouts/ or the path of a YAML file.
    Raises ConfigError, naming the file and line, for unknown profiles, unknown
    keys, wrong types and patterns that do not compile.
    """
    name = name or DEFAULT_PROFILE
    text, source = _read_profile_text(name)
    return parse_profile(text, source)


def available_profiles() -> list[str]:
    """Names of the profiles shipped in rules/layouts/."""
    folder = resources.files("drafter.rules").joinpath("layouts")
    if not folder.is_dir():
        return []
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _read_profile_text(name: str) -> tuple[str, str]:
    if name.endswith((".yaml", ".yml")) or "/" in name or "\\" in name:
        path = Path(name)
        if not path.is_file():
            raise ConfigError(f"{name}: layout profile file not found")
        return path.read_text(encoding="utf-8"), str(path)
    if not _NAME.match(name):
        raise ConfigError(f"layout profile name {name!r} is not a valid name")
    resource = resources.files("drafter.rules").joinpath("layouts", f"{name}.yaml")
    if not resource.is_file():
        known = ", ".join(available_profiles()) or "none"
        raise ConfigError(f"unknown layout profile {name!r} (known profiles: {known})")
    return resource.read_text(encoding="utf-8"), f"rules/layouts/{name}.yaml"


def parse_profile(text: str, source: str = "<profile>") -> Profile:
    """Validate and build a Profile from YAML ``text``; ``source`` names it in errors."""
    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark else source
        raise ConfigError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    v = _Validator(source)
    top = v.mapping(root, "profile")
    v.only_keys(top, {"name", "description", "unnumbered_top_headings", "short_opener_chars",
                      "common", "languages"}, "profile")
    name = v.string(top["name"][1], "name") if "name" in top else Path(source).stem
    description = v.string(top["description"][1], "description") if "description" in top else ""
    unnumbered = "boundary"
    if "unnumbered_top_headings" in top:
        node = top["unnumbered_top_headings"][1]
        unnumbered = v.string(node, "unnumbered_top_headings")
        if unnumbered not in ("boundary", "chapter"):
            v.fail(node, "unnumbered_top_headings must be 'boundary' or 'chapter'")
    short = 300
    if "short_opener_chars" in top:
        short = v.integer(top["short_opener_chars"][1], "short_opener_chars")
    common = v.section(top["common"][1], "common") if "common" in top else {}
    if "languages" not in top:
        v.fail(root, "a profile needs a 'languages' section")
    languages = v.mapping(top["languages"][1], "languages")
    layouts = {}
    for lang, (key_node, node) in languages.items():
        if lang not in LANGUAGES:
            v.fail(key_node, f"unknown language {lang!r} (expected one of {', '.join(LANGUAGES)})")
        layouts[lang] = _merge(lang, common, v.section(node, f"languages.{lang}"))
    if not layouts:
        v.fail(top["languages"][1], "'languages' names no language")
    return Profile(name, description, source, unnumbered, short, layouts)


def _merge(language: str, common: dict, own: dict) -> LanguageLayout:
    # The language's own patterns are more specific, so they are tried first.
    patterns = {k: tuple(own.get(k, ())) + tuple(common.get(k, ())) for k in _PATTERN_LISTS}
    fields: dict[str, FieldSpec] = dict(common.get("fields", {}))
    for key, spec in own.get("fields", {}).items():
        if key in fields:
            spec = FieldSpec(key, fields[key].labels + spec.labels, spec.trim_period)
        fields[key] = spec
    columns: dict[str, tuple[str, ...]] = dict(common.get("table_columns", {}))
    for role, words in own.get("table_columns", {}).items():
        columns[role] = columns.get(role, ()) + words
    brackets = dict(common.get("title_brackets", {}))
    brackets.update(own.get("title_brackets", {}))
    return LanguageLayout(
        language=language, fields=tuple(fields.values()), table_columns=columns,
        title_brackets=brackets, **patterns,
    )


class _Validator:
    """Walks a composed YAML node tree, raising ConfigError with file:line on problems."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, node, message: str):
        line = node.start_mark.line + 1 if node is not None else 1
        raise ConfigError(f"{self.source}:{line}: {message}")

    def mapping(self, node, what: str) -> dict[str, tuple]:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, f"{what} must be a mapping")
        out: dict[str, tuple] = {}
        for key_node, value_node in node.value:
            key = self.string(key_node, f"a key of {what}")
            if key in out:
                self.fail(key_node, f"{what}: key {key!r} is given twice")
            out[key] = (key_node, value_node)
        return out

    def only_keys(self, items: dict[str, tuple], allowed: set[str], what: str) -> None:
        for key, (key_node, _) in items.items():
            if key not in allowed:
                self.fail(key_node, f"unknown key {key!r} in {what} (allowed: {', '.join(sorted(allowed))})")

    def string(self, node, what: str) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
            self.fail(node, f"{what} must be a string")
        return str(node.value)

    def integer(self, node, what: str) -> int:
        if not isinstance(node, yaml.ScalarNode) or not re.fullmatch(r"\d+", node.value):
            self.fail(node, f"{what} must be a whole number")
        return int(node.value)

    def boolean(self, node, what: str) -> bool:
        if not isinstance(node, yaml.ScalarNode) or node.value.lower() not in ("true", "false"):
            self.fail(node, f"{what} must be true or false")
        return node.value.lower() == "true"

    def strings(self, node, what: str) -> tuple[str, ...]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, f"{what} must be a list")
        values = tuple(self.string(item, f"an item of {what}") for item in node.value)
        for item, value in zip(node.value, values):
            if not value.strip():
                self.fail(item, f"an item of {what} is empty")
        return values

    def pattern(self, node, what: str, groups: set[str]) -> re.Pattern:
        text = self.string(node, what)
        try:
            compiled = re.compile(text, re.IGNORECASE)
        except re.error as exc:
            self.fail(node, f"{what}: the regular expression does not compile ({exc})")
        missing = groups - set(compiled.groupindex)
        if missing:
            self.fail(node, f"{what}: the pattern needs the named group(s) {', '.join(sorted(missing))}")
        return compiled

    def section(self, node, what: str) -> dict:
        items = self.mapping(node, what)
        self.only_keys(items, set(_PATTERN_LISTS) | {"fields", "table_columns", "title_brackets"}, what)
        out: dict = {}
        for key in _PATTERN_LISTS:
            if key in items:
                list_node = items[key][1]
                if not isinstance(list_node, yaml.SequenceNode):
                    self.fail(list_node, f"{what}.{key} must be a list of patterns")
                out[key] = tuple(
                    self.pattern(item, f"{what}.{key}", _GROUPS_REQUIRED[key]) for item in list_node.value
                )
        if "fields" in items:
            out["fields"] = self._fields(items["fields"][1], f"{what}.fields")
        if "table_columns" in items:
            columns = {}
            for role, (key_node, words) in self.mapping(items["table_columns"][1], f"{what}.table_columns").items():
                if not _KEY.match(role):
                    self.fail(key_node, f"column role {role!r} must be a lower-case identifier")
                columns[role] = self.strings(words, f"{what}.table_columns.{role}")
            out["table_columns"] = columns
        if "title_brackets" in items:
            brackets = {}
            for key, (key_node, pattern) in self.mapping(items["title_brackets"][1], f"{what}.title_brackets").items():
                if not _KEY.match(key):
                    self.fail(key_node, f"field key {key!r} must be a lower-case identifier")
                brackets[key] = self.pattern(pattern, f"{what}.title_brackets.{key}", {"value"})
            out["title_brackets"] = brackets
        return out

    def _fields(self, node, what: str) -> dict[str, FieldSpec]:
        fields = {}
        for key, (key_node, spec_node) in self.mapping(node, what).items():
            if not _KEY.match(key):
                self.fail(key_node, f"field key {key!r} must be a lower-case identifier")
            spec = self.mapping(spec_node, f"{what}.{key}")
            self.only_keys(spec, {"labels", "trim_period"}, f"{what}.{key}")
            if "labels" not in spec:
                self.fail(spec_node, f"{what}.{key} needs 'labels'")
            labels = self.strings(spec["labels"][1], f"{what}.{key}.labels")
            trim = self.boolean(spec["trim_period"][1], f"{what}.{key}.trim_period") if "trim_period" in spec else True
            fields[key] = FieldSpec(key, labels, trim)
        return fields
