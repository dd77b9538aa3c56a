"""What to mark where: the plan of overdue / due-soon / stale / blocked marks for one workbook.

Pure: sheets and states in, a plan out. The file writer (write/xlsx_marks.py) applies it to an
.xlsx package; the Excel ribbon can apply the same plan to a live workbook. Marks never change a
cell a person filled or formatted: the colours are conditional-formatting rules that belong to
crossdept and only cover the marked rows, and the words go into one column crossdept owns
(ALERT_HEADER). Removing a mark is therefore just leaving a row out of the next plan, and the
person's own fill shows again; running twice yields the same plan and so the same file.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from crossdept import i18n
from crossdept.model.text import clean_text
from crossdept.core.overdue import IssueMark, Rules, TaskMark, WorkbookMarks, last_touched
from crossdept.findings import display_value
from crossdept.model.sheets import ALERT_HEADER, LEVEL, LEVEL_2, LEVEL_3
from crossdept.read.records import SheetData, Workbook

# The alert column (model.sheets.ALERT_HEADER) is headed the same in every language, so a rerun
# finds it; its width:
ALERT_WIDTH = 42

MarkKind = Literal["overdue", "due_soon", "stale", "blocked"]
M = TypeVar("M", IssueMark, TaskMark)

# (fill, font) ARGB per kind: Excel's own "light red fill with dark red text" and "yellow fill
# with dark yellow text" for overdue and due soon; lavender for stale and orange for blocked,
# so that a stale 更新日期 stands out inside a red or amber row.
MARK_COLOURS: dict[str, tuple[str, str]] = {
    "overdue": ("FFFFC7CE", "FF9C0006"),
    "due_soon": ("FFFFEB9C", "FF9C5700"),
    "stale": ("FFE4DFEC", "FF5B3F86"),
    "blocked": ("FFF8CBAD", "FF843C0C"),
}

# The formula of every crossdept conditional-formatting rule: always true, and the signature
# that tells crossdept's rules from a person's own (the file writer and the ribbon share it).
MARK_FORMULA = '=ISTEXT("crossdept")'


def is_mark_formula(formula: str | None) -> bool:
    return (formula or "").replace(" ", "").lstrip("=").upper() == MARK_FORMULA.lstrip("=").upper()


# Precedence, first wins: a single-cell mark shows over the row it sits in.
KIND_ORDER: tuple[MarkKind, ...] = ("stale", "blocked", "overdue", "due_soon")


@dataclass
class RowMark:
    """One marked row: a colour for the whole row (through the alert cell), single cells, words."""

    row: int
    row_kind: MarkKind | None = None
    cells: list[tuple[int, MarkKind]] = field(default_factory=list)
    text: str = ""

    def alert_kind(self) -> MarkKind | None:
        """The colour of the alert cell when the row itself is not coloured."""
        return None if self.row_kind else (self.cells[0][1] if self.cells else None)


@dataclass
class SheetPlan:
    """Marks for one 问题跟踪表 or 进度看板; an empty `rows` clears the sheet's old marks."""

    sheet: str
    header_row: int
    first_col: int  # the table's first and last header columns (the alert column excluded)
    last_col: int
    alert_col: int | None  # where ALERT_HEADER already is, if a previous run put it there
    rows: dict[int, RowMark] = field(default_factory=dict)


# The alert words of one workbook repeat a few dozen sentences (逾期3天, 建议升级至二级…) over
# thousands of rows: each is formatted once. Every parameter here is a str, int or date, so hashable.
_t = functools.lru_cache(maxsize=1024)(i18n.t)


def level_label(level: str, lang: str) -> str:
    return LEVEL.english(level) if lang == "en" else level


def _date(day: dt.date) -> str:
    return day.isoformat()


def escalation_text(mark: IssueMark, lang: str) -> str:
    """建议升级至二级（项目负责人王强协调）, or the unnamed form when nobody is known."""
    target = mark.escalate_to or ""
    key = {LEVEL_2: "highlight.escalate-lead", LEVEL_3: "highlight.escalate-sponsor"}.get(
        target, "highlight.escalate-beyond")
    if mark.escalate_person:
        return _t(key + "-named", lang, person=mark.escalate_person)
    return _t(key, lang)


def derived_text(mark: IssueMark, lang: str) -> str:
    """How a derived deadline came about: 解决时限 left empty, or typed but unreadable (then the
    words quote it, so the person fixes the typo rather than wondering why it was ignored)."""
    params = {"level": level_label(mark.level, lang), "date": _date(mark.due) if mark.due else ""}
    due_cell = mark.record.cells.get("due")
    if due_cell is not None:
        return _t("highlight.derived-unreadable", lang, raw=display_value(due_cell.raw), **params)
    return _t("highlight.derived", lang, **params)


def issue_text(marks: list[IssueMark], rules: Rules, lang: str) -> str:
    """The alert words for one issue's states, e.g. 逾期3天，建议升级至二级（项目负责人协调）."""
    parts = []
    for mark in marks:
        if mark.state == "overdue":
            head = _t("highlight.overdue-days", lang, n=mark.days_overdue)
            parts.append(_t("highlight.then", lang, first=head, second=escalation_text(mark, lang)))
        elif mark.state == "due_soon" and mark.due is not None:
            if mark.due == rules.today:
                parts.append(_t("highlight.due-today", lang))
            else:
                parts.append(_t("highlight.due-on", lang, date=_date(mark.due)))
        elif mark.state == "stale":
            touched = last_touched(mark.record)
            parts.append(_t("highlight.stale", lang, date=_date(touched) if touched else ""))
        if mark.due_derived and mark.due is not None and mark.state != "stale":
            parts[-1] += derived_text(mark, lang)
    return _t("highlight.join", lang).join(parts)


def task_text(marks: list[TaskMark], lang: str) -> str:
    parts = []
    for mark in marks:
        if mark.state == "overdue":
            planned = mark.record.get("planned_finish")
            parts.append(_t("highlight.task-overdue", lang, n=mark.days_overdue,
                                date=_date(planned) if isinstance(planned, dt.date) else ""))
        elif (reason := clean_text(mark.record.get("notes"))):
            # The reason is written: asking for it again would be wrong; quote it (shortened).
            short = reason if len(reason) <= 30 else reason[:29] + "…"
            parts.append(_t("highlight.task-blocked-reason", lang, reason=short))
        else:
            parts.append(_t("highlight.task-blocked", lang))
    return _t("highlight.join", lang).join(parts)


def _empty_plan(sheet: SheetData) -> SheetPlan | None:
    header = sheet.header
    if header is None or not header.headers:
        return None
    alert_col = next((c for c, text in header.extra.items() if text == ALERT_HEADER), None)
    own = [c for c in header.headers if c != alert_col]
    return SheetPlan(sheet.name, header.row, min(own), max(own), alert_col)


def _touched_col(mark: IssueMark) -> int | None:
    """The cell that made an issue stale: 更新日期, or 提出日期 when it was never updated."""
    for key in ("updated_on", "raised_on"):
        if isinstance(mark.record.get(key), dt.date):
            return mark.record.cells[key].col
    return None


def issue_row(row: int, marks: list[IssueMark], rules: Rules, lang: str) -> RowMark:
    """Overdue and due soon colour the row; stale colours the date that made it stale."""
    rm = RowMark(row, text=issue_text(marks, rules, lang))
    for mark in marks:
        if mark.state != "stale":
            rm.row_kind = mark.state
        elif (col := _touched_col(mark)) is not None:
            rm.cells.append((col, "stale"))
    return rm


def task_row(row: int, marks: list[TaskMark], lang: str) -> RowMark:
    """Overdue colours the row; blocked colours the 状态 cell."""
    rm = RowMark(row, text=task_text(marks, lang))
    for mark in marks:
        if mark.state == "overdue":
            rm.row_kind = "overdue"
        elif "status" in mark.record.cells:
            rm.cells.append((mark.record.cells["status"].col, "blocked"))
    return rm


def action_row(row: int, marks: list, rules: Rules, lang: str) -> RowMark:
    """An overdue or due-soon meeting action item (core.actions.ActionMark) colours its row."""
    mark = marks[0]
    item, due = mark.item, mark.item.due
    if mark.state == "overdue":
        text = _t("actions.overdue", lang, n=mark.days_overdue, date=_date(due), meeting=item.meeting)
    elif due == rules.today:
        text = _t("actions.due-today", lang, meeting=item.meeting)
    else:
        text = _t("actions.due-on", lang, date=_date(due), meeting=item.meeting)
    return RowMark(row, mark.state, text=text)


def _by_row(marks: list[M]) -> dict[int, list[M]]:
    rows: dict[int, list[M]] = {}
    for mark in marks:
        rows.setdefault(mark.row, []).append(mark)
    return rows


def plan_workbook(book: Workbook, marks: WorkbookMarks, rules: Rules, lang: str) -> list[SheetPlan]:
    """A plan for every 问题跟踪表, 进度看板 and 会议纪要, marked or not, so old marks can be cleared."""
    kinds: tuple[tuple[str, list, Callable[[int, list], RowMark]], ...] = (
        ("issues", marks.issues, lambda row, ms: issue_row(row, ms, rules, lang)),
        ("board", marks.tasks, lambda row, ms: task_row(row, ms, lang)),
        ("minutes", marks.actions, lambda row, ms: action_row(row, ms, rules, lang)),
    )
    plans = []
    for key, sheet_marks, make_row in kinds:
        for sheet in book.sheets_of(key):
            plan = _empty_plan(sheet)
            if plan is not None:
                rows = _by_row([m for m in sheet_marks if m.sheet == sheet.name])
                plan.rows = {row: make_row(row, ms) for row, ms in rows.items()}
                plans.append(plan)
    return plans
