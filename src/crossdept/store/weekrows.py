"""Each week's issue rows (id, status, deadline, owner, level) in the history store.

The weekly snapshot (store/history.py) keeps totals per department; these rows let the group
digest and the weekly email name which issues were opened, closed, slipped or escalated since
the previous week. Like the snapshot, a rerun in the same ISO week replaces that week's rows in
one transaction. Same SQLite file, opened through History (which checks it is ours).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from crossdept.store.history import History, HistoryError, iso_week
from crossdept.core.weekchanges import WeekRow

_SCHEMA = """
CREATE TABLE IF NOT EXISTS week_rows (
    week TEXT NOT NULL,          -- ISO week, e.g. 2026-W47
    path TEXT NOT NULL,          -- the workbook, relative to the project folder
    id TEXT NOT NULL,
    status TEXT,
    due TEXT,                    -- the deadline in force, ISO date
    owner TEXT,
    level TEXT NOT NULL,
    open INTEGER NOT NULL,
    PRIMARY KEY (week, path, id)
);
"""


class WeekRows:
    """Use as a context manager."""

    def __init__(self, path: Path) -> None:
        self.history = History(Path(path))
        self.path = self.history.path
        self.db = self.history.db
        try:
            self.db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            self.db.close()
            raise HistoryError(self.path, str(exc)) from exc

    def __enter__(self) -> "WeekRows":
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    def record(self, today: dt.date, rows: Iterable[WeekRow]) -> str:
        """This week's rows, replacing any earlier run of the same ISO week."""
        week = iso_week(today)
        values = ((week, r.path, r.id, r.status, r.due.isoformat() if r.due else None, r.owner, r.level, int(r.open))
                  for r in rows)  # a generator: the weekly run's rows are read from disk (ops/remind.WeekDigest)
        try:
            with self.db:
                self.db.execute("DELETE FROM week_rows WHERE week = ?", (week,))
                self.db.executemany("INSERT OR REPLACE INTO week_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values)
        except sqlite3.Error as exc:
            raise HistoryError(self.path, str(exc)) from exc
        return week

    def before(self, today: dt.date) -> list[WeekRow] | None:
        """The rows of the latest week recorded before today's ISO week; None when there is none."""
        try:
            found = self.db.execute("SELECT MAX(week) FROM week_rows WHERE week < ?", (iso_week(today),)).fetchone()
            if not found or found[0] is None:
                return None
            rows = self.db.execute("SELECT path, id, status, due, owner, level, open FROM week_rows WHERE week = ?",
                                   (found[0],)).fetchall()
        except sqlite3.Error as exc:
            raise HistoryError(self.path, str(exc)) from exc
        return [WeekRow(p, i, s, dt.date.fromisoformat(d) if d else None, o, lv, bool(op)) for p, i, s, d, o, lv, op in rows]
