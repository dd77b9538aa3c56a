"""Reading an .xlsx/.xlsm whose cells are few but far apart, holding only the cells that exist.

Used instead of calamine when read/extent.py finds a sheet spanning more than DENSE_CELLS from A1
(A1 and XFD1048576; A1 and CV300000). openpyxl's streaming worksheet parser yields the cells a row
really has, with dates, shared strings and cached formula results resolved as Excel shows them;
each row becomes a list up to its own last cell, and every missing row is one shared empty row,
so memory follows what the sheet holds: a million empty rows cost 8 MB, not 17 billion cells.
"""

from __future__ import annotations

from pathlib import Path

from crossdept.read.errors import WorkbookError
from crossdept.read.extent import DENSE_CELLS
from crossdept.read.grid import EMPTY_ROW, MergedRange, RawSheet, RawWorkbook, fill_merged_down


def _merged(parser) -> list[MergedRange]:
    """The parser's merged ranges as calamine gives them: 0-based ((r0, c0), (r1, c1))."""
    from openpyxl.utils.cell import range_boundaries

    out: list[MergedRange] = []
    for cell_range in getattr(parser.merged_cells, "mergeCell", None) or []:
        try:
            c1, r1, c2, r2 = range_boundaries(cell_range.ref)
        except (ValueError, TypeError):
            continue
        out.append(((r1 - 1, c1 - 1), (r2 - 1, c2 - 1)))
    return out


def sheet_rows(parser, name: str, shown: str) -> tuple[list[list[object]], list[MergedRange]]:
    """Ragged rows from A1; refused (unreadable) only when the used cells alone exceed DENSE_CELLS."""
    rows: list[list[object]] = []
    held = 0
    for row_no, cells in parser.parse():
        present = [(c["column"], c["value"]) for c in cells if c["value"] is not None]
        if not present:
            continue
        width = max(col for col, _ in present)
        held += width
        if held > DENSE_CELLS:
            raise WorkbookError("file-too-large", shown, sheet=name, cells=f"{DENSE_CELLS:,}")
        if row_no > len(rows):
            rows.extend([EMPTY_ROW] * (row_no - len(rows)))
        row = rows[row_no - 1]
        if row is EMPTY_ROW:  # never edit the shared empty row; a repeated row number adds to its row
            row = rows[row_no - 1] = []
        if len(row) < width:
            row.extend([""] * (width - len(row)))
        for col, value in present:
            row[col - 1] = value
    return rows, _merged(parser)


def load_sparse(path: Path) -> RawWorkbook:
    """Every worksheet's used cells; WorkbookError when openpyxl cannot make sense of the package."""
    import openpyxl
    from openpyxl.worksheet._reader import WorkSheetParser

    shown = str(path)
    book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        sheets = []
        for ws in book.worksheets:
            if not hasattr(ws, "_get_source"):
                continue  # a chart sheet
            with ws._get_source() as src:
                parser = WorkSheetParser(src, ws._shared_strings, data_only=True, epoch=book.epoch,
                                         date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
                rows, merged = sheet_rows(parser, ws.title, shown)
            fill_merged_down(rows, merged)
            sheets.append(RawSheet(ws.title, rows, hidden=ws.sheet_state != "visible"))
    finally:
        book.close()
    return RawWorkbook(shown, sheets)
