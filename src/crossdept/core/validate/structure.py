"""Sheet structure: missing and duplicate columns, broken sheets, unfilled labelled fields.

A missing column is one finding at the header row, not one per record: the fix is one new
header cell, and that is where the finding points (the header row's first empty cell).
"""

from __future__ import annotations

from collections.abc import Iterator

from crossdept.findings import Finding, define_rule
from crossdept.model.sheets import ALL_SHEETS
from crossdept.model.spec import Layout, SheetSpec
from crossdept.read.records import Block, SheetData, Workbook
from crossdept.core.validate.place import Context, first_empty, ref

NO_SHEETS = define_rule("no-sheets", "error")
MISSING_KEY_COLUMNS = define_rule("missing-key-columns", "error")
MISSING_COLUMN = define_rule("missing-column", "error")
DUPLICATE_HEADER = define_rule("duplicate-header", "error")
MISSING_FIELD = define_rule("missing-field", "error")


def check_book(book: Workbook) -> Iterator[Finding]:
    """A workbook with no sheet crossdept recognises: nothing could be checked, and that is wrong."""
    if not book.sheets:
        names = tuple(s.name for s in ALL_SHEETS if s.columns)  # lists: joined in the message's language
        yield Finding(NO_SHEETS, "", params={"known": names, "sheets": tuple(book.unrecognised)})


def _bilingual(spec: SheetSpec, keys: list[str]) -> tuple[str, ...]:
    return tuple(f"{spec.column(k).header}/{spec.column(k).alias}" for k in keys)


def _columns(sheet: SheetData, block: Block) -> Iterator[Finding]:
    spec, header = sheet.spec, block.header
    if header is None:
        missing = list(spec.key_columns)
        yield Finding(MISSING_KEY_COLUMNS, sheet.name, 1, None, "A1", None,
                      {"missing": _bilingual(spec, missing)})
        return
    gap = ref(first_empty(header), header.row)
    missing = [k for k in spec.key_columns if k not in header.columns]
    if missing:
        yield Finding(MISSING_KEY_COLUMNS, sheet.name, header.row, None, gap, None,
                      {"missing": _bilingual(spec, missing)})
    for col in spec.required_columns:
        if col.key not in header.columns and col.key not in missing:
            yield Finding(MISSING_COLUMN, sheet.name, header.row, col.header, gap, None, {"alias": col.alias})
    dupes = list(header.duplicates)
    if spec.layout is Layout.MATRIX:
        # The reader turns every other header of a RACI matrix into a role column; what is left
        # over is a department or person named twice.
        dupes += [(f"role:{text}", col) for col, text in header.extra.items() if f"role:{text}" in header.columns]
    for key, col in dupes:
        first = ref(header.columns[key], header.row)
        yield Finding(DUPLICATE_HEADER, sheet.name, header.row, header.headers[col], ref(col, header.row),
                      header.headers[col], {"first": first})


# Fields crossdept itself fills when it makes a workbook (`crossdept new --project`).
_PREFILLED = {"project"}


def is_blank(block: Block) -> bool:
    """A block nobody has filled in yet: a fresh template's empty meeting or charter.

    It is "not started", not wrong, so its required fields are not reported; as soon as a
    person writes one field or one row, every missing field is.
    """
    return not block.records and not (set(block.fields) - _PREFILLED)


def _fields(sheet: SheetData, block: Block) -> Iterator[Finding]:
    """Required labelled fields (会议名称, 项目负责人...): at the cell where the value belongs."""
    if is_blank(block):
        return
    for field in sheet.spec.fields:
        if not field.required or field.key in block.fields:
            continue
        slot = block.field_slots.get(field.key)
        if slot is None:  # no label at all: point at the top of this block's table
            slot = (max(1, block.header.row - 1) if block.header else 1, 1)
        row, col = slot
        yield Finding(MISSING_FIELD, sheet.name, row, field.header, ref(col, row), None, {"alias": field.alias})


def check(sheet: SheetData, ctx: Context) -> Iterator[Finding]:
    if sheet.spec.layout is Layout.INSTRUCTIONS:
        return
    for block in sheet.blocks:
        if sheet.spec.columns:
            yield from _columns(sheet, block)
        yield from _fields(sheet, block)
