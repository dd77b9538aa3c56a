"""Meeting minutes: every decision or action has an owner and a due date.

A topic row with only discussion needs neither; once it records a 结论/决议 or a 待办事项,
somebody must own it by a date, or the meeting decided nothing anyone will do. A cell that only
says there is nothing ("无", "暂无", "—", "N/A") records no decision or action.
"""

from __future__ import annotations

from collections.abc import Iterator

from crossdept.findings import Finding, define_rule
from crossdept.model.text import match_key
from crossdept.read.records import Record, SheetData
from crossdept.core.validate.place import Context, at, rows

MINUTES_NO_OWNER = define_rule("minutes-no-owner", "error")
MINUTES_NO_DUE = define_rule("minutes-no-due", "error")

# What people write to say "none" (compared by match_key, which also drops - / and spaces).
_NOTHING = frozenset(match_key(w) for w in ("无", "暂无", "没有", "无待办", "无决议", "—", "——", "N/A", "NA", "none", "nil"))


def _records(record: Record, key: str) -> bool:
    """Whether the cell records something, not just that there is nothing."""
    cell = record.cells.get(key)
    if cell is None:
        return False
    text = match_key(cell.raw)
    return bool(text) and text not in _NOTHING


def check(sheet: SheetData, ctx: Context) -> Iterator[Finding]:
    if sheet.spec.key != "minutes":
        return
    for block, record in rows(sheet):
        outcome = "action" if _records(record, "action") else "decision" if _records(record, "decision") else None
        if outcome is None:
            continue
        if not record.has("owner"):
            yield at(MINUTES_NO_OWNER, sheet, block, record, "owner", fallback=outcome)
        if not record.has("due"):
            yield at(MINUTES_NO_DUE, sheet, block, record, "due", fallback=outcome)
