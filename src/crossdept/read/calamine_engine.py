"""The fast engine: values of every sheet through python-calamine (Rust), for any file format.

calamine reads .xlsx, .xlsm, .xlsb, .xls and .ods alike and returns cached formula results,
which is what people see in Excel. Formatting is not needed to read data, so openpyxl is only
used where crossdept writes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import python_calamine as pc

from crossdept.read.errors import WorkbookError
from crossdept.read.extent import DENSE_CELLS, needs_sparse, xls_cells
from crossdept.read.grid import RawSheet, RawWorkbook, file_stamp, fill_merged_down
from crossdept.read.sparse_xlsx import load_sparse
from crossdept.read.tables import open_workbook

SUPPORTED = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")
# Zip packages of worksheet XML, whose extent read/extent.py can measure before reading.
SPARSE_CAPABLE = (".xlsx", ".xlsm")


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


def is_engine_panic(exc: BaseException) -> bool:
    """A Rust panic inside python-calamine: pyo3 raises PanicException, a BaseException (not an
    Exception) so that it is not swallowed by accident. Here it means one damaged file, no more."""
    kind = type(exc)
    return kind.__name__ == "PanicException" and kind.__module__ == "pyo3_runtime"


def _reason(exc: BaseException) -> str:
    """A one-line reason for a message: the exception's first line, or its type."""
    text = str(exc).strip()
    return text.splitlines()[0][:120] if text else type(exc).__name__


def load(path: Path) -> RawWorkbook:
    """Every sheet's values; WorkbookError for anything that is not a readable workbook.

    Every failure inside the engines (a Rust panic included) becomes the file's WorkbookError, so
    one damaged workbook never stops a batch; only an interrupt (Ctrl-C) goes through.
    """
    check_path(path)
    shown = str(path)
    try:
        stamp = file_stamp(os.stat(path))  # before reading: a save during the read changes it
        if path.suffix.lower() == ".xls" and (xls_cells(path) or 0) > DENSE_CELLS:
            # No sparse reader for .xls: refused before calamine decodes it into a dense grid.
            raise WorkbookError("file-too-large-xls", shown, cells=f"{DENSE_CELLS:,}")
        if path.suffix.lower() in SPARSE_CAPABLE and needs_sparse(path):
            raw = load_sparse(path)
        else:
            raw = _load_dense(path)
        raw.stamp = stamp
        return raw
    except WorkbookError:
        raise
    except pc.PasswordError as exc:
        raise WorkbookError("file-encrypted", shown) from exc
    except PermissionError as exc:  # e.g. locked by another program on Windows
        raise WorkbookError("file-no-access", shown) from exc
    except MemoryError as exc:
        raise WorkbookError("file-corrupt", shown, reason="needs more memory than this computer has") from None
    except Exception as exc:  # noqa: BLE001 - whatever an engine raises, the file is unreadable
        reason = _reason(exc)
        if "password" in reason.lower() or "encrypt" in reason.lower():
            raise WorkbookError("file-encrypted", shown) from exc
        raise WorkbookError("file-corrupt", shown, reason=reason) from exc
    except BaseException as exc:
        if not is_engine_panic(exc):
            raise  # KeyboardInterrupt, SystemExit: the person's or the program's, not the file's
        raise WorkbookError("file-corrupt", shown, reason=f"calamine: {_reason(exc)}") from None


@contextmanager
def _rust_stderr_muted() -> Iterator[None]:
    """Standard error closed to Rust's panic hook, which prints the panic (and with
    RUST_BACKTRACE set, a whole backtrace) before Python sees the exception: the person gets the
    one-line reason instead. Only around calamine's calls; Python's own stderr is flushed first."""
    sys.stderr.flush()
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all (a GUI host): nothing to mute
        yield
        return
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _load_dense(path: Path) -> RawWorkbook:
    with _rust_stderr_muted():
        return _read_dense(path)


def _read_dense(path: Path) -> RawWorkbook:
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
    return RawWorkbook(str(path), sheets)
