"""The assembly report: JSON (``drafter.assembly/1``) and a self-contained HTML page.

It says, for the secretary: which part each measure came from and its number
before and after, how each part's styles were mapped, what happened to each
list, which references were updated or left, and everything dropped and why.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

SCHEMA = "drafter.assembly/1"
TEMPLATES = Path(__file__).parent / "templates"


def build_report(manifest, output: Path, merged, renumbered) -> dict[str, Any]:
    """The report as a JSON-ready dict."""
    parts = []
    for outcome in merged.outcomes:
        spec = outcome.spec
        parts.append({
            "index": spec.index,
            "label": spec.label,
            "file": str(spec.file),
            "from": spec.source,
            "selection": spec.selection.describe(),
            "target": outcome.position,
            "numbering": spec.numbering,
            "keep_comments": spec.keep_comments,
            "blocks": outcome.blocks,
            "paragraphs": outcome.paragraphs,
            "measures": [m for m in outcome.measures if m is not None],
            "notes": outcome.notes,
            "relationships": outcome.relationships,
            "ids": outcome.ids,
            "dropped": outcome.dropped,
        })
    dropped = [dict(item, part=o.spec.label) for o in merged.outcomes for item in o.dropped]
    dropped += [{"part": m.part, "what": f"style {m.source_id}", "count": 1,
                 "why": "not in the master; mapped to the default style" if m.method == "normal"
                 else "not defined in the part"}
                for m in merged.style_mappings if m.method in ("normal", "missing")]
    dropped += [{"part": l.part, "what": f"list restart in num {l.source_num}", "count": len(l.dropped_overrides),
                 "why": "numbering = continue: the list continues from the previous part"}
                for l in merged.lists if l.dropped_overrides]
    return {
        "schema": SCHEMA,
        "manifest": str(manifest.path),
        "master": str(manifest.master),
        "output": str(output),
        "options": asdict(manifest.options),
        "sections": "the master's final section properties (page setup, headers, footers) apply to the whole "
                    "result; the parts' section properties and section breaks are dropped",
        "parts": parts,
        "measures": renumbered.measures,
        "renumbered": {str(m["old_number"]) + "@" + m["part"]: m["number"]
                       for m in renumbered.measures if m["changed"]},
        "references": renumbered.references,
        "list_starts": renumbered.list_starts,
        "styles": [asdict(m) for m in merged.style_mappings],
        "lists": [asdict(l) for l in merged.lists],
        "dropped": dropped,
        "problems": renumbered.problems,
        "summary": {
            "parts": len(parts),
            "measures": len(renumbered.measures),
            "renumbered": sum(1 for m in renumbered.measures if m["changed"]),
            "references_updated": sum(1 for r in renumbered.references if r["status"] == "updated"),
            "references_left": sum(1 for r in renumbered.references if r["status"] in ("ambiguous", "unresolved")),
            "styles_copied": sum(1 for m in merged.style_mappings if m.method == "copied"),
            "dropped": len(dropped),
        },
    }


def report_json(report: dict[str, Any]) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n"


def report_html(report: dict[str, Any]) -> str:
    """A self-contained HTML page (inline CSS, no scripts, no external resources)."""
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]))
    return env.get_template("assembly.html").render(r=report)
