"""What reading produces: sheets and workbooks of typed records (model/rows.py) that remember the
Excel cell of every value.

Every later feature (validation, overdue marking, roll-up, minutes) works on these objects, and
every finding it makes can point back at "问题跟踪表!D7" because each value keeps its row and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from crossdept.findings import Finding
from crossdept.model.rows import Cell, Record
from crossdept.model.spec import SheetSpec
from crossdept.read.locate import HeaderMap

__all__ = ["Block", "Cell", "Record", "SheetData", "Workbook"]


@dataclass
class Block:
    """Labelled fields followed by a table. A plain table sheet is one block without fields."""

    fields: dict[str, Cell] = field(default_factory=dict)
    field_slots: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> (row, col) of its value
    header: HeaderMap | None = None
    records: list[Record] = field(default_factory=list)

    def field(self, key: str, default: object = None) -> object:
        cell = self.fields.get(key)
        return cell.value if cell is not None and cell.ok else default


@dataclass
class SheetData:
    """A recognised sheet: which spec it follows and what it holds."""

    name: str
    spec: SheetSpec
    blocks: list[Block]
    hidden: bool = False
    role_columns: list[str] = field(default_factory=list)  # RACI: department/person headers

    @property
    def records(self) -> list[Record]:
        return [r for b in self.blocks for r in b.records]

    @property
    def header(self) -> HeaderMap | None:
        return self.blocks[0].header if self.blocks else None

    def field(self, key: str, default: object = None) -> object:
        """A labelled field of the first block (项目章程, 说明)."""
        return self.blocks[0].field(key, default) if self.blocks else default


@dataclass
class Workbook:
    """Everything read from one file: its recognised sheets, the rest, and value findings."""

    path: Path | None
    sheets: list[SheetData]
    unrecognised: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    stamp: tuple[int, int, int] | None = None  # the file when read (read.grid.Stamp); None for live sheets

    def sheet(self, key: str) -> SheetData | None:
        """The first sheet following the spec `key` (e.g. "issues"), if any."""
        return next((s for s in self.sheets if s.spec.key == key), None)

    def sheets_of(self, key: str) -> list[SheetData]:
        return [s for s in self.sheets if s.spec.key == key]

    def meta(self, key: str) -> str | None:
        """Project name or department from 说明, else 项目章程 (project only)."""
        for sheet_key in ("instructions", "charter"):
            sheet = self.sheet(sheet_key)
            if sheet is not None and any(f.key == key for f in sheet.spec.fields):
                value = sheet.field(key)
                if value:
                    return str(value)
        return None
