"""Ingest stage: read, clean and split every source, then give documents, articles and
paragraphs their stable ids."""

from __future__ import annotations

import hashlib
import html
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from urllib.parse import unquote

from generator.cache import SourceCache
from generator.clean import clean_source
from generator.curation import KnownIds
from generator.errors import BriefingError
from generator.model import (
    Article,
    ArticleDraft,
    CleanText,
    Document,
    DocumentDraft,
    Paragraph,
)
from generator.parallel import map_documents
from generator.readers import MAX_SOURCE_BYTES, decode_bytes, project_path, read_source
from generator.split import split_document
from generator.summarize import content_terms
from generator.text import detect_language, normalize_title, slugify

# Document slugs stay short enough to read in a URL; article slugs a little longer.
DOCUMENT_SLUG_LENGTH = 60
ARTICLE_SLUG_LENGTH = 70
# How much of what the generator last proposed for an article (its content terms) an article
# read anew must hold to take that article's curated id back (see reclaim_article_ids): the
# same text read otherwise holds nearly all; another article on the same subject far less.
RECLAIM_SHARE = 0.8
# Files a system or an office suite leaves among documents, never documents themselves:
# Windows' thumbnail caches and folder settings, the Mac's custom folder icon, and the owner
# file Word, Excel and PowerPoint keep beside a file while it is open ("~$report.docx").
SYSTEM_FILES = frozenset({"thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini", "icon\r"})
OWNER_FILE_PREFIX = "~$"
# The pages a browser saves with a folder of their files, and what joins the page's name to
# the folder's ("_files"; "-Dateien", "_fichiers", ".files"... in other languages).
PAGE_SUFFIXES = frozenset({".html", ".htm"})
COMPANION_SEPARATORS = frozenset("_-.")


@dataclass(frozen=True)
class IngestedSource:
    """One source through reading, cleaning and splitting, before ids are given."""

    clean: CleanText
    draft: DocumentDraft


def list_sources(seeds_dir: Path) -> list[Path]:
    """List the documents in seeds/, sorted: every file but hidden ones, the files a system or
    an office suite leaves among documents, and what a browser saved beside a page."""
    if not seeds_dir.is_dir():
        return []
    entries = [
        path
        for path in seeds_dir.rglob("*")
        if not any(part.startswith(".") for part in path.relative_to(seeds_dir).parts)
    ]
    companions = page_companion_folders(entries)
    return sorted(
        path
        for path in entries
        if path.is_file()
        and not _is_system_file(path.name)
        and not (companions and any(folder in companions for folder in path.parents))
    )


def _is_system_file(name: str) -> bool:
    folded = name.casefold()
    return folded in SYSTEM_FILES or folded.startswith(OWNER_FILE_PREFIX)


def page_companion_folders(entries: list[Path]) -> set[Path]:
    """The folders among entries that a browser saved with a page ("Save as: Webpage,
    complete"): its images, styles, scripts and frames, part of the page, not documents.

    Such a folder is named after the page ("Page_files" beside "Page.html"; "Page-Dateien"
    from a German browser) and the page refers to files in it. A folder only named alike
    ("report_2024" beside "report.html") is read as any other.
    """
    pages: dict[Path, list[Path]] = defaultdict(list)  # by folder
    for path in entries:
        if path.suffix.lower() in PAGE_SUFFIXES and path.is_file():
            pages[path.parent].append(path)
    companions = set()
    for folder in entries:
        named_after = [
            page
            for page in pages.get(folder.parent, ())
            if folder.name[: len(page.stem)] == page.stem
            and folder.name[len(page.stem) : len(page.stem) + 1] in COMPANION_SEPARATORS
        ]
        if named_after and folder.is_dir() and any(_refers_to(p, folder.name) for p in named_after):
            companions.add(folder)
    return companions


def _refers_to(page: Path, folder_name: str) -> bool:
    """Tell whether a saved page refers to a file in the folder of that name beside it, as
    written (in its own encoding) or percent-encoded."""
    try:
        data = page.read_bytes()[:MAX_SOURCE_BYTES]
        text = decode_bytes(page.name, data)[0]
    except (OSError, BriefingError):
        return False
    return f"{folder_name}/" in unquote(html.unescape(text))


def read_and_split(path: Path, root: Path) -> IngestedSource:
    """Read, clean and split one source file; raises SourceError naming the file."""
    clean = clean_source(read_source(path, root))
    return IngestedSource(clean=clean, draft=split_document(clean))


def ingest_sources(
    paths: list[Path],
    root: Path,
    known: KnownIds,
    cache: SourceCache | None = None,
    remembered: Mapping[str, Document] | None = None,
) -> tuple[list[Document], list[BriefingError]]:
    """Ingest every path, isolating failures: a broken file is reported, the rest go on.

    With a cache, a source whose bytes were read before by the same generator is not re-read.
    A remembered document (the last run's, by source path) whose bytes are the same is taken
    as it is when its ids come out the same. Sources to read run across the cores; ids are
    given afterwards, in path order.
    """
    readings: list[IngestedSource | Document | BriefingError | None] = []
    folders: dict[Path, Path] = {}  # resolved once for all sources
    for path in paths:
        try:
            readings.append(_known_reading(path, root, cache, remembered or {}, folders))
        except BriefingError as error:
            readings.append(error)
    pending = [number for number, reading in enumerate(readings) if reading is None]
    fresh = map_documents(_read_source, [(paths[number], root) for number in pending])
    for number, reading in zip(pending, fresh, strict=True):
        readings[number] = reading
        if cache and isinstance(reading, IngestedSource):
            cache.save_reading(reading.clean.source, reading.clean.publisher, reading.draft)
    documents: list[Document] = []
    errors: list[BriefingError] = []
    for path, reading in zip(paths, readings, strict=True):
        if isinstance(reading, Document):
            reading = _identify_remembered(reading, known, partial(_reading, path, root, cache))
        elif isinstance(reading, IngestedSource):
            reading = identify_document(reading, known)
        if isinstance(reading, Document):
            documents.append(reading)
        elif isinstance(reading, BriefingError):
            errors.append(reading)
    return documents, errors


def _known_reading(
    path: Path,
    root: Path,
    cache: SourceCache | None,
    remembered: Mapping[str, Document],
    folders: dict[Path, Path],
) -> IngestedSource | Document | None:
    """The remembered document of a source whose bytes are the same, else its cached
    reading, else None."""
    relative = project_path(path, root, folders)
    if cache is None:
        return None
    sha256, info = cache.files.key(path, relative)
    if info is None or info.st_size > MAX_SOURCE_BYTES:
        return None  # let the reader refuse it with its own message
    if sha256 is None:
        sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
        cache.files.record(relative, info, sha256)
    document = remembered.get(relative)
    if document is not None and document.sha256 == sha256:
        return document
    return _cached_reading(sha256, relative, cache)


def _identify_remembered(
    document: Document,
    known: KnownIds,
    reading: Callable[[], IngestedSource | BriefingError],
) -> Document | BriefingError:
    """Give a remembered document its ids as identify_document would: the document itself
    when they are the ones it has, else the document made again from its reading."""
    document_id = known.by_source.get(document.source) or known.by_sha256.get(document.sha256)
    if document_id != document.id:
        # A new id depends on the draft's date, which the document does not keep.
        return _identified(reading(), known)
    known.taken_documents.add(document_id)
    ids = [_article_id(document_id, article.title, known) for article in document.articles]
    if ids == [article.id for article in document.articles]:
        return document
    again = reading()
    return again if isinstance(again, BriefingError) else _document(again, document_id, ids)


def _identified(
    reading: IngestedSource | BriefingError, known: KnownIds
) -> Document | BriefingError:
    return reading if isinstance(reading, BriefingError) else identify_document(reading, known)


def _reading(path: Path, root: Path, cache: SourceCache | None) -> IngestedSource | BriefingError:
    """A source's reading, from the cache when it has one."""
    if cache is not None:
        relative = project_path(path, root)
        cached = _cached_reading(hashlib.sha256(path.read_bytes()).hexdigest(), relative, cache)
        if cached is not None:
            return cached
    reading = _read_source((path, root))
    if cache is not None and isinstance(reading, IngestedSource):
        cache.save_reading(reading.clean.source, reading.clean.publisher, reading.draft)
    return reading


def _read_source(job: tuple[Path, Path]) -> IngestedSource | BriefingError:
    """Read one source in a worker: its reading without the full text (nothing after
    splitting needs it), or the error that names the file."""
    path, root = job
    try:
        ingested = read_and_split(path, root)
    except BriefingError as error:
        return error
    clean = ingested.clean
    light = CleanText(source=replace(clean.source, text=""), lines=(), publisher=clean.publisher)
    return IngestedSource(clean=light, draft=ingested.draft)


def _cached_reading(sha256: str, relative: str, cache: SourceCache) -> IngestedSource | None:
    """A source's cached reading, or None when it must be read afresh.

    The cached reading keeps no full text: only what ids, articles and pages need.
    """
    cached = cache.load_reading(sha256, relative)
    if cached is None:
        return None
    source, publisher, draft = cached
    return IngestedSource(
        clean=CleanText(source=source, lines=(), publisher=publisher), draft=draft
    )


def identify_document(ingested: IngestedSource, known: KnownIds) -> Document:
    """Give a split document its id and its articles ids, reusing ids already curated."""
    clean, draft = ingested.clean, ingested.draft
    source = clean.source
    document_id = (
        known.by_source.get(source.path)
        or known.by_sha256.get(source.sha256)
        or _new_document_id(_title(ingested), draft.date, known)
    )
    known.taken_documents.add(document_id)
    ids = [_article_id(document_id, article.title, known) for article in draft.articles]
    return _document(ingested, document_id, ids)


def _title(ingested: IngestedSource) -> str:
    source = ingested.clean.source
    return ingested.draft.title or source.title or Path(source.path).stem


def _document(ingested: IngestedSource, document_id: str, article_ids: list[str]) -> Document:
    """The document of a reading, under the ids identify_document gave it."""
    clean, draft = ingested.clean, ingested.draft
    source = clean.source
    articles = tuple(
        _article(article_id, article)
        for article_id, article in zip(article_ids, draft.articles, strict=True)
    )
    return Document(
        id=document_id,
        source=source.path,
        sha256=source.sha256,
        kind=draft.kind,
        title=_title(ingested),
        publisher=draft.publisher or clean.publisher,
        date=draft.date or source.date,
        language=_main_language(articles),
        format=source.format,
        encoding=source.encoding,
        articles=articles,
    )


def _new_document_id(title: str, date: str | None, known: KnownIds) -> str:
    base = slugify(title, DOCUMENT_SLUG_LENGTH)
    if date and date[:4] not in base:
        base = f"{base}-{date}"
    return _unique(base, known.taken_documents)


def reclaim_article_ids(
    document: Document, known: KnownIds, earlier: Callable[[str], Mapping[str, str]]
) -> Document:
    """Give the curated ids no article of the document found again by its title back to the
    articles they belong to.

    A title read otherwise than before (a better reading of the same source) would give its
    article a new id, leaving its address and its curated edits behind. An id left over goes
    to an article the document newly named whose text holds most of what the generator last
    proposed for the id's article: its summary and key points quote the text.

    earlier(document id) gives that proposal's text by article id; it is read only when some
    id is left over.
    """
    declared = known.declared.get(document.id, [])
    ids = {article.id for article in document.articles}
    unclaimed = [article_id for article_id in declared if article_id not in ids]
    fresh = [n for n, article in enumerate(document.articles) if article.id not in declared]
    if not unclaimed or not fresh:
        return document
    texts = earlier(document.id)
    proposed = [set(content_terms(texts.get(article_id, ""))) for article_id in unclaimed]
    held = [
        set(content_terms(" ".join(p.text for p in document.articles[n].paragraphs))) for n in fresh
    ]
    pairs = sorted(
        (-share, u, f)
        for u, terms in enumerate(proposed)
        for f, text_terms in enumerate(held)
        if (share := _share_held(terms, text_terms)) >= RECLAIM_SHARE
    )
    articles = list(document.articles)
    taken_ids: set[int] = set()
    taken_articles: set[int] = set()
    for _, u, f in pairs:  # the best-matched first; each id and article once
        if u not in taken_ids and f not in taken_articles:
            taken_ids.add(u)
            taken_articles.add(f)
            articles[fresh[f]] = replace(articles[fresh[f]], id=unclaimed[u])
    return replace(document, articles=tuple(articles)) if taken_ids else document


def _share_held(terms: set[str], held: set[str]) -> float:
    return len(terms & held) / len(terms) if terms else 0.0


def _article_id(document_id: str, title: str, known: KnownIds) -> str:
    """The id of the document's next article of this title: that title's curated ids in
    order, then new ones."""
    title_key = normalize_title(title)
    curated = known.articles.setdefault((document_id, title_key), [])
    used = known.used_articles.setdefault((document_id, title_key), 0)
    if used < len(curated):
        article_id = curated[used]
    else:
        article_id = _unique(slugify(title, ARTICLE_SLUG_LENGTH), known.taken_articles)
        curated.append(article_id)
    known.used_articles[(document_id, title_key)] = used + 1
    known.taken_articles.add(article_id)
    return article_id


def _article(article_id: str, draft: ArticleDraft) -> Article:
    return Article(
        id=article_id,
        title=draft.title,
        date=draft.date,
        author=draft.author,
        section=draft.section,
        subtitles=draft.subtitles,
        company=draft.company,
        paragraphs=_paragraphs(draft),
    )


def _paragraphs(draft: ArticleDraft) -> tuple[Paragraph, ...]:
    """Anchor each block by a hash of its text, so an edit elsewhere leaves its id alone."""
    seen: Counter[str] = Counter()
    paragraphs = []
    for block in draft.blocks:
        digest = hashlib.sha1(block.text.encode("utf-8")).hexdigest()[:7]
        seen[digest] += 1
        anchor = f"p-{digest}" if seen[digest] == 1 else f"p-{digest}-{seen[digest]}"
        paragraphs.append(
            Paragraph(
                id=anchor, text=block.text, kind=block.kind, language=detect_language(block.text)
            )
        )
    return tuple(paragraphs)


def _main_language(articles: tuple[Article, ...]) -> str:
    weights: Counter[str] = Counter()
    for article in articles:
        for paragraph in article.paragraphs:
            weights[paragraph.language] += len(paragraph.text)
    return min(weights.items(), key=lambda pair: (-pair[1], pair[0]))[0] if weights else "en"


def _unique(base: str, taken: set[str]) -> str:
    """Return base, or base-2, base-3... whichever is free; the order of calls decides."""
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    taken.add(candidate)
    return candidate
