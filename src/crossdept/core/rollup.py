"""The weekly roll-up: every department's workbook in, per-department figures and detail rows out.

Pure: it takes what the reader produced for each file (a Workbook, or the WorkbookError saying
why a file was not read) plus the project config and "today", and computes the figures of
../shared/guide/domain.md ("Department figures") with exactly the keys of interface.md's rollup
JSON. States (overdue, due soon, stale, blocked) come from core/overdue.py, never recomputed here.

Which department a row belongs to (documented in docs/rollup.md):
1. the workbook's own department (说明 sheet, field 部门): a department workbook rolls up as
   one department whatever its rows say, because it is that department's report;
2. else the row's 负责部门 (tasks) or 责任部门 (issues): the project workbook rolls up by row;
3. else the department crossdept.toml gives the row's 负责人/责任人 ([[people]]);
4. else, in the project workbook (the one with a 项目章程 sheet), the project team (PROJECT_TEAM);
5. else a department from crossdept.toml's list that the file name contains;
6. else the file name itself (its stem).
The source used is kept per file and shown in 数据来源, so a wrong guess is visible.

Detail rows (one per task and issue) are the bulk of a roll-up: they go to a DetailSink as they
are made. KeptDetail keeps them in memory (summaries, tests); the roll-up command streams them
straight into the consolidated workbook (write/rollup_rows.py), so only what is small stays here:
figures per department and file entries. The overdue items, the blocked tasks and the first row of
each id (duplicate detection) also last to the end: they go to a Keep, lists by default, which the
roll-up command keeps mostly on disk (store/spill.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field, fields
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar

from crossdept import i18n
from crossdept.config import Config
from crossdept.core.calendar import WorkCalendar
from crossdept.core.submissions import (PROJECT_TEAM, DeptSource, SeenIndex, SeenRows, Submission,  # noqa: F401 - PROJECT_TEAM re-exported
                                        Submissions)
from crossdept.core.overdue import IssueMark, Rules, TaskMark, effective_due, is_open_issue, issue_marks, task_marks
from crossdept.findings import Finding, display_value
from crossdept.model.outputs import ROLLUP_SIGNATURE, TOTAL
from crossdept.model.sheets import ALERT_HEADER, BLOCKED, BOARD, DONE, ISSUES, NOT_STARTED, TASK_STATUS
from crossdept.read.errors import WorkbookError
from crossdept.read.records import Record, Workbook

if TYPE_CHECKING:
    from crossdept.core.milestones import MilestoneCollector, MilestonePlan

T = TypeVar("T")
FileStatus = Literal["ok", "invalid", "unreadable", "skipped"]
Rag = Literal["red", "amber", "green"]

# The red-amber-green rule, stated once (docs/rollup.md repeats it, 总览 prints it):
#   red   - an overdue issue, a blocked task, or more than RED_OVERDUE_SHARE of unfinished tasks overdue;
#   amber - otherwise any overdue task, issue due soon or stale issue;
#   green - otherwise.
RED_OVERDUE_SHARE = 0.10
BOARD_KEYS = tuple(c.key for c in BOARD.columns)
ISSUES_KEYS = tuple(c.key for c in ISSUES.columns)



@dataclass
class Figures:
    """One department's figures (or the totals), as domain.md defines them."""

    department: str
    total: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TASK_STATUS.values, 0))
    progress_sum: float = 0.0
    progress_n: int = 0
    tasks_overdue: int = 0
    issues_open: int = 0
    issues_overdue: int = 0
    issues_due_soon: int = 0
    issues_stale: int = 0
    actions_overdue: int = 0  # meeting action items (待办事项) past their 完成时限

    @property
    def completion_pct(self) -> float | None:
        """已完成 / all tasks, percent with one decimal; None without tasks."""
        return round(self.by_status[DONE] * 100 / self.total, 1) if self.total else None

    @property
    def avg_progress_pct(self) -> float | None:
        """Mean 完成百分比, 已完成 counted as 100 (see progress_of); None when nothing is known."""
        return round(self.progress_sum / self.progress_n, 1) if self.progress_n else None

    @property
    def blocked(self) -> int:
        return self.by_status[BLOCKED]

    @property
    def status_unread(self) -> int:
        """Tasks whose status is none of the four (unreadable or empty): counted in `total`, so
        every chart of tasks by status shows them as their own segment rather than dropping them."""
        return self.total - sum(self.by_status.values())

    def merge(self, other: "Figures") -> None:
        self.total += other.total
        for status, count in other.by_status.items():
            self.by_status[status] += count
        self.progress_sum += other.progress_sum
        self.progress_n += other.progress_n
        self.tasks_overdue += other.tasks_overdue
        self.issues_open += other.issues_open
        self.issues_overdue += other.issues_overdue
        self.issues_due_soon += other.issues_due_soon
        self.issues_stale += other.issues_stale
        self.actions_overdue += other.actions_overdue

    def rag(self) -> tuple[Rag, list[tuple[str, int]]]:
        """The status colour and the counts that decided it, as (message id, count) pairs."""
        unfinished = self.total - self.by_status[DONE]
        red = [(key, n) for key, n in (("rollup.rag.issues-overdue", self.issues_overdue),
                                        ("rollup.rag.tasks-blocked", self.blocked)) if n]
        if unfinished and self.tasks_overdue > RED_OVERDUE_SHARE * unfinished:
            red.append(("rollup.rag.tasks-overdue-share", self.tasks_overdue))
        if red:
            return "red", red
        amber = [(key, n) for key, n in (("rollup.rag.tasks-overdue", self.tasks_overdue),
                                          ("rollup.rag.issues-due-soon", self.issues_due_soon),
                                          ("rollup.rag.issues-stale", self.issues_stale)) if n]
        return ("amber", amber) if amber else ("green", [])

    def rag_text(self, lang: str) -> str:
        reasons = self.rag()[1]
        if not reasons:
            return i18n.t("rollup.rag.none", lang)
        return i18n.t("rollup.rag.sep", lang).join(i18n.t(key, lang, count=n) for key, n in reasons)

    def to_json(self) -> dict[str, object]:
        """interface.md's rollup department object."""
        return {
            "department": self.department,
            "tasks": {"total": self.total, **self.by_status},
            "completion_pct": self.completion_pct,
            "avg_progress_pct": self.avg_progress_pct,
            "tasks_overdue": self.tasks_overdue,
            "issues_open": self.issues_open,
            "issues_overdue": self.issues_overdue,
            "issues_due_soon": self.issues_due_soon,
            "issues_stale": self.issues_stale,
            "actions_overdue": self.actions_overdue,
        }


def progress_of(record: Record) -> float | None:
    """A task's share in average progress: 100 when 已完成, its 完成百分比 when given, 0 when
    未开始 with none given; otherwise unknown (left out of the mean rather than guessed)."""
    status = record.get("status")
    if status == DONE:
        return 100.0
    value = record.get("progress")
    if isinstance(value, (int, float)):
        return float(value)
    return 0.0 if status == NOT_STARTED else None


def pickled_by_fields(cls: type[T]) -> type[T]:
    """Pickle a slotted dataclass's instances as cls(*fields). The default for slots (an empty
    object, then a dict of its slots set one by one) took twice the time to load: every detail
    row crosses from a worker process (read/pool.py), ~360,000 at 400 workbooks."""
    values = attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]
    cls.__reduce__ = lambda self: (cls, values(self))  # type: ignore[method-assign, assignment]
    return cls


@pickled_by_fields
@dataclass(slots=True)
class DetailRow:
    """One task or issue of a department file, as the consolidated sheets show it.

    `values` follow the spec's columns (BOARD or ISSUES); a value the reader could not normalise
    is kept as typed, so nothing is lost on the way. `other` keeps the file's own extra columns
    as "header: value" text.
    """

    department: str
    source: str
    row: int
    values: tuple[object, ...]
    other: str
    flags: tuple[str, ...] = ()  # overdue / blocked / due_soon / stale
    days_overdue: int = 0
    due: dt.date | None = None  # issues: the deadline in force (given, or derived from the level)
    escalate_to: str | None = None


@pickled_by_fields
@dataclass(slots=True)
class OverdueItem:
    """One overdue task, issue or meeting action item with who should act next (逾期与升级)."""

    kind: Literal["task", "issue", "action"]
    department: str
    source: str
    row: int
    id: object
    title: object
    owner: object
    due: dt.date | None
    days_overdue: int
    level: str | None
    escalate_to: str  # 二级 / 三级 / 发起人 for issues; "issue" (log it in the tracker) for tasks; "action": next meeting
    escalate_person: str | None
    sheet: str = ""

    @classmethod
    def of_issue(cls, mark: IssueMark, department: str, source: str) -> "OverdueItem":
        """An overdue issue as every output lists it (roll-up, email, minutes' appendix)."""
        r = mark.record
        return cls("issue", department, source, r.row, r.get("id"), r.get("description"), r.get("owner"),
                   mark.due, mark.days_overdue, mark.level, mark.escalate_to or "", mark.escalate_person, mark.sheet)


@dataclass
class FileEntry:
    """What happened to one file of the folder (数据来源; interface.md's files[])."""

    path: str
    status: FileStatus
    department: str | None = None
    sources: tuple[DeptSource, ...] = ()
    error: WorkbookError | None = None
    findings: list[Finding] = field(default_factory=list)
    tasks: int = 0
    issues: int = 0
    # What the submission says about this file (core/submissions.py): duplicates, freshness...
    notes: list[Finding] = field(default_factory=list)

    def error_message(self, lang: str) -> str | None:
        if self.error is not None:
            return self.error.message(lang)
        if self.findings:
            first = self.findings[0]
            return i18n.t("rollup.file-invalid", lang, path=self.path, count=len(self.findings),
                          first=f"{first.sheet}!{first.message(lang)}")
        return None

    def source_text(self, lang: str) -> str:
        return i18n.t("rollup.list-sep", lang).join(i18n.t(f"rollup.dept-source.{s}", lang) for s in self.sources)

    def notes_text(self, lang: str) -> str | None:
        """The submission's findings, one line each (数据来源)."""
        return "\n".join(f.message(lang) for f in self.notes) or None

    def to_json(self, lang: str) -> dict[str, object]:
        return {"path": self.path, "department": self.department, "status": self.status,
                "error": self.error_message(lang), "findings": [f.to_json(lang) for f in self.notes]}


class DetailSink(Protocol):
    """Where the builder puts each detail row the moment it is made."""

    def task(self, row: DetailRow) -> None: ...

    def issue(self, row: DetailRow) -> None: ...


@dataclass
class KeptDetail:
    """Detail rows kept in memory: the default, for callers that look at the rows themselves."""

    tasks: list[DetailRow] = field(default_factory=list)
    issues: list[DetailRow] = field(default_factory=list)

    def task(self, row: DetailRow) -> None:
        self.tasks.append(row)

    def issue(self, row: DetailRow) -> None:
        self.issues.append(row)


@dataclass
class Rollup:
    today: dt.date
    departments: list[Figures]
    files: list[FileEntry]
    overdue: Collection[OverdueItem]  # in overdue_order; a list, or store/spill.py's SpillList
    blocked: Collection[DetailRow]  # blocked tasks, kept whatever the sink (the summary lists them)
    detail: DetailSink
    # Years the holiday calendar does not know yet, met while counting working days: Monday to
    # Friday was used for them, and the command says so.
    unknown_years: set[int] = field(default_factory=set)
    # crossdept.toml's departments that sent no workbook (core/submissions.py).
    missing_departments: list[str] = field(default_factory=list)

    @property
    def not_updated(self) -> list[str]:
        """Departments with a workbook not updated for more than 5 working days (not-updated)."""
        return sorted({f.department for f in self.files
                       if f.department and any(n.rule == "not-updated" for n in f.notes)})
    milestones: "MilestonePlan | None" = None  # the charter's milestones (core/milestones.py)

    def _kept(self) -> KeptDetail:
        if not isinstance(self.detail, KeptDetail):
            raise TypeError("this roll-up streamed its detail rows; build it with KeptDetail to keep them")
        return self.detail

    @property
    def tasks(self) -> list[DetailRow]:
        return self._kept().tasks

    @property
    def issues(self) -> list[DetailRow]:
        return self._kept().issues

    @property
    def totals(self) -> Figures:
        total = Figures(TOTAL)
        for figures in self.departments:
            total.merge(figures)
        return total

    @property
    def rolled_up(self) -> bool:
        """Whether any department workbook was read (else FOLDER is likely the wrong folder)."""
        return any(f.status in ("ok", "invalid") for f in self.files)

    @property
    def unreadable(self) -> list[FileEntry]:
        return [f for f in self.files if f.status == "unreadable"]

    def needs_attention(self) -> bool:
        """Exit code 1: overdue or blocked work, or values that could not be read."""
        totals = self.totals
        return bool(totals.tasks_overdue or totals.blocked or totals.issues_overdue or totals.actions_overdue
                    or self.missing_departments
                    or any(f.status == "invalid" for f in self.files))

    def to_json(self, lang: str) -> dict[str, object]:
        """interface.md's rollup JSON."""
        return {"departments": [d.to_json() for d in self.departments], "totals": self.totals.to_json(),
                "files": [f.to_json(lang) for f in self.files], "missing_departments": self.missing_departments,
                "milestones": self.milestones.to_json() if self.milestones is not None else []}


def cell_value(record: Record, key: str) -> object:
    """The canonical value, or what was typed when it could not be read (kept, never dropped)."""
    cell = record.cells.get(key)
    if cell is None:
        return None
    return cell.value if cell.ok else cell.raw


def cell_values(record: Record, keys: tuple[str, ...]) -> tuple[object, ...]:
    """cell_value of each key: one call per row, as every detail row of a roll-up needs it."""
    get = record.cells.get
    return tuple([None if (c := get(k)) is None else c.value if c.ok else c.raw for k in keys])


def other_columns(record: Record) -> str:
    """The row's own extra columns as "header: value" text; highlight's alert column is
    crossdept's own writing (model.sheets.ALERT_HEADER), not the department's, so it is left out."""
    return "; ".join(f"{header}: {display_value(value)}" for header, value in record.extra.items()
                     if header != ALERT_HEADER)


def overdue_order(item: OverdueItem) -> tuple[int, str, str, int]:
    """逾期与升级's order: most days overdue first, then by department, file and row (a stable
    sort: items of one row keep the order they were found in)."""
    return (-item.days_overdue, item.department, item.source, item.row)


class Kept(Protocol[T]):
    """A list a roll-up only adds to and reads back whole at its end."""

    def append(self, item: T) -> None: ...

    def extend(self, items: Iterable[T]) -> None: ...

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[T]: ...


@dataclass
class Keep:
    """Where a roll-up keeps, to its end, what grows with the folder: the overdue items, the blocked
    tasks, the first row of each id. Lists and a dict by default; the roll-up command passes
    store/spill.py's, which keep all but the last few thousand on disk (pure core: the caller
    chooses). A `sorted_overdue` store reads back in overdue_order itself; a list is sorted here."""

    overdue: Kept[OverdueItem] = field(default_factory=list)
    blocked: Kept[DetailRow] = field(default_factory=list)
    seen: SeenIndex = field(default_factory=SeenRows)
    sorted_overdue: bool = False

    def overdue_in_order(self) -> Collection[OverdueItem]:
        return self.overdue if self.sorted_overdue else sorted(self.overdue, key=overdue_order)  # type: ignore[return-value]


class RollupBuilder:
    """Adds files one at a time, so the caller need not hold every workbook at once."""

    def __init__(self, config: Config, today: dt.date, detail: DetailSink | None = None, keep: Keep | None = None) -> None:
        self.config = config
        self.today = today
        self.detail: DetailSink = KeptDetail() if detail is None else detail
        self.figures: dict[str, Figures] = {}
        self.files: list[FileEntry] = []
        self.keep = Keep() if keep is None else keep
        self.unknown_years: set[int] = set()
        self.submissions = Submissions(config, today, self.keep.seen)
        # Imported here: core/milestones uses this module's cell_value. The charter and the boards
        # sit in different files, so milestones are collected as the files go by.
        from crossdept.core.milestones import MilestoneCollector

        self.milestones = MilestoneCollector(detail=False)  # figures only: no task's text kept

    def _figures(self, department: str) -> Figures:
        if department not in self.figures:
            self.figures[department] = Figures(department)
        return self.figures[department]

    def add(self, path: Path, item: Workbook | WorkbookError) -> FileEntry:
        shown = str(path)
        if isinstance(item, WorkbookError):
            entry = FileEntry(shown, item.status, error=item)
        elif ROLLUP_SIGNATURE <= set(item.unrecognised):
            entry = FileEntry(shown, "skipped", error=WorkbookError("rollup-own-output", shown, skipped=True))
        elif not item.sheets_of("board") and not item.sheets_of("issues"):
            # No rows to roll up, but the charter or a 里程碑复盘会 may sit here.
            self.milestones.add(path, item, Rules.from_config(self.config, self.today, item))
            entry = FileEntry(shown, "skipped", error=WorkbookError("rollup-no-sheets", shown, skipped=True))
        else:
            entry = self._add_book(Path(path), item)
        self.files.append(entry)
        return entry

    def _add_book(self, path: Path, book: Workbook) -> FileEntry:
        shown = str(path)
        own = book.meta("department")
        submission: Submission = self.submissions.add(path, book)
        rules = Rules.from_config(self.config, self.today, book)
        self.milestones.add(path, book, rules)
        used: dict[str, None] = {}
        sources: dict[DeptSource, None] = {}

        def department_of(record: Record, key: str, note: bool = True) -> str:
            """The row's department; `note` records it as one the file rolls up as (tasks, issues)."""
            dept, source = submission.rows.of(record, key)
            if note:
                sources[source] = None
                used[dept] = None
            return dept

        entry = FileEntry(shown, "ok", notes=submission.findings)
        for sheet in book.sheets_of("board"):
            marks: dict[int, list[TaskMark]] = {}
            for mark in task_marks(sheet, rules):
                marks.setdefault(id(mark.record), []).append(mark)
            for record in filter(submission.counts, sheet.records):
                self._add_task(shown, record, department_of(record, "department"), marks.get(id(record), []))
                entry.tasks += 1
        for sheet in book.sheets_of("issues"):
            imarks: dict[int, list[IssueMark]] = {}
            for mark in issue_marks(sheet, rules):
                imarks.setdefault(id(mark.record), []).append(mark)
            for record in filter(submission.counts, sheet.records):
                self._add_issue(shown, record, department_of(record, "owner_dept"), imarks.get(id(record), []), rules)
                entry.issues += 1
        self._add_actions(shown, book, rules, department_of)
        if used:
            entry.department, entry.sources = "、".join(used), tuple(sources)
        elif own:  # a department's empty board: it still appears, with zeros
            entry.department, entry.sources = own, ("workbook",)
            self._figures(own)
        # else: no row and no department of its own (the project workbook, whose tasks all sit on
        # the department boards): it adds no department, and 数据来源 shows it with 0 rows.
        # Values the reader could not read in the sheets rolled up (a bad date in 会议纪要 is
        # validate's business, not the roll-up's).
        self.unknown_years |= rules.calendar.unknown_years
        rolled = {s.name for key in ("board", "issues") for s in book.sheets_of(key)}
        entry.findings = [f for f in book.findings if f.severity == "error" and f.sheet in rolled]
        if entry.findings:
            entry.status = "invalid"
        return entry

    def _add_task(self, source: str, record: Record, dept: str, marks: list[TaskMark]) -> None:
        fig = self._figures(dept)
        fig.total += 1
        status = record.get("status")
        if status in fig.by_status:
            fig.by_status[status] += 1
        progress = progress_of(record)
        if progress is not None:
            fig.progress_sum += progress
            fig.progress_n += 1
        days = 0
        for mark in marks:
            if mark.state == "overdue":
                fig.tasks_overdue += 1
                days = mark.days_overdue
                planned = record.get("planned_finish")
                self.keep.overdue.append(OverdueItem(
                    "task", dept, source, record.row, record.get("id"), record.get("task"), record.get("owner"),
                    planned if isinstance(planned, dt.date) else None, days, None, "issue", None))
        row = DetailRow(dept, source, record.row, cell_values(record, BOARD_KEYS),
                        other_columns(record), tuple(m.state for m in marks), days)
        if "blocked" in row.flags:
            self.keep.blocked.append(row)
        self.detail.task(row)

    def _add_issue(self, source: str, record: Record, dept: str, marks: list[IssueMark], rules: Rules) -> None:
        fig = self._figures(dept)
        fig.issues_open += is_open_issue(record)
        days, escalate = 0, None
        for mark in marks:
            if mark.state == "overdue":
                fig.issues_overdue += 1
                days, escalate = mark.days_overdue, mark.escalate_to
                self.keep.overdue.append(OverdueItem.of_issue(mark, dept, source))
            elif mark.state == "due_soon":
                fig.issues_due_soon += 1
            elif mark.state == "stale":
                fig.issues_stale += 1
        due = effective_due(record, rules)[0]
        self.detail.issue(DetailRow(dept, source, record.row, cell_values(record, ISSUES_KEYS),
                                    other_columns(record), tuple(m.state for m in marks), days, due, escalate))

    def _add_actions(self, source: str, book: Workbook, rules: Rules, department_of: Callable[..., str]) -> None:
        """Overdue meeting action items count to their row's department, like tasks."""
        from crossdept.core.actions import workbook_action_marks

        for mark in workbook_action_marks(book, rules):
            if mark.state != "overdue":
                continue
            item = mark.item
            dept = department_of(item.record, "department", note=False)
            self._figures(dept).actions_overdue += 1
            self.keep.overdue.append(OverdueItem("action", dept, source, item.row, item.id, item.action, item.owner,
                                            item.due, mark.days_overdue, None, "action", None))

    def add_part(self, part: FilePart) -> FileEntry | None:
        """Add a file rolled up alone (file_part), as add would have added it; None, adding
        nothing, when one of its rows repeats a row of an earlier file (core/submissions.py):
        alone it was counted, here it must not be, so the caller adds the workbook itself."""
        if not self.submissions.absorb(part.submissions):
            return None
        self.files.append(part.entry)
        for fig in part.figures:
            self._figures(fig.department).merge(fig)
        self.keep.overdue.extend(part.overdue)
        self.keep.blocked.extend(part.blocked)
        for row in part.detail.tasks:
            self.detail.task(row)
        for row in part.detail.issues:
            self.detail.issue(row)
        self.unknown_years |= part.unknown_years
        self.milestones.absorb(part.milestones)
        return part.entry

    def department_order(self) -> list[Figures]:
        """crossdept.toml's departments first, in its order, then the others by name."""
        listed = {d: i for i, d in enumerate(self.config.departments)}
        return sorted(self.figures.values(), key=lambda f: (listed.get(f.department, len(listed)), f.department))

    def result(self) -> Rollup:
        overdue = self.keep.overdue_in_order()
        self.submissions.finish()  # duplicate-department, added to each file's notes
        calendar = WorkCalendar(self.config.days_off, self.config.workdays)
        return Rollup(self.today, self.department_order(), self.files, overdue, self.keep.blocked, self.detail,
                      self.unknown_years, self.submissions.missing_departments(),
                      self.milestones.result(self.today, calendar))


def build_rollup(entries: Iterable[tuple[Path, Workbook | WorkbookError | FilePart]], config: Config, today: dt.date,
                 detail: DetailSink | None = None,
                 reread: Callable[[Path], Workbook | WorkbookError] | None = None, keep: Keep | None = None) -> Rollup:
    """The roll-up of every (path, workbook-or-error) pair, e.g. from read.folder.read_folder,
    or of FileParts made elsewhere (read.pool.map_folder with file_part), in file order.
    `reread` reads a part's workbook again when the part cannot be added (RollupBuilder.add_part).

    Detail rows are kept in memory unless `detail` says where to stream them instead; the
    overdue items, blocked tasks and ids in lists unless `keep` says where instead."""
    builder = RollupBuilder(config, today, detail, keep)
    for path, item in entries:
        if not isinstance(item, FilePart):
            builder.add(path, item)
        elif builder.add_part(item) is None:
            if reread is None:
                raise ValueError(f"{path}: a part that repeats earlier rows needs its workbook read again")
            builder.add(path, reread(path))
    return builder.result()


@dataclass
class FilePart:
    """One workbook's share of a roll-up, made where the workbook was read (a worker process:
    read/pool.py) so the caller only adds it up. Adding the parts in file order gives the
    roll-up of the workbooks themselves, row for row (tests/test_read_pool.py); the one
    difference is in the last bit of a department's progress_sum when its rows span several
    files (the sum is grouped per file; the rounded percentages are the same)."""

    entry: FileEntry
    figures: list[Figures]
    overdue: list[OverdueItem]
    blocked: list[DetailRow]
    detail: KeptDetail
    unknown_years: set[int]
    submissions: Submissions  # what this workbook alone said as a submission
    project: str | None  # the workbook's 项目名称 (说明)
    milestones: "MilestoneCollector"  # its charter rows, tasks' milestone facts, 里程碑复盘会 blocks

    def meta(self, key: str) -> object:
        """Workbook.meta for what a part keeps (the project's name), for ops' project_name."""
        return self.project if key == "project" else None


def file_part(path: Path, book: Workbook, config: Config, today: dt.date) -> FilePart:
    """What rolling up `book` alone adds to a roll-up."""
    kept = KeptDetail()
    builder = RollupBuilder(config, today, kept)
    entry = builder.add(path, book)
    project = book.meta("project")
    return FilePart(entry, list(builder.figures.values()), list(builder.keep.overdue), list(builder.keep.blocked), kept,
                    builder.unknown_years, builder.submissions, str(project) if project else None,
                    builder.milestones)
