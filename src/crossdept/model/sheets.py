"""The one source of truth for every sheet crossdept reads and writes.

Each sheet of ../shared/guide/domain.md is declared here once: its columns with canonical Chinese
header, English alias and other accepted headers, type, whether required, allowed values, width
and one line of help in Chinese and English. Templates (write/templates.py), the reader (read/),
validation and the roll-up derive everything from these declarations; nothing else in the code
names a header.
"""

from __future__ import annotations

from crossdept.model.spec import Choice, Choices, Column, ColumnType, Layout, SheetSpec

T = ColumnType

# --- enumerations ---------------------------------------------------------------------------

TASK_STATUS = Choices(
    "task_status",
    (
        Choice("未开始", "Not started", ("待开始", "未启动", "To do", "Todo", "Not yet started", "Open")),
        Choice("进行中", "In progress", ("处理中", "进行", "推进中", "执行中", "实施中", "Doing", "Ongoing", "WIP", "Started")),
        Choice("已完成", "Done", ("完成", "已完结", "已结束", "Completed", "Complete", "Finished", "Closed")),
        Choice("阻塞", "Blocked", ("阻塞中", "已阻塞", "被阻塞", "受阻", "卡住", "Block", "Stuck", "On hold")),
    ),
)

ISSUE_STATUS = Choices(
    "issue_status",
    (
        Choice("待处理", "Open", ("未处理", "新建", "打开", "待解决", "New", "To do", "Todo")),
        Choice("处理中", "In progress", ("进行中", "解决中", "跟进中", "Doing", "Ongoing", "WIP")),
        Choice("已解决", "Resolved", ("解决", "已处理", "已完成", "完成", "Fixed", "Done", "Solved")),
        Choice("已关闭", "Closed", ("关闭", "已闭环", "闭环", "Close")),
    ),
)

# The column crossdept itself adds after a 问题跟踪表 or 进度看板 table when it marks what needs
# attention (highlight, the ribbon). It is crossdept's, not the department's: the reader keeps it
# among a record's extra columns and the roll-up leaves it out.
ALERT_HEADER = "crossdept提醒"

# Statuses after which an issue no longer counts as open (domain.md).
ISSUE_CLOSED = ("已解决", "已关闭")

LEVEL = Choices(
    "level",
    (
        Choice("一级", "Level 1", ("1", "1级", "一级冲突", "L1", "Level1", "Lv1", "I")),
        Choice("二级", "Level 2", ("2", "2级", "二级冲突", "L2", "Level2", "Lv2", "II")),
        Choice("三级", "Level 3", ("3", "3级", "三级冲突", "L3", "Level3", "Lv3", "III")),
    ),
)

MEETING_TYPE = Choices(
    "meeting_type",
    (
        Choice("周例会", "Weekly meeting", ("例会", "周会", "Weekly", "Weekly sync")),
        Choice("里程碑复盘会", "Milestone review", ("复盘会", "里程碑复盘", "Review", "Retrospective")),
        Choice("问题升级会", "Escalation meeting", ("升级会", "Escalation")),
        Choice("专题会", "Topic meeting", ("专题会议", "临时会", "Ad hoc", "Topic")),
    ),
)

# The roles of a RACI cell; combinations such as "R/A" are allowed.
RACI_ROLES = ("R", "A", "C", "I")

# --- sheets ---------------------------------------------------------------------------------


def _c(
    key: str,
    header: str,
    alias: str,
    type: ColumnType = T.TEXT,
    *,
    required: bool = False,
    choices: Choices | None = None,
    aliases: tuple[str, ...] = (),
    width: float = 14,
    help: tuple[str, str] = ("", ""),
) -> Column:
    return Column(key, header, alias, type, required, choices, aliases, width, help[0], help[1])


COMM_PLAN = SheetSpec(
    key="comm_plan",
    name="沟通计划表",
    alias="Communication Plan",
    aliases=("沟通计划", "跨部门项目沟通计划表", "Comm Plan", "Communication"),
    layout=Layout.TABLE,
    key_columns=("item", "owner"),
    help_zh="模板一：固定每一项周期性沟通（谁、何时、以何种方式、产出什么）。",
    help_en="Template 1: every recurring exchange, who, when, how and what it produces.",
    columns=(
        _c("item", "沟通事项", "Item", required=True, aliases=("事项", "沟通内容"), width=18,
           help=("要沟通的事项，如“需求评审”。", "What is discussed, e.g. requirements review.")),
        _c("participants", "参与部门/人员", "Participants", required=True, aliases=("参与部门", "参与人员", "参与方"), width=22,
           help=("参加的部门或人员，用顿号分隔。", "Departments or people taking part.")),
        _c("channel", "沟通方式", "Channel", aliases=("方式", "渠道", "沟通渠道"), width=16,
           help=("如线下会议、线上例会、专题群聊、邮件。", "E.g. meeting, online call, group chat, email.")),
        _c("frequency", "频率/时间", "Frequency", required=True, aliases=("频率", "时间", "Frequency/Time", "When"), width=18,
           help=("多久一次或何时，如“每周五15:00”。", "How often or when, e.g. every Friday 15:00.")),
        _c("owner", "负责人", "Owner", T.PERSON, required=True, aliases=("责任人", "组织人"), width=12,
           help=("组织这项沟通的人。", "The person who organises it.")),
        _c("deliverable", "输出物", "Deliverable", aliases=("输出", "产出物", "Output"), width=18,
           help=("沟通后产出的文档，如《会议纪要》。", "The document it produces, e.g. minutes.")),
        _c("notes", "备注", "Notes", aliases=("说明", "Remarks", "Comment"), width=24,
           help=("其他要求。", "Anything else.")),
    ),
    # The guide's own three example exchanges (模板一).
    sample_rows=(
        {"item": "需求评审", "participants": "研发、市场、运营", "channel": "线下会议",
         "frequency": "项目启动后第2天", "owner": "项目负责人", "deliverable": "《需求确认单》",
         "notes": "需市场提供用户调研数据"},
        {"item": "周进度同步", "participants": "各部门核心成员", "channel": "线上例会",
         "frequency": "每周五15:00", "owner": "运营", "deliverable": "《会议纪要》",
         "notes": "24小时内分发"},
        {"item": "上线前测试协调", "participants": "研发、测试、客服", "channel": "专题群聊+临时会",
         "frequency": "上线前3天", "owner": "测试", "deliverable": "《测试问题清单》",
         "notes": "每日更新问题状态"},
    ),
)

MINUTES = SheetSpec(
    key="minutes",
    name="会议纪要",
    alias="Meeting Minutes",
    aliases=("跨部门会议纪要", "纪要", "Minutes"),
    layout=Layout.BLOCKS,
    key_columns=("topic", "decision"),
    help_zh="模板二：每次会议一段（会议信息在上，议题表在下），会后24小时内分发。",
    help_en="Template 2: one block per meeting (details above, topics below), sent within 24 hours.",
    fields=(
        _c("meeting_name", "会议名称", "Meeting", required=True, aliases=("会议主题", "Meeting name", "Title"),
           help=("如“智慧门店项目第5次周例会”。", "E.g. weekly meeting no. 5.")),
        _c("meeting_type", "会议类型", "Type", T.ENUM, required=True, choices=MEETING_TYPE, aliases=("Meeting type",),
           help=("周例会、里程碑复盘会、问题升级会或专题会。", "Weekly, milestone review, escalation or topic meeting.")),
        _c("date", "日期", "Date", T.DATE, required=True, aliases=("会议日期", "Meeting date"),
           help=("会议日期，如 2026-11-20。", "Meeting date, e.g. 2026-11-20.")),
        _c("time", "时间", "Time", aliases=("会议时间",), help=("如 15:00-16:00。", "E.g. 15:00-16:00.")),
        _c("place", "地点/方式", "Place", aliases=("地点", "方式", "Location", "Venue"),
           help=("会议室或线上会议链接。", "Room or online meeting.")),
        _c("host", "主持人", "Host", T.PERSON, aliases=("Chair",), help=("主持会议的人。", "Who chairs.")),
        _c("recorder", "记录人", "Recorder", T.PERSON, aliases=("记录", "Minute taker", "Note taker"),
           help=("记录纪要的人。", "Who takes the minutes.")),
        _c("attendees", "参会人员", "Attendees", aliases=("出席人员", "参会人"),
           help=("出席的人，用顿号分隔。", "Who attended.")),
        _c("absentees", "缺席人员", "Absentees", aliases=("缺席", "请假人员", "Absent"),
           help=("缺席的人。", "Who was absent.")),
    ),
    columns=(
        _c("no", "序号", "No", T.ID, aliases=("编号", "#", "No."), width=6,
           help=("议题序号。", "Item number.")),
        _c("topic", "议题", "Topic", required=True, aliases=("议题名称", "Agenda item"), width=18,
           help=("讨论的议题。", "The topic discussed.")),
        _c("department", "部门", "Department", T.DEPARTMENT, aliases=("汇报部门", "Dept"), width=10,
           help=("汇报或负责的部门。", "Reporting department.")),
        _c("discussion", "进展/讨论要点", "Discussion", aliases=("进展", "讨论要点", "Progress"), width=30,
           help=("进展和讨论要点。", "Progress and discussion points.")),
        _c("decision", "结论/决议", "Decision", aliases=("结论", "决议", "Conclusion"), width=26,
           help=("会议的结论或决议。", "What was decided.")),
        _c("action", "待办事项", "Action", aliases=("待办", "行动项", "Action item", "To-do"), width=26,
           help=("会后要做的事。", "What must be done next.")),
        _c("owner", "责任人", "Owner", T.PERSON, aliases=("负责人",), width=10,
           help=("决议或待办的责任人。", "Who owns the decision or action.")),
        _c("due", "完成时限", "Due", T.DATE, aliases=("截止日期", "时限", "Due date", "Deadline"), width=12,
           help=("待办的完成日期。", "When the action is due.")),
        _c("status", "状态", "Status", T.ENUM, choices=TASK_STATUS, width=10,
           help=("未开始、进行中、已完成或阻塞。", "Not started, in progress, done or blocked.")),
    ),
)

ISSUES = SheetSpec(
    key="issues",
    name="问题跟踪表",
    alias="Issue Tracker",
    aliases=("问题跟踪", "问题清单", "问题列表", "Issues", "Issue Log", "Issue List"),
    layout=Layout.TABLE,
    key_columns=("id", "description", "owner"),
    help_zh="模板三：遇到阻碍立即登记“问题描述-影响范围-责任人-解决时限”，每日更新直至闭环。",
    help_en="Template 3: log every blocker at once; update it daily until closed.",
    columns=(
        _c("id", "问题编号", "ID", T.ID, required=True, aliases=("编号", "序号", "Issue ID", "No"), width=10,
           help=("唯一编号，如 RD-001。", "A unique id, e.g. RD-001.")),
        _c("description", "问题描述", "Description", required=True, aliases=("问题", "描述", "Issue"), width=32,
           help=("发生了什么问题。", "What the problem is.")),
        _c("impact", "影响范围", "Impact", required=True, aliases=("影响", "影响面"), width=20,
           help=("影响哪些任务、部门或里程碑。", "What it affects.")),
        _c("raised_by", "提出部门", "Raised by", T.DEPARTMENT, aliases=("提出方", "提出人"), width=10,
           help=("提出问题的部门。", "Department that raised it.")),
        _c("raised_on", "提出日期", "Raised on", T.DATE, required=True, aliases=("登记日期", "发现日期", "Date raised"), width=12,
           help=("登记问题的日期。", "Date it was logged.")),
        _c("owner", "责任人", "Owner", T.PERSON, required=True, aliases=("负责人", "处理人", "Assignee"), width=10,
           help=("负责解决的人。", "Who resolves it.")),
        _c("owner_dept", "责任部门", "Owner dept", T.DEPARTMENT, aliases=("负责部门", "Owner department"), width=10,
           help=("负责解决的部门。", "Department that resolves it.")),
        _c("due", "解决时限", "Due", T.DATE, aliases=("截止日期", "期限", "Deadline", "Due date"), width=12,
           help=("最晚解决日期；不填则按冲突等级推算。", "Deadline; derived from the level when empty.")),
        _c("level", "冲突等级", "Level", T.ENUM, choices=LEVEL, aliases=("等级", "升级等级", "Escalation level"), width=10,
           help=("一级24小时、二级48小时、三级3个工作日。", "Level 1: 24 h, 2: 48 h, 3: 3 working days.")),
        _c("status", "状态", "Status", T.ENUM, required=True, choices=ISSUE_STATUS, aliases=("处理状态",), width=10,
           help=("待处理、处理中、已解决或已关闭。", "Open, in progress, resolved or closed.")),
        _c("update", "最新进展", "Update", aliases=("进展", "处理进展", "Latest update", "Progress"), width=28,
           help=("最近一次的处理进展。", "The latest progress.")),
        _c("updated_on", "更新日期", "Updated on", T.DATE, aliases=("最后更新", "Last updated"), width=12,
           help=("最近更新的日期，每天更新。", "Date of the last update; update daily.")),
        _c("resolved_on", "解决日期", "Resolved on", T.DATE, aliases=("关闭日期", "Closed on", "Date resolved"), width=12,
           help=("已解决或已关闭的日期。", "Date it was resolved or closed.")),
        _c("notes", "备注", "Notes", aliases=("说明", "Remarks"), width=20, help=("其他说明。", "Anything else.")),
        # Optional (domain.md "Milestones"): without it an issue belongs to the first milestone
        # whose 计划日期 is on or after its 提出日期.
        _c("milestone", "关联里程碑", "Milestone", aliases=("里程碑", "所属里程碑"), width=14,
           help=("问题影响的里程碑；不填则按提出日期归入其后的第一个里程碑。",
                 "The milestone it affects; empty: the first one due on or after the day it was raised.")),
    ),
)

BOARD = SheetSpec(
    key="board",
    name="进度看板",
    alias="Progress Board",
    aliases=("进度表", "任务看板", "任务清单", "Board", "Tasks", "Task List", "Progress"),
    layout=Layout.TABLE,
    key_columns=("id", "task", "status"),
    help_zh="进度看板：每个任务一行，状态为未开始、进行中、已完成或阻塞，各部门每日更新。",
    help_en="Progress board: one task per row, status not started / in progress / done / blocked.",
    columns=(
        _c("id", "任务编号", "ID", T.ID, required=True, aliases=("编号", "序号", "Task ID", "No"), width=10,
           help=("唯一编号，如 RD-T01。", "A unique id, e.g. RD-T01.")),
        _c("task", "任务名称", "Task", required=True, aliases=("任务", "工作事项", "Task name"), width=28,
           help=("要完成的工作。", "The work to do.")),
        _c("milestone", "里程碑", "Milestone", aliases=("所属里程碑",), width=14,
           help=("所属的里程碑。", "The milestone it belongs to.")),
        _c("department", "负责部门", "Department", T.DEPARTMENT, required=True, aliases=("部门", "Dept"), width=10,
           help=("负责的部门。", "Department responsible.")),
        _c("owner", "负责人", "Owner", T.PERSON, required=True, aliases=("责任人", "Assignee"), width=10,
           help=("负责的人。", "Person responsible.")),
        _c("start", "开始日期", "Start", T.DATE, aliases=("开始时间", "Start date"), width=12,
           help=("开始日期。", "Start date.")),
        _c("planned_finish", "计划完成日期", "Planned finish", T.DATE, required=True,
           aliases=("计划完成", "计划完成时间", "截止日期", "Due", "Due date", "Planned end"), width=13,
           help=("计划完成的日期。", "Planned finish date.")),
        _c("actual_finish", "实际完成日期", "Actual finish", T.DATE, aliases=("实际完成", "完成日期", "Actual end"), width=13,
           help=("实际完成的日期；已完成必填。", "Actual finish date; required when done.")),
        _c("status", "状态", "Status", T.ENUM, required=True, choices=TASK_STATUS, aliases=("任务状态",), width=10,
           help=("未开始、进行中、已完成或阻塞。", "Not started, in progress, done or blocked.")),
        _c("progress", "完成百分比", "% done", T.PERCENT, aliases=("完成度", "进度", "完成比例", "Progress", "Percent done", "%"), width=10,
           help=("0-100%，已完成为100%。", "0-100 %; done means 100 %.")),
        _c("notes", "阻塞原因/备注", "Notes", aliases=("阻塞原因", "备注", "Remarks", "Blocker"), width=24,
           help=("阻塞的原因或其他说明。", "Why it is blocked, or anything else.")),
        _c("updated_on", "更新日期", "Updated on", T.DATE, aliases=("最后更新", "Last updated"), width=12,
           help=("最近更新的日期。", "Date of the last update.")),
    ),
)

RACI = SheetSpec(
    key="raci",
    name="RACI矩阵",
    alias="RACI Matrix",
    aliases=("RACI", "责任矩阵", "职责矩阵", "RACI表"),
    layout=Layout.MATRIX,
    key_columns=("task",),
    help_zh="RACI矩阵：每个任务一行，每个部门或人员一列；R负责 A批准 C咨询 I知会，每个任务恰有一个A、至少一个R。",
    help_en="RACI: one task per row, one column per department or person; exactly one A and at least one R.",
    columns=(
        _c("task", "任务", "Task", required=True, aliases=("任务名称", "工作事项", "事项", "Activity"), width=28,
           help=("任务或工作事项。", "The task.")),
    ),
)

CHARTER = SheetSpec(
    key="charter",
    name="项目章程",
    alias="Project Charter",
    aliases=("章程", "Charter"),
    layout=Layout.BLOCKS,
    key_columns=("milestone",),
    help_zh="项目章程：目标、范围、时间、预算和里程碑，由各部门负责人签字确认。",
    help_en="Charter: goal, scope, time, budget and milestones, signed by every department head.",
    fields=(
        _c("project", "项目名称", "Project", required=True, aliases=("项目",), help=("项目的名称。", "The project's name.")),
        _c("lead", "项目负责人", "Project lead", T.PERSON, required=True, aliases=("负责人", "Lead"),
           help=("牵头推进、处理二级冲突的人。", "Leads the project; resolves level-2 conflicts.")),
        _c("sponsor", "项目发起人", "Sponsor", T.PERSON, required=True, aliases=("发起人",),
           help=("决策三级冲突的人。", "Decides level-3 conflicts.")),
        _c("goal", "项目目标", "Goal", aliases=("目标",), help=("可衡量的目标。", "A measurable goal.")),
        _c("scope", "项目范围", "Scope", aliases=("范围",), help=("做什么、不做什么。", "What is in and out.")),
        _c("start", "开始日期", "Start", T.DATE, aliases=("开始时间",), help=("项目开始日期。", "Start date.")),
        _c("end", "结束日期", "End", T.DATE, aliases=("结束时间", "Finish"), help=("项目结束日期。", "End date.")),
        _c("budget", "预算", "Budget", aliases=("项目预算",), help=("预算金额。", "Budget.")),
    ),
    columns=(
        _c("milestone", "里程碑", "Milestone", required=True, aliases=("里程碑节点", "节点"), width=24,
           help=("关键节点，如需求确认、开发完成。", "Key point, e.g. requirements signed off.")),
        _c("planned", "计划日期", "Planned", T.DATE, required=True, aliases=("计划完成日期", "Planned date"), width=12,
           help=("计划达成日期。", "Planned date.")),
        _c("actual", "实际日期", "Actual", T.DATE, aliases=("实际完成日期", "Actual date"), width=12,
           help=("实际达成日期。", "Actual date.")),
        _c("status", "状态", "Status", T.ENUM, choices=TASK_STATUS, width=10,
           help=("未开始、进行中、已完成或阻塞。", "Not started, in progress, done or blocked.")),
    ),
)

INSTRUCTIONS = SheetSpec(
    key="instructions",
    name="说明",
    alias="Instructions",
    aliases=("使用说明", "填写说明", "ReadMe", "Read me", "Help"),
    layout=Layout.INSTRUCTIONS,
    help_zh="说明：如何填写本工作簿，颜色代表什么。",
    help_en="How to fill this workbook and what the colours mean.",
    fields=(
        _c("project", "项目名称", "Project", aliases=("项目",), help=("项目的名称。", "The project's name.")),
        _c("department", "部门", "Department", T.DEPARTMENT, aliases=("所属部门", "填报部门", "Dept"),
           help=("本工作簿所属的部门。", "The department this workbook belongs to.")),
    ),
)

# Every sheet, in the order a workbook shows them.
ALL_SHEETS: tuple[SheetSpec, ...] = (INSTRUCTIONS, CHARTER, RACI, COMM_PLAN, BOARD, ISSUES, MINUTES)

# Which sheets each kind of workbook holds (domain.md).
WORKBOOK_KINDS: dict[str, tuple[SheetSpec, ...]] = {
    "department": (INSTRUCTIONS, COMM_PLAN, BOARD, ISSUES, MINUTES),
    "project": (INSTRUCTIONS, CHARTER, RACI, COMM_PLAN, BOARD, ISSUES, MINUTES),
}

# The three templates of the guide (模板一/二/三), each a workbook of its own in xlsx_templates/.
GUIDE_TEMPLATES: dict[str, SheetSpec] = {
    "模板一-沟通计划表": COMM_PLAN,
    "模板二-会议纪要": MINUTES,
    "模板三-问题跟踪表": ISSUES,
}

SHEETS_BY_KEY: dict[str, SheetSpec] = {s.key: s for s in ALL_SHEETS}

# Values code looks for by name (uc11): written once here, never as literals elsewhere.
WEEKLY_MEETING = MEETING_TYPE.values[0]  # 周例会: the meeting the weekly run writes up
REVIEW_MEETING = MEETING_TYPE.values[1]  # 里程碑复盘会: the meeting a milestone's 复盘报告 is for
NOT_STARTED, IN_PROGRESS, DONE, BLOCKED = TASK_STATUS.values  # task statuses the figures and marks test for
LEVEL_1, LEVEL_2, LEVEL_3 = LEVEL.values  # issue levels: SLAs and escalation
