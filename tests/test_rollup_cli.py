"""`crossdept rollup` end to end: exit codes, JSON, the consolidated workbook read back by
python-calamine, openpyxl and crossdept's own reader, formula injection, and weekly history."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import openpyxl
import pytest
import python_calamine as pc
from typer.testing import CliRunner

from crossdept.cli import app
from crossdept.store.history import History, iso_week
from crossdept.core.rollup import Figures
from crossdept.read import read_workbook
from rollup_folder import HOSTILE, build_project


def run(*args: str, today: str = "2026-11-20", lang: str = "en"):  # type: ignore[no-untyped-def]
    return CliRunner(env={"COLUMNS": "200"}).invoke(app, ["rollup", *args, "--lang", lang, "--today", today])


@pytest.fixture(scope="module")
def rolled(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("cli")
    folder = build_project(base / "测试 项目")
    out = base / "out" / "汇总 ROLLUP.xlsx"
    history = base / "history.sqlite"
    week1 = run(str(folder), "-o", str(out), "--history", str(history), today="2026-11-13")
    result = run(str(folder), "-o", str(out), "--history", str(history), "--json")
    return folder, out, history, week1, result


def test_exit_code_json_and_human_text(rolled) -> None:  # type: ignore[no-untyped-def]
    folder, out, _, week1, result = rolled
    assert result.exit_code == 2, result.output  # the corrupt file, named; the roll-up is still written
    assert week1.exit_code == 2 and "Traceback" not in week1.output
    data = json.loads(result.stdout)
    assert set(data) == {"departments", "totals", "files", "missing_departments", "milestones"}
    assert data["missing_departments"] == ["销售部"]  # its rows are in the project workbook; no workbook of its own
    assert data["milestones"] == [{"milestone": "M1", "planned": "2026-11-30", "actual": None, "forecast": "2026-11-20",
                                   "slip_working_days": -6, "state": "按计划",
                                   "tasks": {"total": 4, "done": 2, "overdue": 2, "blocked": 0}}]
    assert [d["department"] for d in data["departments"]] == ["研发部", "市场部", "销售部"]
    assert data["totals"]["tasks"]["total"] == 8
    assert {f["status"] for f in data["files"]} == {"ok", "skipped", "unreadable"}
    assert all(set(f) == {"path", "department", "status", "error", "findings"} for f in data["files"])
    assert "Read 3 workbooks, skipped 4 files, 1 unreadable." in week1.stderr
    assert "损坏.xlsx is damaged" in week1.stderr
    assert out.is_file()


def test_workbook_reopens_with_tables_and_charts(rolled) -> None:  # type: ignore[no-untyped-def]
    _, out, *_ = rolled
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["总览", "里程碑", "全部任务", "全部问题", "逾期与升级", "趋势", "数据来源"]
    assert list(wb["全部任务"].tables) == ["Tasks"] and wb["全部任务"].tables["Tasks"].ref == "A1:R9"
    assert list(wb["全部问题"].tables) == ["Issues"] and wb["全部问题"].tables["Issues"].ref == "A1:W7"
    assert list(wb["逾期与升级"].tables) == ["Overdue"] and list(wb["数据来源"].tables) == ["Sources"]
    for ws in wb.worksheets:  # printed for the weekly meeting: landscape, one page wide
        assert ws.page_setup.orientation == "landscape" and ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToHeight == 0 and ws.page_setup.fitToWidth in (None, 1), ws.title
    assert wb["全部任务"].print_title_rows == "$1:$1"
    # openpyxl drops charts on load; the chart parts and their anchors must be in the package.
    import zipfile
    with zipfile.ZipFile(out) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 4  # 总览: status and issues by department; 趋势: completion and issues
    rules = wb["全部任务"].conditional_formatting
    assert any('SEARCH("逾期"' in r.formula[0] for cf in rules for r in cf.rules)
    book = pc.CalamineWorkbook.from_path(str(out))
    overview = book.get_sheet_by_name("总览").to_python()
    # --lang en: each header is its English name over the Chinese one; the colour word is English.
    assert overview[3][:3] == ["Department\n部门", "Tasks\n任务总数", "Not started\n未开始"]
    header = [h.split("\n")[-1] for h in overview[3]]
    rows = {r[0]: dict(zip(header, r)) for r in overview[4:8]}
    assert rows["研发部"]["完成率"] == pytest.approx(0.4) and rows["研发部"]["红黄绿"] == "red"
    assert rows["市场部"]["红黄绿"] == "green" and rows["合计"]["任务总数"] == 8
    overdue = book.get_sheet_by_name("逾期与升级").to_python()
    assert overdue[0][:3] == ["Kind\n类型", "Department\n部门", "ID\n编号"] and {r[0] for r in overdue[1:]} == {"task", "issue"}
    assert "red = an overdue issue" in overview[1][0]  # the rule, stated where the colours are


def test_hostile_cells_arrive_as_text(rolled) -> None:  # type: ignore[no-untyped-def]
    _, out, *_ = rolled
    ws = openpyxl.load_workbook(out)["全部任务"]
    cells = {c.value: c for row in ws.iter_rows(min_row=2) for c in row if c.value in HOSTILE}
    assert set(cells) == set(HOSTILE)
    assert all(c.data_type == "s" for c in cells.values())
    grid = pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("全部任务").to_python()
    assert {v for row in grid for v in row if v in HOSTILE} == set(HOSTILE)


def test_detail_sheets_are_read_back_by_crossdept(rolled) -> None:  # type: ignore[no-untyped-def]
    _, out, *_ = rolled
    book = read_workbook(out, 2026)
    assert [(s.name, s.spec.key, len(s.records)) for s in book.sheets] == [
        ("全部任务", "board", 8), ("全部问题", "issues", 6)]
    assert set(book.unrecognised) == {"总览", "里程碑", "逾期与升级", "趋势", "数据来源"}
    rd3 = next(r for r in book.sheet("issues").records if r.get("id") == "RD-3")
    assert rd3.extra["汇总部门"] == "研发部" and rd3.extra["标记"] == "逾期、滞后"
    assert rd3.extra["来源文件"].endswith("研发部.xlsx") and rd3.extra["来源行"] == 5
    tasks = {r.get("id"): r for r in book.sheet("board").records}
    assert tasks["RD-T2"].get("progress") == 50 and tasks["MK-T1"].get("status") == "已完成"


def test_history_accumulates_weeks_and_a_rerun_replaces(rolled, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder, out, history, *_ = rolled
    again = run(str(folder), "-o", str(out), "--history", str(history))  # 2026-W47 once more
    assert again.exit_code == 2
    with sqlite3.connect(history) as db:
        counts = db.execute("SELECT week, COUNT(*) FROM snapshot GROUP BY week ORDER BY week").fetchall()
    assert counts == [("2026-W46", 3), ("2026-W47", 3)]
    trend = pc.CalamineWorkbook.from_path(str(out)).get_sheet_by_name("趋势").to_python()
    assert [r[0] for r in trend] == ["Week\n周", "2026-W46", "2026-W47"]
    header = [h.split("\n")[-1] for h in trend[0]]
    assert header[:5] == ["周", "截至", "合计完成率", "未关闭问题", "逾期问题"]
    w47 = dict(zip(header, trend[2]))
    assert w47["合计完成率"] == pytest.approx(0.375) and w47["未关闭问题"] == 4 and w47["逾期问题"] == 2
    # A week earlier RD-3's derived deadline (11-13) was today: not overdue yet.
    assert dict(zip(header, trend[1]))["逾期问题"] < w47["逾期问题"]


def test_history_store_replaces_a_week_and_drops_departments_gone(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite"
    with History(path) as store:
        store.record(dt.date(2026, 11, 13), [Figures("甲", total=2), Figures("乙", total=1)])
        store.record(dt.date(2026, 11, 20), [Figures("甲", total=3), Figures("乙", total=1)])
        store.record(dt.date(2026, 11, 19), [Figures("甲", total=4)])  # same ISO week as 11-20
    with History(path) as store:
        weeks = store.weeks()
    assert [(w.week, [(f.department, f.total) for f in w.departments]) for w in weeks] == [
        ("2026-W46", [("甲", 2), ("乙", 1)]), ("2026-W47", [("甲", 4)])]
    assert weeks[1].as_of == dt.date(2026, 11, 19) and iso_week(dt.date(2027, 1, 1)) == "2026-W53"


def test_bad_history_file_is_one_line_exit_2(tmp_path: Path) -> None:
    folder = build_project(tmp_path / "p")
    bad = tmp_path / "history.sqlite"
    bad.write_text("not a database", encoding="utf-8")
    result = run(str(folder), "-o", str(tmp_path / "o.xlsx"), "--history", str(bad))
    assert result.exit_code == 2 and "history file" in result.stderr and "Traceback" not in result.output
    assert bad.read_text(encoding="utf-8") == "not a database"


def test_another_programs_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    folder = build_project(tmp_path / "p")
    other = tmp_path / "crm.db"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE customers (name TEXT)")
    before = other.read_bytes()
    result = run(str(folder), "-o", str(tmp_path / "o.xlsx"), "--history", str(other))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "another program's SQLite database (tables customers)" in result.stderr
    assert other.read_bytes() == before
    zh = run(str(folder), "-o", str(tmp_path / "o.xlsx"), "--history", str(other), lang="zh")
    assert "其他程序的 SQLite 数据库（含表 customers）" in zh.stderr and other.read_bytes() == before


def test_not_a_folder_and_empty_folder(tmp_path: Path) -> None:
    missing = run(str(tmp_path / "nope"), "-o", str(tmp_path / "o.xlsx"), lang="zh")
    assert missing.exit_code == 2 and "不是文件夹" in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "会议记录.docx").write_bytes(b"not a workbook")
    history = tmp_path / "h.sqlite"
    with History(history) as store:  # this week's real snapshot, from an earlier run
        store.record(dt.date(2026, 11, 19), [Figures("研发部", total=3)])
    result = run(str(empty), "-o", str(tmp_path / "o.xlsx"), "--history", str(history), "--json")
    # Likely the wrong folder (or a sync that failed): exit 2 for the scheduler, said in words,
    # the roll-up still names what it saw, and this week's snapshot is not replaced by nothing.
    assert result.exit_code == 2 and "check that this is the right folder" in result.stderr.lower()
    data = json.loads(result.stdout)
    assert data["departments"] == [] and [f["status"] for f in data["files"]] == ["skipped"]
    assert openpyxl.load_workbook(tmp_path / "o.xlsx").sheetnames[0] == "总览"
    with History(history) as store:
        assert [(w.week, [(f.department, f.total) for f in w.departments]) for w in store.weeks()] == [
            ("2026-W47", [("研发部", 3)])]
    default = run(str(empty), "-o", str(tmp_path / "o.xlsx"))
    assert default.exit_code == 2 and not (empty / ".crossdept").exists()  # no store made for nothing


def test_output_inside_the_folder_is_never_rolled_up(tmp_path: Path) -> None:
    folder = build_project(tmp_path / "p")
    out = folder / "ROLLUP.xlsx"
    first = json.loads(run(str(folder), "-o", str(out), "--json").stdout)
    (folder / "上周汇总.xlsx").write_bytes(out.read_bytes())  # last week's roll-up left in the folder
    second = json.loads(run(str(folder), "-o", str(out), "--json").stdout)
    assert second["totals"] == first["totals"]
    status = {Path(f["path"]).name: (f["status"], f["error"]) for f in second["files"]}
    assert "ROLLUP.xlsx" not in status
    assert status["上周汇总.xlsx"][0] == "skipped" and "roll-up" in status["上周汇总.xlsx"][1]


def test_never_overwrites_a_workbook_that_is_not_a_rollup(tmp_path: Path) -> None:
    folder = build_project(tmp_path / "p")
    department = folder / "研发部.xlsx"
    before = department.read_bytes()
    result = run(str(folder), "-o", str(department))
    assert result.exit_code == 2 and "not overwritten" in result.stderr
    assert department.read_bytes() == before
    wrong = run(str(folder), "-o", str(tmp_path / "rollup.csv"))
    assert wrong.exit_code == 2 and ".xlsx" in wrong.stderr and not (tmp_path / "rollup.csv").exists()
    out = tmp_path / "rollup.xlsx"
    assert run(str(folder), "-o", str(out)).exit_code == 2  # the corrupt file; the roll-up is written
    again = run(str(folder), "-o", str(out))  # last week's roll-up may be replaced
    assert again.exit_code == 2 and "not overwritten" not in again.stderr and "Wrote" in again.stderr


def test_hostile_peer_workbooks_are_each_accounted_for(peers: list[Path], tmp_path: Path) -> None:
    folder = peers[0].parent
    out = tmp_path / "peers.xlsx"
    result = run(str(folder), "-o", str(out), "--history", str(tmp_path / "h.sqlite"), "--json")
    assert "Traceback" not in result.output and result.exit_code == 2, result.stderr[-2000:]
    files = json.loads(result.stdout)["files"]
    listed = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    assert sorted(Path(f["path"]) for f in files) == listed  # every file, none twice
    assert all(f["status"] in ("ok", "invalid", "unreadable", "skipped") for f in files)
    assert all(f["error"] for f in files if f["status"] in ("unreadable", "skipped"))
    assert [f["status"] for f in files if Path(f["path"]).name == "too_small.xls"] == ["unreadable"]
    assert pc.CalamineWorkbook.from_path(str(out)).sheet_names[-1] == "数据来源"


def test_unwritable_default_history_still_writes_the_rollup(tmp_path: Path) -> None:
    folder = build_project(tmp_path / "p")
    (folder / ".crossdept").write_text("a file where the history folder would go", encoding="utf-8")
    out = tmp_path / "o.xlsx"
    result = run(str(folder), "-o", str(out))
    assert result.exit_code == 2 and "History not recorded" in result.stderr and "--history" in result.stderr
    assert "趋势" not in openpyxl.load_workbook(out).sheetnames


def test_a_year_the_holiday_calendar_does_not_know_is_warned_about(tmp_path: Path) -> None:
    """Working days past the calendar's years fall back to Monday-Friday, and the PMO is told."""
    folder = build_project(tmp_path / "p")
    later = run(str(folder), "-o", str(tmp_path / "o.xlsx"), "--history", str(tmp_path / "h.sqlite"), today="2030-03-04")
    # Only 2030 decides a state (staleness, the next working day): days overdue are calendar days.
    assert "does not know 2030 yet; Monday-Friday is used" in later.stderr
    now = run(str(folder), "-o", str(tmp_path / "o.xlsx"), "--history", str(tmp_path / "h.sqlite"))
    assert "does not know" not in now.stderr
