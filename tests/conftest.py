"""Shared fixtures: paths to the real seeds and small builders for model objects."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# CI machines are small and shared: timing is not what the property tests check, so a slow
# draw or example must not fail them.
settings.register_profile("briefing", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("briefing")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS
