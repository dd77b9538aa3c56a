"""Row logic: dates that contradict each other or the status, on the board and the issue tracker.

domain.md: 已完成 implies 100 % and an actual finish date; an issue is closed by 已解决/已关闭 and
then has a 解决日期; an issue with no 冲突等级 counts as 一级, with a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from crossdept.findings import Finding, display_value, define_rule
from crossdept.model.sheets import DONE, ISSUE_CLOSED
from crossdept.read.records import Block, Record, SheetData
from crossdept.core.validate.place import Context, at, first_empty, ref, rows

FINISH_BEFORE_START = define_rule("finish-before-start", "error")
DONE_NOT_100 = define_rule("done-not-100", "error")
DONE_NO_FINISH = define_rule("done-no-finish", "error")
FINISH_IN_FUTURE = define_rule("finish-in-future", "error")
RESOLVED_NO_DATE = define_rule("resolved-no-date", "error")
DUE_BEFORE_RAISED = define_rule("due-before-raised", "error")
LEVEL_MISSING = define_rule("level-missing", "warning")
LEVEL_COLUMN_MISSING = define_rule("level-column-missing", "warning")



def _task(sheet: SheetData, block: Block, record: Record, ctx: Context) -> Iterator[Finding]:
    start, planned = record.get("start"), record.get("planned_finish")
    if start is not None and planned is not None and planned < start:
        yield at(FINISH_BEFORE_START, sheet, block, record, "planned_finish",
                 start=display_value(start), start_cell=record.cells["start"].ref)
    actual = record.get("actual_finish")
    if actual is not None and actual > ctx.today:
        yield at(FINISH_IN_FUTURE, sheet, block, record, "actual_finish", today=ctx.today.isoformat())
    if record.get("status") != DONE:
        return
    progress = record.get("progress")
    if progress is not None and progress < 100:
        yield at(DONE_NOT_100, sheet, block, record, "progress", percent=display_value(progress))
    if not record.has("actual_finish"):
        yield at(DONE_NO_FINISH, sheet, block, record, "actual_finish", fallback="status")


def _issue(sheet: SheetData, block: Block, record: Record, ctx: Context) -> Iterator[Finding]:
    raised, due = record.get("raised_on"), record.get("due")
    if raised is not None and due is not None and due < raised:
        yield at(DUE_BEFORE_RAISED, sheet, block, record, "due",
                 raised=display_value(raised), raised_cell=record.cells["raised_on"].ref)
    status = record.get("status")
    if status in ISSUE_CLOSED and not record.has("resolved_on"):
        yield at(RESOLVED_NO_DATE, sheet, block, record, "resolved_on", fallback="status", status=status)
    if not record.has("level") and block.header is not None and "level" in block.header.columns:
        yield at(LEVEL_MISSING, sheet, block, record, "level")


CHECKS = {"board": _task, "issues": _issue}


def _level_column(sheet: SheetData) -> Iterator[Finding]:
    """A tracker without a 冲突等级 column: one warning for the sheet, not one per issue."""
    for block in sheet.blocks:
        header = block.header
        if header is not None and block.records and "level" not in header.columns:
            yield Finding(LEVEL_COLUMN_MISSING, sheet.name, header.row, sheet.spec.column("level").header,
                          ref(first_empty(header), header.row), None)


def check(sheet: SheetData, ctx: Context) -> Iterator[Finding]:
    rule = CHECKS.get(sheet.spec.key)
    if rule is None:
        return
    if sheet.spec.key == "issues":
        yield from _level_column(sheet)
    for block, record in rows(sheet):
        yield from rule(sheet, block, record, ctx)
