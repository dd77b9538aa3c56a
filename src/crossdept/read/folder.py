"""Every workbook under a folder, read one at a time, and every other file accounted for.

Power Query's "From Folder" hides the files it skips; this walk names each one instead. What is
not a workbook of ours is *skipped* (with its reason): Excel/WPS/LibreOffice lock files, hidden
and temporary files, and files of other kinds (the project's crossdept.toml, minutes, emails),
because a project folder always holds those and they are not input that failed. A file with a
workbook extension that cannot be opened (corrupt, encrypted) is *unreadable*: that is input
lost, and the command says so with exit code 2. Hidden folders (.crossdept-backup, .git) are not
entered at all: backups and tool state are never project data.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from crossdept.config import CONFIG_NAME
from crossdept.read import read_workbook
from crossdept.read.calamine_engine import SUPPORTED, is_lock_file
from crossdept.read.errors import WorkbookError
from crossdept.read.records import Workbook

# Names editors and sync tools give to half-written or scratch copies.
_TEMP_PREFIXES = ("~", ".~")
_TEMP_SUFFIXES = (".tmp", ".temp", ".part", ".crdownload", ".swp")
# The annotated copies `crossdept validate --annotate` writes (write/annotate.py target_for:
# NAME-校验结果.xlsx, NAME-校验结果-2.xlsx): copies of input, never input themselves.
_ANNOTATED = re.compile(r"-校验结果(-\d+)?$")


def _is_hidden(path: Path) -> bool:
    """A dot-file, or a file with Windows' hidden attribute (where the OS reports it)."""
    if path.name.startswith("."):
        return True
    try:
        attributes = getattr(os.stat(path), "st_file_attributes", 0)
    except OSError:  # a dangling link: reading it will say the file is missing
        return False
    return bool(attributes & getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 0))


def skip_reason(path: Path) -> WorkbookError | None:
    """Why a file found in a folder is not read (a 'skipped' WorkbookError), or None to read it."""
    shown = str(path)
    if is_lock_file(path):
        return WorkbookError("file-lock", shown, skipped=True)
    if path.name.startswith(_TEMP_PREFIXES) or path.suffix.lower() in _TEMP_SUFFIXES:
        return WorkbookError("folder-temp-file", shown, skipped=True)
    if _is_hidden(path):
        return WorkbookError("folder-hidden-file", shown, skipped=True)
    if path.suffix.lower() not in SUPPORTED:
        return WorkbookError("folder-not-workbook", shown, skipped=True)
    if _ANNOTATED.search(path.stem):
        return WorkbookError("folder-annotated-copy", shown, skipped=True)
    return None


def folder_files(folder: Path, exclude: Iterable[Path] = ()) -> tuple[list[Path], list[WorkbookError]]:
    """Every file under `folder` in a stable order (sorted paths), not entering hidden folders,
    and the sub-folders that could not be listed (os.walk would skip those silently).

    Linked sub-folders (a department's share linked into the project folder) are entered, as
    the folder tree a person sees; each real folder once, so a link back up cannot loop and no
    file is counted twice. `exclude` removes files by resolved path (the roll-up's own output
    when it is written inside the folder it reads).
    """
    excluded = {Path(p).resolve() for p in exclude}
    found: list[Path] = []
    failed: list[WorkbookError] = []
    entered = {os.path.realpath(folder)}

    def unlistable(exc: OSError) -> None:
        failed.append(WorkbookError("folder-unreadable", str(exc.filename), reason=exc.strerror or type(exc).__name__))

    def first_visit(root: str, name: str) -> bool:
        real = os.path.realpath(os.path.join(root, name))
        if real in entered:
            return False
        entered.add(real)
        return True

    for root, dirs, files in os.walk(folder, onerror=unlistable, followlinks=True):
        dirs[:] = [d for d in sorted(dirs) if not d.startswith(".") and first_visit(root, d)]
        for name in files:
            path = Path(root) / name
            if path.resolve() not in excluded:
                found.append(path)
    return sorted(found), failed


def folder_plan(folder: Path, exclude: Iterable[Path] = ()) -> Iterator[tuple[Path, WorkbookError | None]]:
    """What read_folder does with each file, in its order: (path, None) to read it, (path,
    WorkbookError) for a file not read and for every sub-folder that could not be listed."""
    paths, failed = folder_files(folder, exclude)
    for error in failed:
        yield Path(error.path), error
    for path in paths:
        if path.name == CONFIG_NAME:
            continue  # the project's own settings: expected beside the workbooks, not a skipped file
        yield path, skip_reason(path)


def read_folder(folder: Path, default_year: int, exclude: Iterable[Path] = ()) -> Iterator[tuple[Path, Workbook | WorkbookError]]:
    """(path, Workbook) for each readable workbook, (path, WorkbookError) for every other file
    and for every sub-folder that could not be listed.

    A generator, so a caller that does not keep the workbooks holds one at a time: memory stays
    flat in the number of files. (read/pool.py reads the same files on every core.)
    """
    for path, reason in folder_plan(folder, exclude):
        if reason is not None:
            yield path, reason
            continue
        try:
            yield path, read_workbook(path, default_year)
        except WorkbookError as exc:
            yield path, exc
