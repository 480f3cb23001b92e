"""Hostile titles and colliding names: safe, stable, unique ids; nothing written outside the
project; a curated value of the wrong type reported at its line."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from generator.build import generate, ingest
from generator.project import Project
from generator.taxonomy import Entity, Taxonomy
from tests.helpers import ROOT, shipped_project

BODY = "Ulsan said the plan would bring KRW 1 trillion of investment and 2,000 jobs by 2030."
TITLES = [
    "../../etc/passwd",
    "CON",
    "Index",
    "x" * 300,
    "!!! ??? ...",
    "경상북도 이차전지 특구",
    "成渝地区双城经济圈",
    "Same title",
    "Same title",
    "/absolute/path",
    "..\\..\\win",
]


def _bulletin() -> str:
    items = [
        f"-\n{title}\nItem {n + 1}: {BODY} date2024-0{1 + n % 9}-1{n % 9}"
        for n, title in enumerate(TITLES)
    ]
    return "\n".join(items) + "\n"


def _project(root: Path) -> Project:
    (root / "seeds").mkdir(parents=True)
    (root / "seeds" / "hostile.txt").write_text(_bulletin(), encoding="utf-8")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "content").mkdir()
    for kind in ("regions", "companies", "organizations", "people", "themes"):
        shutil.copy(ROOT / "content" / f"{kind}.yaml", root / "content")
    return Project(root)


def test_hostile_titles_give_safe_unique_stable_ids_and_stay_inside(tmp_path: Path) -> None:
    outside = {p for p in tmp_path.parent.iterdir()}
    project = _project(tmp_path / "project")
    report = generate(project)
    assert report.errors == []
    ids = [article.id for document in report.documents for article in document.articles]
    assert len(ids) == len(TITLES) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) and len(i) <= 80 for i in ids), ids
    assert "con" not in ids and "con-page" in ids and "etc-passwd" in ids
    assert "index" not in ids and "index-page" in ids  # briefings/index.md stays the listing
    assert {p for p in tmp_path.parent.iterdir()} == outside  # nothing beside the project
    for path in project.root.rglob("*"):
        assert path.resolve().is_relative_to(project.root.resolve())
    again = generate(project)
    assert [a.id for d in again.documents for a in d.articles] == ids
    assert again.changed == []


def test_colliding_entity_slugs_get_distinct_ids() -> None:
    taxonomy = Taxonomy()
    taxonomy.add(Entity("hanbit", "companies", "Hanbit"))
    assert taxonomy.free_id("companies", "HANBIT") == "hanbit-2"
    assert taxonomy.free_id("companies", "Hanbit!", "KR") == "hanbit-kr"


def test_a_value_of_the_wrong_type_is_reported_at_its_line_and_not_shown(tmp_path: Path) -> None:
    project = _project(tmp_path)
    ingest(project)
    [path] = project.documents.glob("*.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["articles"][0]["summary"] = ["not", "text"]
    data["articles"][0]["regions"] = "ulsan"
    data["articles"][0]["key_points"] = 42
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    report = ingest(project)
    messages = [str(w) for w in report.warnings if path.name in str(w)]
    first_article = lines.index("articles:")
    for key in ("summary", "regions", "key_points"):
        line = next(
            n
            for n, text in enumerate(lines[first_article:], first_article + 1)
            if text.strip().startswith(f"{key}:")
        )
        assert any(f"{path.name}:{line}:" in m and f"'{key}'" in m for m in messages), (
            key,
            messages,
        )
    briefing = report.publications[0].briefings[0]
    assert isinstance(briefing.summary, str) and briefing.summary


def test_a_build_killed_halfway_leaves_whole_files_and_the_next_run_completes(
    tmp_path: Path,
) -> None:
    root = tmp_path / "project"
    shipped_project(root)
    command = [sys.executable, "-m", "generator", "-C", str(root), "build", "--no-site"]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(4)  # long enough to be writing, well before the end (about ten seconds)
    run.send_signal(signal.SIGKILL)
    run.wait()
    for path in (root / "content").rglob("*.yaml"):
        yaml.safe_load(path.read_text(encoding="utf-8"))  # every file parses: none is cut short
    for path in (root / "content" / "site").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---") and text.endswith("\n"), path
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    assert finished.returncode == 0, finished.stderr
    assert not list(root.rglob(".*.tmp"))
    again = subprocess.run(command, capture_output=True, text=True, check=False)
    assert "0 files changed, 0 removed" in again.stdout
