"""Shared fixtures: paths to the real seeds and small builders for model objects."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI machines are small and shared: timing is not what the property tests check, so a slow
# draw or example must not fail them.
settings.register_profile("briefing", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("briefing")

# Every build in the tests, in this process or a child, dates new documents the same day.
os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS
