"""Messages about meeting action items (待办事项) followed up: highlight, roll-up, email, minutes."""

MESSAGES: dict[str, tuple[str, str]] = {
    "actions.overdue": ("待办逾期{n}天（完成时限{date}，{meeting}）", "action {n} {n:day|days} overdue (due {date}, {meeting})"),
    "actions.due-today": ("待办今天到期（{meeting}）", "action due today ({meeting})"),
    "actions.due-on": ("待办{date}到期（{meeting}）", "action due {date} ({meeting})"),
    "actions.line": ("  {sheet}!{row}行 待办「{action}」（{owner}）：{state}",
                     "  {sheet}!{row} action '{action}' ({owner}): {state}"),
    "actions.file-summary": ("{path}：会议待办 {count} 项需要跟进。", "{path}: {count} meeting {count:action|actions} to follow up."),
    "rollup.escalate.action": ("在下次例会上跟进", "follow up at the next meeting"),
    "minutes-missing": ("{date}（周{weekday}）的周例会没有会议纪要：纪要应在会后24小时内形成；请在会议纪要表中补上会议类型为“周例会”、日期为 {date} 的一段纪要（前后一个工作日内的日期也算）。",
                        "The weekly meeting of {date} has no minutes: they are due within 24 hours; add a 会议纪要 block with 会议类型 周例会 dated {date} (a day either side, on working days, also counts)."),
    "excel.highlight.actions": ("另有会议待办 {count} 项已逾期或即将到期，已在「会议纪要」中标出。",
                                " Also {count} meeting {count:action|actions} overdue or due soon, marked on 会议纪要."),
}
