"""The ribbon's 生成复盘报告 button, run through dispatch() on xlwings' remote engine (as
tests/test_excel_handlers.py explains), on the milestone folder of milestone_folder.py."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import xlwings as xw
from milestone_folder import TODAY, build
from test_excel_handlers import actions, alerts, payload, remote_engine  # noqa: F401 - the engine fixture

from crossdept.excel.dispatch import dispatch


def test_the_report_of_the_latest_milestone_is_written_beside_and_opened(tmp_path: Path) -> None:
    folder = build(tmp_path / "门店项目")
    data = payload(folder / "研发部.xlsx")
    board = next(s for s in data["sheets"] if s["name"] == "进度看板")
    row = next(r for r in board["values"] if "R-3" in r)
    planned = row.index("2026-11-12")
    row[row.index("2026-11-12", planned + 1)] = "2026-11-17"  # its 实际完成日期: finished late, not saved yet
    book = xw.Book(json=data)
    dispatch("cdReview", book=book, today=TODAY, lang="zh")
    made = folder / "门店项目-2026-11-20-复盘报告-系统开发完成.docx"
    assert made.is_file() and str(made) in alerts(book)[-1]
    late = [[c.text for c in r.cells] for r in docx.Document(str(made)).tables[1].rows][1:]
    assert [r[0] for r in late] == ["R-2", "R-3"]  # R-3 as it is on screen: 5 days late
    assert late[1][5] == "5"
    dispatch("cdReview", book=book, today=TODAY, lang="zh")
    assert (folder / "门店项目-2026-11-20-复盘报告-系统开发完成-2.docx").is_file()  # never overwrites
    assert not actions(book, "setValues"), "the report is its own file, never the open workbook"


def test_without_a_milestone_reached_the_user_is_told_in_a_box(tmp_path: Path) -> None:
    folder = build(tmp_path / "门店项目")
    book = xw.Book(json=payload(folder / "研发部.xlsx"))
    dispatch("cdReview", book=book, today=dt.date(2026, 9, 1), lang="en")
    box = actions(book, "alert")[-1]["args"]
    assert box[3] == "critical" and box[0].startswith("No milestone is done (has an 实际日期) by 2026-09-01.")
    assert not list(folder.glob("*.docx"))
