"""Excel tables' totals rows: rows a table definition says are not data.

An Excel table (插入 > 表格) may end in a totals row ("汇总 / 5 / 43%"): it sits right under the
table's data and reads like one more record, so a roll-up would count it as a task. python-calamine
exposes each table's sheet and data range (`load_tables=True`, .xlsx/.xlsm only) but not whether a
totals row follows, so the count (`totalsRowCount`) is read from the table's own part. Values of
the row are never needed: the row is simply not a record (docs/reading.md, "Blocks and tables").
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import python_calamine as pc

# Formats whose tables calamine reads; the others raise TablesNotSupported.
TABLE_FORMATS = (".xlsx", ".xlsm")


def _totals_counts(path: Path) -> dict[str, int]:
    """{table name: totals rows} from xl/tables/*.xml, reading only each part's root element."""
    from lxml import etree  # lazily: only workbooks that hold tables pay for it

    counts: dict[str, int] = {}
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if not (name.startswith("xl/tables/") and name.endswith(".xml")):
                continue
            with package.open(name) as part:
                events = etree.iterparse(part, events=("start",), resolve_entities=False, no_network=True)
                _, root = next(events)
                table = root.get("displayName") or root.get("name")
                shown = root.get("totalsRowShown")
                count = int(root.get("totalsRowCount") or 0)
                if table and count > 0 and shown != "0":
                    counts[table] = count
    return counts


def open_workbook(path: Path) -> tuple[pc.CalamineWorkbook, dict[str, frozenset[int]]]:
    """The workbook opened by calamine, and {sheet name: 0-based rows holding a table's totals row}.

    Tables are loaded only when the package has a table with a totals row: calamine's table
    loading panics on some packages that have none (peer workbook minimal_package.xlsx). A table
    calamine cannot read leaves the values readable: the 合计/汇总 rule (read/parse.py) then still
    catches labelled totals.
    """
    counts: dict[str, int] = {}
    if path.suffix.lower() in TABLE_FORMATS:
        try:
            counts = _totals_counts(path)
        except (zipfile.BadZipFile, OSError, ValueError, KeyError, StopIteration, SyntaxError):
            counts = {}  # not a zip, encrypted, or a broken part: calamine says what is wrong
    if counts:
        try:
            book = pc.CalamineWorkbook.from_path(str(path), load_tables=True)
            return book, _table_rows(book, counts)
        except Exception:  # noqa: BLE001 - any trouble with tables: read the values without them
            pass
    return pc.CalamineWorkbook.from_path(str(path)), {}


def _table_rows(book: pc.CalamineWorkbook, counts: dict[str, int]) -> dict[str, frozenset[int]]:
    found: dict[str, set[int]] = {}
    for name in book.table_names:
        count = counts.get(name, 0)
        if count:
            table = book.get_table_by_name(name)
            last = table.end[0]  # calamine's data range stops above the totals row
            found.setdefault(table.sheet, set()).update(range(last + 1, last + 1 + count))
    return {sheet: frozenset(rows) for sheet, rows in found.items()}
