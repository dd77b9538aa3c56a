"""The fast engine: values of every sheet through python-calamine (Rust), for any file format.

calamine reads .xlsx, .xlsm, .xlsb, .xls and .ods alike and returns cached formula results,
which is what people see in Excel. Formatting is not needed to read data, so openpyxl is only
used where crossdept writes.
"""

from __future__ import annotations

import os
from pathlib import Path

import python_calamine as pc

from crossdept.read.errors import WorkbookError
from crossdept.read.grid import RawSheet, RawWorkbook, fill_merged_down
from crossdept.read.tables import open_workbook

SUPPORTED = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")


def is_lock_file(path: Path) -> bool:
    """Excel and WPS leave ~$name.xlsx beside an open workbook; LibreOffice .~lock.name#."""
    return path.name.startswith("~$") or path.name.startswith(".~lock.")


def check_path(path: Path) -> None:
    """Raise the reason a path cannot be a readable workbook, before any engine opens it."""
    shown = str(path)
    if is_lock_file(path):
        raise WorkbookError("file-lock", shown, skipped=True)
    if path.is_dir():
        raise WorkbookError("file-is-folder", shown)
    if not path.exists():
        raise WorkbookError("file-missing", shown)
    if path.suffix.lower() not in SUPPORTED:
        raise WorkbookError("file-unsupported", shown)
    if not os.access(path, os.R_OK):
        raise WorkbookError("file-no-access", shown)


def load(path: Path) -> RawWorkbook:
    """Every sheet's values; WorkbookError for anything that is not a readable workbook."""
    check_path(path)
    shown = str(path)
    try:
        book, totals = open_workbook(path)
        sheets = []
        for meta in book.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue  # chart sheets and macro sheets hold no table
            sheet = book.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            fill_merged_down(rows, sheet.merged_cell_ranges or [])
            sheets.append(RawSheet(meta.name, rows, hidden=meta.visible != pc.SheetVisibleEnum.Visible,
                                   totals_rows=totals.get(meta.name, frozenset())))
    except pc.PasswordError as exc:
        raise WorkbookError("file-encrypted", shown) from exc
    except PermissionError as exc:  # e.g. locked by another program on Windows
        raise WorkbookError("file-no-access", shown) from exc
    except (pc.CalamineError, pc.ZipError, pc.XmlError, pc.WorksheetNotFound, ValueError, OSError) as exc:
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        if "password" in reason.lower() or "encrypt" in reason.lower():
            raise WorkbookError("file-encrypted", shown) from exc
        raise WorkbookError("file-corrupt", shown, reason=reason) from exc
    return RawWorkbook(shown, sheets)
