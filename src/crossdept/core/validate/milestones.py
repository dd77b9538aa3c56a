"""Milestone rules (domain.md "Milestones"; docs/rules.md).

Two kinds. A sheet rule on the 项目章程 itself: a milestone whose 状态 says 已完成 without an
实际日期 (`milestone-done-no-date`, error: the date decides its state and slip). And rules over
a whole folder, because the charter and the boards are different files: a task's 里程碑 or an
issue's 关联里程碑 naming no milestone of the charter (`unknown-milestone`), a milestone reached
more than REVIEW_DAYS working days ago without a 里程碑复盘会 that names it (`review-missing`), and
a milestone with an 实际日期 whose tasks are not all done (`milestone-open-tasks`). Pure: the
folder rules take the MilestonePlan (core/milestones.py) and return findings that carry their file.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from crossdept.config import Config
from crossdept.core.calendar import WorkCalendar
from crossdept.core.milestones import Milestone, MilestoneCollector, MilestonePlan
from crossdept.core.overdue import Rules
from crossdept.core.validate.place import Context, at, rows
from crossdept.findings import Finding, define_rule
from crossdept.model.sheets import DONE as TASK_DONE
from crossdept.model.sheets import TASK_STATUS
from crossdept.read.records import Block, SheetData, Workbook

DONE_NO_DATE = define_rule("milestone-done-no-date", "error")
UNKNOWN = define_rule("unknown-milestone", "warning")
REVIEW_MISSING = define_rule("review-missing", "warning")
OPEN_TASKS = define_rule("milestone-open-tasks", "warning")

REVIEW_DAYS = 3  # working days after a milestone by which its review meeting is due
LISTED = 5  # names or ids a message lists before "…"


def check(sheet: SheetData, ctx: Context) -> Iterator[Finding]:
    """The charter's own rows: 状态 已完成 needs an 实际日期."""
    if sheet.spec.key != "charter":
        return
    for block, record in rows(sheet):
        if record.get("status") == TASK_DONE and not record.has("actual"):
            yield at(DONE_NO_DATE, sheet, block, record, "actual", fallback="status",
                     milestone=str(record.get("milestone") or ""))


def _listed(items: list[str]) -> str:
    return "、".join(items[:LISTED]) + ("…" if len(items) > LISTED else "")


def _at_milestone(rule: str, m: Milestone, **params: object) -> Finding:
    """A finding at the milestone's 实际日期 cell of the charter."""
    p = m.place
    return Finding(rule, p.sheet, p.row, "实际日期", p.cell, m.actual, {"milestone": m.name, **params}, p.path)


def plan_findings(plan: MilestonePlan, calendar: WorkCalendar) -> list[Finding]:
    """Every folder-level milestone finding of `plan`, each carrying its file."""
    names = _listed([v.name for v in plan.milestones])
    found: list[Finding] = []
    if plan.milestones:  # without a charter in the folder, no name can be checked
        for task in plan.unknown_tasks:
            p = task.place
            found.append(Finding(UNKNOWN, p.sheet, p.row, "里程碑", p.cell, task.milestone,
                                 {"name": task.milestone, "names": names}, p.path))
        for issue in plan.unknown_issues:
            p = issue.place
            found.append(Finding(UNKNOWN, p.sheet, p.row, "关联里程碑", p.cell, issue.milestone,
                                 {"name": issue.milestone, "names": names}, p.path))
    for view in plan.milestones:
        m = view.milestone
        if m.actual is None:  # not reached
            continue
        # A status that could not be read is validation's own error already, not "open".
        open_tasks = [t.id or f"{t.place.sheet}!{t.place.row}" for t in view.tasks
                      if t.status in TASK_STATUS.values and not t.done]
        if open_tasks:
            found.append(_at_milestone(OPEN_TASKS, m, actual=m.actual.isoformat(), count=len(open_tasks),
                                       tasks=_listed(open_tasks)))
        days = calendar.workdays_between(m.actual, plan.today)
        if days > REVIEW_DAYS and plan.review_of(view) is None:
            found.append(_at_milestone(REVIEW_MISSING, m, actual=m.actual.isoformat(), days=days))
    return found


def _naming_a_milestone(book: Workbook) -> Workbook:
    """The workbook with only the tasks and issues that name a milestone (里程碑, 关联里程碑).

    The rules here are about those rows alone: a task naming none belongs to no milestone, and
    an issue naming none is attached by its date, which no rule reads. The collector then works
    out deadlines and states for those rows only (a 10,000-issue tracker naming no milestone:
    none at all), and every finding is the same.
    """
    def rows(sheet: SheetData) -> SheetData:
        if sheet.spec.key not in ("board", "issues"):
            return sheet
        blocks = [Block(b.fields, b.field_slots, b.header, [r for r in b.records if "milestone" in r.cells])
                  for b in sheet.blocks]
        return SheetData(sheet.name, sheet.spec, blocks, sheet.hidden, sheet.role_columns)

    return Workbook(book.path, [rows(s) for s in book.sheets], book.unrecognised, book.findings, book.stamp)


class AcrossFiles:
    """Milestone findings over workbooks given one at a time (kept: only what milestones need)."""

    def __init__(self, config: Config, today: dt.date, keep: Callable[[type], Any] = lambda cls: []) -> None:
        self.config, self.today = config, today
        self.collector = MilestoneCollector(keep=keep)  # keep: MilestoneCollector's lists of rows

    def add(self, path: Path, book: Workbook) -> None:
        self.collector.add(path, _naming_a_milestone(book), Rules.from_config(self.config, self.today, book))

    def part(self) -> MilestoneCollector:
        """What findings() reads of the workbooks added, for another AcrossFiles's collector to
        absorb (the weekly run's worker processes: ops/weekly.py): the rows without their texts
        (task name, department, owner, notes; issue description and dates). A folder's every
        row naming a milestone is kept to the end of a weekly run, so this halves what it keeps
        per file (~0.3 MB less on bench/'s workbooks)."""
        part = copy.copy(self.collector)
        part.tasks = [t._replace(values=(*t.values[:2], None, None, None, *t.values[5:8], None))
                      for t in self.collector.tasks]
        part.issues = [i._replace(values=(None, None, i.values[2], None, None, None)) for i in self.collector.issues]
        return part

    def findings(self) -> list[Finding]:
        """The findings over every workbook added, each carrying its file (str(path))."""
        calendar = WorkCalendar(self.config.days_off, self.config.workdays)
        return plan_findings(self.collector.result(self.today, calendar), calendar)


def folder_findings(books: Iterable[tuple[Path, Workbook]], config: Config, today: dt.date) -> list[Finding]:
    """The folder-level milestone findings of workbooks read together, each carrying its file."""
    across = AcrossFiles(config, today)
    for path, book in books:
        across.add(path, book)
    return across.findings()
