"""Outputs are written atomically, with ordinary permissions, and never onto an input."""

from __future__ import annotations

import os
import stat

import pytest

from drafter.errors import OutputError
from drafter.io import write_atomic, write_text_atomic


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_output_gets_the_permissions_of_any_new_file(tmp_path):
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "report.html", "<p>ok</p>")
    finally:
        os.umask(old)
    assert mode(tmp_path / "report.html") == 0o644


def test_a_replaced_output_keeps_its_permissions(tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old")
    target.chmod(0o640)
    write_text_atomic(target, "new")
    assert target.read_text() == "new" and mode(target) == 0o640


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_file(tmp_path):
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")

    def fail_midway(handle):
        handle.write(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, fail_midway)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]


def test_the_input_is_never_an_output_even_by_another_path(tmp_path):
    source = tmp_path / "draft.docx"
    source.write_bytes(b"draft")
    (tmp_path / "link.docx").symlink_to(source)
    for output in (source, tmp_path / "." / "draft.docx", tmp_path / "link.docx"):
        with pytest.raises(OutputError, match="input"):
            write_text_atomic(output, "x", inputs=[source])
    assert source.read_bytes() == b"draft"


def test_an_existing_output_is_kept_without_force(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("keep")
    with pytest.raises(OutputError, match="--force"):
        write_text_atomic(target, "new", force=False)
    assert target.read_text() == "keep"
