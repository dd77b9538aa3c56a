"""The output side of the model: what crossdept writes, declared once like the input sheets in sheets.py.

- the archive 类型 of every kind of document (the guide's 项目名称-日期-类型): one name per kind
  whoever makes it — the CLI, the weekly run or the ribbon, in every UI language — so a shared
  folder holds one name per kind of document;
- the sheets and columns of the roll-up workbook (总览, 全部任务, 全部问题, 逾期与升级, 趋势, 数据来源);
- the findings table (校验结果): the same columns, in the same order, in the annotated copy, the
  ribbon's live sheet and the weekly validation report (which puts the file first instead of №).
"""

from __future__ import annotations

from crossdept.model.sheets import TASK_STATUS

# --- archive names: 项目名称-日期-类型 ----------------------------------------------------------------
NEW_WORKBOOK = "部门工作簿"
VALIDATION_REPORT = "校验报告"
MARKED_COPIES = "标记副本"
ROLLUP = "周报汇总"
MINUTES = "会议纪要"
SUMMARY = "周报邮件"
GROUP_DIGEST = "群消息"  # the week's group digest, ready to paste into the project's chat group
RUN_LOG = "运行日志"
CALENDAR = "沟通日程"  # the 沟通计划表 as an .ics (crossdept calendar)
REMINDERS = "每日提醒"  # the folder of the day's reminder messages written for review (remind --out, the ribbon)
REVIEW = "复盘报告"  # a milestone's review report (crossdept review, the ribbon, weekly's drafts)
# The weekly run's outputs, in the order they are written.
WEEKLY_KINDS = (VALIDATION_REPORT, MARKED_COPIES, ROLLUP, MINUTES, GROUP_DIGEST, SUMMARY, CALENDAR, RUN_LOG)

# --- the roll-up workbook -------------------------------------------------------------------------
# 全部任务 / 全部问题 carry the model's headers, so the reader recognises them by headers; the others
# are named here so a roll-up found inside the folder it rolls up is recognised as one and skipped
# rather than counted twice.
OVERVIEW, ALL_TASKS, ALL_ISSUES, OVERDUE, TREND, SOURCES = "总览", "全部任务", "全部问题", "逾期与升级", "趋势", "数据来源"
ROLLUP_SIGNATURE = frozenset({OVERVIEW, SOURCES})
TOTAL = "合计"  # the totals' "department" in JSON and 总览
# 状态无法识别: tasks whose status is none of the four, so the status columns (and the stacked
# chart over them) add up to 任务总数.
OVERVIEW_HEADERS = ("部门", "任务总数", *TASK_STATUS.values, "状态无法识别", "完成率", "平均进度", "逾期任务", "未关闭问题",
                    "逾期问题", "临期问题", "滞后问题", "红黄绿", "判定依据")
OVERDUE_HEADERS = ("类型", "部门", "编号", "内容", "负责人", "截止日期", "逾期天数", "冲突等级", "建议升级至",
                   "处理人", "来源文件", "来源行")
SOURCE_HEADERS = ("文件", "状态", "部门", "部门来源", "任务行数", "问题行数", "说明")
# 里程碑 (write/rollup_milestones.py): one row per milestone under these headers, read back by
# read/own_sheets.py for a summary made from the roll-up. "里程碑名称", not the charter's "里程碑":
# the reader must not take this sheet for a 项目章程.
MILESTONES = "里程碑"
MILESTONE_HEADERS = ("里程碑名称", "状态", "阶段开始", "计划日期", "实际日期", "预测日期", "偏差(工作日)", "任务总数", "已完成",
                     "逾期任务", "阻塞任务")

# --- the findings table (校验结果) ----------------------------------------------------------------
RESULTS_SHEET = "校验结果"  # the first sheet of an annotated copy, and the ribbon's live sheet
# Column keys (message ids validate.col.*): the annotated copy and the ribbon number the findings ...
FINDING_COLUMNS = ("no", "sheet", "cell", "column", "value", "rule", "severity", "message")
# ... the weekly validation report names the file each came from instead.
REPORT_FINDING_COLUMNS = ("file", *FINDING_COLUMNS[1:])
REPORT_FILE_COLUMNS = ("path", "status", "errors", "warnings", "error")

# --- the templates --------------------------------------------------------------------------------
# The hidden sheet of working days the templates' colours look the next working day up in
# (write/templates.py); it holds no records, so the reader lists it among the sheets it ignores.
WORKDAYS_SHEET = "工作日历"
WORKDAYS_NAME = "crossdept_workdays"  # the workbook name of its dates, used by the colours' formulas

# The weekly validation report's sheets (write/validation_report.py), named in the report's language:
# the findings (校验结果, the table above with the file first) and one row per file.
REPORT_SHEETS = {"zh": (RESULTS_SHEET, "文件"), "en": ("Findings", "Files")}

# Sheets crossdept writes that hold no records to read: `inspect` names them as crossdept's own
# rather than as sheets it does not recognise (the reader still skips them).
OWN_SHEETS = frozenset({WORKDAYS_SHEET, RESULTS_SHEET, OVERVIEW, OVERDUE, TREND, SOURCES,
                        *(name for names in REPORT_SHEETS.values() for name in names)})
