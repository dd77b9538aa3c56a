"""The consolidated workbook of a roll-up, written with XlsxWriter.

Why XlsxWriter (figures in docs/rollup.md): it is the mature writer that does everything this
workbook needs -- Excel tables with filters, native charts, conditional formats -- and lets every
value be written by its type. rustpy-xlsxwriter (Rust) writes the detail rows several times
faster but has no Excel tables, which the PMO filters by and the issue asks for.

Values from department files are data: every text goes through write_string, never write(), so
"=HYPERLINK(...)" or "@SUM(1)" arrives as text, not as a formula (formula injection). The
workbook is also opened with strings_to_formulas/urls/numbers off, as a second fence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from crossdept import i18n
from crossdept.core.history import WeekFigures
from crossdept.core.rollup import (
    ALL_ISSUES, ALL_TASKS, OVERDUE, OVERVIEW, SOURCES, TREND, DetailRow, Figures, FileEntry, Rollup,
)
from crossdept.model.sheets import BOARD, ISSUES, TASK_STATUS
from crossdept.model.spec import ColumnType, SheetSpec

# Columns the roll-up adds to the model's own on 全部任务 / 全部问题. "汇总部门" rather than
# "部门": 部门 is an alias of 进度看板's 负责部门, and re-reading the roll-up must not confuse the two.
DEPT, SOURCE, ROW, FLAGS, DAYS, DUE, ESCALATE, OTHER = (
    "汇总部门", "来源文件", "来源行", "标记", "逾期天数", "有效时限", "建议升级", "其他列")
TASK_EXTRA = (DEPT, SOURCE, ROW, FLAGS, DAYS, OTHER)
ISSUE_EXTRA = (DEPT, SOURCE, ROW, FLAGS, DAYS, DUE, ESCALATE, OTHER)

STATE_LABELS = {"overdue": "逾期", "blocked": "阻塞", "due_soon": "临期", "stale": "滞后"}
RAG_LABELS = {"red": "红", "amber": "黄", "green": "绿"}
RAG_COLOURS = {"red": "#F4B6B6", "amber": "#FFE699", "green": "#C6EFCE"}
RED_FILL, AMBER_FILL = "#F8CBAD", "#FFF2CC"

OVERVIEW_HEADERS = ("部门", "任务总数", *TASK_STATUS.values, "完成率", "平均进度", "逾期任务", "未关闭问题",
                    "逾期问题", "临期问题", "滞后问题", "红黄绿", "判定依据")
OVERDUE_HEADERS = ("类型", "部门", "编号", "内容", "负责人", "截止日期", "逾期天数", "冲突等级", "建议升级至",
                   "处理人", "来源文件", "来源行")
SOURCE_HEADERS = ("文件", "状态", "部门", "部门来源", "任务行数", "问题行数", "说明")
ESCALATION_KEYS = {"二级": "rollup.escalate.level2", "三级": "rollup.escalate.level3",
                   "发起人": "rollup.escalate.sponsor", "issue": "rollup.escalate.task"}


class _Book:
    """The workbook and its formats; `put` writes one value by its type."""

    def __init__(self, path: Path) -> None:
        self.wb = xlsxwriter.Workbook(str(path), {
            "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False,
        })
        add = self.wb.add_format
        self.date = add({"num_format": "yyyy-mm-dd"})
        self.datetime = add({"num_format": "yyyy-mm-dd hh:mm"})
        self.pct = add({"num_format": "0%"})
        self.pct1 = add({"num_format": "0.0%"})
        self.bold = add({"bold": True})
        self.title = add({"bold": True, "font_size": 14})
        self.head = add({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "top"})
        self.total_row = add({"bold": True, "top": 1})
        self.total_pct = add({"bold": True, "top": 1, "num_format": "0.0%"})
        self.red = add({"bg_color": RED_FILL})
        self.amber = add({"bg_color": AMBER_FILL})
        self.rag = {k: add({"bg_color": c, "bold": True, "align": "center"}) for k, c in RAG_COLOURS.items()}

    def put(self, ws: Worksheet, r: int, c: int, value: object, fmt: object = None) -> None:
        """Write by type; text always as a string (never a formula), empty values not at all."""
        if value is None:
            return
        if isinstance(value, str):
            if value:
                ws.write_string(r, c, value, fmt)
        elif isinstance(value, bool):
            ws.write_boolean(r, c, value, fmt)
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, value, fmt)
        elif isinstance(value, dt.datetime):
            ws.write_datetime(r, c, value, fmt or self.datetime)
        elif isinstance(value, dt.date):
            ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), fmt or self.date)
        else:
            ws.write_string(r, c, str(value), fmt)

    def headers(self, ws: Worksheet, row: int, headers: Sequence[str], widths: Sequence[float] = ()) -> None:
        for c, text in enumerate(headers):
            ws.write_string(row, c, text, self.head)
            ws.set_column(c, c, widths[c] if c < len(widths) else max(10, len(text) * 2 + 2))

    def table(self, ws: Worksheet, name: str, headers: Sequence[str], rows: int) -> None:
        """An Excel table (filters, banding) over the header row and `rows` data rows."""
        ws.add_table(0, 0, max(rows, 1), len(headers) - 1, {
            "name": name, "style": "Table Style Medium 2", "columns": [{"header": h} for h in headers]})
        ws.freeze_panes(1, 0)

    def highlight(self, ws: Worksheet, rows: int, width: int, flag_col: int, word: str, fmt: object) -> None:
        """Colour whole rows whose 标记 contains `word` (a conditional format: survives sorting)."""
        if rows:
            col = xl_col_to_name(flag_col)
            ws.conditional_format(1, 0, rows, width - 1, {
                "type": "formula", "criteria": f'=ISNUMBER(SEARCH("{word}",${col}2))', "format": fmt})


def _detail(book: _Book, name: str, table: str, spec: SheetSpec, extra: Sequence[str],
            rows: list[DetailRow], lang: str) -> None:
    ws = book.wb.add_worksheet(name)
    headers = [c.header for c in spec.columns] + list(extra)
    book.headers(ws, 0, headers, [c.width for c in spec.columns])
    percent_cols = {i for i, c in enumerate(spec.columns) if c.type is ColumnType.PERCENT}
    base = len(spec.columns)
    put = book.put
    for r, item in enumerate(rows, start=1):
        for c, value in enumerate(item.values):
            if c in percent_cols and isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(r, c, value / 100, book.pct)
            else:
                put(ws, r, c, value)
        tail: list[object] = [item.department, item.source, item.row,
                              "、".join(STATE_LABELS[f] for f in item.flags), item.days_overdue or None]
        if spec is ISSUES:
            tail += [item.due, i18n.t(ESCALATION_KEYS[item.escalate_to], lang) if item.escalate_to else None]
        tail.append(item.other)
        for c, value in enumerate(tail, start=base):
            put(ws, r, c, value)
    book.table(ws, table, headers, len(rows))
    flag_col = base + extra.index(FLAGS)
    book.highlight(ws, len(rows), len(headers), flag_col, STATE_LABELS["overdue"], book.red)
    for state in ("blocked", "due_soon"):
        book.highlight(ws, len(rows), len(headers), flag_col, STATE_LABELS[state], book.amber)


def _figure_row(book: _Book, ws: Worksheet, r: int, f: Figures, lang: str, total: bool = False) -> None:
    colour = f.rag()[0]
    plain = book.total_row if total else None
    pct = book.total_pct if total else book.pct1
    values: list[object] = [f.department, f.total, *f.by_status.values()]
    for c, value in enumerate(values):
        book.put(ws, r, c, value, plain)
    for c, value in ((len(values), f.completion_pct), (len(values) + 1, f.avg_progress_pct)):
        if value is not None:
            ws.write_number(r, c, value / 100, pct)
    rest = (f.tasks_overdue, f.issues_open, f.issues_overdue, f.issues_due_soon, f.issues_stale)
    for c, value in enumerate(rest, start=len(values) + 2):
        book.put(ws, r, c, value, plain)
    c = len(values) + 2 + len(rest)
    ws.write_string(r, c, RAG_LABELS[colour], book.rag[colour])
    ws.write_string(r, c + 1, f.rag_text(lang), plain)


def _overview(book: _Book, rollup: Rollup, project: str | None, lang: str) -> None:
    ws = book.wb.add_worksheet(OVERVIEW)
    ws.write_string(0, 0, i18n.t("rollup.sheet-title", lang, project=project or "", today=rollup.today.isoformat()),
                    book.title)
    ws.write_string(1, 0, i18n.t("rollup.rag.rule", lang))
    head = 3
    book.headers(ws, head, OVERVIEW_HEADERS, [14] + [9] * 13 + [8, 40])
    for i, figures in enumerate(rollup.departments, start=head + 1):
        _figure_row(book, ws, i, figures, lang)
    last = head + len(rollup.departments)
    _figure_row(book, ws, last + 1, rollup.totals, lang, total=True)
    ws.freeze_panes(head + 1, 1)
    if not rollup.departments:
        return
    categories = [OVERVIEW, head + 1, 0, last, 0]
    status_chart = book.wb.add_chart({"type": "column", "subtype": "stacked"})
    for c, status in enumerate(TASK_STATUS.values, start=2):
        status_chart.add_series({"name": [OVERVIEW, head, c], "categories": categories,
                                 "values": [OVERVIEW, head + 1, c, last, c]})
    status_chart.set_title({"name": i18n.t("rollup.chart.status", lang)})
    issue_chart = book.wb.add_chart({"type": "column"})
    first_issue_col = OVERVIEW_HEADERS.index("未关闭问题")
    for c in range(first_issue_col, first_issue_col + 4):
        issue_chart.add_series({"name": [OVERVIEW, head, c], "categories": categories,
                                "values": [OVERVIEW, head + 1, c, last, c]})
    issue_chart.set_title({"name": i18n.t("rollup.chart.issues", lang)})
    width = max(720, 48 * len(rollup.departments))
    for n, chart in enumerate((status_chart, issue_chart)):
        chart.set_size({"width": width, "height": 320})
        ws.insert_chart(last + 3 + n * 17, 0, chart)


def _overdue(book: _Book, rollup: Rollup, lang: str) -> None:
    ws = book.wb.add_worksheet(OVERDUE)
    book.headers(ws, 0, OVERDUE_HEADERS, [6, 12, 10, 36, 10, 12, 9, 9, 28, 10, 40, 7])
    kinds = {"task": "任务", "issue": "问题"}
    for r, o in enumerate(rollup.overdue, start=1):
        values = (kinds[o.kind], o.department, o.id, o.title, o.owner, o.due, o.days_overdue, o.level,
                  i18n.t(ESCALATION_KEYS[o.escalate_to], lang), o.escalate_person, o.source, o.row)
        for c, value in enumerate(values):
            book.put(ws, r, c, value)
    book.table(ws, "Overdue", OVERDUE_HEADERS, len(rollup.overdue))


def _trend(book: _Book, weeks: list[WeekFigures], lang: str) -> None:
    ws = book.wb.add_worksheet(TREND)
    departments = list(dict.fromkeys(f.department for w in weeks for f in w.departments))
    headers = ["周", "截至", "合计完成率", "未关闭问题", "逾期问题", *(f"完成率·{d}" for d in departments)]
    book.headers(ws, 0, headers, [10, 12, 11, 11, 10] + [14] * len(departments))
    for r, week in enumerate(weeks, start=1):
        totals = week.totals
        ws.write_string(r, 0, week.week)
        book.put(ws, r, 1, week.as_of)
        if totals.completion_pct is not None:
            ws.write_number(r, 2, totals.completion_pct / 100, book.pct1)
        ws.write_number(r, 3, totals.issues_open)
        ws.write_number(r, 4, totals.issues_overdue)
        by_name = {f.department: f for f in week.departments}
        for c, dept in enumerate(departments, start=5):
            figures = by_name.get(dept)
            if figures is not None and figures.completion_pct is not None:
                ws.write_number(r, c, figures.completion_pct / 100, book.pct1)
    book.table(ws, "Trend", headers, len(weeks))
    n = len(weeks)
    categories = [TREND, 1, 0, n, 0]
    completion = book.wb.add_chart({"type": "line"})
    for c in [2, *range(5, len(headers))]:
        completion.add_series({"name": [TREND, 0, c], "categories": categories, "values": [TREND, 1, c, n, c],
                               "marker": {"type": "circle"}})
    completion.set_title({"name": i18n.t("rollup.chart.completion-trend", lang)})
    completion.set_y_axis({"num_format": "0%", "min": 0, "max": 1})
    issues = book.wb.add_chart({"type": "line"})
    for c in (3, 4):
        issues.add_series({"name": [TREND, 0, c], "categories": categories, "values": [TREND, 1, c, n, c],
                           "marker": {"type": "circle"}})
    issues.set_title({"name": i18n.t("rollup.chart.issues-trend", lang)})
    for i, chart in enumerate((completion, issues)):
        chart.set_size({"width": 720, "height": 320})
        ws.insert_chart(n + 3 + i * 17, 0, chart)


def _sources(book: _Book, files: list[FileEntry], lang: str) -> None:
    ws = book.wb.add_worksheet(SOURCES)
    book.headers(ws, 0, SOURCE_HEADERS, [48, 10, 16, 16, 9, 9, 60])
    for r, f in enumerate(files, start=1):
        status_fmt = book.red if f.status == "unreadable" else book.amber if f.status == "invalid" else None
        values = (f.path, i18n.t(f"rollup.status.{f.status}", lang), f.department, f.source_text(lang),
                  f.tasks, f.issues, f.error_message(lang))
        for c, value in enumerate(values):
            book.put(ws, r, c, value, status_fmt if c == 1 else None)
    book.table(ws, "Sources", SOURCE_HEADERS, len(files))


def write_rollup(rollup: Rollup, path: Path, lang: str = "zh", project: str | None = None,
                 weeks: list[WeekFigures] | None = None) -> None:
    """Write the consolidated workbook to `path` (the caller makes it atomic)."""
    book = _Book(path)
    _overview(book, rollup, project, lang)
    _detail(book, ALL_TASKS, "Tasks", BOARD, TASK_EXTRA, rollup.tasks, lang)
    _detail(book, ALL_ISSUES, "Issues", ISSUES, ISSUE_EXTRA, rollup.issues, lang)
    _overdue(book, rollup, lang)
    if weeks:
        _trend(book, weeks, lang)
    _sources(book, rollup.files, lang)
    book.wb.close()
