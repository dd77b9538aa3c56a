"""RACI matrix: every task has exactly one A (批准) and at least one R (负责).

The reader has already checked each role cell's letters; a cell it could not read counts as
empty here, so one typo is reported once (as invalid-raci), not again as a missing role.
"""

from __future__ import annotations

from collections.abc import Iterator

from crossdept.findings import Finding, define_rule
from crossdept.read.records import Record, SheetData
from crossdept.core.validate.place import Context, at, rows

RACI_NO_A = define_rule("raci-no-a", "error")
RACI_MANY_A = define_rule("raci-many-a", "error")
RACI_NO_R = define_rule("raci-no-r", "error")


def _holders(record: Record, role: str) -> list[str]:
    """The department or person headers whose cell on this row holds `role`."""
    return [key.removeprefix("role:") for key, cell in record.cells.items()
            if key.startswith("role:") and cell.ok and role in str(cell.value).split("/")]


def check(sheet: SheetData, ctx: Context) -> Iterator[Finding]:
    if sheet.spec.key != "raci":
        return
    for block, record in rows(sheet):
        approvers = _holders(record, "A")
        if not approvers:
            yield at(RACI_NO_A, sheet, block, record, "task")
        elif len(approvers) > 1:
            yield at(RACI_MANY_A, sheet, block, record, "task", count=len(approvers), holders=approvers)
        if not _holders(record, "R"):
            yield at(RACI_NO_R, sheet, block, record, "task")
