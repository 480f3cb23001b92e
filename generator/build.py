"""The orchestrator: one named call per phase, in the order the data needs them."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.cache import render_document_cache
from generator.curation import document_record, dump_yaml, load_known_ids
from generator.errors import BriefingError, BuildError
from generator.ingest import ingest_sources, list_sources
from generator.model import Document
from generator.project import Project
from generator.render import (
    GENERATED_MARKER,
    SiteInfo,
    create_environment,
    render_site,
    source_file_name,
)
from generator.writer import Writer, remove_stale_files

log = logging.getLogger(__name__)


class _ConfigLoader(yaml.SafeLoader):
    """Safe loader that reads past MkDocs' own tags (!ENV, !!python/name) without running them."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)

# How far into a page the generated marker may sit (it follows the front matter).
MARKER_SEARCH_BYTES = 4096


@dataclass
class Report:
    """What a run did and what went wrong, for the CLI to print."""

    documents: list[Document] = field(default_factory=list)
    errors: list[BriefingError] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def ingest(project: Project, report: Report | None = None) -> Report:
    """Ingest every source in seeds/ and write its curated YAML and its text cache."""
    report = report or Report()
    # Ids already curated must never change, so read them before anything new is named.
    known, errors = load_known_ids(project.content)
    report.errors.extend(errors)
    # Read, clean and split each source; a broken one is reported and the rest go on.
    report.documents, failures = ingest_sources(list_sources(project.seeds), project.root, known)
    report.errors.extend(failures)
    # Write the editorial YAML and the derived text, skipping files whose bytes are unchanged.
    writer = Writer(project.root)
    for document in report.documents:
        writer.write(
            project.documents / f"{document.id}.yaml", dump_yaml(document_record(document))
        )
        writer.write(project.cache / f"{document.id}.json", render_document_cache(document))
    report.changed += [writer.relative(path) for path in writer.changed]
    return report


def generate(project: Project) -> Report:
    """Ingest the sources, then render and write every page of the site into the docs folder."""
    report = ingest(project)
    # Render all pages in memory first: a template error must not leave half a site behind.
    pages = render_site(
        report.documents,
        create_environment(project.templates),
        SiteInfo(name=read_site_name(project)),
    )
    # Write pages and source copies, then drop generated files nothing produces any more.
    writer = Writer(project.root)
    for relative, text in pages.items():
        writer.write(project.docs / relative, text)
    for document in report.documents:
        source = project.root / document.source
        writer.write(project.docs / "sources" / source_file_name(document), source.read_bytes())
    sources = project.docs / "sources"
    removed = remove_stale_files(
        project.docs, writer.written, lambda path: path.parent == sources or is_generated_page(path)
    )
    report.changed += [writer.relative(path) for path in writer.changed]
    report.removed = [writer.relative(path) for path in removed]
    return report


def build_site(project: Project, strict: bool = False) -> None:
    """Build the static site from the docs folder with MkDocs, as `mkdocs build` would."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(project.mkdocs_config), strict=strict)
        build(config)
    except MkDocsException as error:
        raise BuildError(
            "mkdocs.yml",
            f"MkDocs build failed: {error}",
            hint="run `mkdocs build --strict -v` to see every warning",
        ) from error
    except SystemExit as error:  # MkDocs aborts this way when --strict meets warnings
        raise BuildError(
            "mkdocs.yml",
            "MkDocs build aborted with warnings",
            hint="fix the warnings above or build without --strict",
        ) from error


def read_site_name(project: Project) -> str:
    """Read site_name from mkdocs.yml, so the home page and the theme agree."""
    try:
        config = yaml.load(project.mkdocs_config.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError) as error:
        raise BuildError(
            "mkdocs.yml", f"cannot read it ({error})", hint="restore mkdocs.yml from git"
        ) from error
    return str((config or {}).get("site_name") or "Briefings")


def is_generated_page(path: Path) -> bool:
    """Tell a page the generator made by its marker; hand-written pages have none."""
    if path.suffix != ".md":
        return False
    with path.open("rb") as stream:
        return GENERATED_MARKER.encode() in stream.read(MARKER_SEARCH_BYTES)
