"""The roll-up's 里程碑 sheet: one row per milestone and a Gantt-style timeline Excel draws itself.

The timeline is a grid of date columns (one per day; one per week when the project spans more
than a year) coloured by conditional formats that compare each column's date with the row's
dates, so Excel redraws it when someone corrects a date in the sheet, sorting keeps it right and
no picture is pasted. Per row: the phase leading to the milestone (light blue), the 计划日期 (dark
blue), the slip past it up to the 实际日期 or forecast (red), an early finish before it (green),
and today's column (yellow). A phase runs from the day after the previous milestone's 计划日期
(the first from the charter's 开始日期).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from crossdept.core.milestones import AT_RISK, DONE, LATE, MilestonePlan
from crossdept.model.outputs import MILESTONE_HEADERS, MILESTONES

if TYPE_CHECKING:
    from crossdept.write.rollup_xlsx import _Book

WIDTHS = (18, 8, 11, 11, 11, 11, 9, 8, 7, 8, 8)
START, PLANNED, ACTUAL, FORECAST = 2, 3, 4, 5  # columns of the dates the timeline reads
STATE_FILLS = {DONE: "#C6EFCE", LATE: "#F4B6B6", AT_RISK: "#FFE699"}
PHASE, PLAN, SLIP, EARLY, TODAY = "#DDEBF7", "#1F4E79", "#E06666", "#A9D08E", "#FFF2CC"
HEAD_ROW = 4  # the timeline's dates; the month labels sit above them
MAX_DAY_COLUMNS = 370


def _span(plan: MilestonePlan) -> tuple[dt.date, dt.date] | None:
    days = [d for v in plan.milestones for d in (v.milestone.planned, v.milestone.actual, v.forecast) if d]
    if not days:
        return None
    return min(min(days), plan.today) - dt.timedelta(days=3), max(max(days), plan.today) + dt.timedelta(days=3)


def write_milestones(book: "_Book", plan: MilestonePlan) -> None:
    """The 里程碑 sheet of the consolidated workbook."""
    wb = book.wb
    ws = wb.add_worksheet(MILESTONES)
    ws.write_string(0, 0, f"里程碑（截至 {plan.today.isoformat()}）", book.title)
    ws.write_string(1, 0, "时间轴：浅蓝=阶段，深蓝=计划日期，红=推迟（至实际或预测日期），绿=提前完成，黄=今天。"
                          "偏差按工作日计；预测=未完成任务中最晚的计划完成日期（已过期的按今天）。")
    book.headers(ws, HEAD_ROW, MILESTONE_HEADERS, WIDTHS)
    fills = {state: wb.add_format({"bg_color": colour, "bold": True, "align": "center"})
             for state, colour in STATE_FILLS.items()}
    first = HEAD_ROW + 1
    previous: dt.date | None = plan.start - dt.timedelta(days=1) if plan.start else None  # the project's start
    # The rows are MilestoneLines, what read/own_sheets.py gives back: a summary made from this
    # workbook shows the milestone strip its folder would.
    for r, line in enumerate(plan.lines(), start=first):
        book.put(ws, r, 0, line.name)  # cell text: a string, never a formula, XML-safe
        ws.write_string(r, 1, line.state, fills.get(line.state))
        values = (previous + dt.timedelta(days=1) if previous else None, line.planned, line.actual, line.forecast,
                  line.slip, line.tasks, line.done, line.overdue, line.blocked)
        for c, value in enumerate(values, start=START):
            book.put(ws, r, c, value)
        previous = line.planned or previous
    last = first + len(plan.milestones) - 1
    ws.freeze_panes(first, 1)
    span = _span(plan)
    if span is None or not plan.milestones:
        return
    _timeline(book, ws, plan, span, first, last)


def _timeline(book: "_Book", ws, plan: MilestonePlan, span: tuple[dt.date, dt.date], first: int, last: int) -> None:  # noqa: ANN001
    wb = book.wb
    begin, end = span
    step = 1 if (end - begin).days <= MAX_DAY_COLUMNS else 7
    if step == 7:
        begin -= dt.timedelta(days=begin.weekday())  # weeks start on Monday
    left = len(MILESTONE_HEADERS)
    day_fmt = wb.add_format({"num_format": "d" if step == 1 else "m/d", "align": "center", "font_size": 8,
                             "bg_color": "#D9E1F2", "border": 1})
    month_fmt = wb.add_format({"bold": True, "font_size": 8})
    columns = 0
    day, month = begin, None
    while day <= end:
        c = left + columns
        ws.write_datetime(HEAD_ROW, c, dt.datetime.combine(day, dt.time()), day_fmt)
        if (day.year, day.month) != month:  # text, so it runs on over the narrow columns after it
            month = (day.year, day.month)
            ws.write_string(HEAD_ROW - 1, c, f"{day.year}-{day.month:02d}", month_fmt)
        columns += 1
        day += dt.timedelta(days=step)
    right = left + columns - 1
    ws.set_column(left, right, 2.6 if step == 1 else 4.5)

    # Formulas are written for the top-left grid cell; Excel shifts the relative parts.
    col = xl_col_to_name(left)
    head = f"{col}${HEAD_ROW + 1}"  # this column's first day
    until = f"({head}+{step})"  # the day after this column
    row = first + 1

    def ref(c: int) -> str:
        return f"${xl_col_to_name(c)}{row}"

    start, planned, actual, forecast = ref(START), ref(PLANNED), ref(ACTUAL), ref(FORECAST)
    finish = f'IF({actual}<>"",{actual},{forecast})'
    today = plan.today.toordinal() - dt.date(1899, 12, 30).toordinal()  # Excel's serial of the roll-up's today
    rules = (
        (PLAN, f'=AND({planned}<>"",{planned}>={head},{planned}<{until})'),
        (SLIP, f'=AND({planned}<>"",{finish}<>"",{until}>{planned}+1,{head}<={finish})'),
        (EARLY, f'=AND({actual}<>"",{planned}<>"",{until}>{actual},{head}<{planned})'),
        (PHASE, f'=AND({start}<>"",{planned}<>"",{until}>{start},{head}<{planned})'),
        (TODAY, f"=AND({today}>={head},{today}<{until})"),
    )
    for colour, formula in rules:
        ws.conditional_format(first, left, last, right, {
            "type": "formula", "criteria": formula, "format": wb.add_format({"bg_color": colour}),
            "stop_if_true": True})
    ws.conditional_format(HEAD_ROW, left, HEAD_ROW, right, {
        "type": "formula", "criteria": f"=AND({today}>={head},{today}<{until})",
        "format": wb.add_format({"bg_color": "#FFC000", "bold": True})})
    ws.write_comment(xl_rowcol_to_cell(HEAD_ROW, left), "每列一天" if step == 1 else "每列一周（周一起）")
