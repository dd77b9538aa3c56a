"""Dates far outside the project's time: a year typed wrong (2062-11-18 for 2026-11-18).

The date is valid, so the reader accepts it, but it would make a task overdue for decades or due
in 36 years. Warned, never changed: a date more than FAR_DAYS before the earlier of 开始日期 and
today, or after the later of 结束日期 and today (项目章程's dates when the workbook holds them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from crossdept.findings import Finding, define_rule
from crossdept.model.spec import ColumnType
from crossdept.read.records import Cell, Workbook

FAR_DATE = define_rule("far-date", "warning")
FAR_DAYS = 365


def window(book: Workbook, today: dt.date) -> tuple[dt.date, dt.date]:
    """The project's time: 开始日期..结束日期 of its charter, widened to include today."""
    charter = book.sheet("charter")
    start = charter.field("start") if charter is not None else None
    end = charter.field("end") if charter is not None else None
    low = min(start, today) if isinstance(start, dt.date) else today
    high = max(end, today) if isinstance(end, dt.date) else today
    return low, high


def check_book(book: Workbook, today: dt.date) -> Iterator[Finding]:
    low, high = window(book, today)
    earliest, latest = low - dt.timedelta(days=FAR_DAYS), high + dt.timedelta(days=FAR_DAYS)
    # A department workbook has no charter: its window is today alone, shown as one date.
    shown = low.isoformat() if low == high else f"{low.isoformat()} ~ {high.isoformat()}"

    def far(cell: Cell) -> bool:
        return cell.ok and isinstance(cell.value, dt.date) and not earliest <= cell.value <= latest

    for sheet in book.sheets:
        dates = {c.key for c in (*sheet.spec.columns, *sheet.spec.fields) if c.type is ColumnType.DATE}
        if not dates:
            continue
        for block in sheet.blocks:
            for key, cell in block.fields.items():
                if key in dates and far(cell):
                    yield Finding(FAR_DATE, sheet.name, cell.row, sheet.spec.column(key).header, cell.ref, cell.raw,
                                  {"window": shown})
            header = block.header
            # Only each row's date columns are looked at, in its cells' order (the header's).
            keys = [k for k in header.columns if k in dates] if header is not None else sorted(dates)
            for record in block.records:
                get = record.cells.get
                for key in keys:
                    cell = get(key)
                    if cell is not None and far(cell):
                        head = header.headers[cell.col] if header is not None and cell.col in header.headers else key
                        yield Finding(FAR_DATE, sheet.name, cell.row, head, cell.ref, cell.raw, {"window": shown})
