"""Cell values: required cells left empty, and ids used twice in one sheet.

Types (dates, percents, enumerations, RACI letters) are checked once, by the reader, as it
normalises each value; those findings arrive in book.findings and are not repeated here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from crossdept.findings import Finding, define_rule
from crossdept.model.spec import ColumnType
from crossdept.read.records import SheetData
from crossdept.core.validate.place import Context, at, rows

REQUIRED_EMPTY = define_rule("required-empty", "error")
DUPLICATE_ID = define_rule("duplicate-id", "error")


def _id_key(value: object) -> str:
    """Ids compare as people read them: "RD-001", "rd-001" and "ＲＤ-001" are the same id."""
    return unicodedata.normalize("NFKC", str(value)).strip().casefold()


def check(sheet: SheetData, ctx: Context) -> Iterator[Finding]:
    required = [c.key for c in sheet.spec.required_columns]
    # Only required id columns must be unique: 会议纪要's 序号 restarts with every meeting.
    ids = [c.key for c in sheet.spec.required_columns if c.type is ColumnType.ID]
    seen: dict[str, dict[str, str]] = {k: {} for k in ids}
    for block, record in rows(sheet):
        header = block.header
        for key in required:
            if key not in record.cells and header is not None and key in header.columns:
                yield at(REQUIRED_EMPTY, sheet, block, record, key)
        for key in ids:
            cell = record.cells.get(key)
            if cell is None:
                continue
            first = seen[key].setdefault(_id_key(cell.value), cell.ref)
            if first != cell.ref:
                yield at(DUPLICATE_ID, sheet, block, record, key, first=first)
