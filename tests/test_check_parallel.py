"""Rules shared with a forked partner: the same findings, in the same order, as running them all here."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from drafter.checks import parallel
from drafter.checks.engine import make_context, run_checks
from drafter.checks.loader import load_rules
from drafter.checks.registry import KINDS
from drafter.config import config_from_mapping
from drafter.nlp import load_language
from drafter.structure import recognise
from drafter.textdoc import document_from_text

pytestmark = pytest.mark.skipif(not load_language("fi").has_spelling, reason="Voikko is not installed")

DRAFT = """
# VI Toimenpiteet
## Tavoite 1: Uhrit tunnistetaan
### 1. Laaditaan poliisille valtakunnallinen toimintamalli ihmiskaupan uhrien tunnistamiseksi
Toimintamallin laatii poliisihallitus yhdesä sisäministeriön kanssa ja se otetaan kayttöön vuonna 2025
Vastuutaho: Poliisihallitus
### 2. Koulutetaan sosiaali- ja terveydenhuollon henkilöstöä tunnistamaan uhrit
Koulutus järjestetään verkossa, ja siihen osallistuu kaikkien hyvinvointialueiden henkilöstöä .
Vastuutaho: STM
"""


def _check(monkeypatch, min_chars: int):
    monkeypatch.setattr(parallel, "MIN_CHARS", min_chars)
    programme = recognise(document_from_text(DRAFT), language="fi")
    return run_checks(programme, config_from_mapping({"rules": {"enable": ["all"]}}))


def _spy_on_sharing(monkeypatch) -> list:
    started = []
    original = parallel.start_sharing
    monkeypatch.setattr("drafter.checks.engine.start_sharing", lambda *a: started.append(original(*a)) or started[-1])
    return started


def test_sharing_with_a_partner_gives_the_same_findings_as_running_every_rule_here(monkeypatch):
    started = _spy_on_sharing(monkeypatch)
    alone = _check(monkeypatch, 10**9)
    assert started == [None]
    shared = _check(monkeypatch, 0)
    assert started[-1] is not None
    assert started[-1].partner_results(), "the partner ran no rule"
    assert {f.rule for f in alone.findings} >= {"LNG001", "LNG002"}
    assert shared.findings == alone.findings
    assert shared.notices == alone.notices


def test_a_rule_that_fails_in_the_partner_is_reported_as_here_with_what_it_found_first(monkeypatch):
    spelling = KINDS["voikko-spelling"].function

    def half_then_crash(rule, ctx):
        yield next(iter(spelling(rule, ctx)))
        raise ValueError("voikko went away")

    monkeypatch.setitem(KINDS, "voikko-spelling",
                        dataclasses.replace(KINDS["voikko-spelling"], function=half_then_crash))
    # The heaviest group (Voikko's kinds) is claimed first, by whichever process is first.
    alone = _check(monkeypatch, 10**9).findings
    shared = _check(monkeypatch, 0).findings
    assert shared == alone
    assert any(f.rule == "LNG001" for f in shared)
    assert any(f.name == "check-failed" and "ValueError: voikko went away" in f.message for f in shared)


def test_a_partner_that_dies_leaves_its_rules_to_run_here(monkeypatch):
    def die(*args):
        raise SystemExit(3)

    monkeypatch.setattr(parallel, "_partner", die)
    alone = _check(monkeypatch, 10**9).findings
    assert _check(monkeypatch, 0).findings == alone


def test_short_drafts_and_single_group_selections_use_no_partner(monkeypatch):
    programme = recognise(document_from_text(DRAFT), language="fi")
    ctx, _ = make_context(programme)
    rules = load_rules()
    assert parallel.start_sharing(list(rules), ctx) is None  # far below MIN_CHARS
    monkeypatch.setattr(parallel, "MIN_CHARS", 0)
    spelling = next(r for r in rules if r.kind == "voikko-spelling")
    one_group = [spelling, dataclasses.replace(spelling, id="LNG901")]
    assert parallel.start_sharing(one_group, ctx) is None


def test_rule_groups_keep_a_modules_rules_together_heaviest_first_each_rule_once():
    rules = load_rules()
    groups = parallel.rule_groups(list(rules))
    assert sorted(i for group in groups for i in group) == list(range(len(rules)))
    modules = [{KINDS[rules[i].kind].function.__module__ for i in group} for group in groups]
    named = [{parallel.group_name(rules[i]) for i in group} for group in groups]
    assert all(len(n) == 1 for n in named)
    assert [rules[i].kind for i in groups[0]] == ["voikko-grammar"]
    assert modules[1] == {"drafter.checks.language"}
    together = next(m for m in modules if "drafter.checks.authorities" in m)
    assert {"drafter.checks.terminology", "drafter.checks.abbreviations"} <= together
    assert all(group == sorted(group) for group in groups)


class _Counter:
    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.Lock()

    def get_lock(self):
        return self._lock


def test_two_claimants_on_one_counter_share_every_group_exactly_once():
    groups = [[0, 1], [2], [3, 4, 5], [6]]
    counter = _Counter()
    first, second = parallel._claims(groups, counter), parallel._claims(groups, counter)
    taken = [next(first), next(second), *first, *second]
    assert sorted(map(groups.index, taken)) == [0, 1, 2, 3]


def _wanted_check(monkeypatch, min_chars: int, build):
    monkeypatch.setattr(parallel, "MIN_CHARS", min_chars)
    programme = recognise(document_from_text(DRAFT), language="fi")
    wanted = {"test:analysis": parallel.Wanted("drafter.checks.funding", build)}
    return run_checks(programme, config_from_mapping({"rules": {"enable": ["all"]}}), wanted=wanted)


def test_a_wanted_analysis_comes_back_from_whichever_process_built_it(monkeypatch):
    alone = _wanted_check(monkeypatch, 10**9, lambda: {"measures": 2})
    shared = _wanted_check(monkeypatch, 0, lambda: {"measures": 2})
    assert alone.analyses == shared.analyses == {"test:analysis": {"measures": 2}}
    assert alone.analysis_errors == shared.analysis_errors == {}
    assert shared.findings == alone.findings


def test_a_wanted_analysis_that_fails_is_named_with_its_error_and_the_rules_still_run(monkeypatch):
    def broken():
        raise ValueError("no euros here")

    for min_chars in (10**9, 0):
        result = _wanted_check(monkeypatch, min_chars, broken)
        assert result.analyses == {}
        assert result.analysis_errors == {"test:analysis": "ValueError: no euros here"}
        assert any(f.rule == "LNG001" for f in result.findings)


def test_the_funding_rules_read_the_summary_the_report_gets(monkeypatch):
    from drafter.checks.funding import SUMMARY_KEY
    from drafter.funding import funding_summary

    calls = []
    programme = recognise(document_from_text(DRAFT), language="fi")
    config = config_from_mapping({"rules": {"enable": ["all"]}})

    def counted():
        calls.append(1)
        return funding_summary(programme, config)

    monkeypatch.setattr("drafter.checks.funding.funding_summary",
                        lambda *a, **k: calls.append("rule") or funding_summary(*a, **k))
    result = run_checks(programme, config, wanted={SUMMARY_KEY: parallel.Wanted("drafter.checks.funding", counted)})
    assert calls == [1]
    assert result.analyses[SUMMARY_KEY].counts == funding_summary(programme, config).counts


def test_what_a_group_cached_is_forgotten_when_the_group_ends(monkeypatch):
    programme = recognise(document_from_text(DRAFT), language="fi")
    ctx, _ = make_context(programme)
    ctx.cached("kept", lambda: 1)
    with ctx.scope():
        ctx.cached("group", lambda: 2)
        assert ctx.cached("kept", lambda: 0) == 1
    assert ctx.cached("kept", lambda: 0) == 1
    assert ctx.cached("group", lambda: 3) == 3
