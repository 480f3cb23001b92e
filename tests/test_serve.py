"""Live preview: an edit to a seed, a curated YAML file or a template regenerates the pages;
the pages the regeneration writes do not trigger it again."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from generator.errors import BuildError
from generator.project import Project
from generator.serve import InputWatcher
from tests.helpers import ROOT


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


def test_the_live_preview_shows_a_curated_edit(tmp_path: Path) -> None:
    """`briefing serve` with the real MkDocs server: an edit to a summary reaches the page."""
    for part in ("templates", "overrides", "mkdocs.yml"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / part)
    (tmp_path / "seeds").mkdir()
    shutil.copy(ROOT / "seeds" / "004_23e27db7ed9fbb43.txt", tmp_path / "seeds")
    (tmp_path / "content" / "site").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "site" / "about.md", tmp_path / "content" / "site")
    for kind in ("regions", "companies", "organizations", "people", "themes"):
        shutil.copy(ROOT / "content" / f"{kind}.yaml", tmp_path / "content")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "generator",
            "-C",
            str(tmp_path),
            "serve",
            "-a",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def page(path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5) as response:
            return response.read().decode("utf-8")

    def wait_for(check, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while True:
            try:
                if check():
                    return
            except OSError:
                pass
            assert time.monotonic() < deadline, "the preview never showed it"
            time.sleep(0.5)

    try:
        wait_for(lambda: "briefings" in page(""))
        [yaml_path] = (tmp_path / "content" / "documents").glob("*.yaml")
        article = yaml_path.read_text(encoding="utf-8").split("\n  - id: ", 1)[1].split("\n")[0]
        text = yaml_path.read_text(encoding="utf-8")
        yaml_path.write_text(
            text.replace("    summary: ", "    summary: Previewed edit. ", 1), encoding="utf-8"
        )
        wait_for(lambda: "Previewed edit." in page(f"briefings/{article}/"))
    finally:
        server.terminate()
        server.wait(timeout=30)
