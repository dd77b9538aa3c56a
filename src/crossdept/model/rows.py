"""The row types of the model: a data row (Record) and its cells (Cell), each remembering where it is.

Every feature (validation, overdue marking, roll-up, minutes) works on these objects, and every
finding can point back at "问题跟踪表!D7" because each value keeps its row and column. They belong
to the model, not to the reader: the ribbon builds them from a live workbook, a roll-up re-reads
them from its own sheets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crossdept.cellref import cell_ref


@dataclass(slots=True)
class Cell:
    """One non-empty cell: where it is, what was in it, and its canonical value.

    `value` is None when the raw value could not be normalised; the reader then also made a
    finding at this cell.
    """

    row: int
    col: int
    raw: object
    value: object
    ok: bool = True

    @property
    def ref(self) -> str:
        return cell_ref(self.col, self.row)


@dataclass(slots=True)
class Record:
    """One data row of a table; `cells` holds only its non-empty cells of known columns."""

    row: int
    cells: dict[str, Cell] = field(default_factory=dict)
    extra: dict[str, object] = field(default_factory=dict)  # unrecognised header -> raw value

    def get(self, key: str, default: object = None) -> object:
        """The canonical value of a column, or `default` when empty or unreadable."""
        cell = self.cells.get(key)
        if cell is None or not cell.ok:
            return default
        return cell.value

    def has(self, key: str) -> bool:
        """Whether the person typed anything in this column (readable or not)."""
        return key in self.cells
