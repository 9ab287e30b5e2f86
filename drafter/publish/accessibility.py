"""Accessibility of the publication version: the `accessibility` rules run on publish's output.

The checks themselves are drafter/checks/accessibility.py (rules ACC001–ACC005
in rules/common/accessibility.yaml), so ``drafter check`` and ``drafter publish``
judge a document the same way. publish sets the title and language when it knows
them (the safe fixes); what is still missing is listed under ``remaining``.
"""

from __future__ import annotations

from drafter.blocks import Document
from drafter.findings import Finding


def accessibility_findings(document: Document, programme=None, config=None) -> list[Finding]:
    """What keeps ``document`` from being accessible, one finding per problem."""
    from drafter.checks.engine import run_checks
    from drafter.checks.loader import load_rules

    if programme is None:
        from drafter.structure import recognise

        programme = recognise(document)
    rules = {rule.id for rule in load_rules() if rule.category == "accessibility"}
    return list(run_checks(programme, config, only=rules).findings)


__all__ = ["accessibility_findings"]
