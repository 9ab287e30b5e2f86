"""The terminal report of ``drafter check``: findings grouped by measure, then a summary.

One line per finding (paragraph, severity, rule id and name, message) under a
heading per measure ("Toimenpide 23 — Laaditaan …"), document-level findings
last, and one summary line per file. Verbose mode adds the context with the
offending text marked, the fix and a pointer to the rule's docs; quiet mode
keeps only the summary lines. Colour is the caller's choice (``color``).
"""

from __future__ import annotations

from typing import Sequence

import click

from drafter.findings import Finding, Fix
from drafter.report.results import (
    FileResult, group_by_measure, notice_text, plural, split_context, total_summary,
)

SEVERITY_STYLE = {
    "error": {"fg": "red", "bold": True},
    "warning": {"fg": "yellow"},
    "info": {"fg": "cyan"},
}
INDENT = "  "
PART_NAMES = {
    "word/document.xml": "",
    "word/footnotes.xml": "footnote ",
    "word/endnotes.xml": "endnote ",
    "word/comments.xml": "comment ",
}


def render_text(results: Sequence[FileResult], *, verbose: bool = False, quiet: bool = False,
                color: bool = False) -> str:
    """The whole terminal report for ``results``, ending with a newline."""
    painter = _Painter(color)
    lines: list[str] = []
    for result in results:
        if not quiet:
            lines.extend(_file_lines(result, painter, verbose))
    for result in results:
        lines.append(summary_line(result, painter))
    if len(results) > 1:
        lines.append(total_line(results, painter))
    return "\n".join(lines) + "\n"


def summary_line(result: FileResult, painter: "_Painter | None" = None) -> str:
    """'draft.docx: 3 errors, 27 warnings, 5 info in 45 measures (12 fixable, 9 safe)'."""
    painter = painter or _Painter(False)
    if not result.readable:
        return f"{painter.bold(result.file)}: {painter.severity('error', 'cannot be read')}: {result.error}"
    counts = _counts(result.summary, painter)
    measures = result.measure_count
    where = f" in {plural(measures, 'measure')}" if measures is not None else ""
    extras = f"{result.fixable} fixable, {result.safe_fixes} safe"
    if result.suppressed:
        extras += f"; {result.suppressed} suppressed"
    return f"{painter.bold(result.file)}: {counts}{where} ({extras})"


def total_line(results: Sequence[FileResult], painter: "_Painter | None" = None) -> str:
    """The line that adds up several files."""
    painter = painter or _Painter(False)
    unreadable = sum(1 for r in results if not r.readable)
    line = f"{plural(len(results), 'file')}: {_counts(total_summary(results), painter)}"
    if unreadable:
        line += f" ({unreadable} could not be read)"
    return line


def location_label(finding: Finding) -> str:
    """Where a finding is, short: '¶57', 'footnote ¶3', or '' when unknown."""
    loc = finding.location
    if loc.paragraph is None:
        return PART_NAMES.get(loc.part, "").strip() or "—"
    prefix = PART_NAMES.get(loc.part)
    if prefix is None:
        prefix = loc.part.rsplit("/", 1)[-1].removesuffix(".xml").rstrip("0123456789") + " "
    return f"{prefix}¶{loc.paragraph}"


def fix_text(finding: Finding) -> str | None:
    """"fix (safe): replace '14:00' with '14.00'", or None without a fix."""
    fix: Fix | None = finding.fix
    if fix is None:
        return None
    text = finding.location.text
    if fix.replacement is None:
        action = fix.title
    elif fix.replacement == "" and text:
        action = f"delete {_quote(text)}"
    elif not text:
        action = f"insert {_quote(fix.replacement)}"
    else:
        action = f"replace {_quote(text)} with {_quote(fix.replacement)}"
    return f"fix ({fix.applicability}): {action}"


def _file_lines(result: FileResult, painter: "_Painter", verbose: bool) -> list[str]:
    if not result.readable:
        return []  # its summary line says it all
    lines = [painter.bold(result.file)]
    for notice in result.notices:
        lines.append(f"{INDENT}{painter.dim('note:')} {notice_text(notice)}")
    groups = group_by_measure(result)
    width = max((len(location_label(f)) for f in result.findings), default=0)
    for group in groups:
        lines.append(f"{INDENT}{painter.bold(group.heading(result.language))}")
        for finding in group.findings:
            lines.append(_finding_line(finding, painter, width))
            if verbose:
                lines.extend(_verbose_lines(finding, painter))
    if not result.findings:
        lines.append(f"{INDENT}no findings")
    lines.append("")
    return lines


def _finding_line(finding: Finding, painter: "_Painter", width: int) -> str:
    where = location_label(finding).ljust(width)
    severity = painter.severity(finding.severity.value, finding.severity.value.ljust(7))
    rule = f"{painter.bold(finding.rule)} {painter.dim(finding.name)}"
    return f"{INDENT * 2}{where}  {severity}  {rule}  {_one_line(finding.message)}"


def _verbose_lines(finding: Finding, painter: "_Painter") -> list[str]:
    pad = INDENT * 4
    loc = finding.location
    lines: list[str] = []
    context = _one_line(loc.context) if loc.context else ""
    parts = split_context(context, _one_line(loc.text), loc.start) if context else None
    if parts:
        before, text, after = parts
        lines.append(f"{pad}{painter.dim('│')} {before}{painter.mark(text)}{after}")
        lines.append(f"{pad}{painter.dim('│')} {' ' * len(before)}{painter.severity(finding.severity.value, '^' * max(1, len(text)))}")
    elif context:
        lines.append(f"{pad}{painter.dim('│')} {context}")
    fix = fix_text(finding)
    if fix:
        lines.append(f"{pad}{fix}")
    for key, value in finding.details:
        lines.append(f"{pad}{painter.dim(key + ':')} {_one_line(str(value))}")
    lines.append(f"{pad}{painter.dim(f'see: drafter explain {finding.rule}')}")
    return lines


def _counts(summary: dict[str, int], painter: "_Painter") -> str:
    parts = [
        (summary["error"], plural(summary["error"], "error"), "error"),
        (summary["warning"], plural(summary["warning"], "warning"), "warning"),
        (summary["info"], f"{summary['info']} info", "info"),
    ]
    return ", ".join(painter.severity(sev, text) if count else text for count, text, sev in parts)


def _one_line(text: str) -> str:
    """``text`` with tabs and line breaks as spaces (offsets kept, one terminal line)."""
    return "".join(" " if ch in "\t\n\r\v\f" else ch for ch in text)


def _quote(text: str) -> str:
    return "'" + _one_line(text) + "'"


class _Painter:
    """click.style when colour is on, plain text when it is off."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def _style(self, text: str, **style) -> str:
        return click.style(text, **style) if self.color and text else text

    def bold(self, text: str) -> str:
        return self._style(text, bold=True)

    def dim(self, text: str) -> str:
        return self._style(text, dim=True)

    def mark(self, text: str) -> str:
        return self._style(text, underline=True, bold=True)

    def severity(self, severity: str, text: str) -> str:
        return self._style(text, **SEVERITY_STYLE[severity])
