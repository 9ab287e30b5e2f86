"""The code has no pyflakes errors: unused imports, undefined names, dead assignments."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO


def ruff() -> str:
    found = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(found).exists():
        pytest.skip("ruff is not installed (pip install -e '.[test]')")
    return found


def test_the_code_has_no_pyflakes_errors():
    folders = [str(REPO / name) for name in ("drafter", "tests", "bench", "corpus", "tools") if (REPO / name).is_dir()]
    result = subprocess.run([ruff(), "check", "--select", "F", "--output-format", "concise", "--no-cache", *folders],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
