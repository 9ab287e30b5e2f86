"""``drafter diff``'s work behind the command line: read, compare, write the outputs."""

from __future__ import annotations

from pathlib import Path

from drafter.errors import InputError


def run_diff(old: Path, new: Path, fmt: str = "text", json_path: Path | None = None, html_path: Path | None = None,
             redline_path: Path | None = None, threshold: float = 0.6,
             config_path: Path | None = None) -> tuple[str, bool]:
    """Compare ``old`` with ``new``; write the requested files; return (stdout text, versions differ).

    Raises a :class:`drafter.errors.DrafterError` (one line, exit 2) for a
    missing or unreadable draft, or an output that would overwrite an input.
    """
    from drafter.diff.compare import diff_files
    from drafter.diff.json_report import render_json
    from drafter.diff.text_report import render_text
    from drafter.io import check_output_path, write_text_atomic

    time_limit = _time_limit()

    for path in (old, new):
        if not Path(path).exists():
            raise InputError(str(path), "no such file")
        if Path(path).is_dir():
            raise InputError(str(path), "is a folder, not a Word file")
    for output in (json_path, html_path, redline_path):
        if output is not None:
            check_output_path(output, inputs=[old, new])

    with time_limit(f"{old} and {new}"):
        diff = diff_files(old, new, threshold=threshold, config_path=config_path)
        json_text = render_json(diff) if (fmt == "json" or json_path is not None) else ""
        if json_path is not None:
            write_text_atomic(json_path, json_text, inputs=[old, new])
        if html_path is not None:
            from drafter.diff.html_report import render_html

            write_text_atomic(html_path, render_html(diff), inputs=[old, new])
        if redline_path is not None:
            from drafter.ooxml.diff_redline import write_redline

            write_redline(old, new, diff, redline_path)
    return (json_text if fmt == "json" else render_text(diff)), diff.has_changes


def _time_limit():
    """drafter.limits.time_limit when this drafter has it, else no limit."""
    try:
        from drafter.limits import time_limit
    except ImportError:  # the limits module is optional for the diff
        from contextlib import nullcontext

        return lambda label: nullcontext()
    return time_limit
