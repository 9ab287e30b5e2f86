"""`pip install .` (not only editable) carries everything drafter needs at run time.

The rule packs, layout profiles, lexicons and HTML templates are data files; a
wheel that leaves one out works in a developer's editable install and fails
for everyone else. These tests build the wheel, compare it with the tree, and
run the installed copy (not the checkout) on the sample draft.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, SAMPLES

DATA_SUFFIXES = {".yaml", ".yml", ".toml", ".j2", ".html", ".css", ".js", ".txt"}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(REPO)],
        check=True, capture_output=True, text=True,
    )
    (built,) = out.glob("drafter-*.whl")
    return built


def data_files_in_tree() -> set[str]:
    files = set()
    for path in (REPO / "rules").rglob("*"):
        if path.suffix in DATA_SUFFIXES and "__pycache__" not in path.parts:
            files.add("drafter/rules/" + path.relative_to(REPO / "rules").as_posix())
    for path in (REPO / "drafter").rglob("*"):
        if path.is_file() and path.suffix in DATA_SUFFIXES and "rules" not in path.relative_to(REPO / "drafter").parts[:1]:
            files.add(path.relative_to(REPO).as_posix())
    return files


def test_the_wheel_holds_every_rule_pack_profile_lexicon_and_template(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    missing = sorted(data_files_in_tree() - names)
    assert not missing, f"left out of the wheel: {missing}"


def test_the_installed_copy_reads_and_checks_the_sample_draft(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, text=True)
    env = {**os.environ, "PYTHONPATH": str(target)}
    # Run from an empty folder so that the checkout cannot be imported instead.
    run = lambda *args: subprocess.run([sys.executable, "-m", "drafter.cli", *args], cwd=tmp_path, env=env,
                                       capture_output=True, text=True)
    where = subprocess.run([sys.executable, "-c", "import drafter; print(drafter.__file__)"], cwd=tmp_path, env=env,
                           capture_output=True, text=True).stdout
    assert where.startswith(str(target)), where
    sample = str(SAMPLES / "toimintaohjelma-luonnos.docx")
    outline = run("outline", sample, "--format", "json")
    assert outline.returncode == 0, outline.stderr
    assert len(json.loads(outline.stdout)["measures"]) == 46
    check = run("check", sample, "--format", "json", "--html", str(tmp_path / "report.html"))
    assert check.returncode == 1, check.stderr
    assert json.loads(check.stdout)["files"][0]["summary"]["error"] > 0
    assert (tmp_path / "report.html").stat().st_size > 10_000
    published = run("publish", sample, "-o", str(tmp_path / "julkaisu.docx"), "--report", str(tmp_path / "c.html"))
    assert published.returncode == 0, published.stderr
    assert (tmp_path / "c.html").exists()
