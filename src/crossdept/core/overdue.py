"""Overdue, due-soon and stale issues, overdue and blocked tasks, and proposed escalation.

Implements "Overdue and escalation" in ../shared/guide/domain.md to the letter. Pure: records in,
marks out. The highlight command, the roll-up, the minutes appendix, the summary email and the
ribbon all take their states from here, so they always agree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from crossdept.config import Config
from crossdept.core.calendar import WorkCalendar
from crossdept.model.sheets import BLOCKED, DONE, ISSUE_CLOSED, LEVEL_1, LEVEL_2, LEVEL_3
from crossdept.read.records import Record, SheetData, Workbook

IssueState = Literal["overdue", "due_soon", "stale"]
TaskState = Literal["overdue", "blocked"]

# The guide's resolution deadlines: 一级 24 hours, 二级 48 hours (calendar days), 三级 3 working days.
DEFAULT_SLA_DAYS = {LEVEL_1: 1, LEVEL_2: 2, LEVEL_3: 3}
WORKING_DAY_LEVELS = {LEVEL_3}
DEFAULT_LEVEL = LEVEL_1  # an issue with no level counts as 一级 (validation warns)

# Where an overdue issue goes next; an overdue 三级 goes to the sponsor.
SPONSOR = "发起人"
NEXT_LEVEL = {LEVEL_1: LEVEL_2, LEVEL_2: LEVEL_3, LEVEL_3: SPONSOR}


@dataclass(frozen=True)
class People:
    """Who resolves escalated conflicts: the project lead (二级) and the sponsor (三级)."""

    lead: str | None = None
    sponsor: str | None = None

    def for_level(self, level: str) -> str | None:
        return self.lead if level == LEVEL_2 else self.sponsor


@dataclass(frozen=True)
class IssueMark:
    sheet: str
    record: Record
    state: IssueState
    due: dt.date | None
    due_derived: bool
    level: str
    # Calendar days past the deadline (0 unless overdue): the one figure of 逾期天数 in every
    # output (domain.md); working days only decide deadlines and staleness.
    days_overdue: int
    escalate_to: str | None  # 二级 / 三级 / 发起人, for overdue issues
    escalate_person: str | None
    department: str | None

    @property
    def row(self) -> int:
        return self.record.row

    def to_json(self) -> dict[str, object]:
        """interface.md's highlight issue object, extended with how the deadline was found and
        the person the escalation goes to."""
        r = self.record
        return {
            "sheet": self.sheet, "row": r.row, "id": r.get("id"), "description": r.get("description"),
            "owner": r.get("owner"), "department": self.department,
            "due": self.due.isoformat() if self.due else None, "level": self.level,
            "status": r.get("status"), "state": self.state, "days_overdue": self.days_overdue,
            "escalate_to": self.escalate_to,
            "due_derived": self.due_derived, "escalate_person": self.escalate_person,
        }


@dataclass(frozen=True)
class TaskMark:
    sheet: str
    record: Record
    state: TaskState
    days_overdue: int
    department: str | None

    @property
    def row(self) -> int:
        return self.record.row

    def to_json(self) -> dict[str, object]:
        """interface.md's highlight task object."""
        r = self.record
        due = r.get("planned_finish")
        return {
            "sheet": self.sheet, "row": r.row, "id": r.get("id"), "task": r.get("task"),
            "owner": r.get("owner"), "department": self.department,
            "planned_finish": due.isoformat() if isinstance(due, dt.date) else None,
            "status": r.get("status"), "state": self.state, "days_overdue": self.days_overdue,
        }


@dataclass
class Rules:
    """Everything besides the records that decides a state."""

    today: dt.date
    calendar: WorkCalendar
    people: People = People()
    sla_days: dict[str, int] | None = None

    @classmethod
    def from_config(cls, config: Config, today: dt.date, book: Workbook | None = None) -> "Rules":
        """Calendar and people from crossdept.toml, people falling back to the workbook's 项目章程."""
        lead, sponsor = config.lead, config.sponsor
        charter = book.sheet("charter") if book is not None else None
        if charter is not None:
            lead = lead or charter.field("lead")
            sponsor = sponsor or charter.field("sponsor")
        return cls(today, WorkCalendar(config.days_off, config.workdays), People(lead, sponsor),
                   {**DEFAULT_SLA_DAYS, **config.sla_days})

    def sla(self, level: str) -> int:
        return (self.sla_days or DEFAULT_SLA_DAYS).get(level, DEFAULT_SLA_DAYS[level])


def is_open_issue(record: Record) -> bool:
    """Open until 已解决 or 已关闭; an empty or unreadable status counts as open."""
    return record.get("status") not in ISSUE_CLOSED


def issue_level(record: Record) -> str:
    return str(record.get("level") or DEFAULT_LEVEL)


def effective_due(record: Record, rules: Rules) -> tuple[dt.date | None, bool]:
    """解决时限, or the deadline derived from 提出日期 and the level; (date, derived?)."""
    due = record.get("due")
    if isinstance(due, dt.date):
        return due, False
    raised = record.get("raised_on")
    if not isinstance(raised, dt.date):
        return None, False
    level = issue_level(record)
    days = rules.sla(level)
    try:
        if level in WORKING_DAY_LEVELS:
            return rules.calendar.add_workdays(raised, days), True
        return raised + dt.timedelta(days=days), True
    except OverflowError:  # 提出日期 9999-12-31: no deadline after the end of the calendar
        return None, False


def last_touched(record: Record) -> dt.date | None:
    """更新日期, or 提出日期 when the issue was never updated.

    A 更新日期 that was typed but cannot be read says the issue *was* updated, just not when:
    None (not judged stale) rather than falling back to 提出日期 and calling it stale on a guess;
    validation reports the unreadable date at its cell.
    """
    if record.has("updated_on"):
        value = record.get("updated_on")
        return value if isinstance(value, dt.date) else None
    value = record.get("raised_on")
    return value if isinstance(value, dt.date) else None


def issue_marks(sheet: SheetData, rules: Rules, department: str | None = None) -> list[IssueMark]:
    """Every state of every open issue of a 问题跟踪表, in row order (an issue may have two)."""
    today, cal = rules.today, rules.calendar
    soon_until = cal.next_workday(today)
    stale_before = cal.previous_workday(today)
    marks = []
    for record in sheet.records:
        if not is_open_issue(record):
            continue
        due, derived = effective_due(record, rules)
        level = issue_level(record)
        dept = record.get("owner_dept") or department
        states: list[IssueState] = []
        if due is not None and due < today:
            states.append("overdue")
        elif due is not None and today <= due <= soon_until:
            states.append("due_soon")
        touched = last_touched(record)
        if touched is not None and touched < stale_before:
            states.append("stale")
        for state in states:
            overdue = state == "overdue"
            target = NEXT_LEVEL[level] if overdue else None
            marks.append(IssueMark(
                sheet.name, record, state, due, derived, level,
                (today - due).days if overdue and due else 0,
                target, rules.people.for_level(target) if target else None, dept,
            ))
    return marks


def task_marks(sheet: SheetData, rules: Rules, department: str | None = None) -> list[TaskMark]:
    """Overdue tasks (not 已完成, 计划完成日期 before today) and every blocked task."""
    marks = []
    for record in sheet.records:
        status = record.get("status")
        planned = record.get("planned_finish")
        dept = record.get("department") or department
        if status != DONE and isinstance(planned, dt.date) and planned < rules.today:
            marks.append(TaskMark(sheet.name, record, "overdue", (rules.today - planned).days, dept))
        if status == BLOCKED:
            marks.append(TaskMark(sheet.name, record, "blocked", 0, dept))
    return marks


@dataclass
class WorkbookMarks:
    issues: list[IssueMark]
    tasks: list[TaskMark]
    actions: list = field(default_factory=list)  # core.actions.ActionMark: meeting action items


def workbook_marks(book: Workbook, rules: Rules) -> WorkbookMarks:
    """All marks of every 问题跟踪表, 进度看板 and 会议纪要 (action items) of a workbook."""
    from crossdept.core.actions import workbook_action_marks  # core.actions builds on this module

    department = book.meta("department")
    issues = [m for s in book.sheets_of("issues") for m in issue_marks(s, rules, department)]
    tasks = [m for s in book.sheets_of("board") for m in task_marks(s, rules, department)]
    return WorkbookMarks(issues, tasks, workbook_action_marks(book, rules))
