"""What a curator needs to know before regenerating: sources, review work, problems, staleness.

Status runs the whole generation as a dry run: nothing is written, and every file that a real
run would change is reported, so "out of date" means exactly what `briefing build` would do.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from generator.build import Report, generate
from generator.curation import load_yaml
from generator.errors import BriefingError, CurationError
from generator.ingest import list_sources
from generator.model import ENTITY_KINDS
from generator.project import Project
from generator.writer import Writer


@dataclass
class Status:
    """The state of a project, for `briefing status`."""

    new: list[str] = field(default_factory=list)  # sources no curated YAML covers yet
    changed: list[str] = field(default_factory=list)  # sources whose bytes changed
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (old path, new path)
    removed: list[str] = field(default_factory=list)  # curated sources no longer in seeds/
    unreviewed: list[str] = field(default_factory=list)  # "document id: article id"
    suggested: dict[str, list[str]] = field(default_factory=dict)  # names by kind
    problems: list[BriefingError] = field(default_factory=list)  # errors and warnings
    outdated_pages: list[str] = field(default_factory=list)  # pages a build would rewrite
    outdated_content: list[str] = field(default_factory=list)  # YAML a build would rewrite

    @property
    def clean(self) -> bool:
        """True when a build would change nothing and nothing is broken."""
        return not (
            self.new
            or self.changed
            or self.renamed
            or self.removed
            or self.problems
            or self.outdated_pages
            or self.outdated_content
        )


def read_status(project: Project) -> Status:
    """Compare seeds/ with content/, list review work, and dry-run a build."""
    status = Status()
    _compare_sources(project, status)
    _list_unreviewed(project, status)
    dry = Writer(project.root, dry_run=True)
    report: Report = generate(project, dry)
    status.problems = [*report.errors, *report.warnings]
    status.suggested = {
        kind: sorted(
            entity.name
            for entity in report.taxonomy.entities[kind].values()
            if entity.status == "suggested"
        )
        for kind in ENTITY_KINDS
    }
    docs = project.docs.resolve()
    for path in [*dry.changed, *dry.removed]:
        relative = dry.relative(path)
        if path.is_relative_to(docs):
            status.outdated_pages.append(relative)
        elif path.is_relative_to(project.content.resolve()):
            status.outdated_content.append(relative)
    status.outdated_pages.sort()
    status.outdated_content.sort()
    return status


def _compare_sources(project: Project, status: Status) -> None:
    curated: dict[str, str] = {}  # source path -> sha256 recorded in its YAML
    for path in sorted(project.documents.glob("*.yaml")) if project.documents.is_dir() else []:
        try:
            record = load_yaml(path, path.name)
        except CurationError:
            continue  # reported by the dry run
        if isinstance(record, dict) and isinstance(record.get("source"), str):
            curated[record["source"]] = str(record.get("sha256"))
    by_hash = {sha: source for source, sha in curated.items()}
    present: dict[str, str] = {}
    for path in list_sources(project.seeds):
        relative = path.relative_to(project.root).as_posix()
        present[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
    for source, sha in present.items():
        if source in curated:
            if curated[source] != sha:
                status.changed.append(source)
        elif sha in by_hash and by_hash[sha] not in present:
            status.renamed.append((by_hash[sha], source))
        else:
            status.new.append(source)
    moved = {old for old, _ in status.renamed}
    status.removed = sorted(set(curated) - set(present) - moved)


def _list_unreviewed(project: Project, status: Status) -> None:
    for path in sorted(project.documents.glob("*.yaml")) if project.documents.is_dir() else []:
        try:
            record = load_yaml(path, path.name)
        except CurationError:
            continue
        if not isinstance(record, dict):
            continue
        for article in record.get("articles") or []:
            if isinstance(article, dict) and article.get("reviewed") is not True:
                status.unreviewed.append(f"{record.get('id')}: {article.get('id')}")


def render_status(status: Status, root: Path) -> str:
    """Render a status as the plain lines `briefing status` prints."""
    lines = []
    for label, items in (
        ("new source", status.new),
        ("changed source", status.changed),
        ("removed source", status.removed),
    ):
        lines += [f"{label}: {item}" for item in items]
    lines += [f"renamed source: {old} -> {new}" for old, new in status.renamed]
    lines += [f"problem: {problem}" for problem in status.problems]
    suggested = sum(len(names) for names in status.suggested.values())
    lines.append(f"{len(status.unreviewed)} articles not yet reviewed (set reviewed: true)")
    lines.append(
        f"{suggested} suggested entities awaiting review"
        + (
            ""
            if not suggested
            else ": "
            + ", ".join(f"{len(names)} {kind}" for kind, names in status.suggested.items() if names)
        )
    )
    lines.append(
        f"{len(status.outdated_content)} curated files and "
        f"{len(status.outdated_pages)} pages out of date"
        + (" (run `briefing build`)" if status.outdated_pages or status.outdated_content else "")
    )
    lines += [
        f"  out of date: {path}" for path in [*status.outdated_content, *status.outdated_pages][:20]
    ]
    return "\n".join(lines)
