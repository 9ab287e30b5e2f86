"""Mutated real documents are read, checked and published, or refused in one line.

A bounded run of tests/fuzz/fuzz_mutations.py for every test session (about one
minutes on two cores); ``tools/fuzz.py --count 10000`` is the long run. A
failing example saves its mutant under DRAFTER_FUZZ_CRASHES (default
/tmp/drafter-fuzz/pytest) and names it in the failure, so
``tools/fuzz.py --replay <file>`` reproduces it outside hypothesis.
"""

from __future__ import annotations

import hashlib
import os
import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz_mutations import exercise, mutate, seed_files

SEEDS = seed_files()
SAMPLES = [p for p in SEEDS if "corpus/samples" in p.as_posix()]
CRASHES = Path(os.environ.get("DRAFTER_FUZZ_CRASHES", "/tmp/drafter-fuzz/pytest"))



def fuzz_settings(examples: int) -> settings:
    """Bounded, reproducible runs: no deadline (real documents take seconds), no example database."""
    return settings(max_examples=examples, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def run_mutant(seed_file: Path, seed: int, rounds: int) -> str:
    """Mutate ``seed_file`` with ``seed`` and exercise it; save the mutant if anything but a refusal escapes."""
    mutant = mutate(seed_file.read_bytes(), random.Random(seed), rounds)
    try:
        return exercise(mutant.data, seed_file.suffix)
    except BaseException as exc:
        CRASHES.mkdir(parents=True, exist_ok=True)
        saved = CRASHES / f"crash-{hashlib.sha256(mutant.data).hexdigest()[:12]}{seed_file.suffix}"
        saved.write_bytes(mutant.data)
        raise AssertionError(f"{type(exc).__name__} on a mutant of {seed_file.name} (seed {seed}, "
                             f"{mutant.description}); saved as {saved}") from exc


@pytest.mark.skipif(not SEEDS, reason="no documents to mutate")
@fuzz_settings(300)
@given(index=st.integers(min_value=0), seed=st.integers(0, 2**63 - 1), rounds=st.sampled_from([1, 1, 2, 3]))
def test_mutants_of_the_corpus_are_read_or_refused_in_one_line(index, seed, rounds):
    outcome = run_mutant(SEEDS[index % len(SEEDS)], seed, rounds)
    assert outcome == "ok" or outcome.strip().count("\n") == 0


@pytest.mark.skipif(not SAMPLES, reason="no sample drafts")
@fuzz_settings(120)
@given(index=st.integers(min_value=0), seed=st.integers(0, 2**63 - 1))
def test_mutants_of_the_sample_programmes_are_read_or_refused_in_one_line(index, seed):
    # The sample drafts are full programmes: mutants reach recognise, every check and the fixes.
    outcome = run_mutant(SAMPLES[index % len(SAMPLES)], seed, 1)
    assert outcome == "ok" or outcome.strip().count("\n") == 0


def test_an_unmutated_sample_is_read_and_published():
    # The harness itself must be able to say "ok": otherwise every run above passes vacuously.
    assert exercise(SAMPLES[0].read_bytes()) == "ok"


def test_a_mutant_that_is_not_a_zip_is_refused_with_a_reason():
    outcome = exercise(b"PK\x03\x04" + b"\0" * 100)
    assert outcome.startswith("<file>: not a DOCX file")


def test_the_same_seed_makes_the_same_mutant():
    data = SAMPLES[0].read_bytes()
    first, second = mutate(data, random.Random(7), 2), mutate(data, random.Random(7), 2)
    assert first == second and first.data != data
