"""`crossdept rollup FOLDER -o OUT.xlsx [--json] [--history DB]`: the PMO's weekly roll-up.

Parses the options, runs ops/rollup.py (where every policy of the roll-up lives) and renders its
result: a table of the figures and every file not simply read, on standard error.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from crossdept.terminal import printable
from crossdept.cli.common import HistoryOpt, JsonOpt, LangOpt, Run, TodayOpt, app, guarded, start

if TYPE_CHECKING:
    from crossdept.core.rollup import Rollup
    from crossdept.ops.rollup import RollupResult


def _report(run: Run, result: "Rollup") -> None:
    """The figures and every file that was not simply read, on standard error."""
    table = Table(title_justify="left")
    for key in ("department", "tasks", "completion", "overdue-tasks", "open-issues", "overdue-issues", "rag"):
        table.add_column(run.text(f"rollup.head.{key}"))
    totals = result.totals
    for f in [*result.departments, totals]:
        pct = f.completion_pct
        name = run.text("rollup.head.total") if f is totals else f.department
        table.add_row(printable(name), str(f.total), "-" if pct is None else f"{pct}%", str(f.tasks_overdue),
                      str(f.issues_open), str(f.issues_overdue), run.text(f"rollup.rag.{f.rag()[0]}"))
    run.err.print(table)
    counts = {s: sum(1 for f in result.files if f.status == s) for s in ("ok", "invalid", "unreadable", "skipped")}
    run.say("rollup.files", ok=counts["ok"] + counts["invalid"], skipped=counts["skipped"], unreadable=counts["unreadable"])
    for f in result.files:
        message = f.error_message(run.lang)
        if message:
            run.say("rollup.file-line", status=run.text(f"rollup.status.{f.status}"), message=message)
        for note in f.notes:
            run.say("rollup.file-line", status=run.text(f"rollup.status.{f.status}"), message=f"{f.path}: {note.message(run.lang)}")



@app.command()
@guarded
def rollup(
    folder: Annotated[Path, typer.Argument(help="Folder of department workbooks, read recursively. 各部门工作簿所在文件夹。", readable=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="The consolidated workbook to write (.xlsx). 汇总工作簿。")],
    history: HistoryOpt = None,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Consolidate every workbook in FOLDER into one workbook with charts and history. 汇总各部门工作簿。"""
    run = start(lang, today)
    from crossdept.ops.rollup import rollup as run_rollup  # here: --help loads no use case
    done = run_rollup(folder, output=output, history=history, today=run.today, lang=run.lang)
    render(run, done, json_out)
    raise typer.Exit(done.exit_code)


def render(run: Run, done: RollupResult, json_out: bool) -> None:
    """What the roll-up did, on standard error (and its JSON on standard output)."""
    result = done.rollup
    if done.history_skipped is not None:  # the default store could not be written: say how to keep history
        exc = done.history_skipped
        run.say("rollup.history-skipped", path=exc.path, detail=exc.reason(run.lang))
    if json_out:
        run.emit_json(done.to_json())
    else:
        _report(run, result)
    if result.missing_departments:
        run.say("rollup.missing-departments", departments=run.join(result.missing_departments))
    if result.unknown_years:
        run.say("calendar-unknown-year", years=run.join(sorted(result.unknown_years)))
    if done.week is not None:
        run.say("rollup.history-recorded", week=done.week, path=done.history)
    run.say("wrote", path=done.output)
    if not result.rolled_up:
        run.say("rollup.no-workbooks", path=done.folder)
