"""The PMO's weekly chain over one folder: validate, highlight, roll up, reviews, minutes, summary.

`weekly()` is `crossdept weekly`. Every stage is the same operation as its own command
(ops/validate, ops/highlight, ops/rollup, ops/minutes, ops/summary) over ONE read of the folder;
this module only sequences them and makes the run safe to schedule:

- files are independent, so each workbook is read, validated, marked and rolled up where it is
  read (file_work: in a worker process from read/pool.MIN_FILES workbooks up, as `crossdept
  rollup` does); the run adds up the small results in file order and keeps no workbook's rows,
  so the outputs are the serial run's and memory does not grow with the rows;

- outputs are written into a staging folder inside --out and moved into place only when every
  stage has finished, so an interrupted run (Ctrl-C, a crash, a full disk) leaves no
  half-written output and the previous run's files stay as they were; a rerun for the same day
  replaces that day's outputs;
- inputs are never written (marked copies go to the output folder) unless --in-place, which
  backs each workbook up first (write/atomic.py);
- one bad workbook never stops the others: it is reported and the chain goes on.

Outputs follow the guide's archive rule 项目名称-日期-类型 (core/minutes.archive_name), with the
类型 of model/outputs.py; the history is the project's one store (store/history.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import partial
from itertools import islice
from email.message import EmailMessage
from pathlib import Path

from crossdept import i18n
from crossdept.config import Config, load_config
from crossdept.core.minutes import archive_name, archive_project, build_minutes, meetings, review_name
from crossdept.core.minutes_followup import attach, minutes_missing
from crossdept.core.milestones import MilestoneCollector
from crossdept.core.validate.milestones import AcrossFiles
from crossdept.core.rollup import FilePart, Rollup, file_part
from crossdept.core.submissions import Submissions
from crossdept.core.validate.result import FileResult, report_json
from crossdept.errors import CrossdeptError
from crossdept.model import outputs
from crossdept.model.sheets import WEEKLY_MEETING
from crossdept.ops.common import (EXIT_ATTENTION, EXIT_OK, EXIT_UNREADABLE, DateLike, PathArg, as_lang, as_path,
                                  as_today, default_year, project_name)
from crossdept.ops.highlight import highlight_book
from crossdept.ops.minutes import write_minutes
from crossdept.ops.remind import DigestPart, WeekDigest, digest_part
from crossdept.ops.rollup import Entry, RollupResult, roll_up
from crossdept.ops.summary import deliver, draft
from crossdept.ops.validate import add_finished, check_book
from crossdept.read import Workbook, WorkbookError
from crossdept.read.folder import folder_files, read_folder
from crossdept.read.pool import map_folder, read_or_error
from crossdept.store import spill
from crossdept.store.history import WeekFigures
from crossdept.today import now
from crossdept.write.atomic import write_atomic, write_text_atomic
from crossdept.write.locks import holding
from crossdept.write.summary_email import write_eml, write_html
from crossdept.write.validation_report import write_report
from crossdept.write.xlsx_copy import MARKABLE

STAGES = ("read", "validate", "highlight", "rollup", "minutes", "summary")
_STAGING_PREFIX = ".crossdept-staging-"
# A first run drafts the 复盘报告 of the milestones reached in the week before it.
REVIEW_WINDOW = 7


@dataclass
class Output:
    kind: str  # the 类型 of 项目名称-日期-类型, e.g. 周报汇总
    path: Path  # final place


@dataclass
class WeeklyResult:
    """What a run did, for the closing table, the log and the exit code."""

    project: str
    day: dt.date
    files: list[FileResult] = field(default_factory=list)
    rollup: Rollup | None = None
    marked: list[tuple[Path, str, str | None]] = field(default_factory=list)  # path, status, error
    overdue_items: int = 0
    outputs: list[Output] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # output or sending failures (exit 2)
    unknown_years: set[int] = field(default_factory=set)  # years the holiday calendar does not know
    sent: list[str] | None = None  # who got the email (--send), None when not sent

    @property
    def unreadable(self) -> int:
        return sum(r.status == "unreadable" for r in self.files)

    @property
    def invalid(self) -> int:
        return sum(r.status == "invalid" for r in self.files)

    @property
    def read(self) -> int:
        return sum(r.status in ("ok", "invalid") for r in self.files)

    def to_json(self) -> dict[str, object]:
        """What the run read and wrote, for a scheduler or a script."""
        return {"project": self.project, "day": self.day.isoformat(),
                "files": [{"path": str(r.path), "status": r.status, "error": r.error, "errors": r.errors,
                           "warnings": r.warnings} for r in self.files],
                "marked": [{"path": str(p), "status": s, "error": e} for p, s, e in self.marked],
                "overdue_items": self.overdue_items,
                "outputs": [{"kind": o.kind, "path": str(o.path)} for o in self.outputs],
                "sent": self.sent, "notes": self.notes, "problems": self.problems}

    @property
    def exit_code(self) -> int:
        # No workbook at all is most likely a wrong folder: a scheduler must hear about it.
        if not self.read or self.unreadable or self.problems or any(s == "refused" for _, s, _ in self.marked):
            return EXIT_UNREADABLE
        if self.invalid or (self.rollup is not None and self.rollup.needs_attention()):
            return EXIT_ATTENTION
        return EXIT_OK


Progress = Callable[[str, int, int], None]  # stage, done, total


@contextmanager
def staging(out: Path, on_wait: Callable[[], None] | None = None) -> Iterator[Path]:
    """A private folder inside `out`, removed whatever happens; leftovers of a killed run go too.

    The whole run holds `out`'s lock (write/locks.py): a second run into the same folder waits
    for the first instead of deleting its staging folder as a leftover."""
    out.mkdir(parents=True, exist_ok=True)
    with holding(out, on_wait):
        for old in out.glob(_STAGING_PREFIX + "*"):
            shutil.rmtree(old, ignore_errors=True)
        stage = Path(tempfile.mkdtemp(prefix=_STAGING_PREFIX, dir=out))
        try:
            yield stage
        finally:
            shutil.rmtree(stage, ignore_errors=True)


def _under(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


Marked = tuple[str, str | None, str | None]  # a workbook's marking: status, error, note
_MARKING = ".marked"  # the marked copies while the run goes: the archive name needs the project's name
_ROLLUP = ".rollup.xlsx"  # the roll-up, likewise


@dataclass(frozen=True)
class FileRun:
    """What each workbook's share of the run (file_work) needs: picklable, for a worker process."""

    config: Config
    today: dt.date
    lang: str
    folder: Path
    copies: Path  # where marked copies go
    in_place: bool
    marked_here: frozenset[Path]  # files whose copies may share a name: marked in file order (WeeklyRun.files)

    def mark(self, path: Path, book: Workbook, unknown_years: set[int], taken: set[str]) -> Marked:
        """A marked copy into `copies` (or the input itself with --in-place). A .xls/.xlsb/.ods
        cannot be marked in place: even with --in-place its marked .xlsx copy goes to the archive,
        and the run says so (a note, not a failure)."""
        into = None if self.in_place and path.suffix.lower() in MARKABLE else self.copies
        outcome = highlight_book(path, book, self.config, self.today, self.lang, into, False, unknown_years, taken)
        return outcome.status, outcome.error, outcome.note


def _marked_here(files: list[Path], in_place: bool) -> frozenset[Path]:
    """The files whose marked copies might take one name (研发部.xlsx in two subfolders; 研发部.xls
    beside 研发部.xlsx). highlight_book refuses the later one by the names taken so far, which
    only file order knows, so these are marked in the main process; files with one stem alone
    can be marked anywhere. A stem shared is a superset of the names highlight_book compares."""
    copied = [p for p in files if not (in_place and p.suffix.lower() in MARKABLE)]
    stems = Counter(p.stem.lower() for p in copied)
    return frozenset(p for p in copied if stems[p.stem.lower()] > 1)


@dataclass
class FileWork:
    """One workbook's share of the run, made where it was read (file_work), small enough to
    cross between processes: its validation alone, what the folder-level checks keep of it, its
    marking, its roll-up part, its digest items and the workbook without its rows."""

    checked: FileResult  # validated alone: see WeeklyRun.files for a file repeating earlier rows
    submissions: Submissions  # what it said as a submission, alone (Submissions.absorb)
    milestones: MilestoneCollector  # for the folder's milestone findings (AcrossFiles)
    marked: Marked | None  # None: marked in the main process (FileRun.marked_here)
    unknown_years: set[int]
    part: FilePart
    digest: DigestPart
    light: Workbook  # without 进度看板 and 问题跟踪表: meetings, plans, the charter, the project name


_ROWS = ("board", "issues")  # the sheets that make a workbook big, read only where it was read


def file_work(path: Path, book: Workbook, run: FileRun) -> FileWork:
    """Validate, mark and roll up one workbook (read/pool.map_folder's `then`)."""
    submissions = Submissions(run.config, run.today)
    checked = check_book(path, book, run.config, run.today, submissions)
    across = AcrossFiles(run.config, run.today)
    across.add(path, book)
    unknown_years: set[int] = set()
    marked = None if path in run.marked_here else run.mark(path, book, unknown_years, set())
    part = file_part(path, book, run.config, run.today)
    digest = digest_part(path, book, run.folder, run.config, run.today)
    light = replace(book, sheets=[s for s in book.sheets if s.spec.key not in _ROWS], findings=[])
    return FileWork(checked, submissions, across.part(), marked, unknown_years, part, digest, light)


class WeeklyRun:
    """One run of the chain. Stages write into `stage`; commit() moves them to `out`."""

    def __init__(self, folder: Path, out: Path, today: dt.date, lang: str, *, in_place: bool = False,
                 history: Path | None = None, progress: Progress | None = None) -> None:
        self.folder, self.out, self.today, self.lang = folder, out, today, lang
        self.in_place = in_place
        self.history = history  # None: the project's one store (store/history.history_path)
        self.progress = progress or (lambda stage, done, total: None)
        self.config: Config = load_config(folder)
        self.result = WeeklyResult(self.config.project or folder.resolve().name, today)
        self.light: list[Workbook] = []  # each workbook read, without its rows (file_work)
        self.digest = WeekDigest()  # the workbooks' reminder counts, overdue items and week rows
        self.weeks: list[WeekFigures] = []  # the history as of this run (roll_up records it)

    def name(self, kind: str, suffix: str) -> str:
        return archive_name(self.result.project, self.today, kind) + suffix

    def t(self, key: str, **params: object) -> str:
        return i18n.t(key, self.lang, **params)

    # --- stages ---------------------------------------------------------------------------

    def files(self, stage: Path) -> None:
        """Every workbook read, validated, marked and rolled up: each file's share made where it
        was read (a worker process from read/pool.MIN_FILES files up: file_work), added up here
        in file order; then the validation report, the marked copies and the roll-up staged.

        Only small results come back (findings, figures, the workbook without its 进度看板 and
        问题跟踪表 for the stages that read meetings, plans and the charter), so memory does not
        grow with the files' rows. Outputs are the serial run's (tests/test_weekly_pool.py)."""
        year = default_year(self.config, self.today)
        own = [self.config.path] if self.config.path else []  # the project's crossdept.toml is not input
        files, unlistable = folder_files(self.folder, own)
        archived = [p for p in files if _under(p, self.out)]  # an archive kept inside the project folder
        run = FileRun(self.config, self.today, self.lang, self.folder, stage / _MARKING, self.in_place,
                      _marked_here(files, self.in_place))
        total = len(files) - len(archived) + len(unlistable)
        # The folder's files checked together; the first row of each id mostly on disk, as the
        # roll-up keeps it (store/spill.py: nothing written below ~60 workbooks).
        submissions = Submissions(self.config, self.today, spill.SpilledSeen())
        across = AcrossFiles(self.config, self.today, spill.SpillList)  # the rows naming a milestone, likewise
        taken: set[str] = set()  # copies of two same-named workbooks from different subfolders

        def entries() -> Iterator[Entry]:
            work = partial(file_work, run=run)
            for n, (path, item) in enumerate(map_folder(self.folder, year, work, exclude=own + archived), start=1):
                self.progress("read", n, total)
                if _under(path, self.out):
                    continue
                if isinstance(item, WorkbookError):
                    self.result.files.append(FileResult(path, item.status, item.message(self.lang), []))
                    yield path, item
                    continue
                book = None
                if not submissions.absorb(item.submissions):  # a row repeating an earlier file's
                    book = read_or_error(path, year)
                checked = item.checked
                if isinstance(book, Workbook):
                    checked = check_book(path, book, self.config, self.today, submissions)
                self.result.files.append(checked)
                across.collector.absorb(item.milestones)
                self.progress("validate", n, total)
                marked = item.marked
                if marked is None:  # a name another workbook may take too: marked here, in file order
                    book = book if isinstance(book, Workbook) else read_or_error(path, year)
                    marked = (run.mark(path, book, self.result.unknown_years, taken) if isinstance(book, Workbook)
                              else ("unreadable", book.message(self.lang), None))
                self._marked(path, marked)
                self.result.unknown_years |= item.unknown_years
                self.progress("highlight", n, total)
                self.light.append(item.light)
                self.digest.add(item.digest)
                yield path, book if isinstance(book, Workbook) else item.part

        done = roll_up(entries(), self.folder, self.config, self.today, self.lang, stage / _ROLLUP, self.history,
                       year=year)
        self.result.project = project_name(self.config, self.books, self.folder.resolve().name)
        if not self.books:
            self.result.problems.append(self.t("weekly.no-workbooks", path=self.folder))
        self._validated(stage, submissions, across)
        copies = stage / self.name(outputs.MARKED_COPIES, "")
        if run.copies.exists():
            os.replace(run.copies, copies)
            self._staged(outputs.MARKED_COPIES, "")
        # Notes and refusals name the copies' folder while the run went: say where it is once it is done.
        staged, final = str(run.copies), str(self.out / copies.name)
        self.result.notes = [n.replace(staged, final) for n in self.result.notes]
        self.result.marked = [(p, s, e.replace(staged, final) if e else e) for p, s, e in self.result.marked]
        self._rolled_up(stage, done)

    @property
    def books(self) -> list[Workbook]:
        """The workbooks read, without their 进度看板 and 问题跟踪表 (file_work)."""
        return self.light

    def _marked(self, path: Path, marked: Marked) -> None:
        status, error, note = marked
        if note:  # e.g. the marked copy of a .xls is an .xlsx
            self.result.notes.append(note)
        self.result.marked.append((path, status, error))

    def _validated(self, stage: Path, submissions: Submissions, across: AcrossFiles) -> None:
        """The findings only the whole folder can tell, then the validation report staged."""
        attach(minutes_missing(self.books, self.config, self.today), self.result.files)
        attach(across.findings(), self.result.files)
        results = self.result.files
        add_finished(results, submissions)  # duplicate-department: a warning on each file
        kind = outputs.VALIDATION_REPORT
        _write_json(stage / self.name(kind, ".json"), report_json(results, self.lang))
        write_atomic(stage / self.name(kind, ".xlsx"), lambda tmp: write_report(results, tmp, self.lang))
        self._staged(kind, ".json")
        self._staged(kind, ".xlsx")

    def _rolled_up(self, stage: Path, done: RollupResult) -> None:
        os.replace(stage / _ROLLUP, stage / self.name(outputs.ROLLUP, ".xlsx"))
        if done.history_skipped is not None:
            exc = done.history_skipped
            self.result.notes.append(self.t("rollup.history-skipped", path=exc.path, detail=exc.reason(self.lang)))
        self.result.rollup = done.rollup
        self.weeks = done.weeks  # for the email's week-over-week trend
        self.result.overdue_items = len(done.rollup.overdue)
        self._staged(outputs.ROLLUP, ".xlsx")
        self.progress("rollup", 1, 1)

    def last_run(self) -> dt.date | None:
        """The day of the latest earlier run in the archive (its 运行日志), if any."""
        pattern = re.compile(rf"^{re.escape(archive_project(self.result.project))}-(\d{{4}}-\d{{2}}-\d{{2}})-"
                             rf"{re.escape(outputs.RUN_LOG)}\.txt$")
        days = []
        for path in self.out.iterdir():
            m = pattern.match(path.name)
            try:
                day = dt.date.fromisoformat(m.group(1)) if m else None
            except ValueError:
                day = None
            if day is not None and day < self.today:
                days.append(day)
        return max(days, default=None)

    def reviews(self, stage: Path) -> None:
        """A draft 复盘报告 (ops/review.py) of every milestone reached since the last run (without
        one: in the last REVIEW_WINDOW days), named 项目名称-日期-复盘报告-里程碑: drafts are kept,
        never retired by a later run of the week."""
        from crossdept.ops.review import plan_of, write_report

        figures = self.result.rollup.milestones if self.result.rollup is not None else None
        since = self.last_run() or self.today - dt.timedelta(days=REVIEW_WINDOW)
        reached = [v.name for v in (figures.milestones if figures else [])
                   if v.milestone.actual is not None and since < v.milestone.actual <= self.today]
        if not reached:
            return
        # The roll-up kept only figures; a report lists tasks and issues: the folder is read again
        # (one workbook at a time), only in a week a milestone was reached.
        own = [self.config.path] if self.config.path else []
        books = ((p, b) for p, b in read_folder(self.folder, default_year(self.config, self.today), exclude=own)
                 if not _under(p, self.out))
        found = plan_of(books, self.config, self.today, self.result.project)
        for milestone in reached:
            name = review_name(self.result.project, self.today, milestone) + ".docx"
            write_report(found, self.folder, milestone=milestone, output=stage / name, md=None, template=None,
                         today=self.today, lang=self.lang)
            self.result.outputs.append(Output(outputs.REVIEW, self.out / name))

    def minutes(self, stage: Path) -> Path | None:
        """Minutes of the latest 周例会 held on or before today, from whichever workbook holds it."""
        found = [(m, book) for book in self.books for m in meetings(book)
                 if m.date <= self.today and m.block.field("meeting_type") == WEEKLY_MEETING]
        self.progress("minutes", 1, 1)
        if not found:
            self.result.notes.append(self.t("weekly.no-weekly-meeting"))
            return None
        meeting, book = max(found, key=lambda pair: (pair[0].date, pair[0].order))
        path = stage / self.name(outputs.MINUTES, ".docx")
        # The appendix lists the roll-up's overdue issues (the whole folder, as of today), so the
        # minutes and the email never disagree.
        overdue = [o for o in self.result.rollup.overdue if o.kind == "issue"] if self.result.rollup else None
        write_minutes(build_minutes(book, self.config, self.result.project, meeting.date, overdue=overdue), path,
                      lang=self.lang)
        self._staged(outputs.MINUTES, ".docx")
        return path

    def group_digest(self, stage: Path) -> list[str]:
        """The week's group digest (群消息.txt, ready to paste into the project's chat group), and
        what changed since last week for the email; this week's issue rows go to the history."""
        try:
            text, changes = self.digest.text(self.folder, self.books, self.config, self.today, self.lang,
                                             self.result.project, self.history)
        except CrossdeptError as exc:  # an unusable history: the digest is still worth having
            self.result.notes.append(exc.message(self.lang))
            return []
        write_text_atomic(stage / self.name(outputs.GROUP_DIGEST, ".txt"), text)
        self._staged(outputs.GROUP_DIGEST, ".txt")
        return changes or []

    def summary(self, stage: Path, attachments: list[Path], changes: list[str] = ()) -> EmailMessage:  # type: ignore[assignment]
        """The email: .eml draft (X-Unsent) and .html; returns the message for --send."""
        assert self.result.rollup is not None
        composed = draft(self.result.rollup, self.books, self.config, self.result.project, (), attachments, self.weeks,
                         changes, lang=self.lang)
        self.result.problems += [p.message(self.lang) for p in composed.problems]
        kind = outputs.SUMMARY
        write_eml(composed.message, stage / self.name(kind, ".eml"))
        write_html(composed.context, stage / self.name(kind, ".html"))
        self._staged(kind, ".eml")
        self._staged(kind, ".html")
        self.progress("summary", 1, 1)
        return composed.message

    def calendar(self, stage: Path) -> None:
        """The 沟通计划表 as an .ics (ops/calendar.py), when the folder has a plan."""
        from crossdept.core.calendar import WorkCalendar
        from crossdept.core.comm_plan import build_plan
        from crossdept.ops.calendar import write_calendar

        plan = build_plan(self.books, self.config, self.today, WorkCalendar(self.config.days_off, self.config.workdays))
        if plan.events:
            kind = outputs.CALENDAR
            write_calendar(plan, self.result.project, self.today, stage / self.name(kind, ".ics"))
            self._staged(kind, ".ics")
        self.result.notes += [
            self.t("weekly.calendar-not-scheduled", item=u.row.item, phrase=u.row.frequency,
                   place=u.row.source.place("frequency"), reason=self.t(u.reason.reason, **u.reason.params))
            for u in plan.not_scheduled if u.reason.reason != "schedule.event"]

    def _staged(self, kind: str, suffix: str) -> None:
        self.result.outputs.append(Output(kind, self.out / self.name(kind, suffix)))

    # --- the end ----------------------------------------------------------------------------

    def log_text(self) -> str:
        """The run log: what was read, what each file's status was, what was written."""
        r = self.result
        lines = [self.t("weekly.log.head", project=r.project, day=r.day.isoformat(),
                        when=now().isoformat(timespec="seconds"), folder=self.folder)]
        for f in r.files:
            status = self.t(f"weekly.status.{f.status}")
            if f.error:
                lines.append(f"[{status}] {f.error}")
            else:
                lines.append(self.t("weekly.log.file", status=status, path=f.path, errors=f.errors, warnings=f.warnings))
        for path, status, error in r.marked:
            if error:
                lines.append(self.t("weekly.log.mark-problem", path=path, error=error))
        if r.rollup is not None and r.rollup.missing_departments:
            lines.append(self.t("rollup.missing-departments",
                                departments=self.t("rollup.list-sep").join(r.rollup.missing_departments)))
        lines += r.notes + r.problems
        lines += [self.t("weekly.log.output", kind=self.t(f"weekly.kind.{o.kind}"), path=o.path) for o in r.outputs]
        return "\n".join(lines) + "\n"

    def earlier_this_week(self) -> list[Path]:
        """Outputs of a run on another day of the same ISO week: this run replaces them."""
        kinds = "|".join(map(re.escape, outputs.WEEKLY_KINDS))
        pattern = re.compile(rf"^{re.escape(archive_project(self.result.project))}-(\d{{4}}-\d{{2}}-\d{{2}})-(?:{kinds})(?:\.\w+)?$")
        week = self.today.isocalendar()[:2]
        found = []
        for path in sorted(self.out.iterdir()):
            m = pattern.match(path.name)
            try:
                day = dt.date.fromisoformat(m.group(1)) if m else None
            except ValueError:
                day = None
            if day is not None and day != self.today and day.isocalendar()[:2] == week:
                found.append(path)
        return found

    def commit(self, stage: Path) -> None:
        """Move every staged output onto its final name, then retire this week's earlier outputs.

        The log goes last among the new files, as the seal of the run; what it replaces is moved
        into the staging folder, which is deleted with it.
        """
        replaced = self.earlier_this_week()
        self.result.notes += [self.t("weekly.replaced", path=p) for p in replaced]
        self._staged(outputs.RUN_LOG, ".txt")
        write_text_atomic(stage / self.name(outputs.RUN_LOG, ".txt"), self.log_text())
        for output in self.result.outputs:
            staged = stage / output.path.name
            if output.path.is_dir() and staged.is_dir():
                os.replace(output.path, stage / (output.path.name + ".old"))
            os.replace(staged, output.path)
        for n, path in enumerate(replaced):
            os.replace(path, stage / f".replaced-{n}-{path.name}")


def _write_json(path: Path, data: object) -> None:
    """`data` as indented JSON, written as it is encoded: the validation report of 400 workbooks
    is 20 MB of text, which json.dumps held whole, twice with its UTF-8 (weekly's peak)."""
    chunks = json.JSONEncoder(ensure_ascii=False, indent=2, default=str).iterencode(data)

    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8") as f:  # as write_text_atomic writes text
            while batch := "".join(islice(chunks, 8192)):  # json.dump writes each of its millions of chunks alone
                f.write(batch)
            f.write("\n")

    write_atomic(path, write)


def weekly(folder: PathArg, *, out: PathArg, send: bool = False, in_place: bool = False,
           history: PathArg | None = None, today: DateLike = None, lang: str | None = None,
           progress: Progress | None = None) -> WeeklyResult:
    """`crossdept weekly FOLDER --out DIR [--send] [--in-place] [--history DB]`: the whole chain.

    `progress(stage, done, total)` is told as each stage and file goes (the CLI's progress bars)."""
    source, archive, day, language = as_path(folder), as_path(out), as_today(today), as_lang(lang)
    if not source.is_dir():
        raise CrossdeptError("weekly.not-folder", path=source)
    if archive.exists() and not archive.is_dir():
        raise CrossdeptError("weekly.out-is-file", path=archive)
    if _under(source, archive):  # files inside the archive are outputs, never read: nothing would be
        raise CrossdeptError("weekly.out-holds-folder", out=archive, folder=source, example=source / "周报归档")
    chain = WeeklyRun(source, archive, day, language, in_place=in_place,
                      history=as_path(history) if history is not None else None, progress=progress)
    with staging(archive) as stage:
        chain.files(stage)
        chain.reviews(stage)
        minutes = chain.minutes(stage)
        rollup_path = stage / chain.name(outputs.ROLLUP, ".xlsx")
        changes = chain.group_digest(stage)
        message = chain.summary(stage, [rollup_path, *([minutes] if minutes else [])], changes)
        chain.calendar(stage)
        chain.commit(stage)
    if send:  # after the outputs are in place: a failed send still leaves the .eml to send by hand
        sent, problem = deliver(message, chain.config)
        if problem is None:
            chain.result.sent = sent
        else:
            chain.result.problems.append(problem.message(language))
    return chain.result
