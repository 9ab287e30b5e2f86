"""Rules that only ``drafter publish`` reports, registered so they are documented.

Renumbering (drafter/publish/renumber.py) meets problems it must leave to an
editor; their findings carry these rules' ids so that ``drafter explain`` and
``drafter rules`` know them. In ``drafter check`` the kind reports nothing:
the problems only exist while a publication version is being made.
"""

from __future__ import annotations

from typing import Iterator

from drafter.checks.registry import CheckContext, Rule, kind
from drafter.findings import Finding


@kind("publish-step", {})
def publish_step(rule: Rule, ctx: CheckContext) -> Iterator[Finding]:
    """Reported by drafter publish while renumbering; nothing to check in a draft."""
    return iter(())
