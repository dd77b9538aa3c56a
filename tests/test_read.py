"""Reading real workbook files: sheet recognition, header rows, aliases, blocks, cell references."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from conftest import write_xlsx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crossdept.model import BOARD, ISSUES
from crossdept.read import WorkbookError, read_workbook

D = dt.date


def test_title_block_bilingual_headers_extra_and_reordered_columns(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "研发部 问题.xlsx", {
        "问题跟踪表": [
            ["智慧门店上线 · 研发部问题跟踪表"],
            ["更新于 2026-11-20", None, "负责人：张伟"],
            [],
            ["状态 Status", "问题编号\nID", "Description", "我们自己的列", "影响范围", "提出日期", "Owner", "解决时限（Due）"],
            ["处理中", "RD-001", "接口延迟", "x", "上线", D(2026, 11, 18), "张伟", "2026年11月20日"],
            [None, None, None, None, None, None, None, None],
            ["Resolved", "RD-002", "描述", None, "范围", 46345, "李娜", "11月21日"],
        ],
    })
    book = read_workbook(path, 2026)
    sheet = book.sheet("issues")
    assert sheet is not None and sheet.header is not None
    assert sheet.header.row == 4
    assert sheet.header.columns == {"status": 1, "id": 2, "description": 3, "impact": 5, "raised_on": 6, "owner": 7, "due": 8}
    assert sheet.header.extra == {4: "我们自己的列"}
    first, second = sheet.records
    assert (first.row, second.row) == (5, 7)
    assert first.get("due") == D(2026, 11, 20) and first.cells["due"].ref == "H5"
    assert first.extra == {"我们自己的列": "x"}
    assert second.get("status") == "已解决" and second.get("raised_on") == D(2026, 11, 19)
    assert second.get("due") == D(2026, 11, 21)
    assert book.findings == []


def test_bad_values_become_findings_at_their_cells(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "board.xlsx", {
        "进度看板": [
            ["任务编号", "任务名称", "负责部门", "负责人", "计划完成日期", "状态", "完成百分比"],
            ["T1", "接口开发", "研发部", "张伟", "2026/11/31", "完成了", "很多"],
            ["T2", "联调", "研发部", "张伟", "2026-11-30", "进行中", "150%"],
        ],
    })
    book = read_workbook(path, 2026)
    got = {(f.cell, f.rule, f.column, f.value) for f in book.findings}
    assert got == {
        ("E2", "invalid-date", "计划完成日期", "2026/11/31"),
        ("F2", "invalid-choice", "状态", "完成了"),
        ("G2", "invalid-percent", "完成百分比", "很多"),
        ("G3", "percent-range", "完成百分比", "150%"),
    }
    record = book.sheet("board").records[0]
    assert record.get("status") is None and record.has("status") and not record.cells["status"].ok
    f = next(f for f in book.findings if f.cell == "F2")
    assert f.severity == "error" and f.sheet == "进度看板" and f.row == 2 and f.path == str(path)
    assert f.message("zh") == "F2：状态「完成了」不在可选值中（未开始/进行中/已完成/阻塞），请从下拉列表中选择。"
    assert "F2: 状态 \"完成了\" is not one of the allowed values" in f.message("en")


def test_a_value_repeated_down_a_column_reads_alike_on_every_row(tmp_path: Path) -> None:
    """The reader remembers what each value of a column normalised to (read/parse.py): a repeated
    bad value still makes a finding at each of its cells, a blank or spaces make no cell, and
    values that compare equal across types (TRUE, 1, 1.0) are each read as their own type."""
    path = write_xlsx(tmp_path / "board.xlsx", {
        "进度看板": [
            ["任务编号", "任务名称", "负责部门", "负责人", "计划完成日期", "状态", "完成百分比"],
            ["T1", "接口开发", "研发部", "张伟", "2026/11/31", "完成了", True],
            ["T2", "联调", "研发部", "张伟", "2026/11/31", "完成了", 1],
            ["T3", "联调", "研发部", "  ", "2026/11/30", "进行中", 1.0],
            ["T4", "联调", "研发部", "张伟", dt.datetime(2026, 11, 30), "  进行中 ", True],
        ],
    })
    book = read_workbook(path, 2026)
    got = sorted((f.cell, f.rule) for f in book.findings)
    assert got == [("E2", "invalid-date"), ("E3", "invalid-date"), ("F2", "invalid-choice"), ("F3", "invalid-choice"),
                   ("G2", "invalid-percent"), ("G5", "invalid-percent")]
    records = book.sheet("board").records
    assert [r.get("progress") for r in records] == [None, 100.0, 100.0, None]
    assert [r.get("planned_finish") for r in records] == [None, None, dt.date(2026, 11, 30), dt.date(2026, 11, 30)]
    assert [r.get("status") for r in records] == [None, None, "进行中", "进行中"]
    assert not records[2].has("owner") and records[3].get("owner") == "张伟"
    assert [r.cells["progress"].raw for r in records] == [True, 1, 1, True]


def test_sheet_recognised_by_alias_suffix_and_headers(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "mixed.xlsx", {
        "Issue Tracker": [["ID", "Description", "Impact", "Raised on", "Owner", "Status"], ["1", "a", "b", "2026-11-02", "x", "Open"]],
        "进度看板（研发）": [["Task", "ID", "Department", "Owner", "Planned finish", "Status"], ["t", "T1", "研发部", "x", "2026-11-02", "Done"]],
        "Sheet3": [["任务编号", "任务名称", "负责人", "状态", "计划完成日期"], ["T9", "t", "x", "阻塞", "2026-11-02"]],
        "草稿": [["随便", "写写"], [1, 2]],
    })
    book = read_workbook(path, 2026)
    assert [(s.name, s.spec.key) for s in book.sheets] == [
        ("Issue Tracker", "issues"), ("进度看板（研发）", "board"), ("Sheet3", "board")]
    assert book.unrecognised == ["草稿"]
    assert book.sheets[0].records[0].get("id") == "1"
    assert book.sheets[1].records[0].get("status") == "已完成"
    assert book.sheets[2].records[0].get("status") == "阻塞"


def test_english_workbook_reads_like_chinese(tmp_path: Path) -> None:
    zh = write_xlsx(tmp_path / "zh.xlsx", {"进度看板": [[c.header for c in BOARD.columns],
                                                  ["T1", "开发", "M1", "研发部", "张伟", "2026-11-01", "2026-11-20", "2026-11-19", "已完成", 1, "", "2026-11-19"]]})
    en = write_xlsx(tmp_path / "en.xlsx", {"Progress Board": [[c.alias for c in reversed(BOARD.columns)],
                                                            list(reversed(["T1", "开发", "M1", "研发部", "张伟", D(2026, 11, 1), 46346, "2026/11/19", "Done", "100%", "", "11月19日"]))]})
    a = read_workbook(zh, 2026).sheet("board").records[0]
    b = read_workbook(en, 2026).sheet("board").records[0]
    assert {k: c.value for k, c in a.cells.items()} == {k: c.value for k, c in b.cells.items()}
    assert a.get("progress") == 100 and a.get("planned_finish") == D(2026, 11, 20)


def test_minutes_blocks_stacked_down_one_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "minutes.xlsx", {
        "会议纪要": [
            ["跨部门会议纪要"],
            ["会议名称", "第1次周例会", "会议类型", "周例会"],
            ["日期", "2026-11-13", "时间", "15:00-16:00"],
            ["主持人", "王强", "记录人", "李娜"],
            ["序号", "议题", "部门", "进展/讨论要点", "结论/决议", "待办事项", "责任人", "完成时限", "状态"],
            [1, "接口联调", "研发部", "进度70%，时间：下周一联调", "按期", "完成联调", "张伟", "2026-11-18", "进行中"],
            [2, "物料", "市场部", "", "", "出物料", "赵敏", "11月19日", "未开始"],
            [],
            ["第2次周例会"],
            ["会议名称：第2次周例会", None, "会议类型：Weekly"],
            ["日期：2026年11月20日"],
            ["No", "Topic", "Department", "Discussion", "Decision", "Action", "Owner", "Due", "Status"],
            [1, "上线准备", "运营部", "", "周一上线", "准备上线", "孙丽", "2026-11-23", "进行中"],
        ],
    })
    book = read_workbook(path, 2026)
    sheet = book.sheet("minutes")
    assert sheet is not None and len(sheet.blocks) == 2
    first, second = sheet.blocks
    assert first.field("meeting_name") == "第1次周例会" and first.field("meeting_type") == "周例会"
    assert first.field("date") == D(2026, 11, 13) and first.field("host") == "王强"
    assert first.fields["date"].ref == "B3"
    assert [r.get("topic") for r in first.records] == ["接口联调", "物料"]
    assert first.records[1].get("due") == D(2026, 11, 19)
    assert second.field("meeting_name") == "第2次周例会" and second.field("meeting_type") == "周例会"
    assert second.field("date") == D(2026, 11, 20)
    assert [(r.row, r.get("topic")) for r in second.records] == [(13, "上线准备")]


def test_charter_fields_milestones_and_raci_roles(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "project.xlsx", {
        "说明": [["使用说明"], ["项目名称", "智慧门店上线"], ["部门", "项目管理办公室"], ["请按以下说明填写……"]],
        "项目章程": [
            ["项目名称", "智慧门店上线"], ["项目负责人", "王强"], ["项目发起人", "陈总"], ["开始日期", "2026-10-08"],
            [], ["里程碑", "计划日期", "实际日期", "状态"], ["需求确认", "2026-10-20", "2026-10-21", "已完成"],
        ],
        "RACI矩阵": [
            ["任务", "研发部", "市场部", "销售部", "财务部"],
            ["需求评审", "R", "A", "C", "I"],
            ["预算审批", "C", "", "I", "r/a"],
            ["定价", "X", "", "", ""],
        ],
    })
    book = read_workbook(path, 2026)
    charter = book.sheet("charter")
    assert charter.field("lead") == "王强" and charter.field("start") == D(2026, 10, 8)
    assert [(r.get("milestone"), r.get("status")) for r in charter.records] == [("需求确认", "已完成")]
    raci = book.sheet("raci")
    assert raci.role_columns == ["研发部", "市场部", "销售部", "财务部"]
    budget = raci.records[1]
    assert budget.get("role:财务部") == "R/A" and budget.get("role:研发部") == "C" and not budget.has("role:市场部")
    assert [(f.cell, f.rule) for f in book.findings] == [("B4", "invalid-raci")]
    assert book.meta("project") == "智慧门店上线" and book.meta("department") == "项目管理办公室"


def test_xlsxwriter_dates_and_hidden_sheet(tmp_path: Path) -> None:
    """A different writer (XlsxWriter, as scripts use) with real date cells and a hidden sheet."""
    path = tmp_path / "script.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("问题跟踪表")
    fmt = wb.add_format({"num_format": "yyyy/mm/dd"})
    for col, head in enumerate(["问题编号", "问题描述", "影响范围", "提出日期", "责任人", "状态"]):
        ws.write_string(0, col, head)
    ws.write_row(1, 0, ["X-1", "d", "i"])
    ws.write_datetime(1, 3, dt.datetime(2026, 11, 18), fmt)
    ws.write_row(1, 4, ["张伟", "待处理"])
    ws.hide()
    wb.add_worksheet("其他").activate()
    wb.close()
    book = read_workbook(path, 2026)
    sheet = book.sheet("issues")
    assert sheet.hidden and sheet.records[0].get("raised_on") == D(2026, 11, 18)


@pytest.mark.parametrize(("name", "content", "rule", "skipped"), [
    ("~$研发部.xlsx", b"lock", "file-lock", True),
    ("notes.txt", b"hello", "file-unsupported", False),
    ("fake.xlsx", b"this is not a zip", "file-corrupt", False),
    ("empty.xlsx", b"", "file-corrupt", False),
])
def test_unreadable_files_say_why(tmp_path: Path, name: str, content: bytes, rule: str, skipped: bool) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    assert info.value.rule == rule and info.value.skipped is skipped
    assert str(path) in info.value.message("zh") and str(path) in info.value.message("en")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError) as info:
        read_workbook(tmp_path / "没有 这个.xlsx")
    assert info.value.rule == "file-missing" and info.value.status == "unreadable"


def test_every_peer_workbook_reads_or_says_why(peers: list[Path]) -> None:
    for path in peers:
        before = hashlib.sha256(path.read_bytes()).hexdigest()
        try:
            book = read_workbook(path, 2026)
        except WorkbookError as exc:
            assert exc.message("en"), path
        else:
            assert book.path == path
        assert hashlib.sha256(path.read_bytes()).hexdigest() == before, path


def test_dates_read_alike_in_every_format_and_date_system(peers: list[Path]) -> None:
    from crossdept.read.calamine_engine import load

    expected = [D(2021, 1, 1), D(2021, 1, 2)]
    for name in ("date.xlsx", "date_1904.xlsx", "date.xls", "date_1904.xls", "date.xlsb", "date_1904.xlsb"):
        rows = load(peers[0].parent / name).sheets[0].rows
        assert [r[0] for r in rows[:2]] == expected, name


# --- any combination of accepted forms reads right -------------------------------------------

_DATE_FORMS = [
    lambda d: d, lambda d: (d - D(1899, 12, 30)).days, lambda d: d.isoformat(), lambda d: d.strftime("%Y/%m/%d"),
    lambda d: d.strftime("%Y.%m.%d"), lambda d: f"{d.year}年{d.month}月{d.day}日", lambda d: f"{d.month}月{d.day}日",
    lambda d: f"{d.isoformat()} 00:00:00",
]
_PCT_FORMS = [lambda p: p / 100, lambda p: p if p > 1 else p / 100, lambda p: f"{p}%", lambda p: f"{p}％"]
_STATUS_FORMS = [lambda s: s, lambda s: f" {s} ", lambda s: f"\u3000{s}", lambda s: {
    "未开始": "Not started", "进行中": "In progress", "已完成": "Done", "阻塞": "Blocked"}[s]]
_HEADER_FORMS = [lambda c: c.header, lambda c: c.alias, lambda c: f"{c.header}\n{c.alias}", lambda c: f"{c.header} ({c.alias})",
                 lambda c: f" {c.header}* ", lambda c: c.alias.upper()]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.data(),
    order=st.permutations(range(len(BOARD.columns))),
    title_rows=st.integers(0, 3),
    writer=st.sampled_from(["openpyxl", "xlsxwriter"]),
)
def test_any_combination_of_accepted_forms(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject,
                                           order: list[int], title_rows: int, writer: str) -> None:
    columns = [BOARD.columns[i] for i in order]
    headers = [data.draw(st.sampled_from(_HEADER_FORMS))(c) for c in columns]
    planned = data.draw(st.dates(D(2026, 1, 1), D(2026, 12, 31)))
    pct = data.draw(st.integers(0, 100))
    status = data.draw(st.sampled_from(["未开始", "进行中", "已完成", "阻塞"]))
    truth = {"id": "T-1", "task": "接口开发", "milestone": "M1", "department": "研发部", "owner": "张伟",
             "start": planned, "planned_finish": planned, "actual_finish": planned, "status": status,
             "progress": pct, "notes": "无", "updated_on": planned}
    written = {}
    for c in columns:
        v = truth[c.key]
        if c.type.value == "date":
            v = data.draw(st.sampled_from(_DATE_FORMS))(v)
        elif c.type.value == "percent":
            v = data.draw(st.sampled_from(_PCT_FORMS))(v)
        elif c.key == "status":
            v = data.draw(st.sampled_from(_STATUS_FORMS))(v)
        written[c.key] = v
    path = tmp_path_factory.mktemp("combo") / "combo.xlsx"
    rows = [["标题"] for _ in range(title_rows)] + [headers, [written[c.key] for c in columns]]
    if writer == "openpyxl":
        write_xlsx(path, {"进度看板": rows})
    else:
        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet("进度看板")
        date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, D):
                    ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), date_fmt)
                elif isinstance(v, str):
                    ws.write_string(r, c, v)
                else:
                    ws.write_number(r, c, v)
        wb.close()
    book = read_workbook(path, 2026)
    assert book.findings == []
    record = book.sheet("board").records[0]
    assert {k: record.get(k) for k in truth} == truth
    assert record.row == title_rows + 2


def test_issue_headers_are_the_model_headers(tmp_path: Path) -> None:
    """Guard: a workbook using every canonical header maps every column of the model."""
    path = tmp_path / "all.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "问题跟踪表"
    wb.active.append([c.header for c in ISSUES.columns])
    wb.save(path)
    header = read_workbook(path).sheet("issues").header
    assert set(header.columns) == {c.key for c in ISSUES.columns}


def test_minimal_milestone_table_with_only_its_required_headers(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "charter.xlsx", {
        "项目章程": [["项目名称", "P"], [], ["里程碑", "计划日期"], ["需求确认", "2026-10-20"]],
    })
    charter = read_workbook(path, 2026).sheet("charter")
    assert charter.header is not None and charter.header.row == 3
    assert [(r.get("milestone"), r.get("planned")) for r in charter.records] == [("需求确认", D(2026, 10, 20))]


def test_a_sheet_that_only_starts_with_an_alias_is_not_taken_for_ours(tmp_path: Path) -> None:
    """"Progress notes" starts with the alias Progress, "RACI备注" with RACI: a person's own sheets,
    not a broken 进度看板 or RACI矩阵, unless their headers say so; a suffix of digits is enough."""
    issues = [["问题编号", "问题描述", "影响范围", "提出日期", "责任人", "状态"], ["I-1", "d", "i", "2026-11-02", "张伟", "待处理"]]
    path = write_xlsx(tmp_path / "own sheets.xlsx", {
        "Progress notes": [["Week 47: all good"]],
        "Board meeting": [["Date", "Topic"], ["2026-11-20", "budget"]],
        "RACI备注": [["随便写写"]],
        "Helpers": [["name", "phone"], ["a", "1"]],
        "Issues 2025": issues,
        "会议纪要-1120": [["会议名称", "第7次周例会"]],
        "进度看板v2": [["任务编号", "任务名称", "状态"], ["T1", "开发", "进行中"]],
    })
    book = read_workbook(path, 2026)
    assert [(s.name, s.spec.key) for s in book.sheets] == [
        ("Issues 2025", "issues"), ("会议纪要-1120", "minutes"), ("进度看板v2", "board")]
    assert book.unrecognised == ["Progress notes", "Board meeting", "RACI备注", "Helpers"]


def test_vertically_merged_cells_read_on_every_row_they_cover(tmp_path: Path) -> None:
    """A department or topic merged down the rows it applies to, and a two-row header whose
    single headers are merged over both rows: Excel shows the value on every row, so must we."""
    path = tmp_path / "merged.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "进度看板"
    ws.append(["任务编号", "任务名称", "负责部门", "负责人", "计划完成日期", "状态"])
    ws.append(["T1", "接口开发", "研发部", "张伟", "2026-11-20", "进行中"])
    ws.append(["T2", "联调", None, "李娜", "2026-11-25", "未开始"])
    ws.append(["T3", "压测", None, "王强", "2026-11-26", "阻塞"])
    ws.append(["T4", "文案", "市场部", "赵敏", "2026-11-27", "进行中", None])
    ws.merge_cells("C2:C4")
    issues = wb.create_sheet("问题跟踪表")
    issues.append(["研发部问题"])
    issues.append(["问题编号", "问题描述", "影响范围", "日期", None, "责任人", "状态"])
    issues.append([None, None, None, "提出日期", "解决时限", None, None])
    issues.append(["I-1", "接口延迟", "上线", "2026-11-18", "2026-11-19", "张伟", "处理中"])
    issues.append(["I-2", "物料", "门店", "2026-11-18", "2026-11-20", "李娜", "待处理"])
    for col in "ABCFG":
        issues.merge_cells(f"{col}2:{col}3")
    issues.merge_cells("D2:E2")
    issues.merge_cells("B4:B5")  # a description merged over two issues: both have it
    wb.save(path)

    book = read_workbook(path, 2026)
    assert [r.get("department") for r in book.sheet("board").records] == ["研发部", "研发部", "研发部", "市场部"]
    tracker = book.sheet("issues")
    assert tracker.header.row == 3
    assert {"id", "description", "impact", "raised_on", "due", "owner", "status"} <= set(tracker.header.columns)
    assert [(r.row, r.get("due"), r.get("description")) for r in tracker.records] == [
        (4, D(2026, 11, 19), "接口延迟"), (5, D(2026, 11, 20), "接口延迟")]
    assert book.findings == []


def test_percent_and_folder_messages_say_how_to_fix(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "board.xlsx", {"进度看板": [
        ["任务编号", "任务名称", "负责部门", "负责人", "计划完成日期", "状态", "完成百分比"],
        ["T1", "接口开发", "研发部", "张伟", "2026-11-30", "进行中", "120%"]]})
    (finding,) = read_workbook(path, 2026).findings
    assert finding.message("zh") == "G2：完成百分比「120%」超出 0-100% 范围，请填写 0 到 100 之间的百分比，如 80%。"
    assert finding.message("en") == 'G2: 完成百分比 "120%" is outside 0-100 %; write a percent from 0 to 100, e.g. 80%.'
    with pytest.raises(WorkbookError) as info:
        read_workbook(tmp_path)
    assert info.value.rule == "file-is-folder"
    assert f"{tmp_path}/*.xlsx" in info.value.message("zh") and f"{tmp_path}/*.xlsx" in info.value.message("en")
    (tmp_path / "计划.et").write_bytes(b"WPS")
    with pytest.raises(WorkbookError) as info:
        read_workbook(tmp_path / "计划.et")
    assert "另存为 .xlsx" in info.value.message("zh") and "save it as .xlsx" in info.value.message("en")


def test_grids_from_a_live_workbook_read_like_a_file_with_remembered_values() -> None:
    """Grids as xlwings hands them (None for empty, datetimes, floats; text of a str subclass)
    read as the same values however often a value repeats down a column (read/parse.py)."""
    from crossdept.read import RawSheet, RawWorkbook, read_grids

    class Text(str):
        pass

    head = ["任务编号", "任务名称", "负责部门", "负责人", "计划完成日期", "状态", "完成百分比"]
    rows = [head,
            ["T1", "接口", "研发部", "张伟", dt.datetime(2026, 11, 20), "进行中", 0.5],
            ["T2", "联调", "研发部", Text("  "), dt.datetime(2026, 11, 20), Text("进行中"), 0.5],
            ["T3", None, "研发部", "张伟", "2026年11月20号", "进行中", "50%"],
            [None, None, None, None, None, None, None]]
    book = read_grids(RawWorkbook("live", [RawSheet("进度看板", rows)]), 2026)
    records = book.sheet("board").records
    assert [r.row for r in records] == [2, 3, 4] and not book.findings
    assert {r.get("planned_finish") for r in records} == {dt.date(2026, 11, 20)}
    assert [r.get("status") for r in records] == ["进行中"] * 3
    assert [r.get("progress") for r in records] == [50.0] * 3
    assert not records[1].has("owner") and not records[2].has("task")


def test_the_header_row_is_the_first_that_names_the_most_columns() -> None:
    """read/locate.py find_header_rows: the best row among the first 40, the first of equals;
    a row naming every column ends the search (none below can name more)."""
    from crossdept.read.locate import find_header_rows

    full = [c.header for c in BOARD.columns]
    partial = ["任务编号", "任务名称", "负责部门", "负责人"]
    data = ["T1", "接口", "研发部", "张伟"]
    assert find_header_rows([["标题"], partial, data, full, data, full], BOARD, first_only=True) == [3]
    assert find_header_rows([["标题"], partial, data, partial + ["状态"], data], BOARD, first_only=True) == [3]
    assert find_header_rows([partial, partial + ["状态"], partial], BOARD, first_only=True) == [1]
    assert find_header_rows([["标题"], data, data], BOARD, first_only=True) == []
    assert find_header_rows([data] * 40 + [full], BOARD, first_only=True) == []  # below the first 40 rows
