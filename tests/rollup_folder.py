"""A project folder for the roll-up tests, built from real .xlsx files with known figures.

Every figure the tests assert follows from the rows below by domain.md's rules, as of Friday
2026-11-20 (previous working day Thu 11-19, next Mon 11-23); the comments give the arithmetic.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from conftest import write_xlsx

TODAY = dt.date(2026, 11, 20)
D = dt.date
HOSTILE = ('=HYPERLINK("http://example.com/x","点我")', "@SUM(1)", "+1+2", "-3")

BOARD_HEAD = ["任务编号", "任务名称", "里程碑", "负责部门", "负责人", "开始日期", "计划完成日期", "实际完成日期",
              "状态", "完成百分比", "阻塞原因/备注", "更新日期"]
ISSUE_HEAD = ["问题编号", "问题描述", "影响范围", "提出部门", "提出日期", "责任人", "责任部门", "解决时限",
              "冲突等级", "状态", "最新进展", "更新日期", "解决日期", "备注"]

TOML = """
[project]
name = "测试项目"
lead = "陈晨"
sponsor = "刘总"
departments = ["研发部", "市场部", "销售部"]

[[people]]
name = "周杰"
department = "销售部"
"""


def _rd(path: Path) -> None:
    """研发部: department from 说明; a title row above each header.

    Tasks: 已完成 100 / 进行中 50 (planned 11-18: overdue) / 阻塞 20 / 未开始 no percent (counts 0).
    Issues: RD-1 一级 due 11-18 -> overdue 2 days, escalate 二级 (updated 11-19: not stale);
    RD-2 due Mon 11-23 -> due soon; RD-3 三级 no due, raised Tue 11-10 -> derived 11-13 -> overdue
    7 days, to the sponsor, and stale (never updated); RD-4 已解决 -> not open.
    """
    write_xlsx(path, {
        "说明": [["项目名称", "测试项目"], ["部门", "研发部"]],
        "进度看板": [["研发部 进度看板"], BOARD_HEAD,
                 ["RD-T1", "接口开发", "M1", "研发部", "张伟", D(2026, 11, 1), D(2026, 11, 10), D(2026, 11, 10), "已完成", 1, "", D(2026, 11, 10)],
                 ["RD-T2", "联调", "M1", "研发部", "李娜", D(2026, 11, 2), D(2026, 11, 18), None, "进行中", 0.5, "", D(2026, 11, 19)],
                 ["RD-T3", "压测", "M2", "研发部", "张伟", D(2026, 11, 5), D(2026, 11, 30), None, "阻塞", 0.2, "等数据", D(2026, 11, 19)],
                 ["RD-T4", "上线", "M3", "研发部", "李娜", None, D(2026, 12, 1), None, "未开始", None, "", None]],
        "问题跟踪表": [["研发部 问题跟踪表"], ISSUE_HEAD,
                  ["RD-1", "接口超时", "联调", "研发部", D(2026, 11, 16), "张伟", "研发部", D(2026, 11, 18), "一级", "待处理", "排查中", D(2026, 11, 19), None, ""],
                  ["RD-2", "证书过期", "上线", "研发部", D(2026, 11, 19), "李娜", "研发部", D(2026, 11, 23), "二级", "处理中", "", D(2026, 11, 20), None, ""],
                  ["RD-3", "人力冲突", "全部", "研发部", D(2026, 11, 10), "张伟", "研发部", None, "三级", "待处理", "", None, None, ""],
                  ["RD-4", "旧问题", "无", "研发部", D(2026, 11, 1), "李娜", "研发部", D(2026, 11, 5), "一级", "已解决", "", D(2026, 11, 5), D(2026, 11, 5), ""]],
    })


def _mk(path: Path) -> None:
    """市场部-周报: no 说明, no 负责部门 column, English headers in another order, an extra column,
    hostile text cells; the department comes from crossdept.toml's list in the file name.

    Tasks: Done (100) / In progress 30 % planned 12-10. Issue: open, due 11-27, updated today.
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tasks"
    ws.append(["Status", "ID", "Task", "Owner", "Planned finish", "Actual finish", "% done", "预算(万元)"])
    ws.append(["Done", "MK-T1", HOSTILE[0], HOSTILE[1], D(2026, 11, 15), D(2026, 11, 14), "100%", 12])
    ws.append(["In progress", "MK-T2", HOSTILE[2], HOSTILE[3], D(2026, 12, 10), None, "30%", None])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                cell.data_type = "s"  # text as a person typed it, not a formula
    issues = wb.create_sheet("Issue Log")
    issues.append(["ID", "Description", "Impact", "Raised on", "Owner", "Due", "Level", "Status", "Updated on"])
    issues.append(["MK-1", "物料延期", "开业活动", D(2026, 11, 20), "王芳", D(2026, 11, 27), "一级", "Open", D(2026, 11, 20)])
    wb.save(path)


def _project(path: Path) -> None:
    """The project workbook: no department of its own, rows by 负责部门 / the owner's department.

    P-1 销售部 进行中 60 % planned 11-19 -> overdue 1 day; P-2 研发部 已完成.
    Issue PM-1 has no 责任部门; its owner 周杰 is in 销售部 per crossdept.toml; 已关闭.
    """
    write_xlsx(path, {
        "说明": [["项目名称", "测试项目"]],
        "项目章程": [["项目名称", "测试项目"], ["项目负责人", "陈晨"], ["项目发起人", "刘总"], [],
                 ["里程碑", "计划日期", "实际日期", "状态"], ["M1", D(2026, 11, 30), None, "进行中"]],
        "进度看板": [BOARD_HEAD,
                 ["P-1", "门店培训", "M1", "销售部", "周杰", D(2026, 11, 1), D(2026, 11, 19), None, "进行中", 0.6, "", D(2026, 11, 19)],
                 ["P-2", "系统验收", "M1", "研发部", "张伟", D(2026, 11, 1), D(2026, 11, 12), D(2026, 11, 12), "已完成", 1, "", D(2026, 11, 12)]],
        "问题跟踪表": [ISSUE_HEAD,
                  ["PM-1", "预算签批", "采购", "财务部", D(2026, 11, 10), "周杰", None, D(2026, 11, 12), "二级", "已关闭", "", D(2026, 11, 12), D(2026, 11, 12), ""]],
    })


def build_project(folder: Path) -> Path:
    """The folder: three workbooks that count, and every kind of file that must not."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "crossdept.toml").write_text(TOML, encoding="utf-8")
    _rd(folder / "研发部.xlsx")
    sub = folder / "市场"
    sub.mkdir()
    _mk(sub / "市场部-周报.xlsx")
    _project(folder / "项目总表.xlsx")
    (folder / "~$研发部.xlsx").write_bytes(b"\x00lock owner")          # Excel's lock file
    (folder / "损坏.xlsx").write_bytes(b"PK\x03\x04 this is not a zip")  # corrupt
    (folder / "会议记录.txt").write_text("不是工作簿", encoding="utf-8")   # not a workbook
    (folder / ".隐藏.xlsx").write_bytes(b"hidden")                       # hidden
    write_xlsx(folder / "预算.xlsx", {"预算": [["科目", "金额"], ["差旅", 3]]})  # no sheet of ours
    backup = folder / ".crossdept-backup"
    backup.mkdir()
    _rd(backup / "研发部-20261119.xlsx")  # a backup: never read, or 研发部 would count twice
    return folder
