"""Turn one raw cell value into the model's canonical value, or say why it cannot be.

Pure functions, no workbook in sight: the reader hands them what the engine read (a date, a
number, a string), whatever program wrote the file. A value that cannot be normalised is never
guessed at; the caller turns the returned problem into a finding at the cell.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from crossdept.model.sheets import RACI_ROLES
from crossdept.model.spec import Column, ColumnType
from crossdept.model.text import clean_text

# Excel's day zero for the 1900 date system (serial 1 = 1900-01-01, with Lotus' phantom 29 Feb).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
# Serial numbers accepted as dates: 1950-01-01 .. 2099-12-31. A number outside is far more likely
# a mistake (a percent or a count typed in the wrong column) than a date, so it is reported.
_SERIAL_MIN, _SERIAL_MAX = 18264, 73050
# The same range for writers (date validation in templates), so a template accepts what the reader does.
SERIAL_RANGE = (_SERIAL_MIN, _SERIAL_MAX)

_FULL_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?$")
# 11/20/2026: the year last is month/day/year, the order English-language Excel writes.
_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
# 11.25 typed as text: month.day of the project's year.
_DOTTED_MONTH_DAY = re.compile(r"^(\d{1,2})\.(\d{1,2})$")
# 20261110: year, month, day without separators.
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# A weekday after a date, "（周五）", "星期五", "Fri": people add it; it must agree with the date.
_WEEKDAY = re.compile(r"\s*\(?\s*(?:周|星期|礼拜)([一二三四五六日天])\s*\)?$|\s*\(?\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\s*\)?$", re.I)
_WEEKDAY_INDEX = {**{c: i for i, c in enumerate("一二三四五六日")}, "天": 6,
                  **{n: i for i, n in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))}}
_HAS_WEEKDAY = re.compile(r"周|星期|礼拜|[A-Za-z]{3}")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


@dataclass(frozen=True)
class Problem:
    """Why a value could not be normalised: a rule id and the facts its message needs."""

    rule: str
    params: dict[str, object]


Result = tuple[object, Problem | None]


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def to_date(value: object, default_year: int) -> Result:
    """A date from a date cell, an Excel serial number or any text form domain.md accepts."""
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, bool):
        return None, Problem("invalid-date", {})
    if isinstance(value, (int, float)):
        if _SERIAL_MIN <= value <= _SERIAL_MAX:
            return _EXCEL_EPOCH + dt.timedelta(days=int(value)), None
        return _number_date(value, default_year)
    text = _nfkc(str(value))
    m = _FULL_DATE.match(text)
    if m:  # by far the most common text form: no other pattern is tried
        day = _ymd(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return (day, None) if day is not None else (None, Problem("invalid-date", {}))
    weekday = _WEEKDAY.search(text) if _HAS_WEEKDAY.search(text) else None
    if weekday is not None and weekday.start() > 0:
        text = text[:weekday.start()].rstrip()
    parsed = _text_date(text, default_year)
    if parsed is None:
        return None, Problem("invalid-date", {})
    if isinstance(parsed, Problem):
        return None, parsed
    if weekday is not None and weekday.start() > 0:
        named = _WEEKDAY_INDEX[(weekday.group(1) or weekday.group(2)[:3]).lower()]
        if named != parsed.weekday():
            return None, Problem("invalid-date", {})  # 2026/11/20（周四）: which one is meant?
    return parsed, None


def _ymd(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _text_date(text: str, default_year: int) -> dt.date | Problem | None:
    """A date from text in one of the forms docs/reading.md lists, else None."""
    if (m := _COMPACT_DATE.match(text)) or (m := _FULL_DATE.match(text)):
        return _ymd(*(int(g) for g in m.groups()))
    if m := _MONTH_DAY.match(text) or _DOTTED_MONTH_DAY.match(text):
        return _ymd(default_year, int(m.group(1)), int(m.group(2)))
    if m := _US_DATE.match(text):
        return _ymd(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    if _NUMBER.match(text):
        result = to_date(float(text), default_year)
        return result[0] if result[0] is not None else result[1]
    return None


def _number_date(value: int | float, default_year: int) -> Result:
    """A number that is not a serial: 20261110 (year month day), or 11.25 (month.day) with two
    decimals; 11.2 could be 11月2日 or 11.20, so it is reported, not guessed."""
    if isinstance(value, float) and not value.is_integer():
        month, _, frac = f"{value:.10g}".partition(".")
        if len(frac) == 2 and 1 <= int(month) <= 12 and (day := _ymd(default_year, int(month), int(frac))):
            return day, None
        return None, Problem("invalid-date", {})
    digits = str(int(value))
    if (m := _COMPACT_DATE.match(digits)) and 1950 <= int(m.group(1)) <= 2099:
        if (day := _ymd(*(int(g) for g in m.groups()))) is not None:
            return day, None
    return None, Problem("invalid-date", {})


def to_percent(value: object) -> Result:
    """A percent 0-100 from 0.8 (a percent-formatted cell), 80 or "80%".

    A bare number up to 1 is read as a fraction (Excel stores 80 % as 0.8); above 1 as percent
    points. So 1 reads as 100 %: the one ambiguous value, documented in docs/reading.md.
    """
    if isinstance(value, bool):
        return None, Problem("invalid-percent", {})
    if isinstance(value, (int, float)):
        # A formula result carries float noise: 1.0000000000000002 is 1 (100 %), not 1 %.
        number = round(float(value), 9) + 0.0
        pct = number * 100 if 0 <= number <= 1 else number
    else:
        text = _nfkc(str(value)).replace(" ", "")
        is_pct = text.endswith("%")
        text = text.rstrip("%")
        if not _NUMBER.match(text):
            return None, Problem("invalid-percent", {})
        number = float(text)
        pct = number if is_pct or number > 1 else number * 100
    pct = round(pct, 4)
    if not 0 <= pct <= 100:
        return None, Problem("percent-range", {"percent": pct})
    return pct, None


def to_choice(value: object, column: Column) -> Result:
    assert column.choices is not None
    text = clean_text(value)
    canonical = column.choices.lookup(text)
    if canonical is None:
        return None, Problem("invalid-choice", {"allowed": "/".join(column.choices.values)})
    return canonical, None


def to_id(value: object) -> Result:
    """Ids keep their text; a number typed as an id (3.0) reads as "3"."""
    return clean_text(value), None


def to_raci(value: object) -> Result:
    """A RACI cell: one or more of R, A, C, I ("R/A", "A、R", "ra"), returned as a sorted string."""
    text = _nfkc(str(value)).upper()
    letters = re.sub(r"[\s/,、，+&;；]+", "", text)
    if not letters or any(ch not in RACI_ROLES for ch in letters):
        return None, Problem("invalid-raci", {})
    return "/".join(r for r in RACI_ROLES if r in letters), None


# The per-type functions below start with the exact-class fast path of the common case (a str
# from calamine, a datetime from a date cell), then defer to the general function: the reader
# calls one of them for every cell of every table.

def _to_text(value: object, column: Column, default_year: int) -> Result:
    if value.__class__ is str:
        return value.strip(), None  # type: ignore[attr-defined]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(), None
    return clean_text(value), None


def _date(value: object, column: Column, default_year: int) -> Result:
    cls = value.__class__
    if cls is dt.date:
        return value, None
    if cls is dt.datetime:
        return value.date(), None  # type: ignore[attr-defined]
    return to_date(value, default_year)


def _id(value: object, column: Column, default_year: int) -> Result:
    if value.__class__ is str:
        return value.strip(), None  # type: ignore[attr-defined]
    return to_id(value)


Normaliser = Callable[[object, Column, int], Result]

# One function per column type, all with normalise's signature, so a reader can pick a column's
# function once (normaliser) instead of testing the type for each of its cells.
_BY_TYPE: dict[ColumnType, Normaliser] = {
    ColumnType.DATE: _date,
    ColumnType.PERCENT: lambda value, column, year: to_percent(value),
    ColumnType.ENUM: lambda value, column, year: to_choice(value, column),
    ColumnType.ID: _id,
    ColumnType.RACI: lambda value, column, year: to_raci(value),
}


def keeps_text(column: Column) -> bool:
    """Whether a text cell of this column reads as its text stripped, never a problem (ids, names,
    descriptions): a reader may then skip calling the normaliser for text."""
    return normaliser(column) in (_to_text, _id)


def normaliser(column: Column) -> Normaliser:
    """The function normalise uses for this column's type."""
    return _BY_TYPE.get(column.type, _to_text)


def normalise(value: object, column: Column, default_year: int) -> Result:
    """The canonical value of a non-empty cell for its column's type."""
    return normaliser(column)(value, column, default_year)
