"""Two runs at once: the second stops with a clear line; a killed run frees the lock."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.lock import project_lock

ROOT = Path(__file__).resolve().parent.parent


def _holder(folder: Path) -> subprocess.Popen[bytes]:
    code = textwrap.dedent(f"""
        import time
        from pathlib import Path
        from generator.lock import project_lock
        with project_lock(Path({str(folder)!r})):
            print("locked", flush=True)
            time.sleep(60)
    """)
    process = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline().strip() == b"locked"
    return process


def test_a_second_run_is_refused_while_the_first_holds_the_lock(tmp_path: Path) -> None:
    holder = _holder(tmp_path)
    try:
        with pytest.raises(BuildError) as caught, project_lock(tmp_path):
            pass
        assert f"process {holder.pid}" in str(caught.value)
        assert "wait for it to finish" in str(caught.value)
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_run_leaves_no_lock_behind(tmp_path: Path) -> None:
    holder = _holder(tmp_path)
    holder.kill()
    holder.wait()
    deadline = time.monotonic() + 5
    while True:
        try:
            with project_lock(tmp_path):
                break
        except BuildError:
            assert time.monotonic() < deadline
            time.sleep(0.05)


def test_the_lock_is_reentrant_across_sequential_runs(tmp_path: Path) -> None:
    for _ in range(3):
        with project_lock(tmp_path):
            assert (tmp_path / "lock").read_text(encoding="utf-8").strip().isdigit()
