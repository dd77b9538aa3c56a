"""The weekly validation report: every finding of every file in one workbook a PMO can filter.

Written with XlsxWriter, every cell through write_string or write_number: a value copied from a
department's cell ("=HYPERLINK(...)") arrives as text, never as a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from crossdept import i18n
from crossdept.core.validate.result import FileResult, finding_row
from crossdept.findings import display_value
from crossdept.model.outputs import REPORT_FILE_COLUMNS, REPORT_FINDING_COLUMNS, REPORT_SHEETS
from crossdept.write.xmlsafe import cell_text

if TYPE_CHECKING:  # XlsxWriter is imported when a report is written, not with every command (--help)
    import xlsxwriter


def _table(ws: xlsxwriter.worksheet.Worksheet, name: str, headers: list[str], rows: list[list[object]],
           widths: list[int], wrap: object) -> None:
    """A filterable table; the last column (the message) wraps, so a printed page holds it whole."""
    for col, head in enumerate(headers):
        ws.write_string(0, col, cell_text(head))
        ws.set_column(col, col, widths[col])
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, int):
                ws.write_number(r, c, value)
            else:
                ws.write_string(r, c, cell_text(display_value(value)), wrap if c == len(headers) - 1 else None)
    ws.add_table(0, 0, max(len(rows), 1), len(headers) - 1,
                 {"name": name, "columns": [{"header": cell_text(h)} for h in headers], "style": "Table Style Medium 2"})
    ws.freeze_panes(1, 0)
    # Printed for the weekly meeting: A4 landscape, one page wide, the header on every page.
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)


def write_report(results: Sequence[FileResult], path: Path, lang: str) -> None:
    """校验结果 (one row per finding) and 文件 (one row per file) as filterable Excel tables."""
    import xlsxwriter

    t = lambda key: i18n.t(key, lang)  # noqa: E731
    wb = xlsxwriter.Workbook(str(path))
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    findings_sheet, files_sheet = REPORT_SHEETS[lang]
    findings = wb.add_worksheet(findings_sheet)
    rows = [finding_row(f, lang, REPORT_FINDING_COLUMNS, r.path.name) for r in results for f in r.findings]
    _table(findings, "Findings", [t(f"weekly.report.col.{k}") for k in REPORT_FINDING_COLUMNS],
           rows, [22, 14, 8, 14, 18, 20, 8, 70], wrap)
    files = wb.add_worksheet(files_sheet)
    _table(files, "Files", [t(f"weekly.report.col.{k}") for k in REPORT_FILE_COLUMNS],
           [[str(r.path), t(f"weekly.status.{r.status}"), r.errors, r.warnings, r.error or ""] for r in results],
           [50, 10, 8, 8, 60], wrap)
    wb.close()
