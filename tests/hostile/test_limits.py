"""The per-file time budget and the memory cap: an overrun is one line and exit 2."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter.errors import DrafterError
from drafter.limits import TimeLimitExceeded, max_memory_mb, memory_cap, time_limit, time_limit_seconds
from hostile_builders import BODY, write_draft

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpus" / "samples" / "toimintaohjelma-luonnos.docx"


def drafter(*args, env=None, timeout=120):
    environment = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "drafter.cli", *map(str, args)], capture_output=True,
                          text=True, timeout=timeout, env=environment, cwd=REPO)


def spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_block_that_overruns_its_budget_is_stopped():
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded) as info:
        with time_limit("luonnos.docx", 0.2):
            spin(5)
    assert time.monotonic() - started < 2
    assert str(info.value) == ("luonnos.docx: stopped after 0.2 seconds (DRAFTER_TIME_LIMIT); "
                               "nothing was written")


def test_code_that_swallows_exceptions_cannot_swallow_the_budget():
    with pytest.raises(TimeLimitExceeded):
        with time_limit("x", 0.1):
            for _ in range(50):
                try:
                    spin(0.2)
                except Exception:  # noqa: BLE001 - what careless library code does
                    pass


def test_an_overrun_that_python_wraps_in_another_error_is_still_the_overrun():
    # Regression: the budget ran out while a dataclass was being created during an import;
    # Python 3.11 wrapped it in "RuntimeError: Error calling __set_name__" and the CLI
    # printed an internal error instead of the overrun.
    class SlowField:
        def __set_name__(self, owner, name):
            spin(5)

    with pytest.raises(TimeLimitExceeded):
        with time_limit("x", 0.1):
            type("Holder", (), {"field": SlowField()})


def test_a_finished_block_leaves_no_timer_behind_and_restores_an_outer_one():
    with time_limit("outer", 30):
        with time_limit("inner", 5):
            pass
        remaining, _ = __import__("signal").getitimer(__import__("signal").ITIMER_REAL)
        assert 0 < remaining <= 30
    assert __import__("signal").getitimer(__import__("signal").ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.parametrize("value, expected", [("", 120.0), ("7.5", 7.5), ("0", 0.0)])
def test_the_time_budget_comes_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv("DRAFTER_TIME_LIMIT", value)
    assert time_limit_seconds() == expected


@pytest.mark.parametrize("name, value", [("DRAFTER_TIME_LIMIT", "soon"), ("DRAFTER_TIME_LIMIT", "-1"),
                                         ("DRAFTER_MAX_MEMORY_MB", "lots"), ("DRAFTER_MAX_MEMORY_MB", "100")])
def test_a_bad_limit_is_one_clear_error(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(DrafterError, match=name):
        time_limit_seconds() if name == "DRAFTER_TIME_LIMIT" else max_memory_mb()


def test_the_memory_cap_applies_inside_the_block_and_is_lifted_after():
    before = resource.getrlimit(resource.RLIMIT_AS)
    with memory_cap(4096):
        soft, _ = resource.getrlimit(resource.RLIMIT_AS)
        assert soft == 4096 * 1024 * 1024 or before[0] != resource.RLIM_INFINITY
        with pytest.raises(MemoryError):
            bytearray(6 * 1024 ** 3)
    assert resource.getrlimit(resource.RLIMIT_AS) == before


@pytest.mark.parametrize("command", ["outline", "check", "publish"])
def test_an_overrun_through_the_cli_is_one_line_and_exit_2(tmp_path, command):
    # A reader that never finishes (it sleeps far past the budget), so the test
    # does not depend on how fast this machine reads the sample.
    script = (
        "import sys, time\n"
        "import drafter.ooxml.reader as reader\n"
        "def stuck(*args, **kwargs):\n"
        "    time.sleep(60)\n"
        "reader.read_document = stuck\n"
        "from drafter.cli import main\n"
        "sys.argv = ['drafter', *sys.argv[1:]]\n"
        "main()\n")
    args = [command, str(SAMPLE)] + (["-o", str(tmp_path / "out.docx")] if command == "publish" else [])
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "DRAFTER_TIME_LIMIT": "0.5"}, cwd=REPO)
    assert time.monotonic() - started < 30
    assert done.returncode == 2, done
    line = done.stderr.strip().splitlines()
    assert any(str(SAMPLE) in ln and "stopped after 0.5 seconds" in ln for ln in line), done
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_running_out_of_memory_is_one_line_and_exit_2(tmp_path):
    # A reader that asks for 3 GB under a 1 GB cap: MemoryError, reported in one line.
    script = (
        "import drafter.api, sys\n"
        "def greedy(*a, **k):\n"
        "    return bytearray(3 * 1024 ** 3)\n"
        "drafter.api.read_programme = greedy\n"
        "from drafter.cli import main\n"
        "sys.argv = ['drafter', 'outline', sys.argv[1]]\n"
        "main()\n")
    done = subprocess.run([sys.executable, "-c", script, str(SAMPLE)], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "DRAFTER_MAX_MEMORY_MB": "1024"}, cwd=REPO)
    assert done.returncode == 2
    assert done.stderr.strip() == "drafter: out of memory while processing the input; nothing was written"


def test_check_under_the_default_cap_loads_spacy_numpy_and_voikko(tmp_path):
    script = (
        "from drafter.limits import memory_cap\n"
        "with memory_cap():\n"
        "    import resource, numpy, spacy\n"
        "    from drafter.nlp.language import load_language\n"
        "    from drafter.nlp.pipeline import build_pipeline\n"
        "    doc = build_pipeline(load_language('fi'))('Kunnat laativat suunnitelman.')\n"
        "    assert resource.getrlimit(resource.RLIMIT_AS)[0] == 2048 * 1024 * 1024\n"
        "    print(len(doc), numpy.arange(4).sum())\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["4", "6"]
    checked = drafter("check", "--fail-on", "never", SAMPLE, env={"DRAFTER_MAX_MEMORY_MB": "2048"})
    assert checked.returncode == 0, checked.stderr


@pytest.mark.slow
def test_a_50_megabyte_text_node_stays_within_the_memory_cap(tmp_path):
    import random
    import string

    rng = random.Random(6)
    words = " ".join("".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 12)))
                     for _ in range(5_000_000))[: 50 * 1024 * 1024]
    body = BODY.replace("<w:t>Aikataulu: 2025–2027</w:t>",
                        f"<w:t>Aikataulu: 2025–2027</w:t></w:r></w:p><w:p><w:r><w:t>{words}</w:t>")
    path = write_draft(tmp_path / "iso.docx", body=body)
    del words, body
    done = subprocess.run(
        [sys.executable, "-c", "import resource, subprocess, sys\n"
         "p = subprocess.run([sys.executable, '-m', 'drafter.cli', 'outline', sys.argv[1]], capture_output=True)\n"
         "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)", str(path)],
        capture_output=True, text=True, timeout=600, cwd=REPO,
        env={**os.environ, "DRAFTER_MAX_MEMORY_MB": "2048", "DRAFTER_TIME_LIMIT": "300"})
    code, peak_kb = map(int, done.stdout.split())
    assert code in (0, 2)  # read, or stopped in one line; never killed
    assert peak_kb < 2048 * 1024
