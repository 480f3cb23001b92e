"""Discovery's memory: what scanning the corpus saw, kept as one file, so a run reads and
scans only the sources that are new or changed.

Discovery needs two things of every source: its sightings of names the taxonomy does not hold,
and the words it writes in lower case. The file keeps, by the hash of each source's bytes,

- the sightings of names unknown when the file was written: enough while the taxonomy only
  gains names, as it does when suggestions join it (a rejected suggestion stays listed);
- for each lower-case word, how many sources write it: a source that leaves takes its words
  with it.

When the taxonomy has lost a name, or a source that left has no scan in the source cache,
the file is made again from every source's scan. It is derived data; deleting it is safe.
"""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.cache import DAMAGED_PICKLE, load_plain_pickle
from generator.discover import Sightings
from generator.model import Document
from generator.text import name_key

SCANS_FILE = "scans.pickle"
# Bump when what the file holds changes; code changes are caught by the fingerprint.
SCANS_FORMAT = 1

Found = tuple[dict[str, Any], ...]  # one source's sightings, as plain data


@dataclass
class CorpusScans:
    """What discovery keeps of the corpus's scans (see the module's docstring)."""

    known: frozenset[str] = frozenset()  # casefolded names known when `unknown` was filtered
    words: Counter[str] = field(default_factory=Counter)  # lower-case word: sources writing it
    unknown: dict[str, Found] = field(default_factory=dict)  # by source hash

    def covers(self, known: frozenset[str]) -> bool:
        """Whether the kept sightings hold every one of a name not known now."""
        return self.known <= known

    def drop(self, sha256: str, lowercase: Sequence[str]) -> None:
        """Forget a source that left, given the words its scan saw in lower case."""
        del self.unknown[sha256]
        self.words.subtract(set(lowercase))
        for word in set(lowercase):
            if self.words[word] <= 0:
                del self.words[word]

    def add(self, sha256: str, scan: Sightings, known: frozenset[str]) -> None:
        """Take a source's scan in."""
        self.words.update(scan.lowercase)
        self.unknown[sha256] = _unknown(scan.found, known)

    def narrow(self, known: frozenset[str]) -> None:
        """Drop the sightings of names known now: the next run need not read them."""
        if known != self.known:
            self.unknown = {sha: _unknown(found, known) for sha, found in self.unknown.items()}
            self.known = known

    def render_record(self, salt: str) -> bytes:
        data = (salt, sorted(self.known), dict(sorted(self.words.items())), self.unknown)
        return pickle.dumps(data, protocol=5)


def read_scans(path: Path, salt: str) -> CorpusScans | None:
    """The kept scans if the file is there, sound and this generator's; else None."""
    try:
        stored_salt, known, words, unknown = load_plain_pickle(path.read_bytes())
    except (OSError, *DAMAGED_PICKLE):  # TypeError, ValueError: not four values
        return None
    if stored_salt != salt or not _sound(known, words, unknown):
        return None
    return CorpusScans(frozenset(known), Counter(words), unknown)


# What discovery reads of each sighting kept (see discover._sighting).
_SIGHTING_KEYS = frozenset({"kind", "name", "aliases", "fields", "cue", "sentence", "confident"})


def _sound(known: Any, words: Any, unknown: Any) -> bool:
    """Whether the file's parts have the shapes this code wrote: one someone edited by hand
    is made again rather than let fail the run."""
    return (
        isinstance(known, list)
        and all(isinstance(name, str) for name in known)
        and isinstance(words, dict)
        and all(isinstance(w, str) and isinstance(n, int) for w, n in words.items())
        and isinstance(unknown, dict)
        and all(
            isinstance(found, tuple)
            and all(
                isinstance(data, dict)
                and data.keys() >= _SIGHTING_KEYS
                and isinstance(data["name"], str)
                and isinstance(data["fields"], dict)
                and isinstance(data["aliases"], list)
                for data in found
            )
            for found in unknown.values()
        )
    )


def gather_scans(
    documents: Sequence[Document],
    known: frozenset[str],
    kept: CorpusScans | None,
    load_scan: Callable[[str], Sightings | None],
    scan: Callable[[Sequence[Document]], Mapping[str, Sightings]],
) -> CorpusScans:
    """Bring the kept scans up to these documents and these known names.

    Args:
        documents: this run's documents, in order.
        known: every name the taxonomy knows now (discover.known_names).
        kept: the last run's scans, or None.
        load_scan: a source's scan by the hash of its bytes, from the source cache, or None.
        scan: scans documents (from the cache or afresh), by document id.
    """
    hashes = {document.sha256 for document in documents}
    corpus = kept if kept is not None and kept.covers(known) else CorpusScans()
    for sha256 in sorted(set(corpus.unknown) - hashes):
        left = load_scan(sha256)
        if left is None:
            corpus = CorpusScans()  # its words cannot be taken out: start over
            break
        corpus.drop(sha256, sorted(left.lowercase))
    pending: dict[str, Document] = {}
    for document in documents:
        if document.sha256 not in corpus.unknown:
            pending.setdefault(document.sha256, document)
    fresh = scan(list(pending.values()))
    for sha256, document in pending.items():
        if document.id in fresh:
            corpus.add(sha256, fresh[document.id], known)
    corpus.narrow(known)
    return corpus


def _unknown(found: Sequence[dict[str, Any]], known: frozenset[str]) -> Found:
    return tuple(data for data in found if name_key(data["name"]) not in known)
