"""`crossdept validate FILE... [--json] [--annotate DIR]`: every finding at its cell.

Parses the options, runs ops/validate.py (statuses and exit codes are documented there and in
docs/rules.md) and reports each file: console tables on standard error, JSON on standard output,
and what became of its annotated copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, TYPE_CHECKING

import typer
from rich.table import Table
from rich.text import Text

from crossdept.terminal import printable
from crossdept.cli.common import JsonOpt, LangOpt, Run, TodayOpt, app, guarded, start
from crossdept.findings import Finding

if TYPE_CHECKING:
    from crossdept.ops.validate import ValidateResult

AnnotateOpt = Annotated[Path | None, typer.Option(
    "--annotate", help="Write a marked-up copy of each workbook into this folder (inputs are never changed).")]


def _report(run: Run, path: str, findings: list[Finding]) -> None:
    """Console tables for one file, one per sheet, on standard error."""
    errors = sum(f.severity == "error" for f in findings)
    if not findings:
        run.say("validate.file-ok", path=path)
        return
    by_sheet: dict[str, list[Finding]] = {}
    for f in findings:
        by_sheet.setdefault(f.sheet, []).append(f)
    for sheet, here in by_sheet.items():
        table = Table(title=Text(printable(f"{path} · {sheet or run.text('validate.whole-file')}")), title_justify="left")
        table.add_column(run.text("validate.col.severity"), no_wrap=True)
        table.add_column(run.text("validate.col.message"), overflow="fold")
        table.add_column(run.text("validate.col.rule"), no_wrap=True)
        for f in here:
            style = "red" if f.severity == "error" else "yellow"
            table.add_row(Text(run.text(f"validate.severity.{f.severity}"), style=style),
                          Text(printable(f.message(run.lang))), Text(f.rule))
        run.err.print(table)
    run.say("validate.file-count", path=path, errors=errors, warnings=len(findings) - errors)


@app.command()
@guarded
def validate(
    # readable=False: a file this user may not read is reported like any unreadable file, in
    # the user's language, and the others are still checked (click would stop the whole run).
    files: Annotated[list[Path], typer.Argument(help="Workbooks to check.", readable=False)],
    json_out: JsonOpt = False,
    annotate: AnnotateOpt = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Check every recognised sheet; each finding at its cell. 校验工作簿，逐个指出问题所在的单元格。"""
    run = start(lang, today)
    from crossdept.ops.validate import validate as run_validate  # here: --help loads no use case
    result = run_validate(files, annotate=annotate, today=run.today, lang=run.lang)
    render(run, result, json_out)
    raise typer.Exit(result.exit_code)


def render(run: Run, result: ValidateResult, json_out: bool) -> None:
    for checked, copy in zip(result.files, result.annotations):
        if checked.error is not None:
            run.err.print(checked.error, markup=False, highlight=False)
            continue
        if not json_out:
            _report(run, str(checked.path), checked.findings)
        if copy is None:
            continue
        if copy.error:
            run.err.print(copy.error, markup=False, highlight=False)
            continue
        if copy.values_only:
            run.say("validate.values-only", path=str(checked.path), suffix=checked.path.suffix.lower())
        run.say("validate.annotated", path=str(copy.path))
    results = result.files
    if json_out:
        run.emit_json(result.to_json())
    else:
        run.say("validate.summary", files=len(results), errors=sum(r.errors for r in results),
                warnings=sum(r.warnings for r in results), unreadable=sum(r.status == "unreadable" for r in results),
                skipped=sum(r.status == "skipped" for r in results))
