"""The consolidated workbook of a roll-up, written with XlsxWriter -- all but the detail rows.

Why XlsxWriter (figures in docs/rollup.md): it is the mature writer that does everything this
workbook needs -- Excel tables with filters, native charts, conditional formats -- and lets every
value be written by its type. rustpy-xlsxwriter (Rust) writes rows several times faster but has
no Excel tables, which the PMO filters by and the issue asks for. XlsxWriter is slow and memory-
hungry for the detail rows, though, so 全部任务 / 全部问题 get only their header, table, column
formats and conditional formats here; their rows are streamed as XML by write/rollup_rows.py and
spliced into the closed package.

Values from department files are data: every text goes through write_string, never write(), so
"=HYPERLINK(...)" or "@SUM(1)" arrives as text, not as a formula (formula injection). The
workbook is also opened with strings_to_formulas/urls/numbers off, as a second fence.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from crossdept import i18n
from crossdept.store.history import WeekFigures
from crossdept.core.rollup import Figures, FileEntry, KeptDetail, Rollup
from crossdept.model.outputs import OVERDUE, OVERDUE_HEADERS, OVERVIEW, OVERVIEW_HEADERS, SOURCE_HEADERS, SOURCES, TREND
from crossdept.model.sheets import TASK_STATUS
from crossdept.model.text import display_width
from crossdept.write.xmlsafe import cell_text
from crossdept.write.rollup_milestones import write_milestones
from crossdept.write.rollup_rows import (
    DATE_STYLE, FLAGS, PERCENT_STYLE, STATE_LABELS, DetailLayout, DetailSpool, SharedStrings, SheetRows,
    escalation_labels, splice,
)

RAG_LABELS = {"red": "红", "amber": "黄", "green": "绿"}
RAG_COLOURS = {"red": "#F4B6B6", "amber": "#FFE699", "green": "#C6EFCE"}
RED_FILL, AMBER_FILL = "#F8CBAD", "#FFF2CC"

OVERDUE_TABLE = "Overdue"
OVERDUE_SHARED = frozenset({0, 1, 4, 7, 8, 9, 10})  # 类型 部门 负责人 冲突等级 建议升级至 处理人 来源文件: repeating texts


class _Book:
    """The workbook and its formats; `put` writes one value by its type."""

    def __init__(self, path: Path | io.BytesIO, lang: str = "zh") -> None:
        self.lang = lang
        self.wb = xlsxwriter.Workbook(path if isinstance(path, io.BytesIO) else str(path), {
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
                ws.write_string(r, c, cell_text(value), fmt)
        elif isinstance(value, bool):
            ws.write_boolean(r, c, value, fmt)
        elif isinstance(value, (int, float)):
            ws.write_number(r, c, value, fmt)
        elif isinstance(value, dt.datetime):
            ws.write_datetime(r, c, value, fmt or self.datetime)
        elif isinstance(value, dt.date):
            ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), fmt or self.date)
        else:
            ws.write_string(r, c, cell_text(str(value)), fmt)

    def headers(self, ws: Worksheet, row: int, headers: Sequence[str], widths: Sequence[float] = ()) -> None:
        for c, text in enumerate(headers):
            ws.write_string(row, c, cell_text(text), self.head)
            width = widths[c] if c < len(widths) else max(10, len(text) * 2 + 2)
            ws.set_column(c, c, max(width, display_width(text.split("\n")[0]) + 2))
        if any("\n" in text for text in headers):
            ws.set_row(row, 30)  # two lines: the English name over the Chinese one

    def labels(self, headers: Sequence[str]) -> list[str]:
        """The headers of a sheet people read but crossdept does not re-read: in English, the
        English name with the Chinese one on a second line (the name in the guide and the
        templates); in Chinese, as they are."""
        if self.lang != "en":
            return list(headers)
        return [f"{i18n.t(key, 'en')}\n{h}" if i18n.has(key := f"outputs.head.{h}") else h for h in headers]

    def table(self, ws: Worksheet, name: str, headers: Sequence[str], rows: int) -> None:
        """An Excel table (filters, banding) over the header row and `rows` data rows (for
        spooled rows: one, widened when they are spliced in)."""
        ws.add_table(0, 0, max(rows, 1), len(headers) - 1, {
            "name": name, "style": "Table Style Medium 2", "columns": [{"header": cell_text(h)} for h in headers]})
        ws.freeze_panes(1, 0)

    def print_setup(self) -> None:
        """Every sheet prints A4 landscape, one page wide; table sheets repeat their header row."""
        for ws in self.wb.worksheets():
            ws.set_landscape()
            ws.set_paper(9)
            ws.fit_to_pages(1, 0)
            if ws.tables:
                ws.repeat_rows(0)

    def highlight(self, ws: Worksheet, rows: int, width: int, flag_col: int, word: str, fmt: object) -> None:
        """Colour whole rows whose 标记 contains `word` (a conditional format: survives sorting)."""
        if rows:
            col = xl_col_to_name(flag_col)
            ws.conditional_format(1, 0, rows, width - 1, {
                "type": "formula", "criteria": f'=ISNUMBER(SEARCH("{word}",${col}2))', "format": fmt})


def _detail(book: _Book, layout: DetailLayout, rows: SheetRows) -> Worksheet:
    """A detail sheet without its rows: header, column formats, the table (widened to the rows
    when they are spliced in), and the row colours (conditional formats on 标记, so they survive
    sorting)."""
    ws = book.wb.add_worksheet(layout.sheet)
    # In English the model's columns read "Task\n任务名称": the reader knows both names, so the
    # sheet still re-reads. The roll-up's own columns (汇总部门, 标记...) keep the names it re-reads by.
    headers = ([f"{c.alias}\n{c.header}" for c in layout.spec.columns] + list(layout.extra)
               if book.lang == "en" else layout.headers)
    book.headers(ws, 0, headers, [c.width for c in layout.spec.columns])
    # Column formats for date and percent columns: they also give those formats the style numbers
    # the spooled rows refer to (DATE_STYLE, PERCENT_STYLE), and suit rows typed in later.
    for c in layout.date_cols:
        ws.set_column(c, c, layout.spec.columns[c].width if c < len(layout.spec.columns) else 12, book.date)
    for c in layout.percent_cols:
        ws.set_column(c, c, layout.spec.columns[c].width, book.pct)
    book.table(ws, layout.table, headers, 1)  # its range is set when the rows are spliced
    flag_col = len(layout.spec.columns) + layout.extra.index(FLAGS)
    book.highlight(ws, rows.count, len(headers), flag_col, STATE_LABELS["overdue"], book.red)
    for state in ("blocked", "due_soon"):
        book.highlight(ws, rows.count, len(headers), flag_col, STATE_LABELS[state], book.amber)
    return ws


def _figure_row(book: _Book, ws: Worksheet, r: int, f: Figures, lang: str, total: bool = False) -> None:
    colour = f.rag()[0]
    plain = book.total_row if total else None
    pct = book.total_pct if total else book.pct1
    values: list[object] = [f.department, f.total, *f.by_status.values(), f.status_unread]
    for c, value in enumerate(values):
        book.put(ws, r, c, value, plain)
    for c, value in ((len(values), f.completion_pct), (len(values) + 1, f.avg_progress_pct)):
        if value is not None:
            ws.write_number(r, c, value / 100, pct)
    rest = (f.tasks_overdue, f.issues_open, f.issues_overdue, f.issues_due_soon, f.issues_stale)
    for c, value in enumerate(rest, start=len(values) + 2):
        book.put(ws, r, c, value, plain)
    c = len(values) + 2 + len(rest)
    ws.write_string(r, c, RAG_LABELS[colour] if book.lang != "en" else i18n.t(f"rollup.rag.{colour}", "en"),
                    book.rag[colour])
    ws.write_string(r, c + 1, cell_text(f.rag_text(lang)), plain)


def _overview(book: _Book, rollup: Rollup, project: str | None, lang: str) -> None:
    ws = book.wb.add_worksheet(OVERVIEW)
    ws.write_string(0, 0, cell_text(i18n.t("rollup.sheet-title", lang, project=project or "", today=rollup.today.isoformat())),
                    book.title)
    ws.write_string(1, 0, i18n.t("rollup.rag.rule", lang))
    sep = i18n.t("rollup.list-sep", lang)
    submissions = [i18n.t(key, lang, departments=sep.join(names)) for key, names in (
        ("rollup.missing-departments", rollup.missing_departments), ("rollup.not-updated", rollup.not_updated)) if names]
    if submissions:  # what the PMO must chase before trusting the figures below
        ws.write_string(2, 0, cell_text(" ".join(submissions)), book.red)
    head = 3
    book.headers(ws, head, book.labels(OVERVIEW_HEADERS), [14] + [9] * 14 + [8, 40])
    for i, figures in enumerate(rollup.departments, start=head + 1):
        _figure_row(book, ws, i, figures, lang)
    last = head + len(rollup.departments)
    _figure_row(book, ws, last + 1, rollup.totals, lang, total=True)
    ws.freeze_panes(head + 1, 1)
    if not rollup.departments:
        return
    categories = [OVERVIEW, head + 1, 0, last, 0]
    status_chart = book.wb.add_chart({"type": "column", "subtype": "stacked"})
    for c in range(2, 2 + len(TASK_STATUS.values) + 1):  # the four statuses and 状态无法识别
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


def _overdue(book: _Book, rollup: Rollup, lang: str, shared: SharedStrings) -> tuple[Worksheet, SheetRows]:
    """逾期与升级: its rows (one per overdue item, thousands in a large folder) are spooled too."""
    ws = book.wb.add_worksheet(OVERDUE)
    escalations = escalation_labels(lang)
    escalate_width = max(display_width(text) for text in escalations.values()) + 2  # the whole advice shows
    headers = book.labels(OVERDUE_HEADERS)
    book.headers(ws, 0, headers, [6, 12, 10, 36, 10, 12, 9, 9, escalate_width, 10, 40, 7])
    ws.set_column(5, 5, 12, book.date)
    kinds = {k: i18n.t(f"outputs.kind.{k}", lang) for k in ("task", "issue", "action")}
    no_owner = i18n.t("owner.none", lang)
    rows = SheetRows(len(OVERDUE_HEADERS), shared_cols=OVERDUE_SHARED, shared=shared)
    for o in rollup.overdue:
        rows.add((kinds[o.kind], o.department, o.id, o.title, o.owner or no_owner, o.due, o.days_overdue, o.level,
                  escalations[o.escalate_to], o.escalate_person, o.source, o.row))
    book.table(ws, OVERDUE_TABLE, headers, 1)
    return ws, rows


def _trend(book: _Book, weeks: list[WeekFigures], lang: str) -> None:
    ws = book.wb.add_worksheet(TREND)
    departments = list(dict.fromkeys(f.department for w in weeks for f in w.departments))
    headers = book.labels(["周", "截至", "合计完成率", "未关闭问题", "逾期问题", *(f"完成率·{d}" for d in departments)])
    book.headers(ws, 0, headers, [10, 12, 11, 11, 10] + [14] * len(departments))
    for r, week in enumerate(weeks, start=1):
        totals = week.totals
        book.put(ws, r, 0, week.week)
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
    headers = book.labels(SOURCE_HEADERS)
    book.headers(ws, 0, headers, [48, 10, 16, 16, 9, 9, 60])
    for r, f in enumerate(files, start=1):
        status_fmt = book.red if f.status == "unreadable" else book.amber if f.status == "invalid" else None
        values = (f.path, i18n.t(f"rollup.status.{f.status}", lang), f.department, f.source_text(lang),
                  f.tasks, f.issues, "\n".join(filter(None, (f.error_message(lang), f.notes_text(lang)))) or None)
        for c, value in enumerate(values):
            book.put(ws, r, c, value, status_fmt if c == 1 else None)
    book.table(ws, "Sources", headers, len(files))


def write_rollup(rollup: Rollup, path: Path, lang: str = "zh", project: str | None = None,
                 weeks: list[WeekFigures] | None = None) -> None:
    """Write the consolidated workbook to `path` (the caller makes it atomic).

    A roll-up built with a DetailSpool has its detail rows spooled already (in the spool's
    language); one that kept them in memory has them spooled here, so both are written alike."""
    own = isinstance(rollup.detail, KeptDetail)
    spool = DetailSpool.of(rollup.detail, lang) if own else rollup.detail  # type: ignore[arg-type]
    if not isinstance(spool, DetailSpool):
        raise TypeError(f"cannot write detail rows from a {type(rollup.detail).__name__}")
    overdue_rows: SheetRows | None = None
    try:
        package = io.BytesIO()  # everything but the spooled rows: small
        book = _Book(package, lang)
        _overview(book, rollup, project, lang)
        if rollup.milestones is not None and rollup.milestones.milestones:
            write_milestones(book, rollup.milestones)
        spooled = {_detail(book, layout, rows): rows for layout, rows in spool.sheets.items()}
        tables = {layout.table: rows.table_ref for layout, rows in spool.sheets.items()}
        ws, overdue_rows = _overdue(book, rollup, lang, spool.shared)
        spooled[ws] = overdue_rows
        tables[OVERDUE_TABLE] = overdue_rows.table_ref
        if weeks:
            _trend(book, weeks, lang)
        _sources(book, rollup.files, lang)
        book.print_setup()
        book.wb.close()
        styles = {DATE_STYLE: book.date.xf_index, PERCENT_STYLE: book.pct.xf_index}
        if None in styles.values():
            raise RuntimeError("XlsxWriter gave the spooled sheets' column formats no style number")
        # XlsxWriter names worksheet parts by their order of creation: sheet1.xml, sheet2.xml, ...
        members = {f"xl/worksheets/sheet{ws.index + 1}.xml": rows for ws, rows in spooled.items()}
        package.seek(0)
        splice(package, path, members, tables, styles, spool.shared)  # type: ignore[arg-type]
    finally:
        if overdue_rows is not None:
            overdue_rows.close()
        if own:
            spool.close()
