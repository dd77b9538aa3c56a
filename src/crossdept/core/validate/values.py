"""Cell values: required cells left empty. (Ids used twice are core/submissions.py's
duplicate-row / duplicate-id: they span the sheets and files of a department.)

Types (dates, percents, enumerations, RACI letters) are checked once, by the reader, as it
normalises each value; those findings arrive in book.findings and are not repeated here.
"""

from __future__ import annotations

from collections.abc import Iterator

from crossdept.findings import Finding, define_rule
from crossdept.read.records import SheetData
from crossdept.core.validate.place import Context, at, rows

REQUIRED_EMPTY = define_rule("required-empty", "error")


def check(sheet: SheetData, ctx: Context) -> Iterator[Finding]:
    required = [c.key for c in sheet.spec.required_columns]
    for block, record in rows(sheet):
        header = block.header
        for key in required:
            if key not in record.cells and header is not None and key in header.columns:
                yield at(REQUIRED_EMPTY, sheet, block, record, key)
