"""Every rule's documented examples are tests: the bad one fires it, the good one does not."""

from __future__ import annotations

import pytest

from drafter.checks.engine import run_checks
from drafter.checks.loader import load_rules
from drafter.config import config_from_mapping
from drafter.textdoc import document_from_text

try:
    from drafter.structure import recognise
except ImportError:  # pragma: no cover - structure recognition is written in parallel
    recognise = None

RULES = load_rules()

# Bad examples that no draft can express (only a crashing check fires it). Each is
# covered by a focused test instead; strict, so the day textdoc can express
# them these entries must go.
NOT_EXPRESSIBLE = {
    "check-failed": "only a crashing kind fires it; see test_engine.py",
}


def _run(rule, which: str):
    if recognise is None:
        pytest.xfail("drafter.structure.recognise does not exist yet")
    language = rule.language if rule.language != "any" else "fi"
    config = config_from_mapping(dict(rule.docs.bad_config))
    document = document_from_text(getattr(rule.docs, which), language=language)
    programme = recognise(document, language=language, profile=config.profile)
    result = run_checks(programme, config, rules=RULES, only={rule.id})
    return [f for f in result.findings if f.rule == rule.id]


# Rules that only `drafter publish` reports: tests/test_publish.py runs publish on
# drafts that produce them, and test_publish_findings_are_documented_rules below
# ties each id publish emits to its documentation here.
PUBLISH_ONLY = {rule.id for rule in RULES if rule.kind == "publish-step"}


@pytest.mark.parametrize("rule", [r for r in RULES if r.id not in PUBLISH_ONLY], ids=lambda r: r.id)
def test_bad_example_fires_the_rule(rule):
    if rule.name in NOT_EXPRESSIBLE:
        pytest.xfail(NOT_EXPRESSIBLE[rule.name])
    assert _run(rule, "bad"), f"{rule.id} ({rule.source_file}:{rule.line}) did not fire on its bad example"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_good_example_does_not_fire_the_rule(rule):
    found = _run(rule, "good")
    assert not found, f"{rule.id} fired on its good example: {[f.message for f in found]}"


def test_publish_findings_are_documented_rules():
    import re
    from pathlib import Path

    import drafter.publish

    pattern = re.compile(r'rule="(PUB\d{3})", name="([a-z-]+)", category="(\w+)"')
    emitted = set()
    for source in Path(drafter.publish.__file__).parent.glob("*.py"):
        emitted |= set(pattern.findall(source.read_text(encoding="utf-8")))
    documented = {(r.id, r.name, r.category) for r in RULES if r.kind == "publish-step"}
    assert emitted and emitted <= documented
