"""Live preview: an edit to a seed, a curated YAML file or a template regenerates the pages;
the pages the regeneration writes do not trigger it again."""

from __future__ import annotations

import os
from pathlib import Path

from generator.errors import BuildError
from generator.project import Project
from generator.serve import InputWatcher


def _project(tmp_path: Path) -> Project:
    for folder in ("seeds", "content/documents", "content/site", "templates"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "seeds" / "a.txt").write_text("A story.", encoding="utf-8")
    (tmp_path / "content" / "themes.yaml").write_text("[]\n", encoding="utf-8")
    (tmp_path / "templates" / "page.md.j2").write_text("x", encoding="utf-8")
    return Project(tmp_path)


def _touch(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_every_kind_of_input_triggers_one_regeneration(tmp_path: Path) -> None:
    project = _project(tmp_path)
    runs: list[int] = []

    def regenerate() -> None:
        runs.append(1)
        # What regeneration writes: pages (not watched) and merged YAML (watched, but absorbed).
        (project.docs / "page.md").write_text(f"page {len(runs)}", encoding="utf-8")
        _touch(project.documents / "a.yaml", f"id: a\nrun: {len(runs)}\n")

    watcher = InputWatcher(project, regenerate)
    assert watcher.check() is False
    for path, text in (
        (project.seeds / "b.html", "<p>new</p>"),
        (project.content / "themes.yaml", "- id: x\n  name: X\n"),
        (project.documents / "a.yaml", "id: a\nsummary: edited\n"),
        (project.templates / "page.md.j2", "y"),
    ):
        _touch(path, text)
        assert watcher.check() is True
        assert watcher.check() is False, path
    assert len(runs) == 4


def test_a_failing_regeneration_keeps_the_watcher_alive(tmp_path: Path) -> None:
    project = _project(tmp_path)

    def regenerate() -> None:
        raise BuildError("templates/page.md.j2", "broken template")

    watcher = InputWatcher(project, regenerate)
    _touch(project.templates / "page.md.j2", "{% broken")
    assert watcher.check() is True and watcher.check() is False
