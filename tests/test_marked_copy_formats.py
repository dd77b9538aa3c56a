"""Workbooks crossdept cannot mark in their own format (.ods here; .xls and .xlsb take the same
path): `highlight --out` writes a marked .xlsx copy of the values with a note, in place is
refused with the reason, and `weekly` archives the copy without exiting 2.

Inputs are real OpenDocument files (tests/test_highlight.write_ods, the way LibreOffice stores
strings and dates); copies are read back by openpyxl (values, sheet state, conditional formats).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from crossdept.cli import app
from test_highlight import BOARD_HEAD, ISSUE_HEAD, ISSUES_ROWS, RED, TASK_ROWS, TODAY, rules, write_ods

ALERT = 15  # column O: the first empty column right of the 14 issue columns


def run(*args: str) -> object:
    return CliRunner().invoke(app, [*args, "--today", TODAY, "--lang", "en"])


def test_highlight_out_writes_an_ods_as_a_marked_xlsx_copy_with_a_note(tmp_path: Path) -> None:
    book = write_ods(tmp_path / "研发部.ods", {"问题跟踪表": [ISSUE_HEAD, *ISSUES_ROWS], "进度看板": [BOARD_HEAD, *TASK_ROWS]})
    original = book.read_bytes()
    res = run("highlight", str(book), "--out", str(tmp_path / "out"), "--json")
    assert res.exit_code == 1, res.output  # overdue work, and nothing unreadable or refused
    entry = json.loads(res.stdout)["files"][0]
    copy = tmp_path / "out" / "研发部.xlsx"
    assert (entry["status"], entry["error"], entry["written"]) == ("ok", None, str(copy))
    assert entry["note"] == (
        f"{book}: marks cannot be written into a .ods file, so the marked copy is an .xlsx: {copy} (every sheet's "
        "values and the marks; the original's formulas, formatting, charts and macros are not in it). The original is unchanged.")
    assert entry["note"] in res.stderr
    assert book.read_bytes() == original and sorted(p.name for p in (tmp_path / "out").iterdir()) == ["研发部.xlsx"]

    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames == ["问题跟踪表", "进度看板"]
    issues = wb["问题跟踪表"]
    assert [c.value for c in issues[1]][:14] == ISSUE_HEAD
    assert [c.value for c in issues[2]][:5] == ["RD-001", "问题RD-001", "上线", None, dt.datetime(2026, 11, 16)]
    assert issues.cell(2, 8).number_format == "yyyy-mm-dd"
    assert [issues.cell(r, ALERT).value for r in range(2, 7)] == [
        "2 days overdue, propose level 3 (the project sponsor decides)", "due today",
        "not updated since 2026-11-17; update it daily", None, None]
    assert rules(copy, "问题跟踪表")[RED] == ["A2:O2"]
    board = wb["进度看板"]
    assert [board.cell(r, 13).value for r in (2, 3, 4)] == [
        "planned for 2026-11-19, 1 day overdue", "blocked; give the reason and get it unblocked", None]


def test_in_place_is_refused_with_the_way_to_get_a_copy(tmp_path: Path) -> None:
    book = write_ods(tmp_path / "研发部.ods", {"问题跟踪表": [ISSUE_HEAD, *ISSUES_ROWS]})
    res = run("highlight", str(book), "--json")
    assert res.exit_code == 2
    entry = json.loads(res.stdout)["files"][0]
    assert entry["status"] == "refused" and entry["note"] is None
    assert "cannot be written into a .ods file (only .xlsx/.xlsm); the file is unchanged" in entry["error"]
    assert "use --out DIR for a marked .xlsx copy" in entry["error"]


def test_weekly_archives_the_marked_copy_and_does_not_exit_2(tmp_path: Path) -> None:
    folder = tmp_path / "项目"
    folder.mkdir()
    original = write_ods(folder / "研发部.ods", {"说明": [["部门", "研发部"]], "问题跟踪表": [ISSUE_HEAD, *ISSUES_ROWS]}).read_bytes()
    for in_place in (False, True):
        out = tmp_path / f"out-{in_place}"
        res = CliRunner().invoke(app, ["weekly", str(folder), "--out", str(out), "--today", TODAY, "--lang", "en",
                                       *(["--in-place"] if in_place else [])])
        assert res.exit_code == 1, res.output  # overdue work; nothing unreadable, nothing refused
        copy = out / f"项目-{TODAY}-标记副本" / "研发部.xlsx"
        assert openpyxl.load_workbook(copy)["问题跟踪表"].cell(2, ALERT).value.startswith("2 days overdue")
        log = (out / f"项目-{TODAY}-运行日志.txt").read_text(encoding="utf-8")
        assert f"so the marked copy is an .xlsx: {copy}" in log
    # The input was never written, so never backed up (.crossdept is the project's history store).
    assert (folder / "研发部.ods").read_bytes() == original
    assert sorted(p.name for p in folder.iterdir()) == [".crossdept", "研发部.ods"]
