"""Keys of files by their stat: a file whose stat is the one recorded holds what it held
then, so a run need not read it to know its hash.

A stat is the file's inode, size, modification and change times. Any write moves the change
time, which no tool can set back (a tool can put the modification time back). A file changed
within one timestamp tick before its stat was taken is not recorded: a second write in the
same tick would leave the stat as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from pathlib import Path

from generator.writer import Writer

# The file, in the folder of the cache it serves, that holds its files' keys.
KEYS_FILE = "file-keys.json"
# How long a file must have been left alone to be recorded: a file system whose timestamps
# are whole milliseconds or seconds may tick as seldom as every 2 s (FAT); one with finer
# timestamps takes them from a clock that ticks at least every 10 ms (Linux's, at HZ=100).
SETTLED_NS = 2_000_000_000
FINE_SETTLED_NS = 20_000_000


class FileKeys:
    """A key (a hash of the file, or of its text) for each file by its stat, by a name the
    caller gives; kept in one JSON file for the next run."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._kept: dict[str, list[int | str]] | None = None
        self._seen: dict[str, list[int | str]] = {}  # this run's, saved for the next
        self._written: dict[str, tuple[Path, list[int | str], str]] = {}

    def key(self, path: Path, name: str) -> tuple[str | None, os.stat_result | None]:
        """The key recorded for the file if its stat is unchanged, and its stat (None when it
        cannot be read: reading the file will say why)."""
        try:
            info = os.stat(path)
        except OSError:
            return None, None
        if self._kept is None:
            self._kept = _read_file_keys(self.path)
        kept = self._kept.get(name)
        if kept is not None and kept[:4] == _stat_row(info):
            self._seen[name] = kept
            return str(kept[4]), info
        return None, info

    def record(self, name: str, info: os.stat_result | None, key: str) -> None:
        """Record a file's key with the stat taken before it was read."""
        if info is not None and settled(info):
            self._seen[name] = [*_stat_row(info), key]

    def wrote(self, path: Path, name: str, key: str) -> None:
        """Note a file this run just wrote (or found holding that content already), with its
        key: recorded when saved if it is settled by then and still as written."""
        with contextlib.suppress(OSError):
            self._written[name] = (path, _stat_row(os.stat(path)), key)

    def save(self, writer: Writer) -> None:
        """Keep the records of the files seen this run, and of those written that are
        settled and still as written; records of files not seen are dropped."""
        for name in sorted(self._written):
            path, row, key = self._written[name]
            try:
                info = os.stat(path)
            except OSError:
                continue
            if _stat_row(info) == row:
                self.record(name, info, key)
        if self.path is not None and self._seen != (self._kept or {}):
            text = json.dumps(self._seen, sort_keys=True, separators=(",", ":"))
            writer.write(self.path, text + "\n", update=True, durable=False)


def settled(info: os.stat_result) -> bool:
    """Whether a file has been left alone for longer than its file system's timestamp tick."""
    coarse = info.st_ctime_ns % 1_000_000 == 0 and info.st_mtime_ns % 1_000_000 == 0
    return time.time_ns() - info.st_ctime_ns > (SETTLED_NS if coarse else FINE_SETTLED_NS)


def _stat_row(info: os.stat_result) -> list[int | str]:
    return [info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def _read_file_keys(path: Path | None) -> dict[str, list[int | str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path is not None else {}
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        name: row
        for name, row in data.items()
        if isinstance(row, list)
        and len(row) == 5
        and all(isinstance(n, int) for n in row[:4])
        and isinstance(row[4], str)
    }
