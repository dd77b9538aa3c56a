"""`crossdept review`: real workbooks in (milestone_folder.py), the 复盘报告 .docx read back with
python-docx, the Markdown as text, the JSON exactly as interface.md."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import write_xlsx
from milestone_folder import BOARD_HEAD, CHARTER, D, build, task
from typer.testing import CliRunner

import crossdept
from crossdept.cli import app
from crossdept.errors import CrossdeptError
from crossdept.resources.build_review_template import build as build_template
from crossdept.write.review_report import default_template

TODAY = "2026-11-20"
DEV_JSON = {
    "milestone": "系统开发完成", "planned": "2026-11-13", "actual": "2026-11-16", "forecast": None,
    "slip_working_days": 1, "state": "已完成",
    "tasks": {"total": 2, "done": 2, "late": [{"id": "R-2", "days_late": 3}]},
    "issues": {"total": 3, "open": ["RD-3"], "by_level": {"一级": 1, "二级": 1, "三级": 1},
               "resolved_late": ["RD-1"], "mean_days_to_resolve": 2.5},
    "measures": [
        {"decision": "节点确认达成", "action": None, "owner": "陈晨", "due": None},
        {"decision": "接口变更提前3天通知", "action": "与供应商签订变更约定", "owner": "张伟", "due": "2026-11-24"},
        {"decision": None, "action": "发布需求变更流程", "owner": "陈晨", "due": "2026-11-20"},
    ],
}


def cli(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(app, ["review", *args, "--today", TODAY, "--lang", "zh"])
    return res.exit_code, res.stdout, res.stderr


def tables(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(str(path)).tables]


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("rv") / "门店项目")


def test_default_milestone_json_docx_and_markdown(folder: Path, tmp_path: Path) -> None:
    code, out, err = cli(str(folder), "-o", str(tmp_path), "--md", str(tmp_path), "--json")
    assert code == 1, err  # reached a working day late, one issue still open
    assert json.loads(out) == DEV_JSON
    report = tmp_path / "门店项目-2026-11-20-复盘报告-系统开发完成.docx"
    assert report.is_file() and (tmp_path / "门店项目-2026-11-20-复盘报告-系统开发完成.md").is_file()
    assert "里程碑“系统开发完成”：已完成，计划 2026-11-13，实际 2026-11-16，偏差 1 个工作日" in err

    text = paragraphs(report)
    assert text[:2] == ["门店项目", "里程碑复盘报告：系统开发完成"]
    assert "计划日期 2026-11-13，实际日期 2026-11-16，推迟 1 个工作日；任务完成 2 / 2。" in text
    assert "关联问题 3 个；已解决问题从提出到解决平均 2.5 天。" in text
    assert "来自里程碑复盘会：系统开发完成（2026-11-17）的结论与待办：" in text
    info, late, plan, levels, still_open, resolved_late, measures = tables(report)
    assert info[1] == ["预测日期", "", "偏差", "推迟 1 个工作日"]
    assert info[2] == ["状态", "已完成", "任务完成", "2 / 2（逾期 0，阻塞 0）"]
    assert late[1:] == [["R-2", "POS接口联调", "研发部", "2026-11-13", "2026-11-16", "3", "接口文档变更两次"]]
    assert plan[1:] == [["R-2", "POS接口联调", "张伟", "2026-11-13", "2026-11-16", "已完成", "3"],
                        ["R-3", "会员系统", "张伟", "2026-11-12", "2026-11-12", "已完成", ""]]
    assert levels == [["冲突等级", "合计", "待处理", "处理中", "已解决", "已关闭"],
                      ["一级", "1", "0", "0", "0", "1"], ["二级", "1", "0", "0", "1", "0"], ["三级", "1", "0", "1", "0", "0"]]
    assert still_open[1:] == [["RD-3", "问题RD-3", "三级", "处理中", "2026-11-12", "2026-11-17"]]
    assert resolved_late[1:] == [["RD-1", "问题RD-1", "2026-11-12", "2026-11-14", "2"]]
    assert measures[1:] == [["成果总结", "节点确认达成", "", "陈晨", "", "已完成"],
                            ["偏差分析", "接口变更提前3天通知", "与供应商签订变更约定", "张伟", "2026-11-24", "进行中"],
                            ["改进措施", "", "发布需求变更流程", "陈晨", "2026-11-20", "已完成"]]
    footer = docx.Document(str(report)).sections[0].footer.paragraphs[0].text
    assert footer == "门店项目-2026-11-20-复盘报告-系统开发完成"

    md = (tmp_path / "门店项目-2026-11-20-复盘报告-系统开发完成.md").read_text(encoding="utf-8")
    assert md.startswith("# 门店项目｜里程碑复盘报告：系统开发完成\n")
    assert "| R-2 | POS接口联调 | 研发部 | 2026-11-13 | 2026-11-16 | 3 | 接口文档变更两次 |" in md
    assert "| 偏差分析 | 接口变更提前3天通知 | 与供应商签订变更约定 | 张伟 | 2026-11-24 | 进行中 |" in md
    assert "平均 2.5 天" in md and "| RD-1 | 问题RD-1 | 2026-11-12 | 2026-11-14 | 2 |" in md


def test_a_milestone_at_risk_has_a_forecast_and_without_minutes_the_prompts(tmp_path: Path) -> None:
    folder = build(tmp_path / "p", review=False)
    out = tmp_path / "试点.docx"
    code, stdout, err = cli(str(folder), "--milestone", "试点 门店上线", "-o", str(out), "--json")
    assert code == 1
    data = json.loads(stdout)
    assert {k: data[k] for k in ("milestone", "actual", "forecast", "slip_working_days", "state")} == {
        "milestone": "试点门店上线", "actual": None, "forecast": "2026-12-01", "slip_working_days": 2, "state": "有风险"}
    assert data["tasks"] == {"total": 3, "done": 0, "late": []}
    assert data["issues"] == {"total": 1, "open": ["MK-1"], "by_level": {"一级": 1, "二级": 0, "三级": 0},
                              "resolved_late": [], "mean_days_to_resolve": None}
    assert data["measures"] == []
    assert "没有找到名称或议题提到“试点门店上线”的里程碑复盘会纪要" in err
    text = paragraphs(out)
    assert "计划日期 2026-11-27，实际日期 （未完成，预测 2026-12-01），推迟 2 个工作日；任务完成 0 / 3。" in text
    assert "没有找到该里程碑的里程碑复盘会纪要。请召开复盘会后逐项填写：" in text
    assert "下一阶段要改进什么？由谁负责，何时完成？" in text
    assert "没有延期完成的任务。" in text and "没有超期解决的问题。" in text


def test_python_api_returns_the_same_json(folder: Path, tmp_path: Path) -> None:
    result = crossdept.review(folder, output=tmp_path / "r.docx", today=TODAY)
    assert result.to_json() == DEV_JSON and result.exit_code == 1
    assert result.output == tmp_path / "r.docx" and result.md is None


def test_early_milestone_with_nothing_open_exits_0(folder: Path, tmp_path: Path) -> None:
    result = crossdept.review(folder, milestone="立项评审", output=tmp_path / "r.docx", today=TODAY)
    assert result.to_json()["slip_working_days"] == -2 and result.exit_code == 0


@pytest.mark.parametrize(("args", "message"), [
    (["--milestone", "上线庆功"], "项目章程中没有里程碑“上线庆功”。已有的里程碑：需求确认、立项评审、系统开发完成、营销活动启动、试点门店上线、全面上线。"),
])
def test_an_unknown_milestone_says_which_exist(folder: Path, tmp_path: Path, args: list[str], message: str) -> None:
    code, _, err = cli(str(folder), *args, "-o", str(tmp_path / "x.docx"))
    assert code == 2 and message in err and not (tmp_path / "x.docx").exists()


def test_no_charter_no_done_milestone_and_not_a_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    write_xlsx(empty / "研发部.xlsx", {"进度看板": [BOARD_HEAD, task("R-1", "x", "M", D(2026, 12, 1), None, "进行中")]})
    code, _, err = cli(str(empty), "-o", str(tmp_path / "x.docx"))
    assert code == 2 and "没有找到里程碑" in err
    future = tmp_path / "future"
    future.mkdir()
    write_xlsx(future / "总表.xlsx", {"项目章程": [*CHARTER[:5], ["上线", D(2026, 12, 1), None, "进行中"]]})
    code, _, err = cli(str(future), "-o", str(tmp_path / "x.docx"))
    assert code == 2 and "截至 2026-11-20 还没有已完成（填了实际日期）的里程碑。请用 --milestone 指定一个：上线。" in err
    code, _, err = cli(str(tmp_path / "nowhere"), "-o", str(tmp_path / "x.docx"))
    assert code == 2 and "不是文件夹" in err
    with pytest.raises(CrossdeptError) as caught:
        crossdept.review(future, output=tmp_path / "x.docx", today=TODAY, lang="en")
    assert caught.value.message("en") == "No milestone is done (has an 实际日期) by 2026-11-20. Name one with --milestone: 上线."


def test_cell_text_is_data_in_word_and_markdown(tmp_path: Path) -> None:
    folder = build(tmp_path / "p")
    hostile = "<w:p>&{{ project }}|*x*"
    write_xlsx(folder / "研发部.xlsx", {"说明": [["部门", "研发部"]], "进度看板": [
        BOARD_HEAD, task("R-9", hostile, "系统开发完成", D(2026, 11, 10), D(2026, 11, 12), "已完成", hostile)]})
    out, md = tmp_path / "r.docx", tmp_path / "r.md"
    result = crossdept.review(folder, output=out, md=md, today=TODAY)
    assert result.to_json()["tasks"]["late"] == [{"id": "R-9", "days_late": 2}]
    late = tables(out)[1]
    assert late[1][1] == "<w:p>&{{ project }}|*x*" and late[1][6] == "<w:p>&{{ project }}|*x*"
    assert "&lt;w:p&gt;&amp;{{ project }}\\|\\*x\\*" in md.read_text(encoding="utf-8")


def test_committed_template_is_what_the_script_builds(tmp_path: Path) -> None:
    def parts(path: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(path) as z:
            return {p: z.read(p) for p in ("word/document.xml", "word/styles.xml", "word/footer1.xml")}

    assert parts(default_template()) == parts(build_template(tmp_path / "review.docx")), \
        "run src/crossdept/resources/build_review_template.py and commit"


def test_a_restyled_template_is_used(folder: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine.docx"
    doc = docx.Document()
    doc.add_paragraph("我们的复盘：{{ milestone }}，{{ slip_text }}，措施 {{ measures|length }} 条")
    doc.save(str(mine))
    code, _, err = cli(str(folder), "-o", str(tmp_path / "r.docx"), "--template", str(mine))
    assert code == 1, err
    assert paragraphs(tmp_path / "r.docx") == ["我们的复盘：系统开发完成，推迟 1 个工作日，措施 3 条"]


def test_weekly_drafts_the_review_of_each_milestone_reached_since_its_last_run(tmp_path: Path) -> None:
    folder, out = build(tmp_path / "门店项目"), tmp_path / "out"
    first = crossdept.weekly(folder, out=out, today="2026-11-20")  # no earlier run: the last 7 days
    drafts = sorted(p.name for p in out.glob("*复盘报告*"))
    assert drafts == ["门店项目-2026-11-20-复盘报告-系统开发完成.docx"]  # 11-16; 需求确认 and 立项评审 (10-09) are older
    assert [o.kind for o in first.outputs].count("复盘报告") == 1
    assert paragraphs(out / drafts[0])[1] == "里程碑复盘报告：系统开发完成"
    # Reached on 11-25, after the first run: the next run drafts it, and only it.
    write_xlsx(folder / "门店项目-项目总表.xlsx", {"说明": [["项目名称", "门店项目"]], "项目章程": [
        *CHARTER[:9], ["试点门店上线", D(2026, 11, 27), D(2026, 11, 25), "已完成"], CHARTER[10]]})
    crossdept.weekly(folder, out=out, today="2026-11-27")
    assert sorted(p.name for p in out.glob("*复盘报告*")) == [
        "门店项目-2026-11-20-复盘报告-系统开发完成.docx", "门店项目-2026-11-27-复盘报告-试点门店上线.docx"]


def test_a_workbook_is_never_the_output(folder: Path) -> None:
    before = (folder / "研发部.xlsx").read_bytes()
    code, _, err = cli(str(folder), "-o", str(folder / "研发部.xlsx"))
    assert code == 2 and "不是 .docx 文件" in err
    code, _, err = cli(str(folder), "--md", str(folder / "研发部.xlsx"), "-o", str(folder.parent / "r.docx"))
    assert code == 2 and "不会用 Markdown 覆盖工作簿" in err
    assert (folder / "研发部.xlsx").read_bytes() == before and not (folder.parent / "r.docx").exists()


def test_md_never_overwrites_a_file_that_is_not_markdown(folder: Path) -> None:
    config = folder / "crossdept.toml"
    config.write_text('[project]\nname = "门店项目"\n', encoding="utf-8")
    before = config.read_bytes()
    code, _, err = cli(str(folder), "--md", str(config), "-o", str(folder.parent / "r.docx"))
    assert code == 2 and "--md" in err and "不是 .md 文件" in err
    assert config.read_bytes() == before and not (folder.parent / "r.docx").exists()


def test_a_report_already_there_is_backed_up_before_it_is_replaced(folder: Path, tmp_path: Path) -> None:
    """-o X.docx over last week's report, with the meeting's notes typed into it in Word: the notes
    survive in .crossdept-backup/ (read back), the new report takes the name; the --md file too."""
    out, md = tmp_path / "复盘.docx", tmp_path / "复盘.md"
    edited = docx.Document()
    edited.add_paragraph("会上补充：接口变更须提前通知")
    edited.save(str(out))
    md.write_text("# 我们的笔记\n", encoding="utf-8")
    code, _, err = cli(str(folder), "-o", str(out), "--md", str(md))
    assert code == 1, err
    assert paragraphs(out)[1] == "里程碑复盘报告：系统开发完成"
    kept = sorted((tmp_path / ".crossdept-backup").iterdir())
    assert [p.suffix for p in kept] == [".docx", ".md"] and all(p.stem.startswith("复盘-") for p in kept)
    assert paragraphs(kept[0]) == ["会上补充：接口变更须提前通知"]
    assert kept[1].read_text(encoding="utf-8") == "# 我们的笔记\n"
    assert f"已备份原文件到 {kept[0]}" in err and f"已备份原文件到 {kept[1]}" in err
    result = crossdept.review(folder, output=tmp_path / "new.docx", today=TODAY)  # nothing there: no backup
    assert result.backups == [] and len(list((tmp_path / ".crossdept-backup").iterdir())) == 2


def test_two_milestones_reviewed_on_one_day_keep_two_files(folder: Path, tmp_path: Path) -> None:
    """The default name carries the milestone (core/minutes.review_name, as weekly's drafts): the
    second review of the day no longer replaces the first; a rerun of one milestone backs it up."""
    first = crossdept.review(folder, output=tmp_path, today=TODAY)
    second = crossdept.review(folder, milestone="立项评审", output=tmp_path, today=TODAY)
    assert sorted(p.name for p in tmp_path.glob("*.docx")) == [
        "门店项目-2026-11-20-复盘报告-立项评审.docx", "门店项目-2026-11-20-复盘报告-系统开发完成.docx"]
    assert paragraphs(first.output)[1] == "里程碑复盘报告：系统开发完成"
    assert paragraphs(second.output)[1] == "里程碑复盘报告：立项评审"
    again = crossdept.review(folder, milestone="立项评审", output=tmp_path, today=TODAY)
    assert again.output == second.output and [p.parent.name for p in again.backups] == [".crossdept-backup"]
    assert paragraphs(again.backups[0])[1] == "里程碑复盘报告：立项评审"
