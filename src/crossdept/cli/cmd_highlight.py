"""`crossdept highlight FILE... [--json] [--dry-run] [--out DIR]`: mark what needs attention.

Reads each workbook, takes the states from core/overdue.py, plans the marks (write/marks.py) and
applies them to the package in memory (write/xlsx_marks.py). Before anything is written, the
result is compared with the original (write/package_check.py); a write that would lose a part,
a value or a formula is refused with the reason. In place means a backup beside the file and an
atomic replace; --out DIR writes a marked copy and leaves the input alone.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import typer
from lxml import etree

from crossdept.cli.common import EXIT_ATTENTION, EXIT_OK, EXIT_UNREADABLE, JsonOpt, LangOpt, Run, TodayOpt, app, guarded, start
from crossdept.config import Config, load_config
from crossdept.core.overdue import Rules, WorkbookMarks, workbook_marks
from crossdept.read import Workbook, WorkbookError, read_workbook
from crossdept.write.atomic import backup, write_atomic
from crossdept.write.marks import SheetPlan, plan_workbook
from crossdept.write.ooxml import Package, PackageError
from crossdept.write.package_check import losses
from crossdept.write.xlsx_marks import mark_package

WRITABLE = (".xlsx", ".xlsm")


@dataclass
class Outcome:
    """What happened to one file, for the console and the JSON."""

    path: Path
    status: str = "ok"  # ok | unreadable | skipped | refused
    error: str | None = None
    marks: WorkbookMarks | None = None
    texts: dict[tuple[str, int], str] = field(default_factory=dict)
    written: Path | None = None
    backup: Path | None = None
    unchanged: bool = False
    trackers: bool = True  # whether the workbook has a 问题跟踪表 or 进度看板 at all

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path), "status": self.status, "error": self.error,
            "issues": [m.to_json() for m in self.marks.issues] if self.marks else [],
            "tasks": [m.to_json() for m in self.marks.tasks] if self.marks else [],
            "written": str(self.written) if self.written else None,
            "backup": str(self.backup) if self.backup else None,
        }


class Refused(Exception):
    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)


def marked_bytes(path: Path, plans: list[SheetPlan], in_place: bool) -> bytes | None:
    """The marked workbook, None when nothing would change; Refused when it cannot be written."""
    if not any(plan.rows for plan in plans) and (not plans or path.suffix.lower() not in WRITABLE):
        return None  # no tracker, or nothing to mark in a format crossdept cannot write
    if path.suffix.lower() not in WRITABLE:
        raise Refused("highlight.refuse-format", ext=path.suffix)
    try:
        pkg = Package.read(path)
        marked = mark_package(pkg, plans)
        if not marked.changed:
            return None
        data = pkg.to_bytes(marked.changed)
        lost = losses(pkg, Package.read(data), marked.alert_cols)
    except PackageError as exc:
        if exc.sheet:
            raise Refused("highlight.refuse-layout", sheet=exc.sheet, detail=exc.detail) from exc
        raise Refused("highlight.refuse-package", detail=exc.detail) from exc
    except (ValueError, KeyError, etree.LxmlError) as exc:  # XML no writer should have made
        detail = f"{type(exc).__name__}: {exc}".splitlines()[0][:160]
        raise Refused("highlight.refuse-package", detail=detail) from exc
    if lost:
        raise Refused("highlight.refuse-loss", lost="; ".join(lost))
    if in_place and pkg.signed:
        raise Refused("highlight.refuse-signed")
    return data


def write_marks(path: Path, plans: list[SheetPlan], out: Path | None, dry_run: bool, outcome: Outcome) -> None:
    """Mark `path` in place (after a backup) or into `out`; a copy into `out` even when unchanged."""
    data = marked_bytes(path, plans, in_place=out is None)
    outcome.unchanged = data is None
    if dry_run or (data is None and out is None):
        return
    target = out / path.name if out else path
    if data is None:
        write_atomic(target, lambda tmp: shutil.copyfile(path, tmp))
    else:
        if out is None:
            outcome.backup = backup(path)

        def write(tmp: Path) -> None:
            tmp.write_bytes(data)
            shutil.copymode(path, tmp)  # the marked file keeps the permissions the original had

        write_atomic(target, write)
    outcome.written = target


def highlight_file(path: Path, run: Run, out: Path | None, dry_run: bool, unknown_years: set[int],
                   taken: set[str]) -> Outcome:
    """Read, judge and mark one file; `taken` holds the --out names already used in this run."""
    try:
        config = load_config(path)
        book = read_workbook(path, config.year or run.today.year)
    except WorkbookError as exc:
        return Outcome(path, status=exc.status, error=exc.message(run.lang))
    return highlight_book(path, book, config, run, out, dry_run, unknown_years, taken)


def highlight_book(path: Path, book: Workbook, config: Config, run: Run, out: Path | None, dry_run: bool,
                   unknown_years: set[int], taken: set[str]) -> Outcome:
    """Judge and mark a workbook already read (the weekly chain reads each file only once)."""
    outcome = Outcome(path)
    rules = Rules.from_config(config, run.today, book)
    outcome.marks = workbook_marks(book, rules)
    outcome.trackers = bool(book.sheets_of("issues") or book.sheets_of("board"))
    plans = plan_workbook(book, outcome.marks, rules, run.lang)
    unknown_years |= rules.calendar.unknown_years
    outcome.texts = {(p.sheet, r): m.text for p in plans for r, m in p.rows.items()}
    if out is not None and out.resolve() == path.resolve().parent:
        outcome.status, outcome.error = "refused", run.text("highlight.out-is-input", path=path, out=out)
        return outcome
    if out is not None:
        if path.name.lower() in taken:
            outcome.status, outcome.error = "refused", run.text("highlight.out-same-name", path=path, out=out)
            return outcome
        taken.add(path.name.lower())
    try:
        write_marks(path, plans, out, dry_run, outcome)
    except Refused as exc:
        outcome.status, outcome.error = "refused", run.text(exc.key, path=path, **exc.params)
    except OSError as exc:  # on Windows, typically the workbook is open in Excel
        outcome.status = "refused"
        outcome.error = run.text("highlight.write-failed", path=out / path.name if out else path,
                                 detail=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    return outcome


def report(run: Run, outcome: Outcome, dry_run: bool) -> None:
    """One file's result on standard error, in the user's language."""
    if outcome.error:
        run.err.print(outcome.error, markup=False, highlight=False)
    if outcome.marks is None:
        return
    marks = outcome.marks
    rows: dict[tuple[str, int], list[str]] = {}
    ids: dict[tuple[str, int], object] = {}
    for m in [*marks.issues, *marks.tasks]:
        rows.setdefault((m.sheet, m.row), []).append(run.text(f"highlight.state.{m.state}"))
        ids[(m.sheet, m.row)] = m.record.get("id") or ""
    for (sheet, row), states in rows.items():
        run.say("highlight.item", sheet=sheet, row=row, id=ids[(sheet, row)],
                state=run.text("highlight.states-join").join(states),
                text=outcome.texts.get((sheet, row), ""))
    if marks.issues or marks.tasks:
        run.say("highlight.file-summary", path=outcome.path, issues=len({m.row for m in marks.issues}),
                tasks=len({m.row for m in marks.tasks}))
    elif outcome.status == "ok":
        run.say("highlight.file-clean" if outcome.trackers else "highlight.no-sheets", path=outcome.path)
    if outcome.backup:
        run.say("backup-made", path=outcome.backup)
    if outcome.written and not outcome.unchanged:
        run.say("highlight.marked", path=outcome.written)
    elif outcome.unchanged and not dry_run and outcome.written is None and (marks.issues or marks.tasks):
        run.say("highlight.unchanged", path=outcome.path)


@app.command()
@guarded
def highlight(
    files: Annotated[list[Path], typer.Argument(help="Workbooks to mark. 要标记的工作簿。", readable=False)],  # each file says why
    json_out: JsonOpt = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report only; write nothing.")] = False,
    out: Annotated[Path | None, typer.Option("--out", help="Write marked copies into this folder; inputs stay untouched.")] = None,
    lang: LangOpt = None,
    today: TodayOpt = None,
) -> None:
    """Mark overdue, due-soon and stale issues and overdue or blocked tasks. 标记逾期、即将到期、未更新和阻塞事项。"""
    run = start(lang, today)
    if out is not None and out.exists() and not out.is_dir():
        raise run.fail("highlight.out-not-folder", path=out)
    unknown_years: set[int] = set()
    taken: set[str] = set()
    outcomes = [highlight_file(path, run, out, dry_run, unknown_years, taken) for path in files]
    if unknown_years:
        run.say("calendar-unknown-year", years=run.text("highlight.states-join").join(map(str, sorted(unknown_years))))
    for outcome in outcomes:
        report(run, outcome, dry_run)
    if dry_run:
        run.say("highlight.dry-run")
    if json_out:
        run.emit_json({"files": [o.to_json() for o in outcomes]})
    if any(o.status in ("unreadable", "refused") for o in outcomes):
        raise typer.Exit(EXIT_UNREADABLE)
    attention = any(o.marks and (o.marks.issues or o.marks.tasks) for o in outcomes)
    raise typer.Exit(EXIT_ATTENTION if attention else EXIT_OK)
