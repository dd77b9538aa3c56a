"""What each ribbon button does: the same operations as the CLI (crossdept.ops), on the live workbook.

Each handler takes a Session (the calling workbook, language, today) and either writes back
into the workbook through xlwings (validation results, overdue marks) or writes a file beside
it and opens it (a new workbook, minutes, the roll-up, the summary email). Every policy (the
year, the history store, the archive 类型 of each file, bad addresses) is the operation's; a
handler only adds the live workbook and Excel's boxes. Failures a user can fix are raised as a
CrossdeptError and shown by dispatch as a message box. Nothing here imports the CLI.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from crossdept.excel import live, live_marks
from crossdept.excel.errors import ExcelError
from crossdept.model import outputs
from crossdept.read import Workbook, WorkbookError

if TYPE_CHECKING:
    from crossdept.excel.session import Session

__all__ = ["export_calendar", "highlight_overdue", "minutes_document", "new_workbook", "remind_preview", "review_report",
           "rollup_folder", "show_help", "summary_email", "validate_book"]


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
    stem = archive_name(str(project or session.text("excel.new.project")), session.today, outputs.NEW_WORKBOOK)
    path = unique_path(_output_folder(session), stem, ".xlsx")
    save_workbook(build_workbook("department", project=project), path)
    session.show_file(path)


def validate_book(session: Session) -> None:
    """校验本工作簿: every finding listed in the 校验结果 sheet of this workbook, and a summary box."""
    from crossdept.core.validate.result import finding_row
    from crossdept.findings import display_value
    from crossdept.model.outputs import FINDING_COLUMNS, RESULTS_SHEET
    from crossdept.ops.validate import check_book
    from crossdept.write.annotate import link_location

    book = session.workbook()
    sheets = {s.name for s in session.book.sheets}
    findings = check_book(session.path or Path(session.book.name), book, session.config, session.today).findings
    head = [session.text(f"validate.col.{key}") for key in FINDING_COLUMNS]
    link_col, value_col = FINDING_COLUMNS.index("cell"), FINDING_COLUMNS.index("value")
    rows: list[list[object]] = [head]
    for n, f in enumerate(findings, start=1):
        row = finding_row(f, session.lang, FINDING_COLUMNS, n)
        if f.cell and f.sheet in sheets:
            row[link_col] = live.link_to(link_location(f.sheet, f.cell), f.cell)
        row[value_col] = display_value(row[value_col])
        rows.append(row)
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
    from crossdept.ops.highlight import plan_marks

    marks, plans, _ = plan_marks(session.workbook(), session.config, session.today, session.lang)
    for plan in plans:
        session.status(session.text("excel.marking", sheet=plan.sheet))
        live_marks.apply(session.book, plan)
    done = session.text("excel.highlight.done", issues=len({(m.sheet, m.row) for m in marks.issues}),
                        tasks=len({(m.sheet, m.row) for m in marks.tasks}))
    if marks.actions:  # meeting action items (会议纪要) overdue or due soon
        done += session.text("excel.highlight.actions", count=len(marks.actions))
    session.alert(done)


def minutes_document(session: Session) -> None:
    """生成会议纪要: Word minutes of the latest meeting of this workbook's 会议纪要 sheet, opened in Word."""
    from crossdept.core.minutes import MinutesError, archive_name, build_minutes
    from crossdept.model.sheets import MINUTES
    from crossdept.ops.minutes import write_minutes

    book = session.workbook()
    name = session.book.name
    if not book.sheets_of(MINUTES.key):
        raise ExcelError("minutes.no-sheet", path=name)
    try:
        result = build_minutes(book, session.config, Path(name).stem, None, session.today)
    except MinutesError as exc:
        raise ExcelError(exc.rule, path=name, **exc.params) from None
    stem = archive_name(result.project, result.meeting.date, outputs.MINUTES)
    path = unique_path(_output_folder(session), stem, ".docx")
    write_minutes(result, path, lang=session.lang)
    session.show_file(path)


def _folder_entries(session: Session) -> tuple[Path, list[tuple[Path, Workbook | WorkbookError]]]:
    """Every workbook of the calling workbook's folder, the calling one as it is on screen now.

    The other files are read from disk as `crossdept rollup` reads them; the open one is taken
    live, so edits not yet saved count and Excel's hold on the file does not matter.
    """
    from crossdept.ops.common import default_year
    from crossdept.read.folder import read_folder

    here = session.folder()
    live_book = session.workbook()
    mine = session.path.resolve() if session.path else None
    year = default_year(session.config, session.today)
    entries = []
    for path, item in read_folder(here, year):  # a generator: each file is read as the loop gets to it
        entries.append((path, live_book if path.resolve() == mine else item))
        session.status(session.text("excel.reading", name=path.name))
    return here, entries


def _project(session: Session, folder: Path, entries: list[tuple[Path, Workbook | WorkbookError]]) -> str:
    from crossdept.ops.common import project_name

    return project_name(session.config, [b for _, b in entries if isinstance(b, Workbook)], folder.name)


def rollup_folder(session: Session) -> None:
    """部门汇总: `crossdept rollup` of this workbook's folder into the project's one history; the
    roll-up workbook opens in Excel."""
    from crossdept.core.minutes import archive_name
    from crossdept.ops.rollup import roll_up

    folder, entries = _folder_entries(session)
    name = archive_name(_project(session, folder, entries), session.today, outputs.ROLLUP)
    out = unique_path(folder, name, ".xlsx")
    done = roll_up(entries, folder, session.config, session.today, session.lang, out)
    session.show_file(out)
    if done.history_skipped is not None:
        exc = done.history_skipped
        session.alert(session.text("rollup.history-skipped", path=exc.path, detail=exc.reason(session.lang)))


def summary_email(session: Session) -> None:
    """生成邮件摘要: `crossdept summary` of this workbook's folder, as an .eml opened for the user to send.

    A bad address in crossdept.toml is left out of the draft and shown in a box (ops/summary.py)."""
    from crossdept.core.minutes import archive_name
    from crossdept.core.rollup import build_rollup
    from crossdept.ops.summary import draft, trend_weeks
    from crossdept.write.summary_email import write_eml

    folder, entries = _folder_entries(session)
    books = [item for _, item in entries if isinstance(item, Workbook)]
    project = _project(session, folder, entries)
    rollup = build_rollup(entries, session.config, session.today)
    composed = draft(rollup, books, session.config, project,
                     weeks=trend_weeks(folder, session.config, session.today, rollup),  # as `crossdept summary`
                     lang=session.lang)
    out = unique_path(folder, archive_name(project, session.today, outputs.SUMMARY), ".eml")
    write_eml(composed.message, out)
    session.show_file(out)
    if composed.problems:
        raise composed.problems[0]


def export_calendar(session: Session) -> None:
    """导出日程: `crossdept calendar` of this workbook's folder, the .ics opened (Outlook imports it)."""
    from crossdept.core.calendar import WorkCalendar
    from crossdept.core.comm_plan import build_plan
    from crossdept.core.minutes import archive_name
    from crossdept.ops.calendar import write_calendar

    folder, entries = _folder_entries(session)
    config = session.config
    books = [item for _, item in entries if isinstance(item, Workbook)]
    plan = build_plan(books, config, session.today, WorkCalendar(config.days_off, config.workdays))
    if not plan.events:
        raise ExcelError("calendar.no-plan", path=folder)
    project = _project(session, folder, entries)
    out = unique_path(folder, archive_name(project, session.today, outputs.CALENDAR), ".ics")
    write_calendar(plan, project, session.today, out)
    session.show_file(out)


def remind_preview(session: Session) -> None:
    """发送提醒: `crossdept remind` of this workbook's folder without --send: the day's messages
    written to a folder beside the workbooks for review, nothing sent (the saved files are read)."""
    from crossdept.core.minutes import archive_name
    from crossdept.ops.common import project_name
    from crossdept.ops.remind import remind

    folder = session.folder()
    project = project_name(session.config, [session.workbook()], folder.name)
    out = unique_path(folder, archive_name(project, session.today, outputs.REMINDERS), "")
    result = remind(folder, out=out, today=session.today, lang=session.lang)
    r = result.reminders
    session.alert(session.text("excel.remind.done", people=len(r.personal), escalations=len(r.escalations),
                               messages=len(result.messages), path=out))
    session.show_file(out)


def review_report(session: Session) -> None:
    """生成复盘报告: the 复盘报告 (ops/review.py) of the milestone reached last in this workbook's
    folder, the open workbook as it is on screen, written beside it and opened in Word."""
    from crossdept.core.minutes import review_name
    from crossdept.ops.review import choose, plan_of, write_report

    folder, entries = _folder_entries(session)
    found = plan_of(entries, session.config, session.today, _project(session, folder, entries))
    milestone = choose(found.plan, None, session.today, folder).name
    out = unique_path(folder, review_name(found.project, session.today, milestone), ".docx")
    result = write_report(found, folder, milestone=milestone, output=out, md=None, template=None,
                          today=session.today, lang=session.lang)
    session.show_file(result.output)
