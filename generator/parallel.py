"""Per-document work spread over the machine's cores.

Reading a source, scanning it for new names and extracting its briefings depend on nothing but
that source (and, read-only, the gazetteer or the matcher), so a first build or a build after
a generator upgrade runs them in worker processes. Results come back in input order, so the
output is the same bytes as a run on one core; everything that names, merges or writes stays
in the parent, in order.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Set BRIEFING_JOBS=1 to run everything in one process (or to a number, to use fewer cores).
JOBS_VARIABLE = "BRIEFING_JOBS"
# Below this many items, starting workers costs more than it saves.
MINIMUM_ITEMS = 4
# run_beside forks only for this much work (briefings a step goes over, say): below it,
# forking and the pages both processes then copy cost more than they save.
BESIDE_MINIMUM_ITEMS = 2000
# Linux's prctl option: a signal the kernel sends a process when its parent exits.
PR_SET_PDEATHSIG = 1

# What the workers read and never change (the gazetteer, the matcher): set before the
# workers are forked, so it reaches them without being pickled.
_shared: dict[str, Any] = {}


def worker_count(items: int) -> int:
    """How many processes to use for items: the cores this process may run on, at most."""
    setting = os.environ.get(JOBS_VARIABLE, "").strip()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    jobs = int(setting) if setting.isdigit() and int(setting) > 0 else (cores or 1)
    if items < MINIMUM_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    # Forking a process that runs other threads (`briefing serve` watches files) can copy a
    # lock held by one of them: such a run stays on one core.
    if threading.active_count() > 1:
        return 1
    return max(1, min(jobs, items))


def map_documents(
    function: Callable[[Item], Result], items: Sequence[Item], **shared: Any
) -> list[Result]:
    """Apply function to each item, across processes when it pays; results in item order.

    Args:
        function: a module-level function (workers find it by name); it may read the
            shared values with `shared_value`.
        items: its arguments, pickled to the workers.
        shared: read-only values for every call, inherited by forked workers.
    """
    workers = worker_count(len(items))
    _shared.clear()
    _shared.update(shared)
    try:
        if workers == 1:
            return [function(item) for item in items]
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(
            workers, mp_context=context, initializer=_follow_parent, initargs=(os.getpid(),)
        ) as pool:
            chunk = max(1, len(items) // (workers * 4))
            return list(pool.map(function, items, chunksize=chunk))
    finally:
        _shared.clear()


def shared_value(name: str) -> Any:
    """A value map_documents was given for every call, in this process or a worker."""
    return _shared[name]


def run_beside(
    side: Callable[[], Result], main: Callable[[], Item], items: int
) -> tuple[Result, Item]:
    """Run side in a forked process while main runs in this one; return both results.

    side must only compute (its result comes back pickled; what it changes in memory stays
    in its process) and must not depend on what main does; items is how much work each
    does. Where forking is not possible or would not pay, or side fails in its process (it
    then runs here, so its error is raised as it would be), both run here, side first.
    """
    if items < BESIDE_MINIMUM_ITEMS or worker_count(MINIMUM_ITEMS) < 2:
        return side(), main()
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_run_side, args=(side, sending, os.getpid()), daemon=True)
    process.start()
    sending.close()
    try:
        result = main()
        try:
            succeeded, value = receiving.recv()
        except (EOFError, OSError):
            succeeded, value = False, None  # the process died: run side here
    finally:
        receiving.close()
        process.join()
    return (value if succeeded else side()), result


def _run_side(side: Callable[[], Any], sending: Any, parent: int) -> None:
    _follow_parent(parent)
    try:
        value = side()
    except BaseException:  # reported by running side again in the parent
        sending.send((False, None))
    else:
        sending.send((True, value))
    finally:
        sending.close()


def _follow_parent(parent: int) -> None:
    """Start of a worker: make it die with the run that forked it. A killed run must not
    leave workers behind, burning cores and holding the project's lock they inherited."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass  # no prctl: the worker still ends when the run closes its queue
    if os.getppid() != parent:  # the run died before the line above took effect
        os._exit(1)
