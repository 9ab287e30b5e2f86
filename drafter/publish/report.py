"""The change report for people: every change with before and after, the renumbering, what remains.

:func:`render_markdown` gives ``changes.md`` (pandoc-friendly pipe tables);
:func:`render_html` a self-contained page (inline CSS, no scripts, nothing
fetched; all draft text escaped by jinja2's autoescape).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import jinja2

from drafter.publish.pipeline import PublishResult

TEMPLATES = Path(__file__).parent / "templates"

KIND_TITLES = {
    "revision-accepted": "Tracked change accepted", "revision-rejected": "Tracked change rejected",
    "comment-removed": "Comment removed", "highlight-removed": "Highlight removed",
    "hidden-text-removed": "Hidden text removed", "marker-removed": "Draft marker removed",
    "metadata-removed": "Metadata removed", "metadata-set": "Metadata set", "fix-applied": "Fix applied",
    "measure-renumbered": "Measure renumbered", "reference-updated": "Reference updated",
    "section-generated": "Section generated", "list-restart-fixed": "List restart fixed",
    "macros-removed": "Macros removed", "content-type-changed": "Document type changed",
    "template-applied": "Template applied",
}


def _where(change) -> str:
    loc = change.location
    parts = []
    if loc.measure is not None:
        parts.append(f"measure {loc.measure}")
    if loc.paragraph is not None:
        parts.append(f"paragraph {loc.paragraph}")
    if loc.part and loc.part != "word/document.xml":
        parts.append(loc.part)
    return ", ".join(parts) or "document"


def _visible(text: str) -> str:
    return text.replace("\n", "¶").replace("\t", "→")


def _view(result: PublishResult) -> dict:
    counts = Counter(c.kind for c in result.changes)
    return {
        "result": result,
        "counts": [(KIND_TITLES.get(k, k), n) for k, n in sorted(counts.items())],
        "changes": [{"kind": KIND_TITLES.get(c.kind, c.kind), "code": c.kind, "rule": c.rule or "",
                     "where": _where(c), "before": _visible(c.before), "after": _visible(c.after),
                     "note": c.note or ""} for c in result.changes],
        "renumbered": sorted(result.renumbered.items(), key=lambda item: int(item[0])),
        "remaining": [{"rule": f.rule, "severity": f.severity.value, "message": f.message,
                       "where": (f"measure {f.location.measure}, " if f.location.measure is not None else "")
                       + (f"paragraph {f.location.paragraph}" if f.location.paragraph is not None else "document"),
                       "text": f.location.text} for f in result.remaining],
        "generated": datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
    }


def _cell(text: str) -> str:
    return _visible(text).replace("|", "\\|").replace("\r", " ") or " "


def render_markdown(result: PublishResult) -> str:
    """``changes.md``: summary, every change, the renumbering table, remaining findings."""
    view = _view(result)
    lines = [f"# Changes made in publishing {result.source}", "",
             f"Output: {result.output}. {len(result.changes)} change(s).", ""]
    if view["counts"]:
        lines += ["| Change | Count |", "|---|---:|"] + [f"| {k} | {n} |" for k, n in view["counts"]] + [""]
    if result.renumbered:
        lines += ["## Renumbered measures", "", "| Old | New |", "|---:|---:|"]
        lines += [f"| {old} | {new} |" for old, new in view["renumbered"]] + [""]
    if view["changes"]:
        lines += ["## Every change", "", "| # | Change | Where | Before | After | Note |", "|---:|---|---|---|---|---|"]
        for i, c in enumerate(view["changes"], 1):
            note = " ".join(x for x in (c["rule"], c["note"]) if x)
            lines.append(f"| {i} | {c['kind']} | {c['where']} | {_cell(c['before'])} | {_cell(c['after'])} "
                         f"| {_cell(note)} |")
        lines.append("")
    lines += ["## Still to look at", ""]
    if view["remaining"]:
        lines += ["| Rule | Severity | Where | Message |", "|---|---|---|---|"]
        lines += [f"| {f['rule']} | {f['severity']} | {f['where']} | {_cell(f['message'])} |"
                  for f in view["remaining"]]
    else:
        lines.append("Nothing: every finding was resolved.")
    for note in result.notes:
        lines.append(f"\n> Note: {note}")
    return "\n".join(lines) + "\n"


def render_html(result: PublishResult) -> str:
    """A self-contained HTML change report."""
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES),
                                     autoescape=True, trim_blocks=True, lstrip_blocks=True)
    return environment.get_template("changes.html.j2").render(**_view(result))


__all__ = ["render_markdown", "render_html"]
