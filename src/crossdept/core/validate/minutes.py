"""Meeting minutes: every decision or action has an owner and a due date.

A topic row with only discussion needs neither; once it records a 结论/决议 or a 待办事项,
somebody must own it by a date, or the meeting decided nothing anyone will do.
"""

from __future__ import annotations

from collections.abc import Iterator

from crossdept.findings import Finding, define_rule
from crossdept.read.records import SheetData
from crossdept.core.validate.place import Context, at, rows

MINUTES_NO_OWNER = define_rule("minutes-no-owner", "error")
MINUTES_NO_DUE = define_rule("minutes-no-due", "error")


def check(sheet: SheetData, ctx: Context) -> Iterator[Finding]:
    if sheet.spec.key != "minutes":
        return
    for block, record in rows(sheet):
        outcome = "action" if record.has("action") else "decision" if record.has("decision") else None
        if outcome is None:
            continue
        if not record.has("owner"):
            yield at(MINUTES_NO_OWNER, sheet, block, record, "owner", fallback=outcome)
        if not record.has("due"):
            yield at(MINUTES_NO_DUE, sheet, block, record, "due", fallback=outcome)
