"""The working-day calendar against the State Council's 2026 schedule (国办发明电〔2025〕7号).

The dates below are the published ones, checked against chinese-calendar's data: Spring Festival
2026-02-15..23 off with Saturdays 02-14 and 02-28 worked; National Day and Mid-Autumn
2026-10-01..07 off with Sunday 09-20 and Saturday 10-10 worked; New Year 01-01..03 off with
Sunday 01-04 worked.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from crossdept import i18n
from crossdept.config import parse_config
from crossdept.core.calendar import WorkCalendar

D = dt.date


@pytest.mark.parametrize(
    "day, workday",
    [
        (D(2026, 2, 13), True),  # Friday before the break
        (D(2026, 2, 14), True),  # Saturday, make-up workday (调休)
        (D(2026, 2, 15), False),  # Sunday, 除夕 eve of the break
        (D(2026, 2, 16), False),
        (D(2026, 2, 20), False),  # Friday inside the break
        (D(2026, 2, 23), False),  # Monday, last day off
        (D(2026, 2, 24), True),
        (D(2026, 2, 28), True),  # Saturday, make-up workday
        (D(2026, 3, 1), False),  # an ordinary Sunday
        (D(2026, 9, 20), True),  # Sunday, make-up workday for National Day
        (D(2026, 9, 25), False),  # Mid-Autumn, a Friday off
        (D(2026, 10, 1), False),
        (D(2026, 10, 7), False),
        (D(2026, 10, 8), True),
        (D(2026, 10, 10), True),  # Saturday, make-up workday
        (D(2026, 10, 11), False),
        (D(2026, 1, 4), True),  # Sunday after New Year, make-up workday
    ],
)
def test_statutory_days_and_make_up_workdays(day: dt.date, workday: bool) -> None:
    cal = WorkCalendar()
    assert cal.is_workday(day) is workday
    assert not cal.unknown_years


def test_spring_festival_stepping() -> None:
    cal = WorkCalendar()
    # From the make-up Saturday before the break, the next working day is after it.
    assert cal.next_workday(D(2026, 2, 13)) == D(2026, 2, 14)
    assert cal.next_workday(D(2026, 2, 14)) == D(2026, 2, 24)
    assert cal.previous_workday(D(2026, 2, 24)) == D(2026, 2, 14)
    # Three working days from Thursday 02-12: Fri 13, Sat 14 (调休), Tue 24.
    assert cal.add_workdays(D(2026, 2, 12), 3) == D(2026, 2, 24)
    # Tue 24 .. Fri 27 and the make-up Saturday 28: five working days after Monday 02-23.
    assert cal.workdays_between(D(2026, 2, 23), D(2026, 2, 28)) == 5
    assert cal.workdays_between(D(2026, 2, 28), D(2026, 2, 28)) == 0


def test_national_day_stepping() -> None:
    cal = WorkCalendar()
    assert cal.next_workday(D(2026, 9, 19)) == D(2026, 9, 20)  # Saturday -> make-up Sunday
    assert cal.next_workday(D(2026, 9, 30)) == D(2026, 10, 8)
    assert cal.previous_workday(D(2026, 10, 8)) == D(2026, 9, 30)
    assert cal.add_workdays(D(2026, 9, 29), 3) == D(2026, 10, 9)  # Wed 30, Thu 08, Fri 09
    assert cal.add_workdays(D(2026, 10, 8), 2) == D(2026, 10, 10)  # Fri 09, make-up Sat 10
    assert cal.workdays_between(D(2026, 9, 30), D(2026, 10, 12)) == 4  # 08, 09, 10, 12


def test_unknown_year_falls_back_to_monday_to_friday_and_is_remembered() -> None:
    cal = WorkCalendar()
    assert cal.is_workday(D(2030, 1, 1)) is True  # a Tuesday; 元旦 unknown to the data
    assert cal.is_workday(D(2030, 1, 5)) is False  # Saturday
    assert cal.next_workday(D(2030, 1, 4)) == D(2030, 1, 7)
    assert cal.unknown_years == {2030}
    assert "2030" in i18n.t("calendar-unknown-year", "zh", years="2030")
    assert "2030" in i18n.t("calendar-unknown-year", "en", years="2030")


def test_days_off_and_workdays_from_config() -> None:
    cfg = parse_config(
        Path("crossdept.toml"),
        '[calendar]\ndays_off = ["2026-12-31"]\nworkdays = ["2030-01-05"]\n',
    )
    cal = WorkCalendar(cfg.days_off, cfg.workdays)
    assert cal.is_workday(D(2026, 12, 31)) is False  # a Thursday made a company day off
    # Past the known years (2027 here), Friday 01-01 counts as a workday, with a warning.
    assert cal.next_workday(D(2026, 12, 30)) == D(2027, 1, 1)
    assert cal.unknown_years == {2027}
    assert cal.is_workday(D(2030, 1, 5)) is True  # a Saturday made a workday
    assert cal.previous_workday(D(2030, 1, 7)) == D(2030, 1, 5)
    # A date in both lists is a workday: an explicit workday wins.
    both = WorkCalendar({D(2026, 11, 20)}, {D(2026, 11, 20)})
    assert both.is_workday(D(2026, 11, 20)) is True
