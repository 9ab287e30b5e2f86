"""drafter.toml: find it, read it strictly, and give checks one frozen Config.

The file is looked up beside the draft and in every parent folder; the first
``drafter.toml`` found wins, and an explicit ``--config`` replaces the search.
Every key is validated: a misspelt key is an error naming the file, the line
and the key path, never a silently ignored setting. The schema is documented in
docs/configuration.md; :data:`SCHEMA` below is its single source of truth.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from drafter.errors import ConfigError
from drafter.findings import CATEGORIES, Severity

CONFIG_NAME = "drafter.toml"
LANGUAGES = ("fi", "sv", "en")
FIELD_KEYS = ("responsible", "other_actors", "schedule", "funding", "indicators")
DEFAULT_REQUIRED_FIELDS = ("responsible", "schedule", "funding")

# Keys of [publish], each read by drafter publish (drafter/publish/), with their
# types. The description-page fields may also stand inside `description_page`.
DESCRIPTION_PAGE_KEYS: dict[str, type | tuple[type, ...]] = {
    "publisher": str, "date": str, "authors": (str, list), "title": str, "series": str,
    "project_number": str, "isbn": str, "issn": str, "urn": str, "pages": (str, int),
    "language": str, "keywords": (str, list), "abstract": str,
}
PUBLISH_KEYS: dict[str, type | tuple[type, ...]] = {
    "accept_revisions": bool,
    "remove_comments": bool,
    "remove_highlights": bool,
    "remove_hidden_text": bool,
    "strip_metadata": bool,
    "keep_custom_properties": list,
    "renumber": bool,
    "apply_fixes": str,          # "safe" | "unsafe" | "none"
    "subject": str,
    "annex_table": bool,
    "funding_summary": bool,
    "description_page": (bool, dict),
    "template": str,             # publication template, relative to drafter.toml
    **DESCRIPTION_PAGE_KEYS,
}
APPLY_FIXES = ("safe", "unsafe", "none")

_TOP_KEYS = {
    "language", "profile", "period", "required_fields", "budget_note", "fail_on",
    "rules", "authorities", "terms", "abbreviations", "publish", "params",
}
_RULES_KEYS = {"enable", "disable", "severity", "ignore"}
_IGNORE_KEYS = {"rule", "measure", "chapter", "text"}
_AUTHORITY_KEYS = {"name", "abbreviation", "language", "aliases", "former_names", "swedish", "english", "kind"}
_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-–—]\s*(\d{4}))?\s*$")


@dataclass(frozen=True)
class IgnoreEntry:
    """A ``[[rules.ignore]]`` entry: silence ``rule`` (optionally only in one place)."""

    rule: str
    measure: int | None = None
    chapter: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Config:
    """Settings for one check run, defaults where the file says nothing.

    Rule selectors (in ``enabled``, ``disabled`` and ``severity``) are a rule
    id ("STY001"), a rule name ("clock-time-colon"), a category ("style") or
    "all"; the most specific selector wins (id/name over category over all).
    """

    path: Path | None = None
    language: str | None = None
    profile: str | None = None
    period: tuple[int, int] | None = None
    required_fields: tuple[str, ...] = DEFAULT_REQUIRED_FIELDS
    enabled: tuple[str, ...] = ()
    disabled: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    fail_on: Severity = Severity.ERROR
    ignore: tuple[IgnoreEntry, ...] = ()
    authorities: tuple[Mapping[str, Any], ...] = ()
    terms: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    abbreviations: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    budget_note: str | None = None
    publish: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    params: Mapping[str, Mapping[str, Any]] = field(default_factory=lambda: MappingProxyType({}))
    raw: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    notices: tuple[str, ...] = ()

    __hash__ = object.__hash__  # mappings inside; identity is enough for caching

    @property
    def extra_authorities(self) -> tuple[Mapping[str, Any], ...]:
        """The ``authorities`` list under the name the lexicon uses."""
        return self.authorities

    def rule_state(self, rule) -> bool:
        """Whether ``rule`` runs: its own default, then the most specific selector."""
        on = _specificity(rule, self.enabled)
        off = _specificity(rule, self.disabled)
        if on < 0 and off < 0:
            return bool(rule.enabled)
        return on > off

    def severity_for(self, rule) -> Severity:
        """The rule's severity after the most specific override."""
        best, chosen = -1, rule.severity
        for selector, severity in self.severity.items():
            score = _selector_score(rule, selector)
            if score > best:
                best, chosen = score, severity
        return chosen

    def params_for(self, rule) -> Mapping[str, Any]:
        """Parameter overrides from ``[params.<id or name>]`` for ``rule``."""
        merged: dict[str, Any] = {}
        for key in (rule.name, rule.id):
            merged.update(self.params.get(key, {}))
        return merged


DEFAULT = Config()


def _selector_score(rule, selector: str) -> int:
    if selector in (rule.id, rule.name):
        return 2
    if selector == rule.category:
        return 1
    if selector == "all":
        return 0
    return -1


def _specificity(rule, selectors: Iterable[str]) -> int:
    return max((_selector_score(rule, s) for s in selectors), default=-1)


def find_config(draft_path: Path | None) -> Path | None:
    """The nearest drafter.toml in the draft's folder or any parent, or None."""
    if draft_path is None:
        return None
    start = Path(draft_path).resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        path = candidate / CONFIG_NAME
        if path.is_file():
            return path
    return None


def load_config(draft_path: Path | None, explicit: Path | None = None) -> Config:
    """Load ``explicit``, else the nearest drafter.toml above ``draft_path``, else defaults."""
    path = Path(explicit) if explicit is not None else find_config(draft_path)
    if path is None:
        return DEFAULT
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: configuration file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration ({exc})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    return config_from_mapping(data, path=path, text=text)


def config_from_mapping(data: Mapping[str, Any], path: Path | str | None = None,
                        text: str | None = None, base: Config | None = None) -> Config:
    """Validate ``data`` (a parsed drafter.toml) and build a Config.

    ``path`` and ``text`` only serve error messages (file name and line);
    ``base`` supplies values for keys ``data`` does not set (rule examples use
    this to layer their ``docs.config`` over the defaults).
    """
    reader = _Reader(path, text)
    return reader.build(data, base or DEFAULT)


class _Reader:
    """Turns a parsed mapping into a Config, failing with file:line and key path."""

    def __init__(self, path: Path | str | None, text: str | None) -> None:
        self.given_path = Path(path) if path is not None else None
        self.path = str(path) if path is not None else "drafter.toml"
        self.text = text or ""
        self.notices: list[str] = []

    # -- errors -----------------------------------------------------------------

    def fail(self, keys: tuple[str, ...], problem: str) -> "ConfigError":
        line = _line_of(self.text, keys)
        where = f"{self.path}:{line}" if line else self.path
        return ConfigError(f"{where}: {problem} ({'.'.join(keys) or 'top level'})")

    def check_keys(self, table: Mapping[str, Any], allowed: set[str], keys: tuple[str, ...]) -> None:
        for key in table:
            if key not in allowed:
                hint = _close(key, allowed)
                raise self.fail((*keys, key), f"unknown key {key!r}" + (f"; did you mean {hint!r}?" if hint else ""))

    def expect(self, value: Any, types, keys: tuple[str, ...], what: str) -> Any:
        if isinstance(value, bool) and bool not in (types if isinstance(types, tuple) else (types,)):
            raise self.fail(keys, f"expected {what}, got {value!r}")
        if not isinstance(value, types):
            raise self.fail(keys, f"expected {what}, got {value!r}")
        return value

    def string_list(self, value: Any, keys: tuple[str, ...]) -> tuple[str, ...]:
        if isinstance(value, str):
            return (value,)
        self.expect(value, list, keys, "a list of strings")
        for item in value:
            self.expect(item, str, keys, "a list of strings")
        return tuple(value)

    # -- sections ---------------------------------------------------------------

    def build(self, data: Mapping[str, Any], base: Config) -> Config:
        self.expect(data, dict, (), "a table")
        self.check_keys(data, _TOP_KEYS, ())
        values: dict[str, Any] = {}
        if "language" in data:
            language = self.expect(data["language"], str, ("language",), "a language code")
            if language not in LANGUAGES:
                raise self.fail(("language",), f"unknown language {language!r}: use one of {', '.join(LANGUAGES)}")
            values["language"] = language
        if "profile" in data:
            values["profile"] = self.expect(data["profile"], str, ("profile",), "a profile name")
        if "period" in data:
            values["period"] = self.period(data["period"])
        if "required_fields" in data:
            fields = self.string_list(data["required_fields"], ("required_fields",))
            for name in fields:
                if name not in FIELD_KEYS:
                    raise self.fail(("required_fields",),
                                    f"unknown field {name!r}: use {', '.join(FIELD_KEYS)}")
            values["required_fields"] = fields
        if "budget_note" in data:
            values["budget_note"] = self.expect(data["budget_note"], str, ("budget_note",), "a sentence")
        if "fail_on" in data:
            values["fail_on"] = self.severity(data["fail_on"], ("fail_on",))
        if "rules" in data:
            values.update(self.rules(data["rules"], base))
        if "authorities" in data:
            values["authorities"] = self.authorities(data["authorities"])
        if "terms" in data:
            values["terms"] = self.terms(data["terms"])
        if "abbreviations" in data:
            values["abbreviations"] = self.abbreviations(data["abbreviations"])
        if "publish" in data:
            values["publish"] = self.publish(data["publish"])
        if "params" in data:
            values["params"] = self.params(data["params"])
        merged = {**{f: getattr(base, f) for f in Config.__dataclass_fields__}, **values}
        merged["path"] = self.given_path or base.path
        merged["raw"] = MappingProxyType(dict(data))
        merged["notices"] = (*base.notices, *self.notices)
        return Config(**merged)

    def period(self, value: Any) -> tuple[int, int]:
        keys = ("period",)
        if isinstance(value, int) and not isinstance(value, bool):
            first = last = value
        elif isinstance(value, str):
            match = _PERIOD.match(value)
            if not match:
                raise self.fail(keys, f"expected a period like \"2021–2023\", got {value!r}")
            first = int(match.group(1))
            last = int(match.group(2) or first)
        elif isinstance(value, list) and len(value) == 2 and all(
                isinstance(v, int) and not isinstance(v, bool) for v in value):
            first, last = value
        else:
            raise self.fail(keys, f"expected a period like \"2021–2023\" or [2021, 2023], got {value!r}")
        if not (1900 <= first <= last <= 2200):
            raise self.fail(keys, f"period {first}–{last} must run forwards between 1900 and 2200")
        return (first, last)

    def severity(self, value: Any, keys: tuple[str, ...]) -> Severity:
        self.expect(value, str, keys, "error, warning or info")
        try:
            return Severity.parse(value)
        except ValueError as exc:
            raise self.fail(keys, str(exc)) from None

    def selector(self, value: str, keys: tuple[str, ...]) -> str:
        if value == "all" or value in CATEGORIES or re.fullmatch(r"[A-Z]{2,4}\d{3}|[a-z0-9]+(?:-[a-z0-9]+)*", value):
            return value
        raise self.fail(keys, f"{value!r} is not a rule id, rule name, category or 'all'")

    def rules(self, value: Any, base: Config) -> dict[str, Any]:
        keys = ("rules",)
        self.expect(value, dict, keys, "a table")
        self.check_keys(value, _RULES_KEYS, keys)
        out: dict[str, Any] = {}
        for name, attr in (("enable", "enabled"), ("disable", "disabled")):
            if name in value:
                items = self.string_list(value[name], (*keys, name))
                out[attr] = (*getattr(base, attr), *(self.selector(s, (*keys, name)) for s in items))
        if "severity" in value:
            table = self.expect(value["severity"], dict, (*keys, "severity"), "a table of selector = severity")
            severities = dict(base.severity)
            for selector, level in table.items():
                where = (*keys, "severity", selector)
                severities[self.selector(selector, where)] = self.severity(level, where)
            out["severity"] = MappingProxyType(severities)
        if "ignore" in value:
            entries = self.expect(value["ignore"], list, (*keys, "ignore"), "a list of {rule = ...} tables")
            parsed = list(base.ignore)
            for entry in entries:
                where = (*keys, "ignore")
                self.expect(entry, dict, where, "a table like {rule = \"STY001\", measure = 12}")
                self.check_keys(entry, _IGNORE_KEYS, where)
                if "rule" not in entry:
                    raise self.fail(where, "an ignore entry needs 'rule'")
                rule = self.selector(self.expect(entry["rule"], str, (*where, "rule"), "a rule selector"), where)
                measure = entry.get("measure")
                if measure is not None:
                    self.expect(measure, int, (*where, "measure"), "a measure number")
                chapter = entry.get("chapter")
                if chapter is not None:
                    chapter = str(self.expect(chapter, (str, int), (*where, "chapter"), "a chapter number"))
                text = entry.get("text")
                if text is not None:
                    self.expect(text, str, (*where, "text"), "a text")
                parsed.append(IgnoreEntry(rule, measure, chapter, text))
            out["ignore"] = tuple(parsed)
        return out

    def authorities(self, value: Any) -> tuple[Mapping[str, Any], ...]:
        keys = ("authorities",)
        self.expect(value, list, keys, "a list of names or {name = ...} tables")
        out = []
        for item in value:
            if isinstance(item, str):
                out.append(MappingProxyType({"name": item}))
                continue
            self.expect(item, dict, keys, "a name or a {name = ...} table")
            self.check_keys(item, _AUTHORITY_KEYS, keys)
            if not isinstance(item.get("name"), str):
                raise self.fail(keys, "every authority table needs a 'name' string")
            for list_key in ("aliases", "former_names"):
                if list_key in item:
                    self.string_list(item[list_key], (*keys, list_key))
            out.append(MappingProxyType(dict(item)))
        return tuple(out)

    def terms(self, value: Any) -> Mapping[str, tuple[str, ...]]:
        keys = ("terms",)
        self.expect(value, dict, keys, "a table of preferred = [variants]")
        return MappingProxyType({
            preferred: self.string_list(variants, (*keys, preferred)) for preferred, variants in value.items()
        })

    def abbreviations(self, value: Any) -> Mapping[str, str]:
        keys = ("abbreviations",)
        self.expect(value, dict, keys, "a table of ABBR = \"full form\"")
        for abbr, full in value.items():
            self.expect(full, str, (*keys, abbr), "the full form as a string")
        return MappingProxyType(dict(value))

    def publish(self, value: Any) -> Mapping[str, Any]:
        keys = ("publish",)
        self.expect(value, dict, keys, "a table")
        self.known_keys(value, PUBLISH_KEYS, keys)
        page = value.get("description_page")
        if isinstance(page, dict):
            self.known_keys(page, DESCRIPTION_PAGE_KEYS, (*keys, "description_page"))
        if "apply_fixes" in value and value["apply_fixes"] not in APPLY_FIXES:
            raise self.fail((*keys, "apply_fixes"), f"use one of {', '.join(APPLY_FIXES)}")
        return MappingProxyType(dict(value))

    def known_keys(self, value: Mapping[str, Any], known: Mapping[str, Any], keys: tuple[str, ...]) -> None:
        """Every key of ``value`` is in ``known`` and of its type; else a ConfigError naming it."""
        self.check_keys(value, set(known), keys)
        for key, item in value.items():
            self.expect(item, known[key], (*keys, key), _type_name(known[key]))

    def params(self, value: Any) -> Mapping[str, Mapping[str, Any]]:
        keys = ("params",)
        self.expect(value, dict, keys, "a table of [params.<rule id or name>] tables")
        out = {}
        for selector, table in value.items():
            self.selector(selector, (*keys, selector))
            self.expect(table, dict, (*keys, selector), "a table of parameter = value")
            out[selector] = MappingProxyType(dict(table))
        return MappingProxyType(out)


def _type_name(expected) -> str:
    types = expected if isinstance(expected, tuple) else (expected,)
    names = {bool: "true or false", str: "a string", list: "a list", dict: "a table", int: "a number"}
    return " or ".join(names.get(t, t.__name__) for t in types)


def _close(key: str, allowed: set[str]) -> str | None:
    from difflib import get_close_matches

    matches = get_close_matches(key, sorted(allowed), n=1, cutoff=0.7)
    return matches[0] if matches else None


def _line_of(text: str, keys: tuple[str, ...]) -> int | None:
    """The 1-based line where ``keys`` is set in TOML ``text``, found by scanning.

    Looks for the innermost key inside its table header (``[a.b]`` or
    ``[[a.b]]``), then anywhere as ``key =`` or dotted ``a.key =``; falls back
    to the table header itself.
    """
    if not text or not keys:
        return None
    lines = text.splitlines()
    key = keys[-1]
    key_pattern = re.compile(r"^\s*(?:[\w\"'.-]+\.)?[\"']?" + re.escape(key) + r"[\"']?\s*=")
    header_of: list[str | None] = []
    current: str | None = None
    for line in lines:
        header = re.match(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?", line)
        if header:
            current = header.group(1).replace('"', "").replace("'", "")
        header_of.append(current)
    parent = ".".join(keys[:-1])
    candidates = [i for i, line in enumerate(lines) if key_pattern.match(line)]
    for i in candidates:
        if (header_of[i] or "") == parent:
            return i + 1
    inline = re.compile(r"[{,\s]" + re.escape(key) + r"\s*=|[\"']" + re.escape(key) + r"[\"']")
    for i, line in enumerate(lines):
        if (header_of[i] or "") == parent and inline.search(" " + line):
            return i + 1
    if candidates:
        return candidates[0] + 1
    dotted = ".".join(keys)
    for i, line in enumerate(lines):
        header = re.match(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?", line)
        if header and header.group(1).replace('"', "") in (dotted, parent):
            return i + 1
    return None
