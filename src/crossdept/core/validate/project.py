"""Names against the project: owners and departments must be the ones crossdept.toml lists.

Only when the config lists people (or departments) at all; a project without a roster is not
checked. Every name of a person or department cell is looked up, fields (主持人, 项目负责人) too.
"""

from __future__ import annotations

from collections.abc import Iterator

from crossdept.findings import Finding
from crossdept.model.text import split_names
from crossdept.read.records import Cell, SheetData
from crossdept.core.validate.place import Context, at, rows
from crossdept.core.validate.roster import Roster



def _unknown(cell: Cell, roster: Roster) -> Iterator[tuple[str, str]]:
    """(name, closest known name) for every name in a cell the roster does not know."""
    # "张伟、李娜" names two; a space does not separate: "张 伟" is one name typed loosely.
    for name in split_names(cell.raw):
        if not roster.knows(name):
            yield name, roster.closest(name)


def check(sheet: SheetData, ctx: Context) -> Iterator[Finding]:
    spec, rosters = sheet.spec, ctx.rosters
    checked = [(c, r) for c in spec.columns if (r := rosters.roster(c)) is not None]
    for block, record in rows(sheet):
        for column, (roster, rule) in checked:
            cell = record.cells.get(column.key)
            if cell is not None:
                for name, closest in _unknown(cell, roster):
                    yield at(rule, sheet, block, record, column.key, name=name, suggestion=closest)
    for block in sheet.blocks:
        for field in spec.fields:
            cell = block.fields.get(field.key)
            found = rosters.roster(field)
            if cell is None or found is None:
                continue
            roster, rule = found
            for name, closest in _unknown(cell, roster):
                yield Finding(rule, sheet.name, cell.row, field.header, cell.ref, cell.raw,
                              {"name": name, "suggestion": closest})
