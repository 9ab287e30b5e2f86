"""What ``drafter publish`` does around the pipeline: options, side outputs, the summary line."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from drafter.errors import OutputError


def run_publish(file: Path, output: Path, *, changes_path: Path | None = None, report_path: Path | None = None,
                redline_path: Path | None = None, reject: bool | None = None, keep_comments: bool | None = None,
                keep_highlights: bool | None = None, keep_metadata: bool | None = None,
                remove_hidden: bool | None = None, keep_markers: bool = False, no_fixes: bool = False,
                unsafe_fixes: bool = False, no_renumber: bool = False, config_path: Path | None = None,
                force: bool = False, template: Path | None = None) -> str:
    """Publish ``file`` to ``output`` and write the asked side outputs; return a one-line summary."""
    from drafter.config import load_config
    from drafter.io import check_output_path, write_text_atomic, write_bytes_atomic
    from drafter.publish.pipeline import PublishOptions, publish_file

    if report_path is not None and report_path.suffix.lower() not in (".md", ".html", ".htm"):
        raise OutputError(f"{report_path}: the report must be a .md or .html file")
    side_outputs = [p for p in (changes_path, report_path, redline_path) if p is not None]
    inputs = [file] + ([template] if template is not None else [])
    for path in side_outputs:
        check_output_path(path, inputs, force=force)
        if Path(path).resolve() == Path(output).resolve():
            raise OutputError(f"{path}: the same file is given for two outputs")
    if not Path(file).exists():
        from drafter.errors import InputError

        raise InputError(str(file), "no such file")
    config = load_config(Path(file), config_path)
    overrides = dict(reject=reject, keep_comments=keep_comments, keep_highlights=keep_highlights,
                     keep_metadata=keep_metadata, remove_hidden=remove_hidden, config_path=config_path, force=force,
                     template=template)
    if keep_markers:
        overrides["remove_markers"] = False
    if no_fixes:
        overrides["fixes"] = "none"
    elif unsafe_fixes:
        overrides["fixes"] = "unsafe"
    if no_renumber:
        overrides["renumber"] = False
    options = PublishOptions.from_config(config, **overrides)
    result = publish_file(Path(file), Path(output), options, redline=redline_path is not None)
    if options.template is not None:
        inputs.append(Path(options.template))   # named in drafter.toml: no side output may replace it either

    if changes_path is not None:
        write_text_atomic(changes_path, json.dumps(result.to_json(), ensure_ascii=False, indent=2) + "\n",
                          inputs=inputs, force=force)
    if report_path is not None:
        from drafter.publish.report import render_html, render_markdown

        text = render_markdown(result) if report_path.suffix.lower() == ".md" else render_html(result)
        write_text_atomic(report_path, text, inputs=inputs, force=force)
    if redline_path is not None and result.redline is not None:
        write_bytes_atomic(redline_path, result.redline, inputs=inputs, force=force)
    counts = Counter(c.kind for c in result.changes)
    listed = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items())) or "no changes"
    return (f"{output}: published from {file} ({listed}; {len(result.remaining)} finding(s) remain)")
