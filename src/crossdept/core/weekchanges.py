"""What changed since last week: issues opened, closed, slipped or escalated.

The history store keeps each week's issue rows (store/weekrows.py); this module says what they
are and compares two weeks. Pure: rows in, ids out. "Slipped" compares the deadline in force
(解决时限, or the one derived from the level, as core/overdue.py derives it), so an issue whose
deadline was pushed back shows even when nobody changed its status.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from crossdept.core.overdue import Rules, effective_due, is_open_issue, issue_level
from crossdept.core.reminders import record_id
from crossdept.model.sheets import LEVEL
from crossdept.read.records import Workbook

LEVEL_RANK = {level: rank for rank, level in enumerate(LEVEL.values, start=1)}  # 一级 < 二级 < 三级
KINDS = ("opened", "closed", "slipped", "escalated")


@dataclass(frozen=True)
class WeekRow:
    """One issue as it stood in a week: enough to tell what happened to it since."""

    path: str
    id: str
    status: str | None
    due: dt.date | None
    owner: str | None
    level: str
    open: bool


def issue_rows(entries: Iterable[tuple[str, Workbook]], rules: Rules) -> list[WeekRow]:
    """Every issue of the folder's 问题跟踪表 sheets, open or not."""
    rows = []
    for path, book in entries:
        for sheet in book.sheets_of("issues"):
            for record in sheet.records:
                status = record.get("status")
                owner = record.get("owner")
                rows.append(WeekRow(path, record_id(record, sheet), str(status) if status else None,
                                    effective_due(record, rules)[0], str(owner) if owner else None,
                                    issue_level(record), is_open_issue(record)))
    return rows


def week_changes(previous: Iterable[WeekRow], current: Iterable[WeekRow]) -> dict[str, list[str]]:
    """Ids opened, closed, slipped (deadline later) and escalated (level higher) since `previous`."""
    before = {(r.path, r.id): r for r in previous}
    out: dict[str, list[str]] = {k: [] for k in KINDS}
    for row in current:
        old = before.get((row.path, row.id))
        if old is None:
            if row.open:
                out["opened"].append(row.id)
            continue
        if old.open and not row.open:
            out["closed"].append(row.id)
        if row.open and old.due and row.due and row.due > old.due:
            out["slipped"].append(row.id)
        if LEVEL_RANK.get(row.level, 0) > LEVEL_RANK.get(old.level, 0):
            out["escalated"].append(row.id)
    return out
