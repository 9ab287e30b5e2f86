"""Render the rule list (``drafter rules``) and one rule's documentation (``drafter explain``)."""

from __future__ import annotations

import json
from typing import Iterable

from drafter.checks.registry import KINDS, Rule

FIX_NONE = "—"
COLUMNS = ("id", "name", "category", "severity", "fixable", "language")


def filter_rules(rules: Iterable[Rule], language: str = "all", category: str | None = None) -> list[Rule]:
    """Rules for ``language`` ("all", or fi/sv/en: that language's and the common ones) and ``category``."""
    out = []
    for rule in rules:
        if language != "all" and rule.language not in (language, "any"):
            continue
        if category is not None and rule.category != category:
            continue
        out.append(rule)
    return out


def rule_row(rule: Rule) -> dict[str, str]:
    return {
        "id": rule.id, "name": rule.name, "category": rule.category,
        "severity": rule.severity.value, "fixable": rule.fix or FIX_NONE, "language": rule.language,
    }


def rules_text(rules: Iterable[Rule]) -> str:
    """A plain table of rules, one per line, columns aligned."""
    rows = [rule_row(r) for r in rules]
    if not rows:
        return "No rules match.\n"
    widths = {c: max(len(c), *(len(r[c]) for r in rows)) for c in COLUMNS}
    lines = ["  ".join(c.upper().ljust(widths[c]) for c in COLUMNS).rstrip()]
    for row in rows:
        lines.append("  ".join(row[c].ljust(widths[c]) for c in COLUMNS).rstrip())
    disabled = [r for r in rules if not r.enabled] if isinstance(rules, list) else []
    lines.append(f"\n{len(rows)} rules" + (f" ({len(disabled)} off by default)" if disabled else "") + ".")
    return "\n".join(lines) + "\n"


def rules_json(rules: Iterable[Rule]) -> str:
    data = {"schema": "drafter.rules/1", "rules": [
        {**rule_row(r), "fixable": r.fix, "enabled": r.enabled, "kind": r.kind,
         "source_file": r.source_file} for r in rules]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else line for line in text.rstrip("\n").splitlines())


def explain_text(rule: Rule) -> str:
    """Everything a person needs to understand ``rule``: what, why, examples, how it is checked."""
    kind = KINDS.get(rule.kind)
    lines = [
        f"{rule.id} {rule.name}",
        f"  category: {rule.category}    severity: {rule.severity.value}    "
        f"fix: {rule.fix or 'none'}    language: {rule.language}"
        + ("" if rule.enabled else "    (off by default; enable it in drafter.toml)"),
        "",
        "Why",
        _indent(rule.docs.why),
    ]
    if rule.docs.source:
        lines += ["", "Source", _indent(rule.docs.source)]
    lines += ["", "Bad", _indent(rule.docs.bad), "", "Good", _indent(rule.docs.good)]
    if rule.docs.bad_config:
        lines += ["", "Example configuration", _indent(json.dumps(dict(rule.docs.bad_config), ensure_ascii=False))]
    lines += ["", f"Check kind: {rule.kind}" + (f" — {kind.summary}" if kind and kind.summary else "")]
    for key, value in rule.params.items():
        lines.append(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
    lines += ["", f"Message: {rule.message}", f"Defined in {rule.source_file}:{rule.line}"]
    return "\n".join(lines) + "\n"


def explain_json(rule: Rule) -> str:
    data = {
        "schema": "drafter.rule/1", **rule_row(rule), "fixable": rule.fix, "enabled": rule.enabled,
        "kind": rule.kind, "params": dict(rule.params), "message": rule.message,
        "docs": {"why": rule.docs.why, "source": rule.docs.source, "bad": rule.docs.bad, "good": rule.docs.good,
                 "config": dict(rule.docs.bad_config)},
        "source_file": rule.source_file, "line": rule.line,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def find_rule(query: str, rules: Iterable[Rule]) -> Rule | None:
    """The rule whose id (any case) or name is ``query``."""
    wanted = query.strip()
    for rule in rules:
        if rule.id == wanted.upper() or rule.name == wanted.lower():
            return rule
    return None


def suggestions(query: str, rules: Iterable[Rule], limit: int = 3) -> list[str]:
    """Ids and names close to ``query`` (for "did you mean")."""
    from rapidfuzz import fuzz, process

    choices = {}
    for rule in rules:
        choices[rule.id] = rule.id
        choices[rule.name] = rule.name
    found = process.extract(query, list(choices), scorer=fuzz.WRatio, limit=limit * 2, score_cutoff=60)
    out: list[str] = []
    for choice, _score, _ in found:
        if choice not in out:
            out.append(choice)
    return out[:limit]
