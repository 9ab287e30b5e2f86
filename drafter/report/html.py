"""The HTML check report: one self-contained page for editors and reviewers.

Everything is inline (CSS, JS, the SVG chart), nothing is fetched, so the page
works opened from an e-mail attachment. Several files make one page with a
section per file: the filters, the count and the chart summaries then cover a
whole review round at once, and one attachment is easier to pass on than many.

The page holds every finding as server-rendered HTML; the script only hides
and shows them (filters by severity, category and measure, kept in the URL
hash, e.g. ``#severity=error&category=style``) and writes the live count. With
scripts off the page shows everything. All draft text is escaped (jinja2
autoescape); offending text is wrapped in ``<mark>``.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Sequence

import jinja2

from drafter.findings import CATEGORIES, Finding
from drafter.report.results import (
    FileResult, MeasureGroup, group_by_measure, notice_text, plural, shorten, split_context,
    total_summary,
)
from drafter.report.text import fix_text, location_label

TEMPLATES = Path(__file__).parent / "templates"
SEVERITIES = ("error", "warning", "info")
LANGUAGE_NAMES = {"fi": "Finnish", "sv": "Swedish", "en": "English"}


def render_html(results: Sequence[FileResult], *, generated: datetime | None = None) -> str:
    """The whole report page for ``results`` as one HTML string."""
    generated = generated or datetime.now().astimezone()
    files = [_file_view(index, result, multiple=len(results) > 1) for index, result in enumerate(results)]
    languages = {r.language for r in results if r.language}
    page_language = languages.pop() if len(languages) == 1 else "en"
    totals = total_summary(results)
    present = {f.category for r in results for f in r.findings}
    categories = [c for c in CATEGORIES if c in present]
    title = _page_title(results)
    return _environment().get_template("report.html.j2").render(
        page_title=title,
        page_language=page_language,
        generated=generated.strftime("%Y-%m-%d %H:%M"),
        generated_iso=generated.isoformat(timespec="seconds"),
        files=files,
        multiple=len(files) > 1,
        totals=totals,
        total_findings=sum(totals.values()),
        severities=SEVERITIES,
        categories=categories,
        css=_asset("report.css"),
        script=_asset("report.js"),
    )


def _page_title(results: Sequence[FileResult]) -> str:
    if len(results) == 1:
        return f"drafter check — {Path(results[0].file).name}"
    return f"drafter check — {plural(len(results), 'file')}"


def _file_view(index: int, result: FileResult, multiple: bool) -> dict[str, Any]:
    prefix = f"f{index}"
    view: dict[str, Any] = {
        "id": prefix,
        "file": result.file,
        "name": Path(result.file).name,
        "error": result.error,
        "language": result.language or "",
        "language_name": LANGUAGE_NAMES.get(result.language or "", result.language or ""),
        "title": result.title,
        "summary": result.summary,
        "total": len(result.findings),
        "measures": result.measure_count,
        "fixable": result.fixable,
        "safe_fixes": result.safe_fixes,
        "suppressed": result.suppressed,
        "notices": [notice_text(n) for n in result.notices],
        "modified": _document_date(result),
    }
    if not result.readable:
        view.update(groups=[], category_rows=[], chart=None, funding=None, measure_options=[])
        return view
    groups = group_by_measure(result)
    view["groups"] = [_group_view(prefix, group, result, multiple) for group in groups]
    view["measure_options"] = [
        {"value": g["key"], "label": g["plain_heading"], "count": len(g["findings"])} for g in view["groups"]
    ]
    view["category_rows"] = _category_rows(result.findings)
    view["chart"] = _chart(prefix, view["category_rows"])
    view["funding"] = funding_view(result.funding, prefix, {g["number"] for g in view["groups"]})
    for row in (view["funding"] or {}).get("rows", []):
        if row["title"] is None and isinstance(row["measure"], int):
            row["title"] = result.measure_title(row["measure"])
    return view


def measure_key(prefix: str, number: int | None, multiple: bool) -> str:
    """The value a finding's measure filter matches: '23', 'document', or 'f1:23' for several files."""
    base = "document" if number is None else str(number)
    return f"{prefix}:{base}" if multiple else base


def _group_view(prefix: str, group: MeasureGroup, result: FileResult, multiple: bool) -> dict[str, Any]:
    anchor = f"{prefix}-measure-{group.number}" if group.number is not None else f"{prefix}-document"
    key = measure_key(prefix, group.number, multiple)
    measure = result.programme.measure(group.number) if group.number is not None and result.programme else None
    fields = []
    if measure is not None:
        for field in measure.fields:
            fields.append({"label": field.label or field.key.replace("_", " ").capitalize(), "value": field.value})
    heading = group.heading(result.language, width=90)
    return {
        "number": group.number,
        "key": key,
        "anchor": anchor,
        "heading": heading,
        "plain_heading": shorten(heading, 70),
        "title": group.title,
        "fields": fields,
        "findings": [_finding_view(f"{anchor}-{i}", finding, anchor, key, heading)
                     for i, finding in enumerate(group.findings)],
    }


def _finding_view(finding_id: str, finding: Finding, anchor: str, key: str, group_heading: str) -> dict[str, Any]:
    loc = finding.location
    parts = split_context(loc.context, loc.text, loc.start) if loc.context else None
    return {
        "id": finding_id,
        "rule": finding.rule,
        "name": finding.name,
        "category": finding.category,
        "severity": finding.severity.value,
        "message": finding.message,
        "where": location_label(finding),
        "chapter": loc.chapter,
        "objective": loc.objective,
        "measure": loc.measure,
        "measure_key": key,
        "measure_anchor": anchor,
        "measure_heading": group_heading,
        "context": loc.context,
        "context_parts": parts,
        "text": loc.text,
        "fix": fix_text(finding),
        "fix_applicability": finding.fix.applicability if finding.fix else None,
        "details": [(k, _detail_text(v)) for k, v in finding.details],
    }


def _detail_text(value: Any) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value)
    return str(value)


def _category_rows(findings: Sequence[Finding]) -> list[dict[str, Any]]:
    rows = []
    for category in CATEGORIES:
        counts = {s: 0 for s in SEVERITIES}
        for f in findings:
            if f.category == category:
                counts[f.severity.value] += 1
        total = sum(counts.values())
        if total:
            rows.append({"category": category, "counts": counts, "total": total})
    return rows


def _chart(prefix: str, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Geometry of a horizontal stacked bar chart of findings per category."""
    if not rows:
        return None
    label_width, bar_width, row_height, bar_height = 130, 380, 30, 18
    biggest = max(r["total"] for r in rows)
    bars = []
    for i, row in enumerate(rows):
        y = 8 + i * row_height
        x = label_width
        segments = []
        for severity in SEVERITIES:
            count = row["counts"][severity]
            if not count:
                continue
            width = max(2.0, bar_width * count / biggest)
            segments.append({"severity": severity, "x": round(x, 1), "width": round(width, 1), "count": count})
            x += width
        spoken = ", ".join(plural(row["counts"][s], s) if s != "info" else f"{row['counts'][s]} info"
                           for s in SEVERITIES if row["counts"][s])
        bars.append({"label": row["category"], "y": y, "text_y": y + bar_height / 2 + 5,
                     "bar_height": bar_height, "segments": segments, "total": row["total"],
                     "end_x": round(x + 6, 1), "spoken": spoken})
    description = "; ".join(f"{b['label']}: {b['spoken']}" for b in bars)
    return {
        "id": f"{prefix}-chart",
        "width": label_width + bar_width + 60,
        "height": 16 + len(rows) * row_height,
        "label_x": label_width - 8,
        "bars": bars,
        "description": description,
    }


def funding_view(summary: Any, prefix: str = "f0", linked: set | frozenset = frozenset()) -> dict | None:
    """The funding table and totals from drafter.funding's summary, or None without one.

    Built for drafter.funding.FundingSummary (``to_json``: ``measures`` rows with
    ``measure``, ``title``, ``status``, ``funding``, ``amounts``, ``euros``,
    ``person_years``, ``budget_note``; ``separate``; ``total_euros``), but read
    loosely (plain lists of rows, mappings, dataclasses) so the report keeps
    working while that module evolves. The budget note only matters for
    measures that ask for separate funding: for the others it shows as "—".
    """
    if summary is None:
        return None
    data = _plain(summary)
    separate = None
    totals = None
    if isinstance(data, Mapping):
        separate = data.get("separate")
        if data.get("total_euros") is not None or data.get("total_person_years") is not None:
            totals = {
                "separate": len(separate) if separate is not None else None,
                "euros": _euros(data.get("total_euros")),
                "person_years": data.get("total_person_years") or None,
                "without_note": len(data.get("without_budget_note") or []),
            }
        data = data.get("measures", data.get("rows", []))
    rows = []
    for item in data or []:
        row = _plain(item)
        if not isinstance(row, Mapping):
            continue
        number = _first(row, "measure", "number")
        note = _first(row, "budget_note", "has_budget_note", "budget_note_present")
        if separate is not None and number not in separate:
            note = None
        status = _first(row, "status", "funding_status")
        rows.append({
            "measure": number,
            "anchor": f"{prefix}-measure-{number}" if number in linked else None,
            "title": _first(row, "title"),
            "status": str(status).replace("-", " ") if status is not None else None,
            "status_key": str(status) if status is not None else "",
            "amount": _amount(row),
            "budget_note": None if note is None else bool(note),
            "text": _first(row, "funding", "text", "funding_text"),
        })
    routine = [r for r in rows if r["status_key"] in ROUTINE_FUNDING]
    return {"rows": rows, "attention": [r for r in rows if r["status_key"] not in ROUTINE_FUNDING],
            "routine": routine, "totals": totals}


# Funding statuses that need no decision: the reviewers' question is which
# measures need money beyond ordinary official work, so these rows are folded away.
ROUTINE_FUNDING = frozenset({"official-work", "existing-resources"})


def _amount(row: Mapping) -> str | None:
    """The amounts as written ('250 000 euroa'), else the euro sum, plus person-years."""
    parts = []
    written = row.get("amounts")
    if written:
        parts.append("; ".join(str(a) for a in written))
    else:
        euros = _first(row, "amount", "amount_text", "euros")
        if euros is not None:
            parts.append(_euros(euros) if isinstance(euros, (int, float)) else str(euros))
    if row.get("person_years"):
        parts.append(f"{_number(row['person_years'])} person-years")
    return ", ".join(parts) or None


def _euros(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, (int, float)):
        return str(value)
    return f"{_number(value)} €"


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u202f")
    return f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")


def _plain(value: Any) -> Any:
    if hasattr(value, "to_json"):
        return value.to_json()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return value


def _first(row: Mapping, *keys: str) -> Any:
    for key in keys:
        if row.get(key) is not None:
            return row[key]
    return None


def _document_date(result: FileResult) -> str | None:
    programme = result.programme
    properties = getattr(getattr(programme, "document", None), "properties", None)
    modified = getattr(properties, "modified", None) or getattr(properties, "created", None)
    return modified[:10] if modified else None


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
