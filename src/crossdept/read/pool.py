"""A folder's workbooks read on every core, each turned into what the caller needs where it was
read, and handed back one at a time in file order.

Files are independent, so worker processes read the next workbooks (python-calamine, headers,
normalising every cell) and apply the caller's `then` to each, while the caller adds up the
current one. `then` must shrink the workbook: moving a read Workbook between processes costs
more than reading it (its cells pickle at ~2x the time python-calamine and the parser take),
so the roll-up's `then` is core.rollup.file_part, whose rows cross as plain tuples. Results
come back in exactly read_folder's order, so outputs are the same as a serial run's. At most
AHEAD results per worker wait at a time, so memory stays flat in the number of files.

A worker process that dies (a crash in native code, the system ending it) loses only the file
that ends it: that file is done again in a process of its own, and if that one dies too, it is
the file's WorkbookError (unreadable), like any workbook that cannot be read.

Below MIN_FILES workbooks, or on one core, starting workers costs more than it saves and the
folder is read serially, `then` applied in this process.
"""

from __future__ import annotations

import copyreg
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from crossdept.read import read_workbook
from crossdept.read.errors import WorkbookError
from crossdept.read.folder import folder_plan, read_folder
from crossdept.read.records import Workbook

if TYPE_CHECKING:  # concurrent.futures.process pulls in multiprocessing: imported when a pool starts
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")
MIN_FILES = 8
AHEAD = 2  # results waiting per worker: enough to keep the workers busy, few enough to stay small


def _workbook_error(rule: str, path: str, skipped: bool, params: dict[str, object]) -> WorkbookError:
    return WorkbookError(rule, path, skipped=skipped, **params)


# A WorkbookError (a failed read, or a FileEntry's reason for skipping a workbook) crosses
# between processes as its fields: pickled as an exception it would be rebuilt from its message.
copyreg.pickle(WorkbookError, lambda e: (_workbook_error, (e.rule, e.path, e.skipped,
                                                            {k: v for k, v in e.params.items() if k != "path"})))


def read_or_error(path: Path, default_year: int) -> Workbook | WorkbookError:
    """The workbook, or why it cannot be read (as read_folder yields them)."""
    try:
        return read_workbook(path, default_year)
    except WorkbookError as exc:
        return exc


def _read_then(path: Path, default_year: int, then: Callable[[Path, Workbook], T]) -> T | WorkbookError:
    book = read_or_error(path, default_year)
    return book if isinstance(book, WorkbookError) else then(path, book)


def usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _pool(workers: int) -> ProcessPoolExecutor:
    from concurrent.futures import ProcessPoolExecutor

    if sys.platform.startswith("linux"):  # forked workers start with crossdept already imported
        import multiprocessing

        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(workers)


def map_folder(folder: Path, default_year: int, then: Callable[[Path, Workbook], T], exclude: Iterable[Path] = (),
               workers: int | None = None, min_files: int = MIN_FILES) -> Iterator[tuple[Path, T | WorkbookError]]:
    """read_folder's pairs in read_folder's order, each workbook replaced by then(path, workbook),
    computed by `workers` processes (default: one per usable core). `then` must be picklable
    (a module-level function or a functools.partial of one) and so must what it returns."""
    workers = workers or usable_cores()
    plan = list(folder_plan(folder, exclude))
    if workers < 2 or sum(reason is None for _, reason in plan) < min_files:
        for path, item in read_folder(folder, default_year, exclude):
            yield path, item if isinstance(item, WorkbookError) else then(path, item)
        return
    from concurrent.futures.process import BrokenProcessPool

    pool = _pool(workers)
    try:
        waiting: deque[tuple[Path, Future[T | WorkbookError] | WorkbookError]] = deque()
        todo = iter(plan)
        running = 0

        def submit() -> None:
            nonlocal running
            while running < workers * AHEAD and (step := next(todo, None)) is not None:
                path, reason = step
                if reason is None:
                    waiting.append((path, pool.submit(_read_then, path, default_year, then)))
                    running += 1
                else:
                    waiting.append((path, reason))

        submit()
        while waiting:
            path, job = waiting.popleft()
            if isinstance(job, WorkbookError):
                yield path, job
                continue
            try:
                result = job.result()
            except BrokenProcessPool:
                # A worker process died (a crash in native code, the system ending it): any file
                # it was given may be the cause. This one is done again alone, so only a file
                # that ends its process is lost (as unreadable); the others go to a new pool.
                pool.shutdown(cancel_futures=True)
                result = _alone(path, default_year, then)
                pool = _pool(workers)
                for n, (other, pending) in enumerate(waiting):
                    if not isinstance(pending, WorkbookError) and (not pending.done() or pending.exception()):
                        waiting[n] = (other, pool.submit(_read_then, other, default_year, then))
            running -= 1
            submit()
            yield path, result
    finally:
        pool.shutdown(cancel_futures=True)


def _alone(path: Path, default_year: int, then: Callable[[Path, Workbook], T]) -> T | WorkbookError:
    """then(path, its workbook) in a process of its own; a process that dies is the file's error."""
    from concurrent.futures.process import BrokenProcessPool

    with _pool(1) as pool:
        try:
            return pool.submit(_read_then, path, default_year, then).result()
        except BrokenProcessPool:
            return WorkbookError("file-corrupt", str(path), reason="the process reading it ended unexpectedly")
