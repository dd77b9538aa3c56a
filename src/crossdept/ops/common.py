"""What every operation shares: turning the caller's arguments into typed values.

The Python API accepts what a person would type (str paths, "2026-11-20"); the operations work on
Path and date. Bad values raise CrossdeptError, so Python callers and the CLI see the same message.
"""

from __future__ import annotations

import datetime as dt
from os import PathLike
from pathlib import Path
from typing import Protocol

from crossdept import i18n
from crossdept.errors import CrossdeptError
from crossdept.today import today as current_day

DateLike = dt.date | str | None
PathArg = str | PathLike[str]

EXIT_OK, EXIT_ATTENTION, EXIT_UNREADABLE = 0, 1, 2


class Result(Protocol):
    """What every operation returns."""

    @property
    def exit_code(self) -> int: ...

    def to_json(self) -> dict: ...


def as_today(value: DateLike) -> dt.date:
    """A date, "YYYY-MM-DD", or None for today in Asia/Shanghai."""
    if value is None:
        return current_day()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise CrossdeptError("bad-today") from None


def as_lang(value: str | None) -> str:
    """"zh" or "en"; anything else is refused (never silently Chinese)."""
    if value is not None and value.strip().lower() not in i18n.LANGS:
        raise CrossdeptError("bad-lang", value=value)
    return i18n.detect_lang(value)


def as_path(value: PathArg) -> Path:
    return Path(value)


def as_paths(values: PathArg | list[PathArg] | tuple[PathArg, ...]) -> list[Path]:
    """One path or several: the API accepts `validate("a.xlsx")` as well as a list."""
    if isinstance(values, (str, PathLike)):
        return [Path(values)]
    return [Path(v) for v in values]
