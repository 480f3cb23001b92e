"""Document memo: a document whose every input is what it was in the last run takes that run's
publication, instead of being digested, proposed for and curated again.

What a document's publication is made from, and how the memo tells it is the same:

- its source and the generator: the source's hash, its path and the generator's fingerprint;
- its ids: the ingested document (ids included) equals the one kept;
- its curation: the hashes of its curated YAML and of its snapshot, and its `added` date;
- the taxonomy, as matching reads it: the names of the taxonomy its text and titles hold,
  with what the taxonomy says of each (as the mentions cache's signature does); names added
  to the taxonomy since are looked for in its text;
- the taxonomy, as curation reads it: what each entity id its record and mentions name
  resolves to.

Entries are derived data kept in the cache folder; `--full` deletes them with the rest.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import pickle
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick

from generator.cache import DAMAGED_PICKLE, RestrictedUnpickler, load_plain_pickle
from generator.entities import Matcher, document_texts, keys_signature, matching_keys
from generator.errors import CurationError, SourceError
from generator.model import ENTITY_KINDS, Digest, Document, PackedMentions, Publication
from generator.readers import project_path
from generator.reuse import SharedDigests
from generator.taxonomy import Taxonomy
from generator.text import name_key
from generator.writer import Writer

# Bump when what an entry holds changes; code changes are caught by the fingerprint.
MEMO_FORMAT = 6
MATCHING_FILE = "matching.json"
# The classes an entry may hold: an entry is read back with nothing else allowed.
_ENTRY_CLASSES = frozenset(
    {
        ("generator.model", name)
        for name in (
            "Article",
            "Author",
            "Briefing",
            "Document",
            "Figure",
            "Mention",
            "PackedMentions",
            "Paragraph",
            "Publication",
        )
    }
    | {("generator.memo", "MemoEntry")}
)

Lookup = tuple[str, str, str | None, bool | None]  # kind, id, resolved id, active


@dataclass(frozen=True)
class MemoEntry:
    """One document's publication with the inputs it was made from."""

    fingerprint: str  # of the generator and the memo format
    curated: str  # hash of the curated YAML file as the run left it
    snapshot: str  # hash of the snapshot file as the run left it ("" when none)
    added: str  # the date the record was proposed with
    keys: tuple[str, ...]  # the taxonomy's names the text and titles hold, by name_key
    # What matching read of them: the matcher's context (keys_signature of no names) and each
    # name's signature, in keys' order.
    context: str
    key_signatures: tuple[str, ...]
    lookups: tuple[Lookup, ...]  # the entity ids curation resolved, and to what
    publication: Publication
    warnings: tuple[tuple[str, str, int | None, str | None, str | None], ...]
    digests: tuple[str, str, tuple[str, ...], tuple[str, ...]]  # publication, document,
    # articles, briefings: their shared digests, adopted by page reuse


@dataclass(frozen=True)
class CurationInputs:
    """What a document's curation reads besides the document, as hashes and values."""

    curated: str
    snapshot: str
    added: str


class DocumentMemo:
    """The entries of the last run, checked against this run's inputs and matcher."""

    def __init__(self, folder: Path, writer: Writer, generator: str) -> None:
        self.folder = folder
        self.writer = writer
        self.fingerprint = f"{MEMO_FORMAT}/{generator}"  # generator: its code's fingerprint
        self.entries: dict[str, MemoEntry] = {}  # by source path
        self.used: set[Path] = set()
        self.checked: set[str] = set()  # sources whose names were checked against this matcher
        # Set by match_with: this run's matcher, and what the last run's held.
        self.matcher = Matcher(None, Taxonomy(), {})
        self._previous_keys: set[str] = set()
        self._previous_sources: set[str] = set()
        self._added: ahocorasick.Automaton | None = None
        self._context = ""
        # Each entry's document texts as matching reads them, pickled after the entry, by
        # source: unpickled only when names new since the last run are looked for.
        self._texts: dict[str, bytes] = {}

    def _path(self, source: str) -> Path:
        return self.folder / f"{hashlib.sha256(source.encode()).hexdigest()[:32]}.pickle"

    def remembered(self, paths: Iterable[Path], root: Path) -> dict[str, Document]:
        """Read the entries of these sources this generator made; return their documents."""
        folders: dict[Path, Path] = {}  # resolved once for all sources
        for path in paths:
            try:
                source = project_path(path, root, folders)
            except SourceError:
                continue  # ingest reports it
            entry_path = self._path(source)
            entry, text = _load_entry(entry_path)
            if entry is None:
                continue
            self.used.add(entry_path)
            if entry.fingerprint == self.fingerprint:
                self.entries[source] = entry
                self._texts[source] = text
        return {source: entry.publication.document for source, entry in self.entries.items()}

    def match_with(self, matcher: Matcher) -> None:
        """Check names with this run's matcher: those new since the last run are looked for."""
        previous = _read_json(self.folder / MATCHING_FILE)
        self._previous_keys = set(previous.get("keys") or ())
        self._previous_sources = set(previous.get("sources") or ())
        self.matcher = matcher
        self._context = keys_signature(matcher, ())
        self._added = _automaton(k for k in matcher.signatures if k not in self._previous_keys)
        if self._added is None:
            self._texts.clear()  # no name to look for: the kept texts are not needed

    def reuse(
        self, document: Document, inputs: CurationInputs, taxonomy: Taxonomy
    ) -> MemoEntry | None:
        """Return the kept entry of a document if every input it was made from is the same."""
        entry = self.entries.get(document.source)
        if (
            entry is None
            or (entry.curated, entry.snapshot, entry.added)
            != (inputs.curated, inputs.snapshot, inputs.added)
            or entry.publication.document != document
        ):
            return None
        if any(
            _resolved(taxonomy, kind, entity_id) != (to, active)
            for kind, entity_id, to, active in entry.lookups
        ):
            return None
        if self._names_now(document, entry) is None:
            return None
        return entry

    def _names_now(self, document: Document, entry: MemoEntry) -> set[str] | None:
        """The taxonomy names the document holds now, if what matching reads of them is as
        it was when the entry was made; None when it changed."""
        if document.source in self._previous_sources:
            # Checked against the last run's names: only names new since can have appeared.
            added = self._added_names(document)
            if not added and self._same_names(entry):
                self.checked.add(document.source)
                return set(entry.keys)
            keys = {key for key in entry.keys if key in self.matcher.signatures} | added
        else:
            keys = matching_keys(self.matcher, document_texts(document))
        if tuple(sorted(keys)) != entry.keys or not self._same_names(entry):
            return None
        self.checked.add(document.source)
        return keys

    def _added_names(self, document: Document) -> set[str]:
        """The names new since the last run that the document's texts may hold."""
        if self._added is None:
            return set()
        text = _kept_text(self._texts.pop(document.source, b"")) or matched_text(document)
        return {key for _, key in self._added.iter(text)}

    def _same_names(self, entry: MemoEntry) -> bool:
        """Whether what matching reads of the entry's names is as it was when it was made."""
        signatures = self.matcher.signatures
        return entry.context == self._context and entry.key_signatures == tuple(
            signatures.get(key) for key in entry.keys
        )

    def save(
        self,
        publication: Publication,
        inputs: CurationInputs,
        record: Mapping[str, Any],
        digests: Mapping[str, Digest],
        taxonomy: Taxonomy,
        warnings: Iterable[CurationError],
        keys: set[str],
    ) -> MemoEntry:
        """Keep a document's publication with the inputs it was made from (keys: the
        taxonomy's names its texts hold, matching_keys); return the entry."""
        document = publication.document
        shared = SharedDigests()
        entry = MemoEntry(
            fingerprint=self.fingerprint,
            curated=inputs.curated,
            snapshot=inputs.snapshot,
            added=inputs.added,
            keys=tuple(sorted(keys)),
            context=self._context,
            key_signatures=tuple(self.matcher.signatures.get(key, "-") for key in sorted(keys)),
            lookups=tuple(
                (kind, entity_id, *_resolved(taxonomy, kind, entity_id))
                for kind, entity_id in sorted(_named_ids(document, record, digests))
            ),
            publication=publication,
            warnings=tuple((w.path, w.message, w.line, w.key, w.hint) for w in warnings),
            digests=(
                shared.digest(publication),
                shared.digest(document),
                tuple(shared.digest(article) for article in document.articles),
                tuple(shared.digest(briefing) for briefing in publication.briefings),
            ),
        )
        path = self._path(document.source)
        self.used.add(path)
        self.checked.add(document.source)
        stored = dataclasses.replace(entry, publication=_packed(publication))
        data = pickle.dumps(stored, protocol=5) + pickle.dumps(matched_text(document), protocol=5)
        self.writer.write(path, data, update=True, durable=False)
        return entry

    def finish(self) -> None:
        """Record this run's names and checked sources; delete entries no source used."""
        state = {"keys": sorted(self.matcher.signatures), "sources": sorted(self.checked)}
        text = json.dumps(state, ensure_ascii=False, separators=(",", ":")) + "\n"
        self.writer.write(self.folder / MATCHING_FILE, text, update=True, durable=False)
        for path in sorted(self.folder.glob("*.pickle")):
            if path not in self.used:
                self.writer.remove(path)


def adopt_digests(shared: SharedDigests, entry: MemoEntry) -> None:
    """Let page reuse take an entry's digests instead of working them out again."""
    publication = entry.publication
    document = publication.document
    own, document_digest, articles, briefings = entry.digests
    shared.adopt(publication, own)
    shared.adopt(document, document_digest)
    for article, digest in zip(document.articles, articles, strict=True):
        shared.adopt(article, digest)
    for briefing, digest in zip(publication.briefings, briefings, strict=True):
        shared.adopt(briefing, digest)


def _packed(publication: Publication) -> Publication:
    """The publication as an entry keeps it: each briefing's mentions as PackedMentions."""
    briefings = tuple(
        dataclasses.replace(briefing, mentions=PackedMentions.of(briefing.mentions))
        for briefing in publication.briefings
    )
    return dataclasses.replace(publication, briefings=briefings)


def entry_warnings(entry: MemoEntry) -> list[CurationError]:
    """The curation warnings the entry's document gave when it was made."""
    return [
        CurationError(path, message, line=line, key=key, hint=hint)
        for path, message, line, key, hint in entry.warnings
    ]


def matched_text(document: Document) -> str:
    """All the texts of a document matching reads, in one, as names are looked for in them
    (name_key): no name spans a line break, so looking for names in it finds what looking in
    each text would."""
    return name_key("\n".join(document_texts(document)))


def _named_ids(
    document: Document, record: Mapping[str, Any], digests: Mapping[str, Digest]
) -> set[tuple[str, str]]:
    """The entity ids curation looks up: those the record's articles list, and those their
    mentions name."""
    named = set()
    for article in record.get("articles") or ():
        if isinstance(article, dict):
            for kind in ENTITY_KINDS:
                ids = article.get(kind)
                if isinstance(ids, list):
                    named.update((kind, i) for i in ids if isinstance(i, str))
    for article in document.articles:
        digest = digests.get(article.id)
        if digest is not None:
            named.update((m.kind, m.entity) for m in digest.mentions)
    return named


def _resolved(taxonomy: Taxonomy, kind: str, entity_id: str) -> tuple[str | None, bool | None]:
    entity = taxonomy.get(kind, entity_id)
    return (entity.id, entity.active) if entity is not None else (None, None)


def _automaton(keys: Iterable[str]) -> ahocorasick.Automaton | None:
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, key)
    if len(automaton) == 0:
        return None
    automaton.make_automaton()
    return automaton


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _load_entry(path: Path) -> tuple[MemoEntry | None, bytes]:
    """An entry, and the pickled text kept after it (see matched_text)."""
    try:
        data = path.read_bytes()
        stream = io.BytesIO(data)
        entry = RestrictedUnpickler(stream, _ENTRY_CLASSES).load()
    except (OSError, *DAMAGED_PICKLE):
        return None, b""  # missing or damaged: curate afresh
    return (entry, data[stream.tell() :]) if isinstance(entry, MemoEntry) else (None, b"")


def _kept_text(data: bytes) -> str | None:
    """The text kept after an entry, or None when there is none or it is damaged."""
    try:
        text = load_plain_pickle(data)
    except DAMAGED_PICKLE:
        return None
    return text if isinstance(text, str) else None
