"""A small project folder whose milestones exercise every rule of domain.md "Milestones".

Today is Friday 2026-11-20. The 2026 calendar used: 09-25 (Mid-Autumn) and 10-01..10-07 (National
Day) are days off, Saturday 10-10 is a make-up workday.

| milestone | planned | actual | attached | forecast | slip | state |
|---|---|---|---|---|---|---|
| 需求确认 | 09-30 Wed | 10-09 Fri | R-1 | - | 2 (10-08, 10-09: over National Day) | 已完成 |
| 立项评审 | 10-12 Mon | 10-09 Fri | - | - | -2 (10-10 Sat is a workday) | 已完成 |
| 系统开发完成 | 11-13 Fri | 11-16 Mon | R-2 late 3 d, R-3 | - | 1 (over the weekend) | 已完成 |
| 营销活动启动 | 11-19 Thu | - | M-1 planned 11-18 open | 11-20 | 1 | 已延误 |
| 试点门店上线 | 11-27 Fri | - | R-4 12-01, R-5 overdue, M-2 阻塞 | 12-01 Tue | 2 | 有风险 |
| 全面上线 | 12-18 Fri | - | M-3 planned 12-10 | 12-10 | -6 | 按计划 |

R-6 names 不存在的节点 (unknown). Issues: RD-1 raised 11-10 → 系统开发完成 (二级, due 11-12,
resolved 11-14: late, 4 days); RD-2 raised 11-11 一级 (derived due 11-12, closed 11-12: 1 day);
RD-3 raised 11-12 三级 open; MK-1 names " 试点 门店上线" explicitly; MK-2 names 不存在 (unknown).
The 里程碑复盘会 of 11-17 names 系统开发完成 in its 会议名称.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from crossdept.model.sheets import BOARD, ISSUES
from conftest import write_xlsx

D = dt.date
TODAY = D(2026, 11, 20)
BOARD_HEAD = [c.header for c in BOARD.columns]
ISSUE_HEAD = [c.header for c in ISSUES.columns]
MINUTES_HEAD = ["序号", "议题", "部门", "进展/讨论要点", "结论/决议", "待办事项", "责任人", "完成时限", "状态"]


def task(id: str, name: str, milestone: str | None, planned: dt.date, actual: dt.date | None, status: str,
         notes: str = "", dept: str = "研发部", owner: str = "张伟") -> list[object]:
    values = {"id": id, "task": name, "milestone": milestone, "department": dept, "owner": owner,
              "start": D(2026, 9, 1), "planned_finish": planned, "actual_finish": actual, "status": status,
              "progress": 1 if status == "已完成" else 0.5, "notes": notes, "updated_on": TODAY}
    return [values.get(c.key) for c in BOARD.columns]


def issue(id: str, raised: dt.date, level: str, status: str, due: dt.date | None = None,
          resolved: dt.date | None = None, milestone: str | None = None) -> list[object]:
    values = {"id": id, "description": f"问题{id}", "impact": "上线", "raised_on": raised, "owner": "张伟",
              "owner_dept": "研发部", "due": due, "level": level, "status": status, "updated_on": TODAY,
              "resolved_on": resolved, "milestone": milestone}
    return [values.get(c.key) for c in ISSUES.columns]


CHARTER = [
    ["项目名称", "门店项目"], ["项目负责人", "陈晨"], ["项目发起人", "刘总", "开始日期", D(2026, 9, 1)], [],
    ["里程碑", "计划日期", "实际日期", "状态"],
    ["需求确认", D(2026, 9, 30), D(2026, 10, 9), "已完成"],
    ["立项评审", D(2026, 10, 12), D(2026, 10, 9), "已完成"],
    ["系统开发完成", D(2026, 11, 13), D(2026, 11, 16), "已完成"],
    ["营销活动启动", D(2026, 11, 19), None, "进行中"],
    ["试点门店上线", D(2026, 11, 27), None, "进行中"],
    ["全面上线", D(2026, 12, 18), None, "未开始"],
]

REVIEW_BLOCK = [
    ["会议名称", "里程碑复盘会：系统开发完成", "会议类型", "里程碑复盘会"],
    ["日期", D(2026, 11, 17), "时间", "10:00-11:30"],
    MINUTES_HEAD,
    [1, "成果总结", "研发部", "晚1个工作日", "节点确认达成", "", "陈晨", None, "已完成"],
    [2, "偏差分析", "研发部", "接口文档变更两次", "接口变更提前3天通知", "与供应商签订变更约定", "张伟", D(2026, 11, 24), "进行中"],
    [3, "改进措施", "运营部", "口头通知遗漏", "", "发布需求变更流程", "陈晨", D(2026, 11, 20), "已完成"],
]


def build(folder: Path, review: bool = True) -> Path:
    """The project workbook (charter, minutes) and two department workbooks, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    project: dict[str, list[list[object]]] = {"说明": [["项目名称", "门店项目"]], "项目章程": CHARTER}
    if review:
        project["会议纪要"] = REVIEW_BLOCK
    write_xlsx(folder / "门店项目-项目总表.xlsx", project)
    write_xlsx(folder / "研发部.xlsx", {
        "说明": [["项目名称", "门店项目"], ["部门", "研发部"]],
        "进度看板": [BOARD_HEAD,
                 task("R-1", "需求评审", "需求确认", D(2026, 9, 29), D(2026, 10, 9), "已完成", "评审推迟"),
                 task("R-2", "POS接口联调", "系统开发完成", D(2026, 11, 13), D(2026, 11, 16), "已完成", "接口文档变更两次"),
                 task("R-3", "会员系统", "系统开发完成", D(2026, 11, 12), D(2026, 11, 12), "已完成"),
                 task("R-4", "门店设备安装", "试点门店上线", D(2026, 12, 1), None, "进行中"),
                 task("R-5", "收银培训", "试点\u3000门店上线", D(2026, 11, 18), None, "进行中"),
                 task("R-6", "多余任务", "不存在的节点", D(2026, 11, 30), None, "未开始")],
        "问题跟踪表": [ISSUE_HEAD,
                  issue("RD-1", D(2026, 11, 10), "二级", "已解决", D(2026, 11, 12), D(2026, 11, 14)),
                  issue("RD-2", D(2026, 11, 11), "一级", "已关闭", None, D(2026, 11, 12)),
                  issue("RD-3", D(2026, 11, 12), "三级", "处理中")],
    })
    write_xlsx(folder / "市场部.xlsx", {
        "说明": [["项目名称", "门店项目"], ["部门", "市场部"]],
        "进度看板": [BOARD_HEAD,
                 task("M-1", "活动方案", "营销活动启动", D(2026, 11, 18), None, "进行中", dept="市场部", owner="王芳"),
                 task("M-2", "物料制作", "试点门店上线", D(2026, 11, 25), None, "阻塞", "供应商未确认", "市场部", "王芳"),
                 task("M-3", "全面投放", "全面上线", D(2026, 12, 10), None, "未开始", dept="市场部", owner="王芳")],
        "问题跟踪表": [ISSUE_HEAD,
                  issue("MK-1", D(2026, 11, 19), "一级", "待处理", D(2026, 11, 23), milestone=" 试点 门店上线"),
                  issue("MK-2", D(2026, 11, 19), "一级", "待处理", D(2026, 11, 23), milestone="不存在")],
    })
    return folder
