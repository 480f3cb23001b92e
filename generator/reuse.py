"""Page reuse: a page whose inputs are exactly those it was last rendered from is not rendered
again. Adding one document to a large corpus changes a few hundred of its thousands of pages.

Each page's inputs (the values its template receives, or what they are computed from) are
hashed structurally; the hash, with the size and modification time of the file written from
them, is kept in the cache. A page is reused only when its hash matches and its file is still
the one written then, so a page someone edited or deleted is rendered again. The generator's
code and the templates salt every hash: changing either renders everything.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from generator.cache import generator_fingerprint

# Bump when what a reuse entry holds changes.
REUSE_FORMAT = 1
PAGES_FILE = "pages.json"


class PageReuse:
    """The input hashes of the pages written last time, and those of this run's pages."""

    def __init__(self, docs: Path, salt: str, previous: Mapping[str, Any] | None = None) -> None:
        self.docs = docs
        self.salt = salt
        self.previous = previous or {}
        self.keys: dict[str, str] = {}  # page path -> this run's input hash
        self.reused: set[str] = set()
        self._memo: dict[int, bytes] = {}  # id of a dataclass instance -> its digest
        self._alive: list[object] = []  # keeps memoised objects alive so ids stay unique

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
        pages = data.get("pages")
        return cls(docs, salt, pages if isinstance(pages, dict) else None)

    def unchanged(self, page: str, inputs: object) -> bool:
        """Record the page's input hash; tell whether its file was written from the same."""
        key = self.input_hash(inputs)
        self.keys[page] = key
        entry = self.previous.get(page)
        if not isinstance(entry, list) or len(entry) != 3 or entry[0] != key:
            return False
        try:
            stat = (self.docs / page).stat()
        except OSError:
            return False
        if [stat.st_size, stat.st_mtime_ns] != entry[1:]:
            return False
        self.reused.add(page)
        return True

    def input_hash(self, inputs: object) -> str:
        """Hash a page's inputs: plain values, containers and dataclasses, structurally."""
        digest = hashlib.blake2b(self.salt.encode(), digest_size=16)
        self._feed(digest, inputs)
        return digest.hexdigest()

    def render_record(self, pages: Iterable[str]) -> str:
        """The hashes to keep for the pages this run produced, with their files' stat."""
        kept = {}
        for page in sorted(pages):
            if page not in self.keys:
                continue
            try:
                stat = (self.docs / page).stat()
            except OSError:
                continue
            kept[page] = [self.keys[page], stat.st_size, stat.st_mtime_ns]
        record = {"salt": self.salt, "pages": kept}
        return json.dumps(record, separators=(",", ":"), sort_keys=True) + "\n"

    def _feed(self, digest: Any, value: object) -> None:
        # Every value is fed with a type tag and a length, so no two inputs run together.
        if value is None or isinstance(value, bool | int | float):
            digest.update(f"{type(value).__name__}:{value!r};".encode())
        elif isinstance(value, str):
            data = value.encode("utf-8", "surrogatepass")
            digest.update(b"s%d:" % len(data))
            digest.update(data)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            digest.update(self._dataclass_digest(value))
        elif isinstance(value, Mapping):
            digest.update(b"m%d:" % len(value))
            for key, item in value.items():  # in order: templates iterate in this order
                self._feed(digest, key)
                self._feed(digest, item)
        elif isinstance(value, list | tuple):
            digest.update(b"l%d:" % len(value))
            for item in value:
                self._feed(digest, item)
        elif isinstance(value, set | frozenset):
            parts = sorted(self.input_hash(item).encode() for item in value)
            digest.update(b"u%d:" % len(parts) + b"".join(parts))
        elif isinstance(value, date):
            digest.update(f"d:{value.isoformat()};".encode())
        else:
            raise TypeError(f"cannot hash a page input of type {type(value).__name__}")

    def _dataclass_digest(self, value: Any) -> bytes:
        """Digest a dataclass instance once per run: briefings recur on many pages."""
        known = self._memo.get(id(value))
        if known is not None:
            return known
        digest = hashlib.blake2b(type(value).__qualname__.encode(), digest_size=16)
        for field in dataclasses.fields(value):
            self._feed(digest, getattr(value, field.name))
        result = b"c" + digest.digest()
        self._memo[id(value)] = result
        self._alive.append(value)
        return result


def templates_fingerprint(templates: Path) -> str:
    """Hash every file under the templates folder: an edit to any of them renders anew."""
    digest = hashlib.sha256()
    if templates.is_dir():
        for path in sorted(p for p in templates.rglob("*") if p.is_file()):
            digest.update(path.relative_to(templates).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]
