"""Week-over-week history: one snapshot per department per ISO week, in an SQLite file.

SQLite because it ships with Python, needs no server, and one file is easy to keep beside the
project (default FOLDER/.crossdept/history.sqlite, a hidden folder the roll-up never reads) or
anywhere with --history. A rerun in the same ISO week replaces that week's snapshot in one
transaction, so a week is never counted twice and a department gone from the folder leaves it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from crossdept.core.rollup import Figures
from crossdept.model.sheets import TASK_STATUS

SCHEMA_VERSION = 1
_STATUS_COLUMNS = ("not_started", "in_progress", "done", "blocked")  # TASK_STATUS order
_COUNTS = ("tasks_total", *_STATUS_COLUMNS, "progress_sum", "progress_n", "tasks_overdue",
           "issues_open", "issues_overdue", "issues_due_soon", "issues_stale")

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS snapshot (
    week TEXT NOT NULL,          -- ISO week, e.g. 2026-W47
    department TEXT NOT NULL,
    as_of TEXT NOT NULL,         -- the run's "today", ISO date
    {", ".join(f"{c} {'REAL' if c == 'progress_sum' else 'INTEGER'} NOT NULL" for c in _COUNTS)},
    PRIMARY KEY (week, department)
);
"""


def iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class WeekFigures:
    """One week's snapshot: its departments' figures, in the order they were recorded."""

    week: str
    as_of: dt.date
    departments: list[Figures]

    @property
    def totals(self) -> Figures:
        total = Figures("")
        for figures in self.departments:
            total.merge(figures)
        return total


class HistoryError(Exception):
    """The history file exists but is not ours or is damaged; the command names it.

    `foreign` lists the tables of an SQLite database that belongs to something else (the
    command words that in the user's language); `detail` is SQLite's own reason otherwise."""

    def __init__(self, path: Path, detail: str, foreign: tuple[str, ...] = ()) -> None:
        self.path = path
        self.detail = detail
        self.foreign = foreign
        super().__init__(f"{path}: {detail}")


class History:
    """The snapshots of one project. Use as a context manager; every write is one transaction."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path)
            # Another program's database given by mistake must not get our tables added to it.
            tables = {name for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables and not {"meta", "snapshot"} <= tables:
                self.db.close()
                raise HistoryError(self.path, "not a crossdept history", tuple(sorted(tables)))
            self.db.executescript(_SCHEMA)
            version = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if version is None:
                with self.db:
                    self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            elif int(version[0]) != SCHEMA_VERSION:
                raise HistoryError(self.path, f"schema version {version[0]}, expected {SCHEMA_VERSION}")
        except (sqlite3.Error, OSError, ValueError) as exc:
            raise HistoryError(self.path, str(exc).splitlines()[0] if str(exc) else type(exc).__name__) from exc

    def __enter__(self) -> "History":
        return self

    def __exit__(self, *exc: object) -> None:
        self.db.close()

    def record(self, today: dt.date, departments: list[Figures]) -> str:
        """Store this week's figures, replacing any earlier run of the same ISO week."""
        week = iso_week(today)
        rows = [
            (week, f.department, today.isoformat(), f.total, *(f.by_status[s] for s in TASK_STATUS.values),
             f.progress_sum, f.progress_n, f.tasks_overdue, f.issues_open, f.issues_overdue,
             f.issues_due_soon, f.issues_stale)
            for f in departments
        ]
        placeholders = ", ".join("?" * (3 + len(_COUNTS)))
        try:
            with self.db:
                self.db.execute("DELETE FROM snapshot WHERE week = ?", (week,))
                self.db.executemany(f"INSERT INTO snapshot VALUES ({placeholders})", rows)
        except sqlite3.Error as exc:
            raise HistoryError(self.path, str(exc)) from exc
        return week

    def weeks(self) -> list[WeekFigures]:
        """Every recorded week, oldest first."""
        out: dict[str, WeekFigures] = {}
        query = f"SELECT week, as_of, department, {', '.join(_COUNTS)} FROM snapshot ORDER BY week, rowid"
        try:
            rows = self.db.execute(query).fetchall()
        except sqlite3.Error as exc:
            raise HistoryError(self.path, str(exc)) from exc
        for week, as_of, department, total, *rest in rows:
            statuses, (p_sum, p_n, t_over, i_open, i_over, i_soon, i_stale) = rest[:4], rest[4:]
            fig = Figures(department, total, dict(zip(TASK_STATUS.values, statuses)), p_sum, p_n,
                          t_over, i_open, i_over, i_soon, i_stale)
            entry = out.setdefault(week, WeekFigures(week, dt.date.fromisoformat(as_of), []))
            entry.departments.append(fig)
        return list(out.values())

