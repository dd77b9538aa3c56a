"""A workbook in a format crossdept cannot mark (.xls, .xlsb, .ods), as an .xlsx of its values.

Marks are written by editing an .xlsx package (write/xlsx_marks.py), which the binary .xls/.xlsb
and OpenDocument formats are not. A marked copy of such a workbook therefore starts from an
.xlsx holding every worksheet's values in the same cells, under the same sheet names (so the
marks planned from the original land on the right rows), dates shown as dates and hidden sheets
still hidden; the marks are then applied exactly as on any .xlsx. Formulas (their last results
are kept), formatting, charts and macros of the original are not carried over: the caller says
so beside the copy, and the original is never written.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

# What crossdept can mark in place; anything else gets an .xlsx copy.
MARKABLE = (".xlsx", ".xlsm")


class CopyError(Exception):
    """The values could not be copied into an .xlsx (e.g. an .ods sheet name Excel does not allow)."""


def values_xlsx(path: Path) -> bytes:
    """The .xlsx bytes of `path`'s worksheets' values, cell for cell."""
    import python_calamine as pc
    import xlsxwriter
    from xlsxwriter.exceptions import XlsxWriterException

    buffer = io.BytesIO()
    # Text stays text: a cell reading "=1+1" or "http://…" is copied as typed, never made live.
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                      "strings_to_urls": False, "strings_to_numbers": False})
    formats = {dt.datetime: wb.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
               dt.date: wb.add_format({"num_format": "yyyy-mm-dd"}),
               dt.time: wb.add_format({"num_format": "hh:mm"})}
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
        shown = None
        for meta in book.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue
            ws = wb.add_worksheet(meta.name)
            if meta.visible != pc.SheetVisibleEnum.Visible:
                ws.hide()
            elif shown is None:
                shown = ws
            for r, row in enumerate(book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)):
                for c, value in enumerate(row):
                    _write(ws, r, c, value, formats)
        if shown is not None:
            shown.activate()  # Excel refuses a workbook whose active sheet is hidden
        wb.close()
    except (XlsxWriterException, pc.CalamineError, ValueError, OSError) as exc:
        raise CopyError(str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__) from exc
    return buffer.getvalue()


def _write(ws, r: int, c: int, value: object, formats: dict[type, object]) -> None:  # type: ignore[no-untyped-def]
    if value is None or value == "":
        return
    if isinstance(value, bool):
        ws.write_boolean(r, c, value)
    elif isinstance(value, (int, float)):
        ws.write_number(r, c, value)
    elif isinstance(value, (dt.datetime, dt.date, dt.time)):
        ws.write_datetime(r, c, value, formats[type(value) if type(value) in formats else dt.date])
    else:
        ws.write_string(r, c, str(value))
