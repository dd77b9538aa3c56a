"""The roll-up: every department workbook of a folder into one workbook, and this week into the history.

`rollup()` is `crossdept rollup`; `roll_up()` is the same use case over workbooks already read,
which the weekly run (one read of the folder) and the ribbon (the open workbook as it is on
screen) call, so the three share every policy:

- the year of dates written without one, and the project's name (ops/common.py);
- the history: one store (store/history.py `history_path`), never an empty week recorded; a store
  that was asked for and cannot be used stops the run, the default one is skipped with a note;
- the output is written atomically; an existing file is replaced only when it is a roll-up.

Exit code 2 when some file could not be read (the roll-up is still written, naming it) or no
department workbook was found (likely the wrong folder; no history is recorded then), 1 when
work is overdue or blocked or values could not be read, else 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from crossdept.config import Config, load_config
from crossdept.core.rollup import (DetailRow, FilePart, Keep, OverdueItem, Rollup, build_rollup, file_part,
                                  overdue_order)
from crossdept.errors import CrossdeptError
from crossdept.gcpause import cyclic_gc_paused
from crossdept.model.outputs import ROLLUP_SIGNATURE
from crossdept.ops.common import (EXIT_ATTENTION, EXIT_OK, EXIT_UNREADABLE, DateLike, PathArg, as_lang, as_path,
                                  as_today, default_year, project_name)
from crossdept.read import Workbook, WorkbookError
from crossdept.read.pool import map_folder, read_or_error
from crossdept.store.history import HistoryError, WeekFigures, history_path, record_week

Entry = tuple[Path, Workbook | WorkbookError | FilePart]


@dataclass
class RollupResult:
    """A roll-up written to `output`, with what happened to the history."""

    folder: Path
    output: Path
    lang: str
    project: str
    rollup: Rollup
    history: Path
    week: str | None = None  # the ISO week recorded, None when nothing was
    weeks: list[WeekFigures] = field(default_factory=list)
    history_skipped: HistoryError | None = None  # the default store could not be used (the run went on)

    def to_json(self) -> dict[str, object]:
        """interface.md's rollup JSON: exactly what `crossdept rollup --json` prints."""
        return self.rollup.to_json(self.lang)

    @property
    def exit_code(self) -> int:
        if self.rollup.unreadable or not self.rollup.rolled_up:
            return EXIT_UNREADABLE
        return EXIT_ATTENTION if self.rollup.needs_attention() else EXIT_OK


def is_rollup(path: Path) -> bool:
    """Whether an existing file is a crossdept roll-up (and so may be replaced)."""
    import python_calamine

    try:
        return ROLLUP_SIGNATURE <= set(python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names)
    except Exception:  # noqa: BLE001 - anything unreadable is certainly not our roll-up
        return False


def check_output(output: Path) -> None:
    """-o must be an .xlsx that is not a folder, and never a department's workbook given by mistake."""
    if output.is_dir():
        raise CrossdeptError("output-exists-folder", path=output)
    if output.suffix.lower() != ".xlsx":
        raise CrossdeptError("rollup.output-not-xlsx", path=output)
    if output.exists() and not is_rollup(output):
        raise CrossdeptError("rollup.output-not-rollup", path=output)


def _projects(entries: Iterable[Entry], seen: list[Workbook | FilePart]) -> Iterator[Entry]:
    """Pass the entries through, keeping the first workbook that names its project (for the title)."""
    for path, item in entries:
        if not seen and isinstance(item, (Workbook, FilePart)) and item.meta("project"):
            seen.append(item)
        yield path, item


def roll_up(entries: Iterable[Entry], folder: Path, config: Config, today: dt.date, lang: str, output: Path,
            history: Path | None = None, year: int | None = None) -> RollupResult:
    """Roll up workbooks already read (streamed: `entries` may be a generator), record the week, write `output`.

    The detail rows go straight from each file read to a spool (write/rollup_rows.py), and what
    must last to the end (overdue items, blocked tasks, the ids seen) mostly to temporary files
    (store/spill.py), so memory does not grow with the number of files."""
    from xlsxwriter.exceptions import XlsxWriterException

    from crossdept.store import spill
    from crossdept.write.atomic import write_atomic
    from crossdept.write.rollup_rows import DetailSpool
    from crossdept.write.rollup_xlsx import write_rollup

    store, explicit = history_path(folder, config, history)
    named: list[Workbook | FilePart] = []
    with cyclic_gc_paused(), DetailSpool(lang) as spool:
        reread = None if year is None else partial(read_or_error, default_year=year)
        blocked = spill.SpillList(DetailRow, threshold=spill.ITEMS_IN_MEMORY // 4)  # ~1.5 KB a row: ~7 MB
        keep = Keep(spill.SpillList(OverdueItem, key=overdue_order), blocked, spill.SpilledSeen(), sorted_overdue=True)
        built = build_rollup(_projects(entries, named), config, today, detail=spool, reread=reread, keep=keep)
        result = RollupResult(folder, output, lang, project_name(config, named, folder.resolve().name), built, store)
        try:
            result.week, result.weeks = record_week(store, today, built)
        except HistoryError as exc:
            if explicit:  # the history asked for cannot be kept: stop, change nothing
                raise
            # The default place inside FOLDER is not writable (a read-only share): the roll-up
            # itself still matters more; the front end says how to keep history.
            result.history_skipped = exc
        try:
            write_atomic(output, lambda tmp: write_rollup(built, tmp, lang, result.project, result.weeks))
        except (OSError, XlsxWriterException) as exc:
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise CrossdeptError("output-unwritable", path=output, detail=detail) from None
    return result


def rollup(folder: PathArg, *, output: PathArg, history: PathArg | None = None, today: DateLike = None,
           lang: str | None = None) -> RollupResult:
    """`crossdept rollup FOLDER -o OUTPUT [--history DB]`: consolidate every workbook in FOLDER."""
    folder, output, day, language = as_path(folder), as_path(output), as_today(today), as_lang(lang)
    if not folder.is_dir():
        raise CrossdeptError("rollup.not-folder", path=folder)
    check_output(output)
    config = load_config(folder)
    year = default_year(config, day)
    # Both cores: worker processes read and roll up each file (read/pool.py), this process adds
    # the parts up in file order; serial for a few files.
    entries = map_folder(folder, year, partial(file_part, config=config, today=day), exclude=[output])
    return roll_up(entries, folder, config, day, language, output, as_path(history) if history is not None else None,
                   year=year)
