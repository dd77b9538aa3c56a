"""The communication plan as an iCalendar file (RFC 5545), written with the icalendar library.

Choices, each for the calendars people import into (Outlook, WPS, 钉钉, Google, Apple):
- Times are Asia/Shanghai with its VTIMEZONE in the file, so no client guesses the zone.
- A recurring row is one VEVENT with an RRULE. 每个工作日 is Monday-Friday with an EXDATE for
  every weekday off and, for every make-up workday (调休 Saturday or Sunday), its own VEVENT: many
  clients (Outlook among them) ignore RDATE, while every one honours a separate event. Explicit
  days (项目启动后第N天, 每个里程碑后N个工作日内) are one VEVENT each for the same reason.
- UIDs come from core/comm_plan.stable_uid (further VEVENTs of a row add a suffix), so importing the file
  again updates the entries rather than adding copies.
- Each entry has a display alarm: 15 minutes before a timed entry, 09:00 the day before an
  all-day one.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

from crossdept.config import Person
from crossdept.core.comm_plan import PlanEvent

TZID = "Asia/Shanghai"
TZ = ZoneInfo(TZID)
DEFAULT_LENGTH = dt.timedelta(hours=1)  # domain.md: one hour long unless the phrase says otherwise
TIMED_ALARM = dt.timedelta(minutes=-15)
ALL_DAY_ALARM = dt.timedelta(hours=-15)  # 09:00 the day before
PRODID = "-//crossdept//沟通计划表//ZH"
# RFC 5545 3.3.11: TEXT holds no control character but HTAB (line breaks are escaped by icalendar).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")


def text(value: str) -> str:
    """A cell's text as iCalendar TEXT: CR LF / CR as LF, other control characters dropped, so a
    cell holding a bell or form feed (or a line break faking END:VEVENT) cannot break the file."""
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _start(event: PlanEvent, day: dt.date) -> dt.date | dt.datetime:
    clock = event.schedule.clock
    return dt.datetime.combine(day, clock.start, TZ) if clock else day


def _length(event: PlanEvent) -> dt.timedelta:
    clock = event.schedule.clock
    if clock is None:
        return dt.timedelta(days=1)
    if clock.end is not None:
        return dt.datetime.combine(dt.date.min, clock.end) - dt.datetime.combine(dt.date.min, clock.start)
    return DEFAULT_LENGTH


def _address(person: Person, role: str | None = None):
    from icalendar import vCalAddress

    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = text(person.name).replace("\n", " ")
    if role:
        address.params["ROLE"] = role
        address.params["PARTSTAT"] = "NEEDS-ACTION"
        address.params["RSVP"] = "TRUE"
    return address


def _rrule(event: PlanEvent) -> dict[str, object] | None:
    rule = event.schedule.rrule
    if rule is None:
        return None
    rule = dict(rule)
    until = rule.get("UNTIL")
    if isinstance(until, dt.date) and event.schedule.clock is not None:
        # With a zoned DTSTART, UNTIL must be UTC (RFC 5545 3.3.10): the end of that day in Shanghai.
        end = dt.datetime.combine(until, dt.time(23, 59, 59), TZ)
        rule["UNTIL"] = end.astimezone(dt.timezone.utc)
    return rule


def description(event: PlanEvent) -> str:
    row = event.row
    lines = [f"频率/时间：{row.frequency}"]
    for label, value in (("参与部门/人员", row.participants), ("输出物", row.deliverable), ("备注", row.notes)):
        if value:
            lines.append(f"{label}：{value}")
    src = row.source
    lines.append(f"来源：{src.path.name if src.path else ''} {src.sheet} 第{src.row}行".strip())
    return "\n".join(lines)


def _vevent(event: PlanEvent, uid: str, day: dt.date, stamp: dt.datetime, recurring: bool):
    from icalendar import Alarm, Event

    clock = event.schedule.clock
    ve = Event()
    ve.add("uid", uid)
    ve.add("dtstamp", stamp)
    ve.add("summary", text(event.row.item))
    start = _start(event, day)
    ve.add("dtstart", start)
    ve.add("dtend", start + _length(event))
    if recurring:
        ve.add("rrule", _rrule(event))
        if event.schedule.exdates:
            ve.add("exdate", [_start(event, d) for d in event.schedule.exdates])
    if event.row.channel:
        ve.add("location", text(event.row.channel))
    ve.add("description", text(description(event)))
    if event.organiser is not None:
        ve.add("organizer", _address(event.organiser))
    for person in event.attendees:
        ve.add("attendee", _address(person, "REQ-PARTICIPANT"))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text(event.row.item))
    alarm.add("trigger", TIMED_ALARM if clock else ALL_DAY_ALARM)
    ve.add_component(alarm)
    return ve


def extra_uid(uid: str, suffix: str) -> str:
    """The UID of a further entry of a row: `.20261010` for a make-up workday (a fixed day),
    `.n2` for the row's second explicit day (a milestone's date may move; its place stays)."""
    local, _, domain = uid.partition("@")
    return f"{local}.{suffix}@{domain}"


def build_ics(events: list[PlanEvent], name: str, stamp: dt.datetime) -> bytes:
    """The .ics bytes: one VEVENT per recurring row (plus one per make-up workday), one per day of
    a row with explicit days."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    for event in events:
        s = event.schedule
        if s.rrule is not None:
            cal.add_component(_vevent(event, event.uid, s.first, stamp, recurring=True))
            for day in s.rdates:
                cal.add_component(_vevent(event, extra_uid(event.uid, f"{day:%Y%m%d}"), day, stamp, recurring=False))
        else:
            for n, day in enumerate(s.dates, start=1):
                uid = event.uid if n == 1 else extra_uid(event.uid, f"n{n}")
                cal.add_component(_vevent(event, uid, day, stamp, recurring=False))
    cal.add_missing_timezones(first_date=dt.date(2000, 1, 1))
    return cal.to_ical()


def rrule_text(event: PlanEvent) -> str | None:
    """The RRULE exactly as written in the file (FREQ=WEEKLY;UNTIL=…;BYDAY=FR), or None."""
    from icalendar import vRecur

    rule = _rrule(event)
    return None if rule is None else vRecur(rule).to_ical().decode()
