"""The detail rows streamed as sheet XML (write/rollup_rows.py), read back by openpyxl and
python-calamine: tables over exactly the rows written, types and styles, and text that XML or
Excel would otherwise mangle (control characters, markup, "_x000D_", 100 000 characters)."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import python_calamine as pc
import pytest

from crossdept.config import Config
from crossdept.core.rollup import DetailRow, KeptDetail, OverdueItem, Rollup, build_rollup
from crossdept.model.sheets import BOARD, ISSUES
from crossdept.write.rollup_rows import DetailSpool
from crossdept.write.xmlsafe import CUT_MARK, MAX_CELL_CHARS
from crossdept.write.rollup_xlsx import write_rollup

TODAY = dt.date(2026, 11, 20)
COL = {c.key: i for i, c in enumerate(BOARD.columns)}


def task(name: object, **cells: object) -> DetailRow:
    values: list[object] = [None] * len(BOARD.columns)
    values[COL["id"]], values[COL["task"]] = "T-1", name
    for key, value in cells.items():
        values[COL[key]] = value
    return DetailRow("研发部", "研发部.xlsx", 3, tuple(values), "预算: 12", ("overdue",), 2)


def written(tmp_path: Path, tasks: list[DetailRow], issues: list[DetailRow] = (),  # type: ignore[assignment]
            overdue: list[OverdueItem] = ()) -> Path:  # type: ignore[assignment]
    rollup = Rollup(TODAY, [], [], list(overdue), [], KeptDetail(list(tasks), list(issues)))
    out = tmp_path / "roll.xlsx"
    write_rollup(rollup, out, "en")
    return out


def test_table_covers_exactly_the_streamed_rows(tmp_path: Path) -> None:
    overdue = [OverdueItem("task", "研发部", "研发部.xlsx", 3, "T-1", "x", "张伟", TODAY, 2, None, "issue", None)] * 3
    out = written(tmp_path, [task(f"任务{i}") for i in range(250)], overdue=overdue)
    wb = openpyxl.load_workbook(out)
    assert wb["全部任务"].tables["Tasks"].ref == "A1:R251"
    assert wb["全部问题"].tables["Issues"].ref == "A1:W2"  # no rows: header and one empty row
    assert wb["逾期与升级"].tables["Overdue"].ref == "A1:L4"
    assert wb["全部任务"].max_row == 251 and wb["全部任务"].cell(251, 2).value == "任务249"
    # The autoFilter (the table's filter buttons) spans the same range as the table.
    with zipfile.ZipFile(out) as z:
        table = z.read("xl/tables/table1.xml").decode()
    assert table.count('ref="A1:R251"') == 2
    rows = pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("全部任务").to_python()
    assert len(rows) == 251 and rows[1][COL["task"]] == "任务0"


def test_an_empty_rollup_still_opens(tmp_path: Path) -> None:
    rollup = build_rollup([], Config(), TODAY)
    out = tmp_path / "empty.xlsx"
    write_rollup(rollup, out, "zh")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["总览", "全部任务", "全部问题", "逾期与升级", "数据来源"]
    assert wb["全部任务"].tables["Tasks"].ref == "A1:R2"
    book = pc.CalamineWorkbook.from_path(str(out))
    assert book.get_sheet_by_name("全部问题").to_python()[0][:2] == [ISSUES.columns[0].header, ISSUES.columns[1].header]


def test_values_keep_their_types_and_formats(tmp_path: Path) -> None:
    out = written(tmp_path, [task("日期", planned_finish=dt.date(2026, 11, 18), progress=50.0, start="2026/11/31"),
                             task("早", planned_finish=dt.date(1899, 1, 1), progress=150, start=True)])
    ws = openpyxl.load_workbook(out)["全部任务"]
    planned, progress, start = COL["planned_finish"] + 1, COL["progress"] + 1, COL["start"] + 1
    assert ws.cell(2, planned).value == dt.datetime(2026, 11, 18) and ws.cell(2, planned).number_format == "yyyy-mm-dd"
    assert ws.cell(2, progress).value == 0.5 and ws.cell(2, progress).number_format == "0%"
    assert ws.cell(2, start).value == "2026/11/31"  # unreadable, kept as typed: text
    assert ws.cell(3, planned).value == "1899-01-01"  # before Excel's calendar: text, not a wrong date
    assert ws.cell(3, progress).value == 1.5  # 150 "%" as given: a fraction of 100 like any percent
    assert ws.cell(3, start).value is True
    assert ws.cell(2, 15).value == 3 and ws.cell(2, 16).value == "逾期" and ws.cell(2, 17).value == 2


def test_hostile_and_awkward_text_arrives_as_typed_text(tmp_path: Path) -> None:
    texts = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1", "-3", "<b>&amp;</b>", "a_x000D_b",
             "  leading and trailing  ", "line\nbreak\ttab", "ctrl\x00\x07\x1f\ufffe end", "lone \ud800 surrogate"]
    out = written(tmp_path, [task(t) for t in texts] + [task("长" * 100_000)])
    ws = openpyxl.load_workbook(out)["全部任务"]
    cells = [ws.cell(r, COL["task"] + 1) for r in range(2, len(texts) + 3)]
    assert all(c.data_type == "s" for c in cells)
    got = [c.value for c in cells]
    assert got[:5] + got[6:8] == texts[:5] + texts[6:8]
    # "_x000D_" is Excel's escape for a carriage return, so literal text is written as
    # "_x005F_x000D_" (as XlsxWriter does); Excel and calamine decode it, openpyxl leaves it.
    assert got[5] == "a_x005F_x000D_b"
    assert got[8] == "ctrl end" and got[9] == "lone  surrogate"  # what XML cannot hold is dropped
    # Excel's limit per cell, the cut visible (write/xmlsafe.py)
    assert got[10] == "长" * (MAX_CELL_CHARS - len(CUT_MARK)) + CUT_MARK
    grid = pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("全部任务").to_python()
    assert [row[COL["task"]] for row in grid[1:9]] == texts[:8]


def test_spool_language_and_cleanup(tmp_path: Path) -> None:
    row = DetailRow("研发部", "a.xlsx", 2, (None,) * len(ISSUES.columns), "", ("overdue",), 3, TODAY, "二级")
    with DetailSpool("zh") as spool:
        spool.issue(row)
        rollup = Rollup(TODAY, [], [], [], [], spool)
        write_rollup(rollup, tmp_path / "zh.xlsx", "en")  # the spool's language wins for its rows
        files = [rows._file for rows in spool.sheets.values()]
        with pytest.raises(TypeError):
            rollup.tasks  # noqa: B018 - streamed rows are not kept
    assert all(f.closed for f in files)
    grid = pc.CalamineWorkbook.from_path(str(tmp_path / "zh.xlsx")).get_sheet_by_name("全部问题").to_python()
    assert "二级" in grid[1][-2] and grid[1][-3] == dt.date(2026, 11, 20)


def test_repeating_texts_share_strings_up_to_the_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from crossdept.write.rollup_rows import SharedStrings
    monkeypatch.setattr(SharedStrings, "CAP", 3)
    rows = [DetailRow(f"部门{i}", f"{i}.xlsx", 2, (None,) * len(BOARD.columns), "", (), 0) for i in range(5)]
    out = written(tmp_path, rows * 2)
    with zipfile.ZipFile(out) as z:
        sst = z.read("xl/sharedStrings.xml").decode()
        sheet = z.read("xl/worksheets/sheet2.xml").decode()
    assert sst.count("<si>") > 3 and "<si><t>部门0</t></si>" in sst  # ours first, XlsxWriter's after
    assert "部门4" in sheet and "部门0" not in sheet  # past the cap: inline strings
    grid = pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("全部任务").to_python()
    dept = grid[0].index("汇总部门")
    assert [r[dept] for r in grid[1:]] == [f"部门{i}" for i in range(5)] * 2
    overview = pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("总览").to_python()
    assert overview[3][0] == "Department\n部门"  # XlsxWriter's own strings, moved after ours, still right


def test_every_streamed_cell_carries_its_reference(tmp_path: Path) -> None:
    """Optional in the standard, required by some readers: every <c> says where it is."""
    import re

    out = written(tmp_path, [task("甲", owner="张伟"), task("乙", milestone="M1", progress=50.0)])
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
    cells = [c for xml in sheets for c in re.findall(r"<c(?=[ >])[^>]*>", xml)]
    assert cells and all(re.search(r'\br="[A-Z]+\d+"', c) for c in cells)
