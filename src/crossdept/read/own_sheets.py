"""Reading back a table crossdept itself wrote into a workbook (the roll-up's 里程碑 sheet).

The department sheets go through crossdept.read's parser, which knows the templates' sheets and
passes crossdept's own output sheets over. A summary made from a roll-up workbook still needs
the 里程碑 sheet's figures (the roll-up carries no 项目章程 to compute them again), so this reads
one such table by the headers model/outputs.py declares for it: the same names the writer used,
looked up by name so a column a person moved is still found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import python_calamine as pc


def _value(cell: object) -> object:
    """A cell as the writer gave it: empty as None, a date as a date, a whole number as an int."""
    if cell == "" or cell is None:
        return None
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    return cell


def table_rows(path: Path, sheet: str, headers: Sequence[str]) -> list[tuple[object, ...]] | None:
    """The rows under the first row holding every one of `headers` on `sheet`, each as a tuple of
    its values in the order of `headers`, down to the first row whose first column is empty.
    None when the workbook cannot be read or has no such sheet or header row."""
    try:
        book = pc.CalamineWorkbook.from_path(str(path))
        if sheet not in book.sheet_names:
            return None
        grid = book.get_sheet_by_name(sheet).to_python()
    except Exception:  # noqa: BLE001 - python-calamine raises its own types; an unreadable file has no table
        return None
    for top, row in enumerate(grid):
        names = [str(c).strip() for c in row]
        if all(h in names for h in headers):
            columns = [names.index(h) for h in headers]
            break
    else:
        return None
    rows = []
    for row in grid[top + 1:]:
        values = tuple(_value(row[c]) if c < len(row) else None for c in columns)
        if values[0] is None:
            break
        rows.append(values)
    return rows
