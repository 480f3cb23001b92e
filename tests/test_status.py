"""`briefing status`: new, changed, renamed and removed sources, review work, and the pages a
build would change, found by a dry run that writes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import generate
from generator.project import Project
from generator.status import read_status, render_status
from tests.helpers import ROOT, shipped_project

BULLETIN = "001_cf58bbf3b5f6d030.txt"
ARTICLE = "004_23e27db7ed9fbb43.txt"


@pytest.fixture()
def project(tmp_path: Path) -> Project:
    project = shipped_project(tmp_path, [ARTICLE])
    assert generate(project).errors == []
    return project


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_a_freshly_built_project_is_clean(project: Project) -> None:
    status = read_status(project)
    assert status.clean, render_status(status, project.root)
    assert len(status.unreviewed) == 1
    assert "1 articles not yet reviewed" in render_status(status, project.root)


def test_status_reports_changes_and_writes_nothing(project: Project) -> None:
    shutil.copy(ROOT / "seeds" / BULLETIN, project.seeds / BULLETIN)
    yaml_path = next(project.documents.glob("*.yaml"))
    text = yaml_path.read_text(encoding="utf-8")
    yaml_path.write_text(text.replace("summary: ", "summary: Edited. ", 1), encoding="utf-8")
    before = _snapshot(project.root)

    status = read_status(project)
    assert _snapshot(project.root) == before
    assert status.new == [f"seeds/{BULLETIN}"]
    assert any(page.startswith("content/site/briefings/") for page in status.outdated_pages)
    assert "content/site/index.md" in status.outdated_pages


def test_renamed_and_removed_sources_are_told_apart(project: Project) -> None:
    (project.seeds / ARTICLE).rename(project.seeds / "moved.txt")
    status = read_status(project)
    assert status.renamed == [(f"seeds/{ARTICLE}", "seeds/moved.txt")] and status.removed == []
    (project.seeds / "moved.txt").unlink()
    status = read_status(project)
    assert status.removed == [f"seeds/{ARTICLE}"] and status.new == []
    assert any("the source is gone" in str(problem) for problem in status.problems)


def test_a_broken_yaml_edit_is_a_problem_with_its_line(project: Project) -> None:
    yaml_path = next(project.documents.glob("*.yaml"))
    yaml_path.write_text("id: [broken\n", encoding="utf-8")
    status = read_status(project)
    assert any(f"{yaml_path.name}:" in str(problem) for problem in status.problems)
    assert not status.clean
