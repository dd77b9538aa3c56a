"""`crossdept inspect FILE...`: what crossdept reads in each workbook, sheet by sheet.

A quick look before anything else: which sheets were recognised as which, where their header
rows are, how many records they hold, and how many values could not be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from crossdept.cli.common import EXIT_ATTENTION, EXIT_OK, EXIT_UNREADABLE, JsonOpt, LangOpt, TodayOpt, app, guarded, start
from crossdept.config import ConfigError, load_config
from crossdept.read import WorkbookError, read_workbook


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
    results = []
    code = EXIT_OK
    for path in files:
        try:
            # Dates without a year ("11月20日") take the project's year, as in every other command.
            book = read_workbook(path, load_config(path).year or run.today.year)
        except (WorkbookError, ConfigError) as exc:
            run.err.print(exc.message(run.lang), markup=False, highlight=False)
            status = exc.status if isinstance(exc, WorkbookError) else "unreadable"
            results.append({"path": str(path), "status": status, "error": exc.message(run.lang), "sheets": []})
            code = EXIT_UNREADABLE
            continue
        sheets = [
            {"sheet": s.name, "kind": s.spec.key, "as": s.spec.label(run.lang),
             "header_row": s.header.row if s.header else None, "records": len(s.records), "hidden": s.hidden}
            for s in book.sheets
        ]
        results.append({"path": str(path), "status": "ok", "error": None, "sheets": sheets,
                        "unrecognised": book.unrecognised,
                        "findings": [f.to_json(run.lang) for f in book.findings]})
        if book.findings and code == EXIT_OK:
            code = EXIT_ATTENTION
        if not json_out:
            table = Table(title=str(path), title_justify="left")
            for head in (run.text("inspect.sheet"), run.text("inspect.kind"), run.text("inspect.header-row"),
                         run.text("inspect.records")):
                table.add_column(head)
            for s in sheets:
                table.add_row(s["sheet"], str(s["as"]), str(s["header_row"] or "-"), str(s["records"]))
            run.err.print(table)
            if book.unrecognised:
                run.say("inspect.unrecognised", sheets=("、" if run.lang == "zh" else ", ").join(book.unrecognised))
            for f in book.findings:
                run.err.print(f"  {f.sheet}!{f.message(run.lang)}", markup=False, highlight=False)
    if json_out:
        run.emit_json({"files": results})
    raise typer.Exit(code)
