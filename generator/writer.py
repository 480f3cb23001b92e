"""The one place that writes files: contained, atomic, and silent when nothing changed."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from generator.errors import BuildError


class Writer:
    """Write text files under a root; refuse paths outside it and two writes to one path."""

    def __init__(self, root: Path, dry_run: bool = False) -> None:
        self.root = root.resolve()
        self.dry_run = dry_run  # record what would change, touch nothing
        # Resolved paths as text: a large site keeps thousands of files a run, and text hashes
        # and compares without building a path object for each.
        self.written: set[str] = set()
        self.changed: list[Path] = []
        self.created: list[Path] = []  # the changed files that did not exist before
        self._changed: set[Path] = set()
        self.removed: list[Path] = []
        self._folders: dict[Path, Path] = {}  # a folder as given -> resolved
        self._staged: dict[Path, str] | None = None  # target -> its temporary file, in a batch

    def write(
        self, path: Path, content: str | bytes, update: bool = False, durable: bool = True
    ) -> bool:
        """Write content (text as UTF-8) to path atomically unless it already holds those bytes.

        `update` allows a second write to a file this run wrote, for a file built in steps
        (a taxonomy file made from the gazetteer, then given suggestions). `durable=False`
        skips the flush to disk, for derived data whose reader recomputes a damaged file:
        a crash may lose such a file, never leave a half-written one in place of it.
        Returns True when the file was created or changed.
        """
        target = self.contained(path)
        if os.fspath(target) in self.written and not update:
            raise self._twice(target)
        self.written.add(os.fspath(target))
        data = content.encode("utf-8") if isinstance(content, str) else content
        try:
            existed = target.is_file()
            staged = self._staged is not None and target in self._staged
            if existed and not staged and target.read_bytes() == data:
                return False
            if self.dry_run:
                pass
            elif self._staged is not None and durable:
                _stage(self._staged, target, data)
            else:
                write_atomically(target, data, durable)
        except OSError as error:
            raise self._write_error(target, error) from error
        # A set beside the list: a site's thousands of pages made this check quadratic.
        if target not in self._changed:
            self._changed.add(target)
            self.changed.append(target)
            if not existed:
                self.created.append(target)
        return True

    def forget_changes(self) -> None:
        """Start counting changed and created files afresh (files written stay written)."""
        self.changed.clear()
        self.created.clear()
        self._changed.clear()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Write the files of a batch unflushed beside their targets, then flush them all with
        one sync and rename each into place: thousands of pages pay for one flush, not one
        each. A run killed before the end leaves only temporary files, which the next run
        sweeps; no target is ever half written, and none is replaced before all are on disk.
        """
        self._staged = {}
        try:
            yield
            if self._staged and not self.dry_run:
                os.sync()
                for target, temporary in self._staged.items():
                    try:
                        os.replace(temporary, target)
                    except OSError as error:
                        raise self._write_error(target, error) from error
                self._staged.clear()
        finally:
            for temporary in self._staged.values():
                Path(temporary).unlink(missing_ok=True)
            self._staged = None

    def _write_error(self, target: Path, error: OSError) -> BuildError:
        return BuildError(
            self.relative(target),
            f"cannot write ({error.strerror})",
            hint="check free space and permissions",
        )

    def keep(self, path: Path, link: bool | None = None) -> None:
        """Count a file as this run's output without writing it: it already holds its bytes.

        link says whether the file is a link, when the caller knows already.
        """
        target = self.contained(path, link)
        if os.fspath(target) in self.written:
            raise self._twice(target)
        self.written.add(os.fspath(target))

    def keep_below(self, folder: Path, relatives: Iterable[str]) -> None:
        """Keep, as keep does, plain files (no links) named by paths relative to folder.

        A site reuses thousands of pages in a few folders: each folder is resolved and checked
        once, and each file joined to it as text.
        """
        folders: dict[str, str] = {}  # a relative folder -> its resolved path, contained
        for relative in relatives:
            parent, _, name = relative.rpartition("/")
            base = folders.get(parent)
            if base is None:
                resolved = (folder / parent).resolve()
                if not resolved.is_relative_to(self.root):
                    raise _outside(folder / relative)
                base = folders[parent] = os.fspath(resolved)
            if name in ("", ".", ".."):
                self.keep(folder / relative, link=False)
                continue
            target = f"{base}{os.sep}{name}"
            if target in self.written:
                raise self._twice(Path(target))
            self.written.add(target)

    def _twice(self, target: Path) -> BuildError:
        return BuildError(
            self.relative(target),
            "two outputs want this same file",
            hint="two titles make the same slug; rename one",
        )

    def remove(self, path: Path) -> None:
        """Delete a file under the root (unless this is a dry run) and record it."""
        target = self.contained(path)
        if not self.dry_run:
            try:
                target.unlink()
            except OSError as error:
                raise BuildError(
                    self.relative(target),
                    f"cannot remove ({error.strerror})",
                    hint="check permissions",
                ) from error
        self.removed.append(target)

    def resolve(self, path: Path, link: bool | None = None) -> Path:
        """Resolve path (relative to the root) as Path.resolve does, each folder once per run.

        A site has thousands of files in a few folders; resolving each file's whole path
        was seconds of a large build. Only the last part is looked at per file: when it is
        a link, or . or .., the whole path is resolved. link says whether it is a link, when
        the caller knows already.
        """
        path = self.root / path
        name = path.name
        if link is None:
            link = path.is_symlink()
        if name in ("", ".", "..") or link:
            return path.resolve()
        folder = self._folders.get(path.parent)
        if folder is None:
            folder = self._folders[path.parent] = path.parent.resolve()
        return folder / name

    def contained(self, path: Path, link: bool | None = None) -> Path:
        """Resolve path and check it lies under the root (link as for resolve)."""
        target = self.resolve(path, link)
        if not target.is_relative_to(self.root):
            raise _outside(path)
        return target

    def relative(self, path: Path) -> str:
        """Name a path relative to the root, for messages."""
        try:
            return self.resolve(path).relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def _outside(path: Path) -> BuildError:
    return BuildError(
        str(path),
        "refusing to write outside the project",
        hint="an id or slug points outside; fix it in the YAML",
    )


def write_atomically(target: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary file beside the target, flush it, then rename it into place."""
    temporary = write_temporary(target, data, durable)
    try:
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _stage(staged: dict[Path, str], target: Path, data: bytes) -> None:
    """Write a batch's file beside its target, unflushed; a second write replaces the first."""
    earlier = staged.pop(target, None)
    if earlier is not None:
        Path(earlier).unlink(missing_ok=True)
    staged[target] = write_temporary(target, data, durable=False)


def write_temporary(target: Path, data: bytes, durable: bool) -> str:
    """Write data to a new temporary file beside target (flushed if durable); its path."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        # mkstemp makes the file private; the target gets the mode it had, or the one open()
        # gives a new file, so a web server can still read the site.
        os.chmod(temporary, _mode_for(target))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def _current_umask() -> int:
    mask = os.umask(0o022)  # reading the umask means setting it: put it straight back
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def remove_stale_files(
    writer: Writer, folder: Path, is_generated: Callable[[Path], bool]
) -> list[Path]:
    """Delete files under folder that a generator made earlier and did not write this run.

    Hand-written files are never touched: only those is_generated recognises go.
    """
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    # Folders below are walked, never followed as links, so a file that is no link resolves
    # to the resolved folder joined with its path below it.
    given, resolved = os.fspath(folder), os.fspath(writer.resolve(folder))
    for path, link in _files_below(given):
        target = os.fspath(Path(path).resolve()) if link else resolved + path[len(given) :]
        if target not in writer.written and is_generated(Path(path)):
            removed.append(Path(path))
    removed.sort()
    for path in removed:
        writer.remove(path)
    if not writer.dry_run:
        _remove_emptied_folders(folder, {path.parent for path in removed})
    return removed


def _files_below(folder: str) -> Iterator[tuple[str, bool]]:
    """Every file below folder, links to files included, each with whether it is a link.

    Read with scandir, whose entries know their type: no call to stat per file (a site has
    thousands), except to follow a link.
    """
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from _files_below(entry.path)
            elif entry.is_file():
                yield entry.path, entry.is_symlink()


def _remove_emptied_folders(root: Path, folders: set[Path]) -> None:
    """Remove folders (below root) that the removal of generated files left empty, and
    their parents that it left empty in turn: a page's archive folder goes with its pages."""
    for folder in sorted(folders, key=lambda path: len(path.parts), reverse=True):
        while folder != root and folder.is_relative_to(root):
            try:
                folder.rmdir()  # only an empty folder: anything a person put there stays
            except OSError:
                break
            folder = folder.parent


def remove_temporary_files(folder: Path) -> list[Path]:
    """Delete temporary files a killed run left behind: a write interrupted before its rename.

    Their targets were never touched, so removing them loses nothing.
    """
    if not folder.is_dir():
        return []
    # os.walk, not Path.rglob: it runs on every build over every cache file, and is faster.
    leftovers = sorted(
        Path(parent, name)
        for parent, _, names in os.walk(folder)
        for name in names
        if _is_temporary_name(name) and os.path.isfile(os.path.join(parent, name))
    )
    for path in leftovers:
        path.unlink(missing_ok=True)
    return leftovers


def _is_temporary_name(name: str) -> bool:
    """Match the names write_atomically gives: ".<target name>.<random>.tmp"."""
    return name.startswith(".") and name.endswith(".tmp") and name.count(".") >= 3
