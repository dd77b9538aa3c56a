"""The words of the minutes document (.docx template and .md) around the sheet's own labels.

core/minutes.minutes_context hands them to the templates as ``L`` in the language asked for; the
Chinese text is exactly what the template said before it was translated. Column and field labels
come from the sheet model (model/sheets.py: the Chinese header, or its English alias).
"""

MESSAGES: dict[str, tuple[str, str]] = {
    "minutes-doc.deadline": ("纪要分发时限", "Distribute by"),
    "minutes-doc.colon": ("：", ": "),
    "minutes-doc.title-sep": ("｜", " | "),
    "minutes-doc.deadline-note": ("（会后 24 小时内分发给全体参会人员及相关部门）",
                                  " (within 24 hours of the meeting, to every attendee and the departments concerned)"),
    "minutes-doc.deadline-note-short": ("（会后 24 小时内分发）", " (within 24 hours of the meeting)"),
    "minutes-doc.topics": ("一、议题与结论", "1. Topics and decisions"),
    "minutes-doc.no-topics": ("本次会议未记录议题。", "No topic was recorded for this meeting."),
    "minutes-doc.actions": ("二、待办事项", "2. Action items"),
    "minutes-doc.no-actions": ("本次会议没有待办事项。", "This meeting set no action item."),
    "minutes-doc.carried": ("三、前次会议遗留待办", "3. Open actions from earlier meetings"),
    "minutes-doc.no-carried": ("前次会议的待办均已完成。", "Every action of earlier meetings is done."),
    "minutes-doc.meeting": ("会议", "Meeting"),
    "minutes-doc.meeting-date": ("会议日期", "Meeting date"),
    "minutes-doc.days-overdue": ("逾期天数", "Days overdue"),
    "minutes-doc.escalate-to": ("建议升级至", "Escalate to"),
    "minutes-doc.appendix": ("附录：未关闭的逾期问题（截至 ", "Appendix: open overdue issues (as of "),
    "minutes-doc.appendix-end": ("）", ")"),
    "minutes-doc.no-overdue": ("截至会议日期，没有未关闭的逾期问题。", "No open issue was overdue on the meeting's date."),
}
