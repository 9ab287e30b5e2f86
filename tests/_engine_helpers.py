"""Helpers for engine and rule tests: drafts from text, checked with chosen rules."""

from __future__ import annotations

from drafter.checks.engine import run_checks
from drafter.config import config_from_mapping
from drafter.model import Programme
from drafter.textdoc import document_from_text


def bare_programme(text: str, language: str = "fi", document=None) -> Programme:
    """A programme with no recognised structure: enough for text-only rules."""
    document = document or document_from_text(text, language=language)
    return Programme("example.docx", language, None, (), (), (), document)


def findings_of(rule_id: str, text: str, language: str = "fi", config: dict | None = None):
    """Findings of one rule on a draft given as text markup."""
    result = run_checks(bare_programme(text, language), config_from_mapping(config or {}), only={rule_id})
    return [f for f in result.findings if f.rule == rule_id]
