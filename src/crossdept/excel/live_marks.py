"""Applying a marks plan (write/marks.py) to a live sheet through xlwings.

The same plan as the file writer, and the same promise: a person's own fills, fonts and
conditional formats are never touched. Colours are conditional-formatting rules that carry one
formula, MARK_FORMULA, that no person would write; before marking, the rules with that formula
are deleted, so a rerun replaces crossdept's rules and nothing else. The words go into the
column headed ALERT_HEADER, which crossdept owns.
"""

from __future__ import annotations

from typing import Any

from crossdept.excel.live import as_text
from crossdept.write.marks import ALERT_HEADER, MARK_COLOURS, SheetPlan

# Always true, and recognisable: the signature of a crossdept rule among a person's own rules.
MARK_FORMULA = '=ISTEXT("crossdept")'


def _rgb(argb: str) -> str:
    return "#" + argb[-6:]


def _is_ours(rule: Any) -> bool:
    formula = rule.formula or ""
    return formula.replace(" ", "").upper() == MARK_FORMULA.upper()


def remove_marks(area: Any) -> int:
    """Delete crossdept's rules on `area`; engines that cannot list rules (Office.js) have none to show."""
    try:
        ours = [rule for rule in area.conditional_formats if _is_ours(rule)]
    except NotImplementedError:
        return 0
    for rule in ours:
        rule.delete()
    return len(ours)


def _paint(sheet: Any, top: int, bottom: int, left: int, right: int, kind: str) -> None:
    fill, font = MARK_COLOURS[kind]
    area = sheet.range((top, left), (bottom, right))
    area.conditional_formats.add_custom(MARK_FORMULA, fill_color=_rgb(fill), font_color=_rgb(font))


def apply(book: Any, plan: SheetPlan) -> None:
    """Bring one sheet's marks up to date: old rules out, alert words and new rules in."""
    sheet = book.sheets[plan.sheet]
    alert_col = plan.alert_col or plan.last_col + 1
    last_row = max([sheet.used_range.last_cell.row, *plan.rows])
    first = plan.header_row + 1
    if last_row >= first:
        remove_marks(sheet.range((first, plan.first_col), (last_row, alert_col)))
    if plan.alert_col is None:
        sheet.range((plan.header_row, alert_col)).value = ALERT_HEADER
    if last_row >= first:
        words = [[as_text(plan.rows[r].text) if r in plan.rows else None] for r in range(first, last_row + 1)]
        sheet.range((first, alert_col)).options(ndim=2).value = words
    # Whole rows, grouped into runs of consecutive rows of one kind: few rules, quickly drawn.
    rows = sorted((r, m.row_kind) for r, m in plan.rows.items() if m.row_kind)
    for top, bottom, kind in _runs(rows):
        _paint(sheet, top, bottom, plan.first_col, alert_col, kind)
    for row, mark in sorted(plan.rows.items()):
        for col, kind in mark.cells:
            _paint(sheet, row, row, col, col, kind)
        alert_kind = mark.alert_kind()
        if alert_kind:
            _paint(sheet, row, row, alert_col, alert_col, alert_kind)


def _runs(rows: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    """[(5, overdue), (6, overdue), (8, due_soon)] -> [(5, 6, overdue), (8, 8, due_soon)]."""
    runs: list[tuple[int, int, str]] = []
    for row, kind in rows:
        if runs and runs[-1][1] == row - 1 and runs[-1][2] == kind:
            runs[-1] = (runs[-1][0], row, kind)
        else:
            runs.append((row, row, kind))
    return runs
