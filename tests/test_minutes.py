"""`crossdept minutes`: real workbooks in (written by xlsxwriter, which keeps control characters),
real .docx and .md out, read back with python-docx and as text."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

import docx
import pytest
import xlsxwriter
from typer.testing import CliRunner

from crossdept.cli import app
from crossdept.config import Config
from crossdept.core.minutes import (MinutesError, archive_name, build_minutes, distribution_deadline, meetings, select_meeting,
                                    start_time)
from crossdept.read import read_workbook

HOSTILE = "<script>alert('x')</script> & \"quoted\" \x07bell\x0cfeed\x1b\nsecond line"
MINUTES_HEAD = ["序号", "议题", "部门", "进展/讨论要点", "结论/决议", "待办事项", "责任人", "完成时限", "状态"]
ISSUES_HEAD = ["问题编号", "问题描述", "影响范围", "提出部门", "提出日期", "责任人", "责任部门", "解决时限", "冲突等级", "状态"]


def write_book(path: Path, discussion: str = "联调完成 80%", issues: bool = True, project: str | None = "智慧门店上线") -> Path:
    """A department workbook: two meetings stacked on 会议纪要, three issues, optionally a 说明 sheet."""
    sheets: dict[str, list[list[object]]] = {}
    if project:
        sheets["说明"] = [["项目名称", project], ["部门", "研发"]]
    sheets["会议纪要"] = [
        ["智慧门店项目会议纪要"],
        ["会议名称", "第4次周例会", "会议类型", "周例会"],
        ["日期", "2026-11-13", "时间", "15:00-16:00"],
        MINUTES_HEAD,
        [1, "旧议题", "研发", "上周内容", "上周决议", "上周待办", "张三", "2026-11-14", "已完成"],
        [],
        ["会议名称", "第5次周例会", "会议类型", "周例会"],
        ["日期", "2026-11-20", "时间", "15:00-16:00", "地点/方式", "3楼会议室"],
        ["主持人", "李雷", "记录人", "韩梅梅"],
        ["参会人员", "研发、市场、运营", "缺席人员", "客服"],
        MINUTES_HEAD,
        [1, "接口联调", "研发", discussion, "按期上线", "完成支付接口联调", "张三", "2026-11-25", "进行中"],
        [2, "活动方案", "市场", "讨论了预算", "方案通过", "", "王五", "2026-11-27", "未开始"],
    ]
    if issues:
        sheets["问题跟踪表"] = [
            ISSUES_HEAD,
            ["RD-001", "支付接口延迟", "上线", "研发", "2026-11-10", "张三", "研发", "2026-11-15", "一级", "处理中"],
            ["RD-002", "已关闭的问题", "上线", "研发", "2026-11-10", "张三", "研发", "2026-11-15", "一级", "已关闭"],
            ["RD-003", "未到期的问题", "上线", "研发", "2026-11-18", "李四", "研发", "2026-11-30", "二级", "待处理"],
        ]
    return write_sheets(path, sheets)


def write_sheets(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """A real .xlsx by xlsxwriter, which (unlike openpyxl) keeps control characters in text."""
    wb = xlsxwriter.Workbook(path)
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, str):
                    ws.write_string(r, c, value)  # never a formula, whatever the text
                else:
                    ws.write(r, c, value)
    wb.close()
    return path


def run(*args: str):
    return CliRunner().invoke(app, [*args, "--lang", "en"])


def doc_text(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    d = docx.Document(str(path))
    return [p.text for p in d.paragraphs], [[[c.text for c in row.cells] for row in t.rows] for t in d.tables]


# --- choosing the meeting ---------------------------------------------------------------------


def test_latest_meeting_is_chosen_and_a_named_one_can_be(tmp_path: Path) -> None:
    book = read_workbook(write_book(tmp_path / "研发.xlsx"), 2026)
    found = meetings(book)
    assert [m.date for m in found] == [dt.date(2026, 11, 13), dt.date(2026, 11, 20)]
    assert select_meeting(found).field("meeting_name") == "第5次周例会"
    assert select_meeting(found, dt.date(2026, 11, 13)).field("meeting_name") == "第4次周例会"
    with pytest.raises(MinutesError) as err:
        select_meeting(found, dt.date(2026, 11, 12))
    assert err.value.params["dates"] == ["2026-11-13", "2026-11-20"]  # joined the way each language lists things:
    result = run("minutes", str(tmp_path / "研发.xlsx"), "-o", str(tmp_path / "m.docx"), "--meeting", "2026-11-12")
    assert result.exit_code == 2 and "meetings found on: 2026-11-13, 2026-11-20." in result.output


def test_a_meeting_filled_in_ahead_is_not_the_latest_held(tmp_path: Path) -> None:
    """Next week's block already prepared: the minutes are of the meeting held by today."""
    book = read_workbook(write_book(tmp_path / "研发.xlsx"), 2026)
    found = meetings(book)
    assert select_meeting(found, today=dt.date(2026, 11, 19)).field("meeting_name") == "第4次周例会"
    assert select_meeting(found, today=dt.date(2026, 11, 20)).field("meeting_name") == "第5次周例会"
    assert select_meeting(found, today=dt.date(2026, 11, 1)).field("meeting_name") == "第5次周例会"  # all ahead
    out = tmp_path / "m.md"
    result = run("minutes", str(tmp_path / "研发.xlsx"), "--md", str(out), "--today", "2026-11-19")
    assert result.exit_code == 0 and "第4次周例会 (2026-11-13" in result.output, result.output
    assert "旧议题" in out.read_text(encoding="utf-8")


def test_distribution_deadline_is_24_hours_after_the_start() -> None:
    assert start_time("15：00-16:00") == dt.time(15, 0)
    assert start_time("下午三点") is None
    assert start_time("25:00") is None


def test_deadline_without_a_time_is_the_next_day(tmp_path: Path) -> None:
    book = read_workbook(write_book(tmp_path / "a.xlsx"), 2026)
    latest = select_meeting(meetings(book))
    assert distribution_deadline(latest) == dt.datetime(2026, 11, 21, 15, 0)
    latest.block.fields.pop("time")
    assert distribution_deadline(latest) == dt.date(2026, 11, 21)


def test_appendix_holds_open_issues_overdue_on_the_meeting_day(tmp_path: Path) -> None:
    book = read_workbook(write_book(tmp_path / "a.xlsx"), 2026)
    result = build_minutes(book, Config(lead="赵总"), "a")
    assert result.project == "智慧门店上线"
    assert [m.id for m in result.overdue] == ["RD-001"]
    assert result.overdue[0].days_overdue == 5 and result.overdue[0].escalate_to == "二级"


# --- the Word document ------------------------------------------------------------------------


def test_docx_states_the_meeting_topics_actions_and_appendix(tmp_path: Path) -> None:
    src = write_book(tmp_path / "研发 部.xlsx")
    out = tmp_path / "纪要 输出.docx"
    result = CliRunner().invoke(app, ["minutes", str(src), "-o", str(out), "--lang", "en", "--today", "2026-11-23"])
    assert result.exit_code == 1, result.output  # written, and an overdue issue is worth attention
    assert "deadline 2026-11-21 15:00 has passed" in result.output
    paragraphs, tables = doc_text(out)
    assert paragraphs[0] == "智慧门店上线"
    assert paragraphs[1] == "第5次周例会"
    assert any("2026-11-21 15:00" in p for p in paragraphs)
    info, topics, actions, carried, overdue = tables
    assert carried == [["Meeting", "Meeting date", "Action", "Owner", "Due", "Status", "Days overdue"]]  # 上周待办 is 已完成
    assert "Every action of earlier meetings is done." in paragraphs  # --lang en: crossdept's words in English
    assert info[0] == ["Type", "周例会", "Date", "2026-11-20"]
    assert info[1][3] == "3楼会议室" and info[2] == ["Host", "李雷", "Recorder", "韩梅梅"]
    assert info[3][1] == "研发、市场、运营" and info[4][1] == "客服"
    assert topics[1:] == [["1", "接口联调", "研发", "联调完成 80%", "按期上线"],
                          ["2", "活动方案", "市场", "讨论了预算", "方案通过"]]
    assert actions[1:] == [["1", "完成支付接口联调", "张三", "2026-11-25", "进行中"]]
    assert overdue[1:] == [["RD-001", "支付接口延迟", "张三", "研发", "2026-11-15", "Level 1", "5", "Level 2"]]
    assert not any("{{" in p or "{%" in p for p in paragraphs)
    d = docx.Document(str(out))
    assert d.sections[0].footer.paragraphs[0].text == "智慧门店上线-2026-11-20-会议纪要"
    assert d.core_properties.title == "智慧门店上线 第5次周例会"


def test_hostile_cell_text_still_yields_a_valid_document(tmp_path: Path) -> None:
    src = write_book(tmp_path / "a.xlsx", discussion=HOSTILE)
    out = tmp_path / "m.docx"
    assert run("minutes", str(src), "-o", str(out)).exit_code == 1
    _, tables = doc_text(out)
    cell = tables[1][1][3]
    assert cell == "<script>alert('x')</script> & \"quoted\" bellfeed\nsecond line"
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "<script>" not in body and "&lt;script&gt;" in body
    assert 'w:type="page"' not in body  # the form feed did not become a page break


def test_older_meeting_and_no_appendix_exit_zero(tmp_path: Path) -> None:
    src = write_book(tmp_path / "a.xlsx", issues=False, project=None)
    out = tmp_path / "m.docx"
    result = CliRunner().invoke(app, ["minutes", str(src), "-o", str(out), "--meeting", "2026-11-13", "--today", "2026-11-14", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "已过" not in result.output  # 2026-11-14 is within the 24 hours
    paragraphs, tables = doc_text(out)
    assert paragraphs[0] == "a"  # no project name anywhere: the file's name
    assert tables[1][1][1] == "旧议题"
    assert "截至会议日期，没有未关闭的逾期问题。" in paragraphs


def test_a_users_own_template(tmp_path: Path) -> None:
    template = tmp_path / "mine.docx"
    d = docx.Document()
    d.add_paragraph("主持：{{ m.host }}；项目：{{ project }}")
    d.add_paragraph("{% for a in actions %}{{ a.owner }}:{{ a.action }};{% endfor %}")
    d.save(str(template))
    out = tmp_path / "m.docx"
    assert run("minutes", str(write_book(tmp_path / "a.xlsx")), "-o", str(out), "--template", str(template)).exit_code == 1
    paragraphs, _ = doc_text(out)
    assert paragraphs == ["主持：李雷；项目：智慧门店上线", "张三:完成支付接口联调;"]


@pytest.mark.parametrize("content, expected", [
    (b"not a zip", "is not a usable Word document"),
    (None, "has a broken tag"),
])
def test_unusable_template_is_one_line_and_exit_2(tmp_path: Path, content: bytes | None, expected: str) -> None:
    template = tmp_path / "t.docx"
    if content is None:
        d = docx.Document()
        d.add_paragraph("{{ m.host ")
        d.save(str(template))
    else:
        template.write_bytes(content)
    out = tmp_path / "m.docx"
    result = run("minutes", str(write_book(tmp_path / "a.xlsx")), "-o", str(out), "--template", str(template))
    assert result.exit_code == 2
    assert expected in result.output and "Traceback" not in result.output
    assert not out.exists()


# --- Markdown ---------------------------------------------------------------------------------


def test_markdown_escapes_cell_text(tmp_path: Path) -> None:
    src = write_book(tmp_path / "a.xlsx", discussion="# 标题 | 竖线 *粗* <b>x</b>\n- 列表")
    out = tmp_path / "m.md"
    assert run("minutes", str(src), "--md", str(out)).exit_code == 1
    text = out.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| 1 | 接口联调"))
    assert row.count(" | ") == 4  # the pipe in the cell did not split the table
    assert r"\# 标题 \| 竖线 \*粗\* &lt;b&gt;x&lt;/b&gt;<br>\- 列表" in row
    assert "| RD-001 | 支付接口延迟 |" in text
    assert text.startswith("# 智慧门店上线 | 第5次周例会")


def test_a_project_name_on_two_lines_is_one_title_and_a_usable_file_name(tmp_path: Path) -> None:
    """Alt+Enter in the 项目名称 cell: one line in the heading; "/" and the break never reach a file name."""
    src = write_book(tmp_path / "a.xlsx", project="智慧门店\n上线/二期")
    docx_out, md_out = tmp_path / "m.docx", tmp_path / "m.md"
    assert run("minutes", str(src), "-o", str(docx_out), "--md", str(md_out)).exit_code == 1
    assert md_out.read_text(encoding="utf-8").splitlines()[0] == "# 智慧门店 上线/二期 | 第5次周例会"
    assert doc_text(docx_out)[0][0] == "智慧门店 上线/二期"
    assert archive_name("智慧门店\n上线/二期", dt.date(2026, 11, 20), "会议纪要") == "智慧门店 上线_二期-2026-11-20-会议纪要"
    assert archive_name(' A:B*?"<>|\\ ', dt.date(2026, 11, 20), "周报") == "A_B_-2026-11-20-周报"


def test_a_time_typed_in_excel_reads_as_a_clock_time(tmp_path: Path) -> None:
    """15:00 typed into Excel is stored as a time value: the minutes say 15:00, not 15:00:00."""
    wb = xlsxwriter.Workbook(tmp_path / "t.xlsx")
    ws = wb.add_worksheet("会议纪要")
    ws.write_row(0, 0, ["日期", "2026-11-20"])
    ws.write_string(1, 0, "时间")
    ws.write_datetime(1, 1, dt.time(15, 0), wb.add_format({"num_format": "hh:mm"}))
    ws.write_row(2, 0, MINUTES_HEAD)
    ws.write_row(3, 0, [1, "议题"])
    wb.close()
    out = tmp_path / "m.md"
    assert run("minutes", str(tmp_path / "t.xlsx"), "--md", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "- **Time**: 15:00\n" in text and "2026-11-21 15:00" in text
    assert text.startswith("# t\n")  # no meeting name: no dangling separator in the heading


# --- bad input --------------------------------------------------------------------------------


def test_bad_input_is_exit_2_and_never_touches_the_input(tmp_path: Path) -> None:
    src, other = write_book(tmp_path / "a.xlsx"), write_book(tmp_path / "财务部.xlsx")
    before = hashlib.sha256(src.read_bytes()).hexdigest()
    other_before = other.read_bytes()
    cases = [
        (["minutes", str(src)], "Give the .docx to write"),
        (["minutes", str(src), "-o", str(src)], "is the input workbook"),
        (["minutes", str(src), "-o", str(tmp_path)], "is a folder"),
        (["minutes", str(src), "-o", str(tmp_path / "m.docx"), "--meeting", "20.11"], "--meeting must be"),
        (["minutes", str(src), "-o", str(tmp_path / "m.docx"), "--meeting", "2026-11-01"], "no meeting on 2026-11-01"),
        (["minutes", str(tmp_path / "missing.xlsx"), "-o", str(tmp_path / "m.docx")], "missing.xlsx"),
        (["minutes", str(src), "-o", str(tmp_path / "m.docx"), "--template", str(tmp_path / "无此 模板.docx")],
         "无此 模板.docx was not found"),
        (["minutes", str(src), "-o", str(tmp_path / "m.docx"), "--template", str(tmp_path)], "was not found"),
        # Another workbook beside it given as the output by mistake: refused, never replaced.
        (["minutes", str(src), "-o", str(other)], f"-o {other}: write the Word minutes to a file ending in .docx"),
        (["minutes", str(src), "--md", str(other)], "write the Markdown minutes to a file ending in .md / .markdown"),
    ]
    for args, expected in cases:
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert expected in result.output and "Traceback" not in result.output
    assert hashlib.sha256(src.read_bytes()).hexdigest() == before and other.read_bytes() == other_before


def test_workbook_without_minutes_or_dates(tmp_path: Path) -> None:
    no_sheet = tmp_path / "b.xlsx"
    wb = xlsxwriter.Workbook(no_sheet)
    ws = wb.add_worksheet("问题跟踪表")
    ws.write_row(0, 0, ISSUES_HEAD)
    wb.close()
    result = run("minutes", str(no_sheet), "-o", str(tmp_path / "m.docx"))
    assert result.exit_code == 2 and "no 会议纪要" in result.output

    undated = tmp_path / "c.xlsx"
    wb = xlsxwriter.Workbook(undated)
    ws = wb.add_worksheet("会议纪要")
    ws.write_row(0, 0, ["会议名称", "无日期的会"])
    ws.write_row(1, 0, MINUTES_HEAD)
    ws.write_row(2, 0, [1, "议题"])
    wb.close()
    result = run("minutes", str(undated), "-o", str(tmp_path / "m.docx"))
    assert result.exit_code == 2 and "no meeting with a date" in result.output


def test_hostile_peer_workbooks_never_crash(peers: list[Path], tmp_path: Path) -> None:
    """Other tools' test workbooks (encrypted, corrupt, odd formats): one line each, never a traceback."""
    out = tmp_path / "m.docx"
    for path in peers:
        result = run("minutes", str(path), "-o", str(out))
        assert result.exit_code in (0, 1, 2), (path.name, result.output)
        assert "unexpected problem" not in result.output and "Traceback" not in result.output, path.name


def test_minutes_already_there_are_backed_up_before_they_are_replaced(tmp_path: Path) -> None:
    """Last week's minutes, edited in Word since, given again as -o: kept in .crossdept-backup/."""
    src, out = write_book(tmp_path / "研发.xlsx"), tmp_path / "纪要.docx"
    edited = docx.Document()
    edited.add_paragraph("主持人补充的结论")
    edited.save(str(out))
    result = run("minutes", str(src), "-o", str(out), "--today", "2026-11-23")
    assert result.exit_code == 1, result.output
    assert doc_text(out)[0][1] == "第5次周例会"
    (kept,) = (tmp_path / ".crossdept-backup").iterdir()
    assert kept.name.startswith("纪要-") and doc_text(kept)[0] == ["主持人补充的结论"]
    assert f"Backed up the original to {kept}" in result.output
