"""Live preview: regenerate the pages when a seed, a curated YAML file or a template changes,
and let MkDocs' own server rebuild and reload the browser when the pages change."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from generator.errors import BriefingError
from generator.project import Project

log = logging.getLogger(__name__)

# How often the inputs are checked, in seconds: quick enough to feel live, cheap on a laptop.
POLL_SECONDS = 1.0

Fingerprint = tuple[tuple[str, int, int], ...]


def watched_files(project: Project) -> Iterable[Path]:
    """The inputs of generation: seeds, curated YAML and templates (not the pages it writes)."""
    yield from sorted(path for path in project.seeds.rglob("*") if path.is_file())
    yield from sorted(project.content.glob("*.yaml"))
    yield from sorted(project.documents.glob("*.yaml"))
    yield from sorted(path for path in project.templates.rglob("*") if path.is_file())


def fingerprint(project: Project) -> Fingerprint:
    """Name, modification time and size of every input, to tell when one changed."""
    entries = []
    for path in watched_files(project):
        try:
            stat = path.stat()
        except OSError:
            continue  # removed between listing and reading: the next poll sees it gone
        entries.append((path.as_posix(), stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


class InputWatcher:
    """Poll the inputs in a background thread and regenerate whenever they change."""

    def __init__(self, project: Project, regenerate: Callable[[], object]) -> None:
        self.project = project
        self.regenerate = regenerate
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, name="briefing-watch", daemon=True)
        self.last = fingerprint(project)

    def start(self) -> None:
        """Start polling."""
        self.thread.start()

    def stop(self) -> None:
        """Stop polling and wait for a regeneration under way to finish."""
        self.stopped.set()
        self.thread.join()

    def check(self) -> bool:
        """Regenerate if an input changed since the last look; return True if it did."""
        current = fingerprint(self.project)
        if current == self.last:
            return False
        try:
            self.regenerate()
        except BriefingError as error:
            log.error("error: %s", error)  # keep serving; the next edit may fix it
        # Regeneration rewrites curated YAML it merged; those writes are not a new edit.
        self.last = fingerprint(self.project)
        return True

    def _run(self) -> None:
        while not self.stopped.wait(POLL_SECONDS):
            self.check()


def serve(project: Project, regenerate: Callable[[], object], dev_addr: str | None = None) -> None:
    """Serve the site with MkDocs' live-reloading server until interrupted.

    Args:
        project: the project to preview.
        regenerate: writes the pages (run once now, then after every change of an input).
        dev_addr: host:port to listen on, else mkdocs.yml's dev_addr (127.0.0.1:8000).
    """
    from mkdocs.commands.serve import serve as mkdocs_serve

    regenerate()
    watcher = InputWatcher(project, regenerate)
    watcher.start()
    options = {"dev_addr": dev_addr} if dev_addr else {}
    try:
        mkdocs_serve(str(project.mkdocs_config), livereload=True, **options)
    finally:
        watcher.stop()
