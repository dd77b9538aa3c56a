"""From raw grids (any engine) to typed sheets: the pure half of reading.

Engines (calamine for files, xlwings for a live Excel workbook) only produce RawWorkbook grids;
everything about recognising sheets, finding headers, walking key-value blocks and normalising
values happens here, once, so a file and an open workbook read exactly alike.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from crossdept.findings import Finding
from crossdept.gcpause import cyclic_gc_paused
from crossdept.model.normalise import keeps_text, normalise, normaliser
from crossdept.model.spec import Column, ColumnType, Layout, SheetSpec
from crossdept.model.text import clean_text, match_key
from crossdept.read.grid import RawSheet, RawWorkbook
from crossdept.read.locate import HeaderMap, find_header_rows, is_header_row, map_header, spec_by_headers, spec_by_name
from crossdept.read.records import Block, Cell, Record, SheetData, Workbook

# A row whose label cell reads one of these, with no other text, is a totals row (合计/汇总), not
# a record. Compared through match_key, so "合 计", "Total:" and "TOTAL" match too.
TOTAL_LABELS = frozenset(match_key(w) for w in ("合计", "总计", "汇总", "小计", "共计", "Total", "Totals",
                                                "Subtotal", "Grand total", "Sum"))
# The first letters of those words: a record whose id starts otherwise ("RD-001") is not looked at.
TOTAL_INITIALS = frozenset(c for w in ("合计", "总计", "汇总", "小计", "共计", "total", "subtotal", "grand total", "sum")
                           for c in {w[0], w[0].upper(), chr(ord(w[0].upper()) + 0xFEE0) if w[0].isascii() else w[0]})
# The columns that hold words (ids, names, descriptions). A totals row has its label in one and
# numbers elsewhere: counts even in 状态, a mean in 完成百分比.
LABEL_TYPES = frozenset({ColumnType.ID, ColumnType.TEXT, ColumnType.PERSON, ColumnType.DEPARTMENT})
# Columns whose values repeat down a sheet (statuses, names, dates), unlike ids and descriptions.
REPEATING_TYPES = frozenset({ColumnType.ENUM, ColumnType.PERSON, ColumnType.DEPARTMENT, ColumnType.DATE})
_DIGIT = re.compile("[0-9]")


def _may_be_total(text: str) -> bool:
    """Whether an id could be a totals label: it starts like one and has no digit ("T4732" and
    "RD-001" are records; no totals word has a digit, and match_key keeps digits)."""
    return text[:1] in TOTAL_INITIALS and _DIGIT.search(text) is None


def is_totals_row(row: list[object], labels: list[tuple[str, int]]) -> bool:
    """Whether the row's only text among the label columns is 合计/汇总/Total. Numbers there are
    the totals themselves (a count under 任务名称), not text."""
    texts = [v for _, c0 in labels if c0 < len(row) and isinstance(v := row[c0], str) and v.strip()]
    return len(texts) == 1 and match_key(texts[0].strip()) in TOTAL_LABELS

# Cell values whose normalised form a column may remember by value (records): hashable, and no
# two of these classes hold equal values that normalise differently. bool and int are left out
# because True == 1 == 1.0 would share one entry across a column holding both.
_MEMO_CLASSES = frozenset({str, float, dt.date, dt.datetime})
# What a column remembers for an empty cell ("" or spaces): no Cell at all.
_BLANK = (None, None)


def _is_blank(raw: object) -> bool:
    return raw.__class__ is str and (not raw or raw.isspace())  # type: ignore[attr-defined]


class _Reader:
    """Parses one sheet, collecting value findings on the way."""

    def __init__(self, raw: RawSheet, spec: SheetSpec, default_year: int, findings: list[Finding]) -> None:
        self.raw = raw
        self.rows = raw.rows
        self.spec = spec
        self.default_year = default_year
        self.findings = findings

    def cell(self, row0: int, col0: int, column: Column, header: str) -> Cell | None:
        """The normalised cell at 0-based (row0, col0), or None when it is empty."""
        row = self.rows[row0]
        raw = row[col0] if col0 < len(row) else None
        if raw is None or raw == "" or (isinstance(raw, str) and raw.isspace()):
            return None
        value, problem = normalise(raw, column, self.default_year)
        cell = Cell(row0 + 1, col0 + 1, raw, value, problem is None)
        if problem is not None:
            self.findings.append(Finding(problem.rule, self.raw.name, cell.row, header, cell.ref, raw, problem.params))
        return cell

    # --- tables -----------------------------------------------------------------------------

    def records(self, header: HeaderMap, columns: dict[str, Column], start0: int, stop0: int) -> list[Record]:
        # The per-column work (which column, its type's normaliser, its header) is looked up
        # once per table, not once per cell: this loop runs for every cell of every department
        # file a roll-up reads (bench/bench_rollup.py), so it is kept tight on purpose. Each
        # column also remembers what each value it met normalised to (its memo): a column
        # repeats the same few statuses, dates and percents down thousands of rows.
        plan = [(key, col - 1, col, columns[key], header.headers[col], normaliser(columns[key]), {"": _BLANK},
                 keeps_text(columns[key])) for key, col in header.columns.items()]
        extras = [(col - 1, text) for col, text in header.extra.items()]
        rows, year, findings, sheet = self.rows, self.default_year, self.findings, self.raw.name
        totals = self.raw.totals_rows
        labels = [(key, col - 1) for key, col in sorted(header.columns.items(), key=lambda kv: kv[1])
                  if columns[key].type in LABEL_TYPES]
        # A record with an id that is not a totals word is a record: one lookup for nearly every row.
        id_key = next((key for key, _ in labels if columns[key].type is ColumnType.ID), None)
        out = []
        for r0 in range(start0, stop0):
            if r0 in totals:
                continue  # an Excel table's totals row (read/tables.py)
            row = rows[r0]
            found_before = len(findings)
            width = len(row)
            row_no = r0 + 1
            cells: dict[str, Cell] = {}
            for key, c0, col, column, head, norm, memo, as_text in plan:
                if c0 >= width:
                    continue
                raw = row[c0]
                if as_text and raw.__class__ is str:  # an id or a name: mostly unique, nothing to remember
                    value = raw.strip()
                    if value:
                        cells[key] = Cell(row_no, col, raw, value, True)
                    continue
                if raw.__class__ in _MEMO_CLASSES:
                    result = memo.get(raw)
                    if result is None:
                        result = memo[raw] = _BLANK if _is_blank(raw) else norm(raw, column, year)
                    if result is _BLANK:
                        continue
                elif raw is None or (isinstance(raw, str) and (not raw or raw.isspace())):
                    continue  # nothing, or blank text of a str subclass
                else:
                    result = norm(raw, column, year)
                value, problem = result
                if problem is None:
                    cells[key] = Cell(row_no, col, raw, value, True)
                    continue
                cell = cells[key] = Cell(row_no, col, raw, value, False)
                # A remembered problem stands for every cell with that value: each finding gets its own params.
                findings.append(Finding(problem.rule, sheet, row_no, head, cell.ref, raw, dict(problem.params)))
            if not cells:
                continue  # a blank row, or one with notes only outside our columns
            id_cell = cells.get(id_key) if id_key else None
            if (id_cell is None or _may_be_total(str(id_cell.value))) and is_totals_row(row, labels):
                del findings[found_before:]  # its counts in 状态 etc. are not values to check
                continue
            record = Record(row_no, cells)
            for c0, text in extras:
                if c0 < width and clean_text(row[c0]):
                    record.extra[text] = row[c0]
            out.append(record)
        return out

    def table_block(self, header_row0: int, stop0: int) -> tuple[Block, list[str]]:
        columns = {c.key: c for c in self.spec.columns}
        header = map_header(self.rows[header_row0], header_row0 + 1, self.spec.columns)
        roles: list[str] = []
        if self.spec.layout is Layout.MATRIX:
            # Every other named column is a department or person holding RACI roles.
            for col, text in list(header.extra.items()):
                key = f"role:{text}"
                if key in columns:
                    continue  # the same department twice: keep the first
                columns[key] = Column(key, text, text, ColumnType.RACI)
                header.columns[key] = col
                del header.extra[col]
                roles.append(text)
        block = Block(header=header, records=self.records(header, columns, header_row0 + 1, stop0))
        return block, roles

    # --- labelled fields --------------------------------------------------------------------

    def field_of(self, text: object) -> Column | None:
        key = match_key(text)
        return next((f for f in self.spec.fields if key and key in f.header_keys), None)

    def fields(self, start0: int, stop0: int, block: Block) -> None:
        """Read "label | value" pairs (or "label：value" in one cell) in rows start0..stop0."""
        for r0 in range(start0, stop0):
            row = self.rows[r0]
            c0 = 0
            while c0 < len(row):
                text = clean_text(row[c0])
                field = self.field_of(text) if text else None
                inline = None
                if field is None and text:
                    for sep in ("：", ":"):
                        label, found, rest = text.partition(sep)
                        if found and (field := self.field_of(label)) is not None:
                            inline = rest.strip()
                            break
                if field is None or field.key in block.field_slots:
                    c0 += 1
                    continue
                if inline:
                    block.field_slots[field.key] = (r0 + 1, c0 + 1)
                    value, problem = normalise(inline, field, self.default_year)
                    cell = Cell(r0 + 1, c0 + 1, inline, value, problem is None)
                    if problem is not None:
                        self.findings.append(Finding(problem.rule, self.raw.name, cell.row, field.header, cell.ref, inline, problem.params))
                    block.fields[field.key] = cell
                    c0 += 1
                    continue
                # The value is the next non-empty cell to the right that is not itself a label.
                v0 = c0 + 1
                while v0 < len(row) and not clean_text(row[v0]):
                    v0 += 1
                if v0 < len(row) and self.field_of(row[v0]) is None:
                    block.field_slots[field.key] = (r0 + 1, v0 + 1)
                    cell = self.cell(r0, v0, field, field.header)
                    if cell is not None:
                        block.fields[field.key] = cell
                    c0 = v0 + 1
                else:
                    block.field_slots[field.key] = (r0 + 1, c0 + 2)
                    c0 += 1

    def has_field_label(self, r0: int) -> bool:
        """Whether a row starts a block's fields: a label cell, or a leading "label：value" cell.

        Only the first cell may be an inline label, so a table row whose text happens to
        contain "时间：下周一" does not end the table.
        """
        filled = [v for v in self.rows[r0] if clean_text(v)]
        if not filled:
            return False
        return any(self.field_of(v) is not None for v in filled) or self._inline_label(filled[0])

    def _inline_label(self, value: object) -> bool:
        text = clean_text(value)
        for sep in ("：", ":"):
            label, found, _ = text.partition(sep)
            if found and self.field_of(label) is not None:
                return True
        return False

    # --- whole sheets -----------------------------------------------------------------------

    def parse(self) -> SheetData:
        layout = self.spec.layout
        if layout is Layout.INSTRUCTIONS:
            block = Block()
            self.fields(0, len(self.rows), block)
            return SheetData(self.raw.name, self.spec, [block], self.raw.hidden)
        headers = find_header_rows(self.rows, self.spec, first_only=layout is not Layout.BLOCKS)
        if not headers:
            block = Block()
            if self.spec.fields:
                self.fields(0, len(self.rows), block)
            return SheetData(self.raw.name, self.spec, [block], self.raw.hidden)
        if layout is Layout.TABLE:
            return SheetData(self.raw.name, self.spec, self.table_blocks(headers[0]), self.raw.hidden)
        if layout is not Layout.BLOCKS:
            block, roles = self.table_block(headers[0], len(self.rows))
            return SheetData(self.raw.name, self.spec, [block], self.raw.hidden, roles)
        return SheetData(self.raw.name, self.spec, self.blocks(headers), self.raw.hidden)

    def repeated_headers(self, first0: int) -> list[int]:
        """0-based rows below the header row that repeat it: each starts another block.

        A row repeats the header when it names the sheet's key columns where the header has
        them (a second table copied under the first: "已关闭/归档问题", then the same headers).
        Only those cells are looked at for most rows, and a column's texts are matched once
        each: the columns whose values repeat down a sheet (a status, an owner) are tried
        first, so a 10,000-row sheet pays about one dict lookup per row, not a match_key of
        every unique id.
        """
        header = map_header(self.rows[first0], first0 + 1, self.spec.columns)
        keys = sorted(((header.columns[k] - 1, self.spec.column(k).header_keys, self.spec.column(k).type, {})
                       for k in self.spec.key_columns if k in header.columns),
                      key=lambda key: key[2] not in REPEATING_TYPES)
        if not keys:
            return []
        found = []
        rows = self.rows
        for r0 in range(first0 + 1, len(rows)):
            row = rows[r0]
            for c0, names, _, named in keys:
                value = row[c0] if c0 < len(row) else None
                if value.__class__ is not str:
                    break
                hit = named.get(value)
                if hit is None:
                    hit = named[value] = match_key(value) in names
                if not hit:
                    break
            else:
                if is_header_row(row, self.spec):
                    found.append(r0)
        return found

    def table_blocks(self, first0: int) -> list[Block]:
        """One block per header row: the first, then every row that repeats it.

        A title row directly above a repeated header (one non-empty cell, "已关闭/归档问题")
        belongs to the next block and is not a record.
        """
        starts = [first0, *self.repeated_headers(first0)]
        blocks = []
        for i, h0 in enumerate(starts):
            stop = starts[i + 1] if i + 1 < len(starts) else len(self.rows)
            if i + 1 < len(starts) and stop - 1 > h0 and sum(1 for v in self.rows[stop - 1] if clean_text(v)) == 1:
                stop -= 1
            blocks.append(self.table_block(h0, stop)[0])
        return blocks

    def blocks(self, headers: list[int]) -> list[Block]:
        """Repeated "fields then table" blocks, e.g. one per meeting down a 会议纪要 sheet."""
        blocks = []
        fields_start = 0
        for i, h0 in enumerate(headers):
            next_header = headers[i + 1] if i + 1 < len(headers) else len(self.rows)
            # The table ends where the next block's labelled fields begin.
            end = next(
                (r0 for r0 in range(h0 + 1, next_header) if self.has_field_label(r0)),
                next_header,
            )
            table_end = end
            if end < next_header or i + 1 < len(headers):
                # A title line just above the next block's fields belongs to that block.
                while table_end > h0 + 1 and sum(1 for v in self.rows[table_end - 1] if clean_text(v)) <= 1:
                    table_end -= 1
            block, _ = self.table_block(h0, table_end)
            self.fields(fields_start, h0, block)
            blocks.append(block)
            fields_start = table_end
        return blocks


def parse_workbook(raw: RawWorkbook, default_year: int) -> Workbook:
    """Recognise and parse every sheet of a raw workbook."""
    findings: list[Finding] = []
    sheets: list[SheetData] = []
    unrecognised: list[str] = []
    with cyclic_gc_paused():  # a Cell, a dict and a Record per row, none of them cyclic
        for raw_sheet in raw.sheets:
            spec = spec_by_name(raw_sheet.name, raw_sheet.rows) or spec_by_headers(raw_sheet.rows)
            if spec is None:
                unrecognised.append(raw_sheet.name)
                continue
            sheets.append(_Reader(raw_sheet, spec, default_year, findings).parse())
    for finding in findings:
        finding.path = raw.path
    return Workbook(Path(raw.path) if raw.path else None, sheets, unrecognised, findings)

