"""The 沟通计划表's 频率/时间 phrases read into schedules (domain.md, "The communication plan as a
schedule").

Two steps, both pure:
1. `parse_frequency(text)` reads the words alone into a `Pattern` (which form, weekday, day, time
   of day) or a `NotScheduled` with the reason. One small function per form of the grammar, tried
   in turn, each matching the whole phrase: a phrase two forms could read, or that holds more than
   one form, matches none and is listed, never guessed. Validation uses this step alone.
2. `resolve(pattern, project, calendar)` puts a pattern on the project's dates (开始日期, 结束日期,
   milestones) as a `Schedule`: a first day and either a recurrence (the iCalendar RRULE parts, plus
   exact exception and extra dates for working days) or explicit dates. `occurrences()` lists the
   days a schedule falls on, computed day by day and independently of the RRULE, so tests can check
   one against the other.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import chinese_calendar

from crossdept.core.calendar import ONE_DAY, WorkCalendar

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WEEKDAY_NAMES = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
                  "1": 0, "2": 1, "3": 2, "4": 3, "5": 4, "6": 5, "7": 6}
_NUM = r"(\d{1,3}|[零〇一二两三四五六七八九十]{1,3})"
_WEEK = r"(?:周|星期|礼拜)"
_DAY_OF_WEEK = r"(?:周|星期|礼拜)([一二三四五六日天1-7])"
# Phrases of an event or a period: they say when something happens, not a day on a calendar.
_EVENT = re.compile(r"((?<!小)时|之时|的时候|时候|随时|不定期|按需|需要时|视情况|临时)$")
_PERIOD = re.compile(r"期间|阶段")

# Known years of the statutory holiday calendar (chinese-calendar's data).
HOLIDAY_YEARS = (min(chinese_calendar.holidays).year, max(chinese_calendar.holidays).year)


def number(text: str) -> int | None:
    """3, 03, 三, 十, 十五, 二十一 (the numbers people write in a plan) as an int."""
    if text.isdigit():
        return int(text)
    if text and all(c in _DIGITS for c in text):
        return int("".join(str(_DIGITS[c]) for c in text)) if len(text) > 1 else _DIGITS[text]
    if "十" in text:
        tens, _, units = text.partition("十")
        high = 1 if tens == "" else _DIGITS.get(tens)
        low = 0 if units == "" else _DIGITS.get(units)
        if high is not None and low is not None and len(tens) <= 1 and len(units) <= 1:
            return high * 10 + low
    return None


@dataclass(frozen=True)
class Clock:
    """A time of day: the start, an optional end (15:00-16:00), and 前 (done before it)."""

    start: dt.time
    end: dt.time | None = None
    before: bool = False


@dataclass(frozen=True)
class Pattern:
    """What a 频率/时间 phrase says, before it meets the project's dates."""

    form: str  # weekly | biweekly | daily | workdays | monthly_day | monthly_last_weekday | after_start | before_milestone | after_milestones
    weekday: int | None = None  # 0 = Monday
    n: int | None = None  # day of month / N-th day / N days / N working days
    milestone: str | None = None  # the words naming a milestone (<里程碑>前N天)
    clock: Clock | None = None


@dataclass(frozen=True)
class NotScheduled:
    """Why a phrase is not on the calendar: a message id of catalog_schedule and its facts."""

    reason: str
    params: dict[str, object] = field(default_factory=dict)


# --- reading the words -------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Full-width to half-width (１５：００ -> 15:00), no spaces, no trailing punctuation."""
    text = unicodedata.normalize("NFKC", str(text))
    text = re.sub(r"\s+", "", text).replace("：", ":")
    return text.rstrip("。.;；,，")


_HHMM = re.compile(r"(\d{1,2}):(\d{2})(?:[-~至到](\d{1,2}):(\d{2}))?(前|之前|以前)?")
_HOUR = re.compile(r"(上午|早上|中午|下午|晚上)?(\d{1,2}|[一二两三四五六七八九十]{1,3})点(半|(\d{1,2})分?)?(前|之前|以前)?")


def _time(hour: int, minute: int) -> dt.time | None:
    return dt.time(hour, minute) if 0 <= hour <= 23 and 0 <= minute <= 59 else None


def _clock_hhmm(text: str) -> tuple[Clock | NotScheduled, str] | None:
    """HH:MM, HH:MM-HH:MM, HH:MM前."""
    m = _HHMM.search(text)
    if not m:
        return None
    start = _time(int(m.group(1)), int(m.group(2)))
    end = _time(int(m.group(3)), int(m.group(4))) if m.group(3) else None
    if start is None or (m.group(3) and (end is None or end <= start)):
        return NotScheduled("schedule.bad-time", {"time": m.group(0)}), ""
    return Clock(start, end, bool(m.group(5))), text[:m.start()] + text[m.end():]


def _clock_hour(text: str) -> tuple[Clock | NotScheduled, str] | None:
    """HH点, HH点半, HH点MM分, 上午/下午/晚上N点. A bare 1点..6点 could be night or afternoon:
    not guessed."""
    m = _HOUR.search(text)
    if not m:
        return None
    part, hour = m.group(1), number(m.group(2))
    minute = 30 if m.group(3) == "半" else int(m.group(4)) if m.group(4) else 0
    if hour is None:
        return NotScheduled("schedule.bad-time", {"time": m.group(0)}), ""
    if part in ("下午", "晚上") and hour < 12:
        hour += 12
    elif part == "中午" and hour < 6:
        hour += 12
    elif part is None and 1 <= hour <= 6:
        return NotScheduled("schedule.ambiguous-time", {"time": m.group(0), "pm": hour + 12}), ""
    start = _time(hour, minute)
    if start is None:
        return NotScheduled("schedule.bad-time", {"time": m.group(0)}), ""
    return Clock(start, None, bool(m.group(5))), text[:m.start()] + text[m.end():]


def _weekday(name: str) -> int | None:
    return _WEEKDAY_NAMES.get(name)


def _weekly(text: str) -> Pattern | None:
    """每周五, 每周周五, 每星期五, 每周的星期五, 每礼拜5."""
    m = re.fullmatch(rf"每{_WEEK}的?(?:{_WEEK})?([一二三四五六日天1-7])", text)
    if m and _weekday(m.group(1)) is not None:
        return Pattern("weekly", weekday=_weekday(m.group(1)))
    return None


def _biweekly(text: str) -> Pattern | None:
    """每两周周二, 每2周二, 每隔一周的星期二, 隔周周二, 双周周二."""
    m = re.fullmatch(rf"(?:每两|每2|每隔一|每隔1|隔|双){_WEEK}的?(?:{_WEEK})?([一二三四五六日天1-7])", text)
    if m and _weekday(m.group(1)) is not None:
        return Pattern("biweekly", weekday=_weekday(m.group(1)))
    return None


def _daily(text: str) -> Pattern | None:
    """每天, 每日, 天天, 每天一次."""
    return Pattern("daily") if re.fullmatch(r"(?:每天|每日|天天)(?:一次)?", text) else None


def _workdays(text: str) -> Pattern | None:
    """每个工作日, 每工作日, 工作日每天 (每个工作日下班前 is not: 下班 is no time of day)."""
    return Pattern("workdays") if re.fullmatch(r"每个?工作日|工作日每天|工作日每日|每一个工作日", text) else None


def _monthly_day(text: str) -> Pattern | None:
    """每月15日, 每月15号, 每个月的十五号."""
    m = re.fullmatch(rf"每个?月的?{_NUM}[日号]", text)
    n = number(m.group(1)) if m else None
    return Pattern("monthly_day", n=n) if n is not None and 1 <= n <= 31 else None


def _monthly_last_weekday(text: str) -> Pattern | None:
    """每月最后一周周三, 每月最后一个周三, 每个月的最后一个星期三, 每月最后一周的星期三."""
    m = re.fullmatch(rf"每个?月的?最后一(?:个|{_WEEK}|个{_WEEK})的?{_DAY_OF_WEEK}", text)
    if m and _weekday(m.group(1)) is not None:
        return Pattern("monthly_last_weekday", weekday=_weekday(m.group(1)))
    return None


def _after_start(text: str) -> Pattern | None:
    """项目启动后第2天, 启动后第二天, 项目开始后第3日, 立项后第1天."""
    m = re.fullmatch(rf"(?:项目)?(?:启动|开始|开工|立项|开展)后的?第{_NUM}[天日]", text)
    n = number(m.group(1)) if m else None
    return Pattern("after_start", n=n) if n else None


def _before_milestone(text: str) -> Pattern | None:
    """上线前3天, 试点门店上线前三日, 全面上线之前2天: N calendar days before a milestone."""
    m = re.fullmatch(rf"(.+?)(?:之)?前的?{_NUM}(?:个)?[天日]", text)
    n = number(m.group(2)) if m else None
    if not m or n is None or m.group(1).startswith(("每", "第")) or "里程碑" in m.group(1):
        return None
    return Pattern("before_milestone", n=n, milestone=m.group(1))


def _after_milestones(text: str) -> Pattern | None:
    """每个里程碑后3个工作日内, 各里程碑完成后三个工作日内, 每个里程碑结束后2个工作日."""
    m = re.fullmatch(rf"(?:每个|每一个|每|各个?)里程碑(?:完成|结束|达成|节点)?后{_NUM}个?工作日内?", text)
    n = number(m.group(1)) if m else None
    return Pattern("after_milestones", n=n) if n else None


FORMS: tuple[Callable[[str], Pattern | None], ...] = (
    _weekly, _biweekly, _daily, _workdays, _monthly_day, _monthly_last_weekday,
    _after_start, _after_milestones, _before_milestone,
)


def parse_frequency(text: object) -> Pattern | NotScheduled:
    """A 频率/时间 cell as a Pattern, or the reason it is not scheduled."""
    phrase = normalise("" if text is None else text)
    if not phrase:
        return NotScheduled("schedule.empty")
    if _PERIOD.search(phrase):
        return NotScheduled("schedule.period")
    clock: Clock | None = None
    rest = phrase
    for reader in (_clock_hhmm, _clock_hour):
        found = reader(rest)
        if found is not None:
            value, rest = found
            if isinstance(value, NotScheduled):
                return value
            clock = value
            break
    if _EVENT.search(rest):
        return NotScheduled("schedule.event")
    matches = [p for p in (form(rest) for form in FORMS) if p is not None]
    if not matches:
        if rest.startswith("每周") or rest.startswith("每两周"):
            return NotScheduled("schedule.weekday-unclear")
        return NotScheduled("schedule.unknown")
    if len(matches) > 1:  # no form may claim a phrase another form also reads
        return NotScheduled("schedule.ambiguous", {"forms": tuple(p.form for p in matches)})
    pattern = matches[0]
    return Pattern(pattern.form, pattern.weekday, pattern.n, pattern.milestone, clock)


# --- putting a pattern on the project's dates --------------------------------------------------


@dataclass(frozen=True)
class Milestone:
    name: str
    planned: dt.date | None
    actual: dt.date | None = None


@dataclass(frozen=True)
class ProjectDates:
    """What resolving needs from the project: 项目章程's dates and milestones, and today (the
    start of recurrences when the charter has no 开始日期)."""

    today: dt.date
    start: dt.date | None = None
    end: dt.date | None = None
    milestones: tuple[Milestone, ...] = ()


@dataclass(frozen=True)
class Schedule:
    """Where a plan row falls: recurring (`rrule`) from `first` (the RRULE's first day), or on
    explicit `dates`.

    `rrule` holds iCalendar RRULE parts (FREQ, INTERVAL, BYDAY, BYMONTHDAY, UNTIL). For working
    days it is Monday-Friday with `exdates` (weekday holidays) and `rdates` (weekend make-up
    workdays) over the years the holiday calendar knows; `exact_until` is the last day they cover.
    """

    pattern: Pattern
    first: dt.date
    rrule: dict[str, object] | None = None
    dates: tuple[dt.date, ...] = ()
    exdates: tuple[dt.date, ...] = ()
    rdates: tuple[dt.date, ...] = ()
    until: dt.date | None = None
    exact_until: dt.date | None = None

    @property
    def clock(self) -> Clock | None:
        return self.pattern.clock


def _on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _last_weekday_of_month(year: int, month: int, weekday: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    last = nxt - ONE_DAY
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _months_from(day: dt.date) -> Iterator[tuple[int, int]]:
    year, month = day.year, day.month
    while True:
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _first_monthly_day(start: dt.date, n: int) -> dt.date:
    for year, month in _months_from(start):
        try:
            day = dt.date(year, month, n)
        except ValueError:
            continue
        if day >= start:
            return day
    raise AssertionError("unreachable")


def _first_last_weekday(start: dt.date, weekday: int) -> dt.date:
    for year, month in _months_from(start):
        day = _last_weekday_of_month(year, month, weekday)
        if day >= start:
            return day
    raise AssertionError("unreachable")


def _workday_exceptions(first: dt.date, until: dt.date | None, calendar: WorkCalendar
                        ) -> tuple[tuple[dt.date, ...], tuple[dt.date, ...], dt.date]:
    """Weekdays off and weekend workdays from `first` to the end of the known years (or `until`)."""
    last = dt.date(HOLIDAY_YEARS[1], 12, 31)
    if until is not None:
        last = min(last, until)
    ex, extra, day = [], [], first
    while day <= last:
        weekday = day.weekday() < 5
        if weekday and not calendar.is_workday(day):
            ex.append(day)
        elif not weekday and calendar.is_workday(day):
            extra.append(day)
        day += ONE_DAY
    return tuple(ex), tuple(extra), last


def _milestone_day(m: Milestone) -> dt.date | None:
    return m.actual or m.planned


def resolve(pattern: Pattern, project: ProjectDates, calendar: WorkCalendar) -> Schedule | NotScheduled:
    """The schedule of a pattern on this project, or why it cannot have one."""
    start = project.start or project.today
    until = project.end
    form = pattern.form
    if form in ("weekly", "biweekly"):
        if form == "biweekly" and project.start is None:
            return NotScheduled("schedule.needs-start")
        first = _on_or_after(start, pattern.weekday or 0)
        rule: dict[str, object] = {"FREQ": "WEEKLY", "BYDAY": [WEEKDAY_CODES[pattern.weekday or 0]]}
        if form == "biweekly":
            rule["INTERVAL"] = 2
    elif form == "daily":
        first, rule = start, {"FREQ": "DAILY"}
    elif form == "workdays":
        # The RRULE runs Monday-Friday from the first such working day; a make-up Saturday or
        # Sunday before it (调休 right at the start) is one of the extra dates like any other.
        first = start
        while first.weekday() >= 5 or not calendar.is_workday(first):
            first += ONE_DAY
        rule = {"FREQ": "WEEKLY", "BYDAY": list(WEEKDAY_CODES[:5])}
        ex, extra, exact = _workday_exceptions(start, until, calendar)
        if until is not None:
            if first > until and not extra:
                return NotScheduled("schedule.after-end", {"end": until.isoformat()})
            rule["UNTIL"] = until
        return Schedule(pattern, first, rule, exdates=ex, rdates=extra, until=until, exact_until=exact)
    elif form == "monthly_day":
        first, rule = _first_monthly_day(start, pattern.n or 1), {"FREQ": "MONTHLY", "BYMONTHDAY": pattern.n}
    elif form == "monthly_last_weekday":
        code = WEEKDAY_CODES[pattern.weekday or 0]
        first, rule = _first_last_weekday(start, pattern.weekday or 0), {"FREQ": "MONTHLY", "BYDAY": [f"-1{code}"]}
    elif form == "after_start":
        if project.start is None:
            return NotScheduled("schedule.needs-start")
        day = project.start + dt.timedelta(days=(pattern.n or 1) - 1)
        return Schedule(pattern, day, dates=(day,))
    elif form == "before_milestone":
        words = pattern.milestone or ""
        named = [m for m in project.milestones if words in m.name.replace(" ", "")]
        if len(named) != 1:
            return NotScheduled("schedule.milestone-none" if not named else "schedule.milestone-several",
                                {"words": words, "names": tuple(m.name for m in named)})
        if named[0].planned is None:
            return NotScheduled("schedule.milestone-undated", {"words": words, "names": named[0].name})
        day = named[0].planned - dt.timedelta(days=pattern.n or 0)
        return Schedule(pattern, day, dates=(day,))
    elif form == "after_milestones":
        days = sorted({calendar.add_workdays(d, pattern.n or 1) for m in project.milestones
                       if (d := _milestone_day(m)) is not None})
        if not days:
            return NotScheduled("schedule.no-milestones")
        return Schedule(pattern, days[0], dates=tuple(days))
    else:  # pragma: no cover - FORMS and resolve() list the same forms
        raise ValueError(form)
    if until is not None:
        if first > until:
            return NotScheduled("schedule.after-end", {"end": until.isoformat()})
        rule["UNTIL"] = until
    return Schedule(pattern, first, rule, until=until)


def occurrences(schedule: Schedule, calendar: WorkCalendar, last: dt.date) -> list[dt.date]:
    """Every day the schedule falls on from its first day to `last` (and its own end), computed
    day by day from the pattern and the working-day calendar rather than from the RRULE."""
    if schedule.dates:
        return [d for d in schedule.dates if d <= last]
    end = min(last, schedule.until) if schedule.until else last
    p, day, out = schedule.pattern, min((schedule.first, *schedule.rdates)), []
    while day <= end:
        if p.form == "weekly":
            hit = day.weekday() == p.weekday
        elif p.form == "biweekly":
            hit = (day - schedule.first).days % 14 == 0
        elif p.form == "daily":
            hit = True
        elif p.form == "workdays":
            hit = calendar.is_workday(day)
        elif p.form == "monthly_day":
            hit = day.day == p.n
        else:  # monthly_last_weekday
            hit = day == _last_weekday_of_month(day.year, day.month, p.weekday or 0)
        if hit:
            out.append(day)
        day += ONE_DAY
    return out
