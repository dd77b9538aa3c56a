"""`crossdept validate FILE... [--json] [--annotate DIR]`: every finding at its cell.

Thin adapter: reads each file, takes its findings from core.validate, and reports them three
ways (console tables on standard error, JSON on standard output, annotated copies). One bad file
never stops the others. Statuses and exit codes (documented in docs/rules.md):

- "ok": read, no error finding (warnings may be listed); "invalid": at least one error finding,
  including a workbook with no crossdept sheet at all (nothing could be checked);
  "unreadable": the file could not be read; "skipped": an Excel lock file (~$name.xlsx).
- exit 2 when any file is unreadable or skipped (or an annotated copy could not be written),
  else 1 when any file is invalid, else 0. Warnings alone exit 0.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from crossdept.cli.common import EXIT_ATTENTION, EXIT_OK, EXIT_UNREADABLE, JsonOpt, LangOpt, Run, TodayOpt, app, guarded, start
from crossdept.config import Config, ConfigError, find_config, load_config
from crossdept.core.validate import validate_workbook
from crossdept.core.validate.result import FileResult, report_json
from crossdept.findings import Finding
from crossdept.read import WorkbookError, read_workbook
from crossdept.write.annotate import annotate as write_annotated

AnnotateOpt = Annotated[Path | None, typer.Option(
    "--annotate", help="Write a marked-up copy of each workbook into this folder (inputs are never changed).")]


def _one_line(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".splitlines()[0][:200]


class _Configs:
    """crossdept.toml per folder, read once however many files share it."""

    def __init__(self) -> None:
        self._by_path: dict[Path | None, Config] = {}

    def for_file(self, path: Path) -> Config:
        found = find_config(path)
        if found not in self._by_path:
            self._by_path[found] = load_config(path) if found else Config()
        return self._by_path[found]


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
        table = Table(title=Text(f"{path} · {sheet or run.text('validate.whole-file')}"), title_justify="left")
        table.add_column(run.text("validate.col.severity"), no_wrap=True)
        table.add_column(run.text("validate.col.message"), overflow="fold")
        table.add_column(run.text("validate.col.rule"), no_wrap=True)
        for f in here:
            style = "red" if f.severity == "error" else "yellow"
            table.add_row(Text(run.text(f"validate.severity.{f.severity}"), style=style),
                          Text(f.message(run.lang)), Text(f.rule))
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
    if annotate is not None and annotate.exists() and not annotate.is_dir():
        raise typer.BadParameter(run.text("validate.annotate-not-folder", path=str(annotate)), param_hint="--annotate")
    configs = _Configs()
    results: list[FileResult] = []
    code = EXIT_OK
    written = {path.resolve() for path in files}  # no annotated copy may take an input's name
    for path in files:
        findings, status, error = _check(run, configs, path)
        results.append(FileResult(path, status, error, findings))
        if error is not None:
            code = EXIT_UNREADABLE
            run.err.print(error, markup=False, highlight=False)
            continue
        if status == "invalid":
            code = max(code, EXIT_ATTENTION)
        if not json_out:
            _report(run, str(path), findings)
        if annotate is not None:
            code = max(code, _annotate(run, path, findings, annotate, written))
    if json_out:
        run.emit_json(report_json(results, run.lang))
    else:
        run.say("validate.summary", files=len(results), errors=sum(r.errors for r in results),
                warnings=sum(r.warnings for r in results), unreadable=sum(r.status == "unreadable" for r in results),
                skipped=sum(r.status == "skipped" for r in results))
    raise typer.Exit(code)


def _check(run: Run, configs: _Configs, path: Path) -> tuple[list[Finding], str, str | None]:
    """(findings, status, None) for a file that was read, ([], status, reason) for one that was not."""
    try:
        config = configs.for_file(path)
        book = read_workbook(path, config.year or run.today.year)
        findings = validate_workbook(book, config, run.today)
    except WorkbookError as exc:
        return [], exc.status, exc.message(run.lang)
    except ConfigError as exc:
        return [], "unreadable", exc.message(run.lang)
    except Exception as exc:  # noqa: BLE001 - one file's surprise must not stop the others
        if os.environ.get("CROSSDEPT_DEBUG"):
            raise
        return [], "unreadable", run.text("validate.file-failed", path=str(path), detail=_one_line(exc))
    status = "invalid" if any(f.severity == "error" for f in findings) else "ok"
    return findings, status, None


def _annotate(run: Run, path: Path, findings: list[Finding], out_dir: Path, written: set[Path]) -> int:
    """Write one annotated copy; a failure is reported and gives exit 2, the run goes on."""
    try:
        done = write_annotated(path, findings, out_dir, run.lang, written)
    except Exception as exc:  # noqa: BLE001 - a copy that cannot be written must not stop the others
        run.say("validate.annotate-failed", path=str(path), detail=_one_line(exc))
        return EXIT_UNREADABLE
    if done.values_only:
        run.say("validate.values-only", path=str(path), suffix=path.suffix.lower())
    run.say("validate.annotated", path=str(done.path))
    return EXIT_OK
