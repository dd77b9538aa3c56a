"""What every engine hands the parser: a sheet as a grid of plain Python values from A1."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RawSheet:
    """A sheet's cells as read, row 0 = Excel row 1, column 0 = column A; '' or None when empty."""

    name: str
    rows: list[list[object]]
    hidden: bool = False
    # 0-based rows an Excel table's definition marks as its totals row (read/tables.py): not records.
    totals_rows: frozenset[int] = frozenset()


@dataclass
class RawWorkbook:
    path: str
    sheets: list[RawSheet]


# A merged range as calamine gives it: ((first row, first column), (last row, last column)), 0-based.
MergedRange = tuple[tuple[int, int], tuple[int, int]]


def fill_merged_down(rows: list[list[object]], ranges: list[MergedRange]) -> None:
    """Give every row a vertically merged cell covers the value Excel shows on it.

    People merge a department, milestone or topic down the rows it applies to, and a single
    header down both rows of a two-row header; the file keeps the value in the top cell only, so
    the rows below would read as empty ("负责部门 is required") although everyone sees it filled.
    Only down the range's first column: a value merged across columns belongs to that column.
    """
    for (r0, c0), (r1, _c1) in ranges:
        if r1 <= r0 or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        if value is None or value == "":
            continue
        for row in rows[r0 + 1:r1 + 1]:
            if c0 < len(row) and (row[c0] is None or row[c0] == ""):
                row[c0] = value
