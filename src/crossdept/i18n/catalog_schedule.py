"""Messages about the communication plan as a schedule: why a 频率/时间 phrase is not on the
calendar (each with a form that would be), and the calendar command's own messages."""

_FORMS_ZH = "每周五15:00、每两周周二10:00、每天9:00、每个工作日17:30前、每月15日、每月最后一周周三、项目启动后第2天、上线前3天、每个里程碑后3个工作日内"
_FORMS_EN = "每周五15:00, 每两周周二10:00, 每天9:00, 每个工作日17:30前, 每月15日, 每月最后一周周三, 项目启动后第2天, 上线前3天, 每个里程碑后3个工作日内"

MESSAGES: dict[str, tuple[str, str]] = {
    "schedule.empty": ("没有填写频率/时间；请写成如“每周五15:00”。",
                       "no frequency given; write e.g. 每周五15:00 (every Friday 15:00)."),
    "schedule.period": ("写的是一段时期（……期间），不是日程上的某一天；请写明频率，如“每天18:00”（起止由项目章程的日期决定）。",
                        "it names a period (……期间), not days on a calendar; write how often, e.g. 每天18:00 (every day 18:00); the charter's dates bound it."),
    "schedule.event": ("写的是某件事发生的时候（……时），无法排入日程；如需定期进行，请写成如“每周五15:00”。",
                       "it names an event (……时, when something happens), which no calendar can hold; if it is regular, write e.g. 每周五15:00."),
    "schedule.unknown": ("无法识别这种写法，未排入日程；可用的写法：" + _FORMS_ZH + "。",
                         "this wording is not understood and is not scheduled; forms understood: " + _FORMS_EN + "."),
    "schedule.weekday-unclear": ("没有写明唯一的星期几；每行写一个星期几，如“每周五15:00”（一周几次请分成几行）。",
                                 "no single weekday; write one weekday per row, e.g. 每周五15:00 (split several days a week into rows)."),
    "schedule.ambiguous": ("可以有几种理解（{forms}），未排入日程；请按一种写法重写，如“每周五15:00”。",
                           "it reads several ways ({forms}) and is not scheduled; rewrite it in one form, e.g. 每周五15:00."),
    "schedule.ambiguous-time": ("「{time}」可能是凌晨也可能是下午；请写成“{pm}:00”或“下午{time}”。",
                                "'{time}' may be night or afternoon; write {pm}:00 or 下午{time}."),
    "schedule.bad-time": ("「{time}」不是有效的时间；请写成 HH:MM，如 15:00 或 15:00-16:00。",
                          "'{time}' is not a time of day; write HH:MM, e.g. 15:00 or 15:00-16:00."),
    "schedule.needs-start": ("需要项目章程的开始日期才能排出（从开始那周起算）；请在项目章程中填写开始日期。",
                             "needs the charter's 开始日期 (start date) to be placed (counted from the start week); fill it in 项目章程."),
    "schedule.milestone-none": ("项目章程中没有名称包含「{words}」的里程碑；请写出里程碑的名称，如“全面上线前3天”。",
                                "no milestone of the charter has '{words}' in its name; name the milestone, e.g. 全面上线前3天."),
    "schedule.milestone-several": ("有多个里程碑名称包含「{words}」（{names}）；请写出完整的里程碑名称，如“{names}”中的一个。",
                                   "several milestones have '{words}' in their names ({names}); write one full name."),
    "schedule.milestone-undated": ("里程碑「{names}」没有计划日期；请在项目章程中填写。",
                                   "milestone '{names}' has no planned date; fill it in 项目章程."),
    "schedule.no-milestones": ("项目章程中没有带日期的里程碑。", "the charter has no dated milestone."),
    "schedule.after-end": ("第一次日程在项目结束日期 {end} 之后。", "its first occurrence is after the project's end, {end}."),
    "frequency-not-scheduled": ("频率/时间「{value}」无法排入日程：{reason_zh}",
                                "Frequency '{value}' cannot be put on a calendar: {reason_en}"),
}
