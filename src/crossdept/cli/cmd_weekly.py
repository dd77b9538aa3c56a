"""`crossdept weekly FOLDER --out DIR [--send] [--in-place]`: the whole chain, for a scheduler.

Thin adapter over crossdept/weekly.py: progress bars per stage and per file on standard error,
a closing table of what was read and written, and interface.md's exit codes (2 when a workbook
could not be read or an output could not be written or sent, 1 when there are validation errors
or overdue work, else 0).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from crossdept.cli.common import LangOpt, Run, TodayOpt, app, guarded, start
from crossdept.cli.cmd_highlight import highlight_book
from crossdept.config import Config
from crossdept.core.history import HistoryError
from crossdept.read import Workbook
from crossdept.weekly import STAGES, WeeklyRun, staging
from crossdept.write.smtp_send import SendError, password_for, send


def _highlighter(run: Run, unknown_years: set[int]):  # type: ignore[no-untyped-def]
    """The highlight command's own per-workbook routine, as the chain's marking stage."""

    taken: set[str] = set()  # copies of two same-named workbooks from different subfolders

    def mark(path: Path, book: Workbook, config: Config, target: Path | None) -> tuple[str, str | None]:
        outcome = highlight_book(path, book, config, run, target, False, unknown_years, taken)
        return outcome.status, outcome.error

    return mark


def _closing_table(run: Run, chain: WeeklyRun) -> None:
    r = chain.result
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
    history: Annotated[Path | None, typer.Option("--history", help="SQLite history (default OUT/.crossdept/history.sqlite).")] = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Validate, highlight, roll up, minutes and summary over a folder, in one run. 每周一键：校验、标记、汇总、纪要、邮件。"""
    run = start(lang, today)
    if not folder.is_dir():
        raise run.fail("weekly.not-folder", path=folder)
    if out.exists() and not out.is_dir():
        raise run.fail("output-exists-folder", path=out)
    unknown_years: set[int] = set()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=run.err,
                  transient=False, disable=not run.err.is_terminal) as bar:
        tasks = {s: bar.add_task(run.text(f"weekly.stage.{s}"), total=None) for s in STAGES}
        chain = WeeklyRun(folder, out, run.today, run.lang, in_place=in_place, history=history,
                          progress=lambda s, done, total: bar.update(tasks[s], completed=done, total=total),
                          highlight=_highlighter(run, unknown_years))
        with staging(out) as stage:
            chain.read()
            chain.validate(stage)
            chain.mark(stage)
            try:
                chain.roll_up(stage)
            except HistoryError as exc:
                raise run.fail("rollup.history-error", path=exc.path, detail=exc.detail) from None
            minutes = chain.minutes(stage)
            rollup_path = stage / chain.name("周报汇总", ".xlsx")
            message = chain.summary(stage, [rollup_path, *([minutes] if minutes else [])])
            chain.commit(stage)
    if unknown_years:
        run.say("calendar-unknown-year", years="、".join(str(y) for y in sorted(unknown_years)))
    if send_now:
        _send(run, chain, message)
    _closing_table(run, chain)
    raise typer.Exit(chain.result.exit_code())


def _send(run: Run, chain: WeeklyRun, message) -> None:  # type: ignore[no-untyped-def]
    """Send after the outputs are in place: a failed send still leaves the .eml to send by hand."""
    smtp = chain.config.smtp
    if smtp is None:
        chain.result.problems.append(run.text("summary.no-smtp"))
        return
    try:
        sent = send(message, smtp, password_for(smtp))
    except SendError as exc:
        chain.result.problems.append(run.text(exc.rule, **exc.params))
        return
    run.say("summary.sent", count=len(sent), to="、".join(sent))
