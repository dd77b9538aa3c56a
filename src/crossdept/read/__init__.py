"""Reading workbooks: the one way every feature reads a sheet.

    from crossdept.read import read_workbook
    book = read_workbook("研发部.xlsx")
    for record in book.sheet("issues").records:
        record.get("due"), record.cells["due"].ref

One interface, one small module per engine (like pandas' io/excel): calamine_engine reads files,
excel/ hands live xlwings sheets to the same parser. parse.py is pure.
"""

from __future__ import annotations

from pathlib import Path

from crossdept.read import calamine_engine
from crossdept.read.errors import WorkbookError
from crossdept.read.grid import RawSheet, RawWorkbook
from crossdept.read.parse import parse_workbook
from crossdept.read.records import Block, Cell, Record, SheetData, Workbook
from crossdept.today import today as _today


def read_workbook(path: str | Path, default_year: int | None = None) -> Workbook:
    """Read and parse every sheet of a workbook file.

    `default_year` completes dates written without a year ("11月20日"); it defaults to the
    current year in Asia/Shanghai. Raises WorkbookError when the file cannot be read at all.
    """
    raw = calamine_engine.load(Path(path))
    try:
        book = parse_workbook(raw, default_year or _today().year)
    except Exception as exc:  # noqa: BLE001 - one odd sheet must not stop a batch of files
        reason = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:160]
        raise WorkbookError("file-parse-failed", str(path), reason=reason) from exc
    book.stamp = raw.stamp
    return book


def read_grids(raw: RawWorkbook, default_year: int | None = None) -> Workbook:
    """Parse grids that came from elsewhere (a live Excel workbook through xlwings)."""
    return parse_workbook(raw, default_year or _today().year)


__all__ = [
    "Block", "Cell", "RawSheet", "RawWorkbook", "Record", "SheetData", "Workbook", "WorkbookError",
    "read_grids", "read_workbook",
]
