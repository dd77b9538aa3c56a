"""Applying a marks plan (write/marks.py) to a live sheet through xlwings.

The same plan and the same promise as the file writer (write/xlsx_marks.py): a person's own
fills, fonts and conditional formats are never touched. Colours are conditional-formatting rules
carrying MARK_FORMULA, crossdept's signature; a rerun deletes the rules with that formula and no
other, then adds this run's. The words go into the column headed ALERT_HEADER, which crossdept
owns, placed where the file writer would place it. xlwings adds each new rule at the top of the
sheet's rule order, so the kinds are added last-first to end in KIND_ORDER's priority.
"""

from __future__ import annotations

from typing import Any

from crossdept.excel.live import as_text
from crossdept.write.marks import ALERT_HEADER, KIND_ORDER, MARK_COLOURS, MARK_FORMULA, SheetPlan, is_mark_formula

Box = tuple[int, int, int, int]  # top row, left column, bottom row, right column (Excel numbers)


def remove_marks(sheet: Any) -> int:
    """Delete crossdept's rules on `sheet`; an engine that cannot list rules (Office.js) shows none."""
    try:
        ours = [rule for rule in sheet.cells.conditional_formats if is_mark_formula(rule.formula)]
    except NotImplementedError:
        return 0
    for rule in ours:
        rule.delete()
    return len(ours)


def boxes(plan: SheetPlan, alert_col: int) -> dict[str, list[Box]]:
    """Where each kind's colour goes: whole rows through the alert cell (runs of rows joined), then cells."""
    out: dict[str, list[Box]] = {}
    for row, mark in sorted(plan.rows.items()):
        if mark.row_kind:
            runs = out.setdefault(mark.row_kind, [])
            top, left, bottom, right = runs[-1] if runs else (0, 0, 0, 0)
            if runs and bottom == row - 1 and (left, right) == (plan.first_col, alert_col):
                runs[-1] = (top, left, row, right)
            else:
                runs.append((row, plan.first_col, row, alert_col))
        for col, kind in mark.cells:
            out.setdefault(kind, []).append((row, col, row, col))
        alert_kind = mark.alert_kind()
        if alert_kind:
            out.setdefault(alert_kind, []).append((row, alert_col, row, alert_col))
    return out


def free_column(grid: list[list[object]], plan: SheetPlan) -> int:
    """The first column right of the table with nothing in it from the header row down (as the file writer)."""
    col = plan.last_col + 1
    below = grid[plan.header_row - 1:]
    while any(len(row) >= col and row[col - 1] not in (None, "") for row in below):
        col += 1
    return col


def apply(book: Any, plan: SheetPlan) -> None:
    """Bring one sheet's marks up to date: old rules out, alert words and this run's rules in."""
    sheet = book.sheets[plan.sheet]
    remove_marks(sheet)
    if plan.alert_col is None and not plan.rows:
        return
    last = sheet.used_range.last_cell
    last_row = max([last.row, *plan.rows])
    alert_col = plan.alert_col
    if alert_col is None:
        grid = sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value
        alert_col = free_column(grid, plan)
        sheet.range((plan.header_row, alert_col)).value = ALERT_HEADER
    first = plan.header_row + 1
    if last_row >= first:
        words = [[as_text(plan.rows[r].text) if r in plan.rows else None] for r in range(first, last_row + 1)]
        sheet.range((first, alert_col)).options(ndim=2).value = words
    where = boxes(plan, alert_col)
    for kind in reversed(KIND_ORDER):
        fill, font = MARK_COLOURS[kind]
        for top, left, bottom, right in where.get(kind, []):
            sheet.range((top, left), (bottom, right)).conditional_formats.add_custom(
                MARK_FORMULA, fill_color="#" + fill[-6:], font_color="#" + font[-6:])
