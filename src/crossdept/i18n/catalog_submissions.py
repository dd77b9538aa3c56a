"""Messages about what the departments sent (core/submissions.py): departments, duplicates, freshness."""

MESSAGES: dict[str, tuple[str, str]] = {
    "department-mismatch": (
        "说明页的部门是「{department}」，文件名 {file} 却是「{named}」的；已按「{department}」汇总。"
        "若这是「{named}」的工作簿（例如复制后忘了改），请把部门改为「{named}」；否则请改文件名。",
        "The 说明 sheet says the department is \"{department}\" but the file name {file} names \"{named}\"; it is "
        "rolled up as \"{department}\". If this is {named}'s workbook (a copy not yet changed), write \"{named}\" "
        "here; otherwise rename the file.",
    ),
    "duplicate-department": (
        "「{department}」还有另一个工作簿 {other}；两个都已读取并计入。请删除旧的一份，或改正其中一份的部门。",
        "\"{department}\" also sent {other}; both were read and counted. Remove the old one, or correct the "
        "department of one of them.",
    ),
    "duplicate-row": (
        "{column}「{value}」与 {other} 的一行完全相同，只计一次。请删除重复的一行（或重复的工作表）。",
        "{column} \"{value}\" repeats the identical row at {other}; it is counted once. Delete the repeated row "
        "(or the copied sheet).",
    ),
    "not-updated": (
        "「{department}」有 {open} 条未完成的任务或问题，但最近的更新日期是 {newest}，已超过 {days} 个工作日没有更新。请更新进度和问题状态。",
        "{department} has open tasks or issues ({open}) but the newest 更新日期 (updated on) is {newest}: not "
        "updated for more than {days} working days. Update the progress and the issues.",
    ),
    "multi-department": (
        "{column}「{value}」写了多个部门；每行只能属于一个部门，本行已计入「{counted}」（负责人所在部门）。请只写一个部门，必要时拆成多行。",
        "{column} \"{value}\" names several departments; a row belongs to one department, and this one is counted "
        "to \"{counted}\" (its owner's). Write one department, splitting the row if needed.",
    ),
    "far-date": (
        "{column}「{value}」离项目时间及今天（{window}）超过一年，请检查年份是否写错。",
        "{column} \"{value}\" is more than a year away from the project's dates and today ({window}); check the year.",
    ),
    "highlight.task-blocked-reason": ("阻塞中（{reason}），请协调解决", "blocked ({reason}); get it unblocked"),
    "rollup.not-updated": ("超过5个工作日未更新：{departments}。", "Not updated for more than 5 working days: {departments}."),
    "rollup.missing-departments": (
        "未提交：{departments}（crossdept.toml 中列出，但文件夹中没有这些部门的工作簿）。",
        "Not submitted: {departments} (listed in crossdept.toml, but the folder holds no workbook of theirs).",
    ),
}
