"""Work across cores: the same bytes as one process, errors that still name their file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import generator.parallel
from generator.build import generate
from generator.errors import SourceError
from generator.parallel import (
    JOBS_VARIABLE,
    map_documents,
    run_beside,
    shared_value,
    worker_count,
)
from generator.project import Project
from tests.helpers import ROOT, shipped_project


def _process_and_offset(number: int) -> tuple[int, int]:
    return os.getpid(), number + shared_value("offset")


def test_work_is_spread_over_processes_and_comes_back_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(JOBS_VARIABLE, "2")
    assert worker_count(12) == 2
    results = map_documents(_process_and_offset, list(range(12)), offset=100)
    assert [value for _, value in results] == list(range(100, 112))
    assert os.getpid() not in {pid for pid, _ in results}
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    assert {pid for pid, _ in map_documents(_process_and_offset, [1, 2, 3, 4, 5], offset=0)} == {
        os.getpid()
    }
    assert worker_count(2) == 1  # too few to pay for starting workers


def _fails_in_another_process(parent: int) -> int:
    if os.getpid() != parent:
        raise ValueError("not here")
    return os.getpid()


def _always_fails() -> int:
    raise ValueError("a side that fails")


def _dies_in_another_process(parent: int) -> int:
    if os.getpid() != parent:
        os._exit(3)
    return os.getpid()


def test_side_runs_beside_the_main_work_and_its_result_comes_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(JOBS_VARIABLE, "2")
    here = os.getpid()
    (side, side_values), main = run_beside(
        lambda: (os.getpid(), list(range(5))), lambda: os.getpid(), items=10_000
    )
    assert main == here and side != here and side_values == [0, 1, 2, 3, 4]
    # Too little work to pay for a process, or one core: both run here.
    assert run_beside(os.getpid, os.getpid, items=10) == (here, here)
    monkeypatch.setenv(JOBS_VARIABLE, "1")
    assert run_beside(os.getpid, os.getpid, items=10_000) == (here, here)


def test_a_side_that_fails_or_dies_in_its_process_runs_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(JOBS_VARIABLE, "2")
    here = os.getpid()
    for side in (_fails_in_another_process, _dies_in_another_process):
        assert run_beside(lambda side=side: side(here), os.getpid, items=10_000) == (here, here)
    with pytest.raises(ValueError, match="a side that fails"):
        run_beside(_always_fails, os.getpid, items=10_000)


def _project(root: Path) -> Project:
    project = shipped_project(root)
    (root / "seeds" / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff" * 50)
    return project


def _outputs(project: Project) -> dict[str, object]:
    # The site, the curated YAML, and the records kept for the next run: the related
    # briefings, and each page's input hash (without the stat of its file).
    outputs: dict[str, object] = {
        path.relative_to(project.root).as_posix(): path.read_bytes()
        for path in [*sorted(project.content.rglob("*")), project.cache / "related.json"]
        if path.is_file()
    }
    pages = json.loads((project.cache / "pages.json").read_text(encoding="utf-8"))
    outputs["pages"] = {page: entry[0] for page, entry in pages["pages"].items()}
    outputs["groups"] = pages["groups"]
    return outputs


def test_a_build_across_cores_writes_the_same_bytes_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    # The seeds are too few for the render's steps to fork; here they fork all the same.
    monkeypatch.setattr(generator.parallel, "BESIDE_MINIMUM_ITEMS", 0)
    runs = {}
    for jobs in ("1", "2"):
        monkeypatch.setenv(JOBS_VARIABLE, jobs)
        project = _project(tmp_path / f"jobs-{jobs}")
        report = generate(project)
        runs[jobs] = (_outputs(project), [str(error) for error in report.errors], report)
    one, two = runs["1"], runs["2"]
    assert len(two[2].documents) == len(list((ROOT / "seeds").iterdir()))
    assert two[0] == one[0] and len(two[0]) > 30
    assert {"content/site/index.md", ".briefing/cache/related.json"} <= two[0].keys()
    assert len(two[0]["pages"]) > 30 and two[0]["groups"]
    # The broken file's error crossed from its worker whole: same class, same one line.
    assert two[1] == one[1] and len(two[1]) == 1 and "broken.txt" in two[1][0]
    assert isinstance(two[2].errors[0], SourceError)


def _write_pid_and_wait(folder: str) -> None:
    (Path(folder) / str(os.getpid())).write_text("", encoding="utf-8")
    time.sleep(60)


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has exited; only its entry is left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_a_run_that_is_killed(tmp_path: Path) -> None:
    script = (
        "import sys; from generator.parallel import map_documents; "
        "from tests.test_parallel import _write_pid_and_wait; "
        "map_documents(_write_pid_and_wait, [sys.argv[1]] * 4)"
    )
    env = {**os.environ, JOBS_VARIABLE: "2"}
    run = subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = [int(path.name) for path in tmp_path.iterdir()]
    assert len(workers) == 2 and all(_alive(pid) for pid in workers)
    run.send_signal(signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in workers)
