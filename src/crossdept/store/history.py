"""Week-over-week history: one snapshot per department per ISO week, in an SQLite file.

SQLite because it ships with Python, needs no server, and one file is easy to keep beside the
project. ONE store per project, whoever runs (rollup, weekly, the ribbon): `history_path` says
where it is — --history, else crossdept.toml `[history] path`, else FOLDER/.crossdept/history.sqlite
(a hidden folder the roll-up never reads). A rerun in the same ISO week replaces that week's
snapshot in one transaction, so a week is never counted twice and a department gone from the
folder leaves it; `record_week` never records an empty week (a wrong or empty folder would
otherwise wipe this week's real snapshot).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from crossdept.config import Config
from crossdept.core.rollup import Figures, Rollup
from crossdept.errors import CrossdeptError
from crossdept.model.sheets import TASK_STATUS

SCHEMA_VERSION = 1
# Where history lives unless --history or crossdept.toml says otherwise, relative to the project folder.
DEFAULT_HISTORY = Path(".crossdept") / "history.sqlite"
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


class HistoryError(CrossdeptError):
    """The history file exists but is not ours or is damaged; the message names it.

    `foreign` lists the tables of an SQLite database that belongs to something else (worded in
    the user's language by `reason`); `detail` is SQLite's own reason otherwise."""

    def __init__(self, path: Path, detail: str, foreign: tuple[str, ...] = ()) -> None:
        self.path = path
        self.detail = detail
        self.foreign = foreign
        super().__init__("rollup.history-error", path=path, detail=detail)

    def reason(self, lang: str) -> str:
        if not self.foreign:
            return self.detail
        from crossdept import i18n

        return i18n.t("rollup.history-foreign", lang, tables=i18n.t("rollup.list-sep", lang).join(self.foreign))

    def message(self, lang: str = "zh") -> str:
        from crossdept import i18n

        return i18n.t(self.rule, lang, path=self.path, detail=self.reason(lang))


def history_path(folder: Path, config: Config, history: Path | None = None) -> tuple[Path, bool]:
    """The project's one history store and whether it was asked for (--history or crossdept.toml).

    A store that was asked for and cannot be used stops the run; the default one is skipped with
    a note (a read-only share must not cost the roll-up itself)."""
    if history is not None:
        return Path(history), True
    if config.history is not None:
        return config.history, True
    return Path(folder) / DEFAULT_HISTORY, False


def record_week(path: Path, today: dt.date, rollup: Rollup) -> tuple[str | None, list["WeekFigures"]]:
    """Record this week's snapshot (unless nothing was rolled up) and return (week, every week).

    An empty roll-up records nothing and removes nothing: the week's real snapshot, if any, stays."""
    if not rollup.rolled_up and not Path(path).exists():
        return None, []  # nothing to record and nothing to show: no store is made for it
    with History(path) as store:
        week = store.record(today, rollup.departments) if rollup.rolled_up else None
        return week, store.weeks()


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

