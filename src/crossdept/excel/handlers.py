"""What each ribbon button does: the same core as the CLI, on the live workbook.

Each handler takes a Session (the calling workbook, language, today) and either writes back
into the workbook through xlwings (validation results, overdue marks) or writes a file beside
it and opens it (a new workbook, minutes, the roll-up, the summary email). Failures a user can
fix are raised as ExcelError (or the core's own error) and shown by dispatch as a message box.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crossdept.excel import live, live_marks
from crossdept.excel.errors import ExcelError
from crossdept.read import Workbook, WorkbookError

if TYPE_CHECKING:
    from crossdept.excel.session import Session

__all__ = ["highlight_overdue", "minutes_document", "new_workbook", "rollup_folder", "show_help",
           "summary_email", "validate_book"]


# The 类型 of the guide's archive name 项目名称-日期-类型: the same in every UI language, so a shared
# folder holds one name per kind of document whoever clicked.
KIND_NEW, KIND_ROLLUP, KIND_SUMMARY = "部门工作簿", "部门汇总", "邮件摘要"


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """folder/stem.suffix, or stem-2, stem-3... when taken: a button never overwrites a file."""
    path = folder / f"{stem}{suffix}"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stem}-{n}{suffix}"
    return path


def _output_folder(session: Session) -> Path:
    """Beside the workbook; for a workbook never saved, the user's Documents (else home) folder."""
    if session.path is not None:
        return session.path.parent
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def show_help(session: Session) -> None:
    """使用说明: what each button does and what the colours mean."""
    session.alert(session.text("excel.help.text"))


def new_workbook(session: Session) -> None:
    """新建工作簿: a department workbook from the templates, named for the project, opened in Excel.

    The project's name comes from crossdept.toml, else from the 说明 sheet of the open workbook.
    """
    from crossdept.core.minutes import archive_name
    from crossdept.write.templates import build_workbook, save_workbook

    project = session.config.project or session.workbook().meta("project")
    stem = archive_name(str(project or session.text("excel.new.project")), session.today, KIND_NEW)
    path = unique_path(_output_folder(session), stem, ".xlsx")
    save_workbook(build_workbook("department", project=project), path)
    session.show_file(path)


def validate_book(session: Session) -> None:
    """校验本工作簿: every finding listed in the 校验结果 sheet of this workbook, and a summary box."""
    from crossdept.core.validate import validate_workbook
    from crossdept.core.validate.result import RESULT_COLUMNS
    from crossdept.findings import display_value
    from crossdept.write.annotate import RESULTS_SHEET, link_location

    book = session.workbook()
    sheets = {s.name for s in session.book.sheets}
    findings = validate_workbook(book, session.config, session.today)
    head = [session.text(f"validate.col.{key}") for key in RESULT_COLUMNS]
    whole = session.text("validate.whole-file")
    rows: list[list[object]] = [head]
    for n, f in enumerate(findings, start=1):
        cell = live.link_to(link_location(f.sheet, f.cell), f.cell) if f.cell and f.sheet in sheets else f.cell or ""
        rows.append([n, f.sheet or whole, cell, f.column or "", display_value(f.value), f.rule,
                     session.text(f"validate.severity.{f.severity}"), f.message(session.lang)])
    if not findings:
        rows.append([session.text("validate.results-none"), *[""] * (len(head) - 1)])
    live.write_table(session.book, RESULTS_SHEET, rows)
    errors = sum(f.severity == "error" for f in findings)
    if findings:
        session.alert(session.text("excel.validate.found", errors=errors, warnings=len(findings) - errors,
                                   sheet=RESULTS_SHEET), critical=errors > 0)
    else:
        session.alert(session.text("excel.validate.ok"))



def highlight_overdue(session: Session) -> None:
    """标记逾期: the same marks as `crossdept highlight`, applied to the open workbook in place."""
    from crossdept.core.overdue import Rules, workbook_marks
    from crossdept.write.marks import plan_workbook

    book = session.workbook()
    rules = Rules.from_config(session.config, session.today, book)
    marks = workbook_marks(book, rules)
    plans = plan_workbook(book, marks, rules, session.lang)
    for plan in plans:
        session.status(session.text("excel.marking", sheet=plan.sheet))
        live_marks.apply(session.book, plan)
    session.alert(session.text("excel.highlight.done", issues=len({(m.sheet, m.row) for m in marks.issues}),
                               tasks=len({(m.sheet, m.row) for m in marks.tasks})))


def minutes_document(session: Session) -> None:
    """生成会议纪要: Word minutes of the latest meeting of this workbook's 会议纪要 sheet, opened in Word."""
    from crossdept.core.minutes import MinutesError, build_minutes, minutes_context
    from crossdept.model.sheets import MINUTES
    from crossdept.write.minutes_docx import TemplateProblem, render_docx

    book = session.workbook()
    name = session.book.name
    if not book.sheets_of(MINUTES.key):
        raise ExcelError("minutes.no-sheet", path=name)
    try:
        result = build_minutes(book, session.config, Path(name).stem, None, session.today)
        context = minutes_context(result)
        path = unique_path(_output_folder(session), str(context["archive_name"]), ".docx")
        render_docx(context, path)
    except MinutesError as exc:
        raise ExcelError(exc.rule, path=name, **exc.params) from None
    except TemplateProblem as exc:
        raise ExcelError(exc.rule, path=exc.path, detail=exc.detail) from None
    session.show_file(path)


def _folder_entries(session: Session) -> tuple[Path, list[tuple[Path, Workbook | WorkbookError]]]:
    """Every workbook of the calling workbook's folder, the calling one as it is on screen now.

    The other files are read from disk as `crossdept rollup` reads them; the open one is taken
    live, so edits not yet saved count and Excel's hold on the file does not matter.
    """
    from crossdept.read.folder import read_folder

    here = session.folder()
    live_book = session.workbook()
    mine = session.path.resolve() if session.path else None
    year = session.config.year or session.today.year
    entries = []
    for path, item in read_folder(here, year):  # a generator: each file is read as the loop gets to it
        entries.append((path, live_book if path.resolve() == mine else item))
        session.status(session.text("excel.reading", name=path.name))
    return here, entries


def rollup_folder(session: Session) -> None:
    """部门汇总: `crossdept rollup` of this workbook's folder; the roll-up workbook opens in Excel."""
    from crossdept.cli.cmd_rollup import DEFAULT_HISTORY
    from crossdept.core.history import History, HistoryError
    from crossdept.core.minutes import archive_name
    from crossdept.core.rollup import build_rollup
    from crossdept.write.atomic import write_atomic
    from crossdept.write.rollup_xlsx import write_rollup

    folder, entries = _folder_entries(session)
    config = session.config
    result = build_rollup(entries, config, session.today)
    try:
        with History(folder / DEFAULT_HISTORY) as store:
            store.record(session.today, result.departments)
            weeks = store.weeks()
    except HistoryError as exc:
        raise ExcelError("rollup.history-error", path=exc.path, detail=exc.detail) from None
    project = config.project or next((p for _, b in entries if isinstance(b, Workbook) and (p := b.meta("project"))),
                                     None) or folder.name
    name = archive_name(project, session.today, KIND_ROLLUP)
    out = unique_path(folder, name, ".xlsx")
    write_atomic(out, lambda tmp: write_rollup(result, tmp, session.lang, config.project, weeks))
    session.show_file(out)


def summary_email(session: Session) -> None:
    """生成邮件摘要: `crossdept summary` of this workbook's folder, as an .eml opened for the user to send."""
    from crossdept.core.minutes import archive_name
    from crossdept.core.rollup import build_rollup
    from crossdept.core.summary import bad_address, build_summary, recipients, summary_context
    from crossdept.write.summary_email import build_message, write_eml

    folder, entries = _folder_entries(session)
    config = session.config
    rollup = build_rollup(entries, config, session.today)
    books = [item for _, item in entries if isinstance(item, Workbook)]
    context = summary_context(build_summary(rollup, books, config, folder.name))
    sender = config.smtp.sender if config.smtp else None
    addresses = recipients(config, books)
    wrong = bad_address([*addresses, *([sender] if sender else [])])
    if wrong is not None:
        raise ExcelError("summary.config-bad-address", address=wrong, path=config.path)
    message = build_message(context, addresses, sender, [])
    name = archive_name(str(context["project"]), session.today, KIND_SUMMARY)  # as the email's title names it
    out = unique_path(folder, name, ".eml")
    write_eml(message, out)
    session.show_file(out)
