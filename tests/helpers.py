"""Small builders so a stage test needs no files on disk."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

from generator.clean import clean_source
from generator.model import ENTITY_KINDS, CleanText, SourceText
from generator.project import Project
from generator.readers import normalize_text
from generator.taxonomy import taxonomy_path

ROOT = Path(__file__).resolve().parent.parent


def shipped_project(
    root: Path, seeds: Iterable[str] | None = None, site: bool = True, curated: bool = False
) -> Project:
    """A project at root with the shipped taxonomy and the named seeds (all when None);
    with site, the shipped templates, overrides and mkdocs.yml too; with curated, all of
    content/ as committed (curated documents and generated pages), as a fresh clone has it."""
    if seeds is None:
        shutil.copytree(ROOT / "seeds", root / "seeds")
    else:
        (root / "seeds").mkdir(parents=True)
        for name in seeds:
            shutil.copy(ROOT / "seeds" / name, root / "seeds" / name)
    if curated:
        shutil.copytree(ROOT / "content", root / "content")
    else:
        (root / "content" / "site").mkdir(parents=True)
        for kind in ENTITY_KINDS:
            shutil.copy(taxonomy_path(ROOT / "content", kind), root / "content")
    if site:
        shutil.copytree(ROOT / "templates", root / "templates")
        shutil.copytree(ROOT / "overrides", root / "overrides")
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return Project(root)


def clean_text(
    text: str, path: str = "seeds/example.txt", fmt: str = "text", title: str | None = None
) -> CleanText:
    """Clean an inline text as if it had been read from path."""
    source = SourceText(
        path=path,
        sha256="0" * 64,
        format=fmt,
        encoding="utf-8",
        text=normalize_text(text),
        title=title,
    )
    return clean_source(source)


def clean_seed(name: str) -> CleanText:
    """Clean one of the shipped seeds."""
    path = ROOT / "seeds" / name
    fmt = "markdown" if path.suffix == ".md" else "text"
    return clean_text(path.read_text(encoding="utf-8"), f"seeds/{name}", fmt)
