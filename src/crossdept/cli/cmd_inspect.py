"""`crossdept inspect FILE...`: what crossdept reads in each workbook, sheet by sheet.

A quick look before anything else: which sheets were recognised as which, where their header
rows are, how many records they hold, and how many values could not be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, TYPE_CHECKING

import typer
from rich.table import Table

from crossdept.terminal import printable
from crossdept.cli.common import JsonOpt, LangOpt, Run, TodayOpt, app, guarded, start

if TYPE_CHECKING:
    from crossdept.ops.inspect import InspectResult


@app.command()
@guarded
def inspect(
    files: Annotated[list[Path], typer.Argument(help="Workbooks to read.", readable=False)],  # each file says why
    json_out: JsonOpt = False,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Show which crossdept sheets each workbook holds and how many rows were read. 查看工作簿内容。"""
    run = start(lang, today)
    from crossdept.ops.inspect import inspect as run_inspect  # here: --help loads no use case
    result = run_inspect(files, today=run.today, lang=run.lang)
    render(run, result, json_out)
    raise typer.Exit(result.exit_code)


def render(run: Run, result: InspectResult, json_out: bool) -> None:
    data = result.to_json()["files"]
    for view, shown in zip(result.files, data):  # type: ignore[call-overload]
        if view.book is None:
            run.err.print(view.error, markup=False, highlight=False)
            continue
        if json_out:
            continue
        table = Table(title=printable(str(view.path)), title_justify="left")
        for head in (run.text("inspect.sheet"), run.text("inspect.kind"), run.text("inspect.header-row"),
                     run.text("inspect.records")):
            table.add_column(head)
        for s in shown["sheets"]:
            table.add_row(printable(s["sheet"]), str(s["as"]), str(s["header_row"] or "-"), str(s["records"]))
        run.err.print(table)
        if view.own:
            run.say("inspect.own", sheets=run.join(view.own))
        if view.unrecognised:
            run.say("inspect.unrecognised", sheets=run.join(view.unrecognised))
        for f in view.book.findings:
            run.err.print(f"  {f.sheet}!{f.message(run.lang)}", markup=False, highlight=False)
    if json_out:
        run.emit_json({"files": data})
