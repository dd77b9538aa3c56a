"""Where a finding points: the cell of a column on a record's row, even when that cell is empty.

Row rules mostly complain about a cell that is empty ("已完成 but no 实际完成日期"), which the
reader never made a Cell for; the header map still knows the column, so the finding can point
at the exact cell the person has to fill. When the column itself is absent, the finding points at
the cell that triggered the rule and names the missing column by its canonical header.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from crossdept.cellref import cell_ref
from crossdept.findings import Finding
from crossdept.read.locate import HeaderMap
from crossdept.read.records import Block, Record, SheetData
from crossdept.core.validate.roster import Rosters


@dataclass(frozen=True)
class Context:
    """What rules need besides the sheet: the day taken as today and the project's rosters."""

    today: dt.date
    rosters: Rosters


ref = cell_ref


def first_empty(header: HeaderMap) -> int:
    """The column where a new header cell would go: the first gap from the first header on."""
    col = min(header.headers)
    while col in header.headers:
        col += 1
    return col


def at(rule: str, sheet: SheetData, block: Block, record: Record, key: str,
       fallback: str | None = None, **params: object) -> Finding:
    """A finding at column `key` of `record` (or at `fallback`'s cell when `key` is not in the sheet)."""
    header = block.header
    cell = record.cells.get(key)
    if header is not None and key in header.columns:
        col = header.columns[key]
        return Finding(rule, sheet.name, record.row, header.headers[col], ref(col, record.row),
                       cell.raw if cell else None, params)
    name = sheet.spec.column(key).header
    anchor = record.cells.get(fallback) if fallback else None
    if anchor is None:
        anchor = next(iter(record.cells.values()))
    return Finding(rule, sheet.name, record.row, name, anchor.ref, anchor.raw, params)


def rows(sheet: SheetData) -> Iterator[tuple[Block, Record]]:
    """Every (block, record) of a sheet, for rules that need the block's header map."""
    for block in sheet.blocks:
        for record in block.records:
            yield block, record
