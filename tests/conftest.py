"""Shared test paths and helpers."""

from __future__ import annotations

import os
import shutil
import sys
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


def pytest_unconfigure(config):
    """Remove the session's cache folder, however the session ended (saved first: no exit hook writes it again)."""
    cache = sys.modules.get("drafter.nlp.voikko_cache")
    if cache is not None:
        cache.save_all()
    shutil.rmtree(_CACHE_DIR, ignore_errors=True)
