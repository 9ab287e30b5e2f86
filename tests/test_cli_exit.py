"""The console script's quick exit keeps exit codes, flushes every output and runs the exit hooks."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import SAMPLES

SCRIPT = "from drafter.cli import run; run()"
SAMPLE = SAMPLES / "toimintaohjelma-luonnos.docx"


def _drafter(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([sys.executable, "-c", SCRIPT, *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=300, check=False)


def test_the_whole_json_report_reaches_stdout_and_findings_exit_1():
    done = _drafter("check", str(SAMPLE), "--format", "json")
    assert done.returncode == 1
    report = json.loads(done.stdout)
    assert report["files"][0]["findings"]


def test_help_exits_0_and_a_missing_file_exits_2_with_one_line():
    assert _drafter("--help").returncode == 0
    done = _drafter("check", "no-such-draft.docx")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_the_voikko_cache_is_saved_by_the_exit_hooks(tmp_path):
    from drafter.nlp import load_language

    if not load_language("fi").has_spelling:
        import pytest

        pytest.skip("Voikko is not installed")
    done = _drafter("check", str(SAMPLE), "-q", env={"DRAFTER_CACHE_DIR": str(tmp_path)})
    assert done.returncode == 1
    assert list(tmp_path.glob("voikko-*.json"))
