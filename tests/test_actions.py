"""Meeting action items (core/actions.py) from a real .xlsx: open/done, overdue, due soon, ids,
places, carried-over items, on the Chinese working-day calendar."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crossdept.config import Config
from crossdept.core.actions import action_items, action_marks, carried_over, workbook_action_marks
from crossdept.core.overdue import Rules
from crossdept.read import read_workbook
from tests.conftest import write_xlsx

HEAD = ["序号", "议题", "部门", "进展/讨论要点", "结论/决议", "待办事项", "责任人", "完成时限", "状态"]
D = dt.date


def book(tmp_path: Path):
    path = write_xlsx(tmp_path / "研发部.xlsx", {
        "说明": [["项目名称", "智慧门店上线"], ["部门", "研发部"]],
        "会议纪要": [
            ["会议名称", "第4次周例会", "会议类型", "周例会"],
            ["日期", D(2026, 11, 13), "时间", "15:00-16:00"],
            HEAD,
            [1, "接口", "研发部", "", "", "补接口文档", "张三", D(2026, 11, 16), "进行中"],   # row 4 overdue
            [2, "测试", "市场部", "", "", "出测试报告", "李四", D(2026, 11, 17), "已完成"],   # row 5 done
            [3, "议题无待办", "研发部", "讨论", "通过", None, "王五", D(2026, 11, 1), None],  # row 6 no action
            [4, "预算", None, "", "", "报预算", "王五", None, None],                       # row 7 open, no due
            [],
            ["会议名称", "第5次周例会", "会议类型", "周例会"],
            ["日期", D(2026, 11, 20)],
            HEAD,
            [1, "联调", "研发部", "", "", "完成联调", "张三", D(2026, 11, 23), None],       # row 12 due soon (Mon)
            [2, "活动", "市场部", "", "", "活动方案", "李四", D(2026, 11, 20), "未开始"],   # row 13 due today
            [3, "上线", "运营部", "", "", "上线准备", "赵六", D(2026, 11, 24), "进行中"],   # row 14 later
        ],
    })
    return read_workbook(path)


def rules(today: dt.date) -> Rules:
    return Rules.from_config(Config(), today)


def test_items_meeting_place_and_id(tmp_path):
    items = action_items(book(tmp_path))
    assert [(i.row, i.action, i.is_open) for i in items] == [
        (4, "补接口文档", True), (5, "出测试报告", False), (7, "报预算", True),
        (12, "完成联调", True), (13, "活动方案", True), (14, "上线准备", True)]
    first = items[0]
    assert first.id == "第4次周例会-2026-11-13#4"
    assert (first.meeting, first.meeting_type, first.meeting_date) == ("第4次周例会", "周例会", D(2026, 11, 13))
    assert (first.owner, first.due, first.department, first.cell) == ("张三", D(2026, 11, 16), "研发部", "I4")
    assert items[2].department == "研发部"  # no 部门 on the row: the workbook's
    assert items[2].cell == "F7"  # no 状态: the 待办事项 cell
    assert first.path.name == "研发部.xlsx"


def test_marks_on_friday_2026_11_20(tmp_path):
    marks = workbook_action_marks(book(tmp_path), rules(D(2026, 11, 20)))
    assert [(m.row, m.state, m.days_overdue) for m in marks] == [
        (4, "overdue", 4), (12, "due_soon", 0), (13, "due_soon", 0)]
    j = marks[0].to_json()
    assert {k: j[k] for k in ("sheet", "row", "meeting", "meeting_date", "action", "owner", "due", "status",
                              "state", "days_overdue", "id")} == {
        "sheet": "会议纪要", "row": 4, "meeting": "第4次周例会", "meeting_date": "2026-11-13",
        "action": "补接口文档", "owner": "张三", "due": "2026-11-16", "status": "进行中",
        "state": "overdue", "days_overdue": 4, "id": "第4次周例会-2026-11-13#4"}


def test_due_soon_reaches_over_national_day(tmp_path):
    """On 2026-09-30 the next working day is Thursday 10-08 (国庆 10-01..10-07; Saturday 10-10 is
    its make-up workday): due 10-08 is due soon, due 10-09 is not yet."""
    path = write_xlsx(tmp_path / "国庆.xlsx", {"会议纪要": [
        ["会议名称", "节前会", "会议类型", "专题会"], ["日期", D(2026, 9, 29)], HEAD,
        [1, "a", "", "", "", "节后第一天交", "张三", D(2026, 10, 8), None],
        [2, "b", "", "", "", "节后第二天交", "张三", D(2026, 10, 9), None],
        [3, "c", "", "", "", "节中到期", "张三", D(2026, 10, 3), None],
    ]})
    items = action_items(read_workbook(path))
    assert [(m.row, m.state) for m in action_marks(items, rules(D(2026, 9, 30)))] == [
        (4, "due_soon"), (6, "due_soon")]
    assert [(m.row, m.state, m.days_overdue) for m in action_marks(items, rules(D(2026, 10, 8)))] == [
        (4, "due_soon", 0), (5, "due_soon", 0), (6, "overdue", 5)]


def test_carried_over(tmp_path):
    items = action_items(book(tmp_path))
    assert [i.row for i in carried_over(items, D(2026, 11, 20))] == [4, 7]
    assert carried_over(items, D(2026, 11, 13)) == []


def test_highlight_json_and_marked_copy(tmp_path):
    """`crossdept highlight --json --out`: actions per file, and the 会议纪要 rows marked in the copy."""
    import json

    import openpyxl
    from typer.testing import CliRunner

    from crossdept.cli import app

    path = book(tmp_path).path
    out = tmp_path / "out"
    res = CliRunner().invoke(app, ["highlight", str(path), "--json", "--out", str(out), "--today", "2026-11-20"])
    assert res.exit_code == 1
    actions = json.loads(res.stdout)["files"][0]["actions"]
    assert [(a["row"], a["state"], a["days_overdue"], a["meeting"], a["owner"]) for a in actions] == [
        (4, "overdue", 4, "第4次周例会", "张三"), (12, "due_soon", 0, "第5次周例会", "张三"),
        (13, "due_soon", 0, "第5次周例会", "李四")]
    ws = openpyxl.load_workbook(out / path.name)["会议纪要"]
    alert = {r: ws.cell(r, 10).value for r in (4, 5, 12, 13, 14)}
    assert alert == {4: "待办逾期4天（完成时限2026-11-16，第4次周例会）", 5: None,
                     12: "待办2026-11-23到期（第5次周例会）", 13: "待办今天到期（第5次周例会）", 14: None}
    assert "会议纪要!4行 待办「补接口文档」（张三）：待办逾期4天" in res.stderr


def test_rollup_counts_overdue_actions_and_lists_them(tmp_path):
    """The samples' project workbook: three actions of 第6次周例会 (2026-11-13) are overdue on 11-20;
    each counts to its row's 部门 and is a 待办 row of 逾期与升级."""
    import openpyxl

    from crossdept.config import load_config
    from crossdept.core.rollup import build_rollup
    from crossdept.read.folder import read_folder
    from crossdept.write.rollup_xlsx import write_rollup
    from tests.conftest import ROOT

    samples = ROOT / "samples" / "智慧门店上线"
    result = build_rollup(read_folder(samples, 2026), load_config(samples), D(2026, 11, 20))
    actions = [(o.department, o.id, o.title, o.owner, o.due, o.days_overdue) for o in result.overdue if o.kind == "action"]
    assert sorted(actions) == [
        ("市场部", "智慧门店上线项目第6次周例会-2026-11-13#37", "确认线上投放预算", "何秀英", D(2026, 11, 17), 3),
        ("研发部", "智慧门店上线项目第6次周例会-2026-11-13#34", "跟进税控盘到货", "郭强", D(2026, 11, 17), 3),
        ("运营部", "智慧门店上线项目第6次周例会-2026-11-13#36", "补充试点门店网络验收标准", None, D(2026, 11, 18), 2)]
    assert result.totals.actions_overdue == 3
    out = tmp_path / "r.xlsx"
    write_rollup(result, out, "zh")
    rows = [r for r in openpyxl.load_workbook(out)["逾期与升级"].iter_rows(values_only=True) if r[0] == "待办"]
    assert sorted((r[1], r[2], r[4], r[6], r[8], r[11]) for r in rows) == [
        ("市场部", "智慧门店上线项目第6次周例会-2026-11-13#37", "何秀英", 3, "在下次例会上跟进", 37),
        ("研发部", "智慧门店上线项目第6次周例会-2026-11-13#34", "郭强", 3, "在下次例会上跟进", 34),
        ("运营部", "智慧门店上线项目第6次周例会-2026-11-13#36", "未指定责任人", 2, "在下次例会上跟进", 36)]
    write_rollup(result, tmp_path / "en.xlsx", "en")  # the empty 责任人 cell, said in the roll-up's language
    en = openpyxl.load_workbook(tmp_path / "en.xlsx")["逾期与升级"].iter_rows(values_only=True)
    assert [r[4] for r in en if str(r[2]).endswith("#36")] == ["no owner named"]


def test_summary_email_lists_overdue_actions(tmp_path):
    """The samples' email: a 逾期会议待办 section in the text and the HTML part, autoescaped."""
    from email import message_from_bytes, policy

    from typer.testing import CliRunner

    from crossdept.cli import app
    from tests.conftest import ROOT

    out = tmp_path / "s.eml"
    res = CliRunner().invoke(app, ["summary", str(ROOT / "samples" / "智慧门店上线"), "-o", str(out), "--today", "2026-11-20"])
    assert res.exit_code == 1
    msg = message_from_bytes(out.read_bytes(), policy=policy.default)
    text = msg.get_body(("plain",)).get_content()
    section = text[text.index("== 逾期会议待办（3） =="):text.index("== 上次会议")].strip().splitlines()
    assert section[1:] == [
        "- 确认线上投放预算｜责任人 何秀英｜市场部｜完成时限 2026-11-17，逾期 3 天｜智慧门店上线项目第6次周例会-2026-11-13#37",
        "- 跟进税控盘到货｜责任人 郭强｜研发部｜完成时限 2026-11-17，逾期 3 天｜智慧门店上线项目第6次周例会-2026-11-13#34",
        "- 补充试点门店网络验收标准｜责任人 未指定责任人｜运营部｜完成时限 2026-11-18，逾期 2 天｜智慧门店上线项目第6次周例会-2026-11-13#36"]
    html = msg.get_body(("html",)).get_content()
    assert "逾期会议待办（3）" in html and ">跟进税控盘到货</td>" in html
    assert html.count("未指定责任人") == 1  # the HTML table says it too


def test_minutes_list_actions_carried_over(tmp_path):
    """The minutes of 第5次周例会 (11-20) list the open actions of 第4次 (11-13), in .docx and .md."""
    import docx
    from typer.testing import CliRunner

    from crossdept.cli import app

    path = book(tmp_path).path
    out, md = tmp_path / "m.docx", tmp_path / "m.md"
    res = CliRunner().invoke(app, ["minutes", str(path), "-o", str(out), "--md", str(md), "--today", "2026-11-20"])
    assert res.exit_code in (0, 1), res.output
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in docx.Document(str(out)).tables]
    carried = next(t for t in tables if t[0][0] == "会议")
    assert carried[1:] == [["第4次周例会", "2026-11-13", "补接口文档", "张三", "2026-11-16", "进行中", "4"],
                           ["第4次周例会", "2026-11-13", "报预算", "王五", "", "", ""]]
    text = md.read_text(encoding="utf-8")
    assert "| 第4次周例会 | 2026-11-13 | 补接口文档 | 张三 | 2026-11-16 | 进行中 | 4 |" in text


def test_remind_group_digest_names_no_owner(tmp_path):
    """The samples' overdue action #36 has an empty 责任人: the group digest says so, not "-"."""
    from email import message_from_bytes, policy

    from typer.testing import CliRunner

    from crossdept.cli import app
    from tests.conftest import ROOT

    res = CliRunner().invoke(app, ["remind", str(ROOT / "samples" / "智慧门店上线"), "--out", str(tmp_path / "r"),
                                   "--today", "2026-11-20"])
    assert res.exit_code == 1, res.output
    msg = message_from_bytes((tmp_path / "r" / "group.eml").read_bytes(), policy=policy.default)
    lines = [line for line in msg.get_body(("plain",)).get_content().splitlines() if "#36" in line]
    assert lines == ["- 待办 智慧门店上线项目第6次周例会-2026-11-13#36「补充试点门店网络验收标准」（未指定责任人）逾期 2 天"
                     " — 智慧门店上线-项目总表.xlsx › 会议纪要 › I36"]
