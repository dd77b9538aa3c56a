"""What the departments sent, as a folder: who is missing, who sent twice, which rows repeat.

Pure: workbooks as the reader made them, one at a time, plus crossdept.toml and today. The rules
are domain.md's "A folder of workbooks" (documented in docs/rules.md):

- a workbook claims a department: its 说明 部门, else the crossdept.toml department its file name
  contains (the longest); the project workbook (项目章程) claims none of its own;
- `department-mismatch`: 说明 names one expected department and the file name another (说明 wins);
- `duplicate-department`: two workbooks claim one department (a finding on each, naming the other);
- `duplicate-row` / `duplicate-id`: one 任务编号/问题编号 twice within one department, across the
  sheets and files of that department (Excel's sheet copy "进度看板 (2)" included): identical rows
  count once, different rows both count;
- `not-updated`: a department workbook with open rows whose newest 更新日期 is more than
  NOT_UPDATED_WORKDAYS working days old, or missing;
- `multi-department`: a 负责部门/责任部门 cell naming several departments; the row counts to its
  owner's department;
- missing departments: expected ones no department workbook claims, once one was read.

Validation (core/validate) and the roll-up (core/rollup.py) both feed it, so a figure and the
finding that explains it come from the same decision.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from crossdept.cellref import cell_ref
from crossdept.config import Config
from crossdept.core.calendar import WorkCalendar
from crossdept.findings import Finding, define_rule
from crossdept.model.sheets import DONE, INSTRUCTIONS, ISSUE_CLOSED
from crossdept.model.text import split_names
from crossdept.read.records import Record, SheetData, Workbook

DEPARTMENT_MISMATCH = define_rule("department-mismatch", "warning")
DUPLICATE_DEPARTMENT = define_rule("duplicate-department", "warning")
DUPLICATE_ROW = define_rule("duplicate-row", "warning")
DUPLICATE_ID = define_rule("duplicate-id", "error")
NOT_UPDATED = define_rule("not-updated", "warning")
MULTI_DEPARTMENT = define_rule("multi-department", "warning")

# domain.md: "more than 5 working days before today".
NOT_UPDATED_WORKDAYS = 5
# The project team: the department of the project workbook's rows that name none (and whose owner
# has none in crossdept.toml). Data, the same in every language.
PROJECT_TEAM = "项目组"
# The sheets whose rows are counted, with their department column.
_COUNTED = {"board": "department", "issues": "owner_dept"}

DeptSource = Literal["workbook", "rows", "people", "project", "config", "file-name"]


@dataclass(frozen=True, slots=True)
class Place:
    """A cell of a file, as a finding's `other` names it."""

    path: str
    sheet: str
    cell: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "sheet": self.sheet, "cell": self.cell}

    def text(self, path: str | None = None, sheet: str | None = None) -> str:
        """How a message names this place, seen from (path, sheet): "A2", "进度看板!A2" or
        "研发部.xlsx 进度看板!A2"."""
        if path == self.path:
            return self.cell if sheet == self.sheet else f"{self.sheet}!{self.cell}"
        return f"{Path(self.path).name} {self.sheet}!{self.cell}" if self.sheet else Path(self.path).name


def id_key(value: object) -> str:
    """Ids compare as people read them: "RD-001", "rd-001" and "ＲＤ-001" are the same id."""
    return unicodedata.normalize("NFKC", str(value)).strip().casefold()


def departments_named(text: object, expected: list[str]) -> list[str]:
    """The departments a cell names when it names more than one, else [].

    With crossdept.toml's list, at least two parts must be departments it lists, so a name that
    merely contains a slash ("研发/测试部") is one department; without a list, any two parts.
    """
    parts = split_names(text)  # "运营部、市场部", "运营部/市场部", one per line; not spaces ("IT 部")
    if len(parts) < 2:
        return []
    if expected and sum(p in expected for p in parts) < 2:
        return []
    return parts


def file_department(path: Path, config: Config) -> str | None:
    """The crossdept.toml department the file name contains (the longest: 研发测试部 beats 研发部)."""
    for dept in sorted(config.departments, key=len, reverse=True):
        if dept and dept in path.stem:
            return dept
    return None


class RowDepartments:
    """Which department each row of one workbook counts to (docs/rollup.md):

    the workbook's own department (说明), else the row's 负责部门/责任部门 (one department: a cell
    naming several counts to the owner's department, else its first), else the owner's department
    in crossdept.toml, else the project team (project workbook) or the file name's department.
    """

    def __init__(self, path: Path, book: Workbook, config: Config) -> None:
        self.config = config
        self.own = book.meta("department")
        if book.sheet("charter") is not None:
            self.fallback, self.fallback_source = PROJECT_TEAM, "project"
        elif (named := file_department(path, config)) is not None:
            self.fallback, self.fallback_source = named, "config"
        else:
            self.fallback, self.fallback_source = path.stem, "file-name"

    def owner_department(self, record: Record) -> str | None:
        person = self.config.person(str(record.get("owner") or ""))
        return person.department if person is not None and person.department else None

    def of(self, record: Record, key: str) -> tuple[str, DeptSource]:
        if self.own:
            return self.own, "workbook"
        if (row_dept := record.get(key)):
            several = departments_named(row_dept, self.config.departments)
            if not several:
                return str(row_dept), "rows"
            owner = self.owner_department(record)
            return (owner, "people") if owner else (several[0], "rows")
        if (owner := self.owner_department(record)) is not None:
            return owner, "people"
        return self.fallback, self.fallback_source


@dataclass
class Submission:
    """One workbook as a submission: the department it claims, its findings, its repeated rows."""

    path: str
    department: str | None  # claimed: 说明 部门, else the file name's; None for the project workbook
    place: Place  # where the claim is written (说明's 部门 cell, else the file itself)
    rows: RowDepartments
    findings: list[Finding] = field(default_factory=list)
    repeated: set[int] = field(default_factory=set)  # id() of records identical to an earlier one

    def counts(self, record: Record) -> bool:
        """False for a row that repeats an earlier identical one: it is counted once."""
        return id(record) not in self.repeated


def _first_sheet_name(book: Workbook) -> str:
    return book.sheets[0].name if book.sheets else ""


def _claim(path: Path, book: Workbook, config: Config) -> tuple[str | None, Place, Finding | None]:
    """The department a workbook claims, where that is written, and a department-mismatch."""
    shown = str(path)
    own = book.meta("department")
    named = file_department(path, config)
    sheet = book.sheet("instructions")
    cell = sheet.blocks[0].fields.get("department") if sheet is not None and sheet.blocks else None
    if cell is not None and (cell.row < 1 or cell.col < 1):
        cell = None  # a department given in code, not read from a cell (core/summary.py's parts)
    place = Place(shown, sheet.name, cell.ref) if sheet is not None and cell is not None else Place(shown, "", "")
    if own:
        mismatch = None
        if named and named != own and own in config.departments and sheet is not None and cell is not None:
            mismatch = Finding(DEPARTMENT_MISMATCH, sheet.name, cell.row, sheet.spec.column("department").header,
                               cell.ref, cell.raw, {"department": own, "named": named, "file": path.name}, shown)
        return own, place, mismatch
    if book.sheet("charter") is not None:
        return None, place, None
    return named, place, None


def stable_key(value: object) -> int:
    """A 64-bit key of `value` (tuples of text, numbers, dates and None) that every process
    computes alike.

    Not hash(): it hashes text with a seed drawn at each process's start, and the roll-up's worker
    processes compute keys the main process compares. Forked workers (Linux) inherit the seed;
    spawned ones (Windows, macOS) do not, and a row repeated across files was then counted twice
    (tests/test_read_pool.py). A digest of the value's repr is the same everywhere; numbers are
    made int where they equal one first, so 1, 1.0 and True stay one value, as with ==.
    """
    digest = hashlib.blake2b(repr(value).encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)  # signed: store/spill.py keeps them as array("q")


def _same_number(value: object) -> object:
    kind = type(value)
    if kind is float:
        return int(value) if value.is_integer() else value  # type: ignore[attr-defined]
    return int(value) if kind is bool else value  # type: ignore[arg-type]


def _model_values(sheet: SheetData, record: Record) -> int:
    """What "identical" compares: every model column's value (canonical, or as typed), as a key.

    A key, not the values: a roll-up remembers one per row of the folder, and the values would
    keep every cell of every file alive (bench_rollup.py, 40 files: 100 MB peak with the values,
    72 MB with keys, 60 MB without duplicate detection). Two different rows with one key
    (2**-64) would be counted once: accepted.
    """
    get = record.cells.get
    return stable_key(tuple(None if (c := get(col.key)) is None else _same_number(c.value if c.ok else c.raw)
                            for col in sheet.spec.columns))


# The first row of each id, keyed by the stable_key of (scope, sheet kind, id): (key of its values,
# path, sheet, row * _COLS + column). Plain ints and shared strings: the roll-up keeps one per row
# of the folder (bench_rollup.py: 40 files, 36,000 rows, ~9 MB).
_Seen = tuple[int, str, str, int]
_COLS = 1 << 14  # Excel's 16,384 columns


class SeenIndex(Protocol):
    """Where Submissions keeps the first row of each id: SeenRows (a dict), or, for a large
    roll-up, store/spill.py's SpilledSeen, which keeps most of them on disk."""

    def get(self, key: int) -> _Seen | None: ...

    def __setitem__(self, key: int, seen: _Seen) -> None: ...

    def update(self, other: Mapping[int, _Seen]) -> None: ...

    def isdisjoint(self, keys: Iterable[int]) -> bool: ...


class SeenRows(dict[int, _Seen]):
    """The SeenIndex in memory (a worker's, validate's, a small roll-up's)."""

    def isdisjoint(self, keys: Iterable[int]) -> bool:
        return self.keys().isdisjoint(keys)


class Submissions:
    """Every workbook of a run, added one at a time (a roll-up holds one workbook at once)."""

    def __init__(self, config: Config, today: dt.date, seen: SeenIndex | None = None) -> None:
        self.config = config
        self.today = today
        self.calendar = WorkCalendar(config.days_off, config.workdays)
        self.submissions: list[Submission] = []
        self._seen: SeenIndex = SeenRows() if seen is None else seen
        # The other rows of an id already used for different rows (a duplicate-id), keyed by
        # stable_key((id key, values)): a copy of such a row is then found identical to its own twin, not to
        # the id's first row. Only those rows are kept, so a folder without duplicate ids adds none.
        self._variants: dict[int, _Seen] = {}

    def add(self, path: Path, book: Workbook) -> Submission:
        department, place, mismatch = _claim(path, book, self.config)
        sub = Submission(str(path), department, place, RowDepartments(path, book, self.config))
        if mismatch is not None:
            sub.findings.append(mismatch)
        for sheet in book.sheets:
            if sheet.spec.key in _COUNTED:
                sub.findings.extend(self._rows(sub, sheet))
        if department is not None:
            sub.findings.extend(self._freshness(sub, book))
        self.submissions.append(sub)
        return sub

    def _rows(self, sub: Submission, sheet: SheetData) -> Iterator[Finding]:
        dept_key = _COUNTED[sheet.spec.key]
        # Ids are unique within a department: across its sheets and files. The project workbook
        # (and any workbook claiming no department) is its own scope.
        scope = f"dept:{sub.department}" if sub.department else f"file:{sub.path}"
        for block in sheet.blocks:
            header = block.header
            for record in block.records:
                dept_cell = record.cells.get(dept_key)
                if dept_cell is not None and dept_cell.ok:
                    several = departments_named(dept_cell.value, self.config.departments)
                    if several:
                        counted, _ = sub.rows.of(record, dept_key)
                        yield Finding(MULTI_DEPARTMENT, sheet.name, record.row, header.headers[header.columns[dept_key]],
                                      dept_cell.ref, dept_cell.raw, {"counted": counted}, sub.path)
                id_cell = record.cells.get("id")
                if id_cell is None:
                    continue
                values = _model_values(sheet, record)
                key = stable_key((scope, sheet.spec.key, id_key(id_cell.value)))
                seen = self._seen.get(key)
                if seen is None:
                    self._seen[key] = (values, sub.path, sheet.name, id_cell.row * _COLS + id_cell.col)
                    continue
                same = seen[0] == values
                if not same:
                    variant = stable_key((key, values))
                    twin = self._variants.setdefault(variant, (values, sub.path, sheet.name,
                                                               id_cell.row * _COLS + id_cell.col))
                    if twin[1:] != (sub.path, sheet.name, id_cell.row * _COLS + id_cell.col):
                        seen, same = twin, True
                first = Place(seen[1], seen[2], cell_ref(seen[3] % _COLS, seen[3] // _COLS))
                if same:
                    sub.repeated.add(id(record))
                finding = Finding(DUPLICATE_ROW if same else DUPLICATE_ID, sheet.name, record.row,
                                  header.headers[header.columns["id"]], id_cell.ref, id_cell.raw,
                                  {"other": first.text(sub.path, sheet.name)}, sub.path)
                finding.other = first.to_json()
                yield finding

    def _freshness(self, sub: Submission, book: Workbook) -> Iterator[Finding]:
        """not-updated: open rows, and no 更新日期 within NOT_UPDATED_WORKDAYS working days."""
        open_rows = 0
        newest: tuple[dt.date, SheetData, Record] | None = None
        for key in ("board", "issues"):
            for sheet in book.sheets_of(key):
                for record in sheet.records:
                    status = record.get("status")
                    open_rows += status != DONE if key == "board" else status not in ISSUE_CLOSED
                    updated = record.get("updated_on")
                    if isinstance(updated, dt.date) and (newest is None or updated > newest[0]):
                        newest = (updated, sheet, record)
        if not open_rows:
            return
        if newest is None:
            yield Finding(NOT_UPDATED, sub.place.sheet or _first_sheet_name(book), None, None, None, None,
                          {"department": sub.department, "open": open_rows, "days": NOT_UPDATED_WORKDAYS,
                           "newest": "-"}, sub.path)
            return
        day, sheet, record = newest
        if day < self.today and self.calendar.workdays_between(day, self.today) > NOT_UPDATED_WORKDAYS:
            cell = record.cells["updated_on"]  # the report's 列 column names it, as for every finding at a cell
            yield Finding(NOT_UPDATED, sheet.name, record.row, sheet.spec.column("updated_on").header, cell.ref, cell.raw,
                          {"department": sub.department, "open": open_rows, "days": NOT_UPDATED_WORKDAYS,
                           "newest": day.isoformat()}, sub.path)

    def finish(self) -> list[Finding]:
        """duplicate-department findings, one on each workbook claiming a department twice (each
        also added to its submission's findings)."""
        by_dept: dict[str, list[Submission]] = {}
        for sub in self.submissions:
            if sub.department:
                by_dept.setdefault(sub.department, []).append(sub)
        found = []
        for dept, subs in by_dept.items():
            if len(subs) < 2:
                continue
            for sub in subs:
                other = next(s for s in subs if s is not sub)
                row = int(re.sub(r"\D", "", sub.place.cell) or 0) or None
                column = INSTRUCTIONS.column("department").header if sub.place.cell else None
                finding = Finding(DUPLICATE_DEPARTMENT, sub.place.sheet, row, column, sub.place.cell or None,
                                  dept, {"department": dept, "other": Path(other.path).name}, sub.path)
                finding.other = other.place.to_json()
                sub.findings.append(finding)
                found.append(finding)
        return found

    def absorb(self, other: Submissions) -> bool:
        """Add what `other` saw of workbooks added to it alone (a roll-up's worker process,
        core.rollup.file_part), as if they had been added here; False, changing nothing, when
        one of their rows has an id seen here already: alone, other could not know it repeats."""
        if not self._seen.isdisjoint(other._seen):
            return False
        self._seen.update(other._seen)  # type: ignore[arg-type] - a part's index is always a SeenRows
        self._variants.update(other._variants)  # disjoint too: their keys hash ids of other's alone
        for sub in other.submissions:  # crossdept.toml once, not a copy per file from its worker
            sub.rows.config = self.config
        self.submissions += other.submissions
        return True

    @property
    def claimed(self) -> set[str]:
        return {s.department for s in self.submissions if s.department}

    def missing_departments(self) -> list[str]:
        """crossdept.toml's departments no department workbook claims, in its order; none when no
        department workbook was read at all (then the folder is likely the wrong one)."""
        claimed = self.claimed
        if not claimed:
            return []
        return [d for d in self.config.departments if d not in claimed]
