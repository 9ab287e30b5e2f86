"""Writing is safe: the input never changes, outputs appear whole or not at all, never onto the input."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import drafter.io
from drafter.cli import main
from drafter.errors import OutputError
from drafter.io import write_atomic, write_bytes_atomic

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "corpus" / "samples" / "toimintaohjelma-luonnos.docx"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def invoke(*args, cwd: Path | None = None):
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        return CliRunner().invoke(main, [str(a) for a in args])
    finally:
        os.chdir(old)


@pytest.fixture
def draft(tmp_path) -> Path:
    path = tmp_path / "luonnos.docx"
    shutil.copyfile(SAMPLE, path)
    return path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith("."))


# -- the input never changes --------------------------------------------------------

@pytest.mark.parametrize("extra", [
    ("outline",), ("outline", "--format", "json", "-o", "{out}/outline.json"),
    ("check",), ("check", "--json", "{out}/r.json", "--html", "{out}/r.html", "--annotate", "{out}/a.docx"),
    ("publish", "-o", "{out}/p.docx", "--changes", "{out}/c.json", "--report", "{out}/c.md",
     "--redline", "{out}/r.docx"),
])
def test_the_input_is_byte_for_byte_unchanged(draft, tmp_path, extra):
    out = tmp_path / "out"
    out.mkdir()
    before, stamp = sha256(draft), draft.stat().st_mtime_ns
    command, *options = extra
    result = invoke(command, draft, *(o.format(out=out) for o in options))
    assert result.exit_code in (0, 1), result.output
    assert sha256(draft) == before and draft.stat().st_mtime_ns == stamp
    for option in options:
        if option.startswith("{out}"):
            assert Path(option.format(out=out)).stat().st_size > 0
    assert leftovers(out) == [] and sorted(p.name for p in tmp_path.iterdir()) == ["luonnos.docx", "out"]


# -- never onto the input -----------------------------------------------------------

def onto_input_variants(draft: Path) -> list[tuple[str, Path, Path | None]]:
    link = draft.parent / "linkki.docx"
    link.symlink_to(draft)
    sub = draft.parent / "sub"
    sub.mkdir(exist_ok=True)
    return [
        ("same path", draft, None),
        ("a symlink to the input", link, None),
        ("a different relative path", Path("sub") / ".." / draft.name, draft.parent),
        ("a hard link", _hard_link(draft), None),
    ]


def _hard_link(draft: Path) -> Path:
    path = draft.parent / "kova.docx"
    os.link(draft, path)
    return path


@pytest.mark.parametrize("command", ["outline", "check --json", "check --html", "check --annotate", "publish",
                                     "publish --changes", "publish --redline"])
def test_an_output_onto_the_input_is_refused_however_it_is_spelt(draft, command):
    before = sha256(draft)
    for label, output, cwd in onto_input_variants(draft):
        name, *flag = command.split()
        source = draft.name if cwd else draft
        if name == "outline":
            args = ["outline", source, "-o", output]
        elif name == "check":
            args = ["check", source, flag[0], output]
        elif flag:
            args = ["publish", source, "-o", draft.parent / "ok.docx", flag[0], output, "--force"]
        else:
            args = ["publish", source, "-o", output, "--force"]
        result = invoke(*args, cwd=cwd)
        assert result.exit_code == 2, (label, result.output)
        assert "refusing to overwrite the input" in result.stderr, (label, result.stderr)
        assert sha256(draft) == before, label
        assert (draft.parent / "linkki.docx").is_symlink(), label
    assert not (draft.parent / "ok.docx").exists()


def test_publish_replaces_an_existing_output_only_with_force(draft, tmp_path):
    out = tmp_path / "julkaisu.docx"
    out.write_bytes(b"previous")
    refused = invoke("publish", draft, "-o", out)
    assert refused.exit_code == 2 and "already exists; use --force" in refused.stderr
    assert out.read_bytes() == b"previous"
    assert invoke("publish", draft, "-o", out, "--force").exit_code == 0
    assert out.read_bytes()[:2] == b"PK"


def test_publish_side_outputs_are_not_replaced_without_force(draft, tmp_path):
    changes = tmp_path / "muutokset.json"
    changes.write_text("old", encoding="utf-8")
    result = invoke("publish", draft, "-o", tmp_path / "p.docx", "--changes", changes)
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert changes.read_text(encoding="utf-8") == "old" and not (tmp_path / "p.docx").exists()


# -- atomic writes --------------------------------------------------------------------

@pytest.mark.parametrize("interruption", [KeyboardInterrupt, SystemExit, OSError, MemoryError])
def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, interruption):
    target = tmp_path / "raportti.json"
    target.write_text("old", encoding="utf-8")

    def half_then_fail(handle):
        handle.write(b"half of the new")
        raise interruption()

    with pytest.raises(interruption):
        write_atomic(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "old"
    assert leftovers(tmp_path) == []


def test_an_interrupted_first_write_leaves_nothing(tmp_path):
    target = tmp_path / "uusi.docx"

    def fail(handle):
        handle.write(b"PK")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, fail)
    assert list(tmp_path.iterdir()) == []


def test_the_output_is_written_beside_the_target_synced_and_renamed(tmp_path, monkeypatch):
    calls = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(drafter.io.os, "fsync", lambda fd: (calls.append("fsync"), real_fsync(fd))[1])
    monkeypatch.setattr(drafter.io.os, "replace",
                        lambda a, b: (calls.append(("replace", Path(a).parent, Path(b))), real_replace(a, b))[1])
    write_bytes_atomic(tmp_path / "x.bin", b"data")
    assert calls == ["fsync", ("replace", tmp_path, tmp_path / "x.bin")]


@pytest.mark.parametrize("command", ["publish", "outline", "check"])
def test_an_interruption_during_the_cli_write_leaves_no_output(draft, tmp_path, monkeypatch, command):
    out = tmp_path / "out"
    out.mkdir()
    real_fdopen = os.fdopen

    class Exploding:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()
            return False

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise KeyboardInterrupt

        def __getattr__(self, name):
            return getattr(self.handle, name)

    monkeypatch.setattr(drafter.io.os, "fdopen", lambda fd, mode: Exploding(real_fdopen(fd, mode)))
    args = {"publish": ["publish", draft, "-o", out / "p.docx", "--changes", out / "c.json"],
            "outline": ["outline", draft, "-o", out / "o.txt"],
            "check": ["check", draft, "--json", out / "r.json"]}[command]
    result = invoke(*args)
    assert result.exit_code == 2
    assert result.stderr.strip() == "drafter: interrupted; no output was written"
    assert list(out.iterdir()) == []


def test_sigterm_while_publishing_leaves_no_half_written_file(draft, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "drafter.cli", "publish", str(draft), "-o", str(out / "p.docx")],
                               cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(1.0)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    names = sorted(p.name for p in out.iterdir())
    assert names in ([], ["p.docx"])  # finished whole before the signal, or nothing
    if names:
        assert (out / "p.docx").read_bytes()[:2] == b"PK"
    assert leftovers(out) == []


def test_check_output_path_refuses_a_folder_and_a_missing_folder(tmp_path):
    with pytest.raises(OutputError, match="is a directory"):
        drafter.io.check_output_path(tmp_path)
    with pytest.raises(OutputError, match="does not exist"):
        drafter.io.check_output_path(tmp_path / "puuttuu" / "x.json")
