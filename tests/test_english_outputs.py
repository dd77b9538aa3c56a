"""--lang en outputs read in English: every Chinese run left in them comes from the workbooks
(a cell, a sheet's or a file's name, crossdept.toml), never from crossdept's own words.

One real weekly run on the sample project (samples/智慧门店上线, copied), outputs read back by the
email package and python-docx. The Chinese run of the same folder is compared elsewhere
(test_weekly, test_summary_*), so the Chinese words are known unchanged.
"""

from __future__ import annotations

import email
import email.policy
import re
import shutil
from pathlib import Path

import openpyxl
import pytest

from crossdept.core.submissions import PROJECT_TEAM
from crossdept.model import outputs

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "智慧门店上线"
TODAY = "2026-11-20"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+")


@pytest.fixture(scope="module")
def english_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    """The weekly outputs in English, and every text the inputs hold (where Chinese may come from)."""
    from crossdept.ops.weekly import weekly

    root = tmp_path_factory.mktemp("en")
    folder = root / SAMPLES.name
    shutil.copytree(SAMPLES, folder)
    texts: set[str] = {folder.name, (folder / "crossdept.toml").read_text(encoding="utf-8")}
    for path in folder.glob("*.xlsx"):
        texts.add(path.stem)
        for ws in openpyxl.load_workbook(path, read_only=True).worksheets:
            texts.add(ws.title)
            texts.update(str(v) for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    weekly(folder, out=root / "out", today=TODAY, lang="en")
    # The files' own names (the archive names people file them under) and the roll-up's sheet
    # names, which stay Chinese so the roll-up re-reads.
    texts.update(p.stem for p in (root / "out").iterdir())
    texts.update((outputs.OVERDUE, outputs.ALL_TASKS))
    texts.add(PROJECT_TEAM)  # the project workbook's department: a name, the same in every output and the JSON
    return root / "out", texts


def foreign_runs(text: str, inputs: set[str]) -> list[str]:
    """The Chinese runs of `text` that no input holds: crossdept's own words left untranslated."""
    joined = "\n".join(inputs)
    return sorted({run for run in CJK.findall(text) if run not in joined})


def test_the_english_email_has_no_chinese_but_the_workbooks(english_run: tuple[Path, set[str]]) -> None:
    out, inputs = english_run
    msg = email.message_from_bytes(next(out.glob("*周报邮件.eml")).read_bytes(), policy=email.policy.default)
    assert msg["Subject"] == "智慧门店上线 weekly report 2026-11-20 | 10 overdue issues"
    text = msg.get_body(("plain",)).get_content().replace("\r\n", "\n")
    html = msg.get_body(("html",)).get_content()
    assert foreign_runs(text, inputs) == [] and foreign_runs(html, inputs) == []
    assert text.startswith("智慧门店上线: weekly report 2026-11-20 (Fri)\n\nOverall status: Red (")
    assert "Not submitted: 客服部 (no workbook received from these departments this week)" in text
    assert ("- Total [Red] tasks 63 (Not started 16, In progress 21, Done 19, Blocked 6, Status not recognised 1), "
            "completion 30.2%") in text
    assert ("- FN-003 追加预算36万元超出审批权限 | Owner 何秀英 | 财务部 | Due 2026-11-19 | Level 3, 1 day overdue"
            " | escalate to sponsor (刘振华)") in text
    assert "| at risk | 5 working days late | tasks done 7/25" in text
    assert '<html lang="en">' in html and "Overdue issues (10)</h2>" in html and ">Days overdue</th>" in html
    assert ">Tasks by status, per department</h2>" in html and "Next milestone: <b>试点门店上线</b>" in html


def docx_text(path: Path) -> str:
    """Every paragraph, table cell, header and footer of a .docx, read by python-docx."""
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    lines += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    lines += [p.text for s in document.sections for part in (s.header, s.footer) for p in part.paragraphs]
    return "\n".join(lines)


def test_the_english_minutes_have_english_headings_and_labels(english_run: tuple[Path, set[str]]) -> None:
    out, inputs = english_run
    text = docx_text(next(out.glob("*会议纪要.docx")))
    assert foreign_runs(text, inputs) == []
    lines = text.split("\n")
    assert lines[2:7] == ["Distribute by: 2026-11-21 15:00 (within 24 hours of the meeting, to every attendee and the departments concerned)",
                          "1. Topics and decisions", "2. Action items", "3. Open actions from earlier meetings",
                          "Appendix: open overdue issues (as of 2026-11-20)"]
    assert {"Type", "Host", "Attendees", "No", "Topic", "Decision", "Days overdue", "Escalate to"} <= set(lines)


def test_minutes_markdown_in_english_and_in_chinese(tmp_path: Path) -> None:
    """The same meeting as .md in both languages: English headings, the Chinese ones as before."""
    from crossdept.ops.minutes import minutes

    book = SAMPLES / "智慧门店上线-项目总表.xlsx"
    minutes(book, md=tmp_path / "en.md", today=TODAY, lang="en")
    minutes(book, md=tmp_path / "zh.md", today=TODAY, lang="zh")
    en, zh = ((tmp_path / f"{lang}.md").read_text(encoding="utf-8") for lang in ("en", "zh"))
    assert "- **Host**: 陈晨\n" in en and "**Distribute by**: 2026-11-21 15:00 (within 24 hours of the meeting)" in en
    assert "## 1. Topics and decisions\n\n| No | Topic | Department | Discussion | Decision |" in en
    assert "- **主持人**：陈晨\n" in zh and "**纪要分发时限**：2026-11-21 15:00（会后 24 小时内分发）" in zh
    assert "## 一、议题与结论\n\n| 序号 | 议题 | 部门 | 进展/讨论要点 | 结论/决议 |" in zh


def test_the_english_review_report_has_english_headings_and_labels(english_run: tuple[Path, set[str]]) -> None:
    out, inputs = english_run
    text = docx_text(next(out.glob("*复盘报告*.docx")))
    assert foreign_runs(text, inputs) == []
    lines = text.split("\n")
    assert lines[1:5] == ["Milestone review: 系统开发完成", "1. Results",
                          "Planned 2026-11-13, actual 2026-11-16, 1 working day late; tasks done 4 / 5.",
                          "Tasks finished late (actual finish after planned finish):"]
    assert "12 related issues; resolved issues took 3.9 days on average from raised to resolved." in lines
    assert {"State", "done", "4 / 5 (1 overdue, 0 blocked)", "Level 2", "Days over", "In progress"} <= set(lines)


def test_review_markdown_in_english_and_in_chinese(tmp_path: Path) -> None:
    from crossdept.ops.review import review

    folder = tmp_path / SAMPLES.name
    shutil.copytree(SAMPLES, folder)
    for lang in ("en", "zh"):
        review(folder, output=tmp_path / f"{lang}.docx", md=tmp_path / f"{lang}.md", today=TODAY, lang=lang)
    en, zh = ((tmp_path / f"{lang}.md").read_text(encoding="utf-8") for lang in ("en", "zh"))
    assert en.startswith("# 智慧门店上线 | Milestone review: 系统开发完成\n\n- **State**: done\n- **Planned**: 2026-11-13\n")
    assert "| Level | Total | Open | In progress | Resolved | Closed |" in en
    assert zh.startswith("# 智慧门店上线｜里程碑复盘报告：系统开发完成\n\n- **状态**：已完成\n- **计划日期**：2026-11-13\n")
    assert "| 冲突等级 | 合计 | 待处理 | 处理中 | 已解决 | 已关闭 |" in zh


def test_the_chinese_email_keeps_its_chinese_words(tmp_path: Path) -> None:
    """The same sample in Chinese: the words as they were before the templates were translated."""
    from crossdept.ops.summary import summary

    result = summary(SAMPLES, output=tmp_path / "zh.eml", today=TODAY, lang="zh")
    msg = email.message_from_bytes((tmp_path / "zh.eml").read_bytes(), policy=email.policy.default)
    assert msg["Subject"] == result.context["subject"] == "【智慧门店上线】周报 2026-11-20｜逾期问题 10"
    text = msg.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert text.startswith("【智慧门店上线】周报 2026-11-20（周五）\n\n总体状态：红灯（逾期问题 10 个；")
    assert "- FN-003 追加预算36万元超出审批权限｜责任人 何秀英｜财务部｜解决时限 2026-11-19｜三级，逾期 1 天｜建议升级至 发起人（刘振华）" in text
    assert "｜有风险｜推迟 5 个工作日｜任务完成 7/25" in text and "\n== 下次例会 ==\n2026-11-27 周五 15:00\n" in text
    html = msg.get_body(("html",)).get_content()
    assert '<html lang="zh-CN">' in html and "逾期问题（10）</h2>" in html and ">逾期天数</th>" in html
