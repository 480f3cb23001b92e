"""Files known by their stat: a run reads no source, curated file or source copy that is as
it was, and sees every change, even one that puts the modification time back."""

from __future__ import annotations

import os
import pathlib
import time
from pathlib import Path

import pytest

import generator.filekeys
from generator.build import generate
from generator.filekeys import FileKeys
from generator.project import Project
from generator.writer import Writer
from tests.helpers import shipped_project

SEED = "003_b96b697718aef645.txt"


def test_a_file_changed_after_the_run_wrote_it_is_not_recorded_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(generator.filekeys, "settled", lambda info: True)
    path = tmp_path / "documents" / "a.yaml"
    path.parent.mkdir()
    kept = FileKeys(tmp_path / "keys.json")
    path.write_text("id: a\n", encoding="utf-8")
    kept.wrote(path, "a", "key-of-a")
    path.write_text("id: bb\n", encoding="utf-8")  # a curator's edit before the run ended
    kept.save(Writer(tmp_path))
    assert FileKeys(tmp_path / "keys.json").key(path, "a")[0] is None
    kept.wrote(path, "a", "key-of-b")
    kept.save(Writer(tmp_path))
    assert FileKeys(tmp_path / "keys.json").key(path, "a")[0] == "key-of-b"


def _stat(ctime_ns: int, mtime_ns: int) -> os.stat_result:
    return os.stat_result(
        (0o100644, 1, 1, 1, 0, 0, 10, 0, 0, 0, 0.0, 0.0, 0.0, 0, mtime_ns, ctime_ns)
    )


@pytest.mark.parametrize(
    ("age_ns", "fraction_ns", "expected"),
    [
        (10_000_000, 123_456, False),  # fine timestamps: within a clock tick
        (50_000_000, 123_456, True),  # fine timestamps: ticks ago
        (50_000_000, 0, False),  # whole milliseconds: maybe a coarse file system
        (3_000_000_000, 0, True),  # longer ago than any file system's tick
    ],
)
def test_a_file_is_settled_once_its_file_systems_timestamp_tick_has_passed(
    age_ns: int, fraction_ns: int, expected: bool
) -> None:
    changed = (time.time_ns() - age_ns) // 1_000_000 * 1_000_000 + fraction_ns
    assert generator.filekeys.settled(_stat(changed, changed)) is expected


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files count as settled at once: the tests need not wait two seconds."""
    monkeypatch.setattr(generator.filekeys, "settled", lambda info: True)


def _refuse_reading(monkeypatch: pytest.MonkeyPatch, *folders: Path) -> None:
    read_bytes = pathlib.Path.read_bytes

    def refuse(path: Path) -> bytes:
        if any(path.is_relative_to(folder) for folder in folders):
            raise AssertionError(f"{path.name} was read again")
        return read_bytes(path)

    monkeypatch.setattr(pathlib.Path, "read_bytes", refuse)


@pytest.mark.usefixtures("settled")
def test_a_run_after_a_build_reads_no_source_and_no_source_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = shipped_project(tmp_path / "p", (SEED,))
    generate(project)
    generate(project)  # records the sources it read, and the copies as they are
    with monkeypatch.context() as patch:
        _refuse_reading(patch, project.seeds, project.docs / "sources")
        assert generate(project).changed == []


@pytest.mark.usefixtures("settled")
def test_an_edited_or_deleted_copy_is_written_again(tmp_path: Path) -> None:
    project = shipped_project(tmp_path / "p", (SEED,))
    generate(project)
    copy = project.docs / "sources" / SEED
    original = copy.read_bytes()
    copy.write_bytes(original + b"<script>alert(1)</script>")
    report = generate(Project(project.root))
    assert copy.read_bytes() == original and report.changed
    copy.unlink()
    generate(Project(project.root))
    assert copy.read_bytes() == original


@pytest.mark.usefixtures("settled")
def test_a_source_edited_with_its_size_and_modification_time_kept_is_read_again(
    tmp_path: Path,
) -> None:
    project = shipped_project(tmp_path / "p", (SEED,))
    generate(project)
    generate(project)
    source = project.seeds / SEED
    before = source.stat()
    text = source.read_text(encoding="utf-8")
    assert "Battery Alliance" in text
    source.write_text(text.replace("Battery Alliance", "Battery Allyance"), encoding="utf-8")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (source.stat().st_size, source.stat().st_mtime_ns) == (
        before.st_size,
        before.st_mtime_ns,
    )
    generate(Project(project.root))
    assert b"Battery Allyance" in (project.docs / "sources" / SEED).read_bytes()
