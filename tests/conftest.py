"""Shared test paths and helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
EXTERNAL = SHARED / "corpus" / "external"
SAMPLES = REPO / "corpus" / "samples"


@pytest.fixture
def external_corpus() -> Path:
    if not EXTERNAL.is_dir():
        pytest.skip(f"the shared external corpus is not at {EXTERNAL}")
    return EXTERNAL
