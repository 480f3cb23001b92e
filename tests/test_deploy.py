"""`briefing deploy`: build, then MkDocs' gh-deploy to a gh-pages branch, here a local bare repo."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.deploy import deploy_site
from generator.errors import DeployError
from generator.project import Project
from tests.helpers import ROOT
from tests.sitebuild import HAND_WRITTEN, run_briefing

NEWS = """# Pohang battery plant opens

EcoPro opened a cathode plant in Pohang, Gyeongsangbuk-do, on 11 March 2024.

The plant will make 50,000 tonnes of cathode materials a year.
"""


def _project(root: Path) -> Path:
    """A one-document project: enough for a real build, small enough to build in seconds."""
    for part in ("templates", "overrides"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "seeds").mkdir()
    (root / "seeds" / "news.md").write_text(NEWS, encoding="utf-8")
    (root / "content" / "site").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "site" / HAND_WRITTEN, root / "content" / "site")
    return root


def _environment(ceiling: Path) -> dict[str, str]:
    """Git settings for a machine with no git identity, blind to repositories above ceiling."""
    return {
        **os.environ,
        "GIT_CEILING_DIRECTORIES": str(ceiling),
        "GIT_AUTHOR_NAME": "Briefing Test",
        "GIT_AUTHOR_EMAIL": "test@example.org",
        "GIT_COMMITTER_NAME": "Briefing Test",
        "GIT_COMMITTER_EMAIL": "test@example.org",
    }


def _git(cwd: Path, *args: str, env: dict[str, str]) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True
    ).stdout


def test_deploy_pushes_the_built_site_to_a_gh_pages_branch(tmp_path: Path) -> None:
    env = _environment(tmp_path)
    remote = tmp_path / "remote.git"
    _git(tmp_path, "init", "--quiet", "--bare", str(remote), env=env)
    project = _project(tmp_path / "project")
    _git(project, "init", "--quiet", env=env)
    _git(project, "remote", "add", "origin", str(remote), env=env)

    result = run_briefing(project, "deploy", "--message", "Publish the briefings", env=env)

    assert result.returncode == 0, result.stderr
    assert "deployed site/ to the gh-pages branch" in result.stdout
    files = _git(remote, "ls-tree", "-r", "--name-only", "gh-pages", env=env).split()
    assert {"index.html", "feed.xml", ".nojekyll", "search/search_index.json"} <= set(files)
    assert "briefings/pohang-battery-plant-opens/index.html" in files
    index = _git(remote, "show", "gh-pages:index.html", env=env)
    assert "Regional Industry Briefings" in index
    assert _git(remote, "log", "-1", "--format=%s", "gh-pages", env=env).strip() == (
        "Publish the briefings"
    )


def test_deploy_outside_a_git_repository_says_so_before_building(tmp_path: Path) -> None:
    project = _project(tmp_path / "project")
    result = run_briefing(project, "deploy", env=_environment(tmp_path))
    assert result.returncode == 1
    assert "not a git repository" in result.stderr and "git init" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (project / "site").exists()


def test_deploy_without_a_remote_says_which_to_add(tmp_path: Path) -> None:
    env = _environment(tmp_path)
    project = _project(tmp_path / "project")
    _git(project, "init", "--quiet", env=env)
    result = run_briefing(project, "deploy", env=env)
    assert result.returncode == 1
    assert "no remote 'origin'" in result.stderr and "git remote add origin" in result.stderr
    assert not (project / "site").exists()


def test_a_rejected_push_is_one_error_naming_the_remote(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = _environment(tmp_path)
    project = _project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<p>built</p>", encoding="utf-8")
    _git(project, "init", "--quiet", env=env)
    _git(project, "remote", "add", "origin", str(tmp_path / "missing.git"), env=env)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(DeployError, match="gh-deploy to 'origin' gh-pages failed"):
        deploy_site(Project(project))


def test_pages_workflow_builds_strictly_and_deploys_with_the_official_actions() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text("utf-8"))
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = workflow["jobs"]["build"]["steps"], workflow["jobs"]["deploy"]["steps"]
    uses = [step.get("uses", "").split("@")[0] for step in build + deploy]
    assert uses.index("actions/checkout") < uses.index("actions/configure-pages")
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    runs = [step.get("run") for step in build]
    assert runs.index("pip install .") < runs.index("briefing build --strict")
    python = next(step for step in build if step.get("uses", "").startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    upload = next(step for step in build if "upload-pages-artifact" in step.get("uses", ""))
    site_dir = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_MkDocsLoader)["site_dir"]
    assert upload["with"]["path"].rstrip("/") == site_dir
    assert workflow["jobs"]["deploy"]["needs"] == "build"
    assert workflow["jobs"]["deploy"]["environment"]["name"] == "github-pages"


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml past MkDocs' own tags (!ENV)."""


_MkDocsLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
