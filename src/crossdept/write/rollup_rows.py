"""The rows of a roll-up's big sheets (全部任务, 全部问题, 逾期与升级), streamed as sheet XML.

Why written by hand (figures in docs/rollup.md): nearly every cell of a roll-up is a detail row,
and no writer at hand is fast, keeps memory flat *and* makes Excel tables. XlsxWriter keeps every
cell in memory in its normal mode (~6 KB per row) and refuses tables in constant_memory mode;
openpyxl's write-only mode makes tables but is slower still; rustpy-xlsxwriter is fast but has no
tables. So XlsxWriter (write/rollup_xlsx.py) writes everything small -- 总览 and its charts, the
tables' definitions, the conditional formats, the other sheets -- over detail sheets that hold
only their header row, while each detail row is turned into SpreadsheetML the moment the roll-up
makes it and appended to a temporary file (DetailSpool, a core.rollup.DetailSink; 逾期与升级's
rows, sorted, are spooled when the workbook is written). `splice` then copies XlsxWriter's closed
package member by member into the target, pouring the spooled rows into those sheets'
<sheetData>. Nothing grows with the number of rows but the temporary files.

What the XML written here guarantees (tests/test_rollup_rows.py):
- text is an inline or shared string: it cannot become a formula, whatever it starts with;
- & < > are escaped; characters XML 1.0 forbids (C0 controls but tab and line breaks, U+FFFE,
  U+FFFF, lone surrogates) are removed; text like "_x000D_" stays literal (Excel would decode it);
- text is cut at Excel's 32 767 characters per cell, ending in a visible cut mark (write/xmlsafe.py);
- numbers are numbers, dates are serials in the date style, percents fractions in the percent
  style -- the style numbers XlsxWriter gave those formats, filled in when the rows are spliced.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO

from xlsxwriter.utility import xl_col_to_name

from crossdept import i18n
from crossdept.core.rollup import DetailRow, KeptDetail
from crossdept.model.outputs import ALL_ISSUES, ALL_TASKS
from crossdept.core.overdue import SPONSOR
from crossdept.model.sheets import BLOCKED, BOARD, ISSUES, LEVEL_2, LEVEL_3
from crossdept.model.spec import ColumnType, SheetSpec
from crossdept.write.xmlsafe import MAX_CELL_CHARS, ooxml_text

# Columns the roll-up adds to the model's own on 全部任务 / 全部问题. "汇总部门" rather than
# "部门": 部门 is an alias of 进度看板's 负责部门, and re-reading the roll-up must not confuse the two.
DEPT, SOURCE, ROW, FLAGS, DAYS, DUE, ESCALATE, OTHER = (
    "汇总部门", "来源文件", "来源行", "标记", "逾期天数", "有效时限", "建议升级", "其他列")
TASK_EXTRA = (DEPT, SOURCE, ROW, FLAGS, DAYS, OTHER)
ISSUE_EXTRA = (DEPT, SOURCE, ROW, FLAGS, DAYS, DUE, ESCALATE, OTHER)

STATE_LABELS = {"overdue": "逾期", "blocked": BLOCKED, "due_soon": "临期", "stale": "滞后"}
ESCALATION_KEYS = {LEVEL_2: "rollup.escalate.level2", LEVEL_3: "rollup.escalate.level3",
                   SPONSOR: "rollup.escalate.sponsor", "issue": "rollup.escalate.task",
                   "action": "rollup.escalate.action"}


def escalation_labels(lang: str) -> dict[str, str]:
    """The 建议升级 text of each escalation, looked up once rather than once per row."""
    return {key: i18n.t(message, lang) for key, message in ESCALATION_KEYS.items()}


# Style placeholders in the spooled XML, replaced by XlsxWriter's style numbers when spliced.
# Control characters are removed from every text, so these bytes cannot occur in data (nor
# inside UTF-8 sequences, whose bytes are all >= 0x80).
DATE_STYLE, PERCENT_STYLE = "\x01", "\x02"

_EPOCH = dt.datetime(1899, 12, 30)
_EPOCH_DATE, _DATE = _EPOCH.date(), dt.date
_FIRST_SERIAL = dt.date(1900, 3, 1)  # serials before it are off by Lotus' phantom 1900-02-29
_ESCAPES: dict[int, str] = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord("\r"): "&#13;"}
# Anything _text must do more than wrap: a character _ESCAPES maps, Excel's _xHHHH_, a space at
# either end. One search instead of four checks: most texts need none (and translate on Chinese
# text is ~8x slower than the search).
_PLAIN_TEXT = re.compile("[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]|_x|^\\s|\\s\\Z").search
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')
_TABLE_NAME = re.compile(rb'<table [^>]*\bname="([^"]*)"')
_REF = re.compile(rb'\bref="[^"]*"')
_CHUNK = 1 << 20
_BATCH = 256  # rows encoded and written at once: one call each per 256 rows instead of per row
# zlib level 3: on the 40-file bench's 20 MB of row XML it took 0.07 s for 1.6 MB, where the
# default level 6 took 0.17 s for 1.3 MB and level 1 0.06 s for 2.0 MB.
_LEVEL = 3
_PLAIN, _SHARED, _PERCENT = "plain", "shared", "percent"  # how a column's values are written
_REPEATING = (ColumnType.PERSON, ColumnType.DEPARTMENT, ColumnType.ENUM)
_SST_OPEN = re.compile(rb"<sst\b[^>]*>")
_SST_CELL = re.compile(rb'(<c\b[^>]*\bt="s"[^>]*><v>)(\d+)(</v>)')


def _text(text: str) -> str:
    """A <t> element: escaped, XML-safe, at most MAX_CELL_CHARS characters, spaces kept."""
    if len(text) <= MAX_CELL_CHARS and _PLAIN_TEXT(text) is None:
        return f"<t>{text}</t>"  # the common case, decided by one regex search
    text = ooxml_text(text)  # the one sanitiser: XML characters, cut visibly, _xHHHH_ kept literal
    if not text:
        return "<t></t>"
    body = text.translate(_ESCAPES)
    if text[0].isspace() or text[-1].isspace():
        return f'<t xml:space="preserve">{body}</t>'
    return f"<t>{body}</t>"


def value_xml(value: object) -> str:
    """A non-empty value as the rest of a <c> element after '<c' and its reference: by type, text
    for anything Excel has no type for ("" when there is nothing to write)."""
    cls = value.__class__
    if cls is str:
        return f' t="inlineStr"><is>{_text(value)}</is></c>'  # type: ignore[arg-type]
    if cls is bool:
        return f' t="b"><v>{int(value)}</v></c>'  # type: ignore[call-overload]
    if cls is int or (cls is float and math.isfinite(value)):  # type: ignore[arg-type]
        return f"><v>{value!r}</v></c>"
    if isinstance(value, dt.datetime):
        if value.tzinfo is None and value.date() >= _FIRST_SERIAL:
            return f' s="{DATE_STYLE}"><v>{(value - _EPOCH).total_seconds() / 86400!r}</v></c>'
    elif isinstance(value, dt.date):
        if value >= _FIRST_SERIAL:
            return f' s="{DATE_STYLE}"><v>{(value - _EPOCH_DATE).days}</v></c>'
        return value_xml(value.isoformat())
    text = str(value)
    return value_xml(text) if text else ""


class SharedStrings:
    """Texts that repeat down a column (department, file, owner, status, ...), stored once in the
    workbook's shared-string table instead of in every cell: a third less XML to write and
    compress. Capped, so memory stays bounded whatever the folder: past the cap texts go inline.

    Its strings take the table's first indexes; splice moves XlsxWriter's own after them."""

    CAP = 50_000

    def __init__(self) -> None:
        self.cells: dict[str, str] = {}  # text -> the rest of its cell, ' t="s"><v>N</v></c>'
        self.items: list[str] = []  # <si> elements, in index order
        self.refs = 0

    def cell(self, text: str) -> str | None:
        """The rest of a cell referring to `text` in the table, or None when the table is full."""
        rest = self.cells.get(text)
        if rest is None:
            if len(self.items) >= self.CAP:
                return None
            rest = self.cells[text] = f' t="s"><v>{len(self.items)}</v></c>'
            self.items.append(f"<si>{_text(text)}</si>")
        self.refs += 1
        return rest


class SheetRows:
    """One spooled sheet's data rows, as <row> elements in a temporary file, from Excel row 2.

    Every cell carries its reference ("D7"). ECMA-376 makes it optional, and leaving it out made
    the 40-file bench's roll-up 2.0 MB instead of 3.8 MB and 0.1 s faster, but Excel and WPS
    cannot be tried here and some readers require it: a file the PMO opens every week is not the
    place to save 0.1 s."""

    def __init__(self, width: int, percent_cols: frozenset[int] = frozenset(), shared_cols: frozenset[int] = frozenset(),
                 shared: SharedStrings | None = None) -> None:
        self.letters = [xl_col_to_name(c) for c in range(width)]
        self.kinds = [_SHARED if c in shared_cols and shared is not None else _PERCENT if c in percent_cols else _PLAIN
                      for c in range(width)]
        self.shared = shared
        self.count = 0
        self._file: IO[bytes] = tempfile.TemporaryFile()
        self._pending: list[str] = []  # rows not yet in the file: encoded and written _BATCH at a time

    def add(self, values: Sequence[object]) -> None:
        # The hot loop of a roll-up (every cell of every detail row): the common types are
        # handled inline, by exact class, before the general value_xml.
        self.count += 1
        r = str(self.count + 1)  # row 1 is the table's header
        parts = [f'<row r="{r}">']
        append = parts.append
        kinds, letters = self.kinds, self.letters
        known = self.shared.cells if self.shared is not None else {}
        for c, value in enumerate(values):
            if value is None:
                continue
            cls = value.__class__
            if cls is str:
                if not value:
                    continue
                rest = None
                if kinds[c] is _SHARED:
                    rest = known.get(value)  # type: ignore[call-overload]
                    if rest is None:
                        rest = self.shared.cell(value)  # type: ignore[union-attr, arg-type]
                    else:
                        self.shared.refs += 1  # type: ignore[union-attr]
                if rest is None:
                    rest = f' t="inlineStr"><is>{_text(value)}</is></c>'  # type: ignore[arg-type]
            elif cls is _DATE and value >= _FIRST_SERIAL:  # type: ignore[operator]
                rest = f' s="{DATE_STYLE}"><v>{(value - _EPOCH_DATE).days}</v></c>'  # type: ignore[operator]
            elif kinds[c] is _PERCENT and (cls is float or cls is int) and math.isfinite(value):  # type: ignore[arg-type]
                rest = f' s="{PERCENT_STYLE}"><v>{value / 100!r}</v></c>'  # type: ignore[operator]
            else:
                rest = value_xml(value)
                if not rest:
                    continue
            append(f'<c r="{letters[c]}{r}"{rest}')
        append("</row>")
        self._pending.append("".join(parts))
        if len(self._pending) >= _BATCH:
            self._flush()

    def _flush(self) -> None:
        # "ignore" drops lone surrogates, the one thing a Python str can hold that UTF-8 cannot.
        self._file.write("".join(self._pending).encode("utf-8", "ignore"))
        self._pending.clear()

    def copy_to(self, out: BinaryIO, styles: dict[bytes, bytes]) -> None:
        """Write every row to `out`, with the style placeholders replaced."""
        self._flush()
        self._file.flush()
        self._file.seek(0)
        while chunk := self._file.read(_CHUNK):
            for token, index in styles.items():
                chunk = chunk.replace(token, index)
            out.write(chunk)
        self._file.seek(0, 2)

    @property
    def table_ref(self) -> str:
        """The range of a table over the header row and these rows (one empty row when none)."""
        return f"A1:{self.letters[-1]}{max(self.count, 1) + 1}"

    @property
    def size(self) -> int:
        self._flush()
        return self._file.tell()

    def close(self) -> None:
        self._file.close()


@dataclass(frozen=True)
class DetailLayout:
    """The columns of one detail sheet: the model's, then the roll-up's own."""

    sheet: str
    table: str
    spec: SheetSpec
    extra: tuple[str, ...]

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.spec.columns] + list(self.extra)

    @property
    def percent_cols(self) -> frozenset[int]:
        return frozenset(i for i, c in enumerate(self.spec.columns) if c.type is ColumnType.PERCENT)

    @property
    def shared_cols(self) -> frozenset[int]:
        """Columns whose texts repeat from row to row: kept in the shared-string table."""
        base = len(self.spec.columns)
        return frozenset([i for i, c in enumerate(self.spec.columns) if c.type in _REPEATING]
                         + [base + i for i, h in enumerate(self.extra) if h in (DEPT, SOURCE, FLAGS, ESCALATE)])

    @property
    def date_cols(self) -> frozenset[int]:
        base = len(self.spec.columns)
        return frozenset([i for i, c in enumerate(self.spec.columns) if c.type is ColumnType.DATE]
                         + [base + i for i, h in enumerate(self.extra) if h == DUE])

    def values(self, row: DetailRow, escalations: dict[str, str]) -> list[object]:
        """The cells of one row, in header order (percents as 0-100, converted when written);
        `escalations` is escalation_labels(lang)."""
        flags = _FLAG_TEXTS.get(row.flags)
        if flags is None:  # a handful of combinations: each joined once, not once per row
            flags = _FLAG_TEXTS[row.flags] = "、".join(STATE_LABELS[f] for f in row.flags)
        if DUE in self.extra:
            return [*row.values, row.department, row.source, row.row, flags, row.days_overdue or None,
                    row.due, escalations[row.escalate_to] if row.escalate_to else None, row.other]
        return [*row.values, row.department, row.source, row.row, flags, row.days_overdue or None, row.other]


_FLAG_TEXTS: dict[tuple[str, ...], str] = {}  # 标记's text of each combination of flags met


TASKS = DetailLayout(ALL_TASKS, "Tasks", BOARD, TASK_EXTRA)
ISSUES_LAYOUT = DetailLayout(ALL_ISSUES, "Issues", ISSUES, ISSUE_EXTRA)


class DetailSpool:
    """The DetailSink that streams: every task and issue becomes XML at once, nothing is kept.

    Texts that depend on the language (建议升级) are written in `lang`, the roll-up's language.
    Use as a context manager (or call close) so the temporary files go.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.escalations = escalation_labels(lang)
        self.shared = SharedStrings()
        self.sheets = {layout: SheetRows(len(layout.headers), layout.percent_cols, layout.shared_cols, self.shared)
                       for layout in (TASKS, ISSUES_LAYOUT)}
        self._tasks, self._issues = self.sheets[TASKS], self.sheets[ISSUES_LAYOUT]

    @classmethod
    def of(cls, kept: KeptDetail, lang: str) -> DetailSpool:
        """A spool of rows a roll-up kept in memory (so both kinds are written the same way)."""
        spool = cls(lang)
        for row in kept.tasks:
            spool.task(row)
        for row in kept.issues:
            spool.issue(row)
        return spool

    def task(self, row: DetailRow) -> None:
        self._tasks.add(TASKS.values(row, self.escalations))

    def issue(self, row: DetailRow) -> None:
        self._issues.add(ISSUES_LAYOUT.values(row, self.escalations))

    def close(self) -> None:
        for rows in self.sheets.values():
            rows.close()

    def __enter__(self) -> DetailSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def splice(package: BinaryIO, target: Path, sheets: dict[str, SheetRows], tables: dict[str, str],
           styles: dict[str, int], shared: SharedStrings) -> None:
    """Copy the xlsx `package` to `target`, appending each spooled sheet's rows to the sheetData
    of the member it names (e.g. "xl/worksheets/sheet2.xml", its dimension fixed), setting the
    range of each table named in `tables` ({"Tasks": "A1:R24001"}), and putting the spooled
    shared strings first in the shared-string table (XlsxWriter's own moved after them).

    The tables are declared over a placeholder range and widened here because XlsxWriter's
    add_table indexes every cell of its range (~100 bytes each, half a second for 40 files)."""
    tokens = {token.encode(): str(index).encode() for token, index in styles.items()}
    shift = len(shared.items)
    with zipfile.ZipFile(package) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=_LEVEL) as out:
        if shift and "xl/sharedStrings.xml" not in src.namelist():
            raise ValueError("the package has no shared-string table to add the spooled strings to")
        for info in src.infolist():
            data = src.read(info)
            rows = sheets.get(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                data = _shared_strings(data, shared)
            elif info.filename.startswith("xl/tables/"):
                data = _table_ref(data, tables)
            elif info.filename.startswith("xl/worksheets/sheet") and shift:
                data = _SST_CELL.sub(lambda m: m[1] + str(int(m[2]) + shift).encode() + m[3], data)
            if rows is None:
                out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=_LEVEL)
                continue
            if b"<sheetData/>" in data:
                data = data.replace(b"<sheetData/>", b"<sheetData></sheetData>", 1)
            head, end, tail = data.partition(b"</sheetData>")
            if not end:
                raise ValueError(f"{info.filename}: no sheetData to splice rows into")
            last = f"{rows.letters[-1]}{rows.count + 1}".encode()
            head = _DIMENSION.sub(b'<dimension ref="A1:' + last + b'"/>', head, count=1)
            # By name, so the archive's compression level applies (a ZipInfo would bring level 6).
            with out.open(info.filename, "w", force_zip64=rows.size > (1 << 30)) as dst:
                dst.write(head)
                rows.copy_to(dst, tokens)
                dst.write(end + tail)


def _shared_strings(data: bytes, shared: SharedStrings) -> bytes:
    """XlsxWriter's shared-string table with the spooled strings first and the counts summed."""
    if not shared.items:
        return data
    opening = _SST_OPEN.search(data)
    if opening is None:
        raise ValueError("xl/sharedStrings.xml has no <sst> element")

    def summed(m: re.Match[bytes]) -> bytes:
        extra = shared.refs if m[1] == b"count" else len(shared.items)
        return m[1] + b'="' + str(int(m[2]) + extra).encode() + b'"'

    head = re.sub(rb'\b(count|uniqueCount)="(\d+)"', summed, opening[0])
    ours = "".join(shared.items).encode("utf-8", "ignore")
    return data[:opening.start()] + head + ours + data[opening.end():]


def _table_ref(data: bytes, tables: dict[str, str]) -> bytes:
    """A table part with its ref (and its autoFilter's) set, when `tables` names it."""
    name = _TABLE_NAME.search(data)
    ref = tables.get(name.group(1).decode()) if name else None
    if ref is None:
        return data
    return _REF.sub(b'ref="' + ref.encode() + b'"', data, count=2)  # <table ref> and <autoFilter ref>
