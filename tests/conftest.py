"""Shared test paths and helpers."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

# The persistent cache of Voikko's answers (drafter.nlp.voikko_cache) goes to a
# fresh folder for the whole session, never to the user's ~/.cache; set at import,
# before any test opens a cache, and inherited by the drafter processes tests start.
_CACHE_DIR = tempfile.mkdtemp(prefix="drafter-test-cache-")
os.environ["DRAFTER_CACHE_DIR"] = _CACHE_DIR

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXTERNAL = SHARED / "corpus" / "external"
SAMPLES = REPO / "corpus" / "samples"


@pytest.fixture
def external_corpus() -> Path:
    if not EXTERNAL.is_dir():
        pytest.skip(f"the shared external corpus is not at {EXTERNAL}")
    return EXTERNAL


@pytest.fixture(autouse=True, scope="session")
def _session_cache_dir():
    """Remove the session's cache folder at the end (saved first, so no exit hook writes it again)."""
    yield
    from drafter.nlp.voikko_cache import save_all

    save_all()
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)
