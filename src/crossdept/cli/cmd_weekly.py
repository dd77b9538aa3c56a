"""`crossdept weekly FOLDER --out DIR [--send] [--in-place]`: the whole chain, for a scheduler.

Parses the options and runs ops/weekly.py (the operations of each command in order over one read
of the folder), with progress bars per stage and per file on standard error, then a closing table
of what was read and written. Exit codes are interface.md's (2 when a workbook could not be read
or an output could not be written or sent, 1 when there are validation errors or overdue work,
else 0).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, TYPE_CHECKING

import typer
from rich.table import Table

from crossdept.cli.common import HistoryOpt, JsonOpt, LangOpt, Run, TodayOpt, app, guarded, start

if TYPE_CHECKING:
    from crossdept.ops.weekly import WeeklyResult


def _closing_table(run: Run, r: WeeklyResult) -> None:
    table = Table(title=run.text("weekly.closing.title", project=r.project, day=r.day.isoformat()), title_justify="left")
    table.add_column(run.text("weekly.closing.what"))
    table.add_column(run.text("weekly.closing.value"), overflow="fold")
    counts = {s: sum(f.status == s for f in r.files) for s in ("ok", "invalid", "unreadable", "skipped")}
    table.add_row(run.text("weekly.closing.read"), str(r.read))
    table.add_row(run.text("weekly.closing.invalid"), str(counts["invalid"]))
    table.add_row(run.text("weekly.closing.unreadable"), str(counts["unreadable"]))
    table.add_row(run.text("weekly.closing.skipped"), str(counts["skipped"]))
    table.add_row(run.text("weekly.closing.overdue"), str(r.overdue_items))
    for output in r.outputs:
        table.add_row(run.text(f"weekly.kind.{output.kind}"), str(output.path))
    run.err.print(table)
    for f in r.files:
        if f.status in ("unreadable", "skipped") and f.error:
            run.err.print(f.error, markup=False, highlight=False)
    for _, _, error in r.marked:
        if error:
            run.err.print(error, markup=False, highlight=False)
    for line in r.notes + r.problems:
        run.err.print(line, markup=False, highlight=False)


@app.command()
@guarded
def weekly(
    folder: Annotated[Path, typer.Argument(help="The project folder: department workbooks and crossdept.toml. 项目文件夹。", readable=False)],
    out: Annotated[Path, typer.Option("--out", help="The archive folder for this week's outputs. 输出文件夹。")],
    send_now: Annotated[bool, typer.Option("--send", help="Send the summary through crossdept.toml's [smtp].")] = False,
    in_place: Annotated[bool, typer.Option("--in-place", help="Mark the workbooks themselves (with backups) instead of copies.")] = False,
    history: HistoryOpt = None,
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Validate, highlight, roll up, minutes and summary over a folder, in one run. 每周一键：校验、标记、汇总、纪要、邮件。"""
    run = start(lang, today)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn  # not on every start (--help)

    from crossdept.ops.weekly import STAGES, weekly as run_weekly  # here: --help loads no use case

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=run.err,
                  transient=False, disable=not run.err.is_terminal) as bar:
        tasks = {s: bar.add_task(run.text(f"weekly.stage.{s}"), total=None) for s in STAGES}
        result = run_weekly(folder, out=out, send=send_now, in_place=in_place, history=history, today=run.today,
                            lang=run.lang, progress=lambda s, done, total: bar.update(tasks[s], completed=done, total=total))
    if result.unknown_years:
        run.say("calendar-unknown-year", years=run.join(sorted(result.unknown_years)))
    if result.sent is not None:
        run.say("summary.sent", count=len(result.sent), to=run.join(result.sent))
    _closing_table(run, result)
    if json_out:
        run.emit_json(result.to_json())
    raise typer.Exit(result.exit_code)
