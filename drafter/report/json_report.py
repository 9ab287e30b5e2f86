"""The JSON check report: ``{"schema": "drafter.check/1", "files": [...]}`` (contract §2).

Every file gets an entry with the contract's keys (``file``, ``summary``,
``findings``), plus added keys: ``language``, ``title``, ``measures`` (count),
``fixable``, ``safe_fixes``, ``suppressed``, ``notices``, and ``error`` for a
file that could not be read (its summary zero, its findings empty).
"""

from __future__ import annotations

import json
from typing import Any, Sequence

from drafter.report.results import FileResult

SCHEMA = "drafter.check/1"


def check_json(results: Sequence[FileResult]) -> dict[str, Any]:
    """The contract's check document for ``results``, as plain JSON values."""
    return {"schema": SCHEMA, "files": [file_entry(r) for r in results]}


def file_entry(result: FileResult) -> dict[str, Any]:
    """One file's entry: the contract keys first, then drafter's added keys."""
    entry: dict[str, Any] = {
        "file": result.file,
        "summary": result.summary,
        "findings": [f.to_json() for f in result.findings],
    }
    if not result.readable:
        entry["error"] = result.error
        return entry
    entry.update(
        language=result.language,
        title=result.title,
        measures=result.measure_count,
        fixable=result.fixable,
        safe_fixes=result.safe_fixes,
        suppressed=result.suppressed,
        notices=result.notice_texts(),
    )
    return entry


def render_json(results: Sequence[FileResult]) -> str:
    """The check document as indented UTF-8 JSON text, ending with a newline."""
    return json.dumps(check_json(results), ensure_ascii=False, indent=2, default=_plain) + "\n"


def _plain(value: Any) -> Any:
    """Make values JSON cannot encode (enums, tuples in details, paths) plain."""
    if hasattr(value, "value") and isinstance(getattr(value, "value"), (str, int)):
        return value.value
    if hasattr(value, "to_json"):
        return value.to_json()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)
