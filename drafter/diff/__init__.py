"""Compare two versions of a programme draft measure by measure (``drafter diff``).

- :func:`diff_files` / :func:`diff_programmes`: the comparison (:mod:`.compare`);
- :func:`render_text`, :func:`render_json` / :func:`diff_json`, :func:`render_html`: reports;
- :func:`write_redline`: NEW with the changes since OLD as Word tracked changes.
"""

from __future__ import annotations

from drafter.diff.compare import diff_files, diff_programmes
from drafter.diff.json_report import diff_json, render_json
from drafter.diff.result import FieldChange, MeasureDiff, NodeDiff, ProgrammeDiff
from drafter.diff.text_report import render_text

__all__ = [
    "diff_files", "diff_programmes", "diff_json", "render_json", "render_text",
    "FieldChange", "MeasureDiff", "NodeDiff", "ProgrammeDiff",
]
