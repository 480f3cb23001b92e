"""One run at a time per project: a lock file that the operating system frees on exit."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.errors import BuildError


@contextmanager
def project_lock(folder: Path) -> Iterator[None]:
    """Hold the project's lock for the duration of a run, or fail at once with a clear line.

    The lock is an advisory `flock` on folder/lock: a killed run releases it with its process,
    so a stale lock file never blocks the next run.
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "lock"
    with path.open("a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise BuildError(
                path.as_posix(),
                f"another briefing run (process {holder}) is working on this project",
                hint="wait for it to finish, then run again",
            ) from error
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
