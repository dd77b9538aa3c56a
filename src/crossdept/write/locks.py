"""Locks that serialise crossdept's own runs on one workbook or one output folder.

Two `highlight` runs on one file (a scheduled weekly run and a person's button press) would
both plan from the same content and the second would write over the first; two `weekly` runs into
one --out would delete each other's staging folder. Each such write is done holding a lock on the
real path (links followed), taken with filelock: an OS lock (fcntl / msvcrt) that dies with its
process, so a killed run never leaves a stale lock behind.

The lock files live in the temporary folder, named by a hash of the path, not beside the
workbook: a project folder gets no extra files, and a folder crossdept cannot write to can still
be locked.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from crossdept.errors import CrossdeptError

#: How long a run waits for another run on the same file or folder before giving up (seconds).
LOCK_WAIT_S = 600.0


def lock_path(path: Path) -> Path:
    """The lock file standing for `path` (its real path, so a link and its target share one)."""
    real = os.path.normcase(os.path.realpath(path))
    digest = hashlib.sha256(real.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    folder = Path(tempfile.gettempdir()) / "crossdept-locks"
    folder.mkdir(mode=0o1777, exist_ok=True)  # shared by every user, like /tmp itself
    return folder / f"{digest}.lock"


@contextmanager
def holding(path: Path, on_wait: Callable[[], None] | None = None, timeout: float = LOCK_WAIT_S) -> Iterator[None]:
    """Hold the lock on `path` for the block; `on_wait` is called once when another run holds it.

    Raises CrossdeptError("lock-timeout") when the other run does not finish within `timeout`."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(lock_path(path)), mode=0o666, thread_local=False)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if on_wait is not None:
            on_wait()
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise CrossdeptError("lock-timeout", path=str(path), seconds=int(timeout)) from None
    try:
        yield
    finally:
        lock.release()
