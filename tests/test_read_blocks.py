"""Blocks and tables inside a sheet, as offices really send them (domain.md "Blocks inside a sheet"):
a second block under a repeated header, Excel tables with a totals row, 合计/汇总 rows, hidden and
filtered rows. Each workbook is a real file written by XlsxWriter or openpyxl and read back."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from conftest import write_xlsx
from openpyxl.worksheet.table import Table

from crossdept.config import Config
from crossdept.core.rollup import build_rollup
from crossdept.core.validate import validate_workbook
from crossdept.read import read_workbook

D = dt.date
TODAY = D(2026, 11, 20)
ISSUE_HEAD = ["问题编号", "问题描述", "影响范围", "提出日期", "责任人", "解决时限", "冲突等级", "状态", "更新日期", "解决日期"]
BOARD_HEAD = ["任务编号", "任务名称", "负责部门", "负责人", "计划完成日期", "实际完成日期", "状态", "完成百分比", "阻塞原因/备注", "更新日期"]


def _issue(n: int, status: str, due: dt.date) -> list[object]:
    closed = status in ("已解决", "已关闭")
    return [f"RD-{n:03}", f"问题{n}", "上线", D(2026, 11, 2), "张伟", due, "一级", status, D(2026, 11, 19),
            D(2026, 11, 10) if closed else None]


def _two_blocks(path: Path) -> Path:
    """Seven open issues, then a title, the header again and three closed ones (openpyxl)."""
    open_rows = [_issue(n, "处理中", D(2026, 11, 30)) for n in range(1, 8)]
    closed_rows = [_issue(n, "已关闭", D(2026, 11, 9)) for n in range(8, 11)]
    return write_xlsx(path, {
        "说明": [["部门", "研发部"]],
        "问题跟踪表": [["研发部 问题跟踪表"], ISSUE_HEAD, *open_rows, [], ["已关闭/归档问题"], ISSUE_HEAD, *closed_rows],
    })


def test_a_second_block_under_a_repeated_header_is_read_without_its_title_and_header(tmp_path: Path) -> None:
    path = _two_blocks(tmp_path / "研发部.xlsx")
    book = read_workbook(path, 2026)
    sheet = book.sheet("issues")
    assert [b.header.row for b in sheet.blocks] == [2, 12]
    assert [r.get("id") for r in sheet.records] == [f"RD-{n:03}" for n in range(1, 11)]
    assert [r.row for r in sheet.blocks[1].records] == [13, 14, 15]
    # No finding about the title row or the repeated header (责任人「责任人」, 状态「状态」...).
    assert validate_workbook(book, Config(), TODAY) == []
    figures = build_rollup([(path, book)], Config(), TODAY).departments
    assert [(f.department, f.issues_open) for f in figures] == [("研发部", 7)]


def _xlsxwriter_table_with_totals(path: Path) -> None:
    """Five tasks in an Excel table whose totals row reads 汇总 / 5 / 43% (XlsxWriter)."""
    wb = xlsxwriter.Workbook(path)
    ws = wb.add_worksheet("进度看板")
    ws.write_row(0, 0, ["研发部 进度看板"])
    data = [["RD-T1", "接口", "研发部", "张伟", dt.datetime(2026, 11, 10), dt.datetime(2026, 11, 10), "已完成", 1.0, None, dt.datetime(2026, 11, 10)],
            ["RD-T2", "联调", "研发部", "李娜", dt.datetime(2026, 11, 30), None, "进行中", 0.5, None, dt.datetime(2026, 11, 19)],
            ["RD-T3", "压测", "研发部", "张伟", dt.datetime(2026, 11, 30), None, "进行中", 0.3, None, dt.datetime(2026, 11, 19)],
            ["RD-T4", "文档", "研发部", "李娜", dt.datetime(2026, 12, 3), None, "进行中", 0.35, None, dt.datetime(2026, 11, 19)],
            ["RD-T5", "上线", "研发部", "张伟", dt.datetime(2026, 12, 10), None, "未开始", 0.0, None, dt.datetime(2026, 11, 19)]]
    date = wb.add_format({"num_format": "yyyy-mm-dd"})
    columns = [{"header": h, "format": date} if "日期" in h else {"header": h} for h in BOARD_HEAD]
    columns[0]["total_string"] = "汇总"
    columns[1]["total_function"] = "count"  # the 5 of "汇总 / 5 / 43%", in a text column
    columns[7]["total_function"] = "average"
    ws.add_table(1, 0, 1 + len(data) + 1, len(BOARD_HEAD) - 1,
                 {"name": "研发任务", "data": data, "total_row": True, "columns": columns})
    wb.close()


def test_an_excel_tables_totals_row_is_not_a_task(tmp_path: Path) -> None:
    path = tmp_path / "研发部.xlsx"
    _xlsxwriter_table_with_totals(path)
    book = read_workbook(path, 2026)
    assert [r.get("id") for r in book.sheet("board").records] == ["RD-T1", "RD-T2", "RD-T3", "RD-T4", "RD-T5"]
    fig = build_rollup([(path, book)], Config(departments=["研发部"]), TODAY).departments[0]
    assert (fig.total, fig.completion_pct, fig.avg_progress_pct) == (5, 20.0, 43.0)
    assert validate_workbook(book, Config(), TODAY) == []


def test_a_table_totals_row_without_a_label_is_found_by_the_table_definition(tmp_path: Path) -> None:
    """openpyxl's table: the totals row holds only numbers, so only the definition tells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进度看板"
    ws.append(BOARD_HEAD)
    ws.append(["T1", "a", "研发部", "张伟", D(2026, 12, 1), None, "进行中", 0.5, None, D(2026, 11, 19)])
    ws.append(["T2", "b", "研发部", "李娜", D(2026, 12, 1), None, "未开始", 0, None, D(2026, 11, 19)])
    ws.append([None, 2, None, None, None, None, None, 0.25, None, None])
    table = Table(displayName="Tasks", ref="A1:J4")
    table.totalsRowCount = 1
    ws.add_table(table)
    path = tmp_path / "研发部.xlsx"
    wb.save(path)
    assert [r.get("id") for r in read_workbook(path, 2026).sheet("board").records] == ["T1", "T2"]


def test_a_total_row_typed_by_hand_is_not_a_record_but_a_row_with_other_text_is(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "研发部.xlsx", {"进度看板": [
        BOARD_HEAD,
        ["T1", "a", "研发部", "张伟", D(2026, 12, 1), None, "进行中", 0.5, None, D(2026, 11, 19)],
        ["T2", "b", "研发部", "李娜", D(2026, 12, 1), None, "未开始", 0, None, D(2026, 11, 19)],
        ["合 计", None, None, None, None, None, 2, 0.25, None, None],
        [None, "Total:", None, None, None, None, None, None, None, None],
        ["小计", "小计说明写成了任务", None, None, None, None, "未开始", None, None, None],
    ]})
    book = read_workbook(path, 2026)
    assert [(r.row, r.get("id")) for r in book.sheet("board").records] == [(2, "T1"), (3, "T2"), (6, "小计")]
    # The count 2 under 状态 is not reported as a status.
    assert not [f for f in book.findings if f.row in (4, 5)]


def _hidden_rows(path: Path) -> Path:
    """Four tasks, one filtered out by an autofilter and one hidden by hand (openpyxl)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进度看板"
    ws.append(BOARD_HEAD)
    for n, status in enumerate(["进行中", "已完成", "阻塞", "进行中"], start=1):
        ws.append([f"T{n}", f"任务{n}", "研发部", "张伟", D(2026, 12, 1), D(2026, 11, 5) if status == "已完成" else None,
                   status, 1 if status == "已完成" else 0.5, "等数据" if status == "阻塞" else None, D(2026, 11, 19)])
    ws.auto_filter.ref = "A1:J5"
    ws.auto_filter.add_filter_column(6, ["进行中"])
    ws.row_dimensions[3].hidden = True  # filtered out
    ws.row_dimensions[4].hidden = True  # hidden by hand
    wb.save(path)
    return path


def test_hidden_and_filtered_rows_are_records(tmp_path: Path) -> None:
    records = read_workbook(_hidden_rows(tmp_path / "研发部.xlsx"), 2026).sheet("board").records
    assert [r.get("id") for r in records] == ["T1", "T2", "T3", "T4"]


def test_a_total_row_with_counts_in_text_columns_is_not_a_record_even_without_a_table(tmp_path: Path) -> None:
    """What a program that drops table definitions leaves: 汇总 and numbers (5 under 任务名称)."""
    path = write_xlsx(tmp_path / "研发部.xlsx", {"进度看板": [
        BOARD_HEAD,
        ["T1", "a", "研发部", "张伟", D(2026, 12, 1), None, "进行中", 0.5, None, D(2026, 11, 19)],
        ["汇总", 1, None, None, None, None, 1, 0.5, None, None],
    ]})
    assert [r.get("id") for r in read_workbook(path, 2026).sheet("board").records] == ["T1"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed here")
def test_workbooks_resaved_by_libreoffice_read_the_same(tmp_path: Path) -> None:
    """The writer matters: LibreOffice rewrites tables, filters and hidden rows its own way."""
    source = tmp_path / "src"
    source.mkdir()
    _xlsxwriter_table_with_totals(source / "表格.xlsx")
    _two_blocks(source / "两段.xlsx")
    _hidden_rows(source / "隐藏.xlsx")
    out = tmp_path / "lo"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "xlsx", "--outdir", str(out), *map(str, sorted(source.iterdir()))],
                   check=True, capture_output=True, timeout=300)
    table = read_workbook(out / "表格.xlsx", 2026)
    assert [r.get("id") for r in table.sheet("board").records] == ["RD-T1", "RD-T2", "RD-T3", "RD-T4", "RD-T5"]
    fig = build_rollup([(out / "表格.xlsx", table)], Config(departments=["研发部"]), TODAY).departments[0]
    assert (fig.total, fig.completion_pct, fig.avg_progress_pct) == (5, 20.0, 43.0)
    blocks = read_workbook(out / "两段.xlsx", 2026)
    assert [b.header.row for b in blocks.sheet("issues").blocks] == [2, 12]
    assert len(blocks.sheet("issues").records) == 10 and validate_workbook(blocks, Config(), TODAY) == []
    hidden = read_workbook(out / "隐藏.xlsx", 2026).sheet("board").records
    assert [r.get("id") for r in hidden] == ["T1", "T2", "T3", "T4"]
