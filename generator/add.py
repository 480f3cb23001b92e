"""Bring new documents into seeds/: exact duplicates refused, near-duplicates flagged."""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import BriefingError, SourceError
from generator.ingest import list_sources
from generator.readers import READERS, read_source, unsupported_type
from generator.writer import write_atomically

# Two texts sharing this share of their five-word runs are near-duplicates: a re-saved page or
# a corrected issue. Measured on the seeds: distinct documents share under 2%.
NEAR_DUPLICATE_SHARE = 0.6
SHINGLE_WORDS = 5
_WORD = re.compile(r"\w+")


@dataclass
class AddResult:
    """What `add_sources` did with each path."""

    added: list[str] = field(default_factory=list)  # project-relative paths in seeds/
    refused: list[BriefingError] = field(default_factory=list)  # one line each
    near_duplicates: list[tuple[str, str, float]] = field(default_factory=list)  # new, old, share


def add_sources(seeds: Path, paths: list[Path]) -> AddResult:
    """Copy each file into seeds/ unless its bytes are already there.

    A file whose text mostly repeats a seed's is still added, with a warning, since a corrected
    reissue is a real new document; the curator decides.
    """
    result = AddResult()
    seeds.mkdir(parents=True, exist_ok=True)
    existing = {_sha256(path): path for path in list_sources(seeds)}
    shingles: dict[Path, set[int]] | None = None
    for path in paths:
        label = path.as_posix()
        if not path.is_file():
            result.refused.append(SourceError(label, "no such file", hint="check the path"))
            continue
        if path.suffix.lower() not in READERS:
            result.refused.append(unsupported_type(label, path.suffix))
            continue
        digest = _sha256(path)
        if digest in existing:
            seed = existing[digest].relative_to(seeds.parent).as_posix()
            result.refused.append(
                SourceError(label, f"already in the corpus as {seed}", hint="nothing to add")
            )
            continue
        target = _free_name(seeds, path.name)
        write_atomically(target, path.read_bytes())
        existing[digest] = target
        relative = target.relative_to(seeds.parent).as_posix()
        result.added.append(relative)
        if shingles is None:
            shingles = {
                seed: _shingles(seed, seeds.parent)
                for seed in list_sources(seeds)
                if seed != target
            }
        new = _shingles(target, seeds.parent)
        for seed, old in sorted(shingles.items()):
            share = _overlap(new, old)
            if share >= NEAR_DUPLICATE_SHARE:
                result.near_duplicates.append(
                    (relative, seed.relative_to(seeds.parent).as_posix(), round(share, 2))
                )
        shingles[target] = new
    return result


def _free_name(seeds: Path, name: str) -> Path:
    """Keep the file's name, numbering it when a different file already has it."""
    target = seeds / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 1
    while target.exists():
        number += 1
        target = seeds / f"{stem}-{number}{suffix}"
    return target


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _shingles(path: Path, root: Path) -> set[int]:
    """Hash every run of five words of a source's decoded text; unreadable sources have none."""
    try:
        text = read_source(path, root).text
    except BriefingError:
        return set()
    words = _WORD.findall(text.casefold())
    return {
        zlib.crc32(" ".join(words[i : i + SHINGLE_WORDS]).encode())
        for i in range(max(len(words) - SHINGLE_WORDS + 1, 0))
    }


def _overlap(new: set[int], old: set[int]) -> float:
    """Share of the smaller text's runs found in the other: a page inside a bigger one counts."""
    if not new or not old:
        return 0.0
    return len(new & old) / min(len(new), len(old))
