"""Excel cell references ("D7") from column and row numbers, and back.

Written here rather than imported from openpyxl.utils because importing that module loads the
whole openpyxl package (and numpy through it): about 200 ms on every command's start, for the
reader and the pure core that otherwise never touch openpyxl.
"""

from __future__ import annotations

from functools import cache


@cache
def column_letter(col: int) -> str:
    """1 -> "A", 27 -> "AA", 16384 -> "XFD"."""
    if not 1 <= col <= 16384:
        raise ValueError(f"column {col} is outside Excel's 1..16384")
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """"A" -> 1, "aa" -> 27."""
    col = 0
    for ch in letters.upper():
        if not "A" <= ch <= "Z":
            raise ValueError(f"{letters!r} is not a column name")
        col = col * 26 + ord(ch) - 64
    if not 1 <= col <= 16384:
        raise ValueError(f"column {letters!r} is outside Excel's A..XFD")
    return col


def cell_ref(col: int, row: int) -> str:
    return f"{column_letter(col)}{row}"


def range_bounds(ref: str) -> tuple[int, int, int, int]:
    """"B2:D9" -> (2, 2, 4, 9) as (first col, first row, last col, last row); "C5" -> (3, 5, 3, 5).
    `$` anchors are ignored. Whole columns or rows ("A:C", "1:3") raise ValueError: a package's
    merged cells and sheet dimension never use them."""
    ends = []
    for part in ref.replace("$", "").split(":"):
        letters = part.rstrip("0123456789")
        digits = part[len(letters):]
        if not letters or not digits:
            raise ValueError(f"{ref!r} is not a cell range")
        ends.append((column_index(letters), int(digits)))
    if len(ends) == 1:
        ends.append(ends[0])
    if len(ends) != 2:
        raise ValueError(f"{ref!r} is not a cell range")
    (c1, r1), (c2, r2) = ends
    return c1, r1, c2, r2
