"""`crossdept rollup FOLDER -o OUT.xlsx [--json] [--history DB]`: the PMO's weekly roll-up.

A thin adapter: the folder walk (read/folder.py) feeds the pure roll-up (core/rollup.py) one
workbook at a time, the snapshot goes to the history store (core/history.py), and the
consolidated workbook is written atomically (write/rollup_xlsx.py through write/atomic.py).
Exit code 2 when some file could not be read (the roll-up is still written, naming it) or no
department workbook was found (likely the wrong folder; no history is recorded then), 1 when
work is overdue or blocked or values could not be read, else 0.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import python_calamine
import typer
from rich.table import Table
from xlsxwriter.exceptions import XlsxWriterException

from crossdept.cli.common import EXIT_ATTENTION, EXIT_OK, EXIT_UNREADABLE, JsonOpt, LangOpt, Run, TodayOpt, app, guarded, start
from crossdept.config import load_config
from crossdept.core.history import History, HistoryError, WeekFigures
from crossdept.core.rollup import ROLLUP_SIGNATURE, Rollup, build_rollup
from crossdept.read.folder import read_folder
from crossdept.write.atomic import write_atomic
from crossdept.write.rollup_rows import DetailSpool
from crossdept.write.rollup_xlsx import write_rollup

# Where history lives unless --history says otherwise: a hidden folder the roll-up never reads.
DEFAULT_HISTORY = Path(".crossdept") / "history.sqlite"


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause CPython's cycle collector while millions of small acyclic objects (cells, rows,
    XlsxWriter's cell records) are alive: it rescans them again and again, measured at ~45 % of
    a 40-file roll-up (bench/bench_rollup.py). Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _is_rollup(path: Path) -> bool:
    """Whether an existing file is a crossdept roll-up (and so may be replaced)."""
    try:
        return ROLLUP_SIGNATURE <= set(python_calamine.CalamineWorkbook.from_path(str(path)).sheet_names)
    except Exception:  # noqa: BLE001 - anything unreadable is certainly not our roll-up
        return False


def _report(run: Run, result: Rollup) -> None:
    """The figures and every file that was not simply read, on standard error."""
    table = Table(title_justify="left")
    for key in ("department", "tasks", "completion", "overdue-tasks", "open-issues", "overdue-issues", "rag"):
        table.add_column(run.text(f"rollup.head.{key}"))
    totals = result.totals
    for f in [*result.departments, totals]:
        pct = f.completion_pct
        name = run.text("rollup.head.total") if f is totals else f.department
        table.add_row(name, str(f.total), "-" if pct is None else f"{pct}%", str(f.tasks_overdue),
                      str(f.issues_open), str(f.issues_overdue), run.text(f"rollup.rag.{f.rag()[0]}"))
    run.err.print(table)
    counts = {s: sum(1 for f in result.files if f.status == s) for s in ("ok", "invalid", "unreadable", "skipped")}
    run.say("rollup.files", ok=counts["ok"] + counts["invalid"], skipped=counts["skipped"], unreadable=counts["unreadable"])
    for f in result.files:
        message = f.error_message(run.lang)
        if message:
            run.say("rollup.file-line", status=run.text(f"rollup.status.{f.status}"), message=message)


def _record_history(run: Run, result: Rollup, store_path: Path, explicit: bool) -> tuple[str | None, list[WeekFigures] | None]:
    """Store this week's snapshot; (week, every week) or (None, None) when nothing was stored.

    A folder where no department workbook was read (empty, or the wrong folder) stores nothing:
    recording it would replace this week's real snapshot with an empty one."""
    if not result.rolled_up:
        return None, None
    try:
        with History(store_path) as store:
            return store.record(run.today, result.departments), store.weeks()
    except HistoryError as exc:
        detail = run.text("rollup.history-foreign", tables=run.text("rollup.list-sep").join(exc.foreign)) if exc.foreign else exc.detail
        if explicit:  # the history asked for cannot be kept: stop, change nothing
            raise run.fail("rollup.history-error", path=exc.path, detail=detail) from None
        # The default place inside FOLDER is not writable (a read-only share): the roll-up
        # itself still matters more; say how to keep history.
        run.say("rollup.history-skipped", path=exc.path, detail=detail)
        return None, None


@app.command()
@guarded
def rollup(
    folder: Annotated[Path, typer.Argument(help="Folder of department workbooks, read recursively. 各部门工作簿所在文件夹。", readable=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="The consolidated workbook to write (.xlsx). 汇总工作簿。")],
    history: Annotated[Path | None, typer.Option("--history", help="SQLite history file (default FOLDER/.crossdept/history.sqlite).")] = None,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Consolidate every workbook in FOLDER into one workbook with charts and history. 汇总各部门工作簿。"""
    run = start(lang, today)
    if not folder.is_dir():
        raise run.fail("rollup.not-folder", path=folder)
    if output.is_dir():
        raise run.fail("output-exists-folder", path=output)
    if output.suffix.lower() != ".xlsx":
        raise run.fail("rollup.output-not-xlsx", path=output)
    if output.exists() and not _is_rollup(output):
        # -o 研发部.xlsx by mistake must never replace a department's workbook.
        raise run.fail("rollup.output-not-rollup", path=output)
    config = load_config(folder)
    store_path = history or folder / DEFAULT_HISTORY
    # The detail rows go straight from each file read to the spool (write/rollup_rows.py), so
    # memory does not grow with the number of files.
    with _cyclic_gc_paused(), DetailSpool(run.lang) as spool:
        result = build_rollup(read_folder(folder, config.year or run.today.year, exclude=[output]), config,
                              run.today, detail=spool)
        week, weeks = _record_history(run, result, store_path, explicit=history is not None)
        try:
            write_atomic(output, lambda tmp: write_rollup(result, tmp, run.lang, config.project, weeks))
        except (OSError, XlsxWriterException) as exc:
            detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise run.fail("output-unwritable", path=output, detail=detail) from None
    if json_out:
        run.emit_json(result.to_json(run.lang))
    else:
        _report(run, result)
    if result.unknown_years:
        run.say("calendar-unknown-year", years=run.text("rollup.list-sep").join(map(str, sorted(result.unknown_years))))
    if week is not None:
        run.say("rollup.history-recorded", week=week, path=store_path)
    run.say("wrote", path=output)
    if not result.rolled_up:
        run.say("rollup.no-workbooks", path=folder)
    if result.unreadable or not result.rolled_up:
        raise typer.Exit(EXIT_UNREADABLE)
    raise typer.Exit(EXIT_ATTENTION if result.needs_attention() else EXIT_OK)
