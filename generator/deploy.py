"""Publish the built site: MkDocs' gh-deploy commits site/ to the gh-pages branch and pushes it."""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import DeployError
from generator.project import Project

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig


def check_deploy_target(project: Project) -> None:
    """Fail before any work when the project is not in a git repository or lacks the remote."""
    config = _load_config(project)
    _check_git(project.root, config.remote_name)


def deploy_site(project: Project, message: str | None = None, force: bool = False) -> str:
    """Commit the built site/ to the remote branch and push it, as `mkdocs gh-deploy` does.

    Args:
        project: the project; its site/ must be built.
        message: the commit message (MkDocs' default names the commit and MkDocs version).
        force: push even if the remote branch has commits the local one lacks.

    Returns:
        The branch pushed to, from mkdocs.yml's remote_branch (gh-pages unless set).
    """
    from mkdocs.commands.gh_deploy import gh_deploy
    from mkdocs.exceptions import MkDocsException

    config = _load_config(project)
    _check_git(project.root, config.remote_name)
    if not Path(config.site_dir).is_dir():
        raise DeployError("site/", "there is no built site to deploy", hint="run `briefing build`")
    try:
        # MkDocs and ghp-import run git in the current folder, not the project's.
        with contextlib.chdir(project.root):
            gh_deploy(config, message=message, force=force)
    except (MkDocsException, subprocess.CalledProcessError) as error:
        # MkDocs logs the cause (a rejected push, an older MkDocs version) before it aborts.
        raise DeployError(
            "mkdocs.yml",
            f"gh-deploy to '{config.remote_name}' {config.remote_branch} failed ({error})",
            hint="see the messages above; check the remote's address and your access "
            "(--force overwrites a branch that has moved on)",
        ) from error
    return config.remote_branch


def _load_config(project: Project) -> MkDocsConfig:
    """Load mkdocs.yml as MkDocs does, for its site_dir and remote settings."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        return load_config(str(project.mkdocs_config))
    except MkDocsException as error:
        raise DeployError(
            "mkdocs.yml", f"cannot load it ({error})", hint="run `mkdocs build -v` for details"
        ) from error


def _check_git(root: Path, remote: str) -> None:
    """Check root is inside a git work tree that has the remote to push to."""
    if not _git_succeeds(root, "rev-parse", "--is-inside-work-tree"):
        raise DeployError(
            str(root),
            "not a git repository, so there is no gh-pages branch to publish to",
            hint=f"run `git init` and `git remote add {remote} <url>` here, "
            "or publish with the GitHub Actions workflow",
        )
    if not _git_succeeds(root, "remote", "get-url", remote):
        raise DeployError(
            str(root),
            f"the git repository has no remote '{remote}' to push the site to",
            hint=f"add it with `git remote add {remote} <url>`, or set remote_name in mkdocs.yml",
        )


def _git_succeeds(root: Path, *args: str) -> bool:
    """Run a git command in root and tell whether it succeeded."""
    try:
        result = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise DeployError(
            str(root), "git is not installed", hint="install git to deploy"
        ) from error
    return result.returncode == 0
