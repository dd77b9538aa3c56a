"""What "today" is: Asia/Shanghai's date, unless the user fixed it (--today) for reruns and tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Shanghai")


def today(fixed: dt.date | None = None) -> dt.date:
    return fixed or dt.datetime.now(TZ).date()


def now() -> dt.datetime:
    """The current time in Asia/Shanghai: every timestamp a user sees (run log, email Date
    header, backup names) is in the project's time zone, not the server's (often UTC)."""
    return dt.datetime.now(TZ)
