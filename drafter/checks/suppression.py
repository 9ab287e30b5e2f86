"""Silence findings on purpose: "drafter: ignore ID" comments and config ignore entries.

A Word comment whose text is ``drafter: ignore STY001, repeated-word`` silences
findings of those rules (by id or name) that lie where the comment is anchored:
in the same paragraph, overlapping the commented range (a comment anchored on a
point covers its whole paragraph). ``drafter: ignore`` alone silences every rule
there. ``[[rules.ignore]]`` entries of drafter.toml silence a rule everywhere or
in one measure, chapter, or wherever the finding's text contains a given text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from drafter.blocks import Document
from drafter.findings import Finding

_DIRECTIVE = re.compile(r"^\s*drafter\s*:\s*(\w[\w-]*)\b(.*)$", re.IGNORECASE | re.DOTALL)
_IGNORE = re.compile(r"^\s*drafter\s*:\s*ignore\b(.*)$", re.IGNORECASE | re.DOTALL)


def is_directive(text: str) -> bool:
    """Whether a comment's text is addressed to drafter ("drafter: …"), not to people."""
    return _DIRECTIVE.match(text or "") is not None


def ignored_rules(text: str) -> frozenset[str] | None:
    """The rule ids/names a "drafter: ignore …" comment names; empty set means all; None if not one."""
    match = _IGNORE.match(text or "")
    if match is None:
        return None
    return frozenset(t for t in re.split(r"[\s,;]+", match.group(1).strip()) if t)


@dataclass(frozen=True)
class Suppression:
    """Where a "drafter: ignore" comment applies, and to which rules (empty = all)."""

    part: str
    paragraph: int
    start: int
    end: int
    rules: frozenset[str]
    comment_id: str

    def covers(self, finding: Finding) -> bool:
        loc = finding.location
        if loc.paragraph != self.paragraph or loc.part != self.part:
            return False
        if self.rules and finding.rule not in self.rules and finding.name not in self.rules:
            return False
        if self.start == self.end:
            return True
        start = loc.start or 0
        end = loc.end if loc.end is not None else start
        if start == end:
            return self.start <= start <= self.end
        return start < self.end and self.start < end


def comment_suppressions(document: Document) -> list[Suppression]:
    """Every place a "drafter: ignore" comment is anchored."""
    wanted = {}
    for comment in document.comments:
        rules = ignored_rules(comment.text)
        if rules is not None:
            wanted[comment.id] = rules
    if not wanted:
        return []
    out = []
    for paragraph in document.all_paragraphs():
        for anchor in paragraph.comments:
            rules = wanted.get(anchor.comment_id)
            if rules is not None:
                out.append(Suppression(paragraph.location.part, paragraph.location.paragraph,
                                       anchor.start, anchor.end, rules, anchor.comment_id))
    return out


def _config_matches(entry, finding: Finding, rules_by_key) -> bool:
    selector = entry.rule
    if selector not in ("all", finding.rule, finding.name, finding.category):
        return False
    loc = finding.location
    if entry.measure is not None and loc.measure != entry.measure:
        return False
    if entry.chapter is not None and (loc.chapter or "") != entry.chapter:
        return False
    if entry.text is not None and entry.text not in loc.text and entry.text not in loc.context:
        return False
    return True


def apply_suppressions(findings: Iterable[Finding], document: Document, config=None,
                       ) -> tuple[list[Finding], Counter]:
    """Split ``findings`` into those kept and a count of suppressed ones per rule id."""
    places = comment_suppressions(document)
    entries = tuple(getattr(config, "ignore", ()) or ())
    kept: list[Finding] = []
    suppressed: Counter = Counter()
    for finding in findings:
        if any(place.covers(finding) for place in places) or any(
                _config_matches(entry, finding, None) for entry in entries):
            suppressed[finding.rule] += 1
        else:
            kept.append(finding)
    return kept, suppressed
