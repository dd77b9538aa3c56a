"""What every engine hands the parser: a sheet as a grid of plain Python values from A1."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class RawSheet:
    """A sheet's cells as read, row 0 = Excel row 1, column 0 = column A; '' or None when empty."""

    name: str
    rows: list[list[object]]
    hidden: bool = False


@dataclass
class RawWorkbook:
    path: str
    sheets: list[RawSheet]
