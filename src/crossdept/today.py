"""What "today" is: Asia/Shanghai's date, unless the user fixed it (--today) for reruns and tests."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

TZ = ZoneInfo("Asia/Shanghai")


def today(fixed: dt.date | None = None) -> dt.date:
    return fixed or dt.datetime.now(TZ).date()
