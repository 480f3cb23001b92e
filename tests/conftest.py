"""Shared fixtures: paths to the real seeds and small builders for model objects."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from benchmarks.entity_quality import copy_project
from generator.build import Report, ingest
from tests.sitebuild import build_project

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


@pytest.fixture(scope="session")
def seeded_report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The real pipeline, run once on a copy of the seeds and the curated taxonomy.

    The curated documents are left out, so every field is the generator's own proposal.
    """
    report = ingest(copy_project(ROOT, tmp_path_factory.mktemp("seeded")))
    assert report.errors == []
    return report


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project built once per session by the real `briefing build --strict`."""
    return build_project(tmp_path_factory.mktemp("site-project"))
