"""The orchestrator: one named call per phase, in the order the data needs them."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from generator.cache import render_document_cache
from generator.curation import document_record, dump_yaml, load_known_ids
from generator.errors import BriefingError
from generator.ingest import ingest_sources, list_sources
from generator.model import Document
from generator.project import Project
from generator.writer import Writer

log = logging.getLogger(__name__)


@dataclass
class Report:
    """What a run did and what went wrong, for the CLI to print."""

    documents: list[Document] = field(default_factory=list)
    errors: list[BriefingError] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)


def ingest(project: Project) -> Report:
    """Ingest every source in seeds/ and write its curated YAML and its text cache."""
    report = Report()
    # Ids already curated must never change, so read them before anything new is named.
    known, report.errors = load_known_ids(project.content)
    # Read, clean and split each source; a broken one is reported and the rest go on.
    report.documents, failures = ingest_sources(list_sources(project.seeds), project.root, known)
    report.errors.extend(failures)
    # Write the editorial YAML and the derived text, skipping files whose bytes are unchanged.
    writer = Writer(project.root)
    for document in report.documents:
        writer.write(project.documents / f"{document.id}.yaml", dump_yaml(document_record(document)))
        writer.write(project.cache / f"{document.id}.json", render_document_cache(document))
    report.changed = [writer.relative(path) for path in writer.changed]
    return report
