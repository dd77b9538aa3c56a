"""Write samples/智慧门店上线/: a realistic cross-department project, as of Friday 2026-11-20.

Every crossdept command demonstrates itself on this folder, so its content has to be plausible
and consistent across workbooks: tasks blocked in one department are the issues of another, the
escalation meeting settles the 三级 conflicts of the trackers, the milestones of the boards are
those of the charter. It also holds a few deliberate mistakes (MISTAKES below), so that
validation has something true to report; README.md lists them with their cells.

Deterministic: no random numbers and no wall-clock dates, so a fresh run equals what is committed
(tests/test_samples.py checks that). Run it as:

    .venv/bin/python samples/generate.py [OUT_DIR]

Four department workbooks are built from the templates (crossdept.write.templates); 财务部 keeps
its own older hand-made layout (English headers, a title block, text dates, "80%") written
directly with openpyxl, because real projects look like that and the reader must cope.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.cell import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from crossdept.model.sheets import BOARD, COMM_PLAN as COMM_PLAN_SPEC, INSTRUCTIONS, ISSUES
from crossdept.model.spec import SheetSpec
from crossdept.read import read_workbook
from crossdept.write.atomic import write_text_atomic
from crossdept.write.templates import build_workbook, save_workbook

HERE = Path(__file__).resolve().parent
PROJECT = "智慧门店上线"
YEAR = 2026
AS_OF = dt.date(2026, 11, 20)  # a Friday: the day of the 7th weekly meeting
PROJECT_FILE = f"{PROJECT}-项目总表.xlsx"
DEPARTMENTS = ("研发部", "市场部", "销售部", "运营部", "财务部")
# 客服部 joined the project: crossdept.toml expects it, but it has sent no workbook of its own yet
# (its first attempt, COPY_FILE, still says 销售部): the roll-up lists it as 未提交 (missing).
NEW_DEPARTMENT = "客服部"
EXPECTED_DEPARTMENTS = (*DEPARTMENTS, NEW_DEPARTMENT)
# 客服部's workbook started as a copy of 销售部's template; its 说明 still says 销售部.
COPY_FILE = f"{NEW_DEPARTMENT}.xlsx"
COPY_OF = "销售部"
HAND_MADE = "财务部"  # the department that keeps its own layout
# A fixed timestamp for the files' document properties, so nothing depends on the wall clock.
FILE_TIME = dt.datetime(2026, 11, 20, 18, 0, 0)


def d(month_day: str) -> dt.date:
    """A date of the project year from "11-20"."""
    month, day = month_day.split("-")
    return dt.date(YEAR, int(month), int(day))


# --- people -----------------------------------------------------------------------------------

# name, department, email, title
PEOPLE: tuple[tuple[str, str | None, str, str], ...] = (
    ("刘振华", None, "liu.zhenhua@example.com", "副总裁（项目发起人）"),
    ("陈晨", "运营部", "chen.chen@example.com", "运营总监（项目负责人）"),
    ("林涛", "运营部", "lin.tao@example.com", "门店运营经理"),
    ("黄敏", "运营部", "huang.min@example.com", "运营专员"),
    ("张伟", "研发部", "zhang.wei@example.com", "研发经理"),
    ("李娜", "研发部", "li.na@example.com", "前端工程师"),
    ("刘洋", "研发部", "liu.yang@example.com", "测试负责人"),
    ("王芳", "市场部", "wang.fang@example.com", "市场经理"),
    ("赵磊", "市场部", "zhao.lei@example.com", "渠道投放主管"),
    ("孙丽", "市场部", "sun.li@example.com", "品牌设计师"),
    ("周杰", "销售部", "zhou.jie@example.com", "销售经理"),
    ("吴静", "销售部", "wu.jing@example.com", "培训主管"),
    ("郑浩", "销售部", "zheng.hao@example.com", "区域销售"),
    ("何秀英", "财务部", "he.xiuying@example.com", "财务经理"),
    ("郭强", "财务部", "guo.qiang@example.com", "采购会计"),
    ("马琳", "财务部", "ma.lin@example.com", "费用会计"),
    ("蒋雯", "客服部", "jiang.wen@example.com", "客服主管"),
)
SPONSOR = "刘振华"
LEAD = "陈晨"
HEADS = {"研发部": "张伟", "市场部": "王芳", "销售部": "周杰", "运营部": "陈晨", "财务部": "何秀英"}

# --- the charter ------------------------------------------------------------------------------

MILESTONES = (
    # milestone, planned, actual, status
    ("需求确认", d("10-16"), d("10-16"), "已完成"),
    ("系统开发完成", d("11-13"), d("11-16"), "已完成"),
    ("试点门店上线", d("11-27"), None, "进行中"),
    ("营销活动启动", d("12-04"), None, "未开始"),
    ("全面上线", d("12-18"), None, "未开始"),
    ("项目复盘", d("12-25"), None, "未开始"),
)

CHARTER = {
    "fields": {
        "project": PROJECT,
        "lead": LEAD,
        "sponsor": SPONSOR,
        "goal": "2026年12月18日前在全部18家门店上线智慧门店系统（自助点单、会员积分、移动支付），"
                "试点门店客单价提升10%，会员注册数增长20%",
        "scope": "包含：3家试点门店（南京西路店、滨江店、万达店）改造与上线、收银与会员系统改造、开业营销活动、"
                 "店员培训；不包含：供应链系统改造、线上商城",
        "start": d("10-08"),
        "end": d("12-31"),
        "budget": "180万元（设备95万、研发外包30万、营销40万、培训及其他15万）",
    },
    "rows": [
        {"milestone": m, "planned": planned, "actual": actual, "status": status}
        for m, planned, actual, status in MILESTONES
    ],
}

# --- RACI -------------------------------------------------------------------------------------

RACI_TASKS = (
    # task, 研发部, 市场部, 销售部, 运营部, 财务部
    ("需求调研与确认", "R", "R", "C", "A", "I"),
    ("系统开发与联调", "R/A", "I", "I", "C", "I"),
    ("试点门店选址与改造", "C", "I", "R", "A", "C"),
    ("门店设备采购", "C", "", "I", "R", "A"),
    ("营销活动方案", "I", "R/A", "A", "C", "C"),  # deliberate mistake: two A
    ("店员培训与销售话术", "C", "C", "R/A", "I", ""),
    ("上线前测试协调", "R", "I", "C", "A", ""),
    ("预算审批与费用控制", "I", "C", "C", "C", "R/A"),
    ("上线后运营监控", "C", "I", "I", "R/A", "I"),
    ("项目复盘与归档", "C", "C", "C", "R/A", "C"),
)

RACI = {
    "roles": list(DEPARTMENTS),
    "rows": [
        {"task": task, "roles": {dep: role for dep, role in zip(DEPARTMENTS, roles) if role}}
        for task, *roles in RACI_TASKS
    ],
}

# --- the communication plan (模板一) ----------------------------------------------------------

# The guide's three example exchanges (the template's sample rows), with this project's people as
# owners instead of the roles the guide names (项目负责人, 运营, 测试).
GUIDE_OWNERS = {"需求评审": LEAD, "周进度同步": LEAD, "上线前测试协调": "刘洋"}
COMM_PLAN = [
    *({**row, "owner": GUIDE_OWNERS[str(row["item"])]} for row in COMM_PLAN_SPEC.sample_rows),
    # This project's own.
    {"item": "日常进度更新", "participants": "各部门核心成员", "channel": "企业微信群+进度看板",
     "frequency": "每个工作日17:30前", "owner": "黄敏", "deliverable": "更新后的进度看板、问题跟踪表",
     "notes": "小问题不过夜：阻碍当天登记问题跟踪表"},
    {"item": "里程碑复盘会", "participants": "各部门负责人", "channel": "线下会议",
     "frequency": "每个里程碑后3个工作日内", "owner": LEAD, "deliverable": "《复盘报告》",
     "notes": "成果总结-问题清单-改进措施"},
    {"item": "问题升级会", "participants": "相关部门负责人、项目发起人", "channel": "线下会议",
     "frequency": "周例会无法解决的跨部门争议出现时", "owner": SPONSOR, "deliverable": "《升级决议》",
     "notes": "三级冲突3个工作日内决策"},
    {"item": "营销物料评审", "participants": "市场、销售、运营", "channel": "线下会议",
     "frequency": "每两周周二10:00", "owner": "王芳", "deliverable": "《物料确认单》", "notes": ""},
    {"item": "预算执行通报", "participants": "财务、各部门负责人", "channel": "邮件",
     "frequency": "每月最后一周周三", "owner": "何秀英", "deliverable": "《预算执行表》",
     "notes": "追加预算须经项目发起人签批"},
    {"item": "试点门店日报", "participants": "销售、运营、研发", "channel": "邮件",
     "frequency": "每天18:00", "owner": "周杰", "deliverable": "《试点门店日报》",
     "notes": "试点期间发送，抄送项目负责人"},
]

DEPT_SHORT = {"研发部": "研发", "市场部": "市场", "销售部": "销售", "运营部": "运营", "财务部": "财务"}


def comm_plan_for(department: str) -> list[dict[str, object]]:
    """The exchanges a department takes part in: named in participants, or everyone's."""
    short = DEPT_SHORT[department]
    return [row for row in COMM_PLAN
            if short in str(row["participants"]) or "各部门" in str(row["participants"])]


# --- meeting minutes (模板二) -----------------------------------------------------------------

ATTENDEES = "陈晨、张伟、王芳、周杰、何秀英、林涛、黄敏"


def weekly(no: int, date: str, rows: list[tuple], absentees: str = "无") -> dict[str, object]:
    """One 周例会 block: every Friday 15:00, chaired by the lead, recorded by 黄敏."""
    return {
        "fields": {
            "meeting_name": f"{PROJECT}项目第{no}次周例会", "meeting_type": "周例会", "date": d(date),
            "time": "15:00-16:00", "place": "总部3楼会议室 / 腾讯会议", "host": LEAD, "recorder": "黄敏",
            "attendees": ATTENDEES, "absentees": absentees,
        },
        "rows": minute_rows(rows),
    }


def minute_rows(rows: list[tuple]) -> list[dict[str, object]]:
    keys = ("topic", "department", "discussion", "decision", "action", "owner", "due", "status")
    out = []
    for no, row in enumerate(rows, start=1):
        record = {"no": no}
        for key, value in zip(keys, row):
            if value not in (None, ""):
                record[key] = d(value) if key == "due" else value
        out.append(record)
    return out


MINUTES = [
    weekly(4, "10-30", [
        ("系统开发进度", "研发部", "第二轮迭代完成，会员系统改造完成60%；POS供应商接口文档版本不一致",
         "由研发部与供应商确认v2.3接口文档", "确认POS接口文档版本", "刘洋", "11-02", "已完成"),
        ("试点门店", "销售部", "南京西路店、滨江店、万达店三家试点门店确认，改造方案已定稿",
         "按方案11月2日开始施工", "组织门店改造施工", "郑浩", "11-18", "已完成"),
        ("营销方案", "市场部", "开业活动方案初稿完成，品牌物料设计进行中", "11月13日前完成物料设计",
         "完成品牌视觉与物料设计", "孙丽", "11-13", "已完成"),
        ("设备采购", "运营部", "设备清单已确认，POS与自助点单机询价3家", "按财务三方比价要求下单",
         "下单采购试点门店设备", "林涛", "11-13", "已完成"),
        ("预算", "财务部", "项目预算180万元已审批", "各部门按科目提交付款申请", "下发付款申请模板", "何秀英", "11-02",
         "已完成"),
    ]),
    weekly(5, "11-06", [
        ("系统开发进度", "研发部", "会员系统改造完成；POS收银接口对接中，小程序点单开发70%",
         "11月13日系统开发完成节点不变", "完成POS收银接口对接", "刘洋", "11-13", "已完成"),
        ("门店改造", "销售部", "滨江店改造过半；门店装修色与品牌VI有色差", "统一使用市场部提供的色卡",
         "向施工方下发统一色卡", "孙丽", "11-06", "已完成"),
        ("设备到货", "运营部", "设备供应商交期延误，首批预计11月13日到货", "接受分批到货，运营部每日跟进",
         "跟进设备分批到货", "林涛", "11-17", "已完成"),
        ("店员培训", "销售部", "培训计划已完成，需研发部提供操作手册", "研发部11月16日前提供操作手册",
         "提供系统操作手册", "李娜", "11-16", "已完成"),
        ("付款流程", "财务部", "设备采购需三方比价后付款", "运营部补齐比价单", "补交三方比价单", "林涛", "11-09",
         "已完成"),
    ], absentees="周杰（出差，吴静代）"),
    weekly(6, "11-13", [
        ("系统开发完成节点", "研发部", "小程序点单已完成；POS接口联调发现问题，预计晚1个工作日",
         "节点顺延至11月16日，17日召开里程碑复盘会", "完成POS接口联调并提交测试", "刘洋", "11-16", "已完成"),
        ("电子发票", "研发部", "税控盘未到位，电子发票接口无法联调", "财务部催促供应商发货",
         "跟进税控盘到货", "郭强", "11-17", "阻塞"),
        ("双十二与试点冲突", "销售部", "双十二大促版本与试点上线争用研发人力，部门间无共识",
         "升级至项目发起人，11月18日召开问题升级会", "准备升级会材料", LEAD, "11-17", "已完成"),
        ("门店网络", "运营部", "试点门店网络带宽不足，影响设备联调", "运营部联系运营商升级带宽",
         "补充试点门店网络验收标准", None, "11-18", "进行中"),  # deliberate mistake: no owner
        ("线上投放预算", "市场部", "线上投放预算未确认，投放计划无法锁定", "财务部11月17日前确认",
         "确认线上投放预算", "何秀英", "11-17", "阻塞"),
    ]),
    {
        "fields": {
            "meeting_name": "里程碑复盘会：系统开发完成", "meeting_type": "里程碑复盘会", "date": d("11-17"),
            "time": "10:00-11:30", "place": "总部3楼会议室", "host": LEAD, "recorder": "黄敏",
            "attendees": "陈晨、张伟、李娜、刘洋、林涛、周杰、王芳", "absentees": "何秀英（请假）",
        },
        "rows": minute_rows([
            ("成果总结", "研发部", "会员系统、小程序点单、POS收银接口全部完成，计划11月13日，实际11月16日，晚1个工作日",
             "节点确认达成，进入试点阶段", "", LEAD, "11-17", "已完成"),
            ("偏差分析", "研发部", "POS供应商接口文档版本变更两次，返工2天", "与供应商约定接口变更提前3天通知",
             "与供应商签订接口变更约定", "张伟", "11-24", "进行中"),
            ("问题清单", "运营部", "门店网络带宽、税控盘到货、真实交易数据三项风险影响试点",
             "各项登记问题跟踪表，每日更新", "登记并每日更新三项风险", "林涛", "11-18", "已完成"),
            ("改进措施", "运营部", "需求变更多次口头通知，造成遗漏", "下阶段需求变更需提前3天评估影响，并通过邮件同步",
             "发布需求变更流程", LEAD, "11-20", "已完成"),
        ]),
    },
    {
        "fields": {
            "meeting_name": "问题升级会：双十二大促与试点上线资源冲突", "meeting_type": "问题升级会",
            "date": d("11-18"), "time": "16:00-17:00", "place": "总部5楼副总办公室", "host": SPONSOR,
            "recorder": "黄敏", "attendees": "刘振华、陈晨、张伟、周杰、何秀英", "absentees": "无",
        },
        "rows": minute_rows([
            ("研发人力冲突（三级）", "销售部", "双十二大促版本需研发3人，试点上线需研发4人，研发部共5人",
             "研发部2人留守试点至11月27日，大促版本范围缩减", "调整双十二大促版本范围", "周杰", "11-20", "已完成"),
            ("追加预算（三级）", "财务部", "设备涨价与营销投放追加需36万元，超出财务审批权限",
             "同意追加20万元，由营销预算中调剂16万元", "办理追加预算签批", "何秀英", "11-23", "进行中"),
            ("税控盘到货", "财务部", "供应商发货延迟一周", "启用备用供应商", "联系备用税控盘供应商", "郭强", "11-20",
             "进行中"),
        ]),
    },
    weekly(7, "11-20", [
        ("试点上线准备", "运营部", "设备到店安装70%，门店运营手册85%；试点值守人员不足", "向销售部借调2名店员值守",
         "确定试点值守名单", "黄敏", "11-24", "进行中"),
        ("测试进度", "研发部", "集成测试50%，支付联调因银联测试环境排队已逾期；性能压测等待交易数据",
         "研发部每日在群内同步测试问题清单", "完成支付联调", "刘洋", "11-23", "进行中"),
        ("交易数据", "财务部", "交易数据导出范围需财务审批", "财务部11月23日前确认数据范围", "审批交易数据导出范围",
         "马琳", "11-23", "进行中"),
        ("开业活动", "市场部", "开业活动与周边商场活动撞期", "市场部11月23日前提交调整方案", "调整开业活动档期",
         "王芳", "11-23", "未开始"),
        ("店员培训", "销售部", "店员系统操作培训完成一半，改为闭店后分两批", "11月24日前完成全部培训",
         "完成店员系统操作培训", "吴静", "11-24", "进行中"),
        ("下周重点", "运营部", "11月27日试点门店上线", "各部门按进度看板推进，阻碍当天登记", "", LEAD, "11-27",
         "进行中"),
    ]),
    # Appended, not in date order: the blocks above keep their rows (tests and README cite them).
    {
        "fields": {
            "meeting_name": "里程碑复盘会：需求确认", "meeting_type": "里程碑复盘会", "date": d("10-19"),
            "time": "10:00-11:00", "place": "总部3楼会议室", "host": LEAD, "recorder": "黄敏",
            "attendees": "陈晨、张伟、王芳、周杰、林涛、何秀英", "absentees": "无",
        },
        "rows": minute_rows([
            ("成果总结", "研发部", "《需求确认单》10月16日按期签字，范围含自助点单、会员积分、移动支付",
             "需求基线冻结，变更走变更流程", "", LEAD, "10-19", "已完成"),
            ("改进措施", "市场部", "用户调研数据晚到2天，压缩了评审准备时间", "调研数据提前一周提供",
             "建立调研数据提交节点", "王芳", "10-23", "已完成"),
        ]),
    },
]


def meeting(name: str, kind: str, date: str, time: str, place: str, host: str, recorder: str, attendees: str,
            rows: list[tuple]) -> dict[str, object]:
    """One meeting block of a department's own 会议纪要."""
    return {
        "fields": {"meeting_name": name, "meeting_type": kind, "date": d(date), "time": time, "place": place,
                   "host": host, "recorder": recorder, "attendees": attendees, "absentees": "无"},
        "rows": minute_rows(rows),
    }


# Each template department keeps the minutes of a meeting of its own.
DEPT_MINUTES: dict[str, list[dict[str, object]]] = {
    "研发部": [meeting("研发部试点联调专题会", "专题会", "11-19", "10:00-10:30", "研发部会议室", "张伟", "刘洋",
                    "张伟、李娜、刘洋", [
        ("支付联调", "研发部", "银联测试环境排队，预计11月23日可用", "申请加急，同时先用模拟环境测试",
         "提交测试环境加急申请", "刘洋", "11-20", "已完成"),
        ("安卓闪退", "研发部", "部分安卓机型小程序闪退，定位为支付SDK版本问题", "回退支付SDK至上一稳定版本",
         "发布修复版本", "李娜", "11-21", "进行中"),
        ("性能压测", "研发部", "真实交易数据未到，压测无法开始", "先用合成数据完成第一轮压测",
         "准备合成交易数据", "李娜", "11-23", "进行中"),
    ])],
    "市场部": [meeting("开业活动方案评审会", "专题会", "11-19", "14:00-15:00", "市场部会议室", "王芳", "孙丽",
                    "王芳、赵磊、孙丽、周杰", [
        ("开业活动档期", "市场部", "与周边商场周年庆撞期", "开业活动推迟至11月28日", "提交档期调整方案", "王芳",
         "11-23", "未开始"),
        ("KOL合作", "市场部", "两位KOL报价超出预算30%", "再比价3家，优先本地生活类KOL", "完成KOL比价", "赵磊",
         "11-23", "进行中"),
        ("宣传物料", "市场部", "原印刷厂排期到11月25日", "启用备用印刷厂", "确认备用印刷厂交期", "孙丽", "11-21",
         "进行中"),
    ])],
    "销售部": [meeting("试点门店店员培训协调会", "专题会", "11-17", "18:30-19:00", "滨江店", "周杰", "吴静",
                    "周杰、吴静、郑浩、李娜", [
        ("培训时间", "销售部", "白天培训影响门店营业", "改为闭店后分两批培训", "重排培训日程", "吴静", "11-24",
         "进行中"),
        ("操作手册", "研发部", "系统操作手册已提供，缺少常见故障处理", "研发部补充故障处理章节", "补充故障处理章节",
         "李娜", "11-20", "已完成"),
        ("开业排班", "销售部", "开业首周客流预计翻倍", "开业首周每班增加1人", "制定开业排班表", "郑浩", "11-25",
         "未开始"),
    ])],
    "运营部": [meeting("运营部试点准备周会", "周例会", "11-18", "09:30-10:00", "运营部工位区", "陈晨", "黄敏",
                    "陈晨、林涛、黄敏", [
        ("设备安装", "运营部", "设备分批到货，南京西路店已装完", "滨江店、万达店11月21日前装完", "完成剩余门店设备安装",
         "林涛", "11-21", "进行中"),
        ("网络带宽", "运营部", "运营商升级带宽排期到11月20日", "每日跟进运营商进度", "跟进带宽升级", "林涛", "11-20",
         "进行中"),
        ("值守人员", "运营部", "试点上线值守人手不足", "向销售部借调2名店员", "确认借调人员", "陈晨", "11-24",
         "进行中"),
    ])],
}

# --- progress boards --------------------------------------------------------------------------

TASK_KEYS = ("id", "task", "milestone", "owner", "start", "planned_finish", "actual_finish", "status",
             "progress", "notes", "updated_on")


def tasks(department: str, rows: list[tuple]) -> list[dict[str, object]]:
    """Board rows from compact tuples; dates given as "11-20", empty values left out."""
    out = []
    for row in rows:
        record: dict[str, object] = {"department": department}
        for key, value in zip(TASK_KEYS, row):
            if value in (None, ""):
                continue
            is_date = key in ("start", "planned_finish", "actual_finish", "updated_on")
            record[key] = d(value) if is_date and isinstance(value, str) else value
        out.append(record)
    return out


BOARDS: dict[str, list[dict[str, object]]] = {
    "研发部": tasks("研发部", [
        ("RD-T01", "需求规格说明书编写", "需求确认", "张伟", "10-08", "10-15", "10-15", "已完成", 100, "",
         dt.date(2062, 10, 15)),  # deliberate mistake: 2062 for 2026
        ("RD-T02", "系统架构设计", "系统开发完成", "张伟", "10-12", "10-19", "10-19", "已完成", 100, "", "10-19"),
        ("RD-T03", "会员系统改造", "系统开发完成", "李娜", "10-19", "11-06", "11-06", "已完成", 100, "", "11-06"),
        ("RD-T04", "POS收银接口对接", "系统开发完成", "刘洋", "10-26", "11-13", "11-16", "已完成", 100,
         "供应商接口文档变更，晚1个工作日", "11-16"),
        ("RD-T05", "小程序点单功能开发", "系统开发完成", "李娜", "10-26", "11-13", "11-13", "完成了", 100, "",
         "11-13"),  # deliberate mistake: status not in the list
        ("RD-T06", "支付联调", "试点门店上线", "刘洋", "11-09", "11-18", None, "进行中", 85,
         "银联测试环境排队，预计11月23日可用", "11-20"),
        ("RD-T07", "门店网络与设备联调", "试点门店上线", "张 伟", "11-16", "11-24", None, "进行中", 60,
         "", "11-19"),  # deliberate mistake: "张 伟" is not a name in crossdept.toml
        ("RD-T08", "系统集成测试", "试点门店上线", "刘洋", "11-16", "11-25", None, "进行中", 50, "", "11-20"),
        ("RD-T09", "性能压测", "试点门店上线", "李娜", "11-18", "11-26", None, "阻塞", 20,
         "等待运营部提供门店真实交易数据", "11-19"),
        ("RD-T10", "试点问题修复", "试点门店上线", "张伟", "11-23", "12-01", None, "未开始", 0, "", "11-20"),
        ("RD-T11", "数据看板开发", "营销活动启动", "李娜", "11-16", "12-02", None, "进行中", 30, "", "11-20"),
        ("RD-T12", "营销活动页面开发", "营销活动启动", "刘洋", "11-25", "12-03", None, "未开始", 0, "", "11-18"),
        ("RD-T13", "全量门店部署脚本", "全面上线", "张伟", "12-01", "12-11", None, "未开始", 0, "", "11-18"),
        ("RD-T14", "运维监控与告警", "全面上线", "刘洋", "11-19", "12-15", None, "进行中", 10, "", "11-20"),
        ("RD-T15", "电子发票接口", "试点门店上线", "李娜", "11-02", "11-17", None, "阻塞", 70,
         "税控盘未到位（财务部采购中）", "11-19"),
    ]),
    "市场部": tasks("市场部", [
        ("MK-T01", "用户调研报告", "需求确认", "王芳", "10-08", "10-14", "10-14", "已完成", 100, "", "10-14"),
        ("MK-T02", "竞品分析", "需求确认", "赵磊", "10-08", "10-15", "10-16", "已完成", 100, "", "10-16"),
        ("MK-T03", "品牌视觉与物料设计", "营销活动启动", "孙丽", "10-26", "11-13", "11-12", "已完成", 100, "",
         "11-12"),
        ("MK-T04", "试点门店宣传物料制作", "试点门店上线", "孙丽", "11-09", "11-19", None, "进行中", 90,
         "印刷厂排期，11月21日交付", "11-19"),
        ("MK-T05", "开业活动方案", "营销活动启动", "王芳", "11-02", "11-20", None, "进行中", 80,
         "与周边商场活动撞期，调整中", "11-20"),
        ("MK-T06", "KOL合作洽谈", "营销活动启动", "赵磊", "11-09", "11-27", None, "进行中", 40, "", "11-19"),
        ("MK-T07", "社群运营SOP", "营销活动启动", "孙丽", "11-23", "11-30", None, "未开始", 0, "", "11-16"),
        ("MK-T08", "线上投放计划", "营销活动启动", "赵磊", "11-16", "11-25", None, "阻塞", 30,
         "投放预算待财务部确认", "11-18"),
        ("MK-T09", "会员拉新活动设计", "全面上线", "王芳", "11-23", "12-08", None, "未开始", 0, "", "11-16"),
        ("MK-T10", "媒体发布会筹备", "全面上线", "赵磊", "11-30", "12-16", None, "未开始", 0, "", "11-16"),
        ("MK-T11", "试点门店顾客满意度问卷", "试点门店上线", "孙丽", "11-12", "11-18", "11-18", "已完成", 100, "",
         "11-18"),
        ("MK-T12", "营销效果复盘", "项目复盘", "王芳", "12-18", "12-24", None, "未开始", 0, "", "11-16"),
        # deliberate mistake: MK-T01 pasted a second time, identical: counted once
        ("MK-T01", "用户调研报告", "需求确认", "王芳", "10-08", "10-14", "10-14", "已完成", 100, "", "10-14"),
    ]),
    "销售部": tasks("销售部", [
        ("SL-T01", "试点门店选址", "需求确认", "周杰", "10-08", "10-16", "10-16", "已完成", 100,
         "原定徐家汇店租约到期，改选滨江店", "10-16"),
        ("SL-T02", "门店改造方案确认", "试点门店上线", "吴静", "10-19", "10-30", "10-30", "已完成", 100, "", "10-30"),
        ("SL-T03", "门店改造施工", "试点门店上线", "郑浩", "11-02", "11-18", "11-18", "已完成", 80,
         "", "11-18"),  # deliberate mistake: 已完成 at 80 %
        ("SL-T04", "店员培训计划", "试点门店上线", "吴静", "11-02", "11-13", "11-12", "已完成", 100, "", "11-12"),
        ("SL-T05", "店员系统操作培训", "试点门店上线", "吴静", "11-16", "11-24", None, "进行中", 50,
         "改为闭店后分两批培训", "11-20"),
        ("SL-T06", "销售话术手册", "营销活动启动", "周杰", "11-09", "11-19", None, "进行中", 70,
         "会员权益部分待市场部确认", "11-20"),
        ("SL-T07", "大客户预约到店", "试点门店上线", "郑浩", "11-16", "11-27", None, "进行中", 25, "", "11-19"),
        ("SL-T08", "试点门店开业排班", "试点门店上线", "郑浩", "11-18", "11-25", None, "未开始", 0, "", "11-18"),
        ("SL-T09", "双十二促销与上线衔接方案", "营销活动启动", "周杰", "11-11", "11-17", None, "阻塞", 40,
         "与研发部人力冲突，已升级（见11月18日问题升级会）", "11-18"),
        ("SL-T10", "销售目标分解", "全面上线", "周杰", "11-23", "12-04", None, "未开始", 0, "", "11-16"),
        ("SL-T11", "渠道商沟通会", "全面上线", "吴静", "12-01", "12-10", None, "未开始", 0, "", "11-16"),
        ("SL-T12", "试点销售数据日报模板", "试点门店上线", "郑浩", "11-16", "11-20", "11-20", "已完成", 100, "",
         "11-20"),
    ]),
    "运营部": tasks("运营部", [
        ("OP-T01", "项目章程与RACI签署", "需求确认", "陈晨", "10-08", "10-12", "10-12", "已完成", 100, "", "10-12"),
        ("OP-T02", "门店设备清单确认", "系统开发完成", "林涛", "10-12", "10-23", "10-22", "已完成", 100, "", "10-22"),
        ("OP-T03", "POS与自助点单机采购", "试点门店上线", "林涛", "10-26", "11-13", "11-17", "已完成", 100,
         "供应商分批到货", "11-17"),
        ("OP-T04", "设备到店安装", "试点门店上线", "林涛", "11-16", "11-21", None, "进行中", 70, "", "11-20"),
        ("OP-T05", "门店运营手册", "试点门店上线", "黄敏", "11-02", "11-18", None, "进行中", 85, "", "11-19"),
        ("OP-T06", "客服话术与FAQ", "试点门店上线", "黄敏", "11-09", "11-20", None, "进行中", 60,
         "退款流程待财务部确认", "11-20"),
        ("OP-T07", "门店真实交易数据脱敏导出", "试点门店上线", "林涛", "11-17", "11-19", None, "阻塞", 20,
         "需财务部确认数据范围", "11-19"),
        ("OP-T08", "试点上线值守安排", "试点门店上线", "黄敏", "11-23", "11-26", None, "未开始", 0, "", "11-20"),
        ("OP-T09", "上线切换方案", "全面上线", "陈晨", "11-16", "11-30", None, "进行中", 30, "", "11-19"),
        ("OP-T10", "运营指标体系", "全面上线", "陈晨", "11-09", "11-27", None, "进行中", 50, "", "11-19"),
        ("OP-T11", "全量门店培训排期", "全面上线", "黄敏", "12-01", "12-11", None, "未开始", 0, "", "11-16"),
        ("OP-T12", "项目周报与纪要分发", "项目复盘", "陈晨", "10-09", "12-25", None, "进行中", 55, "", "11-20"),
        ("OP-T13", "项目文档归档", "项目复盘", "黄敏", "12-21", "12-30", None, "未开始", 0, "", "11-16"),
    ]),
    "财务部": tasks("财务部", [
        ("FN-T01", "项目预算编制", "需求确认", "何秀英", "10-08", "10-16", "10-15", "已完成", 100, "", "10-15"),
        ("FN-T02", "预算审批", "需求确认", "何秀英", "10-16", "10-23", "10-23", "已完成", 100, "", "10-23"),
        ("FN-T03", "设备采购付款", "试点门店上线", "郭强", "11-09", "11-18", "11-18", "已完成", 100, "", "11-18"),
        ("FN-T04", "税控盘采购", "试点门店上线", "郭强", "11-10", "11-17", None, "进行中", 60,
         "供应商发货延迟，已联系备用供应商", "11-19"),
        ("FN-T05", "门店交易数据范围审批", "试点门店上线", "马琳", "11-18", "11-20", None, "进行中", 50, "", "11-20"),
        ("FN-T06", "营销投放追加预算", "营销活动启动", "何秀英", "11-16", "11-23", None, "阻塞", 30,
         "等待项目发起人签批", "11-19"),
        ("FN-T07", "费用报销流程", "全面上线", "马琳", "11-16", "11-27", None, "进行中", 40, "", "11-18"),
        ("FN-T08", "月度预算执行报告", "项目复盘", "马琳", "11-25", "11-30", None, "未开始", 0, "", "11-16"),
        ("FN-T09", "成本核算模型", "项目复盘", "郭强", "12-01", "12-18", None, "未开始", 0, "", "11-16"),
        ("FN-T10", "供应商对账", "全面上线", "郭强", "11-23", "12-10", None, "未开始", 0, "", "11-16"),
    ]),
}

# 客服部's copy of 销售部's template: one task, last updated 11-09 (more than 5 working days ago).
COPY_BOARD = tasks(NEW_DEPARTMENT, [
    ("KF-T01", "门店客服话术培训", "试点门店上线", "蒋雯", "11-02", "12-04", None, "进行中", 30, "", "11-09"),
])

# --- issue trackers (模板三) ------------------------------------------------------------------

ISSUE_KEYS = ("id", "description", "impact", "raised_by", "raised_on", "owner", "owner_dept", "due", "level",
              "status", "update", "updated_on", "resolved_on")


def issues(rows: list[tuple]) -> list[dict[str, object]]:
    out = []
    for row in rows:
        record: dict[str, object] = {}
        for key, value in zip(ISSUE_KEYS, row):
            if value in (None, ""):
                continue
            is_date = key in ("raised_on", "due", "updated_on", "resolved_on")
            # "2026/11/31" is kept as the text a person typed (a deliberate mistake).
            record[key] = d(value) if is_date and "/" not in value else value
        out.append(record)
    return out


ISSUES_BY_DEPT: dict[str, list[dict[str, object]]] = {
    "研发部": issues([
        ("RD-001", "POS供应商接口文档版本不一致", "POS收银接口对接（RD-T04）", "研发部", "10-28", "刘洋", "研发部",
         "10-30", "二级", "已关闭", "供应商已提供v2.3接口文档", "11-02", "11-02"),
        ("RD-002", "支付联调银联测试环境排队", "支付联调（RD-T06），影响试点上线", "研发部", "11-16", "刘洋", "研发部",
         "11-18", "二级", "处理中", "已申请加急，预计11月23日可用", "11-20", ""),
        ("RD-003", "性能压测缺少门店真实交易数据", "性能压测（RD-T09）阻塞", "研发部", "11-18", "林涛", "运营部",
         "11-20", "一级", "处理中", "运营部导出中，待财务部确认数据范围", "11-19", ""),
        ("RD-004", "电子发票税控盘未到位", "电子发票接口（RD-T15）阻塞", "研发部", "11-12", "郭强", "财务部",
         "11-17", "二级", "待处理", "供应商延迟发货", "11-16", ""),
        ("RD-005", "测试环境数据库磁盘告警", "系统集成测试", "研发部", "11-10", "李娜", "研发部",
         "11-11", "一级", "已解决", "已扩容至500G", "11-11", "11-11"),
        ("RD-006", "双十二大促与试点上线争用研发人力", "试点上线、双十二大促版本", "销售部", "11-13", "张伟",
         "研发部", "11-18", "三级", "已解决", "问题升级会决议：研发2人留守试点至11月27日", "11-18", "11-18"),
        ("RD-007", "小程序在部分安卓机型闪退", "小程序点单", "运营部", "11-19", "李娜", "研发部",
         "", "一级", "处理中", "已定位为支付SDK版本问题", "11-20", ""),  # no 解决时限: derived
    ]),
    "市场部": issues([
        ("MK-001", "用户调研样本量不足", "需求确认", "市场部", "10-12", "王芳", "市场部",
         "10-13", "一级", "已关闭", "补充线上问卷300份", "10-13", "10-13"),
        ("MK-002", "宣传物料印刷排期紧张", "试点门店宣传物料（MK-T04）", "市场部", "11-17", "孙丽", "市场部",
         "2026/11/31", "一级", "处理中", "已联系备用印刷厂", "11-19", ""),  # deliberate mistake: no 31 Nov
        ("MK-003", "线上投放预算未确认", "线上投放计划（MK-T08）阻塞", "市场部", "11-13", "何秀英", "财务部",
         "11-17", "二级", "处理中", "等待副总签批", "11-18", ""),
        ("MK-004", "KOL报价超出预算", "KOL合作洽谈", "市场部", "11-18", "赵磊", "市场部",
         "11-23", "二级", "待处理", "正在比价", "11-19", ""),
        ("MK-005", "品牌VI与门店装修色差", "门店改造", "销售部", "11-05", "孙丽", "市场部",
         "11-06", "一级", "已解决", "已下发统一色卡", "11-06", "11-06"),
        ("MK-006", "开业活动与周边商场活动撞期", "开业活动方案（MK-T05）", "市场部", "11-19", "王芳", "市场部",
         "11-20", "一级", "待处理", "", "11-19", ""),
    ]),
    "销售部": issues([
        ("SL-001", "试点门店租约到期风险", "试点门店选址", "销售部", "10-12", "周杰", "销售部",
         "10-14", "二级", "已关闭", "已改选滨江店", "10-14", "10-14"),
        ("SL-002", "店员培训时间与门店营业冲突", "店员系统操作培训（SL-T05）", "销售部", "11-16", "吴静", "销售部",
         "11-17", "一级", "处理中", "改为闭店后分两批培训", "11-17", ""),
        ("SL-003", "双十二促销方案与上线节奏冲突", "双十二衔接方案（SL-T09）", "销售部", "11-13", "周杰", "销售部",
         "11-18", "三级", "已解决", "问题升级会已决议", "11-18", "11-18"),
        ("SL-004", "大客户预约功能未就绪", "大客户预约到店（SL-T07）", "销售部", "11-18", "李娜", "研发部",
         "11-20", "二级", "处理中", "研发部评估中", "11-20", ""),
        ("SL-005", "门店改造验收遗留问题", "门店改造", "运营部", "11-18", "郑浩", "销售部",
         "11-19", "一级", "已解决", "施工方已整改", "11-19", "11-19"),
        ("SL-006", "销售话术未覆盖会员权益", "销售话术手册（SL-T06）", "销售部", "11-19", "周杰", "销售部",
         "11-20", "一级", "处理中", "与市场部对齐会员权益", "11-20", ""),
    ]),
    "运营部": issues([
        ("OP-001", "设备供应商交期延误", "POS与自助点单机采购", "运营部", "11-06", "林涛", "运营部",
         "11-10", "二级", "已关闭", "已分批到货", "11-17", "11-17"),
        ("OP-002", "试点门店网络带宽不足", "门店网络与设备联调（RD-T07）", "研发部", "11-17", "林涛", "运营部",
         "11-19", "二级", "处理中", "运营商升级中", "11-18", ""),
        ("OP-003", "客服FAQ缺少退款流程", "客服话术与FAQ（OP-T06）", "运营部", "11-18", "黄敏", "运营部",
         "11-19", "", "处理中", "与财务部确认退款规则", "11-19", ""),  # deliberate mistake: no level
        ("OP-004", "交易数据导出需财务审批", "性能压测（RD-T09）、数据导出（OP-T07）", "运营部", "11-19", "马琳",
         "财务部", "11-23", "二级", "待处理", "", "11-19", ""),
        ("OP-005", "试点值守人员不足", "试点上线值守", "运营部", "11-20", "陈晨", "运营部",
         "11-25", "三级", "待处理", "申请销售部借调2名店员", "11-20", ""),
        ("OP-006", "门店运营手册审批慢", "门店运营手册", "运营部", "11-10", "陈晨", "运营部",
         "11-11", "一级", "已解决", "改为线上会签", "11-11", "11-11"),
        ("OP-006", "门店WiFi密码管理混乱", "门店网络", "运营部", "11-19", "黄敏", "运营部",
         "11-20", "一级", "处理中", "统一改为访客网络", "11-19", ""),  # deliberate mistake: id used twice
    ]),
    "财务部": issues([
        ("FN-001", "项目预算科目划分不清", "项目预算编制", "财务部", "10-13", "何秀英", "财务部",
         "10-14", "一级", "已关闭", "按设备/研发/营销/培训四类划分", "10-14", "10-14"),
        ("FN-002", "设备采购付款需三方比价", "设备采购付款", "运营部", "11-02", "郭强", "财务部",
         "11-04", "二级", "已解决", "运营部已补齐比价单", "11-04", "11-04"),
        ("FN-003", "追加预算36万元超出审批权限", "设备采购、营销投放", "财务部", "11-16", "何秀英", "财务部",
         "11-19", "三级", "处理中", "升级会同意追加20万元，待副总签批", "11-19", ""),
        ("FN-004", "税控盘供应商发货延迟", "电子发票接口（RD-T15）", "研发部", "11-12", "郭强", "财务部",
         "11-16", "二级", "处理中", "已联系备用供应商", "11-17", ""),
        ("FN-005", "报销单据模板不统一", "费用报销流程", "财务部", "11-19", "马琳", "财务部",
         "11-20", "一级", "待处理", "", "11-19", ""),
    ]),
}

# The project's own tracker: issues the lead keeps for the whole project, not for one department.
PROJECT_ISSUES = issues([
    ("PM-001", "各部门进度看板未按日更新", "项目周报、风险预警", "运营部", "11-16", "黄敏", "运营部、市场部",
     "11-17", "一级", "处理中", "已在群内提醒，研发部、市场部仍有滞后", "11-17", ""),
    ("PM-002", "追加预算20万元签批未完成", "营销投放（MK-T08）、税控盘采购（FN-T04）", "财务部", "11-18", SPONSOR,
     "", "11-23", "三级", "处理中", "问题升级会已同意，待副总签字", "11-19", ""),
    ("PM-003", "试点上线日与商场周年庆冲突，对外口径不一", "试点门店上线、开业活动", "市场部", "11-19", LEAD,
     "运营部", "11-24", "二级", "处理中", "已约市场部、销售部统一口径", "11-20", ""),
    ("PM-004", "需求变更口头通知导致遗漏", "系统开发完成", "研发部", "11-13", LEAD, "运营部",
     "11-17", "二级", "已关闭", "里程碑复盘会定：变更提前3天评估并邮件同步", "11-17", "11-17"),
])


# --- deliberate mistakes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Mistake:
    """One deliberate mistake: which record of which sheet, which column, and who should say so.

    The mistaken value itself sits in the data above; its cell is found in the written file
    (locate), so README.md stays right whatever layout the templates give a sheet.
    """

    file: str
    sheet: str  # spec key: board, issues, raci, minutes
    where: tuple[tuple[str, object], ...]  # column key -> value that identifies the record
    column: str  # the column key of the wrong cell
    what: str
    rule: str
    nth: int = 1  # the nth record that matches (an id used twice)
    meeting: dt.date | None = None  # 会议纪要: the meeting's date


def dept_file(department: str) -> str:
    return f"{department}.xlsx"


MISTAKES = (
    Mistake(dept_file("研发部"), "board", (("id", "RD-T05"),), "status",
            "状态写成“完成了”，不在 未开始/进行中/已完成/阻塞 之中 (status not one of the four)", "invalid-choice"),
    Mistake(dept_file("研发部"), "board", (("id", "RD-T07"),), "owner",
            "负责人“张 伟”中间多了空格，crossdept.toml 里只有“张伟” (owner not in [[people]])", "unknown-person"),
    Mistake(dept_file("市场部"), "issues", (("id", "MK-002"),), "due",
            "解决时限“2026/11/31”：11月没有31日 (impossible date)", "invalid-date"),
    Mistake(dept_file("销售部"), "board", (("id", "SL-T03"),), "progress",
            "状态已完成，完成百分比却是80% (done but not 100 %)", "done-not-100"),
    Mistake(dept_file("运营部"), "issues", (("id", "OP-003"),), "level",
            "冲突等级为空，按一级处理并提示 (no level: counts as 一级, warning)", "level-missing"),
    Mistake(dept_file("运营部"), "issues", (("id", "OP-006"),), "id",
            "问题编号 OP-006 用了两次，第二条应为 OP-007 (id used twice)", "duplicate-id", nth=2),
    Mistake(PROJECT_FILE, "raci", (("task", "营销活动方案"),), "task",
            "“营销活动方案”有两个A（市场部 R/A、销售部 A），应恰有一个 (two A in one task)", "raci-many-a"),
    Mistake(PROJECT_FILE, "minutes", (("topic", "门店网络"),), "owner",
            "第6次周例会的待办“补充试点门店网络验收标准”没有责任人 (action without owner)", "minutes-no-owner",
            meeting=d("11-13")),
    Mistake(dept_file("研发部"), "board", (("id", "RD-T01"),), "updated_on",
            "更新日期年份写成2062 (a year typed wrong: a warning)", "far-date"),
    Mistake(dept_file("市场部"), "board", (("id", "MK-T01"),), "id",
            "MK-T01 整行粘贴了两次，只计一次 (an identical row twice: counted once)", "duplicate-row", nth=2),
    Mistake(PROJECT_FILE, "issues", (("id", "PM-001"),), "owner_dept",
            "责任部门写了两个部门，按责任人黄敏所在的运营部计 (two departments in one row)", "multi-department"),
    Mistake(COPY_FILE, "instructions", (), "department",
            "客服部的工作簿复制自销售部，说明页部门仍是销售部 (说明 and the file name disagree)", "department-mismatch"),
    Mistake(dept_file(COPY_OF), "instructions", (), "department",
            "销售部还有一个工作簿 客服部.xlsx (another workbook claims 销售部)", "duplicate-department"),
    Mistake(COPY_FILE, "instructions", (), "department",
            "同上，在副本这一侧 (the same, on the copy's side)", "duplicate-department"),
    Mistake(COPY_FILE, "board", (("id", "KF-T01"),), "updated_on",
            "KF-T01 未完成，最近更新是11-09，超过5个工作日 (not updated)", "not-updated"),
)


@dataclass(frozen=True)
class Located:
    """A mistake found in the written file: the sheet's name, the cell and what it holds."""

    mistake: Mistake
    sheet_name: str
    cell: str
    raw: object


def locate(folder: Path, mistake: Mistake) -> Located:
    """Find a mistake's cell by reading the written workbook back, the way every command will."""
    book = read_workbook(folder / mistake.file, YEAR)
    sheet = book.sheet(mistake.sheet)
    if sheet is None:
        raise LookupError(f"{mistake.file}: no {mistake.sheet} sheet")
    if not mistake.where:  # a labelled field (说明's 部门)
        cell = sheet.blocks[0].fields[mistake.column]
        return Located(mistake, sheet.name, cell.ref, cell.raw)
    seen = 0
    for block in sheet.blocks:
        if mistake.meeting is not None and block.field("date") != mistake.meeting:
            continue
        for record in block.records:
            if all(record.get(key) == value for key, value in mistake.where):
                seen += 1
                if seen < mistake.nth:
                    continue
                assert block.header is not None
                col = block.header.columns[mistake.column]
                cell = record.cells.get(mistake.column)
                return Located(mistake, sheet.name, f"{get_column_letter(col)}{record.row}",
                               cell.raw if cell is not None else None)
    raise LookupError(f"{mistake.file}: {mistake.sheet} has no record {mistake.where} #{mistake.nth}")


# --- 财务部: an older, hand-made layout -------------------------------------------------------


def spelled(spec: SheetSpec, key: str, text: str) -> str:
    """A header as 财务部 spells it; must be one the sheet model accepts for that column."""
    column = spec.column(key)
    if text not in (column.header, column.alias, *column.aliases):
        raise ValueError(f"{spec.name}.{key}: the model does not accept the header {text!r}")
    return text


BUDGET_HEADER = "预算金额(万元)"  # a column of 财务部's own, unknown to crossdept
APPROVAL_HEADER = "审批单号"  # likewise, on the issue log
FIN_BOARD_COLUMNS = (
    ("id", "ID"), ("task", "任务"), ("owner", "Owner"), ("department", "部门"), ("status", "Status"),
    ("progress", "% done"), ("planned_finish", "计划完成"), ("start", "Start"), ("actual_finish", "完成日期"),
    ("milestone", "Milestone"), (None, BUDGET_HEADER), ("notes", "备注"), ("updated_on", "Last updated"),
)
FIN_ISSUE_COLUMNS = (
    ("id", "Issue ID"), ("level", "Level"), ("status", "Status"), ("description", "问题"), ("impact", "Impact"),
    ("owner", "Owner"), ("owner_dept", "Owner dept"), ("raised_by", "Raised by"), ("raised_on", "Date raised"),
    ("due", "Deadline"), ("update", "Latest update"), ("updated_on", "Last updated"),
    ("resolved_on", "Closed on"), (None, APPROVAL_HEADER), ("notes", "Remarks"),
)
FIN_BUDGET = {"FN-T01": 180, "FN-T03": 95, "FN-T04": 2.4, "FN-T06": 20, "FN-T07": 3.5}
FIN_APPROVAL = {"FN-002": "CW-2026-1102", "FN-003": "CW-2026-1116"}

# How people type things in this workbook; varied row by row, all accepted by domain.md.
TASK_STATUS_TYPED = {"已完成": ("已完成\u3000", "Done", "完成"), "进行中": (" 进行中", "In progress"),
                     "阻塞": ("Blocked",), "未开始": ("Not started", "未开始 ")}
ISSUE_STATUS_TYPED = {"已关闭": ("Closed",), "已解决": ("Resolved",), "处理中": ("WIP", "处理中\u3000"),
                      "待处理": ("Open",)}
LEVEL_TYPED = {"一级": ("一级", "L1"), "二级": ("L2", "二级 "), "三级": (3,)}


def typed_date(value: dt.date, n: int) -> object:
    """A date the way someone might have typed it: a real date, or one of three text forms."""
    forms = (
        lambda v: dt.datetime(v.year, v.month, v.day),
        lambda v: f"{v.year}年{v.month}月{v.day}日",
        lambda v: f"{v.year}/{v.month:02d}/{v.day:02d}",
        lambda v: f"{v.month}月{v.day}日",  # the year comes from the project (crossdept.toml)
    )
    return forms[n % len(forms)](value)


def typed(key: str, value: object, n: int) -> object:
    """One canonical value as 财务部 types it; n (row + column) varies the spelling."""
    if isinstance(value, dt.date):
        return typed_date(value, n)
    if key == "progress":
        return f"{value}%"
    choices = {"status": TASK_STATUS_TYPED | ISSUE_STATUS_TYPED, "level": LEVEL_TYPED}.get(key)
    if choices is not None:
        options = choices[str(value)]
        return options[n % len(options)]
    return value


def hand_made_sheet(ws: Worksheet, title: str, note: str, columns: tuple[tuple[str | None, str], ...],
                    rows: list[dict[str, object]], extra: dict[str, object], spec: SheetSpec) -> None:
    """A title block, headers spelled 财务部's way, then the rows typed the way people type them."""
    ws.append([title])
    ws.append([note])
    ws.append([])
    ws.append([spelled(spec, key, text) if key else text for key, text in columns])
    header_row = ws.max_row
    for i, row in enumerate(rows):
        values = []
        for j, (key, _) in enumerate(columns):
            if key is None:
                values.append(extra.get(str(row["id"])))
            elif key in row:
                values.append(typed(key, row[key], i + j))
            else:
                values.append(None)
        ws.append(values)
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"].font = Font(italic=True, color="808080")
    for cell in ws[header_row]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill(fill_type="solid", fgColor="808080")
        cell.alignment = Alignment(horizontal="center")
    for j, (key, _) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(j)].width = 26 if key in ("task", "description", "notes", "update") else 13
    ws.freeze_panes = ws.cell(header_row + 1, 1)


def hand_made_workbook() -> openpyxl.Workbook:
    """财务部's own workbook: a cover sheet, a task list and an issue log, as they have always kept them."""
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Read me"
    cover.append([f"{PROJECT}项目 财务部工作簿（财务部自制表格 v2）"])
    cover.append([])
    cover.append([spelled(INSTRUCTIONS, "project", "项目名称"), PROJECT])
    cover.append([spelled(INSTRUCTIONS, "department", "部门"), HAND_MADE])
    cover.append([])
    cover.append(["每个工作日17:30前更新；预算金额以万元计；追加预算须经项目发起人签批。"])
    cover["A1"].font = Font(bold=True, size=14)
    cover.column_dimensions["A"].width = 14
    cover.column_dimensions["B"].width = 20
    hand_made_sheet(wb.create_sheet("任务清单"), f"{HAND_MADE} · {PROJECT} 任务跟踪",
                    f"更新：{AS_OF.year}年{AS_OF.month}月{AS_OF.day}日　　填表人：马琳", FIN_BOARD_COLUMNS, BOARDS[HAND_MADE], FIN_BUDGET, BOARD)
    hand_made_sheet(wb.create_sheet("Issue Log"), f"{HAND_MADE}问题清单 Issue Log",
                    f"Updated {AS_OF:%Y/%m/%d} by 马琳", FIN_ISSUE_COLUMNS, ISSUES_BY_DEPT[HAND_MADE], FIN_APPROVAL, ISSUES)
    wb.properties.creator = "马琳"
    wb.properties.created = wb.properties.modified = FILE_TIME
    return wb


# --- crossdept.toml ---------------------------------------------------------------------------


def quoted(items: tuple[str, ...] | list[str]) -> str:
    return ", ".join(f'"{i}"' for i in items)


def toml_text() -> str:
    """The project's crossdept.toml, written as text so that its comments survive."""
    recipients = [email for name, _, email, _ in PEOPLE if name == SPONSOR or name in HEADS.values()]
    lines = [
        f"# {PROJECT}: crossdept 项目配置 (project configuration). See docs/config.md.",
        "# Written by samples/generate.py; edit the generator, not this file.",
        "",
        "[project]",
        f'name = "{PROJECT}"',
        f'lead = "{LEAD}"                  # 项目负责人: resolves 二级 conflicts',
        f'sponsor = "{SPONSOR}"             # 项目发起人: decides 三级 conflicts',
        f"year = {YEAR}                    # completes dates written as 11月25日",
        f"departments = [{quoted(EXPECTED_DEPARTMENTS)}]",
        f"recipients = [{quoted(recipients)}]",
        "",
    ]
    for name, department, email, title in PEOPLE:
        lines += ["[[people]]", f'name = "{name}"  # {title}']
        if department:
            lines.append(f'department = "{department}"')
        lines += [f'email = "{email}"', ""]
    lines += [
        "[meeting]                        # 周例会: every Friday 15:00",
        "weekday = 5",
        'time = "15:00"',
        "",
        "[calendar]                       # on top of the Chinese statutory calendar (with 调休)",
        'days_off = ["2026-12-31"]        # 公司年会 (company party)',
        "workdays = []",
        "",
        "# [smtp]                         # only for `crossdept summary --send` / `weekly --send`",
        '# host = "smtp.example.com"',
        "# port = 587",
        '# security = "starttls"',
        '# sender = "pmo@example.com"',
        '# user = "pmo@example.com"',
        '# password_env = "CROSSDEPT_SMTP_PASSWORD"',
        "",
        "# [notify]                       # group bots for `crossdept remind --send` (docs/remind.md)",
        '# wecom = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"',
        '# dingtalk = "https://oapi.dingtalk.com/robot/send?access_token=…"',
        '# feishu = "https://open.feishu.cn/open-apis/bot/v2/hook/…"',
        '# dingtalk_secret_env = "CROSSDEPT_DINGTALK_SECRET"   # secrets only in environment variables',
        "# (people may add mobile = \"138…\" for @ on WeCom/DingTalk, feishu_id = \"ou_…\" on Feishu)",
        "",
    ]
    return "\n".join(lines)


# --- what highlight should mark ---------------------------------------------------------------

# As of AS_OF, by domain.md's rules; stated by hand, as the story was written, and checked against
# crossdept's own overdue logic by tests/test_samples.py. Issue states: overdue, due soon (by the
# next working day, Monday 11-23), stale (last updated before the previous working day, 11-19).
MARK_STATES = ("overdue", "due_soon", "stale", "task_overdue", "blocked")
EXPECTED_MARKS: dict[str, dict[str, tuple[str, ...]]] = {
    PROJECT_FILE: {"overdue": ("PM-001",), "due_soon": ("PM-002",), "stale": ("PM-001",)},
    dept_file("研发部"): {"overdue": ("RD-002", "RD-004"), "due_soon": ("RD-003", "RD-007"), "stale": ("RD-004",),
                       "task_overdue": ("RD-T05", "RD-T06", "RD-T15"), "blocked": ("RD-T09", "RD-T15")},
    dept_file("市场部"): {"overdue": ("MK-002", "MK-003"), "due_soon": ("MK-004", "MK-006"), "stale": ("MK-003",),
                       "task_overdue": ("MK-T04",), "blocked": ("MK-T08",)},
    dept_file("销售部"): {"overdue": ("SL-002",), "due_soon": ("SL-004", "SL-006"), "stale": ("SL-002",),
                       "task_overdue": ("SL-T06", "SL-T09"), "blocked": ("SL-T09",)},
    dept_file("运营部"): {"overdue": ("OP-002", "OP-003"), "due_soon": ("OP-004", "OP-006"), "stale": ("OP-002",),
                       "task_overdue": ("OP-T05", "OP-T07"), "blocked": ("OP-T07",)},
    dept_file("财务部"): {"overdue": ("FN-003", "FN-004"), "due_soon": ("FN-005",), "stale": ("FN-004",),
                       "task_overdue": ("FN-T04",), "blocked": ("FN-T06",)},
}

README_MARKS = """
## What `highlight` marks as of {as_of}

Stated by hand as the story was written (tests/test_samples.py checks crossdept agrees). Issues:
overdue (open, 解决时限 before {as_of}), due soon (due by the next working day, Monday 11-23), stale
(open, last updated before the previous working day, Thursday 11-19). RD-007 has no 解决时限: as a 一级 issue raised on
11-19 its deadline is 11-20. RD-T05 counts as overdue because its status "完成了" cannot be read
(mistake 1), MK-002 because its 解决时限 cannot be read and the derived one has passed (mistake 3).

| file | overdue issues | due soon | stale issues | overdue tasks | blocked tasks |
|---|---|---|---|---|---|
"""


# --- README.md --------------------------------------------------------------------------------

README_HEAD = """\
# samples/ — 智慧门店上线 (a smart-store launch)

<!-- Written by samples/generate.py: edit the generator and run it again, not this file. -->

A realistic cross-department project for trying every crossdept command: a smart-store launch
across 研发部, 市场部, 销售部, 运营部 and 财务部, led by {lead} (运营部) and sponsored by
{sponsor} (副总裁). The samples are **as of Friday {as_of}**, the day of the 7th weekly meeting, so run
the commands with `--today {as_of}`:

```
crossdept validate samples/{project}/*.xlsx --today {as_of}
crossdept highlight samples/{project}/*.xlsx --dry-run --today {as_of}
crossdept rollup samples/{project} -o rollup.xlsx --today {as_of}
crossdept minutes "samples/{project}/{project_file}" -o minutes.docx
```

Regenerate with `.venv/bin/python samples/generate.py` (deterministic: no random numbers, no
wall-clock dates); `tests/test_samples.py` checks that the committed files equal a fresh run.

## What is in {project}/

| file | what it holds |
|---|---|
| crossdept.toml | project name, lead, sponsor, year, departments, {people} people with emails @example.com, the Friday 15:00 meeting, a company day off; `[smtp]` and `[notify]` commented out |
| {project_file} | 说明, 项目章程 ({milestones} milestones), RACI矩阵 ({raci} tasks × 5 departments), 沟通计划表 ({comm} exchanges, the guide's three first), 进度看板 (empty: tasks live in the departments' boards), 问题跟踪表 ({project_issues} project-level issues kept by the lead), 会议纪要 ({meetings} meetings stacked down the sheet: {meeting_list}) |
{department_rows}
The content hangs together: 研发部's 性能压测 is blocked on 运营部's data export, which waits for
财务部's approval; the 三级 conflict over developers for 双十二 vs the pilot (销售部, 研发部) was settled at
the 问题升级会 of 11-18; the boards' milestones are those of the charter. As of {as_of}, there are
overdue and blocked tasks, open issues that are overdue, due today or on the next working day
(Monday 11-23), stale issues last updated before Thursday 11-19, and one issue (RD-007) without 解决时限
whose deadline crossdept derives from its level.

Milestones (`crossdept review`, the roll-up's 里程碑 sheet): 系统开发完成 was planned for Friday 11-13 and
reached on Monday 11-16, one working day late; its 里程碑复盘会 of 11-17 holds the measures the
复盘报告 lists. 试点门店上线 (11-27) is at risk: some of its tasks (研发部's 试点问题修复, Tuesday 12-01) are
planned after it, so its forecast is later than its plan. 需求确认 was reached on time and reviewed on 10-19.

{hand_made} keeps its own older, hand-made layout instead of the template: a cover sheet "Read me",
sheets named 任务清单 and Issue Log, a title block above the headers, English and alias headers
("ID", "Owner", "% done", "Deadline", …) in another order, columns of its own ({budget},
{approval}), dates typed as text ("2026年11月20日", "2026/11/18", "11月25日"), percents as "80%",
statuses with stray full-width spaces or in English ("Done", "Blocked", "WIP"). All of it is valid
input: it reads to the same values as the template would hold.

## Deliberate mistakes

Each is a real kind of error or warning that `crossdept validate` should report (rule ids as in
docs/rules.md; the workbooks validated together, `crossdept validate samples/智慧门店上线/*.xlsx`, since
some are about two files). Everything else in the samples is valid. Besides these, the roll-up lists
客服部 as 未提交 (`missing_departments`): crossdept.toml expects it and no workbook claims it.

| # | file | sheet | cell | value | what is wrong | rule |
|---|---|---|---|---|---|---|
"""


def readme_text(located: list[Located]) -> str:
    def shown(loc: Located) -> str:
        """The raw cell value in backticks (tests/test_samples.py reads it back from here)."""
        raw = loc.raw
        if raw is None:
            return "(empty)"
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if loc.mistake.column == "progress" and isinstance(raw, float):
            return f"`{raw}` (shown as {raw * 100:g}%)"
        return f"`{raw}`"

    department_rows = "".join(
        f"| {dept_file(dep)} | 说明, 沟通计划表, 进度看板 ({len(BOARDS[dep])} tasks), "
        f"问题跟踪表 ({len(ISSUES_BY_DEPT[dep])} issues), 会议纪要 ({len(DEPT_MINUTES[dep])} meeting of its own) |\n"
        for dep in DEPARTMENTS if dep != HAND_MADE
    ) + (f"| {dept_file(HAND_MADE)} | Read me, 任务清单 ({len(BOARDS[HAND_MADE])} tasks), "
         f"Issue Log ({len(ISSUES_BY_DEPT[HAND_MADE])} issues): the hand-made layout below |\n") + (
        f"| {COPY_FILE} | {NEW_DEPARTMENT}'s first workbook, made from a copy of {COPY_OF}'s template: its 说明 still "
        f"says {COPY_OF}, so its {len(COPY_BOARD)} task counts to {COPY_OF} (说明 wins, with a warning) and "
        f"{NEW_DEPARTMENT}, expected by crossdept.toml, is listed as 未提交 (missing) |\n")
    head = README_HEAD.format(
        project=PROJECT, project_file=PROJECT_FILE, lead=LEAD, sponsor=SPONSOR, as_of=AS_OF.isoformat(),
        people=len(PEOPLE), milestones=len(MILESTONES), raci=len(RACI_TASKS), comm=len(COMM_PLAN),
        meetings=len(MINUTES), project_issues=len(PROJECT_ISSUES),
        meeting_list=", ".join(f"{m['fields']['date']:%m-%d} {m['fields']['meeting_type']}" for m in MINUTES),
        department_rows=department_rows, hand_made=dept_file(HAND_MADE), budget=BUDGET_HEADER,
        approval=APPROVAL_HEADER,
    )
    rows = "".join(
        f"| {i} | {loc.mistake.file} | {loc.sheet_name} | {loc.cell} | {shown(loc)} | "
        f"{loc.mistake.what} | {loc.mistake.rule} |\n"
        for i, loc in enumerate(located, start=1)
    )
    marks = "".join(
        f"| {file} | " + " | ".join(", ".join(states.get(state, ())) or "–" for state in MARK_STATES) + " |\n"
        for file, states in EXPECTED_MARKS.items()
    )
    return head + rows + README_MARKS.format(as_of=AS_OF.isoformat()) + marks


# --- main -------------------------------------------------------------------------------------


def department_data(department: str) -> dict[str, object]:
    return {"comm_plan": comm_plan_for(department), "board": BOARDS[department],
            "issues": ISSUES_BY_DEPT[department], "minutes": DEPT_MINUTES[department]}


PROJECT_DATA = {"charter": CHARTER, "raci": RACI, "comm_plan": COMM_PLAN, "board": [], "issues": PROJECT_ISSUES,
                "minutes": MINUTES}


def generate(root: Path) -> list[Located]:
    """Write ROOT/智慧门店上线/ and ROOT/README.md; returns where the deliberate mistakes are."""
    folder = root / PROJECT
    folder.mkdir(parents=True, exist_ok=True)
    write_text_atomic(folder / "crossdept.toml", toml_text())
    save_workbook(build_workbook("project", project=PROJECT, data=PROJECT_DATA), folder / PROJECT_FILE)
    for department in DEPARTMENTS:
        path = folder / dept_file(department)
        if department == HAND_MADE:
            wb = hand_made_workbook()
        else:
            wb = build_workbook("department", project=PROJECT, department=department,
                                data=department_data(department))
        save_workbook(wb, path)  # deterministic bytes, written atomically
    copy = build_workbook("department", project=PROJECT, department=COPY_OF, data={"board": COPY_BOARD})
    save_workbook(copy, folder / COPY_FILE)
    located = [locate(folder, m) for m in MISTAKES]
    write_text_atomic(root / "README.md", readme_text(located))
    return located


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else HERE
    for loc in generate(root):
        print(f"{loc.mistake.file} {loc.sheet_name}!{loc.cell}: {loc.mistake.rule}")
    print(f"wrote {root / PROJECT} and {root / 'README.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
