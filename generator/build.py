"""The orchestrator: one named call per phase, in the order the data needs them."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from yaml_env_tag import construct_env_tag  # MkDocs' own !ENV tag (a dependency of MkDocs)

from generator.cache import (
    CachedExtract,
    SourceCache,
    generator_fingerprint,
    load_gazetteer_index,
    render_document_cache,
)
from generator.curation import (
    KnownIds,
    ParsedYaml,
    ValueLines,
    YamlPath,
    document_record,
    dump_yaml,
    load_known_ids,
    load_yaml_with_lines,
    merge_document,
    read_publication,
    read_text_if_any,
    text_key,
)
from generator.discover import (
    Candidate,
    Sightings,
    choose_candidates,
    find_sightings,
    known_names,
    read_sightings,
)
from generator.entities import (
    Matcher,
    build_matcher,
    document_texts,
    find_mentions,
    keys_signature,
    matching_keys,
)
from generator.errors import BriefingError, BuildError, CurationError
from generator.extract import digest_article, document_summary, proposed_fields
from generator.filekeys import FileKeys
from generator.gazetteer import region_records
from generator.harden import harden_site
from generator.ingest import ingest_sources, list_sources, reclaim_article_ids
from generator.memo import (
    CurationInputs,
    DocumentMemo,
    MemoEntry,
    adopt_digests,
    entry_warnings,
)
from generator.model import (
    ENTITY_KINDS,
    Article,
    Digest,
    Document,
    Mention,
    Paragraph,
    Publication,
)
from generator.parallel import map_documents, shared_value
from generator.project import Project
from generator.related import RELATED_FILE, RelatedMemory, memory_salt
from generator.render import (
    GENERATED_MARKER,
    SiteInfo,
    create_environment,
    render_site,
    source_file_name,
)
from generator.reuse import PAGES_FILE, PageReuse
from generator.scans import SCANS_FILE, SCANS_FORMAT, CorpusScans, gather_scans, read_scans
from generator.taxonomy import (
    Entity,
    Taxonomy,
    entity_record,
    keep_readable_copies,
    load_taxonomy,
    render_appended_entities,
    taxonomy_path,
)
from generator.writer import Writer, remove_stale_files, remove_temporary_files

log = logging.getLogger(__name__)

# The file of the source cache's folder that holds each source copy's stat and hash (not in
# the cache folder itself, where each document's cleaned text is kept under its id).
COPIES_FILE = "copies.json"
# The cache folder's folder of compiled templates (see CompiledTemplates).
COMPILED_DIR = "templates"
# The cache folder's folder of each taxonomy file's last readable copy (keep_readable_copies).
TAXONOMY_COPIES_DIR = "taxonomy"

# How far into a page the generated marker may sit (it follows the front matter).
MARKER_SEARCH_BYTES = 4096
# Files in the docs folder the generator writes: Markdown pages and the Atom feed.
GENERATED_SUFFIXES = frozenset({".md", ".xml"})


class _ConfigLoader(yaml.SafeLoader):
    """Safe loader for mkdocs.yml: resolves !ENV as MkDocs does, reads past other tags
    (!relative, !!python/name) without running them."""


_ConfigLoader.add_constructor("!ENV", construct_env_tag)
_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass
class Report:
    """What a run did and what went wrong, for the CLI to print."""

    documents: list[Document] = field(default_factory=list)
    publications: list[Publication] = field(default_factory=list)
    errors: list[BriefingError] = field(default_factory=list)  # documents skipped
    warnings: list[BriefingError] = field(default_factory=list)  # curated values set aside
    suggested: list[Entity] = field(default_factory=list)
    taxonomy: Taxonomy = field(default_factory=Taxonomy)
    changed: list[str] = field(default_factory=list)
    created: list[str] = field(default_factory=list)  # the changed files that are new
    removed: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)  # curated YAML of sources that are gone
    # Each publication's memo entry, by document id: taken from the last run or kept now.
    memo_entries: dict[str, MemoEntry] = field(default_factory=dict, repr=False)


# A run keeps millions of small objects alive to its end (paragraphs, mentions, parsed caches);
# at Python's default thresholds the collector rescans them thousands of times, a fifth of
# an unchanged large build. Cycles are still collected, only less often.
RUN_GC_THRESHOLDS = (100_000, 50, 1000)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the garbage collector's thresholds for the length of a run, then restore them;
    what the run kept out of collections (loaded_at_once) is collected as usual again."""
    previous = gc.get_threshold()
    frozen = gc.get_freeze_count()
    gc.set_threshold(*RUN_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*previous)
        if gc.get_freeze_count() and not frozen:
            gc.unfreeze()


@contextlib.contextmanager
def loaded_at_once() -> Iterator[None]:
    """Load a large batch of plain data with the collector paused, then keep it, and all
    that came before, out of collections until the run ends (see fewer_collections).

    The memo's publications are millions of objects with no cycles among them: even at the
    run's thresholds, collections scanning them were a twelfth of a +1 run at 1,000 documents.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def ingest(project: Project, writer: Writer | None = None) -> Report:
    """Ingest seeds/, propose summaries, figures and entities, and merge them into content/."""
    with fewer_collections():
        return _ingest(project, writer)


def _ingest(project: Project, writer: Writer | None) -> Report:
    report = Report()
    writer = writer or Writer(project.root)
    # A run killed mid-write leaves only temporary files, never a half-written target.
    if not writer.dry_run:
        for folder in (project.content, project.cache):
            remove_temporary_files(folder)
    parsed_yaml = ParsedYaml(project.cache / "yaml", writer, generator_fingerprint())
    # The taxonomy first: matching, discovery and the checks of curated ids all need it.
    taxonomy = report.taxonomy = load_or_create_taxonomy(project, writer, report, parsed_yaml)
    sources = list_sources(project.seeds)
    # A source put back in seeds/ gets its archived curation back before ids are read.
    restore_archived_documents(project, writer, sources)
    # Ids already curated must never change, so read them before anything new is named.
    known, errors = load_known_ids(project.content, parsed_yaml, project.snapshots)
    report.errors.extend(errors)
    # Read, clean and split each source; a broken one is reported and the rest go on.
    cache = SourceCache(project.cache / "sources", writer)
    memo = DocumentMemo(project.cache / "memo", writer, cache.fingerprint)
    with loaded_at_once():
        remembered = memo.remembered(sources, project.root)
    report.documents, failures = ingest_sources(sources, project.root, known, cache, remembered)
    report.errors.extend(failures)
    earlier = partial(earlier_proposals, project, writer, parsed_yaml)
    report.documents = [reclaim_article_ids(d, known, earlier) for d in report.documents]
    # Name entities no taxonomy lists yet; confident ones join it as suggestions.
    scans = update_scans(project, report.documents, taxonomy, cache)
    report.suggested = suggest_entities(
        project, report.documents, scans, taxonomy, writer, parsed_yaml
    )
    keep_readable_copies(project.content, taxonomy, project.cache / TAXONOMY_COPIES_DIR, writer)
    # A document whose every input is as it was last run takes that run's publication.
    matcher = build_matcher(taxonomy)
    memo.match_with(matcher)
    inputs = {d.id: curation_inputs(project, d, known, parsed_yaml) for d in report.documents}
    for document in report.documents:
        entry = memo.reuse(document, inputs[document.id], taxonomy)
        if entry is not None:
            report.memo_entries[document.id] = entry
    # Propose each article's editorial fields, then merge them under the curated ones.
    fresh = [d for d in report.documents if d.id not in report.memo_entries]
    names = {d.id: matching_keys(matcher, document_texts(d)) for d in fresh}
    digests = digest_documents(fresh, matcher, cache, names)
    for document in report.documents:
        cache_file = project.cache / f"{document.id}.json"
        entry = report.memo_entries.get(document.id)
        if entry is not None:
            report.publications.append(entry.publication)
            report.warnings.extend(entry_warnings(entry))
            if not cache_file.is_file():
                writer.write(cache_file, render_document_cache(document), durable=False)
            continue
        proposals = {a.id: proposed_fields(a, digests[a.id], matcher) for a in document.articles}
        added = inputs[document.id].added
        new = document_record(document, document_summary(document, digests), proposals, added)
        parsed = known.parsed.get(f"{document.id}.yaml")
        curated = curate_document(
            project, document, new, digests, taxonomy, writer, report, parsed_yaml, parsed
        )
        if curated is not None:
            report.publications.append(curated.publication)
            if not writer.dry_run:
                report.memo_entries[document.id] = memo.save(
                    curated.publication,
                    CurationInputs(text_key(curated.text), text_key(curated.snapshot_text), added),
                    curated.record,
                    digests,
                    taxonomy,
                    curated.problems,
                    names[document.id],
                )
        writer.write(cache_file, render_document_cache(document), durable=False)
    if not writer.dry_run:
        parsed_yaml.prune()
        memo.finish()
        cache.files.save(writer)
    # A source that left seeds/ takes its curated YAML to the archive, never to the bin.
    report.archived = archive_orphaned_documents(project, report, writer, sources)
    # Cache entries are derived data, not changes anyone reviews.
    cache_dir = project.state.resolve()
    report.changed += [
        writer.relative(p) for p in writer.changed if not p.is_relative_to(cache_dir)
    ]
    report.created += [
        writer.relative(p) for p in writer.created if not p.is_relative_to(cache_dir)
    ]
    return report


def restore_archived_documents(project: Project, writer: Writer, sources: list[Path]) -> None:
    """Move archived YAML back to content/documents/ when its source is in seeds/ again."""
    if not project.archive.is_dir():
        return
    listed = _listed(project, sources)
    for path in sorted(project.archive.glob("*.yaml")):
        try:
            record = load_yaml_with_lines(path, writer.relative(path))[0]
        except CurationError:
            continue
        source = record.get("source") if isinstance(record, dict) else None
        if not isinstance(source, str) or not listed(source):
            continue
        if (project.documents / path.name).exists():
            continue  # a new file took its place; the archive stays for the curator to compare
        for folder, target_folder in (
            (project.archive, project.documents),
            (project.archive / ".generated", project.snapshots),
        ):
            original = folder / path.name
            if original.is_file():
                writer.write(target_folder / path.name, original.read_bytes(), update=True)
                writer.remove(original)


def archive_orphaned_documents(
    project: Project, report: Report, writer: Writer, sources: list[Path]
) -> list[str]:
    """Move the curated YAML of documents whose source is gone to content/archive/; gone from
    the sources listed, that is: a file now left out (a page's saved images) is gone too.

    A document whose source is still there but failed to read this run keeps its YAML.
    Returns the archived files, relative to the project.
    """
    ingested = {document.id for document in report.documents}
    listed = _listed(project, sources)
    archived = []
    for path in sorted(project.documents.glob("*.yaml")) if project.documents.is_dir() else []:
        if path.stem in ingested:
            continue
        try:
            record = load_yaml_with_lines(path, writer.relative(path))[0]
        except CurationError:
            continue  # a broken file was reported when the ids were read; leave it be
        source = record.get("source") if isinstance(record, dict) else None
        if not isinstance(source, str) or listed(source):
            continue
        for folder, target_folder in (
            (project.documents, project.archive),
            (project.snapshots, project.archive / ".generated"),
        ):
            original = folder / path.name
            if original.is_file():
                writer.write(target_folder / path.name, original.read_bytes(), update=True)
                writer.remove(original)
        target = writer.relative(project.archive / path.name)
        if (project.root / source).exists():  # there, but no longer a document
            why, hint = (
                "is no longer read as a document",
                "if it is a document of its own, move it out of the folder saved with a web page",
            )
        else:
            why, hint = "is gone", "put the source back in seeds/ to restore it"
        report.warnings.append(
            CurationError(
                source, f"the source {why}; its curated YAML was moved to {target}", hint=hint
            )
        )
        archived.append(target)
    return archived


def _listed(project: Project, sources: list[Path]) -> Callable[[str], bool]:
    """Tell whether a record's source (project-relative, links resolved, as ingest names it)
    is among the sources listed this run; the sources are resolved when first asked about."""
    resolved: set[Path] = set()

    def listed(source: str) -> bool:
        if not resolved:
            resolved.update(path.resolve() for path in sources)
        return (project.root / source).resolve() in resolved

    return listed


def generate(project: Project, writer: Writer | None = None) -> Report:
    """Ingest, then render and write every page of the site into the docs folder."""
    with fewer_collections():
        return _generate(project, writer)


def _generate(project: Project, writer: Writer | None) -> Report:
    writer = writer or Writer(project.root)
    report = _ingest(project, writer)
    writer.forget_changes()
    # Render all pages in memory first: a template error must not leave half a site behind.
    # A page made from the same inputs as the file written last time is not rendered again.
    reuse_path = project.cache / PAGES_FILE
    reuse = PageReuse.load(reuse_path, project.docs, project.templates)
    copies = FileKeys(project.cache / "sources" / COPIES_FILE)
    for entry in report.memo_entries.values():
        adopt_digests(reuse.shared, entry)
    related_path = project.cache / RELATED_FILE
    related = RelatedMemory.read(related_path)
    pages = render_site(
        report.publications,
        report.taxonomy,
        create_environment(
            project.templates, None if writer.dry_run else project.cache / COMPILED_DIR
        ),
        read_site_info(project),
        reuse,
        related,
    )
    # Write pages and source copies, then drop generated files nothing produces any more.
    with writer.batch():
        # Reuse keeps plain files only.
        writer.keep_below(project.docs, [page for page, text in pages.items() if text is None])
        for relative, text in pages.items():
            if text is not None:
                writer.write(project.docs / relative, text)
        copied = copy_sources(project, report.documents, writer, copies)
    if not writer.dry_run:
        for path, key in copied:  # in place now that the batch is done
            copies.wrote(path, path.name, key)
    sources = project.docs / "sources"
    removed = remove_stale_files(
        writer, project.docs, lambda path: path.parent == sources or is_generated_page(path)
    )
    report.changed += [writer.relative(path) for path in writer.changed]
    report.created += [writer.relative(path) for path in writer.created]
    report.removed = [writer.relative(path) for path in removed]
    # Last, once every page is on disk: the hashes describe the files as written.
    writer.write(reuse_path, reuse.render_record(pages), update=True, durable=False)
    writer.write(related_path, related.render_record(memory_salt()), update=True, durable=False)
    if not writer.dry_run:
        copies.save(writer)
    return report


def copy_sources(
    project: Project, documents: list[Document], writer: Writer, copies: FileKeys
) -> list[tuple[Path, str]]:
    """Copy each source into the docs folder for the site to link; a copy whose stat is as
    recorded when it was written from the same bytes is kept as it is, neither source nor
    copy read. Returns the copies written, each with the hash of its bytes."""
    folder = project.docs / "sources"
    kept, copied = [], []
    for document in documents:
        name = source_file_name(document)
        if copies.key(folder / name, name)[0] == document.sha256:
            kept.append(f"sources/{name}")
            continue
        data = (project.root / document.source).read_bytes()
        writer.write(folder / name, data)
        copied.append((folder / name, hashlib.sha256(data).hexdigest()))
    writer.keep_below(project.docs, kept)
    return copied


def run_date() -> str:
    """Today's date, or the one SOURCE_DATE_EPOCH gives, so builds can be reproduced."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC).date().isoformat()
    return date.today().isoformat()


def digest_documents(
    documents: list[Document],
    matcher: Matcher,
    cache: SourceCache,
    names: Mapping[str, set[str]],
) -> dict[str, Digest]:
    """Digest every article; summaries and figures of unchanged sources come from the cache,
    and so do mentions while what matching reads of the taxonomy is the same (the names
    each document holds, by id). The documents left to digest run across the cores.
    """
    signatures = [keys_signature(matcher, names[document.id]) for document in documents]
    mentions = [
        _fitting(cache.load_mentions(document.sha256, signature), document)
        for document, signature in zip(documents, signatures, strict=True)
    ]
    extracts = [_fitting(cache.load_extracts(document.sha256), document) for document in documents]
    pending = [n for n in range(len(documents)) if mentions[n] is None or extracts[n] is None]
    jobs = [
        (documents[n].articles, documents[n].title, mentions[n], extracts[n] is None)
        for n in pending
    ]
    for n, (found, fresh) in zip(
        pending, map_documents(_digest_articles, jobs, matcher=matcher), strict=True
    ):
        if mentions[n] is None:
            mentions[n] = found
            cache.save_mentions(documents[n].sha256, signatures[n], found)
        if fresh is not None:
            extracts[n] = fresh
            cache.save_extracts(documents[n].sha256, fresh)
    return {
        article.id: Digest(extract.summary, extract.key_points, extract.figures, found)
        for document, article_mentions, article_extracts in zip(
            documents, mentions, extracts, strict=True
        )
        for article, found, extract in zip(
            document.articles, article_mentions or (), article_extracts or (), strict=True
        )
    }


def _fitting(cached: list[Any] | None, document: Document) -> list[Any] | None:
    """A cached list per article, if it has one entry per article of the document."""
    return cached if cached is not None and len(cached) == len(document.articles) else None


def _digest_articles(
    job: tuple[tuple[Article, ...], str, list[tuple[Mention, ...]] | None, bool],
) -> tuple[list[tuple[Mention, ...]], list[CachedExtract] | None]:
    """One document's mentions (unless given) and, when asked, its extracts; in a worker."""
    articles, title, found, extract = job
    matcher: Matcher = shared_value("matcher")
    if found is None:
        # Its headline and the document's title set the scene for each article's body.
        found = [
            find_mentions(matcher, article.paragraphs, (title, article.title))
            for article in articles
        ]
    if not extract:
        return found, None
    digests = [digest_article(a, m) for a, m in zip(articles, found, strict=True)]
    return found, [CachedExtract(d.summary, d.key_points, d.figures) for d in digests]


def load_or_create_taxonomy(
    project: Project, writer: Writer, report: Report, parsed_yaml: ParsedYaml
) -> Taxonomy:
    """Load content/*.yaml; a project without regions gets them from the gazetteer."""
    regions = taxonomy_path(project.content, "regions")
    if not regions.exists():
        writer.write(regions, dump_yaml(region_records()))
    taxonomy, errors = load_taxonomy(
        project.content, parsed_yaml, project.cache / TAXONOMY_COPIES_DIR
    )
    report.warnings.extend(errors)
    return taxonomy


def suggest_entities(
    project: Project,
    documents: list[Document],
    scans: CorpusScans,
    taxonomy: Taxonomy,
    writer: Writer,
    parsed_yaml: ParsedYaml,
) -> list[Entity]:
    """Add confident new entities to the taxonomy files, marked suggested, and return them.

    scans: what discovery saw in the documents (update_scans).
    parsed_yaml: keeps the parse of each file given entities, so the next run need not parse it.
    """
    if taxonomy.broken:
        # A broken taxonomy file: what it knows now cannot be told, so any name may be one of
        # its own (Chungnam would be suggested as a company); it is left as the person left it.
        return []
    authors = [
        (article.company, article.title)
        for document in documents
        for article in document.articles
        if article.company
    ]
    found = [scans.unknown.get(document.sha256, ()) for document in documents]
    candidates = choose_candidates(found, scans.words, taxonomy, authors)
    added: dict[str, list[Entity]] = {kind: [] for kind in ENTITY_KINDS}
    for candidate in candidates:
        entity = _suggested_entity(candidate, taxonomy)
        taxonomy.add(entity)
        added[entity.kind].append(entity)
    for kind, entities in added.items():
        if entities:
            path = taxonomy_path(project.content, kind)
            existing = path.read_text(encoding="utf-8") if path.exists() else ""
            text = render_appended_entities(existing, entities)
            writer.write(path, text, update=True)
            records = [entity_record(entity) for entity in entities]
            parsed_yaml.remember_appended(existing, text, records, writer.relative(path))
    return [entity for kind in ENTITY_KINDS for entity in added[kind]]


def update_scans(
    project: Project, documents: list[Document], taxonomy: Taxonomy, cache: SourceCache
) -> CorpusScans:
    """What discovery saw in the corpus: the last run's, brought up to these documents and
    this taxonomy (see generator.scans), and kept for the next run."""
    path = project.cache / SCANS_FILE
    salt = f"{SCANS_FORMAT}/{cache.fingerprint}"
    scans = gather_scans(
        documents,
        known_names(taxonomy),
        read_scans(path, salt),
        partial(_cached_scan, cache),
        partial(scan_documents, cache=cache),
    )
    if not cache.writer.dry_run:
        cache.writer.write(path, scans.render_record(salt), update=True, durable=False)
    return scans


def _cached_scan(cache: SourceCache, sha256: str) -> Sightings | None:
    data = cache.load_sightings(sha256)
    return read_sightings(data) if data is not None else None


def scan_documents(documents: Sequence[Document], cache: SourceCache) -> dict[str, Sightings]:
    """What discovery sees in each document, by id: from the source cache, else scanned
    across the cores."""
    scans = [_cached_scan(cache, document.sha256) for document in documents]
    pending = [number for number, scan in enumerate(scans) if scan is None]
    if pending:
        # The gazetteer is loaded only when some source needs a fresh scan.
        gazetteer = load_gazetteer_index(cache.folder, cache.writer)
        texts = [[a.paragraphs for a in documents[number].articles] for number in pending]
        fresh = map_documents(_scan_texts, texts, gazetteer=gazetteer)
        for number, scan in zip(pending, fresh, strict=True):
            scans[number] = scan
            cache.save_sightings(
                documents[number].sha256,
                {"found": list(scan.found), "lowercase": sorted(scan.lowercase)},
            )
    return {
        document.id: scan
        for document, scan in zip(documents, scans, strict=True)
        if scan is not None
    }


def _scan_texts(texts: list[tuple[Paragraph, ...]]) -> Sightings:
    """Scan one document's articles for new names; in a worker."""
    return find_sightings(texts, shared_value("gazetteer"))


def _suggested_entity(candidate: Candidate, taxonomy: Taxonomy) -> Entity:
    fields = {key: value for key, value in candidate.fields.items() if value is not None}
    return Entity(
        id=taxonomy.free_id(candidate.kind, candidate.name, fields.get("country")),
        kind=candidate.kind,
        name=candidate.name,
        aliases=tuple(candidate.aliases),
        status="suggested",
        fields=fields,
    )


def curate_document(
    project: Project,
    document: Document,
    new: dict[str, Any],
    digests: dict[str, Digest],
    taxonomy: Taxonomy,
    writer: Writer,
    report: Report,
    parsed_yaml: ParsedYaml,
    parsed: tuple[str, Any, Mapping[YamlPath, int]] | None = None,
) -> Curated | None:
    """Merge the new proposal into the document's curated YAML and read back what to show.

    A YAML file a person broke is left exactly as it is and its document is not shown until
    it is fixed; the error names the file and the line.

    Args:
        project: the project's folders.
        document: the ingested document.
        new: the generator's proposed record.
        digests: every article's digest, by article id.
        taxonomy: the entities curated ids must name.
        writer: the run's writer.
        report: collects errors and warnings.
        parsed_yaml: parses curated YAML, from the cache when it can.
        parsed: the curated file's text, data and lines as load_known_ids read them.
    """
    path = project.documents / f"{document.id}.yaml"
    snapshot = project.snapshots / f"{document.id}.yaml"
    label = writer.relative(path)
    try:
        text, current, lines = _curated_record(path, label, parsed_yaml, parsed)
        snapshot_text = read_text_if_any(snapshot, writer.relative(snapshot))
        base = (
            parsed_yaml.read(snapshot_text, writer.relative(snapshot))[0]
            if snapshot_text is not None
            else None
        )
    except CurationError as error:
        if str(error) not in {str(reported) for reported in report.errors}:
            report.errors.append(error)  # reading the curated ids may have reported it already
        return None
    if taxonomy.unreadable:
        new = _last_tags_of(new, base or current)
    merged = merge_document(current, base, new)
    # A file whose merge changes nothing is not rewritten: its bytes, comments and layout
    # stay exactly as the curator left them.
    if merged != current:
        text = dump_yaml(merged)
        writer.write(path, text)
        parsed_yaml.remember(text, merged, path)
        lines = ValueLines(text, label)
    if new != base:
        snapshot_text = dump_yaml(new)
        writer.write(snapshot, snapshot_text)
        parsed_yaml.remember(snapshot_text, new, snapshot)
    publication, problems = read_publication(merged, lines, label, document, digests, taxonomy)
    report.warnings.extend(problems)
    return Curated(publication, merged, problems, text, snapshot_text)


def _last_tags_of(new: dict[str, Any], last: Any) -> dict[str, Any]:
    """The new proposal with its tags as last proposed (else as curated), for a run with a
    broken taxonomy file: matching without that file's entities would propose none of them,
    and the merge would empty every document's lists; names of other kinds it overlapped
    would be tagged instead."""
    articles = last.get("articles") if isinstance(last, dict) else None
    earlier = {
        article["id"]: article
        for article in articles or ()
        if isinstance(article, dict) and isinstance(article.get("id"), str)
    }
    kept = []
    for article in new["articles"]:
        before = earlier.get(article["id"], {})
        kept.append(article | {kind: before[kind] for kind in ENTITY_KINDS if kind in before})
    return new | {"articles": kept}


@dataclass(frozen=True)
class Curated:
    """A document's curation: what the site shows, and the files it was read from."""

    publication: Publication
    record: dict[str, Any]  # the merged record, as content/documents/ holds it
    problems: list[CurationError]  # curated values set aside
    text: str | None  # the curated file's text, as the run leaves it
    snapshot_text: str | None  # the snapshot's text, as the run leaves it


def earlier_proposals(
    project: Project, writer: Writer, parsed_yaml: ParsedYaml, document_id: str
) -> dict[str, str]:
    """What the generator last proposed for each article of a document, by article id: its
    summary and key points, as the record's snapshot keeps them, else as the curated record
    holds them; none when neither can be read (curation reports why)."""
    for folder in (project.snapshots, project.documents):
        path = folder / f"{document_id}.yaml"
        label = writer.relative(path)
        try:
            text = read_text_if_any(path, label)
            record = parsed_yaml.read(text, label)[0] if text else None
        except CurationError:
            continue
        if isinstance(record, dict) and isinstance(record.get("articles"), list):
            return {
                article["id"]: " ".join(_proposed_texts(article))
                for article in record["articles"]
                if isinstance(article, dict) and isinstance(article.get("id"), str)
            }
    return {}


def _proposed_texts(article: dict[str, Any]) -> list[str]:
    points = article.get("key_points")
    texts = [article.get("summary"), *(points if isinstance(points, list) else [])]
    return [text for text in texts if isinstance(text, str)]


def curation_inputs(
    project: Project, document: Document, known: KnownIds, parsed_yaml: ParsedYaml
) -> CurationInputs:
    """What a document's curation reads besides the document, for the memo to compare."""
    # The snapshot of a curated record was looked at with the record's ids.
    snapshot = known.snapshot_keys.get(f"{document.id}.yaml")
    try:
        if snapshot is None:
            path = project.snapshots / f"{document.id}.yaml"
            snapshot = text_key(read_text_if_any(path, "snapshot"))
    except CurationError:
        snapshot = "unreadable"  # matches no entry; curation reports it
    else:
        if snapshot:
            parsed_yaml.keep(snapshot)  # a reused document does not parse it, but keeps it
    return CurationInputs(
        curated=known.keys.get(f"{document.id}.yaml", ""),
        snapshot=snapshot,
        added=known.added.get(document.id) or run_date(),
    )


def _curated_record(
    path: Path,
    label: str,
    parsed_yaml: ParsedYaml,
    parsed: tuple[str, Any, Mapping[YamlPath, int]] | None,
) -> tuple[str | None, Any, Mapping[YamlPath, int]]:
    """A curated file's text, data and lines: parsed already when its text is still the same."""
    text = read_text_if_any(path, label)
    if text is None:
        return None, None, {}
    if parsed is not None and text == parsed[0]:
        return text, parsed[1], parsed[2]
    return text, *parsed_yaml.read(text, label)


def build_site(project: Project, strict: bool = False) -> None:
    """Build the static site from the docs folder with MkDocs, as `mkdocs build` would."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        config = load_config(str(project.mkdocs_config), strict=strict)
        build(config)
        # The policy hashes the inline scripts of each finished page, so it comes last.
        site = Path(config["site_dir"])
        harden_site(site, Writer(site))
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


def read_site_info(project: Project) -> SiteInfo:
    """Read the site-wide values of mkdocs.yml, so the pages, the feed and the theme agree."""
    try:
        config = yaml.load(project.mkdocs_config.read_text(encoding="utf-8"), Loader=_ConfigLoader)
    except (OSError, yaml.YAMLError) as error:
        raise BuildError(
            "mkdocs.yml", f"cannot read it ({error})", hint="restore mkdocs.yml from git"
        ) from error
    config = config if isinstance(config, dict) else {}
    return SiteInfo(
        name=str(config.get("site_name") or "Briefings"),
        url=str(config.get("site_url") or ""),
        description=str(config.get("site_description") or ""),
        directory_urls=config.get("use_directory_urls") is not False,
        search_full_text=_briefing_setting(config, "search_full_text", True) is not False,
    )


def _briefing_setting(config: dict[str, Any], name: str, default: object) -> object:
    """Read one of the generator's settings, kept under `extra: briefing:` in mkdocs.yml."""
    extra = config.get("extra")
    settings = extra.get("briefing") if isinstance(extra, dict) else None
    return settings.get(name, default) if isinstance(settings, dict) else default


def is_generated_page(path: Path) -> bool:
    """Tell a page (or the feed) the generator made by its marker; hand-written ones have none."""
    if path.suffix not in GENERATED_SUFFIXES:
        return False
    with path.open("rb") as stream:
        return GENERATED_MARKER.encode() in stream.read(MARKER_SEARCH_BYTES)
