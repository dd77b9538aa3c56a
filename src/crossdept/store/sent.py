"""What the reminders already sent: (day, channel, recipient, item) in the history store.

The same SQLite file as the weekly snapshots (opened through History, which creates or checks
its own tables first, so a file started by `remind` is still a valid history for `rollup`, and
another program's database is refused before anything is added to it). A row is written only
after the platform or the SMTP server accepted the message, so a failed send is simply tried
again by the next run, and a second run the same day finds everything and sends nothing.

Items are the keys core/reminders.py gives (issue|file|id|state, escalation|file|id|level,
group parts). Escalations are announced once ever per level, the rest once a day.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from crossdept.store.history import History, HistoryError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sent (
    day TEXT NOT NULL,           -- the run's "today", ISO date
    channel TEXT NOT NULL,       -- email / wecom / dingtalk / feishu
    recipient TEXT NOT NULL,     -- a person's name, or "group"
    item TEXT NOT NULL,
    sent_at TEXT NOT NULL,       -- when, UTC ISO time
    PRIMARY KEY (day, channel, recipient, item)
);
"""


class SentLog:
    """Use as a context manager. `SentLog(path, create=False)` on a missing file is an empty,
    read-only log (a preview must not create the history)."""

    def __init__(self, path: Path, create: bool = True) -> None:
        self.path = Path(path)
        self.history: History | None = None
        self.db: sqlite3.Connection
        if not create and not self.path.exists():
            self.db = sqlite3.connect(":memory:")
        else:
            self.history = History(self.path)
            self.db = self.history.db
        try:
            self.db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            self.close()
            raise HistoryError(self.path, str(exc)) from exc

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "SentLog":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def sent(self, day: dt.date, channel: str, recipient: str, items: Iterable[str], once: bool = False) -> set[str]:
        """Which of `items` already went to `recipient` on `channel`: that day, or ever (`once`)."""
        wanted = list(dict.fromkeys(items))
        found: set[str] = set()
        query = "SELECT item FROM sent WHERE channel = ? AND recipient = ? AND item = ?"
        for item in wanted:
            params: tuple = (channel, recipient, item)
            sql = query if once else query + " AND day = ?"
            if not once:
                params += (day.isoformat(),)
            if self.db.execute(sql, params).fetchone():
                found.add(item)
        return found

    def record(self, day: dt.date, channel: str, recipient: str, items: Iterable[str]) -> None:
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        try:
            with self.db:
                self.db.executemany("INSERT OR IGNORE INTO sent VALUES (?, ?, ?, ?, ?)",
                                    [(day.isoformat(), channel, recipient, item, now) for item in dict.fromkeys(items)])
        except sqlite3.Error as exc:
            raise HistoryError(self.path, str(exc)) from exc
