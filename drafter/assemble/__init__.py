"""Assemble a programme from a master document and part documents (``drafter assemble``).

Entry point: :func:`assemble`. The manifest (:mod:`drafter.assemble.manifest`)
names the master and the parts; :mod:`drafter.ooxml.assemble.merge` merges them at
package level, :mod:`drafter.ooxml.assemble.renumber` makes measure numbers continuous
and keeps references right, :mod:`drafter.assemble.report` writes the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafter.assemble.manifest import Manifest, load_manifest


@dataclass
class AssemblyResult:
    output: Path
    report: dict[str, Any]


def assemble(manifest: Manifest | Path | str, output: Path, *, report_path: Path | None = None,
             force: bool = True) -> AssemblyResult:
    """Assemble the programme ``manifest`` describes into ``output`` (.docx); write the report if asked.

    ``report_path`` ending in .html gets the HTML report, anything else the JSON.
    """
    from drafter.ooxml.assemble.merge import assemble_package, read_programme_of, source_of_paragraphs, strip_sources
    from drafter.ooxml.assemble.renumber import renumber
    from drafter.assemble.report import build_report, report_html, report_json
    from drafter.io import check_output_path, write_bytes_atomic, write_text_atomic

    if not isinstance(manifest, Manifest):
        manifest = load_manifest(Path(manifest))
    inputs = [manifest.path, manifest.master, *(p.file for p in manifest.parts)]
    check_output_path(Path(output), inputs=inputs, force=force)
    merged = assemble_package(manifest)
    editor = merged.editor
    programme = read_programme_of(editor)
    sources = {name: source_of_paragraphs(editor.tree(name))
               for name in [editor.main_part] + [n for kind in ("footnotes", "endnotes")
                                                  for n in editor.related(editor.main_part, kind)]}
    outcome = renumber(programme, sources, merged.sources, editor, enabled=manifest.options.renumber_measures)
    strip_sources(editor)
    write_bytes_atomic(Path(output), editor.to_bytes(), inputs=inputs, force=force)
    report = build_report(manifest, Path(output), merged, outcome)
    if report_path is not None:
        text = report_html(report) if str(report_path).lower().endswith((".html", ".htm")) else report_json(report)
        write_text_atomic(Path(report_path), text, inputs=inputs, force=force)
    return AssemblyResult(Path(output), report)


__all__ = ["AssemblyResult", "assemble", "load_manifest"]
