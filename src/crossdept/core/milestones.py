"""Milestones: the 项目章程 table, the tasks and issues attached to it, forecast, slip and state.

Implements "Milestones (decisions)" of ../shared/guide/domain.md. Pure: read workbooks in (one at
a time, so the roll-up can feed it while it walks a folder), a `MilestonePlan` out. The charter
usually sits in the project workbook and the tasks on the departments' boards, so nothing can be
attached before the whole folder has been seen: `MilestoneCollector.add` keeps only the few
facts of each task, issue and 里程碑复盘会 block that milestones need, and `result` attaches them.

- A task belongs to the milestone its 进度看板 里程碑 names, compared after removing spaces.
- An issue belongs to the milestone of its 关联里程碑 column; without one, to the first milestone
  whose 计划日期 is on or after its 提出日期.
- forecast (unfinished milestone) = the latest max(计划完成日期, today) over its unfinished tasks,
  else its 计划日期; slip = working days from 计划日期 to 实际日期 or forecast (negative when early);
  state 已完成 (实际日期 set) / 已延误 (today after 计划日期) / 有风险 (forecast after 计划日期) / 按计划.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, NamedTuple

from crossdept import i18n
from crossdept.core.calendar import WorkCalendar
from crossdept.core.minutes import Meeting, meetings
from crossdept.core.overdue import Rules, effective_due, issue_level, task_marks
from crossdept.core.rollup import cell_values
from crossdept.findings import display_value
from crossdept.model.sheets import BLOCKED, ISSUE_CLOSED, LEVEL, REVIEW_MEETING
from crossdept.model.sheets import DONE as TASK_DONE
from crossdept.cellref import cell_ref
from crossdept.read.records import Record, SheetData, Workbook

# A milestone's state (domain.md); 已完成 is the task status of the same name.
State = Literal["已完成", "已延误", "有风险", "按计划"]
DONE, LATE, AT_RISK, ON_PLAN = TASK_DONE, "已延误", "有风险", "按计划"
STATE_RAG = {DONE: "green", LATE: "red", AT_RISK: "amber", ON_PLAN: "green"}
LEVELS = LEVEL.values


def milestone_key(name: object) -> str:
    """How two milestone names are compared: the same after removing spaces (full-width too)."""
    return "".join(str(name or "").split())


_TASK_KEYS = ("milestone", "id", "task", "department", "owner", "status", "planned_finish", "actual_finish", "notes")
_ISSUE_KEYS = ("id", "description", "milestone", "raised_on", "status", "resolved_on")


_str = display_value  # a cell value as text ("" when empty; dates ISO, whole numbers without .0)


def _day(value: object) -> dt.date | None:
    return value if isinstance(value, dt.date) else None


def _date(record: Record, key: str) -> dt.date | None:
    value = record.get(key)
    return value if isinstance(value, dt.date) else None


def _text(record: Record, key: str) -> str:
    value = record.get(key)
    return "" if value is None else str(value)


class Place(NamedTuple):
    """Where a row is, so a finding or a report can send people to it; `cell` is its milestone
    cell (里程碑 / 关联里程碑) when filled, the one place a milestone finding points at. Only
    numbers are kept, not the Cell: a folder has tens of thousands of rows. Plain tuples (as the
    items below) because a roll-up's worker processes send tens of thousands of them back."""

    path: str | None
    sheet: str
    row: int
    column: int | None = None

    @property
    def cell(self) -> str | None:
        return cell_ref(self.column, self.row) if self.column is not None else None


# A figures-only task's place (MilestoneCollector without detail): none is shown, and equal tasks
# of different files must compare equal to be counted together.
_FIGURES_ONLY = Place(None, "", 0)


def _place(path: str | None, sheet: SheetData, record: Record, key: str) -> Place:
    cell = record.cells.get(key)
    return Place(path, sheet.name, record.row, cell.col if cell is not None else None)


@dataclass(frozen=True)
class Milestone:
    """One row of the charter's milestone table."""

    name: str
    planned: dt.date | None
    actual: dt.date | None
    status: str | None  # the charter's 状态 column, as read (the state is computed, not copied)
    place: Place

    @property
    def key(self) -> str:
        return milestone_key(self.name)


def _field(index: int, doc: str) -> property:
    """A text attribute read from an item's value tuple when asked: a folder has tens of
    thousands of rows and the roll-up reads only a few of their values."""
    return property(lambda self: _str(self.values[index]), doc=doc)


def _day_field(index: int) -> property:
    return property(lambda self: _day(self.values[index]))


class TaskItem(NamedTuple):
    """One 进度看板 row as milestones need it: its values (`_TASK_KEYS`, as typed when unreadable)."""

    values: tuple[object, ...]
    default_department: str  # the workbook's own, for a row naming none
    overdue: bool
    place: Place

    id = _field(1, "任务编号")
    task = _field(2, "任务名称")
    owner = _field(4, "负责人")
    notes = _field(8, "阻塞原因/备注")
    planned_finish = _day_field(6)
    actual_finish = _day_field(7)

    @property
    def milestone(self) -> str:
        return _str(self.values[0]).strip()

    @property
    def department(self) -> str:
        return _str(self.values[3]) or self.default_department

    @property
    def status(self) -> str | None:
        """Canonical, or as typed when it could not be read (then never 已完成)."""
        return _str(self.values[5]) or None

    @property
    def done(self) -> bool:
        return self.values[5] == TASK_DONE

    @property
    def blocked(self) -> bool:
        return self.values[5] == BLOCKED

    @property
    def days_late(self) -> int | None:
        """Calendar days a finished task came in after its own 计划完成日期 (None: not late)."""
        actual, planned = self.actual_finish, self.planned_finish
        if actual and planned and actual > planned:
            return (actual - planned).days
        return None


class IssueItem(NamedTuple):
    """One 问题跟踪表 row as milestones and the review need it (values: `_ISSUE_KEYS`)."""

    values: tuple[object, ...]
    due: dt.date | None  # the deadline in force: 解决时限, or derived from the level
    level: str
    place: Place

    id = _field(0, "问题编号")
    description = _field(1, "问题描述")
    raised_on = _day_field(3)
    resolved_on = _day_field(5)

    @property
    def milestone(self) -> str:
        """Its 关联里程碑 as typed; "" when empty."""
        return _str(self.values[2]).strip()

    @property
    def status(self) -> str | None:
        return _str(self.values[4]) or None

    @property
    def open(self) -> bool:
        """Open until 已解决 or 已关闭 (an unreadable status counts as open, as everywhere)."""
        return self.values[4] not in ISSUE_CLOSED

    @property
    def resolved_late(self) -> bool:
        resolved, due = self.resolved_on, self.due
        return not self.open and resolved is not None and due is not None and resolved > due

    @property
    def days_to_resolve(self) -> int | None:
        resolved, raised = self.resolved_on, self.raised_on
        if self.open or resolved is None or raised is None:
            return None
        return (resolved - raised).days


@dataclass
class MilestoneView:
    """One milestone with what is attached to it and the figures domain.md defines."""

    milestone: Milestone
    tasks: list[TaskItem]
    issues: list[IssueItem]
    forecast: dt.date | None
    slip: int | None  # working days; None when 计划日期 is unknown
    state: State

    @property
    def name(self) -> str:
        return self.milestone.name

    @property
    def done_tasks(self) -> int:
        return sum(t.done for t in self.tasks)

    @property
    def overdue_tasks(self) -> int:
        return sum(t.overdue for t in self.tasks)

    @property
    def blocked_tasks(self) -> int:
        return sum(t.blocked for t in self.tasks)

    @property
    def late_tasks(self) -> list[TaskItem]:
        return [t for t in self.tasks if t.days_late is not None]

    @property
    def end(self) -> dt.date | None:
        """Where the milestone ends on a timeline: actual, else forecast."""
        return self.milestone.actual or self.forecast

    @property
    def line(self) -> MilestoneLine:
        """Its figures, as the roll-up's 里程碑 sheet shows them."""
        m = self.milestone
        return MilestoneLine(m.name, self.state, m.planned, m.actual, self.forecast, self.slip, len(self.tasks),
                             self.done_tasks, self.overdue_tasks, self.blocked_tasks)

    def to_json(self) -> dict[str, object]:
        """interface.md's rollup milestone object."""
        m = self.milestone
        return {
            "milestone": m.name,
            "planned": _iso(m.planned), "actual": _iso(m.actual), "forecast": _iso(self.forecast),
            "slip_working_days": self.slip, "state": self.state,
            "tasks": {"total": len(self.tasks), "done": self.done_tasks, "overdue": self.overdue_tasks,
                      "blocked": self.blocked_tasks},
        }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(frozen=True)
class MilestoneLine:
    """One milestone's figures, no task or issue behind them: a row of the roll-up's 里程碑 sheet
    (write/rollup_milestones.py writes it, read/own_sheets.py reads it back), and all the email's
    milestone strip needs, so an email from a roll-up workbook shows the strip its folder would."""

    name: str
    state: State
    planned: dt.date | None
    actual: dt.date | None
    forecast: dt.date | None
    slip: int | None
    tasks: int
    done: int
    overdue: int
    blocked: int


def lines_from_table(rows: Iterable[Sequence[object]]) -> list[MilestoneLine]:
    """MilestoneLines from the rows of a roll-up's 里程碑 sheet, read back (read/own_sheets.py) with
    their values in model/outputs.MILESTONE_HEADERS order. A row whose state is none of the four
    (edited by hand) is left out: its colour and its place in the strip would be guesses."""
    def day(value: object) -> dt.date | None:
        return value if isinstance(value, dt.date) else None

    def count(value: object) -> int:
        return value if isinstance(value, int) else 0

    out = []
    for name, state, _start, planned, actual, forecast, slip, tasks, done, overdue, blocked in rows:
        if state in STATE_RAG:
            out.append(MilestoneLine(str(name), state, day(planned), day(actual), day(forecast),  # type: ignore[arg-type]
                                     slip if isinstance(slip, int) else None, count(tasks), count(done), count(overdue),
                                     count(blocked)))
    return out


def milestone_strip(lines: Iterable[MilestoneLine], lang: str = "zh") -> dict[str, str] | None:
    """The email's milestone strip: the first milestone not reached yet (by 计划日期, the order of
    the lines), its state and slip, as text in `lang`; `rag` is the colour of its state (已延误 red,
    有风险 amber, 按计划 green). None when every milestone is reached, or there is none."""
    line = next((x for x in lines if x.state != DONE), None)
    if line is None:
        return None
    return {"name": line.name, "state": i18n.t(f"milestone.state.{line.state}", lang), "rag": STATE_RAG[line.state],
            "planned": _iso(line.planned) or "", "forecast": _iso(line.forecast) or "", "slip": slip_text(line.slip, lang),
            "tasks": f"{line.done}/{line.tasks}"}


@dataclass
class MilestonePlan:
    """Every milestone of the folder, and what names no milestone of the charter."""

    today: dt.date
    milestones: list[MilestoneView]
    unknown_tasks: list[TaskItem]  # a 里程碑 naming no milestone of the charter
    unknown_issues: list[IssueItem]  # a 关联里程碑 naming none
    reviews: list[Meeting]  # every 里程碑复盘会 block of the folder, oldest first
    project: str | None = None  # the charter's 项目名称
    start: dt.date | None = None  # the charter's 开始日期

    def find(self, name: str) -> MilestoneView | None:
        key = milestone_key(name)
        return next((v for v in self.milestones if v.milestone.key == key), None)

    def latest_done(self, today: dt.date) -> MilestoneView | None:
        """The milestone reached last by `today` (the review's default)."""
        done = [v for v in self.milestones if v.milestone.actual and v.milestone.actual <= today]
        return max(done, key=lambda v: v.milestone.actual) if done else None

    def review_of(self, view: MilestoneView) -> Meeting | None:
        """The latest 里程碑复盘会 block naming the milestone in its 会议名称 or one of its 议题."""
        key = view.milestone.key
        if not key:
            return None
        found = [m for m in self.reviews
                 if key in milestone_key(m.field("meeting_name"))
                 or any(key in milestone_key(r.get("topic")) for r in m.items)]
        return max(found, key=lambda m: (m.date, m.order)) if found else None

    def to_json(self) -> list[dict[str, object]]:
        return [v.to_json() for v in self.milestones]

    def lines(self) -> list[MilestoneLine]:
        """Every milestone's figures, in order (the 里程碑 sheet's rows; the strip reads them)."""
        return [v.line for v in self.milestones]


def slip_text(slip: int | None, lang: str = "zh") -> str:
    """The slip as a person says it: 推迟 2 个工作日 / 提前 1 个工作日 / 按期 ("2 working days late"...)."""
    if slip is None:
        return i18n.t("slip.unknown", lang)
    if slip > 0:
        return i18n.t("slip.later", lang, n=slip)
    if slip < 0:
        return i18n.t("slip.earlier", lang, n=-slip)
    return i18n.t("slip.on-time", lang)


def forecast_of(milestone: Milestone, tasks: list[TaskItem], today: dt.date) -> dt.date | None:
    """Latest max(计划完成日期, today) over unfinished tasks, else 计划日期; None once reached."""
    if milestone.actual is not None:
        return None
    ends = [max(t.planned_finish, today) for t in tasks if not t.done and t.planned_finish]
    return max(ends) if ends else milestone.planned


def slip_of(planned: dt.date | None, end: dt.date | None, calendar: WorkCalendar) -> int | None:
    """Working days from `planned` to `end`: positive when later, negative when earlier."""
    if planned is None or end is None:
        return None
    if end >= planned:
        return calendar.workdays_between(planned, end)
    return -calendar.workdays_between(end, planned)


def state_of(milestone: Milestone, forecast: dt.date | None, today: dt.date) -> State:
    if milestone.actual is not None:
        return DONE
    planned = milestone.planned
    if planned is not None and today > planned:
        return LATE
    if planned is not None and forecast is not None and forecast > planned:
        return AT_RISK
    return ON_PLAN


class MilestoneCollector:
    """Takes workbooks one at a time; `result` attaches what it kept to the charter's milestones."""

    def __init__(self, detail: bool = True, keep: Callable[[type], Any] = lambda cls: []) -> None:
        # Without detail only what the figures need is kept: tasks' statuses and dates, no text,
        # no issue (the figures count tasks; issues are the review's). The roll-up's milestone
        # view of a large folder then costs little time and memory.
        # Then equal items are counted rather than each kept (`tally`: a task's milestone, status,
        # dates and overdue flag): the figures do not depend on their order, and a 400-workbook
        # roll-up kept 240,000 items, ~70 MB, where it now keeps a few thousand.
        # `keep(cls)` makes the lists of rows: the weekly run keeps a folder's rows mostly on disk
        # (store/spill.SpillList: append, extend, iteration), the core does no file I/O itself.
        self.detail = detail
        self.milestones: dict[str, Milestone] = {}
        self.tasks: list[TaskItem] = keep(TaskItem)
        self.tally: Counter[tuple[object, ...]] = Counter()  # (milestone, status, planned, actual, overdue)
        self.issues: list[IssueItem] = keep(IssueItem)
        self.reviews: list[Meeting] = []
        self.project: str | None = None
        self.start: dt.date | None = None

    def add(self, path: Path | str | None, book: Workbook, rules: Rules) -> None:
        shown = str(path) if path is not None else None
        for sheet in book.sheets_of("charter"):
            self.project = self.project or (str(sheet.field("project") or "").strip() or None)
            self.start = self.start or _day(sheet.field("start"))
            for record in sheet.records:
                name = _text(record, "milestone").strip()
                if name and milestone_key(name) not in self.milestones:  # the first charter row wins
                    status = record.get("status")
                    self.milestones[milestone_key(name)] = Milestone(
                        name, _date(record, "planned"), _date(record, "actual"),
                        str(status) if status is not None else None, _place(shown, sheet, record, "actual"))
        department = book.meta("department") or ""
        for sheet in book.sheets_of("board"):
            overdue = {id(m.record) for m in task_marks(sheet, rules) if m.state == "overdue"}
            for record in sheet.records:
                values = cell_values(record, _TASK_KEYS)  # one call per row; as typed when unreadable
                if values[0] is None:  # belongs to no milestone: nothing to keep
                    continue
                if self.detail:
                    place = _place(shown, sheet, record, "milestone")
                    self.tasks.append(TaskItem(values, department, id(record) in overdue, place))
                else:
                    self.tally[(values[0], *values[5:8], id(record) in overdue)] += 1
        for sheet in book.sheets_of("issues") if self.detail else ():
            for record in sheet.records:
                self.issues.append(IssueItem(cell_values(record, _ISSUE_KEYS), effective_due(record, rules)[0],
                                             issue_level(record), _place(shown, sheet, record, "milestone")))
        for meeting in meetings(book):
            if meeting.block.field("meeting_type") == REVIEW_MEETING:
                self.reviews.append(meeting)

    def absorb(self, other: "MilestoneCollector") -> None:
        """Add what another collector kept (a file rolled up in a worker process: core/rollup.py
        FilePart), as if its workbooks had been added here, after the ones already added."""
        for key, milestone in other.milestones.items():
            self.milestones.setdefault(key, milestone)  # the first charter row wins
        self.tasks.extend(other.tasks)  # extend: the weekly run's lists are store/spill.SpillList
        self.tally.update(other.tally)
        self.issues.extend(other.issues)
        self.reviews += other.reviews
        self.project = self.project or other.project
        self.start = self.start or other.start

    def result(self, today: dt.date, calendar: WorkCalendar) -> MilestonePlan:
        ordered = sorted(self.milestones.values(),
                         key=lambda m: (m.planned is None, m.planned or dt.date.min))
        tasks: dict[str, list[TaskItem]] = {m.key: [] for m in ordered}
        issues: dict[str, list[IssueItem]] = {m.key: [] for m in ordered}
        unknown_tasks: list[TaskItem] = []
        tallied = ((TaskItem((m, None, None, None, None, status, planned, actual, None), "", overdue, _FIGURES_ONLY), n)
                   for (m, status, planned, actual, overdue), n in self.tally.items())
        for task, n in chain(((t, 1) for t in self.tasks), tallied):
            key = milestone_key(task.milestone)
            if key in tasks:
                tasks[key] += [task] * n
            elif key:
                unknown_tasks += [task] * n
        unknown_issues = []
        dated = [m for m in ordered if m.planned is not None]
        for issue in self.issues:
            key = milestone_key(issue.milestone)
            if key:
                (issues[key] if key in issues else unknown_issues).append(issue)
            elif issue.raised_on is not None:
                owner = next((m for m in dated if m.planned >= issue.raised_on), None)  # type: ignore[operator]
                if owner is not None:
                    issues[owner.key].append(issue)
        views = []
        for m in ordered:
            forecast = forecast_of(m, tasks[m.key], today)
            views.append(MilestoneView(m, tasks[m.key], issues[m.key], forecast,
                                       slip_of(m.planned, m.actual or forecast, calendar),
                                       state_of(m, forecast, today)))
        reviews = sorted(self.reviews, key=lambda r: r.date)
        return MilestonePlan(today, views, unknown_tasks, unknown_issues, reviews, self.project, self.start)

