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
