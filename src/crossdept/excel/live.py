"""The xlwings adapter: a live workbook's sheets in, values and marks out.

Handlers never touch a file that Excel has open: they read the sheets through xlwings (one
range read per sheet, from A1 to the last used cell, so row and column numbers are Excel's) and
hand the grids to the same parser as files (crossdept.read.read_grids). What they write goes
back through xlwings too, so Excel itself keeps everything else in the workbook: formulas,
formats, charts, comments, macros.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from crossdept.read.grid import RawSheet, RawWorkbook

# A text that Excel would take for a formula when written as a value (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def read_raw(book: Any, on_sheet: Callable[[str], None] | None = None) -> RawWorkbook:
    """Every sheet of `book` as a grid from A1, in workbook order."""
    sheets = []
    for sheet in book.sheets:
        if on_sheet is not None:
            on_sheet(sheet.name)
        last = sheet.used_range.last_cell
        rows = sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value
        sheets.append(RawSheet(sheet.name, rows, hidden=not sheet.visible))
    return RawWorkbook(book.fullname, sheets)


class Formula(str):
    """A formula crossdept composes itself from values it escaped; the only text written as a formula."""


def as_text(value: object) -> object:
    """A value safe to write: a text Excel would read as a formula gets the text prefix (')."""
    if isinstance(value, str) and not isinstance(value, Formula) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def link_to(location: str, label: str) -> Formula:
    """=HYPERLINK("#'Sheet'!D7","D7"): a link that jumps to a cell, in one bulk write with the rest."""
    def literal(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    return Formula(f"=HYPERLINK({literal('#' + location)},{literal(label)})")


def book_path(book: Any) -> Path | None:
    """The workbook's file, or None while it has never been saved (Excel's "Book1")."""
    path = Path(book.fullname)
    return path if path.is_absolute() and path.parent.is_dir() else None


def sheet_named(book: Any, name: str) -> Any | None:
    return next((s for s in book.sheets if s.name == name), None)


def write_table(book: Any, name: str, rows: Sequence[Sequence[object]]) -> Any:
    """Fill the sheet `name` with `rows` from A1, making it at the end when it is not there yet.

    The sheet is crossdept's own (a report), so its old contents are cleared first; it is
    reused rather than deleted so Excel never asks the user to confirm a deletion.
    """
    sheet = sheet_named(book, name)
    if sheet is None:
        sheet = book.sheets.add(name, after=book.sheets[-1])
    else:
        sheet.clear_contents()
    if rows:
        sheet.range((1, 1)).options(ndim=2).value = [[as_text(v) for v in row] for row in rows]
    return sheet
