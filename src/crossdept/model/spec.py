"""The vocabulary the sheet model is written in.

Every sheet crossdept knows is described once, declaratively, with these types (see sheets.py).
Templates, the reader, validation and the roll-up all derive from that description, so a column
added there appears everywhere at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from enum import Enum

from crossdept.model.text import match_key


class ColumnType(str, Enum):
    """What a cell holds; decides how it is normalised, validated and formatted."""

    TEXT = "text"
    PERSON = "person"
    DEPARTMENT = "department"
    DATE = "date"
    PERCENT = "percent"
    ENUM = "enum"
    ID = "id"
    RACI = "raci"


@dataclass(frozen=True)
class Choice:
    """One allowed value of an enumerated column: canonical Chinese, English alias, other aliases."""

    value: str
    en: str
    aliases: tuple[str, ...] = ()

    def keys(self) -> set[str]:
        return {match_key(v) for v in (self.value, self.en, *self.aliases)}


@dataclass(frozen=True)
class Choices:
    """An enumeration (e.g. task status). Read leniently, written canonically."""

    name: str
    items: tuple[Choice, ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.items)

    @cached_property
    def _by_key(self) -> dict[str, str]:
        return {k: c.value for c in self.items for k in c.keys()}

    def lookup(self, text: str) -> str | None:
        """The canonical value for any accepted spelling, or None when it is not one of ours."""
        return self._by_key.get(match_key(text))

    def english(self, value: str) -> str:
        for choice in self.items:
            if choice.value == value:
                return choice.en
        return value


@dataclass(frozen=True)
class Column:
    """One column of a table (or one labelled field of a key-value block)."""

    key: str
    header: str
    alias: str
    type: ColumnType = ColumnType.TEXT
    required: bool = False
    choices: Choices | None = None
    aliases: tuple[str, ...] = ()
    width: float = 14
    help_zh: str = ""
    help_en: str = ""

    @cached_property
    def header_keys(self) -> frozenset[str]:
        return frozenset(match_key(h) for h in (self.header, self.alias, *self.aliases))

    def label(self, lang: str) -> str:
        return self.alias if lang == "en" else self.header


class Layout(str, Enum):
    """How a sheet is laid out, which decides how the reader walks it."""

    TABLE = "table"  # a header row, then one record per row
    BLOCKS = "blocks"  # labelled fields, then a table; may repeat down the sheet (minutes)
    MATRIX = "matrix"  # a key column plus one column per department/person (RACI)
    INSTRUCTIONS = "instructions"  # free text for people, plus a few labelled fields


@dataclass(frozen=True)
class SheetSpec:
    """One sheet of a crossdept workbook."""

    key: str
    name: str
    alias: str
    layout: Layout
    columns: tuple[Column, ...] = ()
    fields: tuple[Column, ...] = ()
    aliases: tuple[str, ...] = ()
    # Columns whose presence identifies the sheet when its name does not; also the columns
    # without which a sheet "looks like ours but is broken" (validation).
    key_columns: tuple[str, ...] = ()
    help_zh: str = ""
    help_en: str = ""
    sample_rows: tuple[dict[str, object], ...] = field(default=())

    @cached_property
    def name_keys(self) -> frozenset[str]:
        return frozenset(match_key(n) for n in (self.name, self.alias, *self.aliases))

    def column(self, key: str) -> Column:
        for col in (*self.columns, *self.fields):
            if col.key == key:
                return col
        raise KeyError(f"{self.key} has no column {key!r}")

    @property
    def required_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.required)

    def label(self, lang: str) -> str:
        return self.alias if lang == "en" else self.name
