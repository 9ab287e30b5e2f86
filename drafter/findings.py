"""Finding, Severity, Fix and Change: what checks report and what publish does.

These are the values behind the JSON contracts (../shared/contracts/README.md §2
and §3); ``to_json`` gives exactly the contract's keys, extra keys only added.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, Literal

CATEGORIES = (
    "parse", "structure", "numbering", "reference", "outlier", "authority",
    "abbreviation", "terminology", "style", "legal", "funding", "duplicate",
    "leftover", "language", "accessibility",
)

Applicability = Literal["safe", "unsafe", "display-only"]


class Severity(str, Enum):
    """How much a finding matters; ordered error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        if isinstance(value, Severity):
            return value
        try:
            return cls(value.lower())
        except ValueError:
            raise ValueError(f"unknown severity {value!r}: use error, warning or info") from None


@dataclass(frozen=True)
class FindingLocation:
    """Where a finding lies, in the reader's terms and in the document's.

    ``paragraph``/``start``/``end`` index the paragraph's accepted-view text in
    ``part`` (see drafter.blocks.Location); ``text`` is exactly
    ``paragraph_text[start:end]``.
    """

    chapter: str | None = None
    objective: int | None = None
    measure: int | None = None
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None
    text: str = ""
    context: str = ""
    part: str = "word/document.xml"

    def to_json(self) -> dict[str, Any]:
        return {
            "chapter": self.chapter, "objective": self.objective, "measure": self.measure,
            "paragraph": self.paragraph, "start": self.start, "end": self.end,
            "text": self.text, "context": self.context, "part": self.part,
        }


@dataclass(frozen=True)
class Fix:
    """An automatic fix: replace ``location.text`` with ``replacement``.

    ``safe`` fixes keep the meaning and are applied by publish by default;
    ``unsafe`` ones (term or authority normalisation) only when asked;
    ``display-only`` ones are suggestions shown to people.
    """

    title: str
    applicability: Applicability
    replacement: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "applicability": self.applicability, "replacement": self.replacement}


@dataclass(frozen=True)
class Finding:
    """One problem found in a draft by one rule."""

    rule: str
    name: str
    category: str
    severity: Severity
    message: str
    location: FindingLocation = field(default_factory=FindingLocation)
    fix: Fix | None = None
    # Extra facts for reports (e.g. the outlier's feature table); never required.
    details: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"finding category {self.category!r} is not in the contract's vocabulary")
        if not isinstance(self.severity, Severity):
            object.__setattr__(self, "severity", Severity.parse(self.severity))

    def with_severity(self, severity: Severity) -> "Finding":
        return replace(self, severity=severity)

    @property
    def sort_key(self) -> tuple:
        loc = self.location
        return (loc.part != "word/document.xml", loc.part, loc.paragraph if loc.paragraph is not None else -1,
                loc.start or 0, self.rule)

    def to_json(self) -> dict[str, Any]:
        data = {
            "rule": self.rule, "name": self.name, "category": self.category,
            "severity": self.severity.value, "message": self.message,
            "location": self.location.to_json(),
            "fix": self.fix.to_json() if self.fix else None,
        }
        if self.details:
            data["details"] = dict(self.details)
        return data


def summarise(findings) -> dict[str, int]:
    """Count findings per severity, every severity present (contract's summary)."""
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity.value] += 1
    return counts


@dataclass(frozen=True)
class Change:
    """One edit publish made, for the change log (contract §3)."""

    kind: str
    before: str
    after: str
    location: FindingLocation = field(default_factory=FindingLocation)
    rule: str | None = None
    note: str | None = None

    def to_json(self) -> dict[str, Any]:
        loc = self.location
        location = {"measure": loc.measure, "paragraph": loc.paragraph, "part": loc.part}
        if loc.start is not None:
            location.update(start=loc.start, end=loc.end)
        data = {"kind": self.kind, "rule": self.rule, "location": location,
                "before": self.before, "after": self.after}
        if self.note:
            data["note"] = self.note
        return data
