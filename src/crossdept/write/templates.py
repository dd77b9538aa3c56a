"""Workbooks from the sheet model: the guide's three templates, the department and project workbooks.

Everything here is derived from model/sheets.py (sheets, columns, enumerations, help, widths), so a
column added to the model appears in every template, dropdown and prompt at once. The conditional
formats are Excel formulas, so a workbook colours its overdue and due-soon rows by itself, in Excel,
with no Python running; crossdept's own `highlight` command adds what Excel cannot know (the
Chinese holiday calendar, derived deadlines, stale issues).

Output is deterministic: fixed document dates and zip entry dates, so the committed templates in
xlsx_templates/ are byte for byte what `crossdept templates build` writes.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import openpyxl
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from crossdept import i18n
from crossdept.core.calendar import WorkCalendar, known_years, workdays_of
from crossdept.model.normalise import to_percent, to_raci
from crossdept.model.outputs import WORKDAYS_NAME, WORKDAYS_SHEET
from crossdept.model.sheets import (
    GUIDE_TEMPLATES,
    INSTRUCTIONS,
    ISSUE_CLOSED,
    RACI,
    RACI_ROLES,
    TASK_STATUS,
    WORKBOOK_KINDS,
)
from crossdept.model.spec import Column, ColumnType, Layout, SheetSpec
from crossdept.model.text import match_key
from crossdept.write import xlsx_style as st
from crossdept.write.atomic import write_bytes_atomic

# Empty rows a fresh table offers; validations and conditional formats reach on to COVER_TO_ROW so
# rows typed below the table are checked and coloured too.
BLANK_ROWS = 20
MINUTES_BLANK_ROWS = 8
DATA_SPARE_ROWS = 2
COVER_TO_ROW = 1000
# Labelled fields per row: the minutes' nine fields fit in three rows above their table.
MINUTES_FIELDS_PER_ROW = 3
# The guide's departments (指南 一), as RACI columns until a project names its own.
DEFAULT_RACI_ROLES = ("研发部", "市场部", "销售部", "运营部", "财务部")
# Fixed document dates: a build writes the same bytes every time.
FIXED_TIME = dt.datetime(2026, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# The files `crossdept templates build` writes, and what each holds.
TEMPLATE_FILES: dict[str, str] = {
    **{f"{name}.xlsx": name for name in GUIDE_TEMPLATES},
    "部门工作簿.xlsx": "department",
    "项目工作簿.xlsx": "project",
}

_DONE = TASK_STATUS.lookup("Done")
_BLOCKED = TASK_STATUS.lookup("Blocked")
_OPEN_ISSUE = ",".join(f'{{status}}<>"{v}"' for v in ISSUE_CLOSED)

# The working days crossdept uses (core/calendar.py: statutory holidays and make-up days of the
# years chinese-calendar knows, from the templates' date on), in a hidden sheet under a workbook name the colours refer to:
# Excel's WORKDAY knows only Monday to Friday. The next working day after today is the entry
# after the last one on or before today; past the list's years (or before it), WORKDAY, as
# crossdept itself falls back to Monday to Friday there.
NEXT_WORKDAY = (f"IFERROR(INDEX({WORKDAYS_NAME},MATCH(TODAY(),{WORKDAYS_NAME},1)+1),WORKDAY(TODAY(),1))")

# Conditional formats per sheet: (mark, Excel formula); {key} is the column's cell in the first row.
# domain.md's rules, as far as Excel can evaluate them.
ROW_RULES: dict[str, tuple[tuple[str, str], ...]] = {
    "issues": (
        ("overdue", f"AND(ISNUMBER({{due}}),{{due}}<TODAY(),{_OPEN_ISSUE})"),
        ("due_soon", f"AND(ISNUMBER({{due}}),{{due}}>=TODAY(),{{due}}<={NEXT_WORKDAY},{_OPEN_ISSUE})"),
    ),
    "board": (
        ("overdue", f'AND(ISNUMBER({{planned_finish}}),{{planned_finish}}<TODAY(),{{status}}<>"{_DONE}")'),
        ("blocked", f'{{status}}="{_BLOCKED}"'),
    ),
    "minutes": (("overdue", f'AND(ISNUMBER({{due}}),{{due}}<TODAY(),{{status}}<>"{_DONE}")'),),
    "charter": (
        ("overdue", f'AND(ISNUMBER({{planned}}),{{planned}}<TODAY(),{{status}}<>"{_DONE}",NOT(ISNUMBER({{actual}})))'),
    ),
}
# RACI: a task needs exactly one A and at least one R (domain.md); {roles} is the row's role cells.
RACI_CHECK = 'AND({task}<>"",OR(COUNTIF({roles},"*A*")<>1,COUNTIF({roles},"*R*")=0))'


def raci_choices() -> tuple[str, ...]:
    """Every combination of R, A, C, I written the way the reader writes it back ("R/A")."""
    combos = (c for n in range(1, len(RACI_ROLES) + 1) for c in itertools.combinations(RACI_ROLES, n))
    return tuple("/".join(c) for c in combos)


def _both(key: str, **params: object) -> tuple[str, str]:
    return i18n.t(key, "zh", **params), i18n.t(key, "en", **params)


def _bilingual(key: str, sep: str = "\n", **params: object) -> str:
    return sep.join(_both(key, **params))


# --- cell values ----------------------------------------------------------------------------


def cell_value(column: Column, value: object) -> object:
    """What to store for a value given by a caller: canonical where the model knows the value.

    Enumerations and RACI roles are written canonically (domain.md); a percent number is stored as
    a fraction under a percent format, read back by model/normalise.to_percent as the same percent
    (80 and 0.8 both mean 80 %). Anything else, including text that is not a valid value, is
    written as given, so a sample can hold the mistakes validation is meant to find.
    """
    if value is None or value == "":
        return None
    if column.type is ColumnType.ENUM and column.choices is not None and isinstance(value, str):
        return column.choices.lookup(value) or value
    if column.type is ColumnType.RACI and isinstance(value, str):
        canonical, problem = to_raci(value)
        return value if problem else canonical
    if column.type is ColumnType.PERCENT and isinstance(value, (int, float)) and not isinstance(value, bool):
        pct, problem = to_percent(value)
        return value if problem else round(pct / 100, 6)
    return value


def _prompt(column: Column) -> str:
    zh, en = _both("templates.prompt-alias")
    return "\n".join(p for p in (column.help_zh, column.help_en, f"{zh} {en}: {column.alias}") if p)


def column_validation(column: Column) -> DataValidation:
    """The dropdown, date check or percent check of a column, always with its input prompt."""
    title, prompt = column.header, _prompt(column)
    if column.type is ColumnType.ENUM and column.choices is not None:
        values = column.choices.values
        return st.validation("list", title=title, prompt=prompt, formula1=st.list_formula(values),
                             error=_bilingual("templates.error-choice", values="、".join(values)))
    if column.type is ColumnType.RACI:
        return st.validation("list", title=title, prompt=prompt, formula1=st.list_formula(raci_choices()),
                             error=_bilingual("templates.error-raci"), strict=False)
    if column.type is ColumnType.DATE:
        low, high = st.date_bounds()
        return st.validation("date", title=title, prompt=prompt, operator="between", formula1=low,
                             formula2=high, error=_bilingual("templates.error-date"))
    if column.type is ColumnType.PERCENT:
        return st.validation("decimal", title=title, prompt=prompt, operator="between", formula1="0",
                             formula2="1", error=_bilingual("templates.error-percent"))
    return st.validation(None, title=title, prompt=prompt)


# --- one sheet ------------------------------------------------------------------------------


class SheetWriter:
    """Lays out one worksheet top to bottom: titles, labelled fields, tables; then finishes it."""

    def __init__(self, ws: Worksheet, spec: SheetSpec, columns: tuple[Column, ...], table_name: str) -> None:
        self.ws = ws
        self.spec = spec
        self.columns = columns
        self.ncols = max(len(columns), 2)
        self.table_name = table_name
        self.tables = 0
        self.row = 1
        self.header_rows: list[int] = []
        self.body_ranges: list[tuple[int, int]] = []
        self.validations: dict[str, DataValidation] = {}
        self.widths = {i: c.width for i, c in enumerate(columns, start=1)}

    def letter(self, key: str) -> str:
        return get_column_letter(next(i for i, c in enumerate(self.columns, start=1) if c.key == key))

    def line(self, text: str, font: object, height: float | None = None) -> None:
        """A title or note line across the table's width (merged, so it wraps as one)."""
        cell = st.put(self.ws.cell(self.row, 1), text)
        cell.font = font
        cell.alignment = st.WRAP
        self.ws.merge_cells(start_row=self.row, start_column=1, end_row=self.row, end_column=self.ncols)
        if height:
            self.ws.row_dimensions[self.row].height = height
        self.row += 1

    def note(self, text: str) -> None:
        width = sum(self.widths.values())
        self.line(text, st.NOTE_FONT, st.row_height([text], [width]))

    def fields(self, fields: tuple[Column, ...], values: Mapping[str, object], per_row: int) -> None:
        """Labelled fields, label cell then value cell, as read/parse.py reads them."""
        span = 1 if per_row > 1 else self.ncols - 1  # one field a row: its value spans the table
        for start in range(0, len(fields), per_row):
            texts, widths = [], []
            for n, field in enumerate(fields[start:start + per_row]):
                col = 1 + 2 * n
                label = st.put(self.ws.cell(self.row, col), field.header)
                label.font, label.fill, label.border, label.alignment = st.LABEL_FONT, st.LABEL_FILL, st.BOX, st.WRAP
                self.widths[col] = max(self.widths.get(col, 0), st.display_width(field.header) + 2)
                value = st.put(self.ws.cell(self.row, col + 1), cell_value(field, values.get(field.key)))
                value.border, value.alignment = st.BOX, st.WRAP
                if field.type in st.NUMBER_FORMATS:
                    value.number_format = st.NUMBER_FORMATS[field.type]
                if span > 1:
                    for c in range(col + 2, col + 1 + span):
                        self.ws.cell(self.row, c).border = st.BOX
                    self.ws.merge_cells(start_row=self.row, start_column=col + 1, end_row=self.row,
                                        end_column=col + span)
                # One validation per field, however many meetings repeat it down the sheet.
                self.validations.setdefault(f"field:{field.key}", column_validation(field)).add(value.coordinate)
                texts.append(str(value.value or ""))
                widths.append(sum(self.widths.get(c, 10) for c in range(col + 1, col + 1 + span)))
            self.ws.row_dimensions[self.row].height = st.row_height(texts, widths)
            self.row += 1

    def table(self, records: list[Mapping[str, object]], blank: int, cover_to: int | None) -> None:
        """The header row, the records and `blank` empty rows, as one Excel table."""
        header = self.row
        for col, column in enumerate(self.columns, start=1):
            cell = st.put(self.ws.cell(header, col), column.header)
            cell.alignment = st.HEADER_ALIGN
        first, last = header + 1, header + max(len(records) + blank, 1)
        for record in records:
            unknown = set(record) - {c.key for c in self.columns}
            if unknown:
                raise ValueError(f"{self.spec.key}: no column {sorted(unknown)} in the sheet model")
        for r in range(first, last + 1):
            record = records[r - first] if r - first < len(records) else {}
            for col, column in enumerate(self.columns, start=1):
                cell = st.put(self.ws.cell(r, col), cell_value(column, record.get(column.key)))
                if column.type in st.NUMBER_FORMATS:
                    cell.number_format = st.NUMBER_FORMATS[column.type]
                elif column.type is ColumnType.TEXT:
                    cell.alignment = st.WRAP
        self.tables += 1
        name = self.table_name if self.tables == 1 else f"{self.table_name}_{self.tables}"
        table = Table(displayName=name, ref=f"A{header}:{get_column_letter(len(self.columns))}{last}")
        table.tableStyleInfo = TableStyleInfo(name=st.TABLE_STYLE, showRowStripes=True)
        self.ws.add_table(table)
        for col, column in enumerate(self.columns, start=1):
            dv = self.validations.setdefault(column.key, column_validation(column))
            letter = get_column_letter(col)
            dv.add(f"{letter}{first}:{letter}{max(last, cover_to or last)}")
        self.header_rows.append(header)
        self.body_ranges.append((first, last))
        self.row = last + 1

    def row_rules(self, rules: Iterable[tuple[str, str]]) -> None:
        """Colour whole rows by formula, from the first table's first row down to COVER_TO_ROW."""
        if not self.body_ranges:
            return
        first = self.body_ranges[0][0]
        last = max(COVER_TO_ROW, self.body_ranges[-1][1])
        refs = {c.key: f"${self.letter(c.key)}{first}" for c in self.columns}
        area = f"A{first}:{get_column_letter(len(self.columns))}{last}"
        for mark, formula in rules:
            self.ws.conditional_formatting.add(area, st.expression_rule(formula.format(**refs), mark))

    def finish(self, freeze: str, title_rows: str) -> None:
        """Validations, widths, frozen panes and print set-up (landscape, fit to width, titles)."""
        for dv in self.validations.values():
            self.ws.add_data_validation(dv)
        for col, width in sorted(self.widths.items()):
            self.ws.column_dimensions[get_column_letter(col)].width = width
        ws = self.ws
        ws.freeze_panes = freeze
        st.print_one_page_wide(ws, title_rows)
        ws.oddFooter.center.text = "&P / &N"


# --- sheets ---------------------------------------------------------------------------------


def _title(spec: SheetSpec, project: str | None, department: str | None) -> str:
    return " · ".join(p for p in (f"{spec.name} {spec.alias}", project, department) if p)


def _legend(spec_key: str) -> str:
    marks = [m for m, _ in ROW_RULES.get(spec_key, ())] + (["check"] if spec_key == RACI.key else [])
    if not marks:
        return ""
    zh = "；".join(i18n.t(f"templates.short-{m}", "zh") for m in marks)
    en = "; ".join(i18n.t(f"templates.short-{m}", "en") for m in marks)
    return f"{zh}\n{en}"


def _sheet_note(spec: SheetSpec) -> str:
    legend = _legend(spec.key)
    return "\n".join(p for p in (spec.help_zh, spec.help_en, legend) if p)


def _role_name(role: object) -> str:
    """A department as a RACI header: one line, no stray spaces (a table header must be plain)."""
    return " ".join(str(role).split())


def _raci_columns(roles: Iterable[str]) -> tuple[Column, ...]:
    zh, en = _both("templates.raci-role-help")
    names = [n for n in dict.fromkeys(_role_name(r) for r in roles) if n]
    clash = [n for n in names if match_key(n) in RACI.columns[0].header_keys]
    if clash:
        raise ValueError(f"raci: role {clash} would be read as the task column")
    return (*RACI.columns, *(
        Column(f"role:{name}", name, name, ColumnType.RACI, width=max(10, st.display_width(name) + 2), help_zh=zh, help_en=en)
        for name in names
    ))


def _table_sheet(ws: Worksheet, spec: SheetSpec, title: str, records: list[Mapping[str, object]],
                 columns: tuple[Column, ...] | None = None) -> None:
    w = SheetWriter(ws, spec, columns or spec.columns, f"tbl_{spec.key}")
    w.line(title, st.TITLE_FONT, 24)
    w.note(_sheet_note(spec))
    w.table(records, BLANK_ROWS if not records else DATA_SPARE_ROWS, COVER_TO_ROW)
    w.row_rules(ROW_RULES.get(spec.key, ()))
    header = w.header_rows[0]
    freeze = f"B{header + 1}" if spec.layout is Layout.MATRIX else f"A{header + 1}"
    w.finish(freeze, f"{header}:{header}")
    if spec.layout is Layout.MATRIX and len(w.columns) > 1:
        first = w.body_ranges[0][0]
        roles = f"$B{first}:${get_column_letter(len(w.columns))}{first}"
        task = f"$A{first}:$A{max(COVER_TO_ROW, w.body_ranges[0][1])}"
        rule = st.expression_rule(RACI_CHECK.format(task=f"$A{first}", roles=roles), "check")
        ws.conditional_formatting.add(task, rule)


def _raci_sheet(ws: Worksheet, title: str, data: Mapping[str, object] | None) -> None:
    data = data or {}
    roles = [_role_name(r) for r in data.get("roles") or DEFAULT_RACI_ROLES]
    records = []
    for row in data.get("rows") or []:
        record = {"task": row.get("task")}
        for role, value in (row.get("roles") or {}).items():
            name = _role_name(role)
            if name not in roles:
                roles.append(name)
            record[f"role:{name}"] = value
        records.append(record)
    _table_sheet(ws, RACI, title, records, _raci_columns(roles))


def _blocks_sheet(ws: Worksheet, spec: SheetSpec, title: str, blocks: list[Mapping[str, object]],
                  per_row: int, blank: int) -> None:
    """Labelled fields over a table, once per block (one block per meeting on 会议纪要)."""
    w = SheetWriter(ws, spec, spec.columns, f"tbl_{spec.key}")
    for n, block in enumerate(blocks or [{}]):
        if n:
            w.row += 1  # a blank row between meetings
        w.line(title, st.TITLE_FONT, 24)
        if n == 0:
            w.note(_sheet_note(spec))
        fields = block.get("fields") or {}
        unknown = set(fields) - {f.key for f in spec.fields}
        if unknown:
            raise ValueError(f"{spec.key}: no field {sorted(unknown)} in the sheet model")
        w.fields(spec.fields, fields, per_row)
        rows = list(block.get("rows") or [])
        w.table(rows, blank if not rows else DATA_SPARE_ROWS, None)
    w.row_rules(ROW_RULES.get(spec.key, ()))
    w.finish("A2", "1:1")


def _instructions_sheet(ws: Worksheet, specs: tuple[SheetSpec, ...], project: str | None,
                        department: str | None) -> None:
    text_width = 96
    w = SheetWriter(ws, INSTRUCTIONS, INSTRUCTIONS.fields, "tbl_instructions")
    w.widths = {1: 18, 2: text_width}
    w.line(_bilingual("templates.instructions-title", sep="  "), st.TITLE_FONT, 24)
    w.row += 1
    w.fields(INSTRUCTIONS.fields, {"project": project, "department": department}, 1)
    w.row += 1

    def heading(text: str) -> None:
        st.put(ws.cell(w.row, 1), text).font = st.HEADING_FONT
        w.row += 1

    def para(label: str, text: str, mark: str | None = None) -> None:
        label_cell = st.put(ws.cell(w.row, 1), label)
        label_cell.alignment = st.WRAP
        if mark:
            st.swatch(label_cell, mark)
        else:
            label_cell.font = st.LABEL_FONT
        st.put(ws.cell(w.row, 2), text).alignment = st.WRAP
        ws.row_dimensions[w.row].height = st.row_height([label, text], [18, text_width])
        w.row += 1

    marks = [m for s in specs for m, _ in ROW_RULES.get(s.key, ())]
    if any(s.key == RACI.key for s in specs):
        marks.append("check")
    for lang in ("zh", "en"):
        heading(i18n.t("templates.howto-heading", lang))
        for key in ("templates.howto-rows", "templates.howto-dropdowns", "templates.howto-dates",
                    "templates.howto-daily", "templates.howto-blocks"):
            para("", i18n.t(key, lang))
        w.row += 1
        heading(i18n.t("templates.sheets-heading", lang))
        for spec in specs:
            if spec.layout is not Layout.INSTRUCTIONS:
                para(spec.label(lang), spec.help_en if lang == "en" else spec.help_zh)
        w.row += 1
        heading(i18n.t("templates.colours-heading", lang))
        for mark in dict.fromkeys(marks):
            para(i18n.t(f"templates.mark-{mark}", lang), i18n.t(f"templates.colour-{mark}", lang), mark)
        para("", i18n.t("templates.colour-note", lang))
        w.row += 1
    w.finish("A2", "1:1")


# --- workbooks ------------------------------------------------------------------------------


def build_workbook(kind: str, *, project: str | None = None, department: str | None = None,
                   data: dict | None = None, calendar: WorkCalendar | None = None) -> openpyxl.Workbook:
    """A workbook of `kind` ("department", "project" or a GUIDE_TEMPLATES name), optionally filled.

    data: {"comm_plan"|"board"|"issues": [{column_key: value}],
           "minutes": [{"fields": {field_key: value}, "rows": [{column_key: value}]}],  # one per meeting
           "charter": {"fields": {...}, "rows": [...]},
           "raci": {"roles": ["研发部", ...], "rows": [{"task": "...", "roles": {"研发部": "R/A"}}]}}
    Tables, validations and formats cover the data; `calendar` (a project's own days off and
    workdays, crossdept.toml) decides the working days the colours use. Raises ValueError for an unknown kind, sheet
    or column: those are mistakes of the caller, not of a user's workbook.
    """
    if kind in WORKBOOK_KINDS:
        specs = WORKBOOK_KINDS[kind]
    elif kind in GUIDE_TEMPLATES:
        specs = (GUIDE_TEMPLATES[kind],)
    else:
        raise ValueError(f"unknown workbook kind {kind!r}; expected one of {[*WORKBOOK_KINDS, *GUIDE_TEMPLATES]}")
    data = dict(data or {})
    unknown = set(data) - {s.key for s in specs}
    if unknown:
        raise ValueError(f"{kind}: no sheet {sorted(unknown)} in this kind of workbook")
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    standalone = kind in GUIDE_TEMPLATES
    for spec in specs:
        ws = wb.create_sheet(spec.name)
        title = _title(spec, project, department)
        sheet_data = data.get(spec.key)
        if spec.layout is Layout.INSTRUCTIONS:
            _instructions_sheet(ws, specs, project, department)
        elif spec.layout is Layout.MATRIX:
            _raci_sheet(ws, title, sheet_data)
        elif spec.layout is Layout.BLOCKS:
            if spec.key == "charter":
                block = dict(sheet_data or {})
                block["fields"] = {"project": project, **(block.get("fields") or {})}
                _blocks_sheet(ws, spec, title, [block], 1, BLANK_ROWS // 2)
            else:
                _blocks_sheet(ws, spec, title, list(sheet_data or []), MINUTES_FIELDS_PER_ROW, MINUTES_BLANK_ROWS)
        else:
            records = list(sheet_data or (spec.sample_rows if standalone else ()))
            _table_sheet(ws, spec, title, records)
    if any(spec.key in ROW_RULES for spec in specs):
        _workdays_sheet(wb, calendar)
    wb.active = 0
    props = wb.properties
    props.creator = props.lastModifiedBy = "crossdept"
    props.title = " · ".join(p for p in (kind, project, department) if p)
    props.created = props.modified = FIXED_TIME
    return wb


def _workdays_sheet(wb: openpyxl.Workbook, calendar: WorkCalendar | None = None) -> None:
    """The hidden 工作日历 sheet and the workbook name its dates go by (see NEXT_WORKDAY)."""
    ws = wb.create_sheet(WORKDAYS_SHEET)
    ws.sheet_state = "hidden"
    ws["A1"] = _bilingual("templates.workdays-header")
    # Only TODAY() and the day after it are looked up, and no one opens a template before it was
    # made: the years from the templates' own date on are enough (a few hundred rows, not 5,700).
    known = known_years()
    days = workdays_of(range(max(FIXED_TIME.year, known.start), known.stop), calendar)
    for r, day in enumerate(days, start=2):
        ws.cell(r, 1, day).number_format = "yyyy-mm-dd"
    ws.column_dimensions["A"].width = 14
    wb.defined_names[WORKDAYS_NAME] = DefinedName(WORKDAYS_NAME, attr_text=f"'{WORKDAYS_SHEET}'!$A$2:$A${len(days) + 1}")


def workbook_bytes(wb: openpyxl.Workbook) -> bytes:
    """The xlsx bytes of a workbook, the same for the same workbook every time.

    openpyxl stamps the save time into docProps and every zip entry; this writes through its
    ExcelWriter without the stamp and then re-packs the entries with fixed dates, in their order.
    """
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def save_workbook(wb: openpyxl.Workbook, path: Path) -> Path:
    """Write the workbook atomically (write/atomic.py) with deterministic bytes."""
    return write_bytes_atomic(Path(path), workbook_bytes(wb))


def build_templates(folder: Path) -> list[Path]:
    """Write every template of TEMPLATE_FILES into `folder` (xlsx_templates/ of the repo)."""
    return [save_workbook(build_workbook(kind), Path(folder) / name) for name, kind in TEMPLATE_FILES.items()]
