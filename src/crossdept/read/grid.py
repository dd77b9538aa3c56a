"""What every engine hands the parser: a sheet as a grid of plain Python values from A1."""

from __future__ import annotations

import os
from dataclasses import dataclass

#: The one list standing for every row without cells in a sparsely read sheet (read/sparse_xlsx.py):
#: a million empty rows then cost a million pointers. Never append to it or assign into it.
EMPTY_ROW: list[object] = []


@dataclass
class RawSheet:
    """A sheet's cells as read, row 0 = Excel row 1, column 0 = column A; '' or None when empty.

    Rows may be ragged (each as long as its own last cell) and empty rows may be EMPTY_ROW:
    readers index a row only below its length.
    """

    name: str
    rows: list[list[object]]
    hidden: bool = False
    # 0-based rows an Excel table's definition marks as its totals row (read/tables.py): not records.
    totals_rows: frozenset[int] = frozenset()


# A file's identity at one moment: inode, size, modification time (ns); any save changes it.
Stamp = tuple[int, int, int]


def file_stamp(st: os.stat_result) -> Stamp:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


@dataclass
class RawWorkbook:
    path: str
    sheets: list[RawSheet]
    #: The file as it was when reading began: a writer planning from these values refuses to
    #: write into a file whose stamp has changed since (write/inplace.py).
    stamp: Stamp | None = None


# A merged range as calamine gives it: ((first row, first column), (last row, last column)), 0-based.
MergedRange = tuple[tuple[int, int], tuple[int, int]]


def fill_merged_down(rows: list[list[object]], ranges: list[MergedRange]) -> None:
    """Give every row a vertically merged cell covers the value Excel shows on it.

    People merge a department, milestone or topic down the rows it applies to, and a single
    header down both rows of a two-row header; the file keeps the value in the top cell only, so
    the rows below would read as empty ("负责部门 is required") although everyone sees it filled.
    Only down the range's first column: a value merged across columns belongs to that column.
    Ragged rows (a sparse read) are lengthened to take the value, as a dense grid would hold it.
    """
    for (r0, c0), (r1, _c1) in ranges:
        if r1 <= r0 or r0 >= len(rows) or c0 >= len(rows[r0]):
            continue
        value = rows[r0][c0]
        if value is None or value == "":
            continue
        for r in range(r0 + 1, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if c0 >= len(row):
                if row is EMPTY_ROW:
                    row = rows[r] = []
                row.extend([""] * (c0 + 1 - len(row)))
            if row[c0] is None or row[c0] == "":
                row[c0] = value
