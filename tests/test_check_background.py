"""Voikko's kinds in a forked worker: the same findings, in the same order, as running them inline."""

from __future__ import annotations

import dataclasses

import pytest

from drafter.checks import background
from drafter.checks.engine import run_checks
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


def _check(monkeypatch, min_chars: int, rules=None):
    monkeypatch.setattr(background, "MIN_CHARS", min_chars)
    programme = recognise(document_from_text(DRAFT), language="fi")
    return run_checks(programme, config_from_mapping({"rules": {"enable": ["all"]}}), rules=rules)


def test_the_worker_gives_the_same_findings_as_running_inline(monkeypatch):
    started = []
    original = background.start_background
    monkeypatch.setattr("drafter.checks.engine.start_background",
                        lambda *a: started.append(original(*a)) or started[-1])
    inline = _check(monkeypatch, 10**9).findings
    assert started == [None]
    in_worker = _check(monkeypatch, 0).findings
    assert started[-1] is not None
    assert {f.rule for f in inline} & {"LNG001", "LNG002"}
    assert in_worker == inline


def test_a_rule_that_fails_in_the_worker_is_reported_as_inline_with_what_it_found_first(monkeypatch):
    spelling = KINDS["voikko-spelling"].function

    def half_then_crash(rule, ctx):
        yield next(iter(spelling(rule, ctx)))
        raise ValueError("voikko went away")

    monkeypatch.setitem(KINDS, "voikko-spelling",
                        dataclasses.replace(KINDS["voikko-spelling"], function=half_then_crash))
    inline = _check(monkeypatch, 10**9).findings
    in_worker = _check(monkeypatch, 0).findings
    assert in_worker == inline
    assert any(f.rule == "LNG001" for f in in_worker)
    assert any(f.name == "check-failed" and "ValueError: voikko went away" in f.message for f in in_worker)


def test_a_worker_that_dies_leaves_the_rules_to_run_inline(monkeypatch):
    def die(connection, rules, ctx):
        raise SystemExit(3)

    monkeypatch.setattr(background, "_work", die)
    inline = _check(monkeypatch, 10**9).findings
    assert _check(monkeypatch, 0).findings == inline


def test_short_drafts_and_drafts_without_voikko_rules_use_no_worker(monkeypatch):
    programme = recognise(document_from_text(DRAFT), language="fi")
    from drafter.checks.engine import make_context

    ctx, _ = make_context(programme)
    rules = [r for r in load_rules() if r.kind in background.BACKGROUND_KINDS]
    assert background.start_background(rules, ctx) is None  # far below MIN_CHARS
    monkeypatch.setattr(background, "MIN_CHARS", 0)
    others = [dataclasses.replace(r) for r in load_rules() if r.kind not in background.BACKGROUND_KINDS]
    assert background.start_background(others, ctx) is None
