"""Page reuse: a page whose inputs are exactly those it was last rendered from is not rendered
again. Adding one document to a large corpus changes a few hundred of its thousands of pages.

Each page's inputs (the values its template receives, or what they are computed from) are
hashed structurally; the hash, with the size and modification time of the file written from
them, is kept in the cache. A page is reused only when its hash matches and its file is still
the one written then, so a page someone edited or deleted is rendered again. The generator's
code and the templates salt every hash: changing either renders everything.

Pages made from one set of inputs (an entity's page and its year pages) form a group, whose
hash is kept too: when a group's inputs are as they were, its pages are reused without their
own inputs being worked out or hashed, which for a large corpus is most of the work.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import operator
import os
import pickle
import stat
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from generator.cache import generator_fingerprint, value_bytes
from generator.index import Coverage
from generator.model import (
    Article,
    Briefing,
    Document,
    Mention,
    PackedMentions,
    Publication,
    field_names,
)
from generator.taxonomy import Entity

# Bump when what a reuse entry holds changes.
REUSE_FORMAT = 2
PAGES_FILE = "pages.json"
# Objects many pages show: hashed once per run, then stood for by their digest. A briefing's
# listing (Coverage) is on the pages of every entity it tags and of the briefings it relates to.
SHARED_TYPES = (Publication, Briefing, Document, Article, Entity, Coverage)
# What a reuse recorded of its pages: each page's input hash, each group's hash and pages, and
# the pages reused.
PageRecords = tuple[dict[str, str], dict[str, tuple[str, list[str]]], set[str]]


class PageReuse:
    """The input hashes of the pages written last time, and those of this run's pages."""

    def __init__(
        self,
        docs: Path,
        salt: str,
        previous: Mapping[str, Any] | None = None,
        previous_groups: Mapping[str, Any] | None = None,
    ) -> None:
        self.docs = docs
        self.salt = salt
        self.previous = previous or {}
        self.previous_groups = previous_groups or {}
        self.keys: dict[str, str] = {}  # page path -> this run's input hash
        self.groups: dict[str, tuple[str, list[str]]] = {}  # group -> its hash and its pages
        self.reused: set[str] = set()
        self.shared = SharedDigests()
        self.reducers = _Reducers(self.shared)

    def branch(self) -> PageReuse:
        """A reuse reading the same records, recording its own pages (see merge)."""
        branch = PageReuse(self.docs, self.salt, self.previous, self.previous_groups)
        branch.shared = self.shared
        branch.reducers = self.reducers
        return branch

    def records(self) -> PageRecords:
        """What this reuse recorded of its pages, as plain data (for merge)."""
        return self.keys, self.groups, self.reused

    def merge(self, records: PageRecords) -> None:
        """Take in what a branch recorded of its pages (in this process or another)."""
        keys, groups, reused = records
        self.keys.update(keys)
        self.groups.update(groups)
        self.reused.update(reused)

    @classmethod
    def load(cls, path: Path, docs: Path, templates: Path) -> PageReuse:
        """Read the hashes kept at path; a missing, damaged or stale file reuses nothing."""
        salt = f"{REUSE_FORMAT}/{generator_fingerprint()}/{templates_fingerprint(templates)}"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls(docs, salt)
        if not isinstance(data, dict) or data.get("salt") != salt:
            return cls(docs, salt)
        pages, groups = data.get("pages"), data.get("groups")
        return cls(
            docs,
            salt,
            pages if isinstance(pages, dict) else None,
            groups if isinstance(groups, dict) else None,
        )

    def unchanged(self, page: str, inputs: object) -> bool:
        """Record the page's input hash; tell whether its file was written from the same."""
        key = self.safe_hash(inputs)
        if key is None:
            return False  # an input pickle cannot write is never taken as unchanged
        self.keys[page] = key
        if not self._intact(page, key):
            return False
        self.reused.add(page)
        return True

    def safe_hash(self, inputs: object) -> str | None:
        """The input hash, or None for inputs pickle cannot write."""
        try:
            return self.input_hash(inputs)
        except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError):
            return None

    def group_unchanged(self, group: str, key: str) -> list[str] | None:
        """Reuse a group's pages at once when the group's hash (key) is the one its pages were
        written from last time and each page is still the file written then; return them.

        None means they must be added one by one, and the group recorded with record_group.
        """
        kept = self.previous_groups.get(group)
        if not isinstance(kept, list) or len(kept) != 2 or kept[0] != key:
            return None
        pages = kept[1]
        # A group's pages are its own (group.md and pages below group/), each kept once.
        if not isinstance(pages, list) or not all(
            isinstance(page, str) and (page == f"{group}.md" or page.startswith(f"{group}/"))
            for page in pages
        ):
            return None
        # The same group inputs make the same pages from the same page inputs.
        keys = [self._kept_key(page) for page in pages]
        if len(set(pages)) != len(pages) or not all(
            page_key is not None and self._intact(page, page_key)
            for page, page_key in zip(pages, keys, strict=True)
        ):
            return None
        for page, page_key in zip(pages, keys, strict=True):
            self.keys[page] = page_key
            self.reused.add(page)
        self.groups[group] = (key, pages)
        return pages

    def record_group(self, group: str, key: str, pages: list[str]) -> None:
        """Keep the hash a group's pages, added one by one this run, were made from."""
        self.groups[group] = (key, pages)

    def _kept_key(self, page: str) -> str | None:
        """The input hash the page was written from last time, if the record holds one."""
        entry = self.previous.get(page)
        if isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str):
            return entry[0]
        return None

    def _intact(self, page: str, key: object) -> bool:
        """Tell whether the page's file was written last time from inputs hashing to key."""
        entry = self.previous.get(page)
        if not isinstance(entry, list) or len(entry) != 3 or entry[0] != key:
            return False
        try:
            # Not followed: a link is no file this run wrote; it is rendered, and the writer
            # replaces it or refuses. So a reused page is known to be a plain file.
            info = os.lstat(os.path.join(self.docs, page))  # text: no path object a page
        except OSError:
            return False
        return stat.S_ISREG(info.st_mode) and [info.st_size, info.st_mtime_ns] == entry[1:]

    def input_hash(self, inputs: object) -> str:
        """Hash a page's inputs: plain values, containers and dataclasses, by their pickle.

        Pickling runs in C; a briefing, document or entity, which many pages share, is
        pickled once per run and stands in other pages' inputs as its digest.
        """
        return hashlib.blake2b(
            self.salt.encode() + self._pickle(inputs), digest_size=16
        ).hexdigest()

    def _pickle(self, value: object) -> bytes:
        stream = io.BytesIO()
        _InputPickler(stream, self).dump(value)
        return stream.getvalue()

    def shared_digest(self, value: object) -> str:
        """Digest a shared object once per run (see SharedDigests)."""
        return self.shared.digest(value)

    def render_record(self, pages: Iterable[str]) -> str:
        """The hashes to keep for the pages this run produced, with their files' stat."""
        kept = {}
        for page in sorted(pages):
            if page not in self.keys:
                continue
            if page in self.reused:  # kept as it was, so its stat is the one checked
                kept[page] = [self.keys[page], *self.previous[page][1:]]
                continue
            try:
                info = (self.docs / page).stat()
            except OSError:
                continue
            kept[page] = [self.keys[page], info.st_size, info.st_mtime_ns]
        groups = {
            group: [key, group_pages]
            for group, (key, group_pages) in sorted(self.groups.items())
            if all(page in kept for page in group_pages)
        }
        record = {"salt": self.salt, "pages": kept, "groups": groups}
        return json.dumps(record, separators=(",", ":"), sort_keys=True) + "\n"


class SharedDigests:
    """Digests of the objects many pages share (briefings, documents, entities), each worked
    out once per run; a digest kept from an earlier run can be adopted instead."""

    def __init__(self) -> None:
        self._memo: dict[int, str] = {}  # id of a shared object -> its digest
        self._alive: list[object] = []  # keeps memoised objects alive so ids stay unique

    def digest(self, value: object) -> str:
        """Digest a shared object once per run; ids stay valid while it is kept alive."""
        known = self._memo.get(id(value))
        if known is None:
            # Its fields pickled without Python callbacks: a shared object among them, alone
            # or in a tuple, counts by its digest; the rest (paragraphs, mentions, figures)
            # wholly, in C, as plain tuples.
            fields = tuple(map(self._plain_field, _field_getter(type(value))(value)))
            known = (
                type(value).__qualname__
                + ":"
                + hashlib.blake2b(value_bytes(fields), digest_size=16).hexdigest()
            )
            self._memo[id(value)] = known
            self._alive.append(value)
        return known

    def _plain_field(self, item: object) -> object:
        """A field as a shared digest's pickle takes it: shared objects by their digest, a
        tuple of dataclasses as a tuple of plain tuples (the same values, pickled faster)."""
        if isinstance(item, SHARED_TYPES):
            return self.digest(item)
        if isinstance(item, PackedMentions):  # as the tuple of its mentions would be
            return (Mention.__qualname__, item.rows) if item.rows else ()
        if isinstance(item, tuple) and item and dataclasses.is_dataclass(item[0]):
            kind = type(item[0])
            if not issubclass(kind, SHARED_TYPES) and all(type(e) is kind for e in item):
                return (kind.__qualname__, tuple(map(_field_getter(kind), item)))
            return tuple(
                self.digest(element)
                if isinstance(element, SHARED_TYPES)
                else _as_tuple(element)
                if dataclasses.is_dataclass(element)
                else element
                for element in item
            )
        return item

    def adopt(self, value: object, digest: str) -> None:
        """Take a digest worked out for this same value in an earlier run."""
        self._memo[id(value)] = digest
        self._alive.append(value)


class _InputPickler(pickle.Pickler):
    """Pickles page inputs, putting a shared object's digest where the object is."""

    def __init__(self, stream: io.BytesIO, reuse: PageReuse) -> None:
        super().__init__(stream, protocol=5)
        # No memo: equal values pickle to equal bytes whether or not they share one object.
        self.fast = True
        self.dispatch_table = reuse.reducers


class _Reducers(dict[type, Callable[[Any], tuple[Any, ...]]]):
    """A page pickler's dispatch table, filled in as classes are met: a shared object reduces
    to its digest, any other dataclass to a plain tuple of its type's name and fields.

    A dispatch table, not reducer_override: the pickler calls an override for every object
    outside its built-in types, the classes in each reduction included, which doubled the
    callbacks; the table is consulted only for instances.
    """

    def __init__(self, shared: SharedDigests) -> None:
        super().__init__()
        self.shared = shared

    def __missing__(self, cls: type) -> Callable[[Any], tuple[Any, ...]]:
        if issubclass(cls, SHARED_TYPES):
            digest = self.shared.digest
            reducer: Callable[[Any], tuple[Any, ...]] = lambda obj: (str, (digest(obj),))  # noqa: E731
        elif dataclasses.is_dataclass(cls):
            # Its shared fields by their digests at once: a callback fewer for each.
            name, fields, digest = cls.__qualname__, _field_getter(cls), self.shared.digest
            reducer = lambda obj: (  # noqa: E731
                tuple,
                ((name, *[digest(f) if isinstance(f, SHARED_TYPES) else f for f in fields(obj)]),),
            )
        else:
            raise KeyError(cls)  # pickled as pickle does
        self[cls] = reducer
        return reducer


def _as_tuple(value: Any) -> tuple[object, ...]:
    """A dataclass's type name and field values, one level deep, for hashing."""
    return (type(value).__qualname__, *_field_getter(type(value))(value))


@functools.cache
def _field_getter(cls: type) -> Callable[[Any], tuple[object, ...]]:
    names = field_names(cls)
    if len(names) == 1:  # attrgetter of one name returns the value, not a tuple
        return lambda value: (getattr(value, names[0]),)
    return operator.attrgetter(*names) if names else lambda value: ()


def templates_fingerprint(templates: Path) -> str:
    """Hash every file under the templates folder: an edit to any of them renders anew."""
    digest = hashlib.sha256()
    if templates.is_dir():
        for path in sorted(p for p in templates.rglob("*") if p.is_file()):
            digest.update(path.relative_to(templates).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]
