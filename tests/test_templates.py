"""The templates, read back: what a person gets when they open them in Excel.

Every built file is opened with openpyxl (formatting, validations, tables, conditional formats) and
with python-calamine (the values Excel shows), independently of how it was written, and then
through crossdept's own reader, which must recognise every sheet and column.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import python_calamine as pc
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet
from typer.testing import CliRunner

from crossdept.cli import app
from crossdept.model.outputs import WORKDAYS_SHEET
from crossdept.model.sheets import (
    BOARD,
    CHARTER,
    COMM_PLAN,
    GUIDE_TEMPLATES,
    ISSUES,
    MINUTES,
    RACI,
    WORKBOOK_KINDS,
)
from crossdept.model.spec import Column, ColumnType, Layout, SheetSpec
from crossdept.read import read_workbook
from crossdept.write.templates import (
    DEFAULT_RACI_ROLES,
    NEXT_WORKDAY,
    ROW_RULES,
    TEMPLATE_FILES,
    build_templates,
    build_workbook,
    save_workbook,
    workbook_bytes,
)

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "xlsx_templates"

RED, AMBER, PURPLE = "FFC7CE", "FFEB9C", "E4DFEC"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("templates")
    build_templates(folder)
    return folder


def specs_of(kind: str) -> tuple[SheetSpec, ...]:
    return WORKBOOK_KINDS[kind] if kind in WORKBOOK_KINDS else (GUIDE_TEMPLATES[kind],)


# Every (file, sheet) of the built templates that holds a table.
TABLE_SHEETS = [
    (name, spec) for name, kind in TEMPLATE_FILES.items() for spec in specs_of(kind) if spec.layout is not Layout.INSTRUCTIONS
]


def calamine_rows(path: Path, sheet: str) -> list[list[object]]:
    return pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def header_row_of(rows: list[list[object]], first_header: str) -> int:
    """The 1-based row whose first cell is the table's first header, as calamine sees it."""
    return next(i for i, r in enumerate(rows, start=1) if r and r[0] == first_header)


def validations_at(ws: Worksheet, ref: str) -> list:
    return [dv for dv in ws.data_validations.dataValidation if ref in dv.sqref]


def columns_of(spec: SheetSpec, ws: Worksheet, header: int) -> list[Column]:
    if spec.layout is Layout.MATRIX:
        roles = [ws.cell(header, c).value for c in range(2, ws.max_column + 1) if ws.cell(header, c).value]
        return [*spec.columns, *(Column(f"role:{r}", r, r, ColumnType.RACI) for r in roles)]
    return list(spec.columns)


def cf_rules(ws: Worksheet) -> list[tuple[str, str, str]]:
    """(range, formula, fill colour) of every conditional format of a sheet."""
    return [(str(cf.sqref), rule.formula[0], rule.dxf.fill.bgColor.rgb[-6:])
            for cf in ws.conditional_formatting for rule in cf.rules]


# --- the committed files --------------------------------------------------------------------


def test_committed_templates_are_exactly_a_fresh_build(built: Path) -> None:
    assert sorted(p.name for p in COMMITTED.glob("*.xlsx")) == sorted(TEMPLATE_FILES)
    for name in TEMPLATE_FILES:
        assert (COMMITTED / name).read_bytes() == (built / name).read_bytes(), f"rebuild {name}: crossdept templates build"


def test_a_build_with_data_is_byte_identical_twice() -> None:
    data = {"issues": [{"id": "RD-001", "description": "接口延期", "impact": "联调", "raised_on": dt.date(2026, 11, 18),
                        "owner": "张三", "status": "处理中"}]}
    assert workbook_bytes(build_workbook("department", project="P", data=data)) == workbook_bytes(
        build_workbook("department", project="P", data=data))


# --- every table sheet ----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "spec"), TABLE_SHEETS, ids=[f"{n}:{s.name}" for n, s in TABLE_SHEETS])
def test_table_sheet_has_table_dropdowns_dates_prompts_widths_and_print_setup(built: Path, name: str, spec: SheetSpec) -> None:
    path = built / name
    rows = calamine_rows(path, spec.name)
    header = header_row_of(rows, spec.columns[0].header)
    ws = openpyxl.load_workbook(path)[spec.name]
    columns = columns_of(spec, ws, header)
    # python-calamine sees the model's canonical headers, in order.
    assert [v for v in rows[header - 1] if v != ""] == [c.header for c in columns]

    # A real Excel table over the header and the body, its column names the headers.
    table = next(iter(ws.tables.values()))
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    assert (min_col, min_row, max_col) == (1, header, len(columns)) and max_row > header
    assert [c.name for c in table.tableColumns] == [c.header for c in columns]
    body = (header + 1, max_row)

    for col, column in enumerate(columns, start=1):
        letter = get_column_letter(col)
        first, last = f"{letter}{body[0]}", f"{letter}{body[1]}"
        dvs = validations_at(ws, first)
        assert dvs and validations_at(ws, last), f"{column.header}: no validation over the body"
        dv = dvs[0]
        # The input prompt carries the help text and the English header.
        assert dv.showInputMessage and column.alias in dv.prompt and dv.promptTitle == column.header
        if column.help_zh:
            assert column.help_zh in dv.prompt
        if column.type is ColumnType.ENUM:
            assert dv.type == "list" and dv.formula1 == '"' + ",".join(column.choices.values) + '"'
        if column.type is ColumnType.RACI:
            assert dv.type == "list" and {"R", "A", "C", "I", "R/A"} <= set(dv.formula1.strip('"').split(","))
        if column.type is ColumnType.DATE:
            assert dv.type == "date" and dv.operator == "between"
            assert ws[first].number_format == ws[last].number_format == "yyyy-mm-dd"
        if column.type is ColumnType.PERCENT:
            assert dv.type == "decimal" and (dv.formula1, dv.formula2) == ("0", "1")
            assert ws[first].number_format == "0%"
        if not column.key.startswith("role:"):
            assert ws.column_dimensions[letter].width >= column.width

    setup = ws.page_setup
    assert setup.orientation == "landscape" and setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows
    if spec.layout is Layout.TABLE or spec.layout is Layout.MATRIX:
        assert ws.print_title_rows == f"${header}:${header}"
        assert ws.freeze_panes == ("B" if spec.layout is Layout.MATRIX else "A") + str(header + 1)
    else:
        assert ws.freeze_panes == "A2"


@pytest.mark.parametrize("name", list(TEMPLATE_FILES))
def test_the_reader_recognises_every_sheet_and_column(built: Path, name: str) -> None:
    book = read_workbook(built / name, 2026)
    specs = specs_of(TEMPLATE_FILES[name])
    assert [s.spec.key for s in book.sheets] == [s.key for s in specs]
    # The hidden 工作日历 (working days for the colours) is the only sheet that holds no records.
    assert book.unrecognised == ([WORKDAYS_SHEET] if any(s.key in ROW_RULES for s in specs) else [])
    assert book.findings == []
    for sheet in book.sheets:
        if sheet.spec.columns:
            assert set(sheet.header.columns) >= {c.key for c in sheet.spec.columns}
            assert not sheet.header.duplicates
        for field in sheet.spec.fields:
            assert field.key in sheet.blocks[0].field_slots, f"{sheet.name}: no slot for {field.header}"


def test_the_communication_plan_template_holds_the_guides_three_examples(built: Path) -> None:
    book = read_workbook(built / "模板一-沟通计划表.xlsx", 2026)
    items = [r.get("item") for r in book.sheet("comm_plan").records]
    assert items == ["需求评审", "周进度同步", "上线前测试协调"]
    assert book.sheet("comm_plan").records[1].get("frequency") == "每周五15:00"


# --- conditional formats: the colours Excel shows by itself ---------------------------------


def column_letter(ws: Worksheet, header_row: int, header: str) -> str:
    return next(c.column_letter for c in ws[header_row] if c.value == header)


def test_issue_rows_go_red_when_overdue_and_amber_when_due_soon(built: Path) -> None:
    ws = openpyxl.load_workbook(built / "模板三-问题跟踪表.xlsx")[ISSUES.name]
    header = header_row_of(calamine_rows(built / "模板三-问题跟踪表.xlsx", ISSUES.name), ISSUES.columns[0].header)
    due = f"${column_letter(ws, header, '解决时限')}{header + 1}"
    status = f"${column_letter(ws, header, '状态')}{header + 1}"
    rules = cf_rules(ws)
    red = [f for _, f, fill in rules if fill == RED]
    amber = [f for _, f, fill in rules if fill == AMBER]
    assert len(red) == 1 and len(amber) == 1
    for formula in (red[0], amber[0]):
        assert f'{status}<>"已解决"' in formula and f'{status}<>"已关闭"' in formula and f"ISNUMBER({due})" in formula
    assert f"{due}<TODAY()" in red[0]
    assert f"{due}>=TODAY()" in amber[0] and f"{due}<={NEXT_WORKDAY}" in amber[0]
    # The colours reach the whole row and far below the table.
    area = rules[0][0]
    assert area.startswith(f"A{header + 1}:") and range_boundaries(area)[2] == len(ISSUES.columns)
    assert range_boundaries(area)[3] >= 1000
    # Red is checked first and stops: an overdue row is not amber too.
    priorities = sorted((r.priority, r.stopIfTrue, r.dxf.fill.bgColor.rgb[-6:]) for cf in ws.conditional_formatting for r in cf.rules)
    assert priorities[0][1:] == (True, RED)


def test_task_rows_red_when_overdue_purple_when_blocked(built: Path) -> None:
    path = built / "部门工作簿.xlsx"
    ws = openpyxl.load_workbook(path)[BOARD.name]
    header = header_row_of(calamine_rows(path, BOARD.name), BOARD.columns[0].header)
    planned = f"${column_letter(ws, header, '计划完成日期')}{header + 1}"
    status = f"${column_letter(ws, header, '状态')}{header + 1}"
    rules = {fill: formula for _, formula, fill in cf_rules(ws)}
    assert f"{planned}<TODAY()" in rules[RED] and f'{status}<>"已完成"' in rules[RED]
    assert rules[PURPLE] == f'{status}="阻塞"'


def test_minutes_actions_and_charter_milestones_go_red_when_overdue(built: Path) -> None:
    book = openpyxl.load_workbook(built / "项目工作簿.xlsx")
    minutes = cf_rules(book[MINUTES.name])
    assert len(minutes) == 1 and minutes[0][2] == RED and "TODAY()" in minutes[0][1] and '"已完成"' in minutes[0][1]
    charter = cf_rules(book[CHARTER.name])
    assert len(charter) == 1 and charter[0][2] == RED and "NOT(ISNUMBER(" in charter[0][1]
    raci = cf_rules(book[RACI.name])
    assert len(raci) == 1 and raci[0][2] == AMBER and '"*A*"' in raci[0][1] and '"*R*"' in raci[0][1]


# --- blocks: 会议纪要 and 项目章程 -------------------------------------------------------------


def test_minutes_fields_are_label_then_value_with_dropdown_and_date(built: Path) -> None:
    path = built / "模板二-会议纪要.xlsx"
    block = read_workbook(path, 2026).sheet("minutes").blocks[0]
    ws = openpyxl.load_workbook(path)[MINUTES.name]
    for field in MINUTES.fields:
        row, col = block.field_slots[field.key]
        assert ws.cell(row, col - 1).value == field.header
        dv = validations_at(ws, ws.cell(row, col).coordinate)
        assert dv and field.alias in dv[0].prompt
        if field.type is ColumnType.DATE:
            assert dv[0].type == "date" and ws.cell(row, col).number_format == "yyyy-mm-dd"
        if field.type is ColumnType.ENUM:
            assert dv[0].formula1 == '"周例会,里程碑复盘会,问题升级会,专题会"'


def test_meetings_stack_down_the_sheet_each_with_its_own_table(tmp_path: Path) -> None:
    meetings = [
        {"fields": {"meeting_name": f"第{n}次周例会", "meeting_type": "Weekly", "date": dt.date(2026, 11, 6 + 7 * n)},
         "rows": [{"no": i, "topic": f"议题{n}-{i}", "owner": "张三", "due": dt.date(2026, 11, 20), "status": "进行中"}
                  for i in range(1, n + 2)]}
        for n in range(1, 4)
    ]
    wb = build_workbook("模板二-会议纪要", data={"minutes": meetings})
    ws = wb[MINUTES.name]
    assert len(ws.tables) == 3
    path = save_workbook(wb, tmp_path / "纪要.xlsx")
    blocks = read_workbook(path, 2026).sheet("minutes").blocks
    assert [b.field("meeting_name") for b in blocks] == ["第1次周例会", "第2次周例会", "第3次周例会"]
    assert [b.field("meeting_type") for b in blocks] == ["周例会"] * 3  # written canonically
    assert [[r.get("topic") for r in b.records] for b in blocks] == [
        [f"议题{n}-{i}" for i in range(1, n + 2)] for n in range(1, 4)]
    # Every meeting's table rows have the dropdowns and the date format.
    for b in blocks:
        last = b.records[-1]
        due = ws.cell(last.row, last.cells["due"].col)
        assert due.number_format == "yyyy-mm-dd" and validations_at(ws, due.coordinate)[0].type == "date"


def test_charter_has_project_fields_and_milestone_table(tmp_path: Path) -> None:
    data = {"charter": {"fields": {"lead": "王五", "sponsor": "赵总", "start": dt.date(2026, 11, 2)},
                        "rows": [{"milestone": "需求确认", "planned": dt.date(2026, 11, 10), "status": "完成"}]}}
    wb = build_workbook("project", project="智慧门店上线", data=data)
    path = save_workbook(wb, tmp_path / "章程.xlsx")
    charter = read_workbook(path, 2026).sheet("charter")
    assert charter.field("project") == "智慧门店上线" and charter.field("lead") == "王五"
    assert charter.field("start") == dt.date(2026, 11, 2)
    assert [(r.get("milestone"), r.get("status")) for r in charter.records] == [("需求确认", "已完成")]


def test_raci_has_one_column_per_department_with_role_dropdowns(tmp_path: Path) -> None:
    empty = read_workbook(save_workbook(build_workbook("project"), tmp_path / "p.xlsx"), 2026).sheet("raci")
    assert empty.role_columns == list(DEFAULT_RACI_ROLES)
    data = {"raci": {"roles": ["研发部", "市场部"], "rows": [{"task": "需求评审", "roles": {"研发部": "ra", "市场部": "C", "客服部": "I"}}]}}
    raci = read_workbook(save_workbook(build_workbook("project", data=data), tmp_path / "q.xlsx"), 2026).sheet("raci")
    assert raci.role_columns == ["研发部", "市场部", "客服部"]
    assert {k: c.value for k, c in raci.records[0].cells.items()} == {
        "task": "需求评审", "role:研发部": "R/A", "role:市场部": "C", "role:客服部": "I"}


def test_raci_role_names_are_one_line_and_never_the_task_column(tmp_path: Path) -> None:
    data = {"raci": {"roles": [" 研发部\n", "市场  部"], "rows": [{"task": "上线", "roles": {"研发部": "A", "客服\n部": "R"}}]}}
    raci = read_workbook(save_workbook(build_workbook("project", data=data), tmp_path / "r.xlsx"), 2026).sheet("raci")
    assert raci.role_columns == ["研发部", "市场 部", "客服 部"]
    assert raci.records[0].get("role:研发部") == "A" and raci.records[0].get("role:客服 部") == "R"
    with pytest.raises(ValueError, match="task column"):
        build_workbook("project", data={"raci": {"roles": ["研发部", "任务"]}})


# --- 说明 -----------------------------------------------------------------------------------


def test_instructions_tell_how_to_fill_and_what_the_colours_mean(built: Path) -> None:
    path = built / "部门工作簿.xlsx"
    ws = openpyxl.load_workbook(path)["说明"]
    text = "\n".join(str(v) for row in calamine_rows(path, "说明") for v in row if v)
    for spec in (COMM_PLAN, BOARD, ISSUES, MINUTES):
        assert spec.help_zh in text and spec.help_en in text
    assert "工作日历" in text and "法定节假日" in text and "public holidays" in text
    assert text.index("如何填写") < text.index("How to fill it in")  # Chinese first, then English
    swatches = {c.fill.fgColor.rgb[-6:] for row in ws.iter_rows() for c in row if c.fill and c.fill.fill_type == "solid"}
    assert {RED, AMBER, PURPLE} <= swatches


# --- data given by callers (samples, rollup) -------------------------------------------------


def test_data_is_written_typed_canonical_and_safe(tmp_path: Path) -> None:
    rows = [{"id": f"RD-T{i:02}", "task": f"任务{i}", "department": "研发部", "owner": "张三",
             "planned_finish": dt.date(2026, 11, 1) + dt.timedelta(days=i), "status": "Done" if i % 2 else "阻塞",
             "progress": 80 if i % 2 else 0.35} for i in range(1, 41)]
    rows[0]["task"] = '=HYPERLINK("http://evil.example","点我")'
    rows[1]["notes"] = "@SUM(A1)\x07 铃"
    wb = build_workbook("department", project="智慧门店", department="研发部", data={"board": rows})
    path = save_workbook(wb, tmp_path / "研发部 工作簿.xlsx")

    book = read_workbook(path, 2026)
    records = book.sheet("board").records
    assert len(records) == 40 and book.findings == []
    assert records[0].get("task") == '=HYPERLINK("http://evil.example","点我")'  # text, never a formula
    assert records[1].get("notes") == "@SUM(A1) 铃"  # the control character is dropped
    assert records[0].get("status") == "已完成" and records[0].get("progress") == 80.0
    assert records[1].get("progress") == 35.0
    ws = openpyxl.load_workbook(path)[BOARD.name]
    first = ws.cell(records[0].row, records[0].cells["task"].col)
    assert first.data_type == "s" and first.quotePrefix
    # The table, validations and formats reach past the last record.
    last = records[-1].row
    table = ws.tables["tbl_board"]
    assert range_boundaries(table.ref)[3] >= last
    planned = ws.cell(last, records[-1].cells["planned_finish"].col)
    assert planned.number_format == "yyyy-mm-dd" and validations_at(ws, planned.coordinate)[0].type == "date"
    assert ws.cell(last, records[-1].cells["progress"].col).number_format == "0%"


def test_unknown_kind_sheet_or_column_is_a_callers_mistake() -> None:
    with pytest.raises(ValueError, match="kind"):
        build_workbook("weekly")
    with pytest.raises(ValueError, match="raci"):
        build_workbook("department", data={"raci": {}})
    with pytest.raises(ValueError, match="colour"):
        build_workbook("department", data={"board": [{"colour": "red"}]})


# --- crossdept new / templates build ----------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(app, [*args])


def test_new_fills_project_and_department_and_never_overwrites(tmp_path: Path) -> None:
    out = tmp_path / "中文 文件夹" / "研发部 工作簿.xlsx"
    out.parent.mkdir()
    result = run("new", "-o", str(out), "--project", "智慧门店上线", "--department", "研发部", "--lang", "en", "--today", "2026-11-20")
    assert result.exit_code == 0, result.output
    book = read_workbook(out, 2026)
    assert book.meta("project") == "智慧门店上线" and book.meta("department") == "研发部"
    assert [s.spec.key for s in book.sheets] == [s.key for s in WORKBOOK_KINDS["department"]]
    title = calamine_rows(out, ISSUES.name)[0][0]
    assert "智慧门店上线" in title and "研发部" in title

    before = out.read_bytes()
    again = run("new", "-o", str(out), "--kind", "project", "--lang", "en")
    assert again.exit_code == 2 and "--force" in again.output
    assert out.read_bytes() == before

    forced = run("new", "-o", str(out), "--kind", "project", "--project", "X", "--force", "--lang", "zh")
    assert forced.exit_code == 0, forced.output
    assert read_workbook(out, 2026).sheet("charter").field("project") == "X"
    backups = list((out.parent / ".crossdept-backup").iterdir())
    assert len(backups) == 1 and backups[0].read_bytes() == before


def test_new_stores_names_as_text_never_as_formulas(tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    evil = '=HYPERLINK("http://evil.example","点我")'
    assert run("new", "-o", str(out), "--project", evil, "--department", "+研发部", "--kind", "project").exit_code == 0
    book = read_workbook(out, 2026)
    assert book.meta("project") == evil and book.meta("department") == "+研发部"
    assert book.sheet("charter").field("project") == evil
    formulas = [c.coordinate for ws in openpyxl.load_workbook(out) for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


@pytest.mark.parametrize(("target", "expect"), [("plan.txt", ".xlsx"), ("", "")])
def test_new_refuses_a_wrong_output_with_exit_2(tmp_path: Path, target: str, expect: str) -> None:
    result = run("new", "-o", str(tmp_path / target), "--lang", "en")
    assert result.exit_code == 2 and expect in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_templates_build_writes_every_template(tmp_path: Path) -> None:
    result = run("templates", "build", str(tmp_path / "模板 目录"), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "模板 目录").iterdir()) == sorted(TEMPLATE_FILES)


def test_new_under_a_file_says_that_file_is_not_a_folder(tmp_path: Path) -> None:
    blocker = tmp_path / "计划 notes.txt"
    blocker.write_text("mine", encoding="utf-8")
    for lang, words in (("en", "is a file, not a folder"), ("zh", "是文件而不是文件夹")):
        result = run("new", "-o", str(blocker / "sub" / "研发部.xlsx"), "--lang", lang)
        assert result.exit_code == 2 and words in result.output and str(blocker) in result.output
    assert blocker.read_text(encoding="utf-8") == "mine"
