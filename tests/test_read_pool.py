"""read/pool.py: the roll-up made by worker processes is the serial roll-up, part for part.

The project folder (tests/rollup_folder.py) holds every kind of file a folder walk meets: two
department workbooks and a project workbook that count, a lock file, a corrupt workbook, a
hidden file, a text file and a workbook with no sheet of ours. The pool is forced on (two
workers, no minimum) and its roll-up compared with read_folder's: the JSON, every part of the
written workbook but its save time, and the skipped and unreadable files with their reasons.
A second copy of a department's workbook repeats its rows: a worker cannot know that, so that
file is read again in the main process, and the result is still the serial one.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import zipfile
from functools import partial
from pathlib import Path

from crossdept.config import Config, load_config
from crossdept.core.rollup import RollupBuilder, build_rollup, file_part
from crossdept.read.errors import WorkbookError
from crossdept.read.folder import read_folder
from crossdept.read.pool import map_folder, read_or_error
from crossdept.write.rollup_rows import DetailSpool
from crossdept.write.rollup_xlsx import write_rollup
from rollup_folder import build_project

TODAY = dt.date(2026, 11, 20)


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}  # core.xml: the save time


def _rollup(folder: Path, entries, out: Path):  # type: ignore[no-untyped-def]
    with DetailSpool("zh") as spool:
        result = build_rollup(entries, load_config(folder), TODAY, detail=spool, reread=partial(read_or_error, default_year=2026))
        write_rollup(result, out, "zh", "测试项目")
    return result


def _pooled_and_serial(folder: Path, out: Path):  # type: ignore[no-untyped-def]
    serial = _rollup(folder, read_folder(folder, 2026), out / "serial.xlsx")
    then = partial(file_part, config=load_config(folder), today=TODAY)
    pooled = _rollup(folder, map_folder(folder, 2026, then, workers=2, min_files=1), out / "pooled.xlsx")
    return pooled, serial


def test_workers_roll_up_what_the_serial_walk_does(tmp_path: Path) -> None:
    folder = build_project(tmp_path / "项目")
    pooled, serial = _pooled_and_serial(folder, tmp_path)
    assert pooled.to_json("zh") == serial.to_json("zh")
    assert [(f.path, f.status, f.error.rule if f.error else None) for f in pooled.files] == \
           [(f.path, f.status, f.error.rule if f.error else None) for f in serial.files]
    assert {f.error.rule for f in pooled.files if f.error} >= {"file-lock", "rollup-no-sheets"}
    assert _parts(tmp_path / "pooled.xlsx") == _parts(tmp_path / "serial.xlsx")
    assert pooled.totals.progress_sum == serial.totals.progress_sum


def test_a_file_repeating_earlier_rows_is_read_again_here(tmp_path: Path) -> None:
    folder = build_project(tmp_path / "项目")
    shutil.copyfile(folder / "研发部.xlsx", folder / "研发部-副本.xlsx")  # sorts first: 研发部.xlsx repeats it
    pooled, serial = _pooled_and_serial(folder, tmp_path)
    assert pooled.to_json("zh") == serial.to_json("zh")
    again = next(f for f in pooled.files if f.path.endswith("项目/研发部.xlsx"))
    assert {n.rule for n in again.notes} >= {"duplicate-row", "duplicate-department"}
    assert again.tasks == 0 and again.issues == 0  # its rows repeat the copy's: counted once
    assert _parts(tmp_path / "pooled.xlsx") == _parts(tmp_path / "serial.xlsx")


def test_a_part_carries_everything_a_builder_keeps() -> None:
    """A new field of RollupBuilder must travel in FilePart and be added up in add_part, or the
    pooled roll-up would lose it: this lists the fields both know."""
    handled = {"config", "today", "detail", "figures", "files", "unknown_years", "submissions",
               "keep", "milestones"}
    assert set(vars(RollupBuilder(Config(), TODAY))) == handled


def test_few_files_are_read_here_in_file_order(tmp_path: Path) -> None:
    folder = build_project(tmp_path / "项目")
    seen = list(map_folder(folder, 2026, lambda path, book: book.path.name))  # a lambda: no process involved
    serial = list(read_folder(folder, 2026))
    assert [p for p, _ in seen] == [p for p, _ in serial]
    for (_, item), (_, book) in zip(seen, serial):
        assert item == book.path.name if not isinstance(book, WorkbookError) else item.rule == book.rule


def _dies_on_a_copy(path: Path, book: object) -> str:
    """A worker's `then` that ends its process (as a crash in native code would) on one file."""
    if path.name == "研发部-副本.xlsx":
        os._exit(70)
    return path.name


def test_a_worker_that_dies_loses_only_its_file(tmp_path: Path) -> None:
    folder = build_project(tmp_path / "项目")
    shutil.copyfile(folder / "研发部.xlsx", folder / "研发部-副本.xlsx")
    seen = list(map_folder(folder, 2026, _dies_on_a_copy, workers=2, min_files=1))
    serial = list(read_folder(folder, 2026))
    assert [p for p, _ in seen] == [p for p, _ in serial]  # every file, in order
    for (path, item), (_, book) in zip(seen, serial):
        if isinstance(book, WorkbookError):
            assert isinstance(item, WorkbookError) and item.rule == book.rule
        elif path.name == "研发部-副本.xlsx":
            assert isinstance(item, WorkbookError) and item.status == "unreadable" and item.rule == "file-corrupt"
        else:
            assert item == path.name


def test_workers_started_afresh_find_the_rows_an_earlier_file_repeats(tmp_path: Path, spawned_workers: None) -> None:
    """On Windows and macOS worker processes are spawned, not forked: each hashes text with its
    own random seed. Repeated rows must still be found, so the keys must not depend on it."""
    folder = build_project(tmp_path / "项目")
    shutil.copyfile(folder / "研发部.xlsx", folder / "研发部-副本.xlsx")
    pooled, serial = _pooled_and_serial(folder, tmp_path)
    assert pooled.to_json("zh") == serial.to_json("zh")
    again = next(f for f in pooled.files if f.path.endswith("项目/研发部.xlsx"))
    assert again.tasks == 0 and again.issues == 0
