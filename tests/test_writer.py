"""The one writer: contained, atomic, refusing collisions, and clear when the disk says no."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import generator.writer
from generator.errors import BuildError
from generator.writer import (
    Writer,
    remove_stale_files,
    remove_temporary_files,
    write_atomically,
)


def test_paths_outside_the_project_are_refused(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (root / "link").symlink_to(tmp_path)
    (root / "file-link.md").symlink_to(tmp_path / "escape.md")
    writer = Writer(root)
    writer.write(Path("content/inside.md"), "x")  # its folder is resolved once and kept
    for path in (
        Path("../escape.md"),
        Path("content/../../escape.md"),
        Path("content/../.."),
        Path("link/escape.md"),
        Path("file-link.md"),
        tmp_path / "escape.md",
    ):
        with pytest.raises(BuildError, match="refusing to write outside the project"):
            writer.write(path, "x")
    assert not (tmp_path / "escape.md").exists()


def test_two_outputs_for_one_file_are_refused(tmp_path: Path) -> None:
    writer = Writer(tmp_path)
    writer.write(Path("a.md"), "one")
    with pytest.raises(BuildError, match="two outputs want this same file"):
        writer.write(Path("a.md"), "two")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "one"


def test_unchanged_bytes_are_not_rewritten(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("same", encoding="utf-8")
    os.utime(tmp_path / "a.md", (1, 1))
    assert Writer(tmp_path).write(Path("a.md"), "same") is False
    assert (tmp_path / "a.md").stat().st_mtime == 1


@pytest.mark.parametrize(
    ("where", "error"),
    [("write", errno.ENOSPC), ("replace", errno.EACCES), ("replace", errno.EROFS)],
)
def test_a_full_disk_or_read_only_folder_is_a_clear_error_and_loses_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, error: int
) -> None:
    target = tmp_path / "content" / "documents" / "doc.yaml"
    target.parent.mkdir(parents=True)
    target.write_text("curated: true\n", encoding="utf-8")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(error, os.strerror(error))

    if where == "write":
        monkeypatch.setattr(generator.writer.os, "fsync", fail)
    else:
        monkeypatch.setattr(generator.writer.os, "replace", fail)
    with pytest.raises(BuildError) as caught:
        Writer(tmp_path).write(target, "curated: false\n")
    assert str(caught.value).startswith("content/documents/doc.yaml: cannot write (")
    assert os.strerror(error) in str(caught.value)
    assert target.read_text(encoding="utf-8") == "curated: true\n"
    assert [p.name for p in target.parent.iterdir()] == ["doc.yaml"]


def test_a_write_killed_before_its_rename_leaves_the_target_whole(tmp_path: Path) -> None:
    target = tmp_path / "page.md"
    target.write_text("old page\n", encoding="utf-8")
    # The child writes the new text to its temporary file, then is killed before the rename.
    child = textwrap.dedent(f"""
        import os, signal
        import generator.writer as w
        w.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
        w.write_atomically(w.Path({str(target)!r}), b"new page, " * 100000)
    """)
    result = subprocess.run(
        [sys.executable, "-c", child], cwd=Path(__file__).parent.parent, check=False
    )
    assert result.returncode == -9
    assert target.read_text(encoding="utf-8") == "old page\n"
    leftovers = remove_temporary_files(tmp_path)
    assert len(leftovers) == 1 and leftovers[0].name.startswith(".page.md.")
    assert [p.name for p in tmp_path.iterdir()] == ["page.md"]


def test_only_the_writers_own_temporary_files_are_swept(tmp_path: Path) -> None:
    for name in (".notes.tmp", "draft.tmp", ".page.md.abc123.tmp"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in remove_temporary_files(tmp_path)] == [".page.md.abc123.tmp"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.tmp", "draft.tmp"]


def test_write_atomically_replaces_in_one_step(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "file.txt"
    write_atomically(target, b"data")
    assert target.read_bytes() == b"data" and [p.name for p in target.parent.iterdir()] == [
        "file.txt"
    ]


def test_only_durable_writes_are_flushed_to_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: list[int] = []
    monkeypatch.setattr(generator.writer.os, "fsync", flushed.append)
    writer = Writer(tmp_path)
    writer.write(Path("content/a.yaml"), "a: 1\n")
    assert len(flushed) == 1
    writer.write(Path(".briefing/cache/b.json"), "{}\n", durable=False)
    assert len(flushed) == 1 and (tmp_path / ".briefing/cache/b.json").read_text() == "{}\n"


def test_a_batch_replaces_its_files_together_after_one_sync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    flushed: list[int] = []
    synced: list[bool] = []
    monkeypatch.setattr(generator.writer.os, "fsync", flushed.append)
    monkeypatch.setattr(generator.writer.os, "sync", lambda: synced.append(True))
    (tmp_path / "a.md").write_text("old a\n", encoding="utf-8")
    writer = Writer(tmp_path)
    with writer.batch():
        assert writer.write(Path("a.md"), "new a\n") and writer.write(Path("d/b.md"), "b\n")
        writer.write(Path("d/b.md"), "b again\n", update=True)  # the last write wins
        # Nothing is in place, nor flushed, before the batch ends.
        assert (tmp_path / "a.md").read_text(encoding="utf-8") == "old a\n"
        assert not (tmp_path / "d" / "b.md").exists() and synced == []
    assert synced == [True] and flushed == []
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "new a\n"
    assert (tmp_path / "d" / "b.md").read_text(encoding="utf-8") == "b again\n"
    assert remove_temporary_files(tmp_path) == []
    assert [writer.relative(p) for p in writer.created] == ["d/b.md"]


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_files_get_the_mode_open_gives_or_keep_the_one_they_had(tmp_path: Path) -> None:
    writer = Writer(tmp_path)
    writer.write(Path("new.md"), "new\n")
    with writer.batch():
        writer.write(Path("staged.md"), "staged\n")
    for name in ("new.md", "staged.md"):  # not mkstemp's private 0600: a server must read it
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~_umask(), name
    kept = tmp_path / "kept.md"
    kept.write_text("old\n", encoding="utf-8")
    kept.chmod(0o640)
    writer.write(Path("kept.md"), "new\n")
    assert kept.stat().st_mode & 0o777 == 0o640 and kept.read_text(encoding="utf-8") == "new\n"


def test_a_batch_that_fails_replaces_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("old a\n", encoding="utf-8")
    writer = Writer(tmp_path)
    with pytest.raises(RuntimeError), writer.batch():
        writer.write(Path("a.md"), "new a\n")
        writer.write(Path("b.md"), "b\n")
        raise RuntimeError("a template failed halfway")
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "old a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]


def test_stale_pages_take_the_folders_they_emptied_but_nothing_a_person_put_there(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    for name in ("regions/china/2023.md", "regions/china/2024.md", "regions/japan/2024.md"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("generated", encoding="utf-8")
    (docs / "regions/japan/notes.txt").write_text("mine", encoding="utf-8")
    writer = Writer(tmp_path)
    removed = remove_stale_files(writer, docs, lambda path: path.suffix == ".md")
    assert len(removed) == 3
    assert not (docs / "regions/china").exists()  # emptied: gone
    assert (docs / "regions/japan/notes.txt").is_file()  # a person's file keeps its folder
    assert docs.is_dir() and (docs / "regions").is_dir()


def test_kept_files_are_contained_counted_once_and_spared_as_stale(tmp_path: Path) -> None:
    root = tmp_path / "project"
    docs = root / "docs"
    for name in ("a.md", "regions/b.md", "regions/c.md", "themes/d.md"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("generated", encoding="utf-8")
    (root / "outside").symlink_to(tmp_path)
    (root / "linked-docs").symlink_to(docs)
    writer = Writer(root)
    writer.keep_below(docs, ["a.md", "regions/b.md"])
    # The same file by another way to it (a link to its folder) is the same output.
    writer.keep_below(root / "linked-docs", ["themes/d.md"])
    for twice in (["regions/b.md"], ["regions/../a.md"]):
        with pytest.raises(BuildError, match="two outputs want this same file"):
            writer.keep_below(docs, twice)
    with pytest.raises(BuildError, match="two outputs want this same file"):
        writer.write(docs / "themes" / "d.md", "again")
    with pytest.raises(BuildError, match="refusing to write outside the project"):
        writer.keep_below(root, ["outside/escape.md"])
    removed = remove_stale_files(writer, docs, lambda path: path.suffix == ".md")
    assert removed == [docs / "regions" / "c.md"]
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")) == [
        "a.md",
        "regions/b.md",
        "themes/d.md",
    ]
