"""The annotated copy of a validated workbook: every finding's cell filled and commented, and a
first sheet 校验结果 that lists every finding with a link that jumps to its cell.

Office staff fix a workbook in Excel, not in a terminal: the copy shows them each problem where
it is. The input is never written; the copy goes to another folder under a name of its own,
atomically. .xlsx and .xlsm are copied with openpyxl, keeping formatting, formulas and macros.
Formats openpyxl cannot load (.xls, .xlsb, .ods) — and any file openpyxl fails on — are copied
as values only (from the calamine grids) into an .xlsx, and the caller says so.

Everything taken from a cell is written as text, never as a formula: a value "=HYPERLINK(...)"
stays the string the person typed.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import warnings
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from crossdept import i18n
from crossdept.core.validate.result import finding_row
from crossdept.findings import Finding, display_value
from crossdept.model.outputs import FINDING_COLUMNS, RESULTS_SHEET
from crossdept.read import calamine_engine
from crossdept.write.atomic import write_atomic

# openpyxl (and numpy through it, when installed) costs ~0.15 s to import: only an annotated
# copy needs it, not `crossdept validate` without --annotate nor the ribbon, which use this
# module's names, so it (and xlsx_style, built on it) is imported inside the functions that write.
if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook import Workbook as XlWorkbook
    from openpyxl.worksheet.worksheet import Worksheet
from crossdept.write.xmlsafe import cell_text

COMMENT_AUTHOR = "crossdept"
FILL_COLOURS = {
    "error": "FFC7CE",  # Excel's own "bad" red
    "warning": "FFEB9C",  # and its "neutral" amber
}
OPENPYXL_FORMATS = (".xlsx", ".xlsm")
# A value quoted in a message is shortened well before Excel's cell limit (write/xmlsafe.py),
# so the message still ends with how to fix it.
QUOTE_MAX = 200
_WIDTHS = (6, 16, 9, 16, 20, 20, 8, 80)


@dataclass
class Annotated:
    """Where the copy went, and whether it holds values only (the source format was not .xlsx/.xlsm)."""

    path: Path
    values_only: bool


def _clean(text: str) -> str:
    """Text that XML can carry and Excel accepts (the one sanitiser, write/xmlsafe.py)."""
    return cell_text(text)


def _message(finding: Finding, lang: str) -> str:
    """The finding's message, quoting a very long value by its start only."""
    shown = display_value(finding.value)
    if len(shown) > QUOTE_MAX:
        finding = dataclasses.replace(finding, value=shown[:QUOTE_MAX] + "…")
    return finding.message(lang)


def put_text(cell: Cell, value: object) -> None:
    """Write a value as plain text (never a formula, whatever it starts with)."""
    cell.value = _clean(display_value(value))
    cell.data_type = "s"


def _put_value(cell: Cell, value: object) -> None:
    """Copy a read value: numbers and dates as they are, every string as a string."""
    if isinstance(value, str):
        put_text(cell, value)
    elif isinstance(value, (int, float, dt.date, dt.datetime, dt.time, dt.timedelta)) and not isinstance(value, bool):
        cell.value = value
    elif value is not None:
        put_text(cell, value)


def target_for(source: Path, out_dir: Path, values_only: bool, taken: set[Path]) -> Path:
    """NAME-校验结果.xlsx in out_dir: a name of its own, so even out_dir == source's folder is safe;
    NAME-校验结果-2.xlsx when that name is taken (`taken` holds resolved paths): by another copy
    of this run, or by one of its inputs, such as last run's copy picked up again by *.xlsx."""
    suffix = ".xlsx" if values_only else source.suffix.lower()
    target = out_dir / f"{source.stem}-{RESULTS_SHEET}{suffix}"
    n = 1
    while target.resolve() in taken:
        n += 1
        target = out_dir / f"{source.stem}-{RESULTS_SHEET}-{n}{suffix}"
    return target


def _load(source: Path) -> tuple[XlWorkbook, bool]:
    """The workbook to mark up and whether it is a values-only copy."""
    import openpyxl

    if source.suffix.lower() in OPENPYXL_FORMATS:
        try:
            with warnings.catch_warnings():  # openpyxl's notes on odd packages are not the user's concern
                warnings.simplefilter("ignore")
                return openpyxl.load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm", rich_text=True), False
        except Exception:  # noqa: BLE001 - openpyxl, zipfile and lxml fail in many ways on odd packages
            pass  # openpyxl cannot load what calamine could read: fall back to the values
    raw = calamine_engine.load(source)
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in raw.sheets:
        ws = book.create_sheet(_clean(sheet.name)[:31] or "Sheet")
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None and value != "":
                    _put_value(ws.cell(r, c), value)
        if sheet.hidden:
            ws.sheet_state = "hidden"
    return book, True


def _anchor(ws: Worksheet, ref: str) -> Cell:
    """The cell to mark: a merged cell's top-left cell holds its fill and comment."""
    from openpyxl.cell.cell import MergedCell

    cell = ws[ref]
    if isinstance(cell, MergedCell):
        for rng in ws.merged_cells.ranges:
            if ref in rng:
                return ws.cell(rng.min_row, rng.min_col)
    return cell


def _mark(book: XlWorkbook, findings: list[Finding], lang: str) -> None:
    """Fill every finding's cell (errors over warnings) and comment it with every message there."""
    from openpyxl.comments import Comment

    fill = _fills()
    by_cell: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.cell and f.sheet in book.sheetnames:
            by_cell.setdefault((f.sheet, f.cell), []).append(f)
    for (sheet, ref), here in by_cell.items():
        cell = _anchor(book[sheet], ref)
        worst = "error" if any(f.severity == "error" for f in here) else "warning"
        cell.fill = fill[worst]
        text = "\n".join(_clean(_message(f, lang)) for f in here)
        if cell.comment is not None and cell.comment.author != COMMENT_AUTHOR:
            text = _clean(f"{cell.comment.text}\n---\n{text}")  # keep what a person wrote there
        lines = sum(1 + len(line) // 28 for line in text.splitlines())
        cell.comment = Comment(text, COMMENT_AUTHOR, height=min(400, 20 + 16 * lines), width=320)


def _fills() -> dict[str, object]:
    from openpyxl.styles import PatternFill

    return {severity: PatternFill("solid", fgColor=colour) for severity, colour in FILL_COLOURS.items()}


def link_location(sheet: str, ref: str) -> str:
    """An internal hyperlink target: 'Sheet name'!D7, quotes in the name doubled."""
    return "'{}'!{}".format(sheet.replace("'", "''"), ref)


def _results(book: XlWorkbook, findings: list[Finding], lang: str) -> None:
    """The first sheet: every finding, its cell a link that jumps there."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    from crossdept.write.xlsx_style import print_one_page_wide

    fill = _fills()
    if RESULTS_SHEET in book.sheetnames:
        del book[RESULTS_SHEET]  # a copy of an annotated copy: list this run's findings only
    for ws in book.worksheets:
        ws.sheet_view.tabSelected = False
    ws = book.create_sheet(RESULTS_SHEET, 0)
    book.active = 0
    ws.sheet_view.tabSelected = True
    bold = Font(bold=True)
    for c, (key, width) in enumerate(zip(FINDING_COLUMNS, _WIDTHS), start=1):
        put_text(ws.cell(1, c), i18n.t(f"validate.col.{key}", lang))
        ws.cell(1, c).font = bold
        ws.column_dimensions[ws.cell(1, c).column_letter].width = width
    link_col, severity_col = FINDING_COLUMNS.index("cell") + 1, FINDING_COLUMNS.index("severity") + 1
    for r, f in enumerate(findings, start=2):
        for c, value in enumerate(finding_row(f, lang, FINDING_COLUMNS, r - 1, _message(f, lang)), start=1):
            put_text(ws.cell(r, c), value)
        ws.cell(r, 1).data_type = "n"
        ws.cell(r, 1).value = r - 1
        if f.cell and f.sheet in book.sheetnames:
            link = ws.cell(r, link_col)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=link_location(f.sheet, f.cell))
            link.style = "Hyperlink"
        ws.cell(r, severity_col).fill = fill[f.severity]
    if not findings:
        put_text(ws.cell(2, 1), i18n.t("validate.results-none", lang))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:H{max(2, len(findings) + 1)}"
    print_one_page_wide(ws, "1:1")  # it is printed for the meeting: long messages wrap, not spill
    wrap = Alignment(wrap_text=True, vertical="top")
    for r in range(2, len(findings) + 2):
        ws.cell(r, FINDING_COLUMNS.index("message") + 1).alignment = wrap


def annotate(source: Path, findings: list[Finding], out_dir: Path, lang: str,
             taken: set[Path] | None = None) -> Annotated:
    """Write the annotated copy of `source` into `out_dir`; the source is only ever read.

    `taken` holds the resolved paths no copy may take: the run's inputs and the copies already
    written, so that an input is never overwritten and two inputs with the same name from
    different folders keep a copy each; the new copy is added.
    """
    taken = {source.resolve()} if taken is None else taken
    book, values_only = _load(source)
    _mark(book, findings, lang)
    _results(book, findings, lang)
    target = target_for(source, out_dir, values_only, taken)
    taken.add(target.resolve())
    write_atomic(target, lambda tmp: book.save(tmp))
    return Annotated(target, values_only)
