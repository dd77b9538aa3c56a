"""Meeting action items (待办事项) followed up like issues: open, overdue, due soon, carried over.

Implements "Minutes follow-up" in ../shared/guide/domain.md. An action item is a 会议纪要 row
with a 待办事项; it stays open until its 状态 is 已完成 (the progress board's statuses). Open and
完成时限 before today: overdue; today up to the next working day: due soon — the same window as
issues (core/overdue.py), so an action and an issue due the same day are flagged alike.

Pure: a read Workbook in, items and marks out. highlight, the roll-up, the email, the minutes
document (carried-over items) and the reminders all take action items from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from crossdept.core.overdue import Rules
from crossdept.model.sheets import DONE, MINUTES
from crossdept.read.records import Block, Record, Workbook

ActionState = Literal["overdue", "due_soon"]


@dataclass(frozen=True)
class ActionItem:
    """One 待办事项 with the meeting that decided it and where it sits (file, sheet, row)."""

    path: Path | None
    sheet: str
    record: Record
    meeting: str  # 会议名称, else the sheet name when the block has none
    meeting_type: str | None  # 周例会 / 里程碑复盘会 / 问题升级会 / 专题会
    meeting_date: dt.date | None
    department: str | None  # the row's 部门, else the workbook's department

    @property
    def row(self) -> int:
        return self.record.row

    @property
    def action(self) -> str:
        return str(self.record.get("action") or "")

    @property
    def owner(self) -> str | None:
        owner = self.record.get("owner")
        return str(owner) if owner else None

    @property
    def due(self) -> dt.date | None:
        due = self.record.get("due")
        return due if isinstance(due, dt.date) else None

    @property
    def status(self) -> str | None:
        status = self.record.get("status")
        return str(status) if status else None

    @property
    def is_open(self) -> bool:
        """Open until 已完成; an empty or unreadable 状态 counts as open (validation reports it)."""
        return self.status != DONE

    @property
    def id(self) -> str:
        """`MEETING-DATE#ROW` (interface.md): stable while the row stays where it is."""
        date = f"-{self.meeting_date.isoformat()}" if self.meeting_date else ""
        return f"{self.meeting}{date}#{self.row}"

    @property
    def cell(self) -> str:
        """Where to update the item: its 状态 cell when filled, else its 待办事项 cell."""
        cell = self.record.cells.get("status") or self.record.cells["action"]
        return cell.ref

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id, "path": str(self.path) if self.path else None, "sheet": self.sheet,
            "row": self.row, "cell": self.cell, "meeting": self.meeting,
            "meeting_date": self.meeting_date.isoformat() if self.meeting_date else None,
            "action": self.action, "owner": self.owner, "department": self.department,
            "due": self.due.isoformat() if self.due else None, "status": self.status,
        }


@dataclass(frozen=True)
class ActionMark:
    """An open action item that is overdue or due soon on `Rules.today`."""

    item: ActionItem
    state: ActionState
    days_overdue: int  # calendar days past 完成时限 (0 unless overdue), as for issues and tasks

    @property
    def sheet(self) -> str:
        return self.item.sheet

    @property
    def row(self) -> int:
        return self.item.row

    def to_json(self) -> dict[str, object]:
        """interface.md's highlight action object, extended with id, path, cell and department."""
        return {**self.item.to_json(), "state": self.state, "days_overdue": self.days_overdue}


def _block_items(book: Workbook, sheet: str, block: Block) -> list[ActionItem]:
    day = block.field("date")
    name = block.field("meeting_name")
    kind = block.field("meeting_type")
    department = book.meta("department")
    return [
        ActionItem(book.path, sheet, r, " ".join(str(name).split()) if name else sheet,
                   str(kind) if kind else None, day if isinstance(day, dt.date) else None,
                   str(r.get("department") or department or "") or None)
        for r in block.records if r.get("action")
    ]


def action_items(book: Workbook) -> list[ActionItem]:
    """Every action item of every 会议纪要 block, open or done, in workbook order."""
    return [item for sheet in book.sheets_of(MINUTES.key) for block in sheet.blocks
            for item in _block_items(book, sheet.name, block)]


def action_mark(item: ActionItem, rules: Rules) -> ActionMark | None:
    """The item's state on `rules.today`, or None (done, no 完成时限, or not due yet)."""
    due = item.due
    if not item.is_open or due is None:
        return None
    today = rules.today
    if due < today:
        return ActionMark(item, "overdue", (today - due).days)
    if due <= rules.calendar.next_workday(today):
        return ActionMark(item, "due_soon", 0)
    return None


def action_marks(items: list[ActionItem], rules: Rules) -> list[ActionMark]:
    """The overdue and due-soon items among `items`, in their order."""
    return [m for m in (action_mark(i, rules) for i in items) if m is not None]


def workbook_action_marks(book: Workbook, rules: Rules) -> list[ActionMark]:
    return action_marks(action_items(book), rules)


def carried_over(items: list[ActionItem], before: dt.date) -> list[ActionItem]:
    """Open items decided at meetings held before `before`, oldest meeting first: what a
    meeting's minutes list as still outstanding from earlier meetings."""
    earlier = [i for i in items if i.is_open and i.meeting_date is not None and i.meeting_date < before]
    return sorted(earlier, key=lambda i: (i.meeting_date, str(i.path), i.sheet, i.row))
