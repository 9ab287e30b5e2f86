"""One file's check result: what every check report (text, JSON, HTML) renders.

A :class:`FileResult` is built by :func:`drafter.api.check_file` (or by tests
from hand-made findings). An unreadable file has ``programme=None`` and an
``error``; it still appears in every report, so a run over many files reports
all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from drafter.findings import Finding, Severity, summarise

# The word a reader of each language uses for a measure, for group headings.
MEASURE_WORD = {"fi": "Toimenpide", "sv": "Åtgärd", "en": "Measure"}


@dataclass(frozen=True)
class FileResult:
    """The findings for one file, with the programme they were found in.

    ``notices`` are things the run could not do as asked (a rule skipped, a
    language tool missing): strings, or values with a ``message``. ``suppressed``
    counts findings silenced by the draft's configuration. ``funding`` is the
    funding summary (drafter.funding) when it could be made, else None.
    """

    file: str
    programme: Any | None = None
    findings: tuple[Finding, ...] = ()
    notices: tuple[Any, ...] = ()
    error: str | None = None
    suppressed: int = 0
    funding: Any | None = None
    # The draft's configured --fail-on default (drafter.toml fail_on).
    fail_on: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        object.__setattr__(self, "findings", tuple(sorted(self.findings, key=lambda f: f.sort_key)))
        object.__setattr__(self, "notices", tuple(self.notices))

    @property
    def readable(self) -> bool:
        return self.error is None

    @property
    def summary(self) -> dict[str, int]:
        """Findings per severity, every severity present (the contract's summary)."""
        return summarise(self.findings)

    @property
    def measure_count(self) -> int | None:
        return len(self.programme.measures) if self.programme is not None else None

    @property
    def language(self) -> str | None:
        return getattr(self.programme, "language", None) if self.programme is not None else None

    @property
    def title(self) -> str | None:
        return getattr(self.programme, "title", None) if self.programme is not None else None

    @property
    def fixable(self) -> int:
        """Findings publish can fix by itself (safe or unsafe fixes, not display-only)."""
        return sum(1 for f in self.findings if f.fix is not None and f.fix.applicability != "display-only")

    @property
    def safe_fixes(self) -> int:
        return sum(1 for f in self.findings if f.fix is not None and f.fix.applicability == "safe")

    def notice_texts(self) -> list[str]:
        return [notice_text(n) for n in self.notices]

    def reaches(self, threshold: Severity | None) -> bool:
        """Whether any finding is at least as severe as ``threshold`` (None: never)."""
        if threshold is None:
            return False
        return any(f.severity.rank >= threshold.rank for f in self.findings)

    def measure_title(self, number: int) -> str | None:
        """The title of measure ``number`` in this file's programme, if known."""
        if self.programme is None:
            return None
        measure = self.programme.measure(number)
        return measure.title if measure is not None else None

    def measure_order(self) -> list[int]:
        """Measure numbers in document order, then any others the findings name."""
        seen: list[int] = []
        if self.programme is not None:
            for m in self.programme.measures:
                if m.number is not None and m.number not in seen:
                    seen.append(m.number)
        extra = sorted({f.location.measure for f in self.findings
                        if f.location.measure is not None and f.location.measure not in seen})
        return seen + extra


@dataclass(frozen=True)
class MeasureGroup:
    """Findings of one measure (``number`` None: findings outside any measure)."""

    number: int | None
    title: str | None
    findings: tuple[Finding, ...] = field(default=())

    def heading(self, language: str | None, width: int = 60) -> str:
        """'Toimenpide 23 — Ehdotamme, että …' in the draft's language."""
        if self.number is None:
            return "Document"
        word = MEASURE_WORD.get(language or "", MEASURE_WORD["fi"])
        if not self.title:
            return f"{word} {self.number}"
        return f"{word} {self.number} — {shorten(self.title, width)}"


def group_by_measure(result: FileResult) -> list[MeasureGroup]:
    """The file's findings grouped by measure in document order, then document-level ones."""
    by_measure: dict[int | None, list[Finding]] = {}
    for finding in result.findings:
        by_measure.setdefault(finding.location.measure, []).append(finding)
    groups = [
        MeasureGroup(number, result.measure_title(number), tuple(by_measure[number]))
        for number in result.measure_order() if number in by_measure
    ]
    if None in by_measure:
        groups.append(MeasureGroup(None, None, tuple(by_measure[None])))
    return groups


def total_summary(results: Iterable[FileResult]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for result in results:
        for key, value in result.summary.items():
            counts[key] += value
    return counts


def shorten(text: str, width: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``width`` characters."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= width:
        return text
    cut = text.rfind(" ", 0, width - 1)
    if cut < width // 2:
        cut = width - 1
    return text[:cut].rstrip(" ,;:") + " …"


def notice_text(notice: Any) -> str:
    message = getattr(notice, "message", None)
    return str(message if message is not None else notice)


def split_context(context: str, text: str, start: int | None) -> tuple[str, str, str] | None:
    """Split ``context`` into (before, offending text, after), or None if it is not there.

    The context is an excerpt of the paragraph (drafter.checks.registry.
    context_excerpt), so the offending text's offset in it is not stored. When
    the excerpt starts at the paragraph's start, ``start`` is exact; otherwise
    the occurrence nearest to where the excerpt centres on the match is taken.
    """
    if not text or not context:
        return None
    if start is not None and not context.startswith("…") and context[start:start + len(text)] == text:
        return context[:start], text, context[start + len(text):]
    positions = [m.start() for m in re.finditer(re.escape(text), context)]
    if not positions:
        return None
    # context_excerpt keeps up to 60 characters before the match, after a word break.
    expected = 1 + min(start or 0, 60) if context.startswith("…") else (start or 0)
    pos = min(positions, key=lambda p: (abs(p - expected), p))
    return context[:pos], text, context[pos + len(text):]


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"

