"""Load the rule packs under rules/ and validate them strictly, with file and line.

A *pack* is a YAML file whose top level is a mapping with a ``rules:`` list; it
lives in ``rules/<fi|sv|en>/`` (rules for that language) or ``rules/common/``
(rules for any language). Other YAML files there (authority lists, term banks)
and everything under ``rules/layouts/`` belong to other readers and are skipped.

Every mistake in a pack is a :class:`~drafter.errors.ConfigError` naming the file
and line: ``rules/fi/style.yaml:42: unknown key 'sevrity' in rule STY003``.
The kinds that run rules are registered by the modules of ``drafter.checks``;
all of them are imported before validation, so a new module registers its kinds
just by existing.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Iterable

import yaml

from drafter.checks.registry import KINDS, Rule, RuleDocs
from drafter.errors import ConfigError
from drafter.findings import CATEGORIES, Severity

PACK_FOLDERS = {"fi": "fi", "sv": "sv", "en": "en", "common": "any"}
LANGUAGES = ("fi", "sv", "en", "any")
FIX_APPLICABILITY = ("safe", "unsafe", "display-only")

RULE_KEYS = {"id", "name", "category", "severity", "kind", "message", "fix", "fix_title",
             "enabled", "language", "params", "docs"}
REQUIRED_RULE_KEYS = ("id", "name", "category", "severity", "kind", "message", "docs")
DOCS_KEYS = {"why", "source", "bad", "good", "config"}
REQUIRED_DOCS_KEYS = ("why", "bad", "good")
PACK_KEYS = {"rules", "description"}

_ID = re.compile(r"^[A-Z]{2,4}\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def import_kind_modules() -> None:
    """Import every module of drafter.checks so that each registers its kinds.

    A module that fails to import is skipped here and reported by the engine
    (its rules then fail validation as having an unknown kind, which names the
    module's error).
    """
    import drafter.checks as package

    for info in pkgutil.iter_modules(package.__path__):
        if info.name in ("loader", "registry", "docs"):
            continue
        name = f"drafter.checks.{info.name}"
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - a broken sibling must not stop the rest
            _IMPORT_ERRORS[name] = f"{type(exc).__name__}: {exc}"


_IMPORT_ERRORS: dict[str, str] = {}
_IMPORTED = False


def _ensure_kinds() -> None:
    global _IMPORTED
    if not _IMPORTED:
        import_kind_modules()
        _IMPORTED = True


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """Every rule of every pack, validated; cached for the process."""
    import_kind_modules()
    rules: list[Rule] = []
    for source, language, text in iter_pack_files():
        rules.extend(parse_pack(text, source, language))
    check_unique(rules)
    return tuple(rules)


def clear_cache() -> None:
    """Forget the loaded rules (tests that add packs or kinds call this)."""
    load_rules.cache_clear()


def rule_index(rules: Iterable[Rule] | None = None) -> dict[str, Rule]:
    """Rules by id and by name."""
    index: dict[str, Rule] = {}
    for rule in rules if rules is not None else load_rules():
        index[rule.id] = rule
        index[rule.name] = rule
    return index


def iter_pack_files() -> Iterable[tuple[str, str, str]]:
    """(display path "rules/fi/style.yaml", default language, text) of every pack."""
    root = resources.files("drafter.rules")
    for folder, language in PACK_FOLDERS.items():
        directory = root / folder
        if not directory.is_dir():
            continue
        for entry in sorted(directory.iterdir(), key=lambda e: e.name):
            if not entry.is_file() or not entry.name.endswith((".yaml", ".yml")):
                continue
            text = entry.read_text(encoding="utf-8")
            if not _looks_like_pack(text):
                continue
            yield f"rules/{folder}/{entry.name}", language, text


def _looks_like_pack(text: str) -> bool:
    return re.search(r"^rules\s*:", text, re.M) is not None


def parse_pack(text: str, source: str, default_language: str = "any") -> list[Rule]:
    """Validate one pack's YAML ``text`` and return its rules (kinds must be registered).

    Returns [] for YAML files that are not rule packs (no top-level ``rules:``).
    """
    _ensure_kinds()
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise ConfigError(f"{source}:{line}: not valid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"{source}: not valid YAML: {exc}") from None
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict) or "rules" not in data:
        return []
    _check_duplicate_keys(root, source, "the pack")
    nodes = _mapping_nodes(root)
    for key, (key_node, _) in nodes.items():
        if key not in PACK_KEYS:
            raise ConfigError(f"{source}:{key_node.start_mark.line + 1}: unknown top-level key {key!r} in a rule pack")
    rules_node = nodes["rules"][1]
    if not isinstance(rules_node, yaml.SequenceNode) or not isinstance(data["rules"], list):
        raise ConfigError(f"{source}:{rules_node.start_mark.line + 1}: 'rules' must be a list of rules")
    return [
        _parse_rule(node, value, source, default_language)
        for node, value in zip(rules_node.value, data["rules"])
    ]


def _mapping_nodes(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _check_duplicate_keys(node: yaml.MappingNode, source: str, where: str) -> None:
    seen: set[str] = set()
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode):
            if key.value in seen:
                raise ConfigError(f"{source}:{key.start_mark.line + 1}: key {key.value!r} given twice in {where}")
            seen.add(key.value)


def _parse_rule(node: yaml.Node, value: Any, source: str, default_language: str) -> Rule:
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode) or not isinstance(value, dict):
        raise ConfigError(f"{source}:{line}: each rule must be a mapping of keys")
    label = f"rule {value['id']}" if isinstance(value.get("id"), str) else "a rule"

    def fail(at: yaml.Node | None, problem: str, note: str = "") -> ConfigError:
        at_line = at.start_mark.line + 1 if at is not None else line
        return ConfigError(f"{source}:{at_line}: {problem} in {label}{note}")

    _check_duplicate_keys(node, source, label)
    nodes = _mapping_nodes(node)
    for key, (key_node, _) in nodes.items():
        if key not in RULE_KEYS:
            hint = _close(key, RULE_KEYS)
            raise fail(key_node, f"unknown key {key!r}", f" (did you mean {hint!r}?)" if hint else "")
    for key in REQUIRED_RULE_KEYS:
        if key not in value:
            raise fail(None, f"missing required key {key!r}")

    def node_of(key: str) -> yaml.Node:
        return nodes[key][1]

    def string(key: str) -> str:
        item = value[key]
        if not isinstance(item, str) or not item.strip():
            raise fail(node_of(key), f"'{key}' must be a non-empty string")
        return item

    rule_id, name = string("id"), string("name")
    if not _ID.match(rule_id):
        raise fail(node_of("id"), f"id {rule_id!r} must be 2–4 capitals and 3 digits (e.g. STY001)")
    if not _NAME.match(name):
        raise fail(node_of("name"), f"name {name!r} must be kebab-case (e.g. clock-time-colon)")
    category = string("category")
    if category not in CATEGORIES:
        raise fail(node_of("category"), f"unknown category {category!r} (use one of {', '.join(CATEGORIES)})")
    try:
        severity = Severity.parse(string("severity"))
    except ValueError as exc:
        raise fail(node_of("severity"), str(exc)) from None
    kind_name = string("kind")
    kind = KINDS.get(kind_name)
    if kind is None:
        hint = _close(kind_name, set(KINDS))
        broken = "; ".join(f"{m}: {e}" for m, e in _IMPORT_ERRORS.items())
        raise fail(node_of("kind"), f"unknown kind {kind_name!r}",
                   (f" (did you mean {hint!r}?)" if hint else "")
                   + (f" [modules that failed to import: {broken}]" if broken else ""))
    message = string("message")
    fix = value.get("fix")
    if fix is not None and fix not in FIX_APPLICABILITY:
        raise fail(node_of("fix"), f"fix must be one of {', '.join(FIX_APPLICABILITY)}, not {fix!r}")
    fix_title = value.get("fix_title")
    if fix_title is not None:
        string("fix_title")
    enabled = value.get("enabled", True)
    if not isinstance(enabled, bool):
        raise fail(node_of("enabled"), "'enabled' must be true or false")
    language = value.get("language", default_language)
    if language not in LANGUAGES:
        raise fail(node_of("language"), f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")

    params = value.get("params", {}) or {}
    params_node = nodes["params"][1] if "params" in nodes else None
    if not isinstance(params, dict):
        raise fail(params_node, "'params' must be a mapping")
    param_nodes = _mapping_nodes(params_node) if isinstance(params_node, yaml.MappingNode) else {}
    for key in params:
        if key not in kind.params:
            accepted = ", ".join(sorted(kind.params)) or "none"
            raise fail(param_nodes.get(key, (params_node, None))[0],
                       f"parameter {key!r} is not accepted by kind {kind_name!r} (accepted: {accepted})")
    for key, required in kind.params.items():
        if required and key not in params:
            raise fail(params_node, f"kind {kind_name!r} requires parameter {key!r}")
    validate = getattr(kind.function, "validate_params", None)
    if validate is not None:
        try:
            validate(params)
        except (ValueError, TypeError, re.error) as exc:
            raise fail(params_node, f"bad parameters for kind {kind_name!r}: {exc}") from None

    docs = _parse_docs(nodes["docs"][1], value["docs"], fail, source, label)
    return Rule(
        id=rule_id, name=name, category=category, severity=severity, kind=kind_name,
        message=message, docs=docs, language=language, params=MappingProxyType(dict(params)),
        fix=fix, fix_title=fix_title, enabled=enabled, source_file=source, line=line,
    )


def _parse_docs(node: yaml.Node, value: Any, fail, source: str, label: str) -> RuleDocs:
    if not isinstance(node, yaml.MappingNode) or not isinstance(value, dict):
        raise fail(node, "'docs' must be a mapping with why, bad and good")
    _check_duplicate_keys(node, source, label)
    nodes = _mapping_nodes(node)
    for key, (key_node, _) in nodes.items():
        if key not in DOCS_KEYS:
            raise fail(key_node, f"unknown key 'docs.{key}'")
    for key in REQUIRED_DOCS_KEYS:
        if key not in value:
            raise fail(node, f"missing required key 'docs.{key}'")
        if not isinstance(value[key], str) or not value[key].strip():
            raise fail(nodes[key][1], f"'docs.{key}' must be a non-empty string")
    source_text = value.get("source")
    if source_text is not None and not isinstance(source_text, str):
        raise fail(nodes["source"][1], "'docs.source' must be a string")
    config = value.get("config") or {}
    if not isinstance(config, dict):
        raise fail(nodes["config"][1], "'docs.config' must be a mapping in drafter.toml form")
    if config:
        from drafter.config import config_from_mapping

        try:
            config_from_mapping(config, path="docs.config")
        except ConfigError as exc:
            raise fail(nodes["config"][1], f"bad example config: {exc}") from None
    return RuleDocs(why=value["why"].strip(), bad=value["bad"], good=value["good"],
                    source=source_text, bad_config=MappingProxyType(dict(config)))


def check_unique(rules: Iterable[Rule]) -> None:
    """Fail when two rules share an id or a name."""
    seen: dict[str, Rule] = {}
    for rule in rules:
        for key in (rule.id, rule.name):
            other = seen.get(key)
            if other is not None and other is not rule:
                raise ConfigError(
                    f"{rule.source_file}:{rule.line}: duplicate rule {'id' if key == rule.id else 'name'} "
                    f"{key!r} (also at {other.source_file}:{other.line}) in rule {rule.id}")
            seen[key] = rule


def _close(word: str, candidates: set[str]) -> str | None:
    from difflib import get_close_matches

    matches = get_close_matches(word, sorted(candidates), n=1, cutoff=0.6)
    return matches[0] if matches else None
