"""Run drafter's commands on one file and assert the promise for hostile input.

The promise: a correct result, or one line on stderr naming the file and exit
status 2, never a traceback. ``check``'s text report carries an unreadable
file's line on stdout, so it is run with ``--format json`` here, which prints
the line on stderr.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from drafter.cli import main


@dataclass
class Outcome:
    command: str
    exit_code: int
    stdout: str
    stderr: str
    exception: BaseException | None


def run(*args) -> Outcome:
    result = CliRunner().invoke(main, [str(a) for a in args])
    exception = result.exception if not isinstance(result.exception, SystemExit) else None
    return Outcome(str(args[0]), result.exit_code, result.stdout, result.stderr, exception)


def every_command(path: Path, out_dir: Path) -> list[Outcome]:
    """outline, check (JSON on stdout) and publish of ``path``, in that order."""
    return [
        run("outline", path),
        run("check", "--format", "json", path),
        run("publish", path, "-o", out_dir / "published.docx", "--force"),
    ]


def assert_refused(outcome: Outcome, path: Path, *words: str) -> str:
    """One line on stderr, naming ``path`` and containing ``words``; exit 2; no traceback."""
    assert outcome.exception is None, f"{outcome.command} raised {outcome.exception!r}"
    assert outcome.exit_code == 2, (outcome.command, outcome.exit_code, outcome.stdout[-300:], outcome.stderr)
    lines = outcome.stderr.strip().splitlines()
    assert len(lines) == 1, (outcome.command, outcome.stderr)
    line = lines[0]
    assert line.startswith("drafter: ") and str(path) in line, line
    assert "Traceback" not in outcome.stderr + outcome.stdout
    assert "internal error" not in line, line
    for word in words:
        assert word in line, (word, line)
    return line


def assert_all_refused(path: Path, out_dir: Path, *words: str) -> list[str]:
    lines = [assert_refused(o, path, *words) for o in every_command(path, out_dir)]
    assert not (out_dir / "published.docx").exists()
    return lines


def assert_read(outcome: Outcome) -> None:
    """A correct result: exit 0 (or 1 for findings), no traceback, no internal error."""
    assert outcome.exception is None, f"{outcome.command} raised {outcome.exception!r}"
    assert outcome.exit_code in (0, 1), (outcome.command, outcome.exit_code, outcome.stderr)
    assert "Traceback" not in outcome.stderr + outcome.stdout
    assert "internal error" not in outcome.stderr + outcome.stdout


def assert_all_read(path: Path, out_dir: Path) -> list[Outcome]:
    outcomes = every_command(path, out_dir)
    for outcome in outcomes:
        assert_read(outcome)
    assert (out_dir / "published.docx").stat().st_size > 0
    return outcomes


def sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
